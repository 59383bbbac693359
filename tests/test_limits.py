"""The limits of ``ipkpi.limits``, each refused quickly, in bounded memory, with a located
error, on a tiny generated file; and README's "Limits" section giving every one."""

from __future__ import annotations

import pathlib
import re
import time
from pathlib import Path

import pytest
from conftest import REPO, write_cells

from ipkpi import limits
from ipkpi.catalogue import plan_file
from ipkpi.cli.app import app
from ipkpi.errors import InputFileError
from ipkpi.ingest import guards

MiB = 1024 * 1024


def run(runner, *args, lang="en"):
    """ipkpi with ``args``, in English unless ``lang`` says otherwise."""
    return runner.invoke(app, list(args), env={"IPKPI_LANG": lang})


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith(("Error", "错误"))]


# --- the cells of all sheets together --------------------------------------------------------


def test_ten_sheets_each_at_the_sheet_limit_are_refused_quickly(runner, in_tmp):
    # 1000 columns × 20000 rows per sheet is allowed; ten of them would take gigabytes.
    sheets = {f"S{n}": {"A1": "x", "ALL20000": 1} for n in range(1, 11)}
    path = write_cells(in_tmp / "ten.xlsx", sheets)
    assert path.stat().st_size < 16 * 1024
    started = time.monotonic()
    result = run(runner, "ingest", "ten.xlsx", "--db", "x.db")
    assert time.monotonic() - started < 3
    assert result.exit_code == 1
    assert error_lines(result) == [
        "Error[E-WORKBOOK-TOO-LARGE]: ten.xlsx › S2 › ALL20000: used ranges of the sheets up to this one hold "
        "40000000 cells together, over the limit of 30000000 cells for a whole workbook; "
        "delete the stray cells or save only the tables"
    ]
    assert not (in_tmp / "x.db").exists() or "ten.xlsx" not in run(runner, "data", "show").stdout


def test_sheets_up_to_the_workbook_limit_pass_and_one_cell_more_is_refused(in_tmp):
    at_limit = {"A": {"ALL20000": 1}, "B": {"ALL10000": 1}}  # 20 M + 10 M cells
    assert guards.check_workbook(write_cells(in_tmp / "ok.xlsx", at_limit)) == "xlsx"
    over = {"A": {"ALL20000": 1}, "B": {"A1": 1, "ALL10001": 1}}
    with pytest.raises(InputFileError) as caught:
        guards.check_workbook(write_cells(in_tmp / "over.xlsx", over))
    assert caught.value.lines("en") == [
        "over.xlsx › B › ALL10001: used ranges of the sheets up to this one hold 30001000 "
        "cells together, over the limit of 30000000 cells for a whole workbook; delete the "
        "stray cells or save only the tables"
    ]
    assert caught.value.lines("zh") == [
        "over.xlsx › B › ALL10001：到此工作表为止，各工作表的已用区域共有 30001000 个单元格，"
        "超过整个工作簿 30000000 个单元格的上限；请删除多余的单元格，或只保存表格"
    ]


# --- file sizes, from os.stat before the file is read whole ---------------------------------


@pytest.fixture
def no_whole_reads(monkeypatch):
    """Fail on any read of a whole input file: a refusal by size must come from os.stat."""
    read_bytes = pathlib.Path.read_bytes

    def refused(self):
        if self.name.startswith(("huge.", "old.")):
            raise AssertionError(f"{self} read whole")
        return read_bytes(self)

    monkeypatch.setattr(pathlib.Path, "read_bytes", refused)


def sparse(path: Path, head: bytes, size: int) -> Path:
    with path.open("wb") as fh:
        fh.write(head)
        fh.truncate(size)
    return path


def test_a_csv_over_the_limit_is_refused_by_its_size_before_it_is_read(
    runner, in_tmp, no_whole_reads
):
    sparse(in_tmp / "huge.csv", "城市,指标,年份,数值\n".encode(), limits.MAX_CSV_BYTES + 1)
    result = run(runner, "ingest", "huge.csv", "--db", "x.db")
    assert result.exit_code == 1
    assert error_lines(result) == [
        "Error[E-CSV-TOO-LARGE]: huge.csv: file refused: 256.0 MiB, over the 256 MiB limit "
        "for CSV files"
    ]
    result = run(runner, "ingest", "huge.csv", "--db", "x.db", lang="zh")
    assert error_lines(result) == [
        "错误[E-CSV-TOO-LARGE]：huge.csv：不予导入：文件有 256.0 MiB，超过 CSV 文件 256 MiB 的上限"
    ]


def test_an_xlsx_over_the_limit_is_refused_by_its_size_before_it_is_read(
    runner, in_tmp, no_whole_reads
):
    sparse(in_tmp / "huge.xlsx", b"PK\x03\x04" + bytes(26), 257 * MiB)
    result = run(runner, "ingest", "huge.xlsx", "--db", "x.db")
    assert result.exit_code == 1
    assert error_lines(result) == [
        "Error[E-XLSX-TOO-LARGE]: huge.xlsx: workbook refused: 257.0 MiB, over the 256 MiB limit for .xlsx files"
    ]


