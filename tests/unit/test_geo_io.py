"""geo.io: every problem of every feature in one run, each an exact sentence naming file, feature and field;
inheritance from the layer; shapes never silently changed; simplify, densify, write."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from geo.io import GeoDataError, densify, metric_crs_for, read_layer, simplify_for_web, write_layer

SQUARE = [[37.99, 48.59], [38.01, 48.59], [38.01, 48.60], [37.99, 48.60], [37.99, 48.59]]
REGION = (36.5, 46.85, 39.1, 49.26)
PROPS = {"label": "Western districts", "as_of": "2023-04-14", "source": "test", "confidence": "assessed"}


def feature(coords=None, geom_type="Polygon", **props) -> dict:
    properties = {k: v for k, v in (PROPS | props).items() if v is not ...}
    geometry = {"type": geom_type, "coordinates": [coords or SQUARE] if geom_type == "Polygon" else coords}
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def write(tmp_path: Path, *features: dict, name: str = "west.geojson", **extra) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", **extra, "features": list(features)}))
    return path


def messages(path: Path, **kwargs) -> list[str]:
    with pytest.raises(GeoDataError) as caught:
        read_layer(path, **kwargs)
    return [str(p) for p in caught.value.problems]


def only(path: Path, **kwargs) -> str:
    found = messages(path, **kwargs)
    assert len(found) == 1, found
    return found[0]


def test_reads_a_valid_layer_in_wgs84(tmp_path: Path) -> None:
    gdf = read_layer(write(tmp_path, feature()), kind="area", bbox=REGION)
    assert gdf.crs.to_epsg() == 4326
    assert list(gdf["label"]) == ["Western districts"]
    assert gdf["as_of"].iloc[0] == "2023-04-14"  # kept as the file's string, not a timestamp


def test_empty_properties_report_every_field_at_once(tmp_path: Path) -> None:
    """A geojson.io export: `properties: {}` on every feature. One run lists it all, per feature."""
    blank = feature()
    blank["properties"] = {}
    second = feature(confidence="sure", as_of="14/04/2023")
    assert messages(write(tmp_path, blank, second)) == [
        "west.geojson: feature #1: label: is missing — give every feature a 'label': the name readers see",
        "west.geojson: feature #1: as_of: is missing — give the feature its own 'as_of', or set as_of: on the "
        "layer in the story file for all",
        "west.geojson: feature #1: source: is missing — give the feature its own 'source', or set source: on the "
        "layer in the story file for all",
        "west.geojson: feature #1: confidence: is missing — give the feature its own 'confidence', or set "
        "confidence: on the layer in the story file for all",
        "west.geojson: feature 'Western districts': as_of: '14/04/2023' is not an ISO date — write the date the "
        "state refers to as YYYY-MM-DD, e.g. 2023-04-14",
        "west.geojson: feature 'Western districts': confidence: 'sure' is not a confidence level — use one of "
        "gazetteer, assessed, approximate, schematic",
    ]


def test_features_inherit_from_the_layer_and_their_own_value_wins(tmp_path: Path) -> None:
    bare = feature(as_of=..., source=..., confidence=...)
    own = feature(label="Own", confidence="gazetteer")
    layer = {"as_of": "2023-04-10", "source": "Layer source", "confidence": "schematic"}
    gdf = read_layer(write(tmp_path, bare, own), defaults=layer)
    assert gdf.loc[0, ["as_of", "source", "confidence"]].tolist() == ["2023-04-10", "Layer source", "schematic"]
    assert gdf.loc[1, ["as_of", "source", "confidence"]].tolist() == ["2023-04-14", "test", "gazetteer"]


def test_self_intersecting_polygon_is_reported_where_it_crosses_never_redrawn(tmp_path: Path) -> None:
    bowtie = [[37.99, 48.59], [38.01, 48.60], [38.01, 48.59], [37.99, 48.60], [37.99, 48.59]]
    assert only(write(tmp_path, feature(bowtie))) == (
        "west.geojson: feature 'Western districts': geometry: is not a valid area: the outline crosses itself at "
        "(38.00000, 48.59500) — move the vertices there so no edge crosses another, or draw separate polygons; "
        "in QGIS, Vector ▸ Geometry Tools ▸ Check Validity lists such places"
    )


def test_geometry_must_match_the_layer_kind(tmp_path: Path) -> None:
    assert only(write(tmp_path, feature()), kind="line") == (
        "west.geojson: feature 'Western districts': geometry: is a Polygon, but the layer is a line layer "
        "(kind: line in the story file) — draw it as a LineString, or put it in a layer of its own with the "
        "matching kind"
    )
    point = feature([38.0, 48.6], "MultiPoint")
    point["geometry"]["coordinates"] = [[38.0, 48.6], [38.1, 48.6]]
    assert "is a MultiPoint, but the layer is a point layer" in only(write(tmp_path, point), kind="point")


def test_a_bare_feature_is_called_a_feature(tmp_path: Path) -> None:
    path = tmp_path / "town.geojson"
    path.write_text(json.dumps(feature()))
    assert only(path) == (
        "town.geojson: is a single Feature, not a FeatureCollection — "
        'wrap it as {"type": "FeatureCollection", "features": [ … ]}'
    )


def test_trailing_comma_and_missing_comma_are_named_truly(tmp_path: Path) -> None:
    path = tmp_path / "town.geojson"
    path.write_text('{"type": "FeatureCollection",\n "features": [1, 2,]}')
    assert only(path) == (
        "town.geojson: is not valid JSON: a comma before the closing bracket at line 2, column 19 — "
        "remove the comma after the last item: JSON allows no trailing comma"
    )
    path.write_text('{"type": "FeatureCollection"\n "features": []}')
    assert only(path) == (
        "town.geojson: is not valid JSON: a comma is missing between two items at line 2, column 2 — "
        "add the comma, or close the bracket that is still open"
    )


def test_brackets_nested_thousands_deep_are_a_sentence_not_a_crash(tmp_path: Path) -> None:
    path = tmp_path / "town.geojson"
    deep = "[" * 100_000 + "]" * 100_000
    path.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": {"type": "Polygon", '
                    f'"coordinates": {deep}}}}}]}}')  # fmt: skip
    assert only(path) == (
        "town.geojson: is nested too deeply to read (brackets inside brackets, thousands of levels) — a GeoJSON "
        "layer nests at most a few levels (a MultiPolygon's coordinates: 4); export the layer again"
    )


def test_a_string_where_a_coordinate_should_be_is_a_sentence(tmp_path: Path) -> None:
    square = [list(p) for p in SQUARE]
    square[2][1] = "48.60"
    assert only(write(tmp_path, feature(square))) == (
        "west.geojson: feature 'Western districts': geometry: outline, point 3: a coordinate is \"48.60\" (text), "
        "not a number — write numbers without quotes"
    )


def test_unclosed_ring_and_short_line(tmp_path: Path) -> None:
    found = messages(write(tmp_path, feature(SQUARE[:-1]), feature([[38.0, 48.6]], "LineString", label="Road")))
    assert found == [
        "west.geojson: feature 'Western districts': geometry: outline is not closed: its last point differs from "
        "its first — repeat the first point at the end",
        "west.geojson: feature 'Road': geometry: the line has 1 point(s); a line needs at least 2 — add a point "
        "or delete the feature",
    ]


def test_outside_the_region_names_the_story_region_not_donetsk(tmp_path: Path) -> None:
    far = [[30.5, 50.4], [30.6, 50.4], [30.6, 50.5], [30.5, 50.4]]  # Kyiv
    message = only(write(tmp_path, feature(far)), bbox=(-71.7, -33.1, -71.5, -32.9), region_name="Valparaíso")
    assert message == (
        "west.geojson: feature 'Western districts': geometry: coordinate (30.50000, 50.40000) lies outside the "
        "story's region (Valparaíso) — region.bbox in the story file allows longitude -71.7 to -71.5 and latitude "
        "-33.1 to -32.9: fix the coordinate, or widen region.bbox"
    )


def test_swapped_coordinates_are_named_as_such(tmp_path: Path) -> None:
    swapped = [[lat, lon] for lon, lat in SQUARE]
    message = only(write(tmp_path, feature(swapped)), bbox=REGION, region_name="Donetsk Oblast")
    assert message.startswith("west.geojson: feature 'Western districts': geometry: coordinate (48.59000, 37.99000)")
    assert message.endswith("latitude and longitude look swapped; GeoJSON wants [longitude, latitude]")


def test_projected_coordinates_are_named(tmp_path: Path) -> None:
    metres = [[500000, 5380000], [500100, 5380000], [500100, 5380100], [500000, 5380000]]
    assert only(write(tmp_path, feature(metres))) == (
        "west.geojson: feature 'Western districts': geometry: coordinate (500000.00, 5380000.00) is not "
        "longitude/latitude: the file looks projected (metres) — export it again in WGS 84 (EPSG:4326); in QGIS: "
        "Export ▸ Save Features As…, CRS EPSG:4326"
    )


def test_non_integer_rank_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    town = feature([38.0, 48.6], "Point", label="Town", rank="high")
    assert only(write(tmp_path, town), kind="point") == (
        "west.geojson: feature 'Town': rank: 'high' is not a whole number of 1 or more — rank orders labels: 1 for "
        "the most important places, 2, 3… for smaller ones; or leave it out"
    )


def test_wrong_crs_member(tmp_path: Path) -> None:
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}
    assert only(write(tmp_path, feature(), crs=crs)) == (
        "west.geojson: crs: the file declares CRS 'urn:ogc:def:crs:EPSG::3857', not WGS84 — reproject to EPSG:4326 "
        "(longitude, latitude) and drop the crs member"
    )


def test_crs84_member_is_accepted(tmp_path: Path) -> None:
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    assert len(read_layer(write(tmp_path, feature(), crs=crs))) == 1


def test_missing_file_names_the_layer_path_and_no_export_command(tmp_path: Path) -> None:
    assert only(tmp_path / "nowhere.geojson", name="layers/nowhere.geojson") == (
        "layers/nowhere.geojson: file not found — check the layer's file: path in the story file"
    )


def test_empty_and_null_geometry(tmp_path: Path) -> None:
    empty = feature()
    empty["geometry"] = None
    assert only(write(tmp_path, empty)) == (
        "west.geojson: feature 'Western districts': geometry: is empty (null) — give the feature a geometry: draw "
        "it again, or delete the feature"
    )


def test_simplify_for_web_picks_the_metric_crs_from_the_data() -> None:
    """Valparaíso, Chile: south of the equator and west of Greenwich; the UTM zone comes from the data."""
    circle = gpd.GeoSeries([shapely.Point(255_000, 6_340_000).buffer(600, quad_segs=64)], crs=32719)
    gdf = gpd.GeoDataFrame(geometry=circle.to_crs(4326))
    assert metric_crs_for(gdf).to_epsg() == 32719
    out = simplify_for_web(gdf, tolerance_m=1.0, precision=5)
    assert out.crs.to_epsg() == 4326
    assert 16 < shapely.get_num_coordinates(out.geometry.iloc[0]) < shapely.get_num_coordinates(gdf.geometry.iloc[0])
    coords = shapely.get_coordinates(out.geometry.iloc[0])
    assert (abs(coords * 1e5 - (coords * 1e5).round()) < 1e-6).all()
    ratio = out.to_crs(32719).area.iloc[0] / gdf.to_crs(32719).area.iloc[0]
    assert ratio == pytest.approx(1.0, abs=0.01)


def test_densify_grows_vertices_by_factor_and_keeps_shape() -> None:
    line = shapely.LineString([(38.0, 48.5), (38.1, 48.6), (38.2, 48.5)])
    poly = shapely.Polygon(SQUARE)
    gdf = gpd.GeoDataFrame(geometry=[line, poly, shapely.Point(38, 48.5)], crs=4326)
    out = densify(gdf, 10)
    assert shapely.get_num_coordinates(out.geometry.iloc[0]) == 2 * 10 + 1
    assert shapely.get_num_coordinates(out.geometry.iloc[1]) == 4 * 10 + 1
    assert out.geometry.iloc[1].equals(poly) and out.geometry.iloc[0].equals(line)
    # and the benchmark's round trip: densified layers simplify back down
    assert shapely.get_num_coordinates(simplify_for_web(out).geometry.iloc[0]) <= 3


def test_write_layer_is_compact_and_deterministic(tmp_path: Path) -> None:
    gdf = read_layer(write(tmp_path, feature(), name="in.geojson"))
    a, b = tmp_path / "a.geojson", tmp_path / "b.geojson"
    assert write_layer(gdf, a) == write_layer(gdf, b) == a.stat().st_size
    assert a.read_bytes() == b.read_bytes()
    data = json.loads(a.read_text())
    assert set(data["features"][0]["properties"]) == {"label", "as_of", "source", "confidence"}
