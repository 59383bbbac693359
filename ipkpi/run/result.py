"""What an unattended run did: the files it took, the cities whose outputs it refreshed,
and the exit status that follows (``RunResult``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from ipkpi.ingest.rejects import Rejection
from ipkpi.run.config import RunConfig
from ipkpi.store.records import Kept, Revision


@dataclass(frozen=True)
class TakenFile:
    path: Path
    sha256: str
    values: int
    new: int
    unchanged: int
    revisions: tuple[Revision, ...]
    warnings: tuple[object, ...]  # each shown with str(): text, a Message, a located warning
    kept: tuple[Kept, ...] = ()  # stored as not current: a lower vintage than the current


@dataclass(frozen=True)
class CityOutcome:
    city: str
    plan_id: str
    as_of: int
    counts: dict[str, int]
    failing: tuple[tuple[str, str], ...]  # (id, status) the config fails on: assess.report.failing
    written: bool  # False: the figures had not changed, the outputs were left as they were
    files: tuple[Path, ...]  # the outputs that now hold this city's figures


@dataclass
class RunResult:
    config: RunConfig
    started_at: dt.datetime
    finished_at: dt.datetime | None = None
    taken: list[TakenFile] = field(default_factory=list)
    already: list[Path] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    waiting: list[Path] = field(default_factory=list)  # still being written: next run
    ignored: list[Path] = field(default_factory=list)  # not a workbook or CSV file
    cities: list[CityOutcome] = field(default_factory=list)
    # a rejected file's problems by their codes, in the order of its rejection's problems
    problem_codes: dict[Path, tuple[str, ...]] = field(default_factory=dict)
    removed_temps: list[Path] = field(default_factory=list)
    summary_path: Path | None = None

    @property
    def revisions(self) -> list[Revision]:
        return [r for f in self.taken for r in f.revisions]

    @property
    def kept(self) -> list[Kept]:
        return [k for f in self.taken for k in f.kept]

    @property
    def fail_on_hits(self) -> list[tuple[str, str, str]]:
        """(city, target or task id, status) of everything the config fails on."""
        return [(c.city, item, status) for c in self.cities for item, status in c.failing]

    @property
    def exit_status(self) -> int:
        """1 when a file was rejected (it wins: the figures lack its data), else 3 when a
        fail_on status holds, else 0."""
        if self.rejected:
            return 1
        if self.fail_on_hits:
            return 3
        return 0
