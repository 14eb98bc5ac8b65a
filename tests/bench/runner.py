"""How the benchmark's smoke tests run `python -m bench …`: in a subprocess from the repository root, with
Debian's Chromium required in CI (a missing browser fails there, skips on a developer's machine)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.server import CHROMIUM

ROOT = Path(__file__).resolve().parents[2]


def run_bench(*args: str, timeout: float) -> subprocess.CompletedProcess:
    """`python -m bench ARGS`, asserted to succeed (its stderr's end shown when it does not)."""
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"chromium not found: CI must run `python -m bench {args[0]}`'s smoke test")
        pytest.skip("Debian's chromium is not installed")
    proc = subprocess.run(
        [sys.executable, "-m", "bench", *args], cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )
    assert proc.returncode == 0, proc.stderr[-4000:]
    return proc
