"""Issue 13: legible on every screen. The map's furniture never hides what a chapter shows, a phone reaches the
whole legend, the keyboard sees where it is, axe finds nothing, and print carries the maps.

Run over every chapter of the shipped story and of a test story on the other side of the world, on a desktop
(1280×800) and a phone (390×844)."""

from __future__ import annotations

import io
import json
from contextlib import contextmanager

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, new_context, wait_for_app, wait_for_story
from tests.browser.legibility import bad_labels, bad_shapes, go_to_chapter, measure, settle
from tests.browser.server import ROOT, streamlit_server

STORIES = {
    "bakhmut": None,  # the shipped story (the app's default)
    "valparaiso": ROOT / "tests/fixtures/stories/valparaiso/story.yaml",
}
AXE = ROOT / "tests/browser/axe/node_modules/axe-core/axe.min.js"
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}


@pytest.fixture(scope="module", params=list(STORIES))
def story_app(request):
    path = STORIES[request.param]
    env = {"STORY": str(path)} if path else {"STORY": ""}
    with streamlit_server(env=env) as (base, _proc):
        yield request.param, base


@contextmanager
def story_page(browser, base: str, viewport: dict):
    # Reduced motion: each chapter's view is applied at once, so a test waits for one state, not a flight.
    ctx = new_context(browser, viewport, reduced_motion="reduce")
    try:
        page = ctx.new_page()
        page.goto(base)
        wait_for_app(page)
        wait_for_story(page)
        yield page
    finally:
        ctx.close()


def chapter_ids(page) -> list[str]:
    return page.evaluate("() => [...document.querySelectorAll('[data-chapter]')].map(e => e.dataset.chapter)")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_furniture_never_hides_the_chapter_and_every_layer_has_its_legend(browser, story_app, viewport):
    _name, base = story_app
    with story_page(browser, base, VIEWPORTS[viewport]) as page:
        problems = {}
        toggle = page.get_by_role("button", name="Legend", exact=True)
        for cid in chapter_ids(page):
            go_to_chapter(page, cid)
            m = measure(page)
            assert m["strong"] or not page.evaluate(
                "() => document.querySelector('[data-ms-map-frame]').dataset.highlight"
            ), f"{cid}: highlighted layers drew nothing"
            legend = m["legend"]
            if not all(legend.values()):
                # One press of "Legend" shows every entry (a phone's legend is folded beneath the map).
                expect(toggle).to_be_visible()
                toggle.click()
                expect(toggle).to_have_attribute("aria-expanded", "true")
                settle(page, cid)
                legend = measure(page)["legend"]
                toggle.click()
                expect(toggle).to_have_attribute("aria-expanded", "false")
                settle(page, cid)
            found = (
                bad_shapes(m) + bad_labels(m) + [f"legend entry {i} unreachable" for i, ok in legend.items() if not ok]
            )
            if found:
                problems[cid] = found
        assert problems == {}


def test_a_resized_window_refits_clear_of_the_furniture(browser, story_app):
    _name, base = story_app
    with story_page(browser, base, DESKTOP) as page:
        cid = chapter_ids(page)[-1]
        go_to_chapter(page, cid)
        for size in ({"width": 980, "height": 620}, {"width": 1400, "height": 560}):
            page.set_viewport_size(size)
            page.wait_for_function(
                "(w) => Math.abs(document.querySelector('[data-ms-map-frame]').getBoundingClientRect().right - w) < 2",
                arg=size["width"],
            )
            # The map's ResizeObserver refits in the frame after the resize: let it run before reading the state.
            page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
            # The text reflows too, and may bring the next chapter to the reading line: check whichever is active.
            now = page.evaluate("() => document.querySelector('[data-ms-map-frame]').dataset.activeChapter")
            settle(page, now)
            m = measure(page)
            assert bad_shapes(m) + bad_labels(m) == [], (size, now)


def test_phone_reaches_the_sources_line_and_the_position(browser, story_app):
    _name, base = story_app
    with story_page(browser, base, PHONE) as page:
        ids = chapter_ids(page)
        go_to_chapter(page, ids[1])
        expect(page.locator("[data-ms-position]")).to_be_visible()
        expect(page.locator("[data-ms-position]")).to_have_text(f"2 / {len(ids)}")
        page.get_by_role("button", name="Legend", exact=True).click()
        line = page.locator(".ms-sourceline")
        expect(line).to_be_visible()
        expect(line).to_contain_text("Sources:")
        # Whole, not cut with an ellipsis, and inside the screen.
        fits = line.evaluate(
            "el => { const p = el.parentElement, r = el.getBoundingClientRect();"
            " return p.scrollWidth <= p.clientWidth + 1 && r.bottom <= innerHeight && r.right <= innerWidth; }"
        )
        assert fits


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_skip_link_is_never_covered(browser, story_app, viewport):
    _name, base = story_app
    with story_page(browser, base, VIEWPORTS[viewport]) as page:
        page.locator("body").press("Tab")
        skip = page.get_by_role("link", name="Skip to the story text")
        expect(skip).to_be_focused()
        on_top = skip.evaluate(
            "el => { const r = el.getBoundingClientRect();"
            " return [[0.1, 0.2], [0.5, 0.5], [0.9, 0.8]].every(([x, y]) =>"
            "   el.contains(document.elementFromPoint(r.left + r.width * x, r.top + r.height * y))); }"
        )
        assert on_top


