"""The production recipe (deploy/): two app processes behind nginx, at `/` and under a path prefix, with a
published site beside them at a nested path. A reader reads the story through it, with Streamlit's files
compressed; when the replica a reader is on stops, the page reconnects to the other and comes back at the same
chapter and layers. The site works at its sub-path: share pages, downloads and print images after the address bar
has moved. Stopping run-local.sh stops all three processes."""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urljoin, urlparse

import psutil
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import (
    DESKTOP,
    active_chapter,
    map_state,
    open_page,
    query,
    wait_for_app,
    wait_for_story,
)
from tests.browser.server import NGINX, TILE_HOSTS, deployment

SITE_PATH = "/news/2023/bakhmut/"  # nested, as a newsroom's CMS would place it


# The app at the server's root, and under a prefix (Streamlit's server.baseUrlPath), as a newsroom mounts it.
@pytest.fixture(scope="module", params=["/", "/newsroom/map/"], ids=["app-at-root", "app-under-prefix"])
def deployed(request, published_site):
    if not os.path.exists(NGINX):
        if os.environ.get("CI") == "true":
            pytest.fail("nginx not found: CI must run the deploy tests (scripts/test.sh installs it)")
        pytest.skip("Debian's nginx is not installed (apt-get install nginx)")
    with (
        _readable_copy(published_site) as site,
        deployment(app_path=request.param, env={"SITE": str(site), "SITE_PATH": SITE_PATH}) as (base, replicas, proc),
    ):
        nginx = [p for p in psutil.Process(proc.pid).children() if "nginx" in p.name()]
        processes = [psutil.Process(pid) for pid in replicas.values()] + nginx
        yield base, replicas
    # deployment() has sent SIGTERM and waited for run-local.sh: nothing it started may outlive it.
    _, alive = psutil.wait_procs(processes, timeout=10)
    assert alive == [], f"still running after SIGTERM: {alive}"


@contextmanager
def _readable_copy(site: Path) -> Iterator[Path]:
    # nginx's workers drop root's privileges: pytest's own temp folders (mode 700) are closed to them.
    with tempfile.TemporaryDirectory() as tmp:
        os.chmod(tmp, 0o755)
        yield Path(shutil.copytree(site, Path(tmp) / "bakhmut"))


def test_the_story_reads_through_nginx_with_streamlit_files_compressed(browser, deployed, shipped_story):
    base, _ = deployed
    encodings: dict[str, str | None] = {}
    ctx = browser.new_context(viewport=DESKTOP)
    page = ctx.new_page()
    page.on("response", lambda r: encodings.__setitem__(r.url, r.headers.get("content-encoding")))
    try:
        page.goto(base)
        wait_for_app(page)
        wait_for_story(page)
        expect(page.locator("[data-chapter]")).to_have_count(len(shipped_story.chapters))
        last = shipped_story.chapters[-1].id
        page.locator(f"[data-goto={last}]").click()
        expect(page.locator(f"[data-chapter={last}][aria-current=step]")).to_be_attached()
        # Text files; fonts (woff2) and images are compressed formats already.
        static = {u: e for u, e in encodings.items() if u.startswith(base + "/static/") and u.endswith((".js", ".css"))}
        assert sum(e == "gzip" for e in static.values()) >= 3, static
        # nginx leaves files under gzip_min_length (1 kB) as they are: compressing them would not pay.
        plain = {u: len(urllib.request.urlopen(u, timeout=5).read()) for u, e in static.items() if e != "gzip"}
        assert all(size < 1024 for size in plain.values()), plain
        assert encodings[base + "/"] == "gzip"
    finally:
        ctx.close()


