"""What only the published site has to prove: share pages a crawler can read, a story readable with JavaScript
off, no Content-Security-Policy violation, and a working embed in another site's iframe."""

from __future__ import annotations

import io
import urllib.request
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest
from PIL import Image
from playwright.sync_api import expect

from page.publish import publish
from page.siteserver import CSP, serve
from story.describe import dateline_text, describe_chapter
from story.loader import default_story_path
from tests.browser.conftest import DESKTOP, PHONE, active_chapter, map_state, new_context, open_page

BASE_URL = "https://news.example/bakhmut/"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("published") / "bakhmut"
    publish(default_story_path(), out, base_url=BASE_URL)
    with serve(out, csp=CSP) as base:
        yield base.rstrip("/")


class Meta(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: dict[str, str] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and ("property" in a or "name" in a):
            self.tags[a.get("property") or a["name"]] = a.get("content", "")
        if tag == "link" and a.get("rel") == "canonical":
            self.tags["canonical"] = a["href"]


def fetch(url: str) -> str:
    # As a crawler unfurling a link: no JavaScript, no cookies, the HTML as served.
    with urllib.request.urlopen(url, timeout=10) as r:
        return r.read().decode("utf-8")


def test_every_chapter_has_a_share_page_a_crawler_can_read(site, shipped_story):
    for ch in shipped_story.chapters:
        meta = Meta()
        meta.feed(fetch(f"{site}/{ch.id}/"))
        tags = meta.tags
        assert tags["og:title"] == f"{ch.title} — {shipped_story.title}"
        assert tags["og:url"] == tags["canonical"] == f"{BASE_URL}{ch.id}/"
        assert tags["og:image"].startswith(f"{BASE_URL}_static/cards/{ch.id}-") and tags["og:image"].endswith(".png")
        assert tags["twitter:card"] == "summary_large_image"
        assert len(tags["og:description"]) > 40 and "<" not in tags["og:description"]
        assert tags["og:image:alt"] == describe_chapter(shipped_story, ch)
        # The card itself is served from the site (the absolute URL is where it will live once uploaded).
        with urllib.request.urlopen(site + "/" + tags["og:image"].removeprefix(BASE_URL), timeout=10) as r:
            assert r.headers["Content-Type"] == "image/png" and len(r.read()) > 10_000


def test_a_share_page_opens_the_story_at_its_chapter(browser, site, shipped_story):
    target = shipped_story.chapters[5]
    ctx, page, watch = open_page(browser, f"{site}/{target.id}/", PHONE)
    try:
        assert active_chapter(page) == target.id
        assert map_state(page)["chapter"] == target.id
        # The address bar follows the story's own link format, whatever page the reader came in by.
        page.wait_for_function(f"() => location.search === '?chapter={target.id}' && location.pathname === '/'")
        assert watch.real_console_errors() == []
    finally:
        ctx.close()


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_with_javascript_off_every_chapter_reads_with_its_map_image(browser, site, shipped_story, viewport):
    ctx = browser.new_context(viewport=viewport, java_script_enabled=False)
    page = ctx.new_page()
    try:
        page.goto(site + "/")
        expect(page.locator("h1")).to_have_text(shipped_story.title)
        for ch in shipped_story.chapters:
            section = page.locator(f"[data-chapter={ch.id}]")
            expect(section.locator("h2")).to_be_visible()
            img = section.locator("img.ms-static-map")
            img.scroll_into_view_if_needed()
            expect(img).to_be_visible()
            assert img.get_attribute("alt") == describe_chapter(shipped_story, ch)
            assert img.evaluate("i => i.complete && i.naturalWidth") == 1200
            expect(section.locator(".ms-kicker")).to_contain_text(dateline_text(shipped_story, ch))
        expect(page.get_by_role("link", name=shipped_story.layers[0].label)).to_be_visible()  # the data download
    finally:
        ctx.close()


def test_without_javascript_the_comparison_chapter_shows_both_dates_and_the_change(browser, site, shipped_story):
    """The no-JS page names both dates and its image draws the ground lost between them (the change's colour)."""
    ctx = browser.new_context(viewport=DESKTOP, java_script_enabled=False)
    page = ctx.new_page()
    try:
        page.goto(site + "/")
        section = page.locator("[data-chapter=week]")
        expect(section.locator(".ms-kicker")).to_contain_text("Change from 7 April 2023 to 14 April 2023")
        img = section.locator("img.ms-static-map")
        assert "Between 7 April 2023 and 14 April 2023, western districts lost about" in img.get_attribute("alt")
        pixels = {}
        for chapter in ("week", "west"):
            src = page.locator(f"[data-chapter={chapter}] img.ms-static-map").get_attribute("src")
            png = page.request.get(urljoin(site + "/", src)).body()
            image = Image.open(io.BytesIO(png)).convert("RGB")
            # The lost band: #c2185b at half opacity over the city's grey, about (211, 118, 149).
            pixels[chapter] = sum(
                1 for r, g, b in image.get_flattened_data() if r > 190 and g < 140 and 120 < b < 175 and r - g > 70
            )
        assert pixels["week"] > 2000 and pixels["west"] < 50, pixels
    finally:
        ctx.close()


def test_no_content_security_policy_violation_while_reading(browser, site, shipped_story):
    ctx = new_context(browser, DESKTOP)
    ctx.add_init_script(
        "window.__csp = []; document.addEventListener('securitypolicyviolation',"
        " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    page = ctx.new_page()
    try:
        page.goto(site + "/?chapter=supply&layers=roads,places")
        page.wait_for_selector("[data-ms-root][data-ready=true]")
        for ch in shipped_story.chapters:
            page.locator(f"[data-goto={ch.id}]").click()
        page.get_by_role("button", name="Map layers").click()
        page.locator("input[data-layer=city]").click()
        assert page.evaluate("() => window.__csp") == []
    finally:
        ctx.close()


def test_the_story_works_inside_another_sites_iframe(browser, site, shipped_story, tmp_path):
    # The newsroom's article page: another origin (another port) embedding the story full-screen.
    (tmp_path / "index.html").write_text(
        f'<!doctype html><title>Newsroom</title><h1>Our article</h1><iframe src="{site}/" title="Bakhmut map story"'
        ' style="width:100%;height:640px;border:0"></iframe><p>After the story.</p>'
    )
    with serve(tmp_path) as parent:
        ctx = new_context(browser, DESKTOP)
        page = ctx.new_page()
        try:
            page.goto(parent)
            frame = page.frame_locator("iframe")
            expect(frame.locator("[data-ms-root]")).to_have_attribute("data-ready", "true")
            inner = page.frames[1]
            # Scrolling inside the frame drives the chapters.
            box = page.locator("iframe").bounding_box()
            page.mouse.move(box["x"] + 150, box["y"] + 300)
            second = shipped_story.chapters[1].id
            while inner.evaluate("() => document.querySelector('[data-ms-map-frame]').dataset.activeChapter") != second:
                page.mouse.wheel(0, 200)
            # Keys work once the frame has focus.
            frame.locator(f"[data-chapter={second}] h2").click()
            page.keyboard.press("j")
            expect(frame.locator("[data-ms-map-frame]")).to_have_attribute(
                "data-active-chapter", shipped_story.chapters[2].id
            )
            # Links that leave the story open in the reader's window, not inside the frame.
            outside = frame.locator(".ms-sources a[href^='http']").first
            expect(outside).to_have_attribute("target", "_top")
        finally:
            ctx.close()


def test_assets_are_served_compressed_and_cached_forever(site):
    html = fetch(site + "/")
    script = html.split('type="module" src="')[1].split('"')[0]
    req = urllib.request.Request(f"{site}/{script}", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(req, timeout=10) as r:
        assert r.headers["Content-Encoding"] == "gzip"
        assert "immutable" in r.headers["Cache-Control"]
    with urllib.request.urlopen(site + "/", timeout=10) as r:
        assert r.headers["Cache-Control"] == "no-cache"


def test_print_maps_are_fetched_only_to_print(browser, site, shipped_story, tmp_path):
    ctx = new_context(browser, DESKTOP)
    page = ctx.new_page()
    try:
        page.goto(site + "/")
        page.wait_for_selector("[data-ms-root][data-ready=true]")
        loaded = "() => [...document.querySelectorAll('img.ms-print-map')].map(i => i.complete && i.naturalWidth)"
        # On screen the print images are hidden and lazy: a reader downloads none of them.
        assert not any(page.evaluate(loaded))
        page.pdf(path=str(tmp_path / "story.pdf"))
        assert page.evaluate(loaded) == [1200] * len(shipped_story.chapters)
    finally:
        ctx.close()


# Each script the map needs, blocked as an extension, a flaky network or a CDN error would: the reader keeps the
# whole article, with each chapter's map image and a sentence saying what happened.
@pytest.mark.parametrize(
    "blocked",
    ["/_static/leaflet-", "/_static/engine-", "/_static/story-"],
    ids=["leaflet", "engine", "story-module"],
)
def test_a_script_that_fails_to_load_leaves_the_article_and_its_map_images(browser, site, shipped_story, blocked):
    ctx = new_context(browser, DESKTOP)
    page = ctx.new_page()
    page.route(lambda url: blocked in url and url.endswith(".js"), lambda route: route.abort())
    try:
        page.goto(f"{site}/{shipped_story.chapters[2].id}/")
        expect(page.locator("[data-ms-fallback]")).to_be_visible()
        expect(page.locator("[data-ms-map-frame]")).to_be_hidden()
        for ch in shipped_story.chapters:
            section = page.locator(f"section[data-chapter={ch.id}]")
            section.scroll_into_view_if_needed()
            expect(section.get_by_role("heading", name=ch.title)).to_be_visible()
            expect(section.locator(".ms-body")).to_be_visible()
            image = section.locator("img.ms-print-map")
            expect(image).to_be_visible()
            expect(image).to_have_js_property("naturalWidth", 1200)  # loaded, not a broken-image icon
    finally:
        ctx.close()


def test_when_everything_loads_the_fallback_stays_hidden(browser, site):
    ctx, page, watch = open_page(browser, site + "/", DESKTOP)
    try:
        expect(page.locator("[data-ms-map-frame]")).to_be_visible()
        expect(page.locator("[data-ms-fallback]")).to_be_hidden()
        assert page.evaluate("() => document.documentElement.className") == ""
    finally:
        ctx.close()


def test_the_engine_starting_moves_nothing_on_a_phone(browser, site):
    """The first paint is the final layout: the article's text is where it will stay while the map story's
    scripts load, so the engine's start shifts nothing (on a phone it used to drop the text 410 px)."""
    ctx = new_context(browser, PHONE)
    ctx.add_init_script(
        "window.__shifts = []; new PerformanceObserver((list) => __shifts.push(...list.getEntries().map((e) => "
        "e.value))).observe({type: 'layout-shift', buffered: true});"
    )
    page = ctx.new_page()
    held = []
    page.route("**/_static/story-*.js", lambda route: held.append(route))  # held until the first paint is measured
    try:
        page.goto(site + "/", wait_until="domcontentloaded")
        heading = page.get_by_role("heading", level=2).first
        expect(heading).to_be_visible()
        page.wait_for_function("() => new Promise((done) => requestAnimationFrame(() => done(true)))")
        before = heading.bounding_box()
        assert before is not None and held, "the story module should still be held"
        held[0].continue_()
        expect(page.locator("[data-ms-root][data-ready=true]")).to_have_count(1)
        assert heading.bounding_box() == before
        # Every shift counted, "after recent input" or not (device emulation flags the engine's start as input).
        assert page.evaluate("__shifts.reduce((sum, v) => sum + v, 0)") < 0.05
    finally:
        ctx.close()
