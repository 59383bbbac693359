"""What a store records of each file to notice later damage, whatever the engine: how many
values and task reports the file stored, and a checksum over them; and the damage found
when they no longer agree with what is there.

The checksum is SHA-256 over the rows a file wrote, in the order they were written (the
order of their row ids). From schema version 4 (recorded with the prefix ``2:``) it is over
the rows as the store keeps them: the series, year, label, row and column as 64-bit
integers and the values as 64-bit floats, the cells and texts as written where a row has
them, then the series (city, target) and labels (unit, plan, indicator, unit as written,
sheet, vintage) the rows refer to, then each task report. A write computes it from the
arrays it inserted, in C: no second pass over the store. Before version 4 (no prefix) it
was over the city, target, unit, sheet and cell of each row as text, the years and values,
then the task reports (``checksum``); a store upgraded to version 4 has its files'
checksums recomputed where the old one still holds.
"""

from __future__ import annotations

import sqlite3
import sys
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import groupby, islice
from operator import itemgetter
from pathlib import Path

from ipkpi.errors import display_path
from ipkpi.messages import Message, msg
from ipkpi.store.schema import ROWS_VIEW, table_columns
from ipkpi.store.values import FileValues

VERSION_2 = "2:"  # the prefix of a checksum of version 2
# A file's values as the store keeps them, for ``values_checksum``: positional columns.
STORED_COLUMNS = "key_id, year, value, label_id, row, col, cell, raw"

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


# The columns of a file's values as the checksum of version 2 hashes them, at the widths
# ``FileValues`` keeps them: series and label (numbered by first appearance in the file),
# year, value, row and column (0 for NULL).
_WIDTHS = ("I", "I", "H", "d", "I", "I")


def values_checksum(
    columns: Sequence[array],
    extras: Iterable[tuple],
    series: Iterable[tuple],
    labels: Iterable[tuple],
    tasks: Sequence[Sequence] = (),
) -> str:
    """The checksum (version 2) of a file's values as the store keeps them, in id order:
    ``columns`` the arrays (``_WIDTHS``) of their series and labels, numbered by first
    appearance, years, values, rows and columns; ``extras`` (position, cell, raw) for
    each row whose cell or raw is not NULL; ``series`` (id, city, target) and ``labels``
    (id, unit, plan, indicator, unit as written, sheet, vintage) in the order they are
    numbered; then the task rows."""
    import hashlib  # here: a report that only reads the store needs no checksum

    digest = hashlib.sha256(b"ipkpi values 2\0")
    for column in columns:
        if sys.byteorder == "big":  # the same bytes on every machine
            column = array(column.typecode, column)
            column.byteswap()
        digest.update(column.tobytes())
        digest.update(b"\0")
    for rows in (extras, series, labels):
        _update_texts(digest, map(repr, rows))
    digest.update(b"\0tasks\0")
    for row in tasks:
        digest.update(repr(tuple(row[:6])).encode())
    return VERSION_2 + digest.hexdigest()


def arrays_checksum(
    values: FileValues,
    key_ids: Sequence[int],
    label_ids: Sequence[int],
    tasks: Sequence[Sequence] = (),
) -> str:
    """``values_checksum`` of a file's values as ``compact.insert_values`` stored them,
    from their arrays as they are (no work per value): ``key_ids`` and ``label_ids`` the
    store's ids of ``values.series`` and ``values.labels``."""
    series_of, series = _first_appearance(values.series_of)
    label_of, labels = _first_appearance(values.label_of)
    return values_checksum(
        (series_of, label_of, values.years, values.values, values.rows, values.cols),
        stored_extras(values),
        [(key_ids[i], *values.series[i]) for i in series],
        [(label_ids[i], *values.labels[i]) for i in labels],
        tasks,
    )


def _first_appearance(numbers: array) -> tuple[array, list[int]]:
    """``numbers`` numbered anew by first appearance, and the numbers in that order: as
    they are in the usual case (numbered as they came)."""
    order = list(dict.fromkeys(map(itemgetter(0), groupby(numbers))))  # by runs: sooner
    if order == list(range(len(order))):
        return numbers, order
    anew = {n: i for i, n in enumerate(order)}
    return array(numbers.typecode, map(anew.__getitem__, numbers)), order


def stored_extras(values: FileValues) -> list[tuple[int, str | None, str | None]]:
    """(position, cell, raw) as the store keeps them (``compact.insert_values``) for each
    value whose cell or raw is not NULL there: a cell that is no plain reference, a cell
    as written that is not the value's repr ('' for none at all)."""
    found = []
    for i in sorted(values.cells.keys() | values.raws.keys()):
        cell = values.cells.get(i)
        raw = values.raws.get(i, _NOT_RAW)
        raw = None if raw is _NOT_RAW else "" if raw is None else raw
        if cell is not None or raw is not None:
            found.append((i, cell, raw))
    return found


_NOT_RAW = object()
_CHUNK = 1 << 16  # texts joined at a time: the digest is of the whole column all the same


def _update_texts(digest, texts: Iterable[str]) -> None:
    """Hash ``texts`` joined by U+001F and ended by NUL, a chunk at a time."""
    texts = iter(texts)
    chunk = list(islice(texts, _CHUNK))
    digest.update("\x1f".join(chunk).encode())
    while chunk := list(islice(texts, _CHUNK)):
        digest.update(("\x1f" + "\x1f".join(chunk)).encode())
    digest.update(b"\0")


