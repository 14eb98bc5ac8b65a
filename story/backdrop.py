"""A story's backdrop: light context lines (neighbouring areas' boundaries, a state border, a coast, a major
river) drawn under the story's layers, so the map stays legible without tiles. Optional: a `backdrop.geojson`
beside the story file, each feature with a `kind` (admin, border, coast, river), a `source`, and a short
`credit` shown on the map's attribution line. Not a layer: not in the legend, not switchable, not checked
against the region (it reaches past it). Read as strictly as a layer all the same: the same size limit and
reader (geo.io), plain text only, simplified for the web and weighed in the story's budget."""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args

import geopandas as gpd

from geo.io import FeatureChecker, GeoDataError, read_features, simplify_for_web
from geo.webzoom import metres_per_pixel
from story.look import BackdropKind
from story.model import Story, invisible

FILE = "backdrop.geojson"
KINDS: tuple[BackdropKind, ...] = get_args(BackdropKind)  # each drawn in its own style (story/look.json `backdrop`)
TEXT_FIELDS = ("label", "source", "credit")  # the credit is shown on the map; the others are the author's notes
SHAPES = ("LineString", "MultiLineString", "Polygon", "MultiPolygon")


def backdrop_path(story_path: Path) -> Path:
    return Path(story_path).parent / FILE


def read_backdrop(story_path: Path, *, max_bytes: int | None = None) -> gpd.GeoDataFrame | None:
    """The story's backdrop as written, or None when it has none. Raises GeoDataError listing every problem,
    the file named `backdrop.geojson` (never by its full path)."""
    from story.loader import MAX_LAYER_FILE_BYTES  # lazy: the loader reads the backdrop through this module

    path = backdrop_path(story_path)
    if not path.is_file():
        return None
    limit = MAX_LAYER_FILE_BYTES if max_bytes is None else max_bytes
    size = path.stat().st_size
    if size > limit:
        raise GeoDataError.one(
            FILE,
            f"is {size / 1e6:.1f} MB, over the {limit / 1e6:.1f} MB limit for a layer file",
            hint="simplify it (e.g. mapshaper -simplify) and keep only the context the story's map shows",
        )
    checker = FeatureChecker(FILE, None, None, None, {})
    rows = [_feature(checker, n, feature) for n, feature in enumerate(read_features(path, FILE), 1)]
    if checker.problems:
        raise GeoDataError(checker.listed())
    return gpd.GeoDataFrame([row for row, _ in rows], geometry=[shape for _, shape in rows], crs=4326)


def _feature(checker: FeatureChecker, n: int, feature: Any) -> tuple[dict[str, Any], Any]:
    who = f"#{n}"
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        checker.add("is not a GeoJSON Feature", who, None, 'write it as {"type": "Feature", …}')
        return {}, None
    props: dict[str, Any] = feature["properties"] if isinstance(feature.get("properties"), dict) else {}
    kind = props.get("kind")
    if kind not in KINDS:
        found = "is missing" if kind is None else f"{kind!r} is not a backdrop kind"
        checker.add(found, who, "kind", f"give each feature a kind: one of {', '.join(KINDS)}")
    row = {"kind": kind}
    for field in TEXT_FIELDS:
        value = props.get(field)
        if value is not None and not isinstance(value, str):
            checker.add(f"should be text, not {type(value).__name__}", who, field, "put the text in double quotes")
        elif value is not None and (hidden := invisible(value)):
            checker.add(hidden[0], who, field, hidden[1])
        else:
            row[field] = value
    shape = checker.geometry(who, feature.get("geometry"))
    if shape is not None and shape.geom_type not in SHAPES:
        checker.add(f"is a {shape.geom_type}", who, "geometry", "the backdrop draws lines and outlines only")
    return row, shape


def web_backdrop(story: Story, layers: dict[str, gpd.GeoDataFrame], backdrop: gpd.GeoDataFrame | None) -> Any:
    """The backdrop as the page receives it: simplified like a layer no chapter names, to about a pixel at the
    deepest zoom any chapter shows."""
    from story.layers import MIN_TOLERANCE_M, chapter_zoom  # lazy: story.layers needs the layers read first

    if backdrop is None:
        return None
    zoom = max(chapter_zoom(ch, layers) for ch in story.chapters)
    _, south, _, north = backdrop.total_bounds
    return simplify_for_web(backdrop, tolerance_m=max(MIN_TOLERANCE_M, metres_per_pixel(zoom, (south + north) / 2)))


def story_backdrop(story: Story, layers: dict[str, gpd.GeoDataFrame]) -> gpd.GeoDataFrame | None:
    """The backdrop to draw: the loader's (read with the layers, weighed), else read and simplified now for a
    story loaded without its layer files."""
    if story.web_layers is not None:
        return story.web_backdrop
    return web_backdrop(story, layers, read_backdrop(story.path))


def page_bytes(backdrop: gpd.GeoDataFrame | None) -> int:
    """What the backdrop adds to the page: its kinds and shapes as GeoJSON text (page/mapbuild.py)."""
    return 0 if backdrop is None else len(backdrop[["kind", "geometry"]].to_json(drop_id=True).encode("utf-8"))
