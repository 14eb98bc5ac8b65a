// Which chapter is active for a line position: a binary search over the measured chapter tops.
import assert from "node:assert/strict";
import { test } from "node:test";

import { indexAtLine } from "../../assets/engine/steps.js";

test("the last chapter whose top is at or above the line", () => {
  const tops = [100, 400, 900, 1500];
  assert.equal(indexAtLine(tops, 0), 0); // above the first chapter: the first is active
  assert.equal(indexAtLine(tops, 100), 0);
  assert.equal(indexAtLine(tops, 399), 0);
  assert.equal(indexAtLine(tops, 400), 1);
  assert.equal(indexAtLine(tops, 1499), 2);
  assert.equal(indexAtLine(tops, 99999), 3);
});

test("agrees with a linear scan on many chapters", () => {
  const tops = Array.from({ length: 5000 }, (_, i) => i * 37 + (i % 7));
  for (const line of [-5, 0, 36, 37, 1000, 99999, 185000]) {
    let want = 0;
    tops.forEach((t, i) => t <= line && (want = i));
    assert.equal(indexAtLine(tops, line), want, String(line));
  }
});
