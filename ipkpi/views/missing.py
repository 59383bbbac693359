"""The figures still missing for a year (``ipkpi missing``): by lead unit, what each is to
give (填报口径), as table rows, a summary line, a JSON document and CSV rows. No I/O.
"""

from __future__ import annotations

from ipkpi.assess.collect import NO_LEAD, Collection, Figure, Wanted, plan_leads
from ipkpi.catalogue.model import Kind, Target
from ipkpi.labels import Lang, label
from ipkpi.views.numbers import format_number, number
from ipkpi.views.tasks import leads_of

MISSING_SCHEMA = "ipkpi.missing/1"
MISSING_COLUMNS = ("lead", "id", "name", "unit", "asks", "previous")

MISSING_CSV_COLUMNS = (
    "city",
    "plan",
    "year",
    "lead",
    "id",
    "name",
    "unit",
    "previous_year",
    "previous_value",
)


def by_lead(
    collection: Collection, lang: Lang, missing_only: bool = False
) -> list[tuple[str, list[Wanted]]]:
    """(lead unit, its targets), leads in the order the plan first names them, then the
    targets with no lead; a target led jointly is listed under each of its leads (under
    the chosen one only, when the collection is for one lead)."""
    none = label("lead.none", lang)
    groups: dict[str, list[Wanted]] = {lead: [] for lead in [*plan_leads(collection.plan), none]}
    for w in collection.missing if missing_only else collection.wanted:
        for lead in leads_of(w.target, lang):
            if collection.lead in (None, NO_LEAD) or lead == collection.lead:
                groups[lead].append(w)
    return [(lead, group) for lead, group in groups.items() if group]


def asks(target: Target, year: int, lang: Lang = "zh") -> str:
    """Which figure a department is to give for the target, in words (填报口径): the year's
    own figure, the total at the year's end, or the level a rate is worked out from."""
    if target.series_unit is not None:  # growth, or an increase in %: a rate of the series
        return label("asks.series", lang, year=year, unit=target.series_unit)
    if target.kind is Kind.INCREMENT:
        return label("asks.stock", lang, year=year)
    if target.kind is Kind.CUMULATIVE:
        return label("asks.flow", lang, year=year)
    if target.kind is Kind.LEVEL:
        return label("asks.level", lang, year=year)
    return label("asks.each", lang, year=year)


def figure_text(figure: Figure | None) -> str:
    if figure is None:
        return ""
    mark = "*" if figure.vintage == "preliminary" else ""
    return f"{format_number(figure.value)}{mark} ({figure.year})"


def missing_rows(collection: Collection, lang: Lang) -> list[dict[str, str]]:
    """One row per (lead unit, missing target), grouped by lead unit."""
    return [
        {
            "lead": lead,
            "id": w.target.id,
            "name": target_name(w.target, lang),
            "unit": w.target.series_unit_or_unit,
            "asks": asks(w.target, collection.year, lang),
            "previous": figure_text(w.previous),
        }
        for lead, group in by_lead(collection, lang, missing_only=True)
        for w in group
    ]


def target_name(target: Target, lang: Lang) -> str:
    return target.name_en if lang == "en" and target.name_en else target.name


def missing_summary(collection: Collection, lang: Lang) -> str:
    """``南京市2025年：需填报15项指标，缺4项`` — or that every figure is in."""
    plan = collection.plan
    place = plan.place if lang == "zh" else plan.place_en
    who = "" if collection.lead is None else _lead_name(collection.lead, lang)
    n, gaps = len(collection.wanted), len(collection.missing)
    key = "missing.nothing" if not n else "missing.none" if not gaps else "missing.some"
    return label(key, lang, place=place, year=collection.year, n=n, gaps=gaps, lead=who)


def _lead_name(lead: str, lang: Lang) -> str:
    if lead == NO_LEAD:  # the label comes in its own brackets in English
        text = label("lead.none", lang)
        return f"（{text}）" if lang == "zh" else f" {text}"
    return f"（{lead}）" if lang == "zh" else f" ({lead})"


def missing_document(collection: Collection, lang: Lang = "zh") -> dict:
    plan = collection.plan
    return {
        "schema": MISSING_SCHEMA,
        "city": plan.city,
        "plan": plan.id,
        "year": collection.year,
        "lead": collection.lead,
        "needed": len(collection.wanted),
        "missing": len(collection.missing),
        "summary": missing_summary(collection, lang),
        "leads": [
            {
                "lead": lead,
                "targets": [
                    {
                        "id": w.target.id,
                        "name": w.target.name,
                        "name_en": w.target.name_en,
                        "unit": w.target.series_unit_or_unit,
                        "asks": asks(w.target, collection.year, lang),
                        "previous": None if w.previous is None else _figure_dict(w.previous),
                    }
                    for w in group
                ],
            }
            for lead, group in by_lead(collection, lang, missing_only=True)
        ],
    }


def _figure_dict(figure: Figure) -> dict:
    return {"year": figure.year, "value": number(figure.value), "vintage": figure.vintage}


def missing_csv_rows(collection: Collection) -> list[dict]:
    return [
        {
            "city": collection.plan.city,
            "plan": collection.plan.id,
            "year": collection.year,
            "lead": lead,
            "id": w.target.id,
            "name": w.target.name,
            "unit": w.target.series_unit_or_unit,
            "previous_year": None if w.previous is None else w.previous.year,
            "previous_value": None if w.previous is None else number(w.previous.value),
        }
        for lead, group in by_lead(collection, "zh", missing_only=True)
        for w in group
    ]
