"""Values no report can use never get in: a figure that is not finite once converted to its
target's unit, a claim beyond any claim, a formula with no computed value, a hidden sheet.

Every input is built here in a temp folder, one defect each. A case asserts the exact
located ``Error:``/``Warning:`` lines, the exit status, and that the store is exactly as
it was before the rejected file.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import write_workbook
from test_rewards import SIMPLIFIED, row
from test_run import GUIZHOU_WARNING_LINE, log_lines, site  # noqa: F401 (site: a fixture)

from ipkpi.cli.app import app
from ipkpi.store.sqlite import SQLiteStore

DB = "store.db"
SHEET = "数据"
IC = "集成电路布图设计登记量"  # nanjing: ic_layout_design_registrations_total, 件


def ingest(runner, *args: str, lang: str = "en"):
    """``ipkpi ingest ARGS``, in English unless ``lang`` says otherwise."""
    return runner.invoke(app, ["ingest", *args, "--db", DB], env={"IPKPI_LANG": lang})


def stored() -> list:
    if not Path(DB).exists():
        return []
    with SQLiteStore(Path(DB)) as store:
        return store.observations(history=True)


def single(name: str, value: object, unit_line: str = "单位：件") -> Path:
    """Nanjing's 2023 table: a title, a unit line, 指标 | 数值, one row."""
    rows = [["南京市2023年知识产权主要指标"], [unit_line], ["指标", "数值"], [IC, value]]
    return write_workbook(Path(name), rows, SHEET)


@pytest.fixture
def before(in_tmp, runner):
    """A store holding one good file: what a rejected file must leave as it was."""
    result = ingest(runner, str(single("good.xlsx", 2500)))
    assert result.exit_code == 0, result.output
    return stored()


def rejected(result, name: str, errors: list, before: list) -> None:
    """Rejected with ``errors``: each ``(code, text)``, ``Error[code]: text``; or a text
    alone, of a value-level message (converted apart): any code."""
    assert result.exit_code == 1, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == len(errors), lines
    for line, error in zip(lines, errors, strict=True):
        if isinstance(error, tuple):
            assert line == f"Error[{error[0]}]: {error[1]}"
        else:
            assert re.fullmatch(r"Error\[E(-[A-Z0-9]+)+\]: " + re.escape(error), line), line
    assert f"rejected  {name}: {len(errors)} problem(s), nothing stored" in result.stdout
    assert stored() == before


# --- finite numbers only --------------------------------------------------------------------


def test_a_figure_that_overflows_on_conversion_is_refused(runner, before):
    # 1e308 万件 is 1e312 件: beyond any float, it would be stored as inf.
    result = ingest(runner, str(single("big.xlsx", 1e308, "单位：万件")))
    rejected(
        result,
        "big.xlsx",
        [
            f"big.xlsx › 数据 › B4: 1e+308 万件 for {IC} (2023) is out of range once converted "
            "to 件 (beyond ±1.8e308): check the figure and its unit (单位)"
        ],
        before,
    )


def test_a_negative_figure_that_overflows_on_conversion_is_refused(runner, before):
    result = ingest(runner, str(single("small.xlsx", -1e308, "单位：万件")))
    rejected(
        result,
        "small.xlsx",
        [
            f"small.xlsx › 数据 › B4: -1e+308 万件 for {IC} (2023) is out of range once "
            "converted to 件 (beyond ±1.8e308): check the figure and its unit (单位)"
        ],
        before,
    )


NOT_FINITE = "is not a figure (infinite or not a number)"
FIX = "write the figure, or — if it is missing"


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("inf", f"'inf' {NOT_FINITE} ({IC}, 2023): {FIX}"),
        ("-inf", f"'-inf' {NOT_FINITE} ({IC}, 2023): {FIX}"),
        ("Infinity", f"'Infinity' {NOT_FINITE} ({IC}, 2023): {FIX}"),
        ("nan", f"'nan' {NOT_FINITE} ({IC}, 2023): {FIX}"),
        ("NaN", f"'NaN' {NOT_FINITE} ({IC}, 2023): {FIX}"),
        ("1e400", f"'1e400' is out of range (beyond ±1.8e308) ({IC}, 2023): check the figure"),
        ("-1e400", f"'-1e400' is out of range (beyond ±1.8e308) ({IC}, 2023): check the figure"),
    ],
)
def test_a_csv_value_that_is_not_finite_is_refused(runner, before, text, error):
    Path("bad.csv").write_text(f"指标,数值\n{IC},{text}\n", encoding="utf-8")
    result = ingest(runner, "bad.csv", "--city", "nanjing", "--year", "2023")
    rejected(result, "bad.csv", [f"bad.csv › B2: {error}"], before)


