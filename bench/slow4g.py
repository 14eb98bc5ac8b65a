"""A fresh reader on Slow-4G (bench/reach.py's emulation: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up): time
to the first chapter and its map, and the bytes on the wire — for `python -m bench load`, against any base URL
(the app directly, or nginx in front of it)."""

from __future__ import annotations

from typing import Any

from bench.apps import OURS
from bench.reach import SLOW_4G, _one
from bench.stats import summary


def warm_up(browser: Any, url: str, first: str) -> None:
    """One reader at full speed, not counted: the server builds the story for it."""
    _one(browser, url, OURS, first, None)


def first_chapter(browser: Any, url: str, first: str, runs: int) -> dict[str, Any]:
    """`runs` fresh readers (empty cache each) on Slow-4G: seconds to the first chapter, and the KB its HTTP
    responses carried on the wire (`transferred_kb`) and the websocket frames received before it (`ws_kb`)."""
    got = [_one(browser, url, OURS, first, SLOW_4G) for _ in range(runs)]
    return {
        "first_chapter_s": summary([g["ready_s"] for g in got], 1),
        "transferred_kb": summary([g["wire"] / 1000 for g in got], 0),
        "ws_kb": summary([g["ws_bytes"] / 1000 for g in got], 0),
    }
