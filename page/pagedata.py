"""The page's data: what Python hands the browser's engine (`export const story = …` in the story module), typed.

This is the one contract between the two languages. page/render.py builds it; assets/engine/ reads it;
`assets/engine/storydata.schema.json` is this module's JSON Schema, committed so the JavaScript side (its unit
tests, and a reader of the engine) has the contract in its own terms. Regenerate it after a change here with
`python -m page.pagedata` (a test fails while it is stale; another validates what Python produces against it
in Node, with ajv).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from story.look import Look

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "assets" / "engine" / "storydata.schema.json"

IsoDate = Annotated[str, Field(pattern=r"^\d{4}-\d{2}-\d{2}$", description="a calendar date, YYYY-MM-DD")]
GroupKey = Annotated[str, Field(description="the Leaflet group that draws this (createMaps(L).groups)")]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class When(_Data):
    """A map's date: one date, or the change from `since` to `date`."""

    date: IsoDate
    since: IsoDate | None = None


class ChapterData(_Data):
    id: str
    title: str
    bounds: tuple[tuple[float, float], tuple[float, float]] = Field(description="[[south, west], [north, east]]")
    padding: int = Field(description="px kept clear around the view")
    max_zoom: float | None
    highlight: list[str]
    context: list[str]
    named: list[str] = Field(description="place labels (as drawn) the chapter's text names: shown at any zoom")
    as_of: str = Field(description="the chapter's date in words (undated stories)")
    when: When | None = Field(description="the chapter's own date; null in a story without dates")


class DatedWords(_Data):
    """A dated layer on one date: its words then (the state's own, else the layer's) and the group drawing it."""

    label: str
    describe: str
    confidence: str
    group: GroupKey


class ChangedGround(_Data):
    km2: float = Field(description="rounded once, in Python: the page and the sentence state the same number")
    group: GroupKey


class PairChange(_Data):
    lost: ChangedGround | None
    gained: ChangedGround | None


class Dated(_Data):
    states: dict[IsoDate, DatedWords] = Field(description="date → the layer on that date (absent: nothing drawn)")
    changes: dict[str, PairChange] = Field(description="'<from>_<to>' → the ground lost and gained")


class LayerData(_Data):
    id: str
    label: str
    kind: Literal["area", "line", "point"]
    color: str
    fill: str | None
    fill_opacity: float
    dash: str | None
    confidence: str
    short: str
    describe: str
    dated: Dated | None


class DateEntry(_Data):
    iso: IsoDate
    text: str = Field(description="in full, e.g. 14 April 2023")
    short: str = Field(description="for the date buttons, e.g. 14 April")


class StoryData(_Data):
    """What the engine knows about the story (assets/engine/main.js `mount`)."""

    chapters: list[ChapterData]
    layers: list[LayerData]
    region: tuple[float, float, float, float] = Field(description="west, south, east, north")
    region_name: str
    lang: str = Field(description="the language the page is in (BCP 47): its text's and its words'")
    languages: list[str] = Field(description="the story's languages, the original's first: what `?lang=` may name")
    grammar: dict[str, str] = Field(description="story/words/<lang>.json: the sentence's and the controls' words")
    dates: list[DateEntry]
    pairs: list[tuple[IsoDate, IsoDate]] = Field(description="the comparisons offered, [from, to]")
    look: Look = Field(description="story/look.json: the map's look (its zoom bands, the changed ground's style)")


def schema_text() -> str:
    return json.dumps(StoryData.model_json_schema(mode="serialization"), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # python -m page.pagedata: rewrite the committed schema
    SCHEMA_PATH.write_text(schema_text(), encoding="utf-8")
    sys.stdout.write(f"wrote {SCHEMA_PATH.name}\n")
