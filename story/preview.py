"""Draw one chapter's map as a PNG in Python, without a browser or tiles: the author's quick look
(`python -m mapstory preview`) and the share-card image (1200×630).

It follows the live map: Web Mercator, the chapter's view fitted like Leaflet's fitBounds in quarter-zoom steps,
the story's backdrop beneath, highlighted layers as styled, context layers dimmed, points as dots filled as styled,
labels with a halo (the ranks each zoom band shows), labels that would overprint a bigger place's left out, all
in the map's look (story/look.json, which the live map reads too). What it draws for each layer is decided first,
as data (drawn_plan), so a test can compare it with the live map layer by layer. A strip at the top carries the
titles and the date.
"""

from __future__ import annotations

import math
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import matplotlib

matplotlib.use("Agg")  # headless: CI and servers have no display

import geopandas as gpd  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import patheffects  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.colors import to_rgba  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.text import Text  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from story.backdrop import story_backdrop  # noqa: E402
from story.dates import frames_for  # noqa: E402
from story.describe import dateline_text  # noqa: E402
from story.layers import chapter_bbox, label_anchor  # noqa: E402
from story.look import LOOK, ChangeKind  # noqa: E402
from story.model import Chapter, LayerSpec, Story, feature_rank  # noqa: E402

DPI = 100
PT_PER_PX = 72 / DPI
MERCATOR_CIRCUMFERENCE_M = 2 * math.pi * 6_378_137
MAX_ZOOM = 18.0
ZOOM_SNAP = 0.25
# A stroke 1.5 × the page's halo blur wide reads like its stacked text shadows.
HALO = [patheffects.withStroke(linewidth=1.5 * LOOK.labels.halo_px * PT_PER_PX, foreground=LOOK.labels.halo_color)]
State = Literal["highlighted", "dimmed", "hidden"]


@dataclass(frozen=True)
class Drawn:
    """One layer of a chapter as the preview draws it, or leaves it out: what the live map must show the same
    (tests/browser/test_one_look.py). Opacities are effective ones, the dimmed opacity applied."""

    layer: str
    change: ChangeKind | None  # "lost" or "gained": the ground the layer lost or gained, in the look's change style
    kind: str  # area, line or point
    state: State
    stroke: str | None = None
    stroke_opacity: float = 0.0
    fill: str | None = None  # None: unfilled (a line)
    fill_opacity: float = 0.0
    width_px: float = 0.0
    dash: str | None = None
    radius_px: float | None = None  # a point's dot
    label_color: str | None = None  # its place labels and road numbers
    frame: gpd.GeoDataFrame | None = field(default=None, compare=False, repr=False)  # what is drawn
    symbol: bool = False  # too small to see at the map's zoom: drawn as the look's ring (stroke, fill, radius_px)


def drawn_plan(
    story: Story, layers: dict[str, gpd.GeoDataFrame], chapter: Chapter, zoom: float | None = None
) -> list[Drawn]:
    """Every story layer in the chapter's map: those drawn in the story's order, as the live map stacks its groups
    (a dated layer as of the chapter's date, then the ground it lost or gained when the chapter compares two dates:
    story/dates.py), then those hidden (not in the chapter, or with nothing on its date). At a `zoom`, a highlighted
    area or line too small to see there is drawn as the look's symbol (as assets/engine/minsize.js on the page)."""
    shown = {*chapter.context, *chapter.highlight}
    out = [
        _sized(_drawn(spec, frame, change, dimmed=spec.id in chapter.context), zoom)
        for spec, frame, change in frames_for(story, layers, story.when(chapter), story.changes())
        if spec.id in shown
    ]
    drawn = {d.layer for d in out}
    return out + [Drawn(spec.id, None, spec.kind, "hidden") for spec in story.layers if spec.id not in drawn]


def _drawn(spec: LayerSpec, frame: gpd.GeoDataFrame, change: ChangeKind | None, *, dimmed: bool) -> Drawn:
    state: State = "dimmed" if dimmed else "highlighted"
    alpha = LOOK.dim_opacity if dimmed else 1.0
    label = LOOK.labels.dim_color if dimmed else LOOK.labels.color
    if change:
        c = LOOK.change[change]
        return Drawn(spec.id, change, "area", state, c.color, c.opacity * alpha, c.fill_color, c.fill_opacity * alpha,
                     c.weight, c.dash, frame=frame)  # fmt: skip
    s = spec.style
    fill = None if spec.kind == "line" else s.fill_color or s.color  # a point is a dot filled as styled
    radius = LOOK.point_radius_px if spec.kind == "point" else None
    return Drawn(spec.id, None, spec.kind, state, s.color, alpha, fill, s.fill_opacity * alpha if fill else 0.0,
                 s.weight, s.dash, radius, label, frame)  # fmt: skip


