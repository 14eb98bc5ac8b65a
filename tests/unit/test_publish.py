"""`python -m mapstory publish`: what lands in the site's folder, and what it refuses."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import tempfile
from pathlib import Path

import pytest

from mapstory.__main__ import TEMPLATE_DIR, main
from page import publish as publish_module
from page.component import BUNDLES
from page.publish import PublishError, publish
from page.sitefolder import MARKER
from story.loader import default_story_path, load_story


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("pub") / "site"
    return publish(default_story_path(), out, base_url="https://news.example/bakhmut")


def test_one_index_and_one_share_page_per_chapter_in_each_language(site):
    story = load_story(default_story_path())
    pages = sorted(p.relative_to(site.out_dir).as_posix() for p in site.files if p.name == "index.html")
    one = ["index.html", *(f"{c.id}/index.html" for c in story.chapters)]
    assert pages == sorted([*one, *(f"uk/{page}" for page in one)])


def test_assets_have_content_hashed_names_and_identical_gzip_copies(site):
    static = [p for p in site.files if "_static" in p.parts and not p.name.endswith(".gz")]
    assert static
    for path in static:
        assert re.search(r"-[0-9a-f]{10}\.\w+$", path.name), path
        if path.suffix in (".js", ".css", ".geojson"):
            assert gzip.decompress(path.with_name(path.name + ".gz").read_bytes()) == path.read_bytes()


def test_the_site_runs_the_committed_engine_bundle_unchanged_as_one_file(site):
    engines = [p for p in site.files if re.fullmatch(r"engine-[0-9a-f]{10}\.js", p.name)]
    assert [p.read_bytes() for p in engines] == [(BUNDLES / "site.js").read_bytes()]
    html = (site.out_dir / "index.html").read_text()
    assert f'<script type="module" src="_static/{engines[0].name}">' in html


def test_pages_carry_no_inline_script(site):
    # The site runs under script-src 'self': every script is a file.
    for page in (p for p in site.files if p.name == "index.html"):
        html = page.read_text()
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == [], page
        assert re.findall(r"<[^>]+\son[a-z]+=", html) == [], page  # no event-handler attributes either


def test_publishing_twice_lists_every_file_it_wrote_in_its_manifest(site):
    again = publish(default_story_path(), site.out_dir)
    listed = json.loads((again.out_dir / MARKER).read_text())["files"]
    assert set(listed) >= {p.relative_to(again.out_dir).as_posix() for p in again.files}
    assert (again.out_dir / "index.html").is_file()


def test_the_cli_warns_about_openstreetmaps_own_tiles_and_a_missing_base_url(tmp_path, capsys):
    assert main(["publish", str(default_story_path().parent), str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "wrote" in out and "20 pages" in out
    assert "warning: basemap OpenStreetMap.Mapnik" in out and "heavy use" in out
    assert "warning: no --base-url" in out


# A live folder: publishing into it is safe. The two-chapter template story keeps these quick.


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _story(tmp_path: Path, title: str = "Your headline: what happened where") -> Path:
    """The template story, with its headline changed (so every page and the story module change)."""
    story = tmp_path / "story"
    shutil.rmtree(story, ignore_errors=True)
    shutil.copytree(TEMPLATE_DIR, story)
    yaml = story / "story.yaml"
    yaml.write_text(yaml.read_text().replace("Your headline: what happened where", title))
    return yaml


def _pages_folder(tmp_path: Path) -> Path:
    """A GitHub Pages checkout: files publish never wrote and must never delete."""
    out = tmp_path / "site"
    (out / ".git").mkdir(parents=True)
    (out / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (out / "CNAME").write_text("maps.news.example\n")
    (out / ".nojekyll").write_text("")
    return out


def test_a_failure_midway_leaves_the_previous_site_byte_for_byte(tmp_path, monkeypatch, capsys):
    out = _pages_folder(tmp_path)
    publish(_story(tmp_path), out)
    before = _tree(out)
    assert "index.html" in before and len(before) > 20
    real = publish_module.render_chapter_png
    drawn = []

    def fails_on_the_second_card(*args, **kwargs):
        if drawn:
            raise RuntimeError("the card renderer crashed")
        drawn.append(real(*args, **kwargs))
        return drawn[-1]

    monkeypatch.setattr(publish_module, "render_chapter_png", fails_on_the_second_card)
    changed = _story(tmp_path, "A new headline")
    with pytest.raises(RuntimeError):
        publish(changed, out)
    assert drawn and _tree(out) == before
    assert main(["publish", str(changed), str(out)]) == 1  # the command says so in one sentence
    printed = capsys.readouterr().out
    assert "could not be published (RuntimeError) — the previous site is unchanged" in printed
    assert len(printed.strip().splitlines()) == 1 and "crashed" not in printed
    assert _tree(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "story"]  # no staging folder left behind


def test_files_publish_did_not_write_survive_every_publish_and_prune(tmp_path):
    out = _pages_folder(tmp_path)
    foreign = _tree(out)
    publish(_story(tmp_path), out)
    publish(_story(tmp_path, "A new headline"), out)
    publish(_story(tmp_path, "A third headline"), out, prune=True)
    after = _tree(out)
    assert {rel: after.get(rel) for rel in foreign} == foreign
    assert "A third headline" in after["index.html"].decode()


def test_a_file_in_the_way_that_publish_did_not_write_is_refused_and_kept(tmp_path):
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("the newsroom's own front page")
    (out / "thesis.txt").write_text("precious")
    with pytest.raises(PublishError, match=r"index.html: exists and was not written by `python -m mapstory publish`"):
        publish(_story(tmp_path), out)
    assert _tree(out) == {"index.html": b"the newsroom's own front page", "thesis.txt": b"precious"}


def test_earlier_hashed_files_stay_for_their_readers_until_pruned(tmp_path):
    out = tmp_path / "site"
    first = publish(_story(tmp_path), out)
    first_static = {p.relative_to(out).as_posix() for p in first.files if "_static" in p.parts}
    second = publish(_story(tmp_path, "A new headline"), out)
    second_static = {p.relative_to(out).as_posix() for p in second.files if "_static" in p.parts}
    earlier = first_static - second_static
    assert any("/cards/" in rel for rel in earlier)  # the cards carry the headline: new names
    assert set(second.kept) == earlier and all((out / rel).is_file() for rel in earlier)
    third = publish(_story(tmp_path, "A new headline"), out, prune=True)
    assert third.kept == [] and not any((out / rel).exists() for rel in earlier)
    on_disk = {rel for rel in _tree(out) if rel.startswith("_static/")}
    assert on_disk == {p.relative_to(out).as_posix() for p in third.files if "_static" in p.parts}


def test_a_chapter_the_story_no_longer_has_loses_its_page(tmp_path):
    out = tmp_path / "site"
    publish(_story(tmp_path), out)
    assert (out / "the-street" / "index.html").is_file()
    yaml = _story(tmp_path)
    yaml.write_text(yaml.read_text().replace("- id: the-street", "- id: renamed"))
    publish(yaml, out)
    assert not (out / "the-street").exists() and (out / "renamed" / "index.html").is_file()


def test_a_symlinked_output_folder_gets_a_sentence(tmp_path, capsys):
    real = tmp_path / "real"
    real.mkdir()
    link = tmp_path / "site"
    link.symlink_to(real)
    assert main(["publish", str(_story(tmp_path)), str(link)]) == 1
    printed = capsys.readouterr().out.strip()
    assert "is a symbolic link" in printed and "publish into the folder it points to" in printed
    assert len(printed.splitlines()) == 1 and "Traceback" not in printed
    assert list(real.iterdir()) == []


def test_an_output_folder_that_cannot_be_written_gets_a_sentence(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert main(["publish", str(_story(tmp_path)), str(blocker / "site")]) == 1
    printed = capsys.readouterr().out.strip()
    assert printed.endswith("a-file: is a file, so no folder can be made inside it — choose another")
    assert len(printed.splitlines()) == 1


def test_a_folder_the_author_may_not_write_gets_a_sentence(tmp_path, monkeypatch, capsys):
    # The tests may run as root, which may write anywhere: the operating system's refusal is simulated.
    real = tempfile.mkdtemp

    def denied(*args, **kwargs):
        if kwargs.get("dir") == tmp_path:  # the staging folder beside the site, nothing else
            raise PermissionError(13, "Permission denied")
        return real(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkdtemp", denied)
    assert main(["publish", str(_story(tmp_path)), str(tmp_path / "site")]) == 1
    printed = capsys.readouterr().out.strip()
    assert "could not write the site there (Permission denied)" in printed
    assert len(printed.splitlines()) == 1 and "Traceback" not in printed


def test_the_story_module_the_engine_imports_is_preloaded_beside_it_on_every_page(site):
    for page in (p for p in site.files if p.name == "index.html"):
        html = page.read_text()
        story = re.search(r'data-story-module="([^"]+)"', html)[1]
        assert re.findall(r'<link rel="modulepreload" href="([^"]+)"', html) == [story], page


def test_a_site_an_earlier_version_published_is_replaced_without_touching_the_rest(tmp_path):
    out = _pages_folder(tmp_path)
    (out / MARKER).write_text("written by python -m story publish; the next publish replaces this folder\n")
    (out / "index.html").write_text("the earlier version's page")  # the marker said the folder was publish's
    (out / "_static").mkdir()
    (out / "_static" / "story-0123456789.css").write_text("an earlier stylesheet")
    foreign = {rel: data for rel, data in _tree(out).items() if rel in ("CNAME", ".nojekyll", ".git/HEAD")}
    publish(_story(tmp_path), out, prune=True)
    after = _tree(out)
    assert b"the earlier version" not in after["index.html"] and "_static/story-0123456789.css" not in after
    assert {rel: after[rel] for rel in foreign} == foreign