def test_a_reader_whose_replica_stops_comes_back_at_the_same_chapter_and_layers(browser, deployed, shipped_story):
    base, pid_of_port = deployed
    target = shipped_story.chapters[3]
    hidden = next(s.id for s in shipped_story.layers if s.id not in set(target.highlight) | set(target.context))
    ctx, page, watch = open_page(browser, base, DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    try:
        page.locator(f"[data-goto={target.id}]").click()
        page.get_by_text("Layers", exact=True).click()
        page.locator(f"input[data-layer={hidden}]").click()
        page.wait_for_function(
            f"() => (new URLSearchParams(location.search).get('layers') || '').split(',').includes('{hidden}')"
        )
        want, want_query = map_state(page), query(page)
        assert want_query["chapter"] == target.id

        # ip_hash: this browser and this test share 127.0.0.1, so nginx names the reader's replica here too.
        upstream = urllib.request.urlopen(base + "/_stcore/health", timeout=5).headers["X-Upstream"]
        reader_pid = pid_of_port[int(upstream.rsplit(":", 1)[1])]
        os.kill(reader_pid, signal.SIGKILL)  # as a crash: no goodbye to the browser
        psutil.wait_procs([psutil.Process(reader_pid)], timeout=10)

        page.wait_for_selector("[data-testid=stApp]:not([data-test-connection-state=CONNECTED])", timeout=30_000)
        wait_for_app(page, timeout=60_000)  # reconnected, through nginx, to the other replica
        wait_for_story(page)
        assert active_chapter(page) == target.id
        got = map_state(page)
        assert (got["highlight"], got["dimmed"], got["legend"]) == (want["highlight"], want["dimmed"], want["legend"])
        assert query(page) == want_query
        other = urllib.request.urlopen(base + "/_stcore/health", timeout=5).headers["X-Upstream"]
        assert other != upstream
        # Under a path prefix too, the address bar and "Copy link" keep it.
        assert page.url.startswith(base + "/?")
        page.get_by_role("button", name="Copy link").click()
        page.wait_for_function("() => document.querySelector('[data-ms-root]').dataset.sharedUrl")
        assert page.evaluate("() => navigator.clipboard.readText()").startswith(f"{base}/?chapter={target.id}")
    finally:
        ctx.close()


def test_the_site_works_at_a_nested_path_after_the_address_bar_moves(browser, deployed, shipped_story):
    """Open the root and a share page, step through the chapters (the engine rewrites the address to
    `…/bakhmut/?chapter=…`), then use what resolves against that address: downloads, print images, cards."""
    origin = deployed[0].split("/", 3)
    site = "/".join(origin[:3]) + SITE_PATH.rstrip("/")
    chapters = [c.id for c in shipped_story.chapters]
    bad: list[str] = []
    ctx, page, watch = open_page(browser, site + "/", DESKTOP, permissions=["clipboard-read", "clipboard-write"])
    page.on("response", lambda r: r.status >= 400 and bad.append(f"{r.status} {r.url}"))
    page.on("requestfailed", lambda r: urlparse(r.url).hostname not in TILE_HOSTS and bad.append(f"failed {r.url}"))
    try:
        for target in chapters[1:4]:
            page.get_by_role("button", name="Next chapter").click()
            page.wait_for_function(f"() => location.href === '{site}/?chapter={target}'")
        # "Copy link" gives the chapter's share page, under the site's own path.
        page.get_by_role("button", name="Copy link").click()
        page.wait_for_function("() => document.querySelector('[data-ms-root]').dataset.sharedUrl")
        assert page.evaluate("() => navigator.clipboard.readText()") == f"{site}/{chapters[3]}/"
        _assert_files_load(page, len(chapters))

        share = shipped_story.chapters[5]
        page.goto(f"{site}/{share.id}/")
        wait_for_story(page)
        assert active_chapter(page) == share.id
        card = page.locator("meta[property='og:image']").get_attribute("content")
        page.wait_for_function(f"() => location.href === '{site}/?chapter={share.id}'")
        page.get_by_role("button", name="Next chapter").click()
        page.wait_for_function(f"() => location.search === '?chapter={chapters[6]}'")
        _assert_files_load(page, len(chapters))
        # The share card, where a crawler reading the share page finds it.
        assert page.request.get(urljoin(f"{site}/{share.id}/", card)).headers["content-type"] == "image/png"
        assert bad == [], bad
        assert watch.real_console_errors() == []
    finally:
        ctx.close()


def _assert_files_load(page, n_chapters: int) -> None:
    """Every download answers with GeoJSON, fetched as the reader's click would (from the current address), and
    printing loads every chapter's map image."""
    downloads = page.locator("a[download]")
    expect(downloads).not_to_have_count(0)
    with page.expect_download() as got:
        downloads.first.click()
    assert got.value.failure() is None
    answers = page.evaluate(
        """() => Promise.all([...document.querySelectorAll('a[download]')].map(async (a) => {
             const r = await fetch(a.href); return [r.status, (await r.json()).type];
           }))"""
    )
    assert answers == [[200, "FeatureCollection"]] * downloads.count()
    page.pdf()  # Chromium loads lazy images before printing
    loaded = "() => [...document.querySelectorAll('img.ms-print-map')].map(i => i.complete && i.naturalWidth)"
    assert page.evaluate(loaded) == [1200] * n_chapters
