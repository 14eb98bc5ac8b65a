"""The harness itself: the app starts, shows its title, and talks to no host but itself and the tiles."""

from tests.browser.conftest import DESKTOP, PageWatch, open_page, wait_for_app
from tests.browser.server import free_port


def test_app_renders_title_without_console_errors(browser, app_url):
    ctx, page, watch = open_page(browser, app_url, DESKTOP)
    wait_for_app(page)
    heading = page.get_by_role("heading", level=1).first
    assert "Bakhmut" in heading.inner_text()
    assert watch.real_console_errors() == []
    assert watch.non_tile_requests() == []
    ctx.close()


def test_the_console_watch_forgives_a_failed_tile_and_nothing_else(browser):
    """The watch every reader test relies on: a basemap tile that cannot load is expected on a closed network,
    but a missing module or image of our own, or a script error, is a failure the tests must see."""
    ctx = browser.new_context()
    page = ctx.new_page()
    watch = PageWatch(page)

    def failed(part):
        return lambda msg: part in ((msg.location or {}).get("url") or "")

    # Wait for both failures to reach the console (a load fails asynchronously), then judge the watch.
    with page.expect_console_message(failed("ours.png")), page.expect_console_message(failed("openstreetmap")):
        page.set_content(
            '<img alt="" src="https://a.tile.openstreetmap.org/1/1/1.png">'
            f'<img alt="" src="http://127.0.0.1:{free_port()}/ours.png">'
            "<script>missingFunction()</script>"
        )
    errors = watch.real_console_errors()
    assert any("ours.png" in e for e in errors), errors
    assert any("missingFunction" in e for e in errors), errors
    assert not any("openstreetmap" in e for e in errors), errors
    assert watch.tile_failures == ["https://a.tile.openstreetmap.org/1/1/1.png"]
    ctx.close()
