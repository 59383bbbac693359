"""Comparing places on an indicator their plans share.

Targets of different plans say they measure the same thing with a shared ``measure`` key
in the catalogue (a narrower definition after a dot: ``invention_patents_per_10k.high_value``
is part of ``invention_patents_per_10k``). Each place is assessed exactly as
``ipkpi report`` assesses it, so the figures, progress and status here are the report's;
places are sorted by status and then by progress towards their own target, since their
definitions, units and target years may differ, and their values then cannot be ranked.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ipkpi.assess.engine import (
    DEFAULT_THRESHOLDS,
    STATUS_ORDER,
    Assessment,
    Method,
    Status,
    Thresholds,
)
from ipkpi.assess.report import build_report, report_row, rounded, target_name
from ipkpi.catalogue.model import Catalogue, Plan, Target
from ipkpi.catalogue.select import report_plan
from ipkpi.errors import UnknownMeasure
from ipkpi.labels import Lang, label

COMPARE_SCHEMA = "ipkpi.compare/1"
COMPARE_COLUMNS = ("rank", "place", "name", "unit", "actual", "target", "progress", "status")


@dataclass(frozen=True)
class Compared:
    plan: Plan
    assessment: Assessment

    @property
    def target(self) -> Target:
        return self.assessment.target


@dataclass(frozen=True)
class Comparison:
    measure: str
    as_of: int
    rows: tuple[Compared, ...]  # best progress first; no figures last

    @property
    def same_definition(self) -> bool:
        """Whether every place words, counts and measures the indicator alike."""
        keys = {(r.target.measure, r.target.kind, r.target.unit) for r in self.rows}
        return len(keys) <= 1


def measures(catalogue: Catalogue) -> dict[str, list[tuple[Plan, Target]]]:
    """Every measure the catalogue's targets carry → (plan, target), measures sorted."""
    found: dict[str, list[tuple[Plan, Target]]] = {}
    for plan in catalogue.plans:
        for target in plan.targets:
            if target.measure:
                found.setdefault(target.measure, []).append((plan, target))
    return dict(sorted(found.items()))


