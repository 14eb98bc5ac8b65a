"""A dated story's map on one date, or the change between two: which geometry each layer draws, the words the
legend and the sentence use for it, and what changed. The live map (page/mapbuild.py, assets/engine/dates.js), the
print images and share cards (story/preview.py) all draw from this.

A dated layer's features carry their state's date in `map_date` (story.layers.DATE_COLUMN); each date's geometry
is a group of its own on the live map, keyed `<layer id>_<date>`; each change `<layer id>_<from>_<to>_<lost|gained>`
(ids never hold "_", so no key is ever a layer id).
"""

from __future__ import annotations

from datetime import date
from typing import Any, get_args

import geopandas as gpd

from story.layers import DATE_COLUMN
from story.look import ChangeKind
from story.model import LayerSpec, Story, When

# Changed ground is drawn in its own style, whatever the layer's (story/look.json `change`).
KINDS: tuple[ChangeKind, ...] = get_args(ChangeKind)


def date_key(layer_id: str, day: date) -> str:
    return f"{layer_id}_{day.isoformat()}"


def change_key(layer_id: str, since: date, day: date, kind: str) -> str:
    return f"{layer_id}_{since.isoformat()}_{day.isoformat()}_{kind}"


def on_date(spec: LayerSpec, gdf: gpd.GeoDataFrame, day: date | None) -> gpd.GeoDataFrame | None:
    """The layer's features on a date (undated layers: all of them); None where a dated layer has no state then."""
    if not spec.states:
        return gdf
    if day is None or spec.state_on(day) is None:
        return None
    return gdf[gdf[DATE_COLUMN] == day.isoformat()].drop(columns=[DATE_COLUMN])


def changes(story: Story, layers: dict[str, gpd.GeoDataFrame]) -> dict[tuple[str, date, date], Any]:
    """(layer id, from, to) → geo.change.Change for every dated area layer and every comparison the story offers
    (Story.pairs) whose outlines differ (a date a layer has no state for has nothing to compare)."""
    from geo.change import area_change  # lazy: the story package reads stories without geo

    out = {}
    for spec in story.layers:
        if spec.kind != "area" or not spec.states:
            continue
        for since, day in story.pairs():
            a, b = on_date(spec, layers[spec.id], since), on_date(spec, layers[spec.id], day)
            if a is None or b is None:
                continue
            change = area_change(a, b)
            if not (change.lost.is_empty and change.gained.is_empty):
                out[(spec.id, since, day)] = change
    return out


def frames_for(
    story: Story, layers: dict[str, gpd.GeoDataFrame], when: When | None, found: dict[tuple[str, date, date], Any]
) -> list[tuple[LayerSpec, gpd.GeoDataFrame, ChangeKind | None]]:
    """What a chapter's map draws, in the story's layer order: (spec, frame, change kind or None). Each layer's
    geometry on the date; with a comparison, after each changed layer the ground it lost and gained."""
    day = when.date if when else None
    out: list[tuple[LayerSpec, gpd.GeoDataFrame, ChangeKind | None]] = []
    for spec in story.layers:
        frame = on_date(spec, layers[spec.id], day)
        if frame is None:
            continue
        out.append((spec, frame, None))
        change = found.get((spec.id, when.since, when.date)) if when is not None and when.since else None
        if when is None or change is None:
            continue
        for kind in KINDS:
            ground = change_frame(spec, change, when.date, kind, story.language)
            if ground is not None:
                out.append((spec, ground, kind))
    return out


def change_frame(spec: LayerSpec, change: Any, day: date, kind: str, lang: str = "en") -> gpd.GeoDataFrame | None:
    """The ground a layer lost or gained by `day` (a geo.change.Change) as one feature labelled in `lang`; None:
    none."""
    geom = getattr(change, kind)
    if geom.is_empty:
        return None
    return gpd.GeoDataFrame({"label": [change_label(spec, day, kind, lang)]}, geometry=[geom], crs=4326)


def change_label(spec: LayerSpec, day: date, kind: str, lang: str = "en") -> str:
    """The legend's and the tooltip's name for changed ground, e.g. "Lost by 14 April 2023: western districts"."""
    from story.words import say_date, words

    return words(lang)[f"legend_{kind}"].format(date=say_date(day, lang), short=spec.short)
