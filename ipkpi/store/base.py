"""The store as the rest of ipkpi sees it: one interface, whatever engine keeps the
figures (SQLite, embedded, the default; PostgreSQL, shared by a province), and where the
store is when no one says.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Protocol

from ipkpi.store.address import StoreAddress, parse_address
from ipkpi.store.integrity import Damage
from ipkpi.store.records import Observation, StoredObservation, TaskProgress, WriteResult

ENV_DB = "IPKPI_DB"
DEFAULT_DB = "ipkpi.db"

# (target id, year, value, vintage, file id): a current value as a report reads it.
ValueRow = tuple[str, int, float, str | None, int]
# file id → (path, SHA-256, time of ingestion)
SourceFiles = dict[int, tuple[str, str, str]]


def resolve_db_path(option: str | Path | None, env: Mapping[str, str] = os.environ) -> StoreAddress:
    """``--db FILE|URL`` first, then ``IPKPI_DB``, then ``ipkpi.db`` in the working folder
    (``ipkpi.store.address``)."""
    if option is not None:
        return parse_address(option)
    if env.get(ENV_DB):
        return parse_address(env[ENV_DB])
    return Path(DEFAULT_DB)


class Store(Protocol):
    """Values with their provenance, and the progress reported for tasks. Every write is
    one transaction: a file is stored whole or not at all."""

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...

    def has_file(self, sha256: str) -> bool:
        """Whether a file with these contents was ingested before."""
        ...

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
        """Store one file's values and task progress in one transaction; with ``dry_run``
        write nothing and return the result the write would have had; with ``replace``,
        first remove what is left of the file, ingested before (``ingest --force``). The
        file's record keeps how many values and task reports it stored and a checksum
        over them (``ipkpi.store.integrity``)."""
        ...

    def file_damage(self, sha256: str) -> Damage | None:
        """What is wrong with the stored rows of a file ingested before, or None."""
        ...

    def check(self) -> list[Damage]:
        """Every file's rows against its recorded counts and checksum: the damaged files.
        (Opening checks the store's structure; an unusable one is a ``StoreUnusable``.)"""
        ...

    def files(self) -> list[tuple[str, str, int, int]]:
        """The ingested files: (path, SHA-256, values stored, task reports stored)."""
        ...

    def task_progress(
        self, city: str, plan_id: str | None = None, history: bool = False
    ) -> list[TaskProgress]:
        """The progress reported for a city's tasks: the current report of each, or all."""
        ...

    def current_values(self, city: str) -> tuple[list[ValueRow], SourceFiles]:
        """A city's current values, by target and year, and the files they came from."""
        ...

    def observations(
        self, city: str | None = None, year: int | None = None, history: bool = False
    ) -> list[StoredObservation]:
        """Stored values with their full provenance: the current ones, or all."""
        ...
