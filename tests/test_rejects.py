"""Rejecting a file: it is moved (never deleted) to the rejected folder beside a
NAME.errors.txt listing every problem and, when the problems sit on cells, an annotated
NAME.annotated.xlsx in which each bad cell is red with the problem as a comment.

Every input file is built here, in a temp working folder (so the note's "From" line is
the short relative path ``inbox/NAME``), one defect each. The note and the copy are in the
language of the messages: English here (IPKPI_LANG=en), unless a test asks for Chinese, the
default (``test_*_in_chinese``).
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import openpyxl
import pytest
import xlwt
from conftest import write_workbook

import ipkpi.ingest.rejects
from ipkpi.errors import InputProblem
from ipkpi.ingest.rejects import BAD_FILL, Rejection, errors_sheet_title, reject
from ipkpi.messages import msg, speaking

NOW = datetime(2026, 11, 21, 2, 0, tzinfo=timezone(timedelta(hours=8)))
SHA = "0123456789abcdef" * 4
N = "万人高价值发明专利拥有量"
TABLE = [
    ["指标", "2023年", "2024年"],
    [N, 60.86, "12件左右"],
    ["注册商标", 1000, -5],
]


# The problems a department's file may have, as ingest words them (the catalogue's own).
def not_a_number(text: str) -> object:
    """'TEXT' is not a number (N, 2024)."""
    return msg(
        "E-VALUE-NOT-NUMBER",
        reason=msg("ingest.cell.not_number", text=text),
        name=N,
        year=2024,
        fix="",
    )


NEGATIVE = msg("E-VALUE-NEGATIVE", value=-5, target="注册商标", unit="件")
NO_HEADER = msg("E-HEADER-MISSING", rows=20)
NO_PLACE = msg("E-PLACE-NOT-NAMED")
NOT_A_NUMBER = f"'12件左右' is not a number ({N}, 2024)"
NEGATIVE_TEXT = "negative value -5 for 注册商标 (件), which cannot be negative"
NO_PLACE_TEXT = (
    "cannot tell which city this is: give a 城市 column, name the place in the title or the "
    "file name, or pass --city"
)
RED = "00FFC7CE"  # BAD_FILL as openpyxl reads it back (alpha 00)
HEAD = (
    "ipkpi could not take this file, so nothing in it was stored. Fix the problems below "
    "and put the file in the inbox again.\n"
    "\n"
)
ANNOTATED_LINE = "Annotated copy: {name} (each bad cell in red, with the problem as a comment)\n"
ERRORS = "ipkpi Errors"
HEADINGS = ("Sheet", "Cell", "Problem")


@pytest.fixture(autouse=True)
def english(monkeypatch):
    monkeypatch.setenv("IPKPI_LANG", "en")


@pytest.fixture
def inbox(in_tmp):
    folder = in_tmp / "inbox"
    folder.mkdir()
    return Path("inbox")


REJECTED = Path("inbox/rejected")


def write_xlsx(path: Path, table: list[list[object]] = TABLE, title: str = "2024") -> Path:
    return write_workbook(path, table, title)


def listing(folder: Path) -> list[str]:
    return sorted(os.listdir(folder))


def assert_no_temps(folder: Path) -> None:
    assert [n for n in os.listdir(folder) if n.endswith(".ipkpi.tmp")] == []


def values(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def is_marked(cell, messages: str) -> bool:
    return (
        cell.fill.fill_type == "solid"
        and cell.fill.fgColor.rgb == RED
        and cell.comment is not None
        and cell.comment.text == messages
        and cell.comment.author == "ipkpi"
    )


def unmarked(cell) -> bool:
    return cell.fill.fill_type is None and cell.comment is None


# --------------------------------------------------------------------------- an .xlsx


def test_the_constants():
    assert BAD_FILL == "FFC7CE"
    assert errors_sheet_title("zh") == "ipkpi 错误"
    assert errors_sheet_title("en") == "ipkpi Errors"


def test_rejecting_a_workbook(inbox):
    source = write_xlsx(inbox / "x.xlsx")
    original = source.read_bytes()
    problems = [
        InputProblem(source, not_a_number("12件左右"), "2024", "C2"),
        InputProblem(source, NEGATIVE, "2024", "C3"),
        InputProblem(source, not_a_number("-5"), "2024", "C3"),
        InputProblem(source, NO_PLACE),
    ]
    rejection = reject(source, problems, REJECTED, SHA, NOW)

    assert rejection == Rejection(
        source=Path("inbox/x.xlsx"),
        moved_to=Path("inbox/rejected/x.xlsx"),
        errors_file=Path("inbox/rejected/x.errors.txt"),
        annotated=Path("inbox/rejected/x.annotated.xlsx"),
        annotation_note=None,
        problems=(
            f"x.xlsx › 2024 › C2: {NOT_A_NUMBER}",
            f"x.xlsx › 2024 › C3: {NEGATIVE_TEXT}",
            f"x.xlsx › 2024 › C3: '-5' is not a number ({N}, 2024)",
            f"x.xlsx: {NO_PLACE_TEXT}",
        ),
    )
    # moved, not copied: gone from the inbox, the very same bytes in the rejected folder
    assert listing(inbox) == ["rejected"]
    assert listing(REJECTED) == ["x.annotated.xlsx", "x.errors.txt", "x.xlsx"]
    assert (REJECTED / "x.xlsx").read_bytes() == original

    assert (REJECTED / "x.errors.txt").read_text(encoding="utf-8") == (
        HEAD + "File:        x.xlsx\n"
        "From:        inbox/x.xlsx\n"
        "Rejected:    2026-11-21T02:00:00+08:00\n"
        "SHA-256:     0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\n"
        "\n"
        "Problems (4):\n"
        "  x.xlsx › 2024 › C2: '12件左右' is not a number (万人高价值发明专利拥有量, 2024)\n"
        "  x.xlsx › 2024 › C3: negative value -5 for 注册商标 (件), which cannot be negative\n"
        "  x.xlsx › 2024 › C3: '-5' is not a number (万人高价值发明专利拥有量, 2024)\n"
        "  x.xlsx: cannot tell which city this is: give a 城市 column, name the place in the "
        "title or the file name, or pass --city\n"
        "\n"
        "Annotated copy: x.annotated.xlsx (each bad cell in red, with the problem as a comment)\n"
    )

    workbook = openpyxl.load_workbook(REJECTED / "x.annotated.xlsx")
    assert workbook.sheetnames == [ERRORS, "2024"]
    assert workbook.active.title == ERRORS
    errors = workbook[ERRORS]
    assert values(errors) == [
        HEADINGS,
        ("2024", "C2", "'12件左右' is not a number (万人高价值发明专利拥有量, 2024)"),
        ("2024", "C3", "negative value -5 for 注册商标 (件), which cannot be negative"),
        ("2024", "C3", "'-5' is not a number (万人高价值发明专利拥有量, 2024)"),
        (None, None, NO_PLACE_TEXT),
    ]
    links = {
        c.coordinate: c.hyperlink.location for row in errors.iter_rows() for c in row if c.hyperlink
    }
    assert links == {"B2": "'2024'!C2", "B3": "'2024'!C3", "B4": "'2024'!C3"}

    data = workbook["2024"]
    assert values(data) == [
        ("指标", "2023年", "2024年"),
        ("万人高价值发明专利拥有量", 60.86, "12件左右"),
        ("注册商标", 1000, -5),
    ]
    assert is_marked(data["C2"], "'12件左右' is not a number (万人高价值发明专利拥有量, 2024)")
    assert is_marked(
        data["C3"],
        "negative value -5 for 注册商标 (件), which cannot be negative\n"
        "'-5' is not a number (万人高价值发明专利拥有量, 2024)",
    )
    others = [c for row in data.iter_rows() for c in row if c.coordinate not in ("C2", "C3")]
    assert len(others) == 7
    assert all(unmarked(c) for c in others)
    assert_no_temps(REJECTED)


# --------------------------------------------------------------------------- CSV and .xls


def test_rejecting_a_csv_file(inbox):
    source = inbox / "南京 2024.csv"
    source.write_text(
        "城市,指标,年份,数值\n南京市,万人高价值发明专利拥有量,2023,60.86\n"
        "南京市,万人高价值发明专利拥有量,2024,12件左右\n",
        encoding="utf-8",
    )
    problem = InputProblem(source, not_a_number("12件左右"), None, "D3")
    rejection = reject(source, [problem], REJECTED, None, NOW)

    assert rejection.annotated == Path("inbox/rejected/南京 2024.annotated.xlsx")
    assert rejection.problems == (f"南京 2024.csv › D3: {NOT_A_NUMBER}",)
    assert listing(REJECTED) == [
        "南京 2024.annotated.xlsx",
        "南京 2024.csv",
        "南京 2024.errors.txt",
    ]
    assert (REJECTED / "南京 2024.errors.txt").read_text(encoding="utf-8") == (
        HEAD + "File:        南京 2024.csv\n"
        "From:        inbox/南京 2024.csv\n"
        "Rejected:    2026-11-21T02:00:00+08:00\n"
        "\n"
        "Problems (1):\n"
        f"  南京 2024.csv › D3: {NOT_A_NUMBER}\n"
        "\n" + ANNOTATED_LINE.format(name="南京 2024.annotated.xlsx")
    )
    workbook = openpyxl.load_workbook(REJECTED / "南京 2024.annotated.xlsx")
    assert workbook.sheetnames == [ERRORS, "南京 2024"]
    assert workbook.active.title == ERRORS
    errors = workbook[ERRORS]
    assert values(errors) == [
        HEADINGS,
        ("南京 2024", "D3", NOT_A_NUMBER),
    ]
    assert errors["B2"].hyperlink.location == "'南京 2024'!D3"
    data = workbook["南京 2024"]
    # a CSV file holds text: plain numbers go into the copy as numbers, the rest as text
    assert values(data) == [
        ("城市", "指标", "年份", "数值"),
        ("南京市", "万人高价值发明专利拥有量", 2023, 60.86),
        ("南京市", "万人高价值发明专利拥有量", 2024, "12件左右"),
    ]
    assert is_marked(data["D3"], NOT_A_NUMBER)
    assert all(unmarked(c) for row in data.iter_rows() for c in row if c.coordinate != "D3")
    assert_no_temps(REJECTED)


def test_rejecting_a_legacy_xls_workbook(inbox):
    book = xlwt.Workbook()
    sheet = book.add_sheet("数据")
    for r, row in enumerate(TABLE):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    source = inbox / "old.xls"
    book.save(str(source))
    original = source.read_bytes()
    problem = InputProblem(source, NEGATIVE, "数据", "C3")
    rejection = reject(source, [problem], REJECTED, None, NOW)

    assert rejection.annotated == Path("inbox/rejected/old.annotated.xlsx")
    assert rejection.annotation_note is None
    assert listing(REJECTED) == ["old.annotated.xlsx", "old.errors.txt", "old.xls"]
    assert (REJECTED / "old.xls").read_bytes() == original
    workbook = openpyxl.load_workbook(REJECTED / "old.annotated.xlsx")
    assert workbook.sheetnames == [ERRORS, "数据"]
    assert values(workbook[ERRORS]) == [
        HEADINGS,
        ("数据", "C3", NEGATIVE_TEXT),
    ]
    data = workbook["数据"]
    assert values(data) == [
        ("指标", "2023年", "2024年"),
        ("万人高价值发明专利拥有量", 60.86, "12件左右"),
        ("注册商标", 1000, -5),
    ]
    assert is_marked(data["C3"], NEGATIVE_TEXT)
    assert all(unmarked(c) for row in data.iter_rows() for c in row if c.coordinate != "C3")
    assert_no_temps(REJECTED)


# --------------------------------------------------------------------------- no annotated copy

WHOLE_FILE = "the problems concern the whole file, not particular cells"


def test_problems_with_no_cell_make_no_copy(inbox):
    source = write_xlsx(inbox / "whole.xlsx")
    problems = [
        InputProblem(source, NO_HEADER, "2024"),  # a sheet, but no cell
        InputProblem(source, NO_PLACE),
    ]
    rejection = reject(source, problems, REJECTED, None, NOW)
    assert rejection.annotated is None
    assert rejection.annotation_note == "the problems concern the whole file, not particular cells"
    assert rejection.moved_to == Path("inbox/rejected/whole.xlsx")
    assert listing(REJECTED) == ["whole.errors.txt", "whole.xlsx"]
    assert (REJECTED / "whole.errors.txt").read_text(encoding="utf-8") == (
        HEAD + "File:        whole.xlsx\n"
        "From:        inbox/whole.xlsx\n"
        "Rejected:    2026-11-21T02:00:00+08:00\n"
        "\n"
        "Problems (2):\n"
        "  whole.xlsx › 2024: no recognisable header: expected a row naming the indicator "
        "column (指标/指标名称/项目) and years (2021, 2021年) or 年份+数值, in the first 20 rows\n"
        f"  whole.xlsx: {NO_PLACE_TEXT}\n"
        "\n"
        "No annotated copy: the problems concern the whole file, not particular cells\n"
    )


def test_a_workbook_too_large_to_copy(inbox, monkeypatch):
    monkeypatch.setattr(ipkpi.ingest.rejects, "ANNOTATE_MAX_CELLS", 8)
    source = write_xlsx(inbox / "big.xlsx")  # 3 × 3 = 9 cells
    rejection = reject(source, [InputProblem(source, NEGATIVE, "2024", "C2")], REJECTED, None, NOW)
    assert rejection.annotated is None
    assert rejection.annotation_note == "the file has 9 cells; copies are made up to 8"
    assert listing(REJECTED) == ["big.errors.txt", "big.xlsx"]
    note = (REJECTED / "big.errors.txt").read_text(encoding="utf-8")
    assert note.splitlines()[-1] == (
        "No annotated copy: the file has 9 cells; copies are made up to 8"
    )


def test_a_workbook_at_the_limit_is_copied(inbox, monkeypatch):
    monkeypatch.setattr(ipkpi.ingest.rejects, "ANNOTATE_MAX_CELLS", 9)
    source = write_xlsx(inbox / "big.xlsx")
    rejection = reject(source, [InputProblem(source, NEGATIVE, "2024", "C2")], REJECTED, None, NOW)
    assert rejection.annotated == Path("inbox/rejected/big.annotated.xlsx")
    assert rejection.annotation_note is None


def test_a_file_that_cannot_be_read(inbox, in_tmp):
    data = write_xlsx(in_tmp / "good.xlsx").read_bytes()
    source = inbox / "half.xlsx"
    source.write_bytes(data[: len(data) // 2])
    rejection = reject(source, [InputProblem(source, NEGATIVE, "2024", "C2")], REJECTED, None, NOW)
    assert rejection.annotated is None
    assert rejection.annotation_note.startswith("the file cannot be read")
    assert rejection.annotation_note == (
        "the file cannot be read: truncated or corrupt workbook (not a readable zip archive)"
    )
    assert listing(inbox) == ["rejected"]
    assert listing(REJECTED) == ["half.errors.txt", "half.xlsx"]
    assert (REJECTED / "half.xlsx").read_bytes() == data[: len(data) // 2]
    note = (REJECTED / "half.errors.txt").read_text(encoding="utf-8")
    assert note.splitlines()[-1] == (
        "No annotated copy: the file cannot be read: "
        "truncated or corrupt workbook (not a readable zip archive)"
    )
    assert_no_temps(REJECTED)


# --------------------------------------------------------------------------- name collisions


def test_a_second_and_third_file_of_the_same_name(inbox):
    def send(content: str) -> Rejection:
        source = write_xlsx(inbox / "x.xlsx", [["指标", content]])
        problem = InputProblem(source, not_a_number(content), "2024", "B1")
        return reject(source, [problem], REJECTED, None, NOW)

    first = send("first")
    before = {name: (REJECTED / name).read_bytes() for name in listing(REJECTED)}
    second = send("second")
    third = send("third")

    assert (first.moved_to, first.errors_file, first.annotated) == (
        Path("inbox/rejected/x.xlsx"),
        Path("inbox/rejected/x.errors.txt"),
        Path("inbox/rejected/x.annotated.xlsx"),
    )
    assert (second.moved_to, second.errors_file, second.annotated) == (
        Path("inbox/rejected/x (2).xlsx"),
        Path("inbox/rejected/x (2).errors.txt"),
        Path("inbox/rejected/x (2).annotated.xlsx"),
    )
    assert (third.moved_to, third.errors_file, third.annotated) == (
        Path("inbox/rejected/x (3).xlsx"),
        Path("inbox/rejected/x (3).errors.txt"),
        Path("inbox/rejected/x (3).annotated.xlsx"),
    )
    assert listing(REJECTED) == [
        "x (2).annotated.xlsx",
        "x (2).errors.txt",
        "x (2).xlsx",
        "x (3).annotated.xlsx",
        "x (3).errors.txt",
        "x (3).xlsx",
        "x.annotated.xlsx",
        "x.errors.txt",
        "x.xlsx",
    ]
    assert {name: (REJECTED / name).read_bytes() for name in before} == before
    assert second.problems == (f"x (2).xlsx › 2024 › B1: 'second' is not a number ({N}, 2024)",)
    assert (REJECTED / "x (2).errors.txt").read_text(encoding="utf-8").splitlines()[2:3] == [
        "File:        x (2).xlsx"
    ]
    assert values(openpyxl.load_workbook(REJECTED / "x (3).xlsx")["2024"]) == [("指标", "third")]
    assert_no_temps(REJECTED)


def test_a_different_file_whose_note_name_is_taken(inbox):
    """x.csv then x.xlsx: the note x.errors.txt is taken, so the second is x (2)."""
    csv_source = inbox / "x.csv"
    csv_source.write_text("指标,2024年\n注册商标,-5\n", encoding="utf-8")
    reject(csv_source, [InputProblem(csv_source, NEGATIVE)], REJECTED, None, NOW)
    source = write_xlsx(inbox / "x.xlsx")
    rejection = reject(source, [InputProblem(source, NEGATIVE, "2024", "C3")], REJECTED, None, NOW)
    assert rejection.moved_to == Path("inbox/rejected/x (2).xlsx")
    assert listing(REJECTED) == [
        "x (2).annotated.xlsx",
        "x (2).errors.txt",
        "x (2).xlsx",
        "x.csv",
        "x.errors.txt",
    ]


def test_an_earlier_reject_named_like_an_annotated_copy_is_never_overwritten(inbox):
    # the department sends back the annotated copy it was given, still wrong …
    resent = write_xlsx(inbox / "x.annotated.xlsx", [["指标", "resent"]])
    original = resent.read_bytes()
    reject(resent, [InputProblem(resent, NO_PLACE)], REJECTED, None, NOW)
    assert (REJECTED / "x.annotated.xlsx").read_bytes() == original
    # … then a new x.xlsx is rejected
    source = write_xlsx(inbox / "x.xlsx")
    rejection = reject(source, [InputProblem(source, NEGATIVE, "2024", "C3")], REJECTED, None, NOW)
    assert (REJECTED / "x.annotated.xlsx").read_bytes() == original
    assert rejection.annotated != Path("inbox/rejected/x.annotated.xlsx")


# --------------------------------------------------------------------------- order of writing


def test_a_failed_move_leaves_the_file_in_the_inbox_and_no_orphan_note(inbox, monkeypatch):
    source = write_xlsx(inbox / "x.xlsx")
    original = source.read_bytes()
    real_replace = os.replace

    def failing_replace(src, dst, *args, **kwargs):
        if Path(src) == Path("inbox/x.xlsx"):  # only the move of the file itself fails
            raise OSError(18, "Invalid cross-device link")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(ipkpi.ingest.rejects.os, "replace", failing_replace)
    with pytest.raises(OSError, match="Invalid cross-device link"):
        reject(source, [InputProblem(source, NEGATIVE, "2024", "C2")], REJECTED, None, NOW)
    # nothing lost: the file is still in the inbox, untouched; the note and copy written
    # for it are taken back, so the next run rejects it as x.xlsx again, not "x (2)"
    assert source.read_bytes() == original
    assert listing(inbox) == ["rejected", "x.xlsx"]
    assert listing(REJECTED) == []


def test_when_every_rename_fails_nothing_is_lost(inbox, monkeypatch):
    source = write_xlsx(inbox / "x.xlsx")
    original = source.read_bytes()

    def failing_replace(src, dst, *args, **kwargs):
        raise OSError(13, "Permission denied")

    monkeypatch.setattr(ipkpi.ingest.rejects.os, "replace", failing_replace)
    with pytest.raises(OSError, match="Permission denied"):
        reject(source, [InputProblem(source, NEGATIVE, "2024", "C2")], REJECTED, None, NOW)
    assert source.read_bytes() == original
    assert listing(inbox) == ["rejected", "x.xlsx"]
    assert listing(REJECTED) == []  # and no temporary files left behind


# --------------------------------------------------------------------------- the language


def cell_problems(source: Path) -> list[InputProblem]:
    closest = msg("unmatched.closest", names=[N])
    return [
        InputProblem(
            source, msg("E-ROW-UNMATCHED", name="万人专利", closest=closest), "2024", "C2"
        ),
        InputProblem(
            source,
            msg(
                "E-VALUE-TWICE",
                name="注册商标",
                year=2024,
                first="1000",
                where="2024 › B3",
                second="-5",
            ),
            "2024",
            "C3",
        ),
        InputProblem(source, msg("E-FILE-NO-VALUES")),
    ]


def test_the_note_and_the_annotated_copy_in_chinese_by_default(inbox, monkeypatch):
    monkeypatch.delenv("IPKPI_LANG")
    source = write_xlsx(inbox / "x.xlsx")
    rejection = reject(source, cell_problems(source), REJECTED, SHA, NOW)
    unmatched = f"“万人专利”没有对应的目标；最接近的是：{N}"
    twice = "注册商标 2024 出现两次且数值不同：1000（在 2024 › B3）和 -5"
    assert rejection.problems == (
        f"x.xlsx › 2024 › C2：{unmatched}",
        f"x.xlsx › 2024 › C3：{twice}",
        "x.xlsx：只有表头，表头下没有数值",
    )
    assert (REJECTED / "x.errors.txt").read_text(encoding="utf-8") == (
        "ipkpi 未能导入此文件，文件中的数据均未入库。请按下列问题修改后重新放入收件文件夹。\n"
        "\n"
        "文件：      x.xlsx\n"
        "来源：      inbox/x.xlsx\n"
        "退回时间：  2026-11-21T02:00:00+08:00\n"
        f"校验值 SHA-256：{SHA}\n"
        "\n"
        "问题（3个）：\n"
        f"  x.xlsx › 2024 › C2：{unmatched}\n"
        f"  x.xlsx › 2024 › C3：{twice}\n"
        "  x.xlsx：只有表头，表头下没有数值\n"
        "\n"
        "标注副本：x.annotated.xlsx（问题单元格标红并附批注）\n"
    )
    workbook = openpyxl.load_workbook(REJECTED / "x.annotated.xlsx")
    assert workbook.sheetnames == ["ipkpi 错误", "2024"]
    assert values(workbook["ipkpi 错误"]) == [
        ("工作表", "单元格", "问题"),
        ("2024", "C2", unmatched),
        ("2024", "C3", twice),
        (None, None, "只有表头，表头下没有数值"),
    ]
    assert is_marked(workbook["2024"]["C2"], unmatched)
    assert is_marked(workbook["2024"]["C3"], twice)


def test_the_note_and_the_annotated_copy_in_english(inbox):
    source = write_xlsx(inbox / "x.xlsx")
    rejection = reject(source, cell_problems(source), REJECTED, None, NOW)
    unmatched = f"'万人专利' matches no target; closest: {N}"
    twice = "注册商标 2024 given twice with different values: 1000 (at 2024 › B3) and -5"
    assert rejection.problems == (
        f"x.xlsx › 2024 › C2: {unmatched}",
        f"x.xlsx › 2024 › C3: {twice}",
        "x.xlsx: a header but no values below it",
    )
    assert (REJECTED / "x.errors.txt").read_text(encoding="utf-8") == (
        HEAD + "File:        x.xlsx\n"
        "From:        inbox/x.xlsx\n"
        "Rejected:    2026-11-21T02:00:00+08:00\n"
        "\n"
        "Problems (3):\n"
        f"  x.xlsx › 2024 › C2: {unmatched}\n"
        f"  x.xlsx › 2024 › C3: {twice}\n"
        "  x.xlsx: a header but no values below it\n"
        "\n" + ANNOTATED_LINE.format(name="x.annotated.xlsx")
    )
    workbook = openpyxl.load_workbook(REJECTED / "x.annotated.xlsx")
    assert workbook.sheetnames == ["ipkpi Errors", "2024"]
    assert values(workbook["ipkpi Errors"]) == [
        ("Sheet", "Cell", "Problem"),
        ("2024", "C2", unmatched),
        ("2024", "C3", twice),
        (None, None, "a header but no values below it"),
    ]
    assert is_marked(workbook["2024"]["C2"], unmatched)
    assert is_marked(workbook["2024"]["C3"], twice)


def test_why_there_is_no_annotated_copy_in_chinese(inbox):
    source = write_xlsx(inbox / "whole.xlsx")
    with speaking("zh"):
        rejection = reject(
            source, [InputProblem(source, msg("E-FILE-NO-DATA"))], REJECTED, None, NOW
        )
    assert rejection.annotation_note == "这些问题涉及整个文件，而不是某些单元格"
    note = (REJECTED / "whole.errors.txt").read_text(encoding="utf-8")
    assert note.splitlines()[-1] == "无标注副本：这些问题涉及整个文件，而不是某些单元格"
