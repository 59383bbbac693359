"""Find the tables in a sheet and turn them into raw records, whatever the layout.

Every header row starts a table of its own: tables side by side on one header row
(indicator | years | indicator | years) are split at the repeated indicator column,
and a header row below a table (stacked tables) starts the next one; the title and
unit lines above each table belong to it alone. Layouts, detected from the header:

- ``long``: one row per (city, indicator, year, value[, unit]) — header has 年份 and 数值;
- ``wide``: one row per indicator, one column per year (``2021``, ``2021年``, ``2021年末``);
- ``single``: indicator rows with one value column (数值, or 1-12月/全年 in a monthly sheet);
  the year comes from ``--year``, the sheet name, a title row or the file name;
- ``places``: one row per place (a 地区/城市/市（州） column), one column per indicator, for
  one year (as ``single``) or with a 年份 column;
- ``years``: one row per year (a 年份 column), one column per indicator (a years-down table).

Title rows above the header, merged header cells (a two-row header with 年份 merged over
the year columns), a 序号 column, a unit column or the unit in a header
(``商标有效注册量(万件)``), group headings with no values and notes rows below the table
(``注：…``) are handled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ipkpi.errors import InputProblem
from ipkpi.ingest.cells import cell_ref, parse_year
from ipkpi.ingest.context import UnitLine, fold, sheet_period, unit_line, vintage_of
from ipkpi.ingest.headers import (
    HEADER_SCAN_ROWS,
    Block,
    Header,
    blank,
    find_header,
    table_end,
    text_of,
)
from ipkpi.ingest.raw import RowValues
from ipkpi.ingest.reading import Sheet
from ipkpi.ingest.rows import RowReader
from ipkpi.messages import Message, msg

LAYOUTS = ("long", "wide", "single", "places", "years")

_YEAR_IN_TEXT = re.compile(r"(19[5-9]\d|20\d\d)\s*年")

_YEAR_LABEL = re.compile(r"(?:年份|年度)\s*[:：]?\s*(19[5-9]\d|20\d\d)(?!\d)")  # 年份 | 2023

_BARE_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


@dataclass
class Table:
    layout: str
    records: list[RowValues]  # the values, a row at a time
    title: str  # the text above the header, joined
    notes: list[Message] = field(default_factory=list)  # columns passed over, and why


def _filled(sheet: Sheet) -> list[list[object]]:
    """The sheet's rows, all as wide as the widest, with each merged range's value copied
    into all its cells. Rows are copied only when something has to change."""
    rows = sheet.rows
    width = max(map(len, rows), default=0)
    if not sheet.merged and all(len(r) == width for r in rows):
        return rows  # the usual case with calamine: already a full rectangle
    rows = [list(r) for r in rows]
    for r in rows:
        r.extend([""] * (width - len(r)))
    for r1, c1, r2, c2 in sheet.merged:
        if r1 >= len(rows) or c1 >= width:
            continue
        value = rows[r1][c1]
        for r in range(r1, min(r2, len(rows) - 1) + 1):
            for c in range(c1, min(c2, width - 1) + 1):
                rows[r][c] = value
    return rows


def read_tables(
    sheet: Sheet,
    file_name: str,
    problems: list[InputProblem],
    file,
    layout: str | None = None,
    year: int | None = None,
) -> list[Table] | None:
    """The records of every table in ``sheet``; problems are appended, not raised. None
    when the sheet holds no table at all (the problem says why)."""
    rows = _filled(sheet)
    if not any(text_of(v) for row in rows for v in row):
        return None  # an empty sheet: the caller reports an empty workbook

    def problem(message: Message, cell: str | None = None) -> None:
        problems.append(InputProblem(file, message, sheet=sheet.name, cell=cell))

    header = find_header(rows)
    if header is None:
        problem(msg("E-HEADER-MISSING", rows=HEADER_SCAN_ROWS))
        return None
    tables: list[Table] = []
    above = 0  # the first row of the text above the current header
    # The sheet's own title (above its first table) names the place and year of every table
    # below it, unless a table's own title says otherwise.
    top = " ".join(t for _, t in _title_cells(rows, 0, header.top, None))
    while header is not None:
        end, next_header, next_above = table_end(rows, header)
        several = len(header.blocks) > 1
        context = _Context(sheet.name, file_name, layout, year, problem, several, top)
        for block in header.blocks:
            table = _read_block(rows, header, block, above, end, context)
            if table is not None:
                tables.append(table)
        header, above = next_header, next_above
    return tables


@dataclass(frozen=True)
class _Context:
    sheet: str | None
    file_name: str
    layout: str | None  # --layout
    year: int | None  # --year
    problem: object  # (message, cell) → None
    several: bool  # tables side by side on the header row
    top: str  # the text above the sheet's first table


def _title_cells(rows, first_row: int, last_row: int, block: Block | None):
    """(cell, text) of the text above a header, left to right, top to bottom: only the
    block's own columns when ``block`` is given (tables side by side)."""
    cells = []
    for r in range(first_row, last_row):
        row = rows[r]
        span = (
            range(len(row)) if block is None else range(block.first, min(block.last + 1, len(row)))
        )
        seen = set()
        for c in span:
            text = text_of(row[c])
            if text and text not in seen:
                seen.add(text)
                cells.append((cell_ref(r, c), text))
    return cells


