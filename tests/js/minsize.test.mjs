// The minimum visible size (assets/engine/minsize.js): a highlighted shape drawn under the look's min_visible_px
// across is shown as a ring; dimmed ones and big ones are drawn as they are.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { drawnSize, ringEntries, ringNames, symbolClass, symbolGroups, tooSmall } from "../../assets/engine/minsize.js";

const LOOK = JSON.parse(readFileSync(new URL("../../story/look.json", import.meta.url), "utf8"));
const MIN = LOOK.min_visible_px;

/** Web Mercator pixels at `zoom`, as Leaflet projects. */
function px(lng, lat, zoom) {
  const k = 256 * 2 ** zoom;
  const phi = (lat * Math.PI) / 180;
  return { x: ((lng + 180) / 360) * k, y: (0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)) * k };
}

// Bakhmut's city limits (the shipped story's `city` layer), west, south, east, north.
const CITY = [37.953, 48.5615, 38.0465, 48.6255];
const citySize = (zoom) => drawnSize(px(CITY[0], CITY[1], zoom), px(CITY[2], CITY[3], zoom));

test("the look's threshold is about 24 px and its ring is at least that across", () => {
  assert.equal(MIN, 24);
  assert.ok(2 * LOOK.symbol.radius_px >= MIN);
});

test("Bakhmut's city limits at the oblast's scale on a phone (about 6 px) are too small; in the city's view not", () => {
  const phone = citySize(6.25); // the first chapter's zoom on a 390 px phone
  assert.ok(phone.width < 8 && phone.height < 8, JSON.stringify(phone));
  assert.equal(tooSmall(phone, MIN), true);
  assert.equal(tooSmall(citySize(12), MIN), false);
});

test("the larger dimension decides: a long thin line is big enough", () => {
  assert.equal(tooSmall({ width: 200, height: 1 }, MIN), false);
  assert.equal(tooSmall({ width: 1, height: 24 }, MIN), false);
  assert.equal(tooSmall({ width: 23.9, height: 23.9 }, MIN), true);
});

test("only highlighted groups that are measured and too small get a symbol", () => {
  const sizes = { city: { width: 6, height: 6 }, oblast: { width: 300, height: 280 }, town: { width: 2, height: 2 }, places: null };
  const states = { city: "strong", oblast: "dim", town: "dim", places: "strong", front: "off" };
  const got = symbolGroups(states, (g) => sizes[g] ?? null, MIN);
  assert.deepEqual([...got], ["city"]);
  assert.deepEqual([...symbolGroups({ oblast: "strong" }, (g) => sizes[g], MIN)], []);
});

test("a symbol's legend entry is its layer's, a dated layer's on the map's date, a change's its own", () => {
  const layers = [
    { id: "city" },
    { id: "west", dated: { states: { "2023-04-14": { group: "west__2023-04-14" }, "2023-04-07": { group: "west__2023-04-07" } } } },
  ];
  const when = { date: "2023-04-14", since: "2023-04-07" };
  const got = ringEntries(new Set(["city", "west__2023-04-14", "west__lost"]), layers, when);
  assert.deepEqual([...got], ["city", "west", "west__lost"]);
});

test("a symbol carries its layer's classes as a highlighted symbol, not as a shape", () => {
  assert.equal(symbolClass("ms-path ms-layer-city"), "ms-symbol ms-layer-city ms-strong");
  assert.equal(symbolClass("ms-path ms-change ms-change-lost ms-of-west"), "ms-symbol ms-change ms-change-lost ms-of-west ms-strong");
});

test("a ring is named as its legend entry: a layer by its short name, a change by its label, on the map's date", () => {
  const layers = [
    { id: "city" },
    { id: "west", dated: { states: { "2023-04-14": { group: "west__2023-04-14" } } } },
    { id: "oblast" },
  ];
  const entries = [
    { id: "city", label: "Bakhmut city limits (approximate)", short: "city limits" },
    { id: "west", label: "Western districts", short: "western districts" },
    { id: "west__lost", label: "Lost by 14 April 2023: western districts" },
    { id: "oblast", label: "Donetsk Oblast", short: "Donetsk Oblast" },
  ];
  const groups = { city: "strong", "west__2023-04-14": "strong", west__lost: "strong", oblast: "dim", towns: "strong" };
  const got = ringNames(groups, layers, { date: "2023-04-14", since: "2023-04-07" }, entries);
  assert.deepEqual(got, {
    city: "city limits",
    "west__2023-04-14": "western districts",
    west__lost: "Lost by 14 April 2023: western districts",
  });
});
