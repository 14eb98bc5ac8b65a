// Place labels never overprint each other, the furniture or the map's edge: bigger places first; a label that
// would collide tries the other side of its point (road numbers have none), else waits for more zoom (room.js
// decides, from measured boxes). All boxes are read first and classes written after, and only where a label's
// place changed, so the browser lays the page out once, not once per label, and restyles only what moved.

import { placeLabels } from "./room.js";

/** The map's labels: places, road numbers and rings' names (mapview.js marks the places a chapter names); a
 * label of a layer that is off stays on the map, not drawn (.ms-off), and takes no room. */
export const LABELS_SEL = ".leaflet-marker-pane .ms-label:not(.ms-off)";

/** Places the labels in `frame`; furniture() gives the boxes over the map (read after the labels' own). */
export function declutter(frame, map, furniture) {
  const els = Array.from(frame.querySelectorAll(LABELS_SEL));
  const area = map.getContainer().getBoundingClientRect();
  const labels = els.map((el) => {
    const r = el.firstElementChild?.getBoundingClientRect();
    if (!r) return { rank: labelRank(el), box: null, flip: null };
    // Read where it is now (a hidden label keeps its box): its own side's box and the other side's.
    const here = { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    const other = flipped(el, here);
    const isFlipped = el.classList.contains("ms-flip") && other;
    return { rank: labelRank(el), box: isFlipped ? unflipped(el, here) : here, flip: isFlipped ? here : other };
  });
  const where = placeLabels(labels, area, furniture());
  els.forEach((el, i) => {
    if (el.classList.contains("ms-flip") !== (where[i] === "flip")) el.classList.toggle("ms-flip");
    if (el.classList.contains("ms-crowded") !== (where[i] === "hide")) el.classList.toggle("ms-crowded");
  });
}

/** Drops a label's placement (a label back on after being off starts unplaced, as a new one would: its old
 * place was for another view). Only what it has is removed: a removal always rewrites the class. */
export function unplace(el) {
  for (const c of ["ms-flip", "ms-crowded"]) if (el.classList.contains(c)) el.classList.remove(c);
}

/** The box a flipped label has on its own side: the flip undone (left of a point → right; above a ring → beneath). */
export function unflipped(el, box) {
  if (el.classList.contains("ms-ring-label")) return flipped(el, box); // a reflection about the ring: its own inverse
  const shift = box.right - box.left + 12;
  return { ...box, left: box.left + shift, right: box.right + shift };
}

/** Where a label goes when crowded: a place's to the left of its point (.ms-flip: 6 px left instead of right),
 * a ring's above the ring instead of beneath (as far above the ring's centre, the element's corner, as it was
 * below); a road number nowhere. */
export function flipped(el, box) {
  if (el.classList.contains("ms-road-label")) return null;
  if (el.classList.contains("ms-ring-label")) {
    const y = el.getBoundingClientRect().top;
    const up = box.top - y + (box.bottom - y);
    return { ...box, top: box.top - up, bottom: box.bottom - up };
  }
  const shift = box.right - box.left + 12;
  return { ...box, left: box.left - shift, right: box.right - shift };
}

/** A label's rank from its classes (ms-rank-N; a road number ranks after the towns). */
export function labelRank(el) {
  if (el.classList.contains("ms-ring-label")) return 0; // what the chapter is about, before any town
  if (el.classList.contains("ms-named")) return 1.5; // a place the chapter's text names: after the biggest places, before the rest
  if (el.classList.contains("ms-road-label")) return 3.5;
  const m = el.className.match(/\bms-rank-(\d+)\b/);
  return m ? Number(m[1]) : 3;
}
