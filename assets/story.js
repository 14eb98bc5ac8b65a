// The reader's page: chapters beside a Leaflet map built by Folium.
//
// Everything that happens while the reader scrolls happens here, in the browser. The map is always
// derived from two things only, (active chapter, reader's layer choices), so a fast scroll, a reload or
// a deep link can never leave it in a mix of two chapters. Python hears of a change once it has settled.
//
// Leaflet itself is prepended to this module by the app (page/component.py): window.L is set by then.

const APPS = new WeakMap(); // one app per mount point; the default export runs again on every new `data`

const SETTLE_MS = 400; // how long a chapter must stay active before the URL and Python hear of it
const ACTIVE_LINE = 0.5; // a chapter is active while it spans the middle of the reading area
const JUMP_TOP = 0.12; // where a jumped-to chapter's top lands, as a share of the reading area
const LABEL_ROOM = 60; // place labels sit right of their point: keep the easternmost label on the map
const SCROLL_KEYS = new Set(["ArrowDown", "ArrowUp", "PageDown", "PageUp", "Home", "End", " "]);

export default function (component) {
  const { data, parentElement, setStateValue } = component;
  const existing = APPS.get(parentElement);
  if (existing) {
    existing.setReporter(setStateValue);
    return existing.destroy;
  }
  const app = createApp(parentElement, data, setStateValue);
  APPS.set(parentElement, app);
  return app.destroy;
}

