// The mounted page as one explicit object: the story and its index, the page's elements, the host's facts, the
// state (state.js's update() is its only writer, through dispatch) and the timers. The map view, the chapter
// tracker and the date control are added by main.js as it mounts them.

import { startState, storyIndex, update } from "./state.js";

/** The page object for `root`; its state is the link's (host.initial), before the first chapter is shown. */
export function createPage(root, story, host) {
  const index = storyIndex(story);
  return {
    root,
    story,
    host,
    index,
    els: pageElements(root, index.chapters),
    state: startState(index, host.initial || {}),
    timers: { settle: 0, share: 0, notice: 0 }, // every timer is cleared on destroy: none fires into an unmounted page
    listeners: new Set(), // chapter activations (main.js onActivate)
    view: null,
    steps: null,
    dates: null,
  };
}

/** Changes the page's state by one action (state.js update); true when it changed. */
export function dispatch(page, action) {
  const next = update(page.state, action, page.index);
  const changed = next !== page.state;
  page.state = next;
  return changed;
}

/** The elements the engine reads and writes, found once. */
function pageElements(root, chapters) {
  const $ = (sel) => root.querySelector(sel);
  return {
    root,
    frame: $("[data-ms-map-frame]"),
    scroller: $("[data-ms-scroller]"),
    legendBox: $(".ms-legend"),
    legendList: $("[data-ms-legend]"),
    insetBox: $(".ms-inset"),
    mapfoot: $(".ms-mapfoot"),
    layersBtn: $("[data-ms-layers] summary"),
    datesBox: $("[data-ms-dates]"),
    resetBtn: $("[data-ms-reset]"),
    shareDone: $("[data-ms-share-done]"),
    status: $("[data-ms-status]"),
    dateline: $("[data-ms-dateline]"),
    notice: $("[data-ms-notice]"),
    position: $("[data-ms-position]"),
    prev: $("[data-ms-prev]"),
    next: $("[data-ms-next]"),
    chapterEls: chapters.map((c) => root.querySelector(`[data-chapter="${c.id}"]`)),
    langLinks: Array.from(root.querySelectorAll("a[data-ms-lang]")), // the story in its other languages
    boxes: new Map(Array.from(root.querySelectorAll("input[data-layer]")).map((b) => [b.dataset.layer, b])),
  };
}
