"""A web page as saved from a government site, into blocks: its text through ``Lines``, its
tables as rows with merged cells (rowspan, colspan) repeated where they stand."""

from __future__ import annotations

from html.parser import HTMLParser

from ipkpi.draft.document import Block
from ipkpi.draft.lines import SPACES, Lines

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
            self.tables.append({"rows": [], "row": None, "cell": None})
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
                text = SPACES.sub(" ", "".join(cell["text"])).strip()
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


def html_blocks(text: str) -> list[Block]:
    parser = _Html()
    parser.feed(text)
    parser.close()
    parser._flush()
    return parser.sink.finish(parser.n + 1)
