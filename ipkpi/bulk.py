"""Bulk work without the cyclic garbage collector's pauses.

Reading a big workbook, or writing one, makes hundreds of thousands of small objects
(cells, values) and no reference cycles; each of CPython's collections walks every one of
them, finding nothing, so with the collector on the time grows faster than the file. It
is paused while one file is ingested (``ipkpi.ingest.ingester``) and while an export is
written (``ipkpi.output.excel``), and turned back on as it was after, whatever happens;
memory is freed by reference counting all the same.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()
