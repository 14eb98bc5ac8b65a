// The room a chapter's view gets beside the map's furniture, and where labels go (assets/engine/room.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { freeMiddle, overlaps, pickRoom, placeLabels, roomFor } from "../../assets/engine/room.js";

/** The free rectangle Leaflet's paddings leave, in the frame's pixels (what the checks below look at). */
function freeRect(frame, room) {
  const [l, t] = room.paddingTopLeft;
  const [r, b] = room.paddingBottomRight;
  return { left: l, top: t, right: frame.width - r, bottom: frame.height - b };
}

const frame = { width: 800, height: 700 };
const legend = { left: 10, top: 450, right: 340, bottom: 640 }; // bottom-left, wide
const zoom = { left: 10, top: 10, right: 40, bottom: 70 }; // top-left
const inset = { left: 670, top: 560, right: 790, bottom: 670 }; // bottom-right

test("no furniture: the chapter's own padding on every side", () => {
  assert.deepEqual(roomFor(frame, [], 1, 16), { paddingTopLeft: [16, 16], paddingBottomRight: [16, 16] });
});

test("the free rectangle never overlaps a piece of furniture", () => {
  for (const aspect of [0.3, 1, 3]) {
    const room = roomFor(frame, [legend, zoom, inset], aspect, 10);
    const free = freeRect(frame, room);
    for (const box of [legend, zoom, inset]) assert.equal(overlaps(free, box), false, JSON.stringify({ aspect, box }));
  }
});

test("a wide chapter goes above a wide legend, a tall one beside it", () => {
  const wide = freeRect(frame, roomFor(frame, [legend], 4, 0));
  assert.ok(wide.bottom <= legend.top, "wide: above the legend");
  assert.equal(wide.left, 0);
  const tall = freeRect(frame, roomFor(frame, [legend], 0.25, 0));
  assert.ok(tall.left >= legend.right, "tall: beside the legend");
  assert.equal(tall.bottom, frame.height);
});

test("extra room on the right is added for labels", () => {
  const room = roomFor(frame, [], 1, 10, { right: 60 });
  assert.deepEqual(room.paddingBottomRight, [70, 10]);
});

test("furniture outside the frame is ignored, and a frame full of furniture falls back to the padding", () => {
  assert.deepEqual(roomFor(frame, [{ left: 900, top: 0, right: 950, bottom: 50 }], 1, 8).paddingTopLeft, [8, 8]);
  const full = { left: 0, top: 0, right: 800, bottom: 700 };
  assert.deepEqual(roomFor(frame, [full], 1, 8), { paddingTopLeft: [8, 8], paddingBottomRight: [8, 8] });
});

test("labels: bigger first, flipped away from furniture and edges, else hidden", () => {
  const area = { left: 0, top: 0, right: 300, bottom: 200 };
  const lab = (left, rank, flipLeft = left - 60) => ({
    rank,
    box: { left, right: left + 50, top: 100, bottom: 112 },
    flip: flipLeft === null ? null : { left: flipLeft, right: flipLeft + 50, top: 100, bottom: 112 },
  });
  const furniture = [{ left: 0, top: 0, right: 40, bottom: 200 }];
  const out = placeLabels(
    [
      lab(120, 3, 45), // overprints the city: flips left
      lab(100, 1), // the city: shown
      lab(270, 2), // cut by the right edge: flips
      lab(20, 2, null), // under the furniture, no other side (a road number): hidden
      lab(10, 3), // under the furniture, and its flip is off the map: hidden
    ],
    area,
    furniture,
  );
  assert.deepEqual(out, ["flip", "show", "flip", "hide", "hide"]);
});

// Zoom snapping as Leaflet's with zoomSnap 0.25: drawn heights come in steps of 2 ** 0.25.
const quarter = { step: 2 ** 0.25, snap: (h) => 2 ** (Math.floor(Math.log2(h) * 4 + 1e-9) / 4) };

test("of rooms that draw the chapter at the same zoom, the one nearest the map's centre", () => {
  // A bottom-left legend 40 % of the map wide; a chapter a little taller than wide, as the roads west.
  const map = { width: 800, height: 700 };
  const legend = { left: 10, top: 480, right: 330, bottom: 690 };
  const column = freeRect(map, roomFor(map, [legend], 0.9, 16));
  assert.ok(column.left >= legend.right, "unsnapped, the largest drawing: beside the legend");
  const central = freeRect(map, roomFor(map, [legend], 0.9, 16, quarter));
  assert.ok(central.bottom <= legend.top && central.left < legend.right, "the same zoom above the legend, in the middle");
});

