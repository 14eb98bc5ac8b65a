// The one sentence a screen reader hears about the map (a role="status" live region).
//
// The grammar is data (story/describe.json), read by this module in the browser and by story/describe.py in
// Python (the published page's image descriptions), so both say the same thing; both are tested against
// tests/vectors/describe.json.

/** "a", "a and b", "a, b and c". */
export function joinWords(items, grammar) {
  if (items.length <= 1) return items.join("");
  return items.slice(0, -1).join(grammar.list_sep) + grammar.list_last + items[items.length - 1];
}

function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_m, key) => values[key]);
}

/**
 * strong: the highlighted layers' `describe` phrases; dim: the dimmed layers' `short` phrases; when: the map's
 * date as text; region: the story's region name; custom: true when the reader's choices changed the map.
 */
export function describeMap({ strong, dim, when, region, custom }, grammar) {
  const values = {
    lead: custom ? grammar.lead_custom : grammar.lead,
    strong: joinWords(strong, grammar),
    dim: joinWords(dim, grammar),
    when,
    region,
  };
  let s;
  if (strong.length) s = fill(grammar.strong, values) + (dim.length ? fill(grammar.dim_after, values) : "");
  else if (dim.length) s = fill(grammar.dim_only, values);
  else s = fill(custom ? grammar.none_custom : grammar.none, values);
  return s + grammar.end;
}

/** The sentence for a chapter's map in the given layer states (see state.js), phrases from the legend entries. */
export function describeStates(states, layers, { when, region, custom }, grammar) {
  const strong = layers.filter((l) => states[l.id] === "strong").map((l) => l.describe);
  const dim = layers.filter((l) => states[l.id] === "dim").map((l) => l.short);
  return describeMap({ strong, dim, when, region, custom }, grammar);
}
