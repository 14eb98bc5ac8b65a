"""The app's component when the map cannot start (here Leaflet never arrives, as when a script is blocked): the
reader gets the story as a plain article with a sentence saying so and each chapter's map image — never an empty
page. The published site's side is in test_published_site.py."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, new_context, wait_for_app

# Leaflet's `window.L = …` lands nowhere, so the engine's mount finds no Leaflet and throws.
NO_LEAFLET = "Object.defineProperty(window, 'L', { get: () => undefined, set: () => {}, configurable: false });"


def test_a_component_that_cannot_mount_shows_a_sentence_and_the_article(browser, app_url, shipped_story):
    ctx = new_context(browser, DESKTOP)
    ctx.add_init_script(NO_LEAFLET)
    page = ctx.new_page()
    errors: list[str] = []
    page.on("console", lambda m: m.type == "error" and errors.append(m.text))
    try:
        page.goto(app_url)
        wait_for_app(page)
        expect(page.locator("[data-ms-fallback]")).to_be_visible()
        expect(page.locator("[data-ms-fallback]")).to_contain_text("could not start")
        expect(page.locator("[data-ms-root]")).to_have_count(1)  # the half-mounted page is gone
        expect(page.locator("[data-ms-map-frame]")).to_be_hidden()
        for ch in shipped_story.chapters:
            section = page.locator(f"section[data-chapter={ch.id}]")
            section.scroll_into_view_if_needed()
            expect(section.get_by_role("heading", name=ch.title)).to_be_visible()
            image = section.locator("img.ms-print-map")
            expect(image).to_be_visible()
            expect(image).not_to_have_js_property("naturalWidth", 0)
        assert any("could not start" in e for e in errors), errors  # and the reason, for whoever looks
    finally:
        ctx.close()


def test_a_component_that_mounts_hides_the_sentence(browser, app_url):
    ctx = new_context(browser, DESKTOP)
    page = ctx.new_page()
    try:
        page.goto(app_url)
        page.wait_for_selector("[data-ms-root][data-ready=true]", timeout=30_000)
        expect(page.locator("[data-ms-fallback]")).to_be_hidden()
        expect(page.locator(".ms-failed")).to_have_count(0)
    finally:
        ctx.close()