function reducedMotion() {
  return window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

function createApp(host, data, setStateValue) {
  let report = setStateValue;
  // Our own child: Streamlit keeps the component's <style> in `host`, which must survive.
  const mount = document.createElement("div");
  mount.innerHTML = data.page_html; // built server-side: titles escaped, bodies sanitised with nh3
  host.appendChild(mount);
  const root = mount.querySelector("[data-ms-root]");
  const frame = root.querySelector("[data-ms-map-frame]");
  const scroller = root.querySelector("[data-ms-scroller]");
  const statusEl = root.querySelector("[data-ms-status]");
  const datelineEl = root.querySelector("[data-ms-dateline]");
  const legendEl = root.querySelector("[data-ms-legend]");
  const legendBox = root.querySelector(".ms-legend");
  const mapFoot = root.querySelector(".ms-mapfoot");
  // Phones, landscape phones and zoomed-in desktops: the legend leaves the map for the strip beneath it.
  const compact = window.matchMedia("(max-width: 760px), (max-height: 500px)");
  const layersPanel = root.querySelector("[data-ms-layers]");
  const layersBtn = root.querySelector("[data-ms-layers-btn]");
  const insetBox = root.querySelector(".ms-inset");
  const resetBtn = root.querySelector("[data-ms-reset]");
  const positionEl = root.querySelector("[data-ms-position]");
  const noticeEl = root.querySelector("[data-ms-notice]");
  const shareDone = root.querySelector("[data-ms-share-done]");
  root.querySelector(".ms-inset").appendChild(root.querySelector("#map_ms_inset"));

  const chapters = data.chapters;
  const byId = new Map(chapters.map((c) => [c.id, c]));
  const layers = data.layers;
  const layerById = new Map(layers.map((l) => [l.id, l]));
  const chapterEls = Array.from(root.querySelectorAll("[data-chapter]"));
  const boxes = new Map(Array.from(root.querySelectorAll("input[data-layer]")).map((b) => [b.dataset.layer, b]));

  // Folium's script creates both maps and returns their layer groups (see page/mapbuild.py).
  const handles = new Function("L", data.map_js)(window.L);
  const map = handles.map;
  const inset = handles.inset;
  const groups = handles.groups;
  const leaves = {};
  for (const [id, g] of Object.entries(groups)) {
    leaves[id] = [];
    collectLeaves(g, leaves[id]);
  }

  let active = null;
  let overrides = {}; // layer id -> true (shown) / false (hidden), set by the reader
  let listening = false;
  let settleTimer = null;
  let lastReported = null;
  const metrics = [];

  // ---- state ---------------------------------------------------------------------------------
  function defaults(ch) {
    const out = {};
    for (const l of layers) {
      out[l.id] = ch.highlight.includes(l.id) ? "strong" : ch.context.includes(l.id) ? "dim" : "off";
    }
    return out;
  }

  function effective(ch) {
    const out = defaults(ch);
    for (const [id, on] of Object.entries(overrides)) {
      if (!on) out[id] = "off";
      else if (out[id] === "off") out[id] = "strong";
    }
    return out;
  }

  function visibleIds(ch) {
    const eff = effective(ch);
    return layers.map((l) => l.id).filter((id) => eff[id] !== "off");
  }

  // Keep only overrides that differ from the chapter's defaults, so "back to the story" is honest.
  function pruneOverrides(ch) {
    const d = defaults(ch);
    for (const [id, on] of Object.entries(overrides)) {
      if ((d[id] !== "off") === on) delete overrides[id];
    }
  }

  function queryString() {
    const ch = byId.get(active);
    const params = new URLSearchParams();
    params.set("chapter", active);
    if (Object.keys(overrides).length) params.set("layers", visibleIds(ch).join(","));
    return "?" + params.toString();
  }

  // ---- applying a state to the page --------------------------------------------------------------
  function applyLayers() {
    const ch = byId.get(active);
    pruneOverrides(ch);
    const eff = effective(ch);
    const strong = [];
    const dim = [];
    for (const l of layers) {
      const g = groups[l.id];
      const st = eff[l.id];
      if (st === "off") {
        if (map.hasLayer(g)) map.removeLayer(g);
      } else {
        if (!map.hasLayer(g)) map.addLayer(g);
        (st === "strong" ? strong : dim).push(l.id);
        for (const leaf of leaves[l.id]) {
          const el = leaf.getElement && leaf.getElement();
          if (!el) continue;
          // Leaflet makes every shape with a tooltip a tab stop with no name; the status sentence and the
          // legend say what the map shows, so the shapes stay out of the keyboard's way.
          el.setAttribute("tabindex", "-1");
          el.classList.toggle("ms-strong", st === "strong");
          el.classList.toggle("ms-dim", st === "dim");
        }
      }
      const box = boxes.get(l.id);
      if (box) box.checked = st !== "off";
    }
    frame.dataset.activeChapter = active;
    frame.dataset.highlight = strong.join(" ");
    frame.dataset.dimmed = dim.join(" ");
    renderLegend(eff);
    declutter();
    const custom = Object.keys(overrides).length > 0;
    resetBtn.hidden = !custom;
    root.classList.toggle("ms-custom", custom);
    statusEl.textContent = custom ? describeCustom(ch, eff) : ch.status;
    datelineEl.textContent = `Map state as of ${ch.as_of}`;
  }

  function applyChapter() {
    for (const el of chapterEls) {
      if (el.dataset.chapter === active) el.setAttribute("aria-current", "step");
      else el.removeAttribute("aria-current");
    }
    for (const a of root.querySelectorAll("[data-goto]")) {
      if (a.dataset.goto === active) a.setAttribute("aria-current", "true");
      else a.removeAttribute("aria-current");
    }
    const i = chapters.findIndex((c) => c.id === active);
    positionEl.textContent = `${i + 1} / ${chapters.length}`;
    root.querySelector("[data-ms-prev]").disabled = i === 0;
    root.querySelector("[data-ms-next]").disabled = i === chapters.length - 1;
  }

  function moveMap(ch, instant, record = true) {
    const bounds = window.L.latLngBounds(ch.bounds);
    // Keep the chapter's places clear of the legend that sits over the map's left side.
    // ... and of the locator inset in the bottom-right corner.
    const legendW = legendBox.parentElement === frame ? legendBox.offsetWidth : 0;
    const insetH = insetBox.offsetHeight || 0;
    const opts = {
      paddingTopLeft: [ch.padding + legendW, ch.padding],
      paddingBottomRight: [ch.padding + LABEL_ROOM, ch.padding + insetH],
    };
    if (ch.max_zoom) opts.maxZoom = ch.max_zoom;
    map.stop();
    if (instant || reducedMotion()) {
      map.fitBounds(bounds, { ...opts, animate: false });
      if (record) frame.dataset.lastMove = "jump";
    } else {
      map.flyToBounds(bounds, { ...opts, duration: 0.8 });
      if (record) frame.dataset.lastMove = "fly";
    }
  }

  function activate(id, { instant = false, source = "scroll" } = {}) {
    if (!byId.has(id)) return;
    const t0 = performance.now();
    const changed = id !== active;
    active = id;
    applyChapter();
    applyLayers();
    if (changed) moveMap(byId.get(id), instant);
    metrics.push({ chapter: id, source, activeAt: t0, appliedAt: performance.now() });
    scheduleSettle();
  }

  function renderLegend(eff) {
    legendEl.textContent = "";
    const ordered = layers.filter((l) => eff[l.id] === "strong").concat(layers.filter((l) => eff[l.id] === "dim"));
    for (const l of ordered) {
      const li = document.createElement("li");
      li.dataset.legend = l.id;
      if (eff[l.id] === "dim") li.classList.add("ms-dim");
      li.appendChild(swatch(l));
      const label = document.createElement("span");
      label.className = "ms-legend-label";
      label.textContent = l.label;
      li.appendChild(label);
      if (l.confidence) {
        const conf = document.createElement("span");
        conf.className = "ms-confidence";
        conf.textContent = l.confidence;
        li.appendChild(conf);
      }
      legendEl.appendChild(li);
    }
  }

  function describeCustom(ch, eff) {
    const strong = layers.filter((l) => eff[l.id] === "strong").map((l) => l.describe);
    const dim = layers.filter((l) => eff[l.id] === "dim").map((l) => l.short);
    let s = "Map (your layer choice): ";
    s += strong.length ? `${listText(strong)} highlighted` : "no layer highlighted";
    if (dim.length) s += `; ${listText(dim)} dimmed`;
    return `${s}; as of ${ch.as_of}.`;
  }

  // ---- settling: the URL and Python hear of a state once it has held still --------------------------
  function scheduleSettle() {
    clearTimeout(settleTimer);
    settleTimer = setTimeout(settle, SETTLE_MS);
  }

  function settle() {
    const qs = queryString();
    // Replace, never push: scrolling must not make Back step through every chapter. Python then writes
    // the identical query string, which Streamlit sees as no change to the address bar.
    if (window.location.search !== qs) {
      window.history.replaceState(window.history.state, "", window.location.pathname + qs + window.location.hash);
    }
    const ch = byId.get(active);
    const view = { chapter: active, layers: Object.keys(overrides).length ? visibleIds(ch) : null };
    const key = JSON.stringify(view);
    if (key !== lastReported) {
      lastReported = key;
      window.__mapstory.reports += 1;
      report("view", view);
    }
  }

  // ---- reading position ------------------------------------------------------------------------
  function chapterAtLine() {
    const r = scroller.getBoundingClientRect();
    const line = r.top + r.height * ACTIVE_LINE;
    let current = chapterEls[0].dataset.chapter;
    for (const el of chapterEls) {
      if (el.getBoundingClientRect().top <= line) current = el.dataset.chapter;
      else break;
    }
    return current;
  }

  // Tab into the chapter list or the credits scrolls the text there; that is the browser showing the focused
  // link, not the reader moving on, so the map keeps its chapter until the reader scrolls for real.
  let focusHold = false;
  function onFocusIn(e) {
    if (!scroller.contains(e.target) || e.target === scroller) return;
    focusHold = !e.target.closest("[data-chapter]");
  }
  function releaseHold() {
    focusHold = false;
  }

  let frameRequested = false;
  function onScroll() {
    if (!listening || frameRequested || focusHold) return;
    frameRequested = true;
    requestAnimationFrame(() => {
      frameRequested = false;
      const id = chapterAtLine();
      if (id !== active) activate(id, { source: "scroll" });
    });
  }

  function jumpTo(id, { focus = false, instant = false, source = "jump" } = {}) {
    const el = chapterEls.find((e) => e.dataset.chapter === id);
    if (!el) return;
    const r = scroller.getBoundingClientRect();
    const top = scroller.scrollTop + el.getBoundingClientRect().top - r.top - r.height * JUMP_TOP;
    scroller.scrollTo({ top, behavior: "instant" });
    activate(id, { instant, source });
    if (focus) el.querySelector("h2").focus({ preventScroll: true });
  }

  function step(delta, source) {
    const i = chapters.findIndex((c) => c.id === active);
    const j = Math.min(chapters.length - 1, Math.max(0, i + delta));
    if (j !== i) jumpTo(chapters[j].id, { focus: true, source });
  }

  function onKey(e) {
    if (e.key === "Escape" && layersPanel.open) {
      layersPanel.open = false;
      layersBtn.setAttribute("aria-expanded", "false");
      layersBtn.focus();
      return;
    }
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const t = e.target;
    if (t && t.closest && t.closest("input, textarea, select, button, summary, [contenteditable], .leaflet-container")) {
      return;
    }
    // Up/Down, Page keys and Space keep scrolling the text natively: a long chapter is read to its end.
    if (["ArrowRight", "j", "J"].includes(e.key)) {
      e.preventDefault();
      step(+1, "key");
    } else if (["ArrowLeft", "k", "K"].includes(e.key)) {
      e.preventDefault();
      step(-1, "key");
    } else if (SCROLL_KEYS.has(e.key)) {
      focusHold = false;
    }
  }

  // ---- reader controls -----------------------------------------------------------------------
  function onToggle(e) {
    const box = e.target.closest("input[data-layer]");
    if (!box) return;
    overrides[box.dataset.layer] = box.checked;
    applyLayers();
    scheduleSettle();
  }

  function onReset() {
    overrides = {};
    applyLayers();
    scheduleSettle();
    boxes.values().next().value?.focus();
  }

  async function onShare() {
    settle();
    const base = data.share_base || window.location.origin + window.location.pathname;
    const url = base.replace(/\/?$/, "/") + queryString();
    let done = "Link copied";
    try {
      if (navigator.share && window.matchMedia("(pointer: coarse)").matches) {
        await navigator.share({ title: document.title, url });
        done = "Link shared";
      } else {
        await navigator.clipboard.writeText(url);
      }
    } catch (err) {
      // No clipboard (insecure context, denied): show the link so the reader can copy it by hand.
      done = `Copy this link: ${url}`;
    }
    shareDone.textContent = done;
    root.dataset.sharedUrl = url;
    setTimeout(() => {
      if (shareDone.textContent === done) shareDone.textContent = "";
    }, 6000);
  }

  function onClick(e) {
    if (e.target.closest(".ms-skip")) {
      e.preventDefault(); // focus, not a #fragment: the address bar holds only the share link
      jumpTo(active, { focus: true, instant: true, source: "skip" });
      return;
    }
    if (e.target.closest("[data-ms-layers-btn]")) {
      layersPanel.open = !layersPanel.open;
      layersBtn.setAttribute("aria-expanded", String(layersPanel.open)); // "toggle" fires a task later
      if (layersPanel.open) boxes.values().next().value?.focus();
      return;
    }
    const goto = e.target.closest("[data-goto]");
    if (goto) {
      e.preventDefault();
      jumpTo(goto.dataset.goto, { focus: true, source: "toc" });
      return;
    }
    if (e.target.closest("[data-ms-prev]")) step(-1, "button");
    else if (e.target.closest("[data-ms-next]")) step(+1, "button");
    else if (e.target.closest("[data-ms-reset]")) onReset();
    else if (e.target.closest("[data-ms-share]")) onShare();
  }

  // ---- the map's own furniture -----------------------------------------------------------------
  const viewBox = window.L.rectangle(map.getBounds(), {
    color: "#c0392b",
    weight: 2,
    fill: false,
    interactive: false,
  }).addTo(inset);

  function onMapMove() {
    viewBox.setBounds(map.getBounds());
    const z = map.getZoom();
    frame.dataset.zoomband = z < 9 ? "low" : z < 10.5 ? "mid" : "high";
    declutter();
  }

  // Labels never overprint each other: bigger places first, a label that would collide waits for more zoom.
  function declutter() {
    const taken = [];
    const labels = Array.from(frame.querySelectorAll(".leaflet-marker-pane .ms-label"));
    const rank = (el) => (el.classList.contains("ms-road-label") ? 3.5 : Number((el.className.match(/ms-rank-(\d)/) || [0, 3])[1]));
    labels.sort((a, b) => rank(a) - rank(b));
    for (const el of labels) {
      el.classList.remove("ms-crowded");
      const r = el.firstElementChild && el.firstElementChild.getBoundingClientRect();
      if (!r || r.width === 0) continue;
      if (taken.some((t) => r.left < t.right + 2 && r.right > t.left - 2 && r.top < t.bottom && r.bottom > t.top)) {
        el.classList.add("ms-crowded");
      } else {
        taken.push(r);
      }
    }
  }

  // On a phone the legend leaves the map and sits in the strip beneath it, so it never hides the places.
  function placeLegend() {
    if (compact.matches) mapFoot.prepend(legendBox);
    else frame.appendChild(legendBox);
  }

  function fitInset() {
    inset.invalidateSize();
    const [w, s, e, n] = data.region;
    inset.fitBounds([[s, w], [n, e]], { animate: false, padding: [2, 2] });
  }

  // ---- start ---------------------------------------------------------------------------------
  // The story covers Streamlit's page: its own skip link and scroll container would be invisible tab stops.
  document.querySelector("[data-testid=stMain]")?.setAttribute("tabindex", "-1");
  scroller.addEventListener("scroll", onScroll, { passive: true });
  root.addEventListener("click", onClick);
  root.addEventListener("change", onToggle);
  document.addEventListener("keydown", onKey);
  map.on("moveend zoomend", onMapMove);
  placeLegend();
  compact.addEventListener("change", placeLegend);
  root.addEventListener("focusin", onFocusIn);
  scroller.addEventListener("wheel", releaseHold, { passive: true });
  scroller.addEventListener("touchstart", releaseHold, { passive: true });
  scroller.addEventListener("pointerdown", releaseHold);
  layersPanel.addEventListener("toggle", () => layersBtn.setAttribute("aria-expanded", String(layersPanel.open)));
  // A new size (first layout, rotation, a phone's address bar) re-frames the chapter's own view.
  const resize = new ResizeObserver(() => {
    map.invalidateSize({ animate: false });
    fitInset();
    if (active) moveMap(byId.get(active), true, false);
  });
  resize.observe(frame);
  for (const el of root.querySelectorAll("[data-swatch]")) el.replaceWith(swatch(layerById.get(el.dataset.swatch)));

  // Read-only instruments for the tests and the benchmark.
  window.__mapstory = {
    metrics,
    reports: 0,
    zoom: () => map.getZoom(),
    state: () => ({ chapter: active, overrides: { ...overrides } }),
  };

  // Restore the link's state at once (no animation, nothing written on the way), THEN start listening.
  const initial = data.initial || {};
  const first = byId.has(initial.chapter) ? initial.chapter : chapters[0].id;
  if (Array.isArray(initial.layers)) {
    const d = defaults(byId.get(first));
    for (const l of layers) {
      const on = initial.layers.includes(l.id);
      if ((d[l.id] !== "off") !== on) overrides[l.id] = on;
    }
  }
  if (initial.notice) {
    noticeEl.textContent = initial.notice;
    noticeEl.hidden = false;
    setTimeout(() => (noticeEl.hidden = true), 10000);
  }
  map.invalidateSize({ animate: false });
  fitInset();
  if (initial.chapter && byId.has(initial.chapter)) jumpTo(first, { instant: true, source: "link" });
  else activate(first, { instant: true, source: "start" });
  onMapMove();
  root.dataset.ready = "true";
  requestAnimationFrame(() => {
    listening = true;
  });

  const app = {
    setReporter(fn) {
      report = fn;
    },
    destroy() {
      clearTimeout(settleTimer);
      document.removeEventListener("keydown", onKey);
      compact.removeEventListener("change", placeLegend);
      resize.disconnect();
      map.remove();
      inset.remove();
      mount.remove();
      APPS.delete(host);
    },
  };
  return app;
}

function collectLeaves(layer, out) {
  if (layer.eachLayer) layer.eachLayer((l) => collectLeaves(l, out));
  else out.push(layer);
}

function swatch(l) {
  const s = document.createElement("span");
  s.className = `ms-swatch ms-swatch-${l.kind}`;
  s.setAttribute("aria-hidden", "true");
  if (l.kind === "area") {
    s.style.background = l.fill;
    s.style.opacity = String(Math.max(0.35, l.fill_opacity + 0.3));
    s.style.borderColor = l.color;
  } else if (l.kind === "line") {
    s.style.borderTopColor = l.color;
    if (l.dash) s.style.borderTopStyle = "dashed";
  } else {
    s.style.background = l.color;
  }
  return s;
}

function listText(items) {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
