"""`python -m bench points` runs end to end on a small layer and writes every figure of its curve. Timings are
never asserted: shared machines."""

from __future__ import annotations

import json

import pytest

from tests.bench.runner import run_bench

pytestmark = [pytest.mark.bench, pytest.mark.browser, pytest.mark.timeout(240)]


def test_the_point_curve_is_measured_and_written(tmp_path):
    out = tmp_path / "points.json"
    proc = run_bench("points", "--counts", "300,600", "--rounds", "1", "--out", str(out), timeout=230)
    r = json.loads(out.read_text(encoding="utf-8"))
    assert list(r["sizes"]) == ["300", "600"]
    for size in r["sizes"].values():
        assert size["ready_s"] > 0 and size["module_bytes"] > 0
        # Every switch of one pass through the story was timed, and the points' own switches among them.
        assert size["all"]["to_painted_ms"]["n"] >= 6 and size["points"]["to_painted_ms"]["n"] >= 2
    assert "| 300 |" in proc.stdout and "| 600 |" in proc.stdout
