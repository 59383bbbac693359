"""Places, statuses, measures, plans and lead units named as people name them: a place by
its slug, its Chinese name with or without its suffix or its English name; a status by its
code or the label the report shows; a measure by its id or a target's name. What names
nothing is a one-line usage error (exit 2) naming the closest known values."""

from __future__ import annotations

import pytest
from conftest import GOOD_PLAN, REPO, write_plan, write_workbook

from ipkpi.assess.collect import resolve_lead
from ipkpi.assess.compare import resolve_measure
from ipkpi.catalogue.loader import load_catalogue
from ipkpi.catalogue.select import resolve_city, select_plan
from ipkpi.cli.app import app
from ipkpi.errors import UnknownCity, UnknownLead, UnknownMeasure, UnknownPlan
from ipkpi.labels import codes_named

KNOWN = (
    "known: guizhou (贵州省), nanjing (南京市), shanxi (山西省), shijiazhuang (石家庄市), "
    "zhangzhou (漳州市)"
)
STATUSES = (
    "achieved (已达标), on_track (进度正常), moderate (进度偏慢), behind (进度滞后), "
    "overshoot (超出目标区间), moving_away (逆向变化), missed (未完成), met (已完成), "
    "awaiting_final (待最终数据), no_data (数据不足)"
)


def run(runner, *args: str):
    return runner.invoke(app, list(args))


def report(runner, db, *args: str):
    return run(runner, "report", "--db", str(db), "--as-of", "2024", *args)


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


# --- places ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("nanjing", "nanjing"),
        ("南京", "nanjing"),
        ("南京市", "nanjing"),
        ("江苏省南京市", "nanjing"),
        ("Nanjing", "nanjing"),
        ("NANJING", "nanjing"),
        (" nanjing ", "nanjing"),
        ("贵州", "guizhou"),
        ("贵州省", "guizhou"),
        ("貴州省", "guizhou"),
        ("石家庄", "shijiazhuang"),
        ("山西", "shanxi"),
        ("漳州", "zhangzhou"),
        ("Zhangzhou", "zhangzhou"),
    ],
)
def test_a_place_is_named_by_slug_chinese_or_english_name(catalogue, text, slug):
    assert resolve_city(catalogue, text) == slug
    assert select_plan(catalogue, text, as_of=2024).city == slug


def test_a_plan_header_alias_names_its_place(in_tmp):
    plan = GOOD_PLAN.replace('place_en = "Testville"', 'place_en = "Testville"\naliases = ["试城"]')
    assert plan != GOOD_PLAN
    write_plan(in_tmp / "cat", plan)
    catalogue = load_catalogue(in_tmp / "cat")
    assert resolve_city(catalogue, "试城") == "testville"
    assert resolve_city(catalogue, "测试") == "testville"  # 测试市 without its suffix


@pytest.mark.parametrize(
    ("text", "meant"),
    [
        ("nanjin", "did you mean nanjing (南京市)? "),
        ("Nanjign", "did you mean nanjing (南京市)? "),
        ("zhangzou", "did you mean zhangzhou (漳州市)? "),
        ("shijiazhung", "did you mean shijiazhuang (石家庄市)? "),
        ("石家", "did you mean shijiazhuang (石家庄市)? "),
        ("nowhere", ""),
        ("北京", ""),
    ],
)
def test_an_unknown_place_names_the_closest(catalogue, text, meant):
    with pytest.raises(UnknownCity) as caught:
        resolve_city(catalogue, text)
    assert (caught.value.message.text("en"), caught.value.exit_code) == (
        f"unknown city {text!r}; {meant}{KNOWN}",
        2,
    )


@pytest.mark.parametrize("city", ["南京", "南京市", "Nanjing", "江苏省南京市"])
def test_report_for_a_place_by_name_is_the_report_for_its_slug(runner, sample_db, city):
    by_slug = report(runner, sample_db, "--city", "nanjing")
    by_name = report(runner, sample_db, "--city", city)
    assert (by_name.exit_code, by_name.stderr) == (0, "")
    assert by_name.stdout == by_slug.stdout
    assert "南京市" in by_slug.stdout


@pytest.mark.parametrize(
    "command",
    [
        ["targets", "show"],
        ["report", "--db", "DB"],
        ["tasks", "--db", "DB"],
        ["missing", "--db", "DB", "--year", "2024"],
        ["data", "show", "--db", "DB"],
    ],
    ids=["targets show", "report", "tasks", "missing", "data show"],
)
def test_every_command_takes_a_chinese_name_and_says_what_was_meant(runner, sample_db, command):
    args = [str(sample_db) if a == "DB" else a for a in command]
    by_slug = run(runner, *args, "--city", "nanjing")
    by_name = run(runner, *args, "-c", "南京")
    assert (by_name.exit_code, by_name.stderr, by_name.stdout) == (0, "", by_slug.stdout)
    unknown = run(runner, *args, "--city", "nanjin", "--lang", "en")
    assert (unknown.exit_code, unknown.stdout, unknown.stderr) == (
        2,
        "",
        f"Error[E-CITY-UNKNOWN]: unknown city 'nanjin'; did you mean nanjing (南京市)? {KNOWN}\n",
    )