def drawn_size_px(frame: gpd.GeoDataFrame, zoom: float) -> tuple[float, float]:
    """The width and height in px of `frame`'s box drawn at `zoom` (Web Mercator, as Leaflet projects it)."""
    west, south, east, north = frame.to_crs(3857).total_bounds
    metres_per_px = MERCATOR_CIRCUMFERENCE_M / (256 * 2**zoom)
    return (east - west) / metres_per_px, (north - south) / metres_per_px


def _sized(drawn: Drawn, zoom: float | None) -> Drawn:
    """A highlighted area or line too small to see at `zoom` as the look's ring in its colour; dots and dimmed
    layers as they are."""
    if zoom is None or drawn.state != "highlighted" or drawn.kind == "point" or drawn.frame is None:
        return drawn
    if drawn.frame.empty or not LOOK.too_small(*drawn_size_px(drawn.frame, zoom)):
        return drawn
    ring = LOOK.symbol
    return replace(drawn, symbol=True, stroke_opacity=1.0, fill=drawn.stroke, fill_opacity=ring.fill_opacity,
                   width_px=ring.weight, dash=None, radius_px=ring.radius_px)  # fmt: skip


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
        ax.add_artist(plt.Rectangle((0, 0), 1, 1, transform=ax.transAxes, color=LOOK.no_tiles_background, zorder=0))
        zoom = _set_view(ax, chapter, layers, width, height - strip)
        _draw_backdrop(ax, story_backdrop(story, layers))
        labels: list[tuple[float, Text]] = []
        for drawn in drawn_plan(story, layers, chapter, zoom):
            if drawn.frame is None:
                continue
            projected = drawn.frame.to_crs(3857)
            _draw_layer(ax, drawn, projected)
            if drawn.symbol:
                labels.append((0, _ring_label(ax, symbol_name(story, drawn), drawn, projected)))
            elif drawn.change is None:
                colour = drawn.label_color or LOOK.labels.color
                labels += _labels(ax, story.layer(drawn.layer), projected, colour, zoom, chapter.named)
        _declutter(fig, labels)
        if title_strip:
            _title_strip(fig, story, chapter, strip / height)
        else:  # a print image carries its own date: the page around it may not be printed with it
            font = LOOK.labels.size_px * PT_PER_PX
            ax.text(0.012, 0.02, dateline_text(story, chapter), transform=ax.transAxes, fontsize=font,
                    color=LOOK.labels.color, path_effects=HALO, zorder=7)  # fmt: skip
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


def _draw_layer(ax: Axes, drawn: Drawn, gdf: gpd.GeoDataFrame) -> None:
    """One layer (or its changed ground) as the plan says: the zorders stack areas, lines, then dots."""
    width = drawn.width_px * PT_PER_PX
    dashes = _dashes(drawn.dash)
    if drawn.symbol:  # a ring on the middle of the layer's box, over the dots (as the page's symbol pane)
        west, south, east, north = gdf.total_bounds
        _dots(ax, [(west + east) / 2], [(south + north) / 2], drawn, zorder=5)
    elif drawn.kind == "area":
        gdf.plot(ax=ax, facecolor=drawn.fill, edgecolor="none", alpha=drawn.fill_opacity, zorder=1)
        gdf.boundary.plot(ax=ax, color=drawn.stroke, linewidth=width, alpha=drawn.stroke_opacity, linestyle=dashes,
                          zorder=2)  # fmt: skip
    elif drawn.kind == "line":
        gdf.plot(ax=ax, color=drawn.stroke, linewidth=width, alpha=drawn.stroke_opacity, linestyle=dashes, zorder=3)
    else:  # a dot outlined in `stroke`, `width_px` wide (as page/mapbuild.py)
        _dots(ax, gdf.geometry.x, gdf.geometry.y, drawn, zorder=4)


def symbol_name(story: Story, drawn: Drawn) -> str:
    """What a ring is called beneath it, as on the page (assets/engine/minsize.js ringNames): its layer's short name,
    or the changed ground's label ("Lost by 14 April 2023: western districts")."""
    if drawn.change is not None and drawn.frame is not None and "label" in drawn.frame:
        return str(drawn.frame["label"].iloc[0])
    return story.layer(drawn.layer).short


