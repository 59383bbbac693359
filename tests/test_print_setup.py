"""Every sheet of every workbook ipkpi writes prints on A4: the summary (汇总, each city's gap
table, tasks, 趋势, 数据来源), the rewards workbook, the fill-in template and the annotated copy
of a rejected file, in both languages. Read from the workbooks' XML, as Excel reads it:
``<pageSetup>``, ``<sheetPr><pageSetUpPr fitToPage>``, ``<pageMargins>``, the footer, the
``_xlnm.Print_Titles`` names, the trends sheet's ``<rowBreaks>`` against its charts' anchors,
and the columns' widths against the page. No number in a cell or a chart's cache carries
float noise, and a gap on a % target reads in 个百分点.
"""

from __future__ import annotations

import math
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from typer.testing import CliRunner

from ipkpi.cli.app import app
from ipkpi.errors import InputProblem
from ipkpi.ingest.rejects import annotate
from ipkpi.messages import msg, speaking
from ipkpi.output.excel_series import CHARTS_PER_PAGE, TREND_BLOCK
from ipkpi.output.textwidth import display_width
from ipkpi.output.xlsx import clean, lines_needed, row_height
from tests.conftest import REPO, write_workbook

M = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
CLAIMS = REPO / "sample_data" / "claims" / "漳州市知识产权奖补申报汇总_示例.xlsx"

# A4 in inches, less the margins every workbook sets (0.5" left and right).
PRINTABLE_PX = {"landscape": (11.69 - 1.0) * 96, "portrait": (8.27 - 1.0) * 96}
READABLE = 8 / 11  # fitted to the page width, 11-point text prints at 8 points or more


def run(*args: str) -> None:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.stderr


@pytest.fixture(scope="module")
def books(sample_db, tmp_path_factory) -> dict[str, Path]:
    """Every kind of workbook ipkpi writes, zh and en, from the sample data."""
    folder = tmp_path_factory.mktemp("print")
    db = str(sample_db)
    out = {}
    for lang in ("zh", "en"):
        out[f"export-{lang}"] = folder / f"export-{lang}.xlsx"
        run("export", "--all", "--as-of", "2024", "--db", db, "--lang", lang, "-o",
            str(out[f"export-{lang}"]))  # fmt: skip
        out[f"rewards-{lang}"] = folder / f"rewards-{lang}.xlsx"
        run("rewards", "--city", "zhangzhou", str(CLAIMS), "--lang", lang, "-o",
            str(out[f"rewards-{lang}"]))  # fmt: skip
        out[f"template-{lang}"] = folder / f"template-{lang}.xlsx"
        run("template", "--city", "nanjing", "--year", "2025", "--db", db, "--lang", lang,
            "-o", str(out[f"template-{lang}"]))  # fmt: skip
    source = write_workbook(
        folder / "bad.xlsx",
        [["指标", "2023年", "2024年"], ["万人高价值发明专利拥有量", 60.86, "12件左右"]],
        "2024",
    )
    out["annotated"] = folder / "bad.annotated.xlsx"
    message = msg(  # long enough to wrap on the errors sheet
        "E-VALUE-NOT-NUMBER",
        reason=msg("ingest.cell.not_number", text="12件左右"),
        name="万人高价值发明专利拥有量",
        year=2024,
        fix=msg("ingest.fix", text=msg("ingest.fix.not_finite")),
    )
    problem = InputProblem(source, message, "2024", "C2")
    with speaking("en"):  # the longer wording, which wraps in the problem column
        annotate(source, [problem], out["annotated"])
    return out


# --- reading the XML -----------------------------------------------------------------------------


def sheets(path: Path) -> dict[str, ElementTree.Element]:
    """Each sheet's XML by its name, in the workbook's order."""
    with zipfile.ZipFile(path) as z:
        book = ElementTree.fromstring(z.read("xl/workbook.xml"))
        rels = ElementTree.fromstring(z.read("xl/_rels/workbook.xml.rels"))
        target = {r.get("Id"): r.get("Target") for r in rels.iter(f"{REL}Relationship")}
        out = {}
        for s in book.iter(f"{M}sheet"):
            part = target[s.get(f"{R}id")].lstrip("/")
            part = part if part.startswith("xl/") else f"xl/{part}"
            out[s.get("name")] = ElementTree.fromstring(z.read(part))
        return out


