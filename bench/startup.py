"""Figures 4, 5 and 6 on a running server: cold and warm starts, server memory per session, build reuse.

Cold start: from starting the server process to the first chapter and its map in a reader's DOM (the browser
is already running). Warm start: a new reader (fresh browser context, empty cache) on a running server, from
navigation start to the same moment (the page's own performance.now()). Server memory: RSS of the server's
process tree, idle (no session yet), with 1 and with N readers open at once (N pages of one browser context:
N Streamlit sessions). Server CPU per session: CPU time the server used for one new reader, including the
first chapter's settle report.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.apps import OURS, App, open_reader
from bench.browser import new_context
from bench.procs import cpu_seconds, drain, rss_bytes
from bench.stats import summary
from tests.browser.server import streamlit_server

MB = 1024 * 1024
SETTLE_S = 0.8  # after ready: the page's first settle report (400 ms) and its rerun are part of opening


def cold_start(browser: Any, app: App, first: str) -> float:
    """One server start to a ready page, in seconds; the server is stopped again."""
    t0 = time.monotonic()
    with streamlit_server(app.script, env=app.env) as (base, proc):
        drain(proc)
        reader = open_reader(browser, base, app, first)
        seconds = reader.ready_at - t0
        reader.close()
    return seconds


def warm_starts(browser: Any, base: str, pid: int, app: App, first: str, runs: int) -> dict[str, Any]:
    ms, cpu = [], []
    for _ in range(runs):
        c0 = cpu_seconds(pid)
        reader = open_reader(browser, base, app, first)
        reader.page.wait_for_timeout(SETTLE_S * 1000)
        cpu.append((cpu_seconds(pid) - c0) * 1000)
        ms.append(reader.ready_ms)
        reader.close()
    return {"ms": summary(ms), "server_cpu_ms_per_session": summary(cpu)}


def memory(browser: Any, base: str, pid: int, app: App, first: str, sessions: int, idle: int) -> dict[str, Any]:
    """RSS with 1 and with `sessions` readers open at once; `idle` was measured before any reader came."""
    ctx, _net = new_context(browser)
    readers = []
    try:
        readers.append(open_reader(browser, base, app, first, ctx=ctx))
        readers[0].page.wait_for_timeout(SETTLE_S * 1000)
        one = rss_bytes(pid)
        for _ in range(sessions - 1):
            readers.append(open_reader(browser, base, app, first, ctx=ctx))
        readers[-1].page.wait_for_timeout(SETTLE_S * 1000)
        many = rss_bytes(pid)
    finally:
        ctx.close()
    return {
        "idle_mb": round(idle / MB, 1),
        "one_session_mb": round(one / MB, 1),
        "sessions": sessions,
        "many_sessions_mb": round(many / MB, 1),
        "per_extra_session_mb": round((many - one) / MB / max(1, sessions - 1), 2),
    }


def build_reuse(browser: Any, first: str, sessions: int, story_path: str) -> dict[str, Any]:
    """Run the app with its builds logged (bench/counted_app.py) and open `sessions` readers one after another."""
    with tempfile.TemporaryDirectory() as tmp:
        log = Path(tmp) / "builds.jsonl"
        log.touch()
        app = App(
            "ours-counted",
            "bench/counted_app.py",
            OURS.ready_js,
            env={"BENCH_BUILD_LOG": str(log), "STORY": story_path},
        )
        with streamlit_server(app.script, env=app.env) as (base, proc):
            drain(proc)
            for _ in range(sessions):
                open_reader(browser, base, app, first).close()
        builds = [json.loads(line) for line in log.read_text().splitlines() if line.strip()]
    return {
        "sessions": sessions,
        "builds": len(builds),
        "server_build_s": round(builds[0]["seconds"], 3) if builds else None,
        "server_build_stages_s": {k: round(v, 3) for k, v in builds[0]["stages"].items()} if builds else None,
    }
