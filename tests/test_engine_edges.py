"""The engine on the series that used to crash it: a path of no length (the first figure
from the plan start on is the target year's), a required growth rate of zero under
``--method cagr``, figures at the edge of a float; and the property that ``assess`` never
raises and never returns a figure that is not finite, on any series and target.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from conftest import write_workbook
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_engine import codes, make, run

from ipkpi.assess.engine import assess, trend
from ipkpi.assess.results import Method, Point, Status
from ipkpi.catalogue.model import Baseline, Trajectory
from ipkpi.cli.app import app

# --- a path of no length ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "status", "gap"),
    [(150, Status.MET, -10), (170, Status.MISSED, 10)],
)
def test_a_first_figure_in_the_target_year_is_met_or_missed_with_no_progress(value, status, gap):
    # Nanjing's copyright_registrations_per_10k: no catalogue baseline, plan from 2022; the
    # 2020 figure is before the base year (2021), so the first one on is the target year's.
    target = make("level", ">=", value)
    result = run(target, {2020: 100, 2025: 160, 2026: 170}, as_of=2025, plan_start=2022)
    assert result.status is status
    assert (result.actual, result.actual_year, result.gap, result.holds) == (
        160,
        2025,
        gap,
        status is Status.MET,
    )
    assert result.baseline is None
    assert (result.progress_ratio, result.expected, result.gap_share_closed) == (None, None, None)
    assert (result.time_share_elapsed, result.projected, result.remaining_years) == (None, None, 0)
    assert codes(result) == ["baseline_in_target_year"]
    assert result.notes[0].data == {"year": 2025}


def test_a_later_as_of_uses_the_target_year_figure_not_a_later_one():
    result = run(make("level", ">=", 150), {2025: 160, 2026: 140}, as_of=2026, plan_start=2022)
    assert (result.status, result.actual, codes(result)) == (
        Status.MET,
        160,
        ["baseline_in_target_year"],
    )


def test_only_figures_after_the_target_year_leave_no_baseline():
    result = run(make("level", ">=", 150), {2026: 160}, as_of=2024, plan_start=2022)
    assert (result.status, codes(result)) == (Status.NO_DATA, ["no_baseline"])
    # once 2025 is over without its figure, it is that figure the target waits for
    later = run(make("level", ">=", 150), {2026: 160}, as_of=2026, plan_start=2022)
    assert (later.status, codes(later)) == (Status.AWAITING_FINAL, ["no_baseline"])


@pytest.mark.parametrize(
    ("kind", "unit"), [("increment", "件"), ("increment", "%"), ("growth", "%")]
)
def test_an_increase_from_the_target_year_itself_has_no_data(kind, unit):
    result = run(make(kind, ">=", 10, unit=unit), {2025: 160}, as_of=2025, plan_start=2022)
    assert (result.status, result.actual, codes(result)) == (
        Status.NO_DATA,
        None,
        ["baseline_in_target_year"],
    )


def test_a_trend_of_no_length_has_no_path():
    result = run(make("level", ">=", 150), {2025: 160}, as_of=2025, plan_start=2022)
    unit, rows = trend(result, 2022)
    assert unit == "件"
    assert [(r.year, r.actual, r.path) for r in rows] == [
        (2021, None, None),
        (2022, None, None),
        (2023, None, None),
        (2024, None, None),
        (2025, 160, None),
    ]


# --- --method cagr on a flat path -------------------------------------------------------------


def test_cagr_with_a_goal_within_float_noise_of_the_start_has_no_ratio():
    # (goal/start)^(1/5) - 1 rounds to 0: the required growth rate; was a ZeroDivisionError.
    target = make("level", ">=", math.nextafter(1.0, 2), baseline=Baseline(2020, 1.0))
    result = run(target, {2021: 0.99}, method=Method.CAGR)
    assert (result.status, result.method, result.progress_ratio) == (
        Status.MOVING_AWAY,
        "cagr",
        None,
    )


@pytest.mark.parametrize(("last", "status"), [(90, Status.MOVING_AWAY), (100, Status.ACHIEVED)])
def test_cagr_with_the_target_at_the_start_value(last, status):
    target = make("level", ">=", 100, baseline=Baseline(2020, 100))
    result = run(target, {2021: 95, 2022: last}, method=Method.CAGR)
    assert (result.status, result.progress_ratio) == (status, None)


def test_a_growth_beyond_a_float_is_not_a_figure():
    # 1e300 from 1e-300 in a year: the CAGR is infinite; reported as not computable.
    target = make("level", ">=", 1e300, baseline=Baseline(2020, 1e-300), path=Trajectory.COMPOUND)
    result = run(target, {2021: 1e300})
    assert result.status is Status.ACHIEVED
    assert result.actual_rate is None


@pytest.mark.parametrize(
    ("kind", "status", "actual"),
    [
        ("cumulative", Status.ACHIEVED, None),  # the sum is beyond a float: not a figure
        ("average", Status.ACHIEVED, None),
        ("annual", Status.ON_TRACK, 1e308),  # the latest year's figure itself
    ],
)
def test_a_total_beyond_a_float_is_not_a_figure(kind, status, actual):
    # 1e308 + 1e308: math.fsum raised OverflowError ("intermediate overflow in fsum").
    result = run(make(kind, ">=", 100, window=(2021, 2025)), {2021: 1e308, 2022: 1e308})
    assert (result.status, result.actual, result.actual_rate) == (status, actual, None)


def test_the_cli_report_and_export_on_a_path_of_no_length(runner, in_tmp):
    write_workbook(
        Path("a.xlsx"), [["南京市知识产权指标"], ["指标", "2025"], ["万人版权登记量", 160]]
    )
    assert runner.invoke(app, ["ingest", "a.xlsx", "--db", "s.db"]).exit_code == 0
    args = ["--city", "nanjing", "--as-of", "2025", "--db", "s.db"]
    for method in ("linear", "cagr"):
        result = runner.invoke(app, ["report", *args, "--method", method])
        assert result.exit_code == 0, result.output
        assert "万人版权登记量：2025年为160件，完成目标（>150件）" in result.stdout
        assert (
            "  ⚠ 规划期内最早的数据就是目标年（2025年）的，没有更早的数据作比较，无法衡量进度"
            in result.stdout
        )
    result = runner.invoke(
        app, ["export", "--all", "-o", "x.xlsx", "--db", "s.db", "--as-of", "2025"]
    )
    assert result.exit_code == 0, result.output


# --- the property: never raises, never a figure that is not finite ----------------------------

FIGURES = st.one_of(
    st.floats(-1e6, 1e6, allow_nan=False),
    st.sampled_from([0.0, 1.0, -1.0, 1e-300, 1e300, -1e300, 5e-324, math.nextafter(1.0, 2)]),
    st.floats(allow_nan=False, allow_infinity=False),
)
NUMBERS = (
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


@st.composite
def cases(draw):
    """Any kind, comparator and target a catalogue allows, any finite series, any as_of."""
    kind = draw(
        st.sampled_from(["level", "increment", "growth", "cumulative", "average", "annual", "rise"])
    )
    choices = [">", "<"] if kind == "rise" else [">=", ">", "<=", "<", "~"]
    comparator = draw(st.sampled_from(choices))
    plan_start = draw(st.integers(2018, 2024))
    target_year = draw(st.integers(plan_start, 2026))
    kw = {}
    if comparator == "~":
        kw["tolerance"] = draw(st.floats(0, 10))
        kw["direction"] = draw(st.sampled_from(["higher", "lower"]))
    if kind in ("cumulative", "average", "annual"):
        first = draw(st.integers(plan_start, target_year))
        kw["window"] = (first, draw(st.integers(first, target_year)))
    if kind in ("level", "increment", "growth"):
        if draw(st.booleans()):
            year = draw(st.integers(plan_start - 3, target_year - 1))
            kw["baseline"] = Baseline(year, draw(FIGURES))
        kw["path"] = draw(st.sampled_from(list(Trajectory)))
    value = None if kind == "rise" else draw(FIGURES)
    target = make(kind, comparator, value, unit=draw(st.sampled_from(["件", "%"])), **kw)
    years = sorted(draw(st.lists(st.integers(2015, 2030), unique=True, max_size=8)))
    series = [Point(y, draw(FIGURES), draw(st.booleans())) for y in years]
    return target, series, draw(st.integers(2015, 2031)), plan_start, draw(st.sampled_from(Method))


@settings(
    max_examples=400,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(cases())
def test_assess_never_raises_nor_gives_a_figure_that_is_not_finite(case):
    target, series, as_of, plan_start, method = case
    result = assess(target, series, as_of=as_of, plan_start=plan_start, method=method)
    assert isinstance(result.status, Status)
    for name in NUMBERS:
        value = getattr(result, name)
        assert value is None or math.isfinite(value), (name, value)
    for row in trend(result, plan_start)[1]:
        assert all(v is None or math.isfinite(v) for v in (row.actual, row.path)), row
