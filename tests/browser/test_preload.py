"""The published page fetches its engine as one file and preloads the one module that engine imports (the story
module), so a slow network fetches them side by side: no script is found late, level by level."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from tests.browser.conftest import DESKTOP, wait_for_story


def test_the_published_page_fetches_one_engine_file_and_preloads_the_story_module(browser, published_site):
    from page.siteserver import CSP, serve

    html = (published_site / "index.html").read_text()
    entry = re.search(r'<script type="module" src="([^"]+)"', html)[1]
    preloads = re.findall(r'<link rel="modulepreload" href="([^"]+)"', html)
    with serve(published_site, csp=CSP) as base:
        context = browser.new_context(viewport=DESKTOP)  # no test hooks: a reader's page, as it loads
        page = context.new_page()
        fetched: list[str] = []
        page.on("request", lambda req: fetched.append(urlparse(req.url).path))
        page.goto(base)
        wait_for_story(page)
        context.close()
    root = urlparse(base).path.rstrip("/") + "/"
    modules = [path.removeprefix(root) for path in fetched if path.endswith(".js") and "leaflet-" not in path]
    modules = [path for path in modules if not path.startswith("_static/fallback-")]  # classic scripts
    assert sorted(modules) == sorted([entry, *preloads])  # each once: the preload is the import's own request
    assert re.fullmatch(r"_static/engine-[0-9a-f]{10}\.js", entry)
