"""Story files are untrusted input: hostile or huge ones get one located sentence within seconds, never a hang."""

import json
import os
import time

import pytest

from story import budget
from story.loader import MAX_CHAPTERS, MAX_LAYERS
from story.markdown import render_markdown
from tests.unit.fixtures_story.helpers import line_of, make_story, only_problem, problems

NO_ALIASES = "story files may not use YAML anchors (&) or aliases (*)"


def alias_bomb() -> str:
    """Nine levels of nine aliases: a billion 'lol's once expanded."""
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for i in range(1, 9):
        prev, name = chr(96 + i), chr(97 + i)
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 9)}]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_is_refused_within_a_second(tmp_path):
    path = make_story(tmp_path, text=alias_bomb())
    t0 = time.monotonic()
    p = only_problem(path)
    assert time.monotonic() - t0 < 1
    assert p.line == 1
    assert str(p) == (
        f"{p.file}:1: uses a YAML anchor (&a) — remove the anchor and write values out in full: {NO_ALIASES}"
    )


def test_an_alias_alone_is_refused_at_its_line(tmp_path):
    path = make_story(tmp_path, ("dek: Two chapters about a made-up front line.", "dek: *words"))
    p = only_problem(path)
    assert p.line == line_of(path, "dek: *words")
    assert p.message == "uses a YAML alias (*words)" and p.hint == f"write the value out in full: {NO_ALIASES}"


def test_ten_thousand_levels_of_nesting_is_refused_within_seconds(tmp_path):
    path = make_story(tmp_path, append="deep: " + "[" * 10_000 + "]" * 10_000 + "\n")
    t0 = time.monotonic()
    p = only_problem(path)
    assert time.monotonic() - t0 < 5
    assert p.line == line_of(path, "deep: [[[")
    assert str(p).endswith(
        "is nested more than 20 levels deep — a story needs at most a few levels (chapters → view → bbox): "
        "check the indentation and brackets"
    )


def test_oversize_story_file_is_refused_before_it_is_parsed(tmp_path):
    path = make_story(tmp_path, append="# padding\n" * 110_000)
    p = only_problem(path)
    assert p.line is None
    assert str(p) == (
        f"{p.file}: the story file is 1.1 MB, over the 1.0 MB limit — keep the story file to text and "
        "settings: geometry belongs in the layer files"
    )


def test_oversize_layer_file_is_refused_before_geo_reads_it(tmp_path):
    path = make_story(tmp_path)
    with open(path.parent / "layers" / "town.geojson", "a", encoding="utf-8") as f:
        f.write(" " * 21_000_000)  # valid JSON still: whitespace, so only the size can refuse it
    p = only_problem(path, read_layers=True)
    assert p.line == line_of(path, "file: layers/town.geojson") and p.field == "layers[town].file"
    assert p.message == "layers/town.geojson is 21.0 MB, over the 20.0 MB limit for a layer file"
    assert p.hint.startswith("simplify it before adding it")


@pytest.mark.parametrize(("key", "cap"), [("chapters", MAX_CHAPTERS), ("layers", MAX_LAYERS)])
def test_too_many_chapters_or_layers(tmp_path, key, cap):
    path = make_story(tmp_path)
    text = path.read_text(encoding="utf-8")
    if key == "chapters":
        extra = "".join(f"  - id: c{n}\n    title: C\n    body: text\n    view: {{fit: [town]}}\n" for n in range(cap))
        text = text + extra
    else:
        extra = "".join(
            f"  - id: l{n}\n    file: layers/town.geojson\n    label: L\n    kind: area\n"
            f'    style: {{color: "#555555"}}\n    describe: d\n    short: s\n'
            for n in range(cap)
        )
        text = text.replace("layers:\n", "layers:\n" + extra, 1)
    path.write_text(text, encoding="utf-8")
    found = [p for p in problems(path) if "over the limit" in p.message]
    assert len(found) == 1
    assert found[0].line == line_of(path, f"{key}:", nth=1 if key == "chapters" else 2)  # after default_layers:
    assert found[0].field == key
    assert found[0].message.endswith(f"entries, over the limit of {cap}")
    assert found[0].hint == "split the story in two: a reader cannot follow more in one story"


