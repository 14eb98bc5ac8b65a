"""Which files a story is made of: the story file and the layer files it names, found without validating it."""

from __future__ import annotations

from pathlib import Path, PurePosixPath
from typing import Any

import yaml

from story.backdrop import FILE as BACKDROP_FILE
from story.yamlsource import parse


def story_files(story_path: Path) -> list[Path]:
    """The story file, then each layer `file:` it names that stays inside its folder (in the file's order), its
    editions (story/edition.py), then its backdrop (story/backdrop.py) when it has one.

    Parsed with the loader's own YAML reader; a file that does not parse yields just itself, so a fix to it
    is still seen."""
    files = [story_path]
    try:
        data = parse(story_path.read_text(encoding="utf-8")).data
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return files
    layers = data.get("layers") if isinstance(data, dict) else None
    for layer in layers if isinstance(layers, list) else []:
        if not isinstance(layer, dict):
            continue
        states: list[Any] = layer["states"] if isinstance(layer.get("states"), list) else []
        # The layer's file and each dated state's own: an edit to any of them is a new version of the story.
        for name in [layer.get("file"), *(st.get("file") for st in states if isinstance(st, dict))]:
            if isinstance(name, str) and name.strip():
                rel = PurePosixPath(name)
                if not rel.is_absolute() and ".." not in rel.parts and story_path.parent / rel not in files:
                    files.append(story_path.parent / rel)
    editions = data.get("editions") if isinstance(data, dict) else None
    for name in editions if isinstance(editions, list) else []:
        # An edition beside the story (a file name, nothing more): a fix to its text is a new version too.
        if isinstance(name, str) and PurePosixPath(name).name == name and name.endswith(".yaml"):
            files.append(story_path.parent / name)
    backdrop = story_path.parent / BACKDROP_FILE
    if backdrop.is_file():
        files.append(backdrop)
    return files
