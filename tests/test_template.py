"""The fill-in template (`ipkpi template`): the workbook it writes, a filled template going
back through `ipkpi ingest` with no options, its located errors, one workbook per lead
unit, the usage errors, and the library under it (ipkpi.assess.collect).

Every expected value is worked out by hand from the catalogue (targets/nanjing.toml: 15
targets, one led by 市市场监管局; targets/guizhou.toml: 30 targets, 17 naming a lead unit,
three of them two) and the sample data (sample_data/南京市知识产权主要指标.xlsx, sheet 2024
for last year's figures); none comes from calling the code under test.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from conftest import GOOD_PLAN, one_change, write_plan

from ipkpi.assess.collect import NO_LEAD, collect, default_year, figure_years, resolve_lead
from ipkpi.catalogue.loader import load_catalogue
from ipkpi.catalogue.select import select_plan
from ipkpi.cli.app import app
from ipkpi.errors import UnknownLead, UsageError
from ipkpi.store.sqlite import SQLiteStore
from ipkpi.views.missing import asks, by_lead

DB = "store.db"
SHEET = "2025年数据填报"
INSTRUCTIONS = "填报说明"
HEADER = [
    "序号",
    "地区",
    "指标代码",
    "指标名称",
    "单位",
    "填报口径",
    "牵头单位",
    "规划目标",
    "上年值（参考）",
    "年份",
    "数值",
    "备注",
]
HEADER_EN = [
    "No.",
    "Place",
    "ID",
    "Indicator",
    "Unit",
    "What to report",
    "Lead",
    "Plan target",
    "Last year (for reference)",
    "Year",
    "Value",
    "Notes",
]
NONE = "未明确牵头单位"
LEVEL = "2025年数值"
FLOW = "2025年当年数，不填累计数"
STOCK = "2025年末总量（存量），不填当年新增数"

# Nanjing's data rows, A–J, in plan order (targets/nanjing.toml): 序号, 地区, id, name, unit,
# 填报口径 (level → 当年数值, cumulative → 当年数, increment → 年末总量), 牵头单位, the
# plan's target with its year, 上年值 (no store: empty), 年份.
NANJING_ROWS = [
    ["1", "南京市", "high_value_invention_patents_per_10k", "万人高价值发明专利拥有量", "件", LEVEL, NONE, "≥ 50 件 (2025)", None, 2025],
    ["2", "南京市", "copyright_registrations_per_10k", "万人版权登记量", "件", LEVEL, NONE, "> 150 件 (2025)", None, 2025],
    ["3", "南京市", "ic_layout_design_registrations_total", "集成电路布图设计登记量", "件", LEVEL, NONE, "≥ 2792 件 (2025)", None, 2025],
    ["4", "南京市", "ip_trade_total", "知识产权交易总额", "亿元", FLOW, NONE, "≥ 600 亿元 (2025)", None, 2025],
    ["5", "南京市", "ip_financing_total", "知识产权融资总额", "亿元", FLOW, NONE, "> 160 亿元 (2025)", None, 2025],
    ["6", "南京市", "patent_intensive_industries_gdp_share", "专利密集型产业增加值占GDP比重", "%", LEVEL, NONE, "≥ 20 % (2025)", None, 2025],
    ["7", "南京市", "copyright_industries_gdp_share", "版权产业增加值占GDP比重", "%", LEVEL, NONE, "≥ 8.6 % (2025)", None, 2025],
    ["8", "南京市", "ip_protection_satisfaction", "知识产权保护社会满意度", "%", LEVEL, NONE, "> 85 % (2025)", None, 2025],
    ["9", "南京市", "ip_advantage_demonstration_enterprises", "市级以上知识产权优势示范企业", "家", LEVEL, NONE, "≥ 600 家 (2025)", None, 2025],
    ["10", "南京市", "ip_management_standard_enterprises_new", "贯标企业", "家", STOCK, NONE, "≥ 1000 家 (2025)", None, 2025],
    ["11", "南京市", "ip_service_employees", "知识产权服务机构从业人员数", "人", LEVEL, NONE, "> 8000 人 (2025)", None, 2025],
    ["12", "南京市", "ip_service_revenue", "知识产权服务机构总收入", "亿元", LEVEL, NONE, "> 40 亿元 (2025)", None, 2025],
    ["13", "南京市", "ip_high_level_talent_new", "知识产权高层次人才", "人", STOCK, NONE, "> 100 人 (2025)", None, 2025],
    ["14", "南京市", "ip_training_person_times", "培训知识产权学科人才和各类各层次知识产权人才", "万人次", FLOW, NONE, "> 4 万人次 (2025)", None, 2025],
    ["15", "南京市", "ip_operation_centers_built", "知识产权运营中心", "家", FLOW, "市市场监管局", "≥ 20 家 (2025)", None, 2025],
]  # fmt: skip

# What the round trip types into 数值 (K5…K19), row by row, and what the store must then
# hold: (year, value, sheet, cell).
TYPED = [10.5, 20, 2500, 40, 50.5, 60, 70.75, 80, 90, 100, 7100, 120, 130, 1.25, 150]
ROUND_TRIP = {
    "high_value_invention_patents_per_10k": (2025, 10.5, SHEET, "K5"),
    "copyright_registrations_per_10k": (2025, 20.0, SHEET, "K6"),
    "ic_layout_design_registrations_total": (2025, 2500.0, SHEET, "K7"),
    "ip_trade_total": (2025, 40.0, SHEET, "K8"),
    "ip_financing_total": (2025, 50.5, SHEET, "K9"),
    "patent_intensive_industries_gdp_share": (2025, 60.0, SHEET, "K10"),
    "copyright_industries_gdp_share": (2025, 70.75, SHEET, "K11"),
    "ip_protection_satisfaction": (2025, 80.0, SHEET, "K12"),
    "ip_advantage_demonstration_enterprises": (2025, 90.0, SHEET, "K13"),
    "ip_management_standard_enterprises_new": (2025, 100.0, SHEET, "K14"),
    "ip_service_employees": (2025, 7100.0, SHEET, "K15"),
    "ip_service_revenue": (2025, 120.0, SHEET, "K16"),
    "ip_high_level_talent_new": (2025, 130.0, SHEET, "K17"),
    "ip_training_person_times": (2025, 1.25, SHEET, "K18"),
    "ip_operation_centers_built": (2025, 150.0, SHEET, "K19"),
}

# Nanjing's 2024 figures in sample_data/南京市知识产权主要指标.xlsx (sheet 2024), row by row.
NANJING_2024 = [
    71.21,
    118.3,
    2668,
    162.8,
    51.6,
    19.1,
    7.92,
    85.7,
    553,
    3190,
    7960,
    37.9,
    196,
    1.25,
    5,
]

NO_STORE = "ipkpi.db 处没有数据库：上年值留空\n"
NANJING_WROTE = "已写入 nanjing.xlsx：2025年（nanjing-2022-2025）15项目标，其中0项附上年值\n"

# targets/guizhou.toml: each lead unit's targets needing a 2025 figure, in plan order.
GUIZHOU_LEADS = {
    "guizhou-2025-省科技厅.xlsx": ["rd_expenditure_growth", "technology_contract_turnover_to_gdp"],
    "guizhou-2025-省工业和信息化厅.xlsx": ["industrial_rd_to_revenue"],
    "guizhou-2025-省市场监管局(省知识产权局).xlsx": [
        "high_value_invention_patents_per_10k_growth",
        "valid_registered_trademarks",
        "geographical_indications",
        "ip_pledge_financing_amount",
        "patent_awards_selected",
        "ip_case_handling_rate",
        "ip_public_service_outlets",
        "patent_attorneys",
    ],
    "guizhou-2025-省农业农村厅.xlsx": ["geographical_indications", "plant_variety_rights_granted"],
    "guizhou-2025-省委宣传部(省新闻出版局〈省版权局〉).xlsx": ["works_copyright_registrations"],
    "guizhou-2025-省林业局.xlsx": ["plant_variety_rights_granted"],
    "guizhou-2025-贵州银保监局.xlsx": ["ip_pledge_financing_amount"],
    "guizhou-2025-省商务厅(省政府口岸办).xlsx": ["guizhou_time_honored_brands"],
    "guizhou-2025-省民宗委.xlsx": ["ethnic_cultural_product_brands"],
    "guizhou-2025-省法院.xlsx": ["ip_civil_first_instance_acceptance_rate"],
    "guizhou-2025-省人社厅.xlsx": ["ip_professionals"],
    "guizhou-2025-未明确牵头单位.xlsx": [
        "china_patent_awards_won",
        "high_value_core_patents_cultivated",
        "implemented_high_value_patents_supported",
        "patent_transfers_and_licences",
        "patent_pledge_registrations_per_year",
        "patent_pledge_amount_growth",
        "patent_operation_advantage_units",
        "ip_operation_service_agencies",
        "ethnic_cultural_product_brands_selected",
        "new_time_honored_brands_per_year",
        "time_honored_brand_digital_archives_per_year",
        "gi_industrialisation_projects_funded",
        "gi_industrialisation_funding",
    ],
}
GUIZHOU_ALL_LEADS = [
    "省科技厅",
    "省工业和信息化厅",
    "省市场监管局(省知识产权局)",
    "省农业农村厅",
    "省委宣传部(省新闻出版局〈省版权局〉)",
    "省林业局",
    "贵州银保监局",
    "省商务厅(省政府口岸办)",
    "省民宗委",
    "省法院",
    "省人社厅",
]


# --------------------------------------------------------------------------- helpers


def run(runner, *args: str):
    """``ipkpi ARGS``; ``ipkpi ingest`` in English."""
    env = {"IPKPI_LANG": "en"} if args[:1] == ("ingest",) else None
    return runner.invoke(app, list(args), env=env)


def nanjing_template(runner, *options: str, name: str = "nanjing.xlsx"):
    return run(runner, "template", "--city", "nanjing", "--year", "2025", "-o", name, *options)


def load(path):
    import openpyxl

    return openpyxl.load_workbook(path)


def rows_of(sheet, first: int = 5, last_col: int = 12) -> list[list]:
    """The cells A… of each row from ``first`` down (openpyxl, 1-based)."""
    return [
        [sheet.cell(r, c).value for c in range(1, last_col + 1)]
        for r in range(first, sheet.max_row + 1)
    ]


def fill(path, out, cells: dict[str, object], sheet: str = SHEET, formats=None) -> Path:
    """Type ``cells`` ({"K5": 10.5, …}) into the data sheet of ``path``; save as ``out``."""
    workbook = load(path)
    ws = workbook[sheet]
    for ref, value in cells.items():
        ws[ref] = value
    for ref, number_format in (formats or {}).items():
        ws[ref].number_format = number_format
    workbook.save(out)
    return Path(out)


def every_value(values, first_row: int = 5) -> dict[str, object]:
    return {f"K{first_row + i}": v for i, v in enumerate(values)}


def stored(db: str = DB, city: str = "nanjing") -> dict[str, tuple]:
    """target id → (year, value, sheet, cell) of the store's current values for ``city``."""
    with SQLiteStore(Path(db), readonly=True) as store:
        return {o.target_id: (o.year, o.value, o.sheet, o.cell) for o in store.observations(city)}


