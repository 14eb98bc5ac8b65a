"""The map's look, described once (story/look.json) and read by every renderer: the live map (page/mapbuild.py's
Leaflet styles, the page's CSS custom properties and label rules, assets/engine/mapview.js's zoom bands) and the
Python drawings (story/preview.py: the author's preview, the share cards and the print images).

A look file that does not validate raises LookError naming the file, the field and what is wrong.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, ValidationInfo, field_validator

from story.model import DASH_RE, SLUG_RE, HexColor, problem, shown

FILE = Path(__file__).with_name("look.json")
Opacity = Annotated[float, Field(ge=0, le=1)]
Pixels = Annotated[float, Field(gt=0, le=64)]
BackdropKind = Literal["admin", "border", "coast", "river"]
ChangeKind = Literal["lost", "gained"]


def _dash(value: str | None) -> str | None:
    if value is not None and not DASH_RE.fullmatch(value):
        raise problem(f"{shown(value)} is not a dash pattern", 'write dash lengths in pixels, e.g. "4 3"')
    return value


def _slug(value: str) -> str:
    if not SLUG_RE.fullmatch(value):
        raise problem(f"{shown(value)} is not a band name", "use lowercase letters, digits and hyphens")
    return value


Dash = Annotated[str | None, AfterValidator(_dash)]


class _Model(BaseModel):
    # forbid: a misspelt field must be an error, not a value silently left at its default.
    model_config = ConfigDict(extra="forbid", frozen=True)


class Stroke(_Model):
    """A line as Leaflet draws it: colour, width in pixels, dash pattern, opacity."""

    color: HexColor
    weight: Pixels
    dash: Dash = None
    opacity: Opacity = 1.0


class ChangeStroke(Stroke):
    """Ground lost or gained between two dates: outlined and filled in its own colours."""

    fill_color: HexColor
    fill_opacity: Opacity


class Labels(_Model):
    size_px: Pixels
    road_size_px: Pixels
    color: HexColor
    dim_color: HexColor  # a dimmed layer's labels
    halo_color: HexColor
    halo_px: Pixels  # the halo's blur radius on the page
    road_border: HexColor  # the box around a road number


class ZoomBand(_Model):
    """From `from_zoom` up to the next band's: which place labels show (ranks up to `max_rank`, every rank when
    null) and whether road numbers do."""

    name: Annotated[str, AfterValidator(_slug)]
    from_zoom: float = Field(ge=0, le=24)
    max_rank: int | None = Field(ge=1)
    road_labels: bool


class Swatch(_Model):
    """A legend swatch of an area: its fill opacity plus `fill_boost`, never under `min_opacity`."""

    min_opacity: Opacity
    fill_boost: Opacity


class Symbol(_Model):
    """The ring that stands in for a highlighted layer drawn smaller than the look's `min_visible_px`: in the
    layer's colour, `radius_px` from its centre to its stroke's middle."""

    radius_px: Pixels
    weight: Pixels
    fill_opacity: Opacity


class Look(_Model):
    dim_opacity: Opacity  # a context layer's shapes, dots and labels
    no_tiles_background: HexColor  # the map's ground where tiles have not arrived (the preview's always)
    point_radius_px: Pixels
    min_visible_px: Pixels  # a highlighted layer drawn smaller across than this is shown as the symbol
    symbol: Symbol
    labels: Labels
    zoom_bands: list[ZoomBand] = Field(min_length=1)
    legend_swatch: Swatch
    backdrop: dict[BackdropKind, Stroke]
    change: dict[ChangeKind, ChangeStroke]

    @field_validator("zoom_bands")
    @classmethod
    def _bands(cls, bands: list[ZoomBand]) -> list[ZoomBand]:
        zooms = [band.from_zoom for band in bands]
        if zooms[0] != 0 or zooms != sorted(set(zooms)):
            raise problem(f"bands start at zooms {zooms}", "the first band starts at 0, each next at a higher zoom")
        return bands

    @field_validator("symbol")
    @classmethod
    def _symbol_visible(cls, symbol: Symbol, info: ValidationInfo) -> Symbol:
        least = info.data.get("min_visible_px")
        if least is not None and 2 * symbol.radius_px < least:
            raise problem(
                f"a ring {2 * symbol.radius_px:g} px across", f"give it a radius of at least {least / 2:g} px"
            )
        return symbol

    @field_validator("backdrop", "change")
    @classmethod
    def _every_kind(cls, styles: dict[str, Stroke], info: ValidationInfo) -> dict[str, Stroke]:
        kinds = get_args(BackdropKind if info.field_name == "backdrop" else ChangeKind)
        missing = [k for k in kinds if k not in styles]
        if missing:
            raise problem(f"has no style for {', '.join(missing)}", f"give each of {', '.join(kinds)} a style")
        return styles

    def band(self, zoom: float) -> ZoomBand:
        """The zoom band a map at `zoom` is in (mapview.js names the same band on the page)."""
        return [b for b in self.zoom_bands if b.from_zoom <= zoom][-1]

    def too_small(self, width_px: float, height_px: float) -> bool:
        """Whether a highlighted layer drawn `width_px` × `height_px` is too small to see: shown as the symbol
        instead (assets/engine/minsize.js decides the same on the page)."""
        return max(width_px, height_px) < self.min_visible_px

    def swatch_opacity(self, fill_opacity: float) -> float:
        return max(self.legend_swatch.min_opacity, fill_opacity + self.legend_swatch.fill_boost)


class LookError(Exception):
    """The look file does not validate: every problem, each naming the file and the field."""


def _field(loc: tuple[int | str, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in loc).lstrip(".") or "(the whole file)"


def parse_look(text: str, name: str = "story/look.json") -> Look:
    """The look in `text` (JSON), validated; LookError otherwise."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise LookError(f"{name}: line {err.lineno}, column {err.colno}: {err.msg} — write it as JSON") from None
    try:
        return Look.model_validate(data)
    except ValidationError as err:
        lines = []
        for e in err.errors():
            hint = (e.get("ctx") or {}).get("hint")
            found = "" if e["type"] in ("missing", "story") else f" (found {e['input']!r})"
            lines.append(f"{name}: {_field(e['loc'])}: {e['msg']}{found}" + (f" — {hint}" if hint else ""))
        raise LookError("\n".join(lines)) from None


@cache
def load_look(path: Path = FILE) -> Look:
    return parse_look(path.read_text(encoding="utf-8"), "story/look.json" if path == FILE else path.name)


def look_text() -> str:
    """The look file's text: what a drawing's cache key depends on (page/printmaps.py)."""
    return FILE.read_text(encoding="utf-8")


LOOK = load_look()
