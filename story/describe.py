"""One plain sentence describing a chapter's map, for a role="status" live region (screen readers) and for the
published page's map images.

The grammar is data (story/describe.json): the page's script (assets/engine/describe.js) reads the same file,
so the browser and Python say the same thing. Both are tested against tests/vectors/describe.json.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from story.model import Chapter, Story

GRAMMAR: dict[str, str] = json.loads((Path(__file__).with_name("describe.json")).read_text(encoding="utf-8"))

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def format_date(day: date) -> str:
    """14 April 2023 — spelled out, locale-independent (strftime's %B follows the server's locale)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def join_words(items: list[str], grammar: dict[str, str] = GRAMMAR) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return grammar["list_sep"].join(items[:-1]) + grammar["list_last"] + items[-1]


def describe_map(
    strong: list[str], dim: list[str], when: str, region: str, *, custom: bool = False, grammar=GRAMMAR
) -> str:
    """The sentence for highlighted layers' `describe` phrases and dimmed layers' `short` phrases."""
    values = {
        "lead": grammar["lead_custom"] if custom else grammar["lead"],
        "strong": join_words(strong, grammar),
        "dim": join_words(dim, grammar),
        "when": when,
        "region": region,
    }
    if strong:
        s = grammar["strong"].format(**values) + (grammar["dim_after"].format(**values) if dim else "")
    elif dim:
        s = grammar["dim_only"].format(**values)
    else:
        s = grammar["none_custom" if custom else "none"].format(**values)
    return s + grammar["end"]


def describe_chapter(story: Story, chapter: Chapter) -> str:
    """E.g. "Map: Bakhmut's western districts, held by Ukraine as of 14 April 2023, highlighted; centre and
    outskirts dimmed." Built from the layers' `describe`/`short` phrases, in the story's layer order (the legend's),
    so it always matches the map."""
    strong = [layer.describe for layer in story.layers if layer.id in chapter.highlight]
    dim = [layer.short for layer in story.layers if layer.id in chapter.context]
    when = format_date(chapter.as_of or story.as_of)
    return describe_map(strong, dim, when, story.region.name or "the story's region")