def test_an_xls_over_the_limit_is_refused_by_its_size_before_it_is_read(
    runner, in_tmp, no_whole_reads
):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    sparse(in_tmp / "old.xls", ole + bytes(504), limits.MAX_XLS_BYTES + 1)
    result = run(runner, "ingest", "old.xls", "--db", "x.db")
    assert result.exit_code == 1
    assert error_lines(result) == [
        "Error[E-XLS-TOO-LARGE]: old.xls: workbook refused: 64.0 MiB, over the 64 MiB limit for .xls files"
    ]


# --- the catalogue's TOML nesting -------------------------------------------------------------

EN = {"IPKPI_LANG": "en"}
TOO_DEEP = (
    "invalid TOML: arrays and inline tables nested more than 32 levels deep ([ and {); a "
    "plan needs a few: close the brackets left open"
)


def test_a_catalogue_nested_100000_deep_is_refused_before_parsing(runner, in_tmp):
    (in_tmp / "cat").mkdir()
    (in_tmp / "cat" / "deep.toml").write_text("schema = 1\na = " + "[" * 100_000 + "\n")
    started = time.monotonic()
    result = runner.invoke(app, ["targets", "check", "--targets", "cat"], env=EN)
    assert time.monotonic() - started < 3
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error[E-TOML-TOO-DEEP]: cat/deep.toml › line 2, column 37: {TOO_DEEP}"
    ]
    zh = run(runner, "targets", "check", "--targets", "cat", lang="zh")
    assert zh.stderr.splitlines() == [
        "错误[E-TOML-TOO-DEEP]：cat/deep.toml › 第2行第37列：TOML 格式有误：数组和内联表（[ 和 {）"
        "嵌套超过 32 层；规划文件只需要几层：请把没有闭合的括号补上"
    ]


def test_a_parser_recursion_the_count_missed_is_a_catalogue_error(runner, in_tmp, monkeypatch):
    monkeypatch.setattr(plan_file, "too_deep", lambda text: None)
    (in_tmp / "cat").mkdir()
    (in_tmp / "cat" / "deep.toml").write_text("schema = 1\na = " + "[" * 100_000 + "\n")
    result = runner.invoke(app, ["targets", "check", "--targets", "cat"], env=EN)
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [f"Error[E-TOML-TOO-DEEP]: cat/deep.toml: {TOO_DEEP}"]


def test_brackets_in_strings_and_comments_do_not_count():
    deep = "[" * 40
    text = (
        f'a = "{deep}"\n# {deep}\nb = \'{deep}\'\nc = """\n{deep}\\""""\n'
        f"d = '''{deep}\n'''\ne = [[[1]], {{x = [2]}}]\n"
    )
    assert plan_file.too_deep(text) is None
    assert plan_file.too_deep("x = 1\n" + "y = " + "[{a = " * 16 + "[") == (2, 101)
    assert plan_file.too_deep("y = " + "[" * 32) is None


def test_the_bundled_catalogue_is_well_within_the_depth_limit():
    for path in (REPO / "targets").rglob("*.toml"):
        assert plan_file.too_deep(path.read_text(encoding="utf-8"), limit=8) is None, path


# --- README gives every limit with its value ---------------------------------------------------


def _shown(name: str, value: int) -> str:
    return f"{value // MiB} MiB" if name.endswith("_BYTES") else f"{value:,}"


def test_readme_limits_section_gives_every_limit_with_its_value():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Limits\n", 1)[1].split("\n## ", 1)[0]
    assert readme.index("\n## Limits\n") < readme.index("\n## Dependencies\n")
    rows = {
        found[1]: line
        for line in section.splitlines()
        if (found := re.search(r"`([A-Z_]+)`", line)) and line.startswith("|")
    }
    for name, value in limits.TABLE.items():
        assert name in rows, name
        assert f"| {_shown(name, value)} |" in rows[name], (name, rows[name])


def test_a_run_configuration_nested_too_deep_is_a_config_error(runner, in_tmp):
    (in_tmp / "ipkpi.toml").write_text('inbox = "inbox"\noutput = ' + "[" * 100_000)
    result = runner.invoke(app, ["run", "--config", "ipkpi.toml"], env={"IPKPI_LANG": "en"})
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "Error[E-CONFIG-TOO-DEEP]: ipkpi.toml: not valid TOML (nested more than 32 levels deep)"
    ]
    result = runner.invoke(app, ["run", "--config", "ipkpi.toml"])
    assert result.stderr.splitlines() == [
        "错误[E-CONFIG-TOO-DEEP]：ipkpi.toml：不是有效的 TOML（嵌套超过 32 层）"
    ]
