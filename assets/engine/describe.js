// The one sentence a screen reader hears about the map (a role="status" live region).
//
// The grammar is data, one table per language (story/words/<lang>.json), read by this module in the browser and
// by story/describe.py in Python (the published page's image descriptions), so both say the same thing; both are
// tested against tests/vectors/describe.json.

/** "a", "a and b", "a, b and c". */
export function joinWords(items, grammar) {
  if (items.length <= 1) return items.join("");
  return items.slice(0, -1).join(grammar.list_sep) + grammar.list_last + items[items.length - 1];
}

/** A grammar template with its {names} filled in. */
export function fill(template, values) {
  return template.replace(/\{(\w+)\}/g, (_m, key) => values[key]);
}

/**
 * strong: the highlighted layers' `describe` phrases; dim: the dimmed layers' `short` phrases; when: the map's
 * date as text; region: the story's region name; custom: true when the reader's choices changed the map;
 * absent: shown layers no source gives on that date; since and changes: a comparison's earlier date (text) and
 * what changed ([{short, kind: "lost"|"gained", km2}]); uncompared: shown layers no source gives on `since`.
 */
export function describeMap(
  { strong, dim, when, region, custom, absent = [], since = null, changes = [], uncompared = [] },
  grammar,
) {
  const values = {
    lead: custom ? grammar.lead_custom : grammar.lead,
    strong: joinWords(strong, grammar),
    dim: joinWords(dim, grammar),
    absent: joinWords(absent, grammar),
    when,
    region,
  };
  let s;
  if (strong.length) s = fill(grammar.strong, values) + (dim.length ? fill(grammar.dim_after, values) : "");
  else if (dim.length) s = fill(grammar.dim_only, values);
  else s = fill(custom ? grammar.none_custom : grammar.none, values);
  if (absent.length) s += fill(grammar.absent_after, values);
  s = closed(s, grammar);
  if (since !== null) {
    const parts = changes.map((c) => changePhrase(c, grammar));
    if (uncompared.length) parts.push(fill(grammar.change_uncompared, { uncompared: joinWords(uncompared, grammar), since }));
    s = closed(s + fill(grammar.change, { since, date: when, changes: parts.length ? joinWords(parts, grammar) : grammar.change_none }), grammar);
  }
  return s;
}

/** The sentence with its full stop, once: a date such as "14 квітня 2023 р." may already end with one. */
function closed(sentence, grammar) {
  return sentence.endsWith(grammar.end) ? sentence : sentence + grammar.end;
}

/** "western districts lost about 1.5 km²" ("… 1,5 км²"): km2 comes rounded to one decimal (story/describe.py
 * round_km2), written by the language's rules as Python's Babel writes it (story/words.py say_decimal). */
export function changePhrase({ short, kind, km2 }, grammar) {
  return fill(grammar[`change_${kind}`], { short, km2: oneDecimal(grammar.locale).format(km2) });
}

/** Makes the page's number formatter ahead of need (main.js, when the browser is idle), so the first chapter
 * that states an area does not pay for it inside the reader's key press. */
export function prepareNumbers(grammar) {
  oneDecimal(grammar.locale);
}

// A formatter is costly to make (about 10 ms on a slow phone) and a page speaks one language: made once.
const FORMATS = new Map();
function oneDecimal(locale) {
  if (!FORMATS.has(locale)) FORMATS.set(locale, new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 }));
  return FORMATS.get(locale);
}
