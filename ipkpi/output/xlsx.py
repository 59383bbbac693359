"""What the Excel writers share: the house font and cell formats made once each, sheet
names Excel accepts, and a worksheet that writes text as text and tracks column widths.

Every workbook ipkpi writes (the summary, the rewards workbook, the fill-in template) is
set in 等线 with headings on the same light blue. The workbook objects are xlsxwriter's;
xlsxwriter itself is imported only by the writers, when they write.
"""

from __future__ import annotations

import math
import re

from ipkpi.output.textwidth import display_width

FONT = "等线"
HEAD_FILL = "#DDEBF7"  # the background of column headings
# What a figure that is not a finite number shows: Excel's own word for it, as text.
NOT_FINITE = "#NUM!"
A4 = 9  # the paper size code of A4 in Excel's page set-up
LINE_HEIGHT = 15.0  # points per line of 11-point text in a row
FOOTER = "&C&P / &N"  # page N of M, centred


def clean(value: float, decimals: int | None = None) -> float:
    """``value`` as a person would write it: no float noise (0.6999999999999993 is 0.7,
    -1.800000000000001 is -1.8), at most 9 decimals and 10 significant digits, and at most
    ``decimals`` decimals when given (a derived figure's own precision). Integral values
    and ints come back as they are; so does anything that is not finite."""
    if isinstance(value, int) or not math.isfinite(value):
        return value
    value = float(format(round(value, 9 if decimals is None else decimals), ".10g"))
    return 0.0 if value == 0 else value  # never -0


def print_setup(ws, *, landscape: bool, repeat: int | None = None, header: str = "") -> None:
    """A4, one page wide and as many down as needed, margins, page numbers in the footer,
    and the header row ``repeat`` (0-based) printed on every page."""
    ws.set_paper(A4)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    if header:
        ws.set_header(header)
    ws.set_footer(FOOTER)
    if repeat is not None:
        ws.repeat_rows(repeat)


def lines_needed(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a column ``width`` characters wide."""
    usable = max(width - 1, 1)
    return sum(max(1, math.ceil(display_width(line) / usable)) for line in str(text).split("\n"))


def row_height(cells: list[tuple[str, float]]) -> float:
    """The height (points) of a row whose wrapped ``(text, column width)`` cells all show."""
    return LINE_HEIGHT * max((lines_needed(t, w) for t, w in cells), default=1)


class Formats:
    """xlsxwriter formats, made once each."""

    def __init__(self, workbook, **base):
        self.workbook = workbook
        self.base = base  # properties every format has (besides the font)
        self.cache: dict[tuple, object] = {}

    def get(self, **props):
        key = tuple(sorted(props.items()))
        if key not in self.cache:
            self.cache[key] = self.workbook.add_format({"font_name": FONT, **self.base, **props})
        return self.cache[key]


def sheet_name(text: str, taken: set[str]) -> str:
    """``text`` as a worksheet name Excel accepts (no []:*?/\\, at most 31 characters),
    numbered when another sheet has it already; added to ``taken``."""
    name = re.sub(r"[\[\]:*?/\\]", "_", text).strip("'")[:31] or "sheet"
    base, n = name, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _width(text: str) -> int:
    return max(display_width(line) for line in str(text).splitlines() or [""])


class Sheet:
    """A worksheet with width tracking; every text cell is written as a string.

    A column's width is measured once per distinct text in it, when the columns are fitted
    (a data sheet repeats its places, files and names on every row); a wrapped row's height
    is worked out once per distinct text of a column."""

    def __init__(self, workbook, name: str, formats: Formats):
        self.ws = workbook.add_worksheet(name)
        self.name = name
        self.formats = formats
        self.widths: dict[int, int] = {}
        self.set_widths: dict[int, float] = {}
        # (col, text): the rows where that text is in that column in a wrapping format
        self.wrapped: dict[tuple[int, str], list[int]] = {}
        self._shown: dict[int, set[str]] = {}  # col: the texts to measure, each once
        self._figures: dict[int, set[float]] = {}  # col: figures shown with 2 decimals

    def text(self, row: int, col: int, value: object, fmt=None, measure: bool = True) -> None:
        value = "" if value is None else str(value)
        # write_string: text from workbooks ('=HYPERLINK(…)', '+1', '@x') stays text.
        self.ws.write_string(row, col, value, fmt)
        if measure:
            shown = self._shown.get(col)
            if shown is None:
                shown = self._shown[col] = set()
            shown.add(value)
        if value and fmt is not None and fmt.text_wrap:
            self.wrapped.setdefault((col, value), []).append(row)

    def texts(self, row: int, col: int, values, fmt=None) -> None:
        """Text cells side by side from ``col``, each measured, in one format."""
        write = self.ws.write_string
        wraps = fmt is not None and fmt.text_wrap
        wrapped = self.wrapped
        for value in values:
            value = "" if value is None else str(value)
            write(row, col, value, fmt)
            shown = self._shown.get(col)
            if shown is None:
                shown = self._shown[col] = set()
            shown.add(value)
            if wraps and value:
                rows = wrapped.get((col, value))
                if rows is None:
                    wrapped[col, value] = [row]
                else:
                    rows.append(row)
            col += 1

    def number(
        self,
        row: int,
        col: int,
        value: float | None,
        fmt=None,
        shown: str = "",
        decimals: int | None = None,
    ) -> None:
        """A figure, rounded to ``decimals`` (and never with float noise); ``shown`` is its
        widest formatted text, for the column's width."""
        if value is None:
            self.ws.write_blank(row, col, None, fmt)
            return
        if not math.isfinite(value):  # only a store written before ingest refused them
            self.ws.write_string(row, col, NOT_FINITE, fmt)  # (data check names its file)
            return
        value = clean(value, decimals)
        self.ws.write_number(row, col, value, fmt)
        if shown:
            texts = self._shown.get(col)
            if texts is None:
                texts = self._shown[col] = set()
            texts.add(shown)
        else:
            figures = self._figures.get(col)
            if figures is None:
                figures = self._figures[col] = set()
            figures.add(value)

    def _measure(self) -> None:
        """Fold the texts and figures written since the last call into ``widths``."""
        for col, texts in self._shown.items():
            self.widths[col] = max(self.widths.get(col, 0), max(map(_width, texts)))
        for col, figures in self._figures.items():
            widest = max(len(f"{value:,.2f}") for value in figures)
            self.widths[col] = max(self.widths.get(col, 0), widest)
        self._shown.clear()
        self._figures.clear()

    def fit_columns(self, limits: dict[int, int] | None = None) -> None:
        self._measure()
        for col, width in self.widths.items():
            cap = (limits or {}).get(col, 40)
            self.set_widths[col] = min(max(width + 2, 6), cap)
            self.ws.set_column(col, col, self.set_widths[col])

    def fit_rows(self, minimum: float = LINE_HEIGHT) -> None:
        """Rows with wrapped text as tall as their longest cell needs (xlsxwriter does not
        autofit heights); call after ``fit_columns``."""
        most: dict[int, int] = {}  # row: the most lines a cell of it wraps to
        for (col, text), rows in self.wrapped.items():
            n = lines_needed(text, self.set_widths.get(col, 8.43))
            if LINE_HEIGHT * n <= minimum:
                continue  # not a row this text makes taller than the least
            for row in rows:
                if n > most.get(row, 0):
                    most[row] = n
        for row, n in most.items():
            self.ws.set_row(row, LINE_HEIGHT * n)

    def print_setup(self, *, landscape: bool, repeat: int | None = None, header: str = ""):
        print_setup(self.ws, landscape=landscape, repeat=repeat, header=header)
