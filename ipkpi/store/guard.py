"""The SQLite store guards itself: what every open checks, and the damage a check finds.

On every open, read-only or writing: the file is an SQLite database (its header), not
truncated (its size against the page count in the header), sound (``PRAGMA quick_check``,
for stores up to ``QUICK_CHECK_BYTES``), of a version this ipkpi knows, with every table,
column and index of that version (and, from version 2, STRICT tables). Anything else is a
``StoreUnusable`` (exit status 2); no table is ever created in a file that has any.
Then, unless asked not to, the cheap damage check: the values and task reports there, per
table, against the counts recorded per file. ``damage`` does the full check of
``ipkpi data check``: counts, checksums and current flags, file by file.
"""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Callable
from pathlib import Path

from ipkpi.errors import StoreDamaged, StoreUnusable
from ipkpi.messages import Message, msg
from ipkpi.store import migrations, vintage
from ipkpi.store.integrity import (
    CHANGED,
    Damage,
    count_damage,
    file_checksum,
    file_rows,
)
from ipkpi.store.schema import (
    COLUMNS,
    INDEXES,
    ROWS_VIEW,
    SCHEMA_VERSION,
    VIEWS,
    create_schema,
    table_columns,
)

MAGIC = b"SQLite format 3\x00"
QUICK_CHECK_BYTES = 8 * 1024 * 1024  # ~0.04 s to check: some 40,000 values (v2), 100,000 (v3)
REBUILD = msg("store.todo.rebuild")
OTHER_DB = msg("store.todo.name_store")
ORPHANS = msg("E-STORE-ORPHANS-FOUND")


def reads(method: Callable) -> Callable:
    """A store method that reads: a page found damaged while reading (a store too large for
    the check on opening) is a ``StoreUnusable``, not a traceback."""

    @functools.wraps(method)
    def guarded(store, *args, **kwargs):
        try:
            return method(store, *args, **kwargs)
        except sqlite3.OperationalError:
            raise
        except sqlite3.DatabaseError as exc:
            raise StoreUnusable(store.path, broken(exc), REBUILD) from exc

    return guarded


def broken(detail: object) -> Message:
    """``the store is damaged (DETAIL)``: SQLite's own words for what it found."""
    return msg("E-STORE-BROKEN", detail=str(detail))


def prepare(conn: sqlite3.Connection, path: Path, readonly: bool, upgrade: bool) -> int:
    """Check the store on opening; create a new one's tables (writing), or upgrade an
    older one (writing, with ``upgrade``); define the view its values are read through
    (``schema.ROWS_VIEW``, for this connection only); the store's version."""
    version = check_open(conn, path)
    if version is None:
        if readonly:
            raise StoreUnusable(path, msg("E-STORE-EMPTY"), msg("store.todo.ingest_first"))
        conn.execute("PRAGMA journal_mode=WAL")
        create_schema(conn)
        version = SCHEMA_VERSION
    elif not readonly:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        if version < SCHEMA_VERSION:
            if not upgrade:
                raise StoreUnusable(
                    path,
                    msg("E-STORE-VERSION-OLD", version=version),
                    msg("store.todo.ingest_once"),
                )
            try:
                migrations.upgrade(conn, version)
            except sqlite3.DatabaseError as exc:
                raise StoreUnusable(
                    path, msg("E-STORE-UPGRADE-FAILED", version=version, detail=str(exc)), REBUILD
                ) from exc
            version = SCHEMA_VERSION
    rows_view(conn, version)
    return version


def rows_view(conn: sqlite3.Connection, version: int) -> None:
    """(Re)define ``schema.ROWS_VIEW`` for a store of ``version`` on this connection."""
    conn.execute(f"DROP VIEW IF EXISTS temp.{ROWS_VIEW}")
    conn.execute(VIEWS[version])


def check_file(path: Path) -> None:
    """The file at ``path`` (which exists) looks like an SQLite database, whole: else
    ``StoreUnusable``. An empty file is a new store."""
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            header = f.read(100)
    except OSError as exc:
        raise StoreUnusable(path, msg("E-STORE-UNREADABLE", reason=exc.strerror), OTHER_DB) from exc
    if size == 0:
        return
    if len(header) < 100 or not header.startswith(MAGIC):
        raise StoreUnusable(path, msg("E-STORE-NOT-SQLITE"), OTHER_DB)
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid = header[24:28] == header[92:96]  # the page count is kept up to date
    wal = path.with_name(path.name + "-wal")
    if wal.exists() and wal.stat().st_size:  # a checkpoint may be growing the file right now
        return
    if page_size and (size % page_size or (valid and size < pages * page_size)):
        truncated = msg("E-STORE-TRUNCATED", size=size, expected=pages * page_size)
        raise StoreUnusable(path, truncated, REBUILD)


