"""What changed in an area layer between two dates: the ground in the earlier outline and not in the later one
(lost), and the reverse (gained), with their areas. Computed with shapely from the two dated geometries; nothing
is drawn that the two outlines do not say.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

# Pieces smaller than this share of the two outlines' union are the wobble of two drawings of one edge (different
# vertices, web simplification), not ground that changed hands.
SLIVER_SHARE = 0.005


@dataclass(frozen=True)
class Change:
    lost: BaseGeometry  # in WGS84; empty when nothing was lost
    gained: BaseGeometry
    lost_km2: float
    gained_km2: float


def _union(gdf: gpd.GeoDataFrame) -> BaseGeometry:
    return shapely.make_valid(gdf.geometry.union_all()) if len(gdf) else shapely.Polygon()


def _without_slivers(geom: BaseGeometry, floor: float) -> BaseGeometry:
    parts = [p for p in shapely.get_parts(geom) if p.geom_type == "Polygon" and p.area >= floor]
    return shapely.MultiPolygon(parts) if len(parts) > 1 else (parts[0] if parts else shapely.Polygon())


def area_change(before: gpd.GeoDataFrame, after: gpd.GeoDataFrame) -> Change:
    """Lost and gained ground between two outlines of one area layer (WGS84 frames), areas in km² measured in
    the local UTM zone."""
    both = gpd.GeoSeries([*before.geometry, *after.geometry], crs=before.crs)
    crs = both.estimate_utm_crs() if len(both) else "EPSG:3857"
    a, b = _union(before.to_crs(crs)), _union(after.to_crs(crs))
    floor = SLIVER_SHARE * shapely.union(a, b).area
    lost = _without_slivers(shapely.difference(a, b), floor)
    gained = _without_slivers(shapely.difference(b, a), floor)
    back = gpd.GeoSeries([lost, gained], crs=crs).to_crs(4326)
    return Change(back.iloc[0], back.iloc[1], lost.area / 1e6, gained.area / 1e6)
