"""`ipkpi export` on the sample data: the workbook's sheets hold the figures of `ipkpi report`,
with their formats, charts and sources; text is never a formula; the file is replaced whole or
not at all; usage errors exit 2 and write nothing."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import os
import stat
import zipfile
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

import ipkpi.output.excel
from ipkpi.assess.report import build_report
from ipkpi.catalogue.loader import load_catalogue
from ipkpi.catalogue.select import report_plan
from ipkpi.cli.app import app
from ipkpi.output.excel import write_export
from ipkpi.output.excel_plans import DETAIL_COLUMNS, GAP_COLUMNS
from ipkpi.output.excel_series import DATA_COLUMNS
from ipkpi.store.sqlite import SQLiteStore
from tests.conftest import REPO

CITIES = ("guizhou", "nanjing", "shijiazhuang")  # the cities with targets: a gap table each
REPORTED = ("guizhou", "nanjing", "shanxi", "shijiazhuang")  # --all: targets or tasks
SHEET_OF = {
    "guizhou": "贵州省",
    "nanjing": "南京市",
    "shanxi": "山西省",
    "shijiazhuang": "石家庄市",
}
SAMPLE_FILES = (
    "贵州省知识产权主要指标监测表.xlsx",
    "南京市知识产权主要指标.xlsx",
    "石家庄市知识产权统计_2021-2025.csv",
)
FIRST_ROW = 5  # 1-based: title, provenance, blank, header, then the data
GAP = {key: i + 1 for i, key in enumerate(GAP_COLUMNS)}  # column numbers, 1-based
DETAIL = {key: i + 1 for i, key in enumerate(DETAIL_COLUMNS)}
DATA = {key: i + 1 for i, key in enumerate(DATA_COLUMNS)}
MADE_AT = dt.datetime(2025, 3, 1, 9, 30, tzinfo=dt.UTC)
CHART = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def exported(sample_db, tmp_path_factory):
    """`ipkpi export --all -o summary.xlsx --as-of 2024`, run once in a folder of its own."""
    folder = tmp_path_factory.mktemp("export")
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(folder)
        mp.delenv("IPKPI_TARGETS", raising=False)
        mp.delenv("IPKPI_DB", raising=False)
        result = CliRunner().invoke(
            app,
            ["export", "--all", "-o", "summary.xlsx", "--as-of", "2024", "--db", str(sample_db)],
            catch_exceptions=False,
        )
    return result, folder / "summary.xlsx"


@pytest.fixture(scope="module")
def workbook(exported):
    return load_workbook(exported[1])


@pytest.fixture(scope="module")
def report_docs(sample_db):
    """`ipkpi report --city C --as-of 2024 --format json` for every city."""
    docs = {}
    for city in REPORTED:
        result = CliRunner().invoke(
            app,
            ["report", "--city", city, "--as-of", "2024", "-f", "json", "--db", str(sample_db)],
            catch_exceptions=False,
        )
        assert result.exit_code == 0, result.stderr
        docs[city] = json.loads(result.stdout)
    return docs


@pytest.fixture(scope="module")
def nanjing_report(sample_db):
    with SQLiteStore(sample_db, readonly=True) as store:
        return build_report(store, report_plan(load_catalogue(), "nanjing", None, 2024), as_of=2024)


def run(runner, *args):
    return runner.invoke(app, list(args), catch_exceptions=False)


def gap_rows(ws, columns=None) -> dict[str, dict[str, object]]:
    """The gap table's (or its detail sheet's) rows by indicator name (column B), each keyed
    by GAP_COLUMNS (or DETAIL_COLUMNS)."""
    rows = {}
    for r in range(FIRST_ROW, ws.max_row + 1):
        row = {key: ws.cell(r, col).value for key, col in (columns or GAP).items()}
        assert row["name"] not in rows, row["name"]
        rows[row["name"]] = row
    return rows


def r6(value):
    """As the JSON report rounds: to 6 decimals."""
    return None if value is None else round(value, 6)


DERIVED = (
    "gap",
    "expected",
    "progress_ratio",
    "gap_share_closed",
    "time_share_elapsed",
    "required_rate",
)


def r4(value):
    """As the workbook writes a derived figure (gap, ratio, rate): to 4 decimals."""
    return None if value is None else round(value, 4)


def chart_series(xlsx, n: int) -> list[tuple[str, str, str]]:
    """(name, categories, values) formulas of each series of xl/charts/chart{n}.xml."""
    with zipfile.ZipFile(xlsx) as z:
        root = ElementTree.fromstring(z.read(f"xl/charts/chart{n}.xml"))
    return [
        tuple(ser.find(f"{CHART}{part}//{CHART}f").text for part in ("tx", "cat", "val"))
        for ser in root.iter(f"{CHART}ser")
    ]


# --- the command and the workbook's layout ----------------------------------------------------


def test_export_all_prints_one_line(exported):
    result, path = exported
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "已写入 summary.xlsx：11个工作表（汇总、贵州省、贵州省明细、南京市、南京市明细、南京市工作任务、"
        "山西省工作任务、石家庄市、石家庄市明细、趋势、数据来源），60张图表\n"
    )
    assert path.is_file()


def test_sheet_names_in_order(workbook):
    assert workbook.sheetnames == [
        "汇总",
        "贵州省",
        "贵州省明细",  # the gap table's technical columns
        "南京市",
        "南京市明细",
        "南京市工作任务",
        "山西省工作任务",  # tasks but no targets: no gap table
        "石家庄市",
        "石家庄市明细",
        "趋势",
        "数据来源",
    ]


def test_gap_table_title_and_header(workbook):
    ws = workbook["南京市"]
    assert ws["A1"].value == (
        "南京市国家知识产权强市建设示范城市工作方案(2022—2025年) · 截至2024年"
    )
    # The plan and method in words, not their ids (规划 nanjing-2022-2025 · 方法 linear).
    assert ws["A2"].value.endswith(
        " · 南京市国家知识产权强市建设示范城市工作方案(2022—2025年) · 评估方法：按直线进度（linear）"
    )
    assert [c.value for c in ws[3]] == [None] * len(GAP_COLUMNS)
    assert [c.value for c in ws[4]] == [
        "类别",
        "指标",
        "单位",
        "基期值",
        "基期年",
        "实际值",
        "年份",
        "目标",
        "目标年",
        "差距",
        "时序应达值",
        "进度比",
        "状态",
        "说明",
    ]
    assert [c.value for c in workbook["南京市明细"][4]] == [
        "类别",
        "指标",
        "单位",
        "完成进度",
        "时序进度",
        "剩余年份需年均",
        "状态",
        "提示",
    ]


@pytest.mark.parametrize("city", CITIES)
def test_gap_table_rows_equal_the_json_report(workbook, report_docs, city):
    rows = gap_rows(workbook[SHEET_OF[city]])
    details = gap_rows(workbook[SHEET_OF[city] + "明细"], DETAIL)
    for name, row in rows.items():
        row.update(details[name])
    targets = report_docs[city]["targets"]
    assert sorted(rows) == sorted(t["name"] for t in targets)
    for t in targets:
        row = rows[t["name"]]
        baseline, actual = t["baseline"] or {}, t["actual"] or {}
        got = {
            "category": row["category"],
            "unit": row["unit"],
            "baseline": (r6(row["baseline"]), row["baseline_year"]),
            "actual": (r6(row["actual"]), row["actual_year"]),
            "target_year": row["target_year"],
            "gap": r6(row["gap"]),
            "expected": r6(row["expected"]),
            "progress_ratio": r6(row["progress"]),
            "gap_share_closed": r6(row["gap_share_closed"]),
            "time_share_elapsed": r6(row["time_share_elapsed"]),
            "required_rate": r6(row["required_rate"]),
            "status_label": row["status"],
            "reading": row["reading"],
            "warnings": row["warnings"],
        }
        want = {
            "category": t["category"],
            "unit": t["unit"],
            "baseline": (baseline.get("value"), baseline.get("year")),
            "actual": (actual.get("value"), actual.get("year")),
            "target_year": t["target_year"],
            **{key: r4(t[key]) for key in DERIVED},
            "status_label": t["status_label"],
            "reading": t["reading"],
            "warnings": "；".join(w["message"] for w in t["warnings"]),
        }
        for key in DERIVED:  # 4 decimals of the unrounded figure: within half a unit of it
            if want[key] is not None and got[key] is not None:
                assert abs(got[key] - t[key]) <= 5.1e-5, (t["id"], key)
                got[key] = want[key]
        assert got == want, t["id"]


def test_gap_table_rows_are_grouped_by_category_in_plan_order(workbook):
    ws = workbook["南京市"]
    categories = [ws.cell(r, GAP["category"]).value for r in range(FIRST_ROW, ws.max_row + 1)]
    assert categories == (
        ["知识产权创造"] * 3
        + ["知识产权运用"] * 5
        + ["知识产权保护"]
        + ["知识产权管理"] * 2
        + ["知识产权服务"] * 2
        + ["知识产权人才"] * 2
    )
    # The plan names 知识产权运营中心 last, but it joins the other 运用 targets.
    assert ws.cell(12, GAP["name"]).value == "知识产权运营中心"


def test_nanjing_first_row_figures(workbook):
    ws = workbook["南京市"]
    assert [c.value for c in ws[5]][:9] == [
        "知识产权创造",
        "万人高价值发明专利拥有量",
        "件",
        51.9,
        2022,
        71.21,
        2024,
        "≥ 50 件",
        2025,
    ]
    assert ws["J5"].value == pytest.approx(-21.21, abs=1e-9)
    assert ws["M5"].value == "已达标"
    assert ws["N5"].value == "2024年为71.21件，已提前达到目标（≥50件）"


# --- formats, fills and page setup ------------------------------------------------------------


def test_status_cells_are_filled_by_status(workbook, report_docs):
    fills = {
        "achieved": "FFC6EFCE",
        "on_track": "FFE2EFDA",
        "moderate": "FFFFEB9C",
        "behind": "FFF8CBAD",
        "overshoot": "FFFCE4D6",
        "moving_away": "FFFFC7CE",
    }
    seen = set()
    for city in CITIES:
        ws = workbook[SHEET_OF[city]]
        status_of = {t["name"]: t["status"] for t in report_docs[city]["targets"]}
        for r in range(FIRST_ROW, ws.max_row + 1):
            code = status_of[ws.cell(r, GAP["name"]).value]
            cell = ws.cell(r, GAP["status"])
            assert (code, cell.fill.fgColor.rgb) == (code, fills[code]), cell.coordinate
            assert cell.font.b is True
            seen.add(code)
    assert seen == set(fills)


def test_met_missed_and_no_data_fills(sample_db, tmp_path):
    """As of 2025 Nanjing's targets are met or missed; on an empty store all have no data."""
    catalogue = load_catalogue()
    with SQLiteStore(sample_db, readonly=True) as store:
        final = build_report(store, report_plan(catalogue, "nanjing", None, 2025), as_of=2025)
    with SQLiteStore(tmp_path / "empty.db") as store:
        empty = build_report(store, report_plan(catalogue, "nanjing", None, 2024), as_of=2024)
    path = tmp_path / "final.xlsx"
    summary = write_export(path, [final, empty], made_at=MADE_AT)
    assert summary.sheets == (
        "汇总",
        "南京市",
        "南京市明细",
        "南京市工作任务",
        "南京市 (2)",
        "南京市明细 (2)",
        "南京市工作任务 (2)",
        "趋势",
        "数据来源",
    )
    wb = load_workbook(path)
    # 2025 holds 快报 figures: provisional verdicts, labelled so, on the verdicts' colours
    fills = {"已完成（快报）": "FFC6EFCE", "未完成（快报）": "FFFFC7CE", "数据不足": "FFD9D9D9"}
    for name, labels in (
        ("南京市", {"已完成（快报）", "未完成（快报）"}),
        ("南京市 (2)", {"数据不足"}),
    ):
        ws = wb[name]
        cells = [ws.cell(r, GAP["status"]) for r in range(FIRST_ROW, ws.max_row + 1)]
        assert {c.value for c in cells} == labels
        for c in cells:
            assert (c.value, c.fill.fgColor.rgb) == (c.value, fills[c.value])


