"""Each class of error: its message AND its line, in the `file:line: chapter 'id': field: what — do` format."""

import pytest

from story.loader import load_story
from tests.unit.fixtures_story.helpers import line_of, make_story, only_problem, problems

HIGHLIGHT_WEST = "    highlight: [west]\n"


def test_unknown_layer_id_suggests_nearest(tmp_path):
    path = make_story(tmp_path, ("highlight: [west]", "highlight: [wset]"))
    p = only_problem(path)
    assert p.line == line_of(path, "highlight: [wset]")
    assert p.chapter == "west" and p.field == "highlight"
    assert "unknown layer id 'wset'" in p.message and "did you mean 'west'?" in p.hint
    assert str(p).startswith(f"{p.file}:{p.line}: chapter 'west': highlight: unknown layer id 'wset'")


@pytest.mark.parametrize(
    ("old", "new", "field", "chapter"),
    [
        ("fit: [town]", "fit: [twn]", "view.fit", "intro"),
        ("context: [road]", "context: [raod]", "context", "intro"),
        ("default_layers: [town]", "default_layers: [tonw]", "default_layers", None),
    ],
)
def test_unknown_layer_id_everywhere(tmp_path, old, new, field, chapter):
    path = make_story(tmp_path, (old, new))
    p = only_problem(path)
    assert (p.line, p.field, p.chapter) == (line_of(path, new), field, chapter)
    assert "unknown layer id" in p.message and "did you mean" in p.hint


def test_unknown_layer_id_without_close_match_lists_known(tmp_path):
    path = make_story(tmp_path, ("highlight: [west]", "highlight: [zzzzzz]"))
    assert "road, town, west" in only_problem(path).hint


def test_unknown_layer_id_in_block_list_points_at_item(tmp_path):
    path = make_story(tmp_path, ("context: [town, road]", "context:\n      - town\n      - roda"))
    p = only_problem(path)
    assert p.line == line_of(path, "- roda") and "'roda'" in p.message and "'road'" in p.hint


def test_duplicate_chapter_id(tmp_path):
    path = make_story(tmp_path, ("  - id: west\n    title: The west", "  - id: intro\n    title: The west"))
    p = only_problem(path)
    assert p.line == line_of(path, "- id: intro", nth=2) and p.field == "id"
    assert "duplicate chapter id 'intro'" in p.message


def test_duplicate_layer_id(tmp_path):
    path = make_story(tmp_path, ("  - id: road\n", "  - id: west\n"))
    found = problems(path)
    dup = [p for p in found if "duplicate layer id 'west'" in p.message]
    assert dup and dup[0].line == line_of(path, "- id: west", nth=2)


@pytest.mark.parametrize("bad", ["Bakhmut", "the_west", "west 2", "café"])
def test_malformed_chapter_id(tmp_path, bad):
    path = make_story(tmp_path, ("  - id: west\n    title", f"  - id: {bad}\n    title"))
    p = only_problem(path)
    assert p.line == line_of(path, f"- id: {bad}") and p.field == "id" and p.chapter == bad
    assert f"'{bad}' is not a valid id" in p.message and "lowercase letters, digits and hyphens" in p.hint


def test_missing_chapter_field_points_at_chapter(tmp_path):
    path = make_story(tmp_path, ("    title: The west\n", ""))
    p = only_problem(path)
    assert p.line == line_of(path, "- id: west", nth=2) and p.chapter == "west" and p.field == "title"
    assert p.message == "required field is missing" and "add `title:`" in p.hint


def test_missing_story_field(tmp_path):
    path = make_story(tmp_path, ("dek: Two chapters about a made-up front line.\n", ""))
    p = only_problem(path)
    assert p.line == line_of(path, "title: A test town") and p.chapter is None and p.field == "dek"
    assert str(p) == f"{p.file}:{p.line}: dek: required field is missing — add `dek:` (see story/README.md)"


def test_missing_chapters_list(tmp_path):
    text = make_story(tmp_path).read_text().split("chapters:\n")[0]
    path = make_story(tmp_path / "b", text=text)
    p = only_problem(path)
    assert p.field == "chapters" and p.message == "required field is missing"


