"""Load a story file into a validated `Story`, or raise `StoryError` listing every located problem."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from story import checks
from story.budget import backdrop_over_budget, check_budget, web_layers
from story.checks import Finding
from story.model import Chapter, DatedState, LayerSpec, Region, Source, Story, StoryMeta, Style, View, invisible, shown
from story.yamlsource import MAX_DEPTH, LimitError, Loc, Parsed, duplicate_keys, line_at, parse

SHIPPED_STORIES_DIR = Path(__file__).resolve().parent / "stories"
TEMPLATE_DIR = Path(__file__).resolve().parent / "template"  # the example story `python -m mapstory new` writes
README_HINT = "see story/README.md"
# Limits on untrusted story files (see also yamlsource.MAX_DEPTH and story/budget.py). The shipped story is
# 20 kB, 8 chapters, 9 layers; these leave ample room for a long honest story and refuse a 50 MB one at once.
MAX_STORY_BYTES = 1_000_000
MAX_LAYER_FILE_BYTES = 20_000_000  # before simplification; the web budget is checked after it
MAX_CHAPTERS = 200
MAX_LAYERS = 50
_CAPS = {"chapters": MAX_CHAPTERS, "layers": MAX_LAYERS}
# Said of a file when reading it failed through a fault in the app: never the exception's own text, which can
# hold the server's absolute paths.
FAULT = "could not be read, because of a fault in the app rather than in the file"
BACKDROP = "\0backdrop"  # its key among the layers read (no layer id can hold a NUL)
_ALL_FIELDS = sorted(
    {name for m in (Story, LayerSpec, DatedState, Style, Chapter, View, Source, Region) for name in m.model_fields}
)


def default_story_path() -> Path:
    """The shipped Bakhmut story."""
    return SHIPPED_STORIES_DIR / "bakhmut" / "story.yaml"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a story file (located to a line) or with one of its layer files (to a feature)."""

    file: str
    line: int | None
    chapter: str | None
    field: str
    message: str
    hint: str = ""
    feature: str | None = None  # a layer file's feature: its label, or #N when it has none
    path: Path | None = None  # the file's absolute path, for showing it relative to the story folder

    def __str__(self) -> str:
        parts = [self.file if self.line is None else f"{self.file}:{self.line}"]
        if self.chapter is not None:
            parts.append(f"chapter {shown(self.chapter)}")  # an id as written, a stray newline spelled out
        if self.feature is not None:
            parts.append(
                f"feature {self.feature}" if self.feature.startswith("#") else f"feature {shown(self.feature)}"
            )
        if self.field:
            parts.append(self.field)
        text = ": ".join(parts) + ": " + self.message
        return f"{text} — {self.hint}" if self.hint else text


