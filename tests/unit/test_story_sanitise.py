"""Hostile Markdown never reaches the page: bodies and credits are sanitised, titles stay plain text."""

import pytest

from page.build import build_story
from story.loader import load_story
from story.markdown import render_markdown
from tests.unit.fixtures_story.helpers import make_story

HOSTILE = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    '<a href="javascript:alert(1)">click</a>',
    '<a href="JaVaScRiPt:alert(1)">click</a>',
    '<a href="&#106;avascript:alert(1)">click</a>',
    '<p onclick="alert(1)" onmouseover="alert(2)">hover</p>',
    "<style>body{display:none}</style>",
    '<iframe src="https://evil.example/"></iframe>',
    '<svg onload="alert(1)"><circle/></svg>',
    '<a href="data:text/html;base64,PHNjcmlwdD4=">data</a>',
    '<form action="https://evil.example"><input name="q"></form>',
    '<object data="https://evil.example/x.swf"></object>',
]
FORBIDDEN = ["<script", "onerror", "onclick", "onmouseover", "onload", "javascript:", "<style", "<iframe", "<img",
             "<svg", "data:text", "<form", "<input", "<object", "display:none", "alert(1)</"]  # fmt: skip


@pytest.mark.parametrize("markdown", HOSTILE)
def test_hostile_markdown_is_neutralised(markdown):
    html = render_markdown(f"Before.\n\n{markdown}\n\nAfter *this*.")
    lowered = html.lower()
    for bad in FORBIDDEN:
        assert bad not in lowered, (bad, html)
    assert "<em>this</em>" in html


def test_script_and_style_content_is_dropped_not_shown():
    html = render_markdown("Hi <script>steal()</script><style>p{}</style> there")
    assert "steal" not in html and "p{}" not in html


def test_safe_links_keep_href_and_get_rel():
    html = render_markdown("[ISW](https://www.understandingwar.org/) and <mailto:desk@example.com>")
    assert '<a href="https://www.understandingwar.org/" rel="noopener noreferrer">ISW</a>' in html
    assert 'href="mailto:desk@example.com"' in html


def test_remote_images_never_render():
    html = render_markdown("![ruins](https://cdn.example/photo.jpg)")
    assert "<img" not in html and "src=" not in html


def test_harmless_markup_survives():
    html = render_markdown("## Heading\n\n- *one*\n- **two**\n\n> quoted\n\n<abbr title='airborne'>VDV</abbr>")
    for good in ("<h2>Heading</h2>", "<em>one</em>", "<strong>two</strong>", "<blockquote>", "<abbr title"):
        assert good in html


def test_hostile_story_loads_sanitised(tmp_path):
    path = make_story(
        tmp_path,
        ("title: The west", 'title: "<script>alert(1)</script> The <b>west</b>"'),
        ("Ukraine holds the western districts.", "<img src=x onerror=alert(1)> [go](javascript:alert(1))"),
        ("credits: Graphic by the **test desk**.", "credits: <a href='javascript:x()' onclick='y()'>credit</a>"),
    )
    # The raw <img> is also flagged as a problem; load the rest to check the sanitiser on its own.
    text = path.read_text().replace("<img src=x onerror=alert(1)>", "<b onmouseover=alert(1)>bold</b>")
    path.write_text(text)
    story = load_story(path)
    west = story.chapter("west")
    assert "onmouseover" not in west.body_html and "javascript:" not in west.body_html
    assert "<b>bold</b>" in west.body_html
    assert "javascript" not in story.credits_html and "onclick" not in story.credits_html
    # Titles are plain text: kept verbatim in the model, escaped on the page, never rendered as markup.
    assert west.title == "<script>alert(1)</script> The <b>west</b>"
    html = build_story(path).page_html()
    assert "&lt;script&gt;alert(1)&lt;/script&gt; The &lt;b&gt;west&lt;/b&gt;" in html
    assert "<script" not in html and "<b>west" not in html
