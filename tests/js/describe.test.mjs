// The screen-reader sentence: one grammar (story/describe.json), the vectors story/describe.py passes too.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { describeMap, joinWords } from "../../assets/engine/describe.js";

const GRAMMAR = JSON.parse(readFileSync(new URL("../../story/describe.json", import.meta.url), "utf8"));
const V = JSON.parse(readFileSync(new URL("../vectors/describe.json", import.meta.url), "utf8"));

for (const c of V.cases) {
  test(`sentence: ${c.expect}`, () => {
    assert.equal(describeMap(c.facts, GRAMMAR), c.expect);
  });
}

test("lists read as words", () => {
  assert.equal(joinWords([], GRAMMAR), "");
  assert.equal(joinWords(["a", "b", "c"], GRAMMAR), "a, b and c");
});
