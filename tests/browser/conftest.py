"""Browser fixtures: one Streamlit server per test module, the published site on a static server, Debian's
Chromium through Playwright.

The reader's tests take the `host` fixture and run against both hosts of the one engine — the app and the
published site — so the two cannot drift apart.
"""

from __future__ import annotations

import os
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import parse_qs, urlparse

import pytest

from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, ROOT, TILE_HOSTS, streamlit_server

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        if os.environ.get("CI") == "true":
            pytest.fail(f"Chromium not found at {CHROMIUM}: CI must run the browser tests (apt-get install chromium)")
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="module")
def app_url():
    with streamlit_server() as (base, _proc):
        yield base


@dataclass(frozen=True)
class Host:
    kind: str  # "app" (streamlit run) or "site" (python -m mapstory publish, served as a CDN would)
    url: str  # base URL without a trailing slash: f"{url}/?chapter=west" opens a chapter on either


@pytest.fixture(scope="session")
def published_site(tmp_path_factory):
    from page.publish import publish
    from story.loader import default_story_path

    out = tmp_path_factory.mktemp("site") / "bakhmut"
    publish(default_story_path(), out)
    return out


@contextmanager
def serving(kind: str, site):
    """The base URL of a host: `streamlit run` on the shipped story ("app"), or the published `site` folder served
    as a CDN would, with its CSP."""
    if kind == "app":
        with streamlit_server() as (base, _proc):
            yield base
    else:
        from page.siteserver import CSP, serve

        with serve(site, csp=CSP) as base:
            yield base.rstrip("/")


@pytest.fixture(scope="module", params=["app", "site"])
def host(request, published_site):
    with serving(request.param, published_site) as base:
        yield Host(request.param, base)


SECOND_STORY = ROOT / "tests/fixtures/stories/valparaiso/story.yaml"  # south of the equator, west of Greenwich


@pytest.fixture(scope="session")
def second_story_site(tmp_path_factory):
    from page.publish import publish

    out = tmp_path_factory.mktemp("site") / "valparaiso"
    publish(SECOND_STORY, out)
    return out


@dataclass(frozen=True)
class StoryHost(Host):
    story: object = None  # the story this host serves, as loaded with its layers (story.model.Story)

    def __str__(self) -> str:
        return f"{self.kind}, {self.story.title}"  # type: ignore[attr-defined]


@pytest.fixture(scope="module", params=["app", "site", "valparaiso-site"])
def story_host(request, published_site, shipped_story):
    """Rules for every story (legibility at every scale): the shipped story on both hosts, and a second story
    on the other side of the world on the published site (the same engine; one more app server would only add
    minutes)."""
    from story.loader import load_story

    if request.param in ("app", "site"):
        with serving(request.param, published_site) as base:
            yield StoryHost(request.param, base, shipped_story)
    else:
        with serving("site", request.getfixturevalue("second_story_site")) as base:
            yield StoryHost("site", base, load_story(SECOND_STORY, read_layers=True))


class PageWatch:
    """Records console errors and every request host, so tests can assert on what left 127.0.0.1."""

    def __init__(self, page):
        self.page = page
        self.console_errors: list[str] = []
        self.tile_failures: list[str] = []
        self.foreign_requests: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda exc: self.console_errors.append(f"pageerror: {exc}"))
        page.on("request", self._on_request)

    def _on_console(self, msg):
        if msg.type != "error":
            return
        # A failed request's message ("Failed to load resource: net::ERR_…") names its URL only in its location.
        url = (msg.location or {}).get("url") or ""
        if msg.text.startswith("Failed to load resource") and _is_tile(url):
            self.tile_failures.append(url)
            return
        self.console_errors.append(f"{msg.text} ({url})" if url else msg.text)

    def _on_request(self, req):
        host = urlparse(req.url).hostname or ""
        if req.url.startswith(("data:", "blob:")) or host in ("127.0.0.1", "localhost"):
            return
        self.foreign_requests.append(req.url)

    def non_tile_requests(self) -> list[str]:
        return [u for u in self.foreign_requests if not _is_tile(u)]

    def real_console_errors(self) -> list[str]:
        """Every console error but a basemap tile that failed to load: tiles cannot load on a closed network,
        and the story must not depend on them. Any other failed request (a module, an image) counts."""
        return list(self.console_errors)


def _is_tile(url: str) -> bool:
    return (urlparse(url).hostname or "").endswith(TILE_HOSTS)


# Asks the page to load its test hooks (window.__mapstory); a reader's page never loads them.
INSTRUMENT = "window.__mapstoryInstrument = true;"


