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
    """A worksheet with width tracking; every text cell is written as a string."""

    def __init__(self, workbook, name: str, formats: Formats):
        self.ws = workbook.add_worksheet(name)
        self.name = name
        self.formats = formats
        self.widths: dict[int, int] = {}

    def text(self, row: int, col: int, value: object, fmt=None, measure: bool = True) -> None:
        value = "" if value is None else str(value)
        # write_string: text from workbooks ('=HYPERLINK(…)', '+1', '@x') stays text.
        self.ws.write_string(row, col, value, fmt)
        if measure:
            self.widths[col] = max(self.widths.get(col, 0), _width(value))

    def number(self, row: int, col: int, value: float | None, fmt=None, shown: str = "") -> None:
        if value is None:
            self.ws.write_blank(row, col, None, fmt)
            return
        if not math.isfinite(value):  # only a store written before ingest refused them
            self.ws.write_string(row, col, NOT_FINITE, fmt)  # (data check names its file)
            return
        self.ws.write_number(row, col, value, fmt)
        self.widths[col] = max(self.widths.get(col, 0), len(shown or f"{value:,.2f}"))

    def fit_columns(self, limits: dict[int, int] | None = None) -> None:
        for col, width in self.widths.items():
            cap = (limits or {}).get(col, 40)
            self.ws.set_column(col, col, min(max(width + 2, 6), cap))
