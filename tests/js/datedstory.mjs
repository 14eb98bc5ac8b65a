// A small dated story's data, shared by the engine's tests: two dates, an undated layer, a layer with a state on
// each date and the ground it lost between them, and a layer given on the later date only.
import { readFileSync } from "node:fs";

export const GRAMMAR = JSON.parse(readFileSync(new URL("../../story/words/en.json", import.meta.url), "utf8"));
export const DATES = [
  { iso: "2023-04-07", text: "7 April 2023", short: "7 April" },
  { iso: "2023-04-14", text: "14 April 2023", short: "14 April" },
];
export const STYLE = { lost: { color: "#8e1b58", fill_color: "#c2185b", fill_opacity: 0.5 }, gained: { color: "#0b5e43", fill_color: "#1b9e77", fill_opacity: 0.5 } };
export const LAYERS = [
  { id: "city", label: "City", short: "city", describe: "the city", dated: null },
  {
    id: "west",
    label: "West",
    short: "western districts",
    describe: "the west",
    dated: {
      states: {
        "2023-04-07": { label: "West on 7 April", describe: "the wider west", confidence: "approximate", group: "west_2023-04-07" },
        "2023-04-14": { label: "West", describe: "the west", confidence: "assessed", group: "west_2023-04-14" },
      },
      changes: { "2023-04-07_2023-04-14": { lost: { km2: 1.5, group: "west_2023-04-07_2023-04-14_lost" }, gained: null } },
    },
  },
  { id: "front", label: "Front", short: "front line", describe: "the front", dated: { states: { "2023-04-14": { label: "Front", describe: "the front", confidence: "assessed", group: "front_2023-04-14" } }, changes: {} } },
];