def test_number_formats_of_gap_progress_and_share_cells(workbook):
    ws = workbook["南京市"]  # row 6: 万人版权登记量, gap 31.7 件
    assert ws["B6"].value == "万人版权登记量"
    assert ws["J6"].number_format == '#,##0.0"件";"超"#,##0.0"件"'
    assert ws["J5"].number_format == '#,##0.00"件";"超"#,##0.00"件"'  # -21.21: 超21.21件
    assert ws["L6"].number_format == "0.00"
    detail = workbook["南京市明细"]
    assert detail["B6"].value == "万人版权登记量"
    assert detail["D6"].number_format == "0%"
    assert detail["E6"].number_format == "0%"
    assert (ws["E6"].number_format, ws["G6"].number_format) == ("0", "0")


def test_gap_table_page_setup(workbook):
    ws = workbook["南京市"]
    assert ws.freeze_panes == "C5"
    assert ws.auto_filter.ref == "A4:N19"  # header and the 15 targets
    assert workbook["南京市明细"].auto_filter.ref == "A4:H19"
    assert ws.print_title_rows == "$4:$4"
    assert ws.page_setup.orientation == "landscape"
    assert ws.sheet_properties.pageSetUpPr.fitToPage is True
    assert ws.page_setup.fitToWidth is None  # absent: Excel's default, 1 page wide
    assert ws.page_setup.fitToHeight == 0  # as many pages down as needed