@pytest.mark.parametrize("text", ["inf", "nan", "1e400"])
def test_a_workbook_text_cell_that_is_not_finite_is_refused(runner, before, text):
    result = ingest(runner, str(single("text.xlsx", text)))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error[E-VALUE-NOT-NUMBER]: text.xlsx › 数据 › B4: '{text}' ")
    assert stored() == before


# --- claims: a count or amount beyond any claim ---------------------------------------------


@pytest.mark.parametrize(
    ("claim", "message"),
    [
        pytest.param(
            row("丁银行", "银行", "(十)", 2024, loan_loss=1e308),
            "[E-CLAIM-TOO-LARGE]: claims.xlsx › Sheet1 › "
            "L2: 貸款本金損失 (loan_loss): 1e+308 is too large for a claim (10¹² or more): "
            "check the figure and its unit",
            id="amount-1e308",
        ),
        pytest.param(
            row("丁银行", "银行", "(十)", 2024, loan_loss="1e308万元"),
            "[E-CLAIM-TOO-LARGE]: claims.xlsx › Sheet1 › "
            "L2: 貸款本金損失 (loan_loss): 1e+308 is too large for a claim (10¹² or more): "
            "check the figure and its unit",
            id="amount-1e308-as-text",
        ),
        pytest.param(
            # was a traceback: int(1e308) × an amount per patent overflows decimal arithmetic
            row("乙大学", "高校", "(七)", 2024, patents_transferred=1e308),
            "[E-CLAIM-TOO-LARGE]: claims.xlsx › Sheet1 › "
            "J2: 向漳州市企業轉讓發明專利 (patents_transferred): 1e+308 is too large for a "
            "claim (10¹² or more): check the figure and its unit",
            id="count-1e308",
        ),
        pytest.param(
            row("丁银行", "银行", "(十)", 2024, loan_loss="nan"),
            "[E-CLAIM-NOT-NUMBER]: claims.xlsx › Sheet1 › "
            f"L2: 貸款本金損失 (loan_loss): 'nan' {NOT_FINITE}: {FIX}",
            id="amount-nan",
        ),
    ],
)
def test_a_claim_beyond_any_claim_is_refused(runner, in_tmp, claim, message):
    write_workbook(in_tmp / "claims.xlsx", [SIMPLIFIED, claim])
    args = ["rewards", "--city", "zhangzhou", "claims.xlsx", "-o", "o.xlsx", "--lang", "en"]
    result = runner.invoke(app, args)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error{message}\n"
    assert not (in_tmp / "o.xlsx").exists()


def test_a_claim_just_below_the_bound_is_worked_out(runner, in_tmp):
    write_workbook(
        in_tmp / "claims.xlsx", [SIMPLIFIED, row("丁银行", "银行", "(十)", 2024, loan_loss=1e11)]
    )
    result = runner.invoke(app, ["rewards", "--city", "zhangzhou", "claims.xlsx", "-f", "json"])
    assert result.exit_code == 0, result.output


# --- hidden and very hidden sheets ----------------------------------------------------------


