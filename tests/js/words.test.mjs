// The page's words in its language where Leaflet writes its own (the scale), the edition a browser is offered, and
// the link's `lang` (link.js).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { parseQuery, toQuery } from "../../assets/engine/link.js";
import { preferredEdition, scaleText } from "../../assets/engine/words.js";

const words = (lang) => JSON.parse(readFileSync(new URL(`../../story/words/${lang}.json`, import.meta.url), "utf8"));
const IDS = [["bakhmut", "west"], ["city", "west"], ["2023-04-07", "2023-04-14"], [["2023-04-07", "2023-04-14"]], ["en", "uk"]];

test("the scale bar's units are said in the page's language", () => {
  assert.equal(scaleText("10 km", words("uk")), "10 км");
  assert.equal(scaleText("500 m", words("uk")), "500 м");
  assert.equal(scaleText("3000 ft", words("uk")), "3000 ft"); // the imperial line is left as Leaflet writes it
  assert.equal(scaleText("10 km", words("en")), "10 km");
});

test("a browser preferring another of the story's languages is offered it; its own or an unknown one, nothing", () => {
  assert.equal(preferredEdition(["uk"], "en", ["uk-UA", "en"]), "uk");
  assert.equal(preferredEdition(["uk"], "en", ["en-GB", "uk"]), null); // English first: the page is already right
  assert.equal(preferredEdition(["en"], "uk", ["en-US"]), "en");
  assert.equal(preferredEdition(["uk"], "en", ["fr"]), null);
  assert.equal(preferredEdition(["uk"], "en", []), null);
});

test("the link names the language first, and reads it back", () => {
  assert.equal(toQuery("west", ["city"], null, "uk"), "?lang=uk&chapter=west&layers=city");
  assert.equal(toQuery("west", null, null, null), "?chapter=west");
  const back = parseQuery("?lang=uk&chapter=west&layers=city", ...IDS);
  assert.deepEqual([back.lang, back.chapter, back.layers, back.notice], ["uk", "west", ["city"], null]);
  assert.equal(parseQuery("?lang=UK", ...IDS).lang, "uk"); // the tag's case is not the reader's problem
  assert.equal(parseQuery("?lang=uk", ...IDS).chapter, null); // a language alone opens the story at its start
});

test("an unknown language falls back to the original, with the quiet notice", () => {
  const got = parseQuery("?lang=fr&chapter=west", ...IDS);
  assert.equal(got.lang, null);
  assert.equal(got.chapter, "west");
  assert.ok(got.notice);
  assert.ok(parseQuery("?lang=<script>", ...IDS).notice);
});
