"""Figures 6 and 7, in-process: the map build (load, validate, simplify, render) and how it grows with geometry.

6: a first build in a fresh Python process (imports timed apart: the app pays them at start-up, not per build),
   then the median of repeated builds in this process.
7: `build_app_story(path, densify_factor=N)` at 1×, 4× and 16× the layers' vertices, as the app builds it (the
   15 m web simplification runs after densifying), and the same with simplification off (tolerance 0), which
   is how the page would grow if the source geometry itself were that detailed.
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any
from unittest import mock

import shapely

ROOT = Path(__file__).resolve().parent.parent

FRESH = """
import json, sys, time
t0 = time.perf_counter()
from page.apppage import build_app_story
t1 = time.perf_counter()
b = build_app_story(sys.argv[1])
t2 = time.perf_counter()
print(json.dumps({"import_s": t1 - t0, "build_s": t2 - t1, "timings": b.timings}))
"""


def first_build_in_fresh_process(story_path: str) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-c", FRESH, story_path], cwd=ROOT, capture_output=True, text=True, check=True, timeout=120
    )
    data = json.loads(out.stdout.strip().splitlines()[-1])
    return {
        "import_s": round(data["import_s"], 3),
        "build_s": round(data["build_s"], 3),
        "stages_s": {k: round(v, 3) for k, v in data["timings"].items()},
    }


def _vertices(layers: dict[str, Any]) -> int:
    return int(sum(shapely.get_num_coordinates(gdf.geometry.values).sum() for gdf in layers.values()))


def _input_vertices(story_path: str, factor: int) -> int:
    """Vertices after densifying, before the web simplification."""
    from geo.io import densify
    from story.layers import read_story_layer
    from story.loader import load_story

    story = load_story(Path(story_path))
    total = 0
    for spec in story.layers:
        gdf = read_story_layer(story, spec)
        total += _vertices({spec.id: densify(gdf, factor) if factor > 1 else gdf})
    return total


def _one_factor(story_path: str, factor: int, repeats: int) -> dict[str, Any]:
    from page import apppage, build

    times, built = [], None
    for _ in range(repeats):
        t0 = time.perf_counter()
        built = apppage.build_app_story(story_path, densify_factor=factor)
        times.append(time.perf_counter() - t0)
    assert built is not None
    layers = build.load_layers(built.story, densify_factor=factor)
    return {
        "build_s": round(statistics.median(times), 3),
        "stages_s": {k: round(v, 3) for k, v in built.timings.items()},
        "page_vertices": _vertices(layers),
        "payload_bytes": len(built.module.encode()) + len(built.page_html.encode()),
        "map_js_bytes": len(built.module.encode()),
    }


def densify_curve(story_path: str, factors: tuple[int, ...], repeats: int) -> dict[str, Any]:
    import geo.io
    from geo.io import simplify_for_web
    from page import apppage

    apppage.build_app_story(story_path)  # warm the imports and caches, so 1× is not charged for them
    rows: dict[str, Any] = {"shipped": {}, "unsimplified": {}}
    for factor in factors:
        row = _one_factor(story_path, factor, repeats)
        row["input_vertices"] = _input_vertices(story_path, factor)
        rows["shipped"][f"{factor}x"] = row
    # The counterfactual: same pipeline, simplification that keeps every vertex (precision snapping still on).
    # load_layers passes each layer's own tolerance (through story.budget.web_layers, which looks simplify_for_web
    # up in geo.io when it runs): override it, whatever it is.
    keep_all = lambda gdf, **kw: simplify_for_web(gdf, **{**kw, "tolerance_m": 0.0})  # noqa: E731
    with mock.patch.object(geo.io, "simplify_for_web", keep_all):
        for factor in factors:
            row = _one_factor(story_path, factor, repeats)
            row["input_vertices"] = rows["shipped"][f"{factor}x"]["input_vertices"]
            rows["unsimplified"][f"{factor}x"] = row
    return rows


def repeated_builds(story_path: str, repeats: int) -> dict[str, Any]:
    from page.apppage import build_app_story

    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        build_app_story(story_path)
        times.append(time.perf_counter() - t0)
    return {"n": repeats, "median_s": round(statistics.median(times), 3)}
