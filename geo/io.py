"""Read, validate, simplify and write the story's GeoJSON layers.

Every check ends in a `GeoDataError` whose message is one plain sentence naming the file, the feature and the
field, so a journalist editing a layer by hand sees what to fix instead of a traceback.
"""

from __future__ import annotations

import json
import math
import re
from datetime import date
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS
from shapely.geometry.base import BaseGeometry

# (west, south, east, north): Natural Earth's Donetsk Oblast (36.53–39.06 E, 46.88–49.23 N) plus ~0.1° margin.
DONETSK_BBOX: tuple[float, float, float, float] = (36.4, 46.8, 39.2, 49.3)
REQUIRED_FIELDS: tuple[str, ...] = ("label", "as_of", "source", "confidence")
CONFIDENCE_LEVELS: tuple[str, ...] = ("gazetteer", "assessed", "approximate", "schematic")
# Optional properties the map understands; anything else stays in the source data and is not exported.
OPTIONAL_FIELDS: tuple[str, ...] = ("ref", "rank")
WGS84 = CRS.from_epsg(4326)
# UTM 37N covers 36–42 E, i.e. all of Donetsk Oblast: metres with negligible distortion there.
METRIC_CRS = "EPSG:32637"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_POLYGONAL = ("Polygon", "MultiPolygon")


class GeoDataError(ValueError):
    """A layer file that cannot be used, described in one sentence: file, feature, field, problem, hint."""

    def __init__(
        self, file: str, problem: str, *, feature: str | None = None, field: str | None = None, hint: str = ""
    ) -> None:
        self.file = file
        self.feature = feature
        self.field = field
        self.problem = problem
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        parts = [self.file]
        if self.feature is not None:
            parts.append(f"feature '{self.feature}'")
        if self.field is not None:
            parts.append(self.field)
        sentence = ": ".join(parts) + ": " + self.problem
        return f"{sentence} — {self.hint}" if self.hint else sentence


def read_layer(path: str | Path, *, bbox: tuple[float, float, float, float] = DONETSK_BBOX) -> gpd.GeoDataFrame:
    """Read one GeoJSON layer with geopandas and validate it; return it in EPSG:4326.

    Checks, in order: the file exists and parses, its CRS is WGS84 lon/lat, each feature has the required
    properties with an ISO `as_of` and a known `confidence`, a non-empty geometry whose coordinates all lie in
    `bbox`; invalid geometry is repaired with `make_valid` (keeping only polygons for polygon features).
    """
    path = Path(path)
    name = path.name
    if not path.is_file():
        raise GeoDataError(name, f"file not found at {path}", hint="run `python -m geo export DIR` to write it")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise GeoDataError(name, f"is not UTF-8 text ({error.reason})", hint="save it as UTF-8") from None
    except json.JSONDecodeError as error:
        problem = f"is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        raise GeoDataError(name, problem, hint="check for a missing comma or bracket") from None
    if not isinstance(raw, dict) or raw.get("type") != "FeatureCollection":
        raise GeoDataError(name, "is not a GeoJSON FeatureCollection", hint='the top level needs "type"')
    _check_crs_member(name, raw.get("crs"))
    features = raw.get("features")
    if not isinstance(features, list) or not features:
        raise GeoDataError(name, "has no features", field="features", hint="add at least one Feature")
    for index, feature in enumerate(features):
        _check_feature(name, index, feature, bbox)
    try:
        gdf = gpd.read_file(path)
    except Exception as error:  # pyogrio's errors are many; the user needs only the sentence.
        raise GeoDataError(name, f"could not be read as GeoJSON ({error})") from None
    gdf = gdf.set_crs(WGS84, allow_override=True)
    # The driver turns ISO dates into timestamps; the contract keeps `as_of` the string the file holds.
    gdf["as_of"] = [feature["properties"]["as_of"] for feature in features]
    gdf["geometry"] = [
        _repaired(name, _label(feature, i), geom)
        for i, (feature, geom) in enumerate(zip(features, gdf.geometry, strict=True))
    ]
    return gdf


