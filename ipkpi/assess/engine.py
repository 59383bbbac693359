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

The statuses, notes and result objects are in ``ipkpi.assess.results``; the windowed
kinds (cumulative, average, annual, rise) in ``ipkpi.assess.windows``; the path arithmetic
of level, increment and growth targets in ``ipkpi.assess.paths``; here are the entry points
and the assessment of a path target.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from ipkpi.assess.paths import StockPath, finite, progress, rates, stock_path
from ipkpi.assess.results import (
    BASELINE_IN_TARGET_YEAR,
    BASELINE_OBSERVED,
    CAGR_UNDEFINED,
    DEFAULT_THRESHOLDS,
    NO_BASELINE,
    NO_TARGET_YEAR_FIGURE,
    NON_POSITIVE,
    SINGLE_POINT,
    SLIPPED,
    Assessment,
    Method,
    Note,
    PlanAssessment,
    Point,
    Status,
    Thresholds,
    TrendYear,
    final_year,
    holds,
    least_satisfying,
    series_notes,
    shortfall,
    sign,
)
from ipkpi.assess.windows import assess_annual, assess_rise, assess_window_total
from ipkpi.catalogue.model import Comparator, Kind, Plan, Target, Trajectory

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
            result = assess_window_total(target, series, as_of, thresholds)
        case Kind.ANNUAL:
            result = assess_annual(target, series, as_of)
        case Kind.RISE:
            result = assess_rise(target, series, as_of, plan_start)
        case _:
            raise AssertionError(target.kind)
    # Set on the result just built, which nothing else holds yet: cheaper than replace().
    object.__setattr__(result, "series", tuple(series))
    if _overshot(result):
        object.__setattr__(result, "status", Status.OVERSHOOT)
    if as_of >= final_year(target):
        _judge(result)
    for name in _FIGURES:
        value = getattr(result, name)
        if not finite(value):
            # Beyond a float on extreme figures (1e300 against 1e-300): not computable, never
            # an inf or nan in a report (orjson and xlsxwriter cannot write them either).
            object.__setattr__(result, name, None)
    return result


# The computed figures of an Assessment: each a float or None.
_FIGURES = (
    "actual",
    "expected",
    "gap",
    "gap_share",
    "gap_share_closed",
    "time_share_elapsed",
    "progress_ratio",
    "required_rate",
    "actual_rate",
    "projected",
    "projected_shortfall",
)


# The statuses of a target not yet final that is read from its progress.
_PROGRESS = (Status.ON_TRACK, Status.MODERATE, Status.BEHIND, Status.MOVING_AWAY)


# What a target still on its way is measured by; a target whose year is over has none.
_TRACKING = (
    "expected",
    "time_share_elapsed",
    "progress_ratio",
    "required_rate",
    "projected",
    "projected_shortfall",
)


def _judge(a: Assessment) -> None:
    """A target whose year is over is judged, not tracked: met or missed on its final
    year's figure (a 快报 figure gives a provisional verdict, which the views label), awaiting
    that figure while it is not in — whatever its progress said — and with no expected value
    by now, progress ratio, required rate or projection either way."""
    final = final_year(a.target)
    if a.status not in (Status.MET, Status.MISSED) and not any(p.year == final for p in a.series):
        object.__setattr__(a, "status", Status.AWAITING_FINAL)
    for name in _TRACKING:
        # an annual or rise target's progress ratio is the share of its years that held
        if name != "progress_ratio" or a.target.kind not in (Kind.ANNUAL, Kind.RISE):
            object.__setattr__(a, name, None)
    if a.remaining_years is not None:
        object.__setattr__(a, "remaining_years", 0)


def _overshot(a: Assessment) -> bool:
    """A 左右 (≈) target passed by more than its tolerance before its year: not progress
    and not movement away from it, but a status of its own (at the target year: missed)."""
    return (
        a.target.comparator is Comparator.APPROX
        and a.status in _PROGRESS
        and a.holds is False
        and a.gap is not None
        and a.gap < 0
    )


def trend(a: Assessment, plan_start: int) -> tuple[str, list[TrendYear]]:
    """``_trend``, with a figure beyond a float (a running total of 1e308s) left out."""
    unit, rows = _trend(a, plan_start)
    return unit, [r if finite(r.actual) and finite(r.path) else _finite_year(r) for r in rows]


def _finite_year(row: TrendYear) -> TrendYear:
    actual = row.actual if finite(row.actual) else None
    return TrendYear(row.year, actual, row.path if finite(row.path) else None)


