// The map as a pure function of (chapter, reader's choices).
import assert from "node:assert/strict";
import { test } from "node:test";

import { parseQuery, toQuery } from "../../assets/engine/link.js";
import {
  choose,
  differsFromStory,
  layerStates,
  linkLayers,
  overridesFromLink,
  reset,
  shownLayers,
  storyStates,
} from "../../assets/engine/state.js";

const LAYERS = ["oblast", "city", "west", "roads", "places"];
const CHAPTERS = [
  { id: "one", highlight: ["city"], context: ["places", "oblast"] },
  { id: "two", highlight: ["west"], context: ["city", "places"] },
  { id: "three", highlight: ["roads"], context: ["city"] },
  { id: "four", highlight: ["places", "roads"], context: [] },
];

test("a chapter's own map: highlighted strong, context dim, the rest off", () => {
  assert.deepEqual(storyStates(CHAPTERS[0], LAYERS), {
    oblast: "dim",
    city: "strong",
    west: "off",
    roads: "off",
    places: "dim",
  });
});

test("a hidden layer stays hidden in every later chapter, also where a chapter shows it", () => {
  const overrides = choose({}, "places", false, CHAPTERS[0], LAYERS);
  for (const ch of CHAPTERS) {
    assert.equal(layerStates(ch, overrides, LAYERS).places, "off", ch.id);
    assert.ok(!shownLayers(ch, overrides, LAYERS).includes("places"), ch.id);
    assert.deepEqual(linkLayers(ch, overrides, LAYERS), shownLayers(ch, overrides, LAYERS));
  }
});

test("a shown layer stays shown, highlighted where the chapter leaves it off, as the chapter has it elsewhere", () => {
  const overrides = choose({}, "roads", true, CHAPTERS[0], LAYERS);
  assert.equal(layerStates(CHAPTERS[0], overrides, LAYERS).roads, "strong");
  assert.equal(layerStates(CHAPTERS[2], overrides, LAYERS).roads, "strong");
  assert.equal(layerStates(CHAPTERS[1], overrides, LAYERS).roads, "strong");
  const shown = choose({}, "west", true, CHAPTERS[0], LAYERS);
  assert.equal(layerStates(CHAPTERS[1], shown, LAYERS).west, "strong"); // chapter two highlights it anyway
  assert.equal(layerStates(CHAPTERS[3], shown, LAYERS).west, "strong");
});

test("a choice holds where a later chapter happens to agree with it, and after it (nothing is pruned)", () => {
  const overrides = choose({}, "places", false, CHAPTERS[0], LAYERS);
  assert.equal(differsFromStory(CHAPTERS[2], overrides, LAYERS), false); // chapter three hides places anyway
  assert.equal(layerStates(CHAPTERS[3], overrides, LAYERS).places, "off"); // and chapter four still has it off
  assert.equal(differsFromStory(CHAPTERS[3], overrides, LAYERS), true);
});

test("switching a layer back to the chapter's own state undoes the choice", () => {
  const off = choose({}, "places", false, CHAPTERS[0], LAYERS);
  assert.deepEqual(choose(off, "places", true, CHAPTERS[0], LAYERS), {});
  // in another chapter, the same switch is a new choice: shown from there on
  const laterOn = choose(off, "places", true, CHAPTERS[2], LAYERS);
  assert.deepEqual(laterOn, { places: true });
});

test("choose never changes the object it was given", () => {
  const before = { city: false };
  const after = choose(before, "roads", true, CHAPTERS[0], LAYERS);
  assert.deepEqual(before, { city: false });
  assert.deepEqual(after, { city: false, roads: true });
});

test("back to the story's view: each chapter's own map again, no layer list in the link", () => {
  const overrides = reset();
  for (const ch of CHAPTERS) {
    assert.deepEqual(layerStates(ch, overrides, LAYERS), storyStates(ch, LAYERS));
    assert.equal(linkLayers(ch, overrides, LAYERS), null);
    assert.equal(differsFromStory(ch, overrides, LAYERS), false);
  }
});

test("URL round trip: the link's state opens the same map", () => {
  const cases = [{}, { places: false }, { roads: true, city: false }, { west: true, oblast: false, places: false }];
  for (const ch of CHAPTERS) {
    for (const overrides of cases) {
      const query = toQuery(ch.id, linkLayers(ch, overrides, LAYERS));
      const parsed = parseQuery(query, CHAPTERS.map((c) => c.id), LAYERS);
      assert.equal(parsed.chapter, ch.id);
      const restored = overridesFromLink(ch, parsed.layers, LAYERS);
      assert.deepEqual(layerStates(ch, restored, LAYERS), layerStates(ch, overrides, LAYERS), `${ch.id} ${query}`);
    }
  }
});

test("a link without a layer list makes no choices", () => {
  assert.deepEqual(overridesFromLink(CHAPTERS[1], null, LAYERS), {});
});
