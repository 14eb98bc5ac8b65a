"""A point layer of thousands of features: drawn on one canvas (no element per point), highlighted, dimmed and
hidden with its chapter, and still each point answers the pointer with its own tooltip. On both hosts."""

from __future__ import annotations

from io import BytesIO

import pytest
from PIL import Image
from playwright.sync_api import expect

from bench.points import DIM_IN, HIGHLIGHT_IN, point_story
from page.publish import publish
from page.siteserver import CSP, serve
from tests.browser.conftest import DESKTOP, map_state, open_page
from tests.browser.server import streamlit_server

COUNT = 3000
BEFORE, OFF_IN = "assault", "supply"  # the chapter before HIGHLIGHT_IN, and one without the points


@pytest.fixture(scope="module")
def many_points_story(tmp_path_factory):
    """The shipped story with 3,000 reported strikes over Bakhmut, on a grid whose dots never touch (a pixel of one
    is that dot's), highlighted in one chapter and dimmed in the next."""
    grid = [(37.95 + (i % 60) * 0.0018, 48.56 + (i // 60) * 0.0014) for i in range(COUNT)]
    return point_story(tmp_path_factory.mktemp("points") / "story", grid)


@pytest.fixture(scope="module", params=["app", "site"])
def points_host(request, many_points_story, tmp_path_factory):
    if request.param == "app":
        with streamlit_server(env={"STORY": str(many_points_story)}) as (base, _proc):
            yield base
    else:
        out = tmp_path_factory.mktemp("points-site") / "site"
        publish(many_points_story, out)
        with serve(out, csp=CSP) as base:
            yield base


# Which of these viewport points show the map itself (no legend, panel or control over them).
OPEN_AT = """(points) => {
  const map = document.querySelector('[data-ms-map-frame] .leaflet-container');
  return points.map(([x, y]) => {
    const el = document.elementFromPoint(x, y);
    return Boolean(el && map.contains(el) && !el.closest('.leaflet-control'));
  });
}"""


def drawn(page) -> list[dict]:
    return page.evaluate("() => window.__mapstory.points().filter(p => p.layer === 'reports')")


def go(page, chapter: str) -> None:
    page.locator(f"[data-goto={chapter}]").click()
    expect(page.locator("[data-ms-map-frame]")).to_have_attribute("data-active-chapter", chapter)
    page.wait_for_function("() => !document.querySelector('[data-ms-map-frame][data-moving]')")
    page.evaluate(SCROLL_AT_REST)  # the jump's scroll has ended: nothing moves under the pointer any more


# Resolves once the reading column's scroll position has held for five frames.
SCROLL_AT_REST = """() => new Promise((done) => {
  const s = document.querySelector('[data-ms-scroller]');
  let last = null, same = 0;
  const tick = () => {
    same = s.scrollTop === last ? same + 1 : 0;
    last = s.scrollTop;
    if (same >= 5) done(true); else requestAnimationFrame(tick);
  };
  tick();
})"""


def test_thousands_of_points_are_one_canvas_that_follows_the_chapters(browser, points_host):
    ctx, page, watch = open_page(browser, points_host, DESKTOP)
    try:
        go(page, HIGHLIGHT_IN)
        state = map_state(page)
        assert "reports" in state["highlight"] and "reports" in state["strong_paths"]
        dots = drawn(page)
        assert len(dots) == COUNT and {d["state"] for d in dots} == {"strong"}
        # One canvas, not an element per point: the whole map holds fewer elements than a tenth of the points.
        assert page.locator(".ms-points.ms-layer-reports canvas").count() == 1
        assert page.locator("[data-ms-map-frame] .leaflet-map-pane *").count() < COUNT / 10

        # The points are painted in their colour where the page says they are (a pixel of the screenshot).
        x, y = painted_dot(page)

        # Each point still answers the pointer with its own name.
        page.mouse.move(x, y)
        expect(page.locator(".leaflet-tooltip")).to_have_count(1)
        expect(page.locator(".leaflet-tooltip")).to_contain_text("Report ")
        # A click (a phone's tap) names the dot too, in one tooltip: the city area beneath gives way.
        page.mouse.move(x + 400, y + 300)
        page.mouse.click(x, y)
        expect(page.locator(".leaflet-tooltip")).to_have_count(1)
        expect(page.locator(".leaflet-tooltip")).to_contain_text("Report ")

        # The previous chapter by key, the pointer still on the dot: the layer hides, and so does its tooltip.
        page.evaluate("() => document.activeElement.blur()")  # the click focused the map, whose keys pan it
        page.keyboard.press("k")
        expect(page.locator("[data-ms-map-frame]")).to_have_attribute("data-active-chapter", BEFORE)
        # (a shape that slides under the pointer as the map moves may show its own)
        expect(page.locator(".leaflet-tooltip", has_text="Report ")).to_have_count(0)
        assert drawn(page) == []

        go(page, DIM_IN)
        assert "reports" in map_state(page)["dim_paths"]
        assert {d["state"] for d in drawn(page)} == {"dim"}
        opacity = page.evaluate("() => getComputedStyle(document.querySelector('.ms-points.ms-layer-reports')).opacity")
        assert float(opacity) == pytest.approx(0.35)

        go(page, OFF_IN)
        assert drawn(page) == [] and "reports" not in map_state(page)["legend"]
        assert watch.real_console_errors() == []
    finally:
        ctx.close()


def painted_dot(page, samples: int = 9) -> tuple[float, float]:
    """The middle of a shown dot in the open part of the map; `samples` dots spread over it are checked to be
    painted in the layer's red where the page says they are."""
    box = page.locator("[data-ms-map-frame] .leaflet-container").first.bounding_box()
    inside = [d for d in drawn(page) if box["x"] + 40 < d["left"] and d["right"] < box["x"] + box["width"] - 40]
    inside = [d for d in inside if box["y"] + 90 < d["top"] and d["bottom"] < box["y"] + box["height"] - 40]
    # Clear of the other layers' dots (a town's dot drawn over a strike is not the strikes' paint).
    others = page.evaluate("() => window.__mapstory.points().filter(p => p.layer !== 'reports')")
    inside = [d for d in inside if all(_apart(d, o, 14) for o in others)]
    assert len(inside) >= samples, "too few dots in the open part of the map"
    centres = [((d["left"] + d["right"]) / 2, (d["top"] + d["bottom"]) / 2) for d in inside]
    centres = [c for c, open_ in zip(centres, page.evaluate(OPEN_AT, centres), strict=True) if open_]
    assert len(centres) >= samples, "too few dots clear of the legend and the controls"
    shot = Image.open(BytesIO(page.screenshot())).convert("RGB")
    for x, y in centres[:: max(1, len(centres) // samples)][:samples]:
        r, g, b = shot.getpixel((round(x), round(y)))
        assert r > 150 and g < 120 and b < 120, (x, y, (r, g, b))  # the style's red fill, not the map beneath
    return centres[len(centres) // 2]


def _apart(a: dict, b: dict, px: float) -> bool:
    ax, ay = (a["left"] + a["right"]) / 2, (a["top"] + a["bottom"]) / 2
    bx, by = (b["left"] + b["right"]) / 2, (b["top"] + b["bottom"]) / 2
    return abs(ax - bx) > px or abs(ay - by) > px


def test_a_point_layer_shown_again_after_a_zoom_is_drawn_where_its_points_are(browser, points_host):
    ctx, page, watch = open_page(browser, points_host, DESKTOP)
    try:
        go(page, HIGHLIGHT_IN)
        if page.locator("details[data-ms-layers]").get_attribute("open") is None:
            page.get_by_text("Layers", exact=True).click()
        box = page.locator("input[data-layer=reports]")
        box.click()  # hidden by the reader: its canvas sleeps through the zoom below
        page.wait_for_function("() => window.__mapstory.points().every(p => p.layer !== 'reports')")
        zoom = page.evaluate("() => window.__mapstory.zoom()")
        page.locator(".leaflet-control-zoom-in").click()
        page.wait_for_function("(z) => window.__mapstory.zoom() > z", arg=zoom)
        page.wait_for_function("() => !document.querySelector('[data-ms-map-frame][data-moving]')")
        zoomed = page.evaluate("() => window.__mapstory.zoom()")
        box.click()  # shown again with no move of the map: only waking draws it, for the zoom it slept through
        assert len(drawn(page)) > 0
        painted_dot(page)
        # The legend grew, and the reader's own view stayed: no refit to the chapter's.
        assert page.evaluate("() => window.__mapstory.zoom()") == zoomed
        assert watch.real_console_errors() == []
    finally:
        ctx.close()
