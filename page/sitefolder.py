"""The folder `publish` writes to, made safe to publish into while it is being served.

A new site is written into a staging folder beside OUT (same filesystem, so a move is a rename) and moved in only
once complete: a publish that fails midway leaves the previous site as it was. The move goes file by file,
content-hashed assets first and the pages last, so a reader never gets a page whose assets are not there yet.

OUT may hold files publish did not write — a `.git`, GitHub Pages' `CNAME` or `.nojekyll`: they are never touched.
OUT/.mapstory-site lists every file publish wrote there (its manifest); only those are ever replaced or deleted.
The content-hashed files of earlier publishes stay (a reader who opened the earlier version still loads its print
images and modules) until the author publishes with `prune=True`.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from story.loader import display_path

MARKER = ".mapstory-site"  # the manifest: which files of the folder publish wrote
STATIC = "_static"
_LEGACY_MARKER = "written by python -m story publish"  # the marker before manifests: the whole folder was ours


class PublishError(Exception):
    """The output folder cannot be used; the message says why and what to do."""


def check_out(out: Path) -> None:
    """Refuse an OUT that is a symbolic link or a file, with a sentence."""
    if out.is_symlink():
        raise PublishError(
            f"{out}: is a symbolic link (to {os.readlink(out)}) — publish into the folder it points to, or into a "
            "real folder, so you know which files the site replaces"
        )
    if out.exists() and not out.is_dir():
        raise PublishError(f"{display_path(out)}: is a file — give a folder for the site")
    existing = next(parent for parent in out.parents if parent.exists())
    if not existing.is_dir():
        raise PublishError(f"{display_path(existing)}: is a file, so no folder can be made inside it — choose another")


@contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A fresh folder beside OUT for the new site; removed afterwards, whatever happened."""
    out.parent.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f".{out.name}.publishing-", dir=out.parent))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def written_before(out: Path) -> set[str]:
    """The files (relative, POSIX) an earlier publish wrote into OUT; none when OUT has no manifest."""
    marker = out / MARKER
    if not marker.is_file():
        return set()
    text = marker.read_text(encoding="utf-8", errors="replace")
    if text.startswith(_LEGACY_MARKER):  # an older publish replaced the whole folder: take what looks like a site
        return {rel for rel in _files(out) if rel.startswith(f"{STATIC}/") or Path(rel).name.startswith("index.html")}
    try:
        listed = {str(rel) for rel in json.loads(text)["files"]}
    except (ValueError, KeyError, TypeError):
        raise PublishError(
            f"{display_path(marker)}: is not a manifest this command wrote — delete it only if every file of "
            "the folder may be replaced, or choose another folder"
        ) from None
    return {rel for rel in listed if not Path(rel).is_absolute() and ".." not in Path(rel).parts}


def refuse_foreign(out: Path, new: Iterable[str], ours: set[str]) -> None:
    """Never overwrite a file publish did not write: name the first one in the way."""
    for rel in sorted(new):
        path = out / rel
        if rel not in ours and (path.exists() or path.is_symlink()):
            raise PublishError(
                f"{display_path(path)}: exists and was not written by `python -m mapstory publish` — move it out of "
                "the folder or choose another folder for the site"
            )


def swap_in(staged: Path, out: Path, new: list[str], ours: set[str], *, prune: bool) -> list[str]:
    """Move the staged site into OUT, then delete what the previous publish wrote and this one did not (its
    content-hashed files only with `prune`); returns the earlier files kept."""
    out.mkdir(parents=True, exist_ok=True)
    _write_manifest(out, ours | set(new))  # first: a move interrupted midway leaves no file unaccounted for
    for rel in sorted(new, key=_move_order):
        dest = out / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staged / rel, dest)
    kept = sorted(rel for rel in ours - set(new) if rel.startswith(f"{STATIC}/") and not prune)
    for rel in sorted(ours - set(new) - set(kept)):
        _delete(out, rel)
    _write_manifest(out, set(new) | set(kept))
    return kept


def _move_order(rel: str) -> tuple[int, str]:
    # Assets before the pages that name them; the story's front page last.
    return (0 if rel.startswith(f"{STATIC}/") else 1 if "/" in rel else 2, rel)


def _delete(out: Path, rel: str) -> None:
    path = out / rel
    path.unlink(missing_ok=True)
    for parent in path.parents:  # folders this left empty, never OUT itself
        if parent == out or not parent.is_dir() or any(parent.iterdir()):
            break
        parent.rmdir()


def _write_manifest(out: Path, files: set[str]) -> None:
    text = json.dumps({"written_by": "python -m mapstory publish", "files": sorted(files)}, indent=0)
    tmp = out / f"{MARKER}.tmp"
    tmp.write_text(text + "\n", encoding="utf-8")
    os.replace(tmp, out / MARKER)


def _files(folder: Path) -> list[str]:
    return [p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file() and p.name != MARKER]
