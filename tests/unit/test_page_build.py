"""What the build hands the page: the story module (data + Folium's maps) and the page HTML, from the story files;
host-neutral, with each host's extras added by that host."""

import json
import re

import pytest

from page import printmaps
from page.apppage import build_app_story
from page.build import build_story
from story.loader import default_story_path
from tests.unit.fixtures_story.helpers import make_story


def story_data(module: str) -> dict:
    return json.loads(re.search(r"^export const story = (.*);$", module, re.M).group(1))


def test_shipped_story_module_holds_every_chapter_and_a_map_group_for_every_layer():
    b = build_story(default_story_path())
    data = story_data(b.module)
    assert [c["id"] for c in data["chapters"]] == b.chapter_ids
    assert [entry["id"] for entry in data["layers"]] == b.layer_ids
    groups = re.search(r"groups: \{(.*)\}\};", b.module).group(1)
    keys = re.findall(r'"([a-z0-9_-]+)": feature_group_\w+', groups)
    # One group per undated layer; a dated layer has one per date it has a state for, and its changes of ground.
    expected = []
    for spec in b.story.layers:
        expected += [f"{spec.id}_{st.date}" for st in spec.states] if spec.states else [spec.id]
        if spec.id == "west":
            expected.append("west_2023-04-07_2023-04-14_lost")
    assert keys == expected
    assert "front_2023-04-07" not in keys  # no source gives the front line for 7 April: nothing is drawn
    for ch in data["chapters"]:
        (s, w), (n, e) = ch["bounds"]
        assert s < n and w < e  # Leaflet order: [[south, west], [north, east]]
    assert "export function createMaps(L)" in b.module
    # No CDN and no script in the page: folium's header (Leaflet, jQuery, Bootstrap from CDNs) never reaches it.
    html = b.page_html()
    assert "cdn" not in b.module.lower() and "<script" not in html.lower()
    for chapter_id in b.chapter_ids:
        assert f'data-chapter="{chapter_id}"' in html


def test_author_strings_reach_the_map_and_page_escaped(tmp_path):
    path = make_story(tmp_path, ("Town limits", "Town <img src=x onerror=alert(1)>"))
    town = path.parent / "layers" / "town.geojson"
    town.write_text(town.read_text().replace('"Town limits"', '"<img src=x onerror=alert(1)>"'))
    b = build_story(path)
    # Tooltips and labels are HTML in Leaflet: the feature's label is escaped before folium writes it.
    maps = b.module.split("export function createMaps(L)")[1]
    assert "<img" not in maps and "\\u0026lt;img src=x onerror=alert(1)\\u0026gt;" in maps  # &lt; in JSON
    # The engine's data is inserted as text (textContent), so it carries the label as written.
    assert story_data(b.module)["layers"][0]["label"] == "Town <img src=x onerror=alert(1)>"
    html = b.page_html()
    assert "<img src=x" not in html and "Town &lt;img src=x onerror=alert(1)&gt;" in html


def test_the_build_draws_no_host_s_images_and_the_app_inlines_its_print_images(tmp_path, monkeypatch):
    path = make_story(tmp_path)
    drawn: list[str] = []
    real = printmaps.chapter_png
    monkeypatch.setattr(
        printmaps, "chapter_png", lambda story, layers, cid, stamp: drawn.append(cid) or real(story, layers, cid, stamp)
    )
    built = build_story(path)
    assert drawn == []  # publish draws its own cards: nothing it would throw away
    assert "ms-print-map" not in built.page_html() and "data:image/png" not in built.page_html()
    app = build_app_story(path)
    assert drawn == app.chapter_ids
    prints = re.findall(r'<img class="ms-print-map" src="data:image/png;base64,[^"]+"', app.page_html)
    assert len(prints) == len(app.chapter_ids)
    assert story_data(app.module) == story_data(built.module)  # the same engine data on both hosts
    assert {"load_story", "render", "print_maps", "page_html"} <= set(app.timings)


def test_a_host_s_extras_go_only_into_its_own_page(tmp_path):
    built = build_story(make_story(tmp_path))
    site = built.page_html(chapter_image=lambda cid: f"_static/cards/{cid}.png")
    assert '<img class="ms-print-map" src="_static/cards/west.png"' in site and 'loading="lazy"' in site
    with pytest.raises(TypeError):
        built.page_html(unknown_extra=True)  # a host's typo is an error, not a page without its images
