"""What a store records of each file to notice later damage, whatever the engine: how many
values and task reports the file stored, and a checksum over them; and the damage found
when they no longer agree with what is there.

The checksum is SHA-256 over the rows a file wrote, in the order they were written (the
order of their row ids): the city, target, unit, sheet and cell columns as text, the years
as 64-bit integers and the values as 64-bit floats, then each task report. It is computed
column by column, in C, while the file is written: no second pass over the store.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import islice
from operator import itemgetter
from pathlib import Path

from ipkpi.errors import display_path
from ipkpi.messages import Message, msg
from ipkpi.store.values import FileValues, letters

# Positions in an observation row (``records.Observation``): the text columns, year, value.
_TEXT = (0, 1, 4, 10, 9)  # city, target id, unit, cell, sheet
_YEAR, _VALUE = 2, 3
# The columns a data check reads back, in the positions above.
CHECKED_COLUMNS = (
    "city, target_id, year, value, unit, plan_id, indicator, raw, raw_unit, sheet, cell"
)
TASK_COLUMNS = "city, plan_id, task_id, status, completed, note"


def checksum(values: Sequence[Sequence], tasks: Sequence[Sequence] = ()) -> str:
    """SHA-256 (hex) of a file's stored rows: observation rows (at least their first
    eleven fields, as ``Observation``) and task rows (city, plan, task, status, completed,
    note), each in the order they were written."""
    texts = []
    for column in _TEXT:
        cells = list(map(itemgetter(column), values))
        if None in cells:  # no sheet, no cell: "None"
            cells = list(map(str, cells))
        texts.append(cells)
    years = array("q", map(itemgetter(_YEAR), values))
    numbers = array("d", map(itemgetter(_VALUE), values))
    return _digest(texts, years, numbers, tasks)


def checksum_of(values: FileValues, tasks: Sequence[Sequence] = ()) -> str:
    """``checksum`` of a file's values as ``FileValues`` holds them, column by column from
    its arrays: the same digest as of the same values as observations."""
    cities = [city for city, _ in values.series]
    targets = [target for _, target in values.series]
    units = [label[0] for label in values.labels]
    sheets = [str(label[4]) for label in values.labels]  # None: "None", as ``checksum``
    letters_of = [letters(col) for col in range(max(values.cols, default=0) + 1)]
    numbers_of = {row: str(row) for row in set(values.rows)}
    cells = map(
        str.__add__, map(letters_of.__getitem__, values.cols), map(numbers_of.get, values.rows)
    )
    if values.cells:  # no plain reference: as written, None as "None"
        cells = (values.cells.get(i, cell) for i, cell in enumerate(cells))
        cells = (str(cell) if cell is None else cell for cell in cells)
    texts = [
        map(cities.__getitem__, values.series_of),
        map(targets.__getitem__, values.series_of),
        map(units.__getitem__, values.label_of),
        cells,
        map(sheets.__getitem__, values.label_of),
    ]
    return _digest(texts, array("q", values.years), array("d", values.values), tasks)


def written_checksum(aside: Sequence, rows: Sequence | FileValues, tasks: Sequence) -> str:
    """The checksum of what a write stored: the values kept aside, then the current ones
    (all of a file's values as ``FileValues`` when none was kept aside), then its tasks."""
    if not aside and isinstance(rows, FileValues):
        return checksum_of(rows, tasks)
    return checksum([*aside, *rows], tasks)


_CHUNK = 1 << 16  # texts joined at a time: the digest is of the whole column all the same


def _digest(texts: list[Iterable[str]], years: array, numbers: array, tasks) -> str:
    """The digest of text columns (each joined by U+001F), years and values, then tasks;
    a column is joined and hashed a chunk at a time, never held whole as one text."""
    import hashlib  # here: a report that only reads the store needs no checksum

    digest = hashlib.sha256(b"ipkpi values 1\0")
    for column in texts:
        column = iter(column)
        chunk = list(islice(column, _CHUNK))
        digest.update("\x1f".join(chunk).encode())
        while chunk := list(islice(column, _CHUNK)):
            digest.update(("\x1f" + "\x1f".join(chunk)).encode())
        digest.update(b"\0")
    if sys.byteorder == "big":  # the same bytes on every machine
        years.byteswap()
        numbers.byteswap()
    digest.update(years.tobytes())
    digest.update(numbers.tobytes())
    digest.update(b"\0tasks\0")
    for row in tasks:
        digest.update(repr(tuple(row[:6])).encode())
    return digest.hexdigest()


@dataclass(frozen=True)
class Damage:
    """A file whose stored values no longer agree with what it stored: some are gone (or
    were added), or changed outside ipkpi."""

    path: str  # the file as stored (absolute)
    sha256: str
    what: Message  # "2 of its 61 values are gone", "its values were changed outside ipkpi"

    @property
    def message(self) -> Message:
        """``FILE: what; re-ingest it: ipkpi ingest --force FILE`` (E-STORE-FILE-DAMAGED)."""
        return msg("E-STORE-FILE-DAMAGED", path=display_path(Path(self.path)), what=self.what)

    def __str__(self) -> str:
        return str(self.message)


def count_damage(stored: int, found: int, tasks_stored: int, tasks_found: int) -> Message | None:
    """What the counts say is wrong with a file's rows, or None when they agree."""
    parts = []
    for kind, was, now in (("values", stored, found), ("tasks", tasks_stored, tasks_found)):
        if now < was:
            parts.append(msg(f"store.damage.{kind}_gone", n=was - now, was=was))
        elif now > was:
            parts.append(msg(f"store.damage.{kind}_added", n=now - was, was=was))
    if len(parts) == 2:
        return msg("store.damage.both", values=parts[0], tasks=parts[1])
    return parts[0] if parts else None


CHANGED = msg("store.damage.changed")