test("a room one zoom step smaller is taken only when it is much nearer the centre", () => {
  const map = { width: 800, height: 700 };
  const wide = { left: 10, top: 520, right: 360, bottom: 690 };
  // The column beside this legend draws the chapter a step larger than the room above it, whose centre is 90 px
  // nearer the map's (more than a tenth of its 700 px).
  const steps = { step: 2 ** 0.25, snap: (h) => (h >= 490 ? 490 : 420) };
  const central = freeRect(map, roomFor(map, [wide], 0.8, 16, steps));
  assert.ok(central.bottom <= wide.top, "above the legend");
  const legend = { left: 10, top: 480, right: 330, bottom: 690 };
  // A chapter that would lose more than a step stays beside the legend.
  const tall = freeRect(map, roomFor(map, [legend], 0.3, 16, quarter));
  assert.ok(tall.left >= legend.right);
  // A small piece of furniture off-centre does not cost a step: a zoom control in a corner.
  const zoom = { left: 10, top: 10, right: 40, bottom: 300 };
  const beside = freeRect(map, roomFor(map, [zoom], 1, 16, { step: 2 ** 0.25, snap: (h) => (h >= 660 ? 660 : 550) }));
  assert.ok(beside.left >= zoom.right, "beside the zoom control, at the larger zoom");
});

test("the free room's middle: the frame's centre, moved away from the furniture by the area it covers", () => {
  assert.deepEqual(freeMiddle({ width: 800, height: 600 }, []), [400, 300]);
  // A legend over the left half's bottom half: the free area is three quarters, its middle up and right.
  const [x, y] = freeMiddle({ width: 800, height: 600 }, [{ left: 0, top: 300, right: 400, bottom: 600 }]);
  assert.ok(Math.abs(x - 466.67) < 0.01 && Math.abs(y - 250) < 0.01, `${x} ${y}`);
  // Overlapping boxes count once; a box past the frame's edge counts only inside it.
  const twice = freeMiddle({ width: 800, height: 600 }, [
    { left: 0, top: 300, right: 400, bottom: 600 },
    { left: -50, top: 350, right: 300, bottom: 650 },
  ]);
  assert.deepEqual(twice.map((v) => v.toFixed(2)), [x.toFixed(2), y.toFixed(2)]);
});

test("a room counted inside one that draws a shade smaller still gets picked (an embed's short frame crashed here)", () => {
  // p draws largest but lies within SLACK inside q, which draws a shade smaller: no room was left to pick.
  const p = { l: 10, t: 60, r: 10, b: 70, w: 700, h: 490, scale: 490, drawn: 490 };
  const q = { l: 14, t: 12, r: 14, b: 30, w: 692, h: 488, scale: 488, drawn: 488 };
  const got = pickRoom([p, q], [360, 310], { step: 1.1 });
  assert.ok(got === p || got === q);
});

test("each distinct padding tried once finds the room that trying every combination of sides finds", () => {
  // The reference: every way to clear every box (4 ** boxes), as room.js did before it merged equal paddings.
  const GAP = 6;
  function everyRoom(map, boxes, base, right) {
    const rooms = [];
    const walk = (i, pad) => {
      if (i === boxes.length) {
        const r = { l: base + pad.left, r: base + pad.right + right, t: base + pad.top, b: base + pad.bottom };
        r.w = map.width - r.l - r.r;
        r.h = map.height - r.t - r.b;
        if (r.w > 0 && r.h > 0) rooms.push(r);
        return;
      }
      const b = boxes[i];
      const ways = [["left", b.right + GAP], ["right", map.width - b.left + GAP], ["top", b.bottom + GAP], ["bottom", map.height - b.top + GAP]];
      for (const [side, need] of ways) walk(i + 1, { ...pad, [side]: Math.max(pad[side], need) });
    };
    walk(0, { left: 0, right: 0, top: 0, bottom: 0 });
    return rooms;
  }
  let seed = 7;
  const rand = (n) => ((seed = (seed * 16807) % 2147483647) % n);
  const map = { width: 412, height: 380 };
  for (let round = 0; round < 40; round++) {
    const boxes = Array.from({ length: 3 + rand(5) }, () => {
      const [w, h] = [10 + rand(120), 10 + rand(90)];
      const [x, y] = [rand(2) ? 4 : map.width - 4 - w, rand(2) ? 4 : map.height - 4 - h];
      return { left: x, top: y, right: x + w, bottom: y + h };
    });
    const aspect = 0.4 + rand(20) / 10;
    const snap = (h) => 40 * Math.floor(h / 40);
    const rooms = everyRoom(map, boxes, 8, 20).map((r) => {
      const scale = Math.min(r.w / aspect, r.h);
      return { ...r, scale, drawn: snap(scale) };
    });
    const best = pickRoom(rooms, freeMiddle(map, boxes), { step: 2 ** 0.25, even: 0.05 * Math.min(map.width, map.height) });
    const got = roomFor(map, boxes, aspect, 8, { right: 20, step: 2 ** 0.25, snap });
    const want = { paddingTopLeft: [best.l, best.t], paddingBottomRight: [best.r, best.b] };
    assert.deepEqual(got, want, JSON.stringify({ round, boxes, aspect }));
  }
});
