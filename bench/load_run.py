"""`python -m bench load [--quick]`: the server's capacity (protocol-level sessions, bench/load.py) with Streamlit's
post-script garbage collection on and off, and Slow-4G time to the first chapter, directly and through nginx."""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any

from bench import load, slow4g
from bench.browser import chromium
from bench.procs import drain, rss_bytes
from tests.browser.server import deployment, streamlit_server


@dataclass(frozen=True)
class LoadPlan:
    quick: bool
    concurrent: tuple[int, ...]  # sessions opened at once, one round each
    rates: tuple[float, ...]  # arrival rates tried in order, sessions per second
    rate_seconds: float
    rounds_of_100: int  # repeated rounds at 100 sessions: RSS after each shows a leak
    gc_variants: tuple[bool, ...]
    slow_runs: int


LOAD_FULL = LoadPlan(False, (10, 50, 100, 200), (2, 4, 8, 12, 16, 24), 15, 3, (True, False), 3)
LOAD_QUICK = LoadPlan(True, (5,), (2,), 2, 0, (False,), 1)


def _server(gc: bool, story: str) -> Any:
    env = {"STREAMLIT_RUNNER_POST_SCRIPT_GC": "true" if gc else "false", "STORY": story}
    return streamlit_server(env=env)


def capacity(plan: LoadPlan, story: str, gc: bool, log: Callable[[str], None]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    with _server(gc, story) as (base, proc):
        drain(proc)
        out["warm_up"] = load.concurrent(base, proc.pid, 1, hold_s=0)  # builds the story once
        out["rss_idle_mb"] = round(rss_bytes(proc.pid) / 1e6, 1)
        for n in plan.concurrent:
            log(f"gc={'on' if gc else 'off'}: {n} concurrent sessions")
            out[f"concurrent_{n}"] = load.concurrent(base, proc.pid, n)
        rounds = []
        for i in range(plan.rounds_of_100):
            log(f"gc={'on' if gc else 'off'}: round {i + 1} of 100 sessions (leak check)")
            load.concurrent(base, proc.pid, 100, hold_s=0.5)
            rounds.append(round(rss_bytes(proc.pid) / 1e6, 1))
        out["rss_after_rounds_of_100_mb"] = rounds
        log(f"gc={'on' if gc else 'off'}: arrival rates {plan.rates}")
        out["rate"] = load.sustainable_rate(base, proc.pid, plan.rates, plan.rate_seconds)
    return out


def run_load(plan: LoadPlan, story: str, first_chapter: str, log: Callable[[str], None]) -> dict[str, Any]:
    t0 = time.monotonic()
    results: dict[str, Any] = {
        "meta": {"date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), "cpu_count": os.cpu_count()},
        "plan": asdict(plan),
        "capacity": {},
    }
    for gc in plan.gc_variants:
        results["capacity"]["gc_on" if gc else "gc_off"] = capacity(plan, story, gc, log)
    with chromium() as browser:
        log("Slow-4G: directly")
        with streamlit_server(env={"STORY": story}) as (base, proc):
            drain(proc)
            slow4g.warm_up(browser, base, first_chapter)
            results["slow4g_direct"] = slow4g.first_chapter(browser, base, first_chapter, plan.slow_runs)
        log("Slow-4G: through nginx (deploy/run-local.sh)")
        with deployment() as (base, _replicas, _proc):
            slow4g.warm_up(browser, base, first_chapter)
            results["slow4g_nginx"] = slow4g.first_chapter(browser, base, first_chapter, plan.slow_runs)
    results["duration_s"] = round(time.monotonic() - t0)
    results["table"] = table(results)
    return results


def table(results: dict[str, Any]) -> str:
    rows = ["| Figure | " + " | ".join(results["capacity"]) + " |", "|---|" + "---|" * len(results["capacity"])]
    caps = list(results["capacity"].values())

    def row(name: str, cell: Callable[[dict[str, Any]], Any]) -> None:
        rows.append(f"| {name} | " + " | ".join(str(cell(c)) for c in caps) + " |")

    row("Sessions/s served with p95 first render ≤ 2 s", lambda c: c["rate"]["sessions_per_s"])
    for key in [k for k in caps[0] if k.startswith("concurrent_")]:
        n = key.split("_")[1]
        row(
            f"{n} concurrent: first render p50 / p95 (ms), errors",
            lambda c, k=key: (
                f"{c[k]['first_render_ms']['p50']:.0f} / {c[k]['first_render_ms']['p95']:.0f}, {c[k]['errors']}"
            ),
        )
        row(f"{n} concurrent: server CPU per session (ms)", lambda c, k=key: c[k]["cpu_ms_per_session"])
        row(f"{n} concurrent: RSS per open session (MB)", lambda c, k=key: c[k]["rss_mb_per_session"])
    row("RSS idle → after each round of 100 (MB)", lambda c: f"{c['rss_idle_mb']} → {c['rss_after_rounds_of_100_mb']}")
    out = "\n".join(rows)
    d, n = results["slow4g_direct"], results["slow4g_nginx"]
    out += (
        "\n\n| Slow-4G (150 ms, 1.6 Mbit/s), fresh reader | first chapter p50 (s) | HTTP on the wire p50 (KB) "
        "| websocket p50 (KB) |\n|---|---|---|---|"
        f"\n| directly (`streamlit run`) | {d['first_chapter_s']['p50']} | {d['transferred_kb']['p50']:.0f} "
        f"| {d['ws_kb']['p50']:.0f} |"
        f"\n| through nginx (deploy/) | {n['first_chapter_s']['p50']} | {n['transferred_kb']['p50']:.0f} "
        f"| {n['ws_kb']['p50']:.0f} |"
    )
    return out
