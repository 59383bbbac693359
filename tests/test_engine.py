"""The gap-to-target engine against hand-worked figures.

Every expected figure is worked by hand from the definitions of the assessment (the comment
beside it shows the arithmetic); none is recomputed with the engine's own formulas.
Unless a case says otherwise the plan starts in 2021 (so 2020 is the base year) and the
target year is 2025.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipkpi.assess.engine import assess, assess_plan
from ipkpi.assess.results import (
    STATUS_ORDER,
    Method,
    Note,
    Point,
    Status,
    Thresholds,
    holds,
)
from ipkpi.catalogue.model import Baseline, Comparator, Direction, Kind, Plan, Target, Trajectory
from ipkpi.catalogue.source import Source

SOURCE = Source("测试市知识产权“十四五”规划", "二、主要目标", "到2025年……")
LOWER = ("<=", "<")


def make(kind, comparator, value, unit="件", target_year=2025, direction=None, **kw) -> Target:
    """A target; the direction follows the comparator unless given."""
    if direction is None:
        direction = "lower" if comparator in LOWER else "higher"
    return Target(
        id=kw.pop("id", "t"),
        name=kw.pop("name", "测试指标"),
        kind=Kind(kind),
        comparator=Comparator(comparator),
        value=value,
        unit=unit,
        target_year=target_year,
        direction=Direction(direction),
        category="测试",
        source=SOURCE,
        **kw,
    )


def pts(values: dict[int, float], preliminary: tuple[int, ...] = ()) -> list[Point]:
    return [Point(year, value, year in preliminary) for year, value in values.items()]


def run(target, values, *, as_of=None, plan_start=2021, **kw):
    """Assess ``target`` on ``{year: value}``; as_of defaults to the last year given."""
    return assess(
        target,
        pts(values),
        as_of=max(values) if as_of is None else as_of,
        plan_start=plan_start,
        **kw,
    )


def check(result, want: dict) -> None:
    """Each field of ``want`` as worked by hand; numbers to 1e-4."""
    for name, expected in want.items():
        got = getattr(result, name)
        if expected is None:
            assert got is None, name
        elif isinstance(expected, int | float) and not isinstance(expected, bool):
            assert got == pytest.approx(expected, abs=1e-4), name
        else:
            assert got == expected, name


def codes(result) -> list[str]:
    return [n.code for n in result.notes]


def note(result, code: str) -> Note:
    (found,) = [n for n in result.notes if n.code == code]
    return found


# --- level, increment, growth: every comparator, every figure ------------------------------

PATH_CASES = [
    pytest.param(
        make("level", ">=", 150),
        {2020: 100, 2021: 110, 2022: 120, 2023: 124},
        {},
        dict(
            status=Status.MODERATE,
            method="linear",
            baseline=Point(2020, 100),  # first year >= plan_start - 1
            baseline_source="observed",
            latest=Point(2023, 124),
            actual=124,
            actual_year=2023,
            expected=130,  # 100 + (150-100)*3/5
            gap=26,  # 150 - 124
            gap_share_closed=0.48,  # (124-100)/(150-100)
            gap_share=0.52,
            time_share_elapsed=0.6,  # 3/5
            progress_ratio=0.8,  # 24/(130-100)
            remaining_years=2,
            required_rate=13,  # (150-124)/2
            actual_rate=8,  # 24/3
            rate_kind="change",
            projected=140,  # 124 + 8*2
            projected_shortfall=10,  # 150 - 140
            holds=False,
            years_counted=(2021, 2022, 2023),
        ),
        id="level-ge",
    ),
    pytest.param(
        make("level", ">", 100),
        {2020: 60, 2021: 70, 2022: 84},
        {},
        dict(
            status=Status.ON_TRACK,
            method="linear",
            baseline=Point(2020, 60),
            actual=84,
            expected=76,  # 60 + 40*2/5
            # > 100 in whole counts is satisfied by 101 at the least (issue 21): the gap and
            # the rate needed are to 101; the path (expected, ratio) still runs to 100.
            gap=17,  # 101 - 84
            gap_share_closed=0.6,  # 24/40
            time_share_elapsed=0.4,  # 2/5
            progress_ratio=1.5,  # 24/16
            required_rate=5.6667,  # 17/3
            actual_rate=12,  # 24/2
            projected=120,  # 84 + 12*3
            projected_shortfall=-20,  # 100 - 120: the trend overshoots
            holds=False,
        ),
        id="level-gt",
    ),
    pytest.param(
        # lower is better: a ratio that must fall to <= 5 from 8
        make("level", "<=", 5, unit="%", baseline=Baseline(2020, 8)),
        {2021: 7.4, 2022: 6.9},
        {},
        dict(
            status=Status.MODERATE,
            method="linear",
            baseline=Point(2020, 8),
            baseline_source="catalogue",
            actual=6.9,
            expected=6.8,  # 8 + (5-8)*2/5
            gap=1.9,  # -(5 - 6.9)
            gap_share_closed=0.3667,  # (6.9-8)/(5-8) = 1.1/3
            gap_share=0.6333,
            time_share_elapsed=0.4,
            progress_ratio=0.9167,  # (6.9-8)/(6.8-8) = 1.1/1.2
            required_rate=-0.6333,  # (5-6.9)/3
            actual_rate=-0.55,  # (6.9-8)/2
            projected=5.25,  # 6.9 - 0.55*3
            projected_shortfall=0.25,  # -(5 - 5.25)
            holds=False,
        ),
        id="level-le-lower-is-better",
    ),
    pytest.param(
        make("level", "<", 20),
        {2020: 30, 2021: 28, 2022: 31},
        {},
        dict(
            status=Status.MOVING_AWAY,
            actual=31,
            expected=26,  # 30 - 10*2/5
            # < 20 in whole counts needs 19 at most (issue 21): gap and rate to 19
            gap=12,  # -(19 - 31)
            gap_share_closed=-0.1,  # (31-30)/(20-30)
            time_share_elapsed=0.4,
            progress_ratio=-0.25,  # 1/(26-30)
            required_rate=-4,  # (19-31)/3
            actual_rate=0.5,  # 1/2
            projected=32.5,  # 31 + 0.5*3
            projected_shortfall=13.5,  # -(19 - 32.5)
        ),
        id="level-lt",
    ),
    pytest.param(
        make("level", "~", 50, tolerance=2),
        {2020: 40, 2021: 43, 2022: 45},
        {},
        dict(
            status=Status.ON_TRACK,
            actual=45,
            expected=44,  # 40 + 10*2/5
            gap=5,
            gap_share_closed=0.5,  # 1 - |50-45|/|50-40|
            time_share_elapsed=0.4,
            progress_ratio=1.25,  # (45-40)/(44-40)
            required_rate=1.6667,  # 5/3
            actual_rate=2.5,  # 5/2
            projected=52.5,  # 45 + 2.5*3
            projected_shortfall=-2.5,  # 50 - 52.5
            holds=False,  # |45-50| = 5 > 2
        ),
        id="level-approx",
    ),
    pytest.param(
        make("increment", ">=", 200, baseline=Baseline(2020, 1000)),
        {2021: 1050, 2022: 1090},
        {},
        dict(
            status=Status.ON_TRACK,
            method="linear",
            baseline=Point(2020, 1000),
            latest=Point(2022, 1090),
            actual=90,  # 1090 - 1000
            expected=80,  # G = 1200; E = 1000 + 200*2/5 = 1080; 1080 - 1000
            gap=110,  # 200 - 90
            gap_share_closed=0.45,  # 90/200
            time_share_elapsed=0.4,
            progress_ratio=1.125,  # 90/80
            required_rate=36.6667,  # (1200-1090)/3
            actual_rate=45,  # 90/2
            rate_kind="change",
            projected=225,  # 1090 + 45*3 = 1225; 1225 - 1000
            projected_shortfall=-25,  # 200 - 225
        ),
        id="increment-absolute",
    ),
    pytest.param(
        # up 21 % on 2021 by 2023
        make(
            "increment",
            ">=",
            21,
            unit="%",
            series_unit="件",
            target_year=2023,
            baseline=Baseline(2021, 1000),
        ),
        {2022: 1080},
        {"plan_start": 2022},
        dict(
            status=Status.MODERATE,
            method="compound",
            actual=8,  # (1080/1000 - 1)*100
            expected=10,  # G = 1210; E = 1000*(1.21)**(1/2) = 1100; (1100/1000-1)*100
            gap=13,  # 21 - 8
            gap_share_closed=0.381,  # 80/210
            time_share_elapsed=0.5,  # 1/2
            progress_ratio=0.8,  # 80/(1100-1000)
            remaining_years=1,
            required_rate=12.037,  # (1210/1080 - 1)*100
            actual_rate=8,  # (1080/1000 - 1)*100
            rate_kind="growth",
            projected=16.64,  # 1080*1.08 = 1166.4; (1166.4/1000 - 1)*100
            projected_shortfall=4.36,  # 21 - 16.64
        ),
        id="increment-percent",
    ),
    pytest.param(
        # 年均增长10%: 2021 -> 2025, n = 4, G = 1000*1.1**4 = 1464.1
        make("growth", ">=", 10, unit="%", series_unit="件", baseline=Baseline(2021, 1000)),
        {2022: 1090, 2023: 1188.1},
        {"plan_start": 2022},
        dict(
            status=Status.MODERATE,
            method="compound",
            actual=9,  # (1188.1/1000)**(1/2) = 1.09
            expected=10,  # the target rate
            gap=1,  # 10 - 9
            gap_share_closed=0.4053,  # 188.1/464.1
            time_share_elapsed=0.5,  # 2/4
            progress_ratio=0.8957,  # E = 1000*1.1**2 = 1210; 188.1/210
            required_rate=11.0092,  # ((1464.1/1188.1)**(1/2) - 1)*100
            actual_rate=9,
            rate_kind="growth",
            projected=9,  # 1188.1*1.09**2 = 1000*1.09**4
            projected_shortfall=1,  # 10 - 9
        ),
        id="growth",
    ),
]


@pytest.mark.parametrize(("target", "values", "kw", "want"), PATH_CASES)
def test_path_kinds(target, values, kw, want):
    check(run(target, values, **kw), want)


# --- cumulative and average: a total over the window, pro rata -----------------------------

WINDOW = (2021, 2025)  # N = 5

WINDOW_CASES = [
    pytest.param(
        make("cumulative", ">=", 500, window=WINDOW),
        {2021: 90, 2022: 110, 2023: 100},
        dict(
            status=Status.ON_TRACK,
            method="pro_rata",
            baseline=None,
            latest=Point(2023, 100),
            actual=300,  # 90 + 110 + 100
            expected=300,  # 500*3/5
            gap=200,
            gap_share_closed=0.6,  # 300/500
            gap_share=0.4,
            time_share_elapsed=0.6,  # 3/5
            progress_ratio=1.0,  # 300/300
            remaining_years=2,
            required_rate=100,  # (500-300)/2
            actual_rate=100,  # 300/3
            projected=500,  # 300 + 100*2
            projected_shortfall=0,
            holds=False,
            years_counted=(2021, 2022, 2023),
        ),
        id="cumulative-ge",
    ),
    pytest.param(
        make("cumulative", ">", 400, window=WINDOW),
        {2021: 50, 2022: 70},
        dict(
            status=Status.MODERATE,
            actual=120,
            expected=160,  # 400*2/5
            gap=281,  # > 400 in whole counts: 401 - 120 (issue 21)
            gap_share_closed=0.3,  # 120/400
            time_share_elapsed=0.4,
            progress_ratio=0.75,  # 120/160
            required_rate=93.6667,  # 281/3
            actual_rate=60,  # 120/2
            projected=300,  # 120 + 60*3
            projected_shortfall=101,  # 401 - 300
        ),
        id="cumulative-gt",
    ),
    pytest.param(
        # a ceiling on a running total: holding it is not "achieved" before the end
        make("cumulative", "<=", 100, window=WINDOW),
        {2021: 25, 2022: 25},
        dict(
            status=Status.MODERATE,
            actual=50,
            expected=40,  # 100*2/5
            gap=-50,  # -(100 - 50): 50 of headroom left
            gap_share_closed=0.5,  # 50/100
            progress_ratio=0.8,  # lower: 40/50
            required_rate=16.6667,  # (100-50)/3
            actual_rate=25,
            projected=125,  # 50 + 25*3
            projected_shortfall=25,  # -(100 - 125)
            holds=True,
        ),
        id="cumulative-le",
    ),
    pytest.param(
        make("average", ">=", 100, window=WINDOW),
        {2021: 90, 2022: 96},
        dict(
            status=Status.MODERATE,
            method="pro_rata",
            actual=93,  # (90+96)/2
            expected=100,
            gap=7,
            gap_share_closed=0.372,  # 186/(100*5)
            time_share_elapsed=0.4,
            progress_ratio=0.93,  # 186/(500*2/5)
            required_rate=104.6667,  # (100*(2+3) - 186)/3
            actual_rate=93,
            projected=93,
            projected_shortfall=7,
            holds=False,
        ),
        id="average-ge",
    ),
]


@pytest.mark.parametrize(("target", "values", "want"), WINDOW_CASES)
def test_window_totals(target, values, want):
    check(run(target, values), want)


def test_window_target_shows_catalogue_baseline_without_using_it():
    target = make("cumulative", ">=", 500, window=WINDOW, baseline=Baseline(2020, 9999))
    result = run(target, {2021: 90, 2022: 110, 2023: 100})
    assert result.baseline == Point(2020, 9999)
    assert "baseline_not_used" in codes(result)
    assert result.progress_ratio == pytest.approx(1.0)  # 300/(500*3/5), as without it


# --- annual: every year of the window must hold --------------------------------------------

ANNUAL_CASES = [
    pytest.param(
        make("annual", ">=", 60, window=WINDOW),
        {2021: 62, 2022: 58, 2023: 64},
        dict(
            status=Status.BEHIND,  # 2022 cannot be made up
            method="years",
            # the row shows the year that decides the status, 2022, not the latest (issue 21:
            # 超4 beside 进度滞后 contradicted it)
            actual=58,
            actual_year=2022,
            expected=60,
            gap=2,  # 60 - 58
            gap_share_closed=0.4,  # 2 held / 5
            time_share_elapsed=0.6,  # 3/5
            progress_ratio=0.6667,  # 2/3
            required_rate=60,
            actual_rate=61.3333,  # (62+58+64)/3
            years_missed=(2022,),
            holds=False,
        ),
        id="annual-with-a-miss",
    ),
    pytest.param(
        make("annual", ">=", 60, window=WINDOW),
        {2021: 62, 2022: 65},
        dict(
            status=Status.ON_TRACK,
            gap_share_closed=0.4,  # 2/5
            time_share_elapsed=0.4,
            progress_ratio=1.0,
            actual_rate=63.5,
            years_missed=(),
            holds=True,
        ),
        id="annual-all-held",
    ),
    pytest.param(
        make("annual", ">=", 60, window=WINDOW),
        {2021: 62, 2022: 65, 2023: 60, 2024: 61, 2025: 70},
        dict(status=Status.MET, progress_ratio=1.0, required_rate=None, years_missed=()),
        id="annual-met",
    ),
    pytest.param(
        make("annual", ">=", 60, window=WINDOW),
        {2021: 62, 2022: 65, 2023: 59.9, 2024: 61, 2025: 70},
        dict(status=Status.MISSED, progress_ratio=0.8, years_missed=(2023,)),  # 4/5
        id="annual-missed",
    ),
    pytest.param(
        make("annual", "<=", 3, unit="%", window=WINDOW),
        {2021: 2.5, 2022: 3.5},
        dict(
            status=Status.BEHIND,
            gap=0.5,  # -(3 - 3.5): still 0.5 to go
            years_missed=(2022,),
        ),
        id="annual-le",
    ),
]


@pytest.mark.parametrize(("target", "values", "want"), ANNUAL_CASES)
def test_annual(target, values, want):
    check(run(target, values), want)


# --- rise: every year above (or below) the year before -------------------------------------

RISE_UP = make("rise", ">", None)
RISE_DOWN = make("rise", "<", None)

RISE_CASES = [
    pytest.param(
        RISE_UP,
        {2020: 10, 2021: 11, 2022: 12},
        dict(status=Status.ON_TRACK, progress_ratio=1.0, time_share_elapsed=0.4, years_missed=()),
        id="gt-on-track",
    ),
    pytest.param(
        RISE_UP,
        {2020: 10, 2021: 12, 2022: 11, 2023: 13},
        dict(
            status=Status.BEHIND,  # an earlier year fell, the latest rose
            method="years",
            baseline=Point(2020, 10),
            actual=13,
            progress_ratio=0.6667,  # 2 rises / 3 steps
            time_share_elapsed=0.6,  # (2023-2020)/(2025-2020)
            years_missed=(2022,),
            years_counted=(2020, 2021, 2022, 2023),
            holds=False,
        ),
        id="gt-behind",
    ),
    pytest.param(
        RISE_UP,
        {2020: 10, 2021: 10},
        dict(status=Status.MOVING_AWAY, progress_ratio=0.0, years_missed=(2021,)),  # 10 > 10 no
        id="gt-flat-year-is-a-fall",
    ),
    pytest.param(
        RISE_DOWN,
        {2020: 50, 2021: 48, 2022: 49},
        dict(
            status=Status.MOVING_AWAY,  # the latest year went up
            progress_ratio=0.5,  # 1/2
            time_share_elapsed=0.4,  # 2/5
            years_missed=(2022,),
        ),
        id="lt-moving-away",
    ),
    pytest.param(
        RISE_UP,
        {2020: 10, 2021: 11, 2022: 12, 2023: 13, 2024: 14, 2025: 15},
        # judged at its year: the share of years that rose, no time share
        dict(status=Status.MET, progress_ratio=1.0, time_share_elapsed=None, remaining_years=0),
        id="gt-met",
    ),
    pytest.param(
        RISE_UP,
        {2020: 10, 2021: 11, 2022: 12, 2023: 11, 2024: 14, 2025: 15},
        dict(status=Status.MISSED, progress_ratio=0.8, years_missed=(2023,)),  # 4/5
        id="gt-missed",
    ),
]


@pytest.mark.parametrize(("target", "values", "want"), RISE_CASES)
def test_rise(target, values, want):
    check(run(target, values), want)


def test_rise_with_one_point_has_no_data():
    result = run(RISE_UP, {2020: 10})
    assert result.status is Status.NO_DATA
    assert "single_point" in codes(result)


def test_rise_skips_a_missing_middle_year():
    result = run(RISE_UP, {2020: 10, 2021: 11, 2023: 12})  # 2023 compared with 2021
    assert (result.status, result.years_missed) == (Status.ON_TRACK, ())
    assert result.progress_ratio == pytest.approx(1.0)  # 2 rises / 2 steps
    assert note(result, "missing_years").data == {"years": [2022]}


# --- statuses at and around their thresholds -----------------------------------------------

# level >= 150 from 100 in 2020: E(2021) = 100 + 50*1/5 = 110, so ratio = (a-100)/10
STEP = make("level", ">=", 150, baseline=Baseline(2020, 100))


@pytest.mark.parametrize(
    ("value", "ratio", "status"),
    [
        pytest.param(120, 2.0, Status.ON_TRACK, id="ahead"),
        pytest.param(109.5, 0.95, Status.ON_TRACK, id="exactly-0.95"),
        pytest.param(109.49, 0.949, Status.MODERATE, id="just-under-0.95"),
        pytest.param(106, 0.6, Status.MODERATE, id="exactly-0.60"),
        pytest.param(105.99, 0.599, Status.BEHIND, id="just-under-0.60"),
        pytest.param(100, 0.0, Status.BEHIND, id="exactly-0"),
        pytest.param(99, -0.1, Status.MOVING_AWAY, id="negative"),
    ],
)
def test_default_thresholds(value, ratio, status):
    result = run(STEP, {2021: value})
    assert result.progress_ratio == pytest.approx(ratio, abs=1e-9)
    assert result.status is status


@pytest.mark.parametrize(
    ("value", "status"),
    [
        pytest.param(109, Status.ON_TRACK, id="exactly-0.9"),  # 9/10
        pytest.param(108.99, Status.MODERATE, id="just-under-0.9"),
        pytest.param(105, Status.MODERATE, id="exactly-0.5"),  # 5/10
        pytest.param(104.99, Status.BEHIND, id="just-under-0.5"),
        pytest.param(99, Status.MOVING_AWAY, id="negative"),
    ],
)
def test_custom_thresholds(value, status):
    assert run(STEP, {2021: value}, thresholds=Thresholds(0.9, 0.5)).status is status


@pytest.mark.parametrize(
    ("on_track", "moderate"),
    [(0.5, 0.9), (0.9, 0.9), (0.9, 0.0), (0.9, -0.1)],
    ids=["reversed", "equal", "zero", "negative"],
)
def test_thresholds_out_of_order_raise(on_track, moderate):
    with pytest.raises(ValueError):
        Thresholds(on_track, moderate)


# cumulative 1000 over 2021..2025: expected total in 2021 = 1000*1/5 = 200
@pytest.mark.parametrize(
    ("value", "status"),
    [
        pytest.param(190, Status.ON_TRACK, id="exactly-0.95"),  # 190/200
        pytest.param(189, Status.MODERATE, id="just-under-0.95"),
        pytest.param(120, Status.MODERATE, id="exactly-0.60"),  # 120/200
        pytest.param(119, Status.BEHIND, id="just-under-0.60"),
        pytest.param(0, Status.BEHIND, id="exactly-0"),
    ],
)
def test_cumulative_thresholds(value, status):
    assert run(make("cumulative", ">=", 1000, window=WINDOW), {2021: value}).status is status


@pytest.mark.parametrize(
    ("value", "status"),
    [
        # 15 -> 20 over 2020..2025: E(2021) = 15 + 5*1/5 = 16; (15.95-15)/(16-15) = 0.95
        pytest.param(15.95, Status.ON_TRACK, id="0.95"),
        # (15.6-15)/(16-15) = 0.60
        pytest.param(15.6, Status.MODERATE, id="0.60"),
    ],
)
def test_threshold_exact_ratio_from_decimal_figures(value, status):
    target = make("level", ">=", 20, baseline=Baseline(2020, 15))
    assert run(target, {2021: value}).status is status


# --- 以上 / 超过 at the boundary -------------------------------------------------------------


@pytest.mark.parametrize(
    ("comparator", "value", "status"),
    [
        pytest.param(">=", 150, Status.MET, id="ge-met"),
        pytest.param(">", 150, Status.MISSED, id="gt-missed"),
        pytest.param("<=", 5, Status.MET, id="le-met"),
        pytest.param("<", 5, Status.MISSED, id="lt-missed"),
    ],
)
def test_exactly_at_target_in_target_year(comparator, value, status):
    target = make("level", comparator, value, baseline=Baseline(2020, 100 if value == 150 else 8))
    result = run(target, {2024: value, 2025: value})
    assert result.status is status
    # exactly at a > or < target misses it by one step of the figures' precision (151, 4),
    # never a gap of 0 beside 未完成 (issue 21)
    assert result.gap == pytest.approx(0 if status is Status.MET else 1)


@pytest.mark.parametrize(
    ("comparator", "holds_", "status"),
    [
        pytest.param(">=", True, Status.ACHIEVED, id="ge-achieved"),
        # not yet: 50/(100 + 50*3/5 - 100) = 1.667, so on track but not achieved
        pytest.param(">", False, Status.ON_TRACK, id="gt-not-achieved"),
    ],
)
def test_exactly_at_target_before_target_year(comparator, holds_, status):
    target = make("level", comparator, 150, baseline=Baseline(2020, 100))
    result = run(target, {2023: 150})
    assert (result.holds, result.status) == (holds_, status)


@pytest.mark.parametrize(
    ("comparator", "holds_", "status"),
    [
        pytest.param("<=", True, Status.ACHIEVED, id="le-achieved"),
        # (5-8)/(8 + (5-8)*3/5 - 8) = 1.667
        pytest.param("<", False, Status.ON_TRACK, id="lt-not-achieved"),
    ],
)
def test_exactly_at_ceiling_before_target_year(comparator, holds_, status):
    target = make("level", comparator, 5, unit="%", baseline=Baseline(2020, 8))
    result = run(target, {2023: 5})
    assert (result.holds, result.status) == (holds_, status)


@pytest.mark.parametrize(
    ("comparator", "status"),
    [pytest.param(">=", Status.MET, id="ge"), pytest.param(">", Status.MISSED, id="gt")],
)
def test_float_noise_total_at_target(comparator, status):
    # 0.1 + 0.2 is 0.30000000000000004 in floats, 0.3 by the definition
    target = make("cumulative", comparator, 0.3, unit="亿元", window=(2024, 2025))
    result = run(target, {2024: 0.1, 2025: 0.2})
    assert result.status is status


@pytest.mark.parametrize(
    ("comparator", "expected"),
    [(">=", True), (">", False), ("<=", True), ("<", False)],
)
def test_holds_rounds_away_float_noise(comparator, expected):
    assert holds(0.1 + 0.2, make("level", comparator, 0.3)) is expected


def test_holds_against_a_reference():
    target = make("rise", ">", None)
    assert holds(11, target, reference=10)
    assert not holds(10, target, reference=10)


# --- 左右 with a tolerance -------------------------------------------------------------------

APPROX = make("level", "~", 50, tolerance=2, baseline=Baseline(2020, 40))


@pytest.mark.parametrize(
    ("value", "expected"),
    [(49, True), (51.5, True), (48, True), (52, True), (47.9, False), (52.1, False)],
)
def test_approx_holds_within_tolerance_inclusive(value, expected):
    assert holds(value, APPROX) is expected


def test_approx_inside_tolerance_is_achieved():
    result = run(APPROX, {2022: 49})  # |49-50| = 1 <= 2
    assert (result.holds, result.status) == (True, Status.ACHIEVED)


def test_approx_overshoot_beyond_tolerance_is_overshoot():
    # Past a 左右 target is a status of its own, not movement away from it (issue 21).
    result = run(APPROX, {2022: 62})
    check(
        result,
        dict(
            status=Status.OVERSHOOT,
            holds=False,  # |62-50| = 12 > 2
            gap=-12,  # 50 - 62
            gap_share_closed=-0.2,  # 1 - |50-62|/|50-40|
            time_share_elapsed=0.4,  # 2/5
            progress_ratio=-0.5,  # past the target: -0.2/0.4
        ),
    )


@pytest.mark.parametrize("value", [9.7, 10.3])
def test_approx_tolerance_edge_with_decimal_figures(value):
    assert holds(value, make("level", "~", 10, unit="%", tolerance=0.3))  # |v - 10| = 0.3


# --- early success that slips; missing years; single points ---------------------------------


def test_met_early_then_slipped():
    target = make("level", ">=", 150, baseline=Baseline(2020, 100))
    values = {2021: 130, 2022: 140, 2023: 152, 2024: 148}
    assert run(target, values, as_of=2023).status is Status.ACHIEVED
    result = run(target, values, as_of=2024)
    assert result.holds is False
    assert result.status is Status.ON_TRACK  # (148-100)/(140-100) = 1.2, no longer achieved
    assert note(result, "slipped").data == {"year": 2023}


def test_path_with_a_missing_middle_year():
    result = run(make("level", ">=", 150), {2020: 100, 2021: 110, 2023: 130})
    assert note(result, "missing_years").data == {"years": [2022]}
    assert result.years_counted == (2021, 2023)
    assert result.progress_ratio == pytest.approx(1.0)  # 30/(100 + 50*3/5 - 100)


def test_cumulative_with_a_missing_middle_year_sums_present_years():
    result = run(make("cumulative", ">=", 500, window=WINDOW), {2021: 100, 2023: 120})
    assert note(result, "missing_years").data == {"years": [2022]}
    check(
        result,
        dict(
            actual=220,  # 100 + 120
            years_counted=(2021, 2023),
            time_share_elapsed=0.6,  # (2023-2021+1)/5
            progress_ratio=0.7333,  # 220/(500*3/5)
            status=Status.MODERATE,
        ),
    )


def test_single_point_is_the_baseline_and_has_no_data():
    result = run(make("level", ">=", 150), {2020: 100}, as_of=2021)
    assert result.baseline == Point(2020, 100)
    assert result.baseline_source == "observed"
    assert result.status is Status.NO_DATA
    assert "single_point" in codes(result)


def test_single_point_that_already_holds_is_achieved():
    result = run(make("level", ">=", 150), {2021: 160})
    assert (result.status, result.holds, result.actual) == (Status.ACHIEVED, True, 160)


def test_observed_baseline_is_noted():
    result = run(make("level", ">=", 150), {2019: 90, 2020: 100, 2021: 110})
    assert result.baseline == Point(2020, 100)  # 2019 is before plan_start - 1
    assert note(result, "baseline_observed").data == {"year": 2020, "value": 100}


def test_sign_change_is_noted():
    target = make("level", ">=", 10, baseline=Baseline(2020, -2))
    assert "sign_change" in codes(run(target, {2021: -1, 2022: 3}))


def test_preliminary_latest_is_noted():
    points = pts({2020: 100, 2021: 110, 2022: 120}, preliminary=(2022,))
    result = assess(make("level", ">=", 150), points, as_of=2022, plan_start=2021)
    assert note(result, "preliminary").data == {"year": 2022}


# --- as_of, met and missed -------------------------------------------------------------------

TO_150 = make("level", ">=", 150, baseline=Baseline(2020, 100))


@pytest.mark.parametrize(
    ("last", "as_of", "status"),
    [
        pytest.param(155, 2026, Status.MET, id="met-after-target-year"),
        pytest.param(145, 2026, Status.MISSED, id="missed-after-target-year"),
        pytest.param(145, 2025, Status.MISSED, id="missed-in-target-year"),
        # 2025 not yet known: (140-100)/(100 + 50*4/5 - 100) = 1.0
        pytest.param(145, 2024, Status.ON_TRACK, id="before-target-year"),
    ],
)
def test_met_and_missed(last, as_of, status):
    values = {2021: 110, 2022: 120, 2023: 130, 2024: 140, 2025: last}
    assert run(TO_150, values, as_of=as_of).status is status


def test_target_year_over_without_its_figure():
    result = run(TO_150, {2021: 110, 2022: 120, 2023: 130, 2024: 140}, as_of=2026)
    assert not result.final
    # on track by 2024 (40/(100 + 50*4/5 - 100) = 1.0), but 2025 is over: its figure decides
    assert result.status is Status.AWAITING_FINAL
    assert note(result, "no_target_year_figure").data == {"year": 2025}
    assert (result.expected, result.progress_ratio, result.required_rate, result.projected) == (
        None,
        None,
        None,
        None,
    )
    assert (result.actual, result.gap, result.remaining_years) == (140, 10, 0)


def test_the_same_target_before_its_year_is_over_is_tracked():
    result = run(TO_150, {2021: 110, 2022: 120, 2023: 130, 2024: 140}, as_of=2024)
    assert (result.status, result.progress_ratio, result.remaining_years) == (
        Status.ON_TRACK,
        pytest.approx(1.0),
        1,
    )


def test_as_of_ignores_later_points():
    values = {2021: 110, 2022: 120, 2023: 130, 2024: 125, 2025: 152}
    early = run(TO_150, values, as_of=2023)
    late = run(TO_150, values, as_of=2025)
    assert (early.latest, early.status) == (Point(2023, 130), Status.ON_TRACK)  # 30/30
    assert early.years_counted == (2021, 2022, 2023)
    assert (late.latest, late.status) == (Point(2025, 152), Status.MET)


# --- the CAGR method -------------------------------------------------------------------------

# 1000 -> 1610.51 = 1000*1.1**5 over 2020..2025; by 2022 at 5 % a year: 1102.5 = 1000*1.05**2
CAGR_TARGET = make("level", ">=", 1610.51, baseline=Baseline(2020, 1000))
CAGR_VALUES = {2021: 1050, 2022: 1102.5}


def test_cagr_ratio():
    result = run(CAGR_TARGET, CAGR_VALUES, method=Method.CAGR)
    check(
        result,
        dict(
            method="cagr",
            progress_ratio=0.5,  # (1.1025**(1/2) - 1)/(1.61051**(1/5) - 1) = 0.05/0.10
            status=Status.BEHIND,
            expected=1210,  # compound: 1000*1.61051**(2/5) = 1000*1.1**2
            gap_share_closed=0.1679,  # 102.5/610.51
            actual_rate=5,  # (1.1025**(1/2) - 1)*100
            required_rate=13.4649,  # ((1610.51/1102.5)**(1/3) - 1)*100
            rate_kind="growth",
            projected=1276.2816,  # 1102.5*1.05**3
            projected_shortfall=334.2284,  # 1610.51 - 1276.2816
        ),
    )


def test_same_series_with_the_linear_method():
    result = run(CAGR_TARGET, CAGR_VALUES)
    check(
        result,
        dict(
            method="linear",
            expected=1244.204,  # 1000 + 610.51*2/5
            progress_ratio=0.4197,  # 102.5/244.204
            status=Status.BEHIND,
        ),
    )


def test_compound_path_from_the_catalogue():
    target = make("level", ">=", 1610.51, baseline=Baseline(2020, 1000), path=Trajectory.COMPOUND)
    result = run(target, CAGR_VALUES)
    # E = 1000*1.1**2 = 1210; (1102.5-1000)/(1210-1000) = 102.5/210
    check(result, dict(method="compound", expected=1210, progress_ratio=0.4881))


@pytest.mark.parametrize(
    ("baseline", "values", "ratio", "status"),
    [
        # observed baseline 0: E(2022) = 0 + 10*2/5 = 4; (4-0)/(4-0)
        pytest.param(None, {2020: 0, 2021: 2, 2022: 4}, 1.0, Status.ON_TRACK, id="zero"),
        # 5 -> 10: E(2021) = 6; (-1-5)/(6-5)
        pytest.param(Baseline(2020, 5), {2021: -1}, -6.0, Status.MOVING_AWAY, id="negative"),
    ],
)
def test_cagr_undefined_falls_back_to_linear(baseline, values, ratio, status):
    result = run(make("level", ">=", 10, baseline=baseline), values, method=Method.CAGR)
    assert "cagr_undefined" in codes(result)
    assert result.method == "linear"
    assert result.progress_ratio == pytest.approx(ratio)
    assert result.status is status


# --- properties ------------------------------------------------------------------------------


def rank(status: Status) -> int:
    """0 for the best status (met); missed is the worst a result here can have."""
    assert status is not Status.NO_DATA
    return STATUS_ORDER.index(status)


@st.composite
def improvable(draw):
    """A level, increment or cumulative target, its series, and a better latest value."""
    kind = draw(st.sampled_from(["level", "increment", "cumulative"]))
    comparator = draw(st.sampled_from([">=", ">", "<=", "<"]))
    s = -1 if comparator in LOWER else 1
    last_year = draw(st.integers(2021, 2025))
    years = range(2021, last_year + 1)
    if kind == "cumulative":
        # positive yearly flows that stay positive once improved
        values = [draw(st.integers(1, 100)) for _ in years]
        target = make(kind, comparator, draw(st.integers(1, 500)), window=WINDOW)
        step = draw(st.integers(1, 50)) if s > 0 else draw(st.integers(0, values[-1] - 1))
    else:
        values = [draw(st.integers(-100, 100)) for _ in years]
        start = Baseline(2020, draw(st.integers(-100, 100)))
        target = make(kind, comparator, draw(st.integers(-100, 100)), baseline=start)
        step = draw(st.integers(0, 50))
    before = dict(zip(years, values, strict=True))
    after = {**before, last_year: values[-1] + s * step}
    return target, before, after


@settings(max_examples=200, deadline=None)
@given(improvable())
def test_a_better_latest_value_never_gives_a_worse_status(case):
    target, before, after = case
    worse, better = run(target, before), run(target, after)
    assert rank(better.status) <= rank(worse.status), (worse.status, better.status)


@settings(max_examples=200, deadline=None)
@given(
    comparator=st.sampled_from([">=", ">", "<=", "<"]),
    start=st.integers(1, 1000),
    values=st.lists(st.integers(1, 2000), min_size=1, max_size=5),
)
def test_flat_path_linear_and_cagr_agree(comparator, start, values):
    target = make("level", comparator, start, baseline=Baseline(2020, start))  # T = S0
    series = dict(zip(range(2021, 2026), values, strict=False))
    # before the target year: a target whose year is over is judged, with no path
    linear = run(target, series, as_of=2024)
    cagr = run(target, series, method=Method.CAGR, as_of=2024)
    assert linear.status is cagr.status
    assert linear.expected == pytest.approx(start)  # flat: E = S0
    assert cagr.expected == pytest.approx(linear.expected, rel=1e-9)


@settings(max_examples=200, deadline=None)
@given(
    start=st.integers(-100, 100),
    step=st.integers(-20, 20).filter(bool),
    years=st.integers(1, 4),
)
def test_on_the_linear_path_the_ratio_is_one(start, step, years):
    # S0 + step*k for k = 1..years, target S0 + step*5
    target = make(
        "level", ">=" if step > 0 else "<=", start + 5 * step, baseline=Baseline(2020, start)
    )
    series = {2020 + k: start + step * k for k in range(1, years + 1)}
    result = run(target, series)
    assert result.method == "linear"
    assert result.progress_ratio == pytest.approx(1.0, rel=1e-9)
    assert result.gap_share_closed == pytest.approx(years / 5, rel=1e-9)
    assert result.status is Status.ON_TRACK


@settings(max_examples=200, deadline=None)
@given(
    start=st.floats(1, 1e4, allow_nan=False, allow_infinity=False),
    rate=st.one_of(st.floats(0.01, 0.3), st.floats(-0.3, -0.01)),
    years=st.integers(1, 4),
)
def test_on_the_compound_path_the_cagr_ratio_is_one(start, rate, years):
    goal = start * (1 + rate) ** 5
    target = make("level", ">=" if rate > 0 else "<=", goal, baseline=Baseline(2020, start))
    series = {2020 + k: start * (1 + rate) ** k for k in range(1, years + 1)}
    result = run(target, series, method=Method.CAGR)
    assert result.method == "cagr"
    assert result.progress_ratio == pytest.approx(1.0, rel=1e-6)


# --- a whole plan ----------------------------------------------------------------------------


def test_assess_plan_counts():
    stock = make("level", ">=", 150, id="stock")
    flow = make("cumulative", ">=", 500, id="flow", window=WINDOW)
    plan = Plan(
        id="testville-2021-2025",
        city="testville",
        place="测试市",
        place_en="Testville",
        level="city",
        title="测试市知识产权“十四五”规划",
        start_year=2021,
        target_year=2025,
        file=Path("testville.toml"),
        targets=(stock, flow),
    )
    series = {
        # observed 2020 baseline: 30/(100 + 50*3/5 - 100) = 1.0
        "stock": pts({2020: 100, 2021: 110, 2022: 120, 2023: 130}),
        # 160/(500*3/5) = 0.5333
        "flow": pts({2021: 50, 2022: 50, 2023: 60}),
    }
    result = assess_plan(plan, series, as_of=2023)
    assert [r.target.id for r in result.results] == ["stock", "flow"]
    assert [r.status for r in result.results] == [Status.ON_TRACK, Status.BEHIND]
    counts = result.counts()
    assert list(counts) == list(STATUS_ORDER)
    assert counts == {s: 1 if s in (Status.ON_TRACK, Status.BEHIND) else 0 for s in STATUS_ORDER}
    assert [r.target.id for r in result.having({Status.BEHIND})] == ["flow"]
