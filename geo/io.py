"""Read, validate, simplify and write a story's GeoJSON layers, wherever in the world the story is set.

`read_layer` reports every problem of every feature in one `GeoDataError`, each a sentence naming the file, the
feature and the field, so an author editing a layer by hand fixes them all in one pass instead of one per run.
Nothing here knows about a particular story: the region, the layer's kind and its inherited properties are
arguments.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

import geopandas as gpd
import numpy as np
import shapely
from pyproj import CRS
from shapely.geometry.base import BaseGeometry

from geo.geometry import GeometryProblem, kind_problem, range_problem, to_shape, validity_problem
from geo.jsontext import JsonTextError, loads
from geo.problems import GeoDataError, LayerProblem

REQUIRED_FIELDS: tuple[str, ...] = ("label", "as_of", "source", "confidence")
# Fields a feature may leave out when its layer (or the story, for `as_of`) gives them; the feature's own wins.
INHERITED_FIELDS: tuple[str, ...] = ("as_of", "source", "confidence")
CONFIDENCE_LEVELS: tuple[str, ...] = ("gazetteer", "assessed", "approximate", "schematic")
# Optional properties the map understands; anything else in the file is ignored (and never sent to readers).
OPTIONAL_FIELDS: tuple[str, ...] = ("ref", "rank")
WGS84 = CRS.from_epsg(4326)
# More than this many problems in one file are counted, not listed: the first ones show what to fix.
MAX_LISTED = 200
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")  # fullmatch: `$` would let a final newline through

__all__ = [
    "FeatureChecker",
    "GeoDataError",
    "LayerProblem",
    "densify",
    "read_features",
    "read_layer",
    "simplify_for_web",
    "write_layer",
]


def read_layer(
    path: str | Path,
    *,
    kind: str | None = None,
    bbox: Sequence[float] | None = None,
    region_name: str | None = None,
    defaults: Mapping[str, Any] | None = None,
    name: str | None = None,
) -> gpd.GeoDataFrame:
    """Read one GeoJSON layer, check all of it, and return it in EPSG:4326 with the contract's columns.

    - `kind` (`area`, `line`, `point`): every geometry must match it.
    - `bbox` (west, south, east, north) and `region_name`: every coordinate must lie in the story's region.
    - `defaults`: `as_of`, `source`, `confidence` for features that do not set their own (a feature's own wins).
    - `name`: how messages name the file (default: its file name), e.g. `layers/west.geojson`.

    Raises GeoDataError listing every problem found. Shapes are never changed: an invalid area is reported.
    """
    path = Path(path)
    name = name or path.name
    features = read_features(path, name)
    checker = FeatureChecker(name, kind, bbox, region_name, _plain_defaults(defaults))
    rows = [checker.feature(index, feature) for index, feature in enumerate(features, 1)]
    if checker.problems:
        raise GeoDataError(checker.listed())
    frame = gpd.GeoDataFrame([row for row, _ in rows], geometry=[shape for _, shape in rows], crs=WGS84)
    return frame


def read_features(path: Path, name: str) -> list[Any]:
    """The features of a GeoJSON FeatureCollection file, read as every layer is (UTF-8, JSON nested at most so
    deep, WGS84 only); raises GeoDataError with one sentence naming the file as `name`, never its full path."""
    if not path.is_file():
        raise GeoDataError.one(name, "file not found", hint="check the layer's file: path in the story file")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise GeoDataError.one(name, f"is not UTF-8 text ({error.reason})", hint="save it as UTF-8") from None
    except OSError as error:
        raise GeoDataError.one(
            name, f"cannot be read ({error.strerror})", hint="check the file's permissions"
        ) from None
    try:
        raw = loads(text)
    except JsonTextError as error:
        raise GeoDataError.one(name, error.problem, hint=error.hint) from None
    return _features(name, raw)


def _plain_defaults(defaults: Mapping[str, Any] | None) -> dict[str, Any]:
    out = {}
    for field, value in (defaults or {}).items():
        if value is not None and field in INHERITED_FIELDS:
            out[field] = value.isoformat() if isinstance(value, date) else value
    return out


def _features(name: str, raw: Any) -> list[Any]:
    """The features of a FeatureCollection; anything else at the top level is named for what it is."""
    wrap = 'wrap it as {"type": "FeatureCollection", "features": [ … ]}'
    if isinstance(raw, list):
        raise GeoDataError.one(name, "is a JSON list, not a GeoJSON FeatureCollection", hint=wrap)
    if not isinstance(raw, dict):
        raise GeoDataError.one(name, "is a single JSON value, not a GeoJSON FeatureCollection", hint=wrap)
    kind = raw.get("type")
    if kind == "Feature":
        raise GeoDataError.one(name, "is a single Feature, not a FeatureCollection", hint=wrap)
    if kind in ("Point", "MultiPoint", "LineString", "MultiLineString", "Polygon", "MultiPolygon"):
        raise GeoDataError.one(
            name,
            f"is a bare {kind} geometry, without a feature or properties",
            hint='make it a FeatureCollection with one Feature whose "properties" give its label',
        )
    if kind != "FeatureCollection":
        found = 'no "type"' if kind is None else f'"type": {kind!r}'
        raise GeoDataError.one(
            name, f"has {found} at the top level", hint='a layer file needs "type": "FeatureCollection"'
        )
    _check_crs_member(name, raw.get("crs"))
    features = raw.get("features")
    if not isinstance(features, list):
        raise GeoDataError.one(name, "has no list of features", field="features", hint='add "features": [ … ]')
    if not features:
        raise GeoDataError.one(name, "has no features", field="features", hint="add at least one Feature")
    return features


def _check_crs_member(name: str, crs: Any) -> None:
    """RFC 7946 drops `crs`; an old-style member is accepted only when it names WGS84 lon/lat."""
    if crs is None:
        return
    crs_name = crs.get("properties", {}).get("name") if isinstance(crs, dict) else None
    try:
        parsed = CRS.from_user_input(crs_name)
    except Exception:  # noqa: BLE001 — any unreadable name is "not WGS84", said below
        parsed = None
    if parsed is not None and (parsed.to_epsg() == 4326 or "CRS84" in parsed.to_string().upper()):
        return
    raise GeoDataError.one(
        name,
        f"the file declares CRS {crs_name or crs!r}, not WGS84",
        field="crs",
        hint="reproject to EPSG:4326 (longitude, latitude) and drop the crs member",
    )


class FeatureChecker:
    """Checks features one by one, collecting every problem; returns each feature's row and shape."""

    def __init__(
        self,
        name: str,
        kind: str | None,
        bbox: Sequence[float] | None,
        region_name: str | None,
        defaults: dict[str, Any],
    ) -> None:
        self.name, self.kind, self.bbox, self.region_name, self.defaults = name, kind, bbox, region_name, defaults
        self.problems: list[LayerProblem] = []

    def add(self, problem: str, feature: str, field: str | None, hint: str) -> None:
        self.problems.append(LayerProblem(self.name, problem, feature, field, hint))

    def listed(self) -> list[LayerProblem]:
        if len(self.problems) <= MAX_LISTED:
            return self.problems
        rest = len(self.problems) - MAX_LISTED
        more = LayerProblem(
            self.name, f"and {rest} more problems like these", hint="fix the ones listed, then check again"
        )
        return [*self.problems[:MAX_LISTED], more]

    def feature(self, index: int, feature: Any) -> tuple[dict[str, Any], BaseGeometry | None]:
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            found = f'"type": {feature.get("type")!r}' if isinstance(feature, dict) else "not an object"
            self.add(f"is not a GeoJSON Feature ({found})", f"#{index}", None, 'write it as {"type": "Feature", …}')
            return {}, None
        props = feature.get("properties")
        props = props if isinstance(props, dict) else {}
        label = props.get("label")
        who = label.strip() if isinstance(label, str) and label.strip() else f"#{index}"
        row = {field: self.required(who, props, field) for field in REQUIRED_FIELDS}
        row["ref"] = self.ref(who, props.get("ref"))
        row["rank"] = self.rank(who, props.get("rank"))
        return row, self.geometry(who, feature.get("geometry"))

    def required(self, who: str, props: dict[str, Any], field: str) -> Any:
        own = props.get(field)
        value = own if not _blank(own) else self.defaults.get(field)
        if _blank(value):
            if field == "label":
                hint = "give every feature a 'label': the name readers see"
            else:
                hint = f"give the feature its own '{field}', or set {field}: on the layer in the story file for all"
            self.add("is missing", who, field, hint)
            return None
        if field in ("label", "source") and not isinstance(value, str):
            self.add(f"should be text, not {value!r}", who, field, "put the text in double quotes")
            return None
        if field == "as_of" and not (isinstance(value, str) and _ISO_DATE.fullmatch(value) and _is_date(value)):
            self.add(
                f"{value!r} is not an ISO date",
                who,
                field,
                "write the date the state refers to as YYYY-MM-DD, e.g. 2023-04-14",
            )
            return None
        if field == "confidence" and value not in CONFIDENCE_LEVELS:
            self.add(f"{value!r} is not a confidence level", who, field, "use one of " + ", ".join(CONFIDENCE_LEVELS))
            return None
        return value

    def ref(self, who: str, value: Any) -> str | None:
        if value is None or (isinstance(value, str) and value.strip()):
            return value
        self.add(f"should be text, not {value!r}", who, "ref", 'write the road number as text, e.g. "M03"')
        return None

    def rank(self, who: str, value: Any) -> int | None:
        if value is None:
            return None
        whole = isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer()
        if whole and int(value) >= 1:
            return int(value)
        self.add(
            f"{value!r} is not a whole number of 1 or more",
            who,
            "rank",
            "rank orders labels: 1 for the most important places, 2, 3… for smaller ones; or leave it out",
        )
        return None

    def geometry(self, who: str, geometry: Any) -> BaseGeometry | None:
        shape = to_shape(geometry)
        if isinstance(shape, GeometryProblem):
            self.add(shape.problem, who, "geometry", shape.hint)
            return None
        if shape.is_empty:
            self.add("is empty", who, "geometry", "give the feature some coordinates, or delete it")
            return None
        checks = [
            kind_problem(shape, self.kind) if self.kind else None,
            range_problem(shape, self.bbox, self.region_name),
        ]
        found = [c for c in checks if c is not None]
        if not found:  # validity only once the coordinates make sense
            found = [v] if (v := validity_problem(shape)) else []
        for problem in found:
            self.add(problem.problem, who, "geometry", problem.hint)
        return shape


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _is_date(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def metric_crs_for(gdf: gpd.GeoDataFrame) -> CRS:
    """A metric CRS for the layer's own place on Earth: the WGS 84 UTM zone of its centre, as geopandas'
    `estimate_utm_crs` picks it but without its database query (0.4 s a layer); World Equidistant Cylindrical
    for data spanning more of the globe than a zone can carry."""
    west, south, east, north = (gdf.to_crs(WGS84) if gdf.crs and not gdf.crs.equals(WGS84) else gdf).total_bounds
    if not np.isfinite([west, south, east, north]).all() or east - west > 30 or north - south > 30:
        return CRS.from_epsg(4087)
    lon, lat = (west + east) / 2, (south + north) / 2
    zone = min(int((lon + 180) // 6) + 1, 60)
    return CRS.from_epsg((32600 if lat >= 0 else 32700) + zone)


def simplify_for_web(
    gdf: gpd.GeoDataFrame, *, tolerance_m: float = 15.0, precision: int = 5, metric_crs: Any = None
) -> gpd.GeoDataFrame:
    """Simplify in metres (topology preserved per feature), return to EPSG:4326 and snap to `precision` decimals.

    The metric CRS is the layer's own UTM zone unless given. Pick `tolerance_m` from the deepest zoom the layer
    is shown at (about a pixel there, see `geo.webzoom`); 5 decimals (~1 m) are finer than any authored data.
    """
    source = gdf if gdf.crs is not None else gdf.set_crs(WGS84)
    metric = source.to_crs(metric_crs if metric_crs is not None else metric_crs_for(source))
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
    if isinstance(geom, shapely.LineString):
        return shapely.LineString(_densify_coords(np.asarray(geom.coords), factor))
    if isinstance(geom, shapely.Polygon):
        shell = _densify_coords(np.asarray(geom.exterior.coords), factor)
        holes = [_densify_coords(np.asarray(r.coords), factor) for r in geom.interiors]
        return shapely.Polygon(shell, holes)
    if isinstance(geom, shapely.MultiLineString | shapely.MultiPolygon | shapely.GeometryCollection):
        parts: list[Any] = [_densify_geom(g, factor) for g in geom.geoms]
        return type(geom)(parts)
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