class StoryError(Exception):
    """Raised by load_story with every problem found in the file."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


def load_story(path: str | Path, *, read_layers: bool = False) -> Story:
    """Parse and validate a story file.

    Collects every problem (syntax, fields, references, regions, files) before raising StoryError, so an
    author fixes them in one pass. With read_layers=True each layer file is also read (through geo.io when
    it is installed), as `python -m mapstory check` does.
    """
    path = Path(path)
    display = display_path(path)
    parsed = read_source(path, display)
    if not isinstance(parsed.data, dict):
        kind = "empty" if parsed.data is None else _kind(parsed.data)
        line = line_at(parsed.root, ())
        raise _single(
            display, line, f"the file is {kind}, not a mapping of story fields",
            f"start it with fields such as title:, dek:, layers:, chapters: ({README_HINT})",
        )  # fmt: skip

    return _Validator(path, display, parsed.root, parsed.data, read_layers).run()


def read_source(path: Path, display: str) -> Parsed:
    """A story's YAML file (the story or an edition) read under the size limit and parsed with line numbers; a
    file that cannot be read or parsed raises StoryError with its one located problem."""
    try:
        size = path.stat().st_size
        if size > MAX_STORY_BYTES:
            raise _single(
                display, None, f"the story file is {_mb(size)}, over the {_mb(MAX_STORY_BYTES)} limit",
                "keep the story file to text and settings: geometry belongs in the layer files",
            )  # fmt: skip
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _single(
            display, None, "story file not found", "check the path, e.g. story/stories/<slug>/story.yaml"
        ) from None
    except UnicodeDecodeError as exc:
        raise _single(display, 1, f"is not UTF-8 text ({exc.reason})", "save the file as UTF-8") from None
    except OSError as exc:
        raise _single(display, None, f"cannot be read ({exc.strerror})", "check the path and its permissions") from None

    try:
        parsed = parse(text)
    except yaml.YAMLError as exc:
        raise _yaml_problem(display, exc) from None
    except LimitError as exc:
        raise _single(display, exc.line, exc.message, exc.hint) from None
    except RecursionError:  # cannot happen below MAX_DEPTH; kept so no input ever becomes a traceback
        raise _single(display, None, "is nested too deeply", f"use at most {MAX_DEPTH} levels") from None
    return parsed


class _Validator:
    """Validates one parsed file piece by piece so that one broken entry never hides the others."""

    def __init__(self, path: Path, display: str, root: yaml.Node | None, data: dict[str, Any], read_layers: bool):
        self.path, self.display, self.root, self.data = path, display, root, data
        self.read_layers = read_layers
        self.problems: list[Problem] = []
        self.context = {"base_dir": path.parent.resolve()}
        self.layer_index = _ids(data.get("layers"))
        self.chapter_index = _ids(data.get("chapters"))

    def run(self) -> Story:
        for loc, line, key in duplicate_keys(self.root):
            self.add(Finding((*loc, key), f"'{key}' appears twice", "YAML keeps only the last one: remove one"), line)

        meta_raw = {k: v for k, v in self.data.items() if k not in ("layers", "chapters")}
        meta = self.validate(StoryMeta, meta_raw, ())
        layers = {i: obj for i, obj in self.validate_list("layers", LayerSpec).items()}
        chapters = {i: obj for i, obj in self.validate_list("chapters", Chapter).items()}

        for finding in checks.check_story(self.data, self.layer_index, self.chapter_index):
            self.add(finding)
        # Lazy: story.edition_checks builds on this module. Checked on the raw data, so a problem in the original never
        # hides one in an edition.
        from story.edition_checks import check_editions

        editions = check_editions(self.path, self.data, self.root)
        for finding in editions.findings:
            self.add(finding)
        self.problems.extend(editions.problems)
        too_big = [f for f in (_layer_file_too_big(layer, i) for i, layer in layers.items()) if f is not None]
        for finding in too_big:
            self.add(finding)
        raw: dict[str, Any] = {}  # each layer as read, by id (and the backdrop): the weight budget's input
        if self.read_layers and meta is not None:
            readable = {i: spec for i, spec in layers.items() if ("layers", i, "file") not in {f.loc for f in too_big}}
            self.problems.extend(_read_layer_files(readable, meta, raw))
            self.problems.extend(_read_backdrop_file(self.path, raw))
            for finding in checks.check_named(self.data, list(layers.values()), raw):
                self.add(finding)

        if self.problems:
            # The story file's problems by line, then each layer file's in the order found.
            raise StoryError(sorted(self.problems, key=lambda p: (p.file != self.display, p.line or 0)))
        story = Story(
            **{name: getattr(meta, name) for name in StoryMeta.model_fields},
            layers=[layers[i] for i in sorted(layers)],
            chapters=[chapters[i] for i in sorted(chapters)],
        )
        story._path = self.path.resolve()
        story._editions, story._warnings = editions.editions, editions.warnings
        backdrop = raw.pop(BACKDROP, None)
        if self.read_layers and len(raw) == len(story.layers):  # weigh the layers as the app will send them
            web = web_layers(story, raw)
            story._web_backdrop = _web_backdrop(story, web, backdrop, self.problems)
            for finding in check_budget(story.layers, web, backdrop_bytes=_page_bytes(story.web_backdrop)):
                self.add(finding)
            if self.problems:
                raise StoryError(self.problems)
            story._web_layers = web
        return story

    def validate_list(self, key: str, model: type[BaseModel]) -> dict[int, Any]:
        raw = self.data.get(key)
        if key not in self.data:
            self.add(Finding((key,), "required field is missing", f"add `{key}:` with at least one entry"))
            return {}
        if not isinstance(raw, list) or not raw:
            what = "is empty" if raw in (None, []) else f"should be a list, not {_kind(raw)}"
            self.add(Finding((key,), what, f"give at least one entry, each starting with '- id:' ({README_HINT})"))
            return {}
        if len(raw) > _CAPS[key]:
            self.add(
                Finding(
                    (key,),
                    f"has {len(raw)} entries, over the limit of {_CAPS[key]}",
                    "split the story in two: a reader cannot follow more in one story",
                )
            )
            return {}
        out = {}
        for i, item in enumerate(raw):
            obj = self.validate(model, item, (key, i))
            if obj is not None:
                out[i] = obj
        return out

    def validate(self, model: type[BaseModel], raw: Any, base: Loc) -> Any:
        try:
            return model.model_validate(raw, context=self.context)
        except ValidationError as exc:
            for err in exc.errors():
                loc = (*base, *err["loc"])
                message, hint = _translate(err)
                self.add(Finding(loc, message, hint))
            return None

    def add(self, finding: Finding, line: int | None = None) -> None:
        loc = finding.loc
        chapter = None
        if len(loc) >= 2 and loc[0] == "chapters" and isinstance(loc[1], int):
            chapter = self.chapter_index.get(loc[1], f"#{loc[1] + 1}")
        self.problems.append(
            Problem(
                file=self.display,
                line=line if line is not None else line_at(self.root, loc),
                chapter=chapter,
                field=self.field_name(loc),
                message=finding.message,
                hint=finding.hint,
                path=self.path.resolve(),
            )
        )

    def field_name(self, loc: Loc) -> str:
        """`('layers', 2, 'style', 'color')` → `layers[west].style.color`; chapters drop their prefix."""
        parts: list[str] = []
        rest = list(loc)
        if len(rest) >= 2 and rest[0] == "chapters" and isinstance(rest[1], int):
            rest = rest[2:]
        elif len(rest) >= 2 and rest[0] == "layers" and isinstance(rest[1], int):
            parts.append(f"layers[{self.layer_index.get(rest[1], f'#{rest[1] + 1}')}]")
            rest = rest[2:]
        for n, part in enumerate(rest):
            if isinstance(part, int):
                if n < len(rest) - 1:  # a trailing index adds nothing: the message quotes the value
                    parts[-1:] = [f"{parts[-1] if parts else ''}[#{part + 1}]"]
            else:
                parts.append(str(part))
        return ".".join(parts)


def _ids(raw: Any) -> dict[int, str]:
    if not isinstance(raw, list):
        return {}
    return {i: e["id"] for i, e in enumerate(raw) if isinstance(e, dict) and isinstance(e.get("id"), str)}


def _kind(value: Any) -> str:
    # In YAML's words (nothing, mapping, yes/no), as the author sees story.yaml; geo/geometry.py `_what` says the
    # same in JSON's words for layer files.
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"yes/no ({str(value).lower()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    if isinstance(value, str):
        return f"text ('{value[:40]}')"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def _translate(err: Any) -> tuple[str, str]:
    """Pydantic's error → (what is wrong, what to do), in the story author's terms."""
    kind, value, ctx = err["type"], err.get("input"), err.get("ctx") or {}
    name = next((str(p) for p in reversed(err["loc"]) if isinstance(p, str)), "the field")
    if kind == "story":
        return err["msg"], str(ctx.get("hint", ""))
    if kind == "missing":
        return "required field is missing", f"add `{name}:` ({README_HINT})"
    if kind == "extra_forbidden":
        # A field that exists elsewhere (as_of on a dated state, say) is in the wrong place, not misspelt.
        best = checks.nearest(name, [f for f in _ALL_FIELDS if f != name])
        if name == "as_of" and "states" in err["loc"]:
            return "a dated state has no as_of", "its date is its `date:`; remove as_of"
        if name in _ALL_FIELDS:
            return f"'{name}' does not belong here", f"remove it, or move it where it belongs ({README_HINT})"
        return f"unknown field '{name}'", (
            f"did you mean '{best}'? ({README_HINT})" if best else f"remove it ({README_HINT})"
        )
    if kind == "string_type":
        return f"should be text, not {_kind(value)}", "write text after the colon; quote it if it looks like a number"
    if kind == "list_type":
        return f"should be a list, not {_kind(value)}", "write it as [a, b] or one '- item' per line"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"should be a mapping of fields, not {_kind(value)}", f"indent its fields beneath it ({README_HINT})"
    if kind in ("float_type", "float_parsing", "int_type", "int_parsing", "int_from_float"):
        want = "a whole number" if kind.startswith("int") else "a number"
        return f"should be {want}, not {_kind(value)}", "write a plain number, e.g. 24"
    if kind in ("greater_than", "greater_than_equal", "less_than", "less_than_equal"):
        return f"{value} is out of range: {err['msg'].replace('Input should be ', 'must be ')}", "change the number"
    if kind == "literal_error":
        return f"'{value}' is not allowed", f"use one of {ctx.get('expected', '')}"
    if kind == "too_short":
        return "is empty", f"give at least {ctx.get('min_length', 1)} entry"
    return err["msg"], README_HINT


def located(path: str | Path, findings: list[Finding]) -> StoryError:
    """Findings about a loaded story's file (e.g. its weight budget, checked by the app's build) as located
    problems, in the same `file:line: field: what — do` form as load_story's."""
    path = Path(path)
    parsed = parse(path.read_text(encoding="utf-8"))
    validator = _Validator(path, display_path(path), parsed.root, parsed.data, False)
    for finding in findings:
        validator.add(finding)
    return StoryError(validator.problems)


