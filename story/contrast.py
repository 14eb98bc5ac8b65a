"""Contrast of the map's graphics (WCAG 2.2, success criterion 1.4.11, non-text contrast): a highlighted layer's
outline or line must stand at least 3:1 against what is drawn beneath it on the page — the map's ground (where
tiles do not load, the calm colour the story stays legible on) and the fills of the area layers under it in the
same chapter. A dimmed layer may fall below that, but must still be told from the ground.

Colours are composited as the browser draws them (sRGB, the layer's opacity over what is beneath) and compared
with WCAG 2.1's formula (coloraide). `python -m mapstory check` reports each failure as a located warning with the
measured ratio and a darker colour that would pass.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from coloraide import Color

from story.checks import Finding
from story.model import Chapter, LayerSpec, Story

NON_TEXT = 3.0  # WCAG 2.2 1.4.11: graphical objects needed to understand the content
DISTINGUISHABLE = 1.5  # a dimmed layer: context, not content, but still told from the ground


def ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two opaque colours, 1 to 21."""
    return float(Color(a).contrast(Color(b), method="wcag21"))


def over(color: str, alpha: float, beneath: str) -> str:
    """`color` at opacity `alpha` drawn over the opaque `beneath`, as the browser composites it (hex)."""
    top = Color(color).set("alpha", alpha)
    return Color.layer([top, Color(beneath)], space="srgb").convert("srgb").to_string(hex=True)


def darkened(color: str, beneath: list[str], target: float, alpha: float = 1.0) -> str:
    """The colour of the same hue, darkened in OKLCh lightness until, drawn at `alpha`, it reaches `target`
    against every colour in `beneath` (a suggestion the author can paste)."""
    c = Color(color).convert("oklch")

    def worst(hex_: str) -> float:
        return min(ratio(over(hex_, alpha, b), b) for b in beneath)

    while c["lightness"] > 0 and worst(c.convert("srgb").fit("srgb").to_string(hex=True)) < target:
        c["lightness"] = max(0.0, c["lightness"] - 0.01)
    return c.convert("srgb").fit("srgb").to_string(hex=True)


@dataclass(frozen=True)
class Beneath:
    what: str  # "the map's ground", "the fill of 'west'"
    color: str  # opaque, as composited


def beneath(story: Story, chapter: Chapter, spec: LayerSpec, ground: str, dim_opacity: float) -> list[Beneath]:
    """What a layer is drawn over in a chapter: the ground, and the fill of each area layer shown beneath it
    (earlier in the story's layer order), as composited over the ground."""
    out = [Beneath("the map's ground", ground)]
    for other in story.layers:
        if other.id == spec.id:
            break
        shown = other.id in chapter.highlight or other.id in chapter.context
        if other.kind != "area" or not shown or not other.style.fill_opacity:
            continue
        alpha = other.style.fill_opacity * (1 if other.id in chapter.highlight else dim_opacity)
        fill = other.style.fill_color or other.style.color
        out.append(Beneath(f"the fill of '{other.id}'", over(fill, alpha, ground)))
    return out


def _grounds(story: Story, spec: LayerSpec, strong: bool, ground: str, dim: float) -> list[tuple[Beneath, Chapter]]:
    """Everything the layer is drawn over, in every chapter that shows it highlighted (`strong`) or dimmed; a
    dimmed layer is judged against the ground only."""
    out = []
    for chapter in story.chapters:
        if spec.id in (chapter.highlight if strong else chapter.context):
            under = beneath(story, chapter, spec, ground, dim) if strong else [Beneath("the map's ground", ground)]
            out += [(b, chapter) for b in under]
    return out


def contrast_findings(story: Story, *, ground: str, dim_opacity: float) -> Iterator[Finding]:
    """A finding per layer and state whose stroke falls short somewhere: highlighted under 3:1 against what is
    beneath it, or dimmed under 1.5:1 against the ground. It names the worst case, located at the layer's colour,
    and suggests a colour that passes everywhere the layer is shown so."""
    for i, spec in enumerate(story.layers):
        for strong, alpha, target in ((True, 1.0, NON_TEXT), (False, dim_opacity, DISTINGUISHABLE)):
            grounds = _grounds(story, spec, strong, ground, dim_opacity)
            if not grounds:
                continue
            r, b, chapter = min(
                ((ratio(over(spec.style.color, alpha, b.color), b.color), b, c) for b, c in grounds),
                key=lambda found: found[0],
            )
            if r >= target:
                continue
            state = "highlighted" if strong else "dimmed"
            better = darkened(spec.style.color, sorted({b.color for b, _ in grounds}), target, alpha)
            yield Finding(
                ("layers", i, "style", "color"),
                f"{spec.style.color} is {r:.1f}:1 against {b.what} where the layer is {state} (chapter '{chapter.id}');"
                f" a {state} layer needs {target:g}:1 to be seen",
                f"use a darker colour, e.g. {better}",
            )


def contrast_warnings(story: Story, path: Path) -> list[str]:
    """The findings as `check` prints them, located in the story file (`file:line: field: what — do`), with the
    look's ground and dimmed opacity (story/look.json)."""
    from story.loader import located
    from story.look import LOOK

    found = list(contrast_findings(story, ground=LOOK.no_tiles_background, dim_opacity=LOOK.dim_opacity))
    return [str(problem) for problem in located(path, found).problems] if found else []
