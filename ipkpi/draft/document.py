"""A plan as published, read into what the drafter works on: headings, paragraphs and tables,
in the document's order, each with where it stands (a line of a text file or a PDF page's
text, a paragraph of a Word file, an element of a web page).

The readers (``ipkpi.draft.readers``) make these from .txt, .html, .docx and .pdf; the rules
never see the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Block:
    """A heading or a paragraph (``rows`` empty), or a table (``text`` its title, if any)."""

    kind: str  # "heading", "text" or "table"
    text: str
    line: int  # where it starts: a line (txt, pdf) or the n-th block (docx, html)
    rows: tuple[tuple[str, ...], ...] = ()
    # A table of one cell a line (as pasted from a web page): the cells in order, rows not
    # known; ``ipkpi.draft.tables`` cuts them into rows by the header and the 序号.
    flat: bool = False
    notes: tuple[str, ...] = ()  # 注: lines under a table
    level: int = 0  # a heading's: 1 第一章 / 一、, 2 第一节 / (一), 3 专栏 / 表 / ——…, 4 1.…


@dataclass
class Document:
    """A source document's blocks, in order."""

    name: str  # the file's name, for messages and the plan's ``source``
    blocks: list[Block] = field(default_factory=list)

    def text(self) -> str:
        """Every heading and paragraph, a line each (for the plan header's search)."""
        return "\n".join(b.text for b in self.blocks if b.kind != "table")
