"""The isolation test's app: `?story=stall` is a story whose build burns CPU forever; any other URL is the real
app (streamlit_app.py) reading the shipped story, in the same server process."""

import runpy
from pathlib import Path

import streamlit as st

from page import guard
from story.loader import StoryError, default_story_path

if st.query_params.get("story") == "stall":
    try:
        guard.built(str(default_story_path()), build="tests.browser.apps.stall:burn")
    except StoryError as err:
        st.error(str(err))
else:
    runpy.run_path(str(Path(__file__).resolve().parents[3] / "streamlit_app.py"))
