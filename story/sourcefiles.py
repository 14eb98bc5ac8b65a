"""Which files a story is made of: the story file and the layer files it names, found without validating it."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import yaml

from story.backdrop import FILE as BACKDROP_FILE
from story.yamlsource import parse


def story_files(story_path: Path) -> list[Path]:
    """The story file, then each layer `file:` it names that stays inside its folder (in the file's order), then
    its backdrop (story/backdrop.py) when it has one.

    Parsed with the loader's own YAML reader; a file that does not parse yields just itself, so a fix to it
    is still seen."""
    files = [story_path]
    try:
        data = parse(story_path.read_text(encoding="utf-8")).data
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return files
    layers = data.get("layers") if isinstance(data, dict) else None
    for layer in layers if isinstance(layers, list) else []:
        name = layer.get("file") if isinstance(layer, dict) else None
        if isinstance(name, str) and name.strip():
            rel = PurePosixPath(name)
            if not rel.is_absolute() and ".." not in rel.parts:
                files.append(story_path.parent / rel)
    backdrop = story_path.parent / BACKDROP_FILE
    if backdrop.is_file():
        files.append(backdrop)
    return files
