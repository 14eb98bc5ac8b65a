"""The story's data model. Pydantic checks each object on its own; cross-references live in checks.py.

Custom errors use the type "story" with a `hint` in their context, so the loader can print
"what is wrong — what to do" without pydantic's wording.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from story.markdown import render_markdown

Day = date  # for annotations in classes whose field is named `date`
_Text = TypeVar("_Text", str, str | None)

# Matched with fullmatch, never match + `$`: `$` also matches before a final newline, so "west\n" would pass.
SLUG_RE = re.compile(r"[a-z0-9-]+")
MAX_ID_CHARS = 64  # ids name folders and appear in every share link
DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
HEX_RE = re.compile(r"#[0-9a-fA-F]{6}")
DASH_RE = re.compile(r"\d+(\.\d+)?([ ,]+\d+(\.\d+)?)*")
URL_RE = re.compile(r"https?://\S+")
DEFAULT_BASEMAP = "OpenStreetMap.Mapnik"
# Invisible characters that change what a reader sees without showing in the YAML a reviewer reads: bidi
# embeddings, overrides, isolates and marks, zero-width spaces and joiners, the word joiner family, and the BOM.
INVISIBLE_RE = re.compile("[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def problem(message: str, hint: str) -> PydanticCustomError:
    """A validation error carrying our own message and hint."""
    return PydanticCustomError("story", message, {"hint": hint})


def slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "chapter-1"


def shown(value: str) -> str:
    """The value quoted for a message, its control characters (a newline, a tab) written out as escapes."""
    return "'" + re.sub(r"[\x00-\x1f\x7f]", lambda m: repr(m.group())[1:-1], value) + "'"


def _slug(value: Any) -> Any:
    if isinstance(value, str) and not SLUG_RE.fullmatch(value):
        raise problem(
            f"{shown(value)} is not a valid id",
            f"use only lowercase letters, digits and hyphens, e.g. '{slugify(value)[:MAX_ID_CHARS]}'",
        )
    if isinstance(value, str) and len(value) > MAX_ID_CHARS:
        raise problem(
            f"is {len(value)} characters long, over the {MAX_ID_CHARS}-character limit for ids",
            "shorten it: ids name the site's folders and appear in every share link",
        )
    return value


def _iso_date(value: Any) -> Any:
    # Only ISO dates: "14 April 2023" or 20230414 would otherwise be guessed at (or read as a timestamp).
    if isinstance(value, date):
        return value
    text = str(value).strip() if isinstance(value, str | int | float) else value
    if isinstance(text, str):
        if DATE_RE.fullmatch(text):
            try:
                return date.fromisoformat(text)
            except ValueError:
                pass
        raise problem(f"'{text}' is not a date", "write it as YYYY-MM-DD, e.g. 2023-04-14")
    raise problem(f"{type(value).__name__} is not a date", "write it as YYYY-MM-DD, e.g. 2023-04-14")


def _hex(value: Any) -> Any:
    if isinstance(value, str) and not HEX_RE.fullmatch(value):
        raise problem(f"{shown(value)} is not a colour", "write it as #rrggbb, e.g. #1f5fbf")
    return value


def _not_blank(value: str) -> str:
    if not value.strip():
        raise problem("is empty", "write some text here")
    return _visible(value)


def invisible(value: Any) -> tuple[str, str] | None:
    """(what is wrong, what to do) when text holds a bidi control or zero-width character, else None: plain text
    must read the same in the file a reviewer reads and on the page (story fields and layer labels alike)."""
    found = INVISIBLE_RE.search(value) if isinstance(value, str) else None
    if not found:
        return None
    char = found.group()
    name = unicodedata.name(char, "invisible character")
    return (
        f"contains the invisible character U+{ord(char):04X} ({name}) at character {found.start() + 1}",
        "delete it (retype the text around it): it makes readers see other text than the file shows",
    )


def _visible(value: _Text) -> _Text:
    found = invisible(value)
    if found:
        raise problem(*found)
    return value


def _bbox(value: list[float]) -> list[float]:
    if len(value) != 4:
        raise problem(f"has {len(value)} numbers, not 4", "write it as [west, south, east, north] in degrees")
    west, south, east, north = value
    for name, v, limit in (("west", west, 180), ("east", east, 180), ("south", south, 90), ("north", north, 90)):
        if not -limit <= v <= limit:
            raise problem(
                f"{name} {v:g} is outside ±{limit}°",
                "write it as [west, south, east, north]: longitudes first, then latitudes",
            )
    if west >= east:
        raise problem(
            f"west ({west:g}) is not less than east ({east:g})",
            "write it as [west, south, east, north] with west < east",
        )
    if south >= north:
        raise problem(
            f"south ({south:g}) is not less than north ({north:g})",
            "write it as [west, south, east, north] with south < north",
        )
    return value


def story_file(value: str, info: ValidationInfo) -> str:
    """A layer file's path: relative, inside the story folder (symlinks resolved), and present."""
    rel = PurePosixPath(value)
    if rel.is_absolute() or ".." in rel.parts or not value.strip():
        raise problem(
            f"'{value}' is not a path inside the story folder",
            "give a relative path such as layers/city.geojson",
        )
    base = (info.context or {}).get("base_dir")
    if base is not None and not (Path(base) / rel).is_file():
        raise problem(
            f"layer file '{value}' not found",
            # Relative to the story folder: the app shows this to readers, never the server's paths.
            f"add {rel.as_posix()} to the story's folder, beside story.yaml, or fix the path",
        )
    # The lexical check above cannot see a symlink that points out of the folder: compare resolved paths.
    if base is not None and not (Path(base) / rel).resolve().is_relative_to(Path(base).resolve()):
        raise problem(
            f"'{value}' is a link to a file outside the story folder",
            "copy the GeoJSON file into the story folder (e.g. layers/) instead of linking to it",
        )
    return value


