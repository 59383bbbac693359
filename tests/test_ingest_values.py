"""Values no report can use never get in: a figure that is not finite once converted to its
target's unit, a claim beyond any claim, a formula with no computed value, a hidden sheet.

Every input is built here in a temp folder, one defect each. A case asserts the exact
located ``Error:``/``Warning:`` lines, the exit status, and that the store is exactly as
it was before the rejected file.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_workbook
from test_rewards import SIMPLIFIED, row

from ipkpi.cli.app import app
from ipkpi.store.sqlite import SQLiteStore

DB = "store.db"
SHEET = "数据"
IC = "集成电路布图设计登记量"  # nanjing: ic_layout_design_registrations_total, 件


def ingest(runner, *args: str):
    return runner.invoke(app, ["ingest", *args, "--db", DB])


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


def rejected(result, name: str, errors: list[str], before: list) -> None:
    assert result.exit_code == 1, result.stdout + result.stderr
    assert result.stderr.splitlines() == [f"Error: {e}" for e in errors]
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
    assert result.stderr.startswith(f"Error: text.xlsx › 数据 › B4: '{text}' ")
    assert stored() == before


# --- claims: a count or amount beyond any claim ---------------------------------------------


@pytest.mark.parametrize(
    ("claim", "message"),
    [
        pytest.param(
            row("丁银行", "银行", "(十)", 2024, loan_loss=1e308),
            "L2: 貸款本金損失 (loan_loss): 1e+308 is too large for a claim (10¹² or more): "
            "check the figure and its unit",
            id="amount-1e308",
        ),
        pytest.param(
            row("丁银行", "银行", "(十)", 2024, loan_loss="1e308万元"),
            "L2: 貸款本金損失 (loan_loss): 1e+308 is too large for a claim (10¹² or more): "
            "check the figure and its unit",
            id="amount-1e308-as-text",
        ),
        pytest.param(
            # was a traceback: int(1e308) × an amount per patent overflows decimal arithmetic
            row("乙大学", "高校", "(七)", 2024, patents_transferred=1e308),
            "J2: 向漳州市企業轉讓發明專利 (patents_transferred): 1e+308 is too large for a "
            "claim (10¹² or more): check the figure and its unit",
            id="count-1e308",
        ),
        pytest.param(
            row("丁银行", "银行", "(十)", 2024, loan_loss="nan"),
            f"L2: 貸款本金損失 (loan_loss): 'nan' {NOT_FINITE}: {FIX}",
            id="amount-nan",
        ),
    ],
)
def test_a_claim_beyond_any_claim_is_refused(runner, in_tmp, claim, message):
    write_workbook(in_tmp / "claims.xlsx", [SIMPLIFIED, claim])
    result = runner.invoke(app, ["rewards", "--city", "zhangzhou", "claims.xlsx", "-o", "o.xlsx"])
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == f"Error: claims.xlsx › Sheet1 › {message}\n"
    assert not (in_tmp / "o.xlsx").exists()


def test_a_claim_just_below_the_bound_is_worked_out(runner, in_tmp):
    write_workbook(
        in_tmp / "claims.xlsx", [SIMPLIFIED, row("丁银行", "银行", "(十)", 2024, loan_loss=1e11)]
    )
    result = runner.invoke(app, ["rewards", "--city", "zhangzhou", "claims.xlsx", "-f", "json"])
    assert result.exit_code == 0, result.output
