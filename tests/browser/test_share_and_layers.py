"""Issue 6: readers toggle layers, and the address bar always holds a link that reopens what they saw."""

from urllib.parse import quote

import pytest

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    active_chapter,
    map_state,
    open_page,
    query,
    query_of,
    wait_for_app,
)


def open_layers(page):
    panel = page.locator("details[data-ms-layers]")
    if panel.get_attribute("open") is None:
        page.get_by_text("Layers", exact=True).click()


def settled_query(page, **expected):
    for key, value in expected.items():
        if value is None:
            page.wait_for_function(f"() => !new URLSearchParams(location.search).has('{key}')")
        else:
            page.wait_for_function(
                f"() => new URLSearchParams(location.search).get('{key}') === {value!r}", timeout=5000
            )
    return query(page)


def test_toggling_each_layer_changes_map_legend_and_url(desktop, shipped_story):
    page, _ = desktop
    first = shipped_story.chapters[0]
    defaults = set(first.highlight) | set(first.context)
    open_layers(page)
    for spec in shipped_story.layers:
        box = page.locator(f"input[type=checkbox][data-layer={spec.id}]")
        assert box.is_visible()
        was_on = spec.id in defaults
        assert box.is_checked() is was_on
        box.click()
        state = map_state(page)
        visible = set(state["highlight"]) | set(state["dimmed"])
        assert (spec.id in visible) is (not was_on)
        assert (spec.id in state["legend"]) is (not was_on)
        q = settled_query(page, chapter=first.id)
        page.wait_for_function("() => new URLSearchParams(location.search).has('layers')")
        q = query(page)
        assert (spec.id in q["layers"].split(",")) is (not was_on)
        box.click()  # back to the chapter's own state: the link drops `layers`
        settled_query(page, layers=None)
        assert not page.locator("[data-ms-reset]").is_visible()


def test_back_to_the_story_view_restores_the_chapter_state(desktop, shipped_story):
    page, _ = desktop
    first = shipped_story.chapters[0]
    before = map_state(page)
    open_layers(page)
    for spec_id in first.highlight:
        page.locator(f"input[data-layer={spec_id}]").click()
    reset = page.get_by_role("button", name="Back to the story's view")
    assert reset.is_visible()
    assert map_state(page)["highlight"] != before["highlight"]
    assert "your layer choice" in map_state(page)["status"]
    reset.click()
    assert map_state(page) == before
    assert not reset.is_visible()
    settled_query(page, layers=None)


def test_copied_link_reopens_same_chapter_and_layers_in_a_fresh_browser(browser, app_url, shipped_story):
    ctx, page, _ = open_page(browser, app_url, DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    try:
        target = shipped_story.chapters[4]
        page.locator(f"[data-goto={target.id}]").click()
        # Change the reader's layers: hide the first highlighted layer, show a hidden one.
        hidden = next(s.id for s in shipped_story.layers if s.id not in set(target.highlight) | set(target.context))
        open_layers(page)
        page.locator(f"input[data-layer={target.highlight[0]}]").click()
        page.locator(f"input[data-layer={hidden}]").click()
        want = map_state(page)
        page.get_by_role("button", name="Copy link").click()
        page.get_by_text("Link copied").wait_for()
        link = page.evaluate("() => navigator.clipboard.readText()")
        assert link.startswith(app_url) and f"chapter={target.id}" in link
    finally:
        ctx.close()
    # A fresh tab's history length before the app can touch it (about:blank + the page itself).
    base_ctx, base_page, _ = open_page(browser, app_url, DESKTOP)
    fresh_history = base_page.evaluate("() => history.length")
    base_ctx.close()
    for viewport in (DESKTOP, PHONE):
        ctx2, page2, watch = open_page(browser, link, viewport)
        try:
            assert active_chapter(page2) == target.id
            got = map_state(page2)
            assert (got["highlight"], got["dimmed"], got["legend"]) == (
                want["highlight"],
                want["dimmed"],
                want["legend"],
            )
            # Restored at once: no chapter on the way became active, nothing else was written to the URL.
            sources = page2.evaluate("() => window.__mapstory.metrics.map(m => m.chapter)")
            assert sources == [target.id]
            page2.wait_for_timeout(800)  # past the settle delay: the restored state is reported, not pushed
            assert page2.evaluate("() => history.length") == fresh_history
            assert query(page2) == query_of(link)
            assert watch.real_console_errors() == []
        finally:
            ctx2.close()


def test_scrolling_through_the_story_grows_history_by_at_most_one(desktop, shipped_story):
    page, _ = desktop
    start = page.evaluate("() => history.length")
    for _ in shipped_story.chapters[1:]:
        page.get_by_role("button", name="Next chapter").click()
        page.wait_for_timeout(450)  # let each chapter settle, so the URL and Python hear of every one
    settled_query(page, chapter=shipped_story.chapters[-1].id)
    assert page.evaluate("() => history.length") - start <= 1


def test_a_full_read_costs_at_most_one_python_rerun_per_chapter(browser, app_url, shipped_story):
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    frames: list[int] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: frames.append(len(payload))))
    try:
        page.goto(app_url)
        wait_for_app(page)
        page.wait_for_selector("[data-ms-root][data-ready=true]")
        page.wait_for_timeout(600)
        before = len(frames)
        box = page.locator("[data-ms-scroller]").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 300)
        for _ in range(120):
            page.mouse.wheel(0, 250)
            page.wait_for_timeout(40)
        settled_query(page, chapter=shipped_story.chapters[-1].id)
        page.wait_for_timeout(800)
        reruns = len(frames) - before
        assert reruns <= len(shipped_story.chapters)
    finally:
        ctx.close()


HOSTILE = [
    "chapter=<script>window.__pwned=1</script>",
    'chapter="><img src=x onerror="window.__pwned=1">',
    "chapter=javascript:alert(1)",
    "chapter=west&chapter=<b>bold</b>&chapter=west",
    "layers=" + "a" * 10_000,
    "chapter=" + "x" * 10_000,
    "chapter=w%C3%ABst&layers=%E2%80%AE,city",
    "chapter=west&layers=west,west,west,<svg/onload=window.__pwned=1>",
    "chapter=west&layers=city&layers=roads",
    "chapter='%3B window.__pwned=1%3B'",
    "utm_source=x&chapter=centre",
]


@pytest.mark.parametrize("qs", HOSTILE)
def test_hostile_parameters_leave_the_page_working_and_inject_nothing(browser, app_url, shipped_story, qs):
    ctx, page, watch = open_page(browser, f"{app_url}/?{qs}", DESKTOP)
    try:
        assert page.locator("h1").first.inner_text() == shipped_story.title
        assert page.locator("[data-chapter]").count() == len(shipped_story.chapters)
        assert active_chapter(page) in {c.id for c in shipped_story.chapters}
        assert page.evaluate("() => window.__pwned") is None
        html = page.content()
        for marker in ("<script>window.__pwned", "onerror=", "<svg/onload", "<b>bold</b>", "x" * 200):
            assert marker not in html
        assert watch.real_console_errors() == []
        # The address bar ends up holding a clean link.
        page.wait_for_timeout(500)
        assert set(query(page)) <= {"chapter", "layers"}
    finally:
        ctx.close()


def test_unknown_values_get_a_quiet_notice(browser, app_url):
    ctx, page, _ = open_page(browser, f"{app_url}/?chapter={quote('<nope>')}", DESKTOP)
    try:
        notice = page.locator("[data-ms-notice]")
        assert notice.is_visible() and "not recognised" in notice.inner_text()
        assert "<nope>" not in notice.inner_text()
    finally:
        ctx.close()