Slug = Annotated[str, AfterValidator(_slug)]
IsoDate = Annotated[date, BeforeValidator(_iso_date)]
HexColor = Annotated[str, AfterValidator(_hex)]
Text = Annotated[str, AfterValidator(_not_blank)]
PlainText = Annotated[str, AfterValidator(_visible)]
BBox = Annotated[list[float], AfterValidator(_bbox)]


def lang_problem(value: str) -> tuple[str, str] | None:
    """(what is wrong, what to do) unless `value` is a BCP 47 language tag in its standard form (langcodes): `uk`,
    `en`, `sr-Latn`; not `ua` (a country)."""
    import langcodes  # lazy: only stories with a language pay for the import

    if not langcodes.tag_is_valid(value):
        hint = "Ukrainian is uk ('ua' is the country)" if value.lower() == "ua" else "e.g. uk for Ukrainian"
        return f"{shown(value)} is not a BCP 47 language tag", f"write the language's code: {hint}, en for English"
    standard = langcodes.standardize_tag(value)
    if standard != value:
        return f"{shown(value)} is not the standard form of the language tag", f"write '{standard}'"
    return None


def _lang(value: Any) -> Any:
    found = lang_problem(value) if isinstance(value, str) else None
    if found:
        raise problem(*found)
    return value


def _edition_file(value: str) -> str:
    rel = PurePosixPath(value)
    if rel.is_absolute() or ".." in rel.parts or len(rel.parts) != 1 or rel.suffix != ".yaml":
        raise problem(
            f"{shown(value)} is not an edition file beside the story",
            "name a YAML file in the story's folder, e.g. story.uk.yaml",
        )
    return value


LangTag = Annotated[str, AfterValidator(_lang)]
EditionFile = Annotated[str, AfterValidator(_edition_file)]


@dataclass(frozen=True)
class When:
    """What a dated map shows: the layers as of `date`, and with `since`, what changed from `since` to `date`."""

    date: Day
    since: Day | None = None


class _Model(BaseModel):
    # forbid: a misspelt field ("higlight") must be an error, not silently ignored.
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=False)


class Style(_Model):
    """Leaflet path style of a layer."""

    color: HexColor
    fill_color: HexColor | None = None
    fill_opacity: float = Field(0.25, ge=0, le=1)
    weight: float = Field(2, gt=0, le=20)
    dash: str | None = None  # Leaflet dashArray, e.g. "6 4"

    @field_validator("dash")
    @classmethod
    def _dash(cls, value: str | None) -> str | None:
        if value is not None and not DASH_RE.fullmatch(value.strip()):
            raise problem(f"{shown(value)} is not a dash pattern", 'write dash lengths in pixels, e.g. "6 4"')
        return value.strip() if value is not None else None


