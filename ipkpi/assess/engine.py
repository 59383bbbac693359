"""The gap-to-target engine: pure functions from a target and its yearly series to an
``Assessment``. No I/O, no printing; every view (terminal, JSON, CSV, Excel) is built
from the objects returned here.

The method follows the monitoring systems officials and statisticians know:

* 时间过半、任务过半 — the share of the baseline→target gap closed, beside the share of the
  plan's time elapsed;
* Eurostat's SDG progress assessment and Open SDG's progress measure — the progress ratio,
  actual change ÷ the change expected by now on the path from baseline to target, and as an
  alternative the ratio of the actual to the required compound annual growth rate (CAGR);
* UN ESCAP's anticipated progress — the target-year value projected from the trend so far.

A status is read from the progress ratio with the thresholds in ``Thresholds`` (Eurostat's
0.95 and 0.60 by default). Data problems that do not stop the assessment travel with it as
``Note`` objects.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from ipkpi.catalogue.model import Comparator, Direction, Kind, Plan, Target, Trajectory


class Status(StrEnum):
    ACHIEVED = "achieved"  # 已达标: the target holds already, before its year
    ON_TRACK = "on_track"  # 进度正常: progress ratio >= on_track threshold
    MODERATE = "moderate"  # 进度偏慢: between the moderate and on_track thresholds
    BEHIND = "behind"  # 进度滞后: between 0 and the moderate threshold
    MOVING_AWAY = "moving_away"  # 逆向变化: progress ratio < 0
    MISSED = "missed"  # 未完成: the target year's figure is in and the target does not hold
    MET = "met"  # 已完成: the target year's figure is in and the target holds
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
    Status.MOVING_AWAY,
    Status.MISSED,
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


# --- comparisons ----------------------------------------------------------------------------


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


def _sign(target: Target) -> int:
    return 1 if target.direction is Direction.HIGHER else -1


def _missing(years: Sequence[int], first: int, last: int) -> list[int]:
    have = set(years)
    return [y for y in range(first, last + 1) if y not in have]


def _series_notes(points: Sequence[Point], first: int) -> list[Note]:
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


# --- entry points --------------------------------------------------------------------------


def assess(
    target: Target,
    points: Sequence[Point],
    *,
    as_of: int,
    plan_start: int,
    method: Method = Method.LINEAR,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Assessment:
    """Assess one target on its series as known in ``as_of`` (later years are ignored)."""
    by_year = {p.year: p for p in points if p.year <= as_of}
    series = [by_year[y] for y in sorted(by_year)]
    match target.kind:
        case Kind.LEVEL | Kind.INCREMENT | Kind.GROWTH:
            result = _assess_path(target, series, as_of, plan_start, method, thresholds)
        case Kind.CUMULATIVE | Kind.AVERAGE:
            result = _assess_window_total(target, series, as_of, thresholds)
        case Kind.ANNUAL:
            result = _assess_annual(target, series, as_of)
        case Kind.RISE:
            result = _assess_rise(target, series, as_of, plan_start)
        case _:
            raise AssertionError(target.kind)
    # Set on the result just built, which nothing else holds yet: cheaper than replace().
    object.__setattr__(result, "series", tuple(series))
    return result


@dataclass(frozen=True)
class TrendYear:
    """One year of a target's chart: the figure and where the path to the target stands."""

    year: int
    actual: float | None
    path: float | None


def trend(a: Assessment, plan_start: int) -> tuple[str, list[TrendYear]]:
    """The actual series against the path from baseline to target, year by year, and the
    unit both are in: the stored statistic for level, increment and growth targets (the path
    runs to the level the target implies), the running total for cumulative targets, each
    year's figure against the requirement for annual and average ones, and the figures alone
    for rise targets."""
    t = a.target
    values = {p.year: p.value for p in a.series}
    if t.kind in (Kind.LEVEL, Kind.INCREMENT, Kind.GROWTH):
        first = a.baseline.year if a.baseline else plan_start - 1
        years = range(first, t.target_year + 1)
        path = _path(t, a.baseline) if a.baseline else None
        compound = a.method in ("compound", "cagr")
        rows = [
            TrendYear(y, values.get(y), path.expected(y, compound) if path else None) for y in years
        ]
        return t.series_unit_or_unit, rows
    if t.kind is Kind.CUMULATIVE:
        first, last = t.window
        size, total, rows = last - first + 1, 0.0, []
        for y in range(first, last + 1):
            total += values.get(y, 0.0)
            shown = total if y <= a.as_of and any(p <= y for p in values) else None
            rows.append(TrendYear(y, shown, t.value * (y - first + 1) / size))
        return t.unit, rows
    if t.kind is Kind.RISE:
        years = range(plan_start - 1, t.target_year + 1)
        return t.unit, [TrendYear(y, values.get(y), None) for y in years]
    first, last = t.window  # annual, average: each year against the requirement
    return t.unit, [TrendYear(y, values.get(y), t.value) for y in range(first, last + 1)]


