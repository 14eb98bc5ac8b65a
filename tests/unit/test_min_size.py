"""Issue 22: a minimum visible size in the Python drawings. A highlighted area or line smaller than the look's
`min_visible_px` at the drawing's zoom is planned and drawn as the look's ring in its colour (as the live map does,
assets/engine/minsize.js); dimmed layers and big ones as they are. A share card of the first chapter shows
Bakhmut as a ring, not a dot."""

from __future__ import annotations

import json
import math

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.image import imread

from page.build import load_layers
from story import preview
from story.look import FILE, LOOK, LookError, parse_look
from story.preview import drawn_plan, drawn_size_px, render_chapter_png
from tests.conftest import ROOT

STORY = ROOT / "story" / "stories" / "bakhmut" / "story.yaml"


@pytest.fixture(scope="module")
def bakhmut():
    from story.loader import load_story

    story = load_story(STORY)
    return story, load_layers(story)


def test_the_larger_dimension_decides_against_the_look_s_threshold():
    assert LOOK.min_visible_px == 24
    assert LOOK.too_small(6, 6) and LOOK.too_small(23.9, 10)
    assert not LOOK.too_small(24, 1) and not LOOK.too_small(2, 300)


def test_a_ring_smaller_than_the_threshold_is_refused_naming_the_field():
    data = json.loads(FILE.read_text(encoding="utf-8"))
    data["symbol"]["radius_px"] = 5
    with pytest.raises(LookError) as err:
        parse_look(json.dumps(data))
    assert "story/look.json: symbol: a ring 10 px across" in str(err.value)
    assert "at least 12 px" in str(err.value)


def test_the_city_is_6_px_at_the_oblast_s_scale_and_hundreds_in_its_own(bakhmut):
    _, layers = bakhmut
    w, h = drawn_size_px(layers["city"], 6.25)
    assert 5 < w < 8 and 5 < h < 8, (w, h)
    w, h = drawn_size_px(layers["city"], 13)
    assert min(w, h) > 500
    # Each zoom step doubles it.
    assert drawn_size_px(layers["city"], 8)[0] == pytest.approx(2 * drawn_size_px(layers["city"], 7)[0])


def test_the_plan_draws_a_small_highlight_as_the_ring_and_never_a_dimmed_layer(bakhmut):
    story, layers = bakhmut
    first = story.chapters[0]
    plan = {d.layer: d for d in drawn_plan(story, layers, first, zoom=6.25)}
    city = plan["city"]
    assert city.state == "highlighted" and city.symbol
    colour = story.layer("city").style.color
    assert (city.stroke, city.fill, city.radius_px, city.width_px) == (
        colour,
        colour,
        LOOK.symbol.radius_px,
        LOOK.symbol.weight,
    )
    assert city.fill_opacity == LOOK.symbol.fill_opacity and city.dash is None
    assert not plan["oblast"].symbol and not plan["places"].symbol
    # Tiny dimmed layers stay as they are: the oblast at zoom 0 is a few px.
    assert not any(d.symbol for d in drawn_plan(story, layers, story.chapters[1], zoom=0) if d.state == "dimmed")
    # Zoomed in, the city is its own shape; with no zoom, nothing is decided.
    assert not {d.layer: d for d in drawn_plan(story, layers, first, zoom=12)}["city"].symbol
    assert not any(d.symbol for d in drawn_plan(story, layers, first))


def city_on_card(story, layers) -> tuple[float, float, float]:
    """Where the city's centre falls on a 1200×630 card of the first chapter (the same view on a scratch axes),
    and the card's zoom."""
    first = story.chapters[0]
    width, height, strip = 1200, 630, 82  # the card and its title strip (render_chapter_png's)
    fig = plt.figure(figsize=(width / 100, (height - strip) / 100), dpi=100)
    zoom = preview._set_view(fig.add_axes((0, 0, 1, 1)), first, layers, width, height - strip)
    (x0, x1), (y0, y1) = fig.axes[0].get_xlim(), fig.axes[0].get_ylim()
    plt.close(fig)
    west, south, east, north = layers["city"].to_crs(3857).total_bounds
    cx = ((west + east) / 2 - x0) / (x1 - x0) * width
    cy = strip + (y1 - (south + north) / 2) / (y1 - y0) * (height - strip)
    return cx, cy, zoom


def test_a_card_of_the_first_chapter_shows_the_city_as_a_ring(bakhmut, tmp_path):
    story, layers = bakhmut
    card = imread(render_chapter_png(story, layers, story.chapters[0].id, tmp_path / "card.png"))[..., :3]
    cx, cy, zoom = city_on_card(story, layers)
    assert LOOK.too_small(*drawn_size_px(layers["city"], zoom))
    ink = np.array([int(story.layer("city").style.color[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    on_ring = [
        np.linalg.norm(card[round(cy + r * math.sin(a)), round(cx + r * math.cos(a))] - ink) < 0.2
        for a in np.linspace(0, 2 * math.pi, 16, endpoint=False)
        for r in [LOOK.symbol.radius_px]
    ]
    # Most of the ring is there (a place's label and its halo may cover a little of it).
    assert sum(on_ring) >= 10, on_ring


def test_a_ring_is_named_beneath_it_on_the_card_as_on_the_page(bakhmut, tmp_path, monkeypatch):
    story, layers = bakhmut
    first = story.chapters[0]
    city = {d.layer: d for d in drawn_plan(story, layers, first, zoom=6.25)}["city"]
    assert preview.symbol_name(story, city) == "city limits"  # the layer's short name, as the page's ring says
    cx, cy, _zoom = city_on_card(story, layers)
    ink = np.array([int(story.layer("city").style.color[i : i + 2], 16) for i in (1, 3, 5)]) / 255
    below = LOOK.symbol.radius_px + LOOK.symbol.weight

    def inked(path) -> int:
        card = imread(path)[..., :3]
        box = card[round(cy + below) : round(cy + below + LOOK.labels.size_px * 1.6), round(cx - 40) : round(cx + 40)]
        return int((np.linalg.norm(box - ink, axis=-1) < 0.25).sum())

    named = inked(render_chapter_png(story, layers, first.id, tmp_path / "named.png"))
    monkeypatch.setattr(preview, "symbol_name", lambda story, drawn: "")
    unnamed = inked(render_chapter_png(story, layers, first.id, tmp_path / "unnamed.png"))
    assert named > unnamed + 40, (named, unnamed)  # the name's letters, in the ring's colour, beneath it


def test_a_ring_for_lost_ground_is_named_as_its_legend_entry():
    from story.loader import load_story

    story = load_story(STORY, read_layers=True)  # with its layers: the week's changed ground
    layers = load_layers(story)
    week = story.chapter("week")
    lost = next(d for d in drawn_plan(story, layers, week, zoom=6) if d.change == "lost")
    assert lost.symbol
    assert preview.symbol_name(story, lost) == "Lost by 14 April 2023: western districts"
