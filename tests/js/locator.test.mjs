// The locator inset's plan (assets/engine/locator.js): its mark of the main map's view is always whole inside it.
import assert from "node:assert/strict";
import { test } from "node:test";

import { insetPlan } from "../../assets/engine/locator.js";

const DONETSK = [36.5, 46.9, 39.0, 49.3]; // the shipped story's region, roughly (w, s, e, n)
const DESKTOP = { width: 118, height: 108 }; // the inset's map inside its 1 px border
const PHONE = { width: 62, height: 56 };

/** Web Mercator pixels at `zoom`, as Leaflet projects: enough to measure where a plan draws a point. */
function px(lng, lat, zoom) {
  const k = 256 * 2 ** zoom;
  const phi = (lat * Math.PI) / 180;
  return { x: ((lng + 180) / 360) * k, y: (0.5 - Math.log(Math.tan(Math.PI / 4 + phi / 2)) / (2 * Math.PI)) * k };
}

/** The mark's box in the inset's pixels (0,0 top left) for a plan: the view's box or the ring's. */
function markBox(plan, view, size, ring = 6) {
  const c = px(plan.centre.lng, plan.centre.lat, plan.zoom);
  const at = (lng, lat) => {
    const p = px(lng, lat, plan.zoom);
    return { x: p.x - c.x + size.width / 2, y: p.y - c.y + size.height / 2 };
  };
  if (plan.mark === "ring") {
    const p = at(plan.at.lng, plan.at.lat);
    return { left: p.x - ring, right: p.x + ring, top: p.y - ring, bottom: p.y + ring };
  }
  const [w, s, e, n] = view;
  const sw = at(w, s);
  const ne = at(e, n);
  return { left: sw.x, right: ne.x, top: ne.y, bottom: sw.y };
}

function assertInside(box, size, what) {
  const msg = `${what}: ${JSON.stringify(box)} in ${JSON.stringify(size)}`;
  assert.ok(box.left >= 1 - 1e-6 && box.top >= 1 - 1e-6, msg); // 1 px: half a 2 px stroke outside the path
  assert.ok(box.right <= size.width - 1 + 1e-6 && box.bottom <= size.height - 1 + 1e-6, msg);
}

const VIEWS = {
  "inside the region": [37.5, 48.0, 38.5, 48.8],
  "reaching east of the region (the first chapter)": [35.0, 47.6, 40.6, 49.5],
  "far bigger than the region": [20.0, 40.0, 55.0, 58.0],
  "beside the region": [40.0, 50.0, 41.0, 50.6],
  "a few streets": [38.0, 48.59, 38.004, 48.592],
  "a few streets at the region's corner": [36.5, 49.299, 36.504, 49.3],
  "the whole world, several times": [-900, -85, 900, 85],
};

for (const [name, size] of Object.entries({ desktop: DESKTOP, phone: PHONE })) {
  for (const [what, view] of Object.entries(VIEWS)) {
    test(`${name}: a view ${what} is marked whole inside the inset`, () => {
      const plan = insetPlan(DONETSK, view, size, { minZoom: -6 });
      assertInside(markBox(plan, view, size), size, what);
    });
  }
}

test("a view inside the region leaves the inset on the region (it does not follow the reader)", () => {
  const a = insetPlan(DONETSK, VIEWS["inside the region"], DESKTOP);
  const b = insetPlan(DONETSK, [37.0, 47.5, 37.4, 47.8], DESKTOP);
  assert.deepEqual([a.centre, a.zoom], [b.centre, b.zoom]);
  assert.equal(a.mark, "box");
});

test("a view beyond the region zooms the inset out so both show", () => {
  const region = insetPlan(DONETSK, VIEWS["inside the region"], DESKTOP);
  const wide = insetPlan(DONETSK, VIEWS["far bigger than the region"], DESKTOP, { minZoom: -6 });
  assert.ok(wide.zoom < region.zoom);
  assert.equal(wide.mark, "box");
  assertInside(markBox(wide, DONETSK, DESKTOP), DESKTOP, "the region"); // the region still shows
});

test("a view a few pixels across on the inset is a ring on its centre", () => {
  const view = VIEWS["a few streets"];
  const plan = insetPlan(DONETSK, view, DESKTOP);
  assert.equal(plan.mark, "ring");
  assert.ok(Math.abs(plan.at.lng - 38.002) < 1e-9 && Math.abs(plan.at.lat - 48.591) < 1e-3);
  const box = insetPlan(DONETSK, [37.8, 48.4, 38.2, 48.8], DESKTOP);
  assert.equal(box.mark, "box");
});

test("the zoom snaps down to the inset's zoomSnap, as Leaflet's fit does", () => {
  assert.ok(Number.isInteger(insetPlan(DONETSK, VIEWS["inside the region"], DESKTOP).zoom));
  const quarter = insetPlan(DONETSK, VIEWS["inside the region"], DESKTOP, { snap: 0.25 }).zoom;
  assert.equal(quarter % 0.25, 0);
});

test("an inset with no room (hidden, collapsed) has no plan", () => {
  assert.equal(insetPlan(DONETSK, VIEWS["inside the region"], { width: 0, height: 0 }), null);
});
