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


class NotANumber(ValueError):
    """A cell that holds text where a number should be."""


@dataclass(frozen=True)
class CellValue:
    value: float | None  # None: a missing marker
    percent: bool = False  # written with a % sign
    footnote: str | None = None  # the mark after the number, if any


def parse_number(raw: object) -> CellValue:
    """The number in a cell, or ``CellValue(None)`` for a missing marker.

    Raises ``NotANumber`` for anything else (text, dates, booleans)."""
    if raw is None:
        return CellValue(None)
    if isinstance(raw, dt.date | dt.time | dt.timedelta):
        raise NotANumber(f"a date or time ({raw}) is not a number")
    if isinstance(raw, bool):
        raise NotANumber(f"{raw!r} is not a number")
    if isinstance(raw, int | float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise NotANumber(f"{raw!r} is not a number")
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
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    if not _NUMBER.match(text) or not math.isfinite(value := float(text)):
        raise NotANumber(f"{str(raw).strip()!r} is not a number")
    return CellValue(value, percent=percent, footnote=footnote)


_YEAR = re.compile(r"^(19[5-9]\d|20\d\d)(年|年末|年底|年度|年全年)?(\(.*\)|（.*）)?$")


def parse_year(raw: object) -> int | None:
    """A year in a header or year cell: 2021, 2021.0, '2021', '2021年', '2021年末',
    '2025年（快报）'. None if the cell is not a year."""
    if isinstance(raw, bool) or raw is None:
        return None
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if isinstance(raw, int):
        return raw if 1950 <= raw <= 2099 else None
    text = re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(raw)))
    match = _YEAR.match(text)
    return int(match.group(1)) if match else None


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
