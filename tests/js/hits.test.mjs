// The pointer's hit test over a point layer's dots (assets/engine/hits.js).
import assert from "node:assert/strict";
import { test } from "node:test";

import { dotReach, projectDots, topmostHit } from "../../assets/engine/hits.js";

const flat = (ll) => ({ x: ll[1] * 10, y: ll[0] * 10 }); // a stand-in projection: 10 px a degree
const dot = (lat, lng, radius = 5, options = { stroke: true, weight: 2 }) => ({ latLng: [lat, lng], radius, options });

test("a dot reaches its radius, half its stroke and the tolerance", () => {
  assert.equal(dotReach(5, { stroke: true, weight: 2 }, 3), 9);
  assert.equal(dotReach(5, { weight: 4 }, 0), 7); // Leaflet strokes by default
  assert.equal(dotReach(5, { stroke: false, weight: 4 }, 3), 8);
  assert.equal(dotReach(5, { stroke: true }, 3), 8);
});

test("a point within a dot's reach hits it, one just beyond does not", () => {
  const dots = projectDots([dot(10, 10)], flat, 3); // centre (100, 100), reach 9
  assert.equal(topmostHit(dots, { x: 100, y: 100 }), 0);
  assert.equal(topmostHit(dots, { x: 109, y: 100 }), 0);
  assert.equal(topmostHit(dots, { x: 106, y: 106 }), 0); // 8.5 px away
  assert.equal(topmostHit(dots, { x: 107, y: 107 }), -1); // 9.9 px away
  assert.equal(topmostHit(dots, { x: 100, y: 109.5 }), -1);
});

test("where dots overlap, the last drawn (on top) wins", () => {
  const dots = projectDots([dot(10, 10), dot(10, 10.5), dot(20, 20)], flat, 0);
  assert.equal(topmostHit(dots, { x: 102, y: 100 }), 1);
  assert.equal(topmostHit(dots, { x: 96, y: 100 }), 0);
  assert.equal(topmostHit(dots, { x: 200, y: 200 }), 2);
  assert.equal(topmostHit(dots, { x: 150, y: 150 }), -1);
});

test("no dots: nothing is hit", () => {
  assert.equal(topmostHit(projectDots([], flat, 3), { x: 0, y: 0 }), -1);
});
