// Place labels never overprint each other, the furniture or the map's edge: bigger places first; a label that
// would collide tries the other side of its point (road numbers have none), else waits for more zoom (room.js
// decides, from measured boxes). All boxes are read first and classes written after, so the browser lays the page
// out once, not once per label.

import { placeLabels } from "./room.js";

const LABELS_SEL = ".leaflet-marker-pane .ms-label";

/** Places the labels in `frame`; furniture() gives the boxes over the map (read after the labels' own). */
export function declutter(frame, map, furniture) {
  const els = Array.from(frame.querySelectorAll(LABELS_SEL));
  for (const el of els) el.classList.remove("ms-crowded", "ms-flip");
  const area = map.getContainer().getBoundingClientRect();
  const labels = els.map((el) => {
    const r = el.firstElementChild?.getBoundingClientRect();
    const box = r && { left: r.left, right: r.right, top: r.top, bottom: r.bottom };
    return { rank: labelRank(el), box, flip: box && flipped(el, box) };
  });
  const where = placeLabels(labels, area, furniture());
  els.forEach((el, i) => {
    if (where[i] === "flip") el.classList.add("ms-flip");
    else if (where[i] === "hide") el.classList.add("ms-crowded");
  });
}

/** Where a label goes when crowded: a place's to the left of its point (.ms-flip: 6 px left instead of right),
 * a ring's above the ring instead of beneath (as far above the ring's centre, the element's corner, as it was
 * below); a road number nowhere. */
function flipped(el, box) {
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
  if (el.classList.contains("ms-road-label")) return 3.5;
  const m = el.className.match(/\bms-rank-(\d+)\b/);
  return m ? Number(m[1]) : 3;
}