def test_rewards_template_and_export_take_a_chinese_name(runner, sample_db, in_tmp):
    claims = REPO / "sample_data" / "claims" / "漳州市知识产权奖补申报汇总_示例.xlsx"
    rewards = run(runner, "rewards", "--city", "漳州", str(claims), "-f", "csv")
    assert (rewards.exit_code, rewards.stderr) == (0, "")
    assert (
        rewards.stdout == run(runner, "rewards", "-c", "zhangzhou", str(claims), "-f", "csv").stdout
    )
    template = run(runner, "template", "-c", "Nanjing", "--db", str(sample_db), "-o", "t.xlsx")
    assert (template.exit_code, template.stderr) == (0, "")
    export = run(
        runner, "export", "-c", "南京", "-c", "nanjing", "--db", str(sample_db), "-o", "e.xlsx"
    )
    assert (export.exit_code, export.stderr) == (0, "")
    assert export.stdout == (  # one sheet for the place named twice
        "已写入 e.xlsx：6个工作表（汇总、南京市、南京市明细、南京市工作任务、趋势、数据来源），15张图表\n"
    )


def test_ingest_city_takes_a_chinese_name(runner, in_tmp):
    write_workbook(
        in_tmp / "2024.xlsx", [["指标", "数值"], ["万人高价值发明专利拥有量", 40.5]], title="2024"
    )
    result = run(
        runner, "ingest", "2024.xlsx", "--db", "s.db", "--city", "南京市", "--year", "2024"
    )
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    shown = run(runner, "data", "show", "--db", "s.db", "-c", "nanjing", "-f", "csv")
    assert "high_value_invention_patents_per_10k" in shown.stdout
    unknown = run(runner, "ingest", "2024.xlsx", "--db", "s.db", "--city", "南景", "--lang", "en")
    assert (unknown.exit_code, unknown.stderr) == (
        2,
        f"Error[E-CITY-UNKNOWN]: unknown city '南景'; {KNOWN}\n",
    )


# --- plans -----------------------------------------------------------------------------------


def test_an_unknown_plan_names_the_closest(catalogue, runner):
    with pytest.raises(UnknownPlan) as caught:
        select_plan(catalogue, "南京", "nanjing-2022-2026")
    assert caught.value.message.text("en") == (
        "unknown plan 'nanjing-2022-2026' for nanjing; did you mean nanjing-2022-2025? "
        "known: nanjing-2022-2025"
    )
    result = run(runner, "targets", "show", "-c", "南京", "--plan", "nanjing-2025", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error[E-PLAN-UNKNOWN-FOR]: unknown plan 'nanjing-2025' for nanjing; did you mean nanjing-2022-2025? "
        "known: nanjing-2022-2025\n",
    )


# --- statuses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "codes"),
    [
        ("behind", {"behind"}),
        ("进度滞后", {"behind"}),
        ("進度滯後", {"behind"}),
        ("Behind", {"behind"}),
        ("on track", {"on_track"}),
        ("On-Track", {"on_track"}),
        ("moderate progress,逆向变化", {"moderate", "moving_away"}),
        ("已完成，已达标", {"met", "achieved"}),
        ("已逾期", {"overdue"}),
    ],
)
def test_a_status_is_its_code_or_its_label(value, codes):
    from ipkpi.assess.results import FAIL_ON_CODES

    assert codes_named(value, FAIL_ON_CODES) == codes


def test_status_filter_takes_the_chinese_label(runner, sample_db):
    by_code = report(runner, sample_db, "-c", "nanjing", "-f", "csv", "--status", "moderate")
    by_label = report(runner, sample_db, "-c", "南京", "-f", "csv", "--status", "进度偏慢")
    assert (by_label.exit_code, by_label.stderr) == (0, "")
    assert by_label.stdout == by_code.stdout
    assert len(by_code.stdout.splitlines()) == 4  # the header and three moderate targets
    behind = report(runner, sample_db, "-c", "南京", "-f", "csv", "--status", "进度滞后")
    assert (behind.exit_code, behind.stdout.splitlines()[1:]) == (0, [])


