"""The values a file gives, one per place, target, year and vintage: a value given again
with another figure is a problem (E-VALUE-TWICE), with the same figure passed over; and the
cells a note or ``--accept`` confirms.

A bit per (year, vintage rank) in one integer per (place, target): a file of a million
values keeps a few thousand integers, not a million keys. Keys given twice are rare (a
table repeated on a second sheet); at the first, an index of the values so far is built,
and kept from then on, so finding the first of each repeat costs no scan.
"""

from __future__ import annotations

from pathlib import Path

from ipkpi.errors import InputProblem
from ipkpi.ingest.cells import figure_text as _num
from ipkpi.ingest.layouts import Table
from ipkpi.ingest.report import FileReport, IngestOptions
from ipkpi.ingest.resolve import Resolver
from ipkpi.messages import msg
from ipkpi.store import vintage
from ipkpi.store.records import Observation

_FIRST_YEAR = 1800  # bits count from here; a year outside the bits goes to the index
_LAST_YEAR = 2399
_RANKS = 3  # vintage.rank: 0 preliminary, 1 unmarked or final, 2 revised


class Given:
    """The values a file gives, in order, at most one per (city, target, year, vintage
    rank): ``add`` an observation, and get None, or the earlier one with its key."""

    def __init__(self) -> None:
        self.values: list[Observation] = []
        self._masks: dict[tuple[str, str], int] = {}
        self._index: dict[tuple[str, str, int, int], int] | None = None

    def add_row(self, found: list[Observation]) -> list[tuple[Observation, Observation]]:
        """Keep the observations of one row (all of one place and target) whose keys are
        new; the others, each with the one given first, are returned."""
        if not found:
            return []
        first = found[0]
        series = (first.city, first.target_id)
        mask = self._masks.get(series, 0) if self._index is None else None
        if mask is not None:
            keep = self.values.append
            rank = vintage.rank
            kept = 0
            for ob in found:
                year = ob[2]
                if not _FIRST_YEAR <= year <= _LAST_YEAR:
                    break
                bit = 1 << ((year - _FIRST_YEAR) * _RANKS + rank(ob[11]))
                if mask & bit:
                    break
                mask |= bit
                keep(ob)
                kept += 1
            self._masks[series] = mask
            if kept == len(found):
                return []
            found = found[kept:]  # from the first given again, or beyond the bits, one by one
        return [(before, ob) for ob in found if (before := self.add(ob)) is not None]

    def add(self, ob: Observation) -> Observation | None:
        """Keep ``ob`` when its key is new (None); else the value given first for it."""
        rank = vintage.rank(ob.vintage)
        year = ob.year
        if self._index is None and _FIRST_YEAR <= year <= _LAST_YEAR:
            series = (ob.city, ob.target_id)
            bit = 1 << ((year - _FIRST_YEAR) * _RANKS + rank)
            mask = self._masks.get(series, 0)
            if not mask & bit:
                self._masks[series] = mask | bit
                self.values.append(ob)
                return None
        index = self._indexed()
        key = (ob.city, ob.target_id, year, rank)
        first = index.get(key)
        if first is not None:
            return self.values[first]
        index[key] = len(self.values)
        self.values.append(ob)
        return None

    def _indexed(self) -> dict[tuple[str, str, int, int], int]:
        if self._index is None:
            rank = vintage.rank
            self._index = {
                (ob.city, ob.target_id, ob.year, rank(ob.vintage)): i
                for i, ob in enumerate(self.values)
            }
        return self._index


def file_values(
    tables: list[Table],
    resolver: Resolver,
    options: IngestOptions,
    report: FileReport,
    path: Path,
) -> tuple[list[Observation], set[tuple[str | None, str | None]]]:
    """The observations of a file's tables, and the cells confirmed as right (by a note or
    ``--accept``); a value given twice with different values is a problem."""
    # One value per (city, target, year) and vintage: a 快报 sheet and a 正式 sheet of the
    # same year are both kept (the store makes the 正式 one current).
    given = Given()
    unmatched_rows: set[tuple[str | None, str]] = set()
    confirmed: set[tuple[str | None, str | None]] = set()  # by a note or --accept
    accept = options.accept
    for table in tables:
        for row in table.records:
            found = resolver.observations(row, table.title, report, unmatched_rows)
            report.values += len(found)
            repeats = given.add_row(found)
            for first, ob in repeats:
                if abs(first.value - ob.value) > 1e-9 * max(1.0, abs(first.value)):
                    report.problems.append(
                        InputProblem(
                            path,
                            msg(
                                "E-VALUE-TWICE",
                                name=ob.indicator,
                                year=ob.year,
                                first=_num(first.value),
                                where=_where(first),
                                second=_num(ob.value),
                            ),
                            sheet=ob.sheet,
                            cell=ob.cell,
                        )
                    )
            by_note = row.shape.confirmed
            if by_note or accept:
                again = {id(ob) for _, ob in repeats}
                confirmed.update(
                    (ob.sheet, ob.cell)
                    for ob in found
                    if id(ob) not in again and (by_note or _accepted(accept, ob.sheet, ob.cell))
                )
    return given.values, confirmed


def _accepted(accept: tuple[str, ...], sheet: str | None, cell: str | None) -> bool:
    """Whether ``--accept`` names this cell (D7, or SHEET!D7)."""
    if not accept or cell is None:
        return False
    cell = cell.upper()
    for given in accept:
        where, _, ref = given.rpartition("!")
        if ref.upper() == cell and (not where or where == sheet):
            return True
    return False


def _where(ob: Observation) -> str:
    return f"{ob.sheet} › {ob.cell}" if ob.sheet else ob.cell
