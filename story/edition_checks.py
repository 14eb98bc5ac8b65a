"""The checks of a story's editions (story/edition.py), run by the loader with the story's own: each edition file's
problems located in it, in the story's `file:line: field: what — do` form, against the original's texts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from story.checks import Finding, nearest, unknown_id_hint
from story.edition import Edition
from story.loader import MAX_LAYER_FILE_BYTES, Problem, StoryError, _translate, display_path, read_source
from story.markdown import has_image, sanitiser_removes
from story.model import _iso_date, lang_problem, shown
from story.yamlsource import Loc, duplicate_keys, line_at

TextKey = tuple[str, ...]
# Where each translated text sits in an edition: a named field, or "*id"/"*text" for a mapping keyed by the
# original's ids or by its own text (source names, feature labels). "" marks a text.
SCHEMA: dict[str, Any] = {
    "title": "",
    "dek": "",
    "byline": "",
    "credits": "",
    "region": {"name": ""},
    "sources": {"*text": {"name": "", "note": ""}},
    "layers": {"*id": {"label": "", "short": "", "describe": "", "states": {"*id": {"label": "", "describe": ""}}}},
    "chapters": {"*id": {"title": "", "body": "", "caption": ""}},
    "features": {"*id": {"*text": ""}},
}
MARKDOWN = {"body", "credits"}  # the fields rendered as Markdown: sanitised, so checked like the original's
INCOMPLETE_HINT = "or, to publish the edition with it in the original language, set incomplete: true"


@dataclass
class EditionsChecked:
    """The loader's view of a story's editions: each valid one by language, findings about the original's
    `lang`/`editions`, and each edition file's problems and warnings."""

    editions: dict[str, Edition] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)


def check_editions(path: Path, data: dict[str, Any], root: Any) -> EditionsChecked:
    """Check every edition the original (its path, raw data and YAML root) lists; never raises."""
    out = EditionsChecked()
    names = data.get("editions")
    if not isinstance(names, list) or not names:
        return out
    if data.get("lang") is None:
        out.findings.append(
            Finding(
                ("editions",),
                "lists editions, but the story does not say its own language",
                "add lang: en (the original's language, as a BCP 47 tag) beside editions:",
            )
        )
    original = _Original(path, data, root)
    langs: dict[str, str] = {}  # each edition's language → its file, to find two in one language
    for i, name in enumerate(names):
        if not isinstance(name, str) or not name.endswith(".yaml") or "/" in name or "\\" in name:
            continue  # the model reports it
        if names.index(name) != i:
            out.findings.append(Finding(("editions", i), f"'{name}' is listed twice", "list each edition once"))
        elif not (path.parent / name).is_file():
            out.findings.append(
                Finding(
                    ("editions", i),
                    f"edition file '{name}' not found",
                    f"add {name} beside {path.name}, or remove it from editions",
                )
            )
        else:
            edition, problems, warnings = _check_one(original, path.parent / name, langs)
            out.problems += problems
            out.warnings += warnings
            if edition is not None:
                out.editions[edition.lang] = edition
    return out


