"""The server process as psutil sees it: memory and CPU of its whole tree, and its output kept flowing."""

from __future__ import annotations

import contextlib
import subprocess
import threading
from collections import deque

import psutil


def tree(pid: int) -> list[psutil.Process]:
    root = psutil.Process(pid)
    return [root, *root.children(recursive=True)]


def rss_bytes(pid: int) -> int:
    """Resident memory of the server and any children it started."""
    total = 0
    for p in tree(pid):
        with contextlib.suppress(psutil.NoSuchProcess):
            total += p.memory_info().rss
    return total


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the server tree has used so far."""
    total = 0.0
    for p in tree(pid):
        with contextlib.suppress(psutil.NoSuchProcess):
            t = p.cpu_times()
            total += t.user + t.system
    return total


def drain(proc: subprocess.Popen, keep: int = 200) -> deque[str]:
    """Read the server's piped output in the background: a full pipe would block the server mid-benchmark."""
    tail: deque[str] = deque(maxlen=keep)

    def pump() -> None:
        if proc.stdout is None:
            return
        for line in iter(proc.stdout.readline, b""):
            tail.append(line.decode(errors="replace").rstrip())

    threading.Thread(target=pump, daemon=True).start()
    return tail
