"""Text from outside is written as text: the one rule every writer calls.

Cell values, notes, applicants' names, sheet names, file names and the catalogue's place
and target names must never become a live formula in anything ipkpi writes:

- CSV (the OWASP rule): a text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a
  carriage return (after any leading spaces) gets a ``'`` in front, so a spreadsheet shows
  it as text. Numbers stay numbers: a float is written as it is (``-1.8``), and so is text
  that is a plain number (``"-1.8"``, ``"+3"``, ``"-1,234.5"``, ``"+2.5%"``) — a
  spreadsheet reads that as the number, never as a formula. ``"-"`` is not a number and
  becomes ``'-``.
- xlsxwriter workbooks are opened with ``XLSXWRITER_OPTIONS``: a ``str`` is written as a
  string, whatever it starts with (never a formula, a link or a number).
- openpyxl cells are set with ``set_text_cell``: a ``str`` is forced to the string type
  (openpyxl makes a formula of any ``str`` starting with ``=`` unless told otherwise).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?(\d[\d,]*(\.\d*)?|\.\d+)([eE][+-]?\d+)?%?")

# Never turn text into formulas, links or numbers: text from outside is kept as read.
XLSXWRITER_OPTIONS = {
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could take ``text`` for a formula (or DDE): it starts with a
    tab or CR, or (after spaces) with ``=``, ``+``, ``-`` or ``@``, and is not a plain
    number."""
    if text.startswith(("\t", "\r")):
        return True
    stripped = text.lstrip(" ")
    if not stripped.startswith(FORMULA_LEADS):
        return False
    return _PLAIN_NUMBER.fullmatch(stripped) is None


def csv_cell(value: Any) -> Any:
    """``value`` safe for a CSV cell: formula-like text gets a leading ``'``; anything
    else (numbers, plain-number text, other text) is returned unchanged."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def xlsx_workbook(path: Path | str, options: dict | None = None):
    """A new xlsxwriter workbook at ``path`` that writes every ``str`` as a string."""
    import xlsxwriter

    return xlsxwriter.Workbook(str(path), {**(options or {}), **XLSXWRITER_OPTIONS})


def set_text_cell(cell, value: Any) -> None:
    """Set an openpyxl ``cell`` to ``value``; a ``str`` stays a string, never a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"


def defuse_sheet(sheet) -> None:
    """Turn every formula cell left in an openpyxl ``sheet`` into a string cell holding
    the formula's text, so nothing in the sheet is written as a formula."""
    for row in sheet.iter_rows():
        for cell in row:
            if cell.data_type == "f":
                value = cell.value
                set_text_cell(cell, value if isinstance(value, str) else getattr(value, "text", ""))
