"""Debian's Chromium through Playwright, with the network as a reader on a closed network sees it.

Every request that leaves 127.0.0.1 is recorded. Tiles are refused at once (as offline, without waiting on DNS);
the CDN files folium's default page asks for are answered from local copies, so the baseline can run offline
(as if the CDN were instant: generous to the baseline). Leaflet comes from the pinned package; the others
(jQuery, Bootstrap, Font Awesome, awesome-markers) are not needed by these maps and are answered empty.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from page.component import leaflet_asset
from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, TILE_HOSTS

DESKTOP = {"width": 1280, "height": 800}
LOCAL_HOSTS = ("127.0.0.1", "localhost")
FOREIGN = re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)[:/])https?://")


def is_tile(url: str) -> bool:
    return (urlparse(url).hostname or "").endswith(TILE_HOSTS)


@dataclass
class Network:
    """What a browser context asked of hosts other than the app's own."""

    foreign: list[str] = field(default_factory=list)  # every non-local URL, tiles included
    cdn_bytes: dict[str, int] = field(default_factory=dict)  # CDN URL -> bytes answered (0: not available offline)

    def non_tile(self) -> list[str]:
        return [u for u in self.foreign if not is_tile(u)]

    def route(self, route: Any) -> None:
        url = route.request.url
        self.foreign.append(url)
        if is_tile(url):
            route.abort()
            return
        name = urlparse(url).path.rsplit("/", 1)[-1]
        body = leaflet_asset(name).encode() if name in ("leaflet.js", "leaflet.css") else b""
        self.cdn_bytes[url] = len(body)
        kind = "text/css" if name.endswith(".css") else "application/javascript"
        route.fulfill(status=200, body=body, content_type=kind)


@contextmanager
def chromium() -> Iterator[Any]:
    """A launched browser; raises RuntimeError when Debian's Chromium is missing."""
    if not os.path.exists(CHROMIUM):
        raise RuntimeError("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def new_context(browser: Any) -> tuple[Any, Network]:
    """A fresh context (empty cache: a new reader) with the network recorder installed."""
    ctx = browser.new_context(viewport=DESKTOP)
    ctx.add_init_script("window.__mapstoryInstrument = true;")  # our page's metrics (assets/engine/instrument.js)
    net = Network()
    ctx.route(FOREIGN, net.route)  # a pattern the browser matches itself: local requests are never intercepted
    return ctx, net
