"""The page component (Streamlit Custom Components v2): Leaflet, the story module and the engine, all carried by
the component itself (no CDN, no static file route, no server option to forget).

Streamlit loads a component's inline code from a blob: URL, against which no relative import resolves. So the
component's module is Leaflet's UMD build (it sets window.L), then the story module (page/storymodule.py), then a
small loader that turns each engine module (assets/engine/*.js, native ES modules, unchanged) into a blob: URL of
its own, pointing its `./name.js` imports at its dependencies' blob URLs, and mounts the engine. The published
site serves the very same files as they are.
"""

from __future__ import annotations

import json
from functools import cache, lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import streamlit as st

ASSETS = Path(__file__).resolve().parent.parent / "assets"
ENGINE = ASSETS / "engine"
COMPONENT_NAME = "mapstory_page"

_LOADER = """
const ENGINE = %(sources)s;
const urls = {};
function moduleUrl(name) {
  if (!urls[name]) {
    const src = ENGINE[name].replace(/(["'])\\.\\/([\\w-]+\\.js)\\1/g, (_m, q, dep) => q + moduleUrl(dep) + q);
    const blob = new Blob([src + "\\n//# sourceURL=mapstory/" + name], { type: "text/javascript" });
    urls[name] = URL.createObjectURL(blob);
  }
  return urls[name];
}
const engine = import(moduleUrl("streamlit.js"));
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


def engine_sources() -> dict[str, str]:
    """Every engine module by file name, as the browser imports them."""
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(ENGINE.glob("*.js"))}


@cache
def stylesheet() -> str:
    return leaflet_asset("leaflet.css") + "\n" + (ASSETS / "story.css").read_text(encoding="utf-8")


@lru_cache(maxsize=4)  # a few story versions while an author edits
def component_module(story_module: str) -> str:
    """Leaflet, the story module and the engine with its loader, as one module."""
    sources = json.dumps(engine_sources(), ensure_ascii=False)
    return leaflet_asset("leaflet.js") + "\n;\n" + story_module + _LOADER % {"sources": sources}


def page_component(story_module: str) -> Any:
    # isolate_styles=False: folium's script finds the map <div> by id, which a shadow root would hide.
    return st.components.v2.component(
        COMPONENT_NAME, html="<div></div>", js=component_module(story_module), css=stylesheet(), isolate_styles=False
    )