def compare(
    catalogue: Catalogue,
    store,
    measure: str,
    *,
    as_of: int,
    method: Method = Method.LINEAR,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Comparison:
    """Each place whose plan for ``as_of`` has a target measuring ``measure`` (or a
    narrower definition of it), assessed on the store's figures up to ``as_of``."""
    known = measures(catalogue)
    # a measure, and every broader one its dotted name starts with (a, a.b for a.b.c)
    parts = [m.split(".") for m in known]
    families = {".".join(p[:n]) for p in parts for n in range(1, len(p) + 1)}
    if measure not in families:
        raise UnknownMeasure(measure, sorted(families))
    rows = []
    for city in catalogue.cities_with("targets"):
        plan = report_plan(catalogue, city, None, as_of)
        if not any(t.measures(measure) for t in plan.targets):
            continue  # no store reads for a place that does not measure it
        report = build_report(
            catalogue,
            store,
            city,
            as_of=as_of,
            method=method,
            thresholds=thresholds,
            evidence=False,
        )
        rows += [Compared(report.plan, a) for a in report.results if a.target.measures(measure)]
    rows.sort(key=_order)
    return Comparison(measure, as_of, tuple(rows))


def _order(row: Compared) -> tuple:
    """Best status first (met, achieved, on track, … no data), then the most progress."""
    ratio = row.assessment.progress_ratio
    rank = STATUS_ORDER.index(row.assessment.status)
    return (rank, ratio is None, -(ratio or 0.0), row.plan.city, row.target.id)


def ranked(row: Compared) -> bool:
    return row.assessment.status is not Status.NO_DATA


# --- views -------------------------------------------------------------------------------


def place_name(plan: Plan, lang: Lang) -> str:
    return plan.place if lang == "zh" else plan.place_en


def compare_rows(comparison: Comparison, lang: Lang) -> list[dict[str, str]]:
    rows = []
    for rank, row in enumerate(comparison.rows, start=1):
        cells = report_row(row.assessment, lang)
        rows.append(
            {
                "rank": str(rank) if ranked(row) else "",
                "place": place_name(row.plan, lang),
                **{k: cells[k] for k in COMPARE_COLUMNS[2:]},
                "status_code": cells["status_code"],
            }
        )
    return rows


def compare_notes(comparison: Comparison, lang: Lang) -> list[str]:
    """What a reader must know to read the table: how the population basis is given, and
    that the definitions differ when they do."""
    notes = []
    stated = [r for r in comparison.rows if r.target.population_basis]
    # A plan silent on the basis matters only for ratios per head (万人, 每万人口).
    silent = [
        place_name(r.plan, lang)
        for r in comparison.rows
        if not r.target.population_basis and "万人" in r.target.name
    ]
    sep = label("list_sep", lang)
    for r in stated:
        notes.append(
            label(
                "compare.basis",
                lang,
                place=place_name(r.plan, lang),
                basis=r.target.population_basis,
            )
        )
    if silent:
        notes.append(label("compare.basis_silent", lang, places=sep.join(dict.fromkeys(silent))))
    if not comparison.same_definition:
        notes.append(label("compare.differ", lang))
    return notes


def compare_title(comparison: Comparison, lang: Lang) -> str:
    return label("compare.title", lang, measure=comparison.measure, as_of=comparison.as_of)


def compare_document(comparison: Comparison, lang: Lang = "zh") -> dict[str, Any]:
    from ipkpi.assess.report import assessment_dict

    return {
        "schema": COMPARE_SCHEMA,
        "measure": comparison.measure,
        "as_of": comparison.as_of,
        "same_definition": comparison.same_definition,
        "notes": compare_notes(comparison, lang),
        "places": [
            {
                "rank": rank if ranked(row) else None,
                "city": row.plan.city,
                "place": row.plan.place,
                "place_en": row.plan.place_en,
                "plan": row.plan.id,
                "measure": row.target.measure,
                "population_basis": row.target.population_basis,
                **assessment_dict(row.assessment, lang),
            }
            for rank, row in enumerate(comparison.rows, start=1)
        ],
    }


COMPARE_CSV_COLUMNS = (
    "rank",
    "city",
    "place",
    "plan",
    "measure",
    "id",
    "name",
    "unit",
    "kind",
    "comparator",
    "target",
    "target_year",
    "latest_year",
    "latest_value",
    "actual",
    "progress_ratio",
    "status",
    "population_basis",
)


def compare_csv_rows(comparison: Comparison) -> list[dict[str, Any]]:
    out = []
    for rank, row in enumerate(comparison.rows, start=1):
        a, t = row.assessment, row.target
        out.append(
            {
                "rank": rank if ranked(row) else None,
                "city": row.plan.city,
                "place": row.plan.place,
                "plan": row.plan.id,
                "measure": t.measure,
                "id": t.id,
                "name": target_name(a, "zh"),
                "unit": t.unit,
                "kind": t.kind.value,
                "comparator": t.comparator.value,
                "target": rounded(t.value),
                "target_year": t.target_year,
                "latest_year": a.latest.year if a.latest else None,
                "latest_value": rounded(a.latest.value) if a.latest else None,
                "actual": rounded(a.actual),
                "progress_ratio": rounded(a.progress_ratio),
                "status": a.status.value,
                "population_basis": t.population_basis,
            }
        )
    return out


MEASURE_COLUMNS = ("shared_measure", "places")


def measures_document(catalogue: Catalogue) -> dict[str, list[str]]:
    """measure → its targets as ``city:target``, for ``ipkpi compare -f json``."""
    return {m: [f"{p.city}:{t.id}" for p, t in found] for m, found in measures(catalogue).items()}


def measure_rows(catalogue: Catalogue, lang: Lang) -> list[dict[str, str]]:
    """The catalogue's measures: which place's target carries each (for ``ipkpi compare``
    without --measure)."""
    sep = label("list_sep", lang)
    return [
        {
            "shared_measure": measure,
            "places": sep.join(
                f"{place_name(p, lang)} {t.name if lang == 'zh' or not t.name_en else t.name_en}"
                for p, t in found
            ),
        }
        for measure, found in measures(catalogue).items()
    ]