@pytest.mark.parametrize(
    ("old", "new", "field", "fragment"),
    [
        ("    title: The west\n", "    title: 5\n", "title", "should be text, not a number (5)"),
        ("context: [town, road]", "context: road", "context", "should be a list"),
        ("max_zoom: 14", "max_zoom: close", "view.max_zoom", "should be a whole number"),
        ("padding: 20", "padding: -3", "view.padding", "out of range"),
        ("kind: line", "kind: lines", "layers[road].kind", "'lines' is not allowed"),
        ('color: "#1f5fbf", fill', "color: blue, fill", "layers[west].style.color", "'blue' is not a colour"),
    ],
)
def test_wrong_type(tmp_path, old, new, field, fragment):
    path = make_story(tmp_path, (old, new))
    p = only_problem(path)
    assert p.line == line_of(path, new.strip().split(",")[0]) and p.field == field
    assert fragment in p.message


def test_unknown_field_suggests_spelling(tmp_path):
    path = make_story(tmp_path, ("    highlight: [west]", "    higlight: [west]"))
    p = only_problem(path)
    assert p.line == line_of(path, "higlight") and "unknown field 'higlight'" in p.message
    assert "did you mean 'highlight'?" in p.hint


def test_bbox_outside_region(tmp_path):
    path = make_story(tmp_path, ("bbox: [37.95, 48.56, 38.05, 48.63]", "bbox: [30.5, 50.4, 30.6, 50.5]"))
    p = only_problem(path)
    assert p.line == line_of(path, "bbox: [30.5") and p.field == "view.bbox" and p.chapter == "west"
    assert "outside the story's region (Donetsk Oblast) [36.5, 46.85, 39.1, 49.26]" in p.message
    assert "swapped" not in p.message


def test_bbox_lat_lon_swapped(tmp_path):
    path = make_story(tmp_path, ("bbox: [37.95, 48.56, 38.05, 48.63]", "bbox: [48.56, 37.95, 48.63, 38.05]"))
    p = only_problem(path)
    assert p.line == line_of(path, "bbox: [48.56")
    assert "latitude and longitude look swapped" in p.message
    assert "[37.95, 48.56, 38.05, 48.63] lies inside it" in p.message and "longitude first" in p.hint


@pytest.mark.parametrize(
    ("bbox", "fragment"),
    [
        ("[38.05, 48.56, 37.95, 48.63]", "west (38.05) is not less than east (37.95)"),
        ("[37.95, 48.63, 38.05, 48.56]", "south (48.63) is not less than north (48.56)"),
        ("[37.95, 48.56, 38.05]", "has 3 numbers, not 4"),
        ("[37.95, 148.56, 38.05, 148.6]", "south 148.56 is outside ±90°"),
    ],
)
def test_bbox_malformed(tmp_path, bbox, fragment):
    path = make_story(tmp_path, ("bbox: [37.95, 48.56, 38.05, 48.63]", f"bbox: {bbox}"))
    p = only_problem(path)
    assert p.line == line_of(path, f"bbox: {bbox}") and p.field == "view.bbox" and fragment in p.message


def test_region_bbox_order_checked(tmp_path):
    path = make_story(tmp_path, ("bbox: [36.50, 46.85, 39.10, 49.26]", "bbox: [39.10, 46.85, 36.50, 49.26]"))
    p = only_problem(path)
    assert p.line == line_of(path, "bbox: [39.10") and p.field == "region.bbox" and "west (39.1)" in p.message


@pytest.mark.parametrize("bad", ["15 April 2023", "2023-02-30", "20230415", "soon"])
def test_date_not_a_date(tmp_path, bad):
    path = make_story(tmp_path, ("published: 2023-04-15", f"published: {bad}"))
    p = only_problem(path)
    assert p.line == line_of(path, "published:") and p.field == "published"
    assert p.message == f"'{bad}' is not a date" and "YYYY-MM-DD" in p.hint


