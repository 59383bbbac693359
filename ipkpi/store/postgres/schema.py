"""The store's tables on PostgreSQL: the SQLite store's schema (``ipkpi.store.schema``,
the one definition) in PostgreSQL's types, and what every open checks.

The translation: INTEGER is BIGINT (SQLite's integers are 64-bit), REAL is DOUBLE
PRECISION (the same 64-bit float: a figure reads back exactly), TEXT is TEXT COLLATE "C"
(compared and ordered by their bytes, as SQLite does, whatever the database's locale: an
``en-US`` or ``zh-CN`` collation would order ``Ab``, ``aB`` and ``a_b`` otherwise, and
every listing with them), STRICT goes (PostgreSQL's columns are typed anyway). As on
SQLite, the links between tables are checked by ``data check`` (counts, checksums,
orphans), not by foreign keys: a file's values go in by one COPY with no trigger a row.
The values are read through a view, ``observation_rows`` (``schema.ROWS_VIEW``), a table
of the schema here (SQLite defines it per connection).

A PostgreSQL store starts at schema version 4 (``schema.SCHEMA_VERSION``), recorded in
``meta``; later versions add their steps to ``ipkpi.store.migrations`` for both engines.
"""

from __future__ import annotations

import re

from ipkpi.errors import StoreUnusable
from ipkpi.messages import msg
from ipkpi.store.address import PostgresURL
from ipkpi.store.schema import COLUMNS, INDEXES, ROWS_VIEW, SCHEMA, SCHEMA_VERSION

# A column's letters (1 A … 26 Z, 27 AA … 18278 ZZZ) and row as a cell's reference: the
# SQLite view's ``_LETTERS`` in PostgreSQL's functions.
_LETTERS = """CASE
        WHEN o.col <= 26 THEN chr((64 + o.col)::int)
        WHEN o.col <= 702
            THEN chr((64 + (o.col - 1) / 26)::int) || chr((65 + (o.col - 1) % 26)::int)
        ELSE chr((64 + ((o.col - 1) / 26 - 1) / 26)::int)
            || chr((65 + ((o.col - 1) / 26 - 1) % 26)::int)
            || chr((65 + (o.col - 1) % 26)::int)
    END"""

VIEW = f"""CREATE VIEW {ROWS_VIEW} AS SELECT o.id AS id, s.city AS city,
    s.target_id AS target_id, o.year AS year, o.value AS value, l.unit AS unit,
    l.plan_id AS plan_id, l.indicator AS indicator, o.raw AS raw, l.raw_unit AS raw_unit,
    l.sheet AS sheet, CASE WHEN o.row IS NULL THEN o.cell ELSE {_LETTERS} || o.row END AS cell,
    l.vintage AS vintage, o.file_id AS file_id, o.current AS current, o.key_id AS key_id
    FROM observations o JOIN series s ON s.id = o.key_id JOIN labels l ON l.id = o.label_id"""

TABLES = tuple(COLUMNS[SCHEMA_VERSION])


def statements() -> list[str]:
    """The statements that create a new store's tables, indexes and view."""
    text = re.sub(r"\)\s*STRICT", ")", SCHEMA)
    text = re.sub(r"\bINTEGER\b", "BIGINT", text)
    text = re.sub(r"\bREAL\b", "DOUBLE PRECISION", text)
    text = re.sub(r"\bTEXT\b", 'TEXT COLLATE "C"', text)
    text = re.sub(r"\s*REFERENCES \w+\(id\)", "", text)
    found = [s.strip() for s in text.split(";") if s.strip()]
    return [*found, VIEW]


def create(conn) -> None:
    """A new store's tables and its version, in the caller's transaction."""
    for statement in statements():
        conn.execute(statement)
    conn.forget_columns()  # the tables just made, not those read before
    conn.execute("INSERT INTO meta (key, value) VALUES ('schema', ?)", (str(SCHEMA_VERSION),))


def stored_version(conn) -> int | None:
    """The store's schema version; None where the database has no ipkpi tables yet."""
    there = present_tables(conn)
    if not there & set(TABLES):
        return None
    if "meta" in there:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is not None and str(row[0]).isdigit():
            return int(row[0])
    return 0


def present_tables(conn) -> set[str]:
    rows = conn.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
    )
    return {r[0] for r in rows}


def check_encoding(conn, address: PostgresURL) -> None:
    """The database keeps text as UTF-8: any other encoding would refuse some characters
    of a place's or indicator's name, or (SQL_ASCII) keep bytes no one can read back."""
    encoding = conn.execute("SHOW server_encoding").fetchone()[0]
    if encoding.upper() not in ("UTF8", "UTF-8"):
        what = msg("E-STORE-PG-ENCODING", encoding=encoding)
        raise StoreUnusable(address, what, msg("store.todo.utf8_database"))


def check(conn, address: PostgresURL) -> int:
    """The store's version, after checking it has every table, column and index of it:
    else a ``StoreUnusable`` saying what to do (``ipkpi db init`` for an empty database)."""
    check_encoding(conn, address)
    version = stored_version(conn)
    if version is None:
        raise StoreUnusable(address, msg("E-STORE-PG-EMPTY"), msg("store.todo.db_init"))
    if version > SCHEMA_VERSION:
        raise StoreUnusable(
            address,
            msg("E-STORE-VERSION-NEW", version=version, known=SCHEMA_VERSION),
            msg("store.todo.upgrade_ipkpi"),
        )
    if version < SCHEMA_VERSION:  # no PostgreSQL store was ever made before version 4
        raise StoreUnusable(address, msg("E-STORE-NOT-IPKPI"), msg("store.todo.name_store"))
    there = present_tables(conn)
    for table, columns in COLUMNS[version].items():
        if table not in there:
            raise StoreUnusable(address, msg("E-STORE-TABLE-MISSING", table=table), _RESTORE)
        have = conn.table_columns(table)
        for column in columns:
            if column not in have:
                missing = msg("E-STORE-COLUMN-MISSING", table=table, column=column)
                raise StoreUnusable(address, missing, _RESTORE)
    indexes = {
        r[0]
        for r in conn.execute(
            "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()"
        )
    }
    for index in (*INDEXES[version], "__view__"):
        if index == "__view__":
            if ROWS_VIEW not in there:
                missing = msg("E-STORE-TABLE-MISSING", table=ROWS_VIEW)
                raise StoreUnusable(address, missing, _RESTORE)
        elif index not in indexes:
            raise StoreUnusable(address, msg("E-STORE-INDEX-MISSING", index=index), _RESTORE)
    return version


_RESTORE = msg("store.todo.restore_pg")
