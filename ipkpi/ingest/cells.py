"""Cells as people type them: numbers stored as text, thousands separators,
full-width digits, ``%``, footnote marks (``0.93*``), and missing markers
(``—``, ``-``, ``/``, ``…``, empty), which are missing, never zero."""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ipkpi.catalogue import units
from ipkpi.messages import Message, msg

MISSING_MARKERS = frozenset(
    {
        "",
        "—",
        "——",
        "-",
        "--",
        "－",
        "/",
        "／",
        "…",
        "……",
        "...",
        "n/a",
        "na",
        "N/A",
        "NA",
        "无数据",
    }
)

# Footnote marks after a number: 0.93*, 12.5①, 386※, 1.2a) is not accepted.
_FOOTNOTE = re.compile(r"[*＊※†‡①②③④⑤⑥⑦⑧⑨⑩]+$")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS = re.compile(r"^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$")


# Words a program writes for a value that is not a figure: never stored (no report can use them).
_NON_FINITE_WORDS = frozenset({"inf", "infinity", "nan"})


class NotANumber(ValueError):
    """A cell that holds text where a number should be: ``message`` says what it holds (a
    fragment, ``ingest.cell.*``), ``fix`` what to change, if anything."""

    def __init__(self, message: Message, fix: Message | None = None):
        super().__init__(message.code)
        self.message = message
        self.fix = fix

    def __str__(self) -> str:
        return self.message.text()

    def fix_part(self) -> Message | str:
        """The fix after the message (``: check the figure``), or nothing."""
        return msg("ingest.fix", text=self.fix) if self.fix is not None else ""


def _not_finite(text: object) -> NotANumber:
    return NotANumber(msg("ingest.cell.not_finite", text=text), msg("ingest.fix.not_finite"))


@dataclass(frozen=True)
class CellValue:
    value: float | None  # None: a missing marker
    percent: bool = False  # written with a % sign
    footnote: str | None = None  # the mark after the number, if any
    unit: str | None = None  # a unit written after the number (36.26万件), as written


# A unit after the number in a cell's own text: 36.26万件, 162.8亿元, 15件/万人, 82.5分.
_NUMBER_AND_UNIT = re.compile(r"^([+-]?[\d.,]+(?:[eE][+-]?\d+)?)([^\d.,+\-%][^\d]*)$")


def parse_number(raw: object) -> CellValue:
    """The number in a cell, or ``CellValue(None)`` for a missing marker.

    Raises ``NotANumber`` for anything else (text, dates, booleans)."""
    if raw is None:
        return CellValue(None)
    if isinstance(raw, dt.date | dt.time | dt.timedelta):
        raise NotANumber(msg("ingest.cell.date", value=str(raw)))
    if isinstance(raw, bool):
        raise NotANumber(msg("ingest.cell.not_number", text=raw))
    if isinstance(raw, int | float):
        if raw - raw != 0:  # inf, -inf, nan
            raise _not_finite(raw)
        return CellValue(float(raw))
    text = re.sub(r"\s+", "", str(raw))
    # Footnote marks come off before NFKC, which would turn ① into a digit 1.
    footnote = None
    match = _FOOTNOTE.search(text)
    if match and match.start() > 0:
        footnote, text = match.group(), text[: match.start()]
    text = unicodedata.normalize("NFKC", text)
    if text in MISSING_MARKERS or text.lower() in MISSING_MARKERS:
        return CellValue(None)
    percent = text.endswith("%")
    if percent:
        text = text[:-1]
    unit = None
    if (
        not percent
        and not _NUMBER.match(text)
        and (match := _NUMBER_AND_UNIT.match(text))
        and units.is_known(units.canonical(match.group(2)))
    ):
        text, unit = match.group(1), match.group(2)
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    if not _NUMBER.match(text):
        if text.lower().lstrip("+-") in _NON_FINITE_WORDS:
            raise _not_finite(str(raw).strip())
        raise NotANumber(msg("ingest.cell.not_number", text=str(raw).strip()))
    if not math.isfinite(value := float(text)):  # 1e400
        raise NotANumber(
            msg("ingest.cell.out_of_range", text=str(raw).strip()), msg("ingest.fix.check")
        )
    return CellValue(value, percent=percent, footnote=footnote, unit=unit)


_YEAR = re.compile(
    r"^'?(19[5-9]\d|20\d\d)(\.0+)?"
    r"(年|年末|年底|年度|年全年|年1[-—–~至到]12月|年全年累计|年1[-—–~至到]12月累计)?"
    r"(\(.*\)|（.*）)?$"
)


def parse_year(raw: object) -> int | None:
    """A year in a header or year cell: 2021, 2021.0, '2021', "'2021" (typed as text),
    '2021.0', '2021年', '2021年度', '2021年末', '2021年1-12月', '2025年（快报）', or a date
    cell on the last day of the year (2021-12-31). None if the cell is not a year."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, dt.date):  # datetime too: a year-end date is the year
        return raw.year if (raw.month, raw.day) == (12, 31) and 1950 <= raw.year <= 2099 else None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, int):
        return raw if 1950 <= raw <= 2099 else None
    return _text_year(str(raw))


@lru_cache(maxsize=1 << 12)
def _text_year(raw: str) -> int | None:
    """``parse_year`` of a text (cached: every header cell is asked more than once)."""
    text = _SPACE.sub("", unicodedata.normalize("NFKC", raw))
    match = _YEAR.match(text)
    if match:
        return int(match.group(1))
    # A date typed as text: 2021-12-31, 2021/12/31, 2021年12月31日.
    date = _DATE_TEXT.match(text)
    if date and (int(date.group(2)), int(date.group(3))) == (12, 31):
        return int(date.group(1))
    return None


_SPACE = re.compile(r"\s+")
_DATE_TEXT = re.compile(r"^(19[5-9]\d|20\d\d)[-/.年](\d{1,2})[-/.月](\d{1,2})日?(00:00:00)?$")


def is_date_cell(raw: object) -> bool:
    """A date (a cell or text like 2023-06-30), whether or not on a year's last day."""
    if isinstance(raw, dt.date):
        return True
    if isinstance(raw, str):
        text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", raw))
        return bool(_DATE_TEXT.match(text))
    return False


def figure_text(value: float) -> str:
    """A figure in a message, as a person would write it: 50 not 50.0, 18.6 not
    18.599999999999998 (twelve significant digits, as values are stored)."""
    whole = float(value).is_integer() and abs(value) < 1e15  # 1e+308, not 309 digits
    return str(int(value)) if whole else f"{value:.12g}"


def cell_text(value: object) -> str:
    """A cell as text: NFKC (full-width digits and letters made plain), trimmed, a whole
    float without its .0."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def compact(value: object) -> str:
    """A cell's text without any whitespace, lower-cased: how headings and words compare."""
    return "".join(cell_text(value).split()).lower()


@lru_cache(maxsize=1024)
def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (cached: a sheet asks for the same few thousands of times)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_ref(row: int, col: int) -> str:
    """Zero-based row and column → an A1 reference."""
    return f"{column_letter(col)}{row + 1}"
