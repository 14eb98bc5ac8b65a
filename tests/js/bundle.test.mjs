// The committed bundles (assets/dist/) are what scripts/bundle.mjs builds from assets/engine/ now: the app and
// the published site run those files, so an engine edit without a rebuild would ship the old engine.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { test } from "node:test";

import { bundles, ENTRIES, OUT_DIR, ROOT } from "../../scripts/bundle.mjs";

const built = bundles();

test("every committed bundle is what the engine's modules build to now", async () => {
  const { files } = await built;
  assert.deepEqual(Object.keys(files).sort(), ENTRIES.map((name) => `${OUT_DIR}/${name}`).sort());
  for (const [rel, text] of Object.entries(files)) {
    const committed = await readFile(path.join(ROOT, rel), "utf8").catch(() => null);
    assert.ok(committed === text, `${rel} is out of date with assets/engine/: run npm run bundle, then commit it`);
  }
});

test("a bundle imports no other file: it runs from a blob: URL as from the site's folder", async () => {
  const { metafile } = await built;
  for (const [rel, output] of Object.entries(metafile.outputs)) {
    assert.deepEqual(output.imports, [], rel);
  }
});

test("each bundle carries every engine module its host's entry imports, the on-demand instrument included", async () => {
  const { metafile } = await built;
  const inputs = (rel) => Object.keys(metafile.outputs[rel].inputs);
  for (const name of ["main.js", "mapview.js", "room.js", "points.js", "link.js", "instrument.js"]) {
    assert.ok(inputs(`${OUT_DIR}/site.js`).includes(`assets/engine/${name}`), name);
    assert.ok(inputs(`${OUT_DIR}/streamlit.js`).includes(`assets/engine/${name}`), name);
  }
  assert.ok(!inputs(`${OUT_DIR}/streamlit.js`).includes("assets/engine/siteurls.js")); // the site's alone
});
