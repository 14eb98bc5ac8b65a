"""Build the story's Leaflet map with Folium: one FeatureGroup per story layer, a scale bar, place and road
labels, a light backdrop under them all (story/backdrop.py), and a small locator inset of the story's region.

Folium renders JavaScript; the page loads it as part of the story's own module (page/storymodule.py), with no
CDN header and no iframe: this module returns the maps' HTML and a function body that creates both maps and hands
back their layer objects, named by folium's own `get_name()`.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import date
from typing import Any

import folium
import geopandas as gpd
import shapely
import xyzservices
from branca.element import Figure, MacroElement
from jinja2 import Template

from story.backdrop import story_backdrop
from story.budget import PAGE_FIELDS, page_columns
from story.dates import KINDS, change_frame, change_key, date_key, on_date
from story.layers import label_anchor
from story.look import LOOK, ChangeKind, Stroke
from story.model import Story
from story.words import say_confidence, say_date, words

# Properties shown in tooltips (the only ones the page is sent: the weight budget counts them); escaped here
# because folium's tooltip writes them as HTML.
TOOLTIP_FIELDS = PAGE_FIELDS


@dataclass(frozen=True)
class MapParts:
    map_html: str  # the main map's <div>
    inset_html: str  # the locator inset's <div>
    script: str  # a function body of L: creates both maps, returns {map, inset, groups: {layer id: FeatureGroup}}


def _escaped(gdf: gpd.GeoDataFrame) -> dict[str, Any]:
    """GeoJSON of the layer with every string property HTML-escaped (tooltips and labels are HTML)."""
    out = gdf.copy()
    for col in out.columns:
        # Every column, whatever its dtype: pandas 3 stores text as "str", not object.
        if col != out.geometry.name:
            out[col] = out[col].map(lambda v: html.escape(v) if isinstance(v, str) else v)
    return json.loads(out.to_json(drop_id=True))


def _path_style(spec: Any) -> dict[str, Any]:
    s = spec.style
    style: dict[str, Any] = {
        "color": s.color,
        "weight": s.weight,
        "opacity": 1.0,
        "className": f"ms-path ms-layer-{spec.id}",
    }
    if spec.kind in ("area", "point"):  # a point is a dot filled as styled (the legend's swatch shows it so)
        style["fillColor"] = s.fill_color or s.color
        style["fillOpacity"] = s.fill_opacity
    else:
        style["fill"] = False
    if s.dash:
        style["dashArray"] = s.dash
    return style


def _change_style(spec: Any, kind: ChangeKind) -> dict[str, Any]:
    """Ground a dated area layer lost or gained between two dates: its own legend class (story/dates.py)."""
    s = LOOK.change[kind]
    return {
        **_stroke(s),
        "fillColor": s.fill_color,
        "fillOpacity": s.fill_opacity,
        "className": f"ms-path ms-change ms-change-{kind} ms-of-{spec.id}",
    }


def _stroke(s: Stroke) -> dict[str, Any]:
    """A line of the look (story/look.json) as Leaflet's path options."""
    return {"color": s.color, "weight": s.weight, "opacity": s.opacity} | ({"dashArray": s.dash} if s.dash else {})


def _said(gdf: gpd.GeoDataFrame, lang: str) -> gpd.GeoDataFrame:
    """The tooltip's values in the page's language: a confidence word from the words table, a date spelled out."""
    columns = {}
    if "confidence" in gdf.columns:
        columns["confidence"] = [say_confidence(v, lang) if isinstance(v, str) else v for v in gdf["confidence"]]
    if "as_of" in gdf.columns:
        columns["as_of"] = [_day(v, lang) for v in gdf["as_of"]]
    return gdf.assign(**columns) if columns else gdf


def _day(value: Any, lang: str) -> Any:
    try:
        return say_date(date.fromisoformat(str(value)), lang)
    except ValueError:  # not a calendar date (the loader allows only dates; keep anything else as written)
        return value


