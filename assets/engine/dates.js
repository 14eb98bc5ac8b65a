// The map's date. In a story with dates, each chapter shows one date ({date, since: null}) or the change between
// two ({date, since}); the reader may choose another, and that choice holds in every later chapter until they
// reset it, like a layer choice. Which of Leaflet's groups draw a dated layer follows from (layer states, date):
// a layer with no state on a date draws nothing then (no source gives it), and says so.
//
// Python names each group (story/dates.py) and sends its key with the state or change it draws (page/pagedata.py):
// the engine never builds a key itself.

import { fill } from "./describe.js";

export const KINDS = ["lost", "gained"];

/** True when two dates of the map are the same (null is a story without dates). */
export function sameWhen(a, b) {
  if (!a || !b) return !a && !b;
  return a.date === b.date && (a.since || null) === (b.since || null);
}

/** What the map shows in a chapter: the reader's choice, else the chapter's own date (null: no dates). */
export function whenOf(chapter, choice) {
  return choice || chapter.when || null;
}

/** The reader's choice after picking `when` in a chapter: null when it is what the chapter shows anyway. */
export function chooseWhen(chapter, when) {
  return sameWhen(when, chapter.when) ? null : { date: when.date, since: when.since || null };
}

function pairKey(when) {
  return `${when.since}_${when.date}`;
}

/** Every group a dated layer has: one per date it has a state for, one per change of ground. */
function datedKeys(layer) {
  const keys = Object.values(layer.dated.states).map((st) => st.group);
  for (const change of Object.values(layer.dated.changes)) {
    for (const kind of KINDS) if (change[kind]) keys.push(change[kind].group);
  }
  return keys;
}

/** The ground a dated layer lost and gained in a comparison, by kind ({km2, group} or null); null: no change. */
function changeOf(layer, when) {
  return layer.dated && when && when.since ? layer.dated.changes[pairKey(when)] || null : null;
}

/** Each Leaflet group's state ("strong", "dim", "off") for layer states (state.js) on a date. */
export function groupStates(states, when, layers) {
  const out = {};
  for (const l of layers) {
    const st = states[l.id] || "off";
    if (!l.dated) {
      out[l.id] = st;
      continue;
    }
    for (const key of datedKeys(l)) out[key] = "off";
    if (st === "off" || !when) continue;
    if (l.dated.states[when.date]) out[l.dated.states[when.date].group] = st;
    const change = changeOf(l, when);
    for (const kind of KINDS) if (change && change[kind]) out[change[kind].group] = st;
  }
  return out;
}

/** True when a dated layer has nothing to draw on the map's date. */
export function absent(layer, when) {
  return Boolean(layer.dated && when && !layer.dated.states[when.date]);
}

/** A layer's legend entry as of the map's date: a dated layer's own words for that date. */
export function onDate(layer, when) {
  const st = layer.dated && when ? layer.dated.states[when.date] : null;
  return st ? { ...layer, label: st.label, describe: st.describe, confidence: st.confidence } : layer;
}

/** The ground each shown layer lost or gained in a comparison: [{layer, kind, km2, group}] in the story's order. */
export function changesOn(states, when, layers) {
  const out = [];
  for (const l of layers) {
    const change = states[l.id] !== "off" ? changeOf(l, when) : null;
    for (const kind of KINDS) if (change && change[kind]) out.push({ layer: l, kind, ...change[kind] });
  }
  return out;
}

/** The date before or after the map's (clamped to the story's dates); a step leaves any comparison. */
export function stepDate(dates, when, delta) {
  const isos = dates.map((d) => d.iso);
  const i = Math.min(isos.length - 1, Math.max(0, isos.indexOf(when.date) + delta));
  return { date: isos[i], since: null };
}

/** The comparison the "change since" button turns on: from the date before the map's; null on the first date. */
export function compareWith(dates, when) {
  const isos = dates.map((d) => d.iso);
  const i = isos.indexOf(when.date);
  return i > 0 ? { date: when.date, since: isos[i - 1] } : null;
}

/** The story's date as text ("7 April 2023"); `dates`: [{iso, text}]. */
export function dateText(dates, iso) {
  const d = dates.find((x) => x.iso === iso);
  return d ? d.text : iso;
}

/**
 * What the legend lists on the map's date, in the story's layer order: each shown layer in its date's words (a
 * layer with nothing on that date keeps its row, with a note that no source gives it then), and after a layer
 * that changed, its lost and gained ground, in the look's style for it (changeStyle: story/look.json `change`).
 * Returns {entries, states} keyed by entry id, for legend.js.
 */
export function legendEntries(layers, states, when, dates, grammar, changeStyle) {
  const entries = [];
  const out = {};
  const changed = changesOn(states, when, layers);
  for (const l of layers) {
    if (!states[l.id] || states[l.id] === "off") continue;
    const note = absent(l, when) ? fill(grammar.legend_absent, { date: dateText(dates, when.date) }) : null;
    entries.push({ ...onDate(l, when), note });
    out[l.id] = states[l.id];
    for (const { kind, group: id } of changed.filter((c) => c.layer === l)) {
      const style = changeStyle[kind];
      const label = fill(grammar[`legend_${kind}`], { date: dateText(dates, when.date), short: l.short });
      entries.push({ id, kind: "area", label, color: style.color, fill: style.fill_color, fill_opacity: style.fill_opacity, confidence: "" });
      out[id] = states[l.id];
    }
  }
  return { entries, states: out };
}

/**
 * The facts of the screen-reader sentence (describe.js describeMap) on the map's date: highlighted layers in their
 * date's words, dimmed ones by their short names, those no source gives on that date, and what a comparison
 * shows changed.
 */
export function sentenceFacts(states, layers, when, dates) {
  const drawn = layers.filter((l) => states[l.id] !== "off" && !absent(l, when)).map((l) => onDate(l, when));
  return {
    strong: drawn.filter((l) => states[l.id] === "strong").map((l) => l.describe),
    dim: drawn.filter((l) => states[l.id] === "dim").map((l) => l.short),
    absent: layers.filter((l) => states[l.id] !== "off" && absent(l, when)).map((l) => l.short),
    since: when && when.since ? dateText(dates, when.since) : null,
    changes: changesOn(states, when, layers).map(({ layer, kind, km2 }) => ({ short: layer.short, kind, km2 })),
    uncompared: when && when.since ? drawn.filter((l) => l.dated && !l.dated.states[when.since]).map((l) => l.short) : [],
  };
}

/** The dated line under the map: "Map state as of 14 April 2023", "Change from 7 April 2023 to 14 April 2023". */
export function dateline(when, dates, asOf, grammar) {
  if (when && when.since) {
    return fill(grammar.dateline_compare, { since: dateText(dates, when.since), date: dateText(dates, when.date) });
  }
  return fill(grammar.dateline, { date: when ? dateText(dates, when.date) : asOf });
}
