// The reader's page: chapters beside a Leaflet map built by Folium. One engine for every host (the Streamlit
// app, the published static site); a host hands it a root element holding the page's HTML, the story's data,
// the story module's createMaps(L), and a few host facts (where links point, the state the link asked for).
//
// Everything that happens while the reader reads happens here, in the browser. mount() puts the pieces together:
// the page's state (state.js, held by page.js), what the page shows for it (render.js), moving between chapters
// (navigate.js), the address bar and sharing (address.js), the layout around the map (layout.js) and the map
// itself (mapview.js).
//
// The modules reach the browser as one file per host, built by esbuild (scripts/bundle.mjs, into assets/dist/,
// committed and checked for drift by tests/js/bundle.test.mjs): rebuild it after an edit here.

import { settleSoon, share, showNotice } from "./address.js";
import { bindControls } from "./controls.js";
import { bindDates } from "./datecontrol.js";
import { prepareNumbers } from "./describe.js";
import { whenOf } from "./dates.js";
import { bindLayout, furniture } from "./layout.js";
import { createMapView } from "./mapview.js";
import { activate, hold, jumpTo, scrolledTo, step } from "./navigate.js";
import { createPage, dispatch } from "./page.js";
import { derive, renderPage, renderSwatches } from "./render.js";
import { firstChapter } from "./state.js";
import { trackSteps } from "./steps.js";
import { offerEdition } from "./words.js";

/** The story's chapter ids, layer ids, dates (ISO text), comparisons and languages: what a link may name (link.js). */
export function storyIds(story) {
  const dates = (story.dates || []).map((d) => d.iso);
  return [story.chapters.map((c) => c.id), story.layers.map((l) => l.id), dates, story.pairs || [], story.languages || []];
}

/**
 * story: {chapters, layers, region, region_name, lang, languages, grammar, dates, pairs, look}; host: {L, initial:
 * {chapter, layers, when, notice}, locationFor(chapter, layers, when), shareUrlFor(chapter, layers, when),
 * editionUrlFor?(lang, chapter, layers, when), title, instrument?}. Returns {destroy, state, zoom, points, onActivate}.
 */
export function mount(root, story, createMaps, host) {
  const page = createPage(root, story, host);
  const { els } = page;
  const maps = createMaps(host.L);
  els.insetBox.appendChild(maps.inset.getContainer());
  const onSymbols = () => renderSwatches(page, derive(story, page.index, page.state));
  page.view = createMapView(host.L, maps, els.frame, { region: story.region, look: story.look, words: story.grammar, furniture: () => furniture(els), onSymbols });
  page.steps = trackSteps(els.scroller, els.chapterEls, (i) => scrolledTo(page, i));
  const unbindControls = bindControls(root, els.scroller, controlActions(page));
  const unbindLayout = bindLayout(page);
  // The date of the map: a reader's choice holds in every later chapter, like a layer choice, until reset.
  page.dates = bindDates(root, story.dates || [], story.grammar, (when) => change(page, { type: "date", when }));
  const api = readerApi(page);
  const uninstrument = host.instrument ? host.instrument(api) : () => {};
  start(page);
  return {
    ...api,
    destroy() {
      for (const timer of Object.values(page.timers)) clearTimeout(timer);
      uninstrument();
      page.listeners.clear();
      page.steps.destroy();
      unbindControls();
      unbindLayout();
      page.dates.destroy();
      page.view.destroy();
    },
  };
}

/** What the reader's controls ask for (controls.js), as changes of the page. */
function controlActions(page) {
  return {
    step: (delta, source) => step(page, delta, source),
    goto: (id, source) => page.index.byId.has(id) && jumpTo(page, id, { focus: true, source }),
    skip: () => jumpTo(page, page.state.active, { focus: true, instant: true, source: "skip" }),
    hold: (on) => hold(page, on),
    toggle: (layer, shown) => change(page, { type: "toggle", layer, shown }),
    reset: () => change(page, { type: "reset" }),
    share: () => share(page),
  };
}

/** A reader's choice (a layer, a date, a reset): the page follows at once, the address bar once it holds. */
function change(page, action) {
  if (!dispatch(page, action)) return;
  renderPage(page);
  settleSoon(page);
}

/** The read-only hooks a host may hand to its instrumentation (instrument.js). */
function readerApi(page) {
  return {
    state: () => ({ chapter: page.state.active, overrides: { ...page.state.overrides }, when: whenOf(page.index.byId.get(page.state.active), page.state.dateChoice) }),
    zoom: () => page.view.map.getZoom(),
    points: () => page.view.drawnPoints(),
    /** Subscribe to chapter activations ({chapter, source, activeAt, appliedAt}); returns the unsubscriber. */
    onActivate(fn) {
      page.listeners.add(fn);
      return () => page.listeners.delete(fn);
    },
  };
}

// Restore the link's state at once (no animation, nothing written on the way), THEN follow the scroll.
function start(page) {
  const initial = page.host.initial || {};
  if (initial.notice) showNotice(page, page.story.grammar.notice_link); // in the page's language
  if (!initial.lang) offerEdition(page.els.langLinks, page.story.lang, navigator.languages || []);
  page.view.resize();
  const first = firstChapter(page.index, initial);
  if (first === initial.chapter) jumpTo(page, first, { instant: true, source: "link" });
  else activate(page, first, { instant: true, source: "start" });
  page.steps.resume(); // only now: the restore itself must not read as the reader scrolling
  page.view.onMove();
  page.root.dataset.ready = "true";
  if (window.requestIdleCallback) requestIdleCallback(() => prepareNumbers(page.story.grammar));
}

/** The test and benchmark hooks, loaded only when the page is asked to instrument itself (see instrument.js). */
export async function askedInstrument() {
  return window.__mapstoryInstrument === true ? (await import("./instrument.js")).instrument : null;
}
