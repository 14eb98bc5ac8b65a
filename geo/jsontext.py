"""Parse a layer file's JSON, turning the parser's terse errors into what the author should fix."""

from __future__ import annotations

import json
from typing import Any


class JsonTextError(ValueError):
    """The file is not JSON: `problem` says where and why, `hint` what to do."""

    def __init__(self, problem: str, hint: str) -> None:
        self.problem, self.hint = problem, hint
        super().__init__(f"{problem} — {hint}")


def _reject_constant(name: str) -> Any:
    # Python's json accepts NaN and Infinity; JSON (and every other reader of the file) does not.
    raise JsonTextError(f"{name} is not a JSON number", f"write a real number instead of {name}")


def loads(text: str) -> Any:
    """`json.loads`, but every failure is a JsonTextError naming the line and column."""
    if not text.strip():
        raise JsonTextError("the file is empty", "save the layer as GeoJSON (a FeatureCollection) into it")
    try:
        return json.loads(text, parse_constant=_reject_constant)
    except RecursionError:  # brackets nested thousands deep: a hostile or broken file, never a GeoJSON layer
        raise JsonTextError(
            "is nested too deeply to read (brackets inside brackets, thousands of levels)",
            "a GeoJSON layer nests at most a few levels (a MultiPolygon's coordinates: 4); export the layer again",
        ) from None
    except json.JSONDecodeError as error:
        problem, hint = _explain(error)
        line, column = error.lineno, error.colno
        if problem.startswith("a comma before"):  # point at the comma, not at the bracket after it
            comma = text.rindex(",", 0, error.pos)
            line = text.count("\n", 0, comma) + 1
            column = comma - (text.rfind("\n", 0, comma) + 1) + 1
        raise JsonTextError(f"is not valid JSON: {problem} at line {line}, column {column}", hint) from None


def _previous_char(text: str, pos: int) -> str:
    before = text[:pos].rstrip()
    return before[-1:] if before else ""


def _explain(error: json.JSONDecodeError) -> tuple[str, str]:
    msg, text, pos = error.msg, error.doc, error.pos
    at = text[pos : pos + 1]
    trailing = _previous_char(text, pos) == "," and at in ("]", "}")
    if trailing:
        return (
            "a comma before the closing bracket",
            "remove the comma after the last item: JSON allows no trailing comma",
        )
    if msg.startswith("Expecting ',' delimiter"):
        return "a comma is missing between two items", "add the comma, or close the bracket that is still open"
    if msg.startswith("Expecting ':' delimiter"):
        return "a colon is missing after a property name", 'write "name": value'
    if msg.startswith("Expecting property name"):
        return (
            "a property name is not in double quotes",
            "quote names with double quotes: \"label\", not label or 'label'",
        )
    if msg.startswith("Expecting value"):
        if pos >= len(text.rstrip()):
            return "the file ends too early", "the file looks cut off: save or export it again"
        return "a value is missing or is not JSON", (
            'text needs double quotes ("…"), and true, false and null are lowercase'
        )
    if msg.startswith("Extra data"):
        return (
            "there is more text after the end of the data",
            "keep one FeatureCollection in the file, nothing after it",
        )
    if msg.startswith("Unterminated string"):
        return "a text value is not closed", 'close it with a double quote (")'
    if msg.startswith("Invalid control character"):
        return "a text value contains a line break or tab", r"write a line break inside text as \n"
    if msg.startswith("Invalid \\escape") or msg.startswith("Invalid \\u"):
        return "a backslash starts an unknown escape", r"write a backslash inside text as \\"
    return msg[0].lower() + msg[1:], "check the JSON syntax near that place"
