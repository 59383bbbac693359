"""Collecting a year's figures from the lead departments (牵头单位).

The office sends each lead department a fill-in template (``ipkpi template``) and chases
what is still missing (``ipkpi missing``). Both start from the same question, answered
here: which targets need a figure for a year, what figure exactly, and who is to give it.
Plain functions over the catalogue and the store's current values; nothing is printed
(the missing figures' views are in ``ipkpi.views.missing``).
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from ipkpi.catalogue.model import WINDOWED_KINDS, Catalogue, Plan, Target
from ipkpi.catalogue.select import resolve_city
from ipkpi.errors import UnknownLead, UsageError, closest
from ipkpi.labels import LANGS, label
from ipkpi.messages import msg
from ipkpi.store.base import Store

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
    close = [] if partial else closest(key, {_key(lead): lead for lead in leads})
    raise UnknownLead(text, [*leads, NO_LEAD], plan.id, partial, close)


def led_by(target: Target, lead: str | None) -> bool:
    if lead is None:
        return True
    if lead == NO_LEAD:
        return not target.lead
    return lead in target.lead


def default_year(catalogue: Catalogue, city: str, today: dt.date) -> int:
    """Last year's figures (statistics for a year arrive in the next), but no later than
    the last target year of the city's plans."""
    plans = catalogue.plans_for(resolve_city(catalogue, city))
    last = max((p.target_year for p in plans if p.targets), default=today.year - 1)
    return min(today.year - 1, last)


def collect(store: Store | None, plan: Plan, year: int, lead: str | None = None) -> Collection:
    """The targets of ``plan`` that need a figure for ``year`` (led by ``lead``, a lead
    unit's name or part of it, or none), with the figures ``store`` holds for the year and
    the year before; ``store`` may be None (no figures yet). The plan is the caller's
    choice: ``ipkpi.catalogue.select.select_plan(catalogue, city, plan_id, as_of=year)``."""
    if not plan.targets:
        raise UsageError(msg("E-COLLECT-NO-TARGETS", plan=plan.id))
    needing = [t for t in plan.targets if year in figure_years(t, plan)]
    if not needing:
        first = min(figure_years(t, plan).start for t in plan.targets)
        last = max(figure_years(t, plan).stop - 1 for t in plan.targets)
        raise UsageError(msg("E-COLLECT-YEAR", plan=plan.id, year=year, first=first, last=last))
    chosen = None if lead is None else resolve_lead(plan, lead)
    needing = [t for t in needing if led_by(t, chosen)]
    figures = _figures(store, plan.city, {t.id for t in needing}, {year - 1, year})
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


def _figures(
    store: Store | None, city: str, ids: set[str], years: set[int]
) -> dict[tuple[str, int], Figure]:
    if store is None:
        return {}
    rows, _files = store.current_values(city)
    return {
        (target_id, year): Figure(year, value, vintage)
        for target_id, year, value, vintage, _file in rows
        if target_id in ids and year in years
    }


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()
