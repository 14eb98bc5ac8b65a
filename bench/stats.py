"""Small statistics without numpy: percentiles by linear interpolation, summaries rounded for the report."""

from __future__ import annotations

import math
from collections.abc import Sequence


def percentile(values: Sequence[float], q: float) -> float | None:
    """q in [0, 100]; the same interpolation as numpy's default ("linear")."""
    if not values:
        return None
    xs = sorted(values)
    pos = (len(xs) - 1) * q / 100
    lo, hi = math.floor(pos), math.ceil(pos)
    return xs[lo] + (xs[hi] - xs[lo]) * (pos - lo)


def summary(values: Sequence[float], digits: int = 1) -> dict[str, float | int | None]:
    """n, p50, p95, min, max of a sample."""

    def r(v: float | None) -> float | None:
        return None if v is None else round(v, digits)

    return {
        "n": len(values),
        "p50": r(percentile(values, 50)),
        "p95": r(percentile(values, 95)),
        "min": r(min(values)) if values else None,
        "max": r(max(values)) if values else None,
    }


def ratio(slow: float | None, fast: float | None) -> float | None:
    if slow is None or not fast:
        return None
    return round(slow / fast, 1)
