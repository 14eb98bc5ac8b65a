"""What the build hands the page: the story module (data + Folium's maps) and the page HTML, from the story files."""

import json
import re

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
    assert "cdn" not in b.module.lower() and "<script" not in b.page_html.lower()
    for chapter_id in b.chapter_ids:
        assert f'data-chapter="{chapter_id}"' in b.page_html


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
    assert "<img src=x" not in b.page_html and "Town &lt;img src=x onerror=alert(1)&gt;" in b.page_html
