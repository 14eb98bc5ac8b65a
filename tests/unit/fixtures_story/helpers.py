"""Helpers for the story tests: copy the mini story to a tmp dir, edit it, and locate lines in it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from story.loader import Problem, StoryError, load_story

MINI = Path(__file__).resolve().parent / "mini"


def make_story(tmp_path: Path, *edits: tuple[str, str], text: str | None = None, append: str = "") -> Path:
    """A copy of the mini story with each (old, new) edit applied once (old must be present)."""
    folder = tmp_path / "story"
    shutil.copytree(MINI, folder)
    path = folder / "story.yaml"
    body = path.read_text(encoding="utf-8") if text is None else text
    for old, new in edits:
        assert old in body, f"fixture text not found: {old!r}"
        body = body.replace(old, new, 1)
    path.write_text(body + append, encoding="utf-8")
    return path


def line_of(path: Path, needle: str, nth: int = 1) -> int:
    """1-based line of the nth line containing needle."""
    hits = [n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line]
    assert len(hits) >= nth, f"{needle!r} not found {nth} times"
    return hits[nth - 1]


def problems(path: Path, **kwargs: object) -> list[Problem]:
    with pytest.raises(StoryError) as info:
        load_story(path, **kwargs)
    return info.value.problems


def only_problem(path: Path, **kwargs: object) -> Problem:
    found = problems(path, **kwargs)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]
