"""The share link's query parameters: `?chapter=<id>[&layers=<id>,<id>…]`.

Anything a URL can hold arrives here: unknown ids, repeats, markup, 10 000 characters. The result is
always a valid state plus, when something was dropped, a quiet notice. Nothing from the URL is echoed
back to the page: the notice names no value. assets/engine/link.js is the same codec in the browser; both are
tested against tests/vectors/urlstate.json.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MAX_PARAM = 2000  # longer than any honest link; longer values are dropped whole
NOTICE = "Part of this link was not recognised, so the story opens at the nearest view it could find."


@dataclass(frozen=True)
class UrlState:
    chapter: str | None  # None: no chapter asked for, start at the top
    layers: tuple[str, ...] | None  # None: the chapter's own layers
    notice: str | None = None


def parse(params: Mapping[str, Sequence[str]], chapter_ids: Sequence[str], layer_ids: Sequence[str]) -> UrlState:
    """Normalise raw query parameters (every value of every key) against the story's ids."""
    dropped = False
    chapter = None
    unknown_chapter = False
    for raw in params.get("chapter", []):
        value = raw.strip().lower()
        if value in chapter_ids and chapter is None:
            chapter = value
        elif value != chapter:
            dropped = True
            unknown_chapter = unknown_chapter or chapter is None
    layers: list[str] | None = None
    values = params.get("layers", [])
    if values:
        layers = []
        for raw in values:
            if len(raw) > MAX_PARAM:
                dropped = True
                continue
            for part in raw.split(","):
                value = part.strip().lower()
                if not value:
                    continue
                if value in layer_ids:
                    if value not in layers:
                        layers.append(value)
                else:
                    dropped = True
        # Keep the story's layer order so the same state always writes the same link.
        layers = [i for i in layer_ids if i in layers]
    if chapter is None and unknown_chapter:
        # A chapter we cannot find: its layer list was meant for another view, so the first chapter opens as written.
        dropped = dropped or layers is not None
        layers = None
    elif chapter is None and layers:
        chapter = chapter_ids[0]
    unknown_keys = [k for k in params if k not in ("chapter", "layers")]
    if unknown_keys:
        dropped = True
    notice = NOTICE if dropped else None
    return UrlState(chapter=chapter, layers=tuple(layers) if layers is not None else None, notice=notice)
