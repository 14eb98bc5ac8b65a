"""The baseline's map, built the way an `st_folium` app usually builds it (no Streamlit here, so the benchmark can
also render folium's default page from it).

Same story loader, geo readers, layers, chapters and styles as the app: highlighted layers in strong colour,
context layers dimmed, the rest left out; the same tooltips and place/road labels.
"""

from __future__ import annotations

import html
import math
from pathlib import Path
from typing import Any

import folium
import shapely
import xyzservices

from page.build import load_layers
from page.render import chapter_states
from story.loader import load_story
from story.model import Story

MAP_HEIGHT = 560
MAP_WIDTH_GUESS = 700  # the right-hand column at 1280 px, for turning chapter bounds into a zoom
DIM_OPACITY = 0.35  # the app's `path.ms-dim { opacity: 0.35 }`
TOOLTIP_FIELDS = ("label", "confidence", "as_of")


def story_data(path: str | Path) -> tuple[Any, dict[str, dict], list[dict]]:
    """The story, each layer as GeoJSON (strings escaped: tooltips write them as HTML), each chapter's view."""
    story = load_story(Path(path))
    layers = load_layers(story)
    geojson = {lid: gdf.__geo_interface__ for lid, gdf in layers.items()}
    for data in geojson.values():
        for feature in data["features"]:
            props = feature["properties"]
            props.update({k: html.escape(v) for k, v in props.items() if isinstance(v, str)})
    return story, geojson, [view.model_dump() for view in chapter_states(story, layers)]


def bounds_view(view: dict[str, Any]) -> tuple[list[float], float]:
    """Centre and quarter-step zoom that fit a chapter's bounds in the map (Leaflet's getBoundsZoom, in Python)."""
    (s, w), (n, e) = view["bounds"]
    pad = view["padding"]

    def y(lat: float) -> float:
        r = math.radians(lat)
        return (1 - math.log(math.tan(r) + 1 / math.cos(r)) / math.pi) / 2 * 256

    scale = min((MAP_WIDTH_GUESS - 2 * pad) / ((e - w) / 360 * 256), (MAP_HEIGHT - 2 * pad) / (y(s) - y(n)))
    zoom = math.floor(math.log2(scale) * 4) / 4
    if view.get("max_zoom"):
        zoom = min(zoom, view["max_zoom"])
    return [(s + n) / 2, (w + e) / 2], zoom


def layer_style(spec: Any, state: str, chapter_id: str) -> dict[str, Any]:
    s = spec.style
    dim = DIM_OPACITY if state == "dim" else 1.0
    # The chapter id in the class lets the benchmark see in the map's DOM when this chapter's state is drawn.
    style: dict[str, Any] = {
        "color": s.color,
        "weight": s.weight,
        "opacity": dim,
        "className": f"bl-layer-{spec.id} bl-{state} bl-ch-{chapter_id}",
    }
    if spec.kind == "area":
        style.update(fillColor=s.fill_color or s.color, fillOpacity=s.fill_opacity * dim)
    else:
        style["fill"] = False
    if s.dash:
        style["dashArray"] = s.dash
    return style


def labels(spec: Any, data: dict) -> list[tuple[tuple[float, float], str]]:
    """Place names at their points, road numbers 40% along the road (as page/mapbuild.py places them)."""
    out = []
    for feature in data["features"]:
        props, geom = feature["properties"], shapely.geometry.shape(feature["geometry"])
        if spec.kind == "point":
            out.append(((geom.y, geom.x), str(props.get("label", ""))))
        elif spec.kind == "line" and props.get("ref"):
            line = max(geom.geoms, key=lambda g: g.length) if geom.geom_type.startswith("Multi") else geom
            p = line.interpolate(0.4, normalized=True)
            out.append(((p.y, p.x), str(props["ref"])))
    return out


def layer_group(spec: Any, data: dict, state: str, chapter_id: str) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=spec.label)
    fields = [f for f in TOOLTIP_FIELDS if data["features"] and f in data["features"][0]["properties"]]
    style = layer_style(spec, state, chapter_id)
    marker = folium.CircleMarker(radius=4, fill=True, fill_opacity=1.0) if spec.kind == "point" else None
    tooltip = folium.GeoJsonTooltip(fields=fields) if fields else None
    folium.GeoJson(data, style_function=lambda _f, st_=style: st_, tooltip=tooltip, marker=marker).add_to(group)
    for where, text in labels(spec, data):
        icon = folium.DivIcon(html=f"<span>{text}</span>", class_name="bl-label", icon_size=None)
        folium.Marker(where, icon=icon, keyboard=False, interactive=False).add_to(group)
    return group


def chapter_groups(story: Story, geojson: dict[str, dict], chapter: Any) -> list[folium.FeatureGroup]:
    """One FeatureGroup per layer the chapter shows: highlighted strong, context dimmed."""
    groups = []
    for spec in story.layers:
        state = "strong" if spec.id in chapter.highlight else "dim" if spec.id in chapter.context else None
        if state is not None:
            groups.append(layer_group(spec, geojson[spec.id], state, chapter.id))
    return groups


def base_map(story: Story, *, tiles: bool = True) -> folium.Map:
    """The same on every run, so st_folium's key stays stable and its iframe is never remounted."""
    w, s, e, n = story.region.bbox
    m = folium.Map(location=[(s + n) / 2, (w + e) / 2], zoom_start=8, tiles=None, control_scale=True, zoomSnap=0.25)
    if tiles:
        provider = xyzservices.providers.query_name(story.basemap)
        folium.TileLayer(
            tiles=provider.build_url(scale_factor="{r}"),
            attr=provider.html_attribution,
            max_zoom=provider.get("max_zoom", 19),
        ).add_to(m)
    return m
