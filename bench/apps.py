"""The two apps under test, and a reader's session on one of them (a page with its traffic recorded)."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from bench.browser import new_context

# A page is "ready" when the first chapter's text and its highlighted map layers are in the DOM; the functions
# return the page's performance.now() at that moment (ms since navigation started), else false.
# A highlighted shape, or the ring standing in for one too small to see (the symbols' pane).
STRONG = ".leaflet-overlay-pane path.ms-strong, .ms-symbols path.ms-strong"
OURS_READY = """(first) => {
  const r = document.querySelector('[data-ms-root][data-ready=true]');
  const ch = r && r.querySelector('[data-chapter][aria-current=step]');
  return ch && r.querySelector('STRONG') ? performance.now() : false;
}""".replace("STRONG", STRONG)
BASELINE_READY = """(first) => {
  const f = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  let d = null;
  try { d = f && f.contentDocument; } catch (e) { return false; }
  const text = document.querySelector('[data-testid=stRadio]');
  return text && d && d.querySelector('path.bl-ch-' + first) ? performance.now() : false;
}"""


@dataclass(frozen=True)
class App:
    name: str
    script: str
    ready_js: str
    env: dict[str, str] = field(default_factory=dict)


OURS = App("ours", "streamlit_app.py", OURS_READY)
BASELINE = App("baseline", "bench/baseline_app.py", BASELINE_READY)


@dataclass
class Reader:
    """One browser page = one Streamlit session, with its websocket frames and HTTP responses recorded."""

    ctx: Any
    page: Any
    net: Any
    owns_ctx: bool
    received: list[tuple[float, int]] = field(default_factory=list)  # (monotonic s, bytes) from the server
    sent: list[tuple[float, int]] = field(default_factory=list)  # (monotonic s, bytes) to the server
    responses: list[tuple[float, Any]] = field(default_factory=list)
    ready_ms: float = 0.0  # navigation start -> first chapter and map in the DOM
    ready_at: float = 0.0  # monotonic s at that moment

    def close(self) -> None:
        if self.owns_ctx:
            self.ctx.close()
        else:
            self.page.close()


def _size(payload: str | bytes) -> int:
    return len(payload.encode("utf-8")) if isinstance(payload, str) else len(payload)


def open_reader(
    browser: Any,
    base: str,
    app: App,
    first_chapter: str,
    ctx: Any = None,
    timeout_ms: int = 60_000,
    prepare: Any = None,
) -> Reader:
    """Open the app in a new page (in a fresh context unless one is given) and wait until it is ready.
    `prepare(ctx, page)` runs before the page navigates (e.g. to emulate a slow network)."""
    owns = ctx is None
    net = None
    if owns:
        ctx, net = new_context(browser)
    page = ctx.new_page()
    r = Reader(ctx, page, net, owns)

    def on_ws(ws: Any) -> None:
        ws.on("framereceived", lambda p: r.received.append((time.monotonic(), _size(p))))
        ws.on("framesent", lambda p: r.sent.append((time.monotonic(), _size(p))))

    page.on("websocket", on_ws)
    page.on("response", lambda resp: r.responses.append((time.monotonic(), resp)))
    if prepare:
        prepare(ctx, page)
    page.goto(base)
    handle = page.wait_for_function(app.ready_js, arg=first_chapter, polling="raf", timeout=timeout_ms)
    r.ready_at = time.monotonic()
    r.ready_ms = float(handle.json_value())
    return r


def wait_script_idle(page: Any, timeout_ms: int = 30_000) -> None:
    """Streamlit has finished the current script run (as Streamlit's own e2e tests wait)."""
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout_ms)
