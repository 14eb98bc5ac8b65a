"""`python -m bench --quick` runs end to end and writes every figure's key. Timings are never asserted here:
these machines are shared and noisy; the numbers are read in bench/results.json, not judged by tests."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"

pytestmark = [pytest.mark.bench, pytest.mark.browser, pytest.mark.timeout(180)]

FIGURES = {
    "switch": {"ours", "baseline", "speedup_p50", "speedup_p95"},
    "reruns": {"ours", "baseline"},
    "weight": {"ours", "baseline", "folium_default_page"},
    "startup": {"ours", "baseline"},
    "memory": {"ours", "baseline"},
    "build": {"fresh_process", "repeated_in_process", "reuse", "server_cpu_ms"},
    "densify": {"shipped", "unsimplified"},
}


@pytest.fixture(scope="module")
def quick_results(tmp_path_factory):
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium not found at {CHROMIUM}: CI must run the benchmark smoke test")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    out = tmp_path_factory.mktemp("bench") / "results.json"
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=170,
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    assert out.exists(), "the benchmark did not write its results file"
    return json.loads(out.read_text(encoding="utf-8")), proc.stdout


def test_quick_run_writes_every_figure(quick_results):
    results, _ = quick_results
    assert {"meta", "plan", "figures", "budgets", "table", "chapters"} <= set(results)
    assert results["plan"]["quick"] is True
    for name, keys in FIGURES.items():
        assert keys <= set(results["figures"][name]), name
    ours = results["figures"]["switch"]["ours"]
    assert {"all", "scroll", "key"} <= set(ours)
    assert {"p50", "p95", "n"} <= set(ours["all"]["to_painted_ms"])
    assert {"1x", "4x", "16x"} <= set(results["figures"]["densify"]["shipped"])


def test_meta_names_the_machine_and_versions(quick_results):
    meta = quick_results[0]["meta"]
    assert {"date", "cpu_count", "chromium", "versions", "python"} <= set(meta)
    assert {"streamlit", "folium", "streamlit-folium"} <= set(meta["versions"])


def test_budgets_are_reported_and_the_table_printed(quick_results):
    results, stdout = quick_results
    assert results["budgets"] and all({"name", "budget", "value", "met"} <= set(b) for b in results["budgets"])
    assert stdout.startswith("| # | Figure |")
    assert results["table"] in stdout


def test_reach_runs_end_to_end_and_reports_every_host(tmp_path):
    """`python -m bench reach --runs 1`: the published site, the app and the baseline on emulated Slow 4G."""
    out = tmp_path / "reach.json"
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "reach", "--runs", "1", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=170,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    results = json.loads(out.read_text())
    for host in ("site", "app", "baseline"):
        assert {"slow_4g_s", "unthrottled_s", "wire_bytes", "decoded_bytes"} <= set(results[host])
    assert set(results["budgets"]) == {"bytes", "wire", "slow_4g", "speedup"}
    assert "Published site" in proc.stdout and results["publish_s"] > 0
