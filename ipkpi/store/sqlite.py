"""The embedded store: one SQLite file, WAL mode, a transaction around every write.

Every value keeps where it came from (file path and SHA-256, sheet, cell, time of
ingestion, vintage). A later file that gives another value for the same city,
target and year becomes the current value, unless the current one's vintage ranks above
it (a 快报 after the 正式 figure, see ``ipkpi.store.vintage``): then the later one is kept in the
history as not current. Either way the earlier one stays in the history.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ipkpi.errors import StoreError
from ipkpi.store.base import resolve_db_path
from ipkpi.store.precedence import sort_out
from ipkpi.store.records import (
    Observation,
    StoredObservation,
    TaskChange,
    TaskProgress,
    WriteResult,
)
from ipkpi.store.schema import create_schema

BUSY_TIMEOUT_MS = 30_000


class SQLiteStore:
    """The store in one SQLite file (``ipkpi.store.base.Store``)."""

    def __init__(self, path: Path, readonly: bool = False):
        self.path = Path(path)
        try:
            if readonly:
                if not self.path.exists():
                    self.conn = None
                    return
                uri = f"file:{self.path.resolve()}?mode=ro"
                self.conn = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
            else:
                if self.path.parent and not self.path.parent.exists():
                    raise StoreError(f"--db: no folder {self.path.parent} for the store")
                self.conn = sqlite3.connect(
                    self.path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None
                )
                self.conn.execute("PRAGMA journal_mode=WAL")
                self.conn.execute("PRAGMA synchronous=NORMAL")
                create_schema(self.conn)
            self.conn.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: not an ipkpi store ({exc})") from exc

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

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
            raise StoreError(f"{self.path}: cannot write the store ({exc})") from exc

    def has_file(self, sha256: str) -> bool:
        if self.conn is None:
            return False
        row = self.conn.execute("SELECT 1 FROM source_files WHERE sha256 = ?", (sha256,))
        return row.fetchone() is not None

    def write_file(
        self,
        path: Path,
        sha256: str,
        size: int,
        observations: list[Observation],
        dry_run: bool = False,
        now: dt.datetime | None = None,
        progress: Sequence[TaskProgress] = (),
    ) -> WriteResult:
        """Store one file's observations and task progress in one transaction: all of
        them or none. A task report equal to the current one counts as unchanged.

        Per (city, target, year), the vintage decides (``ipkpi.store.vintage.rank``), then the
        order of arrival: a value equal to the current one is unchanged (not stored); one
        whose vintage ranks below the current one's is stored as not current and returned
        in ``kept``; any other becomes current and the one it replaces is a revision. The
        file may give one key more than once (a 快报 sheet and a 正式 sheet): the highest
        vintage, the last of them on a tie, is the file's figure, the lower ones are kept;
        one of the same vintage given before it is replaced by it, a revision within the
        file (the ingester refuses such a file before it comes here).

        With ``dry_run`` the transaction is rolled back after counting: the result is the
        one the write would have had, and nothing is written."""
        stamp = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
        try:
            with self._transaction() as conn:
                if self.has_file(sha256):
                    return WriteResult(True, 0, 0, ())
                result = self._write(conn, path, sha256, size, observations, stamp, progress)
                if dry_run:
                    raise _DryRun(result)  # out of the transaction: rolled back
        except _DryRun as preview:
            return preview.result
        return result

    def _write(self, conn, path, sha256, size, observations, stamp, progress) -> WriteResult:
        """The writes of ``write_file``, inside its transaction."""
        file_id = conn.execute(
            "INSERT INTO source_files (sha256, path, size, ingested_at) VALUES (?, ?, ?, ?)",
            (sha256, str(path), size, stamp),
        ).lastrowid
        current = self._current_values(conn, {ob.city for ob in observations})
        keys = {(ob.city, ob.target_id, ob.year) for ob in observations}
        if current or len(keys) < len(observations):
            sorted_out = sort_out(observations, current, str(path))
            rows, aside, replaced, revisions, kept, new, unchanged = sorted_out
        else:  # all of them new, one per key: no need to look at each
            rows, aside, replaced, revisions, kept = observations, [], [], [], []
            new, unchanged = len(observations), 0
        # In bulk: one statement each, not a query and an insert per value. The
        # observations are bound as they are (their fields are the first twelve
        # columns); the file id, time and current flag are the same for all, so they
        # are literals (integers and our own ISO timestamp: nothing to escape). The
        # ones kept aside first, so within the file the current one is the last.
        conn.executemany("UPDATE observations SET current = 0 WHERE id = ?", replaced)
        for flag, batch in ((0, aside), (1, rows)):
            conn.executemany(
                "INSERT INTO observations (city, target_id, year, value, unit, plan_id, "
                "indicator, raw, raw_unit, sheet, cell, vintage, file_id, ingested_at, "
                f"current) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, {int(file_id)}, "
                f"'{_iso(stamp)}', {flag})",
                batch,
            )
        task_new, task_unchanged, changes = self._write_progress(conn, progress, file_id, stamp)
        return WriteResult(
            False,
            new + task_new,
            unchanged + task_unchanged,
            tuple(revisions),
            changes,
            tuple(kept),
        )

    @staticmethod
    def _write_progress(conn, progress, file_id: int, stamp: str):
        new = unchanged = 0
        changes = []
        for p in progress:
            now = conn.execute(
                "SELECT t.id, t.status, t.completed, t.note, f.path FROM task_progress t "
                "JOIN source_files f ON f.id = t.file_id "
                "WHERE t.city = ? AND t.plan_id = ? AND t.task_id = ? AND t.current = 1",
                (p.city, p.plan_id, p.task_id),
            ).fetchone()
            if now is not None and now[1:4] == (p.status, p.completed, p.note):
                unchanged += 1
                continue
            if now is not None:
                conn.execute("UPDATE task_progress SET current = 0 WHERE id = ?", (now[0],))
                if now[1:3] != (p.status, p.completed):  # a changed note is no revision
                    changes.append(
                        TaskChange(
                            p.city, p.task_id, now[1], p.status, now[2], p.completed, now[4], p.cell
                        )
                    )
            else:
                new += 1
            conn.execute(
                "INSERT INTO task_progress (city, plan_id, task_id, status, completed, note, "
                "raw_status, sheet, cell, file_id, ingested_at, current) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                (*p[:9], file_id, stamp),
            )
        return new, unchanged, tuple(changes)

    def task_progress(
        self, city: str, plan_id: str | None = None, history: bool = False
    ) -> list[TaskProgress]:
        """Reported task progress with its source, current reports only unless
        ``history``; oldest first within a task."""
        if self.conn is None:
            return []
        sql = (
            "SELECT t.city, t.plan_id, t.task_id, t.status, t.completed, t.note, t.raw_status, "
            "t.sheet, t.cell, f.path, t.ingested_at, f.sha256 FROM task_progress t "
            "JOIN source_files f ON f.id = t.file_id WHERE t.city = ?"
        )
        args: list = [city]
        if plan_id is not None:
            sql += " AND t.plan_id = ?"
            args.append(plan_id)
        if not history:
            sql += " AND t.current = 1"
        sql += " ORDER BY t.plan_id, t.task_id, t.id"
        try:
            return [TaskProgress(*row) for row in self.conn.execute(sql, args)]
        except sqlite3.OperationalError:  # a store older than tasks, opened read-only
            return []

    @staticmethod
    def _current_values(conn, cities: set[str]) -> dict[tuple[str, str, int], tuple]:
        """(city, target, year) → (row id, value, source path, vintage) of the current
        values."""
        found = {}
        for city in cities:
            for row in conn.execute(
                "SELECT o.target_id, o.year, o.id, o.value, f.path, o.vintage "
                "FROM observations o "
                "JOIN source_files f ON f.id = o.file_id WHERE o.city = ? AND o.current = 1",
                (city,),
            ):
                found[(city, row[0], row[1])] = row[2:]
        return found

    def current_values(self, city: str) -> tuple[list[tuple], dict[int, tuple[str, str, str]]]:
        """A city's current values as light rows (target id, year, value, vintage, file
        id), ordered by target and year, and the files they came from by id (path, SHA-256,
        time of ingestion): what a report needs, without decoding every provenance column."""
        if self.conn is None:
            return [], {}
        rows = self.conn.execute(
            "SELECT target_id, year, value, vintage, file_id FROM observations "
            "WHERE city = ? AND current = 1 ORDER BY city, target_id, year, id",
            (city,),
        ).fetchall()
        return rows, self._source_files({r[4] for r in rows})

    def _source_files(self, ids: set[int] | None = None) -> dict[int, tuple[str, str, str]]:
        """id → (path, SHA-256, time of ingestion) of the source files (those in ``ids``)."""
        return {
            row[0]: row[1:]
            for row in self.conn.execute("SELECT id, path, sha256, ingested_at FROM source_files")
            if ids is None or row[0] in ids
        }

    def observations(
        self, city: str | None = None, year: int | None = None, history: bool = False
    ) -> list[StoredObservation]:
        """Stored values, current ones only unless ``history``; oldest first within a key."""
        if self.conn is None:
            return []
        where, args = [], []
        if city is not None:
            where.append("o.city = ?")
            args.append(city)
        if year is not None:
            where.append("o.year = ?")
            args.append(year)
        if not history:
            where.append("o.current = 1")
        sql = (
            "SELECT o.city, o.target_id, o.year, o.value, o.unit, o.plan_id, o.indicator, o.raw, "
            "o.raw_unit, o.sheet, o.cell, o.vintage, o.file_id, o.ingested_at, o.current "
            "FROM observations o"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY o.city, o.target_id, o.year, o.id"
        )
        # The source files once, not joined into every row: a city has thousands of
        # values from a handful of files.
        files = self._source_files()
        found = []
        for row in self.conn.execute(sql, args):
            path, sha256, _ = files[row[12]]
            found.append(_stored((*row[:12], path, sha256, row[13], bool(row[14]))))
        return found


_stored = StoredObservation._make


def open_store(path: Path | None = None, *, readonly: bool = False) -> SQLiteStore:
    """The store at ``path``, else $IPKPI_DB, else ipkpi.db in the working folder; created
    when it is not there yet, unless ``readonly``."""
    return SQLiteStore(resolve_db_path(path), readonly=readonly)


class _DryRun(Exception):
    """Raised inside a dry run's transaction, so it is rolled back; carries the result."""

    def __init__(self, result: WriteResult):
        self.result = result


def _iso(stamp: str) -> str:
    if not all(ch.isdigit() or ch in "-:+T" for ch in stamp):  # never anything to quote
        raise ValueError(f"not an ISO timestamp: {stamp!r}")
    return stamp
