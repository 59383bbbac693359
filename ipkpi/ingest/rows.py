"""A table's rows read into raw records, one per value cell, each with the unit its
context gives it: the row's unit column, the indicator's name, its column's header and
the unit line above the table, in that order of precedence; two that disagree are an
error at the value's cell, never a guess.
"""

from __future__ import annotations

import re
from functools import lru_cache
from operator import itemgetter

from ipkpi.catalogue import units
from ipkpi.ingest.cells import cell_ref, column_letter, parse_year
from ipkpi.ingest.context import UnitLine, confirms, fold, vintage_of
from ipkpi.ingest.headers import Block, blank, clean, first_text, is_note, text_of
from ipkpi.ingest.matching import split_unit
from ipkpi.ingest.raw import RowShape, RowValues, at
from ipkpi.messages import Message, msg


class RowReader:
    """Reads the rows of one table into records, with each value's unit worked out from
    the unit column, the indicator's name, the header and the unit line, in that order
    of precedence; two of them that disagree are an error at the value's cell."""

    def __init__(
        self, rows, hr: int, block: Block, line: UnitLine | None, sheet, problem, several: bool
    ):
        """``rows`` of the sheet, the header row ``hr``, the table's ``block`` of columns
        and its unit ``line``; ``problem(message, cell)`` records a problem (a Message);
        ``several``: tables stand side by side, so only the block's columns are the
        table's."""
        self.rows, self.hr, self.block, self.line = rows, hr, block, line
        self.sheet_name, self.problem, self.several = sheet, problem, several
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

    def unit_at(self, source: str | None, c: int, name_col: int):
        """Where a unit's source stands, as ``RowShape`` says it: a column of the row, one
        cell, or nowhere."""
        if source == "column":
            return (column_letter(self.unit_col), None)
        if source == "name":
            return (column_letter(name_col), None)
        if source == "header":
            return (None, self.header_units[c][1])
        if source == "unit line":
            return (None, self.line.cell)
        return None

    def where(self, source: str | None, c: int, number: int, name_col: int) -> str | None:
        """The cell a unit's source stands in, in row ``number``."""
        return at(self.unit_at(source, c, name_col), number)

    def conflict_text(self, conflict: _Conflict, c: int, number: int, name_col: int) -> Message:
        if conflict.a is None:
            return self.line.problem
        (ka, ua), (kb, ub) = conflict.a, conflict.b
        return msg(
            "E-UNIT-CONFLICT",
            source=SOURCE_WORDS[ka],
            unit=ua,
            cell=self.where(ka, c, number, name_col),
            other_source=SOURCE_WORDS[kb],
            other_unit=ub,
            other_cell=self.where(kb, c, number, name_col),
        )

    def row_sources(self, row, name_unit: str | None) -> tuple:
        """The units a row gives itself, as (source, unit): its unit column, then its
        indicator's name."""
        sources = ()
        if self.unit_col is not None:
            text = text_of(row[self.unit_col])
            if text:
                sources = (("column", units.canonical(text)),)
        if name_unit:
            sources += (("name", name_unit),)
        return sources

    # --- rows -------------------------------------------------------------------

    def _row_facts(self, row, number):
        city_col, note_col = self.city_col, self.note_col
        city = (text_of(row[city_col]) or None) if city_col is not None else None
        city_cell = f"{column_letter(city_col)}{number}" if city_col is not None else None
        note = text_of(row[note_col]) if note_col is not None else ""
        return city, city_cell, vintage_of(note) if note else None, confirms(note)

    def _data_rows(self, end: int):
        """(r, row) of the rows of this table that hold anything in its columns."""
        block = self.block
        for r in range(self.hr + 1, end):
            row = self.rows[r]
            span = row[block.first : block.last + 1] if self.several else row
            value = span[0] if span else None  # most rows start with a text: sooner
            first = (type(value) is str and clean(value)) or first_text(span)
            if not first:
                continue
            if is_note(first):
                return
            yield r, row

    def wide(self, year_cols, sheet_vintage, name_col, end) -> list[RowValues]:
        hr = self.hr
        cells = [
            (c, column_letter(c), y, (None, cell_ref(hr, c)), vintage_of(text_of(self.rows[hr][c])))
            for c, y in year_cols.items()
        ]
        cells = [(c, letter, y, ycell, v or sheet_vintage) for c, letter, y, ycell, v in cells]
        return self._named(name_col, end, lambda r, row: cells)

    def long(self, name_col, value_col, sheet_vintage, end) -> list[RowValues]:
        yc = self.block.col("year")
        year_at, value_letter = (column_letter(yc), None), column_letter(value_col)
        of_year: dict[int, tuple] = {}  # the rows of a year share their cells
        of_cell: dict[tuple[type, object], tuple] = {}  # a year cell's value → them

        def cells(r, row):
            year = row[yc]
            found = of_cell.get((type(year), year))  # year cells repeat a few values
            if found is not None:
                return found
            if type(year) is float and year.is_integer() and 1950 <= year <= 2099:
                row_year = int(year)  # most year cells: the same as parse_year, sooner
            else:
                row_year = parse_year(year)
            if row_year is None:
                if not blank(row[value_col]):
                    self.problem(msg("E-YEAR-INVALID", text=text_of(row[yc])), cell_ref(r, yc))
                return ()
            found = of_year.get(row_year)
            if found is None:
                found = of_year[row_year] = (
                    (value_col, value_letter, row_year, year_at, sheet_vintage),
                )
            of_cell[(type(year), year)] = found
            return found

        return self._named(name_col, end, cells)

    def single(self, name_col, value_col, single_year, sheet_vintage, end) -> list[RowValues]:
        cells = ((value_col, column_letter(value_col), single_year, None, sheet_vintage),)
        return self._named(name_col, end, lambda r, row: cells)

    def _named(self, name_col, end, cells_of) -> list[RowValues]:
        """Rows keyed by an indicator (or id) column: wide, long and single tables. What a
        row says of itself (its indicator, place, unit, note) is worked out once per
        distinct row text (a ``RowShape``), not once per row."""
        found: list[RowValues] = []
        add = found.append
        per_column = bool(self.header_units)
        key_cols = [c for c in (name_col, self.id_col, self.unit_col, self.city_col, self.note_col)]
        key_cols = [c for c in key_cols if c is not None]
        key_of = itemgetter(*key_cols) if len(key_cols) > 1 else lambda row: (row[name_col],)
        facts_of: dict[tuple, tuple] = {}
        shapes: dict[tuple, RowShape] = {}
        last: tuple = (None, None)  # (facts, shape) of the row above
        for r, row in self._data_rows(end):
            cells = cells_of(r, row)
            if _all_blank(row, cells):
                continue  # a group heading (一、知识产权创造) or an empty row: no values at all
            number = r + 1
            key = key_of(row)
            facts = facts_of.get(key)
            if facts is None:
                facts = self._row_facts_of(row, name_col)
                if all(type(v) is str or v is None for v in key):  # 1.0 == 1 == True
                    facts_of[key] = facts
            if facts is last[0]:  # the row above's facts, so its shape (no units per column)
                add(RowValues(last[1], number, cells, row))
                continue
            name, _, target_id, sources, city, _, _ = facts
            if not name and not target_id:
                self.problem(msg("E-INDICATOR-MISSING"), cell_ref(r, name_col))
                continue
            if self.city_col is not None and not city:
                # In a table with a place column, a row naming none is no one's: never the
                # place of the title (a provincial sheet's rows are its cities).
                self.problem(_NO_PLACE, f"{column_letter(self.city_col)}{number}")
                continue
            # One unit for the row, unless a header gives one to its column.
            for cell in cells if per_column else cells[:1]:
                c = cell[0]
                try:
                    unit, source = self.unit_of(sources, c)
                except _Conflict as conflict:
                    text = self.conflict_text(conflict, c, number, name_col)
                    self.problem(text, f"{column_letter(c)}{number}")
                    break
                shape_key = (facts, unit, source, c if source == "header" else None)
                shape = shapes.get(shape_key)
                if shape is None:
                    shape = shapes[shape_key] = self._shape(facts, name_col, unit, source, c)
                add(RowValues(shape, number, [cell] if per_column else cells, row))
                if not per_column:
                    last = (facts, shape)
        return found

    def _shape(self, facts: tuple, name_col: int, unit, source, c: int) -> RowShape:
        """The shape of rows with these ``facts`` (see ``_row_facts_of``) whose values at
        column ``c`` have ``unit`` from ``source``."""
        name, name_only, target_id, _, city, row_vintage, confirmed = facts
        return RowShape(
            self.sheet_name,
            name_only or name,
            (column_letter(name_col), None),
            city,
            (column_letter(self.city_col), None) if self.city_col is not None else None,
            unit,
            source,
            self.unit_at(source, c, name_col),
            target_id or None,
            (column_letter(self.id_col), None) if target_id else None,
            confirmed,
            row_vintage,
        )

    def _row_facts_of(self, row, name_col) -> tuple:
        """(name as written, name without its unit, id, the row's units, place, vintage of
        its note, whether its note confirms the figures) of a row."""
        name = text_of(row[name_col])
        id_col = self.id_col
        target_id = text_of(row[id_col]) if id_col is not None else None
        name_only, name_unit = _split_unit(name)
        sources = self.row_sources(row, name_unit)
        city_col, note_col = self.city_col, self.note_col
        city = (text_of(row[city_col]) or None) if city_col is not None else None
        note = text_of(row[note_col]) if note_col is not None else ""
        row_vintage = vintage_of(note) if note else None
        return name, name_only, target_id, sources, city, row_vintage, confirms(note)

    def across(self, layout, single_year, sheet_vintage, end) -> list[RowValues]:
        """Rows keyed by a place (``places``) or a year (``years``), an indicator a column;
        the unit in an indicator's header stands for its column."""
        block, hr = self.block, self.hr
        items = [(c, text_of(self.rows[hr][c])) for c in block.cols("item")]
        items = [(c, *_split_unit(t)) for c, t in items if "单位" not in fold(t)]
        yc = block.col("year")
        records: list[RowValues] = []
        shapes: dict[tuple, RowShape] = {}
        for r, row in self._data_rows(end):
            number = r + 1
            if yc is not None:
                row_year = parse_year(row[yc])
                if row_year is None:
                    if any(not blank(row[c]) for c, *_ in items):
                        self.problem(msg("E-YEAR-INVALID", text=text_of(row[yc])), cell_ref(r, yc))
                    continue
                year, year_at = row_year, (column_letter(yc), None)
            else:
                year, year_at = single_year, None
            city, city_cell, row_vintage, confirmed = self._row_facts(row, number)
            if city_cell is not None and not city:
                if any(not blank(row[c]) for c, *_ in items):
                    self.problem(_NO_PLACE, city_cell)
                continue
            sources = self.row_sources(row, None)
            for c, name, _name_unit in items:
                if blank(row[c]):
                    continue
                try:
                    unit, source = self.unit_of(sources, c)
                except _Conflict as conflict:
                    self.problem(self.conflict_text(conflict, c, number, c), cell_ref(r, c))
                    continue
                shape_key = (c, city, confirmed, row_vintage, unit, source)
                shape = shapes.get(shape_key)
                if shape is None:
                    city_at = (column_letter(self.city_col), None) if city_cell else None
                    shape = shapes[shape_key] = RowShape(
                        self.sheet_name,
                        name,
                        (None, cell_ref(hr, c)),
                        city,
                        city_at,
                        unit,
                        source,
                        self.unit_at(source, c, c),
                        None,
                        None,
                        confirmed,
                        row_vintage,
                    )
                value = (c, column_letter(c), year, year_at, sheet_vintage)
                records.append(RowValues(shape, number, [value], row))
        return records


_NO_PLACE = msg("E-PLACE-MISSING")


def _all_blank(row: list, cells) -> bool:
    if len(cells) == 1:  # a long table's row: its one value
        value = row[cells[0][0]]
        return value is None or (type(value) is str and not clean(value))
    for c, *_ in cells:  # noqa: SIM110 (a loop: no generator made per row)
        if not blank(row[c]):
            return False
    return True


class _Conflict(Exception):
    def __init__(self, a: tuple[str, str] | None, b: tuple[str, str] | None):
        self.a, self.b = a, b


# Where a unit is written, as a message says it.
SOURCE_WORDS = {
    "column": msg("ingest.source.column"),
    "name": msg("ingest.source.name"),
    "header": msg("ingest.source.header"),
    "unit line": msg("ingest.source.unit_line"),
}


def _header_unit(value: object) -> str | None:
    """The unit a header cell gives: 数值(亿元), 2023年(万件); None when it gives none."""
    text = text_of(value)
    if not text or (parse_year(value) is not None and not re.search(r"[(（]", text)):
        return None
    _, unit = split_unit(text)
    return unit


@lru_cache(maxsize=1 << 14)
def _split_unit(name: str) -> tuple[str, str | None]:
    return split_unit(name)