class _Original:
    """The original story's translatable texts, each by its edition key, with where it is (loc, for a line)."""

    def __init__(self, path: Path, data: dict[str, Any], root: Any) -> None:
        self.path, self.data, self.root = path, data, root
        self.lang = data.get("lang") if isinstance(data.get("lang"), str) else "en"
        self.texts: dict[TextKey, tuple[Loc, str]] = {}
        self.files: dict[TextKey, str] = {}  # the layer file each feature text comes from
        for name in ("title", "dek", "byline", "credits"):
            self._add((name,), (name,), data.get(name))
        region = data.get("region")
        if isinstance(region, dict):
            self._add(("region", "name"), ("region", "name"), region.get("name"))
        for i, source in _entries(data, "sources", "name"):
            for name in ("name", "note"):
                self._add(("sources", source["name"], name), ("sources", i, name), source.get(name))
        for i, layer in _entries(data, "layers", "id"):
            self._layer(i, layer)
        for i, chapter in _entries(data, "chapters", "id"):
            for name in ("title", "body", "caption"):
                self._add(("chapters", chapter["id"], name), ("chapters", i, name), chapter.get(name))
        for i, layer in _entries(data, "layers", "id"):  # last, as in an edition file
            self._features(i, layer)

    def _add(self, key: TextKey, loc: Loc, value: Any) -> None:
        if isinstance(value, str) and value.strip():
            self.texts[key] = (loc, value)

    def _layer(self, i: int, layer: dict[str, Any]) -> None:
        lid = layer["id"]
        for name in ("label", "short", "describe"):
            self._add(("layers", lid, name), ("layers", i, name), layer.get(name))
        states: list[Any] = layer["states"] if isinstance(layer.get("states"), list) else []
        for j, state in enumerate(states):
            day = _day(state.get("date")) if isinstance(state, dict) else None
            if day is None:
                continue
            for name in ("label", "describe"):
                self._add(("layers", lid, "states", day, name), ("layers", i, "states", j, name), state.get(name))

    def _features(self, i: int, layer: dict[str, Any]) -> None:
        for loc, file, fields in _shown_files(i, layer):
            for text in _feature_texts(self.path.parent / file, fields):
                self.texts.setdefault(("features", layer["id"], text), (loc, text))
                self.files.setdefault(("features", layer["id"], text), file)

    def where(self, key: TextKey) -> str:
        loc, _ = self.texts[key]
        if key in self.files:
            return f"a feature's text in {self.files[key]}"
        return f"{display_path(self.path)}:{line_at(self.root, loc)}"


def _entries(data: dict[str, Any], key: str, name: str) -> list[tuple[int, dict[str, Any]]]:
    raw = data.get(key)
    items = raw if isinstance(raw, list) else []
    return [(i, e) for i, e in enumerate(items) if isinstance(e, dict) and isinstance(e.get(name), str)]


def _day(value: Any) -> str | None:
    try:
        return str(_iso_date(value))
    except Exception:  # noqa: BLE001 — not a date: the original's own check says so
        return None


def _shown_files(i: int, layer: dict[str, Any]) -> list[tuple[Loc, str, tuple[str, ...]]]:
    """(loc, file, feature fields to translate) of each file a layer draws: its own (unless every dated state has a
    file of its own) and each state's. Every label and road number, even one a state's label covers on the map:
    the published downloads carry them too."""
    raw = layer.get("states")
    states = [s for s in raw if isinstance(s, dict)] if isinstance(raw, list) else []
    out: list[tuple[Loc, str, tuple[str, ...]]] = []
    if isinstance(layer.get("file"), str) and (not states or any(not s.get("file") for s in states)):
        out.append((("layers", i, "file"), layer["file"], ("label", "ref")))
    for j, state in enumerate(states):
        if isinstance(state.get("file"), str):
            out.append((("layers", i, "states", j, "file"), state["file"], ("label", "ref")))
    return out


def _feature_texts(path: Path, fields: tuple[str, ...]) -> list[str]:
    """The labels and road numbers a layer file shows, in file order; none when the file is not readable (the
    original's own checks say why)."""
    try:
        if path.stat().st_size > MAX_LAYER_FILE_BYTES:
            return []
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    features = doc.get("features") if isinstance(doc, dict) else None
    out: list[str] = []
    for feature in features if isinstance(features, list) else []:
        props = feature.get("properties") if isinstance(feature, dict) else None
        for name in fields:
            value = props.get(name) if isinstance(props, dict) else None
            if isinstance(value, str) and value.strip() and value not in out:
                out.append(value)
    return out


class _EditionFile:
    """One edition file's problems, located like the story's: `file:line: chapter 'id': field: what — do`."""

    def __init__(self, path: Path, root: Any) -> None:
        self.path, self.root, self.display = path, root, display_path(path)
        self.problems: list[Problem] = []

    def problem(self, loc: Loc, message: str, hint: str, line: int | None = None) -> Problem:
        chapter = str(loc[1]) if len(loc) >= 2 and loc[0] == "chapters" else None
        rest = loc[2:] if chapter is not None else loc
        return Problem(
            self.display,
            line if line is not None else line_at(self.root, loc),
            chapter,
            field_name(rest),
            message,
            hint,
            path=self.path.resolve(),
        )

    def add(self, loc: Loc, message: str, hint: str, line: int | None = None) -> None:
        self.problems.append(self.problem(loc, message, hint, line))


