"""The windowed kinds: a cumulative or average target's total over its window, pro rata;
an annual target, which every year of its window must meet; a rise target, every year
above (or below) the year before. Pure functions from a target and its series to an
``Assessment``, called by ``ipkpi.assess.engine.assess``.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable

from ipkpi.assess.paths import ratio_of
from ipkpi.assess.results import (
    BASELINE_NOT_USED,
    NO_TARGET_YEAR_FIGURE,
    SINGLE_POINT,
    Assessment,
    Note,
    Point,
    Status,
    Thresholds,
    holds,
    least_satisfying,
    series_notes,
    shortfall,
    sign,
)
from ipkpi.catalogue.model import Kind, Target

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
    notes += series_notes(counted, first)
    if as_of >= last and counted and counted[-1].year < last:
        notes.append(Note(NO_TARGET_YEAR_FIGURE, {"year": last}))
    return notes


def _catalogue_baseline(target: Target) -> Point | None:
    b = target.baseline
    return None if b is None else Point(b.year, b.value)


def assess_window_total(
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
    s, t = sign(target), target.value
    need = least_satisfying(target, counted)  # 超过 (>): the least figure above t
    latest = counted[-1]
    size = last - first + 1
    elapsed = latest.year - first + 1  # years of the window gone by, counted or not
    remaining = last - latest.year
    total = _sum(p.value for p in counted)
    average = target.kind is Kind.AVERAGE
    # An average over the window is met exactly when the window's total reaches size × t.
    goal = t * size if average else t
    actual = total / len(counted) if average else total
    ok = holds(actual, target)
    reach = t if ok else need  # what the remaining years must reach
    expected_total = goal * elapsed / size
    closed = total / goal if goal else None
    ratio = _pro_rata(total, expected_total, s)
    if average:
        expected = t
        # Years left blank in the middle stay blank: the mean is over the years counted.
        required = (reach * (len(counted) + remaining) - total) / remaining if remaining else None
        actual_rate = actual
        projected = actual
    else:
        expected = expected_total
        required = (reach - total) / remaining if remaining else None
        actual_rate = total / elapsed
        projected = total + actual_rate * remaining
    return Assessment(
        target,
        as_of,
        _total_status(latest.year == last, ok, s, ratio, thresholds),
        method,
        baseline=baseline,
        baseline_source=None if baseline is None else "catalogue",
        latest=latest,
        actual=actual,
        actual_year=latest.year,
        expected=expected,
        gap=shortfall(actual, target, need),
        gap_share=None if closed is None else 1 - closed,
        gap_share_closed=closed,
        time_share_elapsed=elapsed / size,
        progress_ratio=ratio,
        remaining_years=remaining,
        required_rate=required,
        actual_rate=actual_rate,
        rate_kind="change",
        projected=projected,
        projected_shortfall=shortfall(projected, target, need),
        holds=ok,
        years_counted=tuple(p.year for p in counted),
        notes=tuple(notes),
    )


def _sum(values: Iterable[float]) -> float:
    """The exact sum (no float noise), or an infinite one beyond a float (1e308 + 1e308),
    which ``assess`` reports as None, not raising as ``math.fsum`` does."""
    values = list(values)
    try:
        return math.fsum(values)
    except (OverflowError, ValueError):
        return sum(values)


def _pro_rata(total: float, expected_total: float, s: int) -> float | None:
    """The total so far against the total expected by now (inverted for a ceiling)."""
    if expected_total and total:
        if s > 0:
            return ratio_of(total, expected_total)
        return ratio_of(expected_total, total)
    return 0.0 if expected_total and s > 0 else None


def _total_status(
    final: bool, ok: bool, s: int, ratio: float | None, thresholds: Thresholds
) -> Status:
    if final:
        return Status.MET if ok else Status.MISSED
    if ok and s > 0:
        # A ceiling (<=) on a running total can still be broken, so only higher-is-better
        # totals are achieved early.
        return Status.ACHIEVED
    if ratio is None:
        # Nothing counted against a ceiling is as good as it gets; a zero target is flat.
        return Status.ON_TRACK if s < 0 and ok else Status.NO_DATA
    return thresholds.status(ratio)


# --- annual: every year of the window must meet it ------------------------------------------


def assess_annual(target: Target, series: list[Point], as_of: int) -> Assessment:
    first, last = target.window
    counted = _window_series(target, series, as_of)
    notes = _window_notes(target, counted, as_of)
    baseline = _catalogue_baseline(target)
    if not counted:
        return Assessment(
            target, as_of, Status.NO_DATA, "years", baseline=baseline, notes=tuple(notes)
        )
    t, need = target.value, least_satisfying(target, counted)
    latest = counted[-1]
    size = last - first + 1
    missed = tuple(p.year for p in counted if not holds(p.value, target))
    met = len(counted) - len(missed)
    # The year that decides the status: the latest that missed, else the latest. Its figure
    # and gap are the row's, so that 超… never sits beside 进度滞后 or 未完成.
    shown = next(p for p in reversed(counted) if p.year == missed[-1]) if missed else latest
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
        actual=shown.value,
        actual_year=shown.year,
        expected=t,
        gap=shortfall(shown.value, target, need),
        gap_share=1 - met / size,
        gap_share_closed=met / size,
        time_share_elapsed=(latest.year - first + 1) / size,
        progress_ratio=met / len(counted),
        remaining_years=last - latest.year,
        required_rate=need if last > latest.year else None,  # each year
        actual_rate=_sum(p.value for p in counted) / len(counted),
        rate_kind="each_year",
        holds=not missed,
        years_counted=tuple(p.year for p in counted),
        years_missed=missed,
        notes=tuple(notes),
    )


# --- rise: every year above (or below) the year before ---------------------------------------


def assess_rise(target: Target, series: list[Point], as_of: int, plan_start: int) -> Assessment:
    # The first comparison is the plan's first year against the year before it.
    counted = [p for p in series if plan_start - 1 <= p.year <= target.target_year]
    notes = series_notes(counted, counted[0].year) if counted else []
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
