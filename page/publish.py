"""Publish a story as a static site any web server or CDN can serve: `python -m mapstory publish STORY OUT_DIR`.

OUT_DIR/index.html             the story (the whole article in the HTML; the same engine as the app runs it)
OUT_DIR/<chapter>/index.html   one share page per chapter: its own title, description and card image
OUT_DIR/<lang>/…               the same pages for each of the story's editions in another language (`uk/`,
                               `uk/<chapter>/`), each page naming the others as `hreflang` alternates
OUT_DIR/_static/…              every asset, content-hashed names (cache forever), a .gz copy beside each text file

The engine is the app's own, built for the site by esbuild into one file that imports no other
(assets/dist/site.js, committed: `npm run bundle`): a reader's browser fetches it in one request, not module by
module, level by level, and the page preloads the story module beside it. Chapter ids are `[a-z0-9-]`, so no
chapter page can be called `_static`.
"""

from __future__ import annotations

import gzip
import hashlib
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from markupsafe import Markup

from page.build import BuiltStory, build_editions
from page.component import ASSETS, engine_bundle, leaflet_asset, stylesheet
from page.render import edition_links, templates
from page.sitefolder import STATIC, PublishError, check_out, refuse_foreign, staging, swap_in, written_before
from story.describe import describe_chapter
from story.layers import read_story_layer
from story.loader import display_path
from story.model import Story
from story.preview import render_chapter_png
from story.words import words

COMPRESSED = (".html", ".js", ".css", ".geojson", ".json", ".svg")
CARD_SIZE = (1200, 630)
OSM_TILE_BASEMAPS = ("OpenStreetMap.Mapnik", "OpenStreetMap.DE", "OpenStreetMap.France", "OpenStreetMap.HOT")


@dataclass
class Published:
    out_dir: Path
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    kept: list[str] = field(default_factory=list)  # content-hashed files of earlier publishes, kept for their readers


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:10]


