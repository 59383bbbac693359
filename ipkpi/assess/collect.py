"""Collecting a year's figures from the lead departments (牵头单位).

The office sends each lead department a fill-in template (``ipkpi template``) and chases
what is still missing (``ipkpi missing``). Both start from the same question, answered
here: which targets need a figure for a year, what figure exactly, and who is to give it.
Plain functions over the catalogue and the store's current values; nothing is printed.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from ipkpi.assess.tasks import leads_of
from ipkpi.catalogue.model import WINDOWED_KINDS, Catalogue, Kind, Plan, Target
from ipkpi.catalogue.select import select_plan
from ipkpi.errors import UnknownCity, UnknownLead, UsageError
from ipkpi.labels import LANGS, Lang, label
from ipkpi.views.catalogue import format_number, number

NO_LEAD = "none"  # --lead none: the targets for which the plan names no lead unit
_NO_LEAD_WORDS = ("none", "无", "未明确")


class Figure(NamedTuple):
    year: int
    value: float
    vintage: str | None  # preliminary | final | revised | None


@dataclass(frozen=True)
class Wanted:
    """A target that needs a figure for the year, with what the store holds for it."""

    target: Target
    previous: Figure | None  # the year before's figure, for reference
    stored: Figure | None  # the figure already stored for the year


@dataclass(frozen=True)
class Collection:
    """The targets of a plan needing a figure for ``year`` (those of ``lead`` only, when
    given), in plan order."""

    plan: Plan
    year: int
    lead: str | None  # a lead unit of the plan, NO_LEAD, or None for every target
    wanted: tuple[Wanted, ...]

    @property
    def missing(self) -> tuple[Wanted, ...]:
        return tuple(w for w in self.wanted if w.stored is None)

    def by_lead(self, lang: Lang, missing_only: bool = False) -> list[tuple[str, list[Wanted]]]:
        """(lead unit, its targets), leads in the order the plan first names them, then the
        targets with no lead; a target led jointly is listed under each of its leads (under
        the chosen one only, when the collection is for one lead)."""
        none = label("lead.none", lang)
        groups: dict[str, list[Wanted]] = {lead: [] for lead in [*plan_leads(self.plan), none]}
        for w in self.missing if missing_only else self.wanted:
            for lead in leads_of(w.target, lang):
                if self.lead in (None, NO_LEAD) or lead == self.lead:
                    groups[lead].append(w)
        return [(lead, group) for lead, group in groups.items() if group]


def figure_years(target: Target, plan: Plan) -> range:
    """The years whose figures the target is assessed on: its window for cumulative,
    annual and average targets; otherwise from its start to its target year, the start
    being the year after the catalogue's baseline, else the year before the plan (whose
    figure is the measured baseline, or the first year a rise is compared with)."""
    if target.kind in WINDOWED_KINDS and target.window is not None:
        first, last = target.window
        return range(first, last + 1)
    first = target.baseline.year + 1 if target.baseline else plan.start_year - 1
    return range(first, target.target_year + 1)


def plan_leads(plan: Plan) -> list[str]:
    """The plan's lead units, in the order its targets first name them."""
    return list(dict.fromkeys(lead for t in plan.targets for lead in t.lead))


def resolve_lead(plan: Plan, text: str) -> str:
    """The lead unit ``text`` names: exactly, or as the one lead unit containing it
    (省知识产权局 → 省市场监管局(省知识产权局)); NO_LEAD for none/无/未明确牵头单位."""
    key = _key(text)
    no_lead = {_key(w) for w in _NO_LEAD_WORDS} | {_key(label("lead.none", x)) for x in LANGS}
    if key in no_lead:
        return NO_LEAD
    leads = plan_leads(plan)
    for lead in leads:
        if _key(lead) == key:
            return lead
    partial = [lead for lead in leads if key and key in _key(lead)]
    if len(partial) == 1:
        return partial[0]
    raise UnknownLead(text, [*leads, NO_LEAD], plan.id, partial)


def led_by(target: Target, lead: str | None) -> bool:
    if lead is None:
        return True
    if lead == NO_LEAD:
        return not target.lead
    return lead in target.lead


def default_year(catalogue: Catalogue, city: str, today: dt.date) -> int:
    """Last year's figures (statistics for a year arrive in the next), but no later than
    the last target year of the city's plans."""
    plans = catalogue.plans_for(city)
    if not plans:
        raise UnknownCity(city, catalogue.cities())
    last = max((p.target_year for p in plans if p.targets), default=today.year - 1)
    return min(today.year - 1, last)


def collect(
    catalogue: Catalogue,
    store,
    city: str,
    year: int,
    lead: str | None = None,
    plan_id: str | None = None,
) -> Collection:
    """The targets of ``city``'s plan for ``year`` that need a figure for that year (led by
    ``lead``, a lead unit's name or part of it, or none), with the figures ``store``
    holds for the year and the year before; ``store`` may be None (no figures yet)."""
    plan = select_plan(catalogue, city, plan_id, as_of=year)
    if not plan.targets:
        raise UsageError(f"{plan.id} has no targets, only tasks or rules: no figures to collect")
    needing = [t for t in plan.targets if year in figure_years(t, plan)]
    if not needing:
        first = min(figure_years(t, plan).start for t in plan.targets)
        last = max(figure_years(t, plan).stop - 1 for t in plan.targets)
        raise UsageError(
            f"no target of {plan.id} needs a {year} figure; its targets need {first}–{last}"
        )
    chosen = None if lead is None else resolve_lead(plan, lead)
    needing = [t for t in needing if led_by(t, chosen)]
    figures = _figures(store, city, {t.id for t in needing}, {year - 1, year})
    wanted = tuple(
        Wanted(t, figures.get((t.id, year - 1)), figures.get((t.id, year))) for t in needing
    )
    return Collection(plan, year, chosen, wanted)


def per_lead(collection: Collection) -> list[Collection]:
    """The collection split by lead unit, leads in plan order, then the targets with no
    lead; a target led jointly is in each of its leads' collections."""
    leads = [*plan_leads(collection.plan)]
    if any(not w.target.lead for w in collection.wanted):
        leads.append(NO_LEAD)
    split = [
        Collection(
            collection.plan,
            collection.year,
            lead,
            tuple(w for w in collection.wanted if led_by(w.target, lead)),
        )
        for lead in leads
    ]
    return [c for c in split if c.wanted]


def _figures(store, city: str, ids: set[str], years: set[int]) -> dict[tuple[str, int], Figure]:
    if store is None:
        return {}
    rows, _files = store.current_values(city)
    return {
        (target_id, year): Figure(year, value, vintage)
        for target_id, year, value, vintage, _file in rows
        if target_id in ids and year in years
    }


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


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


# --- views: the missing figures as rows and a document ----------------------------------

MISSING_SCHEMA = "ipkpi.missing/1"
MISSING_COLUMNS = ("lead", "id", "name", "unit", "asks", "previous")


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
        for lead, group in collection.by_lead(lang, missing_only=True)
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
            for lead, group in collection.by_lead(lang, missing_only=True)
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
        for lead, group in collection.by_lead("zh", missing_only=True)
        for w in group
    ]


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
