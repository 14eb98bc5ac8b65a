"""geo.io: loading, validation errors (one sentence naming file, feature and field), simplify and densify."""

from __future__ import annotations

import json
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from geo.io import DONETSK_BBOX, GeoDataError, densify, read_layer, simplify_for_web, write_layer

SQUARE = [[37.99, 48.59], [38.01, 48.59], [38.01, 48.60], [37.99, 48.60], [37.99, 48.59]]


def feature(coords=None, geom_type="Polygon", **props) -> dict:
    properties = {
        "label": "Western districts",
        "as_of": "2023-04-14",
        "source": "test",
        "confidence": "assessed",
    } | props
    geometry = {"type": geom_type, "coordinates": [coords or SQUARE] if geom_type == "Polygon" else coords}
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def write(tmp_path: Path, *features: dict, name: str = "west.geojson", **extra) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps({"type": "FeatureCollection", **extra, "features": list(features)}))
    return path


def error_for(path: Path) -> GeoDataError:
    with pytest.raises(GeoDataError) as caught:
        read_layer(path)
    return caught.value


def test_reads_a_valid_layer_in_wgs84(tmp_path: Path) -> None:
    gdf = read_layer(write(tmp_path, feature()))
    assert gdf.crs.to_epsg() == 4326
    assert list(gdf["label"]) == ["Western districts"]
    assert gdf["as_of"].iloc[0] == "2023-04-14"  # kept as the file's string, not a timestamp


def test_swapped_coordinates_are_named_as_such(tmp_path: Path) -> None:
    swapped = [[lat, lon] for lon, lat in SQUARE]
    error = error_for(write(tmp_path, feature(swapped)))
    assert (error.file, error.feature, error.field) == ("west.geojson", "Western districts", "geometry")
    message = str(error)
    assert message.startswith("west.geojson: feature 'Western districts': geometry: coordinate (48.59, 37.99)")
    assert "latitude and longitude look swapped" in message
    assert "\n" not in message


def test_coordinate_far_outside_is_not_called_a_swap(tmp_path: Path) -> None:
    far = [[30.5, 50.4], [30.6, 50.4], [30.6, 50.5], [30.5, 50.4]]  # Kyiv
    message = str(error_for(write(tmp_path, feature(far))))
    assert "outside Donetsk Oblast's bounding box" in message and "swapped" not in message


def test_invalid_polygon_is_repaired_and_stays_polygonal(tmp_path: Path) -> None:
    bowtie = [[37.99, 48.59], [38.01, 48.60], [38.01, 48.59], [37.99, 48.60], [37.99, 48.59]]
    assert not shapely.Polygon(bowtie).is_valid
    gdf = read_layer(write(tmp_path, feature(bowtie)))
    geom = gdf.geometry.iloc[0]
    assert geom.is_valid and geom.geom_type in ("Polygon", "MultiPolygon") and geom.area > 0


def test_polygon_that_cannot_be_repaired_is_rejected(tmp_path: Path) -> None:
    flat = [[37.99, 48.59], [38.00, 48.59], [38.01, 48.59], [37.99, 48.59]]
    error = error_for(write(tmp_path, feature(flat)))
    assert (error.feature, error.field) == ("Western districts", "geometry")
    assert "cannot be repaired" in str(error)


@pytest.mark.parametrize("field", ["label", "as_of", "source", "confidence"])
def test_missing_property_names_the_field(tmp_path: Path, field: str) -> None:
    broken = feature()
    del broken["properties"][field]
    error = error_for(write(tmp_path, broken))
    assert error.field == field
    assert error.feature == ("#0" if field == "label" else "Western districts")
    assert str(error).startswith(f"west.geojson: feature '{error.feature}': {field}: is missing")


@pytest.mark.parametrize("bad", ["14/04/2023", "2023-02-30", "20230414", "April"])
def test_bad_date(tmp_path: Path, bad: str) -> None:
    error = error_for(write(tmp_path, feature(as_of=bad)))
    assert (error.file, error.feature, error.field) == ("west.geojson", "Western districts", "as_of")
    assert "is not an ISO date" in str(error) and "YYYY-MM-DD" in str(error)


def test_unknown_confidence(tmp_path: Path) -> None:
    error = error_for(write(tmp_path, feature(confidence="sure")))
    assert error.field == "confidence" and "gazetteer" in error.hint


def test_wrong_crs_member(tmp_path: Path) -> None:
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::3857"}}
    error = error_for(write(tmp_path, feature(), crs=crs))
    assert (error.file, error.field) == ("west.geojson", "crs")
    assert "EPSG::3857" in str(error) and "EPSG:4326" in str(error)


def test_crs84_member_is_accepted(tmp_path: Path) -> None:
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}}
    assert len(read_layer(write(tmp_path, feature(), crs=crs))) == 1


def test_missing_file(tmp_path: Path) -> None:
    error = error_for(tmp_path / "nowhere.geojson")
    assert error.file == "nowhere.geojson" and "file not found" in str(error)


def test_broken_json_is_a_sentence_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "west.geojson"
    path.write_text('{"type": "FeatureCollection", "features": [}')
    message = str(error_for(path))
    assert message.startswith("west.geojson: is not valid JSON") and "line 1" in message


def test_empty_geometry(tmp_path: Path) -> None:
    empty = feature()
    empty["geometry"] = None
    assert error_for(write(tmp_path, empty)).field == "geometry"


def test_bbox_is_west_south_east_north_around_donetsk() -> None:
    west, south, east, north = DONETSK_BBOX
    assert west < 36.53 < 39.06 < east and south < 46.88 < 49.23 < north


def test_simplify_for_web_rounds_and_keeps_shape() -> None:
    circle = gpd.GeoSeries([shapely.Point(500_000, 5_380_000).buffer(2000, quad_segs=64)], crs=32637)
    gdf = gpd.GeoDataFrame(geometry=circle.to_crs(4326))
    out = simplify_for_web(gdf, tolerance_m=15.0, precision=5)
    assert out.crs.to_epsg() == 4326
    before, after = (shapely.get_num_coordinates(g.geometry.iloc[0]) for g in (gdf, out))
    assert after < before
    coords = shapely.get_coordinates(out.geometry.iloc[0])
    assert (abs(coords * 1e5 - (coords * 1e5).round()) < 1e-6).all()
    ratio = out.to_crs(32637).area.iloc[0] / gdf.to_crs(32637).area.iloc[0]
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
