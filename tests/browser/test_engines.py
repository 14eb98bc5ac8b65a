"""The reader's smoke suite in every reader's browser engine: Chromium, Firefox and WebKitGTK (Safari's engine),
on both hosts (the app and the published site). Written once against a `Tab` (tests/browser/engines/); each
check is what a reader sees: the data-ms-* attributes the page keeps, visible text, the address bar's `chapter`
and `layers`.

Firefox and WebKitGTK come from Debian's packages (scripts/test.sh installs them); without one a test is skipped
on a developer's machine and fails in CI (CI=true).
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack

import pytest

from tests.browser.conftest import ACTIVE_CHAPTER_JS, DESKTOP, MAP_STATE_JS, PHONE, link_state
from tests.browser.engines import ENGINES, Tab, firefox, webkit
from tests.browser.engines.chromium import ChromiumTab
from tests.browser.engines.cspsite import serve_with_csp_reports
from tests.browser.server import streamlit_server

READY = "document.querySelector('[data-ms-root]')?.dataset.ready === 'true'"
ACTIVE = f"({ACTIVE_CHAPTER_JS})()"
MAP = f"({MAP_STATE_JS})()"
SCROLL_TOP = "document.querySelector('[data-ms-scroller]').scrollTop"
CHECKED = "[...document.querySelectorAll('input[data-layer]')].filter(b => b.checked).map(b => b.dataset.layer)"


def box(css: str) -> str:
    """[x, y, width, height] of the element `css`, as a JavaScript expression."""
    return f"(r => [r.x, r.y, r.width, r.height])(document.querySelector('{css}').getBoundingClientRect())"


def param(name: str) -> str:
    """The address bar's `name` parameter (null when absent), as a JavaScript expression."""
    return f"new URLSearchParams(location.search).get('{name}')"


@pytest.fixture(scope="module")
def tabs(request) -> Iterator[Callable[[str], Tab]]:
    """One tab per engine, launched on first use and closed with the module."""
    with ExitStack() as stack:
        cache: dict[str, Tab] = {}

        def get(engine: str) -> Tab:
            if engine not in cache:
                cache[engine] = _launch(engine, request, stack)
            return cache[engine]

        yield get


def _launch(engine: str, request, stack: ExitStack) -> Tab:
    if engine == "chromium":
        tab = ChromiumTab(request.getfixturevalue("browser"))
        stack.callback(tab.close)
        return tab
    module = {"firefox": firefox, "webkit": webkit}[engine]
    lacking = module.missing()
    if lacking:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{engine}: CI must run the reader smoke suite in every engine; install {lacking}")
        pytest.skip(f"{engine} is not installed here: {lacking}")
    return stack.enter_context(module.launch())


@pytest.fixture(scope="module")
def csp_reports() -> list[dict]:
    """The CSP violation reports the site has received (a test clears it before it reads)."""
    return []


@pytest.fixture(scope="module")
def hosts(published_site, csp_reports) -> Iterator[Callable[[str], str]]:
    """Each host's base URL (no trailing slash), started on first use. The site reports CSP violations."""
    with ExitStack() as stack:
        cache: dict[str, str] = {}

        def get(kind: str) -> str:
            if kind not in cache:
                if kind == "app":
                    cache[kind] = stack.enter_context(streamlit_server())[0]
                else:
                    cache[kind] = stack.enter_context(serve_with_csp_reports(published_site, csp_reports))
            return cache[kind]

        yield get


@pytest.fixture(params=ENGINES)
def tab(request, tabs) -> Tab:
    return tabs(request.param)


@pytest.fixture(params=["app", "site"])
def base(request, hosts) -> str:
    return hosts(request.param)


@pytest.fixture
def site(hosts) -> str:
    return hosts("site")


def open_story(tab: Tab, url: str, viewport: dict[str, int] = DESKTOP) -> None:
    tab.open(url, viewport)
    tab.wait(READY, 45, "the story to be ready")


def assert_map_shows(tab: Tab, chapter) -> None:
    """The map has drawn `chapter`: its highlighted layers strong, its context dimmed, a legend of both."""
    state = tab.evaluate(MAP)
    assert state["chapter"] == chapter.id
    assert set(state["strong_paths"]) == set(chapter.highlight), tab.engine
    assert set(state["dim_paths"]) == set(chapter.context), tab.engine
    assert set(state["legend"]) == set(chapter.highlight) | set(chapter.context), tab.engine
    assert state["status"].startswith("Map"), state["status"]


