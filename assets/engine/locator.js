// Where the locator inset looks and how it marks the main map's view: a pure decision (no Leaflet), so that the
// mark is always whole inside the inset. The inset shows the story's region; when the view reaches beyond what
// that shows, the inset shows the region and the view together. A view too small to see as a box on the inset
// is marked by a ring on its centre instead.
//
// The arithmetic is Leaflet's own for its default CRS (spherical Web Mercator, 256 px tiles) and for
// map.getBoundsZoom (a fit snaps down to the map's zoomSnap), so the plan is what Leaflet will draw.

const MAX_LAT = 85.0511287798; // Leaflet's SphericalMercator clamps latitudes here
const TILE = 256;

/** A [lng, lat] point in world pixels at zoom 0 (x east, y south), as Leaflet projects it. */
function project(lng, lat) {
  const phi = (Math.max(-MAX_LAT, Math.min(MAX_LAT, lat)) * Math.PI) / 180;
  const x = ((lng + 180) / 360) * TILE;
  const y = (0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)) * TILE;
  return { x, y };
}

function unproject({ x, y }) {
  const lng = (x / TILE) * 360 - 180;
  const lat = (Math.atan(Math.exp((0.5 - y / TILE) * 2 * Math.PI)) * 2 - Math.PI / 2) * (180 / Math.PI);
  return { lng, lat };
}

/** [w, s, e, n] in degrees → a box in world pixels at zoom 0. */
function toBox([w, s, e, n]) {
  const sw = project(w, s);
  const ne = project(e, n);
  return { left: Math.min(sw.x, ne.x), right: Math.max(sw.x, ne.x), top: Math.min(sw.y, ne.y), bottom: Math.max(sw.y, ne.y) };
}

function union(a, b) {
  return { left: Math.min(a.left, b.left), right: Math.max(a.right, b.right), top: Math.min(a.top, b.top), bottom: Math.max(a.bottom, b.bottom) };
}

function grow(box, by) {
  return { left: box.left - by, right: box.right + by, top: box.top - by, bottom: box.bottom + by };
}

function inside(inner, outer) {
  return inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;
}

/** Leaflet's fit of `box` in a map of `size` px, `pad` px clear on every side: {centre, zoom}. */
function fitOf(box, size, pad, { snap, minZoom, maxZoom }) {
  const w = Math.max(box.right - box.left, 1e-12);
  const h = Math.max(box.bottom - box.top, 1e-12);
  let zoom = Math.log2(Math.min((size.width - 2 * pad) / w, (size.height - 2 * pad) / h));
  if (snap) {
    zoom = Math.round(zoom / (snap / 100)) * (snap / 100); // Leaflet: within 1 % of a level counts as on it
    zoom = Math.floor(zoom / snap) * snap;
  }
  zoom = Math.max(minZoom, Math.min(maxZoom, zoom));
  return { centre: { x: (box.left + box.right) / 2, y: (box.top + box.bottom) / 2 }, zoom };
}

/** What a fit shows, in world pixels at zoom 0, less `pad` screen px on every side. */
function shown(fit, size, pad) {
  const k = 2 ** fit.zoom;
  const hw = (size.width / 2 - pad) / k;
  const hh = (size.height / 2 - pad) / k;
  return { left: fit.centre.x - hw, right: fit.centre.x + hw, top: fit.centre.y - hh, bottom: fit.centre.y + hh };
}

/**
 * region, view: [w, s, e, n] in degrees (the story's region; the main map's bounds). size: the inset's
 * {width, height} in px. Returns {centre: {lat, lng}, zoom, mark: "box" | "ring", at: {lat, lng}} — where to
 * set the inset, and whether its view mark is the view's box or a ring of `ring` px radius centred `at` the
 * view — or null when the inset has no room to show anything. `pad`: px kept clear at the inset's edges (a
 * box's stroke straddles its edge); `minPx`: the smallest box, across, still drawn as a box.
 */
export function insetPlan(region, view, size, opts = {}) {
  const o = { pad: 2, minPx: 8, ring: 6, snap: 1, minZoom: 0, maxZoom: 18, ...opts };
  if (!(size.width > 2 * (o.pad + o.ring) && size.height > 2 * (o.pad + o.ring))) return null;
  const r = toBox(region);
  const v = toBox(view);
  let fit = fitOf(r, size, o.pad, o);
  if (!inside(v, shown(fit, size, o.pad))) fit = fitOf(union(r, v), size, o.pad, o);
  const across = Math.max(v.right - v.left, v.bottom - v.top) * 2 ** fit.zoom;
  const c = { x: (v.left + v.right) / 2, y: (v.top + v.bottom) / 2 };
  const at = unproject(c);
  if (across >= o.minPx) return { centre: unproject(fit.centre), zoom: fit.zoom, mark: "box", at };
  // A ring: its whole disc (and stroke) must be inside too, so it needs `ring` px more room than a box.
  const dot = { left: c.x, right: c.x, top: c.y, bottom: c.y };
  if (!inside(grow(dot, o.ring / 2 ** fit.zoom), shown(fit, size, o.pad))) fit = fitOf(union(r, dot), size, o.pad + o.ring, o);
  return { centre: unproject(fit.centre), zoom: fit.zoom, mark: "ring", at };
}