def _labels(value: Any) -> Any:
    # One plain error for the union "all | none | whole number" instead of pydantic's one per alternative.
    if value in ("all", "none") or value is None:
        return value
    if isinstance(value, int) and not isinstance(value, bool) and value >= 1:
        return value
    raise problem(
        f"{value!r} is not a labels setting",
        "write all (label every point), none, or a rank such as 2 (label points whose rank is 2 or less)",
    )


Labels = Annotated[Literal["all", "none"] | int | None, BeforeValidator(_labels)]


def feature_rank(value: Any) -> int | None:
    """A feature's `rank` as read from a layer's table: a whole number, or None where it has none (a missing
    value in a frame is NaN)."""
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else int(value)


Confidence = Literal["gazetteer", "assessed", "approximate", "schematic"]


class DatedState(_Model):
    """What a layer shows on one of the story's dates, and who says so. A dated layer is drawn on a date only where
    it has a state for it: where no source gives an outline for a date, the map says so rather than inventing one.
    """

    date: IsoDate
    file: str | None = None  # the geometry on this date; none: the layer's own file, with a changed status
    label: PlainText | None = None  # the legend's label on this date (else the layer's)
    describe: PlainText | None = None  # the screen-reader phrase on this date (else the layer's)
    source: Text  # required: a dated state exists only where a source says something for that date
    confidence: Confidence

    @field_validator("file")
    @classmethod
    def _file(cls, value: str | None, info: ValidationInfo) -> str | None:
        return None if value is None else story_file(value, info)


class LayerSpec(_Model):
    """One GeoJSON layer of the story, stored beside the story file.

    `source`, `confidence` and `as_of` apply to every feature of the file that does not set its own (the
    feature's own value wins); `as_of` falls back to the story's.
    """

    id: Slug
    file: str
    label: Text
    kind: Literal["area", "line", "point"]
    style: Style
    describe: Text
    short: Text
    confidence: Confidence | None = None
    as_of: IsoDate | None = None
    source: Text | None = None
    labels: Labels = None  # point layers: all (default), none, or N = only features of rank N or less
    # Dated layers: what the layer shows on each of the story's `dates` (story/README.md, "Dates").
    states: list[DatedState] | None = Field(None, min_length=1)
    _path: Path | None = PrivateAttr(default=None)
    _base: Path | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _labels_only_for_points(self) -> LayerSpec:
        if self.labels is not None and self.kind != "point":
            raise problem(
                f"labels applies to point layers, and this is kind: {self.kind}",
                "remove labels: here (line layers label features that have a 'ref' property)",
            )
        return self

    def labels_feature(self, rank: Any) -> bool:
        """Whether a point of this layer with this `rank` (None when it has none) gets a label on the map."""
        if self.kind != "point" or self.labels == "none":
            return False
        if self.labels is None or self.labels == "all":
            return True
        return rank is not None and rank <= self.labels

    @field_validator("file")
    @classmethod
    def _file(cls, value: str, info: ValidationInfo) -> str:
        return story_file(value, info)

    @model_validator(mode="after")
    def _resolve(self, info: ValidationInfo) -> LayerSpec:
        base = (info.context or {}).get("base_dir")
        if base is not None:
            self._base = Path(base).resolve()
            self._path = (self._base / self.file).resolve()
        return self

    def parts(self) -> list[tuple[str, Path, DatedState | None]]:
        """(file as written, absolute path, dated state or None) of each geometry the layer draws: its own file,
        or one per dated state (a state without a file of its own reuses the layer's)."""
        if not self.states:
            return [(self.file, self.path, None)]
        base = self._base or self.path.parent
        return [(st.file or self.file, (base / (st.file or self.file)).resolve(), st) for st in self.states]

    def state_on(self, day: date | None) -> DatedState | None:
        """This dated layer's state on a date (None: nothing drawn that day)."""
        return next((st for st in self.states or [] if st.date == day), None)

    def label_on(self, day: date | None) -> str:
        """The legend's label for this layer on a date: its state's own, else the layer's."""
        state = self.state_on(day)
        return (state.label if state else None) or self.label

    def describe_on(self, day: date | None) -> str:
        """The screen-reader phrase for this layer on a date: its state's own, else the layer's."""
        state = self.state_on(day)
        return (state.describe if state else None) or self.describe

    @property
    def path(self) -> Path:
        """Absolute path of the GeoJSON file (set when loaded through story.loader)."""
        if self._path is None:
            raise ValueError(f"layer '{self.id}' was not loaded from a story file")
        return self._path


