"""What a table's rows hold, as ingest passes it on: a value cell with all its row and
header say of it (``RawRecord``), and a row's values together (``RowValues``), sharing
what the rows of one kind say (``RowShape``).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple


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


class RowShape:
    """What the rows of a table with the same text in their key columns (indicator, id,
    unit, place, note) share, down to their values' unit, and where in a row each is
    written: all of a record but the row's number and the value's own cell. A big sheet
    repeats a few thousand shapes over hundreds of thousands of rows."""

    __slots__ = (
        *("sheet", "name", "name_at", "city", "city_at", "unit", "source", "unit_at"),
        *("target_id", "id_at", "confirmed", "vintage"),
    )

    def __init__(
        self,
        sheet,
        name,
        name_at,
        city,
        city_at,
        unit,
        source,
        unit_at,
        target_id,
        id_at,
        confirmed,
        vintage=None,
    ):
        """Each ``*_at`` says where that is written: (column letter, None) in the row's own
        cell of that column, (None, cell) in one cell for all rows (a header, a unit line),
        or None (nowhere). ``vintage`` is the one a row's note gives (None: its column's)."""
        self.sheet, self.name, self.name_at = sheet, name, name_at
        self.city, self.city_at = city, city_at
        self.unit, self.source, self.unit_at = unit, source, unit_at
        self.target_id, self.id_at, self.confirmed = target_id, id_at, confirmed
        self.vintage = vintage

    def record(self, number: int, cell: str, year: int, year_cell, raw, vintage) -> RawRecord:
        """The record of one value in row ``number`` (1-based)."""
        return RawRecord(
            self.sheet,
            cell,
            self.name,
            at(self.name_at, number),
            year,
            year_cell,
            raw,
            self.unit,
            self.city,
            at(self.city_at, number),
            at(self.unit_at, number),
            vintage,
            self.target_id,
            at(self.id_at, number),
            self.confirmed,
            self.source,
        )


def at(where: tuple[str | None, str | None] | None, number: int) -> str | None:
    if where is None:
        return None
    letter, cell = where
    return cell if letter is None else f"{letter}{number}"


class RowValues(NamedTuple):
    """The values of one row of a shape: the row's ``number`` (1-based), its ``cells`` as
    the columns its values stand in, each (column, letter, year, where the year is written
    as ``RowShape`` says it, vintage), and the ``row`` itself (its values are read from
    it). A wide table's rows share one list of cells, a long table's rows of one year one
    too: a row costs one small tuple, not a record per value."""

    shape: RowShape
    number: int
    cells: list[tuple[int, str, int, tuple | None, str | None]]
    row: list

    def records(self) -> Iterator[RawRecord]:
        """Each value as a record of its own."""
        shape, number, row = self.shape, self.number, self.row
        for c, letter, year, year_at, vintage in self.cells:
            cell, year_cell = f"{letter}{number}", at(year_at, number)
            yield shape.record(number, cell, year, year_cell, row[c], shape.vintage or vintage)
