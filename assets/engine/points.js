// Point layers on canvases. Each point layer's dots are drawn on a canvas in a pane of their own, so the layer's
// state is one class on that pane (hidden, highlighted, or dimmed by CSS opacity) whatever its number of dots.
// A hidden canvas sleeps instead of redrawing every dot on every move. The pane lets pointer events through to
// the areas and roads beneath (a canvas would swallow their hover), so the pointer finds dots here, with
// Leaflet's own hit test, and opens a dot's tooltip in place of the shape's beneath it.

const TOLERANCE = 3; // px around a dot that still count as on it (Leaflet's canvas `tolerance`)

/** Every leaf layer (shape, dot, label marker) of a Leaflet layer group, depth first. */
export function collectLeaves(layer, out = []) {
  if (layer.eachLayer) layer.eachLayer((l) => collectLeaves(l, out));
  else out.push(layer);
  return out;
}

function collectGroups(layer, out = []) {
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
  const layers = {};
  let hovered = null; // the dot under the pointer
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
    layers[id] = { pane, renderer, dots, labels: all.filter((l) => !(l instanceof L.CircleMarker)), state: null };
  }
  // The dots are added to the map once, here (hidden), not at every chapter that shows them.
  for (const [id, layer] of Object.entries(layers)) {
    map.addLayer(groups[id]);
    for (const label of layer.labels) map.removeLayer(label);
    show(id, "off");
  }
  // Folium binds each layer's tooltip to its groups: the shapes' are closed when a dot's opens.
  const shapeTips = Object.keys(groups)
    .filter((id) => !layers[id])
    .flatMap((id) => collectGroups(groups[id]));

  function show(id, state) {
    const layer = layers[id];
    const was = layer.state;
    layer.state = state;
    layer.pane.style.display = state === "off" ? "none" : "";
    layer.pane.classList.toggle("ms-strong", state === "strong");
    layer.pane.classList.toggle("ms-dim", state === "dim");
    const r = layer.renderer;
    if (state === "off" && was !== "off") {
      // Asleep: deaf to the map's moves and zooms (Leaflet's renderer events, as its Layer adds them).
      map.off(r.getEvents(), r);
      if (hovered && layer.dots.includes(hovered)) hover(null, null); // no name left for a hidden dot
    } else if (state !== "off" && was === "off") {
      // Awake: one pass projects every dot for the view it missed, one sizes the canvas and draws them.
      map.on(r.getEvents(), r);
      r._onZoomEnd();
      r._update();
    }
  }

  /** The topmost shown dot under a mouse event, or null (never through the map's own controls). */
  function dotAt(e) {
    if (e.target instanceof Element && e.target.closest(".leaflet-control")) return null;
    const point = map.mouseEventToLayerPoint(e);
    let hit = null;
    for (const layer of Object.values(layers)) {
      if (layer.state === "off") continue;
      for (const dot of layer.dots) if (dot._containsPoint(point)) hit = dot; // drawn later = on top
    }
    return hit;
  }

  function hover(dot, e) {
    if (dot === hovered) return;
    // Fired on the dot (and its groups, which hold the tooltip), never back through the map: the shapes beneath
    // and the map do not hear the same pointer twice.
    if (hovered) hovered.fire("mouseout", { originalEvent: e }, true);
    hovered = dot;
    map.getContainer().classList.toggle("ms-on-point", Boolean(dot));
    if (!dot) return;
    dot.fire("mouseover", { latlng: dot.getLatLng(), originalEvent: e }, true);
    giveWay();
  }

  // After the event: the map's own handler may open the tooltip of the shape beneath in the same event.
  const giveWay = () =>
    queueMicrotask(() => {
      for (const g of shapeTips) if (g.getTooltip()?.isOpen()) g.closeTooltip();
    });

  let moved = null;
  let frame = 0;
  const el = map.getContainer();
  const handlers = {
    mousemove(e) {
      moved = e;
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        hover(dotAt(moved), moved);
      });
    },
    click(e) {
      hover(dotAt(e), e); // a tap: the dot's name, as a hover shows it
      if (hovered) giveWay(); // the click may have reopened the shape's beneath
    },
    mouseleave: (e) => hover(null, e),
  };
  L.DomEvent.on(el, handlers);

  return {
    has: (id) => id in layers,
    labels: (id) => layers[id].labels,
    show,
    /** Where the shown dots are drawn, as viewport boxes (the tests' eyes: a canvas has no elements). */
    drawn() {
      const m = el.getBoundingClientRect();
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
    },
    destroy() {
      cancelAnimationFrame(frame);
      L.DomEvent.off(el, handlers);
    },
  };
}
