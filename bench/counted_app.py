"""The app, run unchanged, with each story build logged (figure 6: builds per process).

The benchmark starts this instead of streamlit_app.py for one short run, with BENCH_BUILD_LOG=<file>: every build
appends a JSON line (seconds, stages, pid). The app builds in a worker process (page/guard.py) that calls its build
function by name, so this script points the guard at `counted` below; the app's own script then runs as Streamlit
would run it.
"""

from __future__ import annotations

import json
import os
import runpy
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from page import guard  # noqa: E402
from page.apppage import build_app_story  # noqa: E402


def counted(path: str | Path) -> Any:
    """The app's build, logged: runs in the guard's worker process (the pid logged is the worker's)."""
    t0 = time.perf_counter()
    built = build_app_story(path)
    line = {"seconds": time.perf_counter() - t0, "stages": built.timings, "pid": os.getpid()}
    with open(os.environ["BENCH_BUILD_LOG"], "a", encoding="utf-8") as log:
        log.write(json.dumps(line) + "\n")
    return built


if __name__ == "__main__":  # as Streamlit's script; the worker imports this module only for `counted`
    guard.BUILD = "bench.counted_app:counted"
    runpy.run_path(str(ROOT / "streamlit_app.py"), run_name="__main__")
