"""The SQLite store's tables: their DDL and its version, created where missing.

Source files (path, SHA-256, size, time of ingestion); observations, each with its file,
sheet, cell, vintage and whether it is current (one current value per city, target and
year); task progress, current or not, likewise.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS source_files (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS observations (
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
    current INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX IF NOT EXISTS observations_current
    ON observations (city, target_id, year) WHERE current = 1;
CREATE INDEX IF NOT EXISTS observations_key ON observations (city, target_id, year);
CREATE TABLE IF NOT EXISTS task_progress (
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
    current INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX IF NOT EXISTS task_progress_current
    ON task_progress (city, plan_id, task_id) WHERE current = 1;
"""


def create_schema(conn: sqlite3.Connection) -> None:
    """Create the tables and indexes that are missing, and record the schema's version."""
    conn.executescript(SCHEMA)
    conn.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)",
        (str(SCHEMA_VERSION),),
    )
