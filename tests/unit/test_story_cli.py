"""`python -m story check [PATH]`: OK lines, every problem one per line, exit codes, never a traceback."""

import re
import subprocess
import sys
import types

import pytest

import story.__main__ as cli
from tests.conftest import ROOT
from tests.unit.fixtures_story.helpers import MINI, make_story

LINE = re.compile(r"^\S+:\d+: (chapter '[^']+': )?[\w.\[\]#-]*: .+ — .+$")


def test_check_ok(capsys):
    assert cli.main(["check", str(MINI / "story.yaml")]) == 0
    out = capsys.readouterr().out.strip()
    assert out.startswith("OK: ") and out.endswith("story.yaml (2 chapters, 3 layers)")


def test_check_accepts_a_folder(capsys):
    assert cli.main(["check", str(MINI)]) == 0
    assert "OK:" in capsys.readouterr().out


def test_check_prints_every_problem_and_fails(tmp_path, capsys):
    path = make_story(
        tmp_path,
        ("highlight: [west]", "highlight: [wset]"),
        ("published: 2023-04-15", "published: soon"),
    )
    assert cli.main(["check", str(path)]) == 1
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and all(LINE.match(line) for line in lines), lines


def test_yaml_error_is_a_problem_not_a_traceback(tmp_path, capsys):
    path = make_story(tmp_path, text="title: [unclosed\n")
    assert cli.main(["check", str(path)]) == 1
    out = capsys.readouterr().out
    assert "Traceback" not in out and re.search(r"story\.yaml:\d+: YAML syntax error", out)


def test_no_argument_checks_every_shipped_story(tmp_path, capsys, monkeypatch):
    stories = tmp_path / "stories"
    stories.mkdir()
    for name in ("one", "two"):
        make_story(tmp_path / name).parent.rename(stories / name)
    monkeypatch.setattr(cli, "SHIPPED_STORIES_DIR", stories)
    assert cli.main(["check"]) == 0
    assert capsys.readouterr().out.count("OK: ") == 2


def test_no_stories_found_fails(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(cli, "SHIPPED_STORIES_DIR", tmp_path)
    assert cli.main(["check"]) == 1
    assert "no stories found" in capsys.readouterr().out


def test_layer_files_are_read_through_geo_io(tmp_path, capsys, monkeypatch):
    class GeoDataError(Exception):
        pass

    seen = []

    def read_layer(path, bbox=None):
        seen.append((path.name, bbox))
        if path.name == "west.geojson":
            raise GeoDataError("feature 1 has no 'as_of' property.")

    geo = types.ModuleType("geo")
    geo_io = types.ModuleType("geo.io")
    geo_io.read_layer, geo_io.GeoDataError, geo.io = read_layer, GeoDataError, geo_io
    monkeypatch.setitem(sys.modules, "geo", geo)
    monkeypatch.setitem(sys.modules, "geo.io", geo_io)
    path = make_story(tmp_path)
    assert cli.main(["check", str(path)]) == 1
    out = capsys.readouterr().out.strip()
    assert len(seen) == 3 and seen[0][1] == (36.50, 46.85, 39.10, 49.26)
    assert re.match(r".+story\.yaml:\d+: layers\[west\]\.file: feature 1 has no 'as_of' property\. — fix ", out)


def test_real_geo_io_reports_a_bad_feature(tmp_path, capsys):
    pytest.importorskip("geo.io")
    path = make_story(tmp_path)
    layer = path.parent / "layers" / "west.geojson"
    layer.write_text(layer.read_text().replace('"confidence": "approximate"', '"confidence": "sure"'))
    assert cli.main(["check", str(path)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "layers[west].file:" in out[0] and "'sure'" in out[0]
    assert out[0].count(" — ") == 1


def test_broken_geojson_without_geo(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "geo", None)  # import geo → ImportError: fall back to a JSON check
    path = make_story(tmp_path)
    (path.parent / "layers" / "road.geojson").write_text("{not json")
    assert cli.main(["check", str(path)]) == 1
    assert "layers[road].file: layers/road.geojson is not readable JSON" in capsys.readouterr().out


def test_usage_error_exits_2():
    with pytest.raises(SystemExit) as info:
        cli.main([])
    assert info.value.code == 2


def test_module_runs_as_a_subprocess():
    result = subprocess.run(
        [sys.executable, "-m", "story", "check", str(MINI / "story.yaml")],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: tests/unit/fixtures_story/mini/story.yaml (2 chapters, 3 layers)")
