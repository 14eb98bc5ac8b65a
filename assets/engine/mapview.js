// The Leaflet side: puts layer states on the map, frames a chapter's view in the room its furniture leaves
// (room.js), keeps the locator inset's box on the view, and keeps place labels from overprinting each other,
// the furniture or the map's edge (labels.js). Point layers are drawn on a canvas each (points.js), so a chapter
// switch costs the same at 20 points as at 20,000.

import { declutter, LABELS_SEL, unplace } from "./labels.js";
import { insetPlan } from "./locator.js";
import { drawnSize, symbolClass, symbolGroups } from "./minsize.js";
import { collectGroups, collectLeaves, createPoints } from "./points.js";
import { roomFor } from "./room.js";
import { sayScale } from "./words.js";

const LABEL_ROOM = 60; // place labels sit right of their point: keep the easternmost label on the map

export function reducedMotion() {
  return Boolean(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
}

/**
 * maps: what the story module's createMaps(L) returned ({map, inset, groups}); frame: the map's container;
 * look: the map's look (story/look.json, in the page's data), whose zoom bands name the labels' band.
 * furniture(): the page's elements over the map (legend, inset, layers button…); Leaflet's own controls are
 * added here. The chapter's view is fitted to the room they leave, and labels keep clear of them.
 * onSymbols(): called when a zoom changes which highlighted layers are drawn as symbols (their legend swatches).
 */
export function createMapView(L, maps, frame, { region, furniture, look, words, onSymbols = () => {} }) {
  const { map, inset, groups } = maps;
  const points = createPoints(L, map, groups);
  nameControls(map, words);
  const unsayScale = sayScale(map, words);
  const { viewBox, viewRing } = locatorMarks(L, map, inset);
  // The view's state. fitting: the map is moving to a chapter's view (the page's move, not the reader's);
  // readerMoved: the reader has dragged, zoomed or panned the map since the page last framed a chapter (then a
  // legend that changes size leaves their view alone); placing: the label placement waiting for its frame.
  const view = { L, map, inset, frame, region, look, viewBox, viewRing, groups, points, fitting: false, readerMoved: false, placing: 0 };
  // The groups' states as last applied, and the ring drawn for each highlighted group too small to see.
  Object.assign(view, { states: {}, names: {}, symbols: new Map(), bounds: {}, onSymbols, flightDue: false, cancelFlight: () => {} });
  symbolPane(map);
  view.leaves = layerLeaves(groups, points);
  view.boxes = () => furnitureBoxes(map, furniture);
  const moves = trackMoves(view);
  return {
    map,
    applyStates: (states, { rings = {}, named = [] } = {}) => applyStates(view, states, rings, named),
    drawnPoints: points.drawn,
    symbols: () => new Set(view.symbols.keys()),
    fit: (chapter, opts) => fit(view, chapter, opts),
    readerMoved: () => view.readerMoved,
    onMove: moves.onMove,
    resize() {
      map.invalidateSize({ animate: false });
      inset.invalidateSize({ animate: false }); // here only: a move of the main map leaves the inset's size alone
      locate(view);
    },
    destroy() {
      cancelAnimationFrame(view.placing);
      view.cancelFlight();
      points.destroy();
      moves.off();
      unsayScale();
      map.remove();
      inset.remove();
    },
  };
}

/** Per layer, what carries a state class of its own: shapes, or a point layer's labels (its dots are its pane's). */
function layerLeaves(groups, points) {
  const leaves = {};
  for (const [id, g] of Object.entries(groups)) leaves[id] = points.has(id) ? points.labels(id) : collectLeaves(g);
  return leaves;
}

function applyStates(view, states, names, named) {
  const { map, points, leaves } = view;
  for (const [id, group] of Object.entries(view.groups)) {
    const st = states[id] || "off";
    if (points.has(id)) points.show(id, st);
    // Every layer joins the map once and stays: a state, "off" too, is classes on its shapes (a point layer's
    // labels; its dots are its pane's). Taken off and put back, Leaflet built each shape's and label's element
    // anew inside the reader's key press, and the browser laid every one out again.
    const parts = points.has(id) ? leaves[id] : [group];
    if (!view.symbols.has(id)) for (const part of parts) if (!map.hasLayer(part)) map.addLayer(part);
    // Leaflet closes a shape's tooltip when the shape leaves the map or the pointer leaves it: a layer that goes
    // off stays, and a tap's tooltip would float over nothing.
    if (st === "off" && (view.states[id] || "off") !== "off") for (const g of collectGroups(group)) g.closeTooltip();
    styleLeaves(leaves[id], st);
  }
  view.states = states;
  view.names = names;
  markNamed(view.frame, named);
  placeSymbols(view);
  declutterSoon(view);
}

/** Marks the labels of the places the chapter's text names (`named`, as drawn): shown at any zoom (the zoom
 * bands' rules spare .ms-named) and placed after the biggest places, before the other towns (labels.js).
 * Called after the layers are added: Leaflet writes a label's classes afresh when its layer comes back. */
function markNamed(frame, named) {
  const wanted = new Set(named);
  for (const el of frame.querySelectorAll(`${LABELS_SEL}:not(.ms-ring-label)`)) {
    const on = wanted.has(el.textContent);
    if (el.classList.contains("ms-named") !== on) el.classList.toggle("ms-named");
  }
}

/** Draws a ring in place of each highlighted shape too small to see at this zoom (minsize.js), the shape
 * itself otherwise. Returns whether the set of rings changed. */
function placeSymbols(view) {
  const { map, groups, points, states } = view;
  const sizeOf = (id) => (points.has(id) ? null : measure(view, id));
  const want = symbolGroups(states, sizeOf, view.look.min_visible_px);
  let changed = false;
  for (const [id, ring] of view.symbols) {
    if (want.has(id)) continue;
    map.removeLayer(ring);
    view.symbols.delete(id);
    changed = true;
    map.addLayer(groups[id]); // zoomed in far enough, or off: the shape again, restyled (Leaflet drew it anew)
    styleLeaves(view.leaves[id], states[id] || "off");
  }
  for (const id of want) {
    if (map.hasLayer(groups[id])) map.removeLayer(groups[id]);
    if (view.symbols.has(id)) continue;
    view.symbols.set(id, symbolOf(view, id).addTo(map));
    changed = true;
  }
  return changed;
}

/** A group's size in px at the map's zoom ({width, height}), or null when it has nothing to measure. */
function measure(view, id) {
  if (!(id in view.bounds)) view.bounds[id] = view.groups[id].getBounds(); // the shapes never move
  const b = view.bounds[id];
  if (!b.isValid()) return null;
  const zoom = view.map.getZoom();
  return drawnSize(view.map.project(b.getSouthWest(), zoom), view.map.project(b.getNorthEast(), zoom));
}

/** The rings' pane: over the point layers' dots (a highlighted ring must not hide under dimmed dots). */
const SYMBOLS = "ms-symbols";

function symbolPane(map) {
  map.createPane(SYMBOLS).classList.add("ms-symbols");
}

/** The ring for a group: the look's symbol in its shapes' colour, on their centre, named beneath (above when
 * crowded: labels.js) in that colour; the pointer passes through. */
function symbolOf({ L, groups, bounds, look, names }, id) {
  const shape = collectLeaves(groups[id]).find((l) => l.options && l.options.color) || { options: {} };
  const { color, className } = shape.options;
  const { radius_px: radius, weight, fill_opacity: fillOpacity } = look.symbol;
  const style = { radius, weight, color, opacity: 1, fillColor: color, fillOpacity, interactive: false, pane: SYMBOLS };
  const centre = bounds[id].getCenter();
  const ring = L.circleMarker(centre, { ...style, className: symbolClass(className) });
  if (!names[id]) return ring;
  const text = document.createElement("span");
  text.textContent = names[id]; // the author's words as text, never as markup
  text.style.color = color;
  const own = (className || "").split(/\s+/).filter((c) => /^ms-(layer|of)-/.test(c)); // its layer's, as the ring's
  const icon = L.divIcon({ html: text, className: ["ms-label", "ms-ring-label", ...own].join(" "), iconSize: null });
  return L.layerGroup([ring, L.marker(centre, { icon, interactive: false, keyboard: false })]);
}

function styleLeaves(leaves, state) {
  for (const leaf of leaves) {
    const el = leaf.getElement && leaf.getElement();
    if (!el) continue;
    // Leaflet makes every shape with a tooltip a nameless tab stop; the status sentence and the legend say
    // what the map shows, so the shapes stay out of the keyboard's way.
    if (el.getAttribute("tabindex") !== "-1") el.setAttribute("tabindex", "-1"); // once: a write restyles
    el.classList.toggle("ms-strong", state === "strong");
    el.classList.toggle("ms-dim", state === "dim");
    el.classList.toggle("ms-off", state === "off"); // not drawn (story.css), still on the map
    if (state === "off") unplace(el);
  }
}

// Label placement reads every label's box; in the frame's own rendering step (before its paint) that costs
// one layout the frame needs anyway, not a forced layout inside the chapter switch.
function declutterSoon(view) {
  if (view.placing) return;
  view.placing = requestAnimationFrame(() => {
    view.placing = 0;
    // A flight starting in this frame moves every label: they are placed where it lands (onMove), not here.
    if (!view.flightDue) declutter(view.frame, view.map, view.boxes);
  });
}

/** The furniture's boxes in viewport pixels (only what is shown). */
function furnitureBoxes(map, furniture) {
  const els = [...furniture(), ...map.getContainer().querySelectorAll(".leaflet-control")];
  const out = [];
  for (const el of els) {
    if (!el || el.hidden) continue;
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.height > 0) out.push(r);
  }
  return out;
}