class View(_Model):
    """Where the map goes for a chapter: fit named layers, or an explicit bounding box."""

    fit: list[str] | None = None
    bbox: BBox | None = None
    padding: int = Field(24, ge=0, le=400)
    max_zoom: int | None = Field(None, ge=0, le=22)

    @model_validator(mode="after")
    def _one_target(self) -> View:
        if (self.fit is None) == (self.bbox is None):
            both = self.fit is not None
            raise problem(
                "has both fit and bbox" if both else "has neither fit nor bbox",
                "give exactly one: fit: [layer ids] or bbox: [west, south, east, north]",
            )
        if self.fit is not None and not self.fit:
            raise problem("fit lists no layers", "name at least one layer id, e.g. fit: [city]")
        return self


class Chapter(_Model):
    """One scroll step: text on one side, a map state on the other."""

    id: Slug
    title: Text
    body: str
    view: View
    highlight: list[str] = []
    context: list[str] = []
    # Places the chapter's text names (labels of a point layer it shows): labelled on its map at any zoom.
    named: list[str] = []
    caption: PlainText | None = None
    as_of: IsoDate | None = None
    # In a story with dates: the one date this chapter's map shows, or two it compares ([from, to]).
    date: IsoDate | None = None
    compare: list[IsoDate] | None = None

    @field_validator("compare")
    @classmethod
    def _compare(cls, value: list[Day] | None) -> list[Day] | None:
        if value is None:
            return value
        if len(value) != 2:
            raise problem(
                f"names {len(value)} dates, not 2", "write compare: [from, to], e.g. [2023-04-07, 2023-04-14]"
            )
        if value[0] == value[1]:
            raise problem(f"compares {value[0]} with itself", "name two different dates: compare: [earlier, later]")
        if value[0] > value[1]:
            raise problem(
                f"compares {value[0]} with the earlier {value[1]}", "write the earlier date first: compare: [from, to]"
            )
        return value

    @model_validator(mode="after")
    def _one_date(self) -> Chapter:
        if self.date is not None and self.compare is not None:
            raise problem("has both date and compare", "give one: date: for one date, compare: [from, to] for two")
        return self

    @field_validator("body")
    @classmethod
    def _body(cls, value: str) -> str:
        if not value.strip():
            raise problem("the chapter has no text", "write the chapter's Markdown under body: |")
        return value

    @cached_property
    def body_html(self) -> str:
        """The body as sanitised HTML."""
        return render_markdown(self.body)


class Source(_Model):
    """A source credited in the story's sources line."""

    name: Text
    url: str | None = None
    note: PlainText | None = None

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is not None and not URL_RE.fullmatch(value):
            raise problem(f"{shown(value)} is not a web address", "give a full http:// or https:// URL")
        return value


class Region(_Model):
    """The story's region; every bounding box in the story must lie inside it."""

    bbox: BBox
    name: PlainText | None = None


class StoryMeta(_Model):
    """Story-level fields (everything except layers and chapters), validated on their own."""

    title: Text
    dek: Text
    byline: Text
    published: IsoDate
    as_of: IsoDate
    region: Region
    basemap: str = DEFAULT_BASEMAP
    sources: list[Source] = Field(min_length=1)
    credits: str = ""
    default_layers: list[str] = []
    # The layer drawn as the outline in the locator inset (e.g. the region's boundary); none: the region's box.
    inset: str | None = None
    # The dates the map can show, earliest first (story/README.md, "Dates"); none: the map has one date, as_of.
    dates: list[IsoDate] = []
    # The language the story is written in (BCP 47); none: English, the page's own language so far.
    lang: LangTag | None = None
    # Translations beside the story (story/README.md, "Editions"), e.g. [story.uk.yaml].
    editions: list[EditionFile] = []

    @cached_property
    def credits_html(self) -> str:
        """The credits as sanitised HTML."""
        return render_markdown(self.credits)


