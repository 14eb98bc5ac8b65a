"""Chapters scroll past and the map follows — on a desktop and on a phone, in the app and on the published site."""

from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, active_chapter, map_state, open_page, query


def wheel_through_story(page, max_steps=200):
    """Scroll the reading column with the mouse wheel, as a reader would; return each chapter in the order it
    became active, with the map's state at that moment."""
    box = page.locator("[data-ms-scroller]").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    seen = [(active_chapter(page), map_state(page))]
    for _ in range(max_steps):
        page.mouse.wheel(0, 220)
        # The wheel scrolls in the next frame or two; the page answers in the frame after (rAF).
        page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        now = active_chapter(page)
        if now != seen[-1][0]:
            seen.append((now, map_state(page)))
        at_end = page.evaluate(
            "() => { const s = document.querySelector('[data-ms-scroller]');"
            " return s.scrollTop + s.clientHeight >= s.scrollHeight - 2; }"
        )
        if at_end:
            break
    return seen


def test_every_chapter_becomes_active_in_turn_and_the_map_follows(viewport_page, shipped_story):
    page, watch = viewport_page
    seen = wheel_through_story(page)
    ids = [c.id for c in shipped_story.chapters]
    assert [chapter for chapter, _ in seen] == ids
    for chapter, state in seen:
        ch = shipped_story.chapter(chapter)
        assert state["chapter"] == chapter
        assert sorted(state["highlight"]) == sorted(ch.highlight)
        # The SVG drawn by Leaflet carries the state: highlighted layers strong, context dimmed.
        assert set(state["strong_paths"]) == set(ch.highlight)
        assert set(state["dim_paths"]) == set(ch.context)
        assert {i for i in state["legend"] if "_" not in i} == set(ch.highlight) | set(ch.context)
        # A comparison adds the ground each shown layer lost or gained, as legend entries of their own.
        when = shipped_story.when(ch)
        changes = {
            f"{layer_id}_{since}_{day}_{kind}"
            for (layer_id, since, day), c in shipped_story.changes().items()
            if (since, day) == (when.since, when.date) and layer_id in ch.highlight + ch.context
            for kind in ("lost", "gained")
            if not getattr(c, kind).is_empty
        }
        assert {i for i in state["legend"] if "_" in i} == changes
        assert state["status"].startswith("Map")
    assert watch.real_console_errors() == []
    assert watch.non_tile_requests() == []


def test_fast_scroll_to_the_end_settles_on_the_last_chapter(desktop, shipped_story):
    page, _ = desktop
    page.evaluate(
        "() => { const s = document.querySelector('[data-ms-scroller]');"
        " for (const f of [0.2, 0.5, 0.8, 1]) s.scrollTop = s.scrollHeight * f; }"
    )
    last = shipped_story.chapters[-1]
    page.wait_for_function(f"() => document.querySelector('[data-ms-map-frame]').dataset.activeChapter === '{last.id}'")
    page.wait_for_function(f"() => location.search.includes('chapter={last.id}')")
    state = map_state(page)
    assert active_chapter(page) == last.id
    assert sorted(state["highlight"]) == sorted(last.highlight)
    assert set(state["legend"]) == set(last.highlight) | set(last.context)
    assert query(page)["chapter"] == last.id


FOCUSED_HEADING = """(id) => document.activeElement.tagName === 'H2'
  && document.activeElement.closest('[data-chapter]')?.dataset.chapter === id"""


@pytest.mark.parametrize("keys", [("j", "k"), ("ArrowRight", "ArrowLeft")])
def test_keyboard_reaches_every_chapter_and_focuses_its_heading(desktop, shipped_story, keys):
    page, _ = desktop
    forward, back = keys
    ids = [c.id for c in shipped_story.chapters]
    page.locator("h1").click()
    assert active_chapter(page) == ids[0]
    for chapter in ids[1:]:
        page.keyboard.press(forward)
        assert active_chapter(page) == chapter
        page.wait_for_function(FOCUSED_HEADING, arg=chapter)
        assert map_state(page)["chapter"] == chapter
    page.keyboard.press(back)
    assert active_chapter(page) == ids[-2]


def test_tabbing_to_the_controls_never_changes_the_chapter(desktop, shipped_story):
    """Tab and Shift+Tab scroll the text to the focused link; that is not the reader moving on."""
    page, _ = desktop
    target = shipped_story.chapters[4].id
    page.locator("h1").click()
    for _ in range(4):
        page.keyboard.press("j")
    assert active_chapter(page) == target
    for _ in range(12):  # back through the chapter list to the navigation bar and the layer controls
        page.keyboard.press("Shift+Tab")
        assert active_chapter(page) == target
    page.wait_for_function(f"() => new URLSearchParams(location.search).get('chapter') === '{target}'")
    # The arrow keys that scroll are left to the text: a long chapter can be read to its end.
    page.locator(f"[data-chapter={target}] h2").focus()
    top = page.evaluate("() => document.querySelector('[data-ms-scroller]').scrollTop")
    page.keyboard.press("ArrowDown")
    page.wait_for_function(f"() => document.querySelector('[data-ms-scroller]').scrollTop > {top}")


def test_first_tab_stop_is_the_storys_skip_link_and_it_lands_on_the_active_chapter(desktop, shipped_story):
    page, _ = desktop
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.textContent") == "Skip to the story text"
    page.keyboard.press("Enter")
    focused = page.evaluate("() => document.activeElement.closest('[data-chapter]')?.dataset.chapter")
    assert focused == shipped_story.chapters[0].id


