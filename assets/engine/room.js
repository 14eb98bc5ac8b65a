// Where a chapter's view may go: the part of the map that its furniture (legend, inset, zoom buttons,
// attribution, scale, the layers button) leaves free. Pure functions of measured boxes, so they are unit-tested
// in Node (tests/js/room.test.mjs) and the browser only measures.
//
// Each piece of furniture sits against the map's edges and can be cleared from one side: the view starts right
// of it, left of it, below it or above it. Every combination of sides is tried (each distinct padding once), so a
// wide chapter goes above a wide legend and a tall one beside it.
//
// The room that draws the chapter largest is not always the one to take: the map's zoom snaps to steps
// (zoomSnap), so several rooms often draw the chapter at the same zoom, and of those the one nearest the middle
// of the free room (freeMiddle) is taken. A room one step smaller is taken when it is much nearer that middle
// (EVEN): a chapter a little taller than wide then sits in the middle of the map above a wide legend, not in a
// column beside it with half the map empty (the roads west, issue 22).

const GAP = 6; // px between a piece of furniture and the chapter's shapes
const SLACK = 8; // px: a room this close to another on every side, and smaller, only pads a side for nothing
const EVEN = 0.05; // of the map's smaller side: how much nearer the middle a room one zoom step smaller must be

/**
 * frame: {width, height}; boxes: [{left, top, right, bottom}] in the frame's pixels (outside ones are ignored);
 * aspect: the bounds' width / height in screen pixels (any zoom); base: the chapter's own padding (px);
 * extra: {right} room added on one side (place labels sit right of their point); {step} the map's zoom step as a
 * scale factor (2 ** zoomSnap) and {snap(height)} the height the bounds are drawn at when they may be `height`
 * px tall (the zoom snapped down to its step and held to the chapter's max zoom). Without them every room is
 * its own size and the largest drawing wins.
 * Returns Leaflet's {paddingTopLeft: [l, t], paddingBottomRight: [r, b]}.
 */
export function roomFor(frame, boxes, aspect, base = 0, extra = {}) {
  const a = aspect > 0 && Number.isFinite(aspect) ? aspect : 1;
  const snap = extra.snap || ((h) => h);
  const rooms = candidateRooms(frame, boxes, base, extra.right || 0).map((r) => {
    const scale = Math.min(r.w / a, r.h);
    return { ...r, scale, drawn: snap(scale) };
  });
  if (!rooms.length) {
    // Furniture fills the frame (a tiny window): fall back to the chapter's own padding.
    return { paddingTopLeft: [base, base], paddingBottomRight: [base + (extra.right || 0), base] };
  }
  const even = EVEN * Math.min(frame.width, frame.height);
  const best = pickRoom(rooms, freeMiddle(frame, boxes), { step: Math.max(1, extra.step || 1), even });
  return { paddingTopLeft: [best.l, best.t], paddingBottomRight: [best.r, best.b] };
}

/**
 * The middle of the free room: the centre of the area the furniture leaves of the frame (a wide legend at the
 * bottom left lifts it up and to the right). Exact, over the grid that the boxes' edges cut the frame into.
 */
export function freeMiddle(frame, boxes) {
  const { width: W, height: H } = frame;
  const clip = (v, hi) => Math.min(hi, Math.max(0, v));
  const xs = [...new Set([0, W, ...boxes.flatMap((b) => [clip(b.left, W), clip(b.right, W)])])].sort((a, b) => a - b);
  const ys = [...new Set([0, H, ...boxes.flatMap((b) => [clip(b.top, H), clip(b.bottom, H)])])].sort((a, b) => a - b);
  let area = 0;
  let mx = 0;
  let my = 0;
  for (let i = 1; i < xs.length; i++) {
    for (let j = 1; j < ys.length; j++) {
      const [x, y] = [(xs[i - 1] + xs[i]) / 2, (ys[j - 1] + ys[j]) / 2];
      if (boxes.some((b) => b.left < x && x < b.right && b.top < y && y < b.bottom)) continue;
      const a = (xs[i] - xs[i - 1]) * (ys[j] - ys[j - 1]);
      area += a;
      mx += a * x;
      my += a * y;
    }
  }
  return area > 0 ? [mx / area, my / area] : [W / 2, H / 2];
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
  // Box by box, each way of clearing it from every padding so far. Many combinations pad the sides alike: each
  // padding is carried on once (the boxes after it clear it the same way), so the trials stay a few hundred
  // where every combination (4 ** boxes) was thousands on a phone, in the frame a chapter's flight starts.
  let pads = new Map([["0 0 0 0", { left: 0, right: 0, top: 0, bottom: 0 }]]);
  for (const way of ways) {
    const next = new Map();
    for (const pad of pads.values()) {
      for (const [side, need] of way) {
        const p = { ...pad, [side]: Math.max(pad[side], need) };
        next.set(`${p.left} ${p.top} ${p.right} ${p.bottom}`, p);
      }
    }
    pads = next;
  }
  const rooms = [];
  for (const pad of pads.values()) {
    const room = { l: base + pad.left, r: base + pad.right + right, t: base + pad.top, b: base + pad.bottom };
    room.w = W - room.l - room.r;
    room.h = H - room.t - room.b;
    if (room.w > 0 && room.h > 0) rooms.push(room);
  }
  return rooms;
}

/**
 * Of rooms with their `drawn` height (and unsnapped `scale`), the one to frame the chapter in: of the rooms that
 * draw it largest, the one whose centre is nearest [cx, cy] (the free room's middle); a room one `step` smaller instead when
 * its centre is more than `even` px nearer. Rooms inside another (they pad a side for nothing) never count; ties
 * go to the larger room, then to the one that pads least (a box that touches nothing of the view).
 */
export function pickRoom(rooms, [cx, cy], { step = 1, even = 0 } = {}) {
  const off = (r) => Math.hypot(r.l + r.w / 2 - cx, r.t + r.h / 2 - cy);
  const waste = (r) => r.l + r.r + r.t + r.b;
  // To a few px: boxes in a row (the date buttons, the Layers button) differ by a few.
  const inside = (p, q) =>
    p.l >= q.l - SLACK && p.t >= q.t - SLACK && p.r >= q.r - SLACK && p.b >= q.b - SLACK && waste(p) > waste(q) + 4 * SLACK;
  const top = Math.max(...rooms.map((r) => r.drawn));
  const near = rooms.filter((r) => r.drawn * step >= top * (1 - 1e-9));
  const open = near.filter((p) => !near.some((q) => inside(p, q)));
  const order = (p, q) => off(p) - off(q) || q.scale - p.scale || waste(p) - waste(q);
  const biggest = (list) => list.filter((r) => r.drawn >= top * (1 - 1e-9)).sort(order)[0];
  // Within SLACK a room can count as inside one that draws a shade smaller: then the largest is taken as it is.
  const largest = biggest(open) || biggest(near);
  const central = open.sort(order)[0] || largest;
  return off(largest) - off(central) > even ? central : largest;
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