def every_observation(db: str = DB) -> list:
    with SQLiteStore(Path(db), readonly=True) as store:
        return store.observations(history=True)


def uncoded(stderr: str) -> str:
    """``stderr`` without the codes of its errors (``Error[E-…]: `` → ``Error: ``): for the
    value-level messages, whose codes are ingest's values' to give."""
    return re.sub(r"(?m)^Error\[[A-Z0-9-]+\]", "Error", stderr)


def ingest(runner, name: str, db: str = DB, *options: str):
    """``ipkpi ingest``, in English (its output is asserted word for word)."""
    return runner.invoke(app, ["ingest", name, "--db", db, *options], env={"IPKPI_LANG": "en"})


@pytest.fixture
def clean_env(in_tmp, monkeypatch):
    monkeypatch.delenv("IPKPI_DB", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return in_tmp


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.fixture
def testville(clean_env):
    """The GOOD_PLAN catalogue (testville: a level target led by 市市场监管局, a growth
    target with a 2021 baseline, a level target in %) in cat/."""
    write_plan(clean_env / "cat", GOOD_PLAN)
    return clean_env / "cat"


# --------------------------------------------------------------------------- the round trip


def test_a_filled_template_goes_back_through_ingest_and_fills_every_gap(runner, clean_env):
    result = nanjing_template(runner)
    assert (result.exit_code, result.stdout, result.stderr) == (0, NANJING_WROTE, NO_STORE)
    fill("nanjing.xlsx", "filled.xlsx", every_value(TYPED))

    result = ingest(runner, "filled.xlsx")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "ingested  filled.xlsx (long): 15 values: 15 new, 0 revised, 0 unchanged",
        "1 file(s): 1 ingested, 0 already ingested, 0 rejected; 15 new value(s), 0 revised",
    ]
    assert "matches no target" not in result.output
    assert stored() == ROUND_TRIP

    result = run(runner, "missing", "--city", "nanjing", "--year", "2025", "--db", DB)
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "南京市2025年：需填报的15项指标均已有数据\n",
        "",
    )


