"""The reader's page as data for the engine: the article's HTML (from an autoescaping template), each chapter's
map state, and the legend entries. Everything an author wrote reaches the page either escaped by the template or
sanitised by the story loader; the browser inserts the rest as text."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import geopandas as gpd
import jinja2
from markupsafe import Markup

from page.lookcss import band_rules, root_style
from page.pagedata import (
    ChangedGround,
    ChapterData,
    Dated,
    DatedWords,
    DateEntry,
    LayerData,
    PairChange,
    StoryData,
)
from page.pagedata import When as WhenData
from story.dates import KINDS, change_key, date_key
from story.describe import dateline_text, describe_chapter, round_km2
from story.layers import chapter_bbox
from story.look import LOOK
from story.model import Chapter, LayerSpec, Story, When
from story.words import say_confidence, say_date, words


@cache
def templates() -> jinja2.Environment:
    # Autoescape every template: a value is text unless it is already Markup (sanitised on load).
    return jinja2.Environment(
        loader=jinja2.PackageLoader("page", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=False,
    )


def _chapter_bounds(chapter: Chapter, layers: dict[str, gpd.GeoDataFrame]) -> tuple[Any, Any]:
    """Leaflet bounds [[south, west], [north, east]] of the chapter's view."""
    w, s, e, n = chapter_bbox(chapter, layers)
    return ((round(s, 5), round(w, 5)), (round(n, 5), round(e, 5)))


def chapter_states(story: Story, layers: dict[str, gpd.GeoDataFrame]) -> list[ChapterData]:
    """Each chapter's map state: the page derives the map from (active chapter, reader's choices) alone."""
    return [
        ChapterData(
            id=ch.id,
            title=ch.title,
            bounds=_chapter_bounds(ch, layers),
            padding=ch.view.padding if ch.view.padding is not None else 24,
            max_zoom=ch.view.max_zoom,
            highlight=list(ch.highlight),
            context=list(ch.context),
            named=list(ch.named),
            as_of=say_date(ch.as_of or story.as_of, story.language),
            when=_when(story.when(ch)),
        )
        for ch in story.chapters
    ]


def _when(when: When | None) -> WhenData | None:
    """A chapter's date (and the date it compares with) as the page's state holds it: ISO text."""
    if when is None:
        return None
    return WhenData(date=when.date.isoformat(), since=when.since.isoformat() if when.since else None)


def _dated(spec: LayerSpec, story: Story) -> Dated | None:
    """A dated layer's words and group per date (absent dates: nothing drawn) and the ground it lost or gained per
    pair, each with the key of the group that draws it (story/dates.py names the groups, for both languages)."""
    if not spec.states:
        return None
    changes = {}
    for (layer_id, since, day), c in story.changes().items():
        if layer_id != spec.id:
            continue
        ground = {
            kind: None
            if getattr(c, kind).is_empty
            else ChangedGround(km2=round_km2(getattr(c, f"{kind}_km2")), group=change_key(spec.id, since, day, kind))
            for kind in KINDS
        }
        changes[f"{since.isoformat()}_{day.isoformat()}"] = PairChange(**ground)
    states = {
        st.date.isoformat(): DatedWords(
            label=spec.label_on(st.date),
            describe=spec.describe_on(st.date),
            confidence=say_confidence(st.confidence, story.language),
            group=date_key(spec.id, st.date),
        )
        for st in spec.states
    }
    return Dated(states=states, changes=changes)


def date_entries(story: Story) -> list[DateEntry]:
    """The story's dates as the page names them: ISO (the link's), in full, and short for the date buttons."""
    one_year, lang = len({d.year for d in story.dates}) == 1, story.language
    return [
        DateEntry(iso=d.isoformat(), text=say_date(d, lang), short=say_date(d, lang, year=not one_year))
        for d in story.dates
    ]


def legend_entries(story: Story) -> list[LayerData]:
    return [
        LayerData(
            id=spec.id,
            label=spec.label,
            kind=spec.kind,
            color=spec.style.color,
            fill=(spec.style.fill_color or spec.style.color) if spec.kind == "area" else None,
            fill_opacity=spec.style.fill_opacity if spec.kind == "area" else 0,
            dash=spec.style.dash,
            confidence=say_confidence(spec.confidence, story.language),
            short=spec.short,
            describe=spec.describe,
            dated=_dated(spec, story),
        )
        for spec in story.layers
    ]


def story_data(story: Story, layers: dict[str, gpd.GeoDataFrame]) -> StoryData:
    """What the engine needs to know about the story (page/pagedata.py; assets/engine/main.js `mount`)."""
    return StoryData(
        chapters=chapter_states(story, layers),
        layers=legend_entries(story),
        region=story.region.bbox,
        region_name=story.region.name or words(story.language)["region_default"],
        lang=story.language,
        languages=story.languages,
        grammar=words(story.language),
        dates=date_entries(story),
        pairs=[(a.isoformat(), b.isoformat()) for a, b in story.pairs()],
        look=LOOK,  # story/look.json: mapview.js reads its zoom bands, the legend the changed ground's style
    )


def sources_line(story: Story) -> str:
    t = words(story.language)
    return t["sources_line"].format(sources=t["sources_sep"].join(s.name for s in story.sources))


def edition_links(story: Story, href: Callable[[str], str]) -> list[dict[str, Any]]:
    """The story's other languages as the page links them: [{lang, href, root, words}] (`href(lang)`: where the
    edition opens; the engine then adds the reader's chapter, layers and date to it)."""
    return [
        {"lang": lang, "href": href(lang), "root": None, "words": words(lang)}
        for lang in story.languages
        if lang != story.language
    ]


def page_html(
    story: Story,
    map_html: str,
    inset_html: str,
    *,
    chapter_href: Callable[[str], str] = lambda cid: f"?chapter={cid}",
    chapter_image: Callable[[str], str] | None = None,
    print_image: Callable[[str], str | None] | None = None,
    downloads: list[dict[str, str]] | None = None,
    editions: list[dict[str, Any]] | None = None,
) -> str:
    """The whole reading page. chapter_image: a static map per chapter for readers without JavaScript;
    print_image: the address of a chapter's map for print (page/printmaps.py; else chapter_image);
    downloads: the layers' GeoJSON files offered in the credits (the published site has both); editions: the
    story in its other languages, [{lang, href}] (edition_links)."""
    return (
        templates()
        .get_template("page.html.j2")
        .render(
            story=story,
            map_html=Markup(map_html),  # folium's <div>s, built by us
            inset_html=Markup(inset_html),
            sources_line=sources_line(story),
            date_text=lambda d: say_date(d, story.language),
            t=words(story.language),
            lang=story.language,
            editions=editions or [],
            chapter_href=chapter_href,
            chapter_image=chapter_image,
            print_image=print_image or chapter_image,
            statuses={ch.id: describe_chapter(story, ch) for ch in story.chapters},
            dates=date_entries(story),
            datelines={ch.id: dateline_text(story, ch) for ch in story.chapters},
            downloads=downloads or [],
            look_style=root_style(LOOK),
            look_rules=Markup(band_rules(LOOK)),  # built by us from the validated look: no author's text
        )
    )
