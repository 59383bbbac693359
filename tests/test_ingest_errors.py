"""`ipkpi ingest` on bad input, through the command line.

Every input file is built here, one defect each, from a small good Nanjing table (long
layout: 城市 | 指标 | 年份 | 数值 | 单位). Each rejection asserts exit status 1, the exact
located ``Error[CODE]: FILE › SHEET › CELL: message`` lines on stderr, the ``rejected`` and
summary lines on stdout, no traceback, and that ``ipkpi data show --history`` prints exactly
what it printed before: a rejected file changes nothing in the store. In English (IPKPI_LANG=en)
unless a test says otherwise; ``test_*_in_chinese`` say it in Chinese, the default.
"""

from __future__ import annotations

import csv
import io
import re
import struct
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter
from conftest import write_cells, write_workbook
from test_guards import STRAY, write_bomb, write_ole

from ipkpi.cli.app import app

DB = "store.db"
N = "万人高价值发明专利拥有量"
HEADER = ["城市", "指标", "年份", "数值", "单位"]
GOOD_ROWS = [["南京市", N, 2023, 60.86, "件"], ["南京市", N, 2024, 71.21, "件"]]
SHEET = "数据"
KNOWN = "known: guizhou (贵州省), nanjing (南京市), shanxi (山西省), shijiazhuang (石家庄市), zhangzhou (漳州市)"


# --------------------------------------------------------------------------- builders


def write_long(path: Path, rows: list[list[object]], header: list[str] | None = HEADER) -> Path:
    """A long-layout table, as an .xlsx (sheet 数据) or a UTF-8 .csv by the name."""
    table = ([header] if header else []) + rows
    if path.suffix == ".csv":
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(table)
        path.write_text(out.getvalue(), encoding="utf-8")
        return path
    return write_workbook(path, table, SHEET)


def good_xlsx(path: Path) -> Path:
    return write_long(path, [list(r) for r in GOOD_ROWS])


def with_2024(**change: object) -> list[list[object]]:
    """The good rows with the 2024 row (row 3) changed: 城市=…, 年份=…, 数值=…, 单位=…."""
    row = dict(zip(HEADER, GOOD_ROWS[1], strict=True))
    for key, value in change.items():
        assert key in row, key
        row[key] = value
    return [list(GOOD_ROWS[0]), list(row.values())]


