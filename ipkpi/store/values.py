"""A file's values as ingest hands them to the store: column by column, in arrays.

A big workbook gives a million values or more, and most of what each says repeats: its
place and target (its series), its unit, plan, indicator, sheet and vintage (its label).
Those are kept once, in ``series`` and ``labels``; a value is a position in six arrays
(series, label, year, value, the cell's row and column), about 40 bytes, not a Python
object of ten fields. The cell as written is kept only where it is not the value itself
(``36.26万件``, a converted figure), the cell's text only where it is no plain reference.

A value reads back as an ``Observation`` (``observation(i)``, iteration), so code that
takes observations takes these too; code that handles millions of them reads the arrays.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable, Iterator
from itertools import groupby, repeat

from ipkpi.store.records import Observation

_PLAIN_CELL = re.compile(r"([A-Z]{1,3})([1-9]\d{0,6})")
_MISSING = object()


def letters(col: int) -> str:
    """1 → A, 26 → Z, 27 → AA."""
    text = ""
    while col:
        col, rem = divmod(col - 1, 26)
        text = chr(65 + rem) + text
    return text


def split_cell(cell: str | None) -> tuple[int, int] | None:
    """ "C12" → (12, 3); None for anything that is no plain reference."""
    match = _PLAIN_CELL.fullmatch(cell) if cell else None
    if match is None:
        return None
    col = 0
    for ch in match.group(1):
        col = col * 26 + ord(ch) - 64
    return int(match.group(2)), col


class FileValues:
    """The values of one file, in the order given (see the module's docstring)."""

    def __init__(self) -> None:
        self.series: list[tuple[str, str]] = []  # (city, target id)
        self.labels: list[tuple] = []  # (unit, plan id, indicator, raw unit, sheet, vintage)
        self._series_ids: dict[tuple[str, str], int] = {}
        self._label_ids: dict[tuple, int] = {}
        # 26 bytes a value: the widest each column needs (a year: 2 bytes; a row, a
        # column of a CSV file, millions of series and labels: 4)
        self.series_of = array("I")
        self.label_of = array("I")
        self.years = array("H")
        self.values = array("d")
        self.rows = array("I")  # the cell's row (1-based), 0 when it is no plain reference
        self.cols = array("I")  # the cell's column (A = 1)
        self.raws: dict[int, str | None] = {}  # position → the cell as written, where not repr
        self.cells: dict[int, str | None] = {}  # position → a cell that is no plain reference

    # --- building --------------------------------------------------------------------

    def series_id(self, city: str, target_id: str) -> int:
        key = (city, target_id)
        found = self._series_ids.get(key)
        if found is None:
            found = self._series_ids[key] = len(self.series)
            self.series.append(key)
        return found

    def label_id(self, unit, plan_id, indicator, raw_unit, sheet, vintage) -> int:
        key = (unit, plan_id, indicator, raw_unit, sheet, vintage)
        found = self._label_ids.get(key)
        if found is None:
            found = self._label_ids[key] = len(self.labels)
            self.labels.append(key)
        return found

    def add(self, series: int, label: int, year: int, value: float, row: int, col: int) -> int:
        """Add a value whose cell as written is its own ``repr`` at a plain cell (``row``,
        ``col``); its position."""
        at = len(self.values)
        self.series_of.append(series)
        self.label_of.append(label)
        self.years.append(year)
        self.values.append(value)
        self.rows.append(row)
        self.cols.append(col)
        return at

    def extend_series(self, series: int, labels, years, values, rows, cols) -> int:
        """Add values of one series (their labels, years, values, rows and columns), each
        its own ``repr`` as written; the position of the first."""
        at = len(self.values)
        self.series_of.extend(repeat(series, len(values)))
        self.label_of.extend(labels)
        self.years.extend(years)
        self.values.extend(values)
        self.rows.extend(rows)
        self.cols.extend(cols)
        return at

    def add_observation(self, ob: Observation) -> int:
        """Add one observation as it is; its position."""
        series = self.series_id(ob.city, ob.target_id)
        label = self.label_id(ob.unit, ob.plan_id, ob.indicator, ob.raw_unit, ob.sheet, ob.vintage)
        place = split_cell(ob.cell)
        at = self.add(series, label, ob.year, ob.value, *(place or (0, 0)))
        if place is None:
            self.cells[at] = ob.cell
        if ob.raw != repr(float(ob.value)):
            self.raws[at] = ob.raw
        return at

    @classmethod
    def of(cls, observations: Iterable[Observation]) -> FileValues:
        if isinstance(observations, FileValues):
            return observations
        found = cls()
        for ob in observations:
            found.add_observation(ob)
        return found

    # --- reading ---------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self.values)

    def __bool__(self) -> bool:
        return len(self.values) > 0

    def cell(self, i: int) -> str | None:
        found = self.cells.get(i, _MISSING)
        if found is not _MISSING:
            return found
        return f"{letters(self.cols[i])}{self.rows[i]}"

    def raw(self, i: int) -> str | None:
        found = self.raws.get(i, _MISSING)
        return repr(self.values[i]) if found is _MISSING else found  # a float's repr

    def observation(self, i: int) -> Observation:
        city, target_id = self.series[self.series_of[i]]
        unit, plan_id, indicator, raw_unit, sheet, vintage = self.labels[self.label_of[i]]
        return Observation(
            city,
            target_id,
            self.years[i],
            self.values[i],
            unit,
            plan_id,
            indicator,
            self.raw(i),
            raw_unit,
            sheet,
            self.cell(i),
            vintage,
        )

    def __iter__(self) -> Iterator[Observation]:
        return map(self.observation, range(len(self.values)))

    def runs(self) -> dict[int, list[tuple[int, int]]]:
        """Series → the [start, stop) ranges of positions holding its values, in order: a
        row's values, and a long table's rows of one series, stand together."""
        found: dict[int, list[tuple[int, int]]] = {}
        start = 0
        for series, run in groupby(self.series_of):  # a run at a time, not a value
            stop = start + len(list(run))
            found.setdefault(series, []).append((start, stop))
            start = stop
        return found
