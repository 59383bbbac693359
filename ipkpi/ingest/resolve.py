"""What a file's records are of: turn raw records into observations (place, target, year,
value in the target's unit, plan) and a progress sheet into the progress of its place's
tasks. Problems are recorded in the file's report, located at their cell.
"""

from __future__ import annotations

from pathlib import Path
from weakref import WeakKeyDictionary

from ipkpi.catalogue import units
from ipkpi.catalogue.model import Catalogue, Plan, Target
from ipkpi.catalogue.select import select_plan
from ipkpi.errors import InputProblem, location
from ipkpi.ingest.cells import NotANumber, parse_number
from ipkpi.ingest.cells import figure_text as _num
from ipkpi.ingest.given import Given
from ipkpi.ingest.matching import TargetIndex
from ipkpi.ingest.places import Places, is_total
from ipkpi.ingest.progress import ProgressSheet, to_progress
from ipkpi.ingest.raw import RawRecord, RowShape, RowValues, at
from ipkpi.ingest.refusals import not_convertible, out_of_range, refused
from ipkpi.ingest.report import FileReport, IngestOptions, Unmatched
from ipkpi.ingest.rows import SOURCE_WORDS
from ipkpi.messages import Message, msg
from ipkpi.store.records import Observation, TaskProgress

_PLANS_IN_FORCE: WeakKeyDictionary = WeakKeyDictionary()  # catalogue → Resolver.plan_ids


