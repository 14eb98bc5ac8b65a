"""How close a map view looks, in Web Mercator terms: the zoom a Leaflet `fitBounds` reaches for a box, and the
ground size of one screen pixel there. Used to simplify each layer just enough for the deepest view it is shown in.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

TILE_PX = 256
EARTH_CIRCUMFERENCE_M = 40_075_016.686
# The largest map pane a chapter is read in (a wide desktop window's map column): the deepest zoom for a view.
VIEWPORT_PX = (1000, 900)
# Leaflet's zoomSnap on the story map: fitBounds rounds the zoom down to a quarter step.
ZOOM_SNAP = 0.25
# Tile servers stop here; no view goes deeper.
MAX_ZOOM = 19.0


def _mercator_y(lat: float) -> float:
    lat = max(min(lat, 85.0511), -85.0511)
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / (2 * math.pi)


def fit_zoom(
    bbox: Sequence[float],
    *,
    padding: int = 24,
    max_zoom: float | None = None,
    viewport: tuple[int, int] = VIEWPORT_PX,
) -> float:
    """The zoom at which `bbox` (west, south, east, north) fills `viewport` less `padding`, snapped down."""
    west, south, east, north = bbox
    width = max(viewport[0] - 2 * padding, 1) / TILE_PX
    height = max(viewport[1] - 2 * padding, 1) / TILE_PX
    dx = (east - west) / 360.0
    dy = abs(_mercator_y(north) - _mercator_y(south))
    zooms = [MAX_ZOOM]
    if dx > 0:
        zooms.append(math.log2(width / dx))
    if dy > 0:
        zooms.append(math.log2(height / dy))
    zoom = math.floor(min(zooms) / ZOOM_SNAP) * ZOOM_SNAP
    return min(zoom, max_zoom) if max_zoom is not None else zoom


def metres_per_pixel(zoom: float, lat: float) -> float:
    """Ground size of one CSS pixel at `zoom` and latitude `lat` in Web Mercator."""
    return EARTH_CIRCUMFERENCE_M * math.cos(math.radians(lat)) / (TILE_PX * 2**zoom)
