// The Leaflet side: puts layer states on the map, frames a chapter's view in the room its furniture leaves
// (room.js), keeps the locator inset's box on the view, and keeps place labels from overprinting each other,
// the furniture or the map's edge. Point layers are drawn on a canvas each (one element for thousands of points),
// so a chapter switch costs the same at 20 points as at 20,000.

import { placeLabels, roomFor } from "./room.js";

const LABEL_ROOM = 60; // place labels sit right of their point: keep the easternmost label on the map
const LABELS_SEL = ".leaflet-marker-pane .ms-label";

export function reducedMotion() {
  return Boolean(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
}

function collectLeaves(layer, out) {
  if (layer.eachLayer) layer.eachLayer((l) => collectLeaves(l, out));
  else out.push(layer);
  return out;
}

function collectGroups(layer, out) {
  out.push(layer);
  if (layer.eachLayer) layer.eachLayer((l) => collectGroups(l, out));
  return out;
}

/**
 * A layer's points go on a canvas in a pane of their own: the layer's state is a class on that one pane (dimmed
 * by CSS opacity), never a walk over its points. The pane lets pointer events through to the shapes beneath
 * (a canvas would swallow every area's and road's hover); the map's own pointer events are handed to the canvas
 * instead, which finds the point under the pointer as Leaflet does for any canvas.
 */
function pointCanvas(L, map, id, group, dots) {
  const name = `ms-points-${id}`;
  const pane = map.createPane(name);
  pane.classList.add("ms-points", `ms-layer-${id}`);
  pane.style.pointerEvents = "none";
  const renderer = L.canvas({ pane: name, tolerance: 3 });
  for (const dot of dots) dot.options.renderer = renderer;
  const tipOwners = collectGroups(group, []).filter((l) => l.eachLayer); // folium binds tooltips to groups
  return { pane, renderer, dots, tipOwners };
}

/**
 * maps: what the story module's createMaps(L) returned ({map, inset, groups}); frame: the map's container.
 * furniture(): the page's elements over the map (legend, inset, layers button…); Leaflet's own controls are
 * added here. The chapter's view is fitted to the room they leave, and labels keep clear of them.
 */
export function createMapView(L, maps, frame, { region, furniture }) {
  const { map, inset, groups } = maps;
  const leaves = {}; // per layer, what carries a state class of its own: shapes and labels
  const canvases = {}; // per point layer, its canvas and pane
  for (const [id, g] of Object.entries(groups)) {
    const all = collectLeaves(g, []);
    const dots = all.filter((l) => l instanceof L.CircleMarker);
    if (dots.length) canvases[id] = pointCanvas(L, map, id, g, dots);
    leaves[id] = all.filter((l) => !(l instanceof L.CircleMarker));
  }
  // Thousands of dots are added to the map once, here (hidden), not at every chapter that shows them.
  for (const [id, canvas] of Object.entries(canvases)) {
    map.addLayer(groups[id]);
    for (const label of leaves[id]) map.removeLayer(label);
    showCanvas(map, canvas, "off");
  }
  // A dot is the more precise thing under the pointer: its tooltip replaces the area's or road's beneath it
  // (after the event: Leaflet hands the same hover to the shape under the pointer next).
  const pointLayers = new Set(Object.keys(canvases).flatMap((id) => collectGroups(groups[id], [])));
  const giveWay = () =>
    queueMicrotask(() => map.eachLayer((l) => !pointLayers.has(l) && l.getTooltip()?.isOpen() && l.closeTooltip()));
  for (const id of Object.keys(canvases)) groups[id].on("mouseover", giveWay);
  const unforward = forwardPointer(L, map, () =>
    Object.entries(canvases)
      .filter(([, c]) => c.state !== "off")
      .map(([, c]) => c.renderer),
  );
  nameControls(map);
  const viewBox = L.rectangle(map.getBounds(), { color: "#c0392b", weight: 2, fill: false, interactive: false });
  viewBox.addTo(inset);

  function applyStates(states) {
    for (const [id, group] of Object.entries(groups)) {
      const st = states[id] || "off";
      const canvas = canvases[id];
      if (canvas) showCanvas(map, canvas, st);
      // A point layer's dots stay on the map under their pane (hidden when off): only its few labels come and go.
      const parts = canvas ? leaves[id] : [group];
      if (st === "off") {
        for (const part of parts) if (map.hasLayer(part)) map.removeLayer(part);
        continue;
      }
      for (const part of parts) if (!map.hasLayer(part)) map.addLayer(part);
      for (const leaf of leaves[id]) {
        const el = leaf.getElement && leaf.getElement();
        if (!el) continue;
        // Leaflet makes every shape with a tooltip a nameless tab stop; the status sentence and the legend say
        // what the map shows, so the shapes stay out of the keyboard's way.
        el.setAttribute("tabindex", "-1");
        el.classList.toggle("ms-strong", st === "strong");
        el.classList.toggle("ms-dim", st === "dim");
      }
    }
    declutterSoon();
  }

  // Label placement reads every label's box; in the frame's own rendering step (before its paint) that costs
  // one layout the frame needs anyway, not a forced layout inside the chapter switch.
  let placing = 0;
  function declutterSoon() {
    if (!placing) {
      placing = requestAnimationFrame(() => {
        placing = 0;
        declutter();
      });
    }
  }

  /** The furniture's boxes in viewport pixels (only what is shown). */
  function furnitureBoxes() {
    const els = [...furniture(), ...map.getContainer().querySelectorAll(".leaflet-control")];
    const out = [];
    for (const el of els) {
      if (!el || el.hidden) continue;
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.height > 0) out.push(r);
    }
    return out;
  }

  function fit(chapter, { instant }) {
    const bounds = L.latLngBounds(chapter.bounds);
    const m = map.getContainer().getBoundingClientRect();
    const boxes = furnitureBoxes().map((r) => ({
      left: r.left - m.left,
      right: r.right - m.left,
      top: r.top - m.top,
      bottom: r.bottom - m.top,
    }));
    const sw = map.project(bounds.getSouthWest(), 10);
    const ne = map.project(bounds.getNorthEast(), 10);
    const aspect = Math.abs(ne.x - sw.x) / Math.max(1e-9, Math.abs(sw.y - ne.y));
    const opts = roomFor({ width: m.width, height: m.height }, boxes, aspect, chapter.padding, { right: LABEL_ROOM });
    if (chapter.max_zoom) opts.maxZoom = chapter.max_zoom;
    // No map.stop() first: setView and flyTo stop a running flight themselves, and stop() on a map at rest
    // fires a moveend that makes every shown canvas redraw all its dots inside the switch.
    if (instant || reducedMotion()) map.fitBounds(bounds, { ...opts, animate: false });
    else map.flyToBounds(bounds, { ...opts, duration: 0.8 });
    return instant || reducedMotion() ? "jump" : "fly";
  }

  // Labels never overprint each other, the furniture or the map's edge: bigger places first; a label that
  // would collide tries the other side of its point (road numbers have none), else waits for more zoom. All
  // boxes are read first and classes written after, so the browser lays the page out once, not once per label.
  function declutter() {
    const els = Array.from(frame.querySelectorAll(LABELS_SEL));
    for (const el of els) el.classList.remove("ms-crowded", "ms-flip");
    const area = map.getContainer().getBoundingClientRect();
    const labels = els.map((el) => {
      const r = el.firstElementChild?.getBoundingClientRect();
      const box = r && { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      const shift = r ? r.width + 12 : 0; // .ms-flip puts the text 6 px left of the point instead of right
      const flip = box && !el.classList.contains("ms-road-label") ? { ...box, left: box.left - shift, right: box.right - shift } : null;
      return { rank: labelRank(el), box, flip };
    });
    const where = placeLabels(labels, area, furnitureBoxes());
    els.forEach((el, i) => {
      if (where[i] === "flip") el.classList.add("ms-flip");
      else if (where[i] === "hide") el.classList.add("ms-crowded");
    });
  }

  // data-moving: the map is flying or panning (tests and styles can wait for it to rest).
  const onMoveStart = () => (frame.dataset.moving = "true");
  function onMove() {
    delete frame.dataset.moving;
    viewBox.setBounds(map.getBounds());
    const z = map.getZoom();
    frame.dataset.zoomband = z < 9 ? "low" : z < 10.5 ? "mid" : "high";
    declutter();
  }
  map.on("moveend zoomend", onMove);
  map.on("movestart", onMoveStart);

  function fitInset() {
    inset.invalidateSize();
    const [w, s, e, n] = region;
    inset.fitBounds([[s, w], [n, e]], { animate: false, padding: [2, 2] });
  }

  /** Where the shown point layers' dots are drawn, as viewport boxes (the tests' eyes: a canvas has no elements). */
  function drawnPoints() {
    const m = map.getContainer().getBoundingClientRect();
    const out = [];
    for (const [id, { state, dots }] of Object.entries(canvases)) {
      if (state === "off") continue;
      for (const dot of dots) {
        const p = map.latLngToContainerPoint(dot.getLatLng());
        const r = dot.getRadius() + (dot.options.weight || 0) / 2;
        out.push({ layer: id, state, left: m.left + p.x - r, right: m.left + p.x + r, top: m.top + p.y - r, bottom: m.top + p.y + r });
      }
    }
    return out;
  }

  return {
    map,
    applyStates,
    drawnPoints,
    fit,
    fitInset,
    onMove,
    resize() {
      map.invalidateSize({ animate: false });
      fitInset();
    },
    destroy() {
      cancelAnimationFrame(placing);
      unforward();
      map.off("moveend zoomend", onMove);
      map.off("movestart", onMoveStart);
      map.remove();
      inset.remove();
    },
  };
}

/** A point layer's state is its pane's: hidden, highlighted or dimmed (story.css), whatever its number of dots. */
function showCanvas(map, canvas, state) {
  const was = canvas.state;
  canvas.state = state;
  canvas.pane.style.display = state === "off" ? "none" : "";
  canvas.pane.classList.toggle("ms-strong", state === "strong");
  canvas.pane.classList.toggle("ms-dim", state === "dim");
  // A hidden canvas sleeps: it skips the redraw of all its dots that every move and zoom would cost, and catches
  // up once when shown again (Leaflet's renderer events, as its Layer adds them): one pass projects every dot
  // for the view it missed, one sizes the canvas to the view and draws them.
  const r = canvas.renderer;
  if (state === "off" && was !== "off") {
    map.off(r.getEvents(), r);
    for (const owner of canvas.tipOwners) if (owner.getTooltip()?.isOpen()) owner.closeTooltip(); // no name of a hidden dot
  }
  else if (state !== "off" && was === "off") {
    map.on(r.getEvents(), r);
    r._onZoomEnd();
    r._update();
  }
}

/** The map's pointer events, handed to the shown point canvases (Leaflet's own canvas hit testing). */
function forwardPointer(L, map, shown) {
  const el = map.getContainer();
  const handlers = {
    mousemove: (e) => shown().forEach((r) => r._onMouseMove(e)),
    click: (e) => shown().forEach((r) => r._onClick(e)),
    mouseleave: (e) => shown().forEach((r) => r._handleMouseOut(e)),
  };
  L.DomEvent.on(el, handlers);
  return () => L.DomEvent.off(el, handlers);
}

function labelRank(el) {
  if (el.classList.contains("ms-road-label")) return 3.5;
  const m = el.className.match(/ms-rank-(\d)/);
  return m ? Number(m[1]) : 3;
}

// The map is a tab stop (Leaflet's keyboard panning): it gets a name that says so. Zoom buttons are named with
// their visible sign first ("+ Zoom in"), so voice control finds them by what a reader sees. Place labels are
// left to the status sentence and the legend: read out, they were one run of names.
function nameControls(map) {
  const el = map.getContainer();
  el.setAttribute("role", "region");
  el.setAttribute("aria-label", "Map view: arrow keys pan, plus and minus zoom");
  for (const a of el.querySelectorAll(".leaflet-control-zoom a")) {
    const sign = a.textContent.trim();
    const name = a.getAttribute("aria-label") || a.title;
    if (sign && name && !name.includes(sign)) a.setAttribute("aria-label", `${sign} ${name}`);
  }
  map.getPane("markerPane").setAttribute("aria-hidden", "true");
}
