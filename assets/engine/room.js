// Where a chapter's view may go: the part of the map that its furniture (legend, inset, zoom buttons,
// attribution, scale, the layers button) leaves free. Pure functions of measured boxes, so they are unit-tested
// in Node (tests/js/room.test.mjs) and the browser only measures.
//
// Each piece of furniture sits against the map's edges and can be cleared from one side: the view starts right
// of it, left of it, below it or above it. Every combination of sides is tried (a handful of boxes: at most a
// few thousand cheap trials), so a wide chapter goes above a wide legend and a tall one beside it.
//
// The room that draws the chapter largest is not always the one to take: a narrow column beside the legend can
// win by a few per cent, and the map's zoom then snaps to the same step (or one below) anyway, leaving half the
// map empty beside the chapter. So every room that draws the chapter within one zoom step of the largest is a
// candidate, and the one whose centre lies nearest the map's centre wins.

const GAP = 6; // px between a piece of furniture and the chapter's shapes

/**
 * frame: {width, height}; boxes: [{left, top, right, bottom}] in the frame's pixels (outside ones are ignored);
 * aspect: the bounds' width / height in screen pixels (any zoom); base: the chapter's own padding (px);
 * extra: {right} room added on one side (place labels sit right of their point), {step} the map's zoom step as
 * a scale factor (2 ** zoomSnap; 1 takes the largest drawing whatever its place).
 * Returns Leaflet's {paddingTopLeft: [l, t], paddingBottomRight: [r, b]}.
 */
export function roomFor(frame, boxes, aspect, base = 0, extra = {}) {
  const a = aspect > 0 && Number.isFinite(aspect) ? aspect : 1;
  const rooms = candidateRooms(frame, boxes, base, extra.right || 0).map((r) => ({ ...r, scale: Math.min(r.w / a, r.h) }));
  if (!rooms.length) {
    // Furniture fills the frame (a tiny window): fall back to the chapter's own padding.
    return { paddingTopLeft: [base, base], paddingBottomRight: [base + (extra.right || 0), base] };
  }
  const best = pickRoom(rooms, [frame.width / 2, frame.height / 2], Math.max(1, extra.step || 1));
  return { paddingTopLeft: [best.l, best.t], paddingBottomRight: [best.r, best.b] };
}

/** Every way to clear the furniture, as paddings {l, t, r, b} and the free rectangle's {w, h} (none empty). */
function candidateRooms(frame, boxes, base, right) {
  const { width: W, height: H } = frame;
  const inside = boxes.filter((b) => b.right > 0 && b.left < W && b.bottom > 0 && b.top < H && b.right > b.left);
  // The four ways to clear each box, as the padding each one asks of its side.
  const ways = inside.map((b) => [
    ["left", Math.max(0, b.right) + GAP],
    ["right", Math.max(0, W - b.left) + GAP],
    ["top", Math.max(0, b.bottom) + GAP],
    ["bottom", Math.max(0, H - b.top) + GAP],
  ]);
  const rooms = [];
  const pad = { left: 0, right: 0, top: 0, bottom: 0 };
  function trial(i) {
    if (i === ways.length) {
      const room = { l: base + pad.left, r: base + pad.right + right, t: base + pad.top, b: base + pad.bottom };
      room.w = W - room.l - room.r;
      room.h = H - room.t - room.b;
      if (room.w > 0 && room.h > 0) rooms.push(room);
      return;
    }
    for (const [side, need] of ways[i]) {
      const was = pad[side];
      pad[side] = Math.max(was, need);
      trial(i + 1);
      pad[side] = was;
    }
  }
  trial(0);
  return rooms;
}

/**
 * Of rooms with their `scale` (the chapter's drawn height), the one to frame it in: within `step` of the
 * largest drawing, the one whose centre is nearest [cx, cy] (the map's); then the larger drawing, then the one
 * that pads least (a box that touches nothing of the view).
 */
export function pickRoom(rooms, [cx, cy], step = 1) {
  const centre = (r) => [r.l + r.w / 2, r.t + r.h / 2];
  const top = Math.max(...rooms.map((r) => r.scale));
  const off = (r) => {
    const [x, y] = centre(r);
    return Math.round(Math.hypot(x - cx, y - cy));
  };
  const waste = (r) => r.l + r.r + r.t + r.b;
  const near = rooms.filter((r) => r.scale * step >= top - 1e-6);
  near.sort((p, q) => off(p) - off(q) || q.scale - p.scale || waste(p) - waste(q));
  return near[0];
}

/** Do two boxes overlap (by more than `slack` px)? */
export function overlaps(a, b, slack = 0) {
  return a.left < b.right - slack && a.right > b.left + slack && a.top < b.bottom - slack && a.bottom > b.top + slack;
}

/** Is box `a` wholly inside box `b`? */
export function within(a, b) {
  return a.left >= b.left && a.right <= b.right && a.top >= b.top && a.bottom <= b.bottom;
}

/**
 * Label placement, bigger places first. labels: [{rank, box, flip: box | null}] in one coordinate space;
 * area: the map's box; furniture: boxes over it. A label that overprints a placed one, a piece of furniture
 * or the map's edge tries its other side (`flip`), else waits for more zoom. Returns "show" | "flip" | "hide"
 * per label, in the order given.
 */
export function placeLabels(labels, area, furniture) {
  const order = labels.map((l, i) => i).sort((i, j) => labels[i].rank - labels[j].rank);
  const taken = [];
  const out = new Array(labels.length).fill("hide");
  const free = (r) =>
    r && within(r, area) && !furniture.some((f) => overlaps(r, f)) && !taken.some((t) => overlaps(r, t, -2));
  for (const i of order) {
    const { box, flip } = labels[i];
    if (!box || box.right - box.left === 0) {
      out[i] = "show"; // not laid out (display: none at this zoom): nothing to place
      continue;
    }
    if (free(box)) {
      taken.push(box);
      out[i] = "show";
    } else if (free(flip)) {
      taken.push(flip);
      out[i] = "flip";
    }
  }
  return out;
}
