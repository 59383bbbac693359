"""Ingest statistics files into the store: parse, validate, match, convert, write.

This is the file-level orchestration: which files (``expand_paths``), each file read
(``parse_file``: its sheets' tables and progress sheets) and written (``ingest_file``) or
passed over; what the records are of is worked out in ``ipkpi.ingest.resolve``, the
report's shape is in ``ipkpi.ingest.report``.

Each file is taken completely or not at all (one transaction). Problems that stop
a file are collected as located ``InputProblem``s; problems that don't (a row
matching no target, a sheet with no table) are warnings in the report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from ipkpi.bulk import collector_paused
from ipkpi.catalogue.model import Catalogue
from ipkpi.catalogue.select import resolve_city
from ipkpi.errors import InputFileError, InputProblem, UsageError, display_path, escape, location
from ipkpi.files import path_problem, walk
from ipkpi.ingest import guards, plausibility
from ipkpi.ingest.cells import compact
from ipkpi.ingest.claims import is_claims_sheet
from ipkpi.ingest.fast import take_rows
from ipkpi.ingest.given import Given
from ipkpi.ingest.layouts import LAYOUTS, Table, read_tables
from ipkpi.ingest.progress import ProgressSheet, read_progress
from ipkpi.ingest.reading import Sheet, read_file, refuse_uncomputed, shown_sheets
from ipkpi.ingest.report import FileReport, IngestOptions, IngestReport
from ipkpi.ingest.resolve import Resolver
from ipkpi.messages import Message, msg
from ipkpi.store.base import Store
from ipkpi.store.records import TaskProgress
from ipkpi.store.values import FileValues

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
# Sheets of explanations beside the table (a fill-in template's first sheet, say).
INSTRUCTION_SHEETS = frozenset(
    {"说明", "填报说明", "填表说明", "使用说明", "instructions", "readme"}
)
_DEFAULTS = IngestOptions()


class ClaimsWorkbook(Exception):
    """A file holding claims for ``ipkpi rewards``: passed over by ingest, not rejected;
    ``warning`` says so (W-FILE-CLAIMS)."""

    def __init__(self, warning: Message):
        self.warning = warning
        super().__init__(warning.code)


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders searched recursively for workbooks and CSV files
    (see ``scan_folder``), in name order."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        problem = path_problem(path)  # a link loop, missing, unreadable, a named pipe
        if problem is not None:
            raise UsageError(problem)
        if path.is_dir():
            found += scan_folder(path)[0]
        else:
            found.append(path)
    return list(dict.fromkeys(found))


def scan_folder(folder: Path, skip: Iterable[Path] = ()) -> tuple[list[Path], list[Path]]:
    """The workbooks and CSV files below ``folder`` in name order, and the other files.

    Passed over: hidden files and folders, Excel's ``~$`` lock files, and the folders in
    ``skip`` (absolute paths) that lie inside ``folder``. A link loop, or a folder that
    cannot be listed, is a usage error."""
    skipped = {Path(os.path.realpath(p)) for p in skip}  # realpath: no error on a link loop
    top = Path(os.path.realpath(folder))
    files, others = [], []
    for path in walk(folder, seen=lambda name: not name.startswith((".", "~$"))):
        parts = path.relative_to(folder).parts
        if not path.is_file():
            continue
        if skipped and any(top.joinpath(*parts[:n]) in skipped for n in range(1, len(parts))):
            continue
        (files if path.suffix.lower() in SUFFIXES else others).append(path)
    return files, others


def ingest_paths(
    paths: Iterable[Path],
    catalogue: Catalogue,
    store: Store,
    options: IngestOptions = _DEFAULTS,
    on_file: Callable[[Path], None] | None = None,
) -> IngestReport:
    if options.city is not None:
        options = replace(options, city=resolve_city(catalogue, options.city))
    if options.layout is not None and options.layout not in LAYOUTS:
        raise UsageError(msg("E-LAYOUT-UNKNOWN", layout=options.layout, layouts=list(LAYOUTS)))
    reports = []
    for path in expand_paths(paths):
        if on_file:
            on_file(path)
        reports.append(ingest_file(path, catalogue, store, options))
    return IngestReport(reports)


def ingest_file(
    path: Path, catalogue: Catalogue, store: Store, options: IngestOptions
) -> FileReport:
    """Read, check and store one file, all of it or nothing (see the module's docstring)."""
    with collector_paused():
        return _ingest_file(path, catalogue, store, options)


def _ingest_file(
    path: Path, catalogue: Catalogue, store: Store, options: IngestOptions
) -> FileReport:
    try:
        guards.check_size(path)  # by os.stat: the file is read whole next, for its SHA-256
    except InputFileError as exc:
        return FileReport(path, "rejected", problems=exc.problems)
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        problem = InputProblem(path, msg("E-FILE-READ-FAILED", reason=reason))
        return FileReport(path, "rejected", problems=[problem])
    sha256 = hashlib.sha256(data).hexdigest()
    if store.has_file(sha256) and (known := FileReport.seen_before(path, sha256, store, options)):
        return known
    report = FileReport(path, "rejected", sha256)
    progress: list[TaskProgress] = []
    try:
        observations = parse_file(
            path, catalogue, options, report, progress, stored=_stored_series(store)
        )
    except ClaimsWorkbook as skip:
        report.status = "skipped"
        report.warnings.append(skip.warning)
        return report
    except InputFileError as exc:
        report.problems = exc.problems
        return report
    if report.problems:
        return report
    result = store.write_file(
        path.resolve(),
        sha256,
        len(data),
        observations,
        dry_run=options.dry_run,
        progress=progress,
        replace=options.force,
    )
    if result.already_ingested:  # another process took it meanwhile
        report.status = "already"
        return report
    report.status = "checked" if options.dry_run else "ingested"
    report.new, report.unchanged, report.revisions = result.new, result.unchanged, result.revisions
    report.kept = result.kept
    report.task_changes = result.task_changes
    return report


def parse_file(
    path: Path,
    catalogue: Catalogue,
    options: IngestOptions,
    report: FileReport,
    progress: list[TaskProgress] | None = None,
    today: dt.date | None = None,
    stored: Callable[[str], dict[str, dict[int, float]]] | None = None,
) -> FileValues:
    """Read, validate and convert one file; problems go into ``report.problems``, task
    progress from progress sheets into ``progress``. ``stored`` gives a city's current
    values by target and year, the neighbours a value is judged against (see
    ``plausibility``); without it a value is judged against its file and its plan only."""
    sheets = _chosen_sheets(read_file(path), options.sheet, path)
    if not (options.include_hidden or options.sheet):
        sheets = shown_sheets(sheets, path, report.warnings)
    refuse_uncomputed(sheets, path)
    found = _read_sheets(sheets, path, options, report, today or dt.date.today())
    _something_to_take(found, path, report)
    # A sheet with no table beside one that has it (instructions, a chart) is passed over.
    report.warnings += [
        msg("W-SHEET-NO-TABLE", where=location(p.file, p.sheet, p.cell), problem=p.message)
        for p in found.header_problems
        if p not in found.instructions
    ]
    report.layouts = tuple(dict.fromkeys(t.layout for t in found.tables)) + (
        ("progress",) if found.progress else ()
    )
    resolver = Resolver(catalogue, options, path)
    for sheet_progress in found.progress:
        found_progress = resolver.progress_of(sheet_progress, report)
        report.tasks += len(found_progress)
        if progress is not None:
            progress += found_progress
    observations, confirmed = _file_values(found.tables, resolver, options, report, path)
    if report.other_places and not observations and not report.problems and not found.progress:
        names = "、".join(list(report.other_places)[:8])
        known = list(catalogue.cities())
        raise InputFileError([InputProblem(path, msg("E-FILE-NO-PLACE", names=names, known=known))])
    _passed_over(report, path)
    if not report.problems:
        _judge(observations, resolver.targets, confirmed, stored, report, path)
    if options.strict:
        report.problems += [
            InputProblem(path, u.error(), sheet=u.sheet, cell=u.cell) for u in report.unmatched
        ]
    return observations


def _chosen_sheets(sheets: list[Sheet], name: str | None, path: Path) -> list[Sheet]:
    """The sheet ``--sheet`` names, or all of them."""
    if name is None:
        return sheets
    chosen = [s for s in sheets if s.name == name]
    if not chosen:
        names = [escape(str(s.name)) for s in sheets]
        problem = msg("E-SHEET-NOT-FOUND", sheet=escape(name), sheets=names)
        raise InputFileError([InputProblem(path, problem)])
    return chosen


@dataclass
class _Found:
    """What a file's sheets hold."""

    tables: list[Table] = field(default_factory=list)
    progress: list[ProgressSheet] = field(default_factory=list)
    claims: list[str | None] = field(default_factory=list)  # names of claims sheets
    header_problems: list[InputProblem] = field(default_factory=list)  # sheets with no table
    instructions: list[InputProblem] = field(default_factory=list)  # … expected to have none


def _read_sheets(
    sheets: list[Sheet], path: Path, options: IngestOptions, report: FileReport, today: dt.date
) -> _Found:
    """The tables, progress sheets and claims sheets of a file; a bad cell inside a table or
    a progress sheet goes into ``report.problems``, a table's notes into its warnings."""
    found = _Found()
    for sheet in sheets:
        problems: list[InputProblem] = []
        if options.layout is None:
            sheet_progress = read_progress(sheet, path, problems, today)
            if sheet_progress is not None:
                found.progress.append(sheet_progress)
                report.problems += problems
                continue
            if is_claims_sheet(sheet.rows):
                found.claims.append(sheet.name)
                continue
        sheet_tables = read_tables(sheet, path.name, problems, path, options.layout, options.year)
        if not sheet_tables:
            found.header_problems += problems  # no table here: fatal only if no sheet has one
            if compact(sheet.name) in INSTRUCTION_SHEETS:
                found.instructions += problems  # expected to hold no table: passed over silently
        else:
            found.tables += sheet_tables
            report.problems += problems  # a bad cell inside a table rejects the file
            for table in sheet_tables:
                where = location(path, sheet.name, None)
                report.warnings += [msg("W-TABLE-NOTE", where=where, note=n) for n in table.notes]
    return found


def _something_to_take(found: _Found, path: Path, report: FileReport) -> None:
    """Raise when the file holds no table or progress sheet (``ClaimsWorkbook`` for claims),
    or headers with no values below them."""
    if not found.tables and not found.progress:
        if found.claims:
            raise ClaimsWorkbook(msg("W-FILE-CLAIMS", file=display_path(path)))
        if found.header_problems:
            raise InputFileError(found.header_problems)
        raise InputFileError([InputProblem(path, msg("E-FILE-NO-DATA"))])
    nothing = not any(t.records for t in found.tables) and not any(p.rows for p in found.progress)
    if nothing and not report.problems:
        raise InputFileError([InputProblem(path, msg("E-FILE-NO-VALUES"))])


def _file_values(
    tables: list[Table],
    resolver: Resolver,
    options: IngestOptions,
    report: FileReport,
    path: Path,
) -> tuple[FileValues, set[tuple[str | None, str | None]]]:
    """The values of a file's tables, and the cells confirmed as right (by a note or
    ``--accept``); a value given twice with different figures is a problem."""
    # One value per (city, target, year) and vintage: a 快报 sheet and a 正式 sheet of the
    # same year are both kept (the store makes the 正式 one current).
    given = Given(report, path)
    unmatched: set[tuple[str | None, str]] = set()  # rows listed as matching no target
    confirmed: set[tuple[str | None, str | None]] = set()  # by a note or --accept
    accept = options.accept
    values = given.values
    for table in tables:
        rows = table.records
        start, n = 0, len(rows)
        while start < n:  # rows of one shape together (a long table's years of a series)
            shape = rows[start].shape
            stop = start + 1
            if not (shape.confirmed or accept):
                while stop < n and rows[stop].shape is shape:
                    stop += 1
                take_rows(resolver, rows[start:stop], table.title, report, unmatched, given)
            else:  # which values are this row's: those added after it
                given.flush()
                first = len(values)
                take_rows(resolver, rows[start:stop], table.title, report, unmatched, given)
                given.flush()
                for i in range(first, len(values)):
                    sheet, cell = values.labels[values.label_of[i]][4], values.cell(i)
                    if shape.confirmed or _accepted(accept, sheet, cell):
                        confirmed.add((sheet, cell))
            start = stop
    given.flush()
    report.values += given.count
    return values, confirmed


def _accepted(accept: tuple[str, ...], sheet: str | None, cell: str | None) -> bool:
    """Whether ``--accept`` names this cell (D7, or SHEET!D7)."""
    if not accept or cell is None:
        return False
    cell = cell.upper()
    for given in accept:
        where, _, ref = given.rpartition("!")
        if ref.upper() == cell and (not where or where == sheet):
            return True
    return False


def _stored_series(store: Store) -> Callable[[str], dict[str, dict[int, float]]]:
    """A city's current values in the store, by target and year (read once per city)."""

    def series(city: str) -> dict[str, dict[int, float]]:
        found: dict[str, dict[int, float]] = {}
        for target_id, year, value, *_ in store.current_values(city)[0]:
            found.setdefault(target_id, {})[year] = value
        return found

    return series


def _judge(values: FileValues, targets, confirmed, stored, report: FileReport, path: Path):
    """Refuse the values a power of ten away from their series; keep the confirmed ones
    with a warning (see ``plausibility``)."""
    cities = dict.fromkeys(city for city, _ in values.series)
    neighbours = {}
    for city in cities if stored is not None else ():
        for target_id, years in stored(city).items():
            neighbours[(city, target_id)] = years
    for suspect in plausibility.suspects_of(values, targets, neighbours, confirmed):
        p = suspect.point
        if p.confirmed:
            where = location(path, p.sheet, p.cell)
            what = plausibility.figure(suspect)
            report.warnings.append(msg("W-VALUE-CONFIRMED", where=where, what=what))
        else:
            message = plausibility.message(suspect)
            report.problems.append(InputProblem(path, message, sheet=p.sheet, cell=p.cell))


def _passed_over(report: FileReport, path: Path) -> None:
    """One warning for the values of places with no plan here and of totals, one for those
    of places other than --city."""
    for passed, code in (
        (report.other_places, "W-VALUES-OTHER-PLACES"),
        (report.not_chosen, "W-VALUES-NOT-CHOSEN"),
    ):
        if passed:
            names = list(passed)
            more = msg("passed_over.and_more", n=len(names) - 8) if len(names) > 8 else ""
            report.warnings.append(
                msg(
                    code,
                    file=display_path(path),
                    values=sum(passed.values()),
                    places=len(names),
                    names="、".join(names[:8]),
                    more=more,
                )
            )
