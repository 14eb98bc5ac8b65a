"""The Ukrainian edition on both hosts: `?lang=uk` opens it with every page string in Ukrainian, the language
switch keeps the reader's chapter and layers, an unknown language falls back to the original with the notice,
and the published site's `/uk/` pages name their alternates for crawlers and link previews."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin
from urllib.request import urlopen

from playwright.sync_api import expect

from story.words import words
from tests.browser.conftest import DESKTOP, active_chapter, open_page, wait_for_story

EN, UK = words("en"), words("uk")
# The page's own English words a reader could see on a Ukrainian page (each differs from its Ukrainian).
VISIBLE = ("legend_title", "legend_toggle", "layers", "map_layers", "copy_link", "prev", "next", "toc_title",
           "credits_title", "legend_strong", "legend_dim", "reset")  # fmt: skip
ENGLISH = [EN[k] for k in VISIBLE] + ["Map state as of", "Map:", " of 9 ", "April"]


def _ukrainian(page) -> None:
    expect(page.locator("[data-ms-root]")).to_have_attribute("lang", "uk")
    expect(page.locator("[data-ms-status]")).to_contain_text("станом на 14 квітня 2023")
    page.locator("[data-ms-layers] summary").click()  # the Layers panel's words too
    text = page.locator("[data-ms-root]").inner_text()
    left = [w for w in ENGLISH if w in text]
    assert not left, f"English left on the Ukrainian page: {left}"
    for key in ("map_layers", "copy_link", "legend_title", "toc_title", "credits_title"):
        assert UK[key].lower() in text.lower(), key
    scale = page.locator(".leaflet-control-scale-line:visible")
    expect(scale).to_have_count(1)  # metres alone: no feet or miles for a Ukrainian reader
    expect(scale).to_have_text(re.compile(r"^\d+ к?м$"))


def test_lang_uk_opens_the_ukrainian_edition_with_every_page_string_in_ukrainian(browser, host):
    ctx, page, watch = open_page(browser, f"{host.url}/?lang=uk&chapter=west", DESKTOP)
    try:
        if host.kind == "site":  # the edition's own folder, at the link's state
            expect(page).to_have_url(re.compile(r"/uk/\?chapter=west$"))
        assert active_chapter(page) == "west"
        _ukrainian(page)
        assert page.locator("#ms-h-west").inner_text() == "Утримати захід"
        assert not watch.real_console_errors()
    finally:
        ctx.close()


def test_the_language_switch_keeps_the_chapter_and_the_layers_both_ways(browser, host):
    ctx, page, _ = open_page(browser, f"{host.url}/?chapter=west&layers=city&date=2023-04-07", DESKTOP)
    try:
        switch = page.locator(".ms-stepper a[data-ms-lang=uk]")
        expect(switch).to_have_attribute("href", re.compile(r"chapter=west&layers=city&date=2023-04-07"))
        switch.click()
        wait_for_story(page)
        expect(page.locator("[data-ms-root]")).to_have_attribute("lang", "uk")
        expect(page.locator("[data-ms-date='2023-04-07']")).to_have_attribute("aria-pressed", "true")
        expect(page.locator("[data-ms-dateline]")).to_have_text("Стан карти на 7 квітня 2023\u202fр.")
        assert active_chapter(page) == "west"
        expect(page.locator("input[data-layer=city]")).to_be_checked()
        expect(page.locator("input[data-layer=west]")).not_to_be_checked()
        back = page.locator(".ms-stepper a[data-ms-lang=en]")
        expect(back).to_have_attribute("href", re.compile(r"chapter=west&layers=city&date=2023-04-07"))
        back.click()
        wait_for_story(page)
        expect(page.locator("[data-ms-root]")).to_have_attribute("lang", "en")
        assert active_chapter(page) == "west"
        expect(page.locator("input[data-layer=city]")).to_be_checked()
        expect(page.locator("[data-ms-status]")).to_contain_text("Map (your choice)")
        expect(page.locator("[data-ms-dateline]")).to_have_text("Map state as of 7 April 2023")
    finally:
        ctx.close()


def test_a_browser_preferring_ukrainian_is_offered_the_edition_not_sent_there(browser, host):
    ctx, page, _ = open_page(browser, f"{host.url}/?chapter=west", DESKTOP, locale="uk-UA")
    try:
        expect(page.locator("[data-ms-root]")).to_have_attribute("lang", "en")  # the link's edition, as asked
        expect(page.locator(".ms-edition[lang=uk]")).to_have_class(re.compile(r"\bms-offered\b"))
        expect(page.locator(".ms-stepper a[data-ms-lang=uk]")).to_have_class(re.compile(r"\bms-offered\b"))
        assert "lang=uk" not in page.url and "/uk/" not in page.url
    finally:
        ctx.close()
    ctx, page, _ = open_page(browser, f"{host.url}/?chapter=west", DESKTOP, locale="en-GB")
    try:
        expect(page.locator(".ms-stepper a[data-ms-lang=uk]")).not_to_have_class(re.compile(r"\bms-offered\b"))
    finally:
        ctx.close()


def test_an_unknown_language_opens_the_original_with_the_quiet_notice(browser, host):
    ctx, page, _ = open_page(browser, f"{host.url}/?lang=fr&chapter=west", DESKTOP)
    try:
        expect(page.locator("[data-ms-root]")).to_have_attribute("lang", "en")
        expect(page.locator("[data-ms-notice]")).to_have_text(EN["notice_link"])
        assert active_chapter(page) == "west"
    finally:
        ctx.close()


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.alternates: dict[str, str] = {}
        self.lang = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang", "")
        if tag == "meta" and "property" in a:
            self.meta.setdefault(a["property"], []).append(a.get("content", ""))
        if tag == "link" and a.get("rel") == "alternate":
            self.alternates[a["hreflang"]] = a["href"]


def _head(url: str) -> _Head:
    head = _Head()
    head.feed(urlopen(url).read().decode("utf-8"))
    return head


def test_the_sites_ukrainian_pages_name_their_alternates_and_locale(published_site):
    from page.siteserver import CSP, serve

    with serve(published_site, csp=CSP) as base:
        uk, en = _head(f"{base}uk/west/"), _head(f"{base}west/")
        assert (uk.lang, en.lang) == ("uk", "en")
        assert uk.meta["og:locale"] == ["uk_UA"] and uk.meta["og:locale:alternate"] == ["en_GB"]
        assert en.meta["og:locale"] == ["en_GB"] and en.meta["og:locale:alternate"] == ["uk_UA"]
        # Both ways, and the original for any other reader.
        want = {"en": f"{base}west/", "x-default": f"{base}west/", "uk": f"{base}uk/west/"}
        for page, head in ((f"{base}uk/west/", uk), (f"{base}west/", en)):
            assert {lang: urljoin(page, href) for lang, href in head.alternates.items()} == want
        assert uk.meta["og:image"] != en.meta["og:image"]  # its own card, in Ukrainian
        assert "Утримати захід" in uk.meta["og:title"][0]
