"""What python-calamine does not report about a workbook's cells, read from its archive:
formula-error cells (``#DIV/0!``, ``#N/A`` …) and number cells formatted as percentages.
"""

from __future__ import annotations

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


class CellMarks(NamedTuple):
    """What python-calamine does not report about a workbook's cells, per sheet name."""

    errors: dict[str, dict[tuple[int, int], str]]  # (row, col) → "#DIV/0!"
    percents: dict[str, set[tuple[int, int]]]  # number cells shown as percentages


def cell_marks(path: Path) -> CellMarks:
    """Formula-error cells (``#DIV/0!``, ``#N/A`` …), which python-calamine reads as
    empty cells and would make a broken figure look missing, and number cells formatted
    as percentages (Excel stores 19.6% as 0.196), per sheet name as zero-based (row,
    column). One opening of the archive: a sheet part is read whole only when it mentions
    an error or the workbook has a percentage format. Call only after ``check_xlsx``."""
    errors: dict[str, dict[tuple[int, int], str]] = {}
    percents: dict[str, set[tuple[int, int]]] = {}
    with path.open("rb") as fh, zipfile.ZipFile(fh) as archive:
        infos = archive.infolist()
        styles = parse_part(path, fh, next((i for i in infos if i.filename == _STYLES), None))
        percent = _percent_styles(styles) if styles is not None else set()
        for part, sheet in worksheet_names(path, fh, infos).items():
            with_errors = _mentions_errors(archive, part)
            if not (with_errors or percent):
                continue
            data = archive.read(part)  # bounded: check_xlsx refused oversized parts
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
    return CellMarks(errors, percents)


def _mentions_errors(archive: zipfile.ZipFile, part: str) -> bool:
    """Whether a sheet part has an error-typed cell, streamed so a clean sheet costs
    one decompression and no more than a chunk of memory."""
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(1 << 20):
            window = tail + chunk
            if b't="e"' in window or b"t='e'" in window:
                return True
            tail = chunk[-16:]
    return False


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
