"""Non-text contrast of the map's graphics (story/contrast.py): WCAG's ratio, compositing as the browser does,
and a located finding with the measured ratio and a colour that passes."""

from __future__ import annotations

import pytest

from story.contrast import DISTINGUISHABLE, NON_TEXT, contrast_findings, darkened, over, ratio
from story.loader import default_story_path, load_story
from tests.unit.fixtures_story.helpers import make_story

GROUND = "#eef0ea"


def test_ratio_is_wcag_21():
    assert ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)  # the well-known 4.5:1 grey


def test_a_colour_over_the_ground_is_composited_as_the_browser_draws_it():
    assert over("#000000", 0.5, "#ffffff") in ("#808080", "#7f7f7f")
    assert over("#1f5fbf", 1.0, GROUND) == "#1f5fbf"
    assert over("#1f5fbf", 0.0, GROUND) == GROUND


def test_a_darkened_suggestion_reaches_the_target_everywhere():
    beneath = [GROUND, over("#3d3d3d", 0.12, GROUND)]
    fixed = darkened("#d9822b", beneath, NON_TEXT)
    assert min(ratio(fixed, b) for b in beneath) >= NON_TEXT
    dim = darkened("#9aa5b1", [GROUND], DISTINGUISHABLE, alpha=0.35)
    assert ratio(over(dim, 0.35, GROUND), GROUND) >= DISTINGUISHABLE


def test_a_faint_highlighted_outline_is_a_located_finding_with_its_ratio(tmp_path):
    path = make_story(tmp_path, ('{color: "#1f5fbf", fill_color', '{color: "#b8c4d6", fill_color'))
    story = load_story(path)
    findings = list(contrast_findings(story, ground=GROUND, dim_opacity=0.35))
    i = next(i for i, s in enumerate(story.layers) if s.style.color == "#b8c4d6")
    (f,) = [f for f in findings if f.loc == ("layers", i, "style", "color")]
    assert f.message.startswith("#b8c4d6 is 1.5:1 against the fill of 'town' where the layer is highlighted")
    assert "needs 3:1" in f.message and f.hint.startswith("use a darker colour, e.g. #")


def test_the_shipped_styles_measured():
    """The measured ratios of the shipped story against the map's ground, as the closing note reports them."""
    measured = {s.id: round(ratio(s.style.color, GROUND), 2) for s in load_story(default_story_path()).layers}
    assert measured["west"] >= NON_TEXT and measured["front"] >= NON_TEXT and measured["city"] >= NON_TEXT
