// The map as a pure function of (active chapter, reader's choices).
//
// A chapter says which layers it highlights ("strong") and shows as context ("dim"); every other layer is "off".
// The reader's choices (`overrides`: layer id -> shown or hidden) hold in every chapter until the reader resets
// them or undoes one: a hidden layer stays hidden, a shown layer stays shown (highlighted where the chapter does not show it).
// Whether the map differs from the story is computed from the two, never stored.
//
// The page's whole state is one object changed only by update() (main.js holds it; page.js dispatches).

import { chooseWhen, sameWhen, whenOf } from "./dates.js";

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

/** The story's chapters (in order and by id) and its layer ids: what every change of state reads. */
export function storyIndex(story) {
  const chapters = story.chapters;
  return { chapters, byId: new Map(chapters.map((c) => [c.id, c])), layerIds: story.layers.map((l) => l.id) };
}

/** The chapter a page opens at: the link's, else the first. */
export function firstChapter(index, initial = {}) {
  return index.byId.has(initial.chapter) ? initial.chapter : index.chapters[0].id;
}

/**
 * The page's state before its first chapter: `active` (the chapter on the map, null until the first is shown),
 * the reader's layer choices (`overrides`), the reader's own date of the map (`dateChoice`, {date, since}; null:
 * each chapter's own) and `hold` (the text scrolled to a focused link, not by the reader: the map waits). A
 * link's layers and date are read in the chapter it opens.
 */
export function startState(index, initial = {}) {
  const first = index.byId.get(firstChapter(index, initial));
  return {
    active: null,
    overrides: overridesFromLink(first, initial.layers, index.layerIds),
    dateChoice: initial.when ? chooseWhen(first, initial.when) : null,
    hold: false,
  };
}

/**
 * One change of the page's state: {type: "activate", chapter} | {type: "hold", on} | {type: "toggle", layer,
 * shown} | {type: "reset"} | {type: "date", when}. Returns the new state; the same object when nothing changed.
 */
export function update(state, action, index) {
  const chapter = index.byId.get(state.active);
  switch (action.type) {
    case "activate":
      return { ...state, active: action.chapter };
    case "hold":
      return { ...state, hold: action.on };
    case "toggle":
      return { ...state, overrides: choose(state.overrides, action.layer, action.shown, chapter, index.layerIds) };
    case "reset":
      return { ...state, overrides: reset(), dateChoice: null };
    case "date":
      // The date the map shows already: nothing to choose.
      if (sameWhen(action.when, whenOf(chapter, state.dateChoice))) return state;
      return { ...state, dateChoice: chooseWhen(chapter, action.when) };
    default:
      throw new Error(`Unknown change of the page's state: ${action.type}`);
  }
}

/** True when the reader has chosen anything (a layer or a date): "Back to the story's view" is offered. */
export function hasChoices(state) {
  return Object.keys(state.overrides).length > 0 || state.dateChoice !== null;
}

/** What a link carries for this state: [chapter, layers (null: no choice), date (null: the chapter's own)]. */
export function linkState(state, index) {
  return [state.active, linkLayers(index.byId.get(state.active), state.overrides, index.layerIds), state.dateChoice];
}