def print_titles(path: Path) -> dict[str, str]:
    """Each sheet's ``_xlnm.Print_Titles`` (the rows repeated on every page) by sheet index."""
    with zipfile.ZipFile(path) as z:
        book = ElementTree.fromstring(z.read("xl/workbook.xml"))
    names = [s.get("name") for s in book.iter(f"{M}sheet")]
    return {
        names[int(d.get("localSheetId"))]: d.text
        for d in book.iter(f"{M}definedName")
        if d.get("name") == "_xlnm.Print_Titles"
    }


def page_setup(ws: ElementTree.Element) -> dict[str, object]:
    setup = ws.find(f"{M}pageSetup")
    fit = ws.find(f"{M}sheetPr/{M}pageSetUpPr")
    margins = ws.find(f"{M}pageMargins")
    footer = ws.find(f"{M}headerFooter/{M}oddFooter")
    return {
        "paper": setup.get("paperSize"),
        "orientation": setup.get("orientation"),
        "fit_to_page": fit is not None and fit.get("fitToPage") in ("1", "true"),
        "wide": setup.get("fitToWidth", "1"),  # absent: 1, Excel's default
        "tall": setup.get("fitToHeight"),
        "margins": (float(margins.get("left")), float(margins.get("right"))),
        "page_numbers": footer is not None and "&P" in footer.text and "&N" in footer.text,
    }


def column_widths(ws: ElementTree.Element) -> dict[int, float]:
    """Each used column's width in characters (8.43, Excel's default, where none is set)."""
    widths = {}
    for col in ws.iter(f"{M}col"):
        for n in range(int(col.get("min")), int(col.get("max")) + 1):
            widths[n] = float(col.get("width"))
    used = max(
        (_column(c.get("r")) for c in ws.iter(f"{M}c") if len(c)),  # a value or inline text
        default=1,
    )
    return {n: widths.get(n, 8.43) for n in range(1, used + 1)}


def _column(ref: str) -> int:
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group():
        n = n * 26 + ord(ch) - 64
    return n


# Every sheet's orientation and its repeated header row ("" for none).
SUMMARY = {"汇总": ("landscape", "$4:$4"), "数据来源": ("landscape", "$4:$4"),
           "趋势": ("portrait", "")}  # fmt: skip
SUMMARY_EN = {"Summary": SUMMARY["汇总"], "Data": SUMMARY["数据来源"], "Trends": SUMMARY["趋势"]}
EXPECTED = {
    "export-zh": {
        **SUMMARY,
        **{n: ("landscape", "$4:$4") for n in ("贵州省", "南京市", "石家庄市")},
        **{f"{n}明细": ("portrait", "$4:$4") for n in ("贵州省", "南京市", "石家庄市")},
        **{n: ("landscape", "$4:$4") for n in ("南京市工作任务", "山西省工作任务")},
    },
    "export-en": {
        **SUMMARY_EN,
        **{n: ("landscape", "$4:$4") for n in ("Guizhou", "Nanjing", "Shijiazhuang")},
        **{f"{n} detail": ("portrait", "$4:$4") for n in ("Guizhou", "Nanjing", "Shijiazhuang")},
        **{n: ("landscape", "$4:$4") for n in ("Nanjing tasks", "Shanxi tasks")},
    },
    "rewards-zh": {
        "核算结果": ("landscape", "$4:$4"),
        "汇总": ("portrait", "$3:$3"),
        "规则": ("landscape", "$3:$3"),
    },
    "rewards-en": {
        "Claims": ("landscape", "$4:$4"),
        "Totals": ("portrait", "$3:$3"),
        "Rules": ("landscape", "$3:$3"),
    },
    "template-zh": {"填报说明": ("portrait", ""), "2025年数据填报": ("landscape", "$4:$4")},
    "template-en": {"Instructions": ("portrait", ""), "2025 figures": ("landscape", "$4:$4")},
    "annotated": {
        "ipkpi Errors": ("portrait", "$1:$1"),
        "2024": ("portrait", ""),
    },  # Chinese: the default
}


