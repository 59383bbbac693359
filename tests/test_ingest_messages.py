"""What ingest says about a workbook's values, in Chinese: the default language, and the
words a department reads in the comments of its rejected workbook. One case per message
of reading a table (its header, each value, its unit, its place and year, a figure that
breaks its series); the same problems are asserted in English in ``test_ingest_errors``,
``test_ingest_context`` and ``test_ingest``."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_cells, write_workbook

from ipkpi.catalogue.loader import load_catalogue
from ipkpi.errors import InputFileError, InputProblem
from ipkpi.ingest.ingester import parse_file
from ipkpi.ingest.layouts import read_tables
from ipkpi.ingest.reading import read_file
from ipkpi.ingest.report import FileReport, IngestOptions

N = "万人高价值发明专利拥有量"  # nanjing, 件
HEADER = ["城市", "指标", "年份", "数值", "单位"]
SHEET = "数据"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def long_table(name: str, **change: object) -> Path:
    """A long table of Nanjing (rows 2 and 3: 2023 and 2024) with the 2024 row changed."""
    row = dict(zip(HEADER, ["南京市", N, 2024, 71.21, "件"], strict=True))
    row.update(change)
    return write_workbook(
        Path(name), [HEADER, ["南京市", N, 2023, 60.86, "件"], list(row.values())], SHEET
    )


def said(path: Path, catalogue, **options) -> tuple[list[str], list[str]]:
    """(the problems, the warnings) of ingesting ``path``, in Chinese."""
    report = FileReport(path, "rejected")
    try:
        parse_file(path, catalogue, IngestOptions(**options), report)
    except InputFileError as exc:
        return [p.text("zh") for p in exc.problems], []
    warnings = [w.text("zh") if hasattr(w, "text") else w for w in report.warnings]
    return [p.text("zh") for p in report.problems], warnings


# --------------------------------------------------------------------------- one value


VALUES = {
    "not-a-year": (
        {"年份": "二〇二四"},
        "C3：“二〇二四”不是年份",
    ),
    "no-indicator": ({"指标": None}, "B3：这个数值没有指标名称"),
    "no-place": ({"城市": None}, "A3：这一行有数值，但“地区/城市”单元格是空的：请填写"),
    "not-a-number": (
        {"数值": "12件左右"},
        "D3：“12件左右”不是数字（万人高价值发明专利拥有量，2024年）",
    ),
    "beyond-a-float": (
        {"数值": "1e999"},
        "D3：“1e999”超出了可以计算的范围（超过±1.8e308）（万人高价值发明专利拥有量，2024年）"
        "；请核对数字",
    ),
    "year-outside": (
        {"年份": 2030},
        "C3：2030年不在南京市任何一个规划的年份范围内（2021–2025年）",
    ),
    "negative": (
        {"数值": -5},
        "D3：“万人高价值发明专利拥有量”的数值-5（件）是负数，而它不可能是负数",
    ),
    "percent": (
        {"数值": "71.21%"},
        "D3：单元格里是百分数，但“万人高价值发明专利拥有量”的单位是件",
    ),
    "unknown-unit": (
        {"单位": "打"},
        "E3：“万人高价值发明专利拥有量”的单位“打”无法识别：请把单位写成件，或能换算成件的单位",
    ),
    "incompatible-unit": (
        {"单位": "项"},
        "E3：项（项数）无法换算成件（件数）：“万人高价值发明专利拥有量”按件计；"
        '如果规划把项算作件，请在目标目录中该目标下加上 unit_aliases = ["项"]',
    ),
    "cell-unit-conflict": (
        {"数值": "71.21万件"},
        "D3：单位不一致：单元格里写的是万件，单位列写的是件（E3）：请改成一致",
    ),
    "unit-conflict": (
        {"指标": f"{N}(万件)"},
        "D3：单位不一致：单位列写的是件（E3），指标名称写的是万件（B3）：请改成一致",
    ),
    "share-over-100": (
        {"指标": "专利密集型产业增加值占GDP比重", "数值": 186, "单位": "%"},
        "D3：“专利密集型产业增加值占GDP比重”2024年为186%：比例不能超过100%；"
        "请核对数字和单位（是不是‰、个百分点或一个数量？）",
    ),
    "not-whole": (
        {"指标": "集成电路布图设计登记量", "数值": 12.5},
        "D3：“集成电路布图设计登记量”2024年的12.5 件不是整数，但它按件计数："
        "请改正数字，或写明表格的单位（单位：…）",
    ),
}


@pytest.mark.parametrize("case", list(VALUES))
def test_a_bad_value_in_chinese(in_tmp, catalogue, case):
    change, message = VALUES[case]
    problems, _ = said(long_table(f"{case}.xlsx", **change), catalogue)
    assert problems == [f"{case}.xlsx › 数据 › {message}"]


def test_a_value_out_of_range_once_converted_in_chinese(in_tmp, catalogue):
    problems, _ = said(long_table("far.xlsx", 数值=1e305, 单位="万件"), catalogue)
    assert problems == [
        "far.xlsx › 数据 › D3：“万人高价值发明专利拥有量”2024年的1e+305 万件换算成件后"
        "超出了可以计算的范围（超过±1.8e308）：请核对数字和单位"
    ]


def test_a_figure_a_power_of_ten_beyond_nineteen_is_said_too(in_tmp, catalogue):
    path = long_table("huge.xlsx", 指标="知识产权交易总额", 数值=1e308, 单位="亿元")
    problems, _ = said(path, catalogue)
    assert len(problems) == 1
    assert "10³⁰⁶" in problems[0]


def test_a_footnote_mark_is_a_warning_in_chinese(in_tmp, catalogue):
    problems, warnings = said(long_table("mark.xlsx", 数值="71.21*"), catalogue)
    assert problems == []
    assert warnings == [
        "mark.xlsx › 数据 › D3：71.21后面有注释符号“*”，已作为2024年的数值保存；请看工作表中的注释"
    ]


def test_target_ids_in_chinese(in_tmp, catalogue):
    rows = [
        ["城市", "指标代码", "指标", "年份", "数值"],
        ["南京市", "no_such_target", N, 2024, 1],
        ["南京市", "ip_trade_total", "万人版权登记量", 2024, 1],
    ]
    problems, _ = said(write_workbook(Path("ids.xlsx"), rows, SHEET), catalogue)
    assert problems == [
        "ids.xlsx › 数据 › B2：nanjing没有编号为“no_such_target”的目标",
        "ids.xlsx › 数据 › C3：编号“ip_trade_total”是“知识产权交易总额”，但这一行写的指标是"
        "“万人版权登记量”（copyright_registrations_per_10k）；请改正编号或指标名称",
    ]


# --------------------------------------------------------------------------- the table


def one_sheet(name: str, cells: dict[str, object]) -> Path:
    return write_cells(Path(name), {SHEET: cells})


TABLES = {
    "no-header": (
        {"A1": "地方", "B1": "名目", "A2": "南京市", "B2": 3},
        "数据：找不到表头：前30行中应有一行写明指标列（指标、指标名称或项目）和年份（2021、2021年），"
        "或写明“年份”和“数值”两列",
    ),
    "no-place": (
        {"A1": "指标", "B1": "2023年", "A2": N, "B2": 60.86},
        "数据：看不出这些数据是哪个地方的：请加一列“城市”，或在标题或文件名中写明地方，"
        "或用 --city 指定",
    ),
    "no-year": (
        {"A1": "南京市知识产权指标", "A2": "指标", "B2": "数值", "A3": N, "B3": 60.86},
        "数据：看不出这张工作表是哪一年的数据：请在工作表名称、标题行（如“南京市2023年…”）"
        "或文件名中写明年份，或用 --year 指定",
    ),
    "date-header": (
        {"A1": "南京市", "A2": "指标", "B2": "2023-06-30", "A3": N, "B3": 60.86},
        "数据 › B2：表头“2023-06-30”是一个日期，但不是年末：ipkpi 只读取年度数字；"
        "如果这一列是全年数字，请把表头写成年份（如2023）",
    ),
    "year-twice": (
        {"A1": "南京市", "A2": "指标", "B2": "2023", "C2": "2023年", "A3": N, "B3": 1, "C3": 2},
        "数据 › C2：2023年出现在两列的表头中（B2和C2）：每个年份只能有一列；"
        "并排的两张表格各需要自己的“指标”列",
    ),
    "no-annual": (
        {"A1": "南京市2024年", "A2": "指标", "B2": "1-3月", "C2": "1-6月", "A3": N, "B3": 1},
        "数据 › B2：这是月度或季度工作表，没有“1-12月”或“全年”列：没有哪一列是全年数字；"
        "请导入有全年数字（1-12月）的那张工作表",
    ),
    "running-total": (
        {"A1": "南京市2024年", "A2": "指标", "B2": "本年累计", "A3": N, "B3": 1},
        "数据 › B2：“本年累计”是没有写明时期的工作表里的累计数，不是全年数字："
        "请导入12月（1-12月）的工作表，或在标题中写明“1-12月”",
    ),
    "running-total-part": (
        {"A1": "南京市2024年1-9月", "A2": "指标", "B2": "本年累计", "A3": N, "B3": 1},
        "数据 › B2：“本年累计”是只含一年中部分月份的工作表里的累计数，不是全年数字："
        "请导入12月（1-12月）的工作表，或在标题中写明“1-12月”",
    ),
    "no-indicator": (
        {"A1": "城市", "B1": "2023", "A2": "南京市", "B2": 1},
        "数据 › A1：这张按地区和年份排列的表格没有写明指标：请加一列“指标”，"
        "或把指标横排（每个指标一列）",
    ),
    "unit-line-unknown": (
        {"A1": "南京市2024年 单位：打", "A2": "指标", "B2": "数值", "A3": N, "B3": 1},
        "数据 › B3：单位行中的单位“打”无法识别（A1）：请写成件、万件、万元、亿元或%等单位，"
        "或在“单位”列中写明每一行的单位",
    ),
    "unit-line-several": (
        {"A1": "南京市2024年 单位：件、万元", "A2": "指标", "B2": "数值", "A3": N, "B3": 1},
        "数据 › B3：单位行“件、万元”写了几个单位（件、万元）（A1）：请只写一个单位，"
        "或在“单位”列中写明每一行的单位",
    ),
    "unit-above-several": (
        {
            "A1": "南京市2024年",
            "B1": "单位：件",
            "C1": "单位：万元",
            "A2": "指标",
            "B2": "数值",
            "A3": N,
            "B3": 1,
        },
        "数据 › B3：表格上方的文字写了几个单位（万元、件）（B1）：请只写一个单位，"
        "或在“单位”列中写明每一行的单位",
    ),
}


@pytest.mark.parametrize("case", list(TABLES))
def test_a_table_that_cannot_be_read_in_chinese(in_tmp, catalogue, case):
    cells, message = TABLES[case]
    problems, _ = said(one_sheet(f"{case}.xlsx", cells), catalogue)
    assert problems == [f"{case}.xlsx › {message}"]


def test_a_layout_the_header_does_not_have_in_chinese(in_tmp, catalogue):
    path = one_sheet("wide.xlsx", {"A1": "南京市", "A2": "指标", "B2": "2023", "A3": N, "B3": 1})
    problems, _ = said(path, catalogue, layout="long")
    assert problems == ["wide.xlsx › 数据 › A2：--layout long：表头中没有“年份”列和“数值”列"]


def test_a_unit_line_beside_only_one_table_in_chinese(in_tmp, catalogue):
    cells = {
        "A1": "南京市2024年",
        "D1": "单位：件",
        "A2": "指标",
        "B2": "数值",
        "D2": "指标",
        "E2": "数值",
        "A3": N,
        "B3": 1,
        "D3": N,
        "E3": 2,
    }
    problems, _ = said(one_sheet("beside.xlsx", cells), catalogue)
    assert problems[0] == (
        "beside.xlsx › 数据 › B3：旁边那张表格上方有单位行，这张表格上方却没有（A2）："
        "请在这张表格上方也写“单位：…”，或在“单位”列中写明每一行的单位"
    )


def test_columns_of_part_of_the_year_are_passed_over_with_a_note_in_chinese(in_tmp):
    cells = {"A1": "南京市2024年", "A2": "指标", "B2": "1-3月", "C2": "1-12月", "A3": N, "B3": 1}
    path = one_sheet("monthly.xlsx", cells)
    problems: list[InputProblem] = []
    [table] = read_tables(read_file(path)[0], path.name, problems, path)
    assert problems == []
    assert [n.text("zh") for n in table.notes] == [
        "B2（1-3月）已跳过：只是一年中的一部分；只有“1-12月”或“全年”列才是全年数字"
    ]
    assert [n.text("en") for n in table.notes] == [
        "B2 (1-3月) passed over: part of a year; only a 1-12月 or 全年 column is the year's figure"
    ]


# --------------------------------------------------------------------------- a figure that breaks its series


def test_a_figure_ten_thousand_times_larger_in_chinese(in_tmp, catalogue):
    rows = [["指标", "2022年", "2023年", "2024年"], [N, 50.5, 60.86, 712100]]
    problems, _ = said(write_workbook(Path("南京市.xlsx"), rows, SHEET), catalogue)
    assert problems == [
        "南京市.xlsx › 数据 › D2：2024年的712100 件（相邻的数字：60.86 件（2023年））："
        "约是它们的10⁴倍，可能是单位或数量级写错了；请核对工作表的单位；"
        "如果数字无误，请用 --accept 数据!D2 确认，或在该行“备注”列中写“核实无误”"
    ]


def test_a_figure_a_hundred_times_smaller_in_chinese(in_tmp, catalogue):
    rows = [["指标", "2022年", "2023年", "2024年"], [N, 50.5, 0.6086, 71.21]]
    problems, _ = said(write_workbook(Path("南京市.xlsx"), rows, SHEET), catalogue)
    assert problems == [
        "南京市.xlsx › 数据 › C2：2023年的0.6086 件（相邻的数字：50.5 件（2022年）和71.21 件"
        "（2024年））：只有它们的100分之一左右，可能是单位或数量级写错了；请核对工作表的单位；"
        "如果数字无误，请用 --accept 数据!C2 确认，或在该行“备注”列中写“核实无误”"
    ]


def test_a_share_written_as_a_fraction_in_chinese(in_tmp, catalogue):
    name = "专利密集型产业增加值占GDP比重"
    rows = [["指标", "2022年", "2023年"], [name, 15.2, 0.162]]
    problems, _ = said(write_workbook(Path("南京市.xlsx"), rows, SHEET), catalogue)
    assert problems == [
        "南京市.xlsx › 数据 › C2：2023年的0.162 %（相邻的数字：15.2 %（2022年））："
        "是不是把百分比写成了小数？请写成16.2或16.2%"
    ]
