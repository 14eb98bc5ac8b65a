"""The app's memory of built stories: each story is built under a limit in a worker process (page/worker.py),
once per version of its files, and the outcome is remembered until they change. A failed build is remembered like
a good one, so it is not paid again on every page load.
"""

from __future__ import annotations

import streamlit as st

from page.apppage import AppStory
from page.build import source_stamp
from page.worker import BUILD, Outcome, build_limited

__all__ = ["BUILD", "Outcome", "build_limited", "built"]


@st.cache_resource(show_spinner=False, max_entries=4)
def _remembered(path: str, stamp: str, build: str) -> Outcome:
    # Once per process and version of the story's files, success or failure: a new reader's session reuses it
    # (cache_resource does not copy); an edited story file or layer is a new version and is built again.
    return build_limited(path, build=build)


def built(path: str, *, build: str | None = None) -> AppStory:
    """The story built for readers; raises StoryError/GeoDataError (remembered) when it cannot be shown."""
    return _remembered(path, source_stamp(path), build or BUILD).result()
