"""Draw one chapter's map as a PNG in Python, without a browser or tiles: the author's quick look
(`python -m story preview`) and the share-card image (1200×630).

It follows the live map (page/mapbuild.py, assets/story.css): Web Mercator, the chapter's view fitted like
Leaflet's fitBounds in quarter-zoom steps, the story's backdrop beneath, highlighted layers as styled, context
layers at 35 % opacity, points as 4 px dots filled as styled, labels with a white halo (rank 3 hidden below zoom
10.5, road numbers below 9), labels that would overprint a bigger place's left out. A strip at the top carries
the titles and the date.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # headless: CI and servers have no display

import geopandas as gpd  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import patheffects  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from story.backdrop import BACKDROP_STYLE, story_backdrop  # noqa: E402
from story.dates import CHANGE_STYLE, frames_for  # noqa: E402
from story.describe import dateline_text  # noqa: E402
from story.layers import chapter_bbox  # noqa: E402
from story.model import Chapter, LayerSpec, Story  # noqa: E402

DPI = 100
PT_PER_PX = 72 / DPI
MERCATOR_CIRCUMFERENCE_M = 2 * math.pi * 6_378_137
DIM = 0.35  # .leaflet-container path.ms-dim { opacity: 0.35 }
BACKGROUND = "#f3f3f1"  # where the grey basemap would be
POINT_RADIUS_PX = 4
LABEL_PX = 12
ROAD_LABEL_PX = 11
MAX_ZOOM = 18.0
ZOOM_SNAP = 0.25
HALO = [patheffects.withStroke(linewidth=2.2, foreground="white")]


def render_chapter_png(
    story: Story,
    layers: dict[str, gpd.GeoDataFrame],
    chapter_id: str,
    out: Path,
    *,
    size: tuple[int, int] = (1200, 630),
    title_strip: bool = True,
) -> Path:
    """Draw chapter `chapter_id` into `out` (a PNG of exactly `size` pixels); `layers` as page.build.load_layers
    returns them. Returns `out`."""
    chapter = story.chapter(chapter_id)
    width, height = size
    strip = round(min(96, max(56, height * 0.13))) if title_strip else 0
    fig = plt.figure(figsize=(width / DPI, height / DPI), dpi=DPI)
    try:
        ax = fig.add_axes((0, 0, 1, 1 - strip / height))
        ax.set_axis_off()
        fig.patch.set_facecolor("white")
        ax.add_artist(plt.Rectangle((0, 0), 1, 1, transform=ax.transAxes, color=BACKGROUND, zorder=0))
        zoom = _set_view(ax, chapter, layers, width, height - strip)
        _draw_backdrop(ax, story_backdrop(story, layers))
        shown = {*chapter.context, *chapter.highlight}
        labels: list[tuple[float, Text]] = []
        # Story order, as the live map stacks its groups; a dated layer as of the chapter's date, then the ground
        # it lost or gained when the chapter compares two dates (story/dates.py).
        for spec, frame, change in frames_for(story, layers, story.when(chapter), story.changes()):
            if spec.id not in shown:
                continue
            projected, dim = frame.to_crs(3857), spec.id in chapter.context
            if change:
                _draw_change(ax, projected, change, dim)
                continue
            _draw_layer(ax, spec, projected, dim)
            labels += _labels(ax, spec, projected, dim, zoom)
        _declutter(fig, labels)
        if title_strip:
            _title_strip(fig, story, chapter, strip / height)
        else:  # a print image carries its own date: the page around it may not be printed with it
            ax.text(0.012, 0.02, dateline_text(story, chapter), transform=ax.transAxes, fontsize=LABEL_PX * PT_PER_PX,
                    color="#222222", path_effects=HALO, zorder=7)  # fmt: skip
        out = Path(out)
        out.parent.mkdir(parents=True, exist_ok=True)
        fig.savefig(out, dpi=DPI, facecolor="white")
    finally:
        plt.close(fig)
    return out


def _set_view(ax: Axes, chapter: Chapter, layers: dict[str, gpd.GeoDataFrame], width: int, height: int) -> float:
    """Fit the chapter's box with its padding, like Leaflet's fitBounds; return the zoom used."""
    west, south, east, north = chapter_bbox(chapter, layers)
    box = gpd.GeoSeries.from_xy([west, east], [south, north], crs=4326).to_crs(3857)
    (x0, x1), (y0, y1) = box.x.tolist(), box.y.tolist()
    pad = chapter.view.padding
    span = max((x1 - x0) / max(width - 2 * pad, 1), (y1 - y0) / max(height - 2 * pad, 1), 1e-9)
    zoom = math.floor(math.log2(MERCATOR_CIRCUMFERENCE_M / (256 * span)) / ZOOM_SNAP) * ZOOM_SNAP
    zoom = min(zoom, MAX_ZOOM, chapter.view.max_zoom if chapter.view.max_zoom is not None else MAX_ZOOM)
    metres_per_px = MERCATOR_CIRCUMFERENCE_M / (256 * 2**zoom)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    ax.set_xlim(cx - metres_per_px * width / 2, cx + metres_per_px * width / 2)
    ax.set_ylim(cy - metres_per_px * height / 2, cy + metres_per_px * height / 2)
    return zoom


def _draw_layer(ax: Axes, spec: LayerSpec, gdf: gpd.GeoDataFrame, dim: bool) -> None:
    style = spec.style
    alpha = DIM if dim else 1.0
    width = style.weight * PT_PER_PX
    dashes = _dashes(style.dash)
    if spec.kind == "area":
        fill = style.fill_color or style.color
        gdf.plot(ax=ax, facecolor=fill, edgecolor="none", alpha=style.fill_opacity * alpha, zorder=1)
        gdf.boundary.plot(ax=ax, color=style.color, linewidth=width, alpha=alpha, linestyle=dashes, zorder=2)
    elif spec.kind == "line":
        gdf.plot(ax=ax, color=style.color, linewidth=width, alpha=alpha, linestyle=dashes, zorder=3)
    else:  # a dot of radius 4 px filled as styled, outlined in `color`, `weight` wide (as page/mapbuild.py)
        diameter_pt = 2 * POINT_RADIUS_PX * PT_PER_PX
        ax.scatter(  # opacities in the colours: scatter's alpha= would override the fill's own
            gdf.geometry.x,
            gdf.geometry.y,
            s=diameter_pt**2,
            facecolors=[to_rgba(style.fill_color or style.color, style.fill_opacity * alpha)],
            edgecolors=[to_rgba(style.color, alpha)],
            linewidths=width,
            zorder=4,
        )


def _draw_change(ax: Axes, gdf: gpd.GeoDataFrame, kind: str, dim: bool) -> None:
    """Ground lost or gained between two dates, in the change's own style (story.dates.CHANGE_STYLE)."""
    style, alpha = CHANGE_STYLE[kind], DIM if dim else 1.0
    # The zorders of areas (_draw_layer): drawn in the story's layer order, as the live map stacks its groups.
    gdf.plot(ax=ax, facecolor=style["fill_color"], edgecolor="none", alpha=style["fill_opacity"] * alpha, zorder=1)
    gdf.boundary.plot(
        ax=ax,
        color=style["color"],
        linewidth=style["weight"] * PT_PER_PX,
        alpha=alpha,
        linestyle=_dashes(style["dash"]),
        zorder=2,
    )


