"""The share link's query parameters: `?chapter=<id>[&layers=<id>,<id>…]`.

Anything a URL can hold arrives here: unknown ids, repeats, markup, 10 000 characters. The result is
always a valid state plus, when something was dropped, a quiet notice. Nothing from the URL is echoed
back to the page: the notice names no value.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MAX_PARAM = 2000  # longer than any honest link; longer values are dropped whole


@dataclass(frozen=True)
class UrlState:
    chapter: str | None  # None: no chapter asked for, start at the top
    layers: tuple[str, ...] | None  # None: the chapter's own layers
    notice: str | None = None


def parse(params: Mapping[str, Sequence[str]], chapter_ids: Sequence[str], layer_ids: Sequence[str]) -> UrlState:
    """Normalise raw query parameters (every value of every key) against the story's ids."""
    dropped = False
    chapter = None
    for raw in params.get("chapter", []):
        value = raw.strip().lower()
        if value in chapter_ids and chapter is None:
            chapter = value
        else:
            dropped = dropped or value != chapter
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
        if chapter is None and layers:
            chapter = chapter_ids[0]
    unknown_keys = [k for k in params if k not in ("chapter", "layers")]
    if unknown_keys:
        dropped = True
    notice = (
        "Part of this link was not recognised, so the story opens at the nearest view it could find."
        if dropped
        else None
    )
    return UrlState(chapter=chapter, layers=tuple(layers) if layers is not None else None, notice=notice)


def to_params(chapter: str, layers: Sequence[str] | None) -> dict[str, str]:
    """The query parameters for a state, in the fixed order the page writes them."""
    out = {"chapter": chapter}
    if layers is not None:
        out["layers"] = ",".join(layers)
    return out


def params_for_view(view: object, chapter_ids: Sequence[str], layer_ids: Sequence[str]) -> dict[str, str] | None:
    """The query parameters for a state the page reported, or None when the report is not a valid state.

    The page wrote the same string to the address bar already; Python writing it too keeps Streamlit's own
    copy of the query string in step (a URL edited only from JS would be overwritten on the next write).
    """
    if not isinstance(view, dict) or view.get("chapter") not in chapter_ids:
        return None
    layers = view.get("layers")
    if layers is not None:
        if not isinstance(layers, list):
            return None
        layers = [i for i in layer_ids if i in layers]
    return to_params(view["chapter"], layers)