def garbage_xls(path: Path, body: bytes) -> Path:
    """A real OLE2 compound file whose Workbook stream holds ``body`` (not BIFF records)."""
    write_ole(path, ["Workbook"])  # header, FAT in sector 0, directory in sector 1
    data = bytearray(path.read_bytes()).ljust(3 * 512, b"\x00")
    count = -(-len(body) // 512)
    for i in range(count):  # chain sectors 2 … 2+count-1 in the FAT
        struct.pack_into("<L", data, 512 + 4 * (2 + i), 3 + i if i < count - 1 else 0xFFFFFFFE)
    # directory entry 1 (Workbook): start sector at byte 116, stream size at byte 120
    struct.pack_into("<LQ", data, 1024 + 128 + 116, 2, len(body))
    path.write_bytes(bytes(data + body.ljust(count * 512, b"\x00")))
    return path


# --------------------------------------------------------------------------- running


def run(runner, *args: str, lang: str = "en"):
    return runner.invoke(app, list(args), env={"IPKPI_LANG": lang})


def show(runner) -> str:
    result = run(runner, "data", "show", "--history", "--db", DB, "-f", "csv")
    assert result.exit_code == 0, result.output
    return result.stdout


def stored(runner) -> list[tuple[str, str, str, str]]:
    """(target_id, year, value, file name) of every stored value."""
    rows = csv.DictReader(io.StringIO(show(runner)))
    return [(r["target_id"], r["year"], r["value"], Path(r["file"]).name) for r in rows]


def assert_no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.stdout + result.stderr


SUMMARY_REJECTED = (
    "1 file(s): 0 ingested, 0 already ingested, 1 rejected; 0 new value(s), 0 revised"
)


def assert_errors(stderr: str, errors: list) -> None:
    """``errors`` are the lines of ``stderr``: each ``(code, text)``, ``Error[code]: text``;
    or a text alone, of a value-level message (ingest's values, converted apart): any code."""
    lines = stderr.splitlines()
    assert len(lines) == len(errors), lines
    for line, error in zip(lines, errors, strict=True):
        if isinstance(error, tuple):
            assert line == f"Error[{error[0]}]: {error[1]}"
        else:
            assert re.fullmatch(r"Error\[E(-[A-Z0-9]+)+\]: " + re.escape(error), line), line


def assert_rejected(runner, name: str, errors: list, *options: str) -> None:
    """Ingest ``name``: exit 1, exactly ``errors`` on stderr (see ``assert_errors``),
    nothing stored."""
    before = show(runner)
    result = run(runner, "ingest", name, "--db", DB, *options)
    assert_no_traceback(result)
    assert_errors(result.stderr, errors)
    assert result.stdout.splitlines() == [
        f"rejected  {name}: {len(errors)} problem(s), nothing stored",
        SUMMARY_REJECTED,
    ]
    assert result.exit_code == 1
    assert show(runner) == before


@pytest.fixture
def store(in_tmp, runner, monkeypatch):
    """A store holding one value (万人版权登记量 2023), so "unchanged" means something."""
    monkeypatch.delenv("IPKPI_DB", raising=False)
    write_long(in_tmp / "base.xlsx", [["南京市", "万人版权登记量", 2023, 25, "件"]])
    result = run(runner, "ingest", "base.xlsx", "--db", DB)
    assert result.exit_code == 0, result.output
    assert stored(runner) == [("copyright_registrations_per_10k", "2023", "25", "base.xlsx")]
    return in_tmp


# --------------------------------------------------------------------------- whole files


def test_a_text_file_named_xlsx(runner, store):
    (store / "text.xlsx").write_text("城市,指标,年份,数值\n南京市,x,2023,1\n", encoding="utf-8")
    assert_rejected(
        runner,
        "text.xlsx",
        [
            (
                "E-FILE-NOT-WORKBOOK",
                "text.xlsx: not an Excel workbook or CSV file (it looks like plain text; "
                "a CSV file must be named .csv or .txt)",
            )
        ],
    )


def test_a_truncated_workbook(runner, store):
    data = good_xlsx(store / "good.xlsx").read_bytes()
    (store / "half.xlsx").write_bytes(data[: len(data) // 2])
    assert_rejected(
        runner,
        "half.xlsx",
        [
            (
                "E-ZIP-UNREADABLE",
                "half.xlsx: truncated or corrupt workbook (not a readable zip archive)",
            )
        ],
    )


def test_an_encrypted_workbook(runner, store):
    names = ["\x06DataSpaces", "Version", "DataSpaceMap", "EncryptionInfo", "EncryptedPackage"]
    path = write_ole(store / "secret.xlsx", names)
    assert "EncryptionInfo".encode("utf-16-le") in path.read_bytes()
    assert_rejected(
        runner,
        "secret.xlsx",
        [
            (
                "E-FILE-ENCRYPTED",
                "secret.xlsx: encrypted workbook: save it without a password and ingest again",
            )
        ],
    )


def test_an_empty_workbook(runner, store):
    write_long(store / "empty.xlsx", [], header=None)
    assert_rejected(
        runner, "empty.xlsx", [("E-FILE-NO-DATA", "empty.xlsx: empty workbook: no cells with data")]
    )


def test_an_empty_file(runner, store):
    (store / "empty.csv").write_bytes(b"")
    assert_rejected(runner, "empty.csv", [("E-FILE-EMPTY", "empty.csv: empty file")])


def test_a_csv_file_with_nul_bytes(runner, store):
    (store / "nul.csv").write_bytes("城市,指标\x00\n".encode())
    assert_rejected(
        runner, "nul.csv", [("E-CSV-NUL", "nul.csv: not a text file (it contains NUL bytes)")]
    )


def test_an_xls_header_with_a_garbage_body(runner, store):
    # xlwt is not installed, so no real .xls is written: an OLE2 signature, then noise …
    (store / "noise.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 8)
    assert_rejected(
        runner,
        "noise.xls",
        [
            (
                "E-WORKBOOK-UNREADABLE",
                "noise.xls: cannot read the workbook (Cfb error: Invalid sector shift, "
                "expecting 0x09 or 0x0C found 1716); is it damaged?",
            )
        ],
    )
    # … and a well-formed OLE2 container whose Workbook stream is not BIFF records
    garbage_xls(store / "biff.xls", b"this is not a BIFF stream " * 200)
    assert_rejected(
        runner,
        "biff.xls",
        [
            (
                "E-WORKBOOK-UNREADABLE",
                "biff.xls: cannot read the workbook (End of stream 'record length'); "
                "is it damaged?",
            )
        ],
    )


def test_a_zip_bomb(runner, store):
    write_bomb(store / "bomb.xlsx", 200)  # 200 MiB of "0" in one part, about 200 KiB on disk
    assert_rejected(
        runner,
        "bomb.xlsx",
        [
            (
                "E-ZIP-PART-TOO-LARGE",
                "bomb.xlsx: workbook refused: part xl/worksheets/sheet1.xml would decompress "
                "to 200.0 MiB, over the 128 MiB limit (possible zip bomb)",
            )
        ],
    )


def test_a_stray_cell_far_from_the_table(runner, store):
    cells = {"A1": "指标", "B1": "2023年", "C1": "2024年", "A2": N, "B2": 60.86, "C2": 71.21}
    write_cells(store / "stray.xlsx", {SHEET: {**cells, "XFD1048576": 1}})
    assert_rejected(
        runner,
        "stray.xlsx",
        [("E-SHEET-TOO-LARGE", f"stray.xlsx › 数据 › XFD1048576: {STRAY}")],
        "--city",
        "nanjing",
    )


def test_no_recognisable_header(runner, store):
    write_long(store / "nohead.xlsx", GOOD_ROWS, header=["地方", "名目", "时间", "量", "计"])
    assert_rejected(
        runner,
        "nohead.xlsx",
        [
            "nohead.xlsx › 数据: no recognisable header: expected a row naming the indicator "
            "column (指标/指标名称/项目) and years (2021, 2021年) or 年份+数值, in the first 30 rows"
        ],
    )


def test_no_sheet_of_that_name(runner, store):
    good_xlsx(store / "good.xlsx")
    assert_rejected(
        runner,
        "good.xlsx",
        [("E-SHEET-NOT-FOUND", "good.xlsx: no sheet named '汇总'; sheets: 数据")],
        "--sheet",
        "汇总",
    )


# --------------------------------------------------------------------------- one bad cell

CELL_DEFECTS = {
    "non-numeric": (
        with_2024(数值="12件左右"),
        "D3: '12件左右' is not a number (万人高价值发明专利拥有量, 2024)",
    ),
    "twice": (
        [*GOOD_ROWS, ["南京市", N, 2024, 70, "件"]],
        "D4: 万人高价值发明专利拥有量 2024 given twice with different values: "
        "71.21 (at {where}D3) and 70",
    ),
    "year-outside-plans": (
        with_2024(年份=2030),
        "C3: year 2030 is outside every plan of 南京市 (2021–2025)",
    ),
    "negative-count": (
        with_2024(数值=-5),
        "D3: negative value -5 for 万人高价值发明专利拥有量 (件), which cannot be negative",
    ),
    "unknown-unit": (
        with_2024(单位="打"),
        "E3: unknown unit '打' for 万人高价值发明专利拥有量: write the unit as 件 or a unit "
        "that converts to it",
    ),
    "incompatible-unit": (
        with_2024(单位="项"),
        "E3: cannot convert 项 (projects) to 件 (items): 万人高价值发明专利拥有量 is counted in "
        '件; if the plan counts 项 as 件, add unit_aliases = ["项"] to its target in the '
        "catalogue",
    ),
    "percent-for-count": (
        with_2024(数值="71.21%"),
        "D3: a percentage, but 万人高价值发明专利拥有量 is counted in 件",
    ),
}


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
@pytest.mark.parametrize("case", list(CELL_DEFECTS))
def test_one_bad_cell(runner, store, case, suffix):
    rows, message = CELL_DEFECTS[case]
    name = f"{case}{suffix}"
    write_long(store / name, rows)
    where = f"{SHEET} › " if suffix == ".xlsx" else ""  # a CSV file has no sheet
    assert_rejected(runner, name, [f"{name} › {where}{message.format(where=where)}"])


def test_a_bad_cell_in_a_wide_sheet(runner, store):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "南京"
    sheet.append(["指标", "2023年", "2024年"])
    sheet.append([N, 60.86, "12件左右"])
    workbook.save(store / "wide.xlsx")
    assert_rejected(
        runner,
        "wide.xlsx",
        ["wide.xlsx › 南京 › C2: '12件左右' is not a number (万人高价值发明专利拥有量, 2024)"],
        "--city",
        "nanjing",
    )


def test_every_problem_of_a_file_is_reported(runner, store):
    rows = [["南京市", N, 2023, "12件左右", "件"], ["南京市", N, 2024, -5, "件"]]
    write_long(store / "two.xlsx", rows)
    assert_rejected(
        runner,
        "two.xlsx",
        [
            "two.xlsx › 数据 › D2: '12件左右' is not a number (万人高价值发明专利拥有量, 2023)",
            "two.xlsx › 数据 › D3: negative value -5 for 万人高价值发明专利拥有量 (件), "
            "which cannot be negative",
        ],
    )


# --------------------------------------------------------------------------- bad cells inside a table


def test_a_year_cell_that_is_not_a_year(runner, store):
    write_long(store / "year.xlsx", with_2024(年份="二〇二四"))
    assert_rejected(runner, "year.xlsx", ["year.xlsx › 数据 › C3: '二〇二四' is not a year"])


def test_a_value_with_no_indicator_name(runner, store):
    rows = with_2024()
    rows[1][1] = None
    write_long(store / "noname.xlsx", rows)
    assert_rejected(
        runner, "noname.xlsx", ["noname.xlsx › 数据 › B3: a value with no indicator name"]
    )


def test_a_number_too_large_for_a_float(runner, store):
    write_long(store / "inf.xlsx", with_2024(数值="1e999"))
    assert_rejected(
        runner,
        "inf.xlsx",
        [
            "inf.xlsx › 数据 › D3: '1e999' is out of range (beyond ±1.8e308) "
            "(万人高价值发明专利拥有量, 2024): check the figure"
        ],
    )


def test_a_formula_error_in_a_value_cell(runner, store):
    workbook = xlsxwriter.Workbook(str(store / "div0.xlsx"))
    sheet = workbook.add_worksheet(SHEET)
    for r, row in enumerate([HEADER, *GOOD_ROWS]):
        sheet.write_row(r, 0, row)
    sheet.write_formula("D3", "=1/0", None, "#DIV/0!")  # as Excel saves it: t="e", cached value
    workbook.close()
    before = show(runner)
    result = run(runner, "ingest", "div0.xlsx", "--db", DB)
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert_errors(
        result.stderr,
        ["div0.xlsx › 数据 › D3: '#DIV/0!' is not a number (万人高价值发明专利拥有量, 2024)"],
    )
    assert show(runner) == before


# --------------------------------------------------------------------------- unmatched rows


def unmatched_file(folder: Path) -> str:
    write_long(folder / "unmatched.xlsx", [*GOOD_ROWS, ["南京市", "万人高价值专利", 2024, 3, "件"]])
    return "unmatched.xlsx"


UNMATCHED = "unmatched.xlsx › 数据 › B4: '万人高价值专利' matches no target; closest: " + N


def test_strict_makes_an_unmatched_row_an_error(runner, store):
    name = unmatched_file(store)
    assert_rejected(runner, name, [("E-ROW-UNMATCHED", UNMATCHED)], "--strict")


def test_without_strict_an_unmatched_row_is_a_warning(runner, store):
    name = unmatched_file(store)
    result = run(runner, "ingest", name, "--db", DB)
    assert_no_traceback(result)
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"Warning[W-ROW-UNMATCHED]: {UNMATCHED}"]
    assert result.stdout.splitlines() == [
        "ingested  unmatched.xlsx (long): 2 values: 2 new, 0 revised, 0 unchanged; "
        "1 unmatched row(s)",
        "1 file(s): 1 ingested, 0 already ingested, 0 rejected; 2 new value(s), 0 revised",
    ]
    assert stored(runner) == [
        ("copyright_registrations_per_10k", "2023", "25", "base.xlsx"),
        ("high_value_invention_patents_per_10k", "2023", "60.86", "unmatched.xlsx"),
        ("high_value_invention_patents_per_10k", "2024", "71.21", "unmatched.xlsx"),
    ]


# --------------------------------------------------------------------------- dry run, folders

DRY_RUN = [
    "checked   good.xlsx (long): 2 values: 2 new, 0 revised, 0 unchanged",
    "dry run, nothing written: 1 file(s): 1 would be ingested, 0 already ingested, "
    "0 rejected; 2 new value(s), 0 revised",
]


def test_dry_run_writes_nothing(runner, store):
    good_xlsx(store / "good.xlsx")
    before = show(runner)
    result = run(runner, "ingest", "good.xlsx", "--db", DB, "--dry-run")
    assert_no_traceback(result)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == DRY_RUN
    assert show(runner) == before
    # not even the file is remembered: a real ingest afterwards takes it
    result = run(runner, "ingest", "good.xlsx", "--db", DB)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "ingested  good.xlsx (long): 2 values: 2 new, 0 revised, 0 unchanged"
    )


def test_dry_run_creates_no_store(runner, in_tmp):
    good_xlsx(in_tmp / "good.xlsx")
    result = run(runner, "ingest", "good.xlsx", "--db", "fresh.db", "--dry-run")
    assert_no_traceback(result)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines() == DRY_RUN
    assert sorted(p.name for p in in_tmp.iterdir()) == ["good.xlsx"]


def test_a_folder_with_a_good_and_a_bad_file(runner, store):
    (store / "in").mkdir()
    good_xlsx(store / "in" / "a_good.xlsx")
    write_long(store / "in" / "b_bad.xlsx", with_2024(数值=-5))
    result = run(runner, "ingest", "in", "--db", DB)
    assert_no_traceback(result)
    assert result.exit_code == 1
    assert_errors(
        result.stderr,
        [
            "in/b_bad.xlsx › 数据 › D3: negative value -5 for 万人高价值发明专利拥有量 (件), "
            "which cannot be negative"
        ],
    )
    assert result.stdout.splitlines() == [
        "ingested  in/a_good.xlsx (long): 2 values: 2 new, 0 revised, 0 unchanged",
        "rejected  in/b_bad.xlsx: 1 problem(s), nothing stored",
        "2 file(s): 1 ingested, 0 already ingested, 1 rejected; 2 new value(s), 0 revised",
    ]
    assert stored(runner) == [
        ("copyright_registrations_per_10k", "2023", "25", "base.xlsx"),
        ("high_value_invention_patents_per_10k", "2023", "60.86", "a_good.xlsx"),
        ("high_value_invention_patents_per_10k", "2024", "71.21", "a_good.xlsx"),
    ]


# --------------------------------------------------------------------------- usage errors


def test_a_path_that_does_not_exist(runner, store):
    before = show(runner)
    result = run(runner, "ingest", "nowhere.xlsx", "--db", DB)
    assert_no_traceback(result)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "Error[E-PATH-MISSING]: nowhere.xlsx: no such file or folder\n"
    assert show(runner) == before


def test_an_unknown_city_option(runner, store):
    good_xlsx(store / "good.xlsx")
    before = show(runner)
    result = run(runner, "ingest", "good.xlsx", "--db", DB, "--city", "nanjin")
    assert_no_traceback(result)
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr
        == f"Error[E-CITY-UNKNOWN]: unknown city 'nanjin'; did you mean nanjing (南京市)? {KNOWN}\n"
    )
    assert show(runner) == before


def test_a_header_with_no_values(runner, store):
    (store / "header.csv").write_text("城市,指标,年份,数值,单位\n", encoding="utf-8")
    assert_rejected(
        runner, "header.csv", [("E-FILE-NO-VALUES", "header.csv: a header but no values below it")]
    )


# --------------------------------------------------------------------------- in Chinese


def test_a_rejected_file_in_chinese(runner, store):
    (store / "empty.csv").write_bytes(b"")
    result = run(runner, "ingest", "empty.csv", "--db", DB, lang="zh")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == ["错误[E-FILE-EMPTY]：empty.csv：空文件"]
    assert result.stdout.splitlines() == [
        "退回  empty.csv：1个问题，未存入任何数据",
        "1个文件：导入0个，以前已导入0个，退回1个；新增数值0个，修订0个",
    ]
    write_long(store / "header.csv", [])
    result = run(runner, "ingest", "header.csv", "--db", DB, lang="zh")
    assert result.stderr.splitlines() == [
        "错误[E-FILE-NO-VALUES]：header.csv：只有表头，表头下没有数值"
    ]
    good_xlsx(store / "good.xlsx")
    result = run(runner, "ingest", "good.xlsx", "--db", DB, "--sheet", "汇总", lang="zh")
    assert result.stderr.splitlines() == [
        "错误[E-SHEET-NOT-FOUND]：good.xlsx：没有名为“汇总”的工作表；工作表有：数据"
    ]


def test_an_unmatched_row_and_a_dry_run_in_chinese(runner, store):
    name = unmatched_file(store)
    result = run(runner, "ingest", name, "--db", DB, "--dry-run", lang="zh")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "警告[W-ROW-UNMATCHED]：unmatched.xlsx › 数据 › B4：“万人高价值专利”没有对应的目标；"
        f"最接近的是：{N}"
    ]
    assert result.stdout.splitlines() == [
        "已核对  unmatched.xlsx（布局：long）：2个数值：新增2个，修订0个，未变0个；1行没有对应的目标",
        "试运行，未写入任何内容：1个文件：可导入1个，以前已导入0个，退回0个；新增数值2个，修订0个",
    ]
    result = run(runner, "ingest", name, "--db", DB, "--strict", lang="zh")
    assert result.stderr.splitlines() == [
        "错误[E-ROW-UNMATCHED]：unmatched.xlsx › 数据 › B4：“万人高价值专利”没有对应的目标；"
        f"最接近的是：{N}"
    ]