def test_summary_and_data_sheets_page_setup(workbook):
    summary, data = workbook["汇总"], workbook["数据来源"]
    assert (summary.freeze_panes, data.freeze_panes) == ("B5", "A5")
    assert data.auto_filter.ref == "A4:O238"  # 137 + 46 + 51 observations used
    assert data.print_title_rows == "$4:$4"
    for ws in (summary, data):
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage is True
        assert ws.page_setup.fitToHeight == 0


# --- the summary sheet ------------------------------------------------------------------------


def test_summary_header(workbook):
    ws = workbook["汇总"]
    assert ws["A1"].value == "知识产权规划目标进展汇总"
    assert [c.value for c in ws[4]] == [
        "地区",
        "规划",
        "规划期",
        "截至",
        "目标数",
        "已完成",
        "已达标",
        "进度正常",
        "进度偏慢",
        "进度滞后",
        "超出目标区间",
        "逆向变化",
        "未完成",
        "待最终数据",
        "数据不足",
        "任务数",
        "已逾期任务",
        "逾期完成任务",
        "进展最滞后的目标（牵头单位）",
    ]


def test_summary_has_one_row_per_city_with_the_json_counts(workbook, report_docs):
    ws = workbook["汇总"]
    statuses = (
        "met",
        "achieved",
        "on_track",
        "moderate",
        "behind",
        "overshoot",
        "moving_away",
        "missed",
        "no_data",
    )
    for r, (city, window) in enumerate(
        zip(REPORTED, ("2021–2025", "2022–2025", "2022–2023", "2022–2025"), strict=True),
        start=FIRST_ROW,
    ):
        doc = report_docs[city]
        summary = doc["summary"]
        # A plan of tasks only (Shanxi) leaves its status cells empty, not a row of zeros.
        counts = [summary[s] for s in statuses] if summary["targets"] else [None] * 9
        assert [c.value for c in ws[r]][:14] == [
            SHEET_OF[city],
            doc["plan"]["title"],
            window,
            2024,
            summary["targets"],
            *counts,
        ]
    assert [ws.cell(r, 5).value for r in range(5, 9)] == [30, 15, 0, 15]
    assert ws.cell(9, 1).value is None