def assess_plan(
    plan: Plan,
    series: Mapping[str, Sequence[Point]],
    *,
    as_of: int,
    method: Method = Method.LINEAR,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> PlanAssessment:
    """Assess every target of ``plan``; ``series`` maps target ids to their points."""
    results = tuple(
        assess(
            t,
            series.get(t.id, ()),
            as_of=as_of,
            plan_start=plan.start_year,
            method=method,
            thresholds=thresholds,
        )
        for t in plan.targets
    )
    return PlanAssessment(plan, as_of, method, thresholds, results)


# --- level, increment, growth: a path from a starting stock to a target stock --------------


def _find_baseline(
    target: Target, series: Sequence[Point], plan_start: int
) -> tuple[Point | None, str | None, list[Note]]:
    """The catalogue's baseline; else the first observed year from the year before the plan
    (the usual base year) on, said so in a note."""
    if target.baseline is not None:
        return Point(target.baseline.year, target.baseline.value), "catalogue", []
    for p in series:
        if p.year >= plan_start - 1:
            return p, "observed", [Note(BASELINE_OBSERVED, {"year": p.year, "value": p.value})]
    return None, None, []


@dataclass(frozen=True)
class _Path:
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
        share = (year - self.y0) / (self.y1 - self.y0)
        if compound:
            return self.start * (self.goal / self.start) ** share
        return self.start + (self.goal - self.start) * share

    def positive(self, *stocks: float) -> bool:
        return all(v > 0 for v in (self.start, self.goal, *stocks))


def _path(target: Target, start: Point) -> _Path:
    t, n = target.value, target.target_year - start.year
    if target.kind is Kind.LEVEL:
        goal = t
    elif target.kind is Kind.GROWTH:  # the level the required CAGR leads to
        goal = start.value * (1 + t / 100) ** n
    elif target.unit == "%":
        goal = start.value * (1 + t / 100)
    else:
        goal = start.value + t
    return _Path(target, start.value, goal, start.year, target.target_year)


def _assess_path(
    target: Target,
    series: list[Point],
    as_of: int,
    plan_start: int,
    method: Method,
    thresholds: Thresholds,
) -> Assessment:
    base, base_source, notes = _find_baseline(target, series, plan_start)
    if base is None:
        return Assessment(target, as_of, Status.NO_DATA, method.value, notes=(Note(NO_BASELINE),))
    # Only figures after the baseline and up to the target year count.
    after = [p for p in series if base.year < p.year <= target.target_year]
    notes += _series_notes(after, base.year + 1)
    latest = after[-1] if after else base
    known = dict(baseline=base, baseline_source=base_source, latest=latest)
    path = _path(target, base)
    if path.relative and base.value <= 0:  # a rate of growth from nothing is undefined
        notes.append(Note(NON_POSITIVE, {"year": base.year}))
        return Assessment(target, as_of, Status.NO_DATA, method.value, **known, notes=tuple(notes))

    s, a = _sign(target), latest.value
    y1, k, n = target.target_year, latest.year - base.year, target.target_year - base.year
    actual = path.measure(a, latest.year)
    if actual is None:  # a growth target with the baseline only, or a stock fallen to zero
        notes.append(Note(SINGLE_POINT) if not k else Note(NON_POSITIVE, {"year": latest.year}))
        return Assessment(target, as_of, Status.NO_DATA, method.value, **known, notes=tuple(notes))
    ok = holds(actual, target)
    final = latest.year == y1
    if as_of >= y1 and not final:
        notes.append(Note(NO_TARGET_YEAR_FIGURE, {"year": y1}))
    if not ok:
        measured = [(p.year, path.measure(p.value, p.year)) for p in after[:-1]]
        held = [y for y, m in measured if m is not None and holds(m, target)]
        if held:
            notes.append(Note(SLIPPED, {"year": held[-1]}))

    # The shape of the path: compound for rates and where the catalogue asks for it; the
    # CAGR ratio on request. Both need a strictly positive series.
    positive = path.positive(a)
    if method is Method.CAGR and not positive:
        notes.append(Note(CAGR_UNDEFINED))
    compound = (path.relative or target.path is Trajectory.COMPOUND or method is Method.CAGR) and (
        positive
    )
    used = "cagr" if method is Method.CAGR and positive else "compound" if compound else "linear"

    span = path.goal - path.start
    expected_stock = path.expected(latest.year, compound)
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
            required = (path.goal / path.start) ** (1 / n) - 1
            ratio = ((a / path.start) ** (1 / k) - 1) / required
        elif target.comparator is Comparator.APPROX and s * (a - path.goal) > 0:
            ratio = closed / time
        else:
            ratio = (a - path.start) / (expected_stock - path.start)

    # What the remaining years must deliver, and where the trend so far leads
    remaining = y1 - latest.year
    required_rate = actual_rate = projected = shortfall = None
    rate_kind = "growth" if compound else "change"
    if compound:
        if k:
            actual_rate = ((a / path.start) ** (1 / k) - 1) * 100
            projected = path.measure(a * (1 + actual_rate / 100) ** remaining, y1)
        if remaining:
            required_rate = ((path.goal / a) ** (1 / remaining) - 1) * 100
    else:
        if k:
            actual_rate = (a - path.start) / k
            projected = path.measure(a + actual_rate * remaining, y1)
        if remaining:
            required_rate = (path.goal - a) / remaining
    if projected is not None:
        shortfall = s * (target.value - projected)

    if final:
        status = Status.MET if ok else Status.MISSED
    elif ok:
        status = Status.ACHIEVED
    elif not k:
        notes.append(Note(SINGLE_POINT))
        status = Status.NO_DATA
    elif ratio is None:
        # The baseline already meets or passes the target (or the path is flat): holding
        # the line is all that is asked, so any slip is movement away from it.
        status = Status.MOVING_AWAY if s * (a - path.start) < 0 else Status.BEHIND
    else:
        status = thresholds.status(ratio)

    return Assessment(
        target,
        as_of,
        status,
        used,
        **known,
        actual=actual,
        actual_year=latest.year,
        expected=expected,
        gap=s * (target.value - actual),
        gap_share=None if closed is None else 1 - closed,
        gap_share_closed=closed,
        time_share_elapsed=time,
        progress_ratio=ratio,
        remaining_years=remaining,
        required_rate=required_rate,
        actual_rate=actual_rate,
        rate_kind=rate_kind,
        projected=projected,
        projected_shortfall=shortfall,
        holds=ok,
        years_counted=tuple(p.year for p in after),
        notes=tuple(notes),
    )


# --- cumulative and average: a total over the window ----------------------------------------


def _window_series(target: Target, series: list[Point], as_of: int) -> list[Point]:
    first, last = target.window or (target.target_year, target.target_year)
    return [p for p in series if first <= p.year <= min(last, as_of)]


def _window_notes(target: Target, counted: list[Point], as_of: int) -> list[Note]:
    first, last = target.window or (target.target_year, target.target_year)
    notes = []
    if target.baseline is not None:
        # e.g. Guizhou's 55.14 亿元 is the 十三五 total: shown beside the target, not a start.
        notes.append(Note(BASELINE_NOT_USED, {"year": target.baseline.year}))
    notes += _series_notes(counted, first)
    if as_of >= last and counted and counted[-1].year < last:
        notes.append(Note(NO_TARGET_YEAR_FIGURE, {"year": last}))
    return notes


def _catalogue_baseline(target: Target) -> Point | None:
    b = target.baseline
    return None if b is None else Point(b.year, b.value)


def _assess_window_total(
    target: Target, series: list[Point], as_of: int, thresholds: Thresholds
) -> Assessment:
    """A cumulative target: the sum of the yearly flows so far against the total, pro rata.
    An average target: the mean so far against the required mean (the same test on sums)."""
    first, last = target.window
    counted = _window_series(target, series, as_of)
    notes = _window_notes(target, counted, as_of)
    method = "pro_rata"
    baseline = _catalogue_baseline(target)
    if not counted:
        return Assessment(
            target, as_of, Status.NO_DATA, method, baseline=baseline, notes=tuple(notes)
        )
    s, t = _sign(target), target.value
    latest = counted[-1]
    size = last - first + 1
    elapsed = latest.year - first + 1  # years of the window gone by, counted or not
    remaining = last - latest.year
    total = math.fsum(p.value for p in counted)
    average = target.kind is Kind.AVERAGE
    # An average over the window is met exactly when the window's total reaches size × t.
    goal = t * size if average else t
    actual = total / len(counted) if average else total
    ok = holds(actual, target)
    final = latest.year == last
    expected_total = goal * elapsed / size
    closed = total / goal if goal else None
    ratio = None
    if expected_total and total:
        ratio = total / expected_total if s > 0 else expected_total / total
    elif expected_total and s > 0:
        ratio = 0.0
    if average:
        expected = t
        # Years left blank in the middle stay blank: the mean is over the years counted.
        required = (t * (len(counted) + remaining) - total) / remaining if remaining else None
        actual_rate = actual
        projected = actual
    else:
        expected = expected_total
        required = (t - total) / remaining if remaining else None
        actual_rate = total / elapsed
        projected = total + actual_rate * remaining

    if final:
        status = Status.MET if ok else Status.MISSED
    elif ok and s > 0:
        # A ceiling (<=) on a running total can still be broken, so only higher-is-better
        # totals are achieved early.
        status = Status.ACHIEVED
    elif ratio is None:
        # Nothing counted against a ceiling is as good as it gets; a zero target is flat.
        status = Status.ON_TRACK if s < 0 and ok else Status.NO_DATA
    else:
        status = thresholds.status(ratio)
    return Assessment(
        target,
        as_of,
        status,
        method,
        baseline=baseline,
        baseline_source=None if baseline is None else "catalogue",
        latest=latest,
        actual=actual,
        actual_year=latest.year,
        expected=expected,
        gap=s * (t - actual),
        gap_share=None if closed is None else 1 - closed,
        gap_share_closed=closed,
        time_share_elapsed=elapsed / size,
        progress_ratio=ratio,
        remaining_years=remaining,
        required_rate=required,
        actual_rate=actual_rate,
        rate_kind="change",
        projected=projected,
        projected_shortfall=s * (t - projected),
        holds=ok,
        years_counted=tuple(p.year for p in counted),
        notes=tuple(notes),
    )


# --- annual: every year of the window must meet it ------------------------------------------


def _assess_annual(target: Target, series: list[Point], as_of: int) -> Assessment:
    first, last = target.window
    counted = _window_series(target, series, as_of)
    notes = _window_notes(target, counted, as_of)
    baseline = _catalogue_baseline(target)
    if not counted:
        return Assessment(
            target, as_of, Status.NO_DATA, "years", baseline=baseline, notes=tuple(notes)
        )
    s, t = _sign(target), target.value
    latest = counted[-1]
    size = last - first + 1
    missed = tuple(p.year for p in counted if not holds(p.value, target))
    met = len(counted) - len(missed)
    final = latest.year == last
    if final:
        status = Status.MISSED if missed else Status.MET
    else:
        # A year under the requirement cannot be made up later: behind, whatever the rest.
        status = Status.BEHIND if missed else Status.ON_TRACK
    return Assessment(
        target,
        as_of,
        status,
        "years",
        baseline=baseline,
        baseline_source=None if baseline is None else "catalogue",
        latest=latest,
        actual=latest.value,
        actual_year=latest.year,
        expected=t,
        gap=s * (t - latest.value),
        gap_share=1 - met / size,
        gap_share_closed=met / size,
        time_share_elapsed=(latest.year - first + 1) / size,
        progress_ratio=met / len(counted),
        remaining_years=last - latest.year,
        required_rate=t if last > latest.year else None,
        actual_rate=math.fsum(p.value for p in counted) / len(counted),
        rate_kind="each_year",
        holds=not missed,
        years_counted=tuple(p.year for p in counted),
        years_missed=missed,
        notes=tuple(notes),
    )


# --- rise: every year above (or below) the year before ---------------------------------------


def _assess_rise(target: Target, series: list[Point], as_of: int, plan_start: int) -> Assessment:
    # The first comparison is the plan's first year against the year before it.
    counted = [p for p in series if plan_start - 1 <= p.year <= target.target_year]
    notes = _series_notes(counted, counted[0].year) if counted else []
    if as_of >= target.target_year and counted and counted[-1].year < target.target_year:
        notes.append(Note(NO_TARGET_YEAR_FIGURE, {"year": target.target_year}))
    if len(counted) < 2:
        if counted:
            notes.append(Note(SINGLE_POINT))
        latest = counted[-1] if counted else None
        return Assessment(target, as_of, Status.NO_DATA, "years", latest=latest, notes=tuple(notes))
    steps = list(itertools.pairwise(counted))
    fell = tuple(b.year for a, b in steps if not holds(b.value, target, reference=a.value))
    first, latest = counted[0], counted[-1]
    size = target.target_year - (plan_start - 1)
    if latest.year == target.target_year:
        status = Status.MISSED if fell else Status.MET
    elif not fell:
        status = Status.ON_TRACK
    elif fell[-1] == latest.year:
        status = Status.MOVING_AWAY  # the latest year went the wrong way
    else:
        status = Status.BEHIND
    rose = len(steps) - len(fell)
    return Assessment(
        target,
        as_of,
        status,
        "years",
        baseline=first,
        baseline_source="observed",
        latest=latest,
        actual=latest.value,
        actual_year=latest.year,
        gap_share_closed=rose / size,
        gap_share=1 - rose / size,
        time_share_elapsed=(latest.year - (plan_start - 1)) / size,
        progress_ratio=rose / len(steps),
        remaining_years=target.target_year - latest.year,
        actual_rate=(latest.value - first.value) / (latest.year - first.year),
        rate_kind="change",
        holds=not fell,
        years_counted=tuple(p.year for p in counted),
        years_missed=fell,
        notes=tuple(notes),
    )
