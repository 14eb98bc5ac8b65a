"""`python -m story check [PATH]`: validate story files and print every problem, one per line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from story.loader import SHIPPED_STORIES_DIR, StoryError, display_path, load_story


def _targets(arg: str | None) -> list[Path]:
    if arg is None:
        return sorted(SHIPPED_STORIES_DIR.glob("*/story.yaml"))
    path = Path(arg)
    return [path / "story.yaml"] if path.is_dir() else [path]


def check(paths: Sequence[Path]) -> int:
    """Check each story; 0 when all pass, 1 when any has a problem."""
    if not paths:
        print(f"no stories found in {display_path(SHIPPED_STORIES_DIR)} — add <slug>/story.yaml")
        return 1
    failed = False
    for path in paths:
        try:
            story = load_story(path, read_layers=True)
        except StoryError as exc:
            failed = True
            for problem in exc.problems:
                print(problem)
        except Exception as exc:  # noqa: BLE001 — an author gets a sentence, never a traceback
            failed = True
            print(f"{display_path(path)}: could not be checked ({type(exc).__name__}: {exc}) — please report this")
        else:
            print(f"OK: {display_path(path)} ({len(story.chapters)} chapters, {len(story.layers)} layers)")
    return 1 if failed else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m story", description="Map story tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate story files (default: every shipped story)")
    check_cmd.add_argument("path", nargs="?", help="a story.yaml file or its folder")
    args = parser.parse_args(argv)
    return check(_targets(args.path))


if __name__ == "__main__":
    sys.exit(main())
