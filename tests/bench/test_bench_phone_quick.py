"""`python -m bench phone` runs end to end on both hosts and times every switch and toggle it makes. Timings
are never asserted: shared machines."""

from __future__ import annotations

import json

import pytest

from story.loader import default_story_path, load_story
from tests.bench.runner import run_bench

pytestmark = [pytest.mark.bench, pytest.mark.browser, pytest.mark.timeout(240)]


def test_a_phone_read_is_measured_on_both_hosts(tmp_path):
    out = tmp_path / "phone.json"
    proc = run_bench("phone", "--rounds", "1", "--reads", "1", "--no-lighthouse", "--out", str(out), timeout=230)
    r = json.loads(out.read_text(encoding="utf-8"))
    story = load_story(default_story_path())
    for host in ("site", "app"):
        h = r["versions"]["after"][host]
        # Down the story by J and back up by K (a press per chapter after the first, each way), each seen and
        # painted; every layer toggled once.
        assert h["chapter_key_to_painted_ms"]["n"] == 2 * (len(story.chapters) - 1), h
        # The browser reports a key press from 16 ms: at CPU ×4 a chapter change's always is.
        assert 0 < h["chapter_key_event_timing_ms"]["n"] <= 2 * (len(story.chapters) - 1), h
        assert h["toggles"] == len(story.layers) and 0 <= h["map_resized"] <= h["toggles"]
        assert h["event_timing_ms"]["n"] == h["toggles"]
        assert h["transition_frames"]["frames"] > 0 and 0 < h["main_thread_busy_s"] < h["read_s"]
        assert h["cls_load"] >= 0 and h["cls_read"] >= h["cls_load"] - 1e-9
    assert "| Toggles that resized the map |" in proc.stdout
