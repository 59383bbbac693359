"""`ipkpi report` on the sample data: figures worked out by hand from sample_data/ (see
tools/build_sample_data.py for the series), statuses, formats, options and exit statuses."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from ipkpi.assess.report import build_report
from ipkpi.assess.results import Method
from ipkpi.catalogue.loader import load_catalogue
from ipkpi.catalogue.select import report_plan
from ipkpi.cli.app import app
from ipkpi.store.sqlite import SQLiteStore


def run(runner, *args):
    return runner.invoke(app, list(args), catch_exceptions=False)


def report_json(runner, db, *args):
    result = run(runner, "report", "--db", str(db), "-f", "json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --- Guizhou 专栏1 as of 2023: every indicator with its 2020 (row 3: 2019) baseline ----------

# id: baseline (year, value), actual (year, value), expected, progress ratio, status.
# Expected = b + (T - b) * k/n with k = 3, n = 5 (row 3: k = 4, n = 6); ratio = (a - b)/(E - b).
GUIZHOU_2023 = {
    "rd_expenditure_growth": ((2020, 10), (2023, 11.5), 11.2, 1.25, "on_track"),  # 1.5/1.2
    "technology_contract_turnover_to_gdp": (
        (2020, 1.4),
        (2023, 2.03),
        2.06,
        0.954545,
        "on_track",
    ),  # .63/.66
    "industrial_rd_to_revenue": ((2019, 0.93), (2023, 1.15), 1.51, 0.37931, "behind"),  # .22/.58
    # 左右 15 ± 0.75 overshot: closed = 1 - |15 - 29.7|/4 = -2.675; ratio = -2.675/0.6
    "high_value_invention_patents_per_10k_growth": (
        (2020, 11),
        (2023, 29.7),
        13.4,
        -4.458333,
        "overshoot",
    ),
    "valid_registered_trademarks": (
        (2020, 26.69),
        (2023, 50.3821),
        32.276,
        4.241335,
        "achieved",
    ),  # 23.6921/5.586
    "geographical_indications": ((2020, 386), (2023, 420), 400.4, 2.361111, "achieved"),  # 34/14.4
    "works_copyright_registrations": (
        (2020, 17.53),
        (2023, 35.9266),
        20.212,
        6.859284,
        "achieved",
    ),  # 18.3966/2.682
    "plant_variety_rights_granted": (
        (2020, 182),
        (2023, 270),
        198.8,
        5.238095,
        "achieved",
    ),  # 88/16.8
    # cumulative 2021-2025: 14.52 + 18.65 + 83.68 = 116.85 against 80 * 3/5 = 48
    "ip_pledge_financing_amount": ((2020, 55.14), (2023, 116.85), 48, 2.434375, "achieved"),
    "patent_awards_selected": ((2020, 125), (2023, 164), 158, 1.181818, "on_track"),  # 39/33
    "guizhou_time_honored_brands": (
        (2020, 102),
        (2023, 217),
        160.8,
        1.955782,
        "achieved",
    ),  # 115/58.8
    "ethnic_cultural_product_brands": ((2020, 292), (2023, 409), 412, 0.975, "on_track"),  # 117/120
    "ip_case_handling_rate": (
        (2020, 100),
        (2023, 100),
        100,
        None,
        "achieved",
    ),  # at the target already
    "ip_civil_first_instance_acceptance_rate": (
        (2020, 60),
        (2023, 62.5),
        63,
        0.833333,
        "moderate",
    ),  # 2.5/3
    "ip_public_service_outlets": ((2020, 2), (2023, 6), 6.2, 0.952381, "on_track"),  # 4/4.2
    "patent_attorneys": ((2020, 301), (2023, 326), 330.4, 0.85034, "moderate"),  # 25/29.4
    "ip_professionals": ((2020, 15), (2023, 46), 54, 0.794872, "moderate"),  # 31/39
}


def test_guizhou_2023_json_gives_every_column1_indicator_its_figures(runner, sample_db):
    document = report_json(runner, sample_db, "--city", "guizhou", "--as-of", "2023")
    assert document["schema"] == "ipkpi.report/1"
    assert (document["plan"]["id"], document["as_of"], document["method"]) == (
        "guizhou-2021-2025",
        2023,
        "linear",
    )
    by_id = {t["id"]: t for t in document["targets"]}
    for tid, (baseline, actual, expected, ratio, status) in GUIZHOU_2023.items():
        t = by_id[tid]
        assert (t["baseline"]["year"], t["baseline"]["value"]) == baseline, tid
        assert t["baseline"]["source"] == "catalogue", tid
        assert (t["actual"]["year"], t["actual"]["value"]) == pytest.approx(actual), tid
        assert t["expected"] == pytest.approx(expected, abs=1e-6), tid
        assert t["progress_ratio"] == pytest.approx(ratio, abs=1e-6), tid
        assert t["status"] == status, tid
        assert t["gap"] is not None, tid
    assert document["summary"] == {
        "targets": 30,
        "met": 0,
        "achieved": 9,
        "on_track": 15,
        "moderate": 3,
        "behind": 2,
        "overshoot": 1,
        "moving_away": 0,
        "missed": 0,
        "awaiting_final": 0,
        "no_data": 0,
    }


def test_json_fields_for_one_target_worked_by_hand(runner, sample_db):
    document = report_json(runner, sample_db, "--city", "guizhou", "--as-of", "2023")
    t = next(t for t in document["targets"] if t["id"] == "rd_expenditure_growth")
    assert {
        k: t[k]
        for k in (
            "gap",
            "gap_share",
            "gap_share_closed",
            "time_share_elapsed",
            "remaining_years",
            "required_rate",
            "actual_rate",
            "rate_unit",
            "projected",
            "projected_shortfall",
            "years_counted",
            "status_label",
            "reading",
        )
    } == {
        "gap": 0.5,  # 12 - 11.5
        "gap_share": 0.25,  # 0.5 / (12 - 10)
        "gap_share_closed": 0.75,
        "time_share_elapsed": 0.6,  # 3 of 5 years
        "remaining_years": 2,
        "required_rate": 0.25,  # 0.5 / 2
        "actual_rate": 0.5,  # 1.5 / 3
        "rate_unit": "个百分点/年",
        "projected": 12.5,  # 11.5 + 0.5 * 2
        "projected_shortfall": -0.5,
        "years_counted": [2021, 2022, 2023],
        "status_label": "进度正常",
        "reading": "完成目标进度75%，快于时序进度15个百分点，剩余两年需年均增加0.25个百分点",
    }
    # 13.2 in 2021 was at least 12; 11.5 in 2023 is not.
    assert t["warnings"] == [{"code": "slipped", "message": "2021年曾达到目标，现已回落"}]


def test_json_figures_equal_the_engine_results(runner, sample_db):
    catalogue = load_catalogue()
    for city in ("nanjing", "guizhou", "shijiazhuang"):
        for as_of in (2023, 2024, 2025):
            document = report_json(runner, sample_db, "--city", city, "--as-of", str(as_of))
            with SQLiteStore(sample_db, readonly=True) as store:
                engine = build_report(store, report_plan(catalogue, city, None, as_of), as_of=as_of)
            assert [t["id"] for t in document["targets"]] == [a.target.id for a in engine.results]
            for t, a in zip(document["targets"], engine.results, strict=True):
                assert t["status"] == a.status.value
                for key in ("gap", "expected", "progress_ratio", "required_rate", "projected"):
                    got, want = t[key], getattr(a, key)
                    assert (got is None) == (want is None), (city, as_of, a.target.id, key)
                    if want is not None:
                        assert got == pytest.approx(want, abs=1e-6)
                assert t["actual"] == (
                    None
                    if a.actual is None
                    else {"year": a.actual_year, "value": pytest.approx(a.actual, abs=1e-6)}
                )


# --- Nanjing as of 2024: the table --------------------------------------------------------


def test_nanjing_2024_table_statuses_and_readings(runner, sample_db):
    result = run(runner, "report", "--city", "nanjing", "--as-of", "2024", "--db", str(sample_db))
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == ("南京市国家知识产权强市建设示范城市工作方案(2022—2025年) · 截至2024年")
    # Worked by hand (k = 2 of n = 3 years from the 2022 baselines; increments from 2021):
    # achieved: 万人高价值 71.21 >= 50, 满意度 85.7 > 85; moderate: 版权登记 31.9/42.4 = 0.75,
    # 专利密集型 1.5/1.6 = 0.94, 高层次人才 70/75 = 0.93; moving away: 版权产业 -0.13/0.367.
    assert "共15项目标（截至2024年）：已达标 2，进度正常 9，进度偏慢 3，逆向变化 1" in lines
    assert (
        "万人版权登记量：完成目标进度50%，慢于时序进度17个百分点，剩余一年需增加31.8件" in lines
    )  # (118.3-86.4)/(150-86.4) = 50%, 2/3 of the time; > 150 at one decimal (the figures'
    # precision) needs 150.1 (issue 21): 150.1 - 118.3 = 31.8
    assert (
        "版权产业增加值占GDP比重：2024年为7.92%，较2022年基期下降0.13个百分点，与目标方向相反，"
        "剩余一年需增加0.68个百分点" in lines
    )
    assert "  ⚠ 缺少2023年数据" in lines
    assert "\x1b[" not in result.stdout  # no colour codes off a terminal


def test_nanjing_final_report_uses_the_target_year(runner, sample_db):
    document = report_json(runner, sample_db, "--city", "nanjing", "--as-of", "2026")
    statuses = {t["id"]: t["status"] for t in document["targets"]}
    # 2025 figures against the targets: 131.5 !> 150, 19.6 < 20, 7.85 < 8.6, 4+6+5+4 = 19 < 20,
    # 3025 - ... : +93 !> 100 (219 - 126); the rest hold.
    assert sorted(k for k, v in statuses.items() if v == "missed") == [
        "copyright_industries_gdp_share",
        "copyright_registrations_per_10k",
        "ip_high_level_talent_new",
        "ip_operation_centers_built",
        "patent_intensive_industries_gdp_share",
    ]
    assert set(statuses.values()) == {"met", "missed"}
    talent = next(t for t in document["targets"] if t["id"] == "ip_high_level_talent_new")
    # > 100 人 in whole counts needs +101: 8 short, not 7 (issue 21)
    assert talent["reading"] == "2025年较2021年增加93人，未完成目标（>100人），差8人"
    assert talent["status_label"] == "未完成（快报）"  # a verdict on a 快报 figure
    assert {"code": "preliminary", "message": "2025年为快报数，可能修订"} in talent["warnings"]
    # the plan has ended: judged, not tracked — no expected value, progress or projection
    assert [
        (t[k] for k in ("expected", "progress_ratio", "time_share_elapsed", "required_rate"))
        for t in document["targets"]
        if any(
            t[k] is not None
            for k in (
                "expected",
                "progress_ratio",
                "time_share_elapsed",
                "required_rate",
                "projected",
                "projected_shortfall",
            )
        )
    ] == []
    assert {t["remaining_years"] for t in document["targets"]} == {0}


def test_as_of_reproduces_an_earlier_view(runner, sample_db):
    before = report_json(runner, sample_db, "--city", "nanjing", "--as-of", "2024")
    again = report_json(runner, sample_db, "--city", "nanjing", "--as-of", "2024")
    assert before == again
    hv = next(t for t in before["targets"] if t["id"] == "high_value_invention_patents_per_10k")
    assert (hv["actual"], hv["status"]) == ({"year": 2024, "value": 71.21}, "achieved")


# --- Shijiazhuang: --fail-on, growth and rise targets -----------------------------------------


def test_fail_on_exits_3_when_a_target_has_the_status(runner, sample_db):
    result = run(
        runner,
        "report",
        "--city",
        "shijiazhuang",
        "--as-of",
        "2024",
        "--db",
        str(sample_db),
        "-f",
        "csv",
        "--fail-on",
        "behind,moving_away",
        "--lang",
        "en",
    )
    assert result.exit_code == 3
    assert result.stderr == (
        "--fail-on: 2 target(s) with status behind, moving_away: "
        "ip_management_standard_certification_annual, ip_intensive_industries_gdp_share\n"
    )
    assert len(result.stdout.splitlines()) == 16  # the report is still written in full


def test_fail_on_exits_0_when_no_target_has_the_status(runner, sample_db):
    # As of 2025 every target has its 2025 figure: met or missed, none behind or moving away.
    result = run(
        runner,
        "report",
        "--city",
        "shijiazhuang",
        "--as-of",
        "2025",
        "--db",
        str(sample_db),
        "--fail-on",
        "behind,moving_away",
    )
    assert (result.exit_code, result.stderr) == (0, "")


def test_shijiazhuang_2025_growth_and_rise(runner, sample_db):
    document = report_json(runner, sample_db, "--city", "shijiazhuang", "--as-of", "2025")
    by_id = {t["id"]: t for t in document["targets"]}
    trademarks = by_id["registered_trademarks_growth"]
    # (264905 / 182406) ** (1/4) - 1 = 1.452282 ** 0.25 - 1 = 9.7773 % < 10 %
    assert trademarks["actual"]["value"] == pytest.approx(9.7773, abs=1e-4)
    assert trademarks["status"] == "missed"
    assert trademarks["reading"] == "2021–2025年年均增长9.8%，未完成目标（≥10%），差0.22个百分点"
    share = by_id["ip_intensive_industries_gdp_share"]
    # 10.8, 11.3, 11.6, 11.2, 10.9: fell in 2024 and 2025
    assert (share["status"], share["years_missed"]) == ("missed", [2024, 2025])
    assert share["reading"] == "2024、2025年未实现逐年提高"
    closure = by_id["ip_management_standard_certification_annual"]
    # 34, 38, 27, 41 against 30 a year
    assert (closure["status"], closure["years_missed"]) == ("missed", [2024])


# --- options ----------------------------------------------------------------------------------


def test_status_filter_shows_only_those_rows(runner, sample_db):
    result = run(
        runner,
        "report",
        "--city",
        "nanjing",
        "--as-of",
        "2024",
        "--db",
        str(sample_db),
        "-f",
        "csv",
        "--status",
        "moderate",
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["id"], r["status"]) for r in rows] == [
        ("copyright_registrations_per_10k", "moderate"),
        ("patent_intensive_industries_gdp_share", "moderate"),
        ("ip_high_level_talent_new", "moderate"),
    ]


def test_csv_header(runner, sample_db):
    result = run(
        runner, "report", "-c", "nanjing", "--as-of", "2024", "--db", str(sample_db), "-f", "csv"
    )
    header = result.stdout.splitlines()[0]
    assert header.startswith("plan,as_of,id,name,category,lead,kind,comparator,target,unit,")
    assert header.endswith(",method,status,status_label,years_missed,reading,warnings")


def test_markdown_and_english(runner, sample_db):
    result = run(
        runner,
        "report",
        "-c",
        "nanjing",
        "--as-of",
        "2024",
        "--db",
        str(sample_db),
        "-f",
        "markdown",
        "--lang",
        "en",
    )
    out = result.stdout
    assert out.startswith(
        "## Nanjing: 南京市国家知识产权强市建设示范城市工作方案(2022—2025年) · as of 2024\n"
    )
    assert (
        "15 targets (as of 2024): 2 achieved, 9 on track, 3 moderate progress, 1 moving away" in out
    )
    assert "### Target by target" in out
    assert (
        "- Copyright registrations per 10,000 residents: 50% of the way to the target, "
        "17 points behind the time elapsed; needs to add 31.8 件 in the remaining year"
    ) in out


def test_group_by_lead(runner, sample_db):
    result = run(
        runner,
        "report",
        "-c",
        "guizhou",
        "--as-of",
        "2023",
        "--db",
        str(sample_db),
        "--group-by",
        "lead",
    )
    assert result.exit_code == 0
    header = result.stdout.splitlines()[2]
    assert header.split()[:2] == ["牵头单位", "指标"]
    assert "未明确牵头单位" in result.stdout


def test_cagr_method(runner, sample_db):
    document = report_json(
        runner, sample_db, "-c", "guizhou", "--as-of", "2023", "--method", "cagr"
    )
    t = next(t for t in document["targets"] if t["id"] == "patent_attorneys")
    # ((326/301) ** (1/3) - 1) / ((350/301) ** (1/5) - 1) = 0.026953 / 0.030624 = 0.8801
    assert t["method"] == "cagr"
    assert t["progress_ratio"] == pytest.approx(0.8801, abs=1e-4)
    assert t["status"] == "moderate"


def test_custom_thresholds(runner, sample_db):
    document = report_json(
        runner, sample_db, "-c", "guizhou", "--as-of", "2023", "--thresholds", "0.8,0.5"
    )
    t = next(t for t in document["targets"] if t["id"] == "patent_attorneys")
    assert (t["progress_ratio"], t["status"]) == (pytest.approx(0.85034, abs=1e-5), "on_track")
    assert document["thresholds"] == {"on_track": 0.8, "moderate": 0.5}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--fail-on", "behindd"),
            "Invalid value for --fail-on: unknown status 'behindd'; did you mean behind? use "
            "one or more of achieved (已达标), on_track (进度正常), moderate (进度偏慢), behind "
            "(进度滞后), overshoot (超出目标区间), moving_away (逆向变化), missed (未完成), met (已完成), awaiting_final (待最终数据), no_data (数据不足), "
            "overdue (已逾期), separated by commas",
        ),
        (
            ("--status", "late"),
            "Invalid value for --status: unknown status 'late'; use one or more of "
            "achieved (已达标), on_track (进度正常), moderate (进度偏慢), behind (进度滞后), "
            "overshoot (超出目标区间), moving_away (逆向变化), missed (未完成), met (已完成), awaiting_final (待最终数据), no_data (数据不足), "
            "separated by commas",
        ),
        (
            ("--thresholds", "0.5,0.9"),
            "Invalid value for --thresholds: '0.5,0.9': thresholds must satisfy "
            "0 < moderate < on_track, got on_track=0.5, moderate=0.9",
        ),
        (
            ("--thresholds", "high"),
            "Invalid value for --thresholds: 'high': give two numbers, e.g. 0.95,0.60",
        ),
    ],
    ids=["fail-on", "status", "thresholds order", "thresholds not numbers"],
)
def test_bad_options_are_usage_errors(runner, sample_db, args, message):
    result = run(runner, "report", "-c", "nanjing", "--db", str(sample_db), *args, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error[E-USAGE-VALUE]: " + message
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--fail-on", "behindd"),
            "选项 --fail-on 的值无效：没有状态 'behindd'；是否指 behind？可用（可写多个，用逗号分隔）："
            "achieved（已达标）、on_track（进度正常）、moderate（进度偏慢）、behind（进度滞后）、"
            "overshoot（超出目标区间）、moving_away（逆向变化）、missed（未完成）、met（已完成）、"
            "awaiting_final（待最终数据）、no_data（数据不足）、overdue（已逾期）",
        ),
        (
            ("--status", "late"),
            "选项 --status 的值无效：没有状态 'late'；可用（可写多个，用逗号分隔）："
            "achieved（已达标）、on_track（进度正常）、moderate（进度偏慢）、behind（进度滞后）、"
            "overshoot（超出目标区间）、moving_away（逆向变化）、missed（未完成）、met（已完成）、"
            "awaiting_final（待最终数据）、no_data（数据不足）",
        ),
        (
            ("--thresholds", "high"),
            "选项 --thresholds 的值无效：'high'：请写两个数，如 0.95,0.60",
        ),
    ],
    ids=["fail-on", "status", "thresholds not numbers"],
)
def test_bad_options_are_usage_errors_in_chinese(runner, sample_db, args, message):
    result = run(runner, "report", "-c", "nanjing", "--db", str(sample_db), *args)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "错误[E-USAGE-VALUE]：" + message


def test_unknown_city_is_a_usage_error(runner, sample_db):
    result = run(runner, "report", "-c", "nanjin", "--db", str(sample_db), "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error[E-CITY-UNKNOWN]: unknown city 'nanjin'; did you mean nanjing (南京市)? "
        "known: guizhou (贵州省), nanjing (南京市), shanxi (山西省), shijiazhuang (石家庄市), zhangzhou (漳州市)\n",
    )


def test_no_store_is_a_usage_error(runner, in_tmp):
    result = run(runner, "report", "-c", "nanjing", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error[E-STORE-NONE]: ipkpi.db: no store here; ingest statistics first "
        "(ipkpi ingest FILES --db FILE) or name the store with --db\n",
    )
    assert run(runner, "report", "-c", "nanjing").stderr == (
        "错误[E-STORE-NONE]：ipkpi.db：这里没有数据库；请先导入统计数据（ipkpi ingest FILES --db FILE），"
        "或用 --db 指定数据库\n"
    )
    assert not (in_tmp / "ipkpi.db").exists()


def test_empty_store_gives_no_data(runner, in_tmp):
    SQLiteStore(in_tmp / "empty.db").close()
    document = report_json(runner, in_tmp / "empty.db", "-c", "nanjing", "--as-of", "2024")
    assert {t["status"] for t in document["targets"]} == {"no_data"}
    assert document["summary"]["no_data"] == 15
    assert document["sources"] == []


def test_library_build_report_with_cagr(sample_db):
    with SQLiteStore(sample_db, readonly=True) as store:
        report = build_report(
            store,
            report_plan(load_catalogue(), "guizhou", None, 2023),
            as_of=2023,
            method=Method.CAGR,
        )
    assert report.assessment.method is Method.CAGR
    assert [f.path.rsplit("/", 1)[-1] for f in report.sources] == [
        "贵州省知识产权主要指标监测表.xlsx"
    ]


def test_a_report_without_evidence_has_the_same_figures_and_sources(sample_db):
    with SQLiteStore(sample_db, readonly=True) as store:
        full = build_report(store, report_plan(load_catalogue(), "nanjing", None, 2024), as_of=2024)
        light = build_report(
            store, report_plan(load_catalogue(), "nanjing", None, 2024), as_of=2024, evidence=False
        )
    assert light.results == full.results
    assert light.sources == full.sources
    # The statistics, and the progress sheet of the plan's three phases (tasks).
    assert [f.path.rsplit("/", 1)[-1] for f in light.sources] == [
        "南京市强市建设时序进度.xlsx",
        "南京市知识产权主要指标.xlsx",
    ]
    assert light.observations == ()
    # With evidence: the stored values the figures use. Nanjing's file holds 2 values for
    # 2021 (baselines), 15 for 2022, 14 for 2023, 15 for 2024 and 15 for 2025: as of 2024
    # every one up to 2024 is used, none of 2025.
    assert len(full.observations) == 2 + 15 + 14 + 15
    assert max(o.year for o in full.observations) == 2024
    assert {o.current for o in full.observations} == {True}


def test_current_values_are_light_rows_in_target_and_year_order(sample_db):
    with SQLiteStore(sample_db, readonly=True) as store:
        rows, files = store.current_values("nanjing")
        stored = store.observations(city="nanjing")
    assert [r[:4] for r in rows] == [(o.target_id, o.year, o.value, o.vintage) for o in stored]
    assert len(rows) == 61
    assert sorted(Path(p).name for p, _, _ in files.values()) == ["南京市知识产权主要指标.xlsx"]


def test_no_color_means_plain_text(monkeypatch):
    import sys

    from ipkpi.cli import emit as cli

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True, raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    assert cli.is_terminal() is True
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli.is_terminal() is True  # NO_COLOR: the same fitted tables, without colour


def test_rich_table_on_a_terminal(runner, sample_db, monkeypatch):
    from ipkpi.cli import emit as cli

    monkeypatch.setattr(cli, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "220")
    result = run(runner, "report", "-c", "nanjing", "--as-of", "2024", "--db", str(sample_db))
    assert result.exit_code == 0
    assert "┏" in result.stdout
    assert "逆向变化" in result.stdout
    assert "共15项目标（截至2024年）：已达标 2，进度正常 9，进度偏慢 3，逆向变化 1" in result.stdout