def field_name(loc: Loc) -> str:
    """An edition key as the author reads it: `layers[west].states[2023-04-07].label`,
    `features[places]['Bakhmut']`, `sources['GeoNames'].note`."""
    out, schema = "", SCHEMA
    for part in loc:
        text = str(part)
        step = schema.get(text) if isinstance(schema, dict) else None
        if step is None and isinstance(schema, dict) and ("*id" in schema or "*text" in schema):
            keyed = "*id" if "*id" in schema else "*text"
            out += f"[{text}]" if keyed == "*id" else f"[{shown(text)}]"
            schema = schema[keyed]
        elif isinstance(part, int):
            out += f"[#{part + 1}]"
        else:
            out += f".{text}" if out else text
            schema = step if step is not None else {}
    return out


def _check_one(
    original: _Original, path: Path, langs: dict[str, str]
) -> tuple[Edition | None, list[Problem], list[Problem]]:
    """One edition file: its YAML, its fields, its keys against the original's, its Markdown, its completeness."""
    display = display_path(path)
    try:
        parsed = read_source(path, display)
    except StoryError as err:
        return None, err.problems, []
    where = _EditionFile(path, parsed.root)
    if not isinstance(parsed.data, dict):
        where.add((), "the edition is not a mapping of fields", "start it with lang:, translation_of: and credit:")
        return None, where.problems, []
    data = parsed.data
    for loc, line, repeated in duplicate_keys(parsed.root):
        where.add((*loc, repeated), f"'{repeated}' appears twice", "YAML keeps only the last one: remove one", line)
    edition = _validate(where, data)
    _check_identity(where, original, path, data, langs)
    keys = dict(_walk(data, SCHEMA))
    _check_unknown(where, original, keys)
    _check_markdown(where, keys, data)
    missing = [k for k in original.texts if k not in keys and not (k[0] == "sources" and k[-1] == "name")]
    warnings: list[Problem] = []
    if data.get("incomplete") is True:
        warnings += _incomplete(where, missing)
    else:
        for key in missing:
            excerpt = shown(_excerpt(original.texts[key][1]))
            where.add(key, "is not translated", f"translate {excerpt} ({original.where(key)}); {INCOMPLETE_HINT}")
    if edition is None or where.problems:
        return None, where.problems, warnings
    edition._file = path.name
    edition._untranslated = tuple(_readable(k) for k in missing)
    return edition, [], warnings


def _validate(where: _EditionFile, data: dict[str, Any]) -> Edition | None:
    try:
        return Edition.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            loc = tuple(p for p in err["loc"] if p != "[key]")
            message, hint = _translate(err)
            if err["type"] == "extra_forbidden":
                best = nearest(str(loc[-1]), _fields_at(loc[:-1]))
                message = f"'{loc[-1]}' is not a translated field"
                hint = f"did you mean '{best}'?" if best else "an edition holds text only: see story/README.md"
            where.add(loc, message, hint)
        return None


def _fields_at(loc: Loc) -> list[str]:
    schema: Any = SCHEMA
    for part in loc:
        if not isinstance(schema, dict):
            return []
        schema = schema.get(str(part)) or schema.get("*id") or schema.get("*text")
    top = ["lang", "translation_of", "incomplete", "credit"] if not loc else []
    return [*top, *(k for k in schema if not k.startswith("*"))] if isinstance(schema, dict) else top


def _check_identity(
    where: _EditionFile, original: _Original, path: Path, data: dict[str, Any], langs: dict[str, str]
) -> None:
    """The edition is of this story, in a language of its own, and named for it."""
    lang = data.get("lang")
    if data.get("translation_of") != original.path.name and isinstance(data.get("translation_of"), str):
        where.add(
            ("translation_of",),
            f"names {shown(data['translation_of'])}, not this story's file {original.path.name}",
            f"write translation_of: {original.path.name} (an edition belongs beside the story it translates)",
        )
    if not isinstance(lang, str):
        return
    parts = path.name.split(".")
    if lang == original.lang:
        where.add(("lang",), f"'{lang}' is the original's own language", "give the edition's language, e.g. uk")
    elif lang in langs:
        where.add(
            ("lang",), f"another edition ({langs[lang]}) is already in '{lang}'", "give each language one edition"
        )
    elif len(parts) == 3 and parts[1] != lang and lang_problem(lang) is None:
        where.add(
            ("lang",),
            f"is '{lang}', but the file is named for '{parts[1]}'",
            f"rename the file story.{lang}.yaml, or fix lang",
        )
    langs.setdefault(lang, path.name)


