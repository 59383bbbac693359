"""Ingest statistics files into the store: parse, validate, match, convert, write.

Each file is taken completely or not at all (one transaction). Problems that stop
a file are collected as located ``InputProblem``s; problems that don't (a row
matching no target, a sheet with no table) are warnings in the report.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ipkpi.catalogue import units
from ipkpi.catalogue.model import Catalogue, Plan, Target
from ipkpi.catalogue.select import select_plan
from ipkpi.errors import (
    InputFileError,
    InputProblem,
    UnknownCity,
    UsageError,
    display_path,
    location,
)
from ipkpi.ingest import plausibility
from ipkpi.ingest.cells import NotANumber, compact, parse_number
from ipkpi.ingest.cells import figure_text as _num
from ipkpi.ingest.claims import is_claims_sheet
from ipkpi.ingest.layouts import LAYOUTS, SOURCE_WORDS, RawRecord, read_tables
from ipkpi.ingest.matching import TargetIndex
from ipkpi.ingest.places import Places, is_total
from ipkpi.ingest.progress import ProgressSheet, read_progress, to_progress
from ipkpi.ingest.reading import read_file
from ipkpi.store import vintage
from ipkpi.store.base import Store
from ipkpi.store.records import Kept, Observation, Revision, TaskChange, TaskProgress

SUFFIXES = (".xlsx", ".xlsm", ".xls", ".csv")
# Sheets of explanations beside the table (a fill-in template's first sheet, say).
INSTRUCTION_SHEETS = frozenset(
    {"说明", "填报说明", "填表说明", "使用说明", "instructions", "readme"}
)
_NON_NEGATIVE_EXEMPT = ("share", "percentage-points")


class ClaimsWorkbook(Exception):
    """A file holding claims for ``ipkpi rewards``: passed over by ingest, not rejected."""


@dataclass(frozen=True)
class IngestOptions:
    layout: str | None = None  # long | wide | single; None: detect
    sheet: str | None = None
    year: int | None = None
    city: str | None = None  # a city slug
    strict: bool = False  # a row that matches no target is an error
    dry_run: bool = False
    accept: tuple[str, ...] = ()  # cells confirmed as right (D7 or SHEET!D7): no scale check


@dataclass(frozen=True)
class Unmatched:
    file: Path
    sheet: str | None
    cell: str
    name: str
    closest: tuple[str, ...]

    def __str__(self) -> str:
        hint = f"; closest: {', '.join(self.closest)}" if self.closest else ""
        return (
            f"{location(self.file, self.sheet, self.cell)}: {self.name!r} matches no target{hint}"
        )


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
    warnings: list[str] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    other_places: dict[str, int] = field(default_factory=dict)  # values passed over, by place
    not_chosen: dict[str, int] = field(default_factory=dict)  # … of places other than --city


@dataclass
class IngestReport:
    files: list[FileReport]

    @property
    def rejected(self) -> list[FileReport]:
        return [f for f in self.files if f.status == "rejected"]

    @property
    def revisions(self) -> list[Revision]:
        return [r for f in self.files for r in f.revisions]


def expand_paths(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders searched recursively for workbooks and CSV files
    (see ``scan_folder``), in name order."""
    found: list[Path] = []
    for path in paths:
        path = Path(path)
        if path.is_dir():
            found += scan_folder(path)[0]
        elif path.is_file():
            found.append(path)
        else:
            raise UsageError(f"{display_path(path)}: no such file or folder")
    return list(dict.fromkeys(found))


def scan_folder(folder: Path, skip: Iterable[Path] = ()) -> tuple[list[Path], list[Path]]:
    """The workbooks and CSV files below ``folder`` in name order, and the other files.

    Passed over: hidden files and folders, Excel's ``~$`` lock files, and the folders in
    ``skip`` (absolute paths) that lie inside ``folder``."""
    skipped = {Path(p).resolve() for p in skip}
    top = folder.resolve()
    files, others = [], []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if any(p.startswith((".", "~$")) for p in parts) or not path.is_file():
            continue
        if skipped and any(top.joinpath(*parts[:n]) in skipped for n in range(1, len(parts))):
            continue
        (files if path.suffix.lower() in SUFFIXES else others).append(path)
    return files, others


