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


def contrast_findings(story: Story, *, ground: str, dim_opacity: float) -> Iterator[Finding]:
    """A finding per layer whose stroke falls short somewhere it is shown: highlighted under 3:1 against what is
    beneath it, or dimmed under 1.5:1 against the ground; the worst case of each layer, located at its colour."""
    for i, spec in enumerate(story.layers):
        worst: tuple[float, str, Chapter, list[str], float, float] | None = None
        for chapter in story.chapters:
            strong = spec.id in chapter.highlight
            if not strong and spec.id not in chapter.context:
                continue
            under = (
                beneath(story, chapter, spec, ground, dim_opacity) if strong else [Beneath("the map's ground", ground)]
            )
            alpha, target = (1.0, NON_TEXT) if strong else (dim_opacity, DISTINGUISHABLE)
            for b in under:
                r = ratio(over(spec.style.color, alpha, b.color), b.color)
                if r < target and (worst is None or r / target < worst[0] / worst[4]):
                    worst = (r, b.what, chapter, [x.color for x in under], target, alpha)
        if worst is None:
            continue
        r, what, chapter, colors, target, alpha = worst
        state = "highlighted" if target == NON_TEXT else "dimmed"
        yield Finding(
            ("layers", i, "style", "color"),
            f"{spec.style.color} is {r:.1f}:1 against {what} where the layer is {state} (chapter '{chapter.id}'); "
            f"a {state} layer needs {target:g}:1 to be seen",
            f"use a darker colour, e.g. {darkened(spec.style.color, colors, target, alpha)}",
        )
