"""A PostgreSQL connection the store's shared SQL can use as it uses SQLite's: ``?``
parameters, ``execute`` returning a cursor, ``executemany``, the DB-API's exception
classes as attributes, the columns of a table, and ``copy_rows`` (COPY) for bulk writes.

Every failure becomes a ``StoreError`` that names the store by its masked URL: a server
that cannot be reached or went away (E-STORE-OPEN, E-STORE-LOST), a role without the right
(E-STORE-DENIED), anything else the database refused (E-STORE-REFUSED). Only a broken
unique index passes through as ``IntegrityError``, for the write that expects it
(``compact.insert_new``).
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterable, Sequence

import psycopg
from psycopg import errors as pg

from ipkpi.errors import StoreError
from ipkpi.messages import msg
from ipkpi.store.address import PostgresURL
from ipkpi.store.postgres import bulk

CONNECT_TIMEOUT_SECONDS = 10
# COPY's binary types of the columns the store copies (values, series, labels).
COPY_TYPES = {
    "id": "int8",
    "key_id": "int8",
    "year": "int8",
    "value": "float8",
    "label_id": "int8",
    "row": "int8",
    "col": "int8",
    "cell": "text",
    "raw": "text",
    "file_id": "int8",
    "current": "int8",
    **dict.fromkeys(("city", "target_id", "unit", "plan_id", "indicator"), "text"),
    **dict.fromkeys(("raw_unit", "sheet", "vintage"), "text"),
}


def connect(address: PostgresURL, application_name: str = "ipkpi") -> Connection:
    """A connection in autocommit mode (the store says where transactions begin and end);
    the password from the URL or libpq's usual places (PGPASSWORD, ~/.pgpass, PGSERVICE)."""
    try:
        raw = psycopg.connect(
            address.url,
            autocommit=True,
            connect_timeout=int(os.environ.get("PGCONNECT_TIMEOUT", CONNECT_TIMEOUT_SECONDS)),
            application_name=application_name[:63],
        )
    except psycopg.Error as exc:
        raise StoreError(msg("E-STORE-OPEN", path=address.shown, detail=detail(exc))) from exc
    return Connection(raw, address)


def detail(exc: BaseException) -> str:
    """The server's or libpq's words, on one line."""
    diag = getattr(exc, "diag", None)
    primary = getattr(diag, "message_primary", None) if diag is not None else None
    text = primary or str(exc) or type(exc).__name__
    return " ".join(text.split())


@functools.lru_cache(maxsize=512)
def _sql(sql: str) -> str:
    """SQLite's ``?`` parameters as psycopg's ``%s`` (a literal % doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


class Connection:
    """psycopg's connection, speaking as the store's shared SQL expects."""

    Error = psycopg.Error
    DatabaseError = psycopg.DatabaseError
    IntegrityError = psycopg.IntegrityError
    OperationalError = psycopg.OperationalError

    def __init__(self, raw: psycopg.Connection, address: PostgresURL):
        self.raw = raw
        self.address = address
        self._columns: dict[str, set[str]] | None = None

    def execute(self, sql: str, args: Sequence = ()) -> psycopg.Cursor:
        try:
            return self.raw.execute(_sql(sql), tuple(args))
        except psycopg.IntegrityError:
            raise
        except psycopg.Error as exc:
            raise self.failure(exc) from exc

    def executemany(self, sql: str, rows: Iterable[Sequence]) -> None:
        rows = list(rows)
        if not rows:
            return
        try:
            with self.raw.cursor() as cursor:
                cursor.executemany(_sql(sql), rows)
        except psycopg.IntegrityError:
            raise
        except psycopg.Error as exc:
            raise self.failure(exc) from exc

    def copy_rows(self, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
        """Rows into ``table`` by COPY (binary): the fast path for a file's values. Where
        row-level security holds the role (a writer kept to its places), PostgreSQL takes
        no COPY: the rows go in by INSERT, each checked by the policy."""
        if self.execute("SELECT row_security_active(?)", (table,)).fetchone()[0]:
            marks = ", ".join(["?"] * len(columns))
            self.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)
            return
        statement = f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)"
        try:
            with self.raw.cursor() as cursor, cursor.copy(statement) as copy:
                copy.set_types([COPY_TYPES[c] for c in columns])
                write = copy.write_row
                for row in rows:
                    write(row)
        except psycopg.IntegrityError:
            raise
        except psycopg.Error as exc:
            raise self.failure(exc) from exc

    def copy_values(self, file_id: int, values, first: int, key_of: list, label_of: list) -> None:
        """A file's values from their arrays, ids from ``first`` (``bulk.copy_values``)."""
        bulk.copy_values(self, file_id, values, first, key_of, label_of)

    def copy_bytes(self, statement: str, chunks: Iterable[bytes]) -> None:
        """A COPY … FROM STDIN whose data is given as it goes on the wire."""
        try:
            with self.raw.cursor() as cursor, cursor.copy(statement) as copy:
                for chunk in chunks:
                    copy.write(chunk)
        except psycopg.IntegrityError:
            raise
        except psycopg.Error as exc:
            raise self.failure(exc) from exc

    def table_columns(self, table: str) -> set[str]:
        """The columns of a table of the store's schema (read once a connection)."""
        if self._columns is None:
            rows = self.execute(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_schema = current_schema()"
            )
            self._columns = {}
            for name, column in rows:
                self._columns.setdefault(name, set()).add(column)
        return self._columns.get(table, set())

    def forget_columns(self) -> None:
        """Read the columns again when next asked (tables were created or checked)."""
        self._columns = None

    def getlimit(self, _category: int) -> int:
        return 65535  # parameters a statement: the protocol's limit

    def failure(self, exc: psycopg.Error) -> StoreError:
        """What went wrong, as the store's error naming it by its masked URL."""
        where = self.address.shown
        if isinstance(exc, pg.InsufficientPrivilege):
            role = self.raw.info.user if not self.raw.closed else "?"
            return StoreError(msg("E-STORE-DENIED", path=where, role=role, detail=detail(exc)))
        if self.raw.broken or isinstance(exc, psycopg.InterfaceError):  # the server went away
            return StoreError(msg("E-STORE-LOST", path=where, detail=detail(exc)))
        return StoreError(msg("E-STORE-REFUSED", path=where, detail=detail(exc)))

    def rollback(self) -> None:
        """End a transaction that failed; nothing to do on a connection already lost."""
        if not self.raw.broken and not self.raw.closed:
            with contextlib.suppress(psycopg.Error):
                self.raw.execute("ROLLBACK")

    def close(self) -> None:
        self.raw.close()
