"""How version 3 of the SQLite store keeps a value compact (``ipkpi.store.schema``): the
texts that repeat as ids into ``series`` and ``labels``, the cell as its row and column, the
cell as written only when it is not the stored number's ``repr``. The write path and the
upgrade from version 2 both encode rows here; a value's row reads back (through
``schema.ROWS_VIEW`` and ``raw_as_written``) as exactly what was given.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from itertools import chain, islice

from ipkpi.store.values import FileValues

# The columns of an observation's row as ``pack`` gives them, and what to insert for
# them: ``pack`` gives 0 for NULL in the last four (binding None costs Python's sqlite3 a
# failed adapter lookup: a third of the time of an insert). The file and current flag
# come after them.
PACKED_COLUMNS = "key_id, year, value, label_id, row, col, cell, raw"
PACKED_VALUES = "?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0)"
# Rows an INSERT statement carries (``insert_rows``): Python's sqlite3 spends more on each
# execution of a statement than SQLite on the row, so many rows go in one execution.
ROWS_A_STATEMENT = 200


class _Columns(dict):
    """Letters → column number (A 1, Z 26, AA 27, ZZZ 18278), each worked out once; 0 for
    anything else (no letters, more than three, not A to Z)."""

    def __missing__(self, letters: str) -> int:
        number = 0
        if 0 < len(letters) <= 3 and letters.isascii() and letters.isalpha() and letters.isupper():
            for letter in letters:
                number = number * 26 + ord(letter) - 64
        self[letters] = number
        return number


_COLUMNS = _Columns()


def raw_as_written(raw: str | None, value: float) -> str | None:
    """The cell as written, from ``raw`` as stored (``pack``): NULL is the value's repr,
    '' no text at all."""
    if raw is None:
        return repr(value)
    return raw or None


class SeriesIds(dict):
    """(city, target id) → its id in ``series``: those of a city loaded when it is first
    asked for, new ones numbered after the largest and kept in ``new`` for ``insert``."""

    def __init__(self, conn: sqlite3.Connection):
        super().__init__()
        self.conn = conn
        self.cities: set[str] = set()
        self.new: list[tuple[int, str, str]] = []
        self.next = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM series").fetchone()[0]

    def __missing__(self, key: tuple[str, str]) -> int:
        city = key[0]
        if city not in self.cities:
            self.cities.add(city)
            rows = self.conn.execute("SELECT target_id, id FROM series WHERE city = ?", (city,))
            self.update(((city, target), id_) for target, id_ in rows)
            if key in self:
                return self[key]
        self[key] = id_ = self.next
        self.next += 1
        self.new.append((id_, *key))
        return id_

    def insert(self) -> None:
        """Store the series numbered here."""
        insert_many(self.conn, "series", ("id", "city", "target_id"), self.new)
        self.new.clear()


class LabelIds(dict):
    """(unit, plan, indicator, unit as written, sheet, vintage) → its id in ``labels``:
    those of a plan loaded when it is first asked for (in a dict: NULL is no value to a
    UNIQUE index), new ones numbered after the largest and kept in ``new`` for ``insert``."""

    def __init__(self, conn: sqlite3.Connection):
        super().__init__()
        self.conn = conn
        self.plans: set[str] = set()
        self.new: list[tuple] = []
        self.next = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM labels").fetchone()[0]

    def __missing__(self, label: tuple) -> int:
        plan = label[1]
        if plan not in self.plans:
            self.plans.add(plan)
            rows = self.conn.execute(
                "SELECT unit, plan_id, indicator, raw_unit, sheet, vintage, id FROM labels "
                "WHERE plan_id = ? ORDER BY id DESC",  # the first of twins wins
                (plan,),
            )
            self.update((row[:6], row[6]) for row in rows)
            if label in self:
                return self[label]
        self[label] = id_ = self.next
        self.next += 1
        self.new.append((id_, *label))
        return id_

    def insert(self) -> None:
        """Store the labels numbered here."""
        columns = ("id", "unit", "plan_id", "indicator", "raw_unit", "sheet", "vintage")
        insert_many(self.conn, "labels", columns, self.new)
        self.new.clear()


def insert_many(conn, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """``rows`` into ``table``: by COPY on PostgreSQL (one round trip, not one a row), by
    ``executemany`` on SQLite."""
    if not rows:
        return
    if hasattr(conn, "copy_rows"):
        conn.copy_rows(table, columns, rows)
        return
    marks = ", ".join("?" * len(columns))
    conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def pack(observations: Iterable[Sequence], series: SeriesIds, labels: LabelIds) -> Iterator[tuple]:
    """Each observation (the fields of ``records.Observation``) as the columns
    ``PACKED_COLUMNS`` of its row, to insert as ``PACKED_VALUES`` (0 for NULL)."""
    key_of = series.__getitem__
    label_of = labels.__getitem__
    columns = _COLUMNS
    digits = "0123456789"
    for city, target, year, value, unit, plan, name, raw, r_unit, sheet, cell, vin in observations:
        row = col = 0
        if cell is None:
            cell = 0
        else:  # C12: row 12, column 3, no text (C012, c12, C, 12, AAAA1: the text)
            letters = cell.rstrip(digits)
            n = len(letters)
            if n < len(cell) < n + 10 and cell[n] != "0":
                col = columns[letters]
                if col:
                    row = int(cell[n:])
                    cell = 0
        if raw is None:
            raw = ""
        elif raw == repr(float(value)):
            raw = 0
        yield (
            key_of((city, target)),
            year,
            value,
            label_of((unit, plan, name, r_unit, sheet, vin)),
            row,
            col,
            cell,
            raw,
        )


def insert_rows(conn: sqlite3.Connection, head: str, row: str, width: int, rows: Iterable) -> None:
    """``head VALUES row, row, …`` for ``rows`` (tuples of ``width`` parameters each, in
    the order given): ``ROWS_A_STATEMENT`` rows an execution, at C speed. Half the time of
    one execution a row (``executemany`` of ``head VALUES row``) for the same rows."""
    limit = conn.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    many = max(1, min(ROWS_A_STATEMENT, limit // width))
    flat = chain.from_iterable(rows)
    size = width * many
    chunks = iter(lambda: tuple(islice(flat, size)), ())
    rest: list[tuple] = []

    def full() -> Iterator[tuple]:
        for chunk in chunks:
            if len(chunk) < size:
                rest.append(chunk)
                return
            yield chunk

    conn.executemany(f"{head} VALUES {', '.join([row] * many)}", full())
    for chunk in rest:
        conn.execute(f"{head} VALUES {', '.join([row] * (len(chunk) // width))}", chunk)


def insert(conn: sqlite3.Connection, file_id: int, batches: Iterable[tuple[int, list]]) -> None:
    """Insert a file's observations, (current flag, observations) a batch, in that order:
    rows packed here (``pack``), many an execution (``insert_rows``), the series and
    labels they refer to once. The file id and current flag are the same for a batch, so
    they are literals (integers: nothing to escape)."""
    series, labels = SeriesIds(conn), LabelIds(conn)
    if hasattr(conn, "copy_rows"):  # PostgreSQL: COPY, the ids numbered here
        copy_packed(conn, file_id, batches, series, labels)
        return
    for flag, batch in batches:
        insert_rows(
            conn,
            f"INSERT INTO observations ({PACKED_COLUMNS}, file_id, current)",
            f"({PACKED_VALUES}, {int(file_id)}, {int(flag)})",
            8,
            pack(batch, series, labels),
        )
    series.insert()
    labels.insert()


def insert_values(
    conn: sqlite3.Connection, file_id: int, values: FileValues
) -> tuple[list[int], list[int]]:
    """Insert a file's values, all current, from its arrays (``FileValues``), after the
    largest id there: the rows ``pack`` would make, put together column by column at C
    speed, many an execution (``insert_rows``), each series and label looked up once;
    then the few cells and texts as written that are not plain (by id: the value at
    position i has the id after the largest one plus i). The store's ids of
    ``values.series`` and ``values.labels``."""
    series, labels = SeriesIds(conn), LabelIds(conn)
    key_of = [series[key] for key in values.series]
    label_of = [labels[label] for label in values.labels]
    before = conn.execute("SELECT coalesce(max(id), 0) FROM observations").fetchone()[0]
    if hasattr(conn, "copy_values"):  # PostgreSQL: COPY, the ids numbered here
        series.insert()
        labels.insert()
        conn.copy_values(file_id, values, before + 1, key_of, label_of)
        return key_of, label_of
    rows = zip(*value_columns(values, key_of, label_of), strict=True)
    insert_rows(
        conn,
        "INSERT INTO observations (key_id, year, value, label_id, row, col, file_id, current)",
        f"(?, ?, ?, ?, ?, ?, {int(file_id)}, 1)",
        6,
        rows,
    )
    if values.cells or values.raws:
        ids = _ids_after(conn, before, len(values))
        conn.executemany(  # no plain reference (or no cell): the text, no row and column
            "UPDATE observations SET row = NULL, col = NULL, cell = ? WHERE id = ?",
            ((cell, ids[i]) for i, cell in values.cells.items()),
        )
        conn.executemany(  # not the value's repr: the text ('' for none)
            "UPDATE observations SET raw = ? WHERE id = ?",
            (("" if raw is None else raw, ids[i]) for i, raw in values.raws.items()),
        )
    series.insert()
    labels.insert()
    return key_of, label_of


# The columns COPY fills on PostgreSQL: the id too (one past the largest, as SQLite numbers a
# row), and NULL where ``pack`` gives 0.
COPIED_COLUMNS = ("id", *PACKED_COLUMNS.split(", "), "file_id", "current")


def copy_packed(conn, file_id: int, batches, series: SeriesIds, labels: LabelIds) -> None:
    """``insert`` on PostgreSQL: the packed rows by COPY, numbered in order, after the
    series and labels they refer to (a place writer's policy looks a value's place up)."""
    next_id = conn.execute("SELECT coalesce(max(id), 0) + 1 FROM observations").fetchone()[0]
    copied = []
    for flag, batch in batches:
        for key, year, value, label, row, col, cell, raw in pack(batch, series, labels):
            # pack's 0 is NULL (but a raw '' is '': no cell as written at all)
            raw = None if raw == 0 else raw
            row, col, cell = row or None, col or None, cell or None
            copied.append((next_id, key, year, value, label, row, col, cell, raw, file_id, flag))
            next_id += 1
    series.insert()
    labels.insert()
    conn.copy_rows("observations", COPIED_COLUMNS, copied)


def value_columns(values: FileValues, key_of: list, label_of: list) -> tuple:
    """The columns of a file's values as the store keeps them — series id, year, value,
    label id, row, column — from their arrays, the ids looked up by position at C speed."""
    return (
        map(key_of.__getitem__, values.series_of),
        values.years,
        values.values,
        map(label_of.__getitem__, values.label_of),
        values.rows,
        values.cols,
    )


def _ids_after(conn: sqlite3.Connection, before: int, n: int) -> range:
    """The ids of the ``n`` rows just inserted after id ``before``, in order: SQLite numbers
    a row one past the largest id, so they are the ``n`` ids after it, unless the ids have
    reached the largest integer (then SQLite numbers rows at random: the write is undone)."""
    last = conn.execute("SELECT max(id) FROM observations").fetchone()[0]
    if last != before + n:
        raise sqlite3.DatabaseError(f"value ids past {before} are not {n} in a row")
    return range(before + 1, last + 1)


def insert_new(
    conn: sqlite3.Connection, file_id: int, observations: list | FileValues
) -> tuple[list[int], list[int]] | bool:
    """Insert a file's observations, all current, if no two of them have the same city,
    target and year (the index of current figures refuses a second one): whether they
    were, else nothing is. For ``FileValues``, the store's ids of their series and labels
    (``insert_values``) when they were."""
    conn.execute("SAVEPOINT new_values")
    try:
        if isinstance(observations, FileValues):
            inserted = insert_values(conn, file_id, observations)
        else:
            insert(conn, file_id, ((1, observations),))
            inserted = True
    except conn.IntegrityError:  # a key given twice (or a value refused: said again)
        conn.execute("ROLLBACK TO new_values")
        conn.execute("RELEASE new_values")
        return False
    conn.execute("RELEASE new_values")  # on any other failure the transaction is undone
    return inserted
