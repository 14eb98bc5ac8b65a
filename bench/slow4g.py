"""A reader on Slow-4G (Chromium's network emulation through CDP: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s
up): time from navigation to the first chapter and its map, and the HTTP bytes the network carried on the way."""

from __future__ import annotations

import time
from typing import Any

from bench.apps import OURS_READY
from bench.browser import new_context
from bench.stats import summary

SLOW_4G = {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 750e3 / 8}


def warm_up(browser: Any, url: str, first: str) -> None:
    """One reader at full speed, not counted: the server builds the story for it."""
    ctx, _net = new_context(browser)
    try:
        page = ctx.new_page()
        page.goto(url, timeout=120_000)
        page.wait_for_function(OURS_READY, arg=first, polling="raf", timeout=120_000)
    finally:
        ctx.close()


def first_chapter(browser: Any, url: str, first: str, runs: int) -> dict[str, Any]:
    """`runs` fresh readers (empty cache each) on Slow-4G: seconds to the first chapter, and the KB its HTTP
    responses carried on the wire (the websocket's ~294 KB of story payload come on top, uncompressed either way)."""
    seconds, kilobytes = [], []
    for _ in range(runs):
        ctx, _net = new_context(browser)
        page = ctx.new_page()
        cdp = ctx.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        carried: list[float] = []
        cdp.on("Network.loadingFinished", lambda e, c=carried: c.append(e["encodedDataLength"]))
        try:
            t0 = time.monotonic()
            page.goto(url, timeout=180_000)
            page.wait_for_function(OURS_READY, arg=first, polling="raf", timeout=180_000)
            seconds.append(time.monotonic() - t0)
            kilobytes.append(sum(carried) / 1000)
        finally:
            ctx.close()
    return {"first_chapter_s": summary(seconds, 1), "transferred_kb": summary(kilobytes, 0)}
