"""A date switch beside a chapter switch (`python -m bench dates`): what stepping the map's date costs a reader,
measured the same way as stepping a chapter.

The shipped story is published and served as a CDN would (page/siteserver.py) and read in Chromium at 1280×800,
software rendering, as the main benchmark does. Both switches are key presses: ArrowRight/ArrowLeft on the date
buttons (7 ↔ 14 April in the centre chapter) and J/K between chapters. Each is timed from the key event
(`event.timeStamp`) to the map frame's `data-when` / `data-active-chapter` in the DOM (MutationObserver) and to the
next painted frame (bench/switching.py's method). No Python runs on either switch.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from bench.apps import OURS_READY, App, open_reader
from bench.browser import chromium, new_context
from bench.stats import summary
from bench.switching import PAINTED

SITE = App("site", "", OURS_READY)
INSTALL = (
    """() => {
  const frame = document.querySelector('[data-ms-map-frame]');
  const painted = """
    + PAINTED
    + """;
  const out = (window.__benchDates = []);
  let pressed = null;
  let last = {chapter: frame.dataset.activeChapter, when: frame.dataset.when};
  document.addEventListener('keydown', (e) => { pressed = {key: e.key, at: e.timeStamp}; }, true);
  new MutationObserver(() => {
    // The page sets both attributes on every render: what changed is what differs from the last values.
    const now = {chapter: frame.dataset.activeChapter, when: frame.dataset.when};
    const kind = now.chapter !== last.chapter ? 'chapter' : now.when !== last.when ? 'date' : null;
    last = now;
    if (!pressed || !kind) return;
    const rec = {kind, key: pressed.key, activeAt: pressed.at, domAt: performance.now(), paintedAt: null};
    pressed = null;
    out.push(rec);
    painted(rec, false, null);
  }).observe(frame, {attributes: true, attributeFilter: ['data-when', 'data-active-chapter']});
}"""
)


def _read(page: Any, rounds: int) -> list[dict]:
    page.evaluate(INSTALL)
    for r in range(rounds):
        # 14 → 7 April in the centre chapter, then (the reader's date held) 7 → 14 in the next one, and back.
        page.get_by_role("button", name="Map as of 14 April 2023" if r % 2 == 0 else "Map as of 7 April 2023").focus()
        page.keyboard.press("ArrowLeft" if r % 2 == 0 else "ArrowRight")
        page.wait_for_timeout(250)
        page.locator("[data-ms-scroller]").focus()
        page.keyboard.press("j" if r % 2 == 0 else "k")
        page.wait_for_function("() => !document.querySelector('[data-ms-map-frame][data-moving]')")
        page.wait_for_timeout(250)
    return [x for x in page.evaluate("() => window.__benchDates") if x["paintedAt"] is not None]


def measure(*, rounds: int = 20, log: Any = print) -> dict[str, Any]:
    from page.publish import publish
    from page.siteserver import serve
    from story.loader import default_story_path

    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        site = Path(tmp) / "site"
        publish(str(default_story_path()), site)
        log(f"dates: published; reading {rounds} rounds")
        with serve(site) as base:
            ctx, _net = new_context(browser)
            try:
                reader = open_reader(browser, base + "?chapter=centre", SITE, "centre", ctx=ctx)
                reader.page.wait_for_timeout(600)
                records = _read(reader.page, rounds)
            finally:
                ctx.close()
    out: dict[str, Any] = {"rounds": rounds}
    for kind in ("date", "chapter"):
        rows = [x for x in records if x["kind"] == kind]
        out[kind] = {
            "to_dom_ms": summary([x["domAt"] - x["activeAt"] for x in rows]),
            "to_painted_ms": summary([x["paintedAt"] - x["activeAt"] for x in rows]),
        }
    return out


def table(r: dict[str, Any]) -> str:
    rows = ["| Switch (key press) | → DOM p50 / p95 (ms) | → painted p50 / p95 (ms) | n |", "|---|---|---|---|"]
    for kind, name in (("date", "Date (← / → on the date buttons)"), ("chapter", "Chapter (J / K)")):
        d, p = r[kind]["to_dom_ms"], r[kind]["to_painted_ms"]
        rows.append(f"| {name} | {d['p50']} / {d['p95']} | {p['p50']} / {p['p95']} | {p['n']} |")
    return "\n".join(rows)
