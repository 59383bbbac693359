"""The store in a PostgreSQL database (``ipkpi.store.base.Store``), shared by many
machines at once.

* A write is one transaction that first takes the store's write lock
  (``pg_advisory_xact_lock``): writes take turns, so a file ingested by two machines at
  once is stored once (the second finds it there; the unique index on its SHA-256 stands
  behind that), and the values' ids stay one block a file, as on SQLite. The lock goes
  with the transaction: a client killed mid-write leaves nothing, not even the lock.
* A read-only open reads in one REPEATABLE READ, READ ONLY transaction: a report that
  runs while a file is being written sees the store as it was before or after that file,
  never half of it.
* A database with no ipkpi tables is not made into a store by a command that writes:
  ``ipkpi db init`` creates them, with the roles that may read and write.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import psycopg

from ipkpi.errors import StoreError
from ipkpi.messages import msg
from ipkpi.store import guard
from ipkpi.store.address import PostgresURL
from ipkpi.store.integrity import Damage
from ipkpi.store.postgres import schema
from ipkpi.store.postgres.connection import Connection, connect, detail
from ipkpi.store.sqlbase import SQLStore

# Advisory lock keys (one database, one store): a write's turn (transaction-level), and
# a run's or ingest's turn (session-level, ``ipkpi.store.postgres.lock``).
WRITE_LOCK = 0x69706B70_69000001
RUN_LOCK = 0x69706B70_69000002


class PostgresStore(SQLStore):
    """The store in a PostgreSQL database."""

    def __init__(
        self,
        address: PostgresURL,
        readonly: bool = False,
        *,
        verify: bool = True,
        upgrade: bool = True,
    ):
        """Connect and check the store (``schema.check``); a read-only open starts the
        snapshot every read comes from. With ``verify``, values or task reports gone or
        added behind ipkpi's back are a ``StoreDamaged``. ``upgrade`` is taken for the
        SQLite store's sake: a PostgreSQL store has no older version to upgrade."""
        self.path = address
        self.readonly = readonly
        self.conn: Connection | None = connect(address, "ipkpi (read)" if readonly else "ipkpi")
        try:
            if readonly:
                self.conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            self.version = schema.check(self.conn, address)
            if verify:
                self._check_counts()
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self.conn is not None:
            self.conn.rollback()  # a read-only open's snapshot; nothing else is open
            self.conn.close()
            self.conn = None

    def _check_counts(self) -> None:
        if self.readonly:  # already one snapshot
            guard.compare_counts(self.conn, self.path)
            return
        self.conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        try:
            guard.compare_counts(self.conn, self.path)
        finally:
            self.conn.rollback()

    @contextmanager
    def _transaction(self) -> Iterator[Connection]:
        """All or nothing, in turn with every other writer of this database."""
        if self.readonly:
            raise StoreError(msg("E-STORE-WRITE", path=self.path.shown, detail="read-only"))
        conn = self.conn
        conn.execute("BEGIN")
        try:
            conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
            yield conn
        except psycopg.Error as exc:
            conn.rollback()
            raise StoreError(
                msg("E-STORE-WRITE", path=self.path.shown, detail=detail(exc))
            ) from exc
        except BaseException:
            conn.rollback()
            raise
        conn.execute("COMMIT")

    def check(self) -> list[Damage]:
        """``ipkpi data check``: every file's values and task reports against the counts
        and checksum recorded when it was written; the damaged files."""
        return guard.damage(self.conn, self.path)

    def file_damage(self, sha256: str) -> Damage | None:
        """What is wrong with the rows of a file ingested before, or None."""
        return guard.file_damage(self.conn, sha256)
