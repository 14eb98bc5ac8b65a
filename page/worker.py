"""Build (or check) a story under a time and memory limit in a worker process.

A hostile or heavy story costs its own worker, never the server or the author's shell: the build's CPU and memory
live in another process, which is killed when the limit passes, so other readers' sessions (and other stories)
keep being served, and `python -m mapstory check` answers within the limit. The app remembers outcomes
(page/guard.py).
"""

from __future__ import annotations

import math
import os
import pickle
import resource
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from geo.io import GeoDataError
from page.apppage import AppStory
from story.loader import Problem, StoryError, display_path

# Seconds a build may take. The shipped story builds in ~1 s on the 2-core test machine (plus ~2 s to start
# the worker); a story that needs more than this is too heavy for its readers anyway. STORY_BUILD_SECONDS
# overrides it (tests, big servers).
BUILD_SECONDS = 30.0
# Address space a build may use (virtual memory: the shipped story's worker peaks at ~1.6 GB virtual for ~0.2 GB
# resident). A story that needs more fails with its own sentence instead of the machine running out of memory
# under the server. STORY_BUILD_MEMORY_MB overrides it.
BUILD_MEMORY_MB = 4096
# The build function the worker runs, by "module:function" name (the benchmark points it at a logged build).
BUILD = "page.apppage:build_app_story"
ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Outcome:
    """A build's result: the built story, or the error to show on the story's page."""

    story: AppStory | None = None
    error: Exception | None = None

    def result(self) -> AppStory:
        if self.error is not None:
            raise self.error.with_traceback(None)  # a fresh raise each time: no traceback piles up in the cache
        assert self.story is not None
        return self.story


# The worker's own CPU limit, in seconds: a worker whose server died mid-build (a SIGTERM that never reached the
# thread waiting on it) stops itself instead of burning a core with no one to answer.
CPU_ENV = "MAPSTORY_WORKER_CPU_SECONDS"


def limit_seconds() -> float:
    return float(os.environ.get("STORY_BUILD_SECONDS") or BUILD_SECONDS)


def build_limited(path: str, *, seconds: float | None = None, build: str | None = None) -> Outcome:
    """Run `build(path)` (a "module:function" name) in a fresh Python process; its error, or running out of
    time, becomes the Outcome's error.

    A process, not a thread: a pure-Python build (a YAML parse, say) holds the GIL and would stall every
    other session of this server, and a thread cannot be stopped. A fresh interpreter rather than a fork:
    forking Streamlit's many-threaded server is unsafe.
    """
    seconds = limit_seconds() if seconds is None else seconds
    build = build or BUILD
    # The server's working directory (a relative story path and the problems' file names mean the same there),
    # with the project importable from it.
    python_path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    worker = subprocess.Popen(
        [sys.executable, "-m", "page.worker", build, path],
        env={**os.environ, "PYTHONPATH": python_path, CPU_ENV: str(seconds)},
        stdout=subprocess.PIPE,
        start_new_session=True,  # its own process group, so a kill takes anything it started too
    )
    try:
        out, _ = worker.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(worker.pid, signal.SIGKILL)
        worker.communicate()
        return Outcome(error=_too_slow(path, seconds))
    except BaseException:  # Ctrl-C in `story check`, a server shutting down: the worker's own session would outlive it
        os.killpg(worker.pid, signal.SIGKILL)
        raise
    try:
        kind, value = pickle.loads(out)  # noqa: S301 — our own worker's output, never a reader's or author's bytes
    except Exception:  # noqa: BLE001 — no answer: the worker died (out of memory, killed)
        return Outcome(error=_crashed(path, worker.returncode))
    if kind == "ok":
        return Outcome(story=value)
    if kind == "story":
        return Outcome(error=StoryError(value))
    if kind == "memory":
        return Outcome(error=_too_heavy(path, f"the story needs more than {value} MB of memory to build"))
    if kind == "geo":
        return Outcome(error=GeoDataError(value))
    return Outcome(error=RuntimeError(value))


def _work(build: str, path: str) -> tuple[str, Any]:
    # Errors cross as plain values: StoryError and GeoDataError do not survive pickling as themselves.
    module, _, name = build.partition(":")
    try:
        import importlib

        return ("ok", getattr(importlib.import_module(module), name)(path))
    except StoryError as exc:
        return ("story", exc.problems)
    except GeoDataError as exc:
        return ("geo", exc.problems)
    except MemoryError:
        return ("memory", _memory_mb())
    except Exception as exc:  # noqa: BLE001 — a bug of ours: the page says so, the server log has the trace
        import traceback

        traceback.print_exc()
        return ("bug", f"{type(exc).__name__}: {exc}")


def _too_slow(path: str, seconds: float) -> StoryError:
    return _too_heavy(path, f"the story took longer than {seconds:g} s to build, the limit for any story")


def _crashed(path: str, code: int | None) -> Exception:
    if code is not None and code > 0:  # it exited on its own without answering: it could not start, a bug of ours
        return RuntimeError(f"the build's worker stopped before answering (exit code {code}); the server log has why")
    return _too_heavy(path, f"building the story stopped its worker (signal {-(code or 0)}), e.g. out of memory")


def _too_heavy(path: str, message: str) -> StoryError:
    hint = (
        "make its layers lighter (fewer vertices and features) or split the story; on a bigger server, "
        "STORY_BUILD_SECONDS and STORY_BUILD_MEMORY_MB raise the limits"
    )
    return StoryError([Problem(display_path(Path(path)), None, None, "", message, hint)])


def _memory_mb() -> int:
    return int(os.environ.get("STORY_BUILD_MEMORY_MB") or BUILD_MEMORY_MB)


if __name__ == "__main__":  # the worker: python -m page.worker MODULE:FUNCTION STORY_PATH → pickle on stdout
    limit = _memory_mb() * 2**20
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    cpu = math.ceil(float(os.environ.get(CPU_ENV) or limit_seconds())) + 1
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))  # SIGXCPU at the soft limit ends the process
    answer = sys.stdout.buffer
    sys.stdout = sys.stderr  # anything the build prints goes to the server's log, not into the answer
    answer.write(pickle.dumps(_work(sys.argv[1], sys.argv[2])))
