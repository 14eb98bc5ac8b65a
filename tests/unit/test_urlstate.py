"""Parsing the share link's parameters: whatever a URL holds, the result is a valid state.

The cases are shared with the browser's codec (tests/js/link.test.mjs): the two cannot drift apart.
"""

import json
from pathlib import Path

import pytest

from page.urlstate import parse

VECTORS = json.loads((Path(__file__).parents[1] / "vectors" / "urlstate.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", VECTORS["cases"], ids=[c["name"] for c in VECTORS["cases"]])
def test_link_vector(case):
    s = parse(case["params"], VECTORS["chapters"], VECTORS["layers"])
    want = case["expect"]
    assert s.chapter == want["chapter"]
    assert s.layers == (tuple(want["layers"]) if want["layers"] is not None else None)
    assert (s.notice is not None) == want["notice"]


def test_the_notice_echoes_nothing_from_the_link():
    s = parse({"chapter": ["<script>alert(1)</script>"], "layers": ["x" * 30]}, VECTORS["chapters"], VECTORS["layers"])
    assert s.notice and "<" not in s.notice and "x" * 20 not in s.notice
