"""What python-calamine does not report about a workbook's cells, read from its archive:
formula-error cells (``#DIV/0!``, ``#N/A`` …), number cells formatted as percentages, and
formula cells saved with no computed value.
"""

from __future__ import annotations

import html
import re
import zipfile
from pathlib import Path
from typing import NamedTuple

from ipkpi.ingest.archive import local_name, parse_part, worksheet_names
from ipkpi.ingest.used_range import column_number

_ERROR_CELL = re.compile(
    rb"""<(?:\w+:)?c\b(?=[^>]*\bt\s*=\s*["']e["'])[^>]*?\br\s*=\s*["']([A-Za-z]+)(\d+)["'][^>]*>"""
    rb"""(?:(?!</(?:\w+:)?c>).)*?<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>""",
    re.DOTALL,
)


# A formula cell with no computed value: <f>…</f> (or a shared <f …/>) and then no <v>, or
# an empty one, before </c>. A string formula (t="str") with an empty <v> computed "", and
# is not one.
_V_EMPTY = rb"""(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"""
_UNCOMPUTED = re.compile(
    rb"""<(?:\w+:)?c\b(?![^>]*\bt\s*=\s*["'](?:str|s|inlineStr|e|b)["'])"""
    rb"""[^>]*?\br\s*=\s*["']([A-Za-z]+)(\d+)["'][^>]*(?<!/)>"""
    rb"""\s*<(?:\w+:)?f\b(?:[^>]*/>|[^>]*>([^<]*)</(?:\w+:)?f>)\s*""" + _V_EMPTY
)
# Where a chunk may hold one: cheap to search, confirmed by _UNCOMPUTED on the whole part.
_UNCOMPUTED_HINT = re.compile(rb"(?:f>|/>)\s*" + _V_EMPTY)


class CellMarks(NamedTuple):
    """What python-calamine does not report about a workbook's cells, per sheet name."""

    errors: dict[str, dict[tuple[int, int], str]]  # (row, col) → "#DIV/0!"
    percents: dict[str, set[tuple[int, int]]]  # number cells shown as percentages
    uncomputed: dict[str, dict[tuple[int, int], str]]  # (row, col) → "=A1*2" (or "")


def cell_marks(path: Path) -> CellMarks:
    """Formula-error cells (``#DIV/0!``, ``#N/A`` …), which python-calamine reads as
    empty cells and would make a broken figure look missing, and number cells formatted
    as percentages (Excel stores 19.6% as 0.196), and formula cells saved with no
    computed value (python-calamine reads them as empty), per sheet name as zero-based
    (row, column). One opening of the archive: a sheet part is read whole only when it
    mentions an error or a formula with no value, or the workbook has a percentage format.
    Call only after ``check_xlsx``."""
    errors: dict[str, dict[tuple[int, int], str]] = {}
    percents: dict[str, set[tuple[int, int]]] = {}
    uncomputed: dict[str, dict[tuple[int, int], str]] = {}
    with path.open("rb") as fh, zipfile.ZipFile(fh) as archive:
        infos = archive.infolist()
        styles = parse_part(path, fh, next((i for i in infos if i.filename == _STYLES), None))
        percent = _percent_styles(styles) if styles is not None else set()
        for part, sheet in worksheet_names(path, fh, infos).items():
            with_errors, with_formulas = _mentions(archive, part)
            if not (with_errors or with_formulas or percent):
                continue
            data = archive.read(part)  # bounded: check_xlsx refused oversized parts
            if with_formulas and (found := _uncomputed(data)):
                uncomputed[sheet] = found
            if with_errors:
                errors[sheet] = {
                    (int(row) - 1, column_number(letters.upper()) - 1): text.decode(
                        "utf-8", "replace"
                    )
                    for letters, row, text in _ERROR_CELL.findall(data)
                }
            cells = (
                {
                    (int(row) - 1, column_number(letters.upper()) - 1)
                    for style, letters, row in _STYLED_CELL.findall(data)
                    if int(style) in percent
                }
                if percent
                else set()
            )
            if cells:
                percents[sheet] = cells
    return CellMarks(errors, percents, uncomputed)


def _mentions(archive: zipfile.ZipFile, part: str) -> tuple[bool, bool]:
    """Whether a sheet part may have an error-typed cell, and a formula with no computed
    value, streamed so a clean sheet costs one decompression and no more than a chunk of
    memory (a sheet with no formula at all, a substring search a chunk)."""
    errors = formulas = False
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(1 << 20):
            window = tail + chunk
            errors = errors or b't="e"' in window or b"t='e'" in window
            formulas = formulas or (
                (b"<f" in window or b":f" in window) and bool(_UNCOMPUTED_HINT.search(window))
            )
            if errors and formulas:
                break
            tail = chunk[-64:]
    return errors, formulas


def _uncomputed(data: bytes) -> dict[tuple[int, int], str]:
    """The formula cells of a sheet part saved with no computed value: (row, col) → the
    formula as Excel shows it (=A1*2), or "" for a shared formula's other cells."""
    found = {}
    for letters, row, formula in _UNCOMPUTED.findall(data):
        text = html.unescape(formula.decode("utf-8", "replace")).strip()
        shown = f"={text[:40]}{'…' if len(text) > 40 else ''}" if text else ""
        found[(int(row) - 1, column_number(letters.upper()) - 1)] = shown
    return found


# Built-in number formats 9 (0%) and 10 (0.00%); a custom format is a percentage when a %
# stands outside its quoted text, escapes and [colour] brackets.
_PERCENT_BUILTIN = frozenset({9, 10})
_STYLES = "xl/styles.xml"
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_STYLED_CELL = re.compile(
    rb"""<(?:\w+:)?c\b(?![^>]*\bt\s*=\s*["'](?:s|str|inlineStr|e|b)["'])"""
    rb"""(?=[^>]*\bs\s*=\s*["'](\d+)["'])[^>]*?\br\s*=\s*["']([A-Za-z]+)(\d+)["'][^>]*>"""
)


def _percent_styles(styles) -> set[int]:
    """The indexes of the cell formats (cellXfs) that show a number as a percentage."""
    custom = {}
    for element in styles.iter():
        if local_name(element.tag) == "numFmt":
            code = _FORMAT_LITERALS.sub("", element.get("formatCode", ""))
            custom[element.get("numFmtId")] = "%" in code
    found = set()
    for element in styles.iter():
        if local_name(element.tag) != "cellXfs":
            continue
        for index, xf in enumerate(e for e in element if local_name(e.tag) == "xf"):
            fmt = xf.get("numFmtId", "0")
            if custom.get(fmt) or (fmt.isdigit() and int(fmt) in _PERCENT_BUILTIN):
                found.add(index)
    return found
