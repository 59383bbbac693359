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
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from ipkpi import units
from ipkpi.errors import InputProblem
from ipkpi.ingest.cells import cell_ref, column_letter, is_date_cell, parse_year
from ipkpi.ingest.context import (
    UnitLine,
    confirms,
    fold,
    period_role,
    sheet_period,
    unit_line,
    vintage_of,
)
from ipkpi.ingest.matching import split_unit
from ipkpi.ingest.reading import Sheet

__all__ = ["LAYOUTS", "SOURCE_WORDS", "RawRecord", "Table", "read_tables", "vintage_of"]

LAYOUTS = ("long", "wide", "single", "places", "years")
HEADER_SCAN_ROWS = 30

_ROLE_WORDS = {
    "indicator": ("指标", "指标名称", "项目", "名称", "指标项", "统计指标", "indicator", "name"),
    "id": ("指标代码", "指标编号", "代码", "id", "target_id", "指标id"),
    "unit": ("单位", "计量单位", "unit"),
    "city": (
        "城市",
        "地区",
        "市州",
        "地市",
        "市(州)",
        "市(州)名称",
        "设区市",
        "行政区划",
        "区域",
        "地区名称",
        "城市名称",
        "city",
        "place",
    ),
    "year": ("年份", "年度", "年", "year"),
    "value": (
        "数值",
        "数据",
        "值",
        "完成值",
        "实际值",
        "本年数",
        "统计值",
        "完成数",
        "实现数",
        "value",
    ),
    "seq": ("序号", "编号", "no", "no."),
    "note": ("备注", "说明", "注", "note", "notes"),
}
_WORD_ROLE = {word: role for role, words in _ROLE_WORDS.items() for word in words}
# The roles that key a row: a second one on a header row starts a table beside the first.
_KEY_ROLES = frozenset({"seq", "indicator", "id", "city"})
_VALUE_ROLES = frozenset({"yearcol", "value", "annual", "running", "item"})
# 注：… / 说明1. … — but not 注册商标, which is an indicator.
_NOTE_ROW = re.compile(
    r"^(注|说明|备注|数据来源|资料来源|填表说明|填报说明|note)\s*([:.、]|\d|$)", re.IGNORECASE
)
# A short text ending like a place name (南京市, 黔东南州): not an indicator's header.
_PLACE_LIKE = re.compile(r"^.{1,10}(市|省|州|县|区|盟)$")
_YEAR_IN_TEXT = re.compile(r"(19[5-9]\d|20\d\d)\s*年")
_YEAR_LABEL = re.compile(r"(?:年份|年度)\s*[:：]?\s*(19[5-9]\d|20\d\d)(?!\d)")  # 年份 | 2023
_BARE_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")


class RawRecord(NamedTuple):
    """One value cell and what its row and header say about it (a named tuple: a big
    sheet makes hundreds of thousands)."""

    sheet: str | None
    cell: str  # the value cell
    name: str  # the indicator as written
    name_cell: str
    year: int
    year_cell: str | None  # where the year came from, when a cell says it
    raw: object
    unit: str | None  # the unit the context gives this value (canonical), if any
    city: str | None  # as written in a city column
    city_cell: str | None
    unit_cell: str | None  # where that unit is written
    vintage: str | None
    target_id: str | None  # from an id column
    id_cell: str | None
    confirmed: bool = False  # a note says a person checked the figure (核实无误)
    unit_source: str | None = None  # which context gave the unit: "column", "header", …


@dataclass
class Table:
    layout: str
    records: list[RawRecord]
    title: str  # the text above the header, joined
    notes: list[str] = field(default_factory=list)  # columns passed over, and why