def _add_layer(
    m: folium.Map, spec: Any, gdf: gpd.GeoDataFrame, change: ChangeKind | None = None, lang: str = "en"
) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=spec.label, show=False)
    group.add_to(m)
    style = _path_style(spec) if change is None else _change_style(spec, change)
    gdf = _said(gdf, lang)
    data = _escaped(gdf)
    fields = [f for f in TOOLTIP_FIELDS if f in gdf.columns]
    t = words(lang)
    names = [t[f"tooltip_{f}"] for f in fields]
    tooltip = folium.GeoJsonTooltip(fields=fields, aliases=names, labels=True)
    marker = None
    if spec.kind == "point":
        marker = folium.CircleMarker(radius=LOOK.point_radius_px, fill=True, fill_opacity=1.0)
    keep = page_columns(gdf)  # the page is sent what its tooltips show; rank and ref only place labels here
    sent = [{**f, "properties": {k: v for k, v in f["properties"].items() if k in keep}} for f in data["features"]]
    folium.GeoJson(
        {"type": "FeatureCollection", "features": sent},
        style_function=lambda _f, st=style: st,
        tooltip=tooltip,
        marker=marker,
    ).add_to(group)
    for feature, geom in zip(data["features"], gdf.geometry, strict=True):
        props = feature["properties"]
        if spec.kind == "point":
            # Which points are labelled is the layer's `labels` field; rank (optional) only ranks them.
            rank = props.get("rank")
            if not spec.labels_feature(rank):
                continue
            ranked = f" ms-rank-{int(rank)}" if rank is not None else ""
            text, where, cls = props.get("label", ""), (geom.y, geom.x), f"ms-label{ranked}"
        elif spec.kind == "line" and props.get("ref"):
            anchor = label_anchor(geom)
            text, where, cls = props["ref"], (anchor.y, anchor.x), "ms-label ms-road-label"
        else:
            continue
        icon = folium.DivIcon(html=f"<span>{text}</span>", class_name=f"{cls} ms-layer-{spec.id}", icon_size=None)
        folium.Marker(where, icon=icon, keyboard=False, interactive=False).add_to(group)
    return group


def _tiles(basemap: str, also: list[str], context: str) -> folium.TileLayer:
    provider = xyzservices.providers.query_name(basemap)
    credit = "".join(f" | {html.escape(context)}: {html.escape(a)}" for a in also)  # the backdrop's sources
    return folium.TileLayer(
        tiles=provider.build_url(scale_factor="{r}"),
        attr=provider.html_attribution + credit,
        name=provider.name,
        max_zoom=provider.get("max_zoom", 19),
        subdomains=provider.get("subdomains", "abc"),
        # A chapter's flight passes through a dozen zooms: tiles for each of them would be fetched and dropped
        # (data on a slow network, work in every frame of the flight). They load once the map rests, as Leaflet
        # does on phones by default; a reader's drag fills in when it ends.
        update_when_zooming=False,
        update_when_idle=True,
    )


def _add_groups(m: folium.Map, story: Story, layers: dict[str, gpd.GeoDataFrame], found: dict) -> dict[str, Any]:
    """One group per layer, or per date of a dated layer, and one per change of ground between two dates: keyed
    as the page's state names them (story/dates.py)."""
    groups = {}
    for spec in story.layers:
        if not spec.states:
            groups[spec.id] = _add_layer(m, spec, layers[spec.id], lang=story.language)
            continue
        for state in spec.states:
            frame = on_date(spec, layers[spec.id], state.date)
            groups[date_key(spec.id, state.date)] = _add_layer(m, spec, frame, lang=story.language)
        for (layer_id, since, day), change in found.items():
            if layer_id != spec.id:
                continue
            for kind in KINDS:
                frame = change_frame(spec, change, day, kind, story.language)
                if frame is not None:
                    groups[change_key(spec.id, since, day, kind)] = _add_layer(m, spec, frame, kind, story.language)
    return groups


class ScaleBar(MacroElement):
    """Leaflet's scale bar, redrawn when a move ends rather than on every frame of a flight (folium's own is
    redrawn on every frame), with feet and miles only where the page's language uses them."""

    _template = Template(
        """{% macro script(this, kwargs) %}
        L.control.scale({{ this.options | tojson }}).addTo({{ this._parent.get_name() }});
        {% endmacro %}"""
    )

    def __init__(self, *, imperial: bool) -> None:
        super().__init__()
        self.options = {"updateWhenIdle": True, "imperial": imperial}


