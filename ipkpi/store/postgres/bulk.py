"""A file's values into PostgreSQL at C speed: COPY's binary rows packed by one ``struct``
call a value, mapped over the value arrays (``FileValues``), with no Python code run per
value — what ``executemany`` is on SQLite (``compact.insert_rows``).

A binary COPY row is its field count, then each field's length and bytes (-1 for NULL),
big-endian. A value's row is all fixed width — its id, series, year, value, label, row,
column, NULL cell and text as written, file and current flag — except the few whose cell
is no plain reference or whose text as written is not its number's repr: those go by a
second COPY, row by row. Where row-level security holds the role (a writer kept to its
places), PostgreSQL takes no COPY: every row goes by INSERT (``Connection.copy_rows``).
"""

from __future__ import annotations

import struct
from itertools import compress, islice, repeat

from ipkpi.store.compact import value_columns
from ipkpi.store.values import FileValues

COLUMNS = (
    *("id", "key_id", "year", "value", "label_id", "row", "col", "cell", "raw"),
    *("file_id", "current"),
)
# field count, then (length, value) for each field: the cell and raw NULL (length -1)
ROW = struct.Struct(">h" + "iq" * 3 + "id" + "iq" * 3 + "ii" + "iq" * 2)
SIGNATURE = b"PGCOPY\n\xff\r\n\x00" + bytes(8)  # no flags, no header extension
TRAILER = b"\xff\xff"
ROWS_A_WRITE = 1 << 16


def copy_values(
    conn, file_id: int, values: FileValues, first: int, key_of: list, label_of: list
) -> None:
    """Insert ``values``, all current, with ids from ``first`` in their order."""
    n = len(values)
    if conn.execute("SELECT row_security_active('observations')").fetchone()[0]:
        every = _rows(values, range(n), first, key_of, label_of, file_id)
        conn.copy_rows("observations", COLUMNS, every)  # by INSERT
        return
    texts = sorted(values.cells.keys() | values.raws.keys())
    if texts:
        written = _rows(values, texts, first, key_of, label_of, file_id)
        conn.copy_rows("observations", COLUMNS, written)
        if len(texts) == n:
            return
    columns = (range(first, first + n), *value_columns(values, key_of, label_of))
    if texts:
        plain = bytearray(b"\x01") * n
        for i in texts:
            plain[i] = 0
        columns = tuple(compress(column, plain) for column in columns)
    ids, keys, years, numbers, labels, rows, cols = columns
    eight = repeat(8)
    packed = map(
        ROW.pack,
        repeat(len(COLUMNS)),
        *(eight, ids, eight, keys, eight, years, eight, numbers, eight, labels),
        *(eight, rows, eight, cols, repeat(-1), repeat(-1)),
        *(eight, repeat(file_id), eight, repeat(1)),
    )
    statement = f"COPY observations ({', '.join(COLUMNS)}) FROM STDIN (FORMAT BINARY)"
    conn.copy_bytes(statement, _chunks(packed))


def _chunks(packed):
    yield SIGNATURE
    while chunk := b"".join(islice(packed, ROWS_A_WRITE)):
        yield chunk
    yield TRAILER


def _rows(values: FileValues, positions, first: int, key_of, label_of, file_id: int):
    """The rows of the values at ``positions``, with their cells that are no plain
    reference (row and column NULL) and texts as written ('' for none)."""
    cells, raws = values.cells, values.raws
    for at in positions:
        row = [
            *(first + at, key_of[values.series_of[at]], values.years[at], values.values[at]),
            *(label_of[values.label_of[at]], values.rows[at], values.cols[at], None, None),
            *(file_id, 1),
        ]
        if at in cells:
            row[5:8] = (None, None, cells[at])
        if at in raws:
            row[8] = "" if raws[at] is None else raws[at]
        yield row
