// The Leaflet side: puts layer states on the map, frames a chapter's view in the room its furniture leaves
// (room.js), keeps the locator inset's box on the view, and keeps place labels from overprinting each other,
// the furniture or the map's edge. Point layers are drawn on a canvas each (points.js), so a chapter switch costs
// the same at 20 points as at 20,000.

import { collectLeaves, createPoints } from "./points.js";
import { placeLabels, roomFor } from "./room.js";

const LABEL_ROOM = 60; // place labels sit right of their point: keep the easternmost label on the map
const LABELS_SEL = ".leaflet-marker-pane .ms-label";

export function reducedMotion() {
  return Boolean(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
}

/**
 * maps: what the story module's createMaps(L) returned ({map, inset, groups}); frame: the map's container;
 * look: the map's look (story/look.json, in the page's data), whose zoom bands name the labels' band.
 * furniture(): the page's elements over the map (legend, inset, layers button…); Leaflet's own controls are
 * added here. The chapter's view is fitted to the room they leave, and labels keep clear of them.
 */
export function createMapView(L, maps, frame, { region, furniture, look }) {
  const { map, inset, groups } = maps;
  const points = createPoints(L, map, groups);
  // Per layer, what carries a state class of its own: shapes, or a point layer's labels (its dots are its pane's).
  const leaves = {};
  for (const [id, g] of Object.entries(groups)) leaves[id] = points.has(id) ? points.labels(id) : collectLeaves(g);
  nameControls(map);
  const viewBox = L.rectangle(map.getBounds(), { color: "#c0392b", weight: 2, fill: false, interactive: false });
  viewBox.addTo(inset);

  function applyStates(states) {
    for (const [id, group] of Object.entries(groups)) {
      const st = states[id] || "off";
      if (points.has(id)) points.show(id, st);
      // A point layer's dots stay on the map under their pane (hidden when off): only its few labels come and go.
      const parts = points.has(id) ? leaves[id] : [group];
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
    fitting = true; // until this move ends: the page's, not the reader's
    readerMoved = false;
    if (instant || reducedMotion()) {
      map.fitBounds(bounds, { ...opts, animate: false });
      fitting = false;
      return "jump";
    }
    map.flyToBounds(bounds, { ...opts, duration: 0.8 });
    return "fly";
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
  // readerMoved: the reader has dragged, zoomed or panned the map since the page last framed a chapter (then a
  // legend that changes size leaves their view alone).
  let fitting = false;
  let readerMoved = false;
  function onMoveStart() {
    frame.dataset.moving = "true";
    if (!fitting) readerMoved = true;
  }
  const onDrag = () => (readerMoved = true); // also a drag that interrupts a flight
  map.on("dragstart", onDrag);
  function onMove() {
    fitting = false;
    delete frame.dataset.moving;
    viewBox.setBounds(map.getBounds());
    frame.dataset.zoomband = zoomBand(map.getZoom(), look.zoom_bands);
    declutter();
  }
  map.on("moveend zoomend", onMove);
  map.on("movestart", onMoveStart);

  function fitInset() {
    inset.invalidateSize();
    const [w, s, e, n] = region;
    inset.fitBounds([[s, w], [n, e]], { animate: false, padding: [2, 2] });
  }

  return {
    map,
    applyStates,
    drawnPoints: points.drawn,
    fit,
    fitInset,
    readerMoved: () => readerMoved,
    onMove,
    resize() {
      map.invalidateSize({ animate: false });
      fitInset();
    },
    destroy() {
      cancelAnimationFrame(placing);
      points.destroy();
      map.off("moveend zoomend", onMove);
      map.off("movestart", onMoveStart);
      map.off("dragstart", onDrag);
      map.remove();
      inset.remove();
    },
  };
}

/** The zoom band a map at `zoom` is in: the last of story/look.json's `zoom_bands` it has reached. */
export function zoomBand(zoom, bands) {
  return bands.filter((b) => zoom >= b.from_zoom).at(-1).name;
}

export function labelRank(el) {
  if (el.classList.contains("ms-road-label")) return 3.5;
  const m = el.className.match(/\bms-rank-(\d+)\b/);
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