# --- the page set-up -----------------------------------------------------------------------------


@pytest.mark.parametrize("book", sorted(EXPECTED))
def test_every_sheet_prints_on_a4_one_page_wide(books, book):
    path = books[book]
    found = sheets(path)
    assert set(found) == set(EXPECTED[book])
    titles = print_titles(path)
    for name, ws in found.items():
        orientation, repeat = EXPECTED[book][name]
        assert page_setup(ws) == {
            "paper": "9",
            "orientation": orientation,
            "fit_to_page": True,
            "wide": "1",
            "tall": "0",
            "margins": (0.5, 0.5),
            "page_numbers": True,
        }, (book, name)
        repeated = titles[name].rsplit("!", 1)[1] if name in titles else ""
        assert repeated == repeat, (book, name)


@pytest.mark.parametrize("book", sorted(EXPECTED))
def test_every_sheet_fits_the_page_width_at_a_readable_size(books, book):
    """Fitted to one page wide, the columns shrink by page width ÷ their width: 11-point
    text must still print at 8 points or more (a table too wide wraps its text instead)."""
    for name, ws in sheets(books[book]).items():
        orientation = page_setup(ws)["orientation"]
        pixels = sum(math.floor(w * 7 + 5) for w in column_widths(ws).values())
        if name in ("趋势", "Trends"):
            pixels = max(pixels, 14 * 7 + 5 + 640)  # the charts, 640 px wide, from column B
        scale = min(1.0, PRINTABLE_PX[orientation] / pixels)
        assert scale >= READABLE, (book, name, round(scale, 2), column_widths(ws))


@pytest.mark.parametrize("book", ["export-zh", "export-en"])
def test_no_chart_is_cut_by_a_page_break(books, book):
    trends = next(ws for n, ws in sheets(books[book]).items() if n in ("趋势", "Trends"))
    breaks = [int(b.get("id")) for b in trends.findall(f"{M}rowBreaks/{M}brk")]
    # a break after every CHARTS_PER_PAGE blocks (the break's id: the first row of the next page)
    per_page = TREND_BLOCK * CHARTS_PER_PAGE
    assert breaks == list(range(per_page, per_page * len(breaks) + 1, per_page))
    with zipfile.ZipFile(books[book]) as z:
        drawing = ElementTree.fromstring(z.read("xl/drawings/drawing1.xml"))
    anchors = [
        (int(a.find(f"{XDR}from/{XDR}row").text), int(a.find(f"{XDR}to/{XDR}row").text))
        for a in drawing.iter(f"{XDR}twoCellAnchor")
    ]
    assert len(anchors) == 60
    assert len(breaks) == math.ceil(60 / CHARTS_PER_PAGE) - 1
    for first, last in anchors:  # 0-based rows; a break at id n falls between rows n-1 and n
        assert not any(first < b <= last for b in breaks), (first, last)


# --- numbers -------------------------------------------------------------------------------------


def noisy(text: str) -> bool:
    """A number as written in the XML with float noise: more than 10 significant digits,
    or not what it is to 9 decimals."""
    value = float(text)
    digits = re.sub(r"[^0-9]", "", f"{value!r}".split("e")[0]).strip("0")
    return len(digits) > 10 or value != round(value, 9)


def test_shown_is_what_excel_shows():
    assert shown(-21.21, '#,##0.00"件";"超"#,##0.00"件"') == "超21.21件"
    assert shown(10.6, '#,##0.0"%";-#,##0.0"%"') == "10.6%"
    assert shown(0.375, "0%") == "38%"
    assert shown(1060, "General") == "1060"


