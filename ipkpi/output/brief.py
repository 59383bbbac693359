"""``ipkpi brief`` as a Word document laid out after GB/T 9704-2012 (党政机关公文格式): A4,
margins 37 mm top, 28 mm left, 35 mm bottom, 26 mm right; the title in 2号 (22 pt) 方正小标宋简体,
section headings in 3号 黑体, subheadings in 3号 楷体_GB2312, the text in 3号 仿宋_GB2312 on a
28 pt line with a two-character first-line indent, tables in 小4 (12 pt), page numbers in 4号
(14 pt) 宋体 as "— 1 —", right on odd pages and left on even ones, one character in. The
fonts are named as the standard names them (an office PC has them); a viewer without one
substitutes its own and the document still opens clean.

python-docx is imported here only, when a brief is written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ipkpi.files import write_workbook
from ipkpi.output import charts as charts_module
from ipkpi.views.brief import Block, Brief, Table

if TYPE_CHECKING:
    from docx.document import Document

TITLE_FONT, TITLE_PT = "方正小标宋简体", 22  # 2号
HEADING_FONT, SUBHEADING_FONT, BODY_FONT, BODY_PT = "黑体", "楷体_GB2312", "仿宋_GB2312", 16  # 3号
TABLE_PT = 12  # 小4
PAGE_FONT, PAGE_PT = "宋体", 14  # 4号
LINE_PT = 28  # the body's fixed line spacing
MARGINS_MM = {"top": 37, "left": 28, "bottom": 35, "right": 26}
# The indicator table's columns (mm), 156 mm across: 210 mm less the side margins.
COLUMN_MM = (11, 33, 13, 19, 19, 20, 25, 16)
PLACEHOLDER_RGB = (0x80, 0x80, 0x80)


@dataclass(frozen=True)
class Written:
    path: Path
    charts: int  # drawn
    without_charts: int  # trends left out: no Chinese font on this machine


def write_brief(path: Path, brief: Brief, font: str | None = None) -> Written:
    """Write ``brief`` to ``path`` (a .docx), whole or not at all; its trends drawn with
    ``font`` (a Chinese font family; by default the one found on the machine, and with none
    the brief goes without them, ``without_charts`` saying how many)."""
    charts = [b.chart for s in brief.sections for b in s.blocks if b.chart is not None]
    if font is None and charts:
        font = charts_module.cjk_font()

    def write(tmp: Path) -> Written:
        _document(brief, font).save(str(tmp))
        drawn = len(charts) if font else 0
        return Written(path, drawn, len(charts) - drawn)

    return write_workbook(path, write)


def _document(brief: Brief, font: str | None) -> Document:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    document = docx.Document()
    _page(document)
    _styles(document)
    for line in (brief.title, brief.subtitle):
        p = document.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.first_line_indent = 0
        _run(p, line, TITLE_FONT, TITLE_PT)
    document.add_paragraph()
    for section in brief.sections:
        _heading(document, section.heading, HEADING_FONT)
        for block in section.blocks:
            if block.chart is not None:
                if font:
                    _chart(document, block.chart, font)
            else:
                _block(document, block)
    return document


def _chart(document: Document, chart, font: str) -> None:
    import io

    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    png = charts_module.trend_png(
        chart.title, list(chart.points), chart.goal, chart.goal_label, font
    )
    document.add_picture(io.BytesIO(png), width=Mm(120))
    picture = document.paragraphs[-1]
    picture.alignment = WD_ALIGN_PARAGRAPH.CENTER
    picture.paragraph_format.first_line_indent = 0
    picture.paragraph_format.line_spacing = None  # a picture's line is its own height


def _page(document: Document) -> None:
    from docx.shared import Mm

    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.right_margin = Mm(MARGINS_MM["right"])
    document.settings.odd_and_even_pages_header_footer = True
    _page_number(section.footer.paragraphs[0], odd=True)
    _page_number(section.even_page_footer.paragraphs[0], odd=False)


def _styles(document: Document) -> None:
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Pt

    normal = document.styles["Normal"]
    _fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    normal.font.size = Pt(BODY_PT)
    fmt = normal.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(LINE_PT)
    fmt.first_line_indent = Pt(BODY_PT * 2)
    fmt.space_before = fmt.space_after = Pt(0)


def _fonts(rpr, name: str) -> None:
    """A font for every script of a run (Word takes Chinese from eastAsia)."""
    from docx.oxml.ns import qn

    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = rpr.makeelement(qn("w:rFonts"), {})
        rpr.insert(0, fonts)
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), name)


def _run(paragraph, text: str, font: str, size: float, bold: bool = False, rgb=None):
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(text)
    _fonts(run._r.get_or_add_rPr(), font)
    run.font.size = Pt(size)
    run.font.bold = bold
    if rgb is not None:
        run.font.color.rgb = RGBColor(*rgb)
    return run


def _heading(document: Document, text: str, font: str) -> None:
    p = document.add_paragraph()
    p.paragraph_format.first_line_indent = 0
    p.paragraph_format.keep_with_next = True
    _run(p, text, font, BODY_PT)


def _block(document: Document, block: Block) -> None:
    if block.kind == "subheading":
        p = document.add_paragraph()
        p.paragraph_format.keep_with_next = True
        _run(p, block.text, SUBHEADING_FONT, BODY_PT)
    elif block.kind == "table" and block.table is not None:
        _table(document, block.table)
    else:
        rgb = PLACEHOLDER_RGB if block.kind == "placeholder" else None
        _run(document.add_paragraph(), block.text, BODY_FONT, BODY_PT, rgb=rgb)


def _table(document: Document, table: Table) -> None:
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_LINE_SPACING
    from docx.shared import Mm

    grid = document.add_table(rows=1 + len(table.rows), cols=len(table.header))
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    for c, column in enumerate(grid.columns):  # the grid: what LibreOffice and WPS lay out by
        column.width = Mm(COLUMN_MM[c] if c < len(COLUMN_MM) else 20)
    for r, row in enumerate((table.header, *table.rows)):
        for c, text in enumerate(row):
            cell = grid.cell(r, c)
            cell.width = Mm(COLUMN_MM[c] if c < len(COLUMN_MM) else 20)
            p = cell.paragraphs[0]
            p.paragraph_format.first_line_indent = 0
            p.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
            _run(p, text, HEADING_FONT if r == 0 else BODY_FONT, TABLE_PT)
    _repeat_header(grid.rows[0])


def _repeat_header(row) -> None:
    """The header row on every page the table runs onto."""
    from docx.oxml.ns import qn

    properties = row._tr.get_or_add_trPr()
    header = properties.makeelement(qn("w:tblHeader"), {qn("w:val"): "true"})
    properties.append(header)


def _page_number(paragraph, odd: bool) -> None:
    """— 1 —: the PAGE field between two dashes, right on odd pages, left on even ones,
    one character (4号) in from the edge."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT if odd else WD_ALIGN_PARAGRAPH.LEFT
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = 0
    if odd:
        fmt.right_indent = Pt(PAGE_PT)
    else:
        fmt.left_indent = Pt(PAGE_PT)
    _run(paragraph, "— ", PAGE_FONT, PAGE_PT)
    field = _run(paragraph, "", PAGE_FONT, PAGE_PT)
    begin = field._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): "begin"})
    code = field._r.makeelement(qn("w:instrText"), {qn("xml:space"): "preserve"})
    code.text = " PAGE "
    separate = field._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): "separate"})
    shown = field._r.makeelement(qn("w:t"), {})
    shown.text = "1"  # until the viewer works the field out
    end = field._r.makeelement(qn("w:fldChar"), {qn("w:fldCharType"): "end"})
    for element in (begin, code, separate, shown, end):
        field._r.append(element)
    _run(paragraph, " —", PAGE_FONT, PAGE_PT)
