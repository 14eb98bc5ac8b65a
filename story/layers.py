"""A story's layers as the map uses them: each file read with the story's own rules (kind, region, the
properties features inherit), and the web simplification each layer can bear.

`python -m mapstory check` and the app read layers through `read_story_layer`, so they can never disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

import geopandas as gpd
import pandas as pd

from geo.io import read_layer
from geo.webzoom import fit_zoom, metres_per_pixel
from story.model import DatedState, LayerSpec, Story

# Below ~1 m nothing changes: coordinates are rounded to 5 decimals (about 1 m) anyway.
MIN_TOLERANCE_M = 1.0


def layer_read_args(spec: LayerSpec, region: Any, story_as_of: date | None) -> dict[str, Any]:
    """`geo.io.read_layer` keyword arguments for one layer of a story (region: the story's `Region`)."""
    return {
        "kind": spec.kind,
        "bbox": tuple(region.bbox),
        "region_name": region.name,
        "defaults": {"source": spec.source, "confidence": spec.confidence, "as_of": spec.as_of or story_as_of},
        "name": spec.file,
    }


# A dated layer's features carry the date of the state they belong to (ISO text) in this column: one frame per
# layer for the budget, the simplification and the downloads; the map splits it by date (story/dates.py).
DATE_COLUMN = "map_date"


def part_read_args(
    spec: LayerSpec, region: Any, story_as_of: date | None, state: DatedState | None, name: str
) -> dict[str, Any]:
    """`read_layer` arguments for one of a layer's files: a dated state's own source, confidence and date."""
    args = {**layer_read_args(spec, region, story_as_of), "name": name}
    if state is not None:
        args["defaults"] = {"source": state.source, "confidence": state.confidence, "as_of": state.date}
    return args


def dated(gdf: gpd.GeoDataFrame, state: DatedState | None) -> gpd.GeoDataFrame:
    """A state's features marked with its date (undated parts unchanged). Every feature of a state is as of the
    state's date; a state that reuses the layer's file (a changed status) also gives those features its own source,
    confidence and label, or the 7 April tooltip and download would still say what the 14 April file says."""
    if state is None:
        return gdf
    out = gdf.assign(**{DATE_COLUMN: state.date.isoformat(), "as_of": state.date.isoformat()})
    if state.file is None:
        out = out.assign(source=state.source, confidence=state.confidence)
        if state.label:
            out = out.assign(label=state.label)
    return out


def join_parts(frames: list[gpd.GeoDataFrame]) -> gpd.GeoDataFrame:
    """A layer's parts as one frame (a dated layer's states one after another)."""
    if len(frames) == 1:
        return frames[0]
    return gpd.GeoDataFrame(pd.concat(frames, ignore_index=True), geometry=frames[0].geometry.name, crs=frames[0].crs)


def read_story_layer(story: Story, spec: LayerSpec) -> gpd.GeoDataFrame:
    """One layer, fully checked (raises geo.io.GeoDataError listing every problem; files named as in story.yaml)."""
    frames = [
        dated(read_layer(path, **part_read_args(spec, story.region, story.as_of, state, file)), state)
        for file, path, state in spec.parts()
    ]
    return join_parts(frames)


def chapter_bbox(chapter: Any, layers: dict[str, gpd.GeoDataFrame]) -> tuple[float, float, float, float]:
    """(west, south, east, north) of a chapter's view: its bbox, or the extent of the layers it fits, grown to
    take in the layers it highlights (what a chapter is about is never off the map)."""
    boxes = [tuple(chapter.view.bbox)] if chapter.view.bbox else [layers[i].total_bounds for i in chapter.view.fit]
    boxes += [layers[i].total_bounds for i in chapter.highlight if i in layers and not layers[i].empty]
    return (
        float(min(b[0] for b in boxes)),
        float(min(b[1] for b in boxes)),
        float(max(b[2] for b in boxes)),
        float(max(b[3] for b in boxes)),
    )


def chapter_zoom(chapter: Any, layers: dict[str, gpd.GeoDataFrame]) -> float:
    """The deepest zoom the chapter's view reaches (on the widest screen)."""
    return fit_zoom(chapter_bbox(chapter, layers), padding=chapter.view.padding, max_zoom=chapter.view.max_zoom)


def web_tolerances(story: Story, layers: dict[str, gpd.GeoDataFrame]) -> dict[str, float]:
    """Per layer, the simplification tolerance in metres: about one pixel at the deepest zoom a chapter shows
    the layer at (highlighted or in context). A layer no chapter shows (a reader may switch it on anywhere)
    gets the deepest zoom of all chapters."""
    zooms = {ch.id: chapter_zoom(ch, layers) for ch in story.chapters}
    deepest_all = max(zooms.values())
    out = {}
    for spec in story.layers:
        shown = [zooms[ch.id] for ch in story.chapters if spec.id in (*ch.highlight, *ch.context)]
        zoom = max(shown) if shown else deepest_all
        lat = _middle_latitude(layers[spec.id].total_bounds)
        out[spec.id] = max(MIN_TOLERANCE_M, metres_per_pixel(zoom, lat))
    return out


def _middle_latitude(bounds: Iterable[float]) -> float:
    _, south, _, north = bounds
    return (south + north) / 2


def label_anchor(geom: Any) -> Any:
    """Where a road number sits, on the live map and in the Python drawings alike: 40 % along the line's longest
    part, clear of the city where most lines start (a shape that is not a line: a point inside it)."""
    if geom.geom_type.startswith("Multi"):
        geom = max(geom.geoms, key=lambda g: g.length)
    return geom.interpolate(0.4, normalized=True) if geom.geom_type == "LineString" else geom.representative_point()
