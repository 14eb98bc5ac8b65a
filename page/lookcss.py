"""The look (story/look.json) as the page's CSS: custom properties on the story's root, which assets/story.css
reads with var(--ms-…), and the label rules of each zoom band (assets/engine/mapview.js names the band the map
is in on the frame's `data-zoomband`)."""

from __future__ import annotations

from story.look import Look


def root_style(look: Look) -> str:
    """The `style` attribute of the story's root: the look's values as custom properties."""
    labels = look.labels
    props = {
        "--ms-dim-opacity": f"{look.dim_opacity:g}",
        "--ms-no-tiles": look.no_tiles_background,
        "--ms-label-size": f"{labels.size_px:g}px",
        "--ms-road-label-size": f"{labels.road_size_px:g}px",
        "--ms-label-color": labels.color,
        "--ms-label-dim-color": labels.dim_color,
        "--ms-halo-color": labels.halo_color,
        "--ms-halo-px": f"{labels.halo_px:g}px",
        "--ms-road-border": labels.road_border,
        "--ms-ring-px": f"{look.symbol.radius_px + look.symbol.weight / 2:g}px",  # a ring's outer radius
        "--ms-swatch-min-opacity": f"{look.legend_swatch.min_opacity:g}",
        "--ms-swatch-fill-boost": f"{look.legend_swatch.fill_boost:g}",
    }
    return "; ".join(f"{k}: {v}" for k, v in props.items())


def band_rules(look: Look) -> str:
    """Which labels each zoom band hides: place labels ranked past the band's `max_rank` (a rank is any whole
    number; unranked labels always show) and, where the band says so, road numbers."""
    rules = []
    for band in look.zoom_bands:
        where = f'[data-zoomband="{band.name}"]'
        if band.max_rank is not None:
            # A place the chapter's text names (.ms-named) is labelled at any zoom.
            kept = "".join(f":not(.ms-rank-{r})" for r in range(1, band.max_rank + 1)) + ":not(.ms-named)"
            rules.append(f'{where} .ms-label[class*="ms-rank-"]{kept}')
        if not band.road_labels:
            rules.append(f"{where} .ms-road-label")
    return "".join(f"{rule} {{ display: none; }}\n" for rule in rules)
