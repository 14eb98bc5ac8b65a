"""`python -m mapstory check [PATH]`, `new PATH`, `preview STORY OUT_DIR`,
`publish STORY OUT_DIR [--base-url URL] [--prune]`, `serve SITE`.

Every problem is printed one per line; exit 1 when there was one, never a traceback."""

from __future__ import annotations

import argparse
import contextlib
import shutil
import sys
import threading
import time
from collections.abc import Sequence
from pathlib import Path

from story.loader import SHIPPED_STORIES_DIR, TEMPLATE_DIR, StoryError, display_path, load_story


def _targets(arg: str | None) -> list[Path]:
    if arg is None:
        return sorted(SHIPPED_STORIES_DIR.glob("*/story.yaml"))
    return [_story_file(arg)]


def _story_file(arg: str) -> Path:
    path = Path(arg)
    return path / "story.yaml" if path.is_dir() else path


def check(paths: Sequence[Path]) -> int:
    """Check each story as the app builds it (one validation: nothing passes here and then fails to build), under
    the app's time and memory limits (page/worker.py); 0 when all pass, 1 when any has a problem."""
    if not paths:
        print(f"no stories found in {display_path(SHIPPED_STORIES_DIR)} — add <slug>/story.yaml")
        return 1
    from page.worker import build_limited  # lazy: `new` and `serve` need none of the build's libraries
    from story.contrast import contrast_warnings

    failed = False
    for path in paths:
        outcome = build_limited(str(path))
        problems = getattr(outcome.error, "problems", None)
        if outcome.error is None:
            story = outcome.result().story
            print(f"OK: {display_path(path)} ({len(story.chapters)} chapters, {len(story.layers)} layers)")
            # The story works: located warnings, not failures (an edition the author marked incomplete, a faint
            # colour).
            for warning in [*map(str, story.warnings), *contrast_warnings(story, path)]:
                print(f"warning: {warning}")
            continue
        failed = True
        if problems:
            for problem in problems:
                print(problem)
        else:  # a bug of ours, never the author's: a sentence, never a traceback nor the exception's text
            print(
                f"{display_path(path)}: could not be checked, because of a fault in the app rather than in the story "
                "— please report this"
            )
    return 1 if failed else 0


def new(folder: Path) -> int:
    """Write a valid two-chapter story with its layers into `folder` (which must not hold files yet)."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        print(f"{display_path(folder)}: already exists and is not empty — choose a new folder for the story")
        return 1
    shutil.copytree(TEMPLATE_DIR, folder, dirs_exist_ok=True)
    shown = display_path(folder)
    print(f"wrote {shown}/story.yaml and {shown}/layers/ (a two-chapter example: edit it, then)")
    print(f"  python -m mapstory check {shown}")
    print(f"  python -m mapstory preview {shown} {shown}/preview")
    print(f"  streamlit run streamlit_app.py -- --story {shown}/story.yaml")
    return 0


def preview(story_arg: str, out_dir: Path) -> int:
    """One PNG per chapter, drawn in Python (story.preview): no browser, no tiles."""
    from geo.io import GeoDataError  # lazy: `check` and `new` need no geometry stack
    from story.preview import render_chapter_png

    path = _story_file(story_arg)
    started = time.perf_counter()
    try:
        story = load_story(path, read_layers=True)  # the layers and the backdrop, read and checked as `check` does
        layers = story.web_layers
    except (StoryError, GeoDataError) as exc:
        for problem in exc.problems:
            print(problem)
        print(f"fix these first: python -m mapstory check {display_path(path)}")
        return 1
    assert layers is not None  # read_layers=True: read and checked, or an error above
    for n, chapter in enumerate(story.chapters, 1):
        out = render_chapter_png(story, layers, chapter.id, out_dir / f"{n:02d}-{chapter.id}.png")
        print(f"wrote {display_path(out)}")
    print(f"{len(story.chapters)} chapters in {time.perf_counter() - started:.1f} s")
    return 0


def publish(story_arg: str, out_dir: Path, base_url: str | None, prune: bool = False) -> int:
    """Write the story as a static site (page.publish): the same engine as the app, no server needed."""
    from geo.io import GeoDataError  # lazy: `check` and `new` need no geometry stack
    from page.publish import PublishError
    from page.publish import publish as write_site

    path = _story_file(story_arg)
    try:
        site = write_site(path, out_dir, base_url=base_url, prune=prune)
    except (StoryError, GeoDataError) as exc:
        for problem in exc.problems:
            print(problem)
        print(f"fix these first: python -m mapstory check {display_path(path)}")
        return 1
    except PublishError as exc:
        print(exc)
        return 1
    except Exception as exc:  # a bug of ours, never the author's: a sentence, never a traceback
        print(
            f"{display_path(path)}: could not be published ({type(exc).__name__}) — the previous site is unchanged; "
            "please report this"
        )
        return 1
    pages = sum(1 for f in site.files if f.name == "index.html")
    size = sum(f.stat().st_size for f in site.files if not f.name.endswith(".gz"))
    print(f"wrote {display_path(out_dir)}: {pages} pages, {len(site.files)} files, {size / 1024:.0f} KB")
    print(f"  in {site.seconds:.1f} s; serve the folder as it is (see the README's Publishing section)")
    if site.kept:
        print(
            f"  kept {len(site.kept)} files of earlier publishes in _static/ for readers who opened those; "
            "--prune deletes them"
        )
    for warning in site.warnings:
        print(f"warning: {warning}")
    return 0


def serve(site: Path, port: int) -> int:
    from page.siteserver import serve as serve_site

    if not (site / "index.html").is_file():
        shown = display_path(site)
        print(f"{shown}: no index.html — publish a story there first: python -m mapstory publish STORY {shown}")
        return 1
    with serve_site(site, port=port) as url:
        print(f"serving {display_path(site)} at {url} (Ctrl+C stops)")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m mapstory", description="Map story tools.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="validate story files (default: every shipped story)")
    check_cmd.add_argument("path", nargs="?", help="a story.yaml file or its folder")
    new_cmd = commands.add_parser("new", help="start a story: a valid two-chapter example in a new folder")
    new_cmd.add_argument("path", help="the folder to create")
    preview_cmd = commands.add_parser("preview", help="draw each chapter's map into a PNG (no browser)")
    preview_cmd.add_argument("story", help="a story.yaml file or its folder")
    preview_cmd.add_argument("out_dir", help="where to write NN-<chapter>.png")
    publish_cmd = commands.add_parser("publish", help="write the story as a static site for any web server or CDN")
    publish_cmd.add_argument("story", help="a story.yaml file or its folder")
    publish_cmd.add_argument("out_dir", help="the site's folder (what publish wrote there is replaced)")
    publish_cmd.add_argument("--base-url", help="the site's public address, for share cards (og:url, og:image)")
    publish_cmd.add_argument(
        "--prune", action="store_true", help="delete the content-hashed files earlier publishes left in _static/"
    )
    serve_cmd = commands.add_parser("serve", help="preview a published site on this machine, as a CDN serves it")
    serve_cmd.add_argument("site", help="the folder `publish` wrote")
    serve_cmd.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    if args.command == "serve":
        return serve(Path(args.site), args.port)
    if args.command == "publish":
        return publish(args.story, Path(args.out_dir), args.base_url, args.prune)
    if args.command == "new":
        return new(Path(args.path))
    if args.command == "preview":
        return preview(args.story, Path(args.out_dir))
    return check(_targets(args.path))


if __name__ == "__main__":
    sys.exit(main())
