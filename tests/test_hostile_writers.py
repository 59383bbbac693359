"""Text from outside is written as text, by every writer (issue 20, ipkpi.textsafe).

ONE hostile fixture, built here in a temp folder: a catalogue whose plan title, English
place name, English target name and quote look like formulas; a statistics workbook named
``=1+2.xlsx`` with a sheet ``=1+2`` and formula-like notes (备注); a progress sheet with
formula-like notes; a claims workbook whose applicants are formula-like; and, in the inbox
of ``ipkpi run``, two files it must reject (an .xlsx and a .csv named ``=1+2``) whose cells
hold formula-like text and one real formula.

From it, every .xlsx ipkpi can write (the summary in both languages, the rewards workbook,
the fill-in template, the annotated copies of the rejected files) must hold no ``<f>``
element in any sheet, and every CSV ipkpi can write (``-f csv`` of each command that has
it) no cell starting with an unescaped ``=``, ``+``, ``-``, ``@``, tab or CR — while
numbers stay numbers.
"""

from __future__ import annotations

import csv
import io
import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from conftest import GOOD_PLAN, REPO
from typer.testing import CliRunner

from ipkpi.cli.app import app
from ipkpi.textsafe import csv_cell, is_formula_like

CMD = "=cmd|' /C calc'!A0"
LINK = '=HYPERLINK("http://x.example/","y")'
HOSTILE = [CMD, "+1+1", "-2+3", "@SUM(A1)", "\t=1", LINK]
APPLICANTS = [h.strip() for h in HOSTILE]  # claims are read without surrounding spaces
NAME = "=1+2"  # a sheet name, a file name and the English place name
CSV_NAME = "-2+3"  # the rejected CSV file's name
TITLE = "-2+3 测试市知识产权工作方案"
MEASURE = "invention_patents_per_10k.high_value"
CLAIM_HEADER = [
    "申请单位",
    "单位类型",
    "措施",
    "年度",
    "新引进企业",
    "两年内新增发明专利",
    "其中高价值发明专利",
    "备注",
]
FORMULA_CELL = re.compile(rb"<f[ >/]")


def _plan() -> str:
    changes = {
        'title = "测试市知识产权工作方案(2022—2025年)"': f'title = "{TITLE}"',
        'place_en = "Testville"': f'place_en = "{NAME}"',
        'quote = "万人高价值发明专利拥有量达50件"': (
            'quote = "=HYPERLINK(\\"http://x.example/\\",\\"y\\")"\n'
            'name_en = "+1+1"\n'
            f'measure = "{MEASURE}"'
        ),
    }
    text = GOOD_PLAN
    for old, new in changes.items():
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def _book(path: Path, title: str, rows: list[list[object]]) -> Path:
    """One sheet of ``rows``; every str a text cell, whatever it starts with (openpyxl
    would make a formula of a str starting with '=')."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row, start=1):
            if value is not None:
                cell = sheet.cell(row=r, column=c)
                cell.value = value
                if isinstance(value, str):
                    cell.data_type = "s"
    workbook.save(path)
    return path


def _rejected_xlsx(path: Path) -> Path:
    """A file ``ipkpi run`` rejects (text where D2's number should be), with formula-like
    text cells and one real formula (=1+2, cached value 3) in its notes column."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet(NAME)
    rows = [
        ["城市", "指标", "年份", "数值", "备注"],
        ["测试市", "万人高价值发明专利拥有量", 2024, LINK, CMD],
        ["测试市", "注册商标", 2024, 1200, None],
    ]
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, str):
                sheet.write_string(r, c, value)
            elif value is not None:
                sheet.write_number(r, c, value)
    sheet.write_formula(2, 4, "=1+2", None, 3)
    workbook.close()
    return path


class Site:
    def __init__(self, root: Path):
        self.root = root
        self.cat = root / "cat"
        self.db = root / "store.db"
        self.inbox = root / "inbox"
        self.out = root / "out"
        self.csv: dict[str, str] = {}
        self.xlsx: dict[str, Path] = {}

    def ipkpi(self, *args: str, code: int = 0) -> str:
        result = CliRunner().invoke(app, list(args))
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output
        assert result.exit_code == code, (args, result.output)
        return result.stdout


def _build(root: Path) -> Site:
    s = Site(root)
    stats, progress, claims = _inputs(s)
    s.ipkpi("ingest", str(stats), "--db", str(s.db), "--targets", str(s.cat))
    s.ipkpi("ingest", str(progress), "--city", "shanxi", "--db", str(s.db), "--targets", str(s.cat))
    _csvs(s, claims)
    _workbooks(s, claims)
    _run(s)
    return s


