"""What happens to a file the store would not take: it is moved (never deleted) to the
rejected folder, beside a ``.errors.txt`` with every located problem and an annotated
copy of the workbook in which each bad cell is filled red and carries the problem as a
comment — what the office sends back to the department that filled it in.

The copy holds no live formula: text stays text (a cell ``=HYPERLINK(…)`` the department
typed as text comes back as that text), and a formula the department really had comes
back as its cached value — the value ipkpi read and judged (ipkpi.textsafe).

The note and the copy are written before the file is moved, each atomically, so a run
killed half-way leaves the file in the inbox to be rejected again next time. Both are in
the language of the messages then (``current_lang``): Chinese unless English was asked for.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import unicodedata
import warnings
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from ipkpi.errors import InputFileError, InputProblem, colon, display_path, location
from ipkpi.files import replacing, write_text
from ipkpi.ingest.reading import read_file
from ipkpi.messages import Message, current_lang, msg, say
from ipkpi.textsafe import defuse_sheet, set_text_cell

# An annotated copy opens the whole workbook in openpyxl, which needs memory in proportion
# to its cells; departments' sheets hold hundreds of cells, a refused monster millions.
ANNOTATE_MAX_CELLS = 200_000
BAD_FILL = "FFC7CE"  # Excel's own "bad" red
BAD_FONT = "9C0006"
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?")
_COMPANIONS = (".errors.txt", ".annotated.xlsx")


@dataclass(frozen=True)
class Rejection:
    source: Path  # where the file was in the inbox
    moved_to: Path | None  # None when the run could not move it (ipkpi.run.job records why)
    errors_file: Path | None
    annotated: Path | None
    annotation_note: str | None  # why there is no annotated copy, when there is none
    problems: tuple[str, ...]  # located, in the language of the note


class NotAnnotated(Exception):
    """No annotated copy can be made; ``why`` says why (it goes in the note)."""

    def __init__(self, why: Message):
        self.why = why
        super().__init__(why.code)


def errors_sheet_title(lang: str | None = None) -> str:
    """The annotated copy's first sheet, listing every problem: ``ipkpi 错误`` in Chinese,
    ``ipkpi Errors`` in English."""
    return say("reject.sheet", lang)


def reject(
    path: Path,
    problems: list[InputProblem],
    folder: Path,
    sha256: str | None,
    now: dt.datetime,
    lang: str | None = None,
) -> Rejection:
    """Write the note and the annotated copy into ``folder``, in ``lang`` (default: the
    current language), then move ``path`` there."""
    lang = lang or current_lang()
    folder.mkdir(parents=True, exist_ok=True)
    moved_to = _free_name(folder, path.name)
    stem = moved_to.name[: -len(moved_to.suffix)] if moved_to.suffix else moved_to.name
    errors_file = folder / f"{stem}.errors.txt"
    annotated: Path | None = folder / f"{stem}.annotated.xlsx"
    note = None
    try:
        annotate(path, problems, annotated, lang)
    except NotAnnotated as exc:
        annotated, note = None, exc.why.text(lang)
    lines = [_relocated(p, moved_to.name, lang) for p in problems]
    try:
        text = _note(path, moved_to, sha256, now, lines, annotated, note, lang)
        write_text(errors_file, text)
        os.replace(path, moved_to)  # same file system as the inbox by default: a rename
    except OSError:
        # Not moved: take the note and copy back, so the next try starts clean.
        errors_file.unlink(missing_ok=True)
        if annotated is not None:
            annotated.unlink(missing_ok=True)
        raise
    return Rejection(path, moved_to, errors_file, annotated, note, tuple(lines))


def _free_name(folder: Path, name: str) -> Path:
    """``name``, else ``stem (2).ext``, ``stem (3).ext``…: an earlier reject is never
    overwritten (the department may send the same file name again)."""
    candidate = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 2
    while any(
        p.exists() for p in (candidate, *(folder / f"{candidate.stem}{end}" for end in _COMPANIONS))
    ):
        candidate = folder / f"{stem} ({n}){suffix}"
        n += 1
    return candidate


def _relocated(problem: InputProblem, name: str, lang: str) -> str:
    where = location(Path(name), problem.sheet, problem.cell)
    return where + colon(lang) + problem.message.text(lang)


def _note(source, moved_to, sha256, now, lines, annotated, why_not, lang: str) -> str:
    out = [
        say("reject.head", lang),
        "",
        say("reject.file", lang, name=moved_to.name),
        say("reject.from", lang, path=display_path(source)),
        say("reject.when", lang, time=now.isoformat(timespec="seconds")),
    ]
    if sha256:
        out.append(say("reject.sha256", lang, sha256=sha256))
    out += ["", say("reject.problems", lang, n=len(lines))]
    out += [f"  {line}" for line in lines]
    out.append("")
    if annotated is not None:
        out.append(say("reject.annotated", lang, name=annotated.name))
    else:
        out.append(say("reject.not_annotated", lang, why=why_not))
    return "\n".join(out) + "\n"


def annotate(path: Path, problems: list[InputProblem], dest: Path, lang: str | None = None) -> None:
    """Write a copy of the workbook with each located problem marked on its cell, and a
    first sheet listing every problem, in ``lang`` (default: the current language). CSV and
    .xls files become an .xlsx of their values."""
    lang = lang or current_lang()
    marks: dict[str | None, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for p in problems:
        if p.cell:
            marks[p.sheet][p.cell].append(p.message.text(lang))
    if not marks:
        raise NotAnnotated(msg("annotate.whole_file"))
    try:
        grids = read_file(path)  # through the same guards as ingest: never a zip bomb
    except InputFileError as exc:
        raise NotAnnotated(msg("annotate.unreadable", problem=exc.problems[0].message)) from None
    cells = sum(len(row) for sheet in grids for row in sheet.rows)
    if cells > ANNOTATE_MAX_CELLS:
        raise NotAnnotated(msg("annotate.too_many_cells", cells=cells, limit=ANNOTATE_MAX_CELLS))
    try:
        workbook = _open_or_rebuild(path, grids)
        _mark(workbook, marks, problems, path, lang)
        with replacing(dest) as tmp:
            workbook.save(tmp)
    # openpyxl raises many kinds of error on files calamine could read; the copy is a
    # courtesy, and failing to make it must not stop the rejection itself.
    except Exception as exc:
        error = f"{type(exc).__name__}: {exc}"
        raise NotAnnotated(msg("annotate.failed", error=error)) from exc


def _open_or_rebuild(path: Path, grids):
    import openpyxl

    if path.suffix.lower() in (".xlsx", ".xlsm"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "data validation extension not supported" etc.
            # data_only: a formula comes back as its cached value, the value ipkpi read.
            workbook = openpyxl.load_workbook(path, data_only=True)
        for sheet in workbook.worksheets:
            defuse_sheet(sheet)
        return workbook
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for grid in grids:
        sheet = workbook.create_sheet(_sheet_title(grid.name or path.stem))
        for r, row in enumerate(grid.rows, start=1):
            for c, value in enumerate(row, start=1):
                value = _cell_value(value)
                if value is not None:
                    set_text_cell(sheet.cell(row=r, column=c), value)
    return workbook


def _cell_value(value: object) -> object:
    """CSV cells are text; plain numbers go back in as numbers (no "number stored as text")."""
    if value == "":
        return None
    if isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value.strip()):
        number = float(value)
        return int(number) if number.is_integer() and "." not in value else number
    return value


def _sheet_title(name: str) -> str:
    for ch in "[]:*?/\\":
        name = name.replace(ch, "_")
    return name[:31] or "Sheet1"


def _mark(workbook, marks, problems: list[InputProblem], path: Path, lang: str) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    fill = PatternFill(fill_type="solid", start_color=BAD_FILL, end_color=BAD_FILL)
    font = Font(color=BAD_FONT, bold=True)
    single = workbook.worksheets[0].title if len(workbook.worksheets) == 1 else None
    for sheet_name, cells in marks.items():
        name = sheet_name if sheet_name is not None else single
        if name not in workbook.sheetnames:
            continue  # listed on the errors sheet all the same
        sheet = workbook[name]
        for ref, messages in cells.items():
            cell = sheet[ref]
            cell.fill = fill
            cell.font = font
            comment = Comment("\n".join(messages), "ipkpi")
            comment.width, comment.height = 320, 40 + 20 * len(messages)
            cell.comment = comment
    _errors_sheet(workbook, problems, path, lang)


def _errors_sheet(workbook, problems: list[InputProblem], path: Path, lang: str) -> None:
    from openpyxl.styles import Font
    from openpyxl.worksheet.hyperlink import Hyperlink

    sheet = workbook.create_sheet(_unique_title(workbook, errors_sheet_title(lang)), 0)
    headings = [say(f"reject.column.{c}", lang) for c in ("sheet", "cell", "problem")]
    _text_row(sheet, 1, headings)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    single = workbook.worksheets[1].title if len(workbook.worksheets) == 2 else None
    for row, p in enumerate(problems, start=2):
        sheet_name = p.sheet if p.sheet is not None else (single if p.cell else None)
        # Sheet names and messages come from outside: text, never a formula.
        _text_row(sheet, row, [sheet_name or "", p.cell or "", p.message.text(lang)])
        if sheet_name and p.cell and sheet_name in workbook.sheetnames:
            link = sheet.cell(row=row, column=2)
            quoted = sheet_name.replace("'", "''")
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{quoted}'!{p.cell}")
            link.style = "Hyperlink"
    sheet.column_dimensions["A"].width = 16
    sheet.column_dimensions["B"].width = 12
    sheet.column_dimensions["C"].width = _MESSAGE_WIDTH
    _wrap_messages(sheet)
    sheet.freeze_panes = "A2"
    workbook.active = 0
    for ws in workbook.worksheets[1:]:
        ws.sheet_view.tabSelected = False
    for ws in workbook.worksheets:
        # The department's own sheets print landscape when wide; the errors sheet repeats
        # its header row on every page.
        wide = ws is not sheet and ws.max_column > _PORTRAIT_COLUMNS
        _print_setup(ws, landscape=wide, title_rows="1:1" if ws is sheet else None)


_MESSAGE_WIDTH = 90  # the errors sheet's problem column (characters): A4 portrait
_PORTRAIT_COLUMNS = 6  # a department's sheet wider than this prints landscape


def _wrap_messages(sheet) -> None:
    """Each problem wraps within its column, its row as tall as its lines."""
    from openpyxl.styles import Alignment

    for row in sheet.iter_rows(min_row=2, min_col=3, max_col=3):
        cell = row[0]
        text = str(cell.value or "")
        lines = sum(max(1, -(-_width(line) // (_MESSAGE_WIDTH - 1))) for line in text.split("\n"))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.row_dimensions[cell.row].height = 15 * lines


def _width(text: str) -> int:
    """Characters of column width ``text`` takes: a Chinese character two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _print_setup(ws, *, landscape: bool, title_rows: str | None) -> None:
    """A4, one page wide, margins, page numbers in the footer (as every workbook ipkpi
    writes; the xlsxwriter writers use ipkpi.output.xlsx.print_setup)."""
    from openpyxl.worksheet.page import PageMargins

    ws.page_setup.paperSize = 9  # A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.page_margins = PageMargins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    ws.oddFooter.center.text = "&P / &N"
    if title_rows:
        ws.print_title_rows = title_rows


def _text_row(sheet, row: int, values: list[str]) -> None:
    for col, value in enumerate(values, start=1):
        set_text_cell(sheet.cell(row=row, column=col), value)


def _unique_title(workbook, title: str) -> str:
    n, candidate = 2, title
    while candidate in workbook.sheetnames:
        candidate = f"{title} {n}"
        n += 1
    return candidate
