"""WebKitGTK, Safari's engine on Linux: Debian's webkit2gtk-driver (WebKitWebDriver, which runs WebKitGTK's
MiniBrowser) under `xvfb-run`, driven by Selenium (pinned in requirements-dev.txt)."""

from __future__ import annotations

import glob
import os
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from tests.browser.engines import Tab
from tests.browser.server import free_port

DRIVER = shutil.which("WebKitWebDriver") or "/usr/bin/WebKitWebDriver"
XVFB_RUN = shutil.which("xvfb-run") or "/usr/bin/xvfb-run"


def minibrowser() -> str | None:
    found = sorted(glob.glob("/usr/lib/*/webkit2gtk-4.*/MiniBrowser"))
    return found[-1] if found else None


def missing() -> str | None:
    """What to install before WebKitGTK can run here, or None."""
    if not os.path.exists(DRIVER) or not minibrowser():
        return "Debian's webkit2gtk-driver (apt-get install webkit2gtk-driver)"
    if not os.path.exists(XVFB_RUN):
        return "Debian's xvfb (apt-get install xvfb)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "Selenium (pip install -r requirements-dev.txt)"
    return None


class WebKitTab(Tab):
    engine = "webkit"

    def __init__(self, driver) -> None:
        self.driver = driver

    def open(self, url: str, viewport: dict[str, int]) -> None:
        # The window's outer size: MiniBrowser's toolbar takes some of the height, and GTK keeps a minimum width
        # (about 450 px), which is still a phone's layout (the page's breakpoint is 760 px).
        self.driver.set_window_size(viewport["width"], viewport["height"])
        self.driver.get(url)

    def evaluate(self, expr: str) -> Any:
        return self.driver.execute_script(f"return ({expr});")

    def _element(self, css: str):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, css)

    def click(self, css: str) -> None:
        self._element(css).click()

    def press(self, key: str) -> None:
        from selenium.webdriver.common.action_chains import ActionChains

        ActionChains(self.driver).send_keys(key).perform()

    def scroll(self, css: str, dy: int) -> None:
        # WebKitWebDriver's wheel actions move a page once at most, so this reader scrolls with the keyboard: the
        # text focused (as a click in it does), the down arrow pressed (40 px a press).
        from selenium.webdriver.common.action_chains import ActionChains
        from selenium.webdriver.common.keys import Keys

        element = self._element(css)
        self.driver.execute_script(
            "if (!arguments[0].contains(document.activeElement)) arguments[0].focus({preventScroll: true});", element
        )
        ActionChains(self.driver).send_keys(Keys.ARROW_DOWN * max(1, round(dy / 40))).perform()

    def url(self) -> str:
        return self.driver.current_url


def _wait_for_port(port: int, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"WebKitWebDriver did not listen on port {port} in {timeout:.0f} s") from None
            time.sleep(0.1)


@contextmanager
def launch() -> Iterator[WebKitTab]:
    from selenium import webdriver
    from selenium.webdriver.remote.client_config import ClientConfig
    from selenium.webdriver.remote.remote_connection import RemoteConnection
    from selenium.webdriver.webkitgtk.options import Options

    port = free_port()
    # xvfb-run gives the driver (and the MiniBrowser it starts) a virtual X display of their own.
    proc = subprocess.Popen(
        [XVFB_RUN, "-a", "-s", "-screen 0 1600x1200x24", DRIVER, f"--port={port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    driver = None
    try:
        _wait_for_port(port, proc, 30.0)
        options = Options()
        options.binary_location = minibrowser()
        options.add_argument("--automation")
        # The default page load strategy: with "eager", the first script run on the app's first page can hang
        # for a minute in WebKitWebDriver 2.50.
        # A timeout on every command: a hung engine fails its test instead of the whole run.
        url = f"http://127.0.0.1:{port}"
        driver = webdriver.Remote(RemoteConnection(client_config=ClientConfig(url, timeout=60)), options=options)
        yield WebKitTab(driver)
    finally:
        if driver:
            driver.quit()
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