def quick_check(conn: sqlite3.Connection, path: Path) -> None:
    """SQLite's own check of the file's pages and indexes (not the values' links)."""
    found = conn.execute("PRAGMA quick_check(1)").fetchone()[0]
    if found != "ok":  # "*** in database main ***\nPage 2: …": on one line
        found = " ".join(found.replace("*** in database main ***", "").split())
        raise StoreUnusable(path, broken(found), REBUILD)


def stored_version(conn: sqlite3.Connection, path: Path) -> int | None:
    """The store's schema version; None for a new, empty database."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version:
        return version
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return None
    if "meta" in tables:
        row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        if row is not None and str(row[0]).isdigit():
            return int(row[0])
    if tables & set(COLUMNS[1]):
        return 1  # a version-1 store that lost its meta table: the column check says so
    raise StoreUnusable(path, msg("E-STORE-NOT-IPKPI"), OTHER_DB)


def check_open(conn: sqlite3.Connection, path: Path) -> int | None:
    """Check the store on opening; its version (None: new and empty)."""
    if path.exists() and path.stat().st_size <= QUICK_CHECK_BYTES:
        quick_check(conn, path)
    version = stored_version(conn, path)
    if version is None:
        return None
    if version > SCHEMA_VERSION:
        raise StoreUnusable(
            path,
            msg("E-STORE-VERSION-NEW", version=version, known=SCHEMA_VERSION),
            msg("store.todo.upgrade_ipkpi"),
        )
    check_tables(conn, path, version)
    return version


def check_tables(conn: sqlite3.Connection, path: Path, version: int) -> None:
    """Every table and column of ``version`` is there (STRICT from version 2)."""
    strict = {r[1]: r[5] for r in conn.execute("PRAGMA table_list") if r[0] == "main"}
    for table, columns in COLUMNS[version].items():
        if table not in strict:
            raise StoreUnusable(path, msg("E-STORE-TABLE-MISSING", table=table), REBUILD)
        there = {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}
        for column in columns:
            if column not in there:
                missing = msg("E-STORE-COLUMN-MISSING", table=table, column=column)
                raise StoreUnusable(path, missing, REBUILD)
        if version >= 2 and not strict[table]:
            raise StoreUnusable(path, msg("E-STORE-TABLE-CHANGED", table=table), REBUILD)
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    for index in INDEXES[version]:
        if index not in indexes:
            raise StoreUnusable(path, msg("E-STORE-INDEX-MISSING", index=index), REBUILD)


def check_counts(conn: sqlite3.Connection, path: Path) -> None:
    """The cheap damage check: as many values and task reports in the store as its files
    stored; if not, which files lost or gained them (``StoreDamaged``). One read
    transaction: a writer committing a file meanwhile is seen whole or not at all."""
    conn.execute("BEGIN")
    try:
        compare_counts(conn, path)
    finally:
        conn.execute("ROLLBACK")


def compare_counts(conn: sqlite3.Connection, path: Path) -> None:
    """The values and task reports there against the counts the files recorded, in the
    caller's read transaction (either engine's: the damage checks below are plain SQL)."""
    recorded = conn.execute(
        "SELECT coalesce(sum(value_count), 0), coalesce(sum(task_count), 0) FROM source_files"
    ).fetchone()
    there = (
        conn.execute("SELECT count(*) FROM observations").fetchone()[0],
        conn.execute("SELECT count(*) FROM task_progress").fetchone()[0],
    )
    if tuple(recorded) != there:
        raise StoreDamaged(path, [d.message for d in damage(conn, path, checksums=False)])


def damage(conn: sqlite3.Connection, path: Path, checksums: bool = True) -> list[Damage]:
    """The files whose values or task reports are gone, added or (with ``checksums``)
    changed, and values that belong to no file."""
    counts = _counts(conn, "observations")
    tasks = _counts(conn, "task_progress")
    found = []
    files = conn.execute(
        "SELECT id, path, sha256, value_count, task_count, checksum FROM source_files ORDER BY id"
    ).fetchall()
    uncurrent = _without_current(conn) if checksums else {}
    infinite = _not_finite(conn) if checksums else {}
    for file_id, where, sha256, n_values, n_tasks, recorded in files:
        what = count_damage(n_values, counts.pop(file_id, 0), n_tasks, tasks.pop(file_id, 0))
        if what is None and file_id in infinite:
            what = not_finite_damage(infinite[file_id])
        if what is None and checksums and file_checksum(conn, file_id, recorded) != recorded:
            what = CHANGED
        if what is None and file_id in uncurrent:
            what = uncurrent_damage(uncurrent[file_id])
        if what is not None:
            found.append(Damage(where, sha256, what))
    orphans = sum(counts.values()) + sum(tasks.values())
    if orphans:
        raise StoreUnusable(path, msg("E-STORE-ORPHANS", n=orphans), REBUILD)
    return found


def _not_finite(conn: sqlite3.Connection) -> dict[int, int]:
    """file id → how many of its values are infinite: a store written before ingest
    refused them (1e308 万件 overflowing on conversion) may hold some, and no report can use
    them (SQLite keeps no NaN: NOT NULL refuses it)."""
    rows = conn.execute(
        "SELECT file_id, count(*) FROM observations WHERE abs(value) > 1.7976931348623157e308 "
        "GROUP BY file_id"
    )
    return dict(rows.fetchall())


def not_finite_damage(n: int) -> Message:
    return msg("store.damage.not_finite_one" if n == 1 else "store.damage.not_finite", n=n)


def _without_current(conn: sqlite3.Connection, file_id: int | None = None) -> dict[int, int]:
    """file id → how many of its figures should be current where no figure of their city,
    target and year is: the file whose figure the vintage rule makes current (the highest
    vintage, the latest of it), as ``precedence.sort_out`` had it. Only the keys of
    ``file_id``'s figures, when given."""
    key = _key_columns(conn)
    if file_id is None:
        broken = (
            f"SELECT {key}, year FROM observations GROUP BY {key}, year HAVING max(current) = 0"
        )
        args: tuple = ()
    else:
        matches = " AND ".join(f"c.{column} = o.{column}" for column in key.split(", "))
        where, args = file_rows(conn, file_id)
        broken = (
            f"SELECT {key}, year FROM observations o WHERE {where} AND NOT EXISTS "
            f"(SELECT 1 FROM observations c WHERE {matches} AND c.year = o.year AND "
            "c.current = 1)"
        )
    if conn.execute(f"SELECT EXISTS ({broken})", args).fetchone() == (0,):
        return {}  # the usual case: no need to read the figures of every key
    best: dict[tuple, tuple[int, str | None]] = {}
    for *figure_key, year, figure_file, figure_vintage in conn.execute(
        f"SELECT {key}, year, file_id, vintage FROM {ROWS_VIEW} "
        f"WHERE ({key}, year) IN ({broken}) ORDER BY id",
        args,
    ):
        now = best.get(k := (*figure_key, year))
        if now is None or vintage.rank(figure_vintage) >= vintage.rank(now[1]):
            best[k] = (figure_file, figure_vintage)
    found: dict[int, int] = {}
    for figure_file, _ in best.values():
        found[figure_file] = found.get(figure_file, 0) + 1
    return found