def test_noisy_spots_the_noise():
    assert noisy("0.6999999999999993") and noisy("-1.800000000000001")
    assert noisy("9.800000000000002") and noisy("1.0000000001")
    assert not any(noisy(t) for t in ("0.7", "-1.8", "9.8", "71.21", "2024", "0.0333", "1e-05"))


@pytest.mark.parametrize("book", sorted(EXPECTED))
def test_no_float_noise_in_cells_or_chart_caches(books, book):
    numbers = []
    for name, ws in sheets(books[book]).items():
        for c in ws.iter(f"{M}c"):
            v = c.find(f"{M}v")
            if v is not None and c.get("t") in (None, "n"):
                numbers.append((name, c.get("r"), v.text))
    with zipfile.ZipFile(books[book]) as z:
        charts = [n for n in z.namelist() if re.fullmatch(r"xl/charts/chart\d+\.xml", n)]
        for part in charts:
            root = ElementTree.fromstring(z.read(part))
            for v in root.iter(f"{C}numCache"):
                numbers += [(part, "cache", p.text) for p in v.iter(f"{C}v")]
    assert numbers
    assert [n for n in numbers if noisy(n[2])] == []
    if book.startswith("export"):
        assert len(charts) == 60


# --- what the cells show -------------------------------------------------------------------------


def styles(path: Path) -> list[str]:
    """Each cell style's number format code, by the style's index."""
    with zipfile.ZipFile(path) as z:
        root = ElementTree.fromstring(z.read("xl/styles.xml"))
    codes = {int(f.get("numFmtId")): f.get("formatCode") for f in root.iter(f"{M}numFmt")}
    builtin = {0: "General", 1: "0", 2: "0.00", 9: "0%", 10: "0.00%"}
    xfs = root.find(f"{M}cellXfs")
    return [codes.get(int(x.get("numFmtId", 0)), builtin.get(int(x.get("numFmtId", 0)), "?"))
            for x in xfs]  # fmt: skip


def shown(value: float, code: str) -> str:
    """Roughly what Excel shows of ``value`` in the format ``code`` (its widest case)."""
    sections = code.split(";")
    section = sections[1] if value < 0 and len(sections) > 1 else sections[0]
    if section == "General":
        return f"{value:.10g}"
    decimals = len(re.search(r"0(?:\.(0+))?", section).group(1) or "") if "0" in section else 2
    percent = "%" in re.sub(r'"[^"]*"', "", section)  # a % outside quotes multiplies by 100
    sign = "-" if value < 0 and len(sections) == 1 else ""
    number = f"{abs(value) * (100 if percent else 1):,.{decimals}f}"
    return sign + re.sub(r"[#0][#,0]*(\.0+)?", number, section, count=1).replace('"', "")


GAP_SHEETS = {"export-zh": ("贵州省", "南京市", "石家庄市"),
              "export-en": ("Guizhou", "Nanjing", "Shijiazhuang")}  # fmt: skip
DETAIL_SHEETS = {"export-zh": ("贵州省明细", "南京市明细", "石家庄市明细"),
                 "export-en": ("Guizhou detail", "Nanjing detail", "Shijiazhuang detail")}  # fmt: skip


@pytest.mark.parametrize("book", sorted(EXPECTED))
def test_no_number_is_wider_than_its_column(books, book):
    """What would show as ### in Excel: a figure with its unit wider than its column."""
    codes = styles(books[book])
    for name, ws in sheets(books[book]).items():
        widths = column_widths(ws)
        for c in ws.iter(f"{M}c"):
            v = c.find(f"{M}v")
            if v is None or c.get("t") not in (None, "n"):
                continue
            text = shown(float(v.text), codes[int(c.get("s", 0))])
            assert display_width(text) <= widths[_column(c.get("r"))] - 1, (name, c.get("r"), text)


