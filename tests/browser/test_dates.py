"""The map's dates, on both hosts: a chapter that compares 7 and 14 April shows the ground given up; the reader
steps between the dates by keyboard; the date travels in the link; a layer no source gives on a date says so."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, PHONE, map_state, open_page, query

COMPARE = "2023-04-07..2023-04-14"
CHANGE = "Between 7 April 2023 and 14 April 2023, western districts lost about 1.5 km²."


def when(page) -> str:
    return page.locator("[data-ms-map-frame]").get_attribute("data-when")


def shown_changes(page) -> list[str]:
    """Changed ground drawn on the map right now, by class (ms-change-lost / -gained), with its state."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.leaflet-overlay-pane path.ms-change:not(.ms-off)')]
                 .map(p => [...p.classList].filter(c => c.startsWith('ms-change-') || c.startsWith('ms-strong'))
                 .join(' '))"""
    )


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_a_comparison_chapter_draws_and_names_the_ground_lost(browser, host, viewport):
    ctx, page, watch = open_page(browser, f"{host.url}/?chapter=week", viewport)
    try:
        assert when(page) == COMPARE
        assert shown_changes(page) == ["ms-change-lost ms-strong"]
        expect(page.locator("[data-legend=west_2023-04-07_2023-04-14_lost]")).to_contain_text(
            "Lost by 14 April 2023: western districts"
        )
        assert map_state(page)["status"].endswith(CHANGE)
        expect(page.locator("[data-ms-dateline]")).to_have_text("Change from 7 April 2023 to 14 April 2023")
        expect(page.get_by_role("button", name="Change since 7 April 2023 to 14 April 2023")).to_have_attribute(
            "aria-pressed", "true"
        )
        assert watch.real_console_errors() == []
    finally:
        ctx.close()


def test_the_keyboard_reaches_the_date_control_and_steps_the_dates(browser, host):
    ctx, page, _ = open_page(browser, f"{host.url}/?chapter=centre", DESKTOP)
    try:
        assert when(page) == "2023-04-14"
        apr7 = page.get_by_role("button", name="Map as of 7 April 2023")
        # Tab from the top of the story until the date control has focus: it is in the keyboard's reach.
        page.locator(".ms-skip").focus()
        for _ in range(40):
            if page.evaluate("() => document.activeElement.closest('[data-ms-dates]') !== null"):
                break
            page.keyboard.press("Tab")
        assert page.evaluate("() => document.activeElement.closest('[data-ms-dates]') !== null")
        apr7.focus()
        page.keyboard.press("Enter")
        expect(page.locator("[data-ms-map-frame]")).to_have_attribute("data-when", "2023-04-07")
        expect(apr7).to_have_attribute("aria-pressed", "true")
        state = map_state(page)
        assert "which Russian forces had highly likely advanced into as of 7 April 2023" in state["status"]
        # No source gives the front line for 7 April: its row says so and nothing is drawn for it.
        expect(page.locator("[data-legend=front]")).to_contain_text("not given for 7 April 2023")
        assert "front line not given for 7 April 2023" in state["status"]
        assert "front" not in state["strong_paths"] + state["dim_paths"]
        page.wait_for_function("() => new URLSearchParams(location.search).get('date') === '2023-04-07'")
        # Arrow keys move between the dates, and focus follows; the chapter's own date leaves the link clean.
        page.keyboard.press("ArrowRight")
        apr14 = page.get_by_role("button", name="Map as of 14 April 2023")
        expect(apr14).to_be_focused()
        expect(page.locator("[data-ms-map-frame]")).to_have_attribute("data-when", "2023-04-14")
        page.wait_for_function("() => !new URLSearchParams(location.search).has('date')")
        # The change since the date before, by keyboard too.
        page.get_by_role("button", name="Change since 7 April 2023 to 14 April 2023").press("Enter")
        expect(page.locator("[data-ms-map-frame]")).to_have_attribute("data-when", COMPARE)
        page.wait_for_function("() => new URLSearchParams(location.search).get('compare') === '2023-04-07,2023-04-14'")
    finally:
        ctx.close()


def test_a_date_in_the_link_opens_that_date_and_holds_in_later_chapters_until_reset(browser, host):
    ctx, page, _ = open_page(browser, f"{host.url}/?chapter=centre&date=2023-04-07", DESKTOP)
    try:
        assert when(page) == "2023-04-07"
        expect(page.locator("[data-legend=centre]")).to_contain_text('Russian forces "highly likely" in it')
        expect(page.locator("[data-ms-notice]")).to_be_hidden()
        page.keyboard.press("j")  # the next chapter: the reader's date holds, like a layer choice
        expect(page.locator("[data-ms-map-frame]")).to_have_attribute("data-active-chapter", "outskirts")
        assert when(page) == "2023-04-07"
        expect(page.locator("[data-legend=outskirts]")).to_contain_text("not given for 7 April 2023")
        page.wait_for_function("() => new URLSearchParams(location.search).get('chapter') === 'outskirts'")
        assert query(page)["date"] == "2023-04-07"
        page.get_by_text("Layers", exact=True).click()
        page.get_by_role("button", name="Back to the story's view").click()
        expect(page.locator("[data-ms-map-frame]")).to_have_attribute("data-when", "2023-04-14")
        page.wait_for_function("() => !new URLSearchParams(location.search).has('date')")
    finally:
        ctx.close()


def test_a_comparison_link_opens_both_dates(browser, host):
    ctx, page, _ = open_page(browser, f"{host.url}/?chapter=west&compare=2023-04-07,2023-04-14", DESKTOP)
    try:
        assert when(page) == COMPARE
        # What changed, and what could not be compared: no source gives the flanks or the front for 7 April.
        assert map_state(page)["status"].endswith(
            "Between 7 April 2023 and 14 April 2023, western districts lost about 1.5 km² and outskirts and "
            "front line not given for 7 April 2023."
        )
        expect(page.locator("[data-ms-notice]")).to_be_hidden()
    finally:
        ctx.close()


@pytest.mark.parametrize(
    "qs",
    [
        "chapter=centre&date=2023-04-08",
        "chapter=centre&date=14-04-2023",
        "chapter=centre&compare=2023-04-14,2023-04-14",
    ],
)
def test_a_date_the_story_does_not_have_gets_the_quiet_notice(browser, host, qs):
    ctx, page, _ = open_page(browser, f"{host.url}/?{qs}", DESKTOP)
    try:
        expect(page.locator("[data-ms-notice]")).to_be_visible()
        assert when(page) == "2023-04-14"  # the chapter's own date
        assert map_state(page)["chapter"] == "centre"
    finally:
        ctx.close()


def test_tracking_parameters_from_social_media_show_no_notice(browser, host):
    qs = "chapter=centre&utm_source=twitter&utm_medium=social&fbclid=abc&gclid=x&mc_cid=y"
    ctx, page, _ = open_page(browser, f"{host.url}/?{qs}", DESKTOP)
    try:
        assert map_state(page)["chapter"] == "centre"
        expect(page.locator("[data-ms-notice]")).to_be_hidden()
    finally:
        ctx.close()
