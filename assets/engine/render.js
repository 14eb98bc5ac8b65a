// What the page shows for its state: the map's layer states, the layer switches, the frame's data attributes,
// the legend, the reset button, the screen-reader sentence, the dateline and the chapter marks. The map is always
// derived from (active chapter, reader's choices), so a fast scroll, a reload or a deep link can never leave it
// in a mix of two chapters. derive() is pure (tests/js/render.test.mjs); the rest writes it into the page.

import { dateline, dateText, groupStates, legendEntries, sameWhen, sentenceFacts, whenOf } from "./dates.js";
import { describeMap } from "./describe.js";
import { renderLegend } from "./legend.js";
import { ringEntries, ringNames } from "./minsize.js";
import { differsFromStory, hasChoices, layerStates } from "./state.js";

/** Everything the page shows for a state, computed (story: the page's data; index: state.js storyIndex). */
export function derive(story, index, state) {
  const ch = index.byId.get(state.active);
  const states = layerStates(ch, state.overrides, index.layerIds);
  const when = whenOf(ch, state.dateChoice);
  const facts = sentenceFacts(states, story.layers, when, story.dates);
  // A held date that is this chapter's own changes nothing the reader sees here.
  const custom = differsFromStory(ch, state.overrides, index.layerIds) || !sameWhen(when, ch.when);
  const shownOn = when ? dateText(story.dates, when.date) : ch.as_of;
  return {
    states,
    when,
    groups: groupStates(states, when, story.layers),
    named: ch.named || [],
    highlight: index.layerIds.filter((id) => states[id] === "strong"),
    dimmed: index.layerIds.filter((id) => states[id] === "dim"),
    legend: legendEntries(story.layers, states, when, story.dates, story.grammar, story.look.change),
    chosen: hasChoices(state),
    sentence: describeMap({ ...facts, when: shownOn, region: story.region_name, custom }, story.grammar),
    dateline: dateline(when, story.dates, ch.as_of, story.grammar),
  };
}

/** Writes the page's state into the map and the page. */
export function renderPage({ story, index, state, els, view, dates }) {
  const shown = derive(story, index, state);
  view.applyStates(shown.groups, { rings: ringNames(shown.groups, story.layers, shown.when, shown.legend.entries), named: shown.named });
  for (const [id, box] of els.boxes) box.checked = shown.states[id] !== "off";
  const data = els.frame.dataset;
  data.activeChapter = state.active;
  data.highlight = shown.highlight.join(" ");
  data.dimmed = shown.dimmed.join(" ");
  if (shown.when) data.when = shown.when.since ? `${shown.when.since}..${shown.when.date}` : shown.when.date;
  renderSwatches({ story, els, view }, shown);
  els.resetBtn.hidden = !shown.chosen;
  els.root.classList.toggle("ms-custom", shown.chosen);
  els.status.textContent = shown.sentence;
  els.dateline.textContent = shown.dateline;
  dates.render(shown.when);
}

/** The legend, with a ring for each layer the map draws as its symbol (again after a zoom changed them). */
export function renderSwatches({ story, els, view }, shown) {
  const rings = ringEntries(view.symbols(), story.layers, shown.when);
  renderLegend(els.legendList, shown.legend.entries, shown.legend.states, story.grammar, rings);
}

/** Marks the active chapter in the text and the chapter list, and sets the position and the prev/next buttons. */
export function markChapter({ index, state, els }) {
  for (const el of els.chapterEls) {
    if (el.dataset.chapter === state.active) el.setAttribute("aria-current", "step");
    else el.removeAttribute("aria-current");
  }
  for (const a of els.root.querySelectorAll("[data-goto]")) {
    if (a.dataset.goto === state.active) a.setAttribute("aria-current", "true");
    else a.removeAttribute("aria-current");
  }
  const i = index.chapters.indexOf(index.byId.get(state.active));
  els.position.textContent = `${i + 1} / ${index.chapters.length}`;
  els.prev.disabled = i === 0;
  els.next.disabled = i === index.chapters.length - 1;
}