def test_summary_names_the_data_files_and_leaves_paths_to_the_data_sheet(workbook, report_docs):
    ws = workbook["汇总"]
    assert ws["A10"].value == "数据文件（完整路径、SHA-256见“数据来源”）"
    assert [c.value for c in ws[11]][:5] == ["地区", "文件", "导入时间", None, None]
    rows = [[c.value for c in ws[r]][:2] for r in range(12, ws.max_row + 1)]
    # Each place's files in path order, by name: statistics, and the task progress sheets
    # its tasks' states came from (Nanjing's phases, Shanxi's tasks).
    assert rows == [
        ["贵州省", "贵州省知识产权主要指标监测表.xlsx"],
        ["南京市", "南京市强市建设时序进度.xlsx"],
        ["南京市", "南京市知识产权主要指标.xlsx"],
        ["山西省", "山西省知识产权强省建设工作要点任务进展.xlsx"],
        ["石家庄市", "石家庄市知识产权统计_2021-2025.csv"],
    ]
    assert [len(report_docs[c]["sources"]) for c in REPORTED] == [1, 2, 1, 1]


def test_data_sheet_lists_the_data_files_with_their_sha256(workbook, report_docs):
    ws = workbook["数据来源"]
    last = int(ws.auto_filter.ref.split(":")[1][1:])  # the figures end where the filter does
    assert ws.cell(last + 1, 1).value is None
    assert ws.cell(last + 2, 1).value == "数据文件"
    heads = [ws.cell(last + 3, DATA[k]).value for k in ("place", "file", "ingested_at", "sha256")]
    assert heads == ["地区", "文件", "导入时间", "SHA-256"]
    files = [
        ("guizhou", "贵州省知识产权主要指标监测表.xlsx"),
        ("nanjing", "南京市强市建设时序进度.xlsx"),
        ("nanjing", "南京市知识产权主要指标.xlsx"),
        ("shanxi", "山西省知识产权强省建设工作要点任务进展.xlsx"),
        ("shijiazhuang", "石家庄市知识产权统计_2021-2025.csv"),
    ]
    expected = []
    for city, name in files:
        path = REPO / "sample_data" / name
        (source,) = [s for s in report_docs[city]["sources"] if s["path"] == str(path)]
        expected.append(
            [
                SHEET_OF[city],
                str(path),
                source["ingested_at"],
                hashlib.sha256(path.read_bytes()).hexdigest(),
            ]
        )
        assert source["sha256"] == expected[-1][3]
    rows = [
        [ws.cell(r, DATA[k]).value for k in ("place", "file", "ingested_at", "sha256")]
        for r in range(last + 4, ws.max_row + 1)
    ]
    assert rows == expected


