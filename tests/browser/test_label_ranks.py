"""Which place labels each zoom band shows (the rules the page writes from story/look.json, with assets/story.css),
for any rank a layer file may give."""

from __future__ import annotations

from pathlib import Path

import pytest

from page.lookcss import band_rules
from story.look import LOOK
from tests.browser.conftest import new_context

CSS = (Path(__file__).resolve().parents[2] / "assets" / "story.css").read_text() + band_rules(LOOK)
RANKS = (1, 2, 3, 4, 12)


@pytest.mark.parametrize(("band", "shown"), [("low", {1, 2}), ("mid", {1, 2}), ("high", set(RANKS))])
def test_ranks_past_three_wait_for_the_closest_zoom_band_like_rank_three(browser, band, shown):
    labels = "".join(f'<div class="ms-label ms-rank-{r}" id="r{r}"><span>rank {r}</span></div>' for r in RANKS)
    context = new_context(browser, {"width": 800, "height": 600})
    page = context.new_page()
    page.set_content(f'<style>{CSS}</style><div class="ms-map-frame" data-zoomband="{band}">{labels}</div>')
    visible = {r for r in RANKS if page.locator(f"#r{r}").is_visible()}
    context.close()
    assert visible == shown
