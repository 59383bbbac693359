"""One run or ingest at a time on a shared store: a session-level advisory lock, held on a
connection of its own for as long as the run or ingest lasts.

The server drops it when that connection ends, however it ends (a client SIGKILLed, a
machine switched off: when the server notices the connection gone), so no stale lock is
ever left behind. Who holds it is told by the holder's ``application_name`` (the command,
its host and process, since when), which any role may read in ``pg_stat_activity``.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ipkpi.store.address import PostgresURL
from ipkpi.store.lock import LockBusy, wait_for
from ipkpi.store.postgres.connection import connect
from ipkpi.store.postgres.store import RUN_LOCK

_HOLDER = (
    "SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
    "WHERE l.locktype = 'advisory' AND l.granted AND l.database = "
    "(SELECT oid FROM pg_database WHERE datname = current_database()) "
    "AND l.classid::bigint = ? AND l.objid::bigint = ? AND l.objsubid = 1"
)


@contextmanager
def advisory_lock(
    address: PostgresURL,
    timeout: float,
    command: str = "ipkpi",
    on_wait: Callable[[str], None] | None = None,
    setting: str = "--lock-timeout",
) -> Iterator[None]:
    """Hold the store's run lock for the block; wait up to ``timeout`` seconds for it
    (``ipkpi.store.lock.store_lock``'s contract: ``LockBusy`` when it stays busy)."""
    stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    name = f"{command}, {socket.gethostname()} pid {os.getpid()}, since {stamp}"
    conn = connect(address, name)
    try:
        wait_for(
            lambda: conn.execute("SELECT pg_try_advisory_lock(?)", (RUN_LOCK,)).fetchone()[0],
            lambda: _holder(conn),
            timeout,
            on_wait,
            functools.partial(LockBusy, address, waited=timeout, setting=setting),
        )
        yield
    finally:
        conn.close()  # the lock with it


def _holder(conn) -> str:
    """The holder's application name: what command, where, since when."""
    high, low = divmod(RUN_LOCK, 1 << 32)
    row = conn.execute(_HOLDER, (high, low)).fetchone()
    return row[0] if row and row[0] else ""