def test_a_path_that_does_not_exist_in_chinese(runner, store):
    result = run(runner, "ingest", "nowhere.xlsx", "--db", DB, lang="zh")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "错误[E-PATH-MISSING]：nowhere.xlsx：没有这个文件或文件夹\n"


def test_a_claims_workbook_is_passed_over_with_a_warning(runner, in_tmp):
    from conftest import REPO

    claims = REPO / "sample_data" / "claims" / "漳州市知识产权奖补申报汇总_示例.xlsx"
    result = run(runner, "ingest", str(claims), "--db", DB, "--dry-run")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"Warning[W-FILE-CLAIMS]: {claims}: a claims workbook (申请单位, 单位类型, 措施, 年度), "
        "not statistics: passed over; work it out with ipkpi rewards --city CITY FILE"
    ]
    assert result.stdout.splitlines()[0] == (
        f"skipped   {claims}: claims for ipkpi rewards, not statistics"
    )
    result = run(runner, "ingest", str(claims), "--db", DB, "--dry-run", lang="zh")
    assert result.stderr.splitlines() == [
        f"警告[W-FILE-CLAIMS]：{claims}：这是奖补申请工作簿（申请单位、单位类型、措施、年度），"
        "不是统计数据：已跳过；请用 ipkpi rewards --city 城市 文件 处理"
    ]
    assert result.stdout.splitlines()[0] == (
        f"跳过  {claims}：是供 ipkpi rewards 使用的奖补申请，不是统计数据"
    )
