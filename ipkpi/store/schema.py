"""The SQLite store's tables: their DDL, its version, and the tables and columns each
version has (what every open checks).

Source files (path, SHA-256, size, time of ingestion, and from version 2 how many values
and task reports the file stored and a checksum over them); observations, each with its
file, sheet, cell, vintage and whether it is current (one current value per city, target
and year); task progress, current or not, likewise. Version 2's tables are STRICT: text
cannot get into a number column. The version is ``PRAGMA user_version`` (a version-1 store
has 0 there and ``schema = 1`` in its meta table); ``ipkpi.store.migrations`` upgrades.

Version 3 is compact: what repeats from value to value is stored once and referred to by
id. ``series`` holds each (city, target) once, ``labels`` each (unit, plan, indicator, unit
as written, sheet, vintage) once; a value's row is integers and one REAL: its series, year,
value, label, the cell's row and column (C12: row 12, column 3; a cell that is no plain
reference of up to three letters is kept as text in ``cell``), its file and whether it is
current. Its time of ingestion is its file's. ``raw``, the cell as written, is NULL when it
is exactly the stored number's ``repr`` (most cells), ``''`` when there was none, else the
text ("36.26万件", a converted figure). ``ROWS_VIEW`` puts the columns back together, as
version 2 had them (every open of the store defines it, a temporary view, per connection).

Version 4 finds a file's values by their ids, not by an index: a file's values are
written in one block, and its row records the first and last of their ids
(``first_value_id``, ``last_value_id``; NULL when it stored none). Its checksum is over the
values as the store keeps them (``ipkpi.store.integrity``).
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 4

_FILES_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE source_files (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    value_count INTEGER NOT NULL CHECK (value_count >= 0),
    task_count INTEGER NOT NULL CHECK (task_count >= 0),
    checksum TEXT NOT NULL,
    first_value_id INTEGER,
    last_value_id INTEGER
) STRICT;
"""

# The values' tables: what 2 → 3 makes (``ipkpi.store.migrations``).
VALUES_SCHEMA = """
CREATE TABLE series (
    id INTEGER PRIMARY KEY,
    city TEXT NOT NULL,
    target_id TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX series_key ON series (city, target_id);
CREATE TABLE labels (
    id INTEGER PRIMARY KEY,
    unit TEXT NOT NULL,
    plan_id TEXT NOT NULL,
    indicator TEXT NOT NULL,
    raw_unit TEXT,
    sheet TEXT,
    vintage TEXT
) STRICT;
CREATE INDEX labels_plan ON labels (plan_id);
CREATE TABLE observations (
    id INTEGER PRIMARY KEY,
    key_id INTEGER NOT NULL REFERENCES series(id),
    year INTEGER NOT NULL,
    value REAL NOT NULL,
    label_id INTEGER NOT NULL REFERENCES labels(id),
    row INTEGER,
    col INTEGER,
    cell TEXT,
    raw TEXT,
    file_id INTEGER NOT NULL REFERENCES source_files(id),
    current INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX observations_current ON observations (key_id, year) WHERE current = 1;
"""

_TASKS_SCHEMA = """
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

SCHEMA = _FILES_SCHEMA + VALUES_SCHEMA + _TASKS_SCHEMA

# The letters of a column up to three (1 A, 26 Z, 27 AA, 702 ZZ, 703 AAA, 18278 ZZZ), in
# SQL: bijective base 26. A cell past ZZZ is kept as text.
_LETTERS = """CASE
        WHEN o.col <= 26 THEN char(64 + o.col)
        WHEN o.col <= 702 THEN char(64 + (o.col - 1) / 26, 65 + (o.col - 1) % 26)
        ELSE char(
            64 + ((o.col - 1) / 26 - 1) / 26,
            65 + ((o.col - 1) / 26 - 1) % 26,
            65 + (o.col - 1) % 26
        )
    END"""

# The rows of ``observations`` as version 2 had them, under one name whatever the
# version: ``raw`` as version 3 keeps it (NULL: the value's repr; '': none), the time of
# ingestion left to the file's row. What the store reads values through.
ROWS_VIEW = "observation_rows"
VIEWS: dict[int, str] = {
    1: f"""CREATE TEMP VIEW {ROWS_VIEW} AS SELECT id, city, target_id, year, value, unit,
    plan_id, indicator, coalesce(raw, '') AS raw, raw_unit, sheet, cell, vintage, file_id,
    current FROM main.observations""",
    3: f"""CREATE TEMP VIEW {ROWS_VIEW} AS SELECT o.id AS id, s.city AS city,
    s.target_id AS target_id, o.year AS year, o.value AS value, l.unit AS unit,
    l.plan_id AS plan_id, l.indicator AS indicator, o.raw AS raw, l.raw_unit AS raw_unit,
    l.sheet AS sheet, CASE WHEN o.row IS NULL THEN o.cell ELSE {_LETTERS} || o.row END AS cell,
    l.vintage AS vintage, o.file_id AS file_id, o.current AS current, o.key_id AS key_id
    FROM main.observations o JOIN main.series s ON s.id = o.key_id
    JOIN main.labels l ON l.id = o.label_id""",
}
VIEWS[2] = VIEWS[1]
VIEWS[4] = VIEWS[3]

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
    3: {
        "meta": ["key", "value"],
        "source_files": [*_FILES, "value_count", "task_count", "checksum"],
        "series": ["id", "city", "target_id"],
        "labels": ["id", "unit", "plan_id", "indicator", "raw_unit", "sheet", "vintage"],
        "observations": [
            *("id", "key_id", "year", "value", "label_id", "row", "col", "cell", "raw"),
            *("file_id", "current"),
        ],
        "task_progress": _TASKS,
    },
}
COLUMNS[4] = {
    **COLUMNS[3],
    "source_files": [*COLUMNS[3]["source_files"], "first_value_id", "last_value_id"],
}


# version → its indexes (the partial unique ones keep one current figure per key). Each
# costs on every insert, so version 3 keeps two on the values: the current figures by
# series and year (what a report and a write read) and the values by file (a file's
# check, ``ingest --force``). No index of every figure by key as version 2 had: the
# history of a city (``data show --history``) is read by one scan. Version 4 keeps one:
# a file's values are found by the range of their ids, recorded with the file.
INDEXES: dict[int, tuple[str, ...]] = {
    1: ("observations_current", "observations_key", "task_progress_current"),
    2: ("observations_current", "observations_key", "observations_file", "task_progress_current"),
    3: (
        *("series_key", "labels_plan", "observations_current", "observations_file"),
        "task_progress_current",
    ),
    4: ("series_key", "labels_plan", "observations_current", "task_progress_current"),
}


def table_columns(conn, table: str) -> set[str]:
    """The names of a table's columns, on either engine (a PostgreSQL connection answers
    itself, ``ipkpi.store.postgres.connection``)."""
    own = getattr(conn, "table_columns", None)
    if own is not None:
        return own(table)
    return {r[1] for r in conn.execute(f"PRAGMA main.table_info({table})")}


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
