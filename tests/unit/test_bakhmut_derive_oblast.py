"""The Bakhmut derive_oblast's TopoJSON decoding, on a tiny hand-made topology (no npm needed)."""

from __future__ import annotations

import pytest

from story.stories.bakhmut.derive.derive_oblast import decode_arcs, donetsk_feature, ring_from

TOPOLOGY = {
    "transform": {"scale": [0.5, 0.25], "translate": [37.0, 48.0]},
    # arc 0: (0,0)→(2,0)→(2,4); arc 1: (0,0)→(0,4)→(2,4) — delta-encoded
    "arcs": [[[0, 0], [2, 0], [0, 4]], [[0, 0], [0, 4], [2, 0]]],
    "objects": {
        "ukr": {
            "geometries": [
                {"type": "Polygon", "properties": {"name": "Donets'k"}, "id": "UA.LH", "arcs": [[0, -2]]},
                {"type": "Polygon", "properties": {"name": "Luhans'k"}, "id": "UA.DT", "arcs": [[1, -1]]},
            ]
        }
    },
}


def test_arcs_are_undeltaed_scaled_and_translated() -> None:
    assert decode_arcs(TOPOLOGY)[0] == [(37.0, 48.0), (38.0, 48.0), (38.0, 49.0)]


def test_negative_index_is_the_arc_reversed_and_shared_points_not_repeated() -> None:
    ring = ring_from([0, ~1], decode_arcs(TOPOLOGY))
    assert ring == [[37.0, 48.0], [38.0, 48.0], [38.0, 49.0], [37.0, 49.0], [37.0, 48.0]]


def test_donetsk_is_found_by_name_not_by_its_wrong_id() -> None:
    feature = donetsk_feature(TOPOLOGY)
    assert feature["geometry"]["coordinates"][0][1] == [38.0, 48.0]
    assert feature["properties"]["confidence"] == "gazetteer"


def test_missing_unit_is_an_error() -> None:
    topology = {**TOPOLOGY, "objects": {"ukr": {"geometries": []}}}
    with pytest.raises(RuntimeError, match="Donets'k"):
        donetsk_feature(topology)
