"""The reader's page as data for the component: the article's HTML (escaped or already sanitised),
each chapter's map state, and the legend entries. Everything an author wrote reaches the page either
escaped here or sanitised by the story loader; the browser inserts the rest as text."""

from __future__ import annotations

from html import escape
from typing import Any

import geopandas as gpd

from story.describe import describe_chapter
from story.describe import format_date as date_text


def _chapter_bounds(chapter: Any, layers: dict[str, gpd.GeoDataFrame]) -> list[list[float]]:
    """Leaflet bounds [[south, west], [north, east]] of the chapter's view."""
    view = chapter.view
    if view.bbox:
        w, s, e, n = view.bbox
    else:
        frames = [layers[i] for i in view.fit]
        w = min(f.total_bounds[0] for f in frames)
        s = min(f.total_bounds[1] for f in frames)
        e = max(f.total_bounds[2] for f in frames)
        n = max(f.total_bounds[3] for f in frames)
    return [[round(s, 5), round(w, 5)], [round(n, 5), round(e, 5)]]


def chapter_states(story: Any, layers: dict[str, gpd.GeoDataFrame]) -> list[dict[str, Any]]:
    """Each chapter's map state: the page derives the map from (active chapter, reader's choices) alone."""
    out = []
    for ch in story.chapters:
        out.append(
            {
                "id": ch.id,
                "title": ch.title,
                "bounds": _chapter_bounds(ch, layers),
                "padding": ch.view.padding if ch.view.padding is not None else 24,
                "max_zoom": ch.view.max_zoom,
                "highlight": list(ch.highlight),
                "context": list(ch.context),
                "status": describe_chapter(story, ch),
                "as_of": date_text(ch.as_of or story.as_of),
            }
        )
    return out


def legend_entries(story: Any) -> list[dict[str, Any]]:
    return [
        {
            "id": spec.id,
            "label": spec.label,
            "kind": spec.kind,
            "color": spec.style.color,
            "fill": (spec.style.fill_color or spec.style.color) if spec.kind == "area" else None,
            "fill_opacity": spec.style.fill_opacity if spec.kind == "area" else 0,
            "dash": spec.style.dash,
            "confidence": spec.confidence or "",
            "short": spec.short,
            "describe": spec.describe,
        }
        for spec in story.layers
    ]


def sources_line(story: Any) -> str:
    return "Sources: " + "; ".join(s.name for s in story.sources)


def page_html(story: Any, map_html: str) -> str:
    """The whole reading page. Titles and captions are plain text (escaped); bodies were sanitised on load."""
    toc = "".join(
        f'<li><a href="?chapter={ch.id}" data-goto="{ch.id}">{escape(ch.title)}</a></li>' for ch in story.chapters
    )
    chapters = []
    for i, ch in enumerate(story.chapters, start=1):
        caption = f'<p class="ms-caption">{escape(ch.caption)}</p>' if ch.caption else ""
        chapters.append(
            f'<section class="ms-chapter" data-chapter="{ch.id}" id="ms-ch-{ch.id}">'
            f'<p class="ms-kicker">{i} of {len(story.chapters)} · '
            f"map as of {date_text(ch.as_of or story.as_of)}</p>"
            f'<h2 id="ms-h-{ch.id}" tabindex="-1">{escape(ch.title)}</h2>'
            f'<div class="ms-body">{ch.body_html}</div>{caption}</section>'
        )
    sources = "".join(
        "<li>"
        + (f'<a href="{escape(s.url)}" rel="noopener noreferrer">{escape(s.name)}</a>' if s.url else escape(s.name))
        + (f" — {escape(s.note)}" if s.note else "")
        + "</li>"
        for s in story.sources
    )
    layer_rows = "".join(
        f'<li><label><input type="checkbox" data-layer="{spec.id}"> '
        f'<span class="ms-swatch" data-swatch="{spec.id}" aria-hidden="true"></span> '
        f"{escape(spec.label)}</label></li>"
        for spec in story.layers
    )
    return f"""
<div class="ms-root" data-ms-root>
  <a class="ms-skip" href="#ms-text">Skip to the story text</a>
  <div class="ms-map-panel">
    <div class="ms-map-frame" role="region" aria-label="Map of the story" data-ms-map-frame>
      {map_html}
      <div class="ms-inset" aria-hidden="true" title="Where the map's view lies in the region"></div>
      <div class="ms-legend" role="group" aria-labelledby="ms-legend-title">
        <p class="ms-legend-title" id="ms-legend-title">On the map</p><ul data-ms-legend></ul>
      </div>
      <details class="ms-layers" id="ms-layers" data-ms-layers>
        <summary>Layers</summary>
        <fieldset><legend class="ms-sr">Show or hide map layers</legend><ul>{layer_rows}</ul></fieldset>
        <button type="button" class="ms-reset" data-ms-reset hidden>Back to the story's view</button>
      </details>
      <div class="ms-notice" data-ms-notice role="note" hidden></div>
    </div>
    <div class="ms-mapfoot">
      <p class="ms-status" role="status" aria-live="polite" data-ms-status></p>
      <p class="ms-dateline"><span data-ms-dateline></span><span class="ms-sep" aria-hidden="true"> · </span>
        <span class="ms-sourceline">{escape(sources_line(story))}</span></p>
    </div>
  </div>
  <!-- Before the text in the tab order: from any chapter, Shift+Tab reaches these controls. -->
  <nav class="ms-stepper" aria-label="Chapter navigation">
    <button type="button" data-ms-prev aria-label="Previous chapter"><span aria-hidden="true">‹</span>
      <span class="ms-word">Previous</span></button>
    <span data-ms-position aria-hidden="true"></span>
    <button type="button" data-ms-next aria-label="Next chapter"><span class="ms-word">Next</span>
      <span aria-hidden="true">›</span></button>
    <button type="button" class="ms-layers-btn" data-ms-layers-btn aria-controls="ms-layers"
      aria-expanded="false">Map layers</button>
    <button type="button" class="ms-share" data-ms-share>Copy link</button>
    <span class="ms-share-done" data-ms-share-done aria-live="polite"></span>
  </nav>
  <article class="ms-text" id="ms-text" tabindex="-1" aria-label="Story" data-ms-scroller>
    <header class="ms-header">
      <h1>{escape(story.title)}</h1>
      <p class="ms-dek">{escape(story.dek)}</p>
      <p class="ms-byline">{escape(story.byline)} · <time datetime="{story.published.isoformat()}">{
        date_text(story.published)
    }</time></p>
      <nav class="ms-toc" aria-label="Chapters"><h2 class="ms-toc-title">In this story</h2><ol>{toc}</ol></nav>
    </header>
    {"".join(chapters)}
    <footer class="ms-credits" id="ms-credits">
      <h2>Sources and credits</h2>
      <div class="ms-credits-body">{story.credits_html}</div>
      <ul class="ms-sources">{sources}</ul>
    </footer>
    <div class="ms-endspace" aria-hidden="true"></div>
  </article>
</div>
"""
