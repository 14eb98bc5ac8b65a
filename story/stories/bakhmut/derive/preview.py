"""Draw all Bakhmut layers to a PNG so a person can check the geometry at a glance
(`python -m story.stories.bakhmut.derive preview OUT.png`)."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # headless: CI and servers have no display

import geopandas as gpd  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import patheffects  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402

from story.stories.bakhmut.derive.export import web_layers  # noqa: E402

STYLE = {
    "oblast": {"facecolor": "#f4f1ea", "edgecolor": "#8a8170", "linewidth": 1.0},
    "outskirts": {"facecolor": "#e6a23c", "edgecolor": "#b0701a", "alpha": 0.35, "hatch": "//"},
    "city": {"facecolor": "#d9d9d9", "edgecolor": "#555555", "linewidth": 1.0},
    "west": {"facecolor": "#3b7dd8", "edgecolor": "#1d4f96", "alpha": 0.75},
    "centre": {"facecolor": "#d8453b", "edgecolor": "#8e1f18", "alpha": 0.75},
    "river": {"color": "#2a9fd6", "linewidth": 2.0},
    "roads": {"color": "#333333", "linewidth": 1.4, "linestyle": "--"},
    "front": {"color": "#000000", "linewidth": 2.4},
}


# Where along a line its label goes (0 = first vertex, 1 = last): clear of the crowded centre.
LINE_LABEL_AT = {"roads": 0.22, "river": 0.02, "front": 0.0}
HALO = [patheffects.withStroke(linewidth=2.5, foreground="white")]


def _labels(ax: Axes, gdf: gpd.GeoDataFrame, *, layer_id: str = "places", size: float = 7) -> None:
    for _, row in gdf.iterrows():
        geom = row.geometry
        if geom.geom_type in ("LineString", "MultiLineString"):
            point = geom.interpolate(LINE_LABEL_AT.get(layer_id, 0.5), normalized=True)
        else:
            point = geom.representative_point()
        align = "center" if geom.geom_type in ("Polygon", "MultiPolygon") else "left"
        ax.annotate(
            row["label"],
            (point.x, point.y),
            xytext=(0, 0) if align == "center" else (3, 3),
            textcoords="offset points",
            fontsize=size,
            ha=align,
            path_effects=HALO,
            clip_on=True,
        )


def _draw(ax: Axes, layers: dict[str, gpd.GeoDataFrame], ids: list[str], *, max_rank: int, size: float) -> None:
    for layer_id in ids:
        layers[layer_id].plot(ax=ax, **STYLE.get(layer_id, {}))
    places = layers["places"]
    shown = places[places["rank"] <= max_rank]
    shown.plot(ax=ax, color="black", markersize=10, zorder=5)
    _labels(ax, shown, size=size)


def draw_preview(out_png: str | Path) -> Path:
    """Two panels: the oblast with the roads and big places; Bakhmut close up with every layer, labelled."""
    layers = web_layers()  # what the map shows, not the source
    fig, (wide, close) = plt.subplots(1, 2, figsize=(15, 7.5), dpi=110)
    _draw(wide, layers, ["oblast", "city", "roads", "front"], max_rank=2, size=7)
    wide.set_title("Donetsk Oblast (Natural Earth) with roads and towns")
    _draw(
        close, layers, ["oblast", "outskirts", "city", "west", "centre", "river", "roads", "front"], max_rank=3, size=7
    )
    for layer_id in ("west", "centre", "outskirts", "river", "front", "roads"):
        _labels(close, layers[layer_id], layer_id=layer_id, size=7)
    close.set_xlim(37.86, 38.12)
    close.set_ylim(48.50, 48.69)
    close.set_title("Bakhmut, 14 April 2023: areas, front line, river, roads")
    for ax in (wide, close):
        ax.set_aspect(1 / 0.662)  # cos(48.6°): degrees of longitude are shorter than of latitude here
        ax.tick_params(labelsize=7)
    fig.tight_layout()
    out = Path(out_png)
    out.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(out)
    plt.close(fig)
    return out
