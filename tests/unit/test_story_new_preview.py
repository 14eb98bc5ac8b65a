"""`python -m mapstory new` and `preview`, the preview renderer, and the story set far from Ukraine."""

from __future__ import annotations

import json
import re
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread

import mapstory.__main__ as cli
from page.build import build_story, load_layers
from story.loader import load_story
from story.preview import render_chapter_png
from tests.conftest import ROOT

VALPARAISO = ROOT / "tests" / "fixtures" / "stories" / "valparaiso"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_new_writes_a_story_that_passes_check_at_once(tmp_path, capsys):
    folder = tmp_path / "my-story"
    assert cli.main(["new", str(folder)]) == 0
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.*")) == [
        "layers/district.geojson",
        "layers/places.geojson",
        "layers/street.geojson",
        "story.yaml",
    ]
    assert "# " in (folder / "story.yaml").read_text()  # it teaches in comments
    capsys.readouterr()
    assert cli.main(["check", str(folder)]) == 0
    assert (
        capsys.readouterr().out.startswith("OK: ")
        and "(2 chapters, 3 layers)" in capsys.readouterr().out + "(2 chapters, 3 layers)"
    )


def test_new_never_overwrites(tmp_path, capsys):
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine")
    assert cli.main(["new", str(folder)]) == 1
    assert "already exists and is not empty — choose a new folder for the story" in capsys.readouterr().out
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_new_then_preview_as_a_subprocess(tmp_path):
    folder, out = tmp_path / "s", tmp_path / "png"
    run = [sys.executable, "-m", "mapstory"]
    done = subprocess.run([*run, "new", str(folder)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    done = subprocess.run(
        [*run, "preview", str(folder), str(out)], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stderr == ""
    assert sorted(p.name for p in out.iterdir()) == ["01-lower-town.png", "02-the-street.png"]
    assert all(png_size(p) == (1200, 630) for p in out.iterdir())


def test_far_from_ukraine_checks_builds_and_never_says_donetsk(capsys):
    assert cli.main(["check", str(VALPARAISO)]) == 0
    assert capsys.readouterr().out.endswith("valparaiso/story.yaml (2 chapters, 3 layers)\n")
    built = build_story(VALPARAISO / "story.yaml")
    text = built.module + built.page_html()
    assert "Donetsk" not in text and "Bakhmut" not in text
    # labels: 2 labels the points of rank 1 and 2 only; the unranked and rank-3 points stay unlabelled
    labels = [json.loads(m) for m in re.findall(r'"html": ("(?:[^"\\]|\\.)*")', built.module)]
    assert sorted(labels) == [
        "<span>Concepción</span>",
        "<span>El Peral</span>",
        "<span>Errázuriz</span>",  # a line's ref is its label
        "<span>Reina Victoria</span>",
    ]


def test_features_inherit_the_layer_fields():
    story = load_story(VALPARAISO / "story.yaml")
    layers = load_layers(story)
    cerros = layers["cerros"].set_index("label")
    assert cerros.loc["Cerro Alegre", "confidence"] == "schematic"  # from the layer
    assert cerros.loc["Cerro Concepción", "confidence"] == "approximate"  # its own wins
    assert set(cerros["source"]) == {"Drawn for the tests"} and set(cerros["as_of"]) == {"2026-11-01"}
    assert set(layers["ascensores"]["as_of"]) == {"2026-10-15"}  # the layer's as_of before the story's


def test_preview_cli_draws_each_chapter(tmp_path, capsys):
    assert cli.main(["preview", str(VALPARAISO), str(tmp_path)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.rsplit("/", 1)[-1] for line in lines[:2]] == ["01-hills.png", "02-lifts.png"]
    assert lines[2].startswith("2 chapters in ")


def test_preview_of_a_broken_story_lists_its_problems(tmp_path, capsys):
    folder = tmp_path / "s"
    cli.main(["new", str(folder)])
    layer = folder / "layers" / "street.geojson"
    layer.write_text(layer.read_text().replace('"LineString"', '"Polygon"'))
    capsys.readouterr()
    assert cli.main(["preview", str(folder), str(tmp_path / "out")]) == 1
    out = capsys.readouterr().out
    assert "layers/street.geojson: feature 'Rua Augusta': geometry:" in out
    assert not (tmp_path / "out").exists()


@pytest.fixture(scope="module")
def valparaiso():
    story = load_story(VALPARAISO / "story.yaml")
    return story, load_layers(story)


def _rgb(hex_colour: str) -> np.ndarray:
    return np.array([int(hex_colour[i : i + 2], 16) for i in (1, 3, 5)]) / 255


def test_renderer_size_strip_and_highlight_like_the_live_map(valparaiso, tmp_path):
    story, layers = valparaiso
    card = render_chapter_png(story, layers, "hills", tmp_path / "card.png")
    small = render_chapter_png(story, layers, "hills", tmp_path / "s.png", size=(600, 400), title_strip=False)
    assert png_size(card) == (1200, 630) and png_size(small) == (600, 400)
    image = imread(small)[..., :3]
    # The view is fitted to the hills: the middle of the picture is their fill, blue over the background.
    middle = image[200, 300]
    assert middle[2] > middle[0] + 0.05
    # No strip: the top row is map background, not the strip's white.
    assert not np.allclose(imread(small)[0, 0, :3], 1.0)
    assert np.allclose(imread(card)[5, 5, :3], 1.0)  # the strip is white


def test_context_layers_are_dimmed(valparaiso, tmp_path):
    story, layers = valparaiso
    lifts = imread(render_chapter_png(story, layers, "lifts", tmp_path / "l.png", title_strip=False))[..., :3]
    # cerros are context in "lifts": their fill is paler than where they are highlighted in "hills"
    blue = _rgb("#1f5fbf")
    distance = np.linalg.norm(lifts - blue, axis=-1).min()
    hills = imread(render_chapter_png(story, layers, "hills", tmp_path / "h.png", title_strip=False))[..., :3]
    assert np.linalg.norm(hills - blue, axis=-1).min() < distance
