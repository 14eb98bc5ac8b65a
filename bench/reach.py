"""Reach: a new reader's wait and download for the first chapter with its map, on a slow phone network — the
published static site against the app and the usual st_folium build, in one run (`python -m bench reach`).

Chromium's own network emulation (CDP Network.emulateNetworkConditions) stands for the network: "Slow 4G" is
150 ms round trip and 1.6 Mbit/s down, 750 kbit/s up. The published site is served with its .gz copies, as a CDN
serves it (page/siteserver.py); the apps by `streamlit run`, as they ship. Tiles are refused at once (no network
here), so every figure leaves them out. Bytes are what the page fetched over HTTP before it was ready (resource
timing: on the wire and decoded), plus, for the apps, the websocket frames received.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.apps import BASELINE, OURS, App, open_reader
from bench.browser import chromium, new_context
from page.siteserver import CSP, serve

SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}
SITE = App("site", "", OURS.ready_js)  # the same engine, so the same "ready"
BYTES_BUDGET = 350_000  # decoded, before the first chapter and its map
WIRE_BUDGET = 120_000  # compressed, on the wire
SLOW_4G_BUDGET_S = 3.0
SPEEDUP_OVER_APP = 5

# Bytes fetched over HTTP up to now: the document and every resource, on the wire and decoded.
RESOURCE_BYTES = """() => {
  const all = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
    .filter((e) => !e.name.includes('tile.openstreetmap.org'));
  return {wire: all.reduce((s, e) => s + (e.transferSize || 0), 0),
          decoded: all.reduce((s, e) => s + (e.decodedBodySize || 0), 0), requests: all.length};
}"""


def _one(browser: Any, base: str, app: App, first: str, throttle: dict[str, Any] | None) -> dict[str, Any]:
    ctx, _net = new_context(browser)
    try:
        prepare = (lambda c, p: _throttle(c, p, throttle)) if throttle else None
        reader = open_reader(browser, base, app, first, ctx=ctx, timeout_ms=120_000, prepare=prepare)
        got = reader.page.evaluate(RESOURCE_BYTES)
        ws = sum(n for at, n in reader.received if at <= reader.ready_at)
        return {"ready_s": round(reader.ready_ms / 1000, 2), **got, "ws_bytes": ws}
    finally:
        ctx.close()


def _throttle(ctx: Any, page: Any, conditions: dict[str, Any]) -> None:
    # Before the page navigates, so its very first request is slowed too.
    cdp = ctx.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", conditions)


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return round(statistics.median(r[key] for r in runs), 2)


def measure(story_path: str, *, runs: int = 3, log: Any = print) -> dict[str, Any]:
    from page.publish import publish
    from story.loader import load_story
    from tests.browser.server import streamlit_server

    first = load_story(story_path).chapters[0].id
    out: dict[str, Any] = {"network": "Slow 4G (150 ms RTT, 1.6 Mbit/s down)", "runs": runs}
    with tempfile.TemporaryDirectory() as tmp:
        times = []
        for _ in range(3):
            t0 = time.perf_counter()
            publish(story_path, Path(tmp) / "site")
            times.append(time.perf_counter() - t0)
        out["publish_s"] = round(statistics.median(times), 2)
        with chromium() as browser:
            with serve(Path(tmp) / "site", csp=CSP) as base:
                log("reach: the published site, Slow 4G and unthrottled")
                slow = [_one(browser, base, SITE, first, SLOW_4G) for _ in range(runs)]
                fast = [_one(browser, base, SITE, first, None) for _ in range(runs)]
                out["site"] = _summary(slow, fast)
            for app in (OURS, BASELINE):
                with streamlit_server(app.script, env={"STORY": story_path}) as (base, _proc):
                    open_reader(browser, base, app, first).close()  # the server's first build is not the reader's
                    log(f"reach: {app.name}, Slow 4G and unthrottled")
                    slow = [_one(browser, base, app, first, SLOW_4G) for _ in range(runs)]
                    fast = [_one(browser, base, app, first, None) for _ in range(runs)]
                    out["app" if app is OURS else "baseline"] = _summary(slow, fast)
    out["speedup_over_app"] = round(out["app"]["slow_4g_s"] / out["site"]["slow_4g_s"], 1)
    out["speedup_over_baseline"] = round(out["baseline"]["slow_4g_s"] / out["site"]["slow_4g_s"], 1)
    out["budgets"] = {
        "bytes": out["site"]["decoded_bytes"] <= BYTES_BUDGET,
        "wire": out["site"]["wire_bytes"] <= WIRE_BUDGET,
        "slow_4g": out["site"]["slow_4g_s"] <= SLOW_4G_BUDGET_S,
        "speedup": out["speedup_over_app"] >= SPEEDUP_OVER_APP,
    }
    return out


def _summary(slow: list[dict[str, Any]], fast: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "slow_4g_s": _median(slow, "ready_s"),
        "slow_4g_all_s": [r["ready_s"] for r in slow],
        "unthrottled_s": _median(fast, "ready_s"),
        "wire_bytes": int(_median(fast, "wire")),
        "decoded_bytes": int(_median(fast, "decoded")),
        "requests": int(_median(fast, "requests")),
        "ws_bytes": int(_median(fast, "ws_bytes")),
    }


def table(r: dict[str, Any]) -> str:
    s, a, b = r["site"], r["app"], r["baseline"]

    def kb(n: int) -> str:
        return f"{n / 1000:.0f} KB"

    def met(ok: bool) -> str:
        return "met" if ok else "**not met**"

    rows = [
        ("Figure", "Published site", "App (streamlit run)", "Baseline (st_folium)", "Budget (site)", "Met"),
        (
            "First chapter with its map, Slow 4G, p50 (s)",
            str(s["slow_4g_s"]),
            str(a["slow_4g_s"]),
            str(b["slow_4g_s"]),
            f"≤ {SLOW_4G_BUDGET_S:g} s",
            met(r["budgets"]["slow_4g"]),
        ),
        (
            "… site's speed-up over the app / the baseline",
            f"{r['speedup_over_app']}× / {r['speedup_over_baseline']}×",
            "",
            "",
            f"≥ {SPEEDUP_OVER_APP}× (app)",
            met(r["budgets"]["speedup"]),
        ),
        ("… unthrottled (s)", str(s["unthrottled_s"]), str(a["unthrottled_s"]), str(b["unthrottled_s"]), "", ""),
        (
            "HTTP bytes before it, decoded",
            kb(s["decoded_bytes"]),
            kb(a["decoded_bytes"]),
            kb(b["decoded_bytes"]),
            f"≤ {kb(BYTES_BUDGET)}",
            met(r["budgets"]["bytes"]),
        ),
        (
            "HTTP bytes before it, on the wire",
            kb(s["wire_bytes"]),
            kb(a["wire_bytes"]),
            kb(b["wire_bytes"]),
            f"≤ {kb(WIRE_BUDGET)}",
            met(r["budgets"]["wire"]),
        ),
        (
            "Websocket bytes before it / HTTP requests",
            f"0 / {s['requests']}",
            f"{kb(a['ws_bytes'])} / {a['requests']}",
            f"{kb(b['ws_bytes'])} / {b['requests']}",
            "",
            "",
        ),
        ("Publish time, the whole site (s)", str(r["publish_s"]), "", "", "", ""),
    ]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * len(rows[0])]
    return "\n".join(lines + ["| " + " | ".join(row) + " |" for row in rows[1:]])
