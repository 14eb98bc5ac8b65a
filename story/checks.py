"""Checks that span objects: layer references, ids, regions, basemap. Each yields located findings."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from pydantic import TypeAdapter, ValidationError

from story.markdown import has_image
from story.model import DEFAULT_BASEMAP, BBox, IsoDate, feature_rank
from story.yamlsource import Loc

# A bbox may overhang the region by this much (degrees): a view of a border town is still "inside".
REGION_TOLERANCE = 0.05


@dataclass
class Finding:
    loc: Loc
    message: str
    hint: str


def nearest(word: str, known: Sequence[str]) -> str | None:
    """The closest known name, if any is close enough to be a likely typo."""
    matches = difflib.get_close_matches(word, list(known), n=1, cutoff=0.5)
    return matches[0] if matches else None


def unknown_id_hint(word: str, known: Sequence[str], what: str = "layer id") -> str:
    best = nearest(word, known)
    listing = ", ".join(sorted(known)) or "none defined"
    if best:
        return f"did you mean '{best}'? Known {what}s: {listing}"
    return f"use one of the known {what}s: {listing}"


def check_layer_refs(ids: object, loc: Loc, known: Sequence[str], where: str) -> Iterator[Finding]:
    """Every string in `ids` must name a known layer; non-lists are the model's to report."""
    if not isinstance(ids, list):
        return
    for i, layer_id in enumerate(ids):
        if isinstance(layer_id, str) and layer_id not in known:
            yield Finding((*loc, i), f"unknown layer id '{layer_id}' in {where}", unknown_id_hint(layer_id, known))


def _inside(bbox: Sequence[float], region: Sequence[float], tol: float = REGION_TOLERANCE) -> bool:
    w, s, e, n = bbox
    rw, rs, re_, rn = region
    return w >= rw - tol and s >= rs - tol and e <= re_ + tol and n <= rn + tol


def check_bbox_in_region(
    bbox: Sequence[float], region: Sequence[float], loc: Loc, region_name: str | None = None
) -> Iterator[Finding]:
    if _inside(bbox, region):
        return
    named = f"the story's region ({region_name})" if region_name else "the story's region"
    fmt = ", ".join(f"{v:g}" for v in bbox)
    w, s, e, n = bbox
    swapped = [s, w, n, e]
    region_txt = ", ".join(f"{v:g}" for v in region)
    if _inside(swapped, region):
        yield Finding(
            loc,
            f"latitude and longitude look swapped: [{fmt}] lies outside {named}, "
            f"but [{', '.join(f'{v:g}' for v in swapped)}] lies inside it",
            "write bbox as [west, south, east, north]: longitude first, as in GeoJSON",
        )
    else:
        yield Finding(
            loc,
            f"bbox [{fmt}] is outside {named} [{region_txt}]",
            "check the coordinates (degrees, [west, south, east, north]) or widen region.bbox",
        )


def check_basemap(name: str) -> Iterator[Finding]:
    import xyzservices.providers as xyz  # imported lazily: only the check needs the provider table

    try:
        provider = xyz.query_name(name)
    except ValueError:
        known = list(xyz.filter(requires_token=False).flatten())
        best = nearest(name, known)
        hint = f"did you mean '{best}'?" if best else "use an xyzservices provider name,"
        yield Finding(("basemap",), f"unknown basemap '{name}'", f"{hint} (the default is {DEFAULT_BASEMAP})")
        return
    # A provider that needs a key would show readers a blank or watermarked map: the product is keyless.
    if provider.requires_token():
        yield Finding(
            ("basemap",),
            f"basemap '{name}' needs an API key",
            f"use a keyless provider such as {DEFAULT_BASEMAP}",
        )


def _quiet(adapter: TypeAdapter[Any], value: Any) -> Any:
    """The validated value, or None: its own errors are reported by the model validation already."""
    if value is None:
        return None
    try:
        return adapter.validate_python(value)
    except ValidationError:
        return None


_BBOX = TypeAdapter(BBox)
_DATE = TypeAdapter(IsoDate)