def ingest_paths(
    paths: Iterable[Path],
    catalogue: Catalogue,
    store: Store,
    options: IngestOptions = IngestOptions(),
    on_file: Callable[[Path], None] | None = None,
) -> IngestReport:
    if options.city is not None and not catalogue.plans_for(options.city):
        raise UnknownCity(options.city, catalogue.cities())
    if options.layout is not None and options.layout not in LAYOUTS:
        raise UsageError(f"--layout {options.layout!r}: use one of {', '.join(LAYOUTS)}")
    reports = []
    for path in expand_paths(paths):
        if on_file:
            on_file(path)
        reports.append(ingest_file(path, catalogue, store, options))
    return IngestReport(reports)


def ingest_file(
    path: Path, catalogue: Catalogue, store: Store, options: IngestOptions
) -> FileReport:
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        return FileReport(path, "rejected", problems=[InputProblem(path, f"cannot read: {reason}")])
    sha256 = hashlib.sha256(data).hexdigest()
    if store.has_file(sha256):
        return FileReport(path, "already", sha256)
    report = FileReport(path, "rejected", sha256)
    progress: list[TaskProgress] = []
    try:
        observations = parse_file(
            path, catalogue, options, report, progress, stored=_stored_series(store)
        )
    except ClaimsWorkbook as skip:
        report.status = "skipped"
        report.warnings.append(str(skip))
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
) -> list[Observation]:
    """Read, validate and convert one file; problems go into ``report.problems``, task
    progress from progress sheets into ``progress``. ``stored`` gives a city's current
    values by target and year, the neighbours a value is judged against (see
    ``plausibility``); without it a value is judged against its file and its plan only."""
    sheets = read_file(path)
    if options.sheet is not None:
        chosen = [s for s in sheets if s.name == options.sheet]
        if not chosen:
            names = ", ".join(str(s.name) for s in sheets)
            raise InputFileError(
                [InputProblem(path, f"no sheet named {options.sheet!r}; sheets: {names}")]
            )
        sheets = chosen
    tables, header_problems = [], []
    instructions: list[InputProblem] = []
    progress_sheets = []
    claims_sheets = []
    for sheet in sheets:
        found: list[InputProblem] = []
        if options.layout is None:
            sheet_progress = read_progress(sheet, path, found, today or dt.date.today())
            if sheet_progress is not None:
                progress_sheets.append(sheet_progress)
                report.problems += found
                continue
            if is_claims_sheet(sheet.rows):
                claims_sheets.append(sheet.name)
                continue
        sheet_tables = read_tables(sheet, path.name, found, path, options.layout, options.year)
        if not sheet_tables:
            header_problems += found  # no table here: fatal only if no sheet has one
            if compact(sheet.name) in INSTRUCTION_SHEETS:
                instructions += found  # expected to hold no table: passed over silently
        else:
            tables += sheet_tables
            report.problems += found  # a bad cell inside a table rejects the file
            for table in sheet_tables:
                report.warnings += [
                    f"{location(path, sheet.name, None)}: {note}" for note in table.notes
                ]
    if not tables and not progress_sheets:
        if claims_sheets:
            raise ClaimsWorkbook(
                f"{display_path(path)}: a claims workbook (申请单位, 单位类型, 措施, 年度), not "
                "statistics: passed over; work it out with ipkpi rewards --city CITY FILE"
            )
        if header_problems:
            raise InputFileError(header_problems)
        raise InputFileError([InputProblem(path, "empty workbook: no cells with data")])
    nothing = not any(t.records for t in tables) and not any(p.rows for p in progress_sheets)
    if nothing and not report.problems:
        raise InputFileError([InputProblem(path, "a header but no values below it")])
    # A sheet with no table beside one that has it (instructions, a chart) is passed over.
    report.warnings += [f"{p} (sheet skipped)" for p in header_problems if p not in instructions]
    report.layouts = tuple(dict.fromkeys(t.layout for t in tables)) + (
        ("progress",) if progress_sheets else ()
    )
    resolver = _Resolver(catalogue, options, path)
    for sheet_progress in progress_sheets:
        found_progress = _progress_of(
            sheet_progress, catalogue, resolver.places, options, path, report
        )
        report.tasks += len(found_progress)
        if progress is not None:
            progress += found_progress

    # One value per (city, target, year) and vintage: a 快报 sheet and a 正式 sheet of the
    # same year are both kept (the store makes the 正式 one current).
    seen: dict[tuple[str, str, int, int], tuple[float, RawRecord]] = {}
    unmatched_rows: set[tuple[str | None, str]] = set()
    observations: list[Observation] = []
    confirmed: set[tuple[str | None, str | None]] = set()  # by a note or --accept
    for table in tables:
        for record in table.records:
            ob = resolver.observation(record, table.title, report, unmatched_rows)
            if ob is None:
                continue
            report.values += 1
            key = (ob.city, ob.target_id, ob.year, vintage.rank(ob.vintage))
            if key in seen:
                first_value, first_record = seen[key]
                first_where = _where(first_record)
                if abs(first_value - ob.value) > 1e-9 * max(1.0, abs(first_value)):
                    report.problems.append(
                        InputProblem(
                            path,
                            f"{record.name} {ob.year} given twice with different values: "
                            f"{_num(first_value)} (at {first_where}) and {_num(ob.value)}",
                            sheet=record.sheet,
                            cell=record.cell,
                        )
                    )
                continue
            seen[key] = (ob.value, record)
            observations.append(ob)
            if record.confirmed or (
                options.accept and _accepted(options.accept, ob.sheet, ob.cell)
            ):
                confirmed.add((ob.sheet, ob.cell))
    if report.other_places and not observations and not report.problems and not progress_sheets:
        names = "、".join(list(report.other_places)[:8])
        raise InputFileError(
            [
                InputProblem(
                    path,
                    f"no row names a place in the catalogue ({names}); known: "
                    f"{', '.join(catalogue.cities())}: correct the place names, or add the "
                    "place's name to its plan's aliases",
                )
            ]
        )
    _passed_over(report, path)
    if not report.problems:
        _judge(observations, resolver.targets, confirmed, stored, report, path)
    if options.strict:
        report.problems += [
            InputProblem(
                path,
                f"{u.name!r} matches no target"
                + (f"; closest: {', '.join(u.closest)}" if u.closest else ""),
                sheet=u.sheet,
                cell=u.cell,
            )
            for u in report.unmatched
        ]
    return observations