def test_chapter_date_not_a_date(tmp_path):
    path = make_story(tmp_path, ("    as_of: 2023-04-13", "    as_of: 13/04/2023"))
    p = only_problem(path)
    assert (p.line, p.chapter, p.field) == (line_of(path, "as_of: 13/04/2023"), "west", "as_of")


def test_as_of_after_publication(tmp_path):
    path = make_story(tmp_path, ("    as_of: 2023-04-13", "    as_of: 2023-05-01"))
    p = only_problem(path)
    assert p.line == line_of(path, "as_of: 2023-05-01") and "after the story's publication date" in p.message


@pytest.mark.parametrize("body", ['body: ""', "body: |\n\n", 'body: "   "'])
def test_empty_chapter_body(tmp_path, body):
    path = make_story(tmp_path, ("body: |\n      Ukraine holds the western districts.", body))
    p = only_problem(path)
    assert p.line == line_of(path, "body:", nth=2) and p.chapter == "west" and p.field == "body"
    assert p.message == "the chapter has no text"


def test_missing_chapter_body(tmp_path):
    path = make_story(tmp_path, ("    body: |\n      Ukraine holds the western districts.\n", ""))
    p = only_problem(path)
    assert p.field == "body" and p.message == "required field is missing"


def test_unknown_basemap(tmp_path):
    path = make_story(tmp_path, ("basemap: OpenStreetMap.Mapnik", "basemap: OpenStreetMap.Mapnk"))
    p = only_problem(path)
    assert p.line == line_of(path, "basemap:") and p.field == "basemap"
    assert p.message == "unknown basemap 'OpenStreetMap.Mapnk'" and "did you mean 'OpenStreetMap.Mapnik'?" in p.hint


def test_basemap_that_needs_a_key(tmp_path):
    path = make_story(tmp_path, ("basemap: OpenStreetMap.Mapnik", "basemap: CartoDB.Positron"))
    p = only_problem(path)
    assert p.line == line_of(path, "basemap:") and p.field == "basemap"
    assert p.message == "basemap 'CartoDB.Positron' needs an API key" and "keyless" in p.hint


def test_missing_layer_file(tmp_path):
    path = make_story(tmp_path, ("file: layers/road.geojson", "file: layers/rood.geojson"))
    p = only_problem(path)
    assert p.line == line_of(path, "rood") and p.field == "layers[road].file"
    assert p.message == "layer file 'layers/rood.geojson' not found"
    assert p.hint == "add layers/rood.geojson to the story's folder, beside story.yaml, or fix the path"


def test_layer_file_outside_story_folder(tmp_path):
    path = make_story(tmp_path, ("file: layers/road.geojson", "file: ../road.geojson"))
    assert "not a path inside the story folder" in only_problem(path).message


@pytest.mark.parametrize(
    ("view", "fragment"),
    [
        ("view:\n      padding: 20", "has neither fit nor bbox"),
        ("view:\n      fit: [town]\n      bbox: [37.95, 48.56, 38.05, 48.63]", "has both fit and bbox"),
    ],
)
def test_view_needs_exactly_one_target(tmp_path, view, fragment):
    path = make_story(tmp_path, ("view:\n      fit: [town]\n      padding: 20", view))
    p = only_problem(path)
    assert p.line == line_of(path, "view:") and p.chapter == "intro" and p.field == "view"
    assert p.message == fragment and "fit: [layer ids] or bbox:" in p.hint


def test_yaml_syntax_error_is_located(tmp_path):
    path = make_story(tmp_path, ("    title: The west\n", "    title: [The west\n"))
    p = only_problem(path)
    assert p.message.startswith("YAML syntax error:") and p.line is not None
    assert line_of(path, "[The west") <= p.line <= line_of(path, "[The west") + 3


def test_yaml_tab_indentation(tmp_path):
    path = make_story(tmp_path, ("byline: Test desk", "\tbyline: Test desk"))
    p = only_problem(path)
    assert p.line == line_of(path, "byline") and "tabs" in p.hint


@pytest.mark.parametrize(("text", "kind"), [("- a\n- b\n", "a list"), ("", "empty"), ("just text\n", "text")])
def test_file_not_a_mapping(tmp_path, text, kind):
    path = make_story(tmp_path, text=text)
    p = only_problem(path)
    assert p.line == 1 and kind in p.message and "not a mapping of story fields" in p.message


