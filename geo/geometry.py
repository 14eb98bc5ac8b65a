"""A feature's GeoJSON geometry to a shapely shape, or sentences saying what is wrong with it.

Read by hand rather than by `shapely.geometry.shape`, so a string where a number should be, a ring that is not
closed or a polygon that crosses itself is named as such (with where), never as an exception class. Each ring
goes through numpy in one call; only a ring that fails is walked point by point to find the culprit, so a
million-vertex layer stays a matter of a second or two.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import shapely
from shapely.geometry.base import BaseGeometry

# Nesting below `coordinates` down to a list of positions: 0 = the position itself.
_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2, "Polygon": 2, "MultiPolygon": 3}
KIND_TYPES: dict[str, tuple[str, ...]] = {
    "area": ("Polygon", "MultiPolygon"),
    "line": ("LineString", "MultiLineString"),
    "point": ("Point",),
}
_KIND_HINT = {
    "area": "draw it as a Polygon, or put it in a layer of its own with the matching kind",
    "line": "draw it as a LineString, or put it in a layer of its own with the matching kind",
    "point": "draw it as one Point per feature (each point gets its own label), or put it in a layer of its own "
    "with the matching kind",
}


@dataclass(frozen=True)
class GeometryProblem:
    problem: str
    hint: str


class _Bad(Exception):
    def __init__(self, problem: str, hint: str) -> None:
        self.found = GeometryProblem(problem, hint)


def to_shape(geometry: Any) -> BaseGeometry | GeometryProblem:
    """The shapely shape of a GeoJSON geometry (x, y only), or the first thing wrong with its structure."""
    try:
        return _to_shape(geometry)
    except _Bad as bad:
        return bad.found


def _to_shape(geometry: Any) -> BaseGeometry:
    if geometry is None:
        raise _Bad("is empty (null)", "give the feature a geometry: draw it again, or delete the feature")
    if not isinstance(geometry, dict):
        raise _Bad(f"should be a GeoJSON geometry object, not {_what(geometry)}", 'write {"type": …, "coordinates": …}')
    kind = geometry.get("type")
    if kind == "GeometryCollection":
        raise _Bad(
            "is a GeometryCollection, which a layer cannot draw", "split it into one feature per shape, all of one kind"
        )
    if kind not in _DEPTH:
        known = ", ".join(_DEPTH)
        raise _Bad(f"has type {_what(kind)}, which is not a GeoJSON geometry type", f"use one of {known}")
    coords = geometry.get("coordinates")
    if coords is None:
        raise _Bad(f"the {kind} has no coordinates", 'add "coordinates", or delete the feature')
    if kind == "Point":
        return shapely.Point(_positions([coords], "the point")[0])
    if kind == "MultiPoint":
        return shapely.MultiPoint(_positions(coords, "the points"))
    if kind == "LineString":
        return _line(coords, "the line")
    if kind == "MultiLineString":
        parts = _list(coords, "the lines")
        return shapely.MultiLineString([_line(p, f"line {i}") for i, p in enumerate(parts, 1)])
    if kind == "Polygon":
        return _polygon(coords, "")
    parts = _list(coords, "the polygons")
    return shapely.MultiPolygon([_polygon(p, f"polygon {i}, ") for i, p in enumerate(parts, 1)])


def _what(value: Any) -> str:
    # In JSON's words (null, object, "text"), as the author sees the GeoJSON file; story/loader.py `_kind` says
    # the same in YAML's words for story.yaml.
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"{str(value).lower()} (yes/no)"
    if isinstance(value, str):
        return f'"{value[:30]}" (text)'
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


def _list(value: Any, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise _Bad(f"{where}: expected a list of coordinates, found {_what(value)}", "check the brackets [ ]")
    return value


def _positions(value: Any, where: str) -> np.ndarray:
    """An (n, 2) float array of [longitude, latitude] pairs; a third number (height) is dropped."""
    items = _list(value, where)
    try:
        array = np.asarray(items)
    except ValueError:  # ragged: some positions have 3 numbers, or one is not a pair
        array = None
    if array is not None and array.ndim == 2 and array.shape[1] in (2, 3) and array.dtype.kind in "iuf":
        return array[:, :2].astype(float)
    for n, position in enumerate(items, 1):
        spot = f"{where}, point {n}" if len(items) > 1 else where
        if not isinstance(position, list) or not 2 <= len(position) <= 3:
            raise _Bad(
                f"{spot}: expected [longitude, latitude], found {_what(position)}",
                "write each point as [longitude, latitude] in degrees",
            )
        for value in position:
            if isinstance(value, bool) or not isinstance(value, int | float):
                hint = (
                    "write numbers without quotes"
                    if isinstance(value, str)
                    else "write [longitude, latitude] in degrees"
                )
                raise _Bad(f"{spot}: a coordinate is {_what(value)}, not a number", hint)
    return np.asarray([p[:2] for p in items], dtype=float)


def _line(value: Any, where: str) -> shapely.LineString:
    points = _positions(value, where)
    if len(points) < 2:
        raise _Bad(f"{where} has {len(points)} point(s); a line needs at least 2", "add a point or delete the feature")
    return shapely.LineString(points)


def _polygon(value: Any, prefix: str) -> shapely.Polygon:
    rings = _list(value, f"{prefix}the rings".strip(", "))
    if not rings:
        raise _Bad(f"{prefix}the polygon has no rings".capitalize(), "draw its outline, or delete the feature")
    arrays = []
    for i, ring in enumerate(rings, 1):
        where = f"{prefix}{'outline' if i == 1 else f'hole {i - 1}'}"
        points = _positions(ring, where)
        if len(points) < 4:
            raise _Bad(
                f"{where} has {len(points)} point(s); a ring needs at least 4 (the last repeats the first)",
                "draw at least a triangle, or delete the feature",
            )
        if not np.array_equal(points[0], points[-1]):
            raise _Bad(
                f"{where} is not closed: its last point differs from its first", "repeat the first point at the end"
            )
        arrays.append(points)
    return shapely.Polygon(arrays[0], arrays[1:])


def kind_problem(shape: BaseGeometry, kind: str) -> GeometryProblem | None:
    """A shape that does not match the layer's `kind` (a polygon in a line layer would get a line swatch)."""
    allowed = KIND_TYPES.get(kind)
    if allowed is None or shape.geom_type in allowed:
        return None
    article = "an" if kind == "area" else "a"
    return GeometryProblem(
        f"is a {shape.geom_type}, but the layer is {article} {kind} layer (kind: {kind} in the story file)",
        _KIND_HINT[kind],
    )


