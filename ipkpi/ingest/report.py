"""What ingest is asked to do (``IngestOptions``) and what it says it did, file by file
(``FileReport``, ``IngestReport``): the values taken, the revisions, the rows that matched
no target (``Unmatched``), the warnings and the problems that rejected a file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ipkpi.errors import InputProblem, display_path, escape, location
from ipkpi.messages import Message, msg
from ipkpi.store.records import Kept, Revision, TaskChange


@dataclass(frozen=True)
class IngestOptions:
    layout: str | None = None  # long | wide | single; None: detect
    sheet: str | None = None
    year: int | None = None
    city: str | None = None  # a city slug
    force: bool = False  # ingest again a file ingested before whose stored rows are damaged
    strict: bool = False  # a row that matches no target is an error
    dry_run: bool = False
    accept: tuple[str, ...] = ()  # cells confirmed as right (D7 or SHEET!D7): no scale check
    include_hidden: bool = False  # read hidden and very hidden sheets too (else: a warning)


@dataclass(frozen=True)
class Unmatched:
    file: Path
    sheet: str | None
    cell: str
    name: str
    closest: tuple[str, ...]

    def warning(self) -> Message:
        """``FILE › SHEET › CELL: '…' matches no target; closest: …`` (W-ROW-UNMATCHED)."""
        where = location(self.file, self.sheet, self.cell)
        return msg("W-ROW-UNMATCHED", where=where, **self._fields())

    def error(self) -> Message:
        """The same without its location, as a problem (E-ROW-UNMATCHED, ``--strict``)."""
        return msg("E-ROW-UNMATCHED", **self._fields())

    def _fields(self) -> dict[str, object]:
        closest = msg("unmatched.closest", names=list(self.closest)) if self.closest else ""
        return {"name": escape(self.name), "closest": closest}

    def __str__(self) -> str:
        return self.warning().text()


@dataclass
class FileReport:
    path: Path
    status: str  # ingested | already | rejected | checked (dry run) | skipped (claims)
    sha256: str | None = None
    layouts: tuple[str, ...] = ()
    values: int = 0  # values read from the file
    new: int = 0
    unchanged: int = 0
    missing: int = 0  # cells with a missing marker
    revisions: tuple[Revision, ...] = ()
    kept: tuple[Kept, ...] = ()  # figures stored as not current: a lower vintage
    tasks: int = 0  # task progress rows read
    task_changes: tuple[TaskChange, ...] = ()
    unmatched: list[Unmatched] = field(default_factory=list)
    warnings: list[Message] = field(default_factory=list)  # W-… Messages
    problems: list[InputProblem] = field(default_factory=list)
    other_places: dict[str, int] = field(default_factory=dict)  # values passed over, by place
    not_chosen: dict[str, int] = field(default_factory=dict)  # … of places other than --city

    @staticmethod
    def seen_before(path: Path, sha256: str, store, options: IngestOptions) -> FileReport | None:
        """The report of a file ingested before: skipped when its stored values are whole;
        refused when they are not (deleted or changed since), saying how to restore them;
        None with ``--force`` on such a file: it is ingested again
        (``Store.write_file(replace=…)``)."""
        damage = store.file_damage(sha256)
        if damage is None:
            return FileReport(path, "already", sha256)
        if options.force:
            return None
        problem = msg("E-FILE-DAMAGED-IN-STORE", damage=damage.what, file=display_path(path))
        return FileReport(path, "rejected", sha256, problems=[InputProblem(path, problem)])


@dataclass
class IngestReport:
    files: list[FileReport]

    @property
    def rejected(self) -> list[FileReport]:
        return [f for f in self.files if f.status == "rejected"]

    @property
    def revisions(self) -> list[Revision]:
        return [r for f in self.files for r in f.revisions]
