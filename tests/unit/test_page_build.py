"""The page payload built from the shipped story: every layer reachable by id, every author string escaped."""

import geopandas as gpd
from shapely.geometry import Point

from page.build import build_story
from page.mapbuild import _escaped
from story.loader import default_story_path


def test_shipped_story_builds_a_payload_with_every_layer_and_chapter():
    b = build_story(default_story_path())
    data = b.payload
    for spec in b.story.layers:
        assert f'"{spec.id}": feature_group_' in data["map_js"]
    assert [c["id"] for c in data["chapters"]] == b.chapter_ids
    for ch in data["chapters"]:
        (s, w), (n, e) = ch["bounds"]
        assert s < n and w < e  # Leaflet order: [[south, west], [north, east]]
    # No CDN: folium's header (Leaflet, jQuery, Bootstrap from CDNs) never reaches the page.
    assert "cdn" not in data["map_js"].lower() and "<script" not in data["page_html"].lower()


def test_feature_strings_are_escaped_before_folium_writes_them_as_html():
    gdf = gpd.GeoDataFrame(
        {"label": ["<img src=x onerror=alert(1)>"], "rank": [1]}, geometry=[Point(38.0, 48.6)], crs=4326
    )
    props = _escaped(gdf)["features"][0]["properties"]
    assert props["label"] == "&lt;img src=x onerror=alert(1)&gt;" and props["rank"] == 1
