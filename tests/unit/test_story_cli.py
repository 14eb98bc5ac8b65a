"""`python -m mapstory check [PATH]`: OK lines, every problem one per line, exit codes, never a traceback."""

import json
import re
import subprocess
import sys

import pytest

import mapstory.__main__ as cli
from tests.conftest import ROOT
from tests.unit.fixtures_story.helpers import MINI, line_of, make_story

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


def test_every_problem_of_every_layer_file_in_one_run(tmp_path, capsys, monkeypatch):
    path = make_story(tmp_path)
    layers = path.parent / "layers"
    west = layers / "west.geojson"
    west.write_text(west.read_text().replace('"confidence": "approximate"', '"confidence": "sure"'))
    road = json.loads((layers / "road.geojson").read_text())
    road["features"][0]["properties"] = {}
    (layers / "road.geojson").write_text(json.dumps(road))
    monkeypatch.chdir(path.parent)
    assert cli.main(["check", "story.yaml"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "layers/west.geojson: feature 'Held by Ukraine': confidence: 'sure' is not a confidence level — use one of "
        "gazetteer, assessed, approximate, schematic",
        "layers/road.geojson: feature #1: label: is missing — give every feature a 'label': the name readers see",
        "layers/road.geojson: feature #1: source: is missing — give the feature its own 'source', or set source: "
        "on the layer in the story file for all",
        "layers/road.geojson: feature #1: confidence: is missing — give the feature its own 'confidence', or set "
        "confidence: on the layer in the story file for all",
    ]  # as_of is inherited from the story: not a problem


def test_broken_geojson_is_a_sentence_about_the_file(tmp_path, capsys, monkeypatch):
    path = make_story(tmp_path)
    (path.parent / "layers" / "road.geojson").write_text("{not json")
    monkeypatch.chdir(path.parent)
    assert cli.main(["check", "story.yaml"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "layers/road.geojson: is not valid JSON: a property name is not in double quotes at line 1, column 2 — "
        """quote names with double quotes: "label", not label or 'label'"""
    ]


def test_the_story_package_alone_still_checks_layer_files_as_json(tmp_path, monkeypatch):
    from story.loader import StoryError, load_story

    monkeypatch.setitem(sys.modules, "geo", None)  # import geo → ImportError: fall back to a JSON check
    monkeypatch.setitem(sys.modules, "geo.io", None)
    path = make_story(tmp_path)
    (path.parent / "layers" / "road.geojson").write_text("{not json")
    with pytest.raises(StoryError) as info:
        load_story(path, read_layers=True)
    assert "layers/road.geojson: is not readable JSON" in str(info.value)


def test_a_check_past_the_time_limit_is_a_sentence_not_a_hang(capsys, monkeypatch):
    monkeypatch.setenv("STORY_BUILD_SECONDS", "0.5")  # the app's limit, which check shares
    assert cli.main(["check", str(MINI / "story.yaml")]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "tests/unit/fixtures_story/mini/story.yaml: the story took longer than 0.5 s to build, the limit for any "
        "story — "
        "make its layers lighter (fewer vertices and features) or split the story; on a bigger server, "
        "STORY_BUILD_SECONDS and STORY_BUILD_MEMORY_MB raise the limits"
    ]


def test_usage_error_exits_2():
    with pytest.raises(SystemExit) as info:
        cli.main([])
    assert info.value.code == 2


def test_module_runs_as_a_subprocess():
    result = subprocess.run(
        [sys.executable, "-m", "mapstory", "check", str(MINI / "story.yaml")],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("OK: tests/unit/fixtures_story/mini/story.yaml (2 chapters, 3 layers)")


def test_the_old_command_says_where_the_command_line_went():
    result = subprocess.run(
        [sys.executable, "-m", "story", "check", "x/story.yaml"],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == "python -m story is now python -m mapstory: run python -m mapstory check x/story.yaml\n"


def test_check_warns_of_a_faint_colour_with_its_line_and_still_passes(tmp_path, capsys):
    path = make_story(tmp_path, ('{color: "#1f5fbf", fill_color', '{color: "#b8c4d6", fill_color'))
    assert cli.main(["check", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].startswith("OK: ")
    (warning,) = out[1:]
    line = line_of(path, "#b8c4d6")
    assert warning.startswith("warning: ") and LINE.match(warning.removeprefix("warning: "))
    assert f"story.yaml:{line}: layers[west].style.color: #b8c4d6 is 1.5:1 against the fill of 'town'" in warning
    assert "needs 3:1" in warning and "use a darker colour, e.g. #" in warning
