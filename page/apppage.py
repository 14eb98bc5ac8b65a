"""The story as the app serves it: the host-neutral build (page/build.py) and the page HTML with the app's own
extra, each chapter's print image drawn in Python and inlined as a data: URI (page/printmaps.py), since the app's
component has no image route. The published site adds its extras itself (page/publish.py). Run in the guard's
worker (page/worker.py BUILD), so `python -m mapstory check` builds exactly what the app shows.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from page.build import BuiltStory, build_story, source_stamp
from page.printmaps import print_images
from story.model import Story


@dataclass(frozen=True)
class AppStory:
    built: BuiltStory
    page_html: str  # what the app's component inserts (print images inlined)
    timings: dict[str, float] = field(default_factory=dict)  # the build's stages and the app's, for the benchmark

    @property
    def story(self) -> Story:
        return self.built.story

    @property
    def module(self) -> str:
        return self.built.module

    @property
    def chapter_ids(self) -> list[str]:
        return self.built.chapter_ids


def build_app_story(path: str | Path, *, densify_factor: int = 1) -> AppStory:
    """build_story, then the app's page; raises story.loader.StoryError or geo.io.GeoDataError."""
    built = build_story(path, densify_factor=densify_factor)
    t0 = time.perf_counter()
    prints = print_images(built.story, built.layers, source_stamp(path))
    t1 = time.perf_counter()
    html = built.page_html(print_image=prints.get)
    t2 = time.perf_counter()
    return AppStory(built, html, {**built.timings, "print_maps": t1 - t0, "page_html": t2 - t1})
