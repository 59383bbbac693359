"""Plans written for the tests the way 十五五 plans are published: one indicator table and a
sentence that restates a row, as a text file pasted from a web page (one cell a line), a web
page (the category merged down with rowspan), a Word file (merged cells) and a PDF whose
text layer has the table's cells split by spaces. Each is written into a temp folder."""

from __future__ import annotations

from pathlib import Path

TITLE = "测试市知识产权发展“十五五”规划（2026—2030年）"
HEADINGS = ("二、主要目标",)
SENTENCE = "到2030年，每万人口高价值发明专利拥有量达到20件。"
CAPTION = "表1 测试市“十五五”知识产权发展主要指标"
HEADER = ("类别", "序号", "指标", "单位", "2025年", "2030年", "属性")
ROWS = (
    ("知识产权创造", "1", "每万人口高价值发明专利拥有量", "件", "12.5", "20", "预期性"),
    ("知识产权创造", "2", "有效注册商标量", "万件", "42.3", "55", "预期性"),
    ("知识产权运用", "3", "知识产权质押融资登记金额", "亿元", "150", "[800]", "预期性"),
    (
        "知识产权运用",
        "4",
        "专利密集型产业增加值占地区生产总值比重",
        "%",
        "13.2",
        "16左右",
        "预期性",
    ),
    ("知识产权保护", "5", "知识产权保护社会满意度", "分", "82", "≥85", "约束性"),
    ("知识产权保护", "6", "知识产权纠纷调解组织覆盖率", "%", "85", "实现全覆盖", "预期性"),
)
NOTE = "注：[ ]内为五年累计数。"
AFTER = "三、重点任务"


def write_txt(folder: Path) -> Path:
    """As pasted from a web page: each cell on a line of its own ending in |, a merged
    category cell once, before the first row of its group."""
    lines = [TITLE, "", HEADINGS[0], SENTENCE, f"{CAPTION} | ||||||"]
    lines += [f"{h} |" for h in HEADER]
    group = None
    for row in ROWS:
        if row[0] != group:
            lines.append(f"{row[0]} |")
            group = row[0]
        lines += [f"{c} |" for c in row[1:]]
    lines += [NOTE, AFTER]
    path = folder / "plan.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_html(folder: Path) -> Path:
    cells = "".join(f"<th>{h}</th>" for h in HEADER)
    body = [f"<tr>{cells}</tr>"]
    group = None
    for row in ROWS:
        first = ""
        if row[0] != group:
            span = sum(r[0] == row[0] for r in ROWS)
            first = f'<td rowspan="{span}">{row[0]}</td>'
            group = row[0]
        body.append("<tr>" + first + "".join(f"<td>{c}</td>" for c in row[1:]) + "</tr>")
    html = (
        "<html><head><title>规划</title><style>p {color: red}</style></head><body>"
        f"<h1>{TITLE}</h1><p>{HEADINGS[0]}</p><p>{SENTENCE}</p><p>{CAPTION}</p>"
        f"<table>{''.join(body)}</table><p>{NOTE}</p><p>{AFTER}</p></body></html>"
    )
    path = folder / "plan.html"
    path.write_text(html, encoding="utf-8")
    return path


def write_docx(folder: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_heading(HEADINGS[0], level=1)
    document.add_paragraph(SENTENCE)
    document.add_paragraph(CAPTION)
    table = document.add_table(rows=len(ROWS) + 1, cols=len(HEADER))
    for c, h in enumerate(HEADER):
        table.cell(0, c).text = h
    for r, row in enumerate(ROWS, 1):
        for c, value in enumerate(row[1:], 1):
            table.cell(r, c).text = value
    start = 1
    for r in range(1, len(ROWS) + 1):  # the category cell merged down its group
        if r == len(ROWS) or ROWS[r][0] != ROWS[r - 1][0]:
            merged = table.cell(start, 0).merge(table.cell(r, 0))
            merged.text = ROWS[r - 1][0]
            start = r + 1
    document.add_paragraph(NOTE)
    document.add_heading(AFTER, level=1)
    path = folder / "plan.docx"
    document.save(str(path))
    return path


def write_pdf(folder: Path) -> Path:
    lines = [TITLE, HEADINGS[0], SENTENCE, CAPTION, " ".join(HEADER)]
    group = None
    for row in ROWS:
        cells = row if row[0] != group else row[1:]
        group = row[0]
        lines.append(" ".join(cells))
    lines += [NOTE, AFTER]
    path = folder / "plan.pdf"
    path.write_bytes(pdf_with_text(lines))
    return path


WRITERS = {"txt": write_txt, "html": write_html, "docx": write_docx, "pdf": write_pdf}


def pdf_with_text(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (characters of the BMP): a Type0 font
    with Identity-H encoding whose glyph ids are the characters' code points, and a
    ToUnicode map saying so — what a text extractor reads (no glyph is drawn from it)."""
    chars = sorted({ord(c) for line in lines for c in line})
    pairs = "\n".join(f"<{c:04X}> <{c:04X}>" for c in chars)
    to_unicode = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"{len(chars)} beginbfchar\n{pairs}\nendbfchar\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    )
    ops = ["BT", "/F1 10 Tf", "12 TL", "40 800 Td"]
    ops += ["<" + "".join(f"{ord(c):04X}" for c in line) + "> Tj T*" for line in lines]
    content = "\n".join([*ops, "ET"])
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content.encode())} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type0 /BaseFont /Song /Encoding /Identity-H "
        "/DescendantFonts [6 0 R] /ToUnicode 7 0 R >>",
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Song "
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> "
        "/FontDescriptor 8 0 R /DW 1000 >>",
        f"<< /Length {len(to_unicode.encode())} >>\nstream\n{to_unicode}\nendstream",
        "<< /Type /FontDescriptor /FontName /Song /Flags 4 /FontBBox [0 0 1000 1000] "
        "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{n} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\n".encode()
    out += f"startxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