def _stored_series(store: Store) -> Callable[[str], dict[str, dict[int, float]]]:
    """A city's current values in the store, by target and year (read once per city)."""

    def series(city: str) -> dict[str, dict[int, float]]:
        found: dict[str, dict[int, float]] = {}
        for target_id, year, value, *_ in store.current_values(city)[0]:
            found.setdefault(target_id, {})[year] = value
        return found

    return series


def _judge(observations, targets, confirmed, stored, report: FileReport, path: Path) -> None:
    """Refuse the values a power of ten away from their series; keep the confirmed ones
    with a warning (see ``plausibility``)."""
    cities = {ob.city for ob in observations}
    neighbours = {}
    for city in cities if stored is not None else ():
        for target_id, years in stored(city).items():
            neighbours[(city, target_id)] = years
    for suspect in plausibility.suspects(observations, targets, neighbours, confirmed):
        p = suspect.point
        text = plausibility.message(suspect)
        if p.confirmed:
            report.warnings.append(
                f"{location(path, p.sheet, p.cell)}: {text.split(': ')[0]}: stored as given "
                "(confirmed)"
            )
        else:
            report.problems.append(InputProblem(path, text, sheet=p.sheet, cell=p.cell))


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


def _passed_over(report: FileReport, path: Path) -> None:
    """One warning for the values of places with no plan here and of totals, one for those
    of places other than --city."""
    for passed, why in (
        (report.other_places, "place(s) or total(s) with no plan here"),
        (report.not_chosen, "place(s) other than --city"),
    ):
        if passed:
            names = list(passed)
            shown = "、".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
            report.warnings.append(
                f"{display_path(path)}: {sum(passed.values())} value(s) passed over for "
                f"{len(names)} {why}: {shown}"
            )


