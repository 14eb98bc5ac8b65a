"""Build everything a reader's page needs from a story file, once per process.

files → validated story and layers → Folium map, page HTML and the story module the engine loads.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd

from geo.io import densify, read_layer, simplify_for_web
from page.mapbuild import build_map
from page.render import page_html, story_data
from page.storymodule import story_module
from story.loader import load_story


@dataclass(frozen=True)
class BuiltStory:
    story: Any
    page_html: str  # the reading page's HTML (the app's component inserts it; the published site embeds it)
    module: str  # the story module: the engine's data and createMaps(L) (page/storymodule.py)
    layers: dict[str, gpd.GeoDataFrame] = field(default_factory=dict)  # as simplified for the web
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, for the benchmark

    @property
    def chapter_ids(self) -> list[str]:
        return [c.id for c in self.story.chapters]

    @property
    def layer_ids(self) -> list[str]:
        return [spec.id for spec in self.story.layers]


def source_stamp(path: str | Path) -> float:
    """The newest modification time among the story file and the files beside it: an author who edits the
    story or a layer and reloads the page sees the change, without restarting the server."""
    story = Path(path)
    if not story.exists():
        return 0.0
    files = [story, *(p for p in story.parent.rglob("*") if p.suffix in (".yaml", ".yml", ".geojson", ".json"))]
    return max(f.stat().st_mtime for f in files)


def load_layers(story: Any, *, densify_factor: int = 1) -> dict[str, gpd.GeoDataFrame]:
    """Read, validate and lighten every layer the story declares (errors raise geo.io.GeoDataError)."""
    out = {}
    for spec in story.layers:
        gdf = read_layer(spec.path, bbox=tuple(story.region.bbox))
        if densify_factor > 1:  # only the benchmark asks for heavier geometry
            gdf = densify(gdf, densify_factor)
        out[spec.id] = simplify_for_web(gdf)
    return out


def build_story(path: str | Path, *, densify_factor: int = 1) -> BuiltStory:
    """Load, validate, simplify and render; raises story.loader.StoryError or geo.io.GeoDataError."""
    t0 = time.perf_counter()
    story = load_story(Path(path))
    t1 = time.perf_counter()
    layers = load_layers(story, densify_factor=densify_factor)
    t2 = time.perf_counter()
    parts = build_map(story, layers)
    html = page_html(story, parts.map_html, parts.inset_html)
    module = story_module(story_data(story, layers), parts.script)
    t3 = time.perf_counter()
    timings = {"load_story": t1 - t0, "load_layers": t2 - t1, "render": t3 - t2}
    return BuiltStory(story, html, module, layers, timings)