def _inputs(s: Site) -> tuple[Path, Path, Path]:
    """The catalogue, the statistics workbook, the progress sheet, the claims workbook."""
    root = s.root
    s.cat.mkdir()
    (s.cat / "testville.toml").write_text(_plan(), encoding="utf-8")
    for city in ("nanjing", "shanxi", "zhangzhou"):
        shutil.copy(REPO / "targets" / f"{city}.toml", s.cat)
    stats = _book(
        root / f"{NAME}.xlsx",
        NAME,
        [
            ["城市", "指标", "年份", "数值", "备注"],
            ["测试市", "万人高价值发明专利拥有量", 2023, 45.5, HOSTILE[0]],
            ["测试市", "注册商标", 2022, 1100, HOSTILE[1]],
            ["测试市", "注册商标", 2023, 1150, HOSTILE[2]],
            ["测试市", "知识产权保护社会满意度", 2023, 86.8, HOSTILE[5]],
        ],
    )
    progress = _book(
        root / f"{NAME} 进展.xlsx",
        "进展",
        [
            ["山西省2022-2023年工作要点任务进展"],
            ["任务编号", "任务名称", "进展状态", "完成时间", "备注"],
            [1, "强省建设顶层设计", "持续推进", None, HOSTILE[3]],
            [2, "强市强县和试点园区创建", "推进中", None, HOSTILE[4]],
        ],
    )
    claims = _book(
        root / f"{NAME} 申报.xlsx",
        NAME,
        [CLAIM_HEADER]
        + [
            [who, "企业", "(一)", 2024, "是", 40, 14, HOSTILE[i - 1]]
            for i, who in enumerate(HOSTILE)
        ],
    )
    return stats, progress, claims


def _csvs(s: Site, claims: Path) -> None:
    """``-f csv`` of every command that has it."""
    targets, db = ["--targets", str(s.cat)], ["--db", str(s.db)]
    c = s.csv
    c["cities"] = s.ipkpi("cities", "-f", "csv", *targets)
    c["targets show"] = s.ipkpi("targets", "show", "--city", "testville", "-f", "csv", *targets)
    c["data show"] = s.ipkpi("data", "show", "--city", "testville", "-f", "csv", *db, *targets)
    c["data show --history"] = s.ipkpi(
        "data", "show", "--city", "testville", "--history", "-f", "csv", *db, *targets
    )
    for lang in ("zh", "en"):
        c[f"report --lang {lang}"] = s.ipkpi(
            "report", "--city", "testville", "--as-of", "2023", "--lang", lang, "-f", "csv",
            *db, *targets,
        )  # fmt: skip
    c["tasks"] = s.ipkpi("tasks", "--city", "shanxi", "-f", "csv", *db, *targets)
    c["rewards"] = s.ipkpi("rewards", "--city", "zhangzhou", str(claims), "-f", "csv", *targets)
    c["missing"] = s.ipkpi(
        "missing", "--city", "testville", "--year", "2024", "-f", "csv", *db, *targets
    )
    c["compare"] = s.ipkpi("compare", "-m", MEASURE, "-f", "csv", *db, *targets)
    c["compare (measures)"] = s.ipkpi("compare", "-f", "csv", *db, *targets)


def _workbooks(s: Site, claims: Path) -> None:
    """The summary, the rewards workbook and the template, in both languages."""
    root, targets, db = s.root, ["--targets", str(s.cat)], ["--db", str(s.db)]
    x = s.xlsx
    for lang in ("zh", "en"):
        x[f"export --lang {lang}"] = root / f"{NAME} export {lang}.xlsx"
        s.ipkpi(
            "export", "--city", "testville", "--city", "shanxi", "--as-of", "2023", "--lang",
            lang, "-o", str(x[f"export --lang {lang}"]), *db, *targets,
        )  # fmt: skip
    x["rewards -o"] = root / f"{NAME} rewards.xlsx"
    s.ipkpi("rewards", "--city", "zhangzhou", str(claims), "-o", str(x["rewards -o"]), *targets)
    for lang in ("zh", "en"):
        x[f"template --lang {lang}"] = root / f"{NAME} template {lang}.xlsx"
        s.ipkpi(
            "template", "--city", "testville", "--year", "2024", "--lang", lang, "-o",
            str(x[f"template --lang {lang}"]), *db, *targets,
        )  # fmt: skip


