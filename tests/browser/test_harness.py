"""The harness itself: the app starts, shows its title, and talks to no host but itself and the tiles."""

from tests.browser.conftest import DESKTOP, open_page, wait_for_app


def test_app_renders_title_without_console_errors(browser, app_url):
    ctx, page, watch = open_page(browser, app_url, DESKTOP)
    wait_for_app(page)
    heading = page.get_by_role("heading", level=1).first
    assert "Bakhmut" in heading.inner_text()
    assert watch.real_console_errors() == []
    assert watch.non_tile_requests() == []
    ctx.close()
