"""Build what every host's page needs from a story file, once per process.

files → validated story and layers → Folium map and the story module the engine loads. Host-neutral: each host
adds its own extras beside it when it renders the page (`BuiltStory.page_html`): the app its inlined print images
(page/apppage.py), the published site its share cards and downloads as files (page/publish.py).
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import geopandas as gpd

from geo.io import densify
from page.mapbuild import build_map
from page.render import page_html, story_data
from page.storymodule import story_module
from story.budget import check_budget, web_layers
from story.edition import load_edition, translate_layers
from story.layers import read_story_layer
from story.loader import load_story, located
from story.model import Story
from story.sourcefiles import story_files


@dataclass(frozen=True)
class BuiltStory:
    story: Story
    module: str  # the story module: the engine's data and createMaps(L) (page/storymodule.py)
    map_html: str  # folium's map <div>s, placed in the page by page_html
    inset_html: str
    layers: dict[str, gpd.GeoDataFrame] = field(default_factory=dict)  # as simplified for the web
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, for the benchmark

    @property
    def chapter_ids(self) -> list[str]:
        return [c.id for c in self.story.chapters]

    @property
    def layer_ids(self) -> list[str]:
        return [spec.id for spec in self.story.layers]

    def page_html(self, **host: Any) -> str:
        """The reading page's HTML with a host's extras (page.render.page_html's keywords: where chapter links
        point, the chapters' images, the downloads)."""
        return page_html(self.story, self.map_html, self.inset_html, **host)


def source_stamp(path: str | Path) -> str:
    """A digest of the story file's content and of each layer file it names: an author who edits either and
    reloads the page sees the change. Content, not modification times: an edit within the same second, or a
    file replaced by an older-stamped copy (`cp -p`, `rsync -t`, an unpacked archive), is still a change. Only
    those files are read, never the rest of the folder."""
    digest = hashlib.blake2b(digest_size=16)
    for file in story_files(Path(path)):
        digest.update(str(file).encode() + b"\0")
        try:
            digest.update(file.read_bytes())
        except OSError:  # missing or unreadable: the build will say so; the stamp only has to differ
            digest.update(b"\0missing\0")
    return digest.hexdigest()


def load_layers(story: Story, *, densify_factor: int = 1) -> dict[str, gpd.GeoDataFrame]:
    """Read, validate and lighten every layer the story declares (errors raise geo.io.GeoDataError, naming
    each file as the story file does). Each layer is simplified to about a pixel at the deepest zoom a chapter
    shows it at (story.layers.web_tolerances)."""
    raw = {}
    for spec in story.layers:
        gdf = read_story_layer(story, spec)
        if densify_factor > 1:  # only the benchmark asks for heavier geometry
            gdf = densify(gdf, densify_factor)
        raw[spec.id] = gdf
    return web_layers(story, raw)


def build_story(path: str | Path, *, densify_factor: int = 1, lang: str | None = None) -> BuiltStory:
    """Load, validate, simplify and render the story in `lang` (default: its original's); raises
    story.loader.StoryError or geo.io.GeoDataError, KeyError for a language the story has no edition in."""
    story, layers, timings = _loaded(path, densify_factor)
    return _built(story, layers, timings, lang or story.languages[0])


def build_editions(path: str | Path, *, densify_factor: int = 1) -> dict[str, BuiltStory]:
    """Every edition of the story, original first (language → BuiltStory): loaded and checked once."""
    story, layers, timings = _loaded(path, densify_factor)
    return {lang: _built(story, layers, timings, lang) for lang in story.languages}


def _loaded(path: str | Path, densify_factor: int) -> tuple[Story, dict[str, gpd.GeoDataFrame], dict[str, float]]:
    t0 = time.perf_counter()
    story = load_story(Path(path), read_layers=True)  # every problem of every file, as `story check` lists them
    t1 = time.perf_counter()
    if densify_factor > 1 or story.web_layers is None:  # the benchmark's heavier geometry is read again
        layers = load_layers(story, densify_factor=densify_factor)
        over = list(check_budget(story.layers, layers))
        if over:  # the same budget `python -m mapstory check` reports: a reader is never sent more
            raise located(story.path, over)
    else:  # read, checked and weighed by the loader, once
        layers = story.web_layers
    t2 = time.perf_counter()
    return story, layers, {"load_story": t1 - t0, "load_layers": t2 - t1}


def _built(story: Story, layers: dict[str, gpd.GeoDataFrame], timings: dict[str, float], lang: str) -> BuiltStory:
    """One edition rendered: its words, and its place and road names on the map (story/edition.py)."""
    t2 = time.perf_counter()
    if lang != story.languages[0]:
        layers = translate_layers(story, lang, layers)  # these may be the benchmark's heavier copies
        story = load_edition(story, lang)
    parts = build_map(story, layers, story.changes())
    module = story_module(story_data(story, layers), parts.script)
    t3 = time.perf_counter()
    return BuiltStory(story, module, parts.map_html, parts.inset_html, layers, {**timings, "render": t3 - t2})