def test_fail_on_takes_the_chinese_label(runner, sample_db):
    achieved = report(runner, sample_db, "-c", "南京", "-f", "csv", "--fail-on", "已达标")
    assert (achieved.exit_code, achieved.stderr) == (
        3,
        "--fail-on：2项目标的状态为 achieved：high_value_invention_patents_per_10k、"
        "ip_protection_satisfaction\n",
    )
    met = run(
        runner, "report", "--db", str(sample_db), "--as-of", "2025", "-c", "南京",
        "-f", "csv", "--fail-on", "已完成",
    )  # fmt: skip
    assert met.exit_code == 3
    assert met.stderr.startswith("--fail-on：10项目标的状态为 met：")
    none = report(runner, sample_db, "-c", "南京", "--fail-on", "逆向变化,已完成", "--lang", "en")
    assert (none.exit_code, none.stderr.startswith("--fail-on: 1 target(s)")) == (3, True)


def test_an_unknown_status_names_the_closest(runner, sample_db):
    result = report(runner, sample_db, "-c", "南京", "--status", "进度滞", "--lang", "en")
    assert result.exit_code == 2
    assert (
        "Invalid value for --status: unknown status '进度滞'; did you mean behind? use one or "
        f"more of {STATUSES}, separated by commas"
    ) in " ".join(result.stderr.replace("│", " ").split())


def test_tasks_fail_on_overdue_in_chinese(runner, sample_db):
    by_code = run(
        runner, "tasks", "--db", str(sample_db), "-c", "山西", "--as-of", "2023-12-31",
        "--fail-on", "overdue",
    )  # fmt: skip
    by_label = run(
        runner, "tasks", "--db", str(sample_db), "-c", "shanxi", "--as-of", "2023-12-31",
        "--fail-on", "已逾期",
    )  # fmt: skip
    assert (by_label.exit_code, by_label.stderr, by_label.stdout) == (
        by_code.exit_code,
        by_code.stderr,
        by_code.stdout,
    )
    assert (by_label.exit_code, by_label.stderr) == (3, "--fail-on：1项任务已逾期：task_03\n")


# --- measures --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "measure"),
    [
        ("invention_patents_per_10k", "invention_patents_per_10k"),
        ("每万人口有效发明专利拥有量", "invention_patents_per_10k"),
        ("每万人有效发明专利拥有量", "invention_patents_per_10k"),
        ("发明专利", "invention_patents_per_10k"),
        ("高价值发明专利", "invention_patents_per_10k.high_value"),
        ("万人高价值发明专利拥有量", "invention_patents_per_10k.high_value"),
        ("Invention patents", "invention_patents_per_10k"),
        ("质押融资", "ip_pledge_financing"),
        ("知识产权密集型", "ip_intensive_industries_gdp_share"),
    ],
)
def test_a_measure_is_its_id_or_a_targets_name(catalogue, text, measure):
    assert resolve_measure(catalogue, text) == measure


def test_a_part_several_measures_share_lists_them(catalogue):
    with pytest.raises(UnknownMeasure) as caught:
        resolve_measure(catalogue, "专利")
    assert (caught.value.message.text("en"), caught.value.exit_code) == (
        "measure '专利' is ambiguous: it could be invention_patents_per_10k (每万人有效发明专利"
        "拥有量), ip_intensive_industries_gdp_share.patent (专利密集型产业增加值占GDP比重), "
        "ip_pledge_financing (知识产权质押融资金额); give one of them",
        2,
    )


def test_compare_by_a_chinese_name_is_the_comparison_by_its_id(runner, sample_db):
    args = ("compare", "--db", str(sample_db), "--year", "2024", "-m")
    by_id = run(runner, *args, "invention_patents_per_10k")
    by_name = run(runner, *args, "发明专利")
    assert (by_name.exit_code, by_name.stderr) == (0, "")
    assert by_name.stdout == by_id.stdout
    assert "invention_patents_per_10k" in by_id.stdout
    ambiguous = run(runner, *args, "专利", "--lang", "en")
    assert (ambiguous.exit_code, ambiguous.stdout) == (2, "")
    assert ambiguous.stderr.startswith(
        "Error[E-MEASURE-AMBIGUOUS]: measure '专利' is ambiguous: it could be "
    )


# --- lead units ------------------------------------------------------------------------------


def test_an_unknown_lead_names_the_closest(catalogue):
    plan = select_plan(catalogue, "贵州", as_of=2024)
    assert resolve_lead(plan, "省知识产权局") == "省市场监管局(省知识产权局)"
    assert resolve_lead(plan, "省科技") == "省科技厅"  # the one lead unit holding it
    with pytest.raises(UnknownLead) as caught:
        resolve_lead(plan, "市政府")
    assert caught.value.message.text("en").startswith(
        "no lead unit '市政府' in guizhou-2021-2025; its leads: "
    )
    with pytest.raises(UnknownLead) as caught:
        resolve_lead(plan, "省科枝厅")
    assert caught.value.message.text("en").startswith(
        "no lead unit '省科枝厅' in guizhou-2021-2025; did you mean 省科技厅? its leads: 省科技厅, "
    )
