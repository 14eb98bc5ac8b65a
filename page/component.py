"""The page component (Streamlit Custom Components v2): Leaflet, the story module and the engine, all carried by
the component itself (no CDN, no static file route, no server option to forget).

Streamlit loads a component's inline code from a blob: URL, against which no relative import resolves. So the
component's module is Leaflet's UMD build (it sets window.L), then the story module (page/storymodule.py), then a
small loader that imports the engine from a blob: URL of its own and mounts it. The engine is one file that imports
nothing: assets/dist/streamlit.js, built from assets/engine/ by esbuild (`npm run bundle`, committed and checked for
drift by tests/js/bundle.test.mjs), so the app reads it and never needs Node.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import streamlit as st

ASSETS = Path(__file__).resolve().parent.parent / "assets"
BUNDLES = ASSETS / "dist"  # the engine built for each host (scripts/bundle.mjs)
COMPONENT_NAME = "mapstory_page"

_LOADER = """
const source = %(engine)s;
const blob = new Blob([source + "\\n//# sourceURL=mapstory/streamlit.js"], { type: "text/javascript" });
const engine = import(URL.createObjectURL(blob));
// The map could not start (the engine did not load, or its mount failed): the reader still gets the article,
// laid out as without JavaScript, with its sentence saying so and each chapter's map image (story.css).
function showArticle({ data, parentElement }, err) {
  console.error("the map story could not start:", err);
  if (parentElement.querySelector(".ms-failed")) return;
  const plain = document.createElement("div");
  plain.className = "ms-nojs ms-failed";
  plain.innerHTML = data.page_html; // built by Python from templates: text escaped, bodies sanitised
  parentElement.appendChild(plain);
}
export default function (component) {
  let cleanup = null;
  let gone = false;
  engine
    .then((m) => m.mountComponent(component, { story, createMaps }))
    .then((done) => (gone ? done() : (cleanup = done)))
    .catch((err) => showArticle(component, err));
  return () => {
    gone = true;
    if (cleanup) cleanup();
  };
}
"""


def leaflet_asset(name: str) -> str:
    """A file of the pinned Leaflet package (leaflet.js, leaflet.css)."""
    return (files("js_lib_leaflet") / "static" / "js_lib_leaflet" / name).read_text(encoding="utf-8")


def engine_bundle(host: str) -> str:
    """The engine built for a host ("streamlit" or "site"): one module that imports no other file."""
    return (BUNDLES / f"{host}.js").read_text(encoding="utf-8")


@cache
def stylesheet() -> str:
    return leaflet_asset("leaflet.css") + "\n" + (ASSETS / "story.css").read_text(encoding="utf-8")


@lru_cache(maxsize=4)  # a few story versions while an author edits
def component_module(story_module: str) -> str:
    """Leaflet, the story module and the engine with its loader, as one module."""
    engine = json.dumps(engine_bundle("streamlit"), ensure_ascii=False)
    return leaflet_asset("leaflet.js") + "\n;\n" + story_module + _LOADER % {"engine": engine}


def page_component(story_module: str, lang: str = "en") -> Any:
    # One component per language: two readers of two editions at once must not swap story modules under one name.
    name = f"{COMPONENT_NAME}_{lang.replace('-', '_').lower()}"
    # isolate_styles=False: folium's script finds the map <div> by id, which a shadow root would hide.
    return st.components.v2.component(
        name, html="<div></div>", js=component_module(story_module), css=stylesheet(), isolate_styles=False
    )