class _Site:
    """Writes files under OUT_DIR and remembers them (for .gz copies and the report)."""

    def __init__(self, out_dir: Path) -> None:
        self.out = out_dir
        self.files: list[Path] = []

    def write(self, rel: str, data: bytes | str) -> str:
        path = self.out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        self.files.append(path)
        return rel

    def hashed(self, folder: str, stem: str, suffix: str, data: bytes | str) -> str:
        raw = data.encode("utf-8") if isinstance(data, str) else data
        return self.write(f"{folder}/{stem}-{_digest(raw)}{suffix}", raw)

    def compress(self) -> None:
        # mtime=0: the same site gives the same bytes, so a CDN's cache sees no change where there is none.
        for path in list(self.files):
            if path.suffix in COMPRESSED:
                gz = path.with_name(path.name + ".gz")
                gz.write_bytes(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
                self.files.append(gz)


def _downloads(site: _Site, built: BuiltStory) -> dict[str, tuple[str, int]]:
    """Every layer as GeoJSON, as checked (full precision, with the properties features inherit): layer id →
    (file, bytes). One set for every edition: the data is the original's."""
    out = {}
    for spec in built.story.layers:
        data = read_story_layer(built.story, spec).to_json(drop_id=True, ensure_ascii=False)
        out[spec.id] = (site.hashed(f"{STATIC}/data", spec.id, ".geojson", data), len(data.encode("utf-8")))
    return out


def _size(size: int, lang: str) -> str:
    t = words(lang)
    return t["size_kb"].format(n=f"{size / 1024:.0f}") if size >= 1024 else t["size_b"].format(n=size)


def _cards(site: _Site, built: BuiltStory, scratch: Path, original: bool) -> dict[str, str]:
    """One 1200×630 PNG per chapter: its share card, and its map for readers without JavaScript, in the
    edition's language."""
    cards = {}
    lang = built.story.language
    for ch in built.story.chapters:
        stem = ch.id if original else f"{ch.id}.{lang}"
        png = render_chapter_png(built.story, built.layers, ch.id, scratch / f"{stem}.png", size=CARD_SIZE)
        cards[ch.id] = site.hashed(f"{STATIC}/cards", stem, ".png", png.read_bytes())
    return cards


def _plain(markup: str, limit: int = 200) -> str:
    text = " ".join(Markup(markup).striptags().split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def publish(
    story_path: str | Path, out_dir: str | Path, *, base_url: str | None = None, prune: bool = False
) -> Published:
    """Build the story and write its static site into OUT_DIR (page.sitefolder: built beside it, moved in when
    complete, files publish did not write untouched; `prune` deletes earlier publishes' content-hashed files).
    Raises StoryError/GeoDataError for a broken story and PublishError, with a sentence, for an unusable folder."""
    started = time.perf_counter()
    out = Path(out_dir)
    editions = build_editions(story_path)  # first: a broken story leaves the old site in place
    built = next(iter(editions.values()))
    _check_folders(built.story)
    base = base_url.rstrip("/") + "/" if base_url else None
    check_out(out)
    moving = False
    try:
        ours = written_before(out)
        with staging(out) as staged:
            site = _Site(staged / "site")
            _write_site(site, editions, base, staged / "cards")
            new = [path.relative_to(site.out).as_posix() for path in site.files]
            refuse_foreign(out, new, ours)
            moving = True
            kept = swap_in(site.out, out, new, ours, prune=prune)
    except OSError as exc:
        state = "the site may be incomplete — publish again" if moving else "the previous site is unchanged"
        raise PublishError(
            f"{display_path(out)}: could not write the site there ({exc.strerror or type(exc).__name__}) — check "
            f"that you may write to this folder and the one it is in, or choose another ({state})"
        ) from None
    elapsed = time.perf_counter() - started
    return Published(out, [out / rel for rel in new], _warnings(built.story, base), elapsed, kept)


def _check_folders(story: Story) -> None:
    """An edition's folder (`uk/`) and a chapter's share page (`<chapter>/`) share the site's root."""
    clash = sorted(set(story.languages[1:]) & {ch.id for ch in story.chapters})
    if clash:
        raise PublishError(
            f"{display_path(story.path)}: chapter id {clash[0]!r} is also the language of an edition, whose pages "
            f"live in the folder {clash[0]}/ — rename the chapter"
        )


def _folder(lang: str, original: str) -> str:
    """Where an edition's pages live, from the site's root: the original at the root, others under `<lang>/`."""
    return "" if lang == original else f"{lang}/"


def _write_site(site: _Site, editions: dict[str, BuiltStory], base: str | None, scratch: Path) -> None:
    """Every file of the site, into `site`'s folder: the shared assets and downloads, then each edition."""
    original = next(iter(editions.values()))
    shared = {
        "css": site.hashed(STATIC, "story", ".css", stylesheet()),
        "fallback": site.hashed(STATIC, "fallback", ".js", (ASSETS / "fallback.js").read_bytes()),
        "leaflet": site.hashed(STATIC, "leaflet", ".js", leaflet_asset("leaflet.js")),
        "entry": site.hashed(STATIC, "engine", ".js", engine_bundle("site")),
    }
    downloads = _downloads(site, original)
    scratch.mkdir(parents=True)
    for built in editions.values():
        assets = {**shared, "story": site.hashed(STATIC, "story", ".js", built.module)}
        _write_edition(site, built, list(editions), assets, downloads, base, scratch)
    site.compress()


def _write_edition(
    site: _Site,
    built: BuiltStory,
    langs: list[str],
    assets: dict[str, str],
    downloads: dict[str, tuple[str, int]],
    base: str | None,
    scratch: Path,
) -> None:
    """One language's index page and chapter pages, with their cards."""
    story, lang = built.story, built.story.language
    here = _folder(lang, langs[0])
    cards = _cards(site, built, scratch, original=not here)
    statuses = {ch.id: describe_chapter(story, ch) for ch in story.chapters}

    def page(chapter: Any | None) -> str:
        # prefix: the way from this page back to the site's root ("", "../", "../../").
        prefix = "../" * (here.count("/") + (1 if chapter else 0))
        rel: Callable[[str], str] = lambda path: prefix + path  # noqa: E731
        path = f"{chapter.id}/" if chapter else ""
        body = built.page_html(  # the site's extras: share cards as files, the layers' downloads, the editions
            chapter_href=lambda cid: f"#ms-ch-{cid}",  # works with JavaScript off; the engine takes over the click
            chapter_image=lambda cid: rel(cards[cid]),
            downloads=[
                {"href": rel(file), "label": spec.label, "size": _size(size, lang)}
                for spec in story.layers
                for file, size in [downloads[spec.id]]
            ],
            editions=[
                {**e, "root": rel(_folder(e["lang"], langs[0])) or "./"}
                for e in edition_links(story, lambda other: rel(_folder(other, langs[0]) + path) or "./")
            ],
        )
        first = chapter or story.chapters[0]
        return (
            templates()
            .get_template("site.html.j2")
            .render(
                lang=lang,
                locale=words(lang)["og_locale"],
                alternates=[
                    {"lang": other, "href": (base or prefix) + _folder(other, langs[0]) + path, "words": words(other)}
                    for other in langs
                ],
                title=f"{chapter.title} — {story.title}" if chapter else story.title,
                description=_plain(chapter.body_html) if chapter else story.dek,
                canonical=base + here + path if base else None,
                image=(base or prefix) + cards[first.id],
                image_alt=statuses[first.id],
                assets={k: rel(v) for k, v in assets.items()},
                site_root="../" if chapter else "./",
                chapter=chapter.id if chapter else None,
                base_url=base + here if base else None,
                page_html=Markup(body),
            )
        )

    site.write(f"{here}index.html", page(None))
    for ch in story.chapters:
        site.write(f"{here}{ch.id}/index.html", page(ch))


def _warnings(story: Story, base: str | None) -> list[str]:
    warnings = []
    if story.basemap in OSM_TILE_BASEMAPS:
        warnings.append(
            f"basemap {story.basemap}: OpenStreetMap's own tile servers do not allow heavy use "
            "(https://operations.osmfoundation.org/policies/tiles/) — before a large audience, set `basemap` in "
            "story.yaml to a provider whose terms fit it (see the README's Publishing section)"
        )
    if base is None:
        warnings.append(
            "no --base-url: share cards need absolute addresses (og:image, og:url) — publish again with "
            "--base-url https://where.the/site/lives/"
        )
    return warnings
