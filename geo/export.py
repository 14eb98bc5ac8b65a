"""Write the web layers: simplified, rounded, one `<id>.geojson` per layer, re-read to prove they validate."""

from __future__ import annotations

from pathlib import Path

from geo.io import GeoDataError, read_layer, simplify_for_web, write_layer
from geo.layers import build_layers

# The web budget for all layers together.
MAX_TOTAL_BYTES = 150 * 1024


def export_layers(out_dir: str | Path) -> dict[str, int]:
    """Export every layer into `out_dir`; return bytes written per layer id. Raises GeoDataError over budget."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, int] = {}
    for layer_id, gdf in build_layers().items():
        path = out / f"{layer_id}.geojson"
        sizes[layer_id] = write_layer(simplify_for_web(gdf), path)
        read_layer(path)  # what we ship must pass the same checks as what we read
    total = sum(sizes.values())
    if total > MAX_TOTAL_BYTES:
        raise GeoDataError(
            str(out),
            f"the layers total {total} bytes, over the {MAX_TOTAL_BYTES}-byte budget",
            hint="raise the simplification tolerance or drop detail from the source data",
        )
    return sizes