# --- the trends sheet and its charts ----------------------------------------------------------


def test_one_chart_per_target(exported):
    with zipfile.ZipFile(exported[1]) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 60  # Guizhou 30 + Nanjing 15 + Shijiazhuang 15


def test_first_chart_reads_the_first_block(exported):
    # Guizhou's first target, a growth rate with a 2020 baseline: years 2020–2025, B..G.
    assert chart_series(exported[1], 1) == [
        ("趋势!$A$3", "趋势!$B$2:$G$2", "趋势!$B$3:$G$3"),
        ("趋势!$A$4", "趋势!$B$2:$G$2", "趋势!$B$4:$G$4"),
    ]


def test_first_nanjing_chart_reads_its_block(exported):
    # Block 31 (30 Guizhou blocks of 21 rows before it) starts on row 631; a level target with
    # a 2022 baseline: years 2022–2025 in B..E of row 632, actual on 633, path on 634.
    assert chart_series(exported[1], 31) == [
        ("趋势!$A$633", "趋势!$B$632:$E$632", "趋势!$B$633:$E$633"),
        ("趋势!$A$634", "趋势!$B$632:$E$632", "趋势!$B$634:$E$634"),
    ]


def test_trend_block_cells(workbook):
    ws = workbook["趋势"]
    assert ws["A631"].value == "南京市 · 万人高价值发明专利拥有量 (件)"
    assert [c.value for c in ws[632]][:6] == ["年份", 2022, 2023, 2024, 2025, None]
    assert [c.value for c in ws[633]][:6] == ["实际", 51.9, 60.86, 71.21, None, None]
    path = [c.value for c in ws[634]][:6]
    assert path[0] == "目标路径"
    assert path[1:5] == [51.9, 51.2667, 50.6333, 50]  # 4 decimals: 51.9 - 1.9/3, 51.9 - 3.8/3
    assert path[5] is None
    assert [c.value for c in ws[635]][:6] == [None] * 6  # the chart sits here, from B635


def test_a_year_without_a_figure_is_not_cached_as_zero(exported):
    # Nanjing 万人高价值发明专利拥有量 has no 2025 figure as of 2024 (cell E633 is empty).
    with zipfile.ZipFile(exported[1]) as z:
        root = ElementTree.fromstring(z.read("xl/charts/chart31.xml"))
    actual = next(root.iter(f"{CHART}ser")).find(f"{CHART}val//{CHART}numCache")
    points = {p.get("idx"): p.find(f"{CHART}v").text for p in actual.iter(f"{CHART}pt")}
    assert points == {"0": "51.9", "1": "60.86", "2": "71.20999999999999"}


# --- the data sheet ---------------------------------------------------------------------------


def test_data_sheet_header(workbook):
    ws = workbook["数据来源"]
    assert ws["A1"].value == "评估所用数据及其来源"
    assert [c.value for c in ws[4]] == [
        "地区",
        "目标编号",
        "指标",
        "年份",
        "数值",
        "单位",
        "口径",
        "原表指标名",
        "原始值",
        "原始单位",
        "文件",
        "工作表",
        "单元格",
        "导入时间",
        "SHA-256",
    ]


def data_rows(ws, place: str) -> list[dict[str, object]]:
    rows = []
    last = int(ws.auto_filter.ref.split(":")[1][1:])  # the data files are listed below
    for r in range(FIRST_ROW, last + 1):
        row = {key: ws.cell(r, col).value for key, col in DATA.items()}
        if row["place"] == place:
            rows.append(row)
    return rows


def test_data_sheet_has_one_row_per_observation_used(workbook, sample_db, nanjing_report):
    rows = data_rows(workbook["数据来源"], "南京市")
    assert len(rows) == len(nanjing_report.observations) == 46
    with SQLiteStore(sample_db, readonly=True) as store:
        stored = {(o.target_id, o.year): o for o in store.observations(city="nanjing")}
    for row in rows:
        o = stored[row["target_id"], row["year"]]
        assert (
            row["value"],
            row["unit"],
            row["indicator"],
            row["raw"],
            row["file"],
            row["sheet"],
            row["cell"],
            row["ingested_at"],
            row["sha256"],
        ) == (
            o.value,
            o.unit,
            o.indicator,
            o.raw.removesuffix(".0"),  # a whole number read as 2105.0 reads 2105
            o.path,
            o.sheet,
            o.cell,
            o.ingested_at,
            o.sha256,
        )
    assert [(r["target_id"], r["year"]) for r in rows] == [
        (o.target_id, o.year) for o in nanjing_report.observations
    ]


