"""Plain-data views of the catalogue: the documented JSON schema and table rows.

Every output format (table, Markdown, CSV, JSON) is built from these, so they
cannot disagree. No I/O here.
"""

from __future__ import annotations

from typing import Any

from ipkpi.catalogue.model import Catalogue, Kind, Plan, Target
from ipkpi.errors import colon, display_path, error_line
from ipkpi.labels import Lang, label
from ipkpi.messages import say
from ipkpi.views.numbers import format_number, number

CITIES_SCHEMA = "ipkpi.cities/1"


def plan_heading(plan: Plan, lang: Lang) -> str:
    """The plan as a heading: its title, with the place's name in English; a draft's says
    so (（草案）)."""
    heading = label("plan_of", lang, place=plan.place, place_en=plan.place_en, title=plan.title)
    return heading + label("plan_draft", lang) if plan.draft else heading


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
        **({"status": plan.status} if plan.draft else {}),  # only a draft's: as before if not
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


def by_category(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Rows grouped by category, categories in the order the document first names them."""
    first: dict[str, int] = {}
    for i, row in enumerate(rows):
        first.setdefault(row["category"], i)
    return sorted(rows, key=lambda row: first[row["category"]])


def plan_title(plan: Plan, lang: Lang, what: str = "targets") -> str:
    """``南京市… · nanjing-2022-2025 · 15项指标``: a plan's heading over its targets, tasks or
    rules."""
    n = {"targets": len(plan.targets), "tasks": len(plan.tasks), "rules": len(plan.rules)}[what]
    return f"{plan_heading(plan, lang)} · {plan.id} · {label('n_' + what, lang, n=n)}"


def _count(n: int, noun: str, lang: Lang) -> str:
    """``1 plan``, ``5 plans``, ``5个规划``."""
    return say(f"cli.check.{noun}" + ("" if n == 1 else "s"), lang, n=n)


def check_lines(catalogue: Catalogue, lang: Lang) -> list[str]:
    """What a valid catalogue holds: a summary line, a line per plan, then OK (目标目录无误)."""
    plans = [p for city in catalogue.cities() for p in catalogue.plans_for(city)]
    total = sum(len(p.targets) for p in plans)
    parts = [_count(len(plans), "plan", lang), _count(total, "target", lang)]
    for what in ("tasks", "rules"):
        n = sum(len(getattr(p, what)) for p in plans)
        if n:
            parts.append(_count(n, what[:-1], lang))
    summary = ("，" if lang == "zh" else ", ").join(parts)
    lines = [f"{display_path(catalogue.folder)}{colon(lang)}{summary}"]
    for p in plans:
        held = [
            say(f"cli.check.held.{what}", lang, n=n)
            for what, n in (
                ("targets", len(p.targets)),
                ("tasks", len(p.tasks)),
                ("rules", len(p.rules)),
            )
            if n or what == "targets"
        ]
        joined = ("，" if lang == "zh" else ", ").join(held)
        lines.append(f"  {p.id:<26} {p.start_year}–{p.target_year}  {joined}  {p.file.name}")
    drafts = [
        error_line(
            "W-PLAN-DRAFT",
            say("W-PLAN-DRAFT", lang, file=display_path(p.file), plan=p.id),
            lang,
            kind="warning",
        )
        for p in plans
        if p.draft
    ]
    return [*lines, *drafts, say("cli.check.ok", lang)]