class _Refused(Exception):
    """A header block that holds no table ipkpi can read: the problem to report."""

    def __init__(self, message: Message, cell: str | None = None):
        super().__init__(message.code)
        self.message = message
        self.cell = cell


def _read_block(rows, header: Header, block: Block, above: int, end: int, ctx: _Context):
    """The table under one block of a header row, or None with the problem recorded."""
    try:
        return _table(rows, header, block, above, end, ctx)
    except _Refused as refused:
        ctx.problem(refused.message, refused.cell)
        return None


def _table(rows, header: Header, block: Block, above: int, end: int, ctx: _Context) -> Table:
    hr = header.row
    title, line = _title_and_unit_line(rows, header, block, above, ctx)
    kinds = block.kinds
    first_cell = cell_ref(hr, block.first)
    year_cols = _year_columns(block, hr)
    notes: list[Message] = []
    parts = block.cols("part")
    if parts:
        names = "、".join(str(block.roles[c][1]) for c in parts)
        notes.append(msg("W-COLUMN-PART-OF-YEAR", cells=_range(hr, parts), names=names))

    name_col = block.col("indicator")
    if name_col is None:
        name_col = block.col("id")
    value_col = _value_column(rows, block, hr, year_cols, title, ctx)
    detected = _detected(rows, block, hr, end, name_col, value_col, year_cols)

    layout = ctx.layout
    if layout and layout != detected:
        if layout == "single" and value_col is not None and name_col is not None:
            year_cols = {}
        else:
            needs = msg(f"ingest.needs.{layout}")
            raise _Refused(msg("E-LAYOUT-MISMATCH", layout=layout, needs=needs), first_cell)
        detected = layout
    sheet_vintage = vintage_of(ctx.sheet, title, ctx.file_name)

    single_year = None
    if detected == "single" or (detected == "places" and "year" not in kinds):
        single_year = _year_of_sheet(ctx.year, ctx.sheet, title, ctx.file_name)
        if single_year is None:
            raise _Refused(msg("E-YEAR-UNKNOWN"))

    reader = RowReader(rows, hr, block, line, ctx.sheet, ctx.problem, ctx.several)
    if detected == "wide":
        records = reader.wide(year_cols, sheet_vintage, name_col, end)
    elif detected == "long":
        records = reader.long(name_col, value_col, sheet_vintage, end)
    elif detected == "single":
        records = reader.single(name_col, value_col, single_year, sheet_vintage, end)
    else:
        records = reader.across(detected, single_year, sheet_vintage, end)
    return Table(detected, records, title, notes)


