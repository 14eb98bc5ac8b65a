"""The story as one ES module: its data for the engine and Folium's map code as a function of Leaflet.

`export const story = {…}; export function createMaps(L) {…}` — a script file the page loads, never a string
the page evaluates (no eval, no new Function: the published site runs under `script-src 'self'`). The app appends
it to its component module; the published site writes it to a content-hashed file.
"""

from __future__ import annotations

import json

from page.pagedata import StoryData


def story_module(data: StoryData, maps_script: str) -> str:
    """data: page.render.story_data(); maps_script: page.mapbuild.MapParts.script."""
    body = "\n".join("  " + line if line.strip() else "" for line in maps_script.splitlines())
    payload = json.dumps(data.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))
    return (
        "// Generated from the story's files by page/storymodule.py: edit the story, not this file.\n"
        f"export const story = {payload};\n\n"
        f"export function createMaps(L) {{\n{body}\n}}\n"
    )
