"""The app's "this story cannot be shown yet" page, as text: which files have problems, each problem with paths
relative to the story folder (never the server's absolute paths), and a check command that works."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from story.loader import Problem, StoryError


@dataclass(frozen=True)
class ProblemPage:
    headline: str  # e.g. "story.yaml has 1 problem and layers/west.geojson has 3. Fix them and reload the page."
    lines: list[str]  # one per problem, plain text (show it as text, never as markup)
    command: str  # e.g. "To list them from the project folder: python -m mapstory check story/stories/x"


def problem_page(story_path: str | Path, error: Exception, *, cwd: Path | None = None) -> ProblemPage:
    """What to show for a story that failed to build with `error` (StoryError, geo.io.GeoDataError, or any
    other exception, which is ours to fix and shown without its details)."""
    story_file = Path(story_path)
    folder = story_file.resolve().parent
    command = f"To list them from the project folder: python -m mapstory check {_shown(story_file, cwd)}"
    if isinstance(error, StoryError):
        problems = [_relative(p, folder) for p in error.problems]
        return ProblemPage(_headline(p.file for p in problems), [str(p) for p in problems], command)
    layer_problems = getattr(error, "problems", None)  # geo.io.GeoDataError: files already named as in the story
    if layer_problems:
        return ProblemPage(_headline(p.file for p in layer_problems), [str(p) for p in layer_problems], command)
    return ProblemPage(
        "The story could not be built, because of a fault in the app rather than in the story.",
        ["Please report this to the developers; the server's log has the details."],
        command,
    )


def _relative(problem: Problem, folder: Path) -> Problem:
    if problem.path is None:
        return replace(problem, file=Path(problem.file).name)
    try:
        return replace(problem, file=problem.path.relative_to(folder).as_posix())
    except ValueError:
        return replace(problem, file=problem.path.name)


def _headline(files: Iterable[str]) -> str:
    counts = Counter(files)
    parts = [f"{file} has {n} problem{'s' if n != 1 else ''}" for file, n in counts.items()]
    text = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"{text}. Fix {'it' if sum(counts.values()) == 1 else 'them'} and reload the page."


def _shown(story_file: Path, cwd: Path | None) -> str:
    """The story's folder as typed from the project folder (the app's working directory); a story elsewhere
    is named by a placeholder rather than by the server's absolute path."""
    base = (cwd or Path.cwd()).resolve()
    folder = story_file.resolve().parent
    try:
        return os.fspath(folder.relative_to(base)) or "."
    except ValueError:
        return "PATH/TO/" + folder.name