def _title_and_unit_line(rows, header: Header, block: Block, above: int, ctx: _Context):
    """(the title above the table, its unit line or None)."""
    hr = header.row
    # The year, the place and the vintage come from all the text above the header; the
    # unit line from the text above this table only (its own columns, side by side).
    title = " ".join(t for _, t in _title_cells(rows, above, header.top, None))
    if above > 0 and ctx.top:  # a table below the first: its own title, then the sheet's
        title = f"{title} {ctx.top}".strip()
    own = _title_cells(rows, above, header.top, block if ctx.several else None)
    # A stray 单位：… cell on the header row itself counts as a unit line too.
    on_header = [
        (cell_ref(hr, c), t)
        for c, (k, _) in block.roles.items()
        if k == "item" and (t := text_of(rows[hr][c])) and "单位" in fold(t)
    ]
    line = unit_line(own + on_header)
    if (
        ctx.several
        and line is None
        and any("单位" in fold(t) for _, t in _title_cells(rows, above, header.top, None))
    ):
        cell = cell_ref(hr, block.first)
        line = UnitLine(None, cell, "", msg("E-UNIT-LINE-BESIDE", cell=cell))
    return title, line


def _year_columns(block: Block, hr: int) -> dict[int, int]:
    """Column → the year heading it; a date that is not a year's end, or a year heading
    two columns, is refused."""
    for c, (kind, text) in sorted(block.roles.items()):
        if kind == "date":
            raise _Refused(msg("E-HEADER-DATE", text=text), cell_ref(hr, c))
    year_cols: dict[int, int] = {}
    for c in block.cols("yearcol"):
        y = block.roles[c][1]
        twin = next((k for k, v in year_cols.items() if v == y), None)
        if twin is not None:
            first, second = cell_ref(hr, twin), cell_ref(hr, c)
            raise _Refused(msg("E-HEADER-YEAR-TWICE", year=y, first=first, second=second), second)
        year_cols[c] = y
    return year_cols


def _value_column(rows, block: Block, hr: int, year_cols, title: str, ctx: _Context):
    """The column of the year's values (数值, 全年, or a running total in a December
    sheet), if any."""
    value_col = block.col("value")
    if value_col is None:
        value_col = block.col("annual")
    running = block.col("running")
    if value_col is None and running is not None and not year_cols:
        period = sheet_period(ctx.sheet or "", title, ctx.file_name)
        if period != "year":
            said = msg("ingest.period.part" if period == "part" else "ingest.period.none")
            raise _Refused(
                msg("E-COLUMN-RUNNING-TOTAL", text=text_of(rows[hr][running]), sheet=said),
                cell_ref(hr, running),
            )
        value_col = running
    return value_col


def _detected(rows, block: Block, hr: int, end: int, name_col, value_col, year_cols) -> str:
    """The layout the header shows, or refused with why none is."""
    kinds = block.kinds
    parts = block.cols("part")
    first_cell = cell_ref(hr, block.first)
    if name_col is not None:
        if year_cols:
            return "wide"
        if "year" in kinds and value_col is not None:
            return "long"
        if value_col is not None:
            return "single"
        if parts:
            raise _Refused(msg("E-COLUMN-NO-ANNUAL"), cell_ref(hr, parts[0]))
        if _years_down(rows, hr, end, name_col):
            raise _Refused(msg("E-TABLE-TRANSPOSED"), cell_ref(hr, name_col))
        raise _Refused(msg("E-HEADER-NO-VALUES"), first_cell)
    if "city" in kinds and year_cols:
        raise _Refused(msg("E-TABLE-NO-INDICATOR"), first_cell)
    return "places" if "city" in kinds else "years"


def _range(row: int, cols: list[int]) -> str:
    a, b = cell_ref(row, cols[0]), cell_ref(row, cols[-1])
    return a if a == b else f"{a}–{b}"


def _years_down(rows, hr: int, end: int, col: int) -> bool:
    below = [rows[r][col] for r in range(hr + 1, min(end, hr + 6)) if not blank(rows[r][col])]
    return len(below) >= 2 and all(parse_year(v) is not None for v in below)


def _year_of_sheet(
    option: int | None, sheet_name: str | None, title: str, file_name: str
) -> int | None:
    """The year of a one-year sheet: --year, the sheet name, a title row, the file name."""
    if option is not None:
        return option
    if sheet_name and (y := parse_year(sheet_name)) is not None:
        return y
    for text in (title, sheet_name or ""):
        found = set(_YEAR_IN_TEXT.findall(text)) | set(_YEAR_LABEL.findall(text))
        if len(found) == 1:
            return int(found.pop())
    found = set(_BARE_YEAR.findall(file_name))
    if len(found) == 1:
        return int(found.pop())
    return None
