"""One plain sentence describing a chapter's map, for a role="status" live region (screen readers) and for the
published page's map images.

The grammar is data, one table per language (story/words/): the page's script (assets/engine/describe.js) reads
the same table, so the browser and Python say the same thing. Both are tested against tests/vectors/describe.json.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from story.model import Chapter, Story
from story.words import say_date, say_decimal, words

GRAMMAR: dict[str, str] = words()  # the original language's


def format_date(day: date, *, year: bool = True, lang: str = "en") -> str:
    """14 April 2023 (or 14 April) — spelled out by the language's rules (story/words.py), never by the server's
    locale."""
    return say_date(day, lang, year=year)


def join_words(items: list[str], grammar: dict[str, str] = GRAMMAR) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return grammar["list_sep"].join(items[:-1]) + grammar["list_last"] + items[-1]


def describe_map(
    strong: list[str],
    dim: list[str],
    when: str,
    region: str,
    *,
    custom: bool = False,
    absent: list[str] | None = None,
    since: str | None = None,
    changes: list[dict[str, Any]] | None = None,
    uncompared: list[str] | None = None,
    grammar=GRAMMAR,
) -> str:
    """The sentence for highlighted layers' `describe` phrases and dimmed layers' `short` phrases; `absent`: the
    shown layers no source gives for this date; `since` and `changes`: a comparison's earlier date and what
    changed ([{short, kind: "lost" | "gained", km2}], km2 already rounded to one decimal: round_km2) and the shown
    layers no source gives on `since`, which could not be compared."""
    values = {
        "lead": grammar["lead_custom"] if custom else grammar["lead"],
        "strong": join_words(strong, grammar),
        "dim": join_words(dim, grammar),
        "absent": join_words(absent or [], grammar),
        "when": when,
        "region": region,
    }
    if strong:
        s = grammar["strong"].format(**values) + (grammar["dim_after"].format(**values) if dim else "")
    elif dim:
        s = grammar["dim_only"].format(**values)
    else:
        s = grammar["none_custom" if custom else "none"].format(**values)
    if absent:
        s += grammar["absent_after"].format(**values)
    s = closed(s, grammar)
    if since is not None:
        parts = [change_phrase(c, grammar) for c in changes or []]
        if uncompared:
            parts.append(grammar["change_uncompared"].format(uncompared=join_words(uncompared, grammar), since=since))
        said = join_words(parts, grammar) if parts else grammar["change_none"]
        s = closed(s + grammar["change"].format(since=since, date=when, changes=said), grammar)
    return s


def closed(sentence: str, grammar: dict[str, str]) -> str:
    """The sentence with its full stop, once: a date such as "14 квітня 2023 р." may already end with one."""
    return sentence if sentence.endswith(grammar["end"]) else sentence + grammar["end"]


def round_km2(value: float) -> float:
    """An area as the page and the sentence state it: one decimal, rounded once here (Python and the page's
    script then format the same number), never 0.0 for ground that changed."""
    return max(round(value, 1), 0.1)


def change_phrase(change: dict[str, Any], grammar=GRAMMAR) -> str:
    """ "western districts lost about 1.5 km²" (km2 from round_km2)."""
    return grammar[f"change_{change['kind']}"].format(
        short=change["short"], km2=say_decimal(change["km2"], grammar["locale"])
    )


def describe_chapter(story: Story, chapter: Chapter) -> str:
    """E.g. "Map: Bakhmut's western districts, held by Ukraine as of 14 April 2023, highlighted; centre and
    outskirts dimmed." Built from the layers' `describe`/`short` phrases (a dated layer's for the chapter's date),
    in the story's layer order (the legend's), so it always matches the map; a comparison adds what changed."""
    when = story.when(chapter)
    day = when.date if when else None
    shown = [layer for layer in story.layers if layer.id in (*chapter.highlight, *chapter.context)]
    drawn = [layer for layer in shown if not layer.states or layer.state_on(day)]
    strong = [layer.describe_on(day) for layer in drawn if layer.id in chapter.highlight]
    dim = [layer.short for layer in drawn if layer.id in chapter.context]
    absent = [layer.short for layer in shown if layer not in drawn]
    lang, grammar = story.language, words(story.language)
    text = format_date(day or chapter.as_of or story.as_of, lang=lang)
    region = story.region.name or grammar["region_default"]
    if not (when and when.since):
        return describe_map(strong, dim, text, region, absent=absent, grammar=grammar)
    found = story.changes()
    changes = [
        {"short": layer.short, "kind": kind, "km2": round_km2(getattr(c, f"{kind}_km2"))}
        for layer in drawn
        if (c := found.get((layer.id, when.since, when.date)))
        for kind in ("lost", "gained")
        if not getattr(c, kind).is_empty
    ]
    uncompared = [layer.short for layer in drawn if layer.states and not layer.state_on(when.since)]
    since = format_date(when.since, lang=lang)
    return describe_map(
        strong, dim, text, region, absent=absent, since=since, changes=changes, uncompared=uncompared, grammar=grammar
    )


def dateline_text(story: Story, chapter: Chapter) -> str:
    """The map's date as the page's dated line says it: "Map state as of 14 April 2023", or for a comparison
    "Change from 7 April 2023 to 14 April 2023" (assets/engine/dates.js dateline says the same)."""
    when = story.when(chapter)
    day = when.date if when else chapter.as_of or story.as_of
    lang = story.language
    grammar = words(lang)
    if when and when.since:
        return grammar["dateline_compare"].format(
            since=format_date(when.since, lang=lang), date=format_date(day, lang=lang)
        )
    return grammar["dateline"].format(date=format_date(day, lang=lang))