def test_the_story_opens_with_its_map_drawn_and_keys_move_between_chapters(tab, base, shipped_story):
    open_story(tab, base + "/")
    ids = [c.id for c in shipped_story.chapters]
    assert tab.evaluate("document.querySelector('[data-ms-root] h1').textContent") == shipped_story.title
    assert tab.evaluate(ACTIVE) == ids[0]
    assert_map_shows(tab, shipped_story.chapters[0])
    _, _, width, height = tab.evaluate(box("[data-ms-map-frame]"))
    assert width > 300 and height > 300
    tab.wait(f"{param('chapter')} === '{ids[0]}'", what="the address bar to hold the first chapter")
    # J and K, each putting focus on the chapter's heading.
    tab.click("[data-ms-root] h1")
    focused = "document.activeElement.tagName === 'H2' && document.activeElement.closest('[data-chapter]')"
    for key, want in (("j", ids[1]), ("j", ids[2]), ("k", ids[1])):
        tab.press(key)
        tab.wait(f"{ACTIVE} === '{want}' && {focused}.dataset.chapter === '{want}'", what=f"{key} to reach {want}")
    assert_map_shows(tab, shipped_story.chapters[1])
    tab.wait(f"{param('chapter')} === '{ids[1]}'", what="the address bar to follow the keys")


def test_scrolling_the_text_reaches_a_chapter_and_the_map_follows(tab, base, shipped_story):
    open_story(tab, base + "/")
    ids = [c.id for c in shipped_story.chapters]
    target = shipped_story.chapters[2]
    seen = [tab.evaluate(ACTIVE)]
    for _ in range(60):  # a few hundred pixels a turn, as a reader's wheel
        top = tab.evaluate(SCROLL_TOP)
        tab.scroll("[data-ms-scroller]", 220)
        tab.wait(f"{SCROLL_TOP} > {top}", what="the text to scroll")
        now = tab.evaluate(ACTIVE)
        if now != seen[-1]:
            seen.append(now)
        if now == target.id:
            break
    assert seen == ids[:3]
    assert_map_shows(tab, target)
    tab.wait(f"{param('chapter')} === '{target.id}'", what="the address bar to follow the scroll")


def shown_layers(tab: Tab) -> tuple[set[str], set[str], set[str]]:
    """(layers on the map, in the legend, ticked in the Layers panel)."""
    state = tab.evaluate(MAP)
    return set(state["highlight"] + state["dimmed"]), set(state["legend"]), set(tab.evaluate(CHECKED))


def test_a_deep_link_opens_its_chapter_and_layers_and_a_toggle_makes_a_link_that_reopens_it(tab, base, shipped_story):
    linked = {"city", "roads"}
    open_story(tab, base + "/?chapter=west&layers=city,roads")
    assert tab.evaluate(ACTIVE) == "west"
    assert tab.evaluate(MAP)["chapter"] == "west"
    assert shown_layers(tab) == (linked, linked, linked)
    tab.wait(f"{param('chapter')} === 'west'", what="the address bar to keep the chapter")
    assert set(tab.evaluate(param("layers")).split(",")) == linked
    # A layer switched on in the Layers panel: on the map, in the legend and in the address bar's link.
    extra = next(spec.id for spec in shipped_story.layers if spec.id not in linked)
    tab.click("[data-ms-layers-btn]")
    tab.wait("document.querySelector('details[data-ms-layers]').open", what="the layers panel to open")
    tab.click(f"input[data-layer={extra}]")
    assert shown_layers(tab) == (linked | {extra},) * 3
    assert tab.evaluate("document.querySelector('[data-ms-reset]').hidden") is False
    tab.wait(f"({param('layers')} || '').split(',').includes('{extra}')", what="the link to carry the new layer")
    assert set(tab.evaluate(param("layers")).split(",")) == linked | {extra}
    state = tab.evaluate(MAP)
    open_story(tab, tab.url())  # the link, in a fresh page
    assert tab.evaluate(ACTIVE) == "west"
    again = tab.evaluate(MAP)
    assert (again["highlight"], again["dimmed"]) == (state["highlight"], state["dimmed"])
    assert shown_layers(tab) == (linked | {extra},) * 3