/** Moves the map to a chapter's view, in the room the furniture leaves; returns "jump" or "fly". */
function fit(view, chapter, { instant }) {
  const { map } = view;
  const bounds = view.L.latLngBounds(chapter.bounds);
  view.cancelFlight();
  view.readerMoved = false;
  if (instant || reducedMotion()) {
    // A jump lands in this task: a restored link or a reduced-motion reader reads the map at once.
    // No map.stop() first: setView and flyTo stop a running flight themselves, and stop() on a map at rest
    // fires a moveend that makes every shown canvas redraw all its dots inside the switch.
    view.fitting = true;
    map.fitBounds(bounds, { ...roomOptions(map, bounds, chapter, view.boxes()), animate: false });
    view.fitting = false;
    return "jump";
  }
  // A flight starts in the frame after the one that shows the chapter, not in the reader's key press: that first
  // frame paints the text, the layers and the legend without the flight's work (its first step moves the map by
  // nothing anyway), and the furniture's boxes are read from the layout it left, at no cost. A hidden window
  // draws no frames: a timer stands in.
  view.frame.dataset.moving = "true"; // (a flight that ends meanwhile leaves it: onMove)
  view.flightDue = true;
  const cancel = frameAfterNext(() => {
    view.flightDue = false;
    view.fitting = true; // until this move ends: the page's, not the reader's
    map.flyToBounds(bounds, { ...roomOptions(map, bounds, chapter, view.boxes()), duration: 0.8 });
  });
  view.cancelFlight = () => {
    view.flightDue = false;
    cancel();
  };
  return "fly";
}

