"""The map's look (story/look.json): the shipped file loads, a bad one is refused naming the field, and the
preview's plan of what it draws follows it."""

from __future__ import annotations

import json

import pytest

from page.lookcss import band_rules, root_style
from story.look import FILE, LOOK, LookError, parse_look

SHIPPED = json.loads(FILE.read_text(encoding="utf-8"))


def broken(change) -> str:
    data = json.loads(json.dumps(SHIPPED))
    change(data)
    return json.dumps(data)


@pytest.mark.parametrize(
    ("change", "field", "what"),
    [
        (lambda d: d.update(dim_opacity=1.5), "dim_opacity", "less than or equal to 1"),
        (lambda d: d["labels"].update(color="red"), "labels.color", "'red' is not a colour"),
        (lambda d: d.update(dimopacity=0.3), "dimopacity", "Extra inputs are not permitted"),
        (lambda d: d["change"]["lost"].pop("fill_color"), "change.lost.fill_color", "Field required"),
        (lambda d: d["backdrop"]["admin"].update(dash="4px"), "backdrop.admin.dash", "'4px' is not a dash pattern"),
        (lambda d: d["zoom_bands"][1].update(from_zoom=11), "zoom_bands", "each next at a higher zoom"),
        (lambda d: d["zoom_bands"][2].update(name="High"), "zoom_bands[2].name", "'High' is not a band name"),
        (lambda d: d["backdrop"].pop("river"), "backdrop", "no style for river"),
        (lambda d: d["backdrop"].update(lake=d["backdrop"]["river"]), "backdrop.lake", "Input should be"),
    ],
)
def test_a_bad_look_is_refused_naming_the_file_and_the_field(change, field, what):
    with pytest.raises(LookError) as err:
        parse_look(broken(change))
    message = str(err.value)
    first = message.splitlines()[0]
    assert first.startswith(f"story/look.json: {field}: ") or first.startswith(f"story/look.json: {field}.")
    assert what in message
    assert "Traceback" not in message and str(FILE.parent) not in message


def test_a_look_that_is_not_json_is_refused_with_its_line():
    with pytest.raises(LookError, match=r"^story/look.json: line 2, column 2: .* — write it as JSON$"):
        parse_look('{"dim_opacity": 0.35\n}}')


def test_the_shipped_look_loads_as_the_renderers_read_it():
    assert parse_look(FILE.read_text(encoding="utf-8")) == LOOK
    assert [b.name for b in LOOK.zoom_bands] == ["low", "mid", "high"]


@pytest.mark.parametrize(("zoom", "band"), [(0, "low"), (8.75, "low"), (9, "mid"), (10.25, "mid"), (10.5, "high")])
def test_a_zoom_is_in_the_last_band_it_has_reached(zoom, band):
    assert LOOK.band(zoom).name == band


def test_the_page_gets_the_look_as_custom_properties_and_band_rules():
    style = root_style(LOOK)
    assert f"--ms-dim-opacity: {LOOK.dim_opacity:g}" in style
    assert f"--ms-no-tiles: {LOOK.no_tiles_background}" in style
    rules = band_rules(LOOK)
    # low and mid show ranks 1 and 2; low shows no road numbers; high shows everything
    assert rules.count(":not(.ms-rank-1):not(.ms-rank-2)") == 2
    assert '[data-zoomband="low"] .ms-road-label' in rules
    assert '[data-zoomband="high"]' not in rules


def test_a_legend_swatch_is_never_fainter_than_the_look_allows():
    assert LOOK.swatch_opacity(0.04) == LOOK.legend_swatch.min_opacity
    assert LOOK.swatch_opacity(0.5) == pytest.approx(0.5 + LOOK.legend_swatch.fill_boost)
