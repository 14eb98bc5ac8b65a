// The map as a pure function of (chapter, reader's choices).
import assert from "node:assert/strict";
import { test } from "node:test";

import { parseQuery, toQuery } from "../../assets/engine/link.js";
import {
  choose,
  differsFromStory,
  firstChapter,
  hasChoices,
  layerStates,
  linkLayers,
  linkState,
  overridesFromLink,
  reset,
  shownLayers,
  startState,
  storyIndex,
  storyStates,
  update,
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

// The page's state as one object, changed only by update().
const APR7 = { date: "2023-04-07", since: null };
const APR14 = { date: "2023-04-14", since: null };
const INDEX = storyIndex({
  chapters: CHAPTERS.map((c, i) => ({ ...c, when: i < 2 ? APR7 : APR14 })),
  layers: LAYERS.map((id) => ({ id })),
});
const at = (chapter, state = startState(INDEX)) => update(state, { type: "activate", chapter }, INDEX);

test("a page starts before its first chapter, with the link's choices read in the chapter it opens", () => {
  assert.deepEqual(startState(INDEX), { active: null, overrides: {}, dateChoice: null, hold: false });
  const linked = startState(INDEX, { chapter: "three", layers: ["roads", "west"], when: APR7 });
  assert.deepEqual(linked.overrides, { city: false, west: true }); // three shows roads and city
  assert.deepEqual(linked.dateChoice, APR7); // three's own date is 14 April
  assert.equal(firstChapter(INDEX, { chapter: "three" }), "three");
  assert.equal(firstChapter(INDEX, { chapter: "nowhere" }), "one");
  assert.equal(firstChapter(INDEX), "one");
  // Its own date in the chapter it opens is no choice; an unknown chapter's choices are read in the first.
  assert.equal(startState(INDEX, { chapter: "one", when: APR7 }).dateChoice, null);
  assert.deepEqual(startState(INDEX, { chapter: "nowhere", layers: ["city"] }).overrides, { places: false, oblast: false });
});

test("a layer choice is made in the active chapter and switched back it is undone", () => {
  const one = at("one");
  const hidden = update(one, { type: "toggle", layer: "city", shown: false }, INDEX);
  assert.deepEqual(hidden.overrides, { city: false });
  assert.deepEqual(one.overrides, {}, "the old state is left as it was");
  assert.equal(hasChoices(hidden), true);
  const undone = update(hidden, { type: "toggle", layer: "city", shown: true }, INDEX);
  assert.deepEqual(undone.overrides, {});
  assert.equal(hasChoices(undone), false);
  // In chapter two, where city is context, showing it is no choice either.
  assert.deepEqual(update(at("two", hidden), { type: "toggle", layer: "city", shown: true }, INDEX).overrides, {});
});

test("a date choice holds only where it differs from the chapter's own; reset clears every choice", () => {
  const one = at("one");
  assert.equal(update(one, { type: "date", when: APR7 }, INDEX), one, "the date shown already changes nothing");
  const later = update(one, { type: "date", when: APR14 }, INDEX);
  assert.deepEqual(later.dateChoice, APR14);
  assert.equal(hasChoices(later), true);
  // In chapter three, whose own date is 14 April: picking 7 April holds it, picking 14 April again leaves no choice.
  const three = at("three", later);
  assert.equal(update(three, { type: "date", when: APR14 }, INDEX), three);
  const earlier = update(three, { type: "date", when: APR7 }, INDEX);
  assert.deepEqual(earlier.dateChoice, APR7);
  assert.equal(update(earlier, { type: "date", when: APR14 }, INDEX).dateChoice, null);
  const chosen = update(later, { type: "toggle", layer: "west", shown: true }, INDEX);
  const back = update(chosen, { type: "reset" }, INDEX);
  assert.deepEqual([back.overrides, back.dateChoice, back.active], [{}, null, "one"]);
});

test("hold, activate and the link a state makes", () => {
  const held = update(at("two"), { type: "hold", on: true }, INDEX);
  assert.equal(held.hold, true);
  assert.equal(update(held, { type: "hold", on: false }, INDEX).hold, false);
  assert.deepEqual(linkState(held, INDEX), ["two", null, null]);
  const chosen = update(held, { type: "toggle", layer: "roads", shown: true }, INDEX);
  assert.deepEqual(linkState(chosen, INDEX), ["two", ["city", "west", "roads", "places"], null]);
  assert.throws(() => update(held, { type: "fly" }, INDEX), /Unknown change of the page's state: fly/);
});