def test_data_sheet_nanjing_2024_patents(workbook, sample_db):
    rows = data_rows(workbook["数据来源"], "南京市")
    (row,) = [
        r
        for r in rows
        if (r["target_id"], r["year"]) == ("high_value_invention_patents_per_10k", 2024)
    ]
    with SQLiteStore(sample_db, readonly=True) as store:
        (o,) = [
            o
            for o in store.observations(city="nanjing", year=2024)
            if o.target_id == "high_value_invention_patents_per_10k"
        ]
    assert row == {
        "place": "南京市",
        "target_id": "high_value_invention_patents_per_10k",
        "name": "万人高价值发明专利拥有量",
        "year": 2024,
        "value": 71.21,
        "unit": "件",
        "vintage": "",
        "indicator": "每万人口高价值发明专利拥有量",
        "raw": "71.21",
        "raw_unit": "件",
        "file": str(REPO / "sample_data" / "南京市知识产权主要指标.xlsx"),
        "sheet": "2024",
        "cell": "D4",
        "ingested_at": o.ingested_at,
        "sha256": o.sha256,
    }


# --- text stays text --------------------------------------------------------------------------


def test_text_from_a_statistics_file_is_never_a_formula(nanjing_report, tmp_path):
    first, *rest = nanjing_report.observations
    evil = first._replace(indicator='=HYPERLINK("http://evil","x")', raw="+1+1")
    report = dataclasses.replace(nanjing_report, observations=(evil, *rest))
    path = tmp_path / "evil.xlsx"
    summary = write_export(path, [report], made_at=MADE_AT)
    assert summary.sheets == ("汇总", "南京市", "南京市明细", "南京市工作任务", "趋势", "数据来源")
    ws = load_workbook(path)["数据来源"]
    indicator, raw = ws.cell(5, DATA["indicator"]), ws.cell(5, DATA["raw"])
    assert (indicator.value, indicator.data_type) == ('=HYPERLINK("http://evil","x")', "s")
    assert (raw.value, raw.data_type) == ("+1+1", "s")
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet5.xml").decode()  # the data sheet, the 5th
    assert "<f>" not in xml and "<f " not in xml


# --- the benchmark's floor --------------------------------------------------------------------


def test_the_benchmark_floor_writes_the_same_cells_and_charts(exported, workbook, tmp_path):
    """The floor ``ipkpi export`` is measured against (benchmarks/alternatives.py
    export-floor) writes what ipkpi wrote: the same sheets, every cell's value and format,
    the same widths, merged ranges and charts — so the yardstick cannot drift."""
    import sys

    sys.path.insert(0, str(REPO / "benchmarks"))
    import alternatives

    cells, out = tmp_path / "cells.pickle", tmp_path / "floor.xlsx"
    alternatives._save_export_cells(str(exported[1]), str(cells))
    written = alternatives.export_floor(str(cells), str(out))
    floor = load_workbook(out)
    assert floor.sheetnames == workbook.sheetnames
    for ours, theirs in zip(workbook.worksheets, floor.worksheets, strict=True):
        assert list(ours.values) == list(theirs.values), ours.title
        assert [
            [(c.number_format, c.font.b, c.fill.fgColor.rgb, c.alignment.wrap_text) for c in r]
            for r in ours.iter_rows()
        ] == [
            [(c.number_format, c.font.b, c.fill.fgColor.rgb, c.alignment.wrap_text) for c in r]
            for r in theirs.iter_rows()
        ], ours.title
        assert ours.merged_cells.ranges == theirs.merged_cells.ranges
        assert {k: d.width for k, d in ours.column_dimensions.items()} == {
            k: d.width for k, d in theirs.column_dimensions.items()
        }
        assert {r: d.height for r, d in ours.row_dimensions.items()} == {
            r: d.height for r, d in theirs.row_dimensions.items()
        }
    assert written == sum(
        1 for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.has_style
    ) - sum(  # a merged range's hidden cells are written by merge_range, not one by one
        (r.max_row - r.min_row + 1) * (r.max_col - r.min_col + 1) - 1
        for ws in workbook.worksheets
        for r in ws.merged_cells.ranges
    )
    # The charts and their drawing: the same XML, byte for byte (type, series, ranges, the
    # figures cached from the cells, anchors and sizes).
    with zipfile.ZipFile(exported[1]) as ours, zipfile.ZipFile(out) as theirs:
        parts = sorted(n for n in ours.namelist() if n.startswith(("xl/charts/", "xl/drawings/")))
        assert (
            sorted(n for n in theirs.namelist() if n.startswith(("xl/charts/", "xl/drawings/")))
            == parts
        )
        assert len([n for n in parts if n.startswith("xl/charts/chart")]) == 60
        for part in parts:
            assert ours.read(part) == theirs.read(part), part