/** Runs `fn` once, in the animation frame after the next or after `wait` ms, whichever comes first; returns its
 * cancel. */
function frameAfterNext(fn, wait = 100) {
  let frame = 0;
  let timer = 0;
  const cancel = () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
  const run = () => {
    cancel();
    fn();
  };
  frame = requestAnimationFrame(() => (frame = requestAnimationFrame(run)));
  timer = setTimeout(run, wait);
  return cancel;
}

/** Leaflet's fit options for a chapter: its paddings clear of the furniture (`boxes`, viewport px). */
function roomOptions(map, bounds, chapter, boxes) {
  const m = map.getContainer().getBoundingClientRect();
  const inMap = boxes.map((r) => ({ left: r.left - m.left, right: r.right - m.left, top: r.top - m.top, bottom: r.bottom - m.top }));
  const sw = map.project(bounds.getSouthWest(), 10);
  const ne = map.project(bounds.getNorthEast(), 10);
  const tall = Math.max(1e-9, Math.abs(sw.y - ne.y)); // the bounds' height at zoom 10, px
  const aspect = Math.abs(ne.x - sw.x) / tall;
  // The zoom snaps down to its step (zoomSnap) and stops at the chapter's max zoom: rooms a little apart in size
  // often draw the chapter at the same zoom, and then the most central one is taken (room.js).
  const snapZoom = map.options.zoomSnap || 0;
  const maxZoom = chapter.max_zoom || map.getMaxZoom();
  const snap = (h) => {
    const z = 10 + Math.log2(h / tall);
    return tall * 2 ** (Math.min(maxZoom, snapZoom ? Math.floor(z / snapZoom + 1e-9) * snapZoom : z) - 10);
  };
  const extra = { right: LABEL_ROOM, step: 2 ** snapZoom, snap };
  const opts = roomFor({ width: m.width, height: m.height }, inMap, aspect, chapter.padding, extra);
  if (chapter.max_zoom) opts.maxZoom = chapter.max_zoom;
  return opts;
}

