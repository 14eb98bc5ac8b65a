// The share-link codec (the only reader and writer of the page's address bar, on both hosts) against its vectors.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { NOTICE, parseQuery, toQuery } from "../../assets/engine/link.js";

const V = JSON.parse(readFileSync(new URL("../vectors/urlstate.json", import.meta.url), "utf8"));

function search(params) {
  const s = new URLSearchParams();
  for (const [key, values] of Object.entries(params)) for (const v of values) s.append(key, v);
  return "?" + s.toString(); // through the address bar's own encoding, as a reader's link arrives
}

for (const c of V.cases) {
  test(`link vector: ${c.name}`, () => {
    const got = parseQuery(search(c.params), V.chapters, V.layers, c.dates || V.dates);
    assert.equal(got.chapter, c.expect.chapter);
    assert.deepEqual(got.layers, c.expect.layers);
    assert.deepEqual(got.when, c.expect.when);
    assert.equal(got.notice !== null, c.expect.notice);
  });
}

test("the notice names nothing from the link", () => {
  const got = parseQuery("?chapter=%3Cscript%3E&layers=" + "x".repeat(30), V.chapters, V.layers);
  assert.equal(got.notice, NOTICE);
  assert.ok(!got.notice.includes("<") && !got.notice.includes("xxxx"));
});

for (const q of V.queries) {
  test(`query for ${JSON.stringify(q)}`, () => {
    assert.equal(toQuery(q.chapter, q.layers, q.when), q.query);
    // and back: what the page writes, the page reads as the same state
    const back = parseQuery(q.query, V.chapters, V.layers, V.dates);
    assert.equal(back.chapter, q.chapter);
    assert.deepEqual(back.layers, q.layers);
    assert.deepEqual(back.when, q.when);
    assert.equal(back.notice, null);
  });
}
