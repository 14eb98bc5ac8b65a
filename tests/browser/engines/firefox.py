"""Debian's firefox-esr over WebDriver BiDi: puppeteer-core (pinned in package.json beside this file) runs in a
small Node process, firefox.mjs, that takes one JSON request per line; no separate driver download."""

from __future__ import annotations

import json
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.browser.engines import Tab

HERE = Path(__file__).resolve().parent
FIREFOX = shutil.which("firefox-esr") or "/usr/bin/firefox-esr"
PUPPETEER = HERE / "node_modules" / "puppeteer-core" / "package.json"


def missing() -> str | None:
    """What to install before Firefox can run here, or None."""
    if not Path(FIREFOX).exists():
        return "Debian's firefox-esr (apt-get install firefox-esr)"
    if not shutil.which("node") or not PUPPETEER.exists():
        return f"Node.js and puppeteer-core (npm ci --prefix {HERE.relative_to(HERE.parents[2])})"
    return None


class FirefoxTab(Tab):
    engine = "firefox"

    def __init__(self, proc: subprocess.Popen, lines: queue.Queue, log: Path) -> None:
        self.proc, self.lines, self.log = proc, lines, log
        self.next_id = 0

    def call(self, op: str, timeout: float = 60.0, **args: Any) -> Any:
        self.next_id += 1
        self.proc.stdin.write(json.dumps({"id": self.next_id, "op": op, **args}) + "\n")
        self.proc.stdin.flush()
        answer = _answer(self.lines, timeout, self.log)
        if "error" in answer:
            raise AssertionError(f"firefox: {op} failed: {answer['error']}")
        return answer["value"]

    def open(self, url: str, viewport: dict[str, int]) -> None:
        self.call("open", url=url, width=viewport["width"], height=viewport["height"])

    def evaluate(self, expr: str) -> Any:
        return self.call("evaluate", expr=expr)

    def click(self, css: str) -> None:
        self.call("click", css=css)

    def press(self, key: str) -> None:
        self.call("press", key=key)

    def scroll(self, css: str, dy: int) -> None:
        self.call("wheel", css=css, dy=dy)

    def url(self) -> str:
        return self.call("url")


def _answer(lines: queue.Queue, timeout: float, log: Path) -> dict:
    try:
        line = lines.get(timeout=timeout)
    except queue.Empty:
        line = None
    if not line:  # no answer, or the Node process ended
        raise AssertionError(f"firefox: no answer from firefox.mjs in {timeout:.0f} s; its log:\n{_tail(log)}")
    return json.loads(line)


def _pump(proc: subprocess.Popen, lines: queue.Queue) -> None:
    for line in proc.stdout:
        lines.put(line)
    lines.put("")  # the Node process has ended


def _tail(log: Path) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-20:]) if log.exists() else ""


@contextmanager
def launch() -> Iterator[FirefoxTab]:
    with tempfile.TemporaryDirectory(prefix="firefox-bidi-") as tmp:
        log = Path(tmp) / "firefox.log"
        with log.open("w") as err:
            proc = subprocess.Popen(
                ["node", str(HERE / "firefox.mjs"), FIREFOX],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=err,
                text=True,
                cwd=HERE,
                env={**os.environ, "HOME": tmp, "TMPDIR": tmp},
                start_new_session=True,  # Firefox joins the Node process's group: one kill ends both
            )
        lines: queue.Queue = queue.Queue()
        # A reader thread, so every wait for an answer has a timeout.
        threading.Thread(target=_pump, args=(proc, lines), daemon=True).start()
        try:
            _answer(lines, 60.0, log)  # {ready: true} once Firefox is up
            yield FirefoxTab(proc, lines, log)
        finally:
            proc.stdin.close()  # firefox.mjs closes Firefox and ends
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
