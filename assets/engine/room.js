// Where a chapter's view may go: the part of the map that its furniture (legend, inset, zoom buttons,
// attribution, scale, the layers button) leaves free. Pure functions of measured boxes, so they are unit-tested
// in Node (tests/js/room.test.mjs) and the browser only measures.
//
// Each piece of furniture sits against the map's edges and can be cleared from one side: the view starts right
// of it, left of it, below it or above it. Every combination of sides is tried (a handful of boxes: at most a
// few thousand cheap trials) and the one that lets the chapter's bounds be drawn largest wins, so a wide
// chapter goes above a wide legend and a tall one beside it.

const GAP = 6; // px between a piece of furniture and the chapter's shapes

/**
 * frame: {width, height}; boxes: [{left, top, right, bottom}] in the frame's pixels (outside ones are ignored);
 * aspect: the bounds' width / height in screen pixels (any zoom); base: the chapter's own padding (px);
 * extra: {right} room added on one side (place labels sit right of their point).
 * Returns Leaflet's {paddingTopLeft: [l, t], paddingBottomRight: [r, b]}.
 */
export function roomFor(frame, boxes, aspect, base = 0, extra = {}) {
  const { width: W, height: H } = frame;
  const inside = boxes.filter((b) => b.right > 0 && b.left < W && b.bottom > 0 && b.top < H && b.right > b.left);
  // The four ways to clear each box, as the padding each one asks of its side.
  const ways = inside.map((b) => [
    ["left", Math.max(0, b.right) + GAP],
    ["right", Math.max(0, W - b.left) + GAP],
    ["top", Math.max(0, b.bottom) + GAP],
    ["bottom", Math.max(0, H - b.top) + GAP],
  ]);
  const a = aspect > 0 && Number.isFinite(aspect) ? aspect : 1;
  let best = null;
  const pad = { left: 0, right: 0, top: 0, bottom: 0 };
  function trial(i) {
    if (i === ways.length) {
      const l = base + pad.left;
      const r = base + pad.right + (extra.right || 0);
      const t = base + pad.top;
      const b = base + pad.bottom;
      const w = W - l - r;
      const h = H - t - b;
      if (w <= 0 || h <= 0) return;
      const scale = Math.min(w / a, h); // the bounds' drawn height, in px
      // Ties (a box that touches nothing of the view) go to the combination that pads least.
      const waste = l + r + t + b;
      if (!best || scale > best.scale + 1e-6 || (Math.abs(scale - best.scale) <= 1e-6 && waste < best.waste)) {
        best = { scale, waste, l, t, r, b };
      }
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
  if (!best) {
    // Furniture fills the frame (a tiny window): fall back to the chapter's own padding.
    return { paddingTopLeft: [base, base], paddingBottomRight: [base + (extra.right || 0), base] };
  }
  return { paddingTopLeft: [best.l, best.t], paddingBottomRight: [best.r, best.b] };
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
