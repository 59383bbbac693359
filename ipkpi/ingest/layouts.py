"""Find the table in a sheet and turn it into raw records, whatever the layout.

Layouts seen in real statistics workbooks, detected from the header:

- ``long``: one row per (city, indicator, year, value[, unit]) — header has 年份 and 数值;
- ``wide``: one row per indicator, one column per year (``2021``, ``2021年``, ``2021年末``);
- ``single``: indicator rows with one value column; the year comes from ``--year``, the
  sheet name, a title row (``南京市2023年知识产权主要指标``) or the file name.

Title rows above the header, merged header cells (a two-row header with 年份 merged
over the year columns), a 序号 column, a unit column or the unit in a header
(``商标有效注册量(万件)``) and notes rows below the table (``注：…``) are handled.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from ipkpi.errors import InputProblem
from ipkpi.ingest.cells import cell_ref, column_letter, parse_year
from ipkpi.ingest.matching import split_unit
from ipkpi.ingest.reading import Sheet

LAYOUTS = ("long", "wide", "single")
HEADER_SCAN_ROWS = 30

_ROLE_WORDS = {
    "indicator": ("指标", "指标名称", "项目", "名称", "指标项", "统计指标", "indicator", "name"),
    "id": ("指标代码", "指标编号", "代码", "id", "target_id", "指标id"),
    "unit": ("单位", "计量单位", "unit"),
    "city": ("城市", "地区", "市州", "地市", "市(州)", "行政区划", "区域", "city", "place"),
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
# 注：… / 说明1. … — but not 注册商标, which is an indicator.
_NOTE_ROW = re.compile(
    r"^(注|说明|备注|数据来源|资料来源|填表说明|填报说明|note)\s*([:.、]|\d|$)", re.IGNORECASE
)
_YEAR_IN_TEXT = re.compile(r"(19[5-9]\d|20\d\d)\s*年")
_BARE_YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
_VINTAGES = (
    ("revised", ("修订", "更正", "调整后", "修正")),
    ("preliminary", ("快报", "初步", "初值", "预计", "预估")),
    ("final", ("正式", "终核", "最终", "年报")),
)


def vintage_of(*texts: object) -> str | None:
    """初步/快报 → preliminary, 正式 → final, 修订 → revised, from the first text that says."""
    for text in texts:
        if not text:
            continue
        text = str(text)
        for code, words in _VINTAGES:
            if any(w in text for w in words):
                return code
    return None


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
    unit: str | None  # the unit the sheet gives for this value, if any
    city: str | None  # as written in a city column
    city_cell: str | None
    unit_cell: str | None
    vintage: str | None
    target_id: str | None  # from an id column
    id_cell: str | None


@dataclass
class Table:
    layout: str
    records: list[RawRecord]
    title: str  # the text above the header, joined


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


def _role(value: object) -> tuple[str, int | None] | None:
    """What a header cell names: ('yearcol', 2021), ('indicator', None), … or None."""
    year = parse_year(value)
    if year is not None:
        return ("yearcol", year)
    text = re.sub(r"\s+", "", _text(value)).lower()
    if not text:
        return None
    base, _unit = split_unit(text)
    base = re.sub(r"\s+", "", base)
    role = _WORD_ROLE.get(base)
    if role is None and (base.startswith("指标") or base.endswith("名称")):
        role = "indicator"
    if role is None and (base.startswith("数值") or base.startswith("实际值")):
        role = "value"
    return (role, None) if role else None


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
class _Header:
    row: int  # the last header row
    roles: dict[int, tuple[str, int | None]]  # column → role
    vintages: dict[int, str | None]  # per year column, from its header text
    year_cells: dict[int, str]  # per year column, the header cell


def _find_header(rows: list[list[object]]) -> _Header | None:
    """The first row naming the indicator column and either year columns or a value
    column; a row whose year columns sit on the row below (年份 merged above them)
    makes a two-row header."""
    for r in range(min(len(rows), HEADER_SCAN_ROWS)):
        roles = {c: role for c, v in enumerate(rows[r]) if (role := _role(v))}
        kinds = {k for k, _ in roles.values()}
        if not kinds & {"indicator", "id"}:
            continue
        if kinds & {"yearcol", "value"}:
            return _header(rows, r, roles)
        if r + 1 < len(rows):
            below = {c: role for c, v in enumerate(rows[r + 1]) if (role := _role(v))}
            year_cols = {c: x for c, x in below.items() if x[0] == "yearcol"}
            if year_cols:
                return _header(rows, r + 1, {**roles, **year_cols})
    return None


def _header(rows, r, roles) -> _Header:
    vintages = {c: vintage_of(_text(rows[r][c])) for c, (k, _) in roles.items() if k == "yearcol"}
    year_cells = {c: cell_ref(r, c) for c, (k, _) in roles.items() if k == "yearcol"}
    return _Header(r, roles, vintages, year_cells)


def read_table(
    sheet: Sheet,
    file_name: str,
    problems: list[InputProblem],
    file,
    layout: str | None = None,
    year: int | None = None,
) -> Table | None:
    """The records of the one table in ``sheet``; problems are appended, not raised."""
    rows = _filled(sheet)
    if not any(_text(v) for row in rows for v in row):
        return None  # an empty sheet: the caller reports an empty workbook
    header = _find_header(rows)

    def problem(message: str, cell: str | None = None) -> None:
        problems.append(InputProblem(file, message, sheet=sheet.name, cell=cell))

    if header is None:
        problem(
            "no recognisable header: expected a row naming the indicator column (指标/指标名称/"
            f"项目) and years (2021, 2021年) or 年份+数值, in the first {HEADER_SCAN_ROWS} rows"
        )
        return None
    cols = {}
    for c, (kind, _) in header.roles.items():
        cols.setdefault(kind, c)
    year_cols = {c: y for c, (k, y) in header.roles.items() if k == "yearcol"}
    title = " ".join(_text(v) for row in rows[: header.row] for v in dict.fromkeys(row) if _text(v))
    detected = "wide" if year_cols else "long" if "year" in cols and "value" in cols else "single"
    if layout and layout != detected:
        if layout == "single" and "value" in cols:
            year_cols = {}
        elif not (layout == "wide" and year_cols) and not (
            layout == "long" and "year" in cols and "value" in cols
        ):
            problem(
                f"--layout {layout}: the header has no {_NEEDS[layout]}", cell_ref(header.row, 0)
            )
            return None
        detected = layout
    sheet_vintage = vintage_of(sheet.name, title, file_name)

    single_year = None
    if detected == "single":
        single_year = _year_of_sheet(year, sheet.name, title, file_name)
        if single_year is None:
            problem(
                "cannot tell the year of this sheet: name it in the sheet name, a title row "
                "(南京市2023年…) or the file name, or pass --year"
            )
            return None

    value_header_unit = None
    if "value" in cols:
        _, value_header_unit = split_unit(_text(rows[header.row][cols["value"]]))

    records: list[RawRecord] = []
    name_col = cols.get("indicator", cols.get("id"))
    id_col, unit_col, city_col = cols.get("id"), cols.get("unit"), cols.get("city")
    # A note saying 快报 or 修订 marks its row's value (one value per row: not wide sheets).
    note_col = cols.get("note") if detected != "wide" else None
    if detected == "wide":
        wide_cells = [
            (c, y, header.year_cells[c], header.vintages[c] or sheet_vintage)
            for c, y in year_cols.items()
        ]
    value_col = cols.get("value")
    sheet_name = sheet.name
    add = records.append
    for r in range(header.row + 1, len(rows)):
        row = rows[r]
        first = next((t for v in row if not _blank(v) and (t := _text(v))), "")
        if not first:
            continue
        if _NOTE_ROW.match(first):
            break  # notes below the table
        number = r + 1
        name = _text(row[name_col])
        target_id = _text(row[id_col]) if id_col is not None else None
        unit = _text(row[unit_col]) if unit_col is not None else None
        name_only, unit_in_name = _split_unit(name)
        unit = unit or unit_in_name or value_header_unit
        city = (_text(row[city_col]) or None) if city_col is not None else None
        if detected == "wide":
            cells = wide_cells
        elif detected == "long":
            yc = cols["year"]
            row_year = parse_year(row[yc])
            if row_year is None:
                if _blank(row[value_col]):
                    continue
                problem(f"{_text(row[yc])!r} is not a year", cell_ref(r, yc))
                continue
            cells = [(value_col, row_year, f"{column_letter(yc)}{number}", sheet_vintage)]
        else:
            cells = [(value_col, single_year, None, sheet_vintage)]
        if all(_blank(row[c]) for c, *_ in cells):
            continue  # a group heading (一、知识产权创造) or an empty row: no values at all
        if not name and not target_id:
            problem("a value with no indicator name", cell_ref(r, name_col))
            continue
        name_cell = f"{column_letter(name_col)}{number}"
        city_cell = f"{column_letter(city_col)}{number}" if city_col is not None else None
        unit_cell = f"{column_letter(unit_col)}{number}" if unit_col is not None else None
        id_cell = f"{column_letter(id_col)}{number}" if target_id else None
        row_vintage = vintage_of(_text(row[note_col])) if note_col is not None else None
        for c, y, ycell, vintage in cells:
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
                )
            )
    return Table(detected, records, title)


_NEEDS = {
    "wide": "year columns (2021, 2021年)",
    "long": "年份 and 数值 columns",
    "single": "数值 column",
}


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
        found = set(_YEAR_IN_TEXT.findall(text))
        if len(found) == 1:
            return int(found.pop())
    found = set(_BARE_YEAR.findall(file_name))
    if len(found) == 1:
        return int(found.pop())
    return None
