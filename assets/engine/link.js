// The share link's query string: `?[lang=<lang>&]chapter=<id>[&layers=<id>,<id>…][&date=<date>|&compare=<from>,<to>]`,
// the same format in every host, read and written only here (the page is the only reader of its address bar).
//
// Whatever a URL holds (unknown ids, repeats, markup, 10 000 characters), parsing gives a valid state plus,
// when one of the story's own parameters held a value it cannot use, a quiet notice that names no value.
// Parameters that are not the story's (utm_source, fbclid, gclid…) are none of its business: ignored, silently.
// Tested against tests/vectors/urlstate.json.

export const MAX_PARAM = 2000; // longer than any honest link; longer values are dropped whole
export const NOTICE = "Part of this link was not recognised, so the story opens at the nearest view it could find.";

/**
 * Normalise a query string ("?a=b…" or a URLSearchParams) against the story's ids, dates (ISO text), the
 * comparisons it offers ([[from, to]…], by default each date with the one before) and its languages (the
 * original's first; `lang` is null unless the link names one of them).
 */
export function parseQuery(search, chapterIds, layerIds, dates = [], pairs = dates.slice(1).map((d, i) => [dates[i], d]), langs = []) {
  const params = search instanceof URLSearchParams ? search : new URLSearchParams(search);
  const language = parseLang(params, langs);
  let dropped = language.dropped;
  let chapter = null;
  let unknownChapter = false;
  for (const raw of params.getAll("chapter")) {
    const value = raw.trim().toLowerCase();
    if (chapterIds.includes(value) && chapter === null) chapter = value;
    else if (value !== chapter) {
      dropped = true;
      unknownChapter = unknownChapter || chapter === null;
    }
  }
  let layers = null;
  const values = params.getAll("layers");
  if (values.length) {
    const picked = new Set();
    for (const raw of values) {
      if (raw.length > MAX_PARAM) {
        dropped = true;
        continue;
      }
      for (const part of raw.split(",")) {
        const value = part.trim().toLowerCase();
        if (!value) continue;
        if (layerIds.includes(value)) picked.add(value);
        else dropped = true;
      }
    }
    // The story's layer order: the same state always writes the same link.
    layers = layerIds.filter((id) => picked.has(id));
  }
  const dated = parseWhen(params, dates, pairs);
  let when = dated.when;
  dropped = dropped || dated.dropped;
  if (chapter === null && unknownChapter) {
    // A chapter we cannot find: its layers and date were meant for another view, so the first chapter opens as written.
    if (layers !== null || when !== null) dropped = true;
    layers = null;
    when = null;
  } else if (chapter === null && ((layers !== null && layers.length) || when !== null)) {
    chapter = chapterIds[0];
  }
  return { chapter, layers, when, lang: language.lang, notice: dropped ? NOTICE : null };
}

/** `lang=<tag>`: one of the story's languages (case as BCP 47 writes it: `uk`, `pt-BR`), the first valid. */
function parseLang(params, langs) {
  let lang = null;
  let dropped = false;
  for (const raw of params.getAll("lang")) {
    const value = langs.find((l) => l.toLowerCase() === raw.trim().toLowerCase());
    if (value && lang === null) lang = value;
    else if (value !== lang) dropped = true;
  }
  return { lang, dropped };
}

/** `date=<d>` (one of the story's dates) or `compare=<from>,<to>` (a comparison it offers), the first valid. */
function parseWhen(params, dates, pairs) {
  let when = null;
  let dropped = false;
  for (const raw of params.getAll("date")) {
    const value = raw.trim();
    if (when === null && dates.includes(value)) when = { date: value, since: null };
    else dropped = true;
  }
  for (const raw of params.getAll("compare")) {
    const [since, date, ...rest] = raw.split(",").map((v) => v.trim());
    const ok = !rest.length && pairs.some(([a, b]) => a === since && b === date);
    if (ok && when === null) when = { date, since };
    else dropped = true;
  }
  return { when, dropped };
}

/** The query string for a state, keys in a fixed order; null `chapter`, `layers`, `when` or `lang` leave them out
 * ("" when nothing is left: a chapter's share page implies its chapter, an edition's folder its language). */
export function toQuery(chapter, layers, when = null, lang = null) {
  const params = new URLSearchParams();
  if (lang) params.set("lang", lang);
  if (chapter) params.set("chapter", chapter);
  if (layers !== null && layers !== undefined) params.set("layers", layers.join(","));
  if (when && when.since) params.set("compare", `${when.since},${when.date}`);
  else if (when) params.set("date", when.date);
  const query = params.toString();
  return query ? "?" + query : "";
}
