"""The baseline: the story built the usual Streamlit way, with `st_folium` (run by the benchmark, not shipped).

Chapter texts beside an `st_folium` map; a radio picks the chapter and every change is a script rerun.
Written with streamlit-folium's own best practice: the base map is identical on every run under a stable `key`
(no remount), the chapter's layers go in through `feature_group_to_add`, the view through `center`/`zoom`, and
`returned_objects=[]` so panning never reruns the script. The story is loaded once per process, as in the app.

Run: `streamlit run bench/baseline_app.py` (the benchmark does it for you; `STORY=PATH` for another story).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit_folium import st_folium

# `streamlit run bench/baseline_app.py` puts bench/ on sys.path, not the repository root.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.baseline_map import MAP_HEIGHT, base_map, bounds_view, chapter_groups, story_data  # noqa: E402
from story.loader import default_story_path  # noqa: E402


@st.cache_resource(show_spinner=False)
def cached_story(path: str) -> tuple[Any, dict[str, dict], list[dict]]:
    return story_data(path)


def main() -> None:
    story, geojson, views = cached_story(os.environ.get("STORY") or str(default_story_path()))
    st.set_page_config(page_title=story.title, layout="wide")
    st.title(story.title)
    st.caption(story.dek)
    text, right = st.columns([2, 3])
    with text:
        titles = [c.title for c in story.chapters]
        i = titles.index(st.radio("Chapter", titles, key="chapter"))
        chapter = story.chapters[i]
        st.subheader(chapter.title)
        st.html(chapter.body_html)  # sanitised by the story loader, as in the app
    with right:
        center, zoom = bounds_view(views[i])
        st_folium(
            base_map(story),
            key="map",
            height=MAP_HEIGHT,
            use_container_width=True,
            feature_group_to_add=chapter_groups(story, geojson, chapter),
            center=center,
            zoom=zoom,
            returned_objects=[],
        )


main()