def _text(value: object) -> str:
    if value is None:
        return ""
    if type(value) is str:
        return _clean(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


@lru_cache(maxsize=1 << 16)
def _clean(text: str) -> str:
    # Cached: a column of city, indicator or unit names repeats the same few texts.
    return unicodedata.normalize("NFKC", text).strip()


def _blank(value: object) -> bool:
    return value is None or (type(value) is str and not _clean(value))


def _role(value: object) -> tuple[str, object] | None:
    """What a header cell names: ('yearcol', 2021), ('indicator', None), ('annual', None),
    ('part', '1-9月'), ('date', '2023-06-30'), ('item', name) … or None for an empty cell."""
    year = parse_year(value)
    if year is not None:
        return ("yearcol", year)
    if is_date_cell(value):
        return ("date", _text(value))
    text = _text(value)
    if not text:
        return None
    return _word_role(text)


@lru_cache(maxsize=1 << 14)
def _word_role(text: str) -> tuple[str, object]:
    base, _unit = split_unit(text)
    key = fold(base)
    role = _WORD_ROLE.get(key)
    if role is None and (key.startswith("指标") or key.endswith("名称")) and len(key) <= 6:
        role = "indicator"
    if role is None and (key.startswith("数值") or key.startswith("实际值")):
        role = "value"
    if role is not None:
        return (role, None)
    period = period_role(base)
    if period is not None:
        return (period, text)
    return ("item", text)


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


@dataclass
class _Block:
    """One table's columns on a header row."""

    first: int  # first column
    last: int  # last column (inclusive)
    roles: dict[int, tuple[str, object]]

    def cols(self, kind: str) -> list[int]:
        return [c for c, (k, _) in self.roles.items() if k == kind]

    def col(self, kind: str) -> int | None:
        found = self.cols(kind)
        return found[0] if found else None

    @property
    def kinds(self) -> set[str]:
        return {k for k, _ in self.roles.values()}


@dataclass
class _Header:
    row: int  # the last header row
    top: int  # the first header row (a two-row header starts a row above)
    blocks: list[_Block]


def _header_at(rows: list[list[object]], r: int, weak: bool = False) -> _Header | None:
    """The header starting at row ``r``, or None when the row is not one. A weak header
    (an indicator column beside other texts, no years) is only looked for when no sheet
    row makes a real one, to say why the sheet cannot be read."""
    roles = {c: role for c, v in enumerate(rows[r]) if (role := _role(v))}
    kinds = {k for k, _ in roles.values()}
    if not kinds & {"indicator", "id", "city", "year"}:
        return None
    top = r
    # 年份 merged above the year columns: the years sit on the row below.
    keyed = kinds & {"indicator", "id"}
    if keyed and not kinds & {"yearcol", "value", "annual", "running"} and r + 1 < len(rows):
        below = {c: x for c, v in enumerate(rows[r + 1]) if (x := _role(v))}
        # Never under the indicator (or id) column: years there run down a transposed table.
        keys = {c for c, (k, _) in roles.items() if k in ("indicator", "id")}
        year_cols = {
            c: x for c, x in below.items() if x[0] in ("yearcol", "part", "date") and c not in keys
        }
        if any(x[0] == "yearcol" for x in year_cols.values()):
            roles = {c: x for c, x in roles.items() if c not in year_cols} | year_cols
            kinds = {k for k, _ in roles.values()}
            r += 1
    if kinds & {"indicator", "id"}:
        valued = kinds & {"yearcol", "value", "annual", "running", "part", "date"}
        if not valued and not (weak and "item" in kinds):
            return None
    elif "city" in kinds:
        # Indicators across (not a form's 城市 | 南京市 line above the table).
        items = [text for k, text in roles.values() if k == "item"]
        if not any(not _PLACE_LIKE.match(t) for t in items) and "yearcol" not in kinds:
            return None
    elif "item" not in kinds:  # 年份 with the indicators across
        return None
    return _Header(r, top, _blocks(roles))


def _blocks(roles: dict[int, tuple[str, object]]) -> list[_Block]:
    """The header's columns split into tables: a key role (序号, 指标, 城市) seen again after
    a value column starts the next table."""
    blocks: list[_Block] = []
    current: dict[int, tuple[str, object]] = {}
    seen: set[str] = set()
    for c in sorted(roles):
        kind = roles[c][0]
        if kind in _KEY_ROLES and kind in seen and seen & _VALUE_ROLES:
            blocks.append(_Block(min(current), max(current), current))
            current, seen = {}, set()
        current[c] = roles[c]
        seen.add(kind)
    if current:
        blocks.append(_Block(min(current), max(current), current))
    for i in range(len(blocks) - 1):
        blocks[i].last = blocks[i + 1].first - 1
    return blocks


def _find_header(rows: list[list[object]]) -> _Header | None:
    """The first header in the first rows of the sheet (a weak one only if no real one)."""
    for weak in (False, True):
        for r in range(min(len(rows), HEADER_SCAN_ROWS)):
            header = _header_at(rows, r, weak)
            if header is not None:
                return header
    return None


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
    if not any(_text(v) for row in rows for v in row):
        return None  # an empty sheet: the caller reports an empty workbook

    def problem(message: str, cell: str | None = None) -> None:
        problems.append(InputProblem(file, message, sheet=sheet.name, cell=cell))

    header = _find_header(rows)
    if header is None:
        problem(
            "no recognisable header: expected a row naming the indicator column (指标/指标名称/"
            f"项目) and years (2021, 2021年) or 年份+数值, in the first {HEADER_SCAN_ROWS} rows"
        )
        return None
    tables: list[Table] = []
    above = 0  # the first row of the text above the current header
    # The sheet's own title (above its first table) names the place and year of every table
    # below it, unless a table's own title says otherwise.
    top = " ".join(t for _, t in _title_cells(rows, 0, header.top, None))
    while header is not None:
        end, next_header, next_above = _table_end(rows, header)
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


def _table_end(rows, header: _Header) -> tuple[int, _Header | None, int]:
    """Where the table under ``header`` ends (exclusive), the next header below it, and the
    first row of the text above that header (its title and unit line). A table ends at
    its notes (注：…) or at the text above the next header."""
    notes_at = None
    for r in range(header.row + 1, len(rows)):
        row = rows[r]
        first = next((t for v in row if not _blank(v) and (t := _text(v))), "")
        if not first:
            continue
        if _word_role(first)[0] in _HEADER_START:
            found = _header_at(rows, r)
            if found is not None:
                title_from = _text_above(rows, found.top, header.row)
                end = title_from if notes_at is None else min(notes_at, title_from)
                return end, found, title_from
        if notes_at is None and _NOTE_ROW.match(first):
            notes_at = r
    return (len(rows) if notes_at is None else notes_at), None, len(rows)


_HEADER_START = _KEY_ROLES | {"year"}


def _text_above(rows, top: int, floor: int) -> int:
    """The first of the rows of text only (titles, unit lines: no numbers, no notes)
    right above row ``top``, no higher than the row after ``floor``."""
    r = top
    while r - 1 > floor:
        cells = [v for v in rows[r - 1] if not _blank(v)]
        if cells and (_NOTE_ROW.match(_text(cells[0])) or any(_numeric(v) for v in cells)):
            break
        r -= 1
    return r


def _numeric(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    text = _text(value).replace(",", "").rstrip("%")
    try:
        float(text)
    except ValueError:
        return False
    return True


def _title_cells(rows, first_row: int, last_row: int, block: _Block | None):
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
            text = _text(row[c])
            if text and text not in seen:
                seen.add(text)
                cells.append((cell_ref(r, c), text))
    return cells


def _read_block(rows, header: _Header, block: _Block, above: int, end: int, ctx: _Context):
    hr, problem = header.row, ctx.problem
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
        if k == "item" and (t := _text(rows[hr][c])) and "单位" in fold(t)
    ]
    line = unit_line(own + on_header)
    if (
        ctx.several
        and line is None
        and any("单位" in fold(t) for _, t in _title_cells(rows, above, header.top, None))
    ):
        line = UnitLine(
            None,
            cell_ref(hr, block.first),
            "",
            "a unit line stands above the table beside this one but none above this one "
            "({cell}): put 单位：… above this table too, or give each row's unit in a 单位 "
            "column",
        )
    kinds = block.kinds
    first_cell = cell_ref(hr, block.first)

    for c, (kind, text) in sorted(block.roles.items()):
        if kind == "date":
            problem(
                f"the header {text!r} is a date that is not a year's end: ipkpi reads yearly "
                "figures; head the column with the year (2023) if it is the year's figure",
                cell_ref(hr, c),
            )
            return None
    year_cols: dict[int, int] = {}
    for c in block.cols("yearcol"):
        y = block.roles[c][1]
        twin = next((k for k, v in year_cols.items() if v == y), None)
        if twin is not None:
            problem(
                f"year {y} heads two columns ({cell_ref(hr, twin)} and {cell_ref(hr, c)}): "
                "one column per year; two tables side by side each need their own 指标 column",
                cell_ref(hr, c),
            )
            return None
        year_cols[c] = y
    notes: list[str] = []
    parts = block.cols("part")
    if parts:
        names = "、".join(str(block.roles[c][1]) for c in parts)
        notes.append(
            f"{_range(hr, parts)} ({names}) passed over: part of a year; "
            "only a 1-12月 or 全年 column is the year's figure"
        )

    name_col = block.col("indicator")
    if name_col is None:
        name_col = block.col("id")
    value_col = block.col("value")
    if value_col is None:
        value_col = block.col("annual")
    running = block.col("running")
    if value_col is None and running is not None and not year_cols:
        period = sheet_period(ctx.sheet or "", title, ctx.file_name)
        if period != "year":
            said = (
                "a sheet of part of the year"
                if period == "part"
                else "a sheet that names no period"
            )
            problem(
                f"{_text(rows[hr][running])!r} is a running total in {said}, not the year's "
                "figure: ingest the December (1-12月) sheet, or say 1-12月 in the title",
                cell_ref(hr, running),
            )
            return None
        value_col = running

    if name_col is not None:
        if year_cols:
            detected = "wide"
        elif "year" in kinds and value_col is not None:
            detected = "long"
        elif value_col is not None:
            detected = "single"
        elif parts:
            problem(
                "a monthly or quarterly sheet with no 1-12月 or 全年 column: none of its "
                "columns is the year's figure; ingest the sheet that has it (1-12月)",
                cell_ref(hr, parts[0]),
            )
            return None
        elif _years_down(rows, hr, end, name_col):
            problem(
                "the years run down this column (a transposed table): put the indicators "
                "in rows and the years across, or head the column 年份",
                cell_ref(hr, name_col),
            )
            return None
        else:
            problem(
                "no year or value columns beside the indicator column: head them with "
                "years (2023, 2023年) or 数值",
                first_cell,
            )
            return None
    elif "city" in kinds and year_cols:
        problem(
            "a table of places by year that names no indicator: add a 指标 column, or put "
            "the indicators across (one column each)",
            first_cell,
        )
        return None
    else:
        detected = "places" if "city" in kinds else "years"

    layout = ctx.layout
    if layout and layout != detected:
        if layout == "single" and value_col is not None and name_col is not None:
            year_cols = {}
        else:
            problem(f"--layout {layout}: the header has no {_NEEDS[layout]}", first_cell)
            return None
        detected = layout
    sheet_vintage = vintage_of(ctx.sheet, title, ctx.file_name)

    single_year = None
    if detected == "single" or (detected == "places" and "year" not in kinds):
        single_year = _year_of_sheet(ctx.year, ctx.sheet, title, ctx.file_name)
        if single_year is None:
            problem(
                "cannot tell the year of this sheet: name it in the sheet name, a title row "
                "(南京市2023年…) or the file name, or pass --year"
            )
            return None

    reader = _Rows(rows, hr, block, line, ctx)
    if detected == "wide":
        records = reader.wide(year_cols, sheet_vintage, name_col, end)
    elif detected == "long":
        records = reader.long(name_col, value_col, sheet_vintage, end)
    elif detected == "single":
        records = reader.single(name_col, value_col, single_year, sheet_vintage, end)
    else:
        records = reader.across(detected, single_year, sheet_vintage, end)
    return Table(detected, records, title, notes)


def _range(row: int, cols: list[int]) -> str:
    a, b = cell_ref(row, cols[0]), cell_ref(row, cols[-1])
    return a if a == b else f"{a}–{b}"


def _years_down(rows, hr: int, end: int, col: int) -> bool:
    below = [rows[r][col] for r in range(hr + 1, min(end, hr + 6)) if not _blank(rows[r][col])]
    return len(below) >= 2 and all(parse_year(v) is not None for v in below)


_NEEDS = {
    "wide": "year columns (2021, 2021年)",
    "long": "年份 and 数值 columns",
    "single": "数值 column",
    "places": "地区/城市 column with indicators across",
    "years": "年份 column with indicators across",
}


class _Rows:
    """Reads the rows of one table into records, with each value's unit worked out from
    the unit column, the indicator's name, the header and the unit line, in that order
    of precedence; two of them that disagree are an error at the value's cell."""

    def __init__(self, rows, hr: int, block: _Block, line: UnitLine | None, ctx: _Context):
        self.rows, self.hr, self.block, self.line = rows, hr, block, line
        self.sheet_name, self.problem, self.several = ctx.sheet, ctx.problem, ctx.several
        self.unit_col = block.col("unit")
        self.city_col = block.col("city")
        self.id_col = block.col("id")
        self.note_col = block.col("note")
        self.header_units = {
            c: (u, cell_ref(hr, c)) for c in block.roles if (u := _header_unit(rows[hr][c]))
        }
        self._units: dict[tuple, tuple] = {}

    # --- units ------------------------------------------------------------------

    def unit_of(self, row_sources: tuple, c: int) -> tuple[str | None, str | None]:
        """(unit, which source gives it) for column ``c`` of a row whose own units (unit
        column, name) are ``row_sources``, as (source, unit) pairs; raises _Conflict with
        the two sources that disagree. Worked out once per distinct combination."""
        key = (row_sources, c if c in self.header_units else None)
        found = self._units.get(key)
        if found is None:
            found = self._units[key] = self._combine(row_sources, c)
        if found[0] == "conflict":
            raise _Conflict(*found[1:])
        return found

    def _combine(self, row_sources: tuple, c: int) -> tuple:
        sources = list(row_sources)
        if c in self.header_units:
            sources.append(("header", self.header_units[c][0]))
        line = self.line
        if line is not None and line.unit:
            sources.append(("unit line", line.unit))
        distinct = list(dict.fromkeys(u for _, u in sources))
        if len(distinct) > 1:
            a = sources[0]
            return ("conflict", a, next(s for s in sources if s[1] != a[1]))
        if sources:
            return (sources[0][1], sources[0][0])
        if line is not None and line.problem:
            return ("conflict", None, None)
        return (None, None)

    def where(self, source: str | None, c: int, number: int, name_col: int) -> str | None:
        """The cell a unit's source stands in."""
        if source == "column":
            return f"{column_letter(self.unit_col)}{number}"
        if source == "name":
            return f"{column_letter(name_col)}{number}"
        if source == "header":
            return self.header_units[c][1]
        if source == "unit line":
            return self.line.cell
        return None

    def conflict_text(self, conflict: _Conflict, c: int, number: int, name_col: int) -> str:
        if conflict.a is None:
            line = self.line
            return line.problem.replace("{cell}", line.cell or "")
        (ka, ua), (kb, ub) = conflict.a, conflict.b
        return (
            f"unit conflict: {SOURCE_WORDS[ka]} says {ua} ({self.where(ka, c, number, name_col)}) "
            f"but {SOURCE_WORDS[kb]} says {ub} ({self.where(kb, c, number, name_col)}): "
            "make them agree"
        )

    def row_sources(self, row, name_unit: str | None) -> tuple:
        """The units a row gives itself, as (source, unit): its unit column, then its
        indicator's name."""
        sources = ()
        if self.unit_col is not None:
            text = _text(row[self.unit_col])
            if text:
                sources = (("column", units.canonical(text)),)
        if name_unit:
            sources += (("name", name_unit),)
        return sources

    # --- rows -------------------------------------------------------------------

    def _row_facts(self, row, number):
        city_col, note_col = self.city_col, self.note_col
        city = (_text(row[city_col]) or None) if city_col is not None else None
        city_cell = f"{column_letter(city_col)}{number}" if city_col is not None else None
        note = _text(row[note_col]) if note_col is not None else ""
        return city, city_cell, vintage_of(note) if note else None, confirms(note)

    def _data_rows(self, end: int):
        """(r, row) of the rows of this table that hold anything in its columns."""
        block = self.block
        for r in range(self.hr + 1, end):
            row = self.rows[r]
            span = row[block.first : block.last + 1] if self.several else row
            first = next((t for v in span if not _blank(v) and (t := _text(v))), "")
            if not first:
                continue
            if _NOTE_ROW.match(first):
                return
            yield r, row

    def wide(self, year_cols, sheet_vintage, name_col, end) -> list[RawRecord]:
        hr = self.hr
        cells = [
            (c, y, cell_ref(hr, c), vintage_of(_text(self.rows[hr][c])) or sheet_vintage)
            for c, y in year_cols.items()
        ]
        return self._named(name_col, end, lambda r, row: cells)

    def long(self, name_col, value_col, sheet_vintage, end) -> list[RawRecord]:
        yc = self.block.col("year")

        def cells(r, row):
            row_year = parse_year(row[yc])
            if row_year is None:
                if not _blank(row[value_col]):
                    self.problem(f"{_text(row[yc])!r} is not a year", cell_ref(r, yc))
                return ()
            return ((value_col, row_year, cell_ref(r, yc), sheet_vintage),)

        return self._named(name_col, end, cells)

    def single(self, name_col, value_col, single_year, sheet_vintage, end) -> list[RawRecord]:
        cells = ((value_col, single_year, None, sheet_vintage),)
        return self._named(name_col, end, lambda r, row: cells)

    def _named(self, name_col, end, cells_of) -> list[RawRecord]:
        """Rows keyed by an indicator (or id) column: wide, long and single tables."""
        records: list[RawRecord] = []
        add = records.append
        sheet_name, id_col = self.sheet_name, self.id_col
        for r, row in self._data_rows(end):
            cells = cells_of(r, row)
            if all(_blank(row[c]) for c, *_ in cells):
                continue  # a group heading (一、知识产权创造) or an empty row: no values at all
            number = r + 1
            name = _text(row[name_col])
            target_id = _text(row[id_col]) if id_col is not None else None
            if not name and not target_id:
                self.problem("a value with no indicator name", cell_ref(r, name_col))
                continue
            name_only, name_unit = _split_unit(name)
            sources = self.row_sources(row, name_unit)
            city, city_cell, row_vintage, confirmed = self._row_facts(row, number)
            if city_cell is not None and not city:
                # In a table with a place column, a row naming none is no one's: never the
                # place of the title (a provincial sheet's rows are its cities).
                self.problem(_NO_PLACE, city_cell)
                continue
            name_cell = f"{column_letter(name_col)}{number}"
            id_cell = f"{column_letter(id_col)}{number}" if target_id else None
            for c, y, ycell, vintage in cells:
                try:
                    unit, source = self.unit_of(sources, c)
                except _Conflict as conflict:
                    text = self.conflict_text(conflict, c, number, name_col)
                    self.problem(text, f"{column_letter(c)}{number}")
                    break
                unit_cell = self.where(source, c, number, name_col) if source else None
                add(
                    RawRecord(
                        sheet_name,
                        f"{column_letter(c)}{number}",
                        name_only or name,
                        name_cell,
                        y,
                        ycell,
                        row[c],
                        unit,
                        city,
                        city_cell,
                        unit_cell,
                        row_vintage or vintage,
                        target_id or None,
                        id_cell,
                        confirmed,
                        source,
                    )
                )
        return records

    def across(self, layout, single_year, sheet_vintage, end) -> list[RawRecord]:
        """Rows keyed by a place (``places``) or a year (``years``), an indicator a column;
        the unit in an indicator's header stands for its column."""
        block, hr = self.block, self.hr
        items = [(c, _text(self.rows[hr][c])) for c in block.cols("item")]
        items = [(c, *_split_unit(t)) for c, t in items if "单位" not in fold(t)]
        yc = block.col("year")
        records: list[RawRecord] = []
        for r, row in self._data_rows(end):
            number = r + 1
            if yc is not None:
                row_year = parse_year(row[yc])
                if row_year is None:
                    if any(not _blank(row[c]) for c, *_ in items):
                        self.problem(f"{_text(row[yc])!r} is not a year", cell_ref(r, yc))
                    continue
                year, year_cell = row_year, cell_ref(r, yc)
            else:
                year, year_cell = single_year, None
            city, city_cell, row_vintage, confirmed = self._row_facts(row, number)
            if city_cell is not None and not city:
                if any(not _blank(row[c]) for c, *_ in items):
                    self.problem(_NO_PLACE, city_cell)
                continue
            sources = self.row_sources(row, None)
            for c, name, _name_unit in items:
                if _blank(row[c]):
                    continue
                try:
                    unit, source = self.unit_of(sources, c)
                except _Conflict as conflict:
                    self.problem(self.conflict_text(conflict, c, number, c), cell_ref(r, c))
                    continue
                unit_cell = self.where(source, c, number, c) if source else None
                records.append(
                    RawRecord(
                        self.sheet_name,
                        cell_ref(r, c),
                        name,
                        cell_ref(hr, c),
                        year,
                        year_cell,
                        row[c],
                        unit,
                        city,
                        city_cell,
                        unit_cell,
                        row_vintage or sheet_vintage,
                        None,
                        None,
                        confirmed,
                        source,
                    )
                )
        return records


_NO_PLACE = "a row with values but no place in its 地区/城市 cell: fill it in"


class _Conflict(Exception):
    def __init__(self, a: tuple[str, str] | None, b: tuple[str, str] | None):
        self.a, self.b = a, b


SOURCE_WORDS = {
    "column": "the unit column",
    "name": "the indicator's name",
    "header": "the header",
    "unit line": "the unit line above the table",
}


def _header_unit(value: object) -> str | None:
    """The unit a header cell gives: 数值(亿元), 2023年(万件); None when it gives none."""
    text = _text(value)
    if not text or (parse_year(value) is not None and not re.search(r"[(（]", text)):
        return None
    _, unit = split_unit(text)
    return unit


@lru_cache(maxsize=1 << 14)
def _split_unit(name: str) -> tuple[str, str | None]:
    return split_unit(name)


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
