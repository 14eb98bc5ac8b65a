"""Build the Bakhmut story's nine layers from the full-resolution source data in `data/` beside this file.

Authored inputs (`data/authored/`): city limits, Bakhmutka river, the dated front line, roads, places, the
central square. Derived here with shapely, in metres (UTM 37N): `west`, `centre`, `outskirts`. The areas follow
from the lines rather than being hand-drawn, so moving the front line moves every area consistently.
"""

from __future__ import annotations

import math
from pathlib import Path

import geopandas as gpd
import shapely
from shapely.geometry import LineString, Point, Polygon
from shapely.geometry.base import BaseGeometry

from geo.io import WGS84, read_layer

# UTM 37N covers 36–42 E, i.e. all of Donetsk Oblast: metres with negligible distortion there. Fixed rather than
# estimated, so the derived shapes (and the committed layers) never depend on pyproj's choice.
METRIC_CRS = "EPSG:32637"
# (west, south, east, north): Natural Earth's Donetsk Oblast (36.53–39.06 E, 46.88–49.23 N) plus ~0.1° margin.
DONETSK_BBOX: tuple[float, float, float, float] = (36.4, 46.8, 39.2, 49.3)
REGION_NAME = "Donetsk Oblast"
DATA = Path(__file__).resolve().parent / "data"
AUTHORED = DATA / "authored"
OBLAST_SOURCE = DATA / "source" / "donetsk_oblast_ne10m.geojson"
AS_OF = "2023-04-14"
LAYER_IDS: tuple[str, ...] = (
    "oblast",
    "city",
    "west",
    "centre",
    "outskirts",
    "roads",
    "places",
    "river",
    "front",
    "west-2023-04-07",
)

# About 1 km: from the central square to the railway where the front ran, i.e. the blocks Wagner fought through.
CENTRE_RADIUS_M = 1000.0
# 4.5 km reaches the flank villages the reporting names (Berkhivka, Paraskoviivka north; Klishchiivka south).
OUTSKIRTS_WIDTH_M = 4500.0
# Compass sectors seen from the central square, in degrees clockwise from north. North: Yahidne–Berkhivka (NNW)
# to Krasna Hora (NNE); south: Opytne (SSE) to Klishchiivka (SSW). West (Khromove, Ivanivske) and east stay out:
# the west was Ukraine's, the east already Russian-held.
NORTH_SECTOR = (-50.0, 35.0)
SOUTH_SECTOR = (140.0, 230.0)
# How far the front and river lines are carried on, beyond their ends, to close a half-plane; far enough that the
# closing edges never touch the city or its outskirts.
HALF_PLANE_REACH_M = 30_000.0


def read_source(path: Path) -> gpd.GeoDataFrame:
    """One source or exported file, checked against the oblast's box."""
    return read_layer(path, bbox=DONETSK_BBOX, region_name=REGION_NAME)


