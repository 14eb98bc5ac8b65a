"""Bakhmut export / preview: committed layers never drift from the code, stay in budget, and the CLI speaks plainly."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from geo.io import read_layer
from story.stories.bakhmut.derive.__main__ import main
from story.stories.bakhmut.derive.export import MAX_TOTAL_BYTES, export_layers
from story.stories.bakhmut.derive.layers import LAYER_IDS

ROOT = Path(__file__).resolve().parents[2]
COMMITTED = ROOT / "story" / "stories" / "bakhmut" / "layers"
OBLAST_SOURCE = ROOT / "story" / "stories" / "bakhmut" / "derive" / "data" / "source" / "donetsk_oblast_ne10m.geojson"


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("layers")
    return out, export_layers(out)


def test_committed_layers_match_a_fresh_export(exported) -> None:
    out, _ = exported
    for layer_id in LAYER_IDS:
        fresh, committed = out / f"{layer_id}.geojson", COMMITTED / f"{layer_id}.geojson"
        assert committed.read_bytes() == fresh.read_bytes(), (
            f"{committed.name} is stale: run "
            "`python -m story.stories.bakhmut.derive export story/stories/bakhmut/layers` and commit"
        )
    assert sorted(p.name for p in COMMITTED.glob("*.geojson")) == sorted(f"{i}.geojson" for i in LAYER_IDS)


def test_size_budget(exported) -> None:
    out, sizes = exported
    assert set(sizes) == set(LAYER_IDS)
    assert sum(sizes.values()) <= MAX_TOTAL_BYTES == 150 * 1024
    assert all(sizes[i] == (out / f"{i}.geojson").stat().st_size for i in LAYER_IDS)


def test_exported_files_are_wgs84_with_contract_properties(exported) -> None:
    out, _ = exported
    for layer_id in LAYER_IDS:
        raw = json.loads((out / f"{layer_id}.geojson").read_text())
        assert "crs" not in raw  # RFC 7946: WGS84 lon/lat is implied
        for feature in raw["features"]:
            assert {"label", "as_of", "source", "confidence"} <= set(feature["properties"])
            assert set(feature["properties"]) <= {"label", "as_of", "source", "confidence", "ref", "rank"}
        assert len(read_layer(out / f"{layer_id}.geojson")) == len(raw["features"])


def test_oblast_source_is_full_resolution_natural_earth() -> None:
    raw = json.loads(OBLAST_SOURCE.read_text())
    (feature,) = raw["features"]
    assert feature["properties"]["label"] == "Donetsk Oblast"
    assert "Natural Earth" in feature["properties"]["source"]
    assert len(feature["geometry"]["coordinates"][0]) > 800  # the decoded ring, not a simplified one


def test_cli_export_and_preview(tmp_path: Path, capsys) -> None:
    assert main(["export", str(tmp_path / "layers")]) == 0
    assert "total" in capsys.readouterr().out
    assert main(["preview", str(tmp_path / "preview.png")]) == 0
    assert (tmp_path / "preview.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_cli_error_is_one_sentence_and_exit_1(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    done = subprocess.run(
        [sys.executable, "-m", "story.stories.bakhmut.derive", "export", str(blocker / "layers")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("error: ") and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1