def test_a_template_with_last_years_figures_stores_only_the_typed_ones(
    runner, clean_env, sample_db
):
    """Column I (上年值) holds 2024 numbers; ingest passes over it: 15 values, all 2025."""
    assert nanjing_template(runner, "--db", str(sample_db)).exit_code == 0
    fill("nanjing.xlsx", "filled.xlsx", every_value(TYPED))
    result = ingest(runner, "filled.xlsx")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1] == (
        "1 file(s): 1 ingested, 0 already ingested, 0 rejected; 15 new value(s), 0 revised"
    )
    assert stored() == ROUND_TRIP


def test_with_last_years_figure_a_figure_five_times_off_asks_to_be_checked(
    runner, clean_env, sample_db
):
    """The band ingest's plausibility check guards, as a warning a person may pass: 1/5 to
    5 × last year's figure (three significant figures), whole for a count, at most 100 for
    a share; 2024: 71.21 件 per 10k, 2668 件, 85.7 %."""
    assert nanjing_template(runner, "--db", str(sample_db)).exit_code == 0
    ws = load("nanjing.xlsx")[SHEET]
    rules = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    assert [
        (rules[ref].type, rules[ref].formula1, rules[ref].formula2, rules[ref].errorStyle)
        for ref in ("K5", "K7", "K12")
    ] == [
        ("decimal", "14.2", "356", "warning"),
        ("whole", "534", "13300", "warning"),
        ("decimal", "17.1", "100", "warning"),
    ]
    assert rules["K5"].error == (
        "与上年值71.21相差5倍以上，请核对单位（件）和数值；确认无误请保留，并在备注中写“核实无误”。"
    )


def test_one_lead_units_template_round_trip(runner, clean_env):
    result = nanjing_template(runner, "--lead", "市市场监管局", name="lead.xlsx")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "已写入 lead.xlsx：2025年（nanjing-2022-2025）1项目标，其中0项附上年值\n",
        NO_STORE,
    )
    workbook = load("lead.xlsx")
    ws = workbook[SHEET]
    assert ws["A1"].value == "南京市2025年知识产权指标数据填报表（市市场监管局）"
    assert rows_of(ws) == [["1", *NANJING_ROWS[14][1:], None, None]]
    facts = [workbook[INSTRUCTIONS].cell(r, 2).value for r in (5, 6)]
    assert facts == ["牵头单位：市市场监管局", "指标数：1"]

    fill("lead.xlsx", "filled.xlsx", {"K5": 7})
    result = ingest(runner, "filled.xlsx")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1] == (
        "1 file(s): 1 ingested, 0 already ingested, 0 rejected; 1 new value(s), 0 revised"
    )
    assert stored() == {"ip_operation_centers_built": (2025, 7.0, SHEET, "K5")}

    lead = ("missing", "--city", "nanjing", "--year", "2025", "--db", DB)
    result = run(runner, *lead, "--lead", "市市场监管局")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "南京市2025年（市市场监管局）：需填报的1项指标均已有数据\n",
        "",
    )
    # the rest of the city still owes 14 figures
    everyone = run(runner, *lead)
    assert everyone.stdout.splitlines()[0] == "南京市2025年：需填报15项指标，缺14项"


def test_lead_none_is_the_targets_no_lead_unit_leads(runner, clean_env):
    result = nanjing_template(runner, "--lead", "none", name="none.xlsx")
    assert result.stdout == (
        "已写入 none.xlsx：2025年（nanjing-2022-2025）14项目标，其中0项附上年值\n"
    )
    ws = load("none.xlsx")[SHEET]
    assert ws["A1"].value == "南京市2025年知识产权指标数据填报表（未明确牵头单位）"
    assert [row[:10] for row in rows_of(ws)] == NANJING_ROWS[:14]


def test_a_partial_lead_name_picks_the_one_lead_unit_containing_it(runner, clean_env):
    result = run(
        runner, "template", "--city", "guizhou", "--year", "2025", "--lead", "省知识产权局",
        "-o", "ip.xlsx",
    )  # fmt: skip
    assert (result.exit_code, result.stdout) == (
        0,
        "已写入 ip.xlsx：2025年（guizhou-2021-2025）8项目标，其中0项附上年值\n",
    )
    ws = load("ip.xlsx")[SHEET]
    assert ws["A1"].value == "贵州省2025年知识产权指标数据填报表（省市场监管局(省知识产权局)）"
    assert [row[2] for row in rows_of(ws)] == GUIZHOU_LEADS[
        "guizhou-2025-省市场监管局(省知识产权局).xlsx"
    ]
    # geographical_indications is led jointly: both its leads, in the plan's words
    assert rows_of(ws)[2][6] == "省市场监管局(省知识产权局)，省农业农村厅"


def test_a_partly_filled_template_with_a_provisional_note(runner, clean_env):
    """The respondent's details above the table are passed over, an empty value cell is a
    gap, and 快报 in 备注 marks the figure provisional (step 4 of the instructions)."""
    nanjing_template(runner)
    fill(
        "nanjing.xlsx",
        "partial.xlsx",
        {
            "C2": "市统计局",
            "F2": "张三",
            "H2": "025-12345678",
            "L2": "2026-01-15",
            "K5": 80.5,
            "L5": "快报",
            "K6": 131.5,
            "L7": "暂无数据",
        },
    )
    result = ingest(runner, "partial.xlsx")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[0] == (
        "ingested  partial.xlsx (long): 2 values: 2 new, 0 revised, 0 unchanged"
    )
    with SQLiteStore(Path(DB), readonly=True) as store:
        found = [(o.target_id, o.value, o.vintage, o.cell) for o in store.observations("nanjing")]
    assert found == [
        ("copyright_registrations_per_10k", 131.5, None, "K6"),
        ("high_value_invention_patents_per_10k", 80.5, "preliminary", "K5"),
    ]
    result = run(runner, "missing", "--city", "nanjing", "--year", "2025", "--db", DB)
    assert result.stdout.splitlines()[0] == "南京市2025年：需填报15项指标，缺13项"


def test_an_unfilled_template_is_rejected(runner, clean_env):
    nanjing_template(runner)
    result = ingest(runner, "nanjing.xlsx")
    assert (result.exit_code, result.stderr) == (
        1,
        "Error[E-FILE-NO-VALUES]: nanjing.xlsx: a header but no values below it\n",
    )
    assert every_observation() == []


