"""Parse a story file keeping PyYAML's node marks, so every problem can name the line it comes from."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import yaml

Loc = tuple[str | int, ...]

# A story file is untrusted input (a contributor's pull request, an upload): it is parsed under limits, so a
# hostile file costs milliseconds, never the server. The deepest real story field is chapters → item → view →
# bbox → number (5 levels); 20 leaves room for any honest layout and stops PyYAML's recursive composer long
# before Python's recursion limit.
MAX_DEPTH = 20
_NO_ALIASES = "story files may not use YAML anchors (&) or aliases (*)"


class LimitError(Exception):
    """The file breaks one of the parsing limits: a line, what is wrong and what to do."""

    def __init__(self, line: int, message: str, hint: str) -> None:
        self.line, self.message, self.hint = line, message, hint
        super().__init__(f"line {line}: {message} — {hint}")


class _Loader(yaml.SafeLoader):
    """SafeLoader without implicit timestamps, aliases, anchors or deep nesting.

    Dates stay text so that pydantic parses them: an impossible date ("2023-02-30") then becomes a located
    problem instead of a bare ValueError from PyYAML's constructor. Aliases are refused outright (a story never
    needs them, and nine levels of them expand to a billion nodes: the "billion laughs" bomb); the depth limit is
    checked while composing, before any recursion gets deep.
    """

    _depth = 0

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            raise LimitError(
                line,
                f"uses a YAML alias (*{event.anchor})",
                "write the value out in full: " + _NO_ALIASES,
            )
        if getattr(event, "anchor", None) is not None:
            raise LimitError(
                line,
                f"uses a YAML anchor (&{event.anchor})",
                "remove the anchor and write values out in full: " + _NO_ALIASES,
            )
        if self._depth >= MAX_DEPTH:
            raise LimitError(
                line,
                f"is nested more than {MAX_DEPTH} levels deep",
                "a story needs at most a few levels (chapters → view → bbox): check the indentation and brackets",
            )
        self._depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass
class Parsed:
    """The composed node tree (for line numbers) and the plain Python data built from it."""

    root: yaml.Node | None
    data: Any


def parse(text: str) -> Parsed:
    """Compose and construct one YAML document.

    Raises yaml.YAMLError (with marks) on bad syntax and LimitError on aliases, anchors or deep nesting.
    """
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return Parsed(root, data)


def node_at(root: yaml.Node, loc: Loc) -> tuple[yaml.Node, yaml.Node | None]:
    """The deepest node reachable along `loc` and the mapping key that led to it (None after a list index).

    Stops early when a key is missing, so a missing field points at its parent.
    """
    node, key = root, None
    for part in loc:
        step = _child(node, part)
        if step is None:
            break
        key, node = step
    return node, key


def line_at(root: yaml.Node | None, loc: Loc) -> int:
    """1-based line of the node `loc` points at (or of its nearest existing parent)."""
    if root is None:
        return 1
    node, key = node_at(root, loc)
    # A block mapping/list starts on the line after its key ("view:" then "  fit: ..."): name the key's line.
    if key is not None and isinstance(node, yaml.CollectionNode):
        return key.start_mark.line + 1
    return node.start_mark.line + 1


def _child(node: yaml.Node, part: str | int) -> tuple[yaml.Node | None, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode) and isinstance(part, str):
        found = None
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == part:
                found = (key, value)  # last one wins, as in the constructed data
        return found
    if isinstance(node, yaml.SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return None, node.value[part]
    return None


def duplicate_keys(root: yaml.Node | None, loc: Loc = ()) -> Iterator[tuple[Loc, int, str]]:
    """Yield (loc of the mapping, line, key) for every key repeated in a mapping.

    PyYAML silently keeps the last value of a repeated key; an author almost never means that.
    """
    if isinstance(root, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in root.value:
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    yield loc, key.start_mark.line + 1, key.value
                seen.add(key.value)
                yield from duplicate_keys(value, (*loc, key.value))
    elif isinstance(root, yaml.SequenceNode):
        for i, item in enumerate(root.value):
            yield from duplicate_keys(item, (*loc, i))
