"""The published page preloads exactly the engine modules a reader's browser fetches (page/publish.py derives
the list from the import graph): none is found late, level by level, on a slow network."""

from __future__ import annotations

import re
from urllib.parse import urlparse

from tests.browser.conftest import DESKTOP, wait_for_story


def test_the_published_page_preloads_every_engine_module_it_loads(browser, published_site):
    from page.siteserver import CSP, serve

    html = (published_site / "index.html").read_text()
    preloads = {href.rsplit("/", 1)[1] for href in re.findall(r'<link rel="modulepreload" href="([^"]+)"', html)}
    with serve(published_site, csp=CSP) as base:
        context = browser.new_context(viewport=DESKTOP)  # no test hooks: a reader's page, as it loads
        page = context.new_page()
        fetched: set[str] = set()
        page.on("request", lambda req: fetched.add(urlparse(req.url).path))
        page.goto(base)
        wait_for_story(page)
        context.close()
    engine = {path.rsplit("/", 1)[1] for path in fetched if re.search(r"/engine-[0-9a-f]{10}/", path)}
    assert "room.js" in engine
    assert engine - {"site.js"} == preloads
