"""The story format: a valid story loads into the public model with resolved paths and rendered bodies."""

from datetime import date

from story.loader import Problem, StoryError, default_story_path, load_story
from story.model import Chapter, LayerSpec, Story, View
from tests.conftest import ROOT
from tests.unit.fixtures_story.helpers import MINI, make_story


def test_valid_story_loads():
    story = load_story(MINI / "story.yaml")
    assert isinstance(story, Story)
    assert story.path == (MINI / "story.yaml").resolve()
    assert story.title == "A test town"
    assert story.published == date(2023, 4, 15) and story.as_of == date(2023, 4, 14)
    assert story.region.bbox == [36.50, 46.85, 39.10, 49.26]
    assert story.basemap == "OpenStreetMap.Mapnik"
    assert story.default_layers == ["town"]
    assert [c.id for c in story.chapters] == ["intro", "west"]
    assert [layer.id for layer in story.layers] == ["town", "west", "road"]


def test_layers_resolve_to_absolute_paths():
    story = load_story(MINI / "story.yaml")
    west = story.layer("west")
    assert isinstance(west, LayerSpec)
    assert west.path.is_absolute() and west.path == (MINI / "layers" / "west.geojson").resolve()
    assert west.style.fill_opacity == 0.4 and west.confidence == "approximate"
    assert west.as_of == date(2023, 4, 14)
    assert story.layer("road").style.dash == "6 4"


def test_chapter_fields_and_defaults():
    story = load_story(MINI / "story.yaml")
    intro, west = story.chapters
    assert isinstance(intro, Chapter) and isinstance(intro.view, View)
    assert intro.view.fit == ["town"] and intro.view.bbox is None and intro.view.padding == 20
    assert west.view.bbox == [37.95, 48.56, 38.05, 48.63] and west.view.max_zoom == 14
    assert west.as_of == date(2023, 4, 13) and intro.as_of is None
    assert west.caption == "Approximate, as of mid-April."
    assert story.chapter("west") is west


def test_bodies_and_credits_render_to_html():
    story = load_story(MINI / "story.yaml")
    html = story.chapters[0].body_html
    assert "<strong>east</strong>" in html
    assert '<a href="https://www.gov.uk/" rel="noopener noreferrer">the update</a>' in html
    assert story.credits_html == "<p>Graphic by the <strong>test desk</strong>.</p>"


def test_basemap_defaults_to_a_keyless_provider(tmp_path):
    path = make_story(tmp_path, ("basemap: OpenStreetMap.Mapnik\n", ""))
    assert load_story(path).basemap == "OpenStreetMap.Mapnik"


def test_problem_line_format():
    p = Problem("s/story.yaml", 12, "west", "view.bbox", "west is not less than east", "swap them")
    assert str(p) == "s/story.yaml:12: chapter 'west': view.bbox: west is not less than east — swap them"
    story_level = Problem("s/story.yaml", 3, None, "published", "'x' is not a date", "write YYYY-MM-DD")
    assert str(story_level) == "s/story.yaml:3: published: 'x' is not a date — write YYYY-MM-DD"
    err = StoryError([p, story_level])
    assert str(err) == f"{p}\n{story_level}" and err.problems == [p, story_level]


def test_default_story_path_is_the_bakhmut_story():
    path = default_story_path()
    assert path.name == "story.yaml" and path.parent.name == "bakhmut"


def test_readme_example_is_a_valid_story(tmp_path):
    import re
    import shutil

    readme = (ROOT / "story" / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```yaml\n(.*?)```", readme, re.S).group(1)
    (tmp_path / "layers").mkdir()
    shutil.copy(MINI / "layers" / "town.geojson", tmp_path / "layers" / "city.geojson")
    shutil.copy(MINI / "layers" / "west.geojson", tmp_path / "layers" / "west.geojson")
    (tmp_path / "story.yaml").write_text(example, encoding="utf-8")
    story = load_story(tmp_path / "story.yaml", read_layers=True)
    assert [c.id for c in story.chapters] == ["town", "west"]
