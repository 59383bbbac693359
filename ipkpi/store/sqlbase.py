"""What both engines do the same way: the store's reads and writes in the SQL SQLite and
PostgreSQL both speak (``?`` parameters; the PostgreSQL connection translates them), so
every command gives the same answer on either (``ipkpi.store.base.Store``).

An engine gives the connection (``conn``), where the store is (``path``: a file or a URL),
its schema version, and ``_transaction``: one write at a time, all or nothing. The rows'
ids are numbered by the store (one past the largest), the same on both engines.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from operator import itemgetter
from pathlib import Path

from ipkpi.errors import StoreUnusable
from ipkpi.store import compact, guard
from ipkpi.store.integrity import file_rows, record_file
from ipkpi.store.precedence import sort_out
from ipkpi.store.records import (
    Observation,
    StoredObservation,
    TaskChange,
    TaskProgress,
    WriteResult,
)
from ipkpi.store.schema import ROWS_VIEW
from ipkpi.store.values import FileValues

_CITY = itemgetter(0)  # of an Observation


class SQLStore:
    """The reads and writes of ``ipkpi.store.base.Store`` over an engine's connection."""

    conn = None

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @guard.reads
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
        replace: bool = False,
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
        one the write would have had, and nothing is written. With ``replace``, a file
        ingested before has what is left of its rows removed first, and is stored anew, as
        if it arrived now (``ipkpi ingest --force``: restores a damaged file's values).

        The file's row records how many values and task reports it stored and their
        checksum (``ipkpi.store.integrity``), for ``check``."""
        stamp = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
        try:
            with self._transaction() as conn:
                if replace:
                    self._forget(conn, sha256)
                elif self.has_file(sha256):
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
            "INSERT INTO source_files (id, sha256, path, size, ingested_at, value_count, "
            "task_count, checksum) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM source_files), "
            "?, ?, ?, ?, 0, 0, '') RETURNING id",
            (sha256, str(path), size, stamp),
        ).fetchone()[0]
        before = conn.execute("SELECT coalesce(max(id), 0) FROM observations").fetchone()[0]
        # In bulk: one statement each, not a query and an insert per value
        # (``compact.insert``). With no current figure for the file's cities, all of them
        # are new and current, unless the file gives a key twice: the index of current
        # figures refuses that, and the insert is undone and sorted out as any other.
        as_arrays = isinstance(observations, FileValues)
        cities = {city for city, _ in observations.series} if as_arrays else None
        current = self._current_values(conn, cities or set(map(_CITY, observations)))
        inserted = not current and compact.insert_new(conn, file_id, observations)
        if inserted:
            rows, aside, replaced, revisions, kept = observations, [], [], [], []
            new, unchanged = len(observations), 0
        else:  # the ones kept aside first, so within the file the current one is the last
            observations = list(observations)
            sorted_out = sort_out(observations, current, str(path))
            rows, aside, replaced, revisions, kept, new, unchanged = sorted_out
            conn.executemany("UPDATE observations SET current = 0 WHERE id = ?", replaced)
            compact.insert(conn, file_id, ((0, aside), (1, rows)))
        task_new, task_unchanged, changes, tasks = self._write_progress(
            conn, progress, file_id, stamp
        )
        arrays = (observations, *inserted) if isinstance(inserted, tuple) else None
        record_file(conn, file_id, before, len(aside) + len(rows), tasks, arrays)
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
        written = []
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
                "INSERT INTO task_progress (id, city, plan_id, task_id, status, completed, note, "
                "raw_status, sheet, cell, file_id, ingested_at, current) "
                "VALUES ((SELECT coalesce(max(id), 0) + 1 FROM task_progress), "
                "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                (*p[:9], file_id, stamp),
            )
            written.append(p)
        return new, unchanged, tuple(changes), written

    @staticmethod
    def _forget(conn, sha256: str) -> None:
        """Remove what is left of a file ingested before: its rows and its record."""
        row = conn.execute("SELECT id FROM source_files WHERE sha256 = ?", (sha256,)).fetchone()
        if row is None:
            return
        where, args = file_rows(conn, row[0])
        conn.execute(f"DELETE FROM observations WHERE {where}", args)
        conn.execute("DELETE FROM task_progress WHERE file_id = ?", row)
        conn.execute("DELETE FROM source_files WHERE id = ?", row)

    def files(self) -> list[tuple[str, str, int, int]]:
        """The ingested files: (path, SHA-256, values stored, task reports stored)."""
        if self.conn is None:
            return []
        return self.conn.execute(
            "SELECT path, sha256, value_count, task_count FROM source_files ORDER BY id"
        ).fetchall()

    @guard.reads
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
        except self.conn.OperationalError:  # a store older than tasks, opened read-only
            return []

    @staticmethod
    def _current_values(conn, cities: set[str]) -> dict[tuple[str, str, int], tuple]:
        """(city, target, year) → (row id, value, source path, vintage) of the current
        values."""
        found = {}
        for city in cities:
            for row in conn.execute(
                "SELECT o.target_id, o.year, o.id, o.value, f.path, o.vintage "
                f"FROM {ROWS_VIEW} o "
                "JOIN source_files f ON f.id = o.file_id WHERE o.city = ? AND o.current = 1",
                (city,),
            ):
                found[(city, row[0], row[1])] = row[2:]
        return found

    @guard.reads
    def current_values(self, city: str) -> tuple[list[tuple], dict[int, tuple[str, str, str]]]:
        """A city's current values as light rows (target id, year, value, vintage, file
        id), ordered by target and year, and the files they came from by id (path, SHA-256,
        time of ingestion): what a report needs, without decoding every provenance column."""
        if self.conn is None:
            return [], {}
        rows = self.conn.execute(
            f"SELECT target_id, year, value, vintage, file_id FROM {ROWS_VIEW} "
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

    @guard.reads
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
            "o.raw_unit, o.sheet, o.cell, o.vintage, o.file_id, o.current "
            f"FROM {ROWS_VIEW} o"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY o.city, o.target_id, o.year, o.id"
        )
        # The source files once, not joined into every row: a city has thousands of
        # values from a handful of files. A value's time of ingestion is its file's.
        files = self._source_files()
        found = []
        for row in self.conn.execute(sql, args):
            if row[12] not in files:  # its file's row was deleted by hand
                raise StoreUnusable(self.path, guard.ORPHANS, guard.REBUILD)
            path, sha256, ingested_at = files[row[12]]
            raw = compact.raw_as_written(row[7], row[3])
            found.append(
                _stored((*row[:7], raw, *row[8:12], path, sha256, ingested_at, bool(row[13])))
            )
        return found


_stored = StoredObservation._make


class _DryRun(Exception):
    """Raised inside a dry run's transaction, so it is rolled back; carries the result."""

    def __init__(self, result: WriteResult):
        self.result = result