# --- atomic write -----------------------------------------------------------------------------


def test_a_failed_export_leaves_the_old_file_as_it_was(nanjing_report, tmp_path, monkeypatch):
    path = tmp_path / "summary.xlsx"
    path.write_bytes(b"the old workbook")

    def broken(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ipkpi.output.excel, "write_trends", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        write_export(path, [nanjing_report], made_at=MADE_AT)
    assert path.read_bytes() == b"the old workbook"
    assert os.listdir(tmp_path) == ["summary.xlsx"]  # no .summary.xlsx.*.tmp left behind


def test_an_export_replaces_the_file_and_keeps_its_permissions(nanjing_report, tmp_path):
    path = tmp_path / "summary.xlsx"
    path.write_bytes(b"the old workbook")
    path.chmod(0o640)
    write_export(path, [nanjing_report], made_at=MADE_AT)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert load_workbook(path).sheetnames == [
        "汇总",
        "南京市",
        "南京市明细",
        "南京市工作任务",
        "趋势",
        "数据来源",
    ]
    assert os.listdir(tmp_path) == ["summary.xlsx"]


def test_a_new_file_gets_the_umask_mode_not_the_temp_files(nanjing_report, tmp_path):
    path = tmp_path / "new.xlsx"
    old = os.umask(0o022)
    try:
        write_export(path, [nanjing_report], made_at=MADE_AT)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644


def test_an_export_needs_no_temporary_folder(nanjing_report, tmp_path, monkeypatch):
    """The workbook is built in memory: no temporary file per sheet and chart (the only
    file written besides the workbook is its temporary twin in the output folder)."""
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "not-there"))
    path = tmp_path / "summary.xlsx"
    summary = write_export(path, [nanjing_report], made_at=MADE_AT)
    assert summary.charts == 15
    assert load_workbook(path).sheetnames[0] == "汇总"
    assert os.listdir(tmp_path) == ["summary.xlsx"]


def test_the_cycle_collector_is_on_again_after_an_export(nanjing_report, tmp_path, monkeypatch):
    """The export pauses Python's cycle collector while it writes; it is on again after,
    whether the export succeeded or failed."""
    import gc

    assert gc.isenabled()
    write_export(tmp_path / "ok.xlsx", [nanjing_report], made_at=MADE_AT)
    assert gc.isenabled()

    def broken(*args, **kwargs):
        assert not gc.isenabled()  # paused while writing
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(ipkpi.output.excel, "write_trends", broken)
    with pytest.raises(RuntimeError, match="disk on fire"):
        write_export(tmp_path / "failed.xlsx", [nanjing_report], made_at=MADE_AT)
    assert gc.isenabled()


# --- the column widths and row heights ---------------------------------------------------------


def test_widths_and_heights_are_those_of_every_cell_measured(tmp_path):
    """A column is as wide as its widest text or figure (measured once per distinct one), a
    row with wrapped text as tall as its cell of most lines: what measuring every cell
    gives."""
    import xlsxwriter

    from ipkpi.output.textwidth import display_width
    from ipkpi.output.xlsx import LINE_HEIGHT, Formats, Sheet, lines_needed

    workbook = xlsxwriter.Workbook(str(tmp_path / "w.xlsx"), {"in_memory": True})
    formats = Formats(workbook)
    wrap, plain = formats.get(text_wrap=True), formats.get()
    sheet = Sheet(workbook, "s", formats)
    rows = [
        ("测试000市", "p000.t001", None, "短"),
        ("测试000市", "p000.t002", "一行\n两行\n三行", "长长长长长长长长长长长长长长长长长长"),
        ("Nanjing", "p000.t001", "x" * 50, ""),
    ]
    for r, texts in enumerate(rows):
        sheet.texts(r, 0, texts, wrap)
        sheet.number(r, 4, [1234.5, 7, 0.125][r], plain)
        sheet.number(r, 5, [2021, 2022, None][r], plain, "2025")
    sheet.text(3, 0, "一个很长很长很长很长很长的标题", plain, measure=False)
    sheet.text(4, 3, "末行", wrap)
    limits = {0: 10, 2: 12, 3: 8}
    sheet.fit_columns(limits)
    sheet.fit_rows()

    def width(text):
        return max(display_width(line) for line in text.splitlines() or [""])

    cells = {c: [width(t or "") for t, *_ in [(row[c],) for row in rows]] for c in range(4)}
    cells[3].append(width("末行"))
    cells[4] = [len("1,234.50"), len("7.00"), len("0.12")]
    cells[5] = [len("2025")] * 2
    expected = {c: min(max(max(w) + 2, 6), limits.get(c, 40)) for c, w in cells.items()}
    assert sheet.set_widths == expected
    heights = {}
    for r, texts in enumerate([*rows, (None, None, None, None)]):
        wrapped = [(t, expected[c]) for c, t in enumerate(texts) if t]
        if r == 4:
            wrapped = [("末行", expected[3])]
        most = max((lines_needed(t, w) for t, w in wrapped), default=1)
        if most > 1:
            heights[r] = LINE_HEIGHT * most
    workbook.close()
    written = load_workbook(tmp_path / "w.xlsx")["s"].row_dimensions
    assert {r - 1: d.height for r, d in written.items() if d.height is not None} == heights
    assert heights  # the test has rows that wrap


