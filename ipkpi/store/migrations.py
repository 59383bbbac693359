"""Upgrading a store made by an older ipkpi, in place: an ordered list of steps, each from
one schema version to the next, all run in one transaction on the first writing open
(``ipkpi ingest``, ``ipkpi run``). A read-only open reads an older store as it is.

Version 1 → 2: the tables become STRICT (text cannot get into a number column), the
source files gain how many values and task reports each stored and a checksum over them
(computed from what is there at the upgrade), and the values get an index by file.
A second engine keeps its own steps under the same version numbers.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from ipkpi.store.integrity import CHECKED_COLUMNS, TASK_COLUMNS, checksum
from ipkpi.store.schema import COLUMNS, SCHEMA, SCHEMA_VERSION

_TABLES = ("source_files", "observations", "task_progress")
_OLD_INDEXES = ("observations_current", "observations_key", "task_progress_current")


def _v1_to_v2(conn: sqlite3.Connection) -> None:
    for table in (*_TABLES, "meta"):
        conn.execute(f"ALTER TABLE {table} RENAME TO old_{table}")
    for index in _OLD_INDEXES:
        conn.execute(f"DROP INDEX IF EXISTS {index}")
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
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


# (from version, step): each step takes a store of that version to the next.
STEPS: tuple[tuple[int, Callable[[sqlite3.Connection], None]], ...] = ((1, _v1_to_v2),)


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
