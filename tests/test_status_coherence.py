"""A row's status, gap, progress ratio and reading never contradict one another (issue 21).

Each case is a row seen contradicting itself on the sample data or a fixture target built
here: the exact status code, status label, gap cell and reading are asserted, worked by hand
in the comments.
"""

from __future__ import annotations

import json

import pytest

from ipkpi.assess.engine import assess
from ipkpi.assess.results import STATUS_CODES, STATUS_ORDER, Point, Status, least_satisfying
from ipkpi.catalogue.model import Baseline, Comparator, Direction, Kind, Target
from ipkpi.catalogue.source import Source
from ipkpi.cli.app import app
from ipkpi.views.readings import reading, status_label
from ipkpi.views.report import plan_notes, report_notes, report_row

SOURCE = Source("测试市知识产权“十四五”规划", "二、主要目标", "到2025年……")


def make(kind, comparator, value, unit="件", **kw) -> Target:
    return Target(
        id="t",
        name=kw.pop("name", "测试指标"),
        kind=Kind(kind),
        comparator=Comparator(comparator),
        value=value,
        unit=unit,
        target_year=2025,
        direction=Direction(kw.pop("direction", "higher")),
        category="测试",
        source=SOURCE,
        **kw,
    )


def run(target, values, as_of=None):
    points = [Point(y, v) for y, v in sorted(values.items())]
    return assess(target, points, as_of=as_of or max(values), plan_start=2021)


def row(a, lang="zh"):
    r = report_row(a, lang)
    return (a.status.value, r["status"], r["actual"], r["gap"], r["progress"], reading(a, lang))


