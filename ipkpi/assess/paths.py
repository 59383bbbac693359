"""The path of a level, increment or growth target: the stored statistic from its start
(the baseline) to the level the target implies, and where a figure stands on it — the
value expected by now, the share of the gap closed, the progress ratio, the rates a year
and the projection. Pure arithmetic that never raises: a quotient by zero or a power
beyond a float gives None or infinity, which ``ipkpi.assess.engine.assess`` turns into
None.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ipkpi.assess.results import Point, sign
from ipkpi.catalogue.model import Comparator, Kind, Target


@dataclass(frozen=True)
class StockPath:
    """A level, increment or growth target recast as a path of the stored statistic: from
    ``start`` in ``y0`` to ``goal`` in ``y1``. ``measure`` turns a stock into what the target
    compares: the stock itself, the increase since the start, or the CAGR since the start."""

    target: Target
    start: float
    goal: float
    y0: int
    y1: int

    @property
    def relative(self) -> bool:
        t = self.target
        return t.kind is Kind.GROWTH or (t.kind is Kind.INCREMENT and t.unit == "%")

    def measure(self, stock: float, year: int) -> float | None:
        kind = self.target.kind
        if kind is Kind.LEVEL:
            return stock
        if not self.relative:
            return stock - self.start
        if stock <= 0:
            return None
        if kind is Kind.INCREMENT:
            return (stock / self.start - 1) * 100
        if year == self.y0:
            return None
        return ((stock / self.start) ** (1 / (year - self.y0)) - 1) * 100

    def expected(self, year: int, compound: bool) -> float:
        if self.y1 <= self.y0:  # a path of no length: the goal is what is expected
            return self.goal
        share = (year - self.y0) / (self.y1 - self.y0)
        if compound:
            return self.start * power(self.goal / self.start, share)
        return self.start + (self.goal - self.start) * share

    def positive(self, *stocks: float) -> bool:
        return all(v > 0 for v in (self.start, self.goal, *stocks))


def stock_path(target: Target, start: Point, value: float | None = None) -> StockPath:
    """The path from ``start`` to the level the target implies (or, with ``value``, the
    level that value of the target's measure implies: the least figure satisfying a >)."""
    t = target.value if value is None else value
    n = target.target_year - start.year
    if target.kind is Kind.LEVEL:
        goal = t
    elif target.kind is Kind.GROWTH:  # the level the required CAGR leads to
        goal = start.value * power(1 + t / 100, n)
    elif target.unit == "%":
        goal = start.value * (1 + t / 100)
    else:
        goal = start.value + t
    return StockPath(target, start.value, goal, start.year, target.target_year)


def power(base: float, exponent: float) -> float:
    """``base ** exponent``, infinite where it overflows a float (1e200 ** 2), not raising;
    ``assess`` turns what is not finite into None."""
    try:
        return base**exponent
    except OverflowError:
        return math.inf


def ratio_of(part: float, whole: float) -> float | None:
    """``part / whole``, or None when the whole is nothing or the quotient not finite."""
    if not whole:
        return None
    ratio = part / whole
    return ratio if ratio - ratio == 0 else None


def finite(value: float | None) -> bool:
    return value is None or value - value == 0


def progress(
    path: StockPath, latest: Point, used: str
) -> tuple[float | None, float | None, float | None, float | None]:
    """Where the latest figure stands on the path: the measure expected by now, the share of
    the gap closed, the share of the time elapsed and the progress ratio (measured as
    ``used`` says: linear, compound or cagr)."""
    target, a = path.target, latest.value
    s, k, n = sign(target), latest.year - path.y0, path.y1 - path.y0
    span = path.goal - path.start
    expected_stock = path.expected(latest.year, used != "linear")
    expected = closed = time = ratio = None
    if k:
        time = k / n
        # For a growth target this is the target rate itself: the CAGR along its path.
        expected = path.measure(expected_stock, latest.year)
    if k and s * span > 0:
        if target.comparator is Comparator.APPROX:
            # 左右: the distance to the target counts, so overshooting it is not progress.
            closed = 1 - abs(path.goal - a) / abs(span)
        else:
            closed = (a - path.start) / span
        if used == "cagr":
            # A goal within float noise of the start requires no growth: no ratio to it.
            required = (path.goal / path.start) ** (1 / n) - 1
            ratio = ratio_of((a / path.start) ** (1 / k) - 1, required)
        elif target.comparator is Comparator.APPROX and s * (a - path.goal) > 0:
            ratio = ratio_of(closed, time)
        else:
            ratio = ratio_of(a - path.start, expected_stock - path.start)
    return expected, closed, time, ratio


def rates(
    path: StockPath, latest: Point, remaining: int, compound: bool, goal: float | None = None
) -> tuple[float | None, float | None, float | None]:
    """What the remaining years must deliver a year (to reach ``goal``, the path's own if
    not given), what the years so far delivered, and the target year's measure the trend
    so far leads to."""
    a, k, y1 = latest.value, latest.year - path.y0, path.y1
    goal = path.goal if goal is None else goal
    required_rate = actual_rate = projected = None
    if compound:
        if k:
            actual_rate = ((a / path.start) ** (1 / k) - 1) * 100
            projected = path.measure(a * power(1 + actual_rate / 100, remaining), y1)
        if remaining and goal > 0:  # a least figure below a ceiling of 0 has no rate
            required_rate = ((goal / a) ** (1 / remaining) - 1) * 100
    else:
        if k:
            actual_rate = (a - path.start) / k
            projected = path.measure(a + actual_rate * remaining, y1)
        if remaining:
            required_rate = (goal - a) / remaining
    return required_rate, actual_rate, projected
