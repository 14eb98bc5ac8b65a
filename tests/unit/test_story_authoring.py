"""Explicit story fields (labels, inset, layer source), the problem page's text, the content-keyed rebuild stamp
and the per-layer web simplification."""

from __future__ import annotations

import os
import shutil

import geopandas as gpd
import pytest
import shapely

from geo.io import GeoDataError, LayerProblem
from geo.webzoom import fit_zoom, metres_per_pixel
from page.build import source_stamp
from story.layers import web_tolerances
from story.loader import StoryError, load_story
from story.report import problem_page
from tests.conftest import ROOT
from tests.unit.fixtures_story.helpers import line_of, make_story, only_problem

VALPARAISO = ROOT / "tests" / "fixtures" / "stories" / "valparaiso"


def test_labels_must_be_all_none_or_a_rank(tmp_path):
    path = make_story(tmp_path, ("    short: road\n", "    short: road\n    labels: many\n"))
    p = only_problem(path)
    assert str(p) == (
        f"{p.file}:{line_of(path, 'labels: many')}: layers[road].labels: 'many' is not a labels setting — write all "
        "(label every point), none, or a rank such as 2 (label points whose rank is 2 or less)"
    )


def test_labels_apply_to_point_layers_only(tmp_path):
    path = make_story(tmp_path, ("    short: road\n", "    short: road\n    labels: all\n"))
    p = only_problem(path)
    assert p.message == "labels applies to point layers, and this is kind: line"
    assert p.hint == "remove labels: here (line layers label features that have a 'ref' property)"


def test_inset_names_a_known_layer(tmp_path):
    path = make_story(tmp_path, ("default_layers: [town]\n", "default_layers: [town]\ninset: twn\n"))
    p = only_problem(path)
    assert (p.line, p.field) == (line_of(path, "inset: twn"), "inset")
    assert str(p).endswith(
        "inset: unknown layer id 'twn' in inset — did you mean 'town'? Known layer ids: road, town, west"
    )


def test_layer_source_is_a_field(tmp_path):
    path = make_story(tmp_path, ("    short: road\n", "    short: road\n    source: UK Defence Intelligence\n"))
    assert load_story(path).layer("road").source == "UK Defence Intelligence"


def test_problem_page_shows_paths_relative_to_the_story_folder(tmp_path):
    path = make_story(tmp_path, ("highlight: [west]", "highlight: [wset]"))
    (path.parent / "layers" / "road.geojson").write_text('{"type": "Feature"}')
    with pytest.raises(StoryError) as info:
        load_story(path, read_layers=True)
    page = problem_page(path, info.value, cwd=tmp_path)
    assert (
        page.headline == "story.yaml has 1 problem and layers/road.geojson has 1 problem. Fix them and reload the page."
    )
    assert page.lines[0].startswith(f"story.yaml:{line_of(path, 'wset')}: chapter 'west': highlight: unknown layer")
    assert page.lines[1].startswith("layers/road.geojson: is a single Feature, not a FeatureCollection — wrap it")
    assert str(tmp_path) not in "\n".join(page.lines)
    assert page.command == "To list them from the project folder: python -m mapstory check story"


def test_problem_page_for_a_layer_error_and_for_our_own_fault(tmp_path):
    error = GeoDataError([LayerProblem("layers/a.geojson", "is missing", "#1", "label", "give it one")] * 2)
    page = problem_page(tmp_path / "x" / "story.yaml", error, cwd=ROOT)
    assert page.headline == "layers/a.geojson has 2 problems. Fix them and reload the page."
    assert page.lines == ["layers/a.geojson: feature #1: label: is missing — give it one"] * 2
    assert page.command.endswith("python -m mapstory check PATH/TO/x")  # never the server's absolute path
    fault = problem_page(tmp_path / "story.yaml", KeyError("secret internals"))
    assert "secret" not in fault.headline + "".join(fault.lines) and "report" in fault.lines[0]


def test_source_stamp_follows_content_not_mtime(tmp_path):
    folder = tmp_path / "s"
    shutil.copytree(VALPARAISO, folder)
    story, layer = folder / "story.yaml", folder / "layers" / "plan.geojson"
    before = source_stamp(story)
    stat = layer.stat()
    layer.write_text(layer.read_text().replace("-71.6400", "-71.6401"))
    os.utime(layer, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # same second, or an older-stamped copy
    assert source_stamp(story) != before
    edited = source_stamp(story)
    (folder / "unrelated.geojson").write_text("{}")
    (folder / "layers" / "dangling.geojson").symlink_to(folder / "nowhere")
    assert source_stamp(story) == edited  # only the files the story names are read


def test_fit_zoom_and_pixel_size():
    # A 600 m wide box at the equator on a 1000 px pane: zoom ~ log2(1000 * 40075 km / (256 * 0.6 km))
    half = 300 / 111_320
    zoom = fit_zoom((-half, -half, half, half), padding=0, viewport=(1000, 1000))
    assert zoom == 17.75  # snapped down to a quarter step, as Leaflet's zoomSnap does
    assert 0.6 <= metres_per_pixel(zoom, 0) < 0.6 * 2**0.25
    assert fit_zoom((-half, -half, half, half), max_zoom=14) == 14


def test_a_circle_shown_close_keeps_its_shape(tmp_path):
    """A finely drawn 600 m circle shown at zoom 16 must not reach readers as a 16-sided polygon."""
    story = load_story(VALPARAISO / "story.yaml")
    centre = shapely.Point(-71.6250, -33.0420)
    circle = gpd.GeoSeries([centre], crs=4326).to_crs(32719).buffer(300, quad_segs=64).to_crs(4326)
    layers = {
        "cerros": gpd.GeoDataFrame(geometry=circle, crs=4326),
        "plan": gpd.GeoDataFrame(geometry=[shapely.LineString([(-71.64, -33.035), (-71.615, -33.042)])], crs=4326),
        "ascensores": gpd.GeoDataFrame(geometry=[centre], crs=4326),
    }
    tolerances = web_tolerances(story, layers)
    assert 1.0 <= tolerances["cerros"] < 3.0  # about a pixel at the hills chapter's zoom
    from geo.io import simplify_for_web

    kept = shapely.get_num_coordinates(simplify_for_web(layers["cerros"], tolerance_m=tolerances["cerros"]).geometry[0])
    assert kept > 32