def _trend(a: Assessment, plan_start: int) -> tuple[str, list[TrendYear]]:
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
        path = stock_path(t, a.baseline) if a.baseline else None
        compound = a.method in ("compound", "cagr") and path is not None and path.positive()
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
        if plan_start - 1 <= p.year <= target.target_year:
            return p, "observed", [Note(BASELINE_OBSERVED, {"year": p.year, "value": p.value})]
    return None, None, []


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
    notes += series_notes(after, base.year + 1)
    latest = after[-1] if after else base
    if base.year >= target.target_year:  # observed: the catalogue's comes before
        return _no_path(target, as_of, method, base)
    known = dict(baseline=base, baseline_source=base_source, latest=latest)
    path = stock_path(target, base)
    if path.relative and base.value <= 0:  # a rate of growth from nothing is undefined
        notes.append(Note(NON_POSITIVE, {"year": base.year}))
        return Assessment(target, as_of, Status.NO_DATA, method.value, **known, notes=tuple(notes))

    s, a = sign(target), latest.value
    y1, k = target.target_year, latest.year - base.year
    actual = path.measure(a, latest.year)
    if actual is None:  # a growth target with the baseline only, or a stock fallen to zero
        notes.append(Note(SINGLE_POINT) if not k else Note(NON_POSITIVE, {"year": latest.year}))
        return Assessment(target, as_of, Status.NO_DATA, method.value, **known, notes=tuple(notes))
    ok = holds(actual, target)
    final = latest.year == y1
    if as_of >= y1 and not final:
        notes.append(Note(NO_TARGET_YEAR_FIGURE, {"year": y1}))
    if not ok:
        notes += _slipped(path, after[:-1])

    # The shape of the path: compound for rates and where the catalogue asks for it; the
    # CAGR ratio on request. Both need a strictly positive series.
    positive = path.positive(a)
    if method is Method.CAGR and not positive:
        notes.append(Note(CAGR_UNDEFINED))
    compound = (path.relative or target.path is Trajectory.COMPOUND or method is Method.CAGR) and (
        positive
    )
    used = "cagr" if method is Method.CAGR and positive else "compound" if compound else "linear"
    expected, closed, time, ratio = progress(path, latest, used)
    remaining = y1 - latest.year
    need = least_satisfying(target, series)
    goal = _goal(path, base, need, ok)
    required_rate, actual_rate, projected = rates(path, latest, remaining, compound, goal)
    projected_shortfall = None if projected is None else shortfall(projected, target, need)

    status = _path_status(final, ok, k, ratio, s * (a - path.start) < 0, thresholds)
    if status is Status.NO_DATA:  # no figure after the baseline yet
        notes.append(Note(SINGLE_POINT))

    return Assessment(
        target,
        as_of,
        status,
        used,
        **known,
        actual=actual,
        actual_year=latest.year,
        expected=expected,
        gap=shortfall(actual, target, need),
        gap_share=None if closed is None else 1 - closed,
        gap_share_closed=closed,
        time_share_elapsed=time,
        progress_ratio=ratio,
        remaining_years=remaining,
        required_rate=required_rate,
        actual_rate=actual_rate,
        rate_kind="growth" if compound else "change",
        projected=projected,
        projected_shortfall=projected_shortfall,
        holds=ok,
        years_counted=tuple(p.year for p in after),
        notes=tuple(notes),
    )


def _goal(path: StockPath, base: Point, need: float, ok: bool) -> float:
    """The stock the remaining years must reach: for a 超过 (>) target that does not hold,
    the one the least figure above the target implies, not the target's own."""
    if ok or need == path.target.value:
        return path.goal
    return stock_path(path.target, base, need).goal


def _no_path(target: Target, as_of: int, method: Method, latest: Point) -> Assessment:
    """The first figure from the plan start on is the target year's: no baseline, so no
    progress along the plan's path can be measured. A level target is met or missed on that
    figure; an increment or a growth rate has nothing to be measured from."""
    notes = (
        Note(BASELINE_IN_TARGET_YEAR, {"year": latest.year}),
        *series_notes([latest], latest.year),
    )
    if target.kind is not Kind.LEVEL:
        return Assessment(target, as_of, Status.NO_DATA, method.value, latest=latest, notes=notes)
    ok = holds(latest.value, target)
    return Assessment(
        target,
        as_of,
        Status.MET if ok else Status.MISSED,
        method.value,
        latest=latest,
        actual=latest.value,
        actual_year=latest.year,
        gap=shortfall(latest.value, target, least_satisfying(target, [latest])),
        remaining_years=0,
        holds=ok,
        years_counted=(latest.year,),
        notes=notes,
    )


def _slipped(path: StockPath, earlier: Sequence[Point]) -> list[Note]:
    """A note that the target held in an earlier year, when the latest figure misses it."""
    measured = [(p.year, path.measure(p.value, p.year)) for p in earlier]
    held = [y for y, m in measured if m is not None and holds(m, path.target)]
    return [Note(SLIPPED, {"year": held[-1]})] if held else []


def _path_status(
    final: bool, ok: bool, k: int, ratio: float | None, receded: bool, thresholds: Thresholds
) -> Status:
    """The status of a path target; ``k``: years from the baseline to the latest figure,
    ``receded``: the latest figure is on the wrong side of the baseline."""
    if final:
        return Status.MET if ok else Status.MISSED
    if ok:
        return Status.ACHIEVED
    if not k:
        return Status.NO_DATA
    if ratio is None:
        # The baseline already meets or passes the target (or the path is flat): holding
        # the line is all that is asked, so any slip is movement away from it.
        return Status.MOVING_AWAY if receded else Status.BEHIND
    return thresholds.status(ratio)
