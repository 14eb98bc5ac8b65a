"""One plain sentence describing a chapter's map, for a role="status" live region (screen readers)."""

from __future__ import annotations

from datetime import date

from story.model import Chapter, Story

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def format_date(day: date) -> str:
    """14 April 2023 — spelled out, locale-independent (strftime's %B follows the server's locale)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def join_words(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def describe_chapter(story: Story, chapter: Chapter) -> str:
    """E.g. "Map: Bakhmut's western districts, held by Ukraine as of 14 April 2023, highlighted; centre and
    outskirts dimmed." Built from the layers' `describe`/`short` phrases so it always matches the map."""
    when = format_date(chapter.as_of or story.as_of)
    layers = {layer.id: layer for layer in story.layers}
    strong = [layers[i].describe for i in chapter.highlight if i in layers]
    dimmed = [layers[i].short for i in chapter.context if i in layers]
    if strong:
        sentence = f"Map: {join_words(strong)} as of {when}, highlighted"
        if dimmed:
            sentence += f"; {join_words(dimmed)} dimmed"
    elif dimmed:
        sentence = f"Map as of {when}: {join_words(dimmed)} shown"
    else:
        region = story.region.name or "the story's region"
        sentence = f"Map: {region} as of {when}"
    return sentence + "."
