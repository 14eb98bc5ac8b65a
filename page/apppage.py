"""The story as the app serves it: the host-neutral build (page/build.py) and the page HTML with the app's own
extra, each chapter's print image drawn in Python and inlined as a data: URI (page/printmaps.py), since the app's
component has no image route. The published site adds its extras itself (page/publish.py). Run in the guard's
worker (page/worker.py BUILD), so `python -m mapstory check` builds exactly what the app shows.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from page.build import BuiltStory, build_editions, source_stamp
from page.printmaps import print_images
from page.render import edition_links
from story.model import Story


@dataclass(frozen=True)
class AppStory:
    built: BuiltStory
    page_html: str  # what the app's component inserts (print images inlined)
    timings: dict[str, float] = field(default_factory=dict)  # the build's stages and the app's, for the benchmark
    others: dict[str, AppStory] = field(default_factory=dict)  # the story's other editions, by language

    def edition(self, lang: str | None) -> AppStory:
        """The edition in `lang`; the original for none or a language the story is not in (the page then says the
        link was not fully recognised: assets/engine/link.js)."""
        wanted = (lang or "").strip().lower()  # as the page's link codec reads it: `UK` is `uk`
        return next((page for tag, page in self.others.items() if tag.lower() == wanted), self)

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
    """Every edition built (build_editions), then the app's page of each; raises story.loader.StoryError or
    geo.io.GeoDataError."""
    stamp = source_stamp(path)
    pages = [_app_page(built, stamp) for built in build_editions(path, densify_factor=densify_factor).values()]
    original, *others = pages
    return replace(original, others={p.story.language: p for p in others})


def _app_page(built: BuiltStory, stamp: str) -> AppStory:
    t0 = time.perf_counter()
    prints = print_images(built.story, built.layers, stamp)
    t1 = time.perf_counter()
    # Each language's link to the others: the engine keeps it on the reader's chapter, layers and date.
    html = built.page_html(print_image=prints.get, editions=edition_links(built.story, lambda lang: f"?lang={lang}"))
    t2 = time.perf_counter()
    return AppStory(built, html, {**built.timings, "print_maps": t1 - t0, "page_html": t2 - t1})
