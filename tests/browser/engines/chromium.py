"""Chromium through Playwright: the browser fixture the other browser tests use (Debian's chromium)."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.engines import Tab


class ChromiumTab(Tab):
    engine = "chromium"

    def __init__(self, browser) -> None:
        self.browser = browser
        self.ctx = None
        self.page = None

    def open(self, url: str, viewport: dict[str, int]) -> None:
        self.close()
        self.ctx = self.browser.new_context(viewport=viewport)
        self.page = self.ctx.new_page()
        self.page.goto(url, wait_until="domcontentloaded")  # the tests wait for the story itself

    def evaluate(self, expr: str) -> Any:
        return self.page.evaluate(f"() => ({expr})")

    def wait(self, expr: str, timeout: float = 15.0, what: str = "") -> Any:
        try:
            return self.page.wait_for_function(f"() => ({expr})", timeout=timeout * 1000).json_value()
        except PlaywrightTimeout:
            raise AssertionError(f"chromium: timed out after {timeout:.0f} s waiting for {what or expr}") from None

    def click(self, css: str) -> None:
        self.page.click(css)

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def scroll(self, css: str, dy: int) -> None:
        box = self.page.locator(css).bounding_box()
        self.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        self.page.mouse.wheel(0, dy)

    def url(self) -> str:
        return self.page.url

    def close(self) -> None:
        if self.ctx:
            self.ctx.close()
            self.ctx = self.page = None
