// A minimum visible size (issue 22): a highlighted area or line drawn smaller across than the look's
// `min_visible_px` at the map's zoom is shown as a ring in its colour (the look's `symbol`) until the reader
// zooms in; dimmed layers may be smaller. Pure: mapview.js measures with Leaflet and draws the rings, and
// story/look.py's Look.too_small is the same rule for the Python drawings.

/** Whether a shape drawn `size` ({width, height}, px) is too small to see. */
export function tooSmall(size, minPx) {
  return Math.max(size.width, size.height) < minPx;
}

/** The size in px of a box whose corners project to `a` and `b` ({x, y} at the map's zoom). */
export function drawnSize(a, b) {
  return { width: Math.abs(b.x - a.x), height: Math.abs(b.y - a.y) };
}

/**
 * The groups to draw as a symbol: highlighted ("strong" in `states`, {group: state}) groups whose size
 * (`sizeOf(group)`: {width, height} px, or null for what is not measured, a point layer's dots) is too small.
 */
export function symbolGroups(states, sizeOf, minPx) {
  const out = new Set();
  for (const [group, state] of Object.entries(states)) {
    if (state !== "strong") continue;
    const size = sizeOf(group);
    if (size && tooSmall(size, minPx)) out.add(group);
  }
  return out;
}

/**
 * The legend entries drawn as a ring: of each symbol group (`symbols`), its layer's entry (a dated layer's
 * group on the map's date `when` is its layer's), or the group's own (the ground a layer lost or gained).
 */
export function ringEntries(symbols, layers, when) {
  const out = new Set();
  for (const group of symbols) {
    const layer = layers.find((l) => (l.dated && when ? l.dated.states[when.date]?.group === group : l.id === group));
    out.add(layer ? layer.id : group);
  }
  return out;
}

/**
 * Each highlighted group's name for its ring's label (groups: {group: state}): its legend entry's short name (a
 * layer's), or the entry's label (the ground a layer lost or gained has no short name of its own). The legend's
 * `entries` are derived for the same state, so the ring says what its swatch says.
 */
export function ringNames(groups, layers, when, entries) {
  const out = {};
  for (const [group, state] of Object.entries(groups)) {
    if (state !== "strong") continue;
    const [id] = ringEntries([group], layers, when);
    const entry = entries.find((e) => e.id === id);
    if (entry) out[group] = entry.short || entry.label;
  }
  return out;
}

/** A symbol's class: its shapes' own (their layer's), as a highlighted symbol rather than a shape. */
export function symbolClass(shapeClass) {
  const own = (shapeClass || "").split(/\s+/).filter((c) => c && c !== "ms-path");
  return ["ms-symbol", ...own, "ms-strong"].join(" ");
}
