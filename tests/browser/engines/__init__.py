"""The reader smoke suite's browsers: Chromium (Playwright), Firefox (puppeteer-core over WebDriver BiDi) and
WebKitGTK (Selenium with WebKitWebDriver), all from Debian's packages, behind one small `Tab` so the checks in
tests/browser/test_engines.py are written once.

A `Tab` does only what a reader's browser does: open a URL at a viewport size, click, press a key, turn the
mouse wheel (or scroll with the keys); and it reads the page by evaluating a JavaScript expression.
"""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from typing import Any

ENGINES = ("chromium", "firefox", "webkit")


class Tab(ABC):
    """One reader's tab in one engine. `open` replaces whatever page the tab held."""

    engine: str

    @abstractmethod
    def open(self, url: str, viewport: dict[str, int]) -> None: ...

    @abstractmethod
    def evaluate(self, expr: str) -> Any:
        """The JSON value of the JavaScript expression `expr` in the page."""

    @abstractmethod
    def click(self, css: str) -> None: ...

    @abstractmethod
    def press(self, key: str) -> None:
        """A key press on whatever has focus ("j", "k")."""

    @abstractmethod
    def scroll(self, css: str, dy: int) -> None:
        """The reader scrolls the element `css` down by about `dy` pixels (the mouse wheel over it)."""

    @abstractmethod
    def url(self) -> str: ...

    def wait(self, expr: str, timeout: float = 15.0, what: str = "") -> Any:
        """Poll until `expr` is truthy in the page and return its value; fail naming `what` after `timeout` s."""
        deadline = time.monotonic() + timeout
        value = None
        while time.monotonic() < deadline:
            value = self.evaluate(expr)
            if value:
                return value
            time.sleep(0.05)
        what = what or expr
        raise AssertionError(f"{self.engine}: timed out after {timeout:.0f} s waiting for {what} (last: {value!r})")