def test_an_english_template_round_trip(runner, clean_env):
    result = nanjing_template(runner, "--lang", "en", name="en.xlsx")
    assert result.exit_code == 0
    workbook = load("en.xlsx")
    assert workbook.sheetnames == ["Instructions", "2025 figures"]
    ws = workbook["2025 figures"]
    assert ws["A1"].value == "Nanjing 2025 IP indicators: figures to fill in"
    assert [c.value for c in ws[4]] == HEADER_EN
    assert [c.value for c in ws[5]][:10] == [
        "1",
        "Nanjing",
        "high_value_invention_patents_per_10k",
        "High-value invention patents per 10,000 residents",
        "件",
        "the 2025 figure",
        "(no lead named)",
        "≥ 50 件 (2025)",
        None,
        2025,
    ]
    assert [c.value for c in ws[8]][5] == "the 2025 figure alone, not a running total"
    assert [c.value for c in ws[14]][5] == "the total at the end of 2025, not the year's increase"

    fill("en.xlsx", "filled-en.xlsx", every_value(TYPED), sheet="2025 figures")
    result = ingest(runner, "filled-en.xlsx")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == [
        "ingested  filled-en.xlsx (long): 15 values: 15 new, 0 revised, 0 unchanged",
        "1 file(s): 1 ingested, 0 already ingested, 0 rejected; 15 new value(s), 0 revised",
    ]
    assert stored() == {k: (y, v, "2025 figures", c) for k, (y, v, _, c) in ROUND_TRIP.items()}
    result = run(
        runner, "missing", "--city", "nanjing", "--year", "2025", "--db", DB, "--lang", "en"
    )
    assert (result.exit_code, result.stdout) == (0, "Nanjing 2025: all 15 figures are in\n")


def test_a_growth_target_asks_for_the_series_figure(runner, testville):
    """trademark_growth (年均增长10%, series 件): the department gives the count, ipkpi
    works out the rate; its value cell takes no negative number (件)."""
    result = run(
        runner, "template", "--city", "testville", "--year", "2025", "--targets", "cat",
        "-o", "t.xlsx",
    )  # fmt: skip
    assert result.stdout == (
        "已写入 t.xlsx：2025年（testville-2022-2025）3项目标，其中0项附上年值\n"
    )
    ws = load("t.xlsx")[SHEET]
    assert [row[:10] for row in rows_of(ws)] == [
        ["1", "测试市", "patents_per_10k", "万人高价值发明专利拥有量", "件", LEVEL, "市市场监管局", "≥ 50 件 (2025)", None, 2025],
        ["2", "测试市", "trademark_growth", "注册商标", "件", "2025年数值（件），不填增长率（由系统计算）", NONE, "≥ 10 % (2025)", None, 2025],
        ["3", "测试市", "satisfaction", "知识产权保护社会满意度", "%", LEVEL, NONE, "> 85 % (2025)", None, 2025],
    ]  # fmt: skip
    rules = {
        str(dv.sqref): (dv.type, dv.operator, dv.formula1)
        for dv in ws.data_validations.dataValidation
    }
    assert rules["K6"] == ("whole", "greaterThanOrEqual", "0")  # a count of 件

    fill("t.xlsx", "filled.xlsx", {"K5": 51, "K6": 1210, "K7": 86.5})
    result = ingest(runner, "filled.xlsx", DB, "--targets", "cat")
    assert (result.exit_code, result.stderr) == (0, "")
    assert stored(city="testville") == {
        "patents_per_10k": (2025, 51.0, SHEET, "K5"),
        "trademark_growth": (2025, 1210.0, SHEET, "K6"),
        "satisfaction": (2025, 86.5, SHEET, "K7"),
    }


# --------------------------------------------------------------------------- located errors


def test_text_in_a_value_cell_is_rejected_at_that_cell(runner, clean_env):
    nanjing_template(runner)
    fill("nanjing.xlsx", "text.xlsx", {**every_value(TYPED), "K6": "约120"})
    result = ingest(runner, "text.xlsx")
    assert (result.exit_code, uncoded(result.stderr)) == (
        1,
        "Error: text.xlsx › 2025年数据填报 › K6: '约120' is not a number (万人版权登记量, 2025)\n",
    )
    assert result.stdout.splitlines() == [
        "rejected  text.xlsx: 1 problem(s), nothing stored",
        "1 file(s): 0 ingested, 0 already ingested, 1 rejected; 0 new value(s), 0 revised",
    ]
    assert every_observation() == []


def test_a_row_renamed_to_another_target_is_rejected_at_the_name(runner, clean_env):
    nanjing_template(runner)
    fill("nanjing.xlsx", "renamed.xlsx", {**every_value(TYPED), "D5": "万人版权登记量"})
    result = ingest(runner, "renamed.xlsx")
    assert (result.exit_code, uncoded(result.stderr)) == (
        1,
        "Error: renamed.xlsx › 2025年数据填报 › D5: the id 'high_value_invention_patents_per_10k' "
        "is 万人高价值发明专利拥有量, but the row names '万人版权登记量' "
        "(copyright_registrations_per_10k); correct the id or the name\n",
    )
    assert every_observation() == []


def test_a_negative_count_is_rejected_as_the_validation_would(runner, clean_env):
    nanjing_template(runner)
    fill("nanjing.xlsx", "neg.xlsx", {**every_value(TYPED), "K5": -5})
    result = ingest(runner, "neg.xlsx")
    assert (result.exit_code, uncoded(result.stderr)) == (
        1,
        "Error: neg.xlsx › 2025年数据填报 › K5: negative value -5 for 万人高价值发明专利拥有量 "
        "(件), which cannot be negative\n",
    )
    assert every_observation() == []


def test_a_share_typed_with_a_percent_sign_is_not_stored_a_hundred_times_too_small(
    runner, clean_env
):
    nanjing_template(runner)
    values = every_value(TYPED)
    values["K10"] = 0.196  # what Excel stores when 19.6% is typed
    fill("nanjing.xlsx", "pct.xlsx", values, formats={"K10": "0.00%"})
    result = ingest(runner, "pct.xlsx")
    # read as the 19.6 % a person sees, never 0.196 %
    assert result.exit_code == 0
    assert stored()["patent_intensive_industries_gdp_share"][1] == 19.6


# --------------------------------------------------------------------------- the workbook


