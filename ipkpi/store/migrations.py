"""Upgrading a store made by an older ipkpi, in place: an ordered list of steps, each from
one schema version to the next, all run in one transaction on the first writing open
(``ipkpi ingest``, ``ipkpi run``). A read-only open reads an older store as it is.

Version 1 → 2: the tables become STRICT (text cannot get into a number column), the
source files gain how many values and task reports each stored and a checksum over them
(computed from what is there at the upgrade), and the values get an index by file.

Version 2 → 3: the values become compact (``ipkpi.store.compact``): each one's city and
target, and its unit, plan, indicator, unit as written, sheet and vintage, become ids into
``series`` and ``labels``, its cell a row and column, the cell as written is kept only when
it is not the value's repr, and its time of ingestion is its file's. Every value keeps its
id, file and current flag, so the files' counts and checksums stay as they were.

Version 3 → 4: no index of the values by file; each file records the first and last id of
its values instead (``first_value_id``, ``last_value_id``), and its checksum becomes one
over the values as the store keeps them (``ipkpi.store.integrity``): recomputed where the
old one still holds, kept where it does not, so ``data check`` still reports that file.
A second engine keeps its own steps under the same version numbers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from itertools import tee

from ipkpi.store.compact import PACKED_COLUMNS, PACKED_VALUES, LabelIds, SeriesIds, pack
from ipkpi.store.integrity import CHECKED_COLUMNS, TASK_COLUMNS, checksum, file_checksum
from ipkpi.store.schema import COLUMNS, SCHEMA_VERSION, VALUES_SCHEMA, VIEWS

_TABLES = ("source_files", "observations", "task_progress")
_OLD_INDEXES = ("observations_current", "observations_key", "task_progress_current")

# Version 2's tables, as ipkpi/store/schema.py had them: what 1 → 2 makes.
SCHEMA_V2 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE source_files (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    value_count INTEGER NOT NULL CHECK (value_count >= 0),
    task_count INTEGER NOT NULL CHECK (task_count >= 0),
    checksum TEXT NOT NULL
) STRICT;
CREATE TABLE observations (
    id INTEGER PRIMARY KEY,
    city TEXT NOT NULL,
    target_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    value REAL NOT NULL,
    unit TEXT NOT NULL,
    plan_id TEXT NOT NULL,
    indicator TEXT NOT NULL,
    raw TEXT,
    raw_unit TEXT,
    file_id INTEGER NOT NULL REFERENCES source_files(id),
    sheet TEXT,
    cell TEXT,
    vintage TEXT,
    ingested_at TEXT NOT NULL,
    current INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX observations_current
    ON observations (city, target_id, year) WHERE current = 1;
CREATE INDEX observations_key ON observations (city, target_id, year);
CREATE INDEX observations_file ON observations (file_id);
CREATE TABLE task_progress (
    id INTEGER PRIMARY KEY,
    city TEXT NOT NULL,
    plan_id TEXT NOT NULL,
    task_id TEXT NOT NULL,
    status TEXT NOT NULL,
    completed TEXT,
    note TEXT,
    raw_status TEXT,
    sheet TEXT,
    cell TEXT,
    file_id INTEGER NOT NULL REFERENCES source_files(id),
    ingested_at TEXT NOT NULL,
    current INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX task_progress_current
    ON task_progress (city, plan_id, task_id) WHERE current = 1;
"""


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    for table in (*_TABLES, "meta"):
        conn.execute(f"ALTER TABLE {table} RENAME TO old_{table}")
    for index in _OLD_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {index}")
    _run(conn, SCHEMA_V2)
    conn.execute("INSERT INTO meta SELECT key, value FROM old_meta")
    conn.execute(
        "INSERT INTO source_files SELECT id, sha256, path, size, ingested_at, 0, 0, '' "
        "FROM old_source_files"
    )
    for table in ("observations", "task_progress"):
        columns = ", ".join(COLUMNS[1][table])
        conn.execute(f"INSERT INTO {table} ({columns}) SELECT {columns} FROM old_{table}")
    for table in (*_TABLES, "meta"):
        conn.execute(f"DROP TABLE old_{table}")
    for (file_id,) in conn.execute("SELECT id FROM source_files").fetchall():
        values = conn.execute(
            f"SELECT {CHECKED_COLUMNS} FROM observations WHERE file_id = ? ORDER BY id",
            (file_id,),
        ).fetchall()
        tasks = conn.execute(
            f"SELECT {TASK_COLUMNS} FROM task_progress WHERE file_id = ? ORDER BY id",
            (file_id,),
        ).fetchall()
        conn.execute(
            "UPDATE source_files SET value_count = ?, task_count = ?, checksum = ? WHERE id = ?",
            (len(values), len(tasks), checksum(values, tasks), file_id),
        )