def _progress_of(
    sheet: ProgressSheet,
    catalogue: Catalogue,
    places: Places,
    options: IngestOptions,
    path: Path,
    report: FileReport,
) -> list[TaskProgress]:
    """A progress sheet's rows matched to the tasks of its place's plan."""

    def problem(message: str, cell: str | None = None) -> list[TaskProgress]:
        report.problems.append(InputProblem(path, message, sheet=sheet.sheet, cell=cell))
        return []

    city = options.city
    if city is None:
        named = [(r.city, r.city_cell) for r in sheet.rows if r.city]
        for name, cell in named:
            slug = places.find(name)
            if slug is None:
                return problem(
                    f"unknown city {name!r}; known: {', '.join(catalogue.cities())}", cell
                )
            if city not in (None, slug):
                return problem(f"one progress sheet per place: {name!r} after {city}", cell)
            city = slug
    if city is None:
        city = places.named_in((sheet.title, sheet.sheet or "", path.name))
    if city is None:
        return problem(
            "cannot tell which place's tasks these are: name the place in the title or the "
            "file name, or pass --city"
        )
    with_tasks = [p for p in catalogue.plans_for(city) if p.tasks]
    if not with_tasks:
        return problem(f"{city} has no tasks in the catalogue: this progress sheet has no plan")
    return to_progress(sheet, with_tasks[-1], path, report.problems)


def _where(record: RawRecord) -> str:
    return f"{record.sheet} › {record.cell}" if record.sheet else record.cell


