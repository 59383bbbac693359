"""Choosing a place's plan: for a year, for its tasks, for its reward rules. A place is
named by its slug, its Chinese name with or without its suffix (南京, 南京市), its English
name in any case (Nanjing) or an alias of its plan's header (``resolve_city``). An unknown
place or plan id, or a plan that has nothing of what is asked, is a usage error that says
what there is, and what was probably meant.
"""

from __future__ import annotations

import datetime as dt

from ipkpi.catalogue.model import Catalogue, Plan
from ipkpi.catalogue.places import find_place, forms, names, place_index, place_key
from ipkpi.errors import UnknownCity, UnknownPlan, UsageError, closest
from ipkpi.messages import msg


def resolve_city(catalogue: Catalogue, text: str) -> str:
    """The slug of the place ``text`` names: its slug, its Chinese name with or without its
    suffix (南京, 南京市, 江苏省南京市; traditional characters too), its English name in any
    case, or an alias of its plan's header. Else ``UnknownCity``, naming the closest."""
    cities = catalogue.cities()
    if text in cities:
        return text
    slug = find_place(place_index(catalogue.headers), text)
    if slug is not None:
        return slug
    shown = {h.city: msg("place.shown", city=h.city, place=h.place) for h in catalogue.headers}
    spellings = {key: h.city for h in catalogue.headers for name in names(h) for key in forms(name)}
    close = closest(place_key(text), spellings)
    raise UnknownCity(text, [shown[c] for c in cities], [shown[c] for c in close])


def select_plan(
    catalogue: Catalogue, city: str, plan_id: str | None = None, as_of: int | None = None
) -> Plan:
    """The plan for ``city``: ``plan_id`` if given, else the one whose window holds
    ``as_of`` (the latest such), else the one with the latest target year."""
    city = resolve_city(catalogue, city)
    plans = catalogue.plans_for(city)
    if plan_id is not None:
        for plan in plans:
            if plan.id == plan_id:
                return plan
        ids = [p.id for p in plans]
        close = closest(plan_id.strip().lower(), {i.lower(): i for i in ids})
        raise UnknownPlan(plan_id, ids, city=city, close=close)
    if as_of is not None:
        covering = [p for p in plans if p.covers(as_of)]
        if covering:
            return covering[-1]
    return plans[-1]


def report_plan(catalogue: Catalogue, city: str, plan_id: str | None, as_of: int) -> Plan:
    """The plan a report is about (see ``select_plan``); one with reward rules only has
    nothing to report: a usage error pointing to ``ipkpi rewards``."""
    plan = select_plan(catalogue, city, plan_id, as_of)
    if not plan.targets and not plan.tasks:
        raise UsageError(msg("E-PLAN-NOTHING-TO-REPORT", plan=plan.id, city=plan.city))
    return plan


def tasks_plan(catalogue: Catalogue, city: str, as_of: dt.date, plan_id: str | None = None) -> Plan:
    """The plan whose tasks to assess: ``plan_id``, else the city's plan with tasks whose
    window holds ``as_of``'s year, else its latest plan with tasks."""
    city = resolve_city(catalogue, city)
    if plan_id is not None:
        plan = select_plan(catalogue, city, plan_id)
        if not plan.tasks:
            raise UsageError(msg("E-PLAN-NO-TASKS", plan=plan.id))
        return plan
    plans = [p for p in catalogue.plans_for(city) if p.tasks]
    if not plans:
        places = catalogue.cities_with("tasks")
        raise UsageError(msg("E-CITY-NO-TASKS", city=city, places=places))
    covering = [p for p in plans if p.covers(as_of.year)]
    return (covering or plans)[-1]


def rules_plan(catalogue, city: str, plan_id: str | None = None) -> Plan:
    """The city's plan (``plan_id``, else its latest) if it has reward rules; else a usage
    error naming the places that have some."""
    plan = select_plan(catalogue, city, plan_id)
    if not plan.rules:
        places = catalogue.cities_with("rules")
        raise UsageError(msg("E-CITY-NO-RULES", city=plan.city, places=places))
    return plan


def reportable_cities(catalogue: Catalogue) -> list[str]:
    """Cities with targets or tasks (a plan of reward rules only has nothing to report)."""
    found = set(catalogue.cities_with("targets")) | set(catalogue.cities_with("tasks"))
    return sorted(found)
