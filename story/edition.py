"""Editions: a story in another language, as a file of text only beside the original (story/README.md, "Editions").

An edition (`story.uk.yaml`) holds the translated words, keyed by the original's ids: layer and chapter ids,
state dates, source names and feature labels. Ids, geometry, views, styles and dates live in the original only,
so a translation can never move a map. The loader checks each edition the original lists
(story/edition_checks.py); `load_edition(story, lang)` gives the translated Story the page builds from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, PrivateAttr, StrictBool

from story.model import LangTag, PlainText, Story, Text


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class StateText(_Model):
    label: PlainText | None = None
    describe: PlainText | None = None


class LayerText(_Model):
    label: Text | None = None
    short: Text | None = None
    describe: Text | None = None
    states: dict[str, StateText] = {}


class ChapterText(_Model):
    title: Text | None = None
    body: Text | None = None
    caption: PlainText | None = None


class SourceText(_Model):
    name: Text | None = None  # a source's name is its title: translated only where it is not a proper name
    note: PlainText | None = None


class RegionText(_Model):
    name: PlainText | None = None


class Edition(_Model):
    """One edition file. Every text is optional here: what is missing is the completeness check's to say."""

    lang: LangTag
    translation_of: str
    incomplete: StrictBool = False  # the author's say-so that a partial edition may be published
    credit: Text  # the translation's credit, shown with the story's credits
    title: Text | None = None
    dek: Text | None = None
    byline: Text | None = None
    credits: Text | None = None
    region: RegionText | None = None
    sources: dict[str, SourceText] = {}
    layers: dict[str, LayerText] = {}
    chapters: dict[str, ChapterText] = {}
    # Per layer id: each feature label or road number (`ref`) of the layer's files → its translation.
    features: dict[str, dict[str, PlainText]] = {}
    _file: str = PrivateAttr(default="")
    _untranslated: tuple[str, ...] = PrivateAttr(default=())


@dataclass(frozen=True)
class EditionInfo:
    """What a translated story is: its language, the original's, the credit, and which texts a reader sees in the
    original language (only in an edition marked incomplete) — the page marks those with the original's lang."""

    lang: str
    original_lang: str
    file: str
    credit: str
    incomplete: bool
    untranslated: tuple[str, ...]
    # Sources whose name (a title: "UK Defence Intelligence") stays in the original's language: the page marks
    # them with its `lang`, so a screen reader reads them as written.
    kept_names: tuple[str, ...] = ()


def load_edition(story: Story, lang: str) -> Story:
    """The story in `lang`: the same ids, geometry, views, styles and dates, with the edition's words (an incomplete
    edition's gaps keep the original's). The original's own language gives the story itself; a language the story
    has no edition in raises KeyError (the page falls back to the original). Pure: `story` is not changed."""
    if lang == (story.lang or "en"):
        return story
    edition: Edition = story._editions[lang]
    data = story.model_dump()
    for name in ("title", "dek", "byline", "credits"):
        data[name] = getattr(edition, name) or data[name]
    if edition.region and edition.region.name:
        data["region"]["name"] = edition.region.name
    for source in data["sources"]:
        source.update(_given(edition.sources.get(source["name"])))
    for layer in data["layers"]:
        words = edition.layers.get(layer["id"])
        layer.update(_given(words, exclude={"states"}))
        for state in layer["states"] or []:
            state.update(_given(words.states.get(str(state["date"])) if words else None))
    places = {orig: words for layer in feature_labels(story, lang).values() for orig, words in layer.items()}
    for chapter in data["chapters"]:
        chapter.update(_given(edition.chapters.get(chapter["id"])))
        chapter["named"] = [places.get(name, name) for name in chapter["named"]]  # as the edition's map labels them
    translated = Story.model_validate(data, context={"base_dir": story.path.parent})
    translated._path, translated._editions = story._path, story._editions
    translated._edition = EditionInfo(
        edition.lang,
        story.lang or "en",
        edition._file,
        edition.credit,
        edition.incomplete,
        edition._untranslated,
        tuple(s.name for s in story.sources if not (edition.sources.get(s.name) and edition.sources[s.name].name)),
    )
    if story.web_layers is not None:
        translated._web_layers = translate_layers(story, lang, story.web_layers)
    translated._web_backdrop, translated._changes = story._web_backdrop, story._changes
    return translated


def _given(words: BaseModel | None, exclude: set[str] | None = None) -> dict[str, Any]:
    return {} if words is None else {k: v for k, v in words.model_dump(exclude=exclude).items() if v is not None}


def feature_labels(story: Story, lang: str) -> dict[str, dict[str, str]]:
    """Per layer id, each label and road number its features show → its words in `lang` (empty in the original's
    language). Includes a dated state's own label, which replaces its features' labels on its date."""
    if lang == (story.lang or "en"):
        return {}
    edition: Edition = story._editions[lang]
    out = {layer_id: dict(words) for layer_id, words in edition.features.items()}
    for layer in story.layers:
        texts = edition.layers.get(layer.id)
        for state in layer.states or []:
            words = texts.states.get(str(state.date)) if texts else None
            if state.file is None and state.label and words and words.label:
                out.setdefault(layer.id, {})[state.label] = words.label
    return out


def translate_layers(story: Story, lang: str, layers: dict[str, Any]) -> dict[str, Any]:
    """Each layer's features (layer id → GeoDataFrame) with their labels and road numbers in `lang`."""
    labels = feature_labels(story, lang)
    return {i: translate_frame(gdf, labels.get(i, {})) for i, gdf in layers.items()}


def translate_frame(gdf: Any, labels: dict[str, str]) -> Any:
    """A layer's features with their `label` and `ref` in another language (a copy; text without a translation,
    such as an incomplete edition's, is kept)."""
    columns = {
        name: [labels.get(v, v) if isinstance(v, str) else v for v in gdf[name]]  # a list: None stays None
        for name in ("label", "ref")
        if name in gdf.columns
    }
    return gdf.assign(**columns) if columns else gdf.copy()
