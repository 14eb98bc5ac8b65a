"""`python -m story publish`: what lands in the site's folder, and what it refuses."""

from __future__ import annotations

import gzip
import re

import pytest

from page.component import ENGINE
from page.publish import MARKER, PublishError, publish
from story.__main__ import main
from story.loader import default_story_path, load_story


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("pub") / "site"
    return publish(default_story_path(), out, base_url="https://news.example/bakhmut")


def test_one_index_and_one_share_page_per_chapter(site):
    story = load_story(default_story_path())
    pages = sorted(p.relative_to(site.out_dir).as_posix() for p in site.files if p.name == "index.html")
    assert pages == sorted(["index.html", *(f"{c.id}/index.html" for c in story.chapters)])


def test_assets_have_content_hashed_names_and_identical_gzip_copies(site):
    static = [p for p in site.files if "_static" in p.parts and not p.name.endswith(".gz")]
    assert static
    for path in static:
        hashed_name = re.search(r"-[0-9a-f]{10}\.\w+$", path.name)
        hashed_folder = re.search(r"^engine-[0-9a-f]{10}$", path.parent.name)
        assert hashed_name or hashed_folder, path
        if path.suffix in (".js", ".css", ".geojson"):
            assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == path.read_bytes()


def test_the_site_runs_the_apps_own_engine_files_unchanged(site):
    engine = next(p.parent for p in site.files if p.name == "main.js")
    for source in ENGINE.glob("*.js"):
        assert (engine / source.name).read_bytes() == source.read_bytes()


def test_pages_carry_no_inline_script(site):
    # The site runs under script-src 'self': every script is a file.
    for page in (p for p in site.files if p.name == "index.html"):
        html = page.read_text()
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == [], page
        assert re.findall(r"<[^>]+\son[a-z]+=", html) == [], page  # no event-handler attributes either


def test_publishing_twice_replaces_the_site_but_never_a_folder_it_did_not_write(site, tmp_path):
    again = publish(default_story_path(), site.out_dir)
    assert (again.out_dir / MARKER).exists()
    other = tmp_path / "documents"
    other.mkdir()
    (other / "thesis.txt").write_text("precious")
    with pytest.raises(PublishError, match="not written by `python -m story publish`"):
        publish(default_story_path(), other)
    assert (other / "thesis.txt").read_text() == "precious"


def test_the_cli_warns_about_openstreetmaps_own_tiles_and_a_missing_base_url(tmp_path, capsys):
    assert main(["publish", str(default_story_path().parent), str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "wrote" in out and "10 pages" in out
    assert "warning: basemap OpenStreetMap.Mapnik" in out and "heavy use" in out
    assert "warning: no --base-url" in out
