"""The app, run unchanged, with each call of `page.build.build_story` logged (figure 6: builds per process).

The benchmark starts this instead of streamlit_app.py for one short run, with BENCH_BUILD_LOG=<file>: every build
appends a JSON line (seconds, stages, pid). The app's own script then runs as Streamlit would run it.
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

import page.build as build  # noqa: E402

if not getattr(build.build_story, "bench_counted", False):  # this script reruns; wrap only once per process
    original = build.build_story

    def counted(path: str | Path, **kwargs: Any) -> Any:
        t0 = time.perf_counter()
        built = original(path, **kwargs)
        line = {"seconds": time.perf_counter() - t0, "stages": built.timings, "pid": os.getpid()}
        with open(os.environ["BENCH_BUILD_LOG"], "a", encoding="utf-8") as log:
            log.write(json.dumps(line) + "\n")
        return built

    counted.bench_counted = True
    build.build_story = counted

runpy.run_path(str(ROOT / "streamlit_app.py"), run_name="__main__")
