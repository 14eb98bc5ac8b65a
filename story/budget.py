"""A story's weight budget: what one layer, and the whole story, may cost a reader once simplified for the web,
and how many place labels a point layer may ask the page to place.

`python -m mapstory check` and the app's build both call `check_budget`, so a story that passes the check is one
the app will send, and a story over budget is never sent.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from story.checks import Finding
from story.model import Story

# Bytes of GeoJSON after the web simplification (web_layers). The shipped Bakhmut story weighs ~70 kB;
# 1 MB a layer is ~1 min of download at Slow-4G (1.6 Mbit/s) before compression, 2 MB the most a story may ask.
LAYER_BUDGET = 1_000_000
STORY_BUDGET = 2_000_000
# Place labels one point layer may ask for: each is a label the page places clear of the others on every move;
# past a few hundred the map is unreadable and placing them costs more than a frame.
LABEL_BUDGET = 300
_WHAT_TO_DO = "simplify it (e.g. mapshaper -simplify, or fewer features) and keep only what the story shows"


def web_layers(story: Story, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Every layer as read (by id) simplified as the page receives it: about a pixel at the deepest zoom a chapter
    shows it at. The app's build and `python -m mapstory check` both weigh this."""
    from geo.io import simplify_for_web  # lazy: geo is optional for the story package
    from story.layers import web_tolerances

    tolerances = web_tolerances(story, dict(raw))
    return {layer_id: simplify_for_web(gdf, tolerance_m=tolerances[layer_id]) for layer_id, gdf in raw.items()}


# The feature properties the map page is sent: what a feature's tooltip shows (page/mapbuild.py). The rest
# (source, rank, ref, the author's own) stays in the published GeoJSON downloads.
PAGE_FIELDS = ("label", "confidence", "as_of")


def page_columns(gdf: Any) -> list[str]:
    """The columns of a layer the map page is sent: its PAGE_FIELDS and its geometry."""
    return [c for c in PAGE_FIELDS if c in gdf.columns] + [gdf.geometry.name]


def web_bytes(gdf: Any) -> int:
    """The size of a simplified layer as GeoJSON text, as the page receives it."""
    return len(gdf[page_columns(gdf)].to_json(drop_id=True).encode("utf-8"))


def check_budget(layers: Sequence[Any], web: Mapping[str, Any], *, backdrop_bytes: int = 0) -> Iterator[Finding]:
    """Findings for each layer spec whose simplified GeoDataFrame in `web` (by layer id) is over its budget,
    and for the story when all of them together (with the backdrop's `backdrop_bytes`) are."""
    sizes = {i: web_bytes(web[spec.id]) for i, spec in enumerate(layers) if spec.id in web}
    for i, size in sizes.items():
        if size > LAYER_BUDGET:
            yield Finding(
                ("layers", i, "file"),
                f"{layers[i].file} weighs {_mb(size)} once simplified for the web, over the {_mb(LAYER_BUDGET)} "
                "budget for one layer",
                _WHAT_TO_DO,
            )
    from pandas import isna  # lazy, as geo: only a story whose layers were read gets here

    for i, spec in enumerate(layers):
        if spec.kind == "point" and spec.id in web:
            ranks = web[spec.id]["rank"] if "rank" in web[spec.id].columns else [None] * len(web[spec.id])
            labelled = sum(1 for r in ranks if spec.labels_feature(None if isna(r) else r))
            if labelled > LABEL_BUDGET:
                yield Finding(
                    ("layers", i, "labels"),
                    f"{spec.file} would label {labelled:,} points, over the {LABEL_BUDGET} a map can show legibly",
                    "set labels: none (each point's tooltip still names it), or give the features a rank and set "
                    "labels: 1 to label only the most important",
                )
    total = sum(sizes.values()) + backdrop_bytes
    if total > STORY_BUDGET:
        heaviest = sorted(sizes, key=sizes.__getitem__, reverse=True)[:3]
        names = ", ".join(f"{layers[i].id} {_mb(sizes[i])}" for i in heaviest)
        names += f"; the backdrop {_mb(backdrop_bytes)}" if backdrop_bytes else ""
        yield Finding(
            ("layers",),
            f"the layers weigh {_mb(total)} together once simplified for the web, over the {_mb(STORY_BUDGET)} "
            f"budget for a story (heaviest: {names})",
            _WHAT_TO_DO + "; or split the story in two",
        )


def backdrop_over_budget(size: int) -> tuple[str, str] | None:
    """(what is wrong, what to do) when the backdrop weighs more than one layer may."""
    if size <= LAYER_BUDGET:
        return None
    return (
        f"weighs {_mb(size)} once simplified for the web, over the {_mb(LAYER_BUDGET)} budget for one layer",
        _WHAT_TO_DO,
    )


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.2f} MB"
