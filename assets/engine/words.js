// The page's own words in its language (story/words/<lang>.json, sent as the story data's `grammar`), where
// Leaflet writes words of its own: the scale bar's units.

/** "10 km" → "10 км": the scale's units in the page's language. */
export function scaleText(text, words) {
  return text.replace(/(\d)\s*(km|m)$/, (_m, digit, unit) => `${digit} ${unit === "km" ? words.scale_km : words.scale_m}`);
}

/**
 * Leaflet's scale bar writes English units after each move: say them in the page's language once it has (its
 * listener was added first, so it runs first). Returns the function that stops.
 */
export function sayScale(map, words) {
  const lines = () => map.getContainer().querySelectorAll(".leaflet-control-scale-line");
  if (words.scale_km === "km" && words.scale_m === "m") return () => {};
  const say = () => {
    for (const line of lines()) {
      const said = scaleText(line.textContent, words);
      if (said !== line.textContent) line.textContent = said;
    }
  };
  // The scale is redrawn once a move ends (page/mapbuild.py ScaleBar: updateWhenIdle), before this listener.
  map.on("moveend", say);
  say();
  return () => map.off("moveend", say);
}

/** The edition a reader's browser prefers, among the links to the story's other languages; null: none (the
 * page's own language is preferred first, or no edition matches the first preference). Primary subtags compare. */
export function preferredEdition(langs, pageLang, preferred) {
  const primary = (tag) => tag.toLowerCase().split("-")[0];
  const first = preferred.length ? primary(preferred[0]) : null;
  if (!first || first === primary(pageLang)) return null;
  return langs.find((l) => primary(l) === first) || null;
}

/**
 * A browser that prefers another of the story's languages is offered that edition, never sent there: its links
 * stand out (story.css .ms-offered). A link that names a language was the reader's choice: nothing is offered.
 */
export function offerEdition(links, pageLang, preferred) {
  const lang = preferredEdition(links.map((a) => a.dataset.msLang), pageLang, preferred);
  for (const a of links) if (a.dataset.msLang === lang) a.closest(".ms-edition, .ms-lang").classList.add("ms-offered");
}
