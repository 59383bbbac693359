"""``ipkpi db copy``: a store's files, with their history and provenance, into another
store (a SQLite file into the province's PostgreSQL database), verified, and safe to run
again.

Each file is written as it was ingested, in the order it arrived (its values in the order
they were written, its task reports, its path, SHA-256, size and time of ingestion), by
the target store's own write: one transaction a file, so a copy that is interrupted
leaves whole files only, and running it again copies what is missing (a file already
there, by its SHA-256, is passed over). Then every file is verified: the same count of
values and task reports, its counts and checksum holding in the target (``data check``'s
test), the same values (and provenance) in the same order; and where the target holds
nothing but what was copied, the same current figures and history as the source, key by
key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ipkpi.errors import IpkpiError
from ipkpi.messages import msg
from ipkpi.store.compact import raw_as_written
from ipkpi.store.records import Observation, TaskProgress
from ipkpi.store.schema import ROWS_VIEW

_VALUES = (
    "SELECT city, target_id, year, value, unit, plan_id, indicator, raw, raw_unit, sheet, "
    f"cell, vintage FROM {ROWS_VIEW} WHERE file_id = ? ORDER BY id"
)
_TASKS = (
    "SELECT city, plan_id, task_id, status, completed, note, raw_status, sheet, cell "
    "FROM task_progress WHERE file_id = ? ORDER BY id"
)
_FILES = "SELECT id, path, sha256, size, ingested_at FROM source_files ORDER BY id"
_FILES_SHA = "SELECT id, sha256, value_count, task_count FROM source_files"


class CopyMismatch(IpkpiError):
    """The target's copy of a file is not what the source holds (exit status 1)."""

    exit_code = 1


@dataclass
class CopyResult:
    copied: int = 0  # files written now
    present: int = 0  # files the target had already
    values: int = 0  # values written now
    tasks: int = 0  # task reports written now
    compared: list[str] = field(default_factory=list)  # places compared key by key


def copy_store(source, target, on_file: Callable[[object], None] | None = None) -> CopyResult:
    """Copy every file of ``source`` missing from ``target`` (stores opened for writing
    and reading, either engine), then verify the copy; a ``CopyMismatch`` if it differs."""
    result = CopyResult()
    files = source.conn.execute(_FILES).fetchall()
    for file_id, path, sha256, size, ingested_at in files:
        if target.has_file(sha256):
            result.present += 1
        else:
            values = list(_values(source.conn, file_id))
            tasks = [TaskProgress(*row) for row in source.conn.execute(_TASKS, (file_id,))]
            stamp = dt.datetime.fromisoformat(ingested_at)
            target.write_file(Path(path), sha256, size, values, now=stamp, progress=tasks)
            result.copied += 1
            result.values += len(values)
            result.tasks += len(tasks)
        if on_file is not None:
            on_file(path)
    _verify(source, target, files, result)
    return result


def _values(conn, file_id: int) -> Iterator[Observation]:
    for row in conn.execute(_VALUES, (file_id,)):
        yield Observation(*row[:7], raw_as_written(row[7], row[3]), *row[8:])


def _verify(source, target, files: list[tuple], result: CopyResult) -> None:
    there = {row[1]: row for row in target.conn.execute(_FILES_SHA).fetchall()}
    counted = {row[1]: row[2:] for row in source.conn.execute(_FILES_SHA).fetchall()}
    for file_id, path, sha256, _size, _at in files:
        theirs = there.get(sha256)
        same = (
            theirs is not None
            and theirs[2:] == counted[sha256]  # as many values and task reports
            and target.file_damage(sha256) is None  # its counts and checksum hold there
            and list(_values(source.conn, file_id)) == list(_values(target.conn, theirs[0]))
            and source.conn.execute(_TASKS, (file_id,)).fetchall()
            == target.conn.execute(_TASKS, (theirs[0],)).fetchall()
        )
        if not same:
            raise CopyMismatch(msg("E-COPY-MISMATCH", path=path, sha=sha256[:12]))
    if len(there) != len(files):
        return  # the target holds other files too: its current figures are its own
    cities = sorted({r[0] for r in source.conn.execute("SELECT DISTINCT city FROM series")})
    for city in cities:
        if source.observations(city=city, history=True) != target.observations(
            city=city, history=True
        ) or source.task_progress(city, history=True) != target.task_progress(city, history=True):
            raise CopyMismatch(msg("E-COPY-CURRENT", city=city))
        result.compared.append(city)