def _run(s: Site) -> None:
    """``ipkpi run`` on an inbox of two files it rejects: their annotated copies."""
    root, x = s.root, s.xlsx
    s.inbox.mkdir()
    _rejected_xlsx(s.inbox / f"{NAME}.xlsx")
    rows = [["城市", "指标", "年份", "数值", "备注"], ["测试市", "注册商标", "2024", LINK, CMD]]
    with open(s.inbox / f"{CSV_NAME}.csv", "w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(
            rows + [["测试市", "注册商标", "2023", "1150", h] for h in HOSTILE]
        )
    config = root / "ipkpi.toml"
    config.write_text(
        f'inbox = "{s.inbox.as_posix()}"\noutput = "{s.out.as_posix()}"\n'
        f'store = "{s.db.as_posix()}"\ntargets = "{s.cat.as_posix()}"\n'
        'cities = ["testville"]\nsettle_seconds = 0\n',
        encoding="utf-8",
    )
    s.ipkpi("run", "--config", str(config), code=1)
    x["run: annotated .xlsx"] = s.inbox / "rejected" / f"{NAME}.annotated.xlsx"
    x["run: annotated .csv"] = s.inbox / "rejected" / f"{CSV_NAME}.annotated.xlsx"
    for found in sorted(s.out.rglob("*.xlsx")):
        x[f"run: {found.name}"] = found


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    return _build(tmp_path_factory.mktemp("hostile"))


CSVS = [
    "cities",
    "targets show",
    "data show",
    "data show --history",
    "report --lang zh",
    "report --lang en",
    "tasks",
    "rewards",
    "missing",
    "compare",
    "compare (measures)",
]


# Text from the fixture each workbook holds, as a string cell or a sheet name: so the scan
# for formulas below is not vacuous. (The Chinese template names only the catalogue's
# Chinese names, none of them formula-like: it is scanned all the same.)
TEXT_IN = {
    "export --lang zh": {NAME, TITLE, HOSTILE[3]},
    "export --lang en": {NAME, TITLE, HOSTILE[1], HOSTILE[3]},
    "rewards -o": set(APPLICANTS),
    "template --lang zh": set(),
    "template --lang en": {NAME, HOSTILE[1]},
    "run: annotated .xlsx": {NAME, CMD, LINK},
    "run: annotated .csv": {CSV_NAME, *HOSTILE},
    "run: testville-latest.xlsx": {NAME, TITLE},
}