def build_map(story: Story, layers: dict[str, gpd.GeoDataFrame], found: dict | None = None) -> MapParts:
    """The main map with every story layer (all hidden until the page applies a chapter) and the inset; `found`:
    the changes of ground between dates (story.dates.changes)."""
    w, s, e, n = story.region.bbox
    m = folium.Map(
        location=[(s + n) / 2, (w + e) / 2],
        zoom_start=8,
        tiles=None,
        control_scale=False,  # ours (ScaleBar): updated once a move ends, and in the language's units
        zoom_control=True,
        # Quarter-zoom steps let a chapter's view fill the frame instead of jumping a whole level short.
        zoomSnap=0.25,
    )
    ScaleBar(imperial=words(story.language)["scale_imperial"] == "true").add_to(m)
    backdrop = story_backdrop(story, layers)
    _tiles(story.basemap, _credits(backdrop), words(story.language)["credit_context"]).add_to(m)
    if backdrop is not None:
        _add_backdrop(m, backdrop)
    groups = _add_groups(m, story, layers, found or {})

    # The locator inset: the region's outline (the largest area layer) and, drawn by
    # the page, a box for the main map's view. Static: no tiles, no interaction.
    inset = folium.Map(
        location=[(s + n) / 2, (w + e) / 2],
        zoom_start=6,
        tiles=None,
        zoom_control=False,
        attribution_control=False,
        dragging=False,
        scroll_wheel_zoom=False,
        double_click_zoom=False,
        box_zoom=False,
        keyboard=False,
        touch_zoom=False,
    )
    outline = _region_outline(story, layers)
    if outline is not None:
        folium.GeoJson(
            json.loads(outline.to_json(drop_id=True)),
            style_function=lambda _f: {"color": "#555", "weight": 1, "fillColor": "#ddd", "fillOpacity": 0.8},
        ).add_to(inset)

    parts_html, parts_js = [], []
    for fmap in (m, inset):
        fig = fmap.get_root()
        assert isinstance(fig, Figure)  # a folium Map's root is always its page
        fig.render()
        parts_html.append(fig.html.render())
        parts_js.append(fig.script.render())
    names = ", ".join(f"{json.dumps(layer_id)}: {g.get_name()}" for layer_id, g in groups.items())
    script = "\n".join(parts_js) + f"\nreturn {{map: {m.get_name()}, inset: {inset.get_name()}, groups: {{{names}}}}};"
    return MapParts(map_html=parts_html[0], inset_html=parts_html[1], script=script)


def _credits(backdrop: gpd.GeoDataFrame | None) -> list[str]:
    """Who the backdrop's data is from (its features' `credit`), for the map's attribution."""
    if backdrop is None or "credit" not in backdrop.columns:
        return []
    return sorted({str(c) for c in backdrop["credit"].dropna() if str(c).strip()})


def _add_backdrop(m: folium.Map, backdrop: gpd.GeoDataFrame) -> None:
    """Under the tiles' overlay pane and every story layer; never interactive, never in the legend."""
    folium.map.CustomPane("ms-backdrop", z_index=350).add_to(m)
    data = json.loads(backdrop[["kind", "geometry"]].to_json(drop_id=True))
    styles = {
        kind: {**_stroke(s), "fill": False, "className": f"ms-backdrop ms-backdrop-{kind}"}
        for kind, s in LOOK.backdrop.items()
    }
    folium.GeoJson(
        data,
        style_function=lambda f: styles[f["properties"]["kind"]],
        pane="ms-backdrop",
        interactive=False,
        control=False,
    ).add_to(m)


def _region_outline(story: Story, layers: dict[str, gpd.GeoDataFrame]) -> gpd.GeoDataFrame | None:
    """The inset's outline: the layer the story names in `inset`, else the box of its region."""
    if story.inset is not None:
        return layers[story.inset][["geometry"]]
    w, s, e, n = story.region.bbox
    return gpd.GeoDataFrame(geometry=[shapely.box(w, s, e, n)], crs=4326)
