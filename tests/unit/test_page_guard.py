"""The build guard: a build runs in a worker under a time limit, and its errors come back as themselves."""

import os
import signal
import subprocess
import sys
import time

import pytest

from page.guard import build_limited
from page.worker import CPU_ENV, ROOT
from story.loader import StoryError, default_story_path
from tests.unit.fixtures_story.helpers import make_story


def test_the_shipped_story_builds_in_a_worker():
    outcome = build_limited(str(default_story_path()))
    assert outcome.error is None
    assert len(outcome.result().chapter_ids) == 9 and outcome.result().page_html


def test_a_story_error_crosses_the_worker_with_its_located_problems(tmp_path):
    path = make_story(tmp_path, ("highlight: [west]", "highlight: [wset]"))
    outcome = build_limited(str(path))
    assert isinstance(outcome.error, StoryError)
    assert "did you mean 'west'?" in str(outcome.error) and outcome.error.problems[0].line is not None
    for _ in range(2):  # raised again from the remembered outcome, each time as itself
        with pytest.raises(StoryError) as raised:
            outcome.result()
        assert raised.value is outcome.error


def test_a_layer_error_crosses_as_the_story_problem_check_prints(tmp_path):
    path = make_story(tmp_path)
    (path.parent / "layers" / "town.geojson").write_text('{"type": "FeatureCollection", "features": [{}]}')
    outcome = build_limited(str(path))
    assert isinstance(outcome.error, StoryError)
    assert str(outcome.error).endswith(
        'town.geojson: feature #1: is not a GeoJSON Feature ("type": None) — write it as {"type": "Feature", …}'
    )


def test_a_build_past_its_limit_is_stopped_and_said(tmp_path):
    t0 = time.monotonic()
    outcome = build_limited("story/stories/x/story.yaml", build="tests.browser.apps.stall:burn", seconds=1)
    assert time.monotonic() - t0 < 10
    assert isinstance(outcome.error, StoryError)
    assert str(outcome.error) == (
        "story/stories/x/story.yaml: the story took longer than 1 s to build, the limit for any story — "
        "make its layers lighter (fewer vertices and features) or split the story; on a bigger server, "
        "STORY_BUILD_SECONDS and STORY_BUILD_MEMORY_MB raise the limits"
    )


def test_a_build_that_wants_too_much_memory_fails_with_a_sentence():
    outcome = build_limited("story/stories/x/story.yaml", build="tests.browser.apps.stall:hog", seconds=30)
    assert isinstance(outcome.error, StoryError)
    assert str(outcome.error) == (
        "story/stories/x/story.yaml: the story needs more than 4096 MB of memory to build — make its layers "
        "lighter (fewer vertices and features) or split the story; on a bigger server, STORY_BUILD_SECONDS and "
        "STORY_BUILD_MEMORY_MB raise the limits"
    )


def test_a_worker_whose_server_is_gone_stops_itself_at_its_cpu_limit():
    """A server killed mid-build (SIGTERM to Streamlit never reaches the thread waiting on the worker) must not
    leave an orphan burning a core: the worker carries its own CPU limit, the build's time limit plus a second."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), CPU_ENV: "1"}
    worker = subprocess.Popen(
        [sys.executable, "-m", "page.worker", "tests.browser.apps.stall:burn", str(default_story_path())],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
    )
    try:
        code = worker.wait(timeout=60)  # nobody waits on it or kills it: it ends by itself
    finally:
        worker.kill()
    assert code == -signal.SIGXCPU