def _png(page, clip) -> Image.Image:
    return Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_keyboard_focus_is_visible_on_every_stop(browser, story_app, viewport):
    """Tab through the page: every stop looks different focused and unfocused (a ring, not a 0.3 % change),
    and the map and its zoom buttons have names that say what they are."""
    _name, base = story_app
    with story_page(browser, base, VIEWPORTS[viewport]) as page:
        expect(page.get_by_role("region", name="Map view: arrow keys pan, plus and minus zoom")).to_have_count(1)
        expect(page.get_by_role("button", name="+ Zoom in")).to_be_visible()
        expect(page.get_by_role("button", name="− Zoom out")).to_be_visible()
        faint, seen = [], []
        vp = VIEWPORTS[viewport]
        for _ in range(60):
            page.keyboard.press("Tab")
            info = page.evaluate(
                """() => { const el = document.activeElement;
                     if (!el || el === document.body || !el.closest('[data-ms-root]')) return null;
                     el.dataset.msFocusProbe = '1';
                     const r = el.getBoundingClientRect();
                     return {what: (el.getAttribute('aria-label') || el.textContent || el.tagName).trim().slice(0, 40),
                             x: r.left, y: r.top, w: r.width, h: r.height}; }"""
            )
            if info is None:
                break
            if info["what"] in seen and info["what"].startswith("Skip"):
                break
            seen.append(info["what"])
            pad = 6
            x0, y0 = max(0, info["x"] - pad), max(0, info["y"] - pad)
            x1 = min(vp["width"], info["x"] + info["w"] + pad)
            y1 = min(vp["height"], info["y"] + info["h"] + pad)
            if x1 - x0 < 2 or y1 - y0 < 2:
                faint.append(f"{info['what']} (off screen)")
                continue
            clip = {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0}
            focused = _png(page, clip)
            # Blur keeps the page where it is (no scroll), so the two pictures differ by the ring alone.
            page.evaluate("() => document.activeElement.blur()")
            plain = _png(page, clip)
            page.evaluate("() => document.querySelector('[data-ms-focus-probe]').focus({preventScroll: true})")
            page.evaluate("() => delete document.querySelector('[data-ms-focus-probe]').dataset.msFocusProbe")
            diff = ImageChops.difference(focused, plain).convert("L").point(lambda v: 255 if v > 40 else 0)
            changed = diff.histogram()[255]
            # At least a one-pixel ring round the element's whole edge.
            if changed < 2 * (min(info["w"], x1 - x0) + min(info["h"], y1 - y0)):
                faint.append(f"{info['what']} ({changed} px)")
        assert len(seen) >= 8, seen
        assert faint == []


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_axe_finds_no_violations(browser, story_app, viewport):
    assert AXE.exists(), "axe-core is missing: scripts/test.sh installs it (npm ci --prefix tests/browser/axe)"
    _name, base = story_app
    with story_page(browser, base, VIEWPORTS[viewport]) as page:
        ids = chapter_ids(page)
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))  # the test's, never the page's
        found = {}
        for cid in (ids[0], ids[-1]):
            go_to_chapter(page, cid)
            toggle = page.get_by_role("button", name="Legend", exact=True)
            if toggle.is_visible():
                toggle.click()
                settle(page, cid)
            result = page.evaluate(
                "async () => (await axe.run(document.querySelector('[data-ms-root]'))).violations"
                ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 4)}))"
            )
            if result:
                found[cid] = result
        assert found == {}, json.dumps(found, indent=1)


def test_print_shows_every_chapter_with_its_map_in_black(browser, story_app):
    _name, base = story_app
    with story_page(browser, base, DESKTOP) as page:
        page.emulate_media(media="print")
        images = page.locator("[data-chapter] img.ms-print-map")
        expect(images).to_have_count(len(chapter_ids(page)))
        for i in range(images.count()):
            img = images.nth(i)
            expect(img).to_be_visible()
            assert img.evaluate("el => el.complete && el.naturalWidth >= 800")
            assert img.get_attribute("alt")
        colours = page.evaluate(
            "() => [...document.querySelectorAll('[data-chapter] .ms-body p')].map(p => getComputedStyle(p).color)"
        )
        assert set(colours) == {"rgb(0, 0, 0)"}
        expect(page.locator(".ms-map-panel")).to_be_hidden()
        pdf = page.pdf(format="A4")
        assert len(pdf) > 50_000  # the images are in it, not only the text
