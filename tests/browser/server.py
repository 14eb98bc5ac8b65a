"""Start a real `streamlit run` on a free 127.0.0.1 port and stop it, always.

Used by the browser tests and by the benchmark, so both drive the app exactly as a reader's browser does.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# Debian's Chromium, never a downloaded build; the flags keep it off the (closed) network by itself.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless=new",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The only host other than the app itself that a page may talk to: the basemap's tile server.
TILE_HOSTS = ("tile.openstreetmap.org",)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def streamlit_server(
    script: str | Path = "streamlit_app.py",
    *,
    args: list[str] | None = None,
    env: dict[str, str] | None = None,
    timeout: float = 60.0,
    port: int | None = None,
    cwd: Path | None = None,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """Yield (base_url, process) once `/_stcore/health` answers; the server is stopped on exit. `port`: a given
    port (a restarted server at the same address), else a free one. `cwd`: another checkout's root (the
    benchmark's "before")."""
    port = port or free_port()
    cmd = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(script),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
    ]
    if args:
        cmd += ["--", *args]
    proc = subprocess.Popen(
        cmd,
        cwd=cwd or ROOT,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode(errors="replace") if proc.stdout else ""
                raise RuntimeError(f"streamlit exited with {proc.returncode}:\n{out}")
            try:
                with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"streamlit did not become healthy on {base} in {timeout:.0f} s")
            time.sleep(0.2)
        yield base, proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


@contextmanager
def deployment(
    timeout: float = 90.0, *, app_path: str = "/", env: dict[str, str] | None = None
) -> Iterator[tuple[str, dict[int, int], subprocess.Popen]]:
    """`bash deploy/run-local.sh PORT` on a free port: yield (the app's URL without a trailing slash, {replica
    port: pid}, the script's process) once nginx and both replicas answer; SIGTERM on exit, as an operator stops
    it. app_path: the app's path prefix (APP_PATH); env: more of run-local.sh's settings (SITE, SITE_PATH)."""
    port = free_port()
    prefix = app_path.rstrip("/")
    proc = subprocess.Popen(
        ["bash", "deploy/run-local.sh", str(port)],
        cwd=ROOT,
        env={**os.environ, "APP_PATH": app_path, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        run_dir = Path(proc.stdout.readline().split("run dir: ", 1)[-1].strip()) if proc.stdout else Path()
        base = f"http://127.0.0.1:{port}{prefix}"
        deadline = time.monotonic() + timeout
        while True:
            lines = (run_dir / "replicas").read_text().splitlines() if (run_dir / "replicas").exists() else []
            replicas = {int(port_): int(pid) for pid, port_ in (line.split() for line in lines)}
            up = len(replicas) == 2 and all(_healthy(f"http://127.0.0.1:{p}{prefix}") for p in replicas)
            if up and _healthy(base):
                break
            if proc.poll() is not None:
                raise RuntimeError(f"deploy/run-local.sh exited with {proc.returncode}")
            if time.monotonic() > deadline:
                raise RuntimeError(f"deploy/run-local.sh did not become healthy in {timeout:.0f} s")
            time.sleep(0.3)
        yield base, replicas, proc
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()


def _healthy(base: str) -> bool:
    try:
        with urllib.request.urlopen(base + "/_stcore/health", timeout=2) as r:
            return r.status == 200
    except OSError:
        return False
