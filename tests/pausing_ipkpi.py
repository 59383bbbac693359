"""The ipkpi command with a pause inside a store transaction, for the crash tests.

With IPKPI_PAUSE_AFTER=N, when the statement that writes the Nth row of the observations
table is handed over (inside the file's transaction, the store and its lock held; one
statement writes many rows) the process creates the file named by IPKPI_PAUSED and waits
until the file named by IPKPI_GO exists — so a test can kill it, or start a second
process, at exactly that moment. Not a test module: tests run it with
``python tests/pausing_ipkpi.py ARGS…``.
"""

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from ipkpi.store import sqlite as store

PAUSE_AFTER = int(os.environ.get("IPKPI_PAUSE_AFTER", "0"))
PAUSED = Path(os.environ.get("IPKPI_PAUSED", "paused"))
GO = Path(os.environ.get("IPKPI_GO", "go"))
_rows = 0


def _pause() -> None:
    PAUSED.touch()
    while not GO.exists():
        time.sleep(0.02)


class PausingConnection:
    def __init__(self, conn):
        self._conn = conn

    def execute(self, sql, *args):
        result = self._conn.execute(sql, *args)
        if sql.startswith("INSERT INTO observations"):
            _counted(_rows_in(sql))
        return result

    def executemany(self, sql, rows):
        if sql.startswith("INSERT INTO observations"):
            rows = _counting(rows, _rows_in(sql))  # consumed lazily, a statement at a time
        return self._conn.executemany(sql, rows)

    def __getattr__(self, name):
        return getattr(self._conn, name)


def _rows_in(sql: str) -> int:
    """The rows one execution of an INSERT statement writes: ``VALUES (…), (…)``."""
    return sql.partition(" VALUES ")[2].count("), (") + 1


def _counted(n: int) -> None:
    global _rows
    _rows += n
    if _rows - n < PAUSE_AFTER <= _rows:
        _pause()


def _counting(rows, n: int):
    for row in rows:
        _counted(n)  # before the statement with the Nth row runs
        yield row


_original = store.SQLiteStore._transaction


@contextmanager
def _pausing_transaction(self):
    with _original(self) as conn:
        yield PausingConnection(conn)


store.SQLiteStore._transaction = _pausing_transaction

if __name__ == "__main__":
    from ipkpi.cli.app import main

    sys.argv[0] = "ipkpi"
    main()