def sheet_xml(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {
            n: z.read(n) for n in z.namelist() if re.fullmatch(r"xl/worksheets/sheet\d+\.xml", n)
        }


def texts(path: Path) -> set[str]:
    """Every string cell's text and every sheet name in the workbook."""
    workbook = openpyxl.load_workbook(path)
    cells = {
        c.value for ws in workbook for row in ws.iter_rows() for c in row if c.data_type == "s"
    }
    return cells | set(workbook.sheetnames)


def unescaped(cell: str) -> bool:
    """A CSV cell a spreadsheet could take for a formula: a leading =, +, -, @, tab or CR,
    unless it is a plain number."""
    if cell[:1] in ("\t", "\r"):
        return True
    return cell.lstrip(" ")[:1] in ("=", "+", "-", "@") and not re.fullmatch(
        r"[+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?", cell.strip()
    )


@pytest.mark.parametrize("writer", list(TEXT_IN))
def test_no_workbook_holds_a_formula(site, writer):
    path = site.xlsx[writer]
    sheets = sheet_xml(path)
    assert sheets, f"{path.name}: no sheets"
    assert {n: len(FORMULA_CELL.findall(x)) for n, x in sheets.items()} == dict.fromkeys(sheets, 0)
    assert TEXT_IN[writer] <= texts(path)


def test_every_workbook_written_was_scanned(site):
    """Every .xlsx in the folder that ipkpi wrote (not the fixture's own inputs) is free of
    formulas: the run's dated report too."""
    inputs = {f"{NAME}.xlsx", f"{NAME} 进展.xlsx", f"{NAME} 申报.xlsx"}
    written = [p for p in site.root.rglob("*.xlsx") if p.name not in inputs]
    assert len(written) == 9
    for path in written:
        assert not any(FORMULA_CELL.search(x) for x in sheet_xml(path).values()), path


def test_the_annotated_copy_keeps_text_as_text_and_a_real_formula_as_its_value(site):
    workbook = openpyxl.load_workbook(site.xlsx["run: annotated .xlsx"])
    assert workbook.sheetnames == ["ipkpi 错误", NAME]  # the run spoke Chinese, the default
    sheet = workbook[NAME]
    assert [(c.value, c.data_type) for c in sheet[2]] == [
        ("测试市", "s"),
        ("万人高价值发明专利拥有量", "s"),
        (2024, "n"),
        (LINK, "s"),
        (CMD, "s"),
    ]
    assert (sheet["E3"].value, sheet["E3"].data_type) == (3, "n")  # =1+2, cached value 3
    errors = workbook["ipkpi 错误"]
    assert [c.value for c in errors[1]] == ["工作表", "单元格", "问题"]
    # the problem's own words are ingest's values' (tested there); here: kept as text
    assert [c.value for c in errors[2]][:2] == [NAME, "D2"]
    assert errors["C2"].data_type == "s" and LINK in errors["C2"].value
    assert errors["B2"].hyperlink.location == f"'{NAME}'!D2"


def test_the_annotated_copy_of_a_csv_keeps_text_as_text(site):
    workbook = openpyxl.load_workbook(site.xlsx["run: annotated .csv"])
    sheet = workbook[CSV_NAME]
    assert [sheet.cell(row=r, column=5).value for r in range(2, 9)] == [CMD, *HOSTILE]
    assert [sheet.cell(row=r, column=5).data_type for r in range(2, 9)] == ["s"] * 7
    assert (sheet["D2"].value, sheet["D3"].value, sheet["C3"].value) == (LINK, 1150, 2023)


@pytest.mark.parametrize("command", CSVS)
def test_no_csv_cell_starts_a_formula(site, command):
    rows = list(csv.reader(io.StringIO(site.csv[command])))
    assert len(rows) > 1
    assert [cell for row in rows for cell in row if unescaped(cell)] == []


# The formula-like text each CSV carries, escaped: the rule did reach it.
ESCAPED_IN = {
    "cities": ["'" + TITLE],
    "targets show": ["'+1+1", "'" + LINK],
    "data show": ["'=1+2"] * 4,
    "data show --history": ["'=1+2"] * 4,
    "tasks": ["'@SUM(A1)", "'=1"],  # a note is stored without its surrounding spaces
    "rewards": ["'" + who for who in APPLICANTS],
}


@pytest.mark.parametrize("command", list(ESCAPED_IN))
def test_formula_like_text_is_escaped(site, command):
    rows = list(csv.reader(io.StringIO(site.csv[command])))
    assert [cell for row in rows for cell in row if cell.startswith("'")] == ESCAPED_IN[command]


def test_negative_numbers_stay_numbers(site):
    """86.8 against a target of > 85: the gap is -1.8, the required rate -0.9."""
    lines = site.csv["report --lang zh"].splitlines()
    assert lines[3] == (
        "testville-2022-2025,2023,satisfaction,知识产权保护社会满意度,知识产权保护,,level,>,"
        "85,%,2025,2023,86.8,2023,86.8,%,2023,86.8,-1.8,,,,,,2,-0.9,,个百分点/年,,,linear,"
        "achieved,已达标,,2023年为86.8%，已提前达到目标（>85%）,"
        "规划未给出基期值，以2023年数据86.8%为基期"  # plain words, no 目录 (issue 21)
    )
    rewards = site.csv["rewards"].splitlines()
    assert rewards[3] == (
        "4,'-2+3,enterprise,(一),newcomer_patents,2024,True,,新引進企業：是；"
        "兩年內新增發明專利40件，不少于40件；其中高價值發明專利14件，"
        "占兩年內新增發明專利40件不少于1/3,50.0 万元,50.0,50.0,False"
    )


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("=1+2", "'=1+2"),
        ("+1+1", "'+1+1"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        (" =1+2", "' =1+2"),
        ("-", "'-"),
        ("-e5", "'-e5"),
        ("-1.8", "-1.8"),
        ("+3", "+3"),
        ("-1,234.5", "-1,234.5"),
        ("+2.5%", "+2.5%"),
        ("-1e-05", "-1e-05"),
        ("1-2", "1-2"),
        ("测试市", "测试市"),
        ("", ""),
        (-1.8, -1.8),
        (3, 3),
        (None, None),
    ],
)
def test_the_csv_rule(value, written):
    assert csv_cell(value) == written
    if isinstance(value, str):
        assert is_formula_like(value) is (written != value)
