// The screen-reader sentence: one grammar (story/words/en.json), the vectors story/describe.py passes too.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { describeMap, joinWords } from "../../assets/engine/describe.js";

const words = (lang) => JSON.parse(readFileSync(new URL(`../../story/words/${lang}.json`, import.meta.url), "utf8"));
const GRAMMAR = words("en");
const V = JSON.parse(readFileSync(new URL("../vectors/describe.json", import.meta.url), "utf8"));

for (const c of V.cases) {
  test(`sentence: ${c.expect}`, () => {
    assert.equal(describeMap(c.facts, words(c.lang || "en")), c.expect);
  });
}

test("lists read as words", () => {
  assert.equal(joinWords([], GRAMMAR), "");
  assert.equal(joinWords(["a", "b", "c"], GRAMMAR), "a, b and c");
});
