"""One plain sentence describing a chapter's map, for a role="status" live region (screen readers) and for the
published page's map images.

The grammar is data (story/describe.json): the page's script (assets/engine/describe.js) reads the same file,
so the browser and Python say the same thing. Both are tested against tests/vectors/describe.json.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from story.model import Chapter, Story

GRAMMAR: dict[str, str] = json.loads((Path(__file__).with_name("describe.json")).read_text(encoding="utf-8"))

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def format_date(day: date, *, year: bool = True) -> str:
    """14 April 2023 (or 14 April) — spelled out, locale-independent (strftime's %B follows the server's locale)."""
    return f"{day.day} {MONTHS[day.month - 1]}" + (f" {day.year}" if year else "")


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
    s += grammar["end"]
    if since is not None:
        parts = [change_phrase(c, grammar) for c in changes or []]
        if uncompared:
            parts.append(grammar["change_uncompared"].format(uncompared=join_words(uncompared, grammar), since=since))
        said = join_words(parts, grammar) if parts else grammar["change_none"]
        s += grammar["change"].format(since=since, date=when, changes=said)
    return s


def round_km2(value: float) -> float:
    """An area as the page and the sentence state it: one decimal, rounded once here (Python and the page's
    script then format the same number), never 0.0 for ground that changed."""
    return max(round(value, 1), 0.1)


def change_phrase(change: dict[str, Any], grammar=GRAMMAR) -> str:
    """ "western districts lost about 1.5 km²" (km2 from round_km2)."""
    return grammar[f"change_{change['kind']}"].format(short=change["short"], km2=f"{change['km2']:.1f}")


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
    text = format_date(day or chapter.as_of or story.as_of)
    region = story.region.name or "the story's region"
    if not (when and when.since):
        return describe_map(strong, dim, text, region, absent=absent)
    found = story.changes()
    changes = [
        {"short": layer.short, "kind": kind, "km2": round_km2(getattr(c, f"{kind}_km2"))}
        for layer in drawn
        if (c := found.get((layer.id, when.since, when.date)))
        for kind in ("lost", "gained")
        if not getattr(c, kind).is_empty
    ]
    uncompared = [layer.short for layer in drawn if layer.states and not layer.state_on(when.since)]
    since = format_date(when.since)
    return describe_map(strong, dim, text, region, absent=absent, since=since, changes=changes, uncompared=uncompared)


def dateline_text(story: Story, chapter: Chapter) -> str:
    """The map's date as the page's dated line says it: "Map state as of 14 April 2023", or for a comparison
    "Change from 7 April 2023 to 14 April 2023" (assets/engine/dates.js dateline says the same)."""
    when = story.when(chapter)
    day = when.date if when else chapter.as_of or story.as_of
    if when and when.since:
        return GRAMMAR["dateline_compare"].format(since=format_date(when.since), date=format_date(day))
    return GRAMMAR["dateline"].format(date=format_date(day))
