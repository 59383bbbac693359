"""Choosing a place's plan: for a year, for its tasks, for its reward rules. An unknown
place or plan id, or a plan that has nothing of what is asked, is a usage error that says
what there is.
"""

from __future__ import annotations

import datetime as dt

from ipkpi.catalogue.model import Catalogue, Plan
from ipkpi.errors import UnknownCity, UnknownPlan, UsageError


def select_plan(
    catalogue: Catalogue, city: str, plan_id: str | None = None, as_of: int | None = None
) -> Plan:
    """The plan for ``city``: ``plan_id`` if given, else the one whose window holds
    ``as_of`` (the latest such), else the one with the latest target year."""
    plans = catalogue.plans_for(city)
    if not plans:
        raise UnknownCity(city, catalogue.cities())
    if plan_id is not None:
        for plan in plans:
            if plan.id == plan_id:
                return plan
        raise UnknownPlan(plan_id, [p.id for p in plans], city=city)
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
        raise UsageError(
            f"plan {plan.id} has no targets or tasks to report on; its reward rules are "
            f"applied with ipkpi rewards --city {city} CLAIMS.xlsx"
        )
    return plan


def tasks_plan(catalogue: Catalogue, city: str, as_of: dt.date, plan_id: str | None = None) -> Plan:
    """The plan whose tasks to assess: ``plan_id``, else the city's plan with tasks whose
    window holds ``as_of``'s year, else its latest plan with tasks."""
    if plan_id is not None:
        plan = select_plan(catalogue, city, plan_id)
        if not plan.tasks:
            raise UsageError(f"plan {plan.id} has no tasks")
        return plan
    plans = [p for p in catalogue.plans_for(city) if p.tasks]
    if not plans:
        select_plan(catalogue, city)  # an unknown city says so first
        places = ", ".join(catalogue.cities_with("tasks"))
        raise UsageError(f"{city} has no tasks in the catalogue; places with tasks: {places}")
    covering = [p for p in plans if p.covers(as_of.year)]
    return (covering or plans)[-1]


def rules_plan(catalogue, city: str, plan_id: str | None = None) -> Plan:
    """The city's plan (``plan_id``, else its latest) if it has reward rules; else a usage
    error naming the places that have some."""
    plan = select_plan(catalogue, city, plan_id)
    if not plan.rules:
        places = ", ".join(catalogue.cities_with("rules"))
        raise UsageError(
            f"{city} has no reward rules in the catalogue; places with rules: {places}"
        )
    return plan


def reportable_cities(catalogue: Catalogue) -> list[str]:
    """Cities with targets or tasks (a plan of reward rules only has nothing to report)."""
    found = set(catalogue.cities_with("targets")) | set(catalogue.cities_with("tasks"))
    return sorted(found)
