"""Issue 22: a locator that locates. In every chapter, on a desktop and a phone, the locator inset's mark of the
map's view (its box, or a ring where the box would be too small to see) is drawn whole inside the inset, and a
box has the map's shape. Both hosts, and a second story on the other side of the world."""

from __future__ import annotations

import pytest

from tests.browser.conftest import DESKTOP, PHONE, new_context, wait_for_story
from tests.browser.legibility import go_to_chapter

VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}

# The inset's map (inside its border) and each drawn view mark, in viewport px. A path's box is its geometry's:
# half its stroke lies outside it.
MARKS_JS = """() => {
  const inner = document.querySelector('.ms-inset .leaflet-container').getBoundingClientRect();
  const map = document.querySelector('[data-ms-map-frame] .leaflet-container').getBoundingClientRect();
  const marks = [...document.querySelectorAll('.ms-inset path.ms-inset-view')].map((p) => {
    const r = p.getBoundingClientRect(), half = parseFloat(getComputedStyle(p).strokeWidth) / 2;
    return {ring: p.getAttribute('d').includes('a'), left: r.left - half, right: r.right + half,
            top: r.top - half, bottom: r.bottom + half, width: r.width, height: r.height};
  });
  return {inset: {left: inner.left, right: inner.right, top: inner.top, bottom: inner.bottom},
          aspect: map.width / map.height, marks};
}"""


def mark_problems(m: dict, shape: bool = True) -> list[str]:
    """What is wrong with the inset's view mark: none or several, cut by the inset's edge, not the map's shape
    (`shape`: not asked of a view that reaches past the poles, which the projection cuts off)."""
    if len(m["marks"]) != 1:
        return [f"{len(m['marks'])} view marks"]
    mark, inset = m["marks"][0], m["inset"]
    problems = [
        f"{side} {mark[side]:.1f} beyond the inset's {inset[side]:.1f}"
        for side, outside in (("left", -1), ("top", -1), ("right", 1), ("bottom", 1))
        if (mark[side] - inset[side]) * outside > 0.5
    ]
    if shape and not mark["ring"]:
        # Conformal projection: the view's box has the map's shape, unless something cut it (±1 px rounding).
        aspect = mark["width"] / max(mark["height"], 1e-9)
        lo = (mark["width"] - 1) / (mark["height"] + 1)
        hi = (mark["width"] + 1) / max(mark["height"] - 1, 1e-9)
        if not lo <= m["aspect"] <= hi:
            problems.append(f"box {aspect:.2f} wide per high, the map {m['aspect']:.2f}")
        if max(mark["width"], mark["height"]) < 7:
            problems.append(f"box {mark['width']:.0f}×{mark['height']:.0f} px: too small to see")
    return problems


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_inset_marks_the_view_whole_in_every_chapter(browser, story_host, viewport):
    ctx = new_context(browser, VIEWPORTS[viewport], reduced_motion="reduce")  # views apply at once
    try:
        page = ctx.new_page()
        page.goto(story_host.url)
        wait_for_story(page)
        problems = {}
        for chapter in story_host.story.chapters:
            go_to_chapter(page, chapter.id)
            found = mark_problems(page.evaluate(MARKS_JS))
            if found:
                problems[chapter.id] = found
        assert problems == {}, f"{story_host}, {viewport}: the inset's view mark is wrong in {problems}"
    finally:
        ctx.close()


def zoom_once(page, button: str) -> bool:
    """The reader presses a zoom button; False when it is disabled (the map is at its last zoom that way)."""
    btn = page.locator(f"[data-ms-map-frame] .leaflet-control-zoom-{button}")
    if "leaflet-disabled" in (btn.get_attribute("class") or ""):
        return False
    zoom = page.evaluate("() => window.__mapstory.zoom()")
    btn.click()
    page.wait_for_function("(z) => window.__mapstory.zoom() !== z", arg=zoom)
    page.wait_for_function("() => !document.querySelector('[data-ms-map-frame][data-moving]')")
    return True


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_the_inset_follows_a_reader_who_zooms_in_to_streets_and_out_to_the_world(browser, published_site, viewport):
    from page.siteserver import CSP, serve

    with serve(published_site, csp=CSP) as base:
        ctx = new_context(browser, VIEWPORTS[viewport], reduced_motion="reduce")
        try:
            page = ctx.new_page()
            page.goto(base)
            wait_for_story(page)
            go_to_chapter(page, "assault")
            for _ in range(6):
                zoom_once(page, "in")
            m = page.evaluate(MARKS_JS)
            assert mark_problems(m) == [] and m["marks"][0]["ring"], f"zoomed in: {m}"
            steps = 0
            while zoom_once(page, "out") and steps < 25:
                steps += 1
            m = page.evaluate(MARKS_JS)
            assert mark_problems(m, shape=False) == [] and not m["marks"][0]["ring"], f"zoomed out: {m}"
        finally:
            ctx.close()
