"""Markdown bodies to safe HTML: markdown-it-py renders, nh3 sanitises whatever the author wrote."""

from __future__ import annotations

import re
from functools import lru_cache
from html.parser import HTMLParser

import nh3
from markdown_it import MarkdownIt

# Small, boring allowlist: prose, lists, quotes, code, links. No img (the story hot-links no photos), no
# style/iframe/script/form; h1 is the page's own title, so body headings start at h2.
ALLOWED_TAGS = {
    "p", "br", "hr", "strong", "em", "b", "i", "a", "ul", "ol", "li", "blockquote", "code", "pre",
    "h2", "h3", "h4", "h5", "h6", "abbr", "sub", "sup", "small", "q", "cite", "del", "ins", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "ol": {"start"}}
URL_SCHEMES = {"http", "https", "mailto"}
# Removed together with their content, not just unwrapped: their text is never meant for the reader.
DROP_WITH_CONTENT = {"script", "style", "iframe", "object", "embed", "template", "noscript", "textarea"}


@lru_cache(maxsize=1)
def _md() -> MarkdownIt:
    # html=True: authors may use harmless inline tags such as <abbr>; nh3 below removes everything else.
    md = MarkdownIt("commonmark", {"html": True}).disable("image")
    # Accept every link target here so that a rejected one shows as its link text rather than as literal
    # "[text](javascript:...)"; nh3 then drops any href whose scheme is not http, https or mailto.
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def _same_site_or_allowed(tag: str, attr: str, value: str) -> str | None:
    """nh3 keeps scheme-less hrefs as relative, but `//host/x` (and `/\\host`, which browsers read the same way)
    leave the site: drop them, as story/README.md promises http, https, mailto and same-site targets only."""
    if attr == "href" and re.match(r"^[\x00-\x20]*[/\\]{2}", value):
        return None
    return value


def sanitise_html(html: str) -> str:
    """Keep only the allowlisted tags/attributes; links get rel="noopener noreferrer"."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        clean_content_tags=DROP_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_same_site_or_allowed,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render_markdown(text: str) -> str:
    """Markdown → sanitised HTML fragment."""
    return sanitise_html(_md().render(text or "")).strip()


def has_image(text: str) -> bool:
    """True when the Markdown contains an image (`![alt](src)` or a raw <img>): stories show no photos."""
    md = MarkdownIt("commonmark", {"html": True})
    for token in md.parse(text or ""):
        children = token.children or []
        if any(child.type == "image" for child in children):
            return True
        if token.type in ("html_block", "html_inline") and "<img" in token.content.lower():
            return True
        if any(c.type == "html_inline" and "<img" in c.content.lower() for c in children):
            return True
    return False


class _StartTags(HTMLParser):
    """Every start tag of an HTML fragment with its attributes (entities decoded)."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def sanitiser_removes(text: str) -> list[str]:
    """What the sanitiser takes out of this Markdown (tags, attributes, link targets), in words; empty when what
    was written is what readers get. Comments are not counted: readers never see them either way."""
    raw = _StartTags(_md().render(text or "")).tags
    kept = [attrs.get("href") for tag, attrs in _StartTags(render_markdown(text)).tags if tag == "a"]
    out: list[str] = []
    for tag, attrs in raw:
        if tag not in ALLOWED_TAGS:
            out.append(f"<{tag}>")
            continue
        out += [f"the {name} of <{tag}>" for name in attrs if name not in ALLOWED_ATTRIBUTES.get(tag, set())]
        if tag == "a" and attrs.get("href") is not None:
            if attrs["href"] in kept:
                kept.remove(attrs["href"])
            else:
                out.append(f"the link to {attrs['href']!r}")
    return list(dict.fromkeys(out))
