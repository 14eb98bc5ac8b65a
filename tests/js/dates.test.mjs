// The map's date: which groups a dated layer draws, the reader's choice, stepping and comparing, and what the
// legend and the sentence say about it.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  chooseWhen,
  compareWith,
  dateline,
  groupStates,
  legendEntries,
  sameWhen,
  sentenceFacts,
  stepDate,
  whenOf,
} from "../../assets/engine/dates.js";
import { describeMap } from "../../assets/engine/describe.js";
import { DATES, GRAMMAR, LAYERS, STYLE } from "./datedstory.mjs";

const APR7 = { date: "2023-04-07", since: null };
const APR14 = { date: "2023-04-14", since: null };
const WEEK = { date: "2023-04-14", since: "2023-04-07" };
const STATES = { city: "dim", west: "strong", front: "dim" };

test("a date draws each dated layer's group for that date only, and nothing where it has no state", () => {
  assert.deepEqual(groupStates(STATES, APR7, LAYERS), {
    city: "dim",
    "west_2023-04-07": "strong",
    "west_2023-04-14": "off",
    "west_2023-04-07_2023-04-14_lost": "off",
    "front_2023-04-14": "off",
  });
});

test("a comparison draws the later date and the ground lost, in the layer's state", () => {
  const g = groupStates(STATES, WEEK, LAYERS);
  assert.equal(g["west_2023-04-14"], "strong");
  assert.equal(g["west_2023-04-07_2023-04-14_lost"], "strong");
  assert.equal(g["west_2023-04-07"], "off");
  assert.equal(g["front_2023-04-14"], "dim");
});

test("a hidden layer hides every date's group", () => {
  const g = groupStates({ ...STATES, west: "off" }, WEEK, LAYERS);
  assert.ok(Object.entries(g).filter(([k]) => k.startsWith("west")).every(([, v]) => v === "off"));
});

test("the reader's date holds over the chapter's and is dropped when it is the chapter's own", () => {
  const chapter = { when: APR14 };
  assert.deepEqual(whenOf(chapter, null), APR14);
  assert.deepEqual(whenOf(chapter, APR7), APR7);
  assert.equal(chooseWhen(chapter, { date: "2023-04-14", since: null }), null);
  assert.deepEqual(chooseWhen(chapter, WEEK), WEEK);
  assert.ok(sameWhen(null, null) && !sameWhen(APR7, APR14) && !sameWhen(APR14, WEEK));
});

test("stepping moves one date and stops at the ends; the change is since the date before", () => {
  assert.deepEqual(stepDate(DATES, APR7, +1), APR14);
  assert.deepEqual(stepDate(DATES, APR7, -1), APR7);
  assert.deepEqual(stepDate(DATES, WEEK, -1), APR7);
  assert.deepEqual(compareWith(DATES, APR14), WEEK);
  assert.equal(compareWith(DATES, APR7), null);
});

test("the legend names the date's words, the missing layer and the lost ground", () => {
  const { entries, states } = legendEntries(LAYERS, STATES, APR7, DATES, GRAMMAR, STYLE);
  assert.deepEqual(entries.map((e) => [e.id, e.label, e.note]), [
    ["city", "City", null],
    ["west", "West on 7 April", null],
    ["front", "Front", "not given for 7 April 2023"],
  ]);
  assert.deepEqual(states, STATES); // one date: no change entries, each layer keeps its state
  const week = legendEntries(LAYERS, STATES, WEEK, DATES, GRAMMAR, STYLE);
  assert.deepEqual(week.entries.map((e) => e.id), ["city", "west", "west_2023-04-07_2023-04-14_lost", "front"]);
  assert.equal(week.entries[2].label, "Lost by 14 April 2023: western districts");
  assert.equal(week.states["west_2023-04-07_2023-04-14_lost"], "strong");
});

test("the sentence and the dated line say which date, and for a comparison what changed", () => {
  const facts = { ...sentenceFacts(STATES, LAYERS, WEEK, DATES), when: "14 April 2023", region: "R", custom: false };
  assert.equal(
    describeMap(facts, GRAMMAR),
    "Map: the west as of 14 April 2023, highlighted; city and front line dimmed. Between 7 April 2023 and 14 April 2023, western districts lost about 1.5 km² and front line not given for 7 April 2023.",
  );
  const apr7 = { ...sentenceFacts(STATES, LAYERS, APR7, DATES), when: "7 April 2023", region: "R", custom: true };
  assert.equal(describeMap(apr7, GRAMMAR), "Map (your choice): the wider west as of 7 April 2023, highlighted; city dimmed; front line not given for 7 April 2023.");
  assert.equal(dateline(WEEK, DATES, "x", GRAMMAR), "Change from 7 April 2023 to 14 April 2023");
  assert.equal(dateline(null, [], "13 April 2023", GRAMMAR), "Map state as of 13 April 2023");
});
