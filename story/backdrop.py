"""A story's backdrop: light context lines (neighbouring areas' boundaries, a state border, a coast, a major
river) drawn under the story's layers, so the map stays legible without tiles. Optional: a `backdrop.geojson`
beside the story file, each feature with a `kind` (admin, border, coast, river), a `source`, and a short
`credit` shown on the map's attribution line. Not a layer: not in the legend, not switchable, not checked
against the region (it reaches past it)."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd

from geo.io import GeoDataError

FILE = "backdrop.geojson"
KINDS = ("admin", "border", "coast", "river")
# Quiet enough to sit under the story's colours, strong enough to read on a blank ground.
BACKDROP_STYLE = {
    "admin": {"color": "#a3a3a3", "weight": 1, "dashArray": "4 4", "opacity": 0.8, "fill": False},
    "border": {"color": "#5f5f5f", "weight": 2, "dashArray": "10 3 2 3", "opacity": 0.9, "fill": False},
    "coast": {"color": "#7ea6c6", "weight": 1.2, "opacity": 0.9, "fill": False},
    "river": {"color": "#8fbad9", "weight": 2.2, "opacity": 0.9, "fill": False},
}


def backdrop_path(story_path: Path) -> Path:
    return Path(story_path).parent / FILE


def read_backdrop(story_path: Path) -> gpd.GeoDataFrame | None:
    """The story's backdrop, or None when it has none. Raises GeoDataError naming the file on bad content."""
    path = backdrop_path(story_path)
    if not path.is_file():
        return None
    try:
        gdf = gpd.read_file(path)
    except Exception as err:  # pyogrio's errors vary by driver; the author needs the file's name and a fix
        raise GeoDataError.one(FILE, f"cannot be read as GeoJSON ({err})", hint="fix it or remove the file") from err
    if gdf.crs is not None and gdf.crs.to_epsg() != 4326:
        gdf = gdf.to_crs(4326)
    unknown = sorted(set(gdf.get("kind", gpd.pd.Series(dtype=str)).fillna("(none)")) - set(KINDS))
    if "kind" not in gdf.columns or unknown:
        raise GeoDataError.one(
            FILE,
            f"every feature needs a kind property, one of {', '.join(KINDS)}; found {', '.join(unknown) or 'none'}",
            hint='add "kind": "admin" (or border, coast, river) to each feature\'s properties',
        )
    return gdf
