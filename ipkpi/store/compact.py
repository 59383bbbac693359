"""How version 3 of the SQLite store keeps a value compact (``ipkpi.store.schema``): the
texts that repeat as ids into ``series`` and ``labels``, the cell as its row and column, the
cell as written only when it is not the stored number's ``repr``. The write path and the
upgrade from version 2 both encode rows here; a value's row reads back (through
``schema.ROWS_VIEW`` and ``raw_as_written``) as exactly what was given.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from itertools import repeat

from ipkpi.store.values import FileValues

# The columns of an observation's row as ``pack`` gives them, and what to insert for
# them: ``pack`` gives 0 for NULL in the last four (binding None costs Python's sqlite3 a
# failed adapter lookup: a third of the time of an insert). The file and current flag
# come after them.
PACKED_COLUMNS = "key_id, year, value, label_id, row, col, cell, raw"
PACKED_VALUES = "?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0)"


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
        self.conn.executemany("INSERT INTO series (id, city, target_id) VALUES (?, ?, ?)", self.new)
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
        unit, plan, indicator, raw_unit, sheet, vin = label
        raw_unit = 0 if raw_unit is None else raw_unit
        sheet = 0 if sheet is None else sheet
        self.new.append((id_, unit, plan, indicator, raw_unit, sheet, 0 if vin is None else vin))
        return id_

    def insert(self) -> None:
        """Store the labels numbered here (0 for NULL, as in ``PACKED_VALUES``)."""
        self.conn.executemany(
            "INSERT INTO labels (id, unit, plan_id, indicator, raw_unit, sheet, vintage) "
            "VALUES (?, ?, ?, ?, NULLIF(?, 0), NULLIF(?, 0), NULLIF(?, 0))",
            self.new,
        )
        self.new.clear()


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


def insert(conn: sqlite3.Connection, file_id: int, batches: Iterable[tuple[int, list]]) -> None:
    """Insert a file's observations, (current flag, observations) a batch, in that order:
    one ``executemany`` a batch of rows packed here (``pack``), the series and labels
    they refer to once. The file id and current flag are the same for a batch, so they
    are literals (integers: nothing to escape)."""
    series, labels = SeriesIds(conn), LabelIds(conn)
    for flag, batch in batches:
        conn.executemany(
            f"INSERT INTO observations ({PACKED_COLUMNS}, file_id, current) "
            f"VALUES ({PACKED_VALUES}, {int(file_id)}, {int(flag)})",
            pack(batch, series, labels),
        )
    series.insert()
    labels.insert()


def insert_values(conn: sqlite3.Connection, file_id: int, values: FileValues) -> None:
    """Insert a file's values, all current, from its arrays (``FileValues``): the rows
    ``pack`` would make, put together column by column at C speed, each series and label
    looked up once."""
    series, labels = SeriesIds(conn), LabelIds(conn)
    key_of = [series[key] for key in values.series]
    label_of = [labels[label] for label in values.labels]
    n = len(values)
    cells = {i: 0 if cell is None else cell for i, cell in values.cells.items()}
    raws = {i: "" if raw is None else raw for i, raw in values.raws.items()}
    rows = zip(
        map(key_of.__getitem__, values.series_of),
        values.years,
        values.values,
        map(label_of.__getitem__, values.label_of),
        values.rows,  # 0 (NULL) for a cell that is no plain reference
        values.cols,
        map(cells.get, range(n), repeat(0)),
        map(raws.get, range(n), repeat(0)),  # 0 (NULL): the value's repr
        strict=True,
    )
    conn.executemany(
        f"INSERT INTO observations ({PACKED_COLUMNS}, file_id, current) "
        f"VALUES ({PACKED_VALUES}, {int(file_id)}, 1)",
        rows,
    )
    series.insert()
    labels.insert()


def insert_new(conn: sqlite3.Connection, file_id: int, observations: list) -> bool:
    """Insert a file's observations, all current, if no two of them have the same city,
    target and year (the index of current figures refuses a second one): whether they
    were, else nothing is."""
    conn.execute("SAVEPOINT new_values")
    try:
        if isinstance(observations, FileValues):
            insert_values(conn, file_id, observations)
        else:
            insert(conn, file_id, ((1, observations),))
    except sqlite3.IntegrityError:  # a key given twice (or a value refused: said again)
        conn.execute("ROLLBACK TO new_values")
        conn.execute("RELEASE new_values")
        return False
    conn.execute("RELEASE new_values")  # on any other failure the transaction is undone
    return True
