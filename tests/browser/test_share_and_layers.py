"""Readers toggle layers, and the address bar always holds a link that reopens what they saw — on both hosts."""

from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    active_chapter,
    link_state,
    map_state,
    new_context,
    open_page,
    query,
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
        expect(box).to_be_visible()
        was_on = spec.id in defaults
        assert box.is_checked() is was_on
        box.click()
        state = map_state(page)
        visible = set(state["highlight"]) | set(state["dimmed"])
        assert (spec.id in visible) is (not was_on)
        assert (spec.id in state["drawn"]) is (not was_on), f"{spec.id}: drawn {state['drawn']}"
        assert (spec.id in state["legend"]) is (not was_on)
        settled_query(page, chapter=first.id)
        page.wait_for_function("() => new URLSearchParams(location.search).has('layers')")
        assert (spec.id in query(page)["layers"].split(",")) is (not was_on)
        expect(page.locator("[data-ms-reset]")).to_be_visible()
        box.click()  # back to the chapter's own state: the choice is undone and the link drops `layers`
        settled_query(page, layers=None)
        expect(page.locator("[data-ms-reset]")).to_be_hidden()


def test_a_hidden_layer_stays_hidden_to_the_end_and_back_to_the_story_restores_every_chapter(desktop, shipped_story):
    page, _ = desktop
    chapters = shipped_story.chapters
    # The towns: shown in most chapters, so a choice that decayed would bring them back.
    layer = "places"
    assert layer in set(chapters[0].highlight) | set(chapters[0].context)
    open_layers(page)
    page.locator(f"input[data-layer={layer}]").click()
    for ch in chapters:
        page.locator(f"[data-goto={ch.id}]").click()
        state = map_state(page)
        assert state["chapter"] == ch.id
        assert layer not in state["highlight"] + state["dimmed"] + state["legend"], ch.id
        assert page.locator(f"input[data-layer={layer}]").is_checked() is False
        settled_query(page, chapter=ch.id)
        page.wait_for_function("() => new URLSearchParams(location.search).has('layers')")
        assert layer not in query(page)["layers"].split(","), ch.id
    page.get_by_role("button", name="Back to the story's view").click()
    settled_query(page, layers=None)
    for ch in chapters:
        page.locator(f"[data-goto={ch.id}]").click()
        state = map_state(page)
        assert (sorted(state["highlight"]), sorted(state["dimmed"])) == (sorted(ch.highlight), sorted(ch.context))
        assert not state["status"].startswith("Map (your choice)")


def test_back_to_the_story_view_restores_the_chapter_state(desktop, shipped_story):
    page, _ = desktop
    first = shipped_story.chapters[0]
    before = map_state(page)
    open_layers(page)
    for spec_id in first.highlight:
        page.locator(f"input[data-layer={spec_id}]").click()
    reset = page.get_by_role("button", name="Back to the story's view")
    expect(reset).to_be_visible()
    assert map_state(page)["highlight"] != before["highlight"]
    assert "your choice" in map_state(page)["status"]
    reset.click()
    assert map_state(page) == before
    expect(reset).to_be_hidden()
    settled_query(page, layers=None)


def test_copied_link_reopens_same_chapter_and_layers_in_a_fresh_browser(browser, host, shipped_story):
    ctx, page, _ = open_page(browser, host.url, DESKTOP, permissions=["clipboard-read", "clipboard-write"])
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
        expect(page.get_by_text("Link copied")).to_be_visible()
        link = page.evaluate("() => navigator.clipboard.readText()")
        assert link.startswith(host.url)
        if host.kind == "site":  # the chapter's own share page, so a link preview shows its card
            assert link.startswith(f"{host.url}/{target.id}/?layers=")
        assert link_state(link)[0] == target.id
    finally:
        ctx.close()
    # A fresh tab's history length before the page can touch it (about:blank + the page itself).
    base_ctx, base_page, _ = open_page(browser, host.url, DESKTOP)
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
            # Restored at once: no chapter on the way became active.
            sources = page2.evaluate("() => window.__mapstory.metrics.map(m => m.chapter)")
            assert sources == [target.id]
            # The address bar holds the same state as the link, and history does not grow.
            page2.wait_for_function("() => new URLSearchParams(location.search).has('chapter')")
            assert link_state(page2.url) == link_state(link)
            assert page2.evaluate("() => history.length") == fresh_history
            assert watch.real_console_errors() == []
        finally:
            ctx2.close()


