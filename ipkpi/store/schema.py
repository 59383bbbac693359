"""The SQLite store's tables: their DDL, its version, and the tables and columns each
version has (what every open checks).

Source files (path, SHA-256, size, time of ingestion, and from version 2 how many values
and task reports the file stored and a checksum over them); observations, each with its
file, sheet, cell, vintage and whether it is current (one current value per city, target
and year); task progress, current or not, likewise. Version 2's tables are STRICT: text
cannot get into a number column. The version is ``PRAGMA user_version`` (a version-1 store
has 0 there and ``schema = 1`` in its meta table); ``ipkpi.store.migrations`` upgrades.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 2

SCHEMA = """
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

_OBSERVATIONS = [
    *("id", "city", "target_id", "year", "value", "unit", "plan_id", "indicator", "raw"),
    *("raw_unit", "file_id", "sheet", "cell", "vintage", "ingested_at", "current"),
]
_TASKS = [
    *("id", "city", "plan_id", "task_id", "status", "completed", "note", "raw_status"),
    *("sheet", "cell", "file_id", "ingested_at", "current"),
]
_FILES = ["id", "sha256", "path", "size", "ingested_at"]

# version → table → its columns: what an open checks is there.
COLUMNS: dict[int, dict[str, list[str]]] = {
    1: {
        "meta": ["key", "value"],
        "source_files": _FILES,
        "observations": _OBSERVATIONS,
        "task_progress": _TASKS,
    },
    2: {
        "meta": ["key", "value"],
        "source_files": [*_FILES, "value_count", "task_count", "checksum"],
        "observations": _OBSERVATIONS,
        "task_progress": _TASKS,
    },
}


# version → its indexes (the partial unique ones keep one current figure per key).
INDEXES: dict[int, tuple[str, ...]] = {
    1: ("observations_current", "observations_key", "task_progress_current"),
    2: ("observations_current", "observations_key", "observations_file", "task_progress_current"),
}


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the tables of a new, empty store, and record the schema's version: only
    ever on a file with no tables (an open never recreates a table that is gone)."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        for statement in SCHEMA.split(";"):
            if statement.strip():
                conn.execute(statement)
        conn.execute("INSERT INTO meta (key, value) VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
        conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")
