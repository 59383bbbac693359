"""The gap report: the engine's results for one city's plan on the figures read from the
store, the data files they came from, and where the plan's tasks stand. Its views are in
``ipkpi.views.report``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass, field
from itertools import groupby
from operator import itemgetter

from ipkpi.assess.engine import assess_plan
from ipkpi.assess.results import (
    DEFAULT_THRESHOLDS,
    Assessment,
    Method,
    PlanAssessment,
    Point,
    Thresholds,
)
from ipkpi.assess.tasks import TasksAssessment, assess_tasks
from ipkpi.catalogue.model import Plan
from ipkpi.store.base import Store
from ipkpi.store.records import StoredObservation


@dataclass(frozen=True)
class SourceFile:
    path: str
    sha256: str
    ingested_at: str


@dataclass(frozen=True)
class Report:
    """A plan's assessment and the data files its figures came from, and where its tasks
    stand (None when the plan has none)."""

    assessment: PlanAssessment
    sources: tuple[SourceFile, ...]
    observations: tuple[StoredObservation, ...] = ()  # the stored values the figures came from
    tasks: TasksAssessment | None = None
    # (target id, year) → vintage of the stored figures used that their file marked
    # (preliminary, final, revised); an unmarked figure is not in it.
    vintages: dict[tuple[str, int], str] = field(default_factory=dict)

    @property
    def plan(self) -> Plan:
        return self.assessment.plan

    @property
    def results(self) -> tuple[Assessment, ...]:
        return self.assessment.results


_TARGET = itemgetter(0)  # of a row of ``Store.current_values``


def build_report(
    store: Store,
    plan: Plan,
    *,
    as_of: int,
    method: Method = Method.LINEAR,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    evidence: bool = True,
    today: dt.date | None = None,
) -> Report:
    """Assess ``plan`` (the caller's choice, e.g. ``ipkpi.catalogue.select.report_plan``) on
    the store's current figures for its city up to ``as_of``, and its tasks on the progress
    reported by the end of ``as_of`` or ``today``, whichever is earlier. ``evidence``: keep
    every stored value used, with its provenance (the Excel summary's data sheet needs
    them; the report and JSON do not, and skipping them makes a report several times
    faster)."""
    city = plan.city
    tasks = None
    if plan.tasks:
        tasks = build_tasks(store, plan, min(dt.date(as_of, 12, 31), today or dt.date.today()))
    ids = {t.id for t in plan.targets}
    rows, files = store.current_values(city)  # ordered by target and year
    series: dict[str, list[Point]] = {}
    file_of: dict[str, dict[int, int]] = {}  # target id → year → id of the file it came from
    vintages: dict[tuple[str, int], str] = {}
    for target_id, group in groupby(rows, _TARGET):
        if target_id not in ids:
            continue
        points, files_by_year = [], {}
        for _, year, value, vintage, file_id in group:
            if year <= as_of:
                points.append(Point(year, value, vintage == "preliminary"))
                files_by_year[year] = file_id
                if vintage is not None:
                    vintages[(target_id, year)] = vintage
        if points:
            series[target_id] = points
            file_of[target_id] = files_by_year
    assessment = assess_plan(plan, series, as_of=as_of, method=method, thresholds=thresholds)
    # The stored values used: the years counted and the baseline's, by target (a catalogue
    # baseline is no stored value).
    used: dict[str, set[int]] = {}
    for r in assessment.results:
        files_by_year = file_of.get(r.target.id)
        if files_by_year:
            years = {*r.years_counted, *((r.baseline.year,) if r.baseline else ())}
            used[r.target.id] = years & files_by_year.keys()
    file_ids = {file_of[target][year] for target, years in used.items() for year in years}
    found = {SourceFile(*files[file_id]) for file_id in file_ids}
    if tasks is not None:  # the progress sheets the tasks' states came from
        found |= {
            SourceFile(a.report.path, a.report.sha256, a.report.ingested_at)
            for a in tasks.results
            if a.report is not None
        }
    sources = sorted(found, key=lambda f: (f.path, f.sha256))
    kept: tuple[StoredObservation, ...] = ()
    if evidence:
        kept = tuple(
            o for o in store.observations(city=city) if o.year in used.get(o.target_id, ())
        )
    marked = {(t, y): v for (t, y), v in vintages.items() if y in used.get(t, ())}
    return Report(assessment, tuple(sources), kept, tasks, marked)


def build_tasks(store: Store, plan: Plan, as_of: dt.date) -> TasksAssessment:
    """The plan's tasks as of a day, on the progress in the store."""
    progress = {p.task_id: p for p in store.task_progress(plan.city, plan.id)}
    return assess_tasks(plan, progress, as_of)


def failing(report: Report, codes: Collection[str]) -> list[tuple[str, str]]:
    """What a --fail-on (or a run's ``fail_on``) holds on: (id, status) of each target whose
    status is one of ``codes``, then (id, "overdue") of each overdue task when ``codes``
    has ``overdue``."""
    hits = [(a.target.id, a.status.value) for a in report.results if a.status.value in codes]
    if report.tasks is not None and "overdue" in codes:
        hits += [(t.task.id, "overdue") for t in report.tasks.overdue]
    return hits
