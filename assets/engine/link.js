// The share link's query string: `?chapter=<id>[&layers=<id>,<id>…]`, the same format in every host.
//
// Whatever a URL holds (unknown ids, repeats, markup, 10 000 characters), parsing gives a valid state plus,
// when something was dropped, a quiet notice that names no value. page/urlstate.py is the same codec in
// Python; both are tested against tests/vectors/urlstate.json.

export const MAX_PARAM = 2000; // longer than any honest link; longer values are dropped whole
export const NOTICE = "Part of this link was not recognised, so the story opens at the nearest view it could find.";

/** Normalise a query string ("?a=b…" or a URLSearchParams) against the story's ids. */
export function parseQuery(search, chapterIds, layerIds) {
  const params = search instanceof URLSearchParams ? search : new URLSearchParams(search);
  let dropped = false;
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
  if (chapter === null && unknownChapter) {
    // A chapter we cannot find: its layer list was meant for another view, so the first chapter opens as written.
    if (layers !== null) dropped = true;
    layers = null;
  } else if (chapter === null && layers !== null && layers.length) {
    chapter = chapterIds[0];
  }
  for (const key of params.keys()) {
    if (key !== "chapter" && key !== "layers") dropped = true;
  }
  return { chapter, layers, notice: dropped ? NOTICE : null };
}

/** The query string for a state, keys in a fixed order; `layers` null leaves the list out. */
export function toQuery(chapter, layers) {
  const params = new URLSearchParams();
  params.set("chapter", chapter);
  if (layers !== null && layers !== undefined) params.set("layers", layers.join(","));
  return "?" + params.toString();
}
