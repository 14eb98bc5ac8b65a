"""What is wrong with a layer file, as sentences an author can act on: file, feature, field, problem, hint."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LayerProblem:
    """One problem in one layer file. `feature` is the feature's label, or `#N` (1-based) when it has none."""

    file: str
    problem: str
    feature: str | None = None
    field: str | None = None
    hint: str = ""

    @property
    def where(self) -> str:
        """`feature 'Old town': source`, `feature #3: geometry`, or just the field."""
        parts = []
        if self.feature is not None:
            parts.append(f"feature {self.feature}" if self.feature.startswith("#") else f"feature '{self.feature}'")
        if self.field is not None:
            parts.append(self.field)
        return ": ".join(parts)

    def __str__(self) -> str:
        sentence = ": ".join(p for p in (self.file, self.where) if p) + ": " + self.problem
        return f"{sentence} — {self.hint}" if self.hint else sentence


class GeoDataError(ValueError):
    """A layer file that cannot be used, with every problem found in it (one sentence each)."""

    def __init__(self, problems: list[LayerProblem]) -> None:
        if not problems:
            raise ValueError("GeoDataError needs at least one problem")
        self.problems = list(problems)
        super().__init__(str(self))

    @classmethod
    def one(
        cls, file: str, problem: str, *, feature: str | None = None, field: str | None = None, hint: str = ""
    ) -> GeoDataError:
        return cls([LayerProblem(file, problem, feature, field, hint)])

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)