// data-moving: the map is flying or panning (tests and styles can wait for it to rest). Returns {onMove, off}.
function trackMoves(view) {
  const { map, frame } = view;
  function onMoveStart() {
    frame.dataset.moving = "true";
    if (!view.fitting) view.readerMoved = true;
  }
  const onDrag = () => (view.readerMoved = true); // also a drag that interrupts a flight
  function onMove() {
    view.fitting = false;
    if (!view.flightDue) delete frame.dataset.moving; // a chapter's flight about to start: still moving
    locate(view);
    if (placeSymbols(view)) view.onSymbols(); // a zoom may make a highlighted layer too small, or big enough
    frame.dataset.zoomband = zoomBand(map.getZoom(), view.look.zoom_bands);
    declutter(frame, map, view.boxes);
  }
  map.on("dragstart", onDrag);
  map.on("moveend zoomend", onMove);
  map.on("movestart", onMoveStart);
  const off = () => {
    map.off("moveend zoomend", onMove);
    map.off("movestart", onMoveStart);
    map.off("dragstart", onDrag);
  };
  return { onMove, off };
}

/** The zoom band a map at `zoom` is in: the last of story/look.json's `zoom_bands` it has reached. */
export function zoomBand(zoom, bands) {
  return bands.filter((b) => zoom >= b.from_zoom).at(-1).name;
}

// The inset's marks for the main map's view: its box, or a ring on its centre when the box would be too small
// to see. Below zoom 0 the inset can still show a view of the whole world (a reader zoomed far out).
const LOCATOR = { color: "#c0392b", weight: 2, fill: false, interactive: false, className: "ms-inset-view" };
const RING_RADIUS = 5; // px; with half its stroke, 6 px from its centre (insetPlan's default `ring`)

function locatorMarks(L, map, inset) {
  inset.setMinZoom(-6);
  const viewBox = L.rectangle(map.getBounds(), LOCATOR).addTo(inset);
  const viewRing = L.circleMarker(map.getCenter(), { ...LOCATOR, radius: RING_RADIUS });
  return { viewBox, viewRing };
}

/** Sets the inset so that its mark of the main map's view is whole inside it (locator.js), and draws the mark. */
function locate({ map, inset, region, viewBox, viewRing }) {
  const b = map.getBounds();
  const size = inset.getSize();
  const limits = { snap: inset.options.zoomSnap, minZoom: inset.getMinZoom(), maxZoom: inset.getMaxZoom() };
  const plan = insetPlan(region, [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], { width: size.x, height: size.y }, limits);
  if (!plan) return; // a hidden or collapsed inset: nothing to place
  inset.setView([plan.centre.lat, plan.centre.lng], plan.zoom, { animate: false });
  viewBox.setBounds(b);
  viewRing.setLatLng([plan.at.lat, plan.at.lng]);
  showOn(inset, viewBox, plan.mark === "box");
  showOn(inset, viewRing, plan.mark === "ring");
}

function showOn(map, layer, shown) {
  if (shown && !map.hasLayer(layer)) layer.addTo(map);
  if (!shown && map.hasLayer(layer)) map.removeLayer(layer);
}

// The map is a tab stop (Leaflet's keyboard panning): it gets a name that says so. Zoom buttons are named with
// their visible sign first ("+ Zoom in"), so voice control finds them by what a reader sees. Place labels are
// left to the status sentence and the legend: read out, they were one run of names.
function nameControls(map, words) {
  const el = map.getContainer();
  el.setAttribute("role", "region");
  el.setAttribute("aria-label", words.map_keys);
  for (const a of el.querySelectorAll(".leaflet-control-zoom a")) {
    const sign = a.textContent.trim();
    const name = a.classList.contains("leaflet-control-zoom-in") ? words.zoom_in : words.zoom_out;
    a.title = name;
    if (sign && name && !name.includes(sign)) a.setAttribute("aria-label", `${sign} ${name}`);
  }
  map.getPane("markerPane").setAttribute("aria-hidden", "true");
}
