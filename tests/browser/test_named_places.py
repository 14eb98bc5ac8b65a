"""The places a chapter's text names are labelled on its map: a chapter's `named` labels are never hidden by the
zoom bands (which hold small villages back until the closest zoom), on a desktop and a phone, both hosts. In "the
flanks" every village the text names (Yahidne, Berkhivka, Opytne, Klishchiivka) is on the map to read; before,
on a phone, their dots were unnamed."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE, new_context, wait_for_story
from tests.browser.legibility import go_to_chapter

VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}

# Each place label on the map: its text, whether the chapter names it, laid out (a zoom band may hide it with
# display: none), and visible (not crowded out by a bigger place, the furniture or the map's edge).
LABELS_JS = """() => [...document.querySelectorAll('[data-ms-map-frame] .leaflet-marker-pane .ms-label:not(.ms-off)')]
  .filter((el) => !el.classList.contains('ms-ring-label') && !el.classList.contains('ms-road-label'))
  .map((el) => ({text: el.textContent, named: el.classList.contains('ms-named'),
                 laid_out: getComputedStyle(el).display !== 'none',
                 visible: getComputedStyle(el).display !== 'none' && !el.classList.contains('ms-crowded')}))"""


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_places_a_chapter_names_are_labelled_at_any_zoom(browser, host, shipped_story, viewport):
    ctx = new_context(browser, VIEWPORTS[viewport], reduced_motion="reduce")
    try:
        page = ctx.new_page()
        page.goto(host.url)
        wait_for_story(page)
        for chapter in shipped_story.chapters:
            go_to_chapter(page, chapter.id)
            labels = page.evaluate(LABELS_JS)
            marked = sorted(lab["text"] for lab in labels if lab["named"])
            assert marked == sorted(chapter.named), f"{chapter.id}: labels marked as named {marked}"
            held_back = [lab["text"] for lab in labels if lab["named"] and not lab["laid_out"]]
            assert held_back == [], f"{chapter.id}, {viewport}: named places hidden by the zoom band: {held_back}"
            if chapter.id == "outskirts":
                unread = [lab["text"] for lab in labels if lab["named"] and not lab["visible"]]
                assert unread == [], f"{viewport}: the villages the flanks chapter names are not all labelled: {unread}"
    finally:
        ctx.close()
