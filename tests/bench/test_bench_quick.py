"""`python -m bench --quick` runs end to end and writes every figure's key. Timings are never asserted here:
these machines are shared and noisy; the numbers are read in bench/results.json, not judged by tests."""

from __future__ import annotations

import json

import pytest

from tests.bench.runner import run_bench

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
    out = tmp_path_factory.mktemp("bench") / "results.json"
    proc = run_bench("--quick", "--out", str(out), timeout=170)
    assert out.exists(), "the benchmark did not write its results file"
    return json.loads(out.read_text(encoding="utf-8")), proc.stdout


def test_quick_run_writes_every_figure(quick_results):
    results, _ = quick_results
    assert {"meta", "plan", "figures", "budgets", "table", "chapters"} <= set(results)
    assert results["plan"]["quick"] is True
    for name, keys in FIGURES.items():
        assert keys <= set(results["figures"][name]), name
    assert {"1x", "4x", "16x"} <= set(results["figures"]["densify"]["shipped"])


def test_every_switch_made_was_timed_in_order(quick_results):
    """Counts and order, never speed: every scroll and key switch was seen in the map's DOM and then painted."""
    ours = quick_results[0]["figures"]["switch"]["ours"]
    assert ours["all"]["to_painted_ms"]["n"] == ours["scroll"]["to_painted_ms"]["n"] + ours["key"]["to_painted_ms"]["n"]
    for how in ("scroll", "key"):
        painted, dom = ours[how]["to_painted_ms"], ours[how]["to_dom_ms"]
        assert painted["n"] == dom["n"] > 0
        assert 0 < dom["min"] <= dom["p50"] <= dom["p95"] <= dom["max"]
        assert dom["p50"] <= painted["p50"]  # the DOM changes before the frame that shows it is painted


def test_the_measured_facts_that_are_not_timings(quick_results):
    figures = quick_results[0]["figures"]
    # Reading never reruns the app's script; the baseline reruns on its switches.
    assert figures["reruns"]["ours"]["per_chapter"] == 0 and figures["reruns"]["baseline"]["reruns"] > 0
    # No third-party CDN: nothing but tiles leaves the machine.
    weight = figures["weight"]["ours"]
    assert weight["cdn_bytes"] == 0 and weight["non_tile_foreign_requests"] == 0
    # Several sessions share one build of the story.
    assert figures["build"]["reuse"]["builds"] == 1
    # Heavier input geometry is simplified to the same page: the page's vertices do not grow with the input's.
    shipped = figures["densify"]["shipped"]
    assert shipped["1x"]["input_vertices"] < shipped["4x"]["input_vertices"] < shipped["16x"]["input_vertices"]
    assert shipped["16x"]["page_vertices"] <= 1.1 * shipped["1x"]["page_vertices"]


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
    proc = run_bench("reach", "--runs", "1", "--out", str(out), timeout=170)
    results = json.loads(out.read_text())
    for host in ("site", "app", "baseline"):
        assert {"slow_4g_s", "unthrottled_s", "wire_bytes", "decoded_bytes"} <= set(results[host])
    assert set(results["budgets"]) == {"bytes", "wire", "slow_4g", "speedup"}
    assert "Published site" in proc.stdout and results["publish_s"] > 0