def _draw_backdrop(ax: Axes, backdrop: gpd.GeoDataFrame | None) -> None:
    """The story's light context lines under everything, styled as on the live map (story/backdrop.py)."""
    if backdrop is None:
        return
    projected = backdrop[backdrop.geometry.notna() & ~backdrop.geometry.is_empty].to_crs(3857)  # as the map skips them
    for kind, style in BACKDROP_STYLE.items():
        part = projected[projected["kind"] == kind]
        if part.empty:
            continue
        dash = _dashes(style.get("dashArray"))
        lines = part.geometry.apply(lambda g: g.boundary if "Polygon" in g.geom_type else g)  # outlines, unfilled
        gpd.GeoSeries(lines, crs=part.crs).plot(
            ax=ax,
            color=style["color"],
            linewidth=style["weight"] * PT_PER_PX,
            alpha=style.get("opacity", 1.0),
            linestyle=dash,
            zorder=0.5,
        )


def _dashes(dash: str | None) -> Any:
    """Leaflet's dashArray in pixels as a matplotlib dash pattern in points (unscaled by the line width)."""
    if not dash:
        return "-"
    lengths = [float(v) * PT_PER_PX for v in dash.replace(",", " ").split()]
    if len(lengths) % 2:
        lengths *= 2
    return (0, tuple(lengths))