def _check_crs_member(name: str, crs: Any) -> None:
    """RFC 7946 drops `crs`; an old-style member is accepted only when it names WGS84 lon/lat."""
    if crs is None:
        return
    crs_name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    try:
        parsed = CRS.from_user_input(crs_name)
    except Exception:
        parsed = None
    if parsed is not None and (parsed.to_epsg() == 4326 or "CRS84" in parsed.to_string().upper()):
        return
    raise GeoDataError(
        name,
        f"the file declares CRS {crs_name or crs!r}, not WGS84",
        field="crs",
        hint="reproject to EPSG:4326 (longitude, latitude) and drop the crs member",
    )


def _label(feature: Any, index: int) -> str:
    props = feature.get("properties") if isinstance(feature, dict) else None
    label = props.get("label") if isinstance(props, dict) else None
    return label if isinstance(label, str) and label.strip() else f"#{index}"


def _check_feature(name: str, index: int, feature: Any, bbox: tuple[float, float, float, float]) -> None:
    label = _label(feature, index)
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        raise GeoDataError(name, "is not a GeoJSON Feature", feature=label, hint='it needs "type": "Feature"')
    props = feature.get("properties")
    if not isinstance(props, dict):
        props = {}
    for field in REQUIRED_FIELDS:
        value = props.get(field)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise GeoDataError(name, "is missing", feature=label, field=field, hint=f"every feature needs {field!r}")
    as_of = props["as_of"]
    if not isinstance(as_of, str) or not _ISO_DATE.match(as_of) or not _is_date(as_of):
        raise GeoDataError(
            name,
            f"{as_of!r} is not an ISO date",
            feature=label,
            field="as_of",
            hint="write the date the state refers to as YYYY-MM-DD, e.g. 2023-04-14",
        )
    if props["confidence"] not in CONFIDENCE_LEVELS:
        raise GeoDataError(
            name,
            f"{props['confidence']!r} is not a confidence level",
            feature=label,
            field="confidence",
            hint="use one of " + ", ".join(CONFIDENCE_LEVELS),
        )
    _check_geometry(name, label, feature.get("geometry"), bbox)


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _check_geometry(name: str, label: str, geometry: Any, bbox: tuple[float, float, float, float]) -> None:
    try:
        geom = shapely.geometry.shape(geometry) if geometry else None
    except Exception as error:
        raise GeoDataError(
            name, f"cannot be read ({error})", feature=label, field="geometry", hint="check its coordinates"
        ) from None
    if geom is None or geom.is_empty:
        raise GeoDataError(name, "is empty", feature=label, field="geometry", hint="give the feature some coordinates")
    coords = shapely.get_coordinates(geom)
    if not np.isfinite(coords).all():
        raise GeoDataError(name, "has a non-numeric coordinate", feature=label, field="geometry")
    west, south, east, north = bbox
    inside = (coords[:, 0] >= west) & (coords[:, 0] <= east) & (coords[:, 1] >= south) & (coords[:, 1] <= north)
    if inside.all():
        return
    x, y = coords[np.argmin(inside)]
    swapped = west <= y <= east and south <= x <= north
    hint = (
        "latitude and longitude look swapped; GeoJSON wants [longitude, latitude]"
        if swapped
        else f"every coordinate must lie within longitude {west}–{east} and latitude {south}–{north}"
    )
    raise GeoDataError(
        name,
        f"coordinate ({x:.2f}, {y:.2f}) lies outside Donetsk Oblast's bounding box",
        feature=label,
        field="geometry",
        hint=hint,
    )


def _repaired(name: str, label: str, geom: BaseGeometry) -> BaseGeometry:
    """Repair self-intersections with make_valid; a polygon stays polygonal (slivers of lines are dropped)."""
    if geom.is_valid:
        return geom
    fixed = shapely.make_valid(geom)
    if geom.geom_type in _POLYGONAL:
        fixed = _polygonal_part(fixed)
    if fixed.is_empty:
        raise GeoDataError(
            name,
            "is an invalid shape that cannot be repaired",
            feature=label,
            field="geometry",
            hint="redraw the ring so it does not cross itself",
        )
    return fixed


