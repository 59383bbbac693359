"""Read a plan as published — .txt, .html (as saved from a government site), .docx or a PDF
with a text layer — into a ``Document``. python-docx and pypdf are imported only here, and
only for their format.

Text lines are sorted the same way whatever the format (``Lines``): a heading (第一章, 一、,
(一), 专栏1, 表1, a ——dash line's first clause), a paragraph, or a table row — cells split
by ``|`` or tabs, a web page's table pasted one cell a line (``专栏1:… |`` then ``类别 |``,
``序号 |``, …), or, under a header such as ``指标 2025年 2030年`` (a PDF's text layer),
cells split by spaces.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ipkpi.draft.document import Block, Document
from ipkpi.errors import DraftError
from ipkpi.messages import msg

SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")


def read_document(path: Path) -> Document:
    """The blocks of ``path``; a ``DraftError`` when it cannot be read or holds no text."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DraftError(msg("E-DRAFT-FORMAT", file=path.name, suffixes=" ".join(SUFFIXES)))
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DraftError(msg("E-DRAFT-UNREADABLE", file=path.name, reason=exc.strerror)) from exc
    if suffix == ".txt":
        blocks = _text_blocks(decode(data, path).splitlines())
    elif suffix in (".html", ".htm"):
        blocks = _html_blocks(decode(data, path))
    elif suffix == ".docx":
        blocks = _docx_blocks(path)
    else:
        blocks = _pdf_blocks(path)
    if not any(b.text.strip() or b.rows for b in blocks):
        reason = "pdf" if suffix == ".pdf" else "empty"
        raise DraftError(msg(f"E-DRAFT-NO-TEXT-{reason.upper()}", file=path.name))
    return Document(path.name, blocks)


def decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without a BOM), else GB18030 (what Chinese Windows saves text as)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise DraftError(msg("E-DRAFT-ENCODING", file=path.name)) from exc


# --- lines -------------------------------------------------------------------------------

_SPACES = re.compile(r"[ \t\u3000\u00a0]+")
_HEADING = re.compile(
    r"^(第[一二三四五六七八九十百]+[章节部分篇]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十]+[)）]"
    r"|专栏\s*\d+|表\s*\d+|附表\s*\d*)"
)
_DASH = re.compile(r"^[—-]{2,}\s*")
_NOTE = re.compile(r"^(注|备注|说明)\s*[:：]")
_NOTE_ITEM = re.compile(r"^\d+\s*[.、．]")
_SPACE_HEADER = re.compile(r"(指标|名称)")
_YEARISH = re.compile(r"20\d\d")


def heading_level(text: str) -> int:
    """1 for 第一章 and 一、, 2 for 第一节 and (一), 3 for 专栏 and 表."""
    if re.match(r"^第[一二三四五六七八九十百]+[章部篇]|^[一二三四五六七八九十]+、", text):
        return 1
    if re.match(r"^第[一二三四五六七八九十百]+节|^[(（][一二三四五六七八九十]+[)）]", text):
        return 2
    return 3


def _cells(line: str, sep: str) -> list[str]:
    return [c.strip() for c in line.split(sep)]


def _clean(line: str) -> str:
    return line.replace("\u3000", " ").replace("\u00a0", " ").strip()