def test_a_share_page_opens_the_story_at_its_chapter(tab, site, shipped_story):
    target = shipped_story.chapters[4]
    open_story(tab, f"{site}/{target.id}/")
    assert tab.evaluate(ACTIVE) == target.id
    assert_map_shows(tab, target)
    tab.wait(f"{param('chapter')} === '{target.id}'", what="the address bar to take the story's link format")
    assert link_state(tab.url())[0] == target.id


def test_a_phone_pins_the_map_above_the_text(tab, base, shipped_story):
    open_story(tab, base + "/", PHONE)
    # WebKitGTK's window keeps a minimum width of about 450 px: a phone's layout all the same (breakpoint 760 px).
    assert tab.evaluate("innerWidth") < 500
    inner_height = tab.evaluate("innerHeight")
    frame = tab.evaluate(box("[data-ms-map-frame]"))
    text = tab.evaluate(box("[data-ms-scroller]"))
    assert frame[1] <= 1 and frame[3] >= 0.35 * inner_height
    assert text[1] >= frame[1] + frame[3] - 1  # the text starts below the map
    second = shipped_story.chapters[1].id
    for _ in range(60):
        top = tab.evaluate(SCROLL_TOP)
        tab.scroll("[data-ms-scroller]", 300)
        tab.wait(f"{SCROLL_TOP} > {top}", what="the text to scroll")
        if tab.evaluate(ACTIVE) == second:
            break
    assert tab.evaluate(ACTIVE) == second
    # Still pinned on top, the text still beneath it (the legend strip under the map follows the chapter's layers).
    frame, text = tab.evaluate(box("[data-ms-map-frame]")), tab.evaluate(box("[data-ms-scroller]"))
    assert frame[1] <= 1 and frame[3] >= 0.35 * inner_height
    assert text[1] >= frame[1] + frame[3] - 1
    assert_map_shows(tab, shipped_story.chapters[1])


CANARY = "https://csp-canary.invalid/"


def test_the_site_reads_under_the_readmes_csp_with_no_violation(tab, site, csp_reports):
    csp_reports.clear()
    open_story(tab, site + "/?chapter=supply&layers=roads,places")
    tab.click("[data-ms-next]")
    tab.click("[data-ms-layers-btn]")
    tab.wait("document.querySelector('details[data-ms-layers]').open", what="the layers panel to open")
    tab.click("input[data-layer=city]")
    tab.wait(f"({param('layers')} || '').split(',').includes('city')", what="the layer choice in the address bar")
    # A deliberate violation last: once its report is in, the engine has reported everything before it.
    tab.evaluate(f"void document.body.appendChild(Object.assign(new Image(), {{src: '{CANARY}x.png'}}))")
    deadline = time.monotonic() + 15
    while not any("csp-canary" in str(r.get("blocked-uri", "")) for r in csp_reports):
        assert time.monotonic() < deadline, f"{tab.engine}: no CSP report for the canary: is the policy enforced?"
        time.sleep(0.05)
    violations = [f"{r.get('violated-directive')} {r.get('blocked-uri')}" for r in csp_reports]
    assert [v for v in violations if "csp-canary" not in v] == [], tab.engine


WHEN = "document.querySelector('[data-ms-map-frame]').dataset.when"


def test_a_dated_link_opens_its_date_ignores_tracking_and_the_date_control_compares(tab, base):
    open_story(tab, base + "/?chapter=centre&date=2023-04-07&utm_source=newsletter&fbclid=abc")
    assert tab.evaluate(WHEN) == "2023-04-07"
    assert tab.evaluate("document.querySelector('[data-ms-notice]').hidden") is True  # tracking: no notice
    assert "as of 7 April 2023" in tab.evaluate(MAP)["status"]
    tab.click("[data-ms-date='2023-04-14']")
    tab.wait(f"{WHEN} === '2023-04-14'", what="the 14 April button to date the map")
    tab.click("[data-ms-compare]")
    tab.wait(f"{WHEN} === '2023-04-07..2023-04-14'", what="the change button to compare the two dates")
    assert tab.evaluate("document.querySelector('.leaflet-overlay-pane path.ms-change-lost.ms-dim') !== null")
    assert "Between 7 April 2023 and 14 April 2023, western districts lost" in tab.evaluate(MAP)["status"]
    tab.wait(f"{param('compare')} === '2023-04-07,2023-04-14'", what="the link to carry the comparison")