def test_symlink_to_a_geojson_outside_the_folder_is_refused(tmp_path):
    path = make_story(tmp_path)
    outside = tmp_path / "elsewhere.geojson"
    (path.parent / "layers" / "town.geojson").rename(outside)
    os.symlink(outside, path.parent / "layers" / "town.geojson")
    p = only_problem(path)
    assert p.line == line_of(path, "file: layers/town.geojson") and p.field == "layers[town].file"
    assert p.message == "'layers/town.geojson' is a link to a file outside the story folder"
    assert p.hint == "copy the GeoJSON file into the story folder (e.g. layers/) instead of linking to it"


def test_symlink_inside_the_folder_is_fine(tmp_path):
    path = make_story(tmp_path)
    layers = path.parent / "layers"
    (layers / "town.geojson").rename(layers / "town-v2.geojson")
    os.symlink(layers / "town-v2.geojson", layers / "town.geojson")
    assert problems_or_none(path) is None


def problems_or_none(path):
    from story.loader import StoryError, load_story

    try:
        load_story(path)
    except StoryError as err:
        return err.problems
    return None


@pytest.mark.parametrize(
    ("old", "new", "field", "char"),
    [
        ("title: A test town", "title: A test \u202etown", "title", "U+202E (RIGHT-TO-LEFT OVERRIDE) at character 8"),
        ("label: Town limits", "label: Town\u200b limits", "layers[town].label", "U+200B (ZERO WIDTH SPACE)"),
        ("byline: Test desk", "byline: Test \u2066desk", "byline", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
        ("note: update of 14 April 2023", "note: update \u200fof", "sources[#1].note", "U+200F (RIGHT-TO-LEFT MARK)"),
    ],
)
def test_bidi_and_zero_width_characters_in_plain_text_are_refused(tmp_path, old, new, field, char):
    path = make_story(tmp_path, (old, new))
    p = only_problem(path)
    assert p.line == line_of(path, new) and p.field == field
    assert p.message.startswith(f"contains the invisible character {char}")
    assert p.hint == "delete it (retype the text around it): it makes readers see other text than the file shows"


def test_invisible_character_in_a_caption_is_refused(tmp_path):
    path = make_story(
        tmp_path, ("caption: Approximate, as of mid-April.", "caption: Approximate\ufeff, as of mid-April.")
    )
    p = only_problem(path)
    assert p.field == "caption" and p.chapter == "west" and "U+FEFF (ZERO WIDTH NO-BREAK SPACE)" in p.message


@pytest.mark.parametrize(("field", "value"), [("label", "Held by \u202eUkraine"), ("ref", "M\u200b03")])
def test_invisible_characters_in_a_layer_files_labels_are_refused(tmp_path, field, value):
    path = make_story(tmp_path)
    west = path.parent / "layers" / "west.geojson"
    doc = json.loads(west.read_text())
    doc["features"][0]["properties"][field] = value
    west.write_text(json.dumps(doc))
    p = only_problem(path, read_layers=True)
    char = "U+202E (RIGHT-TO-LEFT OVERRIDE) at character 9" if field == "label" else "U+200B (ZERO WIDTH SPACE)"
    assert p.file.endswith("layers/west.geojson") and (p.feature, p.field) == ("#1", field)
    assert p.message.startswith(f"contains the invisible character {char}")
    assert p.hint == "delete it (retype the text around it): it makes readers see other text than the file shows"


@pytest.mark.parametrize(
    "markdown",
    ["[x](//evil.example/phish)", '<a href="//evil.example/phish">x</a>', '<a href=" //evil.example">x</a>',
     '<a href="/\\evil.example">x</a>', '<a href="\\\\evil.example">x</a>'],
)  # fmt: skip
def test_protocol_relative_links_lose_their_target(markdown):
    html = render_markdown(markdown)
    assert "evil" not in html and ">x</a>" in html


@pytest.mark.parametrize("target", ["#west", "/about", "notes.html", "https://example.org/", "mailto:desk@example.org"])
def test_same_site_and_allowed_links_keep_their_target(target):
    assert f'href="{target}"' in render_markdown(f"[x]({target})")


def test_credits_drop_protocol_relative_links_too(tmp_path):
    path = make_story(tmp_path, ("credits: Graphic by the **test desk**.", "credits: '[us](//evil.example/)'"))
    from story.loader import load_story

    assert "evil" not in load_story(path).credits_html


def web_sizes(path) -> dict[str, int]:
    """Each layer's weight as the app sends it (the budget's own measure), by id."""
    from page.build import load_layers
    from story.loader import load_story

    return {layer_id: budget.web_bytes(gdf) for layer_id, gdf in load_layers(load_story(path)).items()}


def test_a_layer_over_the_web_budget_is_a_located_problem(tmp_path, monkeypatch):
    path = make_story(tmp_path)
    sizes = web_sizes(path)
    heaviest = max(sizes, key=sizes.__getitem__)
    monkeypatch.setattr(budget, "LAYER_BUDGET", sizes[heaviest] - 1)  # only the heaviest layer is over
    p = only_problem(path, read_layers=True)
    assert p.field == f"layers[{heaviest}].file"
    assert p.message.startswith(f"layers/{heaviest}.geojson weighs 0.00 MB")
    assert "once simplified for the web, over the 0.00 MB budget for one layer" in p.message
    assert p.hint.startswith("simplify it (e.g. mapshaper -simplify")


def test_a_story_over_the_web_budget_names_its_heaviest_layers(tmp_path, monkeypatch):
    path = make_story(tmp_path)
    sizes = web_sizes(path)
    monkeypatch.setattr(budget, "STORY_BUDGET", sum(sizes.values()) - 1)
    p = only_problem(path, read_layers=True)
    assert p.field == "layers" and p.line == line_of(path, "layers:", nth=2)  # nth=1 is default_layers:
    assert p.message.startswith("the layers weigh 0.00 MB together once simplified for the web, over the 0.00 MB")
    top = sorted(sizes, key=sizes.__getitem__, reverse=True)[:3]
    assert "(heaviest: " + ", ".join(f"{i} 0.00 MB" for i in top) + ")" in p.message
    assert p.hint.endswith("; or split the story in two")


def test_the_app_build_refuses_a_story_over_budget_with_the_checks_sentence(tmp_path, monkeypatch):
    from page.build import build_story
    from story.loader import StoryError

    path = make_story(tmp_path)
    monkeypatch.setattr(budget, "LAYER_BUDGET", max(web_sizes(path).values()) - 1)
    checked = str(only_problem(path, read_layers=True))
    with pytest.raises(StoryError) as info:
        build_story(path)
    assert [str(p) for p in info.value.problems] == [checked]


def _with_points(tmp_path, count: int, labels: str = ""):
    """The mini story with a point layer of `count` points (labels: as given, else the default: all)."""
    path = make_story(
        tmp_path,
        (
            "  - id: road\n",
            "  - id: spots\n    file: layers/spots.geojson\n    label: Spots\n    kind: point\n"
            '    style: {color: "#333333", weight: 1}\n    describe: spots\n    short: spots\n'
            f"    confidence: schematic\n    source: test\n{labels}  - id: road\n",
        ),
    )
    features = [
        {
            "type": "Feature",
            "properties": {"label": f"Spot {i}"},
            "geometry": {"type": "Point", "coordinates": [37.96 + i * 1e-5, 48.58]},
        }
        for i in range(count)
    ]
    (path.parent / "layers" / "spots.geojson").write_text(
        json.dumps({"type": "FeatureCollection", "features": features})
    )
    return path


def test_a_point_layer_labelling_more_than_the_label_budget_is_a_located_problem(tmp_path):
    p = only_problem(_with_points(tmp_path, budget.LABEL_BUDGET + 1), read_layers=True)
    assert p.field == "layers[spots].labels"
    assert str(p).endswith(
        "layers/spots.geojson would label 301 points, over the 300 a map can show legibly — set labels: none (each "
        "point's tooltip still names it), or give the features a rank and set labels: 1 to label only the most "
        "important"
    )


def test_thousands_of_unlabelled_points_pass(tmp_path):
    from story.loader import load_story

    story = load_story(_with_points(tmp_path, 5000, labels="    labels: none\n"), read_layers=True)
    assert story.layer("spots").labels == "none"