class Lines:
    """Sorts lines into blocks (see the module's docstring)."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.flat: list[str] = []  # a table pasted one cell a line
        self.flat_at = 0
        self.rows: list[tuple[str, ...]] = []  # a table of pipe, tab or space rows
        self.rows_at = 0
        self.space_width = 0  # the header's cells, in a table split by spaces
        self.notes_to: int | None = None  # the table notes go to (its index in blocks)

    def add(self, raw: str, line: int) -> None:
        text = _clean(raw)
        if not text:
            return
        if text.endswith("|") and len([c for c in _cells(text, "|") if c]) <= 1:
            self._end_rows()
            if not self.flat:
                self.flat_at = line
            self.flat.append(text.split("|")[0].strip())
            return
        self._end_flat(line)
        row = self._row(text)
        if row is not None:
            if not self.rows:
                self.rows_at = line
            if not all(set(c) <= set("-:— ") for c in row):  # a Markdown rule |---|---|
                self.rows.append(tuple(row))
            return
        self._end_rows()
        if self.notes_to is not None and (_NOTE.match(text) or _NOTE_ITEM.match(text)):
            table = self.blocks[self.notes_to]
            self.blocks[self.notes_to] = Block(
                table.kind, table.text, table.line, table.rows, table.flat, (*table.notes, text)
            )
            return
        self.notes_to = None
        self._text(text, line)

    def _row(self, text: str) -> list[str] | None:
        if "|" in text:
            cells = _cells(text.strip("|"), "|")
            if len([c for c in cells if c]) >= 2:
                return cells
        if text.count("\t") >= 2:
            return _cells(text, "\t")
        tokens = _SPACES.split(text)
        width = self.space_width
        if width and width - 2 <= len(tokens) <= width + 2 and not _NOTE.match(text):
            return tokens
        if (
            not self.rows
            and len(tokens) >= 3
            and _SPACE_HEADER.search("".join(tokens[:3]))
            and sum(bool(_YEARISH.search(t)) for t in tokens) >= 1
            and len(text) <= 80
        ):
            self.space_width = len(tokens)
            return tokens
        return None

    def _text(self, text: str, line: int) -> None:
        dash = _DASH.match(text)
        if dash:  # ——知识产权创造质量优势稳固。…: the first clause heads the paragraph
            text = text[dash.end() :]
            head, stop, rest = text.partition("。")
            if stop and len(head) <= 40:
                self.blocks.append(Block("heading", head, line, level=3))
                if rest.strip():
                    self.blocks.append(Block("text", rest.strip(), line))
                return
        if _HEADING.match(text):
            head, stop, rest = text.partition("。")
            if len(head) <= 40 and ("|" not in head):
                level = heading_level(head)
                self.blocks.append(Block("heading", head.rstrip(" |"), line, level=level))
                if rest.strip():
                    self.blocks.append(Block("text", rest.strip(), line))
                return
        self.blocks.append(Block("text", text, line))

    def _end_flat(self, line: int) -> None:
        if not self.flat:
            return
        cells, at = self.flat, self.flat_at
        self.flat = []
        if len(cells) < 6:  # a 专栏's title over its text, not a table
            for n, cell in enumerate(cells):
                self._text(cell, at + n)
            return
        title, *rest = cells
        self.blocks.append(Block("table", title, at, (tuple(rest),), flat=True))
        self.notes_to = len(self.blocks) - 1

    def _end_rows(self) -> None:
        self.space_width = 0
        if not self.rows:
            return
        rows, self.rows = self.rows, []
        title = ""
        if self.blocks and self.blocks[-1].kind == "heading":
            title = self.blocks[-1].text
        self.blocks.append(Block("table", title, self.rows_at, tuple(rows)))
        self.notes_to = len(self.blocks) - 1

    def table(self, rows: list[list[str]], line: int, title: str = "") -> None:
        """A table read as rows (a web page's or a Word file's)."""
        self.finish(line)
        rows = [r for r in rows if any(c.strip() for c in r)]
        if not rows:
            return
        if len(set(rows[0])) == 1 and len(rows) > 1:  # a title merged across the table
            title, rows = rows[0][0], rows[1:]
        if not title and self.blocks and self.blocks[-1].kind == "heading":
            title = self.blocks[-1].text
        self.blocks.append(Block("table", title, line, tuple(tuple(r) for r in rows)))
        self.notes_to = len(self.blocks) - 1

    def finish(self, line: int) -> list[Block]:
        self._end_flat(line)
        self._end_rows()
        return self.blocks


def _text_blocks(lines: list[str]) -> list[Block]:
    sink = Lines()
    for n, line in enumerate(lines, 1):
        sink.add(line, n)
    return sink.finish(len(lines) + 1)


# --- web pages ----------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "br"}
_SKIP_TAGS = {"script", "style", "head", "title", "noscript"}


class _Html(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.sink = Lines()
        self.n = 0
        self.buffer: list[str] = []
        self.skip = 0
        self.tables: list[dict] = []  # open tables (nested ones read as text of their cell)

    def _flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        for line in text.splitlines():
            self.n += 1
            self.sink.add(line, self.n)

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP_TAGS:
            self.skip += 1
        elif tag == "table":
            self._flush()
            self.tables.append({"rows": [], "row": None, "cell": None, "spans": {}})
        elif self.tables and tag == "tr":
            self.tables[-1]["row"] = []
        elif self.tables and tag in ("td", "th"):
            a = dict(attrs)
            self.tables[-1]["cell"] = {
                "text": [],
                "rowspan": _span(a.get("rowspan")),
                "colspan": _span(a.get("colspan")),
            }
        elif tag in _BLOCK_TAGS and not self.tables:
            self._flush()

    def handle_endtag(self, tag):
        if tag in _SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif self.tables and tag in ("td", "th"):
            t = self.tables[-1]
            cell = t["cell"]
            if cell is not None and t["row"] is not None:
                text = _SPACES.sub(" ", "".join(cell["text"])).strip()
                t["row"].append((text, cell["rowspan"], cell["colspan"]))
            t["cell"] = None
        elif self.tables and tag == "tr":
            t = self.tables[-1]
            if t["row"] is not None:
                t["rows"].append(t["row"])
            t["row"] = None
        elif self.tables and tag == "table":
            t = self.tables.pop()
            self.n += 1
            self.sink.table(_grid(t["rows"]), self.n)
        elif tag in _BLOCK_TAGS and not self.tables:
            self._flush()

    def handle_data(self, data):
        if self.skip:
            return
        if self.tables and self.tables[-1]["cell"] is not None:
            self.tables[-1]["cell"]["text"].append(data)
        elif not self.tables:
            self.buffer.append(data)


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 50))
    except ValueError:
        return 1


def _grid(rows: list[list[tuple[str, int, int]]]) -> list[list[str]]:
    """A table's rows with merged cells (rowspan, colspan) repeated in each place they
    cover, as the table reads."""
    out: list[list[str]] = []
    pending: dict[int, tuple[str, int]] = {}  # column → (text, rows still to fill)
    for row in rows:
        cells: list[str] = []
        queue = list(row)
        col = 0
        while queue or col in pending:
            if col in pending:
                text, left = pending[col]
                cells.append(text)
                if left <= 1:
                    del pending[col]
                else:
                    pending[col] = (text, left - 1)
                col += 1
                continue
            text, rowspan, colspan = queue.pop(0)
            for _ in range(colspan):
                if rowspan > 1:
                    pending[col] = (text, rowspan - 1)
                cells.append(text)
                col += 1
        out.append(cells)
    return out


def _html_blocks(text: str) -> list[Block]:
    parser = _Html()
    parser.feed(text)
    parser.close()
    parser._flush()
    return parser.sink.finish(parser.n + 1)


# --- Word ---------------------------------------------------------------------------------


def _docx_blocks(path: Path) -> list[Block]:
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as exc:
        raise DraftError(msg("E-DRAFT-UNREADABLE", file=path.name, reason=str(exc))) from exc
    sink = Lines()
    n = 0
    body = document.element.body
    for child in body.iterchildren():
        n += 1
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            text = paragraph.text
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            if style.lower().startswith(("heading", "title")) and text.strip():
                sink.finish(n)
                digits = "".join(ch for ch in style if ch.isdigit())
                level = int(digits) if digits else 1
                sink.blocks.append(Block("heading", _clean(text), n, level=level))
                sink.notes_to = None
            else:
                for line in text.splitlines():
                    sink.add(line, n)
        elif tag == "tbl":
            table = Table(child, document)
            rows = [[_clean(cell.text) for cell in row.cells] for row in table.rows]
            sink.table(rows, n)
    return sink.finish(n + 1)


# --- PDF ----------------------------------------------------------------------------------


def _pdf_blocks(path: Path) -> list[Block]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise DraftError(msg("E-DRAFT-UNREADABLE", file=path.name, reason=str(exc))) from exc
    return _text_blocks("\n".join(pages).splitlines())
