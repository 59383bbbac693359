"""A comparison of places as people read it: ranked table rows, the notes a reader needs,
the title, a JSON document and CSV rows; the catalogue's shared measures. No I/O.
"""

from __future__ import annotations

from typing import Any

from ipkpi.assess.compare import Comparison, measures, ranked
from ipkpi.catalogue.model import Catalogue, Plan
from ipkpi.labels import Lang, label
from ipkpi.views.numbers import rounded
from ipkpi.views.report import assessment_dict, report_row, target_name

COMPARE_SCHEMA = "ipkpi.compare/1"
COMPARE_COLUMNS = ("rank", "place", "name", "unit", "actual", "target", "progress", "status")


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