def _ring_label(ax: Axes, name: str, drawn: Drawn, gdf: gpd.GeoDataFrame) -> Text:
    """A ring's name centred beneath it, in its colour and italic (as the page's .ms-ring-label)."""
    west, south, east, north = gdf.total_bounds
    below = ((drawn.radius_px or 0) + drawn.width_px / 2 + 2) * PT_PER_PX
    return ax.annotate(
        name,
        ((west + east) / 2, (south + north) / 2),
        xytext=(0, -below),
        textcoords="offset points",
        ha="center",
        va="top",
        fontsize=LOOK.labels.size_px * PT_PER_PX,
        fontweight="bold",
        fontstyle="italic",
        color=drawn.stroke or LOOK.labels.color,
        path_effects=HALO,
        zorder=6,
        annotation_clip=True,
    )


def _dots(ax: Axes, xs: Any, ys: Any, drawn: Drawn, *, zorder: float) -> None:
    """Circles of `radius_px` (to their stroke's middle) at projected `xs`, `ys`, filled and outlined as `drawn`."""
    ax.scatter(  # opacities in the colours: scatter's alpha= would override the fill's own
        xs,
        ys,
        s=(2 * (drawn.radius_px or 0) * PT_PER_PX) ** 2,
        facecolors=[to_rgba(drawn.fill or "none", drawn.fill_opacity)],
        edgecolors=[to_rgba(drawn.stroke or "none", drawn.stroke_opacity)],
        linewidths=drawn.width_px * PT_PER_PX,
        zorder=zorder,
    )


def _draw_backdrop(ax: Axes, backdrop: gpd.GeoDataFrame | None) -> None:
    """The story's light context lines under everything, styled as on the live map (story/backdrop.py)."""
    if backdrop is None:
        return
    projected = backdrop[backdrop.geometry.notna() & ~backdrop.geometry.is_empty].to_crs(3857)  # as the map skips them
    for kind, style in LOOK.backdrop.items():
        part = projected[projected["kind"] == kind]
        if part.empty:
            continue
        lines = part.geometry.apply(lambda g: g.boundary if "Polygon" in g.geom_type else g)  # outlines, unfilled
        gpd.GeoSeries(lines, crs=part.crs).plot(
            ax=ax,
            color=style.color,
            linewidth=style.weight * PT_PER_PX,
            alpha=style.opacity,
            linestyle=_dashes(style.dash),
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


def label_shown(zoom: float, rank: int | None, *, road: bool = False, named: bool = False) -> bool:
    """Whether a label shows at `zoom` before decluttering: the look's zoom band decides, as on the page (the
    band's rules, page/lookcss.py). Unranked place labels, and places the chapter's text names, always show."""
    band = LOOK.band(zoom)
    if road:
        return band.road_labels
    return named or rank is None or band.max_rank is None or rank <= band.max_rank


def _labels(
    ax: Axes, spec: LayerSpec, gdf: gpd.GeoDataFrame, colour: str, zoom: float, named: Collection[str] = ()
) -> list[tuple[float, Text]]:
    """Place labels (the layer's `labels` field decides which; the chapter's `named` places at any zoom, placed
    before the others) and road numbers; (priority, text) pairs."""
    out: list[tuple[float, Text]] = []
    look, roads = LOOK.labels, label_shown(zoom, None, road=True)
    for _, row in gdf.iterrows():
        rank = feature_rank(row.get("rank"))
        if spec.kind == "point" and spec.labels_feature(rank):
            is_named = row["label"] in named
            if not label_shown(zoom, rank, named=is_named):
                continue
            geom = row.geometry
            text: Text = ax.annotate(
                str(row["label"]),
                (geom.x, geom.y),
                xytext=(6 * PT_PER_PX + LOOK.point_radius_px * PT_PER_PX, 0),
                textcoords="offset points",
                va="center",
                fontsize=look.size_px * PT_PER_PX,
                fontweight="bold",
                color=colour,
                path_effects=HALO,
                zorder=6,
                annotation_clip=True,
            )
            out.append((1.5 if is_named else rank or 3, text))
        elif spec.kind == "line" and isinstance(row.get("ref"), str) and row["ref"] and roads:
            where = label_anchor(row.geometry)
            text = ax.text(
                where.x,
                where.y,
                row["ref"],
                ha="center",
                va="center",
                fontsize=look.road_size_px * PT_PER_PX,
                color=colour,
                bbox={
                    "boxstyle": "round,pad=0.2",
                    "facecolor": "white",
                    "edgecolor": look.road_border,
                    "linewidth": 0.7,
                },  # fmt: skip
                zorder=6,
                clip_on=True,
            )
            out.append((3.5, text))
    return out


def _declutter(fig: Figure, labels: list[tuple[float, Text]]) -> None:
    """Bigger places first; a label that would overprint one already placed is left out (as the page does)."""
    canvas = fig.canvas
    assert isinstance(canvas, FigureCanvasAgg)  # matplotlib.use("Agg") above
    renderer = canvas.get_renderer()
    taken: list[Bbox] = []
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