def _layer_file_too_big(layer: LayerSpec, i: int) -> Finding | None:
    """Checked before anything reads the file: a huge layer would cost every reader's server its memory."""
    for file, path, state in layer.parts():
        try:
            size = path.stat().st_size
        except (OSError, ValueError):
            continue  # a missing file is the model's problem to report
        if size > MAX_LAYER_FILE_BYTES:
            loc = (
                ("layers", i, "file")
                if state is None or state.file is None
                else ("layers", i, "states", (layer.states or []).index(state), "file")
            )
            return Finding(
                loc,
                f"{file} is {_mb(size)}, over the {_mb(MAX_LAYER_FILE_BYTES)} limit for a layer file",
                "simplify it before adding it (e.g. mapshaper -simplify) and keep only the features the story shows",
            )
    return None


def _mb(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _read_layer_files(layers: dict[int, LayerSpec], meta: StoryMeta, raw: dict[str, Any]) -> Iterator[Problem]:
    """Every problem of every layer file, each naming the file (as the author would type it) and the feature.

    Read through geo.io when the geo package is there (as the app does); else a light JSON check. Each layer
    read is kept in `raw`, by id, for the weight budget."""
    try:
        from geo.io import GeoDataError, read_layer  # lazy: geo is optional for the story package
        from story.layers import dated, join_parts, part_read_args
    except ImportError:
        read_layer = None  # type: ignore[assignment]
    for layer in layers.values():
        if read_layer is None:
            shown = display_path(layer.path)
            for message, hint in _light_geojson_check(layer):
                yield Problem(shown, None, None, "", message, hint, path=layer.path)
            continue
        frames = []
        for _file, path, state in layer.parts():
            shown = display_path(path)
            try:
                gdf = read_layer(path, **part_read_args(layer, meta.region, meta.as_of, state, shown))
                frames.append(dated(gdf, state))
                yield from _invisible_text(gdf, shown, path)
            except GeoDataError as exc:
                for p in exc.problems:
                    yield Problem(shown, None, None, p.field or "", p.problem, p.hint, feature=p.feature, path=path)
            except Exception:  # noqa: BLE001 — a fault of ours: a sentence for the author, the details in the log only
                logging.getLogger(__name__).exception("reading the layer file %s failed", path)
                yield Problem(shown, None, None, "", FAULT, "please report this; the details are in the log", path=path)
        if len(frames) == len(layer.parts()):
            raw[layer.id] = join_parts(frames)


def _read_backdrop_file(story_path: Path, raw: dict[str, Any]) -> Iterator[Problem]:
    """The backdrop's problems, named like a layer file's; the backdrop as read goes into `raw`."""
    try:
        from geo.io import GeoDataError
        from story.backdrop import backdrop_path, read_backdrop
    except ImportError:  # no geo package: nothing draws a backdrop either
        return
    path = backdrop_path(story_path)
    try:
        raw[BACKDROP] = read_backdrop(story_path)
    except GeoDataError as exc:
        for p in exc.problems:
            yield Problem(
                display_path(path), None, None, p.field or "", p.problem, p.hint, feature=p.feature, path=path
            )


def _web_backdrop(story: Story, web: dict[str, Any], backdrop: Any, problems: list[Problem]) -> Any:
    """The backdrop simplified as the page receives it; a problem when it is over one layer's budget."""
    from story.backdrop import backdrop_path, web_backdrop

    simplified = web_backdrop(story, web, backdrop)
    over = backdrop_over_budget(_page_bytes(simplified))
    if over:
        path = backdrop_path(story.path)
        problems.append(Problem(display_path(path), None, None, "", *over, path=path))
    return simplified


def _page_bytes(backdrop: Any) -> int:
    from story.backdrop import page_bytes

    return page_bytes(backdrop)


def _invisible_text(gdf: Any, shown: str, path: Path) -> Iterator[Problem]:
    """A layer's text that readers see on the map (labels, road numbers) follows the story file's rule."""
    for field in ("label", "ref"):
        if field not in gdf.columns:
            continue
        for n, value in enumerate(gdf[field], start=1):
            found = invisible(value)
            if found:  # named by number: the label itself is what hides something
                yield Problem(shown, None, None, field, *found, feature=f"#{n}", path=path)


def _light_geojson_check(layer: LayerSpec) -> Iterator[tuple[str, str]]:
    hint = "a layer file is a GeoJSON FeatureCollection (see story/README.md)"
    try:
        doc = json.loads(layer.path.read_text(encoding="utf-8"))
    except OSError as exc:  # its strerror only: the full message names the file by its absolute path
        yield f"cannot be read ({exc.strerror})", "check the file's permissions"
        return
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        yield f"is not readable JSON ({type(exc).__name__})", hint
        return
    if not isinstance(doc, dict) or doc.get("type") != "FeatureCollection":
        yield "is not a GeoJSON FeatureCollection", hint


def _yaml_problem(display: str, exc: yaml.YAMLError) -> StoryError:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    what = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = f"YAML syntax error: {what}" + (f" ({context})" if context else "")
    hint = "check the indentation, and quote text that contains ': ' or starts with a special character"
    if "\\t" in what or "tab" in what:
        hint = "indent with spaces, not tabs"
    return _single(display, mark.line + 1 if mark else 1, message, hint)


def _single(display: str, line: int | None, message: str, hint: str) -> StoryError:
    return StoryError([Problem(display, line, None, "", message, hint, path=_absolute(display))])


def _absolute(display: str) -> Path | None:
    try:
        return Path(display).resolve()
    except OSError:
        return None


def display_path(path: Path) -> str:
    """The path as the author would type it: relative to the working directory when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)
