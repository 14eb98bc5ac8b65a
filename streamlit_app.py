"""The map story app: loads a story once per process and mounts the page component, at the link's state.

Run: `streamlit run streamlit_app.py` (the shipped Bakhmut story), or `streamlit run streamlit_app.py --
--story PATH` / `STORY=PATH streamlit run streamlit_app.py` for another story file.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

import streamlit as st

from geo.io import GeoDataError
from page import guard
from page.apppage import AppStory
from page.component import page_component
from story.loader import StoryError, default_story_path
from story.report import ProblemPage, problem_page


def story_path() -> str:
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--story")
    args, _ = parser.parse_known_args(sys.argv[1:])
    return args.story or os.environ.get("STORY") or str(default_story_path())


def built(path: str) -> AppStory:
    # Built under a time limit in a worker process, once per version of the story's files; a failure is
    # remembered too (page/guard.py).
    return guard.built(path)


def show_problems(page: ProblemPage) -> None:
    st.set_page_config(page_title="Story problems", layout="centered")
    st.title("This story cannot be shown yet")
    st.error(page.headline, icon="⚠️")
    # Shown as plain text: a story file's contents never become markup on this page.
    st.code("\n".join(page.lines), language=None, wrap_lines=True)
    st.caption(page.command)


def main() -> None:
    path = story_path()
    try:
        b = built(path)
    except (StoryError, GeoDataError) as err:
        show_problems(problem_page(path, err))
        return
    except Exception as err:  # a bug of ours, not the author's: say so plainly, keep the trace in the log
        logging.getLogger(__name__).exception("building the story %s failed", path)
        show_problems(problem_page(path, err))
        return
    # The link's language picks the edition (an unknown one: the original, and the page says the link was not fully
    # recognised). A language switch is a new page load, so this is read once per page.
    b = b.edition(st.query_params.get("lang"))
    st.set_page_config(page_title=b.story.title, layout="wide")
    # The rest of the address bar is the page's alone: the engine reads the link when it mounts and follows the
    # reader with replaceState (assets/engine/link.js). Python hears nothing while the reader reads.
    data = {"page_html": b.page_html, "share_base": st.context.url}
    page_component(b.module, b.story.language)(key="story", data=data, height="content")


main()
