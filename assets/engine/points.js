// Point layers on canvases. Each point layer's dots are drawn by a Leaflet canvas renderer in a pane of their own,
// so the layer's state is one class on that pane (hidden, highlighted, or dimmed by CSS opacity) whatever its
// number of dots. A hidden layer's renderer sleeps (no canvas redraws its dots on every move) and, shown again,
// redraws them once for the view as it is then. The pointer finds dots in pointer.js.

import { createPointer } from "./pointer.js";

const TOLERANCE = 3; // px around a dot that still count as on it (as Leaflet's canvas `tolerance`)

/** Every leaf layer (shape, dot, label marker) of a Leaflet layer group, depth first. */
export function collectLeaves(layer, out = []) {
  if (layer.eachLayer) layer.eachLayer((l) => collectLeaves(l, out));
  else out.push(layer);
  return out;
}

/** Every layer group within a Leaflet layer group, itself included, depth first (Folium binds tooltips to them). */
export function collectGroups(layer, out = []) {
  if (layer.eachLayer) {
    out.push(layer);
    layer.eachLayer((l) => collectGroups(l, out));
  }
  return out;
}

/**
 * groups: {layer id: FeatureGroup} as the story module built them. Every group holding circle markers becomes a
 * point layer: its dots go on the canvas, the rest (its place labels) stays as it is.
 */
export function createPoints(L, map, groups) {
  const layers = pointLayers(L, map, groups);
  // Folium binds each layer's tooltip to its groups: the shapes' are closed when a dot's opens.
  const shapeTips = Object.keys(groups)
    .filter((id) => !layers[id])
    .flatMap((id) => collectGroups(groups[id]));
  const pointer = createPointer(L, map, layers, shapeTips);
  // The groups join the map once, here, and stay (a dot's tooltip, bound to its group, opens only on a map), dots
  // and labels; a label's state is its classes (mapview.js applyStates).
  for (const [id, layer] of Object.entries(layers)) {
    map.addLayer(groups[id]);
    show(map, layer, "off", pointer);
  }
  return {
    has: (id) => id in layers,
    labels: (id) => layers[id].labels,
    show: (id, state) => show(map, layers[id], state, pointer),
    drawn: () => drawn(map, layers),
    destroy: pointer.destroy,
  };
}

/** A point layer per group with circle markers: {pane, dots, labels, state, tolerance}. */
function pointLayers(L, map, groups) {
  const layers = {};
  for (const [id, group] of Object.entries(groups)) {
    const all = collectLeaves(group);
    const dots = all.filter((l) => l instanceof L.CircleMarker);
    if (!dots.length) continue;
    const name = `ms-points-${id}`;
    const pane = map.createPane(name);
    pane.classList.add("ms-points", `ms-layer-${id}`);
    pane.style.pointerEvents = "none";
    const renderer = L.canvas({ pane: name, tolerance: TOLERANCE });
    for (const dot of dots) dot.options.renderer = renderer;
    const labels = all.filter((l) => !(l instanceof L.CircleMarker));
    layers[id] = { pane, dots, labels, renderer, state: null, tolerance: TOLERANCE };
  }
  return layers;
}

function show(map, layer, state, pointer) {
  const was = layer.state;
  layer.state = state;
  layer.pane.style.display = state === "off" ? "none" : "";
  layer.pane.classList.toggle("ms-strong", state === "strong");
  layer.pane.classList.toggle("ms-dim", state === "dim");
  if (state === "off" && was !== "off") {
    pointer.forget(layer.dots); // no name left for a hidden dot
    // Asleep: the renderer stops listening to the map (the handlers its public getEvents() gave the map are
    // taken back), so a move redraws none of its dots; the dots and their tooltips stay where they are.
    map.off(layer.renderer.getEvents(), layer.renderer);
  } else if (state !== "off" && was === "off") {
    // Awake: it listens again, and catches up with the view it missed as the map itself would have had it:
    // the same handlers, zoom end then move end, in one redraw before the next paint.
    const events = layer.renderer.getEvents();
    map.on(events, layer.renderer);
    events.zoomend.call(layer.renderer);
    events.moveend.call(layer.renderer);
  }
}

/** Where the shown dots are drawn, as viewport boxes (the tests' eyes: a canvas has no elements). */
function drawn(map, layers) {
  const m = map.getContainer().getBoundingClientRect();
  const out = [];
  for (const [id, { state, dots }] of Object.entries(layers)) {
    if (state === "off") continue;
    for (const dot of dots) {
      const p = map.latLngToContainerPoint(dot.getLatLng());
      const r = dot.getRadius() + (dot.options.weight || 0) / 2;
      out.push({ layer: id, state, left: m.left + p.x - r, right: m.left + p.x + r, top: m.top + p.y - r, bottom: m.top + p.y + r });
    }
  }
  return out;
}
