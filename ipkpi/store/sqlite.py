"""The embedded store: one SQLite file, WAL mode, a transaction around every write.

Every value keeps where it came from (file path and SHA-256, sheet, cell, time of
ingestion, vintage). A later file that gives another value for the same city,
target and year becomes the current value, unless the current one's vintage ranks above
it (a 快报 after the 正式 figure, see ``ipkpi.store.vintage``): then the later one is kept in the
history as not current. Either way the earlier one stays in the history.

It writes schema version 4 (``ipkpi.store.schema``): a value's row is integers, the texts that
repeat are ids (``ipkpi.store.compact``), a file's values one block of ids. It reads every
version through a view of the rows as version 2 had them (``schema.ROWS_VIEW``): a
read-only open reads an older store as it is. What it reads and writes, and how, is
``SQLStore``'s (``ipkpi.store.sqlbase``), the same on PostgreSQL; here are opening, its
checks, and SQLite's transactions.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ipkpi.errors import StoreError, StoreUnusable, display_path
from ipkpi.messages import msg
from ipkpi.store import guard
from ipkpi.store.integrity import Damage
from ipkpi.store.schema import SCHEMA_VERSION
from ipkpi.store.sqlbase import SQLStore

BUSY_TIMEOUT_MS = 30_000


class SQLiteStore(SQLStore):
    """The store in one SQLite file (``ipkpi.store.base.Store``)."""

    def __init__(
        self, path: Path, readonly: bool = False, *, verify: bool = True, upgrade: bool = True
    ):
        """Open the store and check it (``ipkpi.store.guard``): a file that is no store, a
        damaged one, one missing a table or column or of a newer version is a
        ``StoreUnusable``. A writing open creates the tables of a new, empty file only, and
        upgrades an older store in place (unless ``upgrade`` is false: then it is a
        ``StoreUnusable`` saying how to upgrade); a read-only open reads an older store as
        it is. With ``verify``, values or task reports gone or added behind ipkpi's back
        are a ``StoreDamaged``."""
        self.path = Path(path)
        self.version = SCHEMA_VERSION
        self.conn = None
        try:
            if readonly and not self.path.exists():
                return
            if str(path) != ":memory:":
                self._check_folder()
                if self.path.exists():
                    guard.check_file(self.path)
            if readonly:
                uri = f"file:{self.path.resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
            else:
                self.conn = sqlite3.connect(
                    self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
                )
            self.conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            self.version = guard.prepare(self.conn, self.path, readonly, upgrade)
            if verify and self.version >= 2:
                guard.check_counts(self.conn, self.path)
        except sqlite3.OperationalError as exc:  # locked past the timeout, no permission
            self.close()
            cannot = msg("E-STORE-OPEN", path=display_path(self.path), detail=str(exc))
            raise StoreError(cannot) from exc
        except sqlite3.DatabaseError as exc:
            self.close()
            raise StoreUnusable(self.path, guard.broken(exc), guard.REBUILD) from exc
        except BaseException:
            self.close()
            raise

    def _check_folder(self) -> None:
        folder = self.path.parent
        if not folder.is_dir():
            raise StoreError(msg("E-STORE-NO-FOLDER", folder=display_path(folder)))

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """All or nothing; an SQLite failure (locked past the timeout, disk full) is a
        ``StoreError`` after the rollback, never a traceback."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")
        except sqlite3.Error as exc:
            raise StoreError(msg("E-STORE-WRITE", path=str(self.path), detail=str(exc))) from exc

    def check(self) -> list[Damage]:
        """``ipkpi data check``: every file's values and task reports against the counts
        and checksum recorded when it was written; the damaged files."""
        if self.conn is None:
            return []
        if self.version < 2:
            raise StoreUnusable(
                self.path,
                msg("E-STORE-NO-CHECKSUMS", version=self.version),
                msg("store.todo.check_later"),
            )
        guard.quick_check(self.conn, self.path)  # whatever the size: a check may take time
        return guard.damage(self.conn, self.path)

    def file_damage(self, sha256: str) -> Damage | None:
        """What is wrong with the rows of a file ingested before, or None."""
        if self.conn is None or self.version < 2:
            return None
        return guard.file_damage(self.conn, sha256)
