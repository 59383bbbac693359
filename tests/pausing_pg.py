"""The ipkpi command with a pause in the middle of a COPY into a PostgreSQL store, for the
fault tests: after half of the rows handed to COPY row by row, or all the bytes of a
binary COPY but its end (inside the file's transaction, the write lock held), the process
creates the file named by IPKPI_PAUSED and waits until the file named by IPKPI_GO exists — so a test can SIGKILL it, or restart the server, at
exactly that moment. Not a test module: ``python tests/pausing_pg.py ARGS…``.
"""

import os
import sys
import time
from pathlib import Path

from ipkpi.store.postgres import bulk, connection

PAUSED = Path(os.environ.get("IPKPI_PAUSED", "paused"))
GO = Path(os.environ.get("IPKPI_GO", "go"))
_copy_rows = connection.Connection.copy_rows
_copy_bytes = connection.Connection.copy_bytes


def _pause() -> None:
    PAUSED.touch()
    while not GO.exists():
        time.sleep(0.02)


def pausing_copy_rows(self, table, columns, rows):
    rows = list(rows)
    half = len(rows) // 2

    def paused():
        for i, row in enumerate(rows):
            if i == half:
                _pause()
            yield row

    return _copy_rows(self, table, columns, paused())


def pausing_copy_bytes(self, statement, chunks):
    def paused():
        for chunk in chunks:
            if chunk == bulk.TRAILER:  # the rows sent, the COPY not ended
                _pause()
            yield chunk

    return _copy_bytes(self, statement, paused())


connection.Connection.copy_rows = pausing_copy_rows
connection.Connection.copy_bytes = pausing_copy_bytes

if __name__ == "__main__":
    from ipkpi.cli.app import main

    sys.argv[0] = "ipkpi"
    main()