def test_the_workbook_structure(runner, clean_env):
    nanjing_template(runner)
    workbook = load("nanjing.xlsx")
    assert workbook.sheetnames == [INSTRUCTIONS, SHEET]
    ws = workbook[SHEET]
    assert ws["A1"].value == "南京市2025年知识产权指标数据填报表"
    assert [c.value for c in ws[2]] == [
        "填报单位：", None, None, None, "填报人：", None, "联系电话：", None, None, "填报日期：",
        None, None,
    ]  # fmt: skip
    assert sorted(str(r) for r in ws.merged_cells.ranges) == ["A2:B2", "C2:D2", "H2:I2", "J2:K2"]
    assert [c.value for c in ws[3]] == [None] * 12
    assert [c.value for c in ws[4]] == HEADER
    assert rows_of(ws) == [[*row, None, None] for row in NANJING_ROWS]
    assert ws.max_row == 19
    assert ws.freeze_panes == "E5"

    # only the value, the notes and the respondent's cells are open; the sheet is protected
    assert ws.protection.sheet is True
    assert [ws[ref].protection.locked for ref in ("K5", "L5", "K19", "L19")] == [False] * 4
    assert [ws[ref].protection.locked for ref in ("C2", "F2", "H2", "L2")] == [False] * 4
    locked = ("A1", "A2", "C4", "A5", "C5", "D5", "I5", "J5")
    assert [ws[ref].protection.locked for ref in locked] == [True] * len(locked)

    # the bounds ingest applies: ≥ 0; a whole number for a count (not for the two per-10k
    # ratios, K5 and K6); 0 to 100 for the three shares (K10–K12)
    rules = {
        str(dv.sqref): (dv.type, dv.operator, dv.formula1, dv.formula2)
        for dv in ws.data_validations.dataValidation
    }
    decimal, whole = (
        ("decimal", "greaterThanOrEqual", "0", None),
        ("whole", "greaterThanOrEqual", "0", None),
    )
    share = ("decimal", None, "0", "100")
    assert dict(sorted(rules.items(), key=lambda item: int(item[0][1:]))) == {
        "K5": decimal, "K6": decimal, "K7": whole, "K8": decimal, "K9": decimal,
        "K10": share, "K11": share, "K12": share, "K13": whole, "K14": whole, "K15": whole,
        "K16": decimal, "K17": whole, "K18": decimal, "K19": whole,
    }  # fmt: skip
    k5 = next(dv for dv in ws.data_validations.dataValidation if str(dv.sqref) == "K5")
    # blanks allowed; input and error messages shown; error style stop (the default: unset)
    assert (k5.allow_blank, k5.showInputMessage, k5.showErrorMessage, k5.errorStyle) == (
        True,
        True,
        True,
        None,
    )
    assert (k5.promptTitle, k5.prompt) == (
        "万人高价值发明专利拥有量",
        "填写2025年数值，单位：件；只填数字。",
    )
    assert (k5.errorTitle, k5.error) == (
        "请填写数字",
        "这里只能填不小于0的数字（单位：件），不要填文字、单位或百分号。",
    )
    k8 = next(dv for dv in ws.data_validations.dataValidation if str(dv.sqref) == "K8")
    assert k8.prompt == "填写2025年当年数，不填累计数，单位：亿元；只填数字。"
    k10 = next(dv for dv in ws.data_validations.dataValidation if str(dv.sqref) == "K10")
    assert k10.error == "这里只能填0到100之间的数字（单位：%），如18.6，不要填0.186或百分号。"
    k7 = next(dv for dv in ws.data_validations.dataValidation if str(dv.sqref) == "K7")
    assert k7.error == "这里只能填不小于0的整数（单位：件），不要填小数、文字或单位。"


def test_the_instructions_sheet(runner, clean_env):
    nanjing_template(runner)
    ws = load("nanjing.xlsx")[INSTRUCTIONS]
    assert ws.protection.sheet is True
    column_b = [ws.cell(r, 2).value for r in range(1, 17)]
    assert re.fullmatch(r"生成时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}", column_b[6])
    assert column_b[:6] + column_b[7:10] == [
        "南京市2025年知识产权指标数据填报说明",
        None,
        "规划：南京市国家知识产权强市建设示范城市工作方案(2022—2025年)（宁政办发〔2022〕54号）",
        "填报年度：2025",
        "牵头单位：全部牵头单位",
        "指标数：15",
        None,
        "填报步骤",
        "在“2025年数据填报”工作表的“数值”列（黄色单元格）填写2025年数据，每行一个数字。",
    ]
    assert column_b[13] == "“上年值（参考）”是已入库的2024年数据，仅供核对，不必修改。"
    assert [ws.cell(r, 1).value for r in range(10, 17)] == [f"{n}." for n in range(1, 8)]


def test_last_years_figures_come_from_the_store(runner, clean_env, sample_db):
    result = nanjing_template(runner, "--db", str(sample_db))
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "已写入 nanjing.xlsx：2025年（nanjing-2022-2025）15项目标，其中15项附上年值\n",
        "",
    )
    ws = load("nanjing.xlsx")[SHEET]
    assert [row[8] for row in rows_of(ws)] == NANJING_2024
    assert [row[10] for row in rows_of(ws)] == [None] * 15  # the 2025 figures are not offered


def test_a_year_with_a_gap_last_year_leaves_that_cell_empty(runner, clean_env, sample_db):
    """2023's 版权产业增加值占GDP比重 is '—' (暂无数据) in the sample: 14 of 15."""
    result = run(
        runner, "template", "--city", "nanjing", "--year", "2024", "--db", str(sample_db),
        "-o", "n24.xlsx",
    )  # fmt: skip
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "已写入 n24.xlsx：2024年（nanjing-2022-2025）15项目标，其中14项附上年值\n",
        "",
    )
    assert load("n24.xlsx").sheetnames == [INSTRUCTIONS, "2024年数据填报"]
    ws = load("n24.xlsx")["2024年数据填报"]
    assert [row[8] for row in rows_of(ws)] == [
        60.86, 102.7, 2390, 146.2, 42.8, 18.3, None, 84.9, 486, 2905, 7420, 34.6, 171, 1.12, 6,
    ]  # fmt: skip
    assert {row[9] for row in rows_of(ws)} == {2024}


def test_without_a_store_last_years_figures_are_left_empty(runner, clean_env):
    english = nanjing_template(runner, "--lang", "en", name="english.xlsx")
    assert (english.exit_code, english.stdout, english.stderr) == (
        0,
        "wrote english.xlsx: 15 target(s) for 2025 (nanjing-2022-2025), last year's figure for 0\n",
        "no store at ipkpi.db: last year's figures left empty\n",
    )
    os.remove("english.xlsx")
    result = nanjing_template(runner)
    assert (result.exit_code, result.stdout, result.stderr) == (0, NANJING_WROTE, NO_STORE)
    ws = load("nanjing.xlsx")[SHEET]
    assert [row[8] for row in rows_of(ws)] == [None] * 15
    assert not (clean_env / "ipkpi.db").exists()