def _digest(texts: list[Iterable[str]], years: array, numbers: array, tasks) -> str:
    """The digest of text columns (each joined by U+001F), years and values, then tasks;
    a column is joined and hashed a chunk at a time, never held whole as one text."""
    import hashlib  # here: a report that only reads the store needs no checksum

    digest = hashlib.sha256(b"ipkpi values 1\0")
    for column in texts:
        _update_texts(digest, column)
    if sys.byteorder == "big":  # the same bytes on every machine
        years.byteswap()
        numbers.byteswap()
    digest.update(years.tobytes())
    digest.update(numbers.tobytes())
    digest.update(b"\0tasks\0")
    for row in tasks:
        digest.update(repr(tuple(row[:6])).encode())
    return digest.hexdigest()


def file_rows(conn: sqlite3.Connection, file_id: int) -> tuple[str, tuple]:
    """The condition on ``observations`` (named ``o`` or not) that selects a file's
    values, and its parameters: from version 4 the range of their ids recorded with the
    file (no index by file), before it the file's id (an index)."""
    if "first_value_id" not in table_columns(conn, "source_files"):
        return "file_id = ?", (file_id,)
    first, last = conn.execute(
        "SELECT first_value_id, last_value_id FROM source_files WHERE id = ?", (file_id,)
    ).fetchone()
    return "id BETWEEN ? AND ? AND file_id = ?", (first, last, file_id)


def file_checksum(conn: sqlite3.Connection, file_id: int, recorded: str = VERSION_2) -> str:
    """The checksum of a file's rows as they are now, by the version of ``recorded``."""
    tasks = conn.execute(
        f"SELECT {TASK_COLUMNS} FROM task_progress WHERE file_id = ? ORDER BY id", (file_id,)
    ).fetchall()
    where, args = file_rows(conn, file_id)
    if not recorded.startswith(VERSION_2):
        values = conn.execute(
            f"SELECT {CHECKED_COLUMNS} FROM {ROWS_VIEW} WHERE {where} ORDER BY id", args
        ).fetchall()
        return checksum(values, tasks)
    try:
        columns, extras, series, labels = _stored_columns(conn, where, args)
    except (OverflowError, TypeError):  # a number no ingest writes: changed by hand
        return VERSION_2 + "changed"
    return values_checksum(columns, extras, series, labels, tasks)


def _stored_columns(conn: sqlite3.Connection, where: str, args: tuple) -> tuple:
    """What ``values_checksum`` hashes, read from the rows of a file (``where``)."""
    columns = [array(code) for code in _WIDTHS]
    series_of, labels_of, years, numbers, row_at, col_at = columns
    local_series: dict[int, int] = {}
    local_labels: dict[int, int] = {}
    extras = []
    sql = f"SELECT {STORED_COLUMNS} FROM observations WHERE {where} ORDER BY id"
    rows = conn.execute(sql, args)
    while chunk := rows.fetchmany(1 << 16):
        key_ids, found_years, values, label_ids, at_rows, at_cols, cells, raws = zip(
            *chunk, strict=True
        )
        series_of.extend(local_series.setdefault(k, len(local_series)) for k in key_ids)
        labels_of.extend(local_labels.setdefault(x, len(local_labels)) for x in label_ids)
        years.extend(found_years)
        row_at.extend(0 if n is None else n for n in at_rows)
        col_at.extend(0 if n is None else n for n in at_cols)
        at = len(numbers)
        numbers.extend(values)
        extras += (
            (at + i, cell, raw)
            for i, (cell, raw) in enumerate(zip(cells, raws, strict=True))
            if cell is not None or raw is not None
        )
    texts = dict.fromkeys(local_series, ())
    used = f"SELECT DISTINCT key_id FROM observations WHERE {where}"
    rows = conn.execute(f"SELECT id, city, target_id FROM series WHERE id IN ({used})", args)
    texts.update((i, (city, target)) for i, city, target in rows)
    series = [(i, *texts[i]) for i in local_series]
    texts = dict.fromkeys(local_labels, ())
    rows = conn.execute(
        "SELECT id, unit, plan_id, indicator, raw_unit, sheet, vintage FROM labels "
        f"WHERE id IN ({used.replace('key_id', 'label_id')})",
        args,
    )
    texts.update((i, tuple(rest)) for i, *rest in rows)
    labels = [(i, *texts[i]) for i in local_labels]
    return columns, extras, series, labels


def record_file(
    conn: sqlite3.Connection,
    file_id: int,
    before: int,
    stored: int,
    tasks: Sequence[Sequence],
    arrays: tuple[FileValues, list[int], list[int]] | None = None,
) -> None:
    """Record what a file stored, in its row: how many values and task reports, the block
    of ids of its values (after ``before``, the largest id before them; NULL for none),
    and their checksum: from the ``arrays`` inserted (``compact.insert_values``), else
    read back as ``check`` reads it."""
    last = conn.execute("SELECT coalesce(max(id), 0) FROM observations").fetchone()[0]
    ids = (before + 1, last) if last > before else (None, None)
    conn.execute(
        "UPDATE source_files SET value_count = ?, task_count = ?, first_value_id = ?, "
        "last_value_id = ? WHERE id = ?",
        (stored, len(tasks), *ids, file_id),
    )
    digest = file_checksum(conn, file_id) if arrays is None else arrays_checksum(*arrays, tasks)
    conn.execute("UPDATE source_files SET checksum = ? WHERE id = ?", (digest, file_id))


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
