// What the page shows for a state (assets/engine/render.js derive): the map's groups, the frame's highlight and
// dimmed lists, the legend, whether the reader has chosen, the sentence and the dateline.
import assert from "node:assert/strict";
import { test } from "node:test";

import { derive } from "../../assets/engine/render.js";
import { startState, storyIndex, update } from "../../assets/engine/state.js";
import { DATES, GRAMMAR, LAYERS, STYLE } from "./datedstory.mjs";

const APR7 = { date: "2023-04-07", since: null };
const APR14 = { date: "2023-04-14", since: null };
const STORY = {
  region_name: "Bakhmut",
  grammar: GRAMMAR,
  look: { change: STYLE },
  dates: DATES,
  layers: LAYERS.slice(0, 2),
  chapters: [
    { id: "one", highlight: ["west"], context: ["city"], when: APR14, as_of: "14 April 2023" },
    { id: "two", highlight: ["city"], context: [], when: APR14, as_of: "14 April 2023" },
  ],
};
const INDEX = storyIndex(STORY);
const act = (state, action) => update(state, action, INDEX);
const ONE = act(startState(INDEX), { type: "activate", chapter: "one" });

test("a chapter as the story wrote it", () => {
  const shown = derive(STORY, INDEX, ONE);
  assert.deepEqual(shown.states, { city: "dim", west: "strong" });
  assert.deepEqual(shown.when, APR14);
  assert.deepEqual([shown.highlight, shown.dimmed, shown.chosen], [["west"], ["city"], false]);
  assert.deepEqual(shown.groups, { city: "dim", "west_2023-04-07": "off", "west_2023-04-14": "strong", "west_2023-04-07_2023-04-14_lost": "off" });
  assert.deepEqual(shown.legend.entries.map((e) => e.id), ["city", "west"]);
  assert.equal(shown.sentence, "Map: the west as of 14 April 2023, highlighted; city dimmed.");
  assert.equal(shown.dateline, "Map state as of 14 April 2023");
});

test("a reader's layer choice shows in the lists, the reset button and the sentence's lead", () => {
  const shown = derive(STORY, INDEX, act(ONE, { type: "toggle", layer: "city", shown: false }));
  assert.deepEqual([shown.highlight, shown.dimmed, shown.chosen], [["west"], [], true]);
  assert.equal(shown.groups.city, "off");
  assert.equal(shown.sentence, "Map (your choice): the west as of 14 April 2023, highlighted.");
});

test("a reader's date holds into the next chapter, in the map, the legend and the dateline", () => {
  const earlier = act(ONE, { type: "date", when: APR7 });
  const shown = derive(STORY, INDEX, act(earlier, { type: "activate", chapter: "two" }));
  assert.deepEqual(shown.when, APR7);
  assert.deepEqual([shown.highlight, shown.chosen], [["city"], true]);
  assert.equal(shown.dateline, "Map state as of 7 April 2023");
  assert.match(shown.sentence, /^Map \(your choice\): the city as of 7 April 2023, highlighted/);
  // Back in chapter one, the comparison a reader picks draws the lost ground in the layer's state.
  const week = derive(STORY, INDEX, act(ONE, { type: "date", when: { date: "2023-04-14", since: "2023-04-07" } }));
  assert.equal(week.groups["west_2023-04-07_2023-04-14_lost"], "strong");
  assert.equal(week.dateline, "Change from 7 April 2023 to 14 April 2023");
});
