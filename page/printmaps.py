"""One image of each chapter's map for print and "save as PDF": the live map does not print, and the text
refers to what it shows ("the blue area…"). Drawn in Python by story.preview (the authors' chapter renderer),
reduced to a small palette PNG and inlined as a data: URI, so the page needs no image route.

Drawing takes about half a second a chapter, so images are kept on disk by the content of what they draw
(the story's files, the chapter, the renderer's source and the map's look): a restart, a second test server or an
unchanged chapter after an author's edit reuses them.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import tempfile
from pathlib import Path

import geopandas as gpd
from PIL import Image

from story.model import Story

SIZE = (800, 420)  # the print column at about 120 dpi, the share card's shape; small: the app inlines it
COLOURS = 32  # a palette PNG: a flat map drawing needs few colours (16 lose the dimmed blue)
CACHE = Path(__file__).resolve().parent.parent / ".cache" / "print-maps"


def _key(stamp: str, chapter_id: str, lang: str) -> str:
    import story.preview as renderer
    from story.look import look_text
    from story.words import words

    h = hashlib.blake2b(digest_size=12)
    source = Path(renderer.__file__).read_text(encoding="utf-8")
    # The look (story/look.json) and the language's words (the dated line) draw the image too.
    for part in (stamp, chapter_id, repr(SIZE), str(COLOURS), source, look_text(), lang, json.dumps(words(lang))):
        h.update(part.encode() + b"\0")
    return h.hexdigest()


def _draw(story: Story, layers: dict[str, gpd.GeoDataFrame], chapter_id: str) -> bytes:
    from story.preview import render_chapter_png

    with tempfile.TemporaryDirectory() as tmp:
        out = render_chapter_png(story, layers, chapter_id, Path(tmp) / "map.png", size=SIZE, title_strip=False)
        image = Image.open(out).convert("RGB").quantize(colors=COLOURS, method=Image.Quantize.MEDIANCUT)
    buf = io.BytesIO()
    image.save(buf, "PNG", optimize=True)
    return buf.getvalue()


def chapter_png(story: Story, layers: dict[str, gpd.GeoDataFrame], chapter_id: str, stamp: str) -> bytes:
    """The chapter's print image as PNG bytes, from the disk cache when its inputs have not changed."""
    path = CACHE / f"{_key(stamp, chapter_id, story.language)}.png"
    try:
        return path.read_bytes()
    except OSError:
        pass
    png = _draw(story, layers, chapter_id)
    try:
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{id(png)}.tmp")
        tmp.write_bytes(png)
        tmp.replace(path)  # atomic: two servers drawing at once never read half a file
    except OSError:
        pass  # a read-only checkout still prints; it only draws again next time
    return png


def print_images(story: Story, layers: dict[str, gpd.GeoDataFrame], stamp: str) -> dict[str, str]:
    """Chapter id → data: URI of its print image."""
    return {
        ch.id: "data:image/png;base64," + base64.b64encode(chapter_png(story, layers, ch.id, stamp)).decode("ascii")
        for ch in story.chapters
    }
