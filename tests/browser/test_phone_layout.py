"""On a phone the map's size never depends on what the legend lists: a layer toggle or a chapter change redraws
the map's layers and legend without resizing it (a resize refits the view and cuts a flight short). Both hosts."""

from playwright.sync_api import expect

from bench.phone import MAP_SIZE  # the benchmark measures the map's size the same way
from tests.browser.conftest import PHONE, active_chapter, open_page


def test_toggles_and_chapter_changes_leave_the_map_size_alone(browser, host, shipped_story):
    ctx, page, watch = open_page(browser, host.url + "/?chapter=outskirts", PHONE)
    try:
        size = page.evaluate(MAP_SIZE)
        page.locator("[data-ms-layers-btn]").click()
        for spec in shipped_story.layers:
            box = page.locator(f"input[type=checkbox][data-layer={spec.id}]")
            was_on = box.is_checked()
            box.click()
            page.wait_for_function(
                f"() => [...document.querySelectorAll('[data-legend]')].some((li) => li.dataset.legend === "
                f"'{spec.id}') === {'false' if was_on else 'true'}"
            )
            assert page.evaluate(MAP_SIZE) == size, f"toggling {spec.id} resized the map"
        page.locator("[data-ms-layers-btn]").click()
        page.goto(f"{host.url}/")
        expect(page.locator("[data-ms-root][data-ready=true]")).to_have_count(1)
        for chapter in shipped_story.chapters[1:]:
            page.locator("[data-ms-next]").click()
            expect(page.locator(f"[data-ms-map-frame][data-active-chapter={chapter.id}]")).to_have_count(1)
            assert active_chapter(page) == chapter.id
            assert page.evaluate(MAP_SIZE) == size, f"the map in '{chapter.id}' is not the size of the others"
        assert watch.real_console_errors() == []
    finally:
        ctx.close()
