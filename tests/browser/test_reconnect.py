"""The server restarts under a reader (a deploy, a crash): the page reconnects and the address bar, written by
the page alone, keeps following the reader — and a reload reopens exactly what the page showed."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, link_state, map_state, new_context, wait_for_app, wait_for_story
from tests.browser.server import free_port, streamlit_server


def test_a_restarted_server_leaves_the_reader_where_they_were(browser, shipped_story):
    port = free_port()
    chapters = [c.id for c in shipped_story.chapters]
    ctx = new_context(browser, DESKTOP)
    page = ctx.new_page()
    try:
        with streamlit_server(port=port) as (base, _):
            page.goto(f"{base}/?chapter={chapters[2]}")
            wait_for_story(page)
            page.get_by_role("button", name="Map layers").click()
            page.locator("input[data-layer=roads]").click()
            page.wait_for_function("() => new URLSearchParams(location.search).has('layers')")
        # The server is gone; Streamlit's page notices and keeps trying to reconnect.
        app = page.locator("[data-testid=stApp]")
        expect(app).not_to_have_attribute("data-test-connection-state", "CONNECTED", timeout=30_000)
        with streamlit_server(port=port):
            wait_for_app(page, timeout=60_000)
            assert map_state(page)["chapter"] == chapters[2]  # the page kept its state through the reconnect
            for target in chapters[3:5]:
                page.get_by_role("button", name="Next chapter").click()
                page.wait_for_function("(id) => new URLSearchParams(location.search).get('chapter') === id", arg=target)
            shown = map_state(page)
            before = link_state(page.url)
            assert before[1] is not None and "roads" in before[1]
            page.reload()
            wait_for_story(page)
            after = map_state(page)
            assert link_state(page.url) == before
            assert (after["chapter"], after["highlight"], after["dimmed"]) == (
                shown["chapter"],
                shown["highlight"],
                shown["dimmed"],
            )
            expect(app).not_to_contain_text("Traceback")
    finally:
        ctx.close()
