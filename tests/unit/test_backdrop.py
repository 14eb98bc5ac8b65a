"""The backdrop (story/backdrop.py): light context under the story's layers, credited, and a clear error."""

from __future__ import annotations

import json

import pytest

from geo.io import GeoDataError
from page.build import build_story
from story.backdrop import read_backdrop
from story.loader import default_story_path
from story.sourcefiles import story_files


def test_the_shipped_story_draws_its_backdrop_under_the_layers_and_credits_it():
    path = default_story_path()
    backdrop = read_backdrop(path)
    assert set(backdrop["kind"]) == {"admin", "border", "coast", "river"}
    # It reaches past the region: the neighbours are the point of it.
    w, s, e, n = backdrop.total_bounds
    assert w < 36.5 and e > 39.1 and n > 49.26
    module = build_story(path).module
    assert '"ms-backdrop"' in module and "zIndex" in module
    assert "Context: Natural Earth" in module
    assert path.parent / "backdrop.geojson" in story_files(path)  # an edit to it rebuilds the story


def test_a_story_without_a_backdrop_has_none(tmp_path):
    (tmp_path / "story.yaml").write_text("title: x\n")
    assert read_backdrop(tmp_path / "story.yaml") is None


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{not json", "cannot be read as GeoJSON"),
        (
            json.dumps(
                {
                    "type": "FeatureCollection",
                    "features": [
                        {
                            "type": "Feature",
                            "properties": {"kind": "lake"},
                            "geometry": {"type": "LineString", "coordinates": [[0, 0], [1, 1]]},
                        }
                    ],
                }
            ),
            "found lake",
        ),
    ],
)
def test_a_bad_backdrop_names_the_file_and_the_fix(tmp_path, content, words):
    (tmp_path / "backdrop.geojson").write_text(content)
    with pytest.raises(GeoDataError) as err:
        read_backdrop(tmp_path / "story.yaml")
    assert "backdrop.geojson" in str(err.value) and words in str(err.value)


def test_the_print_and_card_images_draw_the_backdrop_too(tmp_path):
    """The printed page and the share card have no tiles either: the neighbours, border and coast are in them."""
    import shutil

    from PIL import Image, ImageChops

    from story.preview import render_chapter_png

    def image(story_yaml, name):
        built = build_story(story_yaml)
        return Image.open(render_chapter_png(built.story, built.layers, "bakhmut", tmp_path / name)).convert("RGB")

    bare = tmp_path / "bare"
    shutil.copytree(default_story_path().parent, bare)
    (bare / "backdrop.geojson").unlink()
    diff = ImageChops.difference(image(default_story_path(), "with.png"), image(bare / "story.yaml", "without.png"))
    changed = sum(1 for p in diff.get_flattened_data() if max(p) > 24)
    assert changed > 3000, changed  # the lines of a whole region's context, not a stray pixel
