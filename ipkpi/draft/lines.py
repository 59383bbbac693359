"""Text lines sorted into blocks, whatever the format they came from: a heading (第一章,
一、, (一), 专栏1, 表1, a ——dash line's first clause), a paragraph, or a table row — cells
split by ``|`` or tabs, a web page's table pasted one cell a line (``专栏1:… |`` then ``类别
|``, ``序号 |``, …), or, under a header such as ``指标 2025年 2030年`` (a PDF's text layer),
cells split by spaces. The readers (``ipkpi.draft.readers``, ``ipkpi.draft.web``) feed it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ipkpi.draft.document import Block

SPACES = re.compile(r"[ \t\u3000\u00a0]+")
HEADING = re.compile(
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


def clean(line: str) -> str:
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
        text = clean(raw)
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
            self.blocks[self.notes_to] = replace(table, notes=(*table.notes, text))
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
        tokens = SPACES.split(text)
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
            head, stop, rest = text[dash.end() :].partition("。")
            if stop and len(head) <= 40:
                self._heading(head, rest, line, 3)
                return
        if HEADING.match(text):
            head, _, rest = text.partition("。")
            if len(head) <= 40 and ("|" not in head):
                self._heading(head.rstrip(" |"), rest, line, heading_level(head))
                return
        self.blocks.append(Block("text", text, line))

    def _heading(self, head: str, rest: str, line: int, level: int) -> None:
        """A heading, and the words after it on its line as a paragraph."""
        self.blocks.append(Block("heading", head, line, level=level))
        if rest.strip():
            self.blocks.append(Block("text", rest.strip(), line))

    def heading(self, text: str, line: int, level: int) -> None:
        """A heading its format marks as one (a Word paragraph in a Heading style)."""
        self.finish(line)
        self.blocks.append(Block("heading", clean(text), line, level=level))
        self.notes_to = None

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


def text_blocks(lines: list[str]) -> list[Block]:
    sink = Lines()
    for n, line in enumerate(lines, 1):
        sink.add(line, n)
    return sink.finish(len(lines) + 1)