class _Resolver:
    """Turns raw records into observations: city, target, year, value, unit."""

    def __init__(self, catalogue: Catalogue, options: IngestOptions, path: Path):
        self.catalogue = catalogue
        self.options = options
        self.path = path
        self.places = Places(catalogue)
        # Per city and per (city, year), worked out once rather than for every cell.
        self.indexes: dict[str, TargetIndex] = {}
        self.year_ranges: dict[str, tuple[int, int]] = {}
        self.plan_ids: dict[tuple[str, int], str] = {}
        self.places_of: dict[str, str] = {}
        self.series: dict[tuple, tuple] = {}
        self.units: dict[tuple, tuple[str | None, float | None]] = {}
        self.targets: dict[tuple[str, str], Target] = {}
        self.cities: dict[tuple[str, str], str | None] = {}
        self.unplaced: set[tuple[str | None, str]] = set()

    def problem(self, report: FileReport, record: RawRecord, message: str, cell: str | None):
        report.problems.append(InputProblem(self.path, message, sheet=record.sheet, cell=cell))

    def city_of(self, record: RawRecord, title: str, report: FileReport) -> str | None:
        """The place a record is of; None when it is not taken (the problem recorded, or
        the row counted as passed over: a place with no plan here, a total, another place
        than --city)."""
        if record.city:
            key = (record.city, title)
            if key not in self.cities:
                self.cities[key] = self._named_city(record.city, title)
            slug = self.cities[key]
            if slug is None or (self.options.city and slug != self.options.city):
                passed = report.other_places if slug is None else report.not_chosen
                passed[record.city] = passed.get(record.city, 0) + 1
                return None
            return slug
        if self.options.city:
            return self.options.city
        found = self.places.named_in((title, record.sheet or "", self.path.name))
        if found is not None:
            return found
        if (record.sheet, title) not in self.unplaced:  # once per table, not per value
            self.unplaced.add((record.sheet, title))
            self.problem(
                report,
                record,
                "cannot tell which city this is: give a 城市 column, name "
                "the place in the title or the file name, or pass --city",
                None,
            )
        return None

    def _named_city(self, name: str, title: str) -> str | None:
        """A city column's place: one in the catalogue, or a total of the province the
        title names (全省合计 under 贵州省…), else None (passed over)."""
        slug = self.places.find(name)
        if slug is None and is_total(name):
            # 贵州省合计 names its province; 全省 and 合计 take it from the title.
            slug = self.places.province_in((name, title, self.path.name))
        return slug

    def observation(self, record, title, report, unmatched_rows) -> Observation | None:
        # The row's city and target are worked out once per distinct (city, name, id)
        # and the unit once per (target, unit): a big sheet repeats them thousands of times.
        key = (record.city, record.sheet, title, record.name, record.target_id)
        series = self.series.get(key)
        if series is None:
            series = self._series(record, title, report, unmatched_rows)
            if series is None:
                return None
            self.series[key] = series
        city, target, first, last, share, whole = series
        if not first <= record.year <= last:
            self.problem(
                report,
                record,
                f"year {record.year} is outside every plan of {self.places_of[city]} "
                f"({first}–{last})",
                record.year_cell or record.cell,
            )
            return None
        raw = record.raw
        if type(raw) is float and raw - raw == 0:  # a finite number: most cells
            value, percent, footnote = raw, False, None
        else:
            try:
                cell = parse_number(raw)
            except NotANumber as exc:
                self.problem(report, record, f"{exc} ({record.name}, {record.year})", record.cell)
                return None
            if cell.value is None:
                report.missing += 1
                return None
            value, percent, footnote = cell.value, cell.percent, cell.footnote
            if cell.unit is not None:  # 36.26万件: the cell's own unit
                record = self._cell_unit(record, cell.unit, report)
                if record is None:
                    return None
        unit = target.series_unit or target.unit
        if percent and unit != "%":
            self.problem(
                report, record, f"a percentage, but {target.name} is counted in {unit}", record.cell
            )
            return None
        unit_key = (city, target.id, record.unit)
        converted = self.units.get(unit_key)
        if converted is None:
            converted = self._unit(record, target, unit, report)
            if converted is None:
                return None
            self.units[unit_key] = converted
        source_unit, factor = converted
        given = value
        if factor is not None:
            # 200929 件 → 20.0929 万件, not 20.092900000000004
            value = float(f"{value * factor:.12g}")
        if footnote:
            report.warnings.append(
                f"{location(self.path, record.sheet, record.cell)}: footnote mark "
                f"{footnote!r} after {_num(given)}, stored as the {record.year} value; "
                "see the sheet's notes"
            )
        if value < 0 and units.UNITS[unit].dimension not in _NON_NEGATIVE_EXEMPT:
            self.problem(
                report,
                record,
                f"negative value {_num(given)} for {target.name} "
                f"({unit}), which cannot be negative",
                record.cell,
            )
            return None
        if value > 100 and share:
            self.problem(
                report,
                record,
                f"{_num(value)} % for {target.name} ({record.year}): a share cannot exceed "
                "100 %; check the figure and its unit (‰? 个百分点? a count?)",
                record.cell,
            )
            return None
        if whole and not value.is_integer():
            self.problem(
                report,
                record,
                f"{_num(given)} {source_unit or unit} for {target.name} ({record.year}) is not "
                f"a whole number, but it counts {unit}: correct the figure, or say the unit "
                "the table counts in (单位：…)",
                record.cell,
            )
            return None
        plan_key = (city, record.year)
        plan_id = self.plan_ids.get(plan_key)
        if plan_id is None:
            plan_id = self.plan_ids[plan_key] = select_plan(
                self.catalogue, city, as_of=record.year
            ).id
        return Observation(
            city,
            target.id,
            record.year,
            value,
            unit,
            plan_id,
            record.name,
            None if raw is None else str(raw),
            source_unit,
            record.sheet,
            record.cell,
            record.vintage,
        )

    def _series(self, record, title, report, unmatched_rows):
        """(city, target, first year, last year, is a share, is counted whole) for a
        record, or None with the problem or the unmatched row recorded."""
        city = self.city_of(record, title, report)
        if city is None:
            return None
        if city not in self.indexes:
            plans = self.catalogue.plans_for(city)
            self.indexes[city] = TargetIndex(plans)
            self.year_ranges[city] = _years(plans)
            self.places_of[city] = plans[0].place
        index = self.indexes[city]
        if record.target_id:
            match = index.find(record.target_id)
            if match is None or match.target.id != record.target_id:
                self.problem(
                    report,
                    record,
                    f"unknown target id {record.target_id!r} for {city}",
                    record.id_cell or record.name_cell,
                )
                return None
            # The id decides, never the name; a name that is another target's means the
            # row was edited or moved, and storing the value under either would be a guess.
            named = index.find(record.name) if record.name != record.target_id else None
            if named is not None and named.target.id != match.target.id:
                self.problem(
                    report,
                    record,
                    f"the id {record.target_id!r} is {match.target.name}, but the row names "
                    f"{record.name!r} ({named.target.id}); correct the id or the name",
                    record.name_cell,
                )
                return None
        else:
            match = index.find(record.name)
            if match is None:
                row = (record.sheet, record.name_cell)
                if row not in unmatched_rows:
                    unmatched_rows.add(row)
                    report.unmatched.append(
                        Unmatched(
                            self.path,
                            record.sheet,
                            record.name_cell,
                            record.name,
                            tuple(index.closest(record.name)),
                        )
                    )
                return None
        target = self.targets[(city, match.target.id)] = match.target
        return (city, target, *self.year_ranges[city], target.is_share, target.whole)

    def _cell_unit(self, record: RawRecord, written: str, report) -> RawRecord | None:
        """The record with the unit its cell's own text gives (36.26万件), or None when
        that disagrees with the unit its table gives."""
        unit = units.canonical(written)
        if record.unit and record.unit != unit:
            source = SOURCE_WORDS.get(record.unit_source or "", "the table")
            self.problem(
                report,
                record,
                f"unit conflict: the cell says {unit} but {source} says {record.unit} "
                f"({record.unit_cell}): make them agree",
                record.cell,
            )
            return None
        return record._replace(unit=unit, unit_cell=record.cell, unit_source="cell")

    def _unit(self, record, target, unit, report) -> tuple[str | None, float | None] | None:
        """(the unit the sheet gives, the factor to the target's unit if it differs), or
        None with the problem recorded."""
        source_unit = units.canonical(record.unit) if record.unit else None
        if source_unit is None or source_unit == unit:
            return source_unit, None
        where = record.unit_cell or record.name_cell
        if source_unit in target.unit_aliases or (source_unit == "件/万人" and target.per_10k):
            return source_unit, None  # the plan's own counting word, or its ratio written out
        if not units.is_known(source_unit):
            self.problem(
                report,
                record,
                f"unknown unit {source_unit!r} for {target.name}: write the unit as "
                f"{unit} or a unit that converts to it",
                where,
            )
            return None
        try:
            return source_unit, units.conversion_factor(source_unit, unit)
        except ValueError as exc:
            self.problem(
                report,
                record,
                f"{exc}: {target.name} is counted in {unit}; if the plan counts {source_unit} "
                f'as {unit}, add unit_aliases = ["{source_unit}"] to its target in the '
                "catalogue",
                where,
            )
            return None


def _years(plans: list[Plan]) -> tuple[int, int]:
    """Years a city's data may cover: from the year before the earliest plan (or its
    earliest baseline) to the latest target year."""
    first = min(
        min([p.start_year - 1] + [t.baseline.year for t in p.targets if t.baseline]) for p in plans
    )
    return first, max(p.target_year for p in plans)
