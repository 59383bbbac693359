"""Opening the store wherever it is (``ipkpi.store.address``): the SQLite store for a path,
the PostgreSQL store for a URL, and the lock a run or an ingest holds on either. The
PostgreSQL modules (and psycopg) are imported only for a URL.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

from ipkpi.store.address import PostgresURL, StoreAddress
from ipkpi.store.lock import store_lock
from ipkpi.store.sqlite import SQLiteStore


def open_store(
    address: StoreAddress, readonly: bool = False, *, verify: bool = True, upgrade: bool = True
):
    """The store at ``address`` (``SQLiteStore`` or ``PostgresStore``), opened and checked."""
    if isinstance(address, PostgresURL):
        from ipkpi.store.postgres.store import PostgresStore

        return PostgresStore(address, readonly, verify=verify, upgrade=upgrade)
    return SQLiteStore(address, readonly, verify=verify, upgrade=upgrade)


def exists(address: StoreAddress) -> bool:
    """Whether there is a store to read: a file that exists; a database is asked when it
    is opened (an empty one says to run ``ipkpi db init``)."""
    return isinstance(address, PostgresURL) or Path(address).exists()


def writer_lock(
    address: StoreAddress,
    timeout: float,
    command: str = "ipkpi",
    on_wait: Callable[[str], None] | None = None,
    setting: str = "--lock-timeout",
) -> AbstractContextManager[None]:
    """One ``ipkpi run`` or ``ipkpi ingest`` at a time: a file lock beside a SQLite store,
    an advisory lock in a PostgreSQL one (``LockBusy`` after ``timeout`` seconds)."""
    if isinstance(address, PostgresURL):
        from ipkpi.store.postgres.lock import advisory_lock

        return advisory_lock(address, timeout, command, on_wait, setting)
    return store_lock(address, timeout, command, on_wait, setting)
