// The pointer over the point layers. Their panes let pointer events through to the areas and roads beneath (a
// canvas would swallow their hover), so the pointer finds dots here, by geometry (hits.js), and opens a dot's
// tooltip in place of the shape's beneath it.

import { projectDots, topmostHit } from "./hits.js";

/**
 * layers: points.js's point layers ({dots, state, tolerance}); shapeTips: the groups whose tooltips give way to a
 * dot's. Returns {forget(dots), destroy()}.
 */
export function createPointer(L, map, layers, shapeTips) {
  const pointer = { map, layers, shapeTips, hovered: null, moved: null, frame: 0 };
  const el = map.getContainer();
  const handlers = {
    mousemove(e) {
      pointer.moved = e;
      pointer.frame ||= requestAnimationFrame(() => {
        pointer.frame = 0;
        hover(pointer, dotAt(pointer, pointer.moved), pointer.moved);
      });
    },
    click(e) {
      hover(pointer, dotAt(pointer, e), e); // a tap: the dot's name, as a hover shows it
      if (pointer.hovered) giveWay(shapeTips); // the click may have reopened the shape's beneath
    },
    mouseleave: (e) => hover(pointer, null, e),
  };
  L.DomEvent.on(el, handlers);
  return {
    /** Dots being hidden: the one under the pointer loses its name. */
    forget(dots) {
      if (pointer.hovered && dots.includes(pointer.hovered)) hover(pointer, null, null);
    },
    destroy() {
      cancelAnimationFrame(pointer.frame);
      L.DomEvent.off(el, handlers);
    },
  };
}

/** The topmost shown dot under a mouse event, or null (never through the map's own controls). */
function dotAt({ map, layers }, e) {
  if (e.target instanceof Element && e.target.closest(".leaflet-control")) return null;
  const zoom = map.getZoom();
  const at = map.mouseEventToLayerPoint(e).add(map.getPixelOrigin()); // the map's pixels at this zoom
  let hit = null;
  for (const layer of Object.values(layers)) {
    if (layer.state === "off") continue;
    const i = topmostHit(projected(map, layer, zoom), at);
    if (i >= 0) hit = layer.dots[i]; // a later layer is drawn on top
  }
  return hit;
}

/** A layer's dots in the map's pixels at `zoom`: projected once per zoom, on the first hover that needs them. */
function projected(map, layer, zoom) {
  if (layer.projected?.zoom !== zoom) {
    const dots = layer.dots.map((d) => ({ latLng: d.getLatLng(), radius: d.getRadius(), options: d.options }));
    layer.projected = { zoom, ...projectDots(dots, (ll) => map.project(ll, zoom), layer.tolerance) };
  }
  return layer.projected;
}

function hover(pointer, dot, e) {
  if (dot === pointer.hovered) return;
  // Fired on the dot (and its groups, which hold the tooltip), never back through the map: the shapes beneath
  // and the map do not hear the same pointer twice.
  if (pointer.hovered) pointer.hovered.fire("mouseout", { originalEvent: e }, true);
  pointer.hovered = dot;
  pointer.map.getContainer().classList.toggle("ms-on-point", Boolean(dot));
  if (!dot) return;
  dot.fire("mouseover", { latlng: dot.getLatLng(), originalEvent: e }, true);
  giveWay(pointer.shapeTips);
}

// After the event: the map's own handler may open the tooltip of the shape beneath in the same event.
function giveWay(shapeTips) {
  queueMicrotask(() => {
    for (const g of shapeTips) if (g.getTooltip()?.isOpen()) g.closeTooltip();
  });
}