def test_a_named_store_that_does_not_exist_is_not_created(runner, clean_env):
    result = nanjing_template(runner, "--db", "fresh.db")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        NANJING_WROTE,
        "fresh.db 处没有数据库：上年值留空\n",
    )
    assert sorted(os.listdir(clean_env)) == ["nanjing.xlsx"]


def test_2021_asks_only_the_targets_measured_from_2021(runner, clean_env):
    """Nanjing's plan runs 2022–2025: its 11 targets without a window start from the 2021
    figure; the four cumulative ones (window 2022–2025) need none for 2021."""
    result = run(runner, "template", "--city", "nanjing", "--year", "2021", "-o", "n21.xlsx")
    assert result.stdout == (
        "已写入 n21.xlsx：2021年（nanjing-2022-2025）11项目标，其中0项附上年值\n"
    )
    ws = load("n21.xlsx")["2021年数据填报"]
    assert [row[2] for row in rows_of(ws)] == [
        "high_value_invention_patents_per_10k",
        "copyright_registrations_per_10k",
        "ic_layout_design_registrations_total",
        "patent_intensive_industries_gdp_share",
        "copyright_industries_gdp_share",
        "ip_protection_satisfaction",
        "ip_advantage_demonstration_enterprises",
        "ip_management_standard_enterprises_new",
        "ip_service_employees",
        "ip_service_revenue",
        "ip_high_level_talent_new",
    ]
    assert [row[5] for row in rows_of(ws)][:2] == ["2021年数值", "2021年数值"]


# --------------------------------------------------------------------------- one per lead


def test_each_lead_writes_one_workbook_per_lead_unit(runner, clean_env):
    (clean_env / "out").mkdir()
    result = run(
        runner, "template", "--city", "guizhou", "--year", "2025", "--each-lead", "-o", "out"
    )
    assert (result.exit_code, result.stderr) == (0, NO_STORE)
    counts = {
        "guizhou-2025-省科技厅.xlsx": 2,
        "guizhou-2025-省工业和信息化厅.xlsx": 1,
        "guizhou-2025-省市场监管局(省知识产权局).xlsx": 8,
        "guizhou-2025-省农业农村厅.xlsx": 2,
        "guizhou-2025-省委宣传部(省新闻出版局〈省版权局〉).xlsx": 1,
        "guizhou-2025-省林业局.xlsx": 1,
        "guizhou-2025-贵州银保监局.xlsx": 1,
        "guizhou-2025-省商务厅(省政府口岸办).xlsx": 1,
        "guizhou-2025-省民宗委.xlsx": 1,
        "guizhou-2025-省法院.xlsx": 1,
        "guizhou-2025-省人社厅.xlsx": 1,
        "guizhou-2025-未明确牵头单位.xlsx": 13,
    }
    assert result.stdout.splitlines() == [
        f"已写入 out/{name}：2025年（guizhou-2021-2025）{n}项目标，其中0项附上年值"
        for name, n in counts.items()
    ]
    assert sorted(os.listdir(clean_env / "out")) == sorted(GUIZHOU_LEADS)
    for name, ids in GUIZHOU_LEADS.items():
        ws = load(clean_env / "out" / name)[SHEET]
        assert [row[2] for row in rows_of(ws)] == ids, name
        assert [row[0] for row in rows_of(ws)] == [str(n) for n in range(1, len(ids) + 1)]
    # 30 targets, three of them led jointly (地理标志数, 植物新品种, 质押融资金额): 33 rows
    assert sum(len(ids) for ids in GUIZHOU_LEADS.values()) == 33
    none = load(clean_env / "out" / "guizhou-2025-未明确牵头单位.xlsx")[SHEET]
    assert none["A1"].value == "贵州省2025年知识产权指标数据填报表（未明确牵头单位）"


def test_each_lead_templates_go_back_through_ingest_together(runner, clean_env):
    """A jointly led target filled in by both its leads: the second file revises the first."""
    (clean_env / "out").mkdir()
    run(runner, "template", "--city", "guizhou", "--year", "2025", "--each-lead", "-o", "out")
    fill("out/guizhou-2025-省农业农村厅.xlsx", "agri.xlsx", {"K5": 400, "K6": 190})
    fill("out/guizhou-2025-省林业局.xlsx", "forest.xlsx", {"K5": 191})
    result = ingest(runner, "agri.xlsx")
    assert (result.exit_code, result.stderr) == (0, "")
    result = ingest(runner, "forest.xlsx")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1] == (
        "1 file(s): 1 ingested, 0 already ingested, 0 rejected; 0 new value(s), 1 revised"
    )
    assert stored(city="guizhou") == {
        "geographical_indications": (2025, 400.0, SHEET, "K5"),
        "plant_variety_rights_granted": (2025, 191.0, SHEET, "K5"),
    }


# --------------------------------------------------------------------------- usage errors


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--city", "nanjing", "--year", "2025", "-o", "out.txt"],
            "Error[E-USAGE-VALUE]: Invalid value for --output: out.txt: the workbook must be an "
            ".xlsx file",
        ),
        (
            ["--city", "nanjing", "--year", "2025", "--lead", "科技局", "-o", "x.xlsx"],
            "Error[E-LEAD-UNKNOWN]: no lead unit '科技局' in nanjing-2022-2025; its leads: 市市场监管局, none",
        ),
        (
            ["--city", "guizhou", "--year", "2025", "--lead", "省", "-o", "x.xlsx"],
            "Error[E-LEAD-AMBIGUOUS]: lead '省' is ambiguous in guizhou-2021-2025: it could be "
            "省科技厅, 省工业和信息化厅, 省市场监管局(省知识产权局), 省农业农村厅, "
            "省委宣传部(省新闻出版局〈省版权局〉), 省林业局, 省商务厅(省政府口岸办), 省民宗委, "
            "省法院, 省人社厅",
        ),
        (
            ["--city", "nowhere", "--year", "2025", "-o", "x.xlsx"],
            "Error[E-CITY-UNKNOWN]: unknown city 'nowhere'; "
            "known: guizhou (贵州省), nanjing (南京市), shanxi (山西省), shijiazhuang (石家庄市), zhangzhou (漳州市)",
        ),
        (
            ["--city", "nanjing", "--lead", "X", "--each-lead", "-o", "x.xlsx"],
            "Error[E-USAGE-VALUE]: Invalid value for --lead: give --lead or --each-lead, not both",
        ),
        (
            ["--city", "nanjing", "--year", "2025", "--each-lead", "-o", "x.xlsx"],
            "Error[E-EACH-LEAD-FOLDER]: -o: x.xlsx is not a folder (--each-lead writes one workbook per lead unit "
            "into a folder)",
        ),
        (
            ["--city", "nanjing", "--year", "2025", "-o", "nowhere/x.xlsx"],
            "Error[E-OUTPUT-NO-FOLDER]: -o: no folder nowhere for x.xlsx",
        ),
    ],
    ids=[
        "suffix",
        "unknown-lead",
        "ambiguous-lead",
        "unknown-city",
        "lead-and-each-lead",
        "each-lead-not-a-folder",
        "no-folder",
    ],
)
def test_usage_errors_write_nothing(runner, clean_env, args, message):
    result = run(runner, "template", *args, "--lang", "en")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == message
    assert os.listdir(clean_env) == []


