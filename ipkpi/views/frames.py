"""The store for analysts in Jupyter: ``ipkpi.open_store(path)`` gives a store whose
``observations()`` and ``report()`` return typed results with ``.to_frame()`` — a tidy
pandas DataFrame, one row a stored value or a target, its columns those of ``data show -f
csv`` and ``report -f csv`` (the same views, so a frame never says other than the CLI).
pandas is imported only inside ``to_frame()``: opening a store and reading it stays cheap.

    store = ipkpi.open_store("ipkpi.db", readonly=True)
    values = store.observations(city="nanjing").to_frame()
    report = store.report("nanjing", as_of=2025).to_frame()
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ipkpi.assess.report import Report, build_report
from ipkpi.catalogue.loader import load_catalogue
from ipkpi.catalogue.model import Catalogue
from ipkpi.catalogue.select import report_plan, resolve_city
from ipkpi.labels import Lang
from ipkpi.store.address import PostgresURL, StoreAddress
from ipkpi.store.base import resolve_db_path
from ipkpi.store.records import StoredObservation
from ipkpi.store.sqlite import SQLiteStore
from ipkpi.views.data import DATA_CSV_COLUMNS, data_csv_row
from ipkpi.views.report import REPORT_CSV_COLUMNS, ordered, report_csv_row

if TYPE_CHECKING:
    import pandas


def _frame(rows: Iterable[dict[str, Any]], columns: tuple[str, ...]) -> pandas.DataFrame:
    import pandas

    return pandas.DataFrame.from_records(list(rows), columns=list(columns))


class Observations(list):
    """Stored values (``StoredObservation``), with the targets they are figures of."""

    def __init__(self, found: Iterable[StoredObservation], names: dict):
        super().__init__(found)
        self.names = names

    def to_frame(self) -> pandas.DataFrame:
        """A row a value: the columns of ``ipkpi data show -f csv``."""
        return _frame((data_csv_row(o, self.names) for o in self), DATA_CSV_COLUMNS)


@dataclass(frozen=True)
class ReportResult:
    """A place's report (``Report``: ``.results``, ``.plan``, ``.sources``)."""

    report: Report
    lang: Lang = "zh"

    @property
    def results(self):
        return self.report.results

    @property
    def plan(self):
        return self.report.plan

    def to_frame(self) -> pandas.DataFrame:
        """A row a target, in the report's order: the columns of ``ipkpi report -f csv``."""
        listed = ordered(self.report.results, "category", self.lang)
        rows = (report_csv_row(self.report, a, self.lang) for a in listed)
        return _frame(rows, REPORT_CSV_COLUMNS)


class Analysis:
    """A store (everything the library does with one, on either engine) whose readings
    come back typed, with ``.to_frame()``: mixed into the engine's store class."""

    def __init__(
        self, path: StoreAddress, readonly: bool = False, catalogue: Catalogue | None = None
    ):
        super().__init__(path, readonly)  # type: ignore[call-arg]
        self._catalogue = catalogue

    @property
    def catalogue(self) -> Catalogue:
        """The catalogue the store's figures are read against (the bundled one unless
        given to ``open_store``)."""
        if self._catalogue is None:
            self._catalogue = load_catalogue()
        return self._catalogue

    def observations(
        self,
        city: str | None = None,
        year: int | None = None,
        history: bool = False,
        target: str | None = None,
    ) -> Observations:
        """Stored values, current ones only unless ``history``; ``city`` by any of its names,
        ``target`` by its id."""
        if city is not None:
            city = resolve_city(self.catalogue, city)
        found = super().observations(city=city, year=year, history=history)  # type: ignore[misc]
        if target is not None:
            found = [o for o in found if o.target_id == target]
        names = {(p.city, t.id): t for p in self.catalogue.plans for t in p.targets}
        return Observations(found, names)

    def report(
        self, city: str, *, as_of: int, plan: str | None = None, lang: Lang = "zh"
    ) -> ReportResult:
        """Where each target of the place's plan for ``as_of`` stands (``ipkpi report``)."""
        chosen = report_plan(self.catalogue, city, plan, as_of)
        return ReportResult(build_report(self, chosen, as_of=as_of, evidence=False), lang)


class AnalysisStore(Analysis, SQLiteStore):
    """A ``SQLiteStore`` whose readings come back typed, with ``.to_frame()``."""


def open_store(
    path: Path | str | None = None, *, readonly: bool = False, catalogue: Catalogue | None = None
) -> Analysis:
    """The store at ``path`` (a file or a ``postgresql://`` URL), else $IPKPI_DB, else
    ipkpi.db in the working folder; a file is created when it is not there yet, unless
    ``readonly``."""
    address = resolve_db_path(path)
    if isinstance(address, PostgresURL):
        from ipkpi.store.postgres.store import PostgresStore

        shared = type("AnalysisPostgresStore", (Analysis, PostgresStore), {})
        return shared(address, readonly, catalogue)
    return AnalysisStore(address, readonly, catalogue)
