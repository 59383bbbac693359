"""The values a file gives, one per place, target, year and vintage: a value given again
with another figure is a problem (E-VALUE-TWICE), with the same figure passed over.

The values go straight into a ``FileValues`` (column by column, see
``ipkpi.store.values``). Which keys a file has given so far is a bit per (year, vintage
rank) in one integer per series: a file of a million values keeps a few thousand integers,
not a million keys. Keys given twice are rare (a table repeated on a second sheet); at the
first, an index of the values so far is built and kept from then on, so finding the first
of each repeat costs no scan.
"""

from __future__ import annotations

from pathlib import Path

from ipkpi.errors import InputProblem
from ipkpi.ingest.cells import figure_text as _num
from ipkpi.ingest.report import FileReport
from ipkpi.messages import msg
from ipkpi.store import vintage
from ipkpi.store.records import Observation
from ipkpi.store.values import FileValues, letters, split_cell

_FIRST_YEAR = 1900  # bits count from here; a year outside the bits goes to the index
_LAST_YEAR = 2199
_RANKS = 3  # vintage.rank: 0 preliminary, 1 unmarked or final, 2 revised


class Given:
    """The values a file gives, in order, at most one per (city, target, year, vintage
    rank), in ``values``; each one given again with another figure is a problem in
    ``report``. ``count`` is how many were given, repeats included."""

    def __init__(self, report: FileReport, path: Path) -> None:
        self.values = FileValues()
        self.report, self.path = report, path
        self.count = 0
        self._ranks: list[int] = []  # label → its vintage's rank
        self._masks: dict[int, int] = {}  # series → a bit per (year, rank) given
        self._index: dict[tuple[int, int, int], int] | None = None
        self._open: Batch | None = None
        self._bits: dict[int, dict[int, int]] = {}  # rank → year → bit (see bits)

    def bits(self, label: int) -> dict[int, int]:
        """Year → the bit of (year, the rank of ``label``'s vintage) in a series' mask, for
        the years the bits hold (a batch's years are among them)."""
        rank = self._ranks[label]
        found = self._bits.get(rank)
        if found is None:
            found = self._bits[rank] = {
                year: 1 << ((year - _FIRST_YEAR) * _RANKS + rank)
                for year in range(_FIRST_YEAR, _LAST_YEAR + 1)
            }
        return found

    def batch(self, series: int, first: int, last: int) -> Batch:
        """The open batch of ``series`` (values from ``first`` to ``last``), or a new one
        once the open one is added to the file's values: values of one series that come
        together (a row's, a long table's rows') are added together, each appended as it
        is (``Batch.adders``) once checked against ``mask``; ``mask`` is None when the keys
        cannot be told by bits (take them one by one)."""
        batch = self._open
        if batch is not None and batch.series == series:
            return batch
        self.flush()
        usable = self._index is None and first >= _FIRST_YEAR and last <= _LAST_YEAR
        batch = self._open = Batch(series, self._masks.get(series, 0) if usable else None)
        return batch

    def flush(self) -> None:
        """Add the open batch's values to the file's."""
        batch, self._open = self._open, None
        if batch is None or not batch.years:
            return
        self.count += len(batch.years)
        self._masks[batch.series] = batch.mask
        start = self.values.extend_series(
            batch.series, batch.labels, batch.years, batch.values, batch.rows, batch.cols
        )
        for i, raw in batch.raws:
            self.values.raws[start + i] = raw

    def series(self, city: str, target_id: str) -> int:
        return self.values.series_id(city, target_id)

    def label(self, unit, plan_id, indicator, raw_unit, sheet, vintage_code) -> int:
        found = self.values.label_id(unit, plan_id, indicator, raw_unit, sheet, vintage_code)
        if found == len(self._ranks):
            self._ranks.append(vintage.rank(vintage_code))
        return found

    def take(
        self, series: int, label: int, year: int, value: float, row: int, col: int, cell=None
    ) -> int:
        """A value at a plain cell (``row``, ``col``; else ``cell`` says where) whose cell as
        written is its own ``repr``: its position, or -1 when its key was given before (the
        first kept, a different figure refused)."""
        self.flush()
        self.count += 1
        if self._index is None and _FIRST_YEAR <= year <= _LAST_YEAR:
            bit = 1 << ((year - _FIRST_YEAR) * _RANKS + self._ranks[label])
            mask = self._masks.get(series, 0)
            if not mask & bit:
                self._masks[series] = mask | bit
                return self.values.add(series, label, year, value, row, col)
        return self._take_indexed(series, label, year, value, row, col, cell)

    def take_observation(self, ob: Observation) -> int:
        """Any observation (a text cell, a converted figure, a cell that is no plain
        reference): its position, or -1 as ``take``."""
        series = self.series(ob.city, ob.target_id)
        label = self.label(ob.unit, ob.plan_id, ob.indicator, ob.raw_unit, ob.sheet, ob.vintage)
        place = split_cell(ob.cell)
        at = self.take(series, label, ob.year, ob.value, *(place or (0, 0)), ob.cell)
        if at >= 0:
            if place is None:
                self.values.cells[at] = ob.cell
            if ob.raw != repr(float(ob.value)):
                self.values.raws[at] = ob.raw
        return at

    def _take_indexed(self, series, label, year, value, row, col, cell) -> int:
        index = self._indexed()
        key = (series, year, self._ranks[label])
        first = index.get(key)
        if first is None:
            at = index[key] = self.values.add(series, label, year, value, row, col)
            return at
        before = self.values.values[first]
        if abs(before - value) > 1e-9 * max(1.0, abs(before)):
            self._twice(first, label, year, value, cell or f"{letters(col)}{row}")
        return -1

    def _indexed(self) -> dict[tuple[int, int, int], int]:
        if self._index is None:
            v, ranks = self.values, self._ranks
            self._index = {
                (v.series_of[i], v.years[i], ranks[v.label_of[i]]): i for i in range(len(v))
            }
        return self._index

    def _twice(self, first: int, label: int, year: int, value: float, cell: str | None):
        v = self.values
        indicator, sheet = v.labels[label][2], v.labels[label][4]
        first_sheet, first_cell = v.labels[v.label_of[first]][4], v.cell(first)
        where = f"{first_sheet} › {first_cell}" if first_sheet else first_cell
        self.report.problems.append(
            InputProblem(
                self.path,
                msg(
                    "E-VALUE-TWICE",
                    name=indicator,
                    year=year,
                    first=_num(v.values[first]),
                    where=where,
                    second=_num(value),
                ),
                sheet=sheet,
                cell=cell,
            )
        )


class Batch:
    """Values of one series that come together, checked and waiting to be added together
    (see ``Given.batch``)."""

    __slots__ = ("adders", "cols", "labels", "mask", "raws", "rows", "series", "values", "years")

    def __init__(self, series: int, mask: int | None):
        self.series, self.mask = series, mask
        self.labels: list[int] = []
        self.years: list[int] = []
        self.values: list[float] = []
        self.rows: list[int] = []
        self.cols: list[int] = []
        self.raws: list[tuple[int, str]] = []  # (index, cell as written) of converted figures
        # The ``append`` of labels, years, values, rows and columns.
        self.adders = (
            self.labels.append,
            self.years.append,
            self.values.append,
            self.rows.append,
            self.cols.append,
        )