@pytest.mark.parametrize(
    ("args", "en", "zh"),
    [
        (
            ["--city", "nanjing", "--year", "2030"],
            "Error[E-COLLECT-YEAR]: no target of nanjing-2022-2025 needs a 2030 figure; its "
            "targets need 2021–2025",
            "错误[E-COLLECT-YEAR]：nanjing-2022-2025中没有目标需要2030年的数值；"
            "其目标需要2021–2025年的数值",
        ),
        (
            ["--city", "nanjing", "--year", "2020"],
            "Error[E-COLLECT-YEAR]: no target of nanjing-2022-2025 needs a 2020 figure; its "
            "targets need 2021–2025",
            "错误[E-COLLECT-YEAR]：nanjing-2022-2025中没有目标需要2020年的数值；"
            "其目标需要2021–2025年的数值",
        ),
        (
            ["--city", "shanxi", "--year", "2023"],
            "Error[E-COLLECT-NO-TARGETS]: shanxi-2022-2023 has no targets, only tasks or rules: "
            "no figures to collect",
            "错误[E-COLLECT-NO-TARGETS]：shanxi-2022-2023没有目标，只有任务或奖补规则："
            "没有要收集的数值",
        ),
        (
            ["--city", "zhangzhou", "--year", "2025"],
            "Error[E-COLLECT-NO-TARGETS]: zhangzhou-2024-2029 has no targets, only tasks or "
            "rules: no figures to collect",
            "错误[E-COLLECT-NO-TARGETS]：zhangzhou-2024-2029没有目标，只有任务或奖补规则："
            "没有要收集的数值",
        ),
    ],
    ids=["late-year", "early-year", "tasks-only", "rules-only"],
)
def test_nothing_to_collect_is_a_usage_error(runner, clean_env, args, en, zh):
    result = run(runner, "template", *args, "-o", "x.xlsx", "--lang", "en")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == en
    result = run(runner, "template", *args, "-o", "x.xlsx")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == zh
    assert os.listdir(clean_env) == []


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--city", "nanjing", "--year", "2030", "-o", "x.xlsx"],
            "错误[E-COLLECT-YEAR]：nanjing-2022-2025中没有目标需要2030年的数值；"
            "其目标需要2021–2025年的数值",
        ),
        (
            ["--city", "shanxi", "--year", "2023", "-o", "x.xlsx"],
            "错误[E-COLLECT-NO-TARGETS]：shanxi-2022-2023没有目标，只有任务或奖补规则："
            "没有要收集的数值",
        ),
        (
            ["--city", "nanjing", "--lead", "X", "--each-lead", "-o", "x.xlsx"],
            "错误[E-USAGE-VALUE]：选项 --lead 的值无效：请给出 --lead 或 --each-lead，不能两者都给",
        ),
        (
            ["--city", "nanjing", "--year", "2025", "--each-lead", "-o", "x.xlsx"],
            "错误[E-EACH-LEAD-FOLDER]：-o：x.xlsx 不是文件夹（--each-lead "
            "为每个牵头单位各写一个工作簿，放在一个文件夹中）",
        ),
    ],
    ids=["late-year", "tasks-only", "lead-and-each-lead", "each-lead-not-a-folder"],
)
def test_usage_errors_in_chinese(runner, clean_env, args, message):
    result = run(runner, "template", *args)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == message


# --------------------------------------------------------------------------- the library


def test_figure_years_of_the_bundled_plans(catalogue):
    def years(city, target_id):
        plan = select_plan(catalogue, city)
        target = next(t for t in plan.targets if t.id == target_id)
        return figure_years(target, plan)

    # cumulative, window 2022–2025: the window's years
    assert years("nanjing", "ip_trade_total") == range(2022, 2026)
    # cumulative with a catalogue baseline (2020, the 十三五 sum): still the window
    assert years("guizhou", "ip_pledge_financing_amount") == range(2021, 2026)
    # average and annual, window 2021–2025
    assert years("guizhou", "patent_pledge_registrations_per_year") == range(2021, 2026)
    assert years("guizhou", "new_time_honored_brands_per_year") == range(2021, 2026)
    # level without a baseline: from the year before the plan (2022 − 1)
    assert years("nanjing", "high_value_invention_patents_per_10k") == range(2021, 2026)
    # increment without a baseline: the same (the stock at the end of 2021)
    assert years("nanjing", "ip_management_standard_enterprises_new") == range(2021, 2026)
    # level with a 2020 baseline in a 2021–2025 plan: 2021 on
    assert years("guizhou", "valid_registered_trademarks") == range(2021, 2026)
    # level with a 2019 baseline (专栏1注3: 带*号为2019年数): 2020 on
    assert years("guizhou", "industrial_rd_to_revenue") == range(2020, 2026)
    # rise, no baseline, plan 2022–2025: 2021 (the first year compared with) to 2025
    assert years("shijiazhuang", "ip_operation_income") == range(2021, 2026)
    # growth without a baseline: from the end of 2021
    assert years("shijiazhuang", "registered_trademarks_growth") == range(2021, 2026)


def test_figure_years_of_small_plans(in_tmp):
    def years(text, index):
        write_plan(in_tmp / "cat", text)
        plan = load_catalogue(in_tmp / "cat").plans[0]
        return figure_years(plan.targets[index], plan)

    # level, no baseline, plan 2022–2025
    assert years(GOOD_PLAN, 0) == range(2021, 2026)
    # growth with a 2021 baseline: 2022 on
    assert years(GOOD_PLAN, 1) == range(2022, 2026)
    # level with a 2019 baseline: 2020 on
    with_baseline = one_change(
        'value = 50\nunit = "件"\n',
        'value = 50\nunit = "件"\nbaseline = { year = 2019, value = 30 }\n',
    )
    assert years(with_baseline, 0) == range(2020, 2026)
    # level with a target year of 2024: stops there
    earlier = one_change("value = 85\n", "value = 85\ntarget_year = 2024\n")
    assert years(earlier, 2) == range(2021, 2025)
    # cumulative with target year 2024: the plan window cut to 2022–2024
    cumulative = one_change(
        'kind = "level"\ncomparator = "超过"\nvalue = 85\n',
        'kind = "cumulative"\ncomparator = "超过"\nvalue = 85\ntarget_year = 2024\n',
    )
    assert years(cumulative, 2) == range(2022, 2025)
    # rise: from the year before the plan
    rise = one_change(
        'kind = "level"\ncomparator = "超过"\nvalue = 85\n', 'kind = "rise"\ncomparator = ">"\n'
    )
    assert years(rise, 2) == range(2021, 2026)