def new_context(browser, viewport: dict, **ctx_kwargs):
    ctx = browser.new_context(viewport=viewport, **ctx_kwargs)
    ctx.add_init_script(INSTRUMENT)
    return ctx


def open_page(browser, url: str, viewport: dict, **ctx_kwargs):
    """A new reader's tab at `url` (either host), once the story is on the page and ready."""
    ctx = new_context(browser, viewport, **ctx_kwargs)
    page = ctx.new_page()
    watch = PageWatch(page)
    page.goto(url)
    wait_for_story(page)
    return ctx, page, watch


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Wait as Streamlit's own e2e tests do: connected, and the script has finished."""
    page.wait_for_selector("[data-testid=stApp][data-test-connection-state=CONNECTED]", timeout=timeout)
    page.wait_for_selector("[data-testid=stApp][data-test-script-state=notRunning]", timeout=timeout)


@pytest.fixture
def desktop(browser, host):
    ctx, page, watch = open_page(browser, host.url, DESKTOP)
    yield page, watch
    ctx.close()


@pytest.fixture(params=["desktop", "phone"])
def viewport_page(request, browser, host):
    viewport = DESKTOP if request.param == "desktop" else PHONE
    ctx, page, watch = open_page(browser, host.url, viewport)
    yield page, watch
    ctx.close()


@pytest.fixture(scope="session")
def shipped_story():
    """The shipped story as the app loads it: tests compare the page with what the author wrote."""
    from story.loader import default_story_path, load_story

    return load_story(default_story_path(), read_layers=True)  # with its layers: a comparison's change in km²


# What the reader sees, as JavaScript functions of no argument: shared with the smoke suite in other engines.
ACTIVE_CHAPTER_JS = (
    "() => { const a = document.querySelectorAll('[data-chapter][aria-current=step]');"
    " return a.length === 1 ? a[0].dataset.chapter : (a.length ? 'MANY' : null); }"
)


def active_chapter(page) -> str | None:
    return page.evaluate(ACTIVE_CHAPTER_JS)


MAP_STATE_JS = """() => {
  const f = document.querySelector('[data-ms-map-frame]');
  const strong = new Set(), dim = new Set();
  // Shapes carry their layer's state, as does a highlighted layer's symbol (a ring where it is too small to see);
  // a point layer's canvas carries it on its pane.
  const drawn = '.leaflet-overlay-pane path[class*="ms-layer-"], .ms-symbols path[class*="ms-layer-"], .ms-points';
  for (const el of f.querySelectorAll(drawn)) {
    const id = [...el.classList].find(c => c.startsWith('ms-layer-')).slice(9);
    if (el.classList.contains('ms-strong')) strong.add(id);
    if (el.classList.contains('ms-dim')) dim.add(id);
  }
  // Drawn at all, labels too (a ring's name may carry its layer as ms-of-<id>): a layer that is off keeps its
  // elements on the map, not painted.
  const shown = new Set();
  for (const el of f.querySelectorAll(drawn + ', .leaflet-marker-pane .ms-label')) {
    const cs = getComputedStyle(el);
    const cls = [...el.classList].find(c => c.startsWith('ms-layer-') || c.startsWith('ms-of-'));
    if (cls && cs.display !== 'none' && cs.visibility !== 'hidden') shown.add(cls.replace(/^ms-(layer|of)-/, ''));
  }
  return {chapter: f.dataset.activeChapter, highlight: f.dataset.highlight.split(' ').filter(Boolean),
          dimmed: f.dataset.dimmed.split(' ').filter(Boolean),
          strong_paths: [...strong].sort(), dim_paths: [...dim].sort(), drawn: [...shown].sort(),
          legend: [...document.querySelectorAll('[data-legend]')].map(li => li.dataset.legend),
          status: document.querySelector('[role=status][data-ms-status]').textContent};
}"""


def map_state(page) -> dict:
    """What the map shows right now, read from the map's DOM (not from the page's script state)."""
    return page.evaluate(MAP_STATE_JS)


def wait_for_story(page) -> None:
    page.wait_for_selector("[data-ms-root][data-ready=true]", timeout=30_000)


def query_of(url: str) -> dict:
    return {k: v[0] for k, v in parse_qs(urlparse(url).query, keep_blank_values=True).items()}


def query(page) -> dict:
    return query_of(page.url)


def link_state(url: str) -> tuple[str | None, list[str] | None]:
    """(chapter, layers) a link stands for, on either host: `?chapter=` or a share page's `/<chapter>/` path."""
    q = query_of(url)
    parts = [p for p in urlparse(url).path.split("/") if p and p != "index.html"]
    chapter = q.get("chapter") or (parts[-1] if parts else None)
    return chapter, (q["layers"].split(",") if "layers" in q else None)