# --- English ----------------------------------------------------------------------------------


def test_export_in_english(runner, in_tmp, sample_db):
    result = run(
        runner,
        "export",
        "--city",
        "nanjing",
        "--lang",
        "en",
        "--as-of",
        "2024",
        "-o",
        "en.xlsx",
        "--db",
        str(sample_db),
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "wrote en.xlsx: 6 sheets (Summary, Nanjing, Nanjing detail, Nanjing tasks, Trends, Data), "
        "15 charts\n"
    )
    wb = load_workbook(in_tmp / "en.xlsx")
    assert wb.sheetnames == [
        "Summary",
        "Nanjing",
        "Nanjing detail",
        "Nanjing tasks",
        "Trends",
        "Data",
    ]
    ws = wb["Nanjing"]
    assert [c.value for c in ws[4]][:3] == ["Category", "Indicator", "Unit"]
    assert ws["B5"].value == "High-value invention patents per 10,000 residents"
    assert ws["M5"].value == "achieved"
    assert wb["Data"]["B4"].value == "Target ID"


# --- usage errors -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "output", "message"),
    [
        (
            ["--all", "-o", "summary.csv"],
            "summary.csv",
            "Error[E-USAGE-VALUE]: Invalid value for --output: summary.csv: the workbook must be "
            "an .xlsx file",
        ),
        (
            ["-o", "summary.xlsx"],
            "summary.xlsx",
            "Error[E-USAGE-VALUE]: Invalid value for --city: give --city (one or more) or --all",
        ),
        (
            ["--all", "--city", "nanjing", "-o", "summary.xlsx"],
            "summary.xlsx",
            "Error[E-USAGE-VALUE]: Invalid value for --city: give --city (one or more) or --all",
        ),
        (
            ["--city", "x", "-o", "summary.xlsx"],
            "summary.xlsx",
            "Error[E-CITY-UNKNOWN]: unknown city 'x'; "
            "known: guizhou (贵州省), nanjing (南京市), shanxi (山西省), shijiazhuang (石家庄市), zhangzhou (漳州市)",
        ),
        (
            ["--all", "-o", "nowhere/summary.xlsx"],
            "nowhere/summary.xlsx",
            "Error[E-OUTPUT-NO-FOLDER]: -o: no folder nowhere for summary.xlsx",
        ),
    ],
    ids=["not-xlsx", "no-city", "city-and-all", "unknown-city", "no-folder"],
)
def test_usage_errors_exit_2_and_write_nothing(runner, in_tmp, sample_db, args, output, message):
    result = run(runner, "export", *args, "--as-of", "2024", "--db", str(sample_db), "--lang", "en")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == message
    assert not (in_tmp / output).exists()
    assert os.listdir(in_tmp) == []


def test_no_store_is_a_usage_error(runner, in_tmp):
    result = run(runner, "export", "--all", "-o", "summary.xlsx", "--db", "nope.db", "--lang", "en")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error[E-STORE-NONE]: nope.db: no store here; ingest statistics first "
        "(ipkpi ingest FILES --db FILE) or name the store with --db\n"
    )
    assert os.listdir(in_tmp) == []


def test_an_output_that_is_a_folder_is_a_usage_error(runner, in_tmp, sample_db):
    (in_tmp / "summary.xlsx").mkdir()
    result = runner.invoke(
        app,
        ["export", "--all", "-o", "summary.xlsx", "--as-of", "2024", "--db", str(sample_db)],
        env={"IPKPI_LANG": "en"},
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "Error[E-OUTPUT-IS-FOLDER]: -o: summary.xlsx is a folder, not a workbook\n"
    )
    assert os.listdir(in_tmp) == ["summary.xlsx"]
