"""What an assessment says: the statuses and their order, the method and thresholds it
was made with, the points of a series and the notes on its data problems, one target's
``Assessment`` and a plan's, a year of a target's chart; and the tests every status rests
on: whether a value holds against its target, what a series' figures leave to note. Every
view (terminal, JSON, CSV, Excel) is built from these objects.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from ipkpi.catalogue.model import Comparator, Direction, Kind, Plan, Target


class Status(StrEnum):
    ACHIEVED = "achieved"  # 已达标: the target holds already, before its year
    ON_TRACK = "on_track"  # 进度正常: progress ratio >= on_track threshold
    MODERATE = "moderate"  # 进度偏慢: between the moderate and on_track thresholds
    BEHIND = "behind"  # 进度滞后: between 0 and the moderate threshold
    # 超出目标区间: a 左右 (≈) target passed by more than its tolerance, before its year
    OVERSHOOT = "overshoot"
    MOVING_AWAY = "moving_away"  # 逆向变化: progress ratio < 0
    MISSED = "missed"  # 未完成: the target year's figure is in and the target does not hold
    MET = "met"  # 已完成: the target year's figure is in and the target holds
    # 待最终数据: the target year is over and its figure is not in: judged once it is
    AWAITING_FINAL = "awaiting_final"
    NO_DATA = "no_data"  # 数据不足: fewer points than the assessment needs


# The codes as options and configuration files write them, in the order above.
STATUS_CODES = tuple(s.value for s in Status)
# What --fail-on and fail_on accept: the statuses, and "overdue" for a task past its
# deadline and not done (ipkpi.assess.tasks).
FAIL_ON_CODES = (*STATUS_CODES, "overdue")


# Best first; the order of summaries and the sense of "a better status".
STATUS_ORDER: tuple[Status, ...] = (
    Status.MET,
    Status.ACHIEVED,
    Status.ON_TRACK,
    Status.MODERATE,
    Status.BEHIND,
    Status.OVERSHOOT,
    Status.MOVING_AWAY,
    Status.MISSED,
    Status.AWAITING_FINAL,
    Status.NO_DATA,
)


# Sums and rates of decimal figures pick up float noise (0.1 + 0.2); compare at a precision far
# below any published figure so that 以上 and 超过 keep their meaning exactly at the target.
_DIGITS = 9


class Method(StrEnum):
    LINEAR = "linear"  # progress ratio on the path (straight, or compound where it is)
    CAGR = "cagr"  # actual CAGR ÷ required CAGR (Eurostat / Open SDG), positive series only


@dataclass(frozen=True)
class Thresholds:
    """Progress ratios that separate on_track / moderate / behind (Eurostat's defaults)."""

    on_track: float = 0.95
    moderate: float = 0.60

    def __post_init__(self) -> None:
        if not 0 < self.moderate < self.on_track:
            raise ValueError(
                f"thresholds must satisfy 0 < moderate < on_track, got "
                f"on_track={self.on_track:g}, moderate={self.moderate:g}"
            )

    def status(self, ratio: float) -> Status:
        # 15.95 from 15 against 16 is a ratio of 0.95 exactly, not 0.9499999999999993.
        ratio = round(ratio, _DIGITS)
        if ratio >= self.on_track:
            return Status.ON_TRACK
        if ratio >= self.moderate:
            return Status.MODERATE
        if ratio >= 0:
            return Status.BEHIND
        return Status.MOVING_AWAY


DEFAULT_THRESHOLDS = Thresholds()


class Point(NamedTuple):
    """One year's figure of a target's statistic, in the unit it is stored in (a named
    tuple: a report of every place builds hundreds of thousands)."""

    year: int
    value: float
    preliminary: bool = False  # 快报 / 初步: may still be revised


@dataclass(frozen=True)
class Note:
    """A data problem that did not stop the assessment. ``code`` is stable; ``data`` holds
    the figures the message needs (see ``ipkpi.labels`` for the wording)."""

    code: str
    data: Mapping[str, Any] = field(default_factory=dict)


# Note codes
BASELINE_OBSERVED = "baseline_observed"  # no baseline in the catalogue: an observed year used
BASELINE_NOT_USED = "baseline_not_used"  # a windowed target's catalogue baseline: shown only
SINGLE_POINT = "single_point"  # one data point: no change to measure
MISSING_YEARS = "missing_years"  # a year missing in the middle of the series
SIGN_CHANGE = "sign_change"  # the series crosses zero
CAGR_UNDEFINED = "cagr_undefined"  # --method cagr on a series that is not strictly positive
NO_TARGET_YEAR_FIGURE = "no_target_year_figure"  # the target year is over, its figure not in
SLIPPED = "slipped"  # held in an earlier year, no longer does
PRELIMINARY = "preliminary"  # the latest figure is preliminary (快报)
NO_BASELINE = "no_baseline"  # nothing at or after the plan start to measure from
NON_POSITIVE = "non_positive"  # a rate of growth from or to a value <= 0 is undefined
# The first figure from the plan start on is the target year's own: the path from baseline to
# target has no length, so no progress along it can be measured.
BASELINE_IN_TARGET_YEAR = "baseline_in_target_year"


@dataclass(frozen=True)
class Assessment:
    """Where one target stands in ``as_of``.

    ``actual``, ``expected``, ``gap`` and ``projected`` are in the target's unit and measure
    what the target measures (see README, *How targets are assessed*): the level for a level
    target, the sum so far for a cumulative one, the increase since the start for an
    increment, the mean so far for an average, the CAGR since the baseline (%) for a growth
    target, the latest year's figure for annual and rise targets. ``baseline`` and ``latest``
    are points of the stored series (in ``series_unit`` where the target has one).
    ``gap`` and ``projected_shortfall`` are oriented: positive is still to go.
    """

    target: Target
    as_of: int
    status: Status
    method: str  # linear | compound | cagr | pro_rata | years: how progress_ratio was measured
    baseline: Point | None = None
    baseline_source: str | None = None  # catalogue | observed
    latest: Point | None = None
    actual: float | None = None
    actual_year: int | None = None
    expected: float | None = None
    gap: float | None = None
    gap_share: float | None = None  # share of baseline→target still to go
    gap_share_closed: float | None = None
    time_share_elapsed: float | None = None
    progress_ratio: float | None = None
    remaining_years: int | None = None
    required_rate: float | None = None
    actual_rate: float | None = None
    rate_kind: str | None = None  # change (target unit a year) | growth (% a year) | each_year
    projected: float | None = None
    projected_shortfall: float | None = None
    holds: bool | None = None  # the target holds on the latest figures
    years_counted: tuple[int, ...] = ()
    years_missed: tuple[int, ...] = ()  # annual: years under the requirement; rise: years that fell
    notes: tuple[Note, ...] = ()
    series: tuple[Point, ...] = ()  # the target's figures up to as_of, oldest first

    @property
    def final(self) -> bool:
        return self.status in (Status.MET, Status.MISSED)


@dataclass(frozen=True)
class PlanAssessment:
    plan: Plan
    as_of: int
    method: Method
    thresholds: Thresholds
    results: tuple[Assessment, ...]

    def counts(self) -> dict[Status, int]:
        """How many targets have each status, best first; statuses nobody has included."""
        counts = dict.fromkeys(STATUS_ORDER, 0)
        for r in self.results:
            counts[r.status] += 1
        return counts

    def having(self, statuses: set[Status]) -> list[Assessment]:
        return [r for r in self.results if r.status in statuses]


@dataclass(frozen=True)
class TrendYear:
    """One year of a target's chart: the figure and where the path to the target stands."""

    year: int
    actual: float | None
    path: float | None


# --- a series against its target -------------------------------------------------------------


def final_year(target: Target) -> int:
    """The year whose figure decides the target: its window's last, or its target year."""
    return target.window[1] if target.window else target.target_year


def holds(value: float, target: Target, reference: float | None = None) -> bool:
    """Whether ``value`` satisfies the target's comparator (against ``reference`` if given,
    e.g. the year before for a rise target)."""
    goal = target.value if reference is None else reference
    v, g = round(value, _DIGITS), round(goal, _DIGITS)
    match target.comparator:
        case Comparator.GE:
            return v >= g
        case Comparator.GT:
            return v > g
        case Comparator.LE:
            return v <= g
        case Comparator.LT:
            return v < g
        case Comparator.APPROX:
            return abs(round(v - g, _DIGITS)) <= round(target.tolerance or 0.0, _DIGITS)
    raise AssertionError(target.comparator)


# The most decimals a figure is taken to be written with; beyond, float noise.
_MAX_DECIMALS = 6


def decimals(value: float) -> int:
    """The decimals ``value`` is written with (8000 → 0, 15.5 → 1, 1.98 → 2), at most 6."""
    for d in range(_MAX_DECIMALS):
        if abs(round(value, d) - value) <= 1e-9 * max(1.0, abs(value)):
            return d
    return _MAX_DECIMALS


def least_satisfying(target: Target, points: Sequence[Point]) -> float:
    """The figure nearest the target that satisfies its comparator: the target itself for
    ≥, ≤ and ≈; for 超过 (>) and < one step past it at the precision of the target as
    written and of its figures (> 8000 人 with whole counts needs 8001; > 85 % with figures
    at one decimal needs 85.1). A rate the engine computes (growth, % increments) is taken
    at one decimal at least, the precision rates are published with."""
    t = target.value
    if target.comparator not in (Comparator.GT, Comparator.LT):
        return t
    relative = target.kind is Kind.GROWTH or (target.kind is Kind.INCREMENT and target.unit == "%")
    figures = [] if relative else [p.value for p in points]
    d = max(decimals(t), *(decimals(v) for v in figures), 1 if relative else 0)
    step = 10.0**-d
    return round(t + step if target.comparator is Comparator.GT else t - step, d)


def shortfall(value: float, target: Target, need: float) -> float:
    """The oriented distance from ``value`` to the target: to ``need`` (the least figure
    that satisfies it) while it does not hold, to the target as written once it does
    (negative: past it, shown as 超…)."""
    goal = target.value if holds(value, target) else need
    return sign(target) * (goal - value)


def sign(target: Target) -> int:
    """1 when higher is better, -1 when lower is: the orientation of gaps and shortfalls."""
    return 1 if target.direction is Direction.HIGHER else -1


def _missing(years: Sequence[int], first: int, last: int) -> list[int]:
    have = set(years)
    return [y for y in range(first, last + 1) if y not in have]


def series_notes(points: Sequence[Point], first: int) -> list[Note]:
    """What the counted figures (from ``first`` on) leave to note: missing years, a sign
    change, a preliminary latest figure."""
    notes = []
    if points:
        gaps = _missing([p.year for p in points], first, points[-1].year)
        if gaps:
            notes.append(Note(MISSING_YEARS, {"years": gaps}))
        if any(p.value < 0 for p in points) and any(p.value > 0 for p in points):
            notes.append(Note(SIGN_CHANGE))
        if points[-1].preliminary:
            notes.append(Note(PRELIMINARY, {"year": points[-1].year}))
    return notes
