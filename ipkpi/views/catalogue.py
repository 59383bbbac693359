"""Plain-data views of the catalogue: the documented JSON schema and table rows.

Every output format (table, Markdown, CSV, JSON) is built from these, so they
cannot disagree. No I/O here.
"""

from __future__ import annotations

from typing import Any

from ipkpi.catalogue.model import Kind, Plan, Target
from ipkpi.labels import Lang, label
from ipkpi.views.numbers import format_number, number

TARGETS_SCHEMA = "ipkpi.targets/1"
CITIES_SCHEMA = "ipkpi.cities/1"


def plan_heading(plan: Plan, lang: Lang) -> str:
    """The plan as a heading: its title, with the place's name in English."""
    return label("plan_of", lang, place=plan.place, place_en=plan.place_en, title=plan.title)


def plan_dict(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.id,
        "city": plan.city,
        "place": plan.place,
        "place_en": plan.place_en,
        "level": plan.level,
        "title": plan.title,
        "document_number": plan.document_number,
        "issued": plan.issued.isoformat() if plan.issued else None,
        "start_year": plan.start_year,
        "target_year": plan.target_year,
        "source": plan.source,
    }


def target_dict(target: Target) -> dict[str, Any]:
    """One target in the stable JSON schema documented in the README."""
    baseline = target.baseline
    return {
        "id": target.id,
        "name": target.name,
        "name_en": target.name_en,
        "aliases": list(target.aliases),
        "category": target.category,
        "subcategory": target.subcategory,
        "lead": list(target.lead),
        "kind": target.kind.value,
        "comparator": target.comparator.value,
        "target": number(target.value),
        "unit": target.unit,
        "series_unit": target.series_unit,
        "tolerance": number(target.tolerance),
        "target_year": target.target_year,
        "window": list(target.window) if target.window else None,
        "baseline": None
        if baseline is None
        else {"year": baseline.year, "value": number(baseline.value), "note": baseline.note},
        "direction": target.direction.value,
        "nature": target.nature.value if target.nature else None,
        "measure": target.measure,
        "population_basis": target.population_basis,
        "source": {
            "document": target.source.document,
            "clause": target.source.clause,
            "quote": target.source.quote,
        },
        "reading": target.reading,
    }


def targets_document(plan: Plan) -> dict[str, Any]:
    # Imported here: ipkpi.views.tasks and ipkpi.views.rewards import this module.
    from ipkpi.views.rewards import rule_dict
    from ipkpi.views.tasks import catalogue_task_dict

    return {
        "schema": TARGETS_SCHEMA,
        "plan": plan_dict(plan),
        "targets": [target_dict(t) for t in plan.targets],
        "tasks": [catalogue_task_dict(t) for t in plan.tasks],
        "quantities": [
            {"id": q.id, "name": q.name, "name_en": q.name_en, "unit": q.unit, "type": q.type.value}
            for q in plan.quantities
        ],
        "rules": [rule_dict(r) for r in plan.rules],
    }


def target_requirement(target: Target, lang: Lang) -> str:
    """The target as an official reads it: ``≥ 50 件``, ``> 30 项``, ``≈ 15 % (±0.75)``."""
    if target.kind is Kind.RISE:
        return label(f"rise.{target.direction.value}", lang)
    text = (
        f"{label('comparator.' + target.comparator.value, lang)} "
        f"{format_number(target.value)} {target.unit}"
    )
    if target.tolerance is not None:
        text += f" (±{format_number(round(target.tolerance, 6))})"
    return text


def target_row(target: Target, lang: Lang) -> dict[str, str]:
    """A target as a table row (strings only), keyed by column."""
    name = target.name if lang == "zh" or not target.name_en else target.name_en
    baseline = target.baseline
    return {
        "category": target.category,
        "id": target.id,
        "name": name,
        "kind": label(f"kind.{target.kind.value}", lang),
        "target": target_requirement(target, lang),
        "target_year": str(target.target_year),
        "baseline": f"{format_number(baseline.value)} ({baseline.year})" if baseline else "",
        "lead": "、".join(target.lead) if lang == "zh" else ", ".join(target.lead),
    }


TARGET_COLUMNS = ("category", "id", "name", "kind", "target", "target_year", "baseline", "lead")

# CSV carries every field an analyst may want, flat.
TARGET_CSV_COLUMNS = (
    "plan",
    "id",
    "name",
    "name_en",
    "category",
    "subcategory",
    "kind",
    "comparator",
    "target",
    "unit",
    "series_unit",
    "tolerance",
    "target_year",
    "window_start",
    "window_end",
    "baseline_year",
    "baseline_value",
    "direction",
    "nature",
    "lead",
    "clause",
    "quote",
    "reading",
)


def target_csv_row(plan: Plan, target: Target) -> dict[str, Any]:
    d = target_dict(target)
    baseline = d["baseline"] or {}
    window = d["window"] or [None, None]
    return {
        "plan": plan.id,
        **{
            k: d[k]
            for k in (
                "id",
                "name",
                "name_en",
                "category",
                "subcategory",
                "kind",
                "comparator",
                "target",
                "unit",
                "series_unit",
                "tolerance",
                "target_year",
                "direction",
                "nature",
                "reading",
            )
        },
        "window_start": window[0],
        "window_end": window[1],
        "baseline_year": baseline.get("year"),
        "baseline_value": baseline.get("value"),
        "lead": "、".join(target.lead),
        "clause": target.source.clause,
        "quote": target.source.quote,
    }


def cities_document(plans: list[Plan]) -> dict[str, Any]:
    return {
        "schema": CITIES_SCHEMA,
        "plans": [{**plan_dict(p), "targets": len(p.targets)} for p in plans],
    }


CITY_COLUMNS = ("city", "place", "plan", "window", "targets", "title")


def city_row(plan: Plan, lang: Lang) -> dict[str, str]:
    return {
        "city": plan.city,
        "place": plan.place if lang == "zh" else plan.place_en,
        "plan": plan.id,
        "window": f"{plan.start_year}–{plan.target_year}",
        "targets": str(len(plan.targets)),
        "title": plan.title,
    }