def _v2_to_v3(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE observations RENAME TO old_observations")
    for index in ("observations_current", "observations_key", "observations_file"):
        conn.execute(f"DROP INDEX {index}")
    _run(conn, VALUES_SCHEMA)
    series, labels = SeriesIds(conn), LabelIds(conn)
    old = conn.execute(
        "SELECT id, file_id, current, city, target_id, year, value, unit, plan_id, indicator, "
        "raw, raw_unit, sheet, cell, vintage FROM old_observations ORDER BY id"
    )
    ids, fields = tee(old)  # side by side: tee keeps no more than a row
    packed = pack((row[3:] for row in fields), series, labels)
    conn.executemany(
        f"INSERT INTO observations (id, file_id, current, {PACKED_COLUMNS}) "
        f"VALUES (?, ?, ?, {PACKED_VALUES})",
        ((*row[:3], *columns) for row, columns in zip(ids, packed, strict=True)),
    )
    series.insert()
    labels.insert()
    conn.execute("DROP TABLE old_observations")


def _v3_to_v4(conn: sqlite3.Connection) -> None:
    conn.execute("ALTER TABLE source_files ADD COLUMN first_value_id INTEGER")
    conn.execute("ALTER TABLE source_files ADD COLUMN last_value_id INTEGER")
    conn.execute(  # by the index by file, before it goes
        "UPDATE source_files SET (first_value_id, last_value_id) = "
        "(SELECT min(id), max(id) FROM observations WHERE file_id = source_files.id)"
    )
    conn.execute(VIEWS[3])  # for the old checksums (temporary: gone with the connection)
    for file_id, recorded in conn.execute("SELECT id, checksum FROM source_files").fetchall():
        if file_checksum(conn, file_id, recorded) == recorded:
            conn.execute(
                "UPDATE source_files SET checksum = ? WHERE id = ?",
                (file_checksum(conn, file_id), file_id),
            )
    conn.execute("DROP INDEX IF EXISTS observations_file")


def _run(conn: sqlite3.Connection, ddl: str) -> None:
    for statement in ddl.split(";"):
        if statement.strip():
            conn.execute(statement)


# (from version, step): each step takes a store of that version to the next.
STEPS: tuple[tuple[int, Callable[[sqlite3.Connection], None]], ...] = (
    (1, _v1_to_v2),
    (2, _v2_to_v3),
    (3, _v3_to_v4),
)


def upgrade(conn: sqlite3.Connection, version: int) -> None:
    """Run the steps from ``version`` to ``SCHEMA_VERSION`` in one transaction: the store
    is upgraded whole or not at all (a failure is raised after the rollback)."""
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("PRAGMA legacy_alter_table = ON")  # a rename leaves the other tables be
    conn.execute("BEGIN IMMEDIATE")
    try:
        for start, step in STEPS:
            if start >= version:
                step(conn)
        conn.execute("UPDATE meta SET value = ? WHERE key = 'schema'", (str(SCHEMA_VERSION),))
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
    conn.execute("PRAGMA legacy_alter_table = OFF")
