"""The app without a browser (Streamlit's AppTest): link parameters reach the page normalised, and a
broken story shows its problems instead of a traceback."""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from page.build import build_story
from story.loader import default_story_path

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "streamlit_app.py")


def run(query: dict[str, str | list[str]] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in (query or {}).items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def page_data(at: AppTest) -> dict:
    (component,) = at.get("bidi_component")
    return json.loads(component.proto.json)


def test_plain_visit_sends_every_chapter_on_the_page():
    data = page_data(run())
    ids = ["bakhmut", "assault", "centre", "outskirts", "west", "week", "supply", "stakes", "sources"]
    assert re.findall(r'data-chapter="([a-z0-9-]+)"', data["page_html"]) == ids
    assert "<script" not in data["page_html"].lower()


@pytest.mark.parametrize(
    "query",
    [
        {"chapter": "west", "layers": "roads,west,city", "date": "2023-04-07"},
        {"chapter": "<script>alert(1)</script>"},
        {"chapter": "west", "layers": "west,<img src=x onerror=alert(1)>," + "a" * 10_000},
        {"chapter": "x" * 10_000, "utm_source": "mail"},
    ],
)
def test_the_link_never_reaches_python_or_the_page_data(query):
    """The page reads its own address (assets/engine/link.js, on both hosts): Python passes nothing of the link
    on, so a hostile link has nothing to inject into what Python renders, and a rerun never remounts the page."""
    data = page_data(run(query))
    assert set(data) == {"page_html", "share_base"}
    blob = json.dumps(data)
    assert "alert(1)" not in blob and "aaaaaaaaaa" not in blob and "xxxxxxxxxx" not in blob


@pytest.mark.parametrize(("lang", "edition"), [("uk", "uk"), ("UK", "uk"), ("fr", "en"), ("<b>uk</b>", "en")])
def test_the_links_language_picks_the_edition_and_nothing_else_of_it_reaches_the_page(lang, edition):
    """Python reads one thing of the link, once per page load: which edition to build the page from (a language
    switch is a new load). An unknown language gets the original; the page itself says the link was not fully
    recognised (assets/engine/link.js)."""
    data = page_data(run({"lang": lang, "chapter": "west"}))
    assert re.search(r'data-ms-root lang="([a-z-]+)"', data["page_html"]).group(1) == edition
    assert ("Утримати захід" in data["page_html"]) == (edition == "uk")
    assert "<b>" not in data["page_html"]


def broken_story(tmp_path: Path) -> Path:
    src = default_story_path().parent
    dst = tmp_path / "story"
    shutil.copytree(src, dst)
    text = (dst / "story.yaml").read_text()
    text = text.replace("highlight: [west]", "highlight: [wets]", 1).replace(
        "as_of: 2023-04-14", "as_of: 14/04/2023", 1
    )
    (dst / "story.yaml").write_text(text)
    return dst / "story.yaml"


def test_a_broken_story_shows_every_problem_readably(tmp_path, monkeypatch):
    path = broken_story(tmp_path)
    monkeypatch.setenv("STORY", str(path))
    at = run()
    assert not at.get("bidi_component")
    assert "cannot be shown" in at.title[0].value
    problems = at.code[0].value
    assert "did you mean 'west'" in problems
    assert "is not a date" in problems
    # Each problem is located in the file the author edits, named as the app names it (never the server's path).
    lines = problems.splitlines()
    assert len(lines) == 2 and all(re.match(r"story\.yaml:\d+: ", line) for line in lines), problems
    assert str(tmp_path) not in problems
    assert "Traceback" not in problems


def test_a_broken_layer_file_names_the_file_and_feature(tmp_path, monkeypatch):
    path = broken_story(tmp_path)
    path.write_text(default_story_path().read_text())  # a valid story …
    west = path.parent / "layers" / "west.geojson"
    doc = json.loads(west.read_text())

    def swap(coords):
        return [swap(c) for c in coords] if isinstance(coords[0], list) else [coords[1], coords[0]]

    doc["features"][0]["geometry"]["coordinates"] = swap(doc["features"][0]["geometry"]["coordinates"])
    west.write_text(json.dumps(doc))  # … with latitude and longitude swapped in one layer
    monkeypatch.setenv("STORY", str(path))
    at = run()
    problems = at.code[0].value
    assert "west.geojson" in problems and "swapped" in problems


def test_a_broken_backdrop_is_named_without_the_servers_paths_or_the_readers_own_words(tmp_path, monkeypatch):
    path = broken_story(tmp_path)
    path.write_text(default_story_path().read_text())  # a valid story …
    (path.parent / "backdrop.geojson").write_bytes(b"\x00\x01 not GeoJSON")  # … with a backdrop GDAL cannot read
    monkeypatch.setenv("STORY", str(path))
    at = run()
    page = "\n".join([at.title[0].value, at.error[0].value, at.code[0].value, at.caption[0].value])
    assert "backdrop.geojson has 1 problem" in page and "backdrop.geojson: " in at.code[0].value
    assert str(tmp_path) not in page and str(ROOT) not in page and "/tmp/" not in page
    assert "GDAL" not in page and "recognized" not in page and "Traceback" not in page


def test_an_edited_story_is_rebuilt_on_the_next_visit(tmp_path, monkeypatch):
    dst = tmp_path / "story"
    shutil.copytree(default_story_path().parent, dst)
    path = dst / "story.yaml"
    monkeypatch.setenv("STORY", str(path))
    assert "A city in ruins" in page_data(run())["page_html"]
    path.write_text(path.read_text().replace("title: A city in ruins", "title: A city under fire", 1))
    os.utime(path, (path.stat().st_atime, path.stat().st_mtime + 5))  # a later edit, whatever the clock
    assert "A city under fire" in page_data(run())["page_html"]


def test_a_story_far_from_ukraine_is_served_without_a_word_of_donetsk(monkeypatch):
    monkeypatch.setenv("STORY", str(ROOT / "tests" / "fixtures" / "stories" / "valparaiso" / "story.yaml"))
    data = page_data(run())
    assert re.findall(r'data-chapter="([a-z0-9-]+)"', data["page_html"]) == ["hills", "lifts"]
    assert "Donetsk" not in json.dumps(data) and "Bakhmut" not in json.dumps(data)
    # The component's own module (Leaflet, the story module, the engine) carries the story's region.
    module = build_story(os.environ["STORY"]).module
    assert '"region":[-71.66,-33.06,-71.58,-33.02]' in module
    assert "Donetsk" not in module and "Bakhmut" not in module
