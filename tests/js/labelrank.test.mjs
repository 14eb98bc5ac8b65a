// A place label's rank, as the label placement orders them (assets/engine/labels.js): bigger places first.
import assert from "node:assert/strict";
import { test } from "node:test";

import { flipped, labelRank, unflipped } from "../../assets/engine/labels.js";

function label(className) {
  return { className, classList: { contains: (name) => className.split(/\s+/).includes(name) } };
}

test("a rank of two digits is read whole: 12 is 12, not 1", () => {
  assert.equal(labelRank(label("ms-label ms-rank-12 ms-layer-towns")), 12);
  assert.equal(labelRank(label("ms-label ms-rank-1 ms-layer-towns")), 1);
});

test("a label ranked past 3 yields to every rank-3 label and road number", () => {
  const ranks = ["ms-rank-4", "ms-rank-12", "ms-rank-3", "ms-road-label", "ms-rank-2"].map((c) =>
    labelRank(label(`ms-label ${c}`)),
  );
  assert.deepEqual(ranks, [4, 12, 3, 3.5, 2]);
  assert.ok(ranks[0] > ranks[2] && ranks[1] > ranks[3]);
});

test("an unranked place label counts as rank 3", () => {
  assert.equal(labelRank(label("ms-label ms-layer-towns")), 3);
});

test("a ring's name is placed before every town: it names what the chapter is about", () => {
  assert.equal(labelRank(label("ms-label ms-ring-label ms-layer-city")), 0);
});

test("a label's other side is a mirror about its point: a place's left of it, a ring's above it, and back", () => {
  const place = { ...label("ms-label ms-rank-3"), getBoundingClientRect: () => ({ top: 100, left: 50 }) };
  const right = { left: 56, right: 116, top: 92, bottom: 108 }; // 6 px right of the point at x 50
  const left = flipped(place, right);
  assert.deepEqual(left, { left: -16, right: 44, top: 92, bottom: 108 }); // 6 px left of it
  assert.deepEqual(unflipped(place, left), right);
  const ring = { ...label("ms-label ms-ring-label ms-layer-city"), getBoundingClientRect: () => ({ top: 200, left: 80 }) };
  const beneath = { left: 60, right: 100, top: 215, bottom: 230 }; // under a ring centred at y 200
  const above = flipped(ring, beneath);
  assert.deepEqual(above, { left: 60, right: 100, top: 170, bottom: 185 });
  assert.deepEqual(unflipped(ring, above), beneath);
  assert.equal(flipped(label("ms-label ms-road-label"), right), null); // a road number stays on its road
});

test("a place the chapter names is placed after the biggest places and before the other towns", () => {
  const named = labelRank(label("ms-label ms-rank-3 ms-named ms-layer-places"));
  assert.equal(named, 1.5);
  assert.ok(labelRank(label("ms-label ms-rank-1")) < named && named < labelRank(label("ms-label ms-rank-2")));
});
