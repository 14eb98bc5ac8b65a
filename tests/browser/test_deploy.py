"""The production recipe (deploy/): two app processes behind nginx. A reader reads the story through it, with
Streamlit's files compressed; when the replica a reader is on stops, the page reconnects to the other and comes
back at the same chapter and layers. Stopping run-local.sh stops all three processes."""

from __future__ import annotations

import os
import signal
import urllib.request

import psutil
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, active_chapter, map_state, open_page, query, wait_for_app, wait_for_story
from tests.browser.server import NGINX, deployment


@pytest.fixture(scope="module")
def deployed():
    if not os.path.exists(NGINX):
        if os.environ.get("CI") == "true":
            pytest.fail("nginx not found: CI must run the deploy tests (scripts/test.sh installs it)")
        pytest.skip("Debian's nginx is not installed (apt-get install nginx)")
    with deployment() as (base, replicas, proc):
        nginx = [p for p in psutil.Process(proc.pid).children() if "nginx" in p.name()]
        processes = [psutil.Process(pid) for pid in replicas.values()] + nginx
        yield base, replicas
    # deployment() has sent SIGTERM and waited for run-local.sh: nothing it started may outlive it.
    _, alive = psutil.wait_procs(processes, timeout=10)
    assert alive == [], f"still running after SIGTERM: {alive}"


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
    ctx, page, watch = open_page(browser, base, DESKTOP)
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
    finally:
        ctx.close()