def test_reading_the_whole_story_never_grows_history(desktop, shipped_story):
    page, _ = desktop
    start = page.evaluate("() => history.length")
    for ch in shipped_story.chapters[1:]:
        page.get_by_role("button", name="Next chapter").click()
        settled_query(page, chapter=ch.id)  # each chapter settles, so the address bar follows every one
    assert page.evaluate("() => history.length") == start


def test_a_full_read_costs_no_python_run_after_the_first(browser, app_url, shipped_story):
    """The page is the only writer of the address bar: Python is not told about chapters or layers at all."""
    ctx = new_context(browser, DESKTOP)
    page = ctx.new_page()
    sent: list[int] = []
    page.on("websocket", lambda ws: ws.on("framesent", lambda payload: sent.append(len(payload))))
    try:
        page.goto(app_url)
        wait_for_app(page)
        page.wait_for_selector("[data-ms-root][data-ready=true]")
        before = len(sent)
        assert before >= 1  # the first run was asked for over this socket: the count can see a rerun
        box = page.locator("[data-ms-scroller]").bounding_box()
        page.mouse.move(box["x"] + box["width"] / 2, box["y"] + 300)
        last = shipped_story.chapters[-1].id
        while page.evaluate("() => window.__mapstory.state().chapter") != last:
            page.mouse.wheel(0, 250)
        settled_query(page, chapter=last)
        open_layers(page)
        page.locator("input[data-layer=roads]").click()  # a layer choice, settled too
        page.wait_for_function("() => new URLSearchParams(location.search).has('layers')")
        expect(page.locator("[data-testid=stApp]")).to_have_attribute("data-test-script-state", "notRunning")
        assert len(sent) - before == 0
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
    "chapter=centre&date=<script>window.__pwned=1</script>",
    "chapter=centre&compare=2023-04-07,<img src=x onerror=window.__pwned=1>",
    "date=" + "9" * 10_000,
]


@pytest.mark.parametrize("qs", HOSTILE)
def test_hostile_parameters_leave_the_page_working_and_inject_nothing(browser, host, shipped_story, qs):
    ctx, page, watch = open_page(browser, f"{host.url}/?{qs}", DESKTOP)
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
        page.wait_for_function(
            "() => [...new URLSearchParams(location.search).keys()].every(k => ['chapter', 'layers'].includes(k))"
        )
    finally:
        ctx.close()


def test_unknown_values_get_a_quiet_notice(browser, host):
    ctx, page, _ = open_page(browser, f"{host.url}/?chapter={quote('<nope>')}", DESKTOP)
    try:
        notice = page.locator("[data-ms-notice]")
        expect(notice).to_be_visible()
        expect(notice).to_contain_text("not recognised")
        assert "<nope>" not in notice.inner_text()
    finally:
        ctx.close()


def test_a_link_to_an_unknown_chapter_opens_the_first_chapter_as_written(browser, host, shipped_story):
    ctx, page, _ = open_page(browser, f"{host.url}/?chapter=%3Cscript%3E&layers=zzz,roads", DESKTOP)
    try:
        first = shipped_story.chapters[0]
        state = map_state(page)
        assert state["chapter"] == first.id
        assert (sorted(state["highlight"]), sorted(state["dimmed"])) == (sorted(first.highlight), sorted(first.context))
        settled_query(page, chapter=first.id, layers=None)
    finally:
        ctx.close()