def _labels(ax: Axes, spec: LayerSpec, gdf: gpd.GeoDataFrame, dim: bool, zoom: float) -> list[tuple[float, Text]]:
    """Place labels (the layer's `labels` field decides which) and road numbers; (priority, text) pairs."""
    out: list[tuple[float, Text]] = []
    colour = "#555555" if dim else "#222222"
    for _, row in gdf.iterrows():
        rank = row.get("rank")
        rank = None if rank is None or (isinstance(rank, float) and math.isnan(rank)) else int(rank)
        if spec.kind == "point" and spec.labels_feature(rank):
            if rank == 3 and zoom < 10.5:  # [data-zoomband=low|mid] .ms-rank-3 { display: none }
                continue
            geom = row.geometry
            text = ax.annotate(
                str(row["label"]),
                (geom.x, geom.y),
                xytext=(6 * PT_PER_PX + POINT_RADIUS_PX * PT_PER_PX, 0),
                textcoords="offset points",
                va="center",
                fontsize=LABEL_PX * PT_PER_PX,
                fontweight="bold",
                color=colour,
                path_effects=HALO,
                zorder=6,
                annotation_clip=True,
            )
            out.append((rank or 3, text))
        elif spec.kind == "line" and isinstance(row.get("ref"), str) and row["ref"] and zoom >= 9:
            where = _along(row.geometry)
            text = ax.text(
                where.x,
                where.y,
                row["ref"],
                ha="center",
                va="center",
                fontsize=ROAD_LABEL_PX * PT_PER_PX,
                color=colour,
                bbox={"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "#444444", "linewidth": 0.7},
                zorder=6,
                clip_on=True,
            )
            out.append((3.5, text))
    return out


def _along(geom: Any) -> Any:
    """Where a line's label sits, as on the live map: 40 % along its longest part."""
    if geom.geom_type.startswith("Multi"):
        geom = max(geom.geoms, key=lambda g: g.length)
    return geom.interpolate(0.4, normalized=True)


def _declutter(fig: Figure, labels: list[tuple[float, Text]]) -> None:
    """Bigger places first; a label that would overprint one already placed is left out (as the page does)."""
    renderer = fig.canvas.get_renderer()
    taken = []
    for _, text in sorted(labels, key=lambda pair: pair[0]):
        box = text.get_window_extent(renderer=renderer)
        if any(box.overlaps(other) for other in taken):
            text.set_visible(False)
        else:
            taken.append(box)


def _title_strip(fig: Figure, story: Story, chapter: Chapter, fraction: float) -> None:
    strip = fig.add_axes((0, 1 - fraction, 1, fraction))
    strip.set_axis_off()
    strip.add_artist(plt.Rectangle((0, 0), 1, 1, transform=strip.transAxes, color="white"))
    strip.axhline(0, color="#cccccc", linewidth=1)
    height_px = fraction * fig.get_figheight() * DPI
    strip.text(
        0.015, 0.70, story.title, fontsize=height_px * 0.17 * PT_PER_PX, color="#555555", va="center", clip_on=True
    )
    strip.text(
        0.015,
        0.32,
        chapter.title,
        fontsize=height_px * 0.28 * PT_PER_PX,
        fontweight="bold",
        color="#111111",
        va="center",
        clip_on=True,
    )
    when = dateline_text(story, chapter)
    strip.text(0.985, 0.32, when, fontsize=height_px * 0.17 * PT_PER_PX, color="#555555", ha="right", va="center")