def hidden_book(name: str) -> Path:
    """A visible 2024 sheet, a hidden 2023 sheet and a very hidden 2022 sheet (openpyxl
    writes workbook.xml's <sheet state="hidden|veryHidden">)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    for index, (title, year, value, state) in enumerate(
        [
            ("2024", 2024, 2500, "visible"),
            ("隐藏表", 2023, 2400, "hidden"),
            ("VH", 2022, 2300, "veryHidden"),
        ]
    ):
        sheet = workbook.active if index == 0 else workbook.create_sheet()
        sheet.title = title
        sheet.sheet_state = state
        for line in ([f"南京市{year}年知识产权指标"], ["指标", "数值"], [IC, value]):
            sheet.append(line)
    workbook.save(name)
    return Path(name)


def values() -> dict[int, float]:
    return {o.year: o.value for o in stored()}


def test_hidden_sheets_are_passed_over_with_a_warning(runner, in_tmp):
    result = ingest(runner, str(hidden_book("h.xlsx")))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "Warning[W-SHEET-HIDDEN]: h.xlsx: sheet '隐藏表' is hidden: passed over; ingest it with "
        "--include-hidden",
        "Warning[W-SHEET-VERY-HIDDEN]: h.xlsx: sheet 'VH' is very hidden: passed over; ingest it "
        "with --include-hidden",
    ]
    assert values() == {2024: 2500}


def test_hidden_sheets_are_passed_over_with_a_warning_in_chinese(runner, in_tmp):
    result = ingest(runner, str(hidden_book("h.xlsx")), "--dry-run", lang="zh")
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "警告[W-SHEET-HIDDEN]：h.xlsx：工作表“隐藏表”是隐藏的工作表：已跳过；如需导入，请加 "
        "--include-hidden",
        "警告[W-SHEET-VERY-HIDDEN]：h.xlsx：工作表“VH”是深度隐藏的工作表：已跳过；如需导入，"
        "请加 --include-hidden",
    ]


def test_include_hidden_reads_every_sheet(runner, in_tmp):
    result = ingest(runner, str(hidden_book("h.xlsx")), "--include-hidden")
    assert (result.exit_code, result.stderr) == (0, "")
    assert values() == {2022: 2300, 2023: 2400, 2024: 2500}


def test_a_hidden_sheet_named_by_sheet_is_read(runner, in_tmp):
    result = ingest(runner, str(hidden_book("h.xlsx")), "--sheet", "隐藏表")
    assert (result.exit_code, result.stderr) == (0, "")
    assert values() == {2023: 2400}


def test_a_dry_run_says_which_sheets_are_hidden(runner, in_tmp):
    result = ingest(runner, str(hidden_book("h.xlsx")), "--dry-run")
    assert result.exit_code == 0
    assert "Warning[W-SHEET-HIDDEN]: h.xlsx: sheet '隐藏表' is hidden" in result.stderr
    assert not Path(DB).exists()


def test_a_run_passes_hidden_sheets_over_and_logs_it(site, monkeypatch):  # noqa: F811
    monkeypatch.setenv("IPKPI_LANG", "en")
    hidden_book(str(site.inbox / "h.xlsx"))
    lines = log_lines(site.run(expect=0).stderr)
    assert GUIZHOU_WARNING_LINE in lines
    assert [line for line in lines if "h.xlsx" in line] == [
        "WARNING inbox/h.xlsx: sheet '隐藏表' is hidden: passed over; ingest it with "
        "--include-hidden",
        "WARNING inbox/h.xlsx: sheet 'VH' is very hidden: passed over; ingest it with "
        "--include-hidden",
    ]


# --- formulas with no computed value ----------------------------------------------------------

UNCOMPUTED = (
    "the file was saved by a program that does not compute formulas; open it in Excel or WPS "
    "and save it, or type the values"
)


def test_a_value_formula_with_no_computed_value_is_refused(runner, before):
    # openpyxl writes <f>1250*2</f><v /> and computes nothing: calamine reads an empty cell.
    result = ingest(runner, str(single("f.xlsx", "=1250*2")))
    rejected(
        result,
        "f.xlsx",
        [
            (
                "E-FORMULA-UNCOMPUTED",
                f"f.xlsx › 数据 › B4: formula =1250*2 has no computed value: {UNCOMPUTED}",
            )
        ],
        before,
    )
    result = ingest(runner, "f.xlsx", lang="zh")
    assert result.stderr.splitlines() == [
        "错误[E-FORMULA-UNCOMPUTED]：f.xlsx › 数据 › B4：公式 =1250*2 没有计算结果："
        "保存此文件的程序不计算公式；请用 Excel 或 WPS 打开后保存，或直接填入数值"
    ]


def test_an_xlsxwriter_formula_with_an_empty_value_is_refused(runner, before):
    import xlsxwriter

    workbook = xlsxwriter.Workbook("x.xlsx")
    sheet = workbook.add_worksheet(SHEET)
    for r, line in enumerate([["南京市2023年知识产权主要指标"], ["单位：件"], ["指标", "数值"]]):
        sheet.write_row(r, 0, line)
    sheet.write(3, 0, IC)
    sheet.write_formula(3, 1, "=SUM(C4:D4)", None, "")  # <f>SUM(C4:D4)</f><v></v>
    workbook.close()
    result = ingest(runner, "x.xlsx")
    rejected(
        result,
        "x.xlsx",
        [
            (
                "E-FORMULA-UNCOMPUTED",
                f"x.xlsx › 数据 › B4: formula =SUM(C4:D4) has no computed value: {UNCOMPUTED}",
            )
        ],
        before,
    )


def test_year_headings_that_are_formulas_with_no_value_are_refused(runner, before):
    rows = [["南京市知识产权指标"], ["指标", 2021, *(f"={c}2+1" for c in "BCDEFGH")], [IC, 2500]]
    result = ingest(runner, str(write_workbook(Path("years.xlsx"), rows, SHEET)))
    rejected(
        result,
        "years.xlsx",
        [
            (
                "E-FORMULA-UNCOMPUTED",
                "years.xlsx › 数据 › C2: formula =B2+1 has no computed value (and 6 more: D2, "
                f"E2, F2, G2, H2, …): {UNCOMPUTED}",
            )
        ],
        before,
    )
    result = ingest(runner, "years.xlsx", lang="zh")
    assert result.stderr.splitlines() == [
        "错误[E-FORMULA-UNCOMPUTED]：years.xlsx › 数据 › C2：公式 =B2+1 没有计算结果"
        "（另有6个：D2、E2、F2、G2、H2、…）：保存此文件的程序不计算公式；"
        "请用 Excel 或 WPS 打开后保存，或直接填入数值"
    ]


def test_a_formula_with_its_computed_value_is_read(runner, in_tmp):
    import xlsxwriter

    workbook = xlsxwriter.Workbook("ok.xlsx")
    sheet = workbook.add_worksheet(SHEET)
    for r, line in enumerate([["南京市2023年知识产权主要指标"], ["单位：件"], ["指标", "数值"]]):
        sheet.write_row(r, 0, line)
    sheet.write(3, 0, IC)
    sheet.write_formula(3, 1, "=1250*2", None, 2500)  # as Excel saves it: <v>2500</v>
    workbook.close()
    result = ingest(runner, "ok.xlsx")
    assert (result.exit_code, result.stderr) == (0, "")
    assert values() == {2023: 2500}


def test_a_formula_on_a_hidden_sheet_passed_over_does_not_matter(runner, in_tmp):
    import openpyxl

    path = hidden_book("h.xlsx")
    workbook = openpyxl.load_workbook(path)
    workbook["隐藏表"]["B3"] = "=1200*2"
    workbook.save(path)
    result = ingest(runner, str(path))
    assert result.exit_code == 0, result.output
    assert values() == {2024: 2500}


def test_a_claims_formula_with_no_computed_value_is_refused(runner, in_tmp):
    claim = row("丁银行", "银行", "(十)", 2024, loan_loss="=10*2")
    write_workbook(in_tmp / "claims.xlsx", [SIMPLIFIED, claim])
    result = runner.invoke(
        app,
        ["rewards", "--city", "zhangzhou", "claims.xlsx", "-o", "o.xlsx"],
        env={"IPKPI_LANG": "en"},
    )
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error[E-FORMULA-UNCOMPUTED]: claims.xlsx › Sheet1 › L2: formula =10*2 has no computed "
        f"value: {UNCOMPUTED}\n"
    )
    assert not (in_tmp / "o.xlsx").exists()


@pytest.mark.parametrize(
    ("xml", "found"),
    [
        pytest.param(b'<c r="B4"><f>A1*2</f><v /></c>', {(3, 1): "=A1*2"}, id="openpyxl"),
        pytest.param(b'<c r="B4"><f>A1*2</f><v></v></c>', {(3, 1): "=A1*2"}, id="xlsxwriter"),
        pytest.param(b'<c r="B4" s="3"><f>A1*2</f></c>', {(3, 1): "=A1*2"}, id="no-v"),
        pytest.param(b'<c r="C9"><f t="shared" si="0"/></c>', {(8, 2): ""}, id="shared"),
        pytest.param(
            b'<x:c r="B4"><x:f>IF(A1&gt;0,1,2)</x:f></x:c>', {(3, 1): "=IF(A1>0,1,2)"}, id="prefix"
        ),
        pytest.param(b'<c r="B4"><f>A1*2</f><v>10</v></c>', {}, id="computed"),
        pytest.param(b'<c r="B4" t="str"><f>IF(A1,"","x")</f><v></v></c>', {}, id="empty-text"),
        pytest.param(b'<c r="A4"/><c r="B4"><v>5</v></c>', {}, id="no-formula"),
    ],
)
def test_the_archive_scan_finds_formulas_with_no_value(xml, found):
    from ipkpi.ingest.marks import _uncomputed

    assert _uncomputed(b"<sheetData><row>" + xml + b"</row></sheetData>") == found


def test_a_run_rejects_a_workbook_with_formulas_with_no_value(site, monkeypatch):  # noqa: F811
    monkeypatch.setenv("IPKPI_LANG", "en")
    single(str(site.inbox / "f.xlsx"), "=1250*2")
    lines = log_lines(site.run(expect=1).stderr)
    assert (
        "WARNING rejected inbox/f.xlsx: 1 problem(s), moved to inbox/rejected/f.xlsx; first: "
        f"f.xlsx › 数据 › B4: formula =1250*2 has no computed value: {UNCOMPUTED}" in lines
    )
    assert lines[-1] == (
        "ERROR   Error[E-RUN-REJECTED]: 1 file(s) rejected, moved to inbox/rejected: inbox/f.xlsx"
    )
    assert (site.inbox / "rejected" / "f.xlsx").exists()