def _polygonal_part(geom: BaseGeometry) -> BaseGeometry:
    if geom.geom_type in _POLYGONAL:
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in _POLYGONAL]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def simplify_for_web(
    gdf: gpd.GeoDataFrame, *, tolerance_m: float = 15.0, precision: int = 5, metric_crs: str = METRIC_CRS
) -> gpd.GeoDataFrame:
    """Simplify in metres (topology preserved per feature), return to EPSG:4326 and snap to `precision` decimals.

    15 m is below what a reader can see at street zoom on a 7 km city, and 5 decimals (~1 m) are more than the
    source data's accuracy; together they cut the GeoJSON several-fold.
    """
    source = gdf if gdf.crs is not None else gdf.set_crs(WGS84)
    metric = source.to_crs(metric_crs)
    metric["geometry"] = metric.geometry.simplify(tolerance_m, preserve_topology=True)
    out = metric.to_crs(WGS84)
    out["geometry"] = shapely.set_precision(out.geometry.values, 10.0**-precision)
    return out


def densify(gdf: gpd.GeoDataFrame, factor: int) -> gpd.GeoDataFrame:
    """Insert factor−1 evenly spaced vertices into every segment, so a layer's vertex count grows ~factor×."""
    if factor < 1:
        raise ValueError(f"densify factor must be at least 1, got {factor}")
    out = gdf.copy()
    out["geometry"] = [_densify_geom(g, factor) if g is not None else None for g in gdf.geometry]
    return out


def _densify_coords(coords: np.ndarray, factor: int) -> np.ndarray:
    if len(coords) < 2 or factor == 1:
        return coords
    steps = np.arange(factor) / factor
    starts, ends = coords[:-1], coords[1:]
    inner = starts[:, None, :] + (ends - starts)[:, None, :] * steps[None, :, None]
    return np.vstack([inner.reshape(-1, coords.shape[1]), coords[-1:]])


def _densify_geom(geom: BaseGeometry, factor: int) -> BaseGeometry:
    kind = geom.geom_type
    if kind == "LineString":
        return shapely.LineString(_densify_coords(np.asarray(geom.coords), factor))
    if kind == "Polygon":
        shell = _densify_coords(np.asarray(geom.exterior.coords), factor)
        holes = [_densify_coords(np.asarray(r.coords), factor) for r in geom.interiors]
        return shapely.Polygon(shell, holes)
    if kind in ("MultiLineString", "MultiPolygon", "GeometryCollection"):
        return type(geom)([_densify_geom(g, factor) for g in geom.geoms])
    return geom  # points carry no segments


def to_feature_collection(gdf: gpd.GeoDataFrame, *, precision: int = 5) -> dict[str, Any]:
    """A plain GeoJSON dict with only the contract's properties, coordinates rounded to `precision` decimals."""
    gdf = gdf.to_crs(WGS84) if gdf.crs is not None and not gdf.crs.equals(WGS84) else gdf
    features = []
    for _, row in gdf.iterrows():
        props: dict[str, Any] = {field: row[field] for field in REQUIRED_FIELDS}
        for field in OPTIONAL_FIELDS:
            value = row.get(field)
            if value is None or (isinstance(value, float) and math.isnan(value)):
                continue
            props[field] = int(value) if field == "rank" else value
        geometry = _rounded(shapely.geometry.mapping(row.geometry), precision)
        features.append({"type": "Feature", "properties": props, "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def _rounded(value: Any, precision: int) -> Any:
    if isinstance(value, float):
        return round(value, precision)
    if isinstance(value, list | tuple):
        return [_rounded(v, precision) for v in value]
    if isinstance(value, dict):
        return {k: _rounded(v, precision) for k, v in value.items()}
    return value


def write_layer(gdf: gpd.GeoDataFrame, path: str | Path, *, precision: int = 5) -> int:
    """Write compact, deterministic GeoJSON (same input, same bytes); return its size in bytes."""
    text = json.dumps(to_feature_collection(gdf, precision=precision), ensure_ascii=False, separators=(",", ":"))
    data = (text + "\n").encode("utf-8")
    Path(path).write_bytes(data)
    return len(data)
