"""`python -m bench load --quick` runs end to end: protocol-level sessions get their first render without errors,
and both Slow-4G figures (directly and through nginx) are written. Timings are never asserted: shared machines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.server import CHROMIUM, NGINX

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [pytest.mark.bench, pytest.mark.browser, pytest.mark.timeout(240)]


@pytest.fixture(scope="module")
def load_results(tmp_path_factory):
    for tool, name in ((CHROMIUM, "chromium"), (NGINX, "nginx")):
        if not os.path.exists(tool):
            if os.environ.get("CI") == "true":
                pytest.fail(f"{name} not found: CI must run the load benchmark's smoke test")
            pytest.skip(f"Debian's {name} is not installed")
    out = tmp_path_factory.mktemp("bench") / "load.json"
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "load", "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=230,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return json.loads(out.read_text(encoding="utf-8")), proc.stdout


def test_sessions_speak_streamlits_protocol_and_render_without_errors(load_results):
    results, _ = load_results
    cap = results["capacity"]["gc_off"]
    five = cap["concurrent_5"]
    assert five["sessions"] == 5 and five["errors"] == 0, five["error_examples"]
    assert five["first_render_ms"]["n"] == 5
    assert {"cpu_ms_per_session", "rss_mb_per_session", "server_cpu_s"} <= set(five)
    assert cap["rate"]["steps"] and "sessions_per_s" in cap["rate"]


def test_slow_4g_is_measured_directly_and_through_nginx(load_results):
    results, stdout = load_results
    for key in ("slow4g_direct", "slow4g_nginx"):
        assert results[key]["first_chapter_s"]["n"] == 1
        assert results[key]["transferred_kb"]["p50"] > 0
    # gzip in nginx: the same page costs fewer bytes on the wire through it.
    assert results["slow4g_nginx"]["transferred_kb"]["p50"] < results["slow4g_direct"]["transferred_kb"]["p50"]
    assert results["table"] in stdout