def _metric(gdf: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    return gdf.to_crs(METRIC_CRS)


def _one(gdf: gpd.GeoDataFrame) -> BaseGeometry:
    return shapely.union_all(gdf.geometry.values)


def west_half_plane(line: LineString, reach_m: float = HALF_PLANE_REACH_M) -> Polygon:
    """The polygon west of a roughly north–south line (metric CRS): the line extended north and south, closed
    far to the west. Why not `split`: a half-plane also works when the line ends just short of the city edge."""
    coords = list(line.coords)
    if coords[0][1] < coords[-1][1]:  # make it run north → south
        coords.reverse()
    (nx, ny), (sx, sy) = coords[0], coords[-1]
    north, south = (nx, ny + reach_m), (sx, sy - reach_m)
    far_west = min(x for x, _ in coords) - reach_m
    ring = [north, *coords, south, (far_west, south[1]), (far_west, north[1])]
    valid = shapely.make_valid(Polygon(ring))
    assert isinstance(valid, Polygon), "a half-plane drawn west of a line is one polygon"
    return valid


def sector(centre: Point, bearings: tuple[float, float], radius_m: float) -> Polygon:
    """A pie slice from `centre` between two compass bearings (degrees clockwise from north)."""
    start, end = bearings
    steps = max(2, int(abs(end - start) // 5) + 1)
    arc = [
        (
            centre.x + radius_m * math.sin(math.radians(start + (end - start) * i / steps)),
            centre.y + radius_m * math.cos(math.radians(start + (end - start) * i / steps)),
        )
        for i in range(steps + 1)
    ]
    return Polygon([(centre.x, centre.y), *arc])


def _frame(rows: list[dict], crs: str) -> gpd.GeoDataFrame:
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=crs).to_crs(WGS84)


def _polygonal(geom: BaseGeometry) -> BaseGeometry:
    """Overlay results may carry stray lines or points where shapes touch; only the area matters here."""
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts)


def derive_areas(
    city: BaseGeometry, front: LineString, square: Point, crs: str = METRIC_CRS
) -> dict[str, gpd.GeoDataFrame]:
    """`west`, `centre` and `outskirts` from the city, the front line and the central square (all metric)."""
    west = _polygonal(city.intersection(west_half_plane(front)))
    # Centre minus west: the overlap is zero by construction; only web rounding can add a sliver.
    centre = _polygonal(square.buffer(CENTRE_RADIUS_M, quad_segs=16).intersection(city).difference(west))
    ring = city.buffer(OUTSKIRTS_WIDTH_M, quad_segs=16).difference(city)
    reach = OUTSKIRTS_WIDTH_M * 4  # the sector must reach past the ring's outer edge from the square
    north = _polygonal(ring.intersection(sector(square, NORTH_SECTOR, reach)))
    south = _polygonal(ring.intersection(sector(square, SOUTH_SECTOR, reach)))
    common = {"as_of": AS_OF}
    return {
        "west": _frame(
            [
                {
                    "label": "Western districts (held by Ukraine)",
                    "source": "Derived: city west of the authored front line; UK Defence Intelligence, 14 Apr 2023",
                    "confidence": "assessed",
                    "geometry": west,
                    **common,
                }
            ],
            crs,
        ),
        "centre": _frame(
            [
                {
                    "label": "City centre (Wagner assault groups)",
                    "source": "Derived: 1 km around the central square, within the city, east of the front",
                    "confidence": "schematic",
                    "geometry": centre,
                    **common,
                }
            ],
            crs,
        ),
        "outskirts": _frame(
            [
                {
                    "label": "Northern flank (Russian airborne troops)",
                    "source": "Derived: 4.5 km band outside the city limits, north sector; UK DI, 14 Apr 2023",
                    "confidence": "schematic",
                    "geometry": north,
                    **common,
                },
                {
                    "label": "Southern flank (Russian airborne troops)",
                    "source": "Derived: 4.5 km band outside the city limits, south sector; UK DI, 14 Apr 2023",
                    "confidence": "schematic",
                    "geometry": south,
                    **common,
                },
            ],
            crs,
        ),
    }


def build_layers() -> dict[str, gpd.GeoDataFrame]:
    """All ten layer files at full resolution (nine layers; the western districts also as of 7 April), EPSG:4326,
    keyed by the public file names in `LAYER_IDS` order."""
    authored = {name: read_source(AUTHORED / f"{name}.geojson") for name in ("city", "river", "front", "roads")}
    authored["places"] = read_source(AUTHORED / "places.geojson")
    landmarks = read_source(AUTHORED / "landmarks.geojson")
    oblast = read_source(OBLAST_SOURCE)
    city_m = _one(_metric(authored["city"]))
    front_m = _one(_metric(authored["front"]))
    assert isinstance(front_m, LineString), "the authored front line is one line"
    square_m = _metric(landmarks[landmarks["label"].str.startswith("Central square")]).geometry.iloc[0]
    areas = derive_areas(city_m, front_m, square_m)
    # The 7 April state of the western districts: the outline authored from that week's reporting, within the city,
    # joined with the 14 April districts. The reporting says ground was given up that week, never gained: where two
    # drawings of the same south and north edges disagree by a few hundred metres, the later, better-sourced
    # outline stands, so the week's change is only the ground east of the railway.
    west_apr7_m = _metric(read_source(AUTHORED / "west_2023-04-07.geojson"))
    west_14 = _one(_metric(areas["west"]))
    west_apr7_m["geometry"] = [_polygonal(g.union(west_14).intersection(city_m)) for g in west_apr7_m.geometry]
    layers = {
        "oblast": oblast,
        "west-2023-04-07": west_apr7_m.drop(columns=["note"], errors="ignore").to_crs(WGS84),
        "city": authored["city"],
        **areas,
        "roads": authored["roads"],
        "places": authored["places"],
        "river": authored["river"],
        "front": authored["front"],
    }
    return {layer_id: layers[layer_id] for layer_id in LAYER_IDS}