def report(runner, db, *args):
    result = runner.invoke(app, ["report", "--db", str(db), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def targets(runner, db, *args):
    document = json.loads(report(runner, db, "-f", "json", *args))
    return {t["id"]: t for t in document["targets"]}


# --- 左右 (≈) overshot: a status of its own ------------------------------------------------


def test_overshoot_has_its_place_among_the_statuses():
    assert STATUS_CODES == (
        "achieved",
        "on_track",
        "moderate",
        "behind",
        "overshoot",
        "moving_away",
        "missed",
        "met",
        "awaiting_final",
        "no_data",
    )
    assert STATUS_ORDER.index(Status.AWAITING_FINAL) == STATUS_ORDER.index(Status.NO_DATA) - 1
    assert STATUS_ORDER.index(Status.OVERSHOOT) == STATUS_ORDER.index(Status.BEHIND) + 1


APPROX = make("level", "~", 50, tolerance=2, baseline=Baseline(2020, 40))


def test_a_fixture_overshoot_row_and_its_readings():
    # 62 against ≈ 50 ± 2 in 2022: 12 past it; 3 years left must take back 12: 4 a year.
    a = run(APPROX, {2022: 62})
    assert row(a) == (
        "overshoot",
        "超出目标区间",
        "62 (2022)",
        "超12",
        "-0.5",  # closed 1 - 12/10 = -0.2 over 2/5 of the time
        "2022年为62件，超出目标（≈50件(±2)）12件，剩余三年需年均减少4件",
    )
    assert row(a, "en")[1:] == (
        "overshoot",
        "62 (2022)",
        "over by 12",
        "-0.5",
        "62 件 in 2022, 12 件 past the target (≈ 50 件 (±2)); needs to cut 4 件 a year over "
        "the remaining 3 years",
    )


def test_overshoot_at_the_target_year_is_missed_and_says_past_not_short():
    a = run(APPROX, {2022: 55, 2025: 62})
    assert row(a) == (
        "missed",
        "偏离",  # a 左右 target outside its band at its year (issue 23)
        "62 (2025)",
        "超12",
        "",  # judged at its year: no progress ratio
        "2025年为62件，偏离目标（≈50件(±2)），超出12件",  # was 差-12件
    )
    assert row(a, "en")[1] == "off target"
    assert row(a, "en")[-1] == "62 件 in 2025: off target (≈ 50 件 (±2)), 12 件 past it"
    under = run(APPROX, {2022: 45, 2025: 41})
    assert row(under)[1:4] == ("偏离", "41 (2025)", "9")
    assert row(under)[-1] == "2025年为41件，偏离目标（≈50件(±2)），差9件"


def test_within_tolerance_is_achieved_not_overshoot():
    a = run(APPROX, {2022: 51.5})
    assert (a.status, status_label(a)) == (Status.ACHIEVED, "已达标")


def test_guizhou_2023_growth_past_its_approximate_target(runner, sample_db):
    out = report(runner, sample_db, "--city", "guizhou", "--as-of", "2023", "-f", "csv")
    assert ",overshoot,超出目标区间," in out
    t = targets(runner, sample_db, "--city", "guizhou", "--as-of", "2023")[
        "high_value_invention_patents_per_10k_growth"
    ]
    # 29.7 % against ≈ 15 % ± 0.75: was moving_away (逆向变化) though it overshot
    assert (t["status"], t["status_label"], t["gap"]) == ("overshoot", "超出目标区间", -14.7)
    assert t["reading"] == (
        "2023年为29.7%，超出目标（≈15%(±0.75)）14.7个百分点，剩余两年需年均减少7.35个百分点"
    )


@pytest.mark.parametrize("code", ["overshoot"])
def test_fail_on_and_status_accept_overshoot(runner, sample_db, code):
    args = ["report", "--db", str(sample_db), "--city", "guizhou", "--as-of", "2023"]
    failed = runner.invoke(app, [*args, "--fail-on", code])
    assert failed.exit_code == 3
    shown = runner.invoke(app, [*args, "--status", code, "-f", "json"])
    assert [t["id"] for t in json.loads(shown.stdout)["targets"]] == [
        "high_value_invention_patents_per_10k_growth"
    ]


# --- 超过 (>): the least figure that satisfies it -------------------------------------------


@pytest.mark.parametrize(
    ("comparator", "value", "figures", "need"),
    [
        pytest.param(">", 8000, [6850, 7960], 8001, id="whole-counts"),
        pytest.param(">", 15.5, [14.2, 15.0], 15.6, id="target-at-one-decimal"),
        pytest.param(">", 85, [83.6, 84.9], 85.1, id="figures-at-one-decimal"),
        pytest.param(">", 4, [1.98], 4.01, id="figures-at-two-decimals"),
        pytest.param("<", 20, [30, 28], 19, id="below"),
        pytest.param(">=", 8000, [7960], 8000, id="at-least-is-the-target"),
    ],
)
def test_least_satisfying(comparator, value, figures, need):
    target = make("level", comparator, value)
    points = [Point(2021 + i, v) for i, v in enumerate(figures)]
    assert least_satisfying(target, points) == need


def test_a_growth_rate_above_a_whole_target_needs_one_decimal_more():
    target = make("growth", ">", 10, unit="%", series_unit="件")
    assert least_satisfying(target, [Point(2021, 1000), Point(2022, 1100)]) == 10.1


GT = make("level", ">", 8000, unit="人", baseline=Baseline(2022, 6850))


def test_more_than_8000_people_needs_8001():
    a = run(GT, {2023: 7420, 2024: 7960})
    # 7960 on a path 6850 → 8000 (expected 7616.67); 8001 - 7960 = 41 to go, not 40
    assert row(a) == (
        "on_track",
        "进度正常",
        "7960 (2024)",
        "41",
        "1.45",
        "完成目标进度97%，快于时序进度30个百分点，剩余一年需增加41人",
    )
    assert row(a, "en")[-1] == (
        "97% of the way to the target, 30 points ahead of the time elapsed; "
        "needs to add 41 人 in the remaining year"
    )


def test_exactly_8000_does_not_satisfy_more_than_8000():
    a = run(GT, {2024: 7960, 2025: 8000})
    assert row(a)[:4] == ("missed", "未完成", "8000 (2025)", "1")  # never 0 beside 未完成
    assert row(a)[-1] == "2025年为8000人，未完成目标（>8000人），差1人"


def test_past_more_than_the_gap_is_from_the_target_as_written():
    a = run(GT, {2024: 8100})
    assert row(a)[:4] == ("achieved", "已达标", "8100 (2024)", "超100")


def test_a_share_above_15_5_percent_needs_15_6():
    target = make("level", ">", 15.5, unit="%", baseline=Baseline(2020, 14.0))
    a = run(target, {2024: 15.2})
    assert (report_row(a, "zh")["gap"], reading(a)) == (
        "0.4",  # 15.6 - 15.2
        "完成目标进度80%，与时序进度持平，剩余一年需增加0.4个百分点",
    )


def test_nanjing_2024_service_employees(runner, sample_db):
    t = targets(runner, sample_db, "--city", "nanjing", "--as-of", "2024")["ip_service_employees"]
    assert (t["status"], t["gap"], t["required_rate"]) == ("on_track", 41, 41)
    assert t["reading"] == "完成目标进度97%，快于时序进度30个百分点，剩余一年需增加41人"


# --- annual: the year that decides the status is the row's ---------------------------------

ANNUAL = make("annual", ">=", 10, unit="家", window=(2021, 2025))


def test_an_annual_target_missed_in_an_earlier_year_shows_that_year():
    # 25 in 2023 was 超15 beside 进度滞后; the row now shows 2021, the year that missed
    a = run(ANNUAL, {2021: 8, 2022: 90, 2023: 25})
    assert row(a) == (
        "behind",
        "进度滞后",
        "8 (2021)",
        "2",
        "0.67",  # 2 of 3 years held
        "2021年为8家，未达到每年≥10家的要求，差2家",
    )
    assert row(a, "en")[-1] == "8 家 in 2021, below the yearly requirement (≥ 10 家), 2 家 short"


def test_several_missed_years_name_them_all_and_show_the_latest():
    a = run(ANNUAL, {2021: 8, 2022: 12, 2023: 9, 2024: 15, 2025: 20})
    assert row(a) == (
        "missed",
        "未完成",
        "9 (2023)",
        "1",
        "0.6",
        "2021、2023年未达到每年≥10家的要求，2023年为9家，差1家",
    )
    assert row(a, "en")[-1] == (
        "below the yearly requirement (≥ 10 家) in 2021, 2023; 9 家 in 2023, 1 家 short"
    )


def test_shijiazhuang_annual_target_missed_in_2024(runner, sample_db):
    t = targets(runner, sample_db, "--city", "shijiazhuang", "--as-of", "2026")[
        "ip_management_standard_certification_annual"
    ]
    # was 41 (2025), 超11, beside 未完成
    assert (t["status"], t["actual"], t["gap"], t["years_missed"]) == (
        "missed",
        {"year": 2024, "value": 27},
        3,
        [2024],
    )
    assert t["reading"] == "2024年为27家，未达到每年≥30家的要求，差3家"
    assert t["latest"]["year"] == 2025  # the latest figure is still the latest


def test_guizhou_2023_new_time_honored_brands(runner, sample_db):
    out = report(runner, sample_db, "--city", "guizhou", "--as-of", "2023", "-f", "markdown")
    line = next(x for x in out.splitlines() if "新增认定" in x and x.startswith("|"))
    cells = [c.strip() for c in line.strip("|").split("|")]
    assert cells[4:] == ["0 (2021)", "≥ 10 (2025)", "10", "10", "0.67", "进度滞后"]
    assert "- 新增认定“贵州老字号”企业：2021年为0家，未达到每年≥10家的要求，差10家" in out


# --- a year missing under a status that says the target holds -----------------------------


def test_a_rise_met_with_a_year_missing_says_so():
    a = run(make("rise", ">", None, unit="亿元"), {2021: 18.6, 2022: 24.3, 2024: 33.8, 2025: 38.2})
    assert row(a) == (
        "met",
        "已完成（缺2023年数据）",
        "38.2 (2025)",
        "",
        "1",
        "2022–2025年逐年提高（缺2023年数据，该年未能核对）",
    )
    assert row(a, "en")[1] == "met (2023 missing)"
    assert row(a, "en")[-1] == (
        "higher every year in 2022–2025 (2023 missing: that year could not be checked)"
    )
    # said in the status and the reading: not again as a warning under it
    assert report_notes([a], "zh") == [row(a)[-1].join(("测试指标：", ""))]


def test_a_cumulative_achieved_with_a_year_missing_says_so():
    target = make("cumulative", ">=", 100, window=(2021, 2025))
    a = run(target, {2021: 40, 2023: 70})
    assert (a.status, status_label(a), status_label(a, "en")) == (
        Status.ACHIEVED,
        "已达标（缺2022年数据）",
        "achieved (2022 missing)",
    )


def test_a_level_target_with_a_year_missing_is_not_qualified():
    # the latest figure decides a level target: a year missing before it changes nothing
    target = make("level", ">=", 50, baseline=Baseline(2020, 40))
    a = run(target, {2021: 45, 2023: 52})
    assert (a.status, status_label(a)) == (Status.ACHIEVED, "已达标")
    assert report_notes([a], "zh")[1] == "  ⚠ 缺少2022年数据"


def test_shijiazhuang_rise_with_2023_missing(runner, sample_db):
    t = targets(runner, sample_db, "--city", "shijiazhuang", "--as-of", "2026")[
        "ip_pledge_financing_amount"
    ]
    assert (t["status"], t["status_label"], t["years_missing"]) == (
        "met",
        "已完成（缺2023年数据）",
        [2023],
    )
    assert t["reading"] == "2022–2025年逐年提高（缺2023年数据，该年未能核对）"
    assert {"code": "missing_years", "message": "缺少2023年数据"} in t["warnings"]


# --- warnings for the whole plan, once ------------------------------------------------------


def test_guizhou_preliminary_year_is_said_once(runner, sample_db):
    out = report(runner, sample_db, "--city", "guizhou", "--as-of", "2026")
    # the warning once; each verdict on a 快报 figure says it is provisional (issue 23)
    lines = out.splitlines()
    assert [line for line in lines if "快报" in line and "（快报）" not in line] == [
        "⚠ 2025年数据为快报数，可能修订：全部30项目标"
    ]
    table = [line for line in lines if line.rstrip().endswith(("已完成（快报）", "未完成（快报）"))]
    assert len(table) == 30
    md = report(runner, sample_db, "--city", "guizhou", "--as-of", "2026", "-f", "markdown")
    assert md.count("快报") == 1 + 30
    en = report(runner, sample_db, "--city", "guizhou", "--as-of", "2026", "--lang", "en")
    assert "⚠ the 2025 figures are preliminary (快报) and may be revised: all 30 targets" in en
    # JSON keeps it on every target, for scripts
    assert all(
        any(w["code"] == "preliminary" for w in t["warnings"])
        for t in targets(runner, sample_db, "--city", "guizhou", "--as-of", "2026").values()
    )


def test_a_preliminary_year_for_some_targets_names_them():
    a = run(make("level", ">=", 50, name="甲", baseline=Baseline(2020, 40)), {2022: 45})
    b_target = make("level", ">=", 50, name="乙", baseline=Baseline(2020, 40))
    b = assess(b_target, [Point(2022, 45, True)], as_of=2022, plan_start=2021)
    assert plan_notes([a, b], "zh") == ["⚠ 2022年数据为快报数，可能修订：乙"]
    assert plan_notes([a], "zh") == []
    assert all("快报" not in line for line in report_notes([a, b], "zh"))


def test_the_plan_warning_sits_under_the_summary(runner, sample_db):
    out = report(runner, sample_db, "--city", "guizhou", "--as-of", "2026").splitlines()
    at = out.index("⚠ 2025年数据为快报数，可能修订：全部30项目标")
    assert out[at - 1].startswith("共30项目标（截至2026年）")


def test_notes_are_in_plain_words(runner, sample_db):
    out = report(runner, sample_db, "--city", "shijiazhuang", "--as-of", "2026")
    # said once for the plan, naming its targets; the years and figures are in the table
    assert (
        "⚠ 规划未给出基期值，以“基期”列所列年份的数据为基期：通过知识产权管理规范国家标准认证"
        "的企业、每万人有效发明专利拥有量、注册商标、著作权登记量、涵盖知识产权、法律、财税、"
        "投资、技术、管理的专家服务团队"
    ) in out.splitlines()
    assert "目录" not in out and "实际值" not in out
    t = targets(runner, sample_db, "--city", "shijiazhuang", "--as-of", "2026")
    # JSON keeps it on each target, in plain words
    assert t["ip_management_standard_certified_enterprises_new"]["warnings"] == [
        {"code": "baseline_observed", "message": "规划未给出基期值，以2021年数据265家为基期"}
    ]