class Story(StoryMeta):
    """A whole story, as the app uses it. Build it with story.loader.load_story."""

    layers: list[LayerSpec] = Field(min_length=1)
    chapters: list[Chapter] = Field(min_length=1)
    _path: Path | None = PrivateAttr(default=None)
    # Each layer as the page receives it (simplified for the web), when the loader read the layer files: what it
    # weighed for the budget is what the app builds with, read once.
    _web_layers: dict[str, Any] | None = PrivateAttr(default=None)

    _changes: dict[Any, Any] | None = PrivateAttr(default=None)
    # Each edition by language, as checked by the loader (story/edition.py), and problems that do not stop the
    # story (an edition its author marked incomplete).
    _editions: dict[str, Any] = PrivateAttr(default_factory=dict)
    _warnings: list[Any] = PrivateAttr(default_factory=list)
    # Set on a translated story (story.edition.load_edition): which edition it is.
    _edition: Any = PrivateAttr(default=None)

    @property
    def language(self) -> str:
        """The language this story's text is in: an edition's, else the original's `lang` (default en)."""
        return self._edition.lang if self._edition is not None else self.lang or "en"

    @property
    def languages(self) -> list[str]:
        """The original's language, then each edition's, in the order the story lists them."""
        return [self.lang or "en", *self._editions]

    @property
    def edition(self) -> Any:
        """On a translated story, its story.edition.EditionInfo (language, credit, what is untranslated); else
        None."""
        return self._edition

    @property
    def warnings(self) -> list[Any]:
        """Problems that do not stop the story (loader Problems), e.g. the texts an incomplete edition lacks."""
        return self._warnings

    def changes(self) -> dict[Any, Any]:
        """The ground each dated area layer lost or gained between two dates (story.dates.changes), from the layers
        the loader read; empty for a story without dates or loaded without its layers."""
        if self._changes is None:
            from story.dates import changes  # lazy: geometry is only needed where layers were read

            self._changes = changes(self, self._web_layers) if self._web_layers and self.dates else {}
        return self._changes

    @property
    def web_layers(self) -> dict[str, Any] | None:
        """The layers by id as simplified for the web, when loaded with read_layers=True (else None)."""
        return self._web_layers

    _web_backdrop: Any = PrivateAttr(default=None)

    @property
    def web_backdrop(self) -> Any:
        """The backdrop (story/backdrop.py) as simplified for the web, when loaded with read_layers=True and the
        story has one (else None)."""
        return self._web_backdrop

    @property
    def path(self) -> Path:
        """Absolute path of the story file."""
        if self._path is None:
            raise ValueError("story was not loaded from a file")
        return self._path

    def layer(self, layer_id: str) -> LayerSpec:
        """The layer with this id (KeyError if unknown)."""
        for layer in self.layers:
            if layer.id == layer_id:
                return layer
        raise KeyError(layer_id)

    def when(self, chapter: Chapter) -> When | None:
        """The date (or two) a chapter's map shows; None in a story without dates."""
        if not self.dates:
            return None
        if chapter.compare:
            return When(date=chapter.compare[1], since=chapter.compare[0])
        if chapter.date:
            return When(date=chapter.date)
        return When(date=self.as_of if self.as_of in self.dates else self.dates[-1])

    def pairs(self) -> list[tuple[date, date]]:
        """The comparisons the map offers: each date with the one before (the reader's "Change since"), and every
        chapter's `compare`. Only these are computed and sent, so a story's cost grows with its dates, not their
        square."""
        out = list(zip(self.dates, self.dates[1:], strict=False))
        for ch in self.chapters:
            if ch.compare and (ch.compare[0], ch.compare[1]) not in out:
                out.append((ch.compare[0], ch.compare[1]))
        return out

    def chapter(self, chapter_id: str) -> Chapter:
        """The chapter with this id (KeyError if unknown)."""
        for chapter in self.chapters:
            if chapter.id == chapter_id:
                return chapter
        raise KeyError(chapter_id)
