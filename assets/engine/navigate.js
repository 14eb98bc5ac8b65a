// Moving between chapters: by the scroll (steps.js), a jump (the chapter list, a link, the skip link) or a step
// (keys, the prev/next buttons). Each ends in activate(): the page and the map follow the new chapter.

import { settleSoon } from "./address.js";
import { dispatch } from "./page.js";
import { markChapter, renderPage } from "./render.js";

const JUMP_TOP = 0.12; // where a jumped-to chapter's top lands, as a share of the reading area

/** Makes `id` the active chapter: the page and the map follow, listeners hear of it, then the address bar. */
export function activate(page, id, { instant = false, source = "scroll" } = {}) {
  const activeAt = performance.now();
  const moved = id !== page.state.active;
  dispatch(page, { type: "activate", chapter: id });
  markChapter(page);
  renderPage(page);
  if (moved) page.els.frame.dataset.lastMove = page.view.fit(page.index.byId.get(id), { instant });
  for (const fn of page.listeners) fn({ chapter: id, source, activeAt, appliedAt: performance.now() });
  settleSoon(page);
}

/** Scrolls the text to a chapter and makes it active (the scroll tracker looks away meanwhile). */
export function jumpTo(page, id, { focus = false, instant = false, source = "jump" } = {}) {
  const { els, index, steps } = page;
  const el = els.chapterEls[index.chapters.indexOf(index.byId.get(id))];
  if (!el) return;
  steps.pause();
  // The page is written first and measured after: one layout for both (measured first, the text's boxes forced a
  // layout of their own before the chapter's writes needed another).
  activate(page, id, { instant, source });
  const r = els.scroller.getBoundingClientRect();
  const top = els.scroller.scrollTop + el.getBoundingClientRect().top - r.top - r.height * JUMP_TOP;
  els.scroller.scrollTo({ top, behavior: "instant" });
  // At once, while the scroll tracker looks away: the focus's own reaction (controls.js onFocusIn) must read the
  // text where the jump put it. (Deferred to the next frame it raced the tracker, and a hidden tab never gets one.)
  if (focus) el.querySelector("h2").focus({ preventScroll: true });
  steps.resume();
}

/** The chapter `delta` away from the active one (none past either end). */
export function step(page, delta, source) {
  const { chapters, byId } = page.index;
  const i = chapters.indexOf(byId.get(page.state.active));
  const j = Math.min(chapters.length - 1, Math.max(0, i + delta));
  if (j !== i) jumpTo(page, chapters[j].id, { focus: true, source });
}

/** The scroll brought chapter `i` to the line: it becomes active, unless the map is held. */
export function scrolledTo(page, i) {
  const id = page.index.chapters[i].id;
  if (!page.state.hold && id !== page.state.active) activate(page, id, { source: "scroll" });
}

/** Holds the map's chapter while the text scrolls to a focused link; released, the map catches up with the text. */
export function hold(page, on) {
  dispatch(page, { type: "hold", on });
  if (!on) scrolledTo(page, page.steps.current());
}
