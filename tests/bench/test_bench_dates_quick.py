"""`python -m bench dates` runs end to end and times every date and chapter switch it makes. Timings are never
asserted: shared machines."""

from __future__ import annotations

import json

import pytest

from tests.bench.runner import run_bench

pytestmark = [pytest.mark.bench, pytest.mark.browser, pytest.mark.timeout(240)]


def test_a_date_switch_is_measured_beside_a_chapter_switch(tmp_path):
    out = tmp_path / "dates.json"
    proc = run_bench("dates", "--rounds", "2", "--out", str(out), timeout=230)
    r = json.loads(out.read_text(encoding="utf-8"))
    # Every switch made was seen in the DOM and painted: two date presses, two chapter presses.
    for kind in ("date", "chapter"):
        assert r[kind]["to_painted_ms"]["n"] == 2, r
        assert r[kind]["to_dom_ms"]["p50"] <= r[kind]["to_painted_ms"]["p50"]
    assert "| Date (← / → on the date buttons) |" in proc.stdout
