"""The page component (Streamlit Custom Components v2): Leaflet and the page's JS/CSS, served by the app.

Leaflet comes from the pinned PyPI package `django-js-lib-leaflet` (works without Django) and is inlined
into the component's module, so the reader's browser fetches nothing from a CDN.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import streamlit as st

ASSETS = Path(__file__).resolve().parent.parent / "assets"
COMPONENT_NAME = "mapstory_page"


def leaflet_asset(name: str) -> str:
    """A file of the pinned Leaflet package (leaflet.js, leaflet.css)."""
    return (files("js_lib_leaflet") / "static" / "js_lib_leaflet" / name).read_text(encoding="utf-8")


@cache
def component_sources() -> tuple[str, str]:
    """(js, css): Leaflet's UMD build sets window.L before the page module below it runs."""
    js = leaflet_asset("leaflet.js") + "\n;\n" + (ASSETS / "story.js").read_text(encoding="utf-8")
    css = leaflet_asset("leaflet.css") + "\n" + (ASSETS / "story.css").read_text(encoding="utf-8")
    return js, css


def page_component() -> Any:
    js, css = component_sources()
    # isolate_styles=False: folium's script finds the map <div> by id, which a shadow root would hide.
    return st.components.v2.component(COMPONENT_NAME, html="<div></div>", js=js, css=css, isolate_styles=False)
