"""Read an input file into plain grids of cell values, one per sheet.

Workbooks are untrusted: ``guards.check_workbook`` refuses zip bombs and absurd
used ranges before any reader sees the file (python-calamine aborts the whole
process on them). CSV files are decoded as UTF-8, else GBK (GB18030).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from ipkpi.errors import InputFileError, InputProblem, escape, location
from ipkpi.ingest import guards
from ipkpi.ingest.cells import cell_ref
from ipkpi.ingest.marks import CellMarks
from ipkpi.messages import Message, msg


@dataclass
class Sheet:
    name: str | None  # None for a CSV file
    rows: list[list[object]]  # rows[r][c], zero-based from A1; empty cells are "" or None
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2
    hidden: str | None = None  # "hidden" or "very hidden": a sheet Excel does not show
    # Formula cells saved with no computed value: (row, col) → the formula (=A1*2, or "")
    uncomputed: dict[tuple[int, int], str] = field(default_factory=dict)


def read_file(path: Path) -> list[Sheet]:
    # One pass over an .xlsx before calamine: the checks, and the marks calamine does not
    # report (read again only for the rare sheet with an error cell or a formula with no
    # value, after calamine, which says first if the file cannot be read).
    fmt, marks = guards.inspect_workbook(path)
    if fmt == "csv":
        return [Sheet(None, _read_csv(path))]
    sheets = _read_workbook(path)
    if marks is not None:
        _apply_marks(marks.result(), sheets)
    return sheets


def shown_sheets(sheets: list[Sheet], path: Path, warnings: list) -> list[Sheet]:
    """The sheets Excel shows; each hidden one passed over with a warning (a hidden sheet
    is often a draft, an old year or a lookup table nobody checked)."""
    for sheet in sheets:
        if sheet.hidden:
            code = "W-SHEET-VERY-HIDDEN" if sheet.hidden == "very hidden" else "W-SHEET-HIDDEN"
            warnings.append(msg(code, where=location(path), sheet=escape(str(sheet.name))))
    return [s for s in sheets if not s.hidden]


def refuse_uncomputed(sheets: list[Sheet], path: Path) -> None:
    """Refuse a file with a formula saved with no computed value (a workbook written by a
    program that does not compute formulas): what that cell shows in Excel, a figure, a
    year heading or a name, is unknown, so no part of the sheet can be trusted. One error
    per sheet, at its first such cell."""
    problems = []
    for sheet in sheets:
        if not sheet.uncomputed:
            continue
        cells = sorted(sheet.uncomputed)
        formula = sheet.uncomputed[cells[0]]
        more = [cell_ref(r, c) for r, c in cells[1:]]
        also: Message | str = ""
        if more:
            shown = more[:5] + (["…"] if len(more) > 5 else [])
            also = msg("formula.more", n=len(more), cells=shown)
        what = msg("formula.named", formula=formula) if formula else msg("formula.unnamed")
        problems.append(
            InputProblem(
                path,
                msg("E-FORMULA-UNCOMPUTED", formula=what, more=also),
                sheet=sheet.name,
                cell=cell_ref(*cells[0]),
            )
        )
    if problems:
        raise InputFileError(problems)


def _apply_marks(marks: CellMarks, sheets: list[Sheet]) -> None:
    """Put ``#DIV/0!`` and its kind back where calamine read an empty cell, and turn a
    number shown as a percentage (0.196 with a % format) into the text a person sees
    ("19.6%"), so it is read as a percentage and refused for a target counted in 件, like
    a typed "19.6%"."""
    for sheet in sheets:
        sheet.uncomputed = marks.uncomputed.get(sheet.name, {})
        for (r, c), text in marks.errors.get(sheet.name, {}).items():
            while len(sheet.rows) <= r:
                sheet.rows.append([])
            row = sheet.rows[r]
            row.extend([""] * (c + 1 - len(row)))
            row[c] = text
        for r, c in marks.percents.get(sheet.name, ()):
            if r < len(sheet.rows) and c < len(sheet.rows[r]):
                value = sheet.rows[r][c]
                if isinstance(value, (int, float)) and not isinstance(value, bool):
                    sheet.rows[r][c] = f"{value * 100:.12g}%"


def _read_workbook(path: Path) -> list[Sheet]:
    from python_calamine import CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheets = []
        for meta in workbook.sheets_metadata:
            if meta.typ != SheetTypeEnum.WorkSheet:  # chart sheets, macro sheets
                continue
            sheet = workbook.get_sheet_by_name(meta.name)
            rows = sheet.to_python(skip_empty_area=False)
            merged = [(r1, c1, r2, c2) for (r1, c1), (r2, c2) in (sheet.merged_cell_ranges or [])]
            hidden = (
                None
                if meta.visible == SheetVisibleEnum.Visible
                else "very hidden"
                if meta.visible == SheetVisibleEnum.VeryHidden
                else "hidden"
            )
            sheets.append(Sheet(meta.name, rows, merged, hidden))
    except InputFileError:
        raise
    except Exception as exc:  # calamine raises several error types for damaged files
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InputFileError(
            [InputProblem(path, msg("E-WORKBOOK-UNREADABLE", reason=reason))]
        ) from exc
    return sheets


def _read_csv(path: Path) -> list[list[object]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte sequence
        raise InputFileError([InputProblem(path, msg("E-CSV-ENCODING"))])
    if "\x00" in text:
        raise InputFileError([InputProblem(path, msg("E-CSV-NUL"))])
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]