def gap_cells(path: Path, sheet: str) -> list[tuple[str, str]]:
    """(unit, the gap's number format) of each gap table row with a gap."""
    from openpyxl import load_workbook

    from ipkpi.output.excel_plans import GAP_COLUMNS

    ws = load_workbook(path)[sheet]
    unit, gap = GAP_COLUMNS.index("unit") + 1, GAP_COLUMNS.index("gap") + 1
    return [
        (ws.cell(r, unit).value, ws.cell(r, gap).number_format)
        for r in range(5, ws.max_row + 1)
        if ws.cell(r, gap).value is not None
    ]


@pytest.mark.parametrize(("book", "points"), [("export-zh", "个百分点"),
                                               ("export-en", " percentage points")])  # fmt: skip
def test_the_gap_of_a_percent_target_is_in_percentage_points(books, book, points):
    rows = [row for name in GAP_SHEETS[book] for row in gap_cells(books[book], name)]
    percent = [fmt for unit, fmt in rows if unit == "%"]
    assert len(percent) >= 3
    for fmt in percent:
        assert fmt.count(f'{points}"') == 2 and '"%"' not in fmt, fmt
    others = [fmt for unit, fmt in rows if unit != "%"]
    assert others and not any("百分点" in f or "points" in f for f in others)


# --- wrapped text -------------------------------------------------------------------------------


def wrapped_styles(path: Path) -> set[int]:
    with zipfile.ZipFile(path) as z:
        root = ElementTree.fromstring(z.read("xl/styles.xml"))
    return {
        i
        for i, x in enumerate(root.find(f"{M}cellXfs"))
        if (a := x.find(f"{M}alignment")) is not None and a.get("wrapText") in ("1", "true")
    }


def shared_strings(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        if "xl/sharedStrings.xml" not in z.namelist():
            return []
        root = ElementTree.fromstring(z.read("xl/sharedStrings.xml"))
    return ["".join(t.text or "" for t in si.iter(f"{M}t")) for si in root.iter(f"{M}si")]


@pytest.mark.parametrize("book", sorted(EXPECTED))
def test_rows_of_wrapped_text_are_tall_enough(books, book):
    """A cell whose text wraps gets a row as tall as its lines (xlsxwriter sets no height by
    itself, and a short row hides the text or lets it run over the rows below)."""
    path = books[book]
    wraps, strings = wrapped_styles(path), shared_strings(path)
    checked = 0
    for name, ws in sheets(path).items():
        widths = column_widths(ws)
        merged = {m.get("ref").split(":")[0] for m in ws.iter(f"{M}mergeCell")}
        for row in ws.iter(f"{M}row"):
            height = float(row.get("ht", 15))
            for c in row.iter(f"{M}c"):
                if int(c.get("s", 0)) not in wraps or c.get("r") in merged:
                    continue
                v = c.find(f"{M}v")
                if c.get("t") == "s" and v is not None:
                    text = strings[int(v.text)]
                elif c.get("t") == "inlineStr":  # openpyxl's strings
                    text = "".join(t.text or "" for t in c.iter(f"{M}t"))
                else:
                    continue
                lines = lines_needed(text, widths.get(_column(c.get("r")), 8.43))
                assert height >= 15 * lines, (book, name, c.get("r"), text, height)
                checked += lines > 1
    assert checked  # some text does wrap in every workbook


def test_clean_and_lines_needed():
    assert [clean(v) for v in (0.6999999999999993, -1.800000000000001, 9.800000000000002)] == [
        0.7,
        -1.8,
        9.8,
    ]
    assert clean(2024) == 2024 and isinstance(clean(2024), int)
    assert (clean(51.266666666666666, 4), clean(-1e-12), clean(1 / 3)) == (
        51.2667,
        0.0,
        0.333333333,
    )
    assert math.copysign(1, clean(-1e-12)) == 1  # never -0
    assert lines_needed("万人版权登记量", 8) == 2  # 14 columns of text in 7 usable
    assert lines_needed("a\nb", 40) == 2
    assert row_height([("x", 10), ("y" * 30, 11)]) == 45
