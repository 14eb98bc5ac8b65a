"""Write the web layers: simplified, rounded, one `<id>.geojson` per layer, re-read to prove they validate."""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry.base import BaseGeometry

from geo.io import GeoDataError, simplify_for_web, write_layer
from story.stories.bakhmut.derive.layers import METRIC_CRS, build_layers, read_source

# The web budget for all layers together.
MAX_TOTAL_BYTES = 150 * 1024


def web_layers(precision: int = 5) -> dict[str, gpd.GeoDataFrame]:
    """Every layer simplified for the web. `west` and `centre` share an edge (the front line) but are simplified
    one by one, which can leave a strip metres wide where they overlap; cutting the simplified west out of the
    simplified centre again keeps the edge shared, up to coordinate rounding."""
    layers = {
        layer_id: simplify_for_web(gdf, precision=precision, metric_crs=METRIC_CRS)
        for layer_id, gdf in build_layers().items()
    }
    centre, west = layers["centre"].copy(), shapely.union_all(layers["west"].geometry.values)
    cut = shapely.difference(centre.geometry.values, west, grid_size=10.0**-precision)
    centre["geometry"] = [_largest_polygonal(g) for g in cut]
    layers["centre"] = centre
    return layers


def _largest_polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Drop stray lines/points an overlay may leave where edges touch."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def export_layers(out_dir: str | Path) -> dict[str, int]:
    """Export every layer into `out_dir`; return bytes written per layer id. Raises GeoDataError over budget."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, int] = {}
    for layer_id, gdf in web_layers().items():
        path = out / f"{layer_id}.geojson"
        sizes[layer_id] = write_layer(gdf, path)
        read_source(path)  # what we ship must pass the same checks as what we read
    total = sum(sizes.values())
    if total > MAX_TOTAL_BYTES:
        raise GeoDataError.one(
            str(out),
            f"the layers total {total} bytes, over the {MAX_TOTAL_BYTES}-byte budget",
            hint="raise the simplification tolerance or drop detail from the source data",
        )
    return sizes