def test_asks_says_which_figure_to_give(catalogue):
    nanjing = select_plan(catalogue, "nanjing")
    by_id = {t.id: t for t in nanjing.targets}
    assert asks(by_id["high_value_invention_patents_per_10k"], 2025) == "2025年数值"
    assert asks(by_id["ip_trade_total"], 2024) == "2024年当年数，不填累计数"
    assert asks(by_id["ip_high_level_talent_new"], 2023) == "2023年末总量（存量），不填当年新增数"
    assert asks(by_id["ip_trade_total"], 2024, "en") == (
        "the 2024 figure alone, not a running total"
    )
    guizhou = {t.id: t for t in select_plan(catalogue, "guizhou").targets}
    assert asks(guizhou["new_time_honored_brands_per_year"], 2025) == "2025年当年数"
    # an increase in % of a series in 亿元: the series figure
    assert asks(guizhou["patent_pledge_amount_growth"], 2025) == (
        "2025年数值（亿元），不填增长率（由系统计算）"
    )
    shijiazhuang = {t.id: t for t in select_plan(catalogue, "shijiazhuang").targets}
    assert asks(shijiazhuang["ip_operation_income"], 2025) == "2025年当年数"
    assert asks(shijiazhuang["registered_trademarks_growth"], 2025, "en") == (
        "the 2025 figure in 件, not the rate (worked out from it)"
    )


def test_resolve_lead(catalogue):
    guizhou = select_plan(catalogue, "guizhou")
    nanjing = select_plan(catalogue, "nanjing")
    assert resolve_lead(guizhou, "省农业农村厅") == "省农业农村厅"
    # exact after NFKC and without spaces: full-width brackets are the same name
    assert resolve_lead(guizhou, " 省市场监管局（省知识产权局） ") == "省市场监管局(省知识产权局)"
    # partial: the one lead unit containing it
    assert resolve_lead(guizhou, "省知识产权局") == "省市场监管局(省知识产权局)"
    assert resolve_lead(guizhou, "版权局") == "省委宣传部(省新闻出版局〈省版权局〉)"
    assert resolve_lead(guizhou, "银保监") == "贵州银保监局"
    # 林业局: only 省林业局 contains it
    assert resolve_lead(guizhou, "林业局") == "省林业局"
    # none, in every spelling
    for text in ("none", "NONE", "无", "未明确", "未明确牵头单位", "(no lead named)"):
        assert resolve_lead(nanjing, text) == NO_LEAD, text

    with pytest.raises(UnknownLead) as caught:
        resolve_lead(nanjing, "科技局")
    assert (caught.value.known, caught.value.matches, caught.value.message.text("en")) == (
        ["市市场监管局", "none"],
        [],
        "no lead unit '科技局' in nanjing-2022-2025; its leads: 市市场监管局, none",
    )
    with pytest.raises(UnknownLead) as caught:
        resolve_lead(guizhou, "省")
    assert caught.value.matches == [x for x in GUIZHOU_ALL_LEADS if x != "贵州银保监局"]
    with pytest.raises(UnknownLead) as caught:
        resolve_lead(guizhou, "")
    assert caught.value.matches == []


def test_collect_without_a_store(catalogue):
    everything = collect(None, select_plan(catalogue, "nanjing", as_of=2025), 2025)
    assert (everything.plan.id, everything.year, everything.lead) == (
        "nanjing-2022-2025",
        2025,
        None,
    )
    assert [w.target.id for w in everything.wanted] == [r[2] for r in NANJING_ROWS]
    assert {(w.previous, w.stored) for w in everything.wanted} == {(None, None)}
    assert len(everything.missing) == 15
    one = collect(None, select_plan(catalogue, "nanjing", as_of=2025), 2025, lead="市场监管")
    assert (one.lead, [w.target.id for w in one.wanted]) == (
        "市市场监管局",
        ["ip_operation_centers_built"],
    )
    none = collect(None, select_plan(catalogue, "nanjing", as_of=2025), 2025, lead="无")
    assert (none.lead, len(none.wanted)) == (NO_LEAD, 14)
    with pytest.raises(UsageError) as caught:
        collect(None, select_plan(catalogue, "nanjing", as_of=2026), 2026)
    assert caught.value.message.text("en") == (
        "no target of nanjing-2022-2025 needs a 2026 figure; its targets need 2021–2025"
    )
    assert (
        str(caught.value)
        == "nanjing-2022-2025中没有目标需要2026年的数值；其目标需要2021–2025年的数值"
    )


def test_collect_reads_last_year_and_this_year_from_the_store(catalogue, sample_db):
    with SQLiteStore(sample_db, readonly=True) as store:
        collection = collect(store, select_plan(catalogue, "nanjing", as_of=2025), 2025)
    first = collection.wanted[0]
    assert first.target.id == "high_value_invention_patents_per_10k"
    assert (tuple(first.previous), tuple(first.stored)) == (
        (2024, 71.21, None),
        (2025, 80.5, "preliminary"),  # the 2025 sheet is headed （快报）
    )
    assert [w.previous.value for w in collection.wanted] == NANJING_2024
    assert collection.missing == ()


def test_by_lead_lists_a_joint_target_under_each_lead(catalogue):
    collection = collect(None, select_plan(catalogue, "guizhou", as_of=2025), 2025)
    groups = {lead: [w.target.id for w in ws] for lead, ws in by_lead(collection, "zh")}
    assert list(groups) == [*GUIZHOU_ALL_LEADS, "未明确牵头单位"]
    by_file = {f"guizhou-2025-{lead}.xlsx": ids for lead, ids in groups.items()}
    assert by_file == GUIZHOU_LEADS


def test_default_year_is_last_year_but_no_later_than_the_plan(catalogue):
    assert default_year(catalogue, "nanjing", dt.date(2024, 3, 1)) == 2023
    assert default_year(catalogue, "nanjing", dt.date(2026, 1, 1)) == 2025
    assert default_year(catalogue, "nanjing", dt.date(2031, 6, 30)) == 2025