class Resolver:
    """Turns raw records into observations: city, target, year, value, unit."""

    def __init__(self, catalogue: Catalogue, options: IngestOptions, path: Path):
        self.catalogue = catalogue
        self.options = options
        self.path = path
        self.places = Places(catalogue)
        # Per city and per (city, year), worked out once rather than for every cell.
        self.indexes: dict[str, TargetIndex] = {}
        self.year_ranges: dict[str, tuple[int, int]] = {}
        # city → year → the plan in force: the catalogue's, shared by the files of a run
        self.plan_ids: dict[str, dict[int, str]] = _PLANS_IN_FORCE.setdefault(catalogue, {})
        self.places_of: dict[str, str] = {}
        self.series: dict[tuple, tuple] = {}
        self.units: dict[tuple, tuple[str | None, float | None]] = {}
        self.targets: dict[tuple[str, str], Target] = {}
        self.cities: dict[tuple[str, str], str | None] = {}
        self.unplaced: set[tuple[str | None, str]] = set()
        self.fast: dict[RowShape, tuple] = {}  # see fast_path
        self.fast_units: dict[RowShape, tuple] = {}  # (city, the unit the sheet gives)
        # How rows are taken at once (ipkpi.ingest.fast), by the ids of their cells, and
        # the bits of their keys by the ids of a label's bits and of those cells: each
        # entry keeps its cells alive (and Given its bits), so no id is another's while
        # this file is read.
        self.at_once: dict[tuple, tuple] = {}
        self.at_once_masks: dict[tuple, int] = {}

    def problem(
        self, report: FileReport | None, record: RawRecord, message: Message, cell: str | None
    ):
        if report is not None:  # None: worked out ahead, to be said by the value if at all
            report.problems.append(InputProblem(self.path, message, sheet=record.sheet, cell=cell))

    def city_of(self, record: RawRecord, title: str, report: FileReport | None) -> str | None:
        """The place a record is of; None when it is not taken (the problem recorded, or
        the row counted as passed over: a place with no plan here, a total, another place
        than --city; with no ``report``, nothing recorded or counted)."""
        if record.city:
            key = (record.city, title)
            if key not in self.cities:
                self.cities[key] = self._named_city(record.city, title)
            slug = self.cities[key]
            if slug is None or (self.options.city and slug != self.options.city):
                if report is not None:
                    passed = report.other_places if slug is None else report.not_chosen
                    passed[record.city] = passed.get(record.city, 0) + 1
                return None
            return slug
        if self.options.city:
            return self.options.city
        found = self.places.named_in((title, record.sheet or "", self.path.name))
        if found is not None or report is None:
            return found
        if (record.sheet, title) not in self.unplaced:  # once per table, not per value
            self.unplaced.add((record.sheet, title))
            self.problem(report, record, msg("E-PLACE-NOT-NAMED"), None)
        return None

    def _named_city(self, name: str, title: str) -> str | None:
        """A city column's place: one in the catalogue, or a total of the province the
        title names (全省合计 under 贵州省…), else None (passed over)."""
        slug = self.places.find(name)
        if slug is None and is_total(name):
            # 贵州省合计 names its province; 全省 and 合计 take it from the title.
            slug = self.places.province_in((name, title, self.path.name))
        return slug

    def one(self, row: RowValues, cell: tuple, title, report, unmatched_rows, given: Given):
        """One value of a row through ``observation``, taken by ``given`` if it gives one."""
        c, letter, year, year_at, vintage = cell
        shape, number = row.shape, row.number
        vintage = shape.vintage or vintage
        year_cell = at(year_at, number)
        record = shape.record(number, f"{letter}{number}", year, year_cell, row.row[c], vintage)
        ob = self.observation(record, title, report, unmatched_rows)
        if ob is not None:
            given.take_observation(ob)

    def prepared(self, row: RowValues, cell: tuple, title: str, given: Given) -> tuple | None:
        """``fast_path`` for a row's shape when its series and unit are worked out from
        the row alone with nothing to say (the usual row); None when anything would be
        said (a place passed over, no such target, a unit that does not convert): its
        first value then says it, through ``one``, exactly as any value would."""
        shape = row.shape
        key = (shape.city, shape.sheet, title, shape.name, shape.target_id)
        series = self.series.get(key)
        _, letter, year, _, vintage = cell
        record = shape.record(row.number, f"{letter}{row.number}", year, None, None, vintage)
        if series is None:
            series = self._series(record, title, None, None)
            if series is None:
                return None
            self.series[key] = series
        city, target = series[0], series[1]
        if (city, target.id, shape.unit) not in self.units:
            converted = self._unit(record, target, target.series_unit or target.unit, None)
            if converted is None:
                return None
            self.units[(city, target.id, shape.unit)] = converted
        return self.fast_path(shape, title, given)

    def fast_path(self, shape: RowShape, title: str, given: Given) -> tuple | None:
        """What the fast path of ``observations`` needs of a shape's series, once
        ``observation`` has worked out its target and unit; None before."""
        series = self.series.get((shape.city, shape.sheet, title, shape.name, shape.target_id))
        if series is None:
            return None
        city, target, first, last, share, whole = series
        converted = self.units.get((city, target.id, shape.unit))
        if converted is None:
            return None
        unit = target.series_unit or target.unit
        labels: dict[tuple[str, str | None], tuple] = {}  # (plan, vintage) → see ``label``
        series_id = given.series(city, target.id)
        plans = self.plan_ids.setdefault(city, {})
        fast = (first, last, share, whole, unit, converted[1], series_id, labels, plans)
        self.fast[shape] = fast
        self.fast_units[shape] = (city, converted[0])
        return fast

    def label(self, shape: RowShape, fast: tuple, year: int, vintage, given: Given):
        """(label, the bits of its keys by year in ``Given``'s masks) of a shape's values of
        ``year`` and ``vintage``: under the plan in force that year."""
        unit, labels = fast[4], fast[7]
        city, source_unit = self.fast_units[shape]
        plan_id = self.plan_in_force(city, year)
        label = given.label(unit, plan_id, shape.name, source_unit, shape.sheet, vintage)
        found = labels[(plan_id, vintage)] = (label, given.bits(label))
        return found

    def plan_in_force(self, city: str, year: int) -> str:
        """The id of ``city``'s plan in force in ``year`` (worked out once a catalogue)."""
        plans = self.plan_ids.setdefault(city, {})
        plan_id = plans.get(year)
        if plan_id is None:
            plan_id = plans[year] = select_plan(self.catalogue, city, as_of=year).id
        return plan_id

    def observation(self, record, title, report, unmatched_rows) -> Observation | None:
        """The observation a record gives, or None: a missing value (counted), a row that
        matches no target (listed), a row passed over, or a problem recorded."""
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
            place = self.places_of[city]
            outside = msg("E-YEAR-OUTSIDE", year=record.year, place=place, first=first, last=last)
            self.problem(report, record, outside, record.year_cell or record.cell)
            return None
        read = self._cell_value(record, report)
        if read is None:
            return None
        record, value, percent, footnote = read
        unit = target.series_unit or target.unit
        if percent and unit != "%":
            percent = msg("E-VALUE-PERCENT", target=target.name, unit=unit)
            self.problem(report, record, percent, record.cell)
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
            if value - value != 0:  # 1e308 万件 is beyond any float in 件
                self.problem(
                    report, record, out_of_range(record, target, given, source_unit), record.cell
                )
                return None
        if footnote:
            report.warnings.append(
                msg(
                    "W-VALUE-FOOTNOTE",
                    where=location(self.path, record.sheet, record.cell),
                    mark=footnote,
                    value=_num(given),
                    year=record.year,
                )
            )
        why = refused(record, target, unit, source_unit, given, value, share, whole)
        if why is not None:
            self.problem(report, record, why, record.cell)
            return None
        return self._observation(city, target, record, value, unit, source_unit)

    def _cell_value(self, record: RawRecord, report: FileReport):
        """(the record, the value, whether it is a percentage, a footnote mark) from the
        record's cell, the record with the unit of the cell's own text if it gives one; None
        for a missing value (counted) or with the problem recorded."""
        raw = record.raw
        if type(raw) is float and raw - raw == 0:  # a finite number: most cells
            return record, raw, False, None
        try:
            cell = parse_number(raw)
        except NotANumber as exc:
            fields = {"name": record.name, "year": record.year, "fix": exc.fix_part()}
            message = msg("E-VALUE-NOT-NUMBER", reason=exc.message, **fields)
            self.problem(report, record, message, record.cell)
            return None
        if cell.value is None:
            report.missing += 1
            return None
        if cell.unit is not None:  # 36.26万件: the cell's own unit
            record = self._cell_unit(record, cell.unit, report)
            if record is None:
                return None
        return record, cell.value, cell.percent, cell.footnote

    def _observation(self, city, target, record, value, unit, source_unit) -> Observation:
        """The observation, under the plan in force in the record's year."""
        plan_id = self.plan_in_force(city, record.year)
        raw = record.raw
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
        record, or None with the problem or the unmatched row recorded (with no
        ``report``, nothing recorded)."""
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
                    msg("E-TARGET-ID-UNKNOWN", id=record.target_id, city=city),
                    record.id_cell or record.name_cell,
                )
                return None
            # The id decides, never the name; a name that is another target's means the
            # row was edited or moved, and storing the value under either would be a guess.
            named = index.find(record.name) if record.name != record.target_id else None
            if named is not None and named.target.id != match.target.id:
                mismatch = msg(
                    "E-TARGET-ID-MISMATCH",
                    id=record.target_id,
                    target=match.target.name,
                    name=record.name,
                    other=named.target.id,
                )
                self.problem(report, record, mismatch, record.name_cell)
                return None
        else:
            match = index.find(record.name)
            if match is None:
                row = (record.sheet, record.name_cell)
                if report is not None and row not in unmatched_rows:
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
            source = SOURCE_WORDS.get(record.unit_source or "") or msg("ingest.source.table")
            conflict = msg(
                "E-UNIT-CONFLICT-CELL",
                unit=unit,
                other_source=source,
                other_unit=record.unit,
                other_cell=record.unit_cell,
            )
            self.problem(report, record, conflict, record.cell)
            return None
        return record._replace(unit=unit, unit_cell=record.cell, unit_source="cell")

    def _unit(self, record, target, unit, report) -> tuple[str | None, float | None] | None:
        """(the unit the sheet gives, the factor to the target's unit if it differs), or
        None with the problem recorded (with no ``report``, nothing recorded)."""
        source_unit = units.canonical(record.unit) if record.unit else None
        if source_unit is None or source_unit == unit:
            return source_unit, None
        where = record.unit_cell or record.name_cell
        if source_unit in target.unit_aliases or (source_unit == "件/万人" and target.per_10k):
            return source_unit, None  # the plan's own counting word, or its ratio written out
        if not units.is_known(source_unit):
            unknown = msg(
                "E-VALUE-UNIT-UNKNOWN", unit=source_unit, target=target.name, target_unit=unit
            )
            self.problem(report, record, unknown, where)
            return None
        try:
            return source_unit, units.conversion_factor(source_unit, unit)
        except ValueError:
            self.problem(report, record, not_convertible(source_unit, unit, target), where)
            return None

    def progress_of(self, sheet: ProgressSheet, report: FileReport) -> list[TaskProgress]:
        """A progress sheet's rows matched to the tasks of its place's plan."""

        def problem(message: Message, cell: str | None = None) -> list[TaskProgress]:
            report.problems.append(InputProblem(self.path, message, sheet=sheet.sheet, cell=cell))
            return []

        city = self.options.city
        if city is None:
            named = [(r.city, r.city_cell) for r in sheet.rows if r.city]
            for name, cell in named:
                slug = self.places.find(name)
                if slug is None:
                    known = list(self.catalogue.cities())
                    return problem(msg("E-PROGRESS-PLACE-UNKNOWN", name=name, known=known), cell)
                if city not in (None, slug):
                    return problem(msg("E-PROGRESS-PLACES-MIXED", name=name, place=city), cell)
                city = slug
        if city is None:
            city = self.places.named_in((sheet.title, sheet.sheet or "", self.path.name))
        if city is None:
            return problem(msg("E-PROGRESS-PLACE-NOT-NAMED"))
        with_tasks = [p for p in self.catalogue.plans_for(city) if p.tasks]
        if not with_tasks:
            return problem(msg("E-PROGRESS-NO-TASKS", place=city))
        return to_progress(sheet, with_tasks[-1], self.path, report.problems)


def _years(plans: list[Plan]) -> tuple[int, int]:
    """Years a city's data may cover: from the year before the earliest plan (or its
    earliest baseline) to the latest target year."""
    first = min(
        min([p.start_year - 1] + [t.baseline.year for t in p.targets if t.baseline]) for p in plans
    )
    return first, max(p.target_year for p in plans)
