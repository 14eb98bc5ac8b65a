// The reader's page: chapters beside a Leaflet map built by Folium. One engine for every host (the Streamlit
// app, the published static site); a host hands it a root element holding the page's HTML, the story's data,
// the story module's createMaps(L), and a few host facts (where links point, the state the link asked for).
//
// Everything that happens while the reader reads happens here, in the browser. The map is always derived from
// (active chapter, reader's choices) by state.js, so a fast scroll, a reload or a deep link can never leave it
// in a mix of two chapters. The address bar is written here alone, once a chapter has held still.
//
// Modules reach the browser as native ES modules, unchanged (no build step, nothing to drift): the published site
// serves these files; the app's component carries them and imports each from a blob: URL (page/component.py).

import { bindControls, shareLink } from "./controls.js";
import { bindDates } from "./datecontrol.js";
import { chooseWhen, dateline, dateText, groupStates, legendEntries, sameWhen, sentenceFacts, whenOf } from "./dates.js";
import { describeMap } from "./describe.js";
import { bindLegendToggle, renderLegend, swatch } from "./legend.js";
import { createMapView } from "./mapview.js";
import { choose, differsFromStory, layerStates, linkLayers, overridesFromLink, reset } from "./state.js";
import { trackSteps } from "./steps.js";

const SETTLE_MS = 400; // how long a chapter must hold still before the address bar follows
const JUMP_TOP = 0.12; // where a jumped-to chapter's top lands, as a share of the reading area

/** The story's chapter ids, layer ids, dates (ISO text) and comparisons: what a link may name (link.js). */
export function storyIds(story) {
  const dates = (story.dates || []).map((d) => d.iso);
  return [story.chapters.map((c) => c.id), story.layers.map((l) => l.id), dates, story.pairs || []];
}

/**
 * story: {chapters, layers, region, region_name, grammar, dates, change_style, look}; host: {L, initial: {chapter,
 * layers, when, notice}, locationFor(chapter, layers, when), shareUrlFor(chapter, layers, when), title,
 * instrument?}. Returns {destroy, state, zoom, onActivate}.
 */