def range_problem(shape: BaseGeometry, bbox: Sequence[float] | None, region_name: str | None) -> GeometryProblem | None:
    """A coordinate that is not longitude/latitude at all, or that lies outside the story's region."""
    coords = shapely.get_coordinates(shape)
    if not np.isfinite(coords).all():
        return GeometryProblem("has a coordinate that is not a finite number", "write [longitude, latitude] in degrees")
    lon_ok = np.abs(coords[:, 0]) <= 180
    lat_ok = np.abs(coords[:, 1]) <= 90
    if not (lon_ok & lat_ok).all():
        x, y = coords[np.argmin(lon_ok & lat_ok)]
        if abs(x) > 1000 or abs(y) > 1000:
            return GeometryProblem(
                f"coordinate ({x:.2f}, {y:.2f}) is not longitude/latitude: the file looks projected (metres)",
                "export it again in WGS 84 (EPSG:4326); in QGIS: Export ▸ Save Features As…, CRS EPSG:4326",
            )
        if abs(x) <= 90 and abs(y) <= 180:
            return GeometryProblem(
                f"coordinate ({x:.2f}, {y:.2f}) has a latitude beyond ±90°",
                "latitude and longitude look swapped; GeoJSON wants [longitude, latitude]",
            )
        return GeometryProblem(
            f"coordinate ({x:.2f}, {y:.2f}) is outside ±180° longitude or ±90° latitude",
            "write [longitude, latitude] in degrees",
        )
    if bbox is None:
        return None
    west, south, east, north = bbox
    inside = (coords[:, 0] >= west) & (coords[:, 0] <= east) & (coords[:, 1] >= south) & (coords[:, 1] <= north)
    if inside.all():
        return None
    x, y = coords[np.argmin(inside)]
    region = f"the story's region ({region_name})" if region_name else "the story's region"
    swapped = west <= y <= east and south <= x <= north
    hint = (
        "latitude and longitude look swapped; GeoJSON wants [longitude, latitude]"
        if swapped
        else f"region.bbox in the story file allows longitude {west:g} to {east:g} and latitude {south:g} to "
        f"{north:g}: fix the coordinate, or widen region.bbox"
    )
    return GeometryProblem(f"coordinate ({x:.5f}, {y:.5f}) lies outside {region}", hint)


_REASON = re.compile(r"^(?P<what>[^\[]+)(\[(?P<x>\S+) (?P<y>\S+)\])?$")
_REASON_TEXT = {
    "Self-intersection": "the outline crosses itself",
    "Ring Self-intersection": "a ring touches or crosses itself",
    "Hole lies outside shell": "a hole lies outside the outline",
    "Interior is disconnected": "holes cut the polygon into pieces",
    "Nested shells": "one polygon lies inside another of the same feature",
    "Nested holes": "a hole lies inside another hole",
    "Duplicate Rings": "a ring is repeated",
    "Too few points": "a ring has too few distinct points",
}


def validity_problem(shape: BaseGeometry) -> GeometryProblem | None:
    """An area that crosses itself (or similar), named with GEOS's reason and where; never silently redrawn."""
    if shape.geom_type not in ("Polygon", "MultiPolygon") or shapely.is_valid(shape):
        return None
    reason = shapely.is_valid_reason(shape)  # shapely's explain_validity: "Self-intersection[38.0 48.595]"
    found = _REASON.match(reason)
    what = found.group("what").strip() if found else reason
    text = _REASON_TEXT.get(what, what[0].lower() + what[1:])
    where = ""
    if found and found.group("x"):
        where = f" at ({float(found.group('x')):.5f}, {float(found.group('y')):.5f})"
    return GeometryProblem(
        f"is not a valid area: {text}{where}",
        "move the vertices there so no edge crosses another, or draw separate polygons; "
        "in QGIS, Vector ▸ Geometry Tools ▸ Check Validity lists such places",
    )