def _get(mapping: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(mapping, dict):
            return None
        mapping = mapping.get(key)
    return mapping


def check_story(data: dict[str, Any], layer_index: dict[int, str], chapter_index: dict[int, str]) -> Iterator[Finding]:
    """All cross-object checks, run on the raw data.

    They run even where the model validation failed (an invalid date must not hide an unknown layer id), using
    only the pieces that validate on their own; `layer_index`/`chapter_index` are every id written in the file.
    """
    layer_ids = list(dict.fromkeys(layer_index.values()))
    yield from _duplicates(layer_index, "layers", "layer id")
    yield from _duplicates(chapter_index, "chapters", "chapter id")
    if isinstance(data.get("basemap"), str):
        yield from check_basemap(data["basemap"])
    yield from check_layer_refs(data.get("default_layers"), ("default_layers",), layer_ids, "default_layers")
    if isinstance(data.get("inset"), str) and data["inset"] not in layer_ids:
        yield Finding(
            ("inset",), f"unknown layer id '{data['inset']}' in inset", unknown_id_hint(data["inset"], layer_ids)
        )
    region = _quiet(_BBOX, _get(data, "region", "bbox"))
    region_name = _get(data, "region", "name")
    region_name = region_name if isinstance(region_name, str) else None
    published = _quiet(_DATE, data.get("published"))
    for key in ("layers", "chapters"):
        entries = data.get(key)
        for i, raw in enumerate(entries if isinstance(entries, list) else []):
            if isinstance(raw, dict):
                yield from _check_as_of(raw, (key, i), published)
    chapters = data.get("chapters")
    for i, raw in enumerate(chapters if isinstance(chapters, list) else []):
        if isinstance(raw, dict):
            yield from _check_chapter(raw, ("chapters", i), region, layer_ids, region_name)
    yield from check_dates(data, published)


def _dates(values: Any) -> list[tuple[int, date]]:
    """(index, date) of each entry of a list that validates as a date on its own."""
    if not isinstance(values, list):
        return []
    return [(i, d) for i, d in enumerate(_quiet(_DATE, v) for v in values) if d is not None]


def _state_dates(data: dict[str, Any]) -> dict[str, set[date]]:
    """Each dated layer's id → the dates it has a state for (undated layers are left out: drawn on every date)."""
    out: dict[str, set[date]] = {}
    layers = data.get("layers")
    for raw in layers if isinstance(layers, list) else []:
        states = raw.get("states") if isinstance(raw, dict) else None
        if isinstance(raw, dict) and isinstance(raw.get("id"), str) and isinstance(states, list):
            out[raw["id"]] = {d for st in states if isinstance(st, dict) and (d := _quiet(_DATE, st.get("date")))}
    return out


def _highlights_drawn(data: dict[str, Any], known: list[date], default: date | None) -> Iterator[Finding]:
    """A chapter never highlights a dated layer on a date it has no state for: its subject would not be drawn."""
    dated = _state_dates(data)
    chapters = data.get("chapters")
    for i, raw in enumerate(chapters if isinstance(chapters, list) else []):
        if not isinstance(raw, dict) or not isinstance(raw.get("highlight"), list):
            continue
        compare = [d for _, d in _dates(raw.get("compare"))]
        day = compare[-1] if compare else _quiet(_DATE, raw.get("date")) or default
        if day not in known:
            continue  # an unknown date is reported on its own
        for j, layer_id in enumerate(raw["highlight"]):
            if isinstance(layer_id, str) and layer_id in dated and day not in dated[layer_id]:
                yield Finding(
                    ("chapters", i, "highlight", j),
                    f"highlights '{layer_id}', which has no state on {day}: nothing of it would be drawn",
                    "give the layer a state for that date, show it as context, or show the chapter on another date",
                )


def check_dates(data: dict[str, Any], published: date | None) -> Iterator[Finding]:
    """The story's `dates` in order; every date a chapter or a layer's state names is one of them."""
    dates = _dates(data.get("dates"))
    for (_, before), (j, d) in zip(dates, dates[1:], strict=False):
        if d <= before:
            same = d == before
            yield Finding(
                ("dates", j),
                f"{d} is listed twice" if same else f"{d} comes after the later date {before}",
                "list each date once" if same else "list the dates earliest first",
            )
    for j, d in dates:
        if published and d > published:
            yield Finding(("dates", j), f"{d} is after the story's publication date {published}", "fix the date")
    known = sorted({d for _, d in dates})
    listing = ", ".join(str(d) for d in known)
    hint = f"use one of the story's dates: {listing}" if known else "list the dates the map shows under dates:"

    def unknown(d: date, loc: Loc, what: str) -> Iterator[Finding]:
        if d not in known:
            where = "one of the story's dates" if known else "a date of this story, which lists none"
            yield Finding(loc, f"{what} {d} is not {where}", hint)

    as_of = _quiet(_DATE, data.get("as_of"))
    if known and as_of is not None and as_of not in known:
        yield Finding(
            ("as_of",),
            f"as_of {as_of} is not one of the story's dates",
            f"as_of is the date a chapter's map shows when it names none: make it one of {listing}",
        )
    yield from _highlights_drawn(data, known, as_of if as_of in known else (known[-1] if known else None))
    chapters = data.get("chapters")
    for i, raw in enumerate(chapters if isinstance(chapters, list) else []):
        if not isinstance(raw, dict):
            continue
        if (d := _quiet(_DATE, raw.get("date"))) is not None:
            yield from unknown(d, ("chapters", i, "date"), "date")
        for j, d in _dates(raw.get("compare")):
            yield from unknown(d, ("chapters", i, "compare", j), "compared date")
        if known and raw.get("as_of") is not None:
            yield Finding(
                ("chapters", i, "as_of"),
                "as_of is for stories with one date; this story lists dates:",
                "write date: (one of the story's dates) or compare: [from, to] instead",
            )
    layers = data.get("layers")
    for i, raw in enumerate(layers if isinstance(layers, list) else []):
        states = raw.get("states") if isinstance(raw, dict) else None
        seen: set[date] = set()
        for j, state in enumerate(states if isinstance(states, list) else []):
            day: date | None = _quiet(_DATE, state.get("date")) if isinstance(state, dict) else None
            if day is None:
                continue
            loc = ("layers", i, "states", j, "date")
            if day in seen:
                yield Finding(loc, f"the layer has two states for {day}", "give each date one state")
            seen.add(day)
            yield from unknown(day, loc, "state date")


def _check_as_of(raw: dict[str, Any], base: Loc, published: date | None) -> Iterator[Finding]:
    as_of = _quiet(_DATE, raw.get("as_of"))
    if as_of and published and as_of > published:
        yield Finding(
            (*base, "as_of"),
            f"as_of {as_of} is after the story's publication date {published}",
            "a map state cannot be newer than the story: fix the date",
        )


def _duplicates(ids: dict[int, str], key: str, what: str) -> Iterator[Finding]:
    first: dict[str, int] = {}
    for i, value in ids.items():
        if value in first:
            yield Finding(
                (key, i, "id"),
                f"duplicate {what} '{value}' (also entry {first[value] + 1} of {key})",
                "give each one a unique id",
            )
        else:
            first[value] = i


def _check_chapter(
    raw: dict[str, Any], base: Loc, region: list[float] | None, layer_ids: list[str], region_name: str | None
) -> Iterator[Finding]:
    highlight, context = raw.get("highlight"), raw.get("context")
    yield from check_layer_refs(_get(raw, "view", "fit"), (*base, "view", "fit"), layer_ids, "view.fit")
    yield from check_layer_refs(highlight, (*base, "highlight"), layer_ids, "highlight")
    yield from check_layer_refs(context, (*base, "context"), layer_ids, "context")
    if isinstance(highlight, list) and isinstance(context, list):
        for j, layer_id in enumerate(context):
            if isinstance(layer_id, str) and layer_id in highlight:
                yield Finding(
                    (*base, "context", j),
                    f"layer '{layer_id}' is both highlighted and in context",
                    "list it in highlight or in context, not both",
                )
    if isinstance(raw.get("body"), str) and has_image(raw["body"]):
        yield Finding(
            (*base, "body"),
            "the body contains an image",
            "stories show no photos (and never hot-link them): describe it in words or credit it in sources",
        )
    bbox = _quiet(_BBOX, _get(raw, "view", "bbox"))
    if bbox is not None and region is not None:
        yield from check_bbox_in_region(bbox, region, (*base, "view", "bbox"), region_name)


def check_named(data: dict[str, Any], layers: Sequence[Any], frames: dict[str, Any]) -> Iterator[Finding]:
    """Each chapter's `named` places: a label the map draws (a labelled point of a layer the chapter shows).
    `layers`: the story's LayerSpecs; `frames`: each layer as read (id → GeoDataFrame)."""
    specs = {spec.id: spec for spec in layers}
    chapters = data.get("chapters")
    for i, raw in enumerate(chapters if isinstance(chapters, list) else []):
        named = raw.get("named") if isinstance(raw, dict) else None
        if not isinstance(named, list):
            continue
        shown = [*(raw.get("highlight") or []), *(raw.get("context") or [])]
        for j, name in enumerate(named):
            found = _place(name, specs, frames)
            if found is None:
                labels = sorted({str(v) for spec in specs.values() if spec.kind == "point" and spec.id in frames
                                 for v in frames[spec.id].get("label", []) if isinstance(v, str)})  # fmt: skip
                near = nearest(str(name), labels)
                yield Finding(
                    ("chapters", i, "named", j),
                    f"'{name}' is not a place label of any point layer",
                    f"did you mean '{near}'?" if near else "write a point's label as its layer's GeoJSON has it",
                )
                continue
            spec, labelled = found
            if spec.id not in shown:
                yield Finding(
                    ("chapters", i, "named", j),
                    f"'{name}' is a place of layer '{spec.id}', which this chapter does not show",
                    f"add '{spec.id}' to the chapter's context (or highlight)",
                )
            elif not labelled:
                yield Finding(
                    ("chapters", i, "named", j),
                    f"'{name}' has no label on the map: layer '{spec.id}' labels {spec.labels!r}",
                    f"give '{name}' a rank the layer labels, or set the layer's labels: all",
                )


def _place(name: Any, specs: dict[str, Any], frames: dict[str, Any]) -> tuple[Any, bool] | None:
    """The point layer with a feature labelled `name`, and whether that feature gets a label on the map."""
    for spec in specs.values():
        gdf = frames.get(spec.id)
        if spec.kind != "point" or gdf is None or "label" not in gdf.columns:
            continue
        rows = gdf[gdf["label"] == name]
        if len(rows):
            ranks = rows["rank"] if "rank" in rows.columns else [None] * len(rows)
            return spec, any(spec.labels_feature(feature_rank(r)) for r in ranks)
    return None
