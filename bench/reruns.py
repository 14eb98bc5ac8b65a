"""Figure 2: Python reruns during a full read, first chapter to last.

Counted as the websocket frames the browser sends to the server while reading (each rerun request is one
BackMsg frame), as tests/browser/test_share_and_layers.py counts them.
"""

from __future__ import annotations

import time
from typing import Any

from bench.apps import Reader, wait_script_idle
from bench.switching import BASELINE_SWITCH


def _sent_since(reader: Reader, t: float) -> int:
    return sum(1 for at, _ in reader.sent if at >= t)


def _counted(reader: Reader, start: float, chapters: list[str]) -> dict[str, Any]:
    reruns = _sent_since(reader, start)
    return {
        "chapters": len(chapters),
        "reruns": reruns,
        "per_chapter": round(reruns / len(chapters), 2),
        "bytes_received": sum(n for at, n in reader.received if at >= start),  # what each rerun sent back
    }


def _settled_on(page: Any, chapter: str) -> None:
    page.wait_for_function(
        "(id) => new URLSearchParams(location.search).get('chapter') === id", arg=chapter, timeout=10_000
    )
    page.wait_for_timeout(800)  # past the settle delay and the rerun it causes


def ours(reader: Reader, chapters: list[str], pause_ms: int = 700, step_px: int = 250) -> dict[str, Any]:
    """Two reads on one page. Paced: J to each chapter and stay past the settle delay, as a reader reading does.
    Skim: back to the top, then scroll to the end at a steady pace, as a reader skimming does."""
    page = reader.page
    page.wait_for_timeout(600)  # the first chapter's own settle report is part of opening, not of reading
    start = time.monotonic()
    page.mouse.move(5, 5)
    for _ in chapters[1:]:
        page.keyboard.press("j")
        page.wait_for_timeout(pause_ms)
    _settled_on(page, chapters[-1])
    paced = _counted(reader, start, chapters)

    page.locator(f"[data-goto={chapters[0]}]").click()
    _settled_on(page, chapters[0])
    start = time.monotonic()
    box = page.locator("[data-ms-scroller]").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 300)
    for _ in range(400):
        page.mouse.wheel(0, step_px)
        page.wait_for_timeout(40)
        if page.evaluate("() => window.__mapstory.state().chapter") == chapters[-1]:
            break
    _settled_on(page, chapters[-1])
    skim = _counted(reader, start, chapters)
    return {
        "paced": paced,
        "skim": skim,
        "per_chapter": max(paced["per_chapter"], skim["per_chapter"]),
    }


def baseline(reader: Reader, chapters: list[str]) -> dict[str, Any]:
    """Pick each chapter in turn with the radio, waiting for its map each time."""
    page = reader.page
    page.wait_for_timeout(600)
    start = time.monotonic()
    for i in range(1, len(chapters)):
        page.evaluate(BASELINE_SWITCH, [i, chapters[i]])
        wait_script_idle(page)
    page.wait_for_timeout(800)
    return _counted(reader, start, chapters)