def _key_columns(conn: sqlite3.Connection) -> str:
    """The columns of ``observations`` that name a value's city and target: its series'
    id from version 3, the texts before."""
    return "key_id" if "key_id" in table_columns(conn, "observations") else "city, target_id"


def uncurrent_damage(n: int) -> Message:
    return msg("store.damage.uncurrent", n=n)


def file_damage(conn: sqlite3.Connection, sha256: str) -> Damage | None:
    """What is wrong with one ingested file's rows, or None when they are whole."""
    row = conn.execute(
        "SELECT id, path, value_count, task_count, checksum FROM source_files WHERE sha256 = ?",
        (sha256,),
    ).fetchone()
    if row is None:
        return None
    file_id, at, n_values, n_tasks, recorded = row
    where, args = file_rows(conn, file_id)
    values = conn.execute(f"SELECT count(*) FROM observations WHERE {where}", args)
    tasks = conn.execute("SELECT count(*) FROM task_progress WHERE file_id = ?", (file_id,))
    what = count_damage(n_values, values.fetchone()[0], n_tasks, tasks.fetchone()[0])
    if what is None and file_checksum(conn, file_id, recorded) != recorded:
        what = CHANGED
    if what is None and (uncurrent := _without_current(conn, file_id).get(file_id)):
        what = uncurrent_damage(uncurrent)
    return None if what is None else Damage(at, sha256, what)


def _counts(conn: sqlite3.Connection, table: str) -> dict[int, int]:
    return dict(conn.execute(f"SELECT file_id, count(*) FROM {table} GROUP BY file_id"))
