// The zoom band the page names on the map's frame (assets/engine/mapview.js), from the bands of the map's look
// (story/look.json): the same bands the preview draws labels by (story/look.py Look.band).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { zoomBand } from "../../assets/engine/mapview.js";

const look = JSON.parse(readFileSync(new URL("../../story/look.json", import.meta.url), "utf8"));

test("a zoom is in the last band it has reached, each band from its own zoom on", () => {
  const named = [0, 8.75, 9, 10.25, 10.5, 18].map((z) => zoomBand(z, look.zoom_bands));
  assert.deepEqual(named, ["low", "low", "mid", "mid", "high", "high"]);
});

test("the bands are the look's, not the engine's: other zooms, other names", () => {
  const bands = [
    { name: "far", from_zoom: 0 },
    { name: "near", from_zoom: 12 },
  ];
  assert.deepEqual([11.75, 12].map((z) => zoomBand(z, bands)), ["far", "near"]);
});