export function mount(root, story, createMaps, host) {
  const $ = (sel) => root.querySelector(sel);
  const frame = $("[data-ms-map-frame]");
  const scroller = $("[data-ms-scroller]");
  const legendBox = $(".ms-legend");
  const insetBox = $(".ms-inset");
  const resetBtn = $("[data-ms-reset]");
  const shareDone = $("[data-ms-share-done]");
  const chapters = story.chapters;
  const layerIds = story.layers.map((l) => l.id);
  const byId = new Map(chapters.map((c) => [c.id, c]));
  const chapterEls = chapters.map((c) => root.querySelector(`[data-chapter="${c.id}"]`));
  const boxes = new Map(Array.from(root.querySelectorAll("input[data-layer]")).map((b) => [b.dataset.layer, b]));
  // Phones, landscape phones and zoomed-in desktops: the legend leaves the map for the strip beneath it.
  const compact = window.matchMedia("(max-width: 760px), (max-height: 500px)");
  const listeners = { activate: new Set() };

  const maps = createMaps(host.L);
  insetBox.appendChild(maps.inset.getContainer());
  const view = createMapView(host.L, maps, frame, {
    region: story.region,
    look: story.look,
    // What the page lays over the map (a phone's legend sits beneath it; the layers panel counts by its button).
    furniture: () => [legendBox.parentElement === frame ? legendBox : null, insetBox, $("[data-ms-layers] summary"), $("[data-ms-dates]")],
  });

  let active = null;
  let overrides = {};
  let dateChoice = null; // the reader's own date of the map ({date, since}), null: each chapter's own
  let hold = false;
  let settleTimer = 0;
  let shareTimer = 0; // every timer is cleared on destroy: none fires into an unmounted page
  let noticeTimer = 0;

  function render() {
    const ch = byId.get(active);
    const states = layerStates(ch, overrides, layerIds);
    const when = whenOf(ch, dateChoice);
    view.applyStates(groupStates(states, when, story.layers));
    for (const [id, box] of boxes) box.checked = states[id] !== "off";
    frame.dataset.activeChapter = active;
    frame.dataset.highlight = layerIds.filter((id) => states[id] === "strong").join(" ");
    frame.dataset.dimmed = layerIds.filter((id) => states[id] === "dim").join(" ");
    if (when) frame.dataset.when = when.since ? `${when.since}..${when.date}` : when.date;
    const legend = legendEntries(story.layers, states, when, story.dates, story.grammar, story.change_style);
    renderLegend($("[data-ms-legend]"), legend.entries, legend.states);
    const chosen = Object.keys(overrides).length > 0 || dateChoice !== null;
    resetBtn.hidden = !chosen;
    root.classList.toggle("ms-custom", chosen);
    // A held date that is this chapter's own changes nothing the reader sees here.
    const custom = differsFromStory(ch, overrides, layerIds) || !sameWhen(when, ch.when);
    const text = dateline(when, story.dates, ch.as_of, story.grammar);
    const facts = { ...sentenceFacts(states, story.layers, when, story.dates), when: when ? dateText(story.dates, when.date) : ch.as_of };
    $("[data-ms-status]").textContent = describeMap({ ...facts, region: story.region_name, custom }, story.grammar);
    $("[data-ms-dateline]").textContent = text;
    dates.render(when);
  }

  function markChapter() {
    for (const el of chapterEls) {
      if (el.dataset.chapter === active) el.setAttribute("aria-current", "step");
      else el.removeAttribute("aria-current");
    }
    for (const a of root.querySelectorAll("[data-goto]")) {
      if (a.dataset.goto === active) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    }
    const i = chapters.indexOf(byId.get(active));
    $("[data-ms-position]").textContent = `${i + 1} / ${chapters.length}`;
    $("[data-ms-prev]").disabled = i === 0;
    $("[data-ms-next]").disabled = i === chapters.length - 1;
  }

  function activate(id, { instant = false, source = "scroll" } = {}) {
    const activeAt = performance.now();
    const moved = id !== active;
    active = id;
    markChapter();
    render();
    if (moved) frame.dataset.lastMove = view.fit(byId.get(id), { instant });
    for (const fn of listeners.activate) fn({ chapter: id, source, activeAt, appliedAt: performance.now() });
    settleSoon();
  }

  // The address bar follows once the state has held still: replaced, never pushed, so Back leaves the story.
  function settleSoon() {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(writeLocation, SETTLE_MS);
  }
  function linkState() {
    return [active, linkLayers(byId.get(active), overrides, layerIds), dateChoice];
  }
  function writeLocation() {
    const url = host.locationFor(...linkState());
    if (url !== window.location.pathname + window.location.search) window.history.replaceState(window.history.state, "", url);
  }

  function jumpTo(id, { focus = false, instant = false, source = "jump" } = {}) {
    const el = chapterEls[chapters.indexOf(byId.get(id))];
    if (!el) return;
    steps.pause();
    const r = scroller.getBoundingClientRect();
    const top = scroller.scrollTop + el.getBoundingClientRect().top - r.top - r.height * JUMP_TOP;
    scroller.scrollTo({ top, behavior: "instant" });
    activate(id, { instant, source });
    if (focus) el.querySelector("h2").focus({ preventScroll: true });
    steps.resume();
  }

  function step(delta, source) {
    const i = chapters.indexOf(byId.get(active));
    const j = Math.min(chapters.length - 1, Math.max(0, i + delta));
    if (j !== i) jumpTo(chapters[j].id, { focus: true, source });
  }

  const steps = trackSteps(scroller, chapterEls, (i) => {
    if (!hold && chapters[i].id !== active) activate(chapters[i].id, { source: "scroll" });
  });

  const unbind = bindControls(root, scroller, {
    step,
    goto: (id, source) => byId.has(id) && jumpTo(id, { focus: true, source }),
    skip: () => jumpTo(active, { focus: true, instant: true, source: "skip" }),
    hold(on) {
      hold = on;
      const id = chapters[steps.current()].id;
      if (!on && id !== active) activate(id, { source: "scroll" });
    },
    toggle(layerId, shown) {
      overrides = choose(overrides, layerId, shown, byId.get(active), layerIds);
      render();
      settleSoon();
    },
    reset() {
      overrides = reset();
      dateChoice = null;
      render();
      settleSoon();
    },
    async share() {
      writeLocation();
      const url = host.shareUrlFor(...linkState());
      const told = await shareLink(url, host.title);
      shareDone.textContent = told;
      root.dataset.sharedUrl = url;
      clearTimeout(shareTimer);
      shareTimer = setTimeout(() => shareDone.textContent === told && (shareDone.textContent = ""), 6000);
    },
  });

  function placeLegend() {
    if (compact.matches) $(".ms-mapfoot").prepend(legendBox);
    else frame.appendChild(legendBox);
  }
  // A new size (first layout, rotation, a phone's address bar) re-frames the chapter's own view; so does a
  // legend that changed size (web fonts, a layer switched), unless a chapter's flight already allows for it or
  // the reader has moved the map to a view of their own.
  const sizes = new ResizeObserver((entries) => {
    const framed = entries.some((e) => e.target === frame);
    if (framed) view.resize();
    if (active && (framed || (!frame.dataset.moving && !view.readerMoved()))) view.fit(byId.get(active), { instant: true });
  });
  for (const el of root.querySelectorAll("[data-swatch]")) el.replaceWith(swatch(story.layers[layerIds.indexOf(el.dataset.swatch)]));
  placeLegend();
  compact.addEventListener("change", placeLegend);
  const unbindLegend = bindLegendToggle(legendBox);
  // The date of the map: a reader's choice holds in every later chapter, like a layer choice, until reset.
  const dates = bindDates(root, story.dates || [], story.grammar, (when) => {
    const ch = byId.get(active);
    if (sameWhen(when, whenOf(ch, dateChoice))) return;
    dateChoice = chooseWhen(ch, when);
    render();
    settleSoon();
  });
  sizes.observe(frame);
  sizes.observe(legendBox);

  const api = {
    state: () => ({ chapter: active, overrides: { ...overrides }, when: whenOf(byId.get(active), dateChoice) }),
    zoom: () => view.map.getZoom(),
    points: () => view.drawnPoints(),
    /** Subscribe to chapter activations ({chapter, source, activeAt, appliedAt}); returns the unsubscriber. */
    onActivate(fn) {
      listeners.activate.add(fn);
      return () => listeners.activate.delete(fn);
    },
  };
  const uninstrument = host.instrument ? host.instrument(api) : () => {};

  // Restore the link's state at once (no animation, nothing written on the way), THEN follow the scroll.
  const initial = host.initial || {};
  const first = byId.has(initial.chapter) ? initial.chapter : chapters[0].id;
  overrides = overridesFromLink(byId.get(first), initial.layers, layerIds);
  dateChoice = initial.when ? chooseWhen(byId.get(first), initial.when) : null;
  if (initial.notice) {
    const notice = $("[data-ms-notice]");
    notice.textContent = initial.notice;
    notice.hidden = false;
    noticeTimer = setTimeout(() => (notice.hidden = true), 10000);
  }
  view.resize();
  if (byId.has(initial.chapter)) jumpTo(first, { instant: true, source: "link" });
  else activate(first, { instant: true, source: "start" });
  steps.resume(); // only now: the restore itself must not read as the reader scrolling
  view.onMove();
  root.dataset.ready = "true";

  return {
    ...api,
    destroy() {
      clearTimeout(settleTimer);
      clearTimeout(shareTimer);
      clearTimeout(noticeTimer);
      uninstrument();
      listeners.activate.clear();
      steps.destroy();
      unbind();
      compact.removeEventListener("change", placeLegend);
      unbindLegend();
      dates.destroy();
      sizes.disconnect();
      view.destroy();
    },
  };
}

/** The test and benchmark hooks, loaded only when the page is asked to instrument itself (see instrument.js). */
export async function askedInstrument() {
  return window.__mapstoryInstrument === true ? (await import("./instrument.js")).instrument : null;
}