def test_map_layers_button_opens_the_panel_and_escape_closes_it(desktop):
    page, _ = desktop
    button = page.get_by_role("button", name="Map layers")
    button.click()
    assert button.get_attribute("aria-expanded") == "true"
    assert page.evaluate("() => document.activeElement.dataset.layer") is not None
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("() => document.activeElement.dataset.msLayersBtn") == ""


def test_buttons_and_chapter_list_navigate_without_scrolling(desktop, shipped_story):
    page, _ = desktop
    ids = [c.id for c in shipped_story.chapters]
    page.get_by_role("button", name="Next chapter").click()
    assert active_chapter(page) == ids[1]
    page.get_by_role("button", name="Previous chapter").click()
    assert active_chapter(page) == ids[0]
    page.locator(f"[data-goto={ids[4]}]").click()
    assert active_chapter(page) == ids[4]
    assert map_state(page)["chapter"] == ids[4]


@pytest.mark.parametrize("motion,move", [("reduce", "jump"), ("no-preference", "fly")])
def test_reduced_motion_jumps_instead_of_flying(browser, host, motion, move):
    ctx, page, _ = open_page(browser, host.url, DESKTOP, reduced_motion=motion)
    try:
        before = page.evaluate("() => window.__mapstory.zoom()")
        right_after = page.evaluate(
            "() => { document.querySelector('[data-ms-next]').click(); return window.__mapstory.zoom(); }"
        )
        frame = page.locator("[data-ms-map-frame]")
        expect(frame).to_have_attribute("data-last-move", move)
        expect(frame).not_to_have_attribute("data-moving", "true")  # the jump or flight has come to rest
        final = page.evaluate("() => window.__mapstory.zoom()")
        assert final != before
        # A jump is at its destination in the same task; a flight is still at its start.
        assert (right_after == final) is (move == "jump")
    finally:
        ctx.close()


def test_phone_pins_the_map_on_top_and_the_text_never_covers_it(browser, host):
    ctx, page, _ = open_page(browser, host.url, PHONE)
    try:
        m = page.locator("[data-ms-map-frame]").bounding_box()
        t = page.locator("[data-ms-scroller]").bounding_box()
        assert m["y"] <= 1 and m["height"] >= 0.35 * PHONE["height"]
        assert t["y"] >= m["y"] + m["height"]  # the text column starts below the map
        page.mouse.move(t["x"] + 50, t["y"] + 100)
        page.mouse.wheel(0, 1500)
        page.wait_for_function("() => document.querySelector('[data-ms-scroller]').scrollTop > 1000")
        assert page.locator("[data-ms-map-frame]").bounding_box() == m  # still pinned
        # Zoom is never locked.
        viewport = page.evaluate("() => document.querySelector('meta[name=viewport]')?.content || ''")
        assert "user-scalable=no" not in viewport and "maximum-scale=1" not in viewport
    finally:
        ctx.close()


def test_map_carries_legend_dateline_sources_scale_labels_and_inset(desktop, shipped_story):
    page, _ = desktop
    assert page.locator(".leaflet-control-scale").is_visible()
    assert page.locator("[data-ms-dateline]").inner_text().startswith("Map state as of ")
    assert "UK Defence Intelligence" in page.locator(".ms-sourceline").inner_text()
    assert page.locator("[data-ms-legend] li").count() >= 1
    assert page.locator(".ms-inset .leaflet-container path").count() >= 2  # region outline + view box
    assert page.locator(".leaflet-marker-pane .ms-label:not(.ms-off)").count() >= 5
    assert page.locator(".leaflet-control-attribution").inner_text() != ""


def test_a_flight_fetches_basemap_tiles_only_at_the_zoom_it_settles_on(browser, host):
    """A flight from the oblast to a district passes a dozen zooms; a reader on a slow or metered network pays for
    the tiles of the zoom the map rests at, not of every zoom on the way."""
    ctx, page, _ = open_page(browser, host.url, DESKTOP, reduced_motion="no-preference")
    asked: list[int] = []

    def tile(route):
        asked.append(int(urlparse(route.request.url).path.split("/")[1]))  # /{z}/{x}/{y}.png
        route.abort()

    try:
        page.wait_for_function("() => !document.querySelector('[data-ms-map-frame][data-moving]')")
        ctx.route("https://*.openstreetmap.org/**", tile)
        page.locator("[data-goto=centre]").click()
        frame = page.locator("[data-ms-map-frame]")
        expect(frame).to_have_attribute("data-last-move", "fly")
        expect(frame).not_to_have_attribute("data-moving", "true")
        settled = round(page.evaluate("() => window.__mapstory.zoom()"))
        # Tiles are asked for as the flight ends: wait until each one's request has been answered (here: refused
        # by the route above, and a refused image is complete).
        page.wait_for_function(
            "() => { const t = [...document.querySelectorAll('.leaflet-tile-pane img')];"
            " return t.length > 0 && t.every((i) => i.complete); }"
        )
        assert asked, "no tile was asked for at the chapter's zoom"
        assert set(asked) == {settled}, f"tiles asked at zooms {sorted(set(asked))}, the map settled at {settled}"
    finally:
        ctx.close()