def _walk(node: Any, schema: Any, key: TextKey = ()) -> Any:
    """(key, loc) of every text an edition gives, along SCHEMA; unknown fields are the model's to report."""
    if schema == "":
        if node is not None:
            yield key, key
        return
    if not isinstance(node, dict) or not isinstance(schema, dict):
        return
    for k, value in node.items():
        name = str(k)
        sub = schema.get(name, schema.get("*id", schema.get("*text")))
        if sub is not None:
            yield from _walk(value, sub, (*key, name))


_WHAT = {"layers": "layer id", "chapters": "chapter id", "sources": "source name", "features": "layer id"}


def _check_unknown(where: _EditionFile, original: _Original, keys: dict[TextKey, Loc]) -> None:
    """Each translated id, date, source, label or field the original does not have, once, with the nearest."""
    reported: set[TextKey] = set()
    for key in keys:
        if key in original.texts:
            continue
        p = next(p for p in range(len(key)) if not any(o[: p + 1] == key[: p + 1] for o in original.texts))
        head = key[: p + 1]
        if head in reported:
            continue
        reported.add(head)
        known = sorted({o[p] for o in original.texts if o[:p] == key[:p] and len(o) > p})
        word = key[p]
        if p == 1 and key[0] in _WHAT:
            what = _WHAT[key[0]]
            message = f"the original has no {what.replace(' id', '').replace(' name', '')} {shown(word)}"
            where.add(head, message, unknown_id_hint(word, known, what))
        elif p == 3 and key[2] == "states":
            where.add(
                head,
                f"layer '{key[1]}' has no state for {word} in the original",
                unknown_id_hint(word, known, "state date"),
            )
        elif p == 2 and key[0] == "features":
            message = f"no feature of layer '{key[1]}' shows {shown(word)} in the original"
            where.add(head, message, unknown_id_hint(word, known, "label"))
        else:
            where.add(head, f"the original has no {word} here", "remove it: there is nothing to translate")


def _check_markdown(where: _EditionFile, keys: dict[TextKey, Loc], data: dict[str, Any]) -> None:
    """A translated body or credits that the sanitiser would change: readers would not get what it says."""
    for key in keys:
        if key[-1] not in MARKDOWN:
            continue
        text: Any = data
        for part in key:
            text = text.get(part) if isinstance(text, dict) else None
        if not isinstance(text, str):
            continue
        if has_image(text):
            where.add(
                key,
                "the text contains an image",
                "stories show no photos (and never hot-link them): describe it in words or credit it in sources",
            )
        elif removed := sanitiser_removes(text):
            where.add(
                key,
                f"the sanitiser would remove {', '.join(removed)}: readers would not see what the translation says",
                "write plain Markdown (emphasis, lists, quotes, links to http, https or mailto addresses)",
            )


def _incomplete(where: _EditionFile, missing: list[TextKey]) -> list[Problem]:
    """The author said the edition may be published incomplete: one warning listing what readers get in the
    original language (or saying that nothing is missing any more)."""
    if not missing:
        return [
            where.problem(("incomplete",), "says incomplete, but every text is translated", "remove incomplete: true")
        ]
    listing = ", ".join(_readable(k) for k in missing)
    return [
        where.problem(
            ("incomplete",),
            f"{len(missing)} text(s) not translated yet, shown to readers in the original language: {listing}",
            "translate them, then remove incomplete: true",
        )
    ]


def _excerpt(text: str, size: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= size else flat[: size - 1] + "…"


def _readable(key: TextKey) -> str:
    if key[0] == "chapters" and len(key) >= 3:
        return f"chapter '{key[1]}' {field_name(key[2:])}"
    return field_name(key)
