// The map as a pure function of (active chapter, reader's choices).
//
// A chapter says which layers it highlights ("strong") and shows as context ("dim"); every other layer is "off".
// The reader's choices (`overrides`: layer id -> shown or hidden) hold in every chapter until the reader resets
// them or undoes one: a hidden layer stays hidden, a shown layer stays shown (highlighted where the chapter does not show it).
// Whether the map differs from the story is computed from the two, never stored.

/** Each layer's state in a chapter as the story wrote it: "strong", "dim" or "off". */
export function storyStates(chapter, layerIds) {
  const out = {};
  for (const id of layerIds) {
    out[id] = chapter.highlight.includes(id) ? "strong" : chapter.context.includes(id) ? "dim" : "off";
  }
  return out;
}

/** Each layer's state on the map: the chapter's, with the reader's choices applied. */
export function layerStates(chapter, overrides, layerIds) {
  const out = storyStates(chapter, layerIds);
  for (const id of layerIds) {
    if (!(id in overrides)) continue;
    if (!overrides[id]) out[id] = "off";
    else if (out[id] === "off") out[id] = "strong";
  }
  return out;
}

/** The ids of the layers on the map, in the story's layer order. */
export function shownLayers(chapter, overrides, layerIds) {
  const states = layerStates(chapter, overrides, layerIds);
  return layerIds.filter((id) => states[id] !== "off");
}

/** True when the reader's choices change what this chapter's map shows. */
export function differsFromStory(chapter, overrides, layerIds) {
  const story = storyStates(chapter, layerIds);
  const now = layerStates(chapter, overrides, layerIds);
  return layerIds.some((id) => (story[id] === "off") !== (now[id] === "off"));
}

/**
 * A reader's choice in a chapter: returns new overrides (the old object is left as it was). Switching a layer
 * back to how this chapter shows it undoes the choice; any other choice holds from here on.
 */
export function choose(overrides, layerId, shown, chapter, layerIds) {
  const out = { ...overrides };
  if ((storyStates(chapter, layerIds)[layerId] !== "off") === Boolean(shown)) delete out[layerId];
  else out[layerId] = Boolean(shown);
  return out;
}

/** "Back to the story's view": no choices left. */
export function reset() {
  return {};
}

/**
 * The choices a share link's `layers` list stands for in its chapter: only the layers whose presence differs
 * from the chapter's own map become choices, so the story goes on changing the others as the reader reads on.
 * `layers` null (no list in the link) means no choices.
 */
export function overridesFromLink(chapter, layers, layerIds) {
  if (!Array.isArray(layers)) return {};
  const story = storyStates(chapter, layerIds);
  const out = {};
  for (const id of layerIds) {
    const on = layers.includes(id);
    if ((story[id] !== "off") !== on) out[id] = on;
  }
  return out;
}

/** The `layers` list a share link carries: null while the reader has made no choice. */
export function linkLayers(chapter, overrides, layerIds) {
  return Object.keys(overrides).length ? shownLayers(chapter, overrides, layerIds) : null;
}