def test_story_file_not_found(tmp_path):
    p = only_problem(tmp_path / "nope.yaml")
    assert p.line is None and p.message == "story file not found"
    assert str(p).endswith("nope.yaml: story file not found — check the path, e.g. story/stories/<slug>/story.yaml")


def test_duplicate_yaml_key(tmp_path):
    path = make_story(tmp_path, ("byline: Test desk\n", "byline: Test desk\nbyline: Other desk\n"))
    p = only_problem(path)
    assert p.line == line_of(path, "byline: Other") and "'byline' appears twice" in p.message


def test_highlight_and_context_overlap(tmp_path):
    path = make_story(tmp_path, ("context: [town, road]", "context: [town, west]"))
    p = only_problem(path)
    assert p.line == line_of(path, "context: [town, west]") and "both highlighted and in context" in p.message


def test_image_in_body_is_a_problem(tmp_path):
    path = make_story(tmp_path, ("Ukraine holds the western districts.", "![ruins](https://example.com/a.jpg)"))
    p = only_problem(path)
    assert p.field == "body" and p.line == line_of(path, "body:", nth=2) and "image" in p.message


def test_every_problem_is_collected_and_sorted(tmp_path):
    path = make_story(
        tmp_path,
        ("published: 2023-04-15", "published: April"),
        ("basemap: OpenStreetMap.Mapnik", "basemap: Nope.Nope"),
        ("file: layers/road.geojson", "file: layers/nope.geojson"),
        ("highlight: [west]", "highlight: [wset]"),
        ("bbox: [37.95, 48.56, 38.05, 48.63]", "bbox: [48.56, 37.95, 48.63, 38.05]"),
        ("    title: The west\n", ""),
    )
    found = problems(path)
    assert len(found) == 6, "\n".join(map(str, found))
    assert [p.line for p in found] == sorted(p.line for p in found)


def test_valid_story_after_fixing(tmp_path):
    assert load_story(make_story(tmp_path)).chapters


@pytest.mark.parametrize("bad", ['"west\\n"', '"west\\r\\n"', "|\n      west"])
def test_an_id_with_a_trailing_newline_is_refused(tmp_path, bad):
    # `$` matches before a final newline: the id would pass and name a folder "west\n".
    path = make_story(tmp_path, ("  - id: west\n    title", f"  - id: {bad}\n    title"))
    p = only_problem(path)
    assert p.line == line_of(path, f"- id: {bad.splitlines()[0]}") and p.field == "id"
    assert "is not a valid id" in p.message and "\\n" in p.message and "e.g. 'west'" in p.hint
    assert "\n" not in str(p)  # one problem, one line


def test_an_overlong_id_is_refused_with_its_length(tmp_path):
    long_id = "west-" + "a" * 70
    path = make_story(tmp_path, ("  - id: west\n    title", f"  - id: {long_id}\n    title"))
    p = only_problem(path)
    assert p.line == line_of(path, f"- id: {long_id}") and p.field == "id"
    assert "is 75 characters long, over the 64-character limit for ids" in p.message


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('color: "#555555"', 'color: "#555555\\n"', "'#555555\\n' is not a colour"),
        ("url: https://www.gov.uk/government", 'url: "https://www.gov.uk/\\n"\n    # government', "not a web address"),
    ],
)
def test_whole_values_only_for_colours_and_urls(tmp_path, old, new, message):
    path = make_story(tmp_path, (old, new))
    p = only_problem(path)
    assert p.line == line_of(path, new.splitlines()[0]) and message in p.message and "\n" not in str(p)


def test_dates_and_dashes_lose_a_trailing_newline(tmp_path):
    path = make_story(
        tmp_path, ("published: 2023-04-15", 'published: "2023-04-15\\n"'), ('dash: "6 4"', 'dash: "6 4\\n"')
    )
    story = load_story(path)
    assert str(story.published) == "2023-04-15"
    assert [layer.style.dash for layer in story.layers if layer.style.dash] == ["6 4"]
