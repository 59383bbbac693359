"""A drafted plan's baselines from the store (``targets draft --baselines-from DB``): a new
plan's base year is the old plan's last, whose figures are already stored. A target with no
baseline in the document takes the store's current figure for the year before the plan, its
file, sheet and cell in the baseline's note; a baseline the document states is checked
against the store's figure for its year, and where they differ the draft asks a person, the
document's figure kept. Only a level, increment or growth target has a baseline the
assessment uses; the others are left as they are."""

from __future__ import annotations

from ipkpi.catalogue import units
from ipkpi.draft.model import Baseline, DraftPlan
from ipkpi.errors import SEP
from ipkpi.messages import Message, msg
from ipkpi.store.base import Store
from ipkpi.store.records import StoredObservation

KINDS = ("level", "increment", "growth")


def baselines_from(plan: DraftPlan, store: Store) -> DraftPlan:
    """``plan`` with its baselines filled in, or checked, from ``store``."""
    stored = {
        (o.target_id, o.year): o
        for o in store.observations(city=plan.city)
        if o.current and o.year < plan.start_year
    }
    for target in plan.targets:
        if target.kind not in KINDS or target.left_out:
            continue
        year = target.baseline.year if target.baseline else plan.start_year - 1
        found = stored.get((target.id, year))
        if found is None:
            continue
        unit = target.series_unit if target.kind == "growth" else target.unit
        value = _in_unit(found, unit)
        if value is None:
            target.review.append(msg("draft.review.store_unit", unit=found.unit, wanted=unit))
            continue
        if target.baseline is None:
            note = _provenance(found, value, unit)
            target.baseline = Baseline(year, value, note)
        elif abs(target.baseline.value - value) > 1e-9 * max(1.0, abs(value)):
            target.review.append(
                msg(
                    "draft.review.baseline_differs",
                    year=year,
                    stated=_figure(target.baseline.value),
                    stored=_figure(value),
                    unit=unit,
                    where=_where(found),
                )
            )
        else:
            target.reading.append(msg("draft.reading.baseline_confirmed", where=_where(found)))
    return plan


def _in_unit(found: StoredObservation, unit: str | None) -> float | None:
    if unit is None or found.unit == unit:
        return found.value
    try:
        return float(f"{found.value * units.conversion_factor(found.unit, unit):.12g}")
    except ValueError:
        return None


def _where(found: StoredObservation) -> str:
    parts = [found.path.rsplit("/", 1)[-1], found.sheet, found.cell]
    return SEP.join(str(p) for p in parts if p)


def _figure(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.12g}"


def _provenance(found: StoredObservation, value: float, unit: str) -> Message:
    vintage = msg(f"draft.vintage.{found.vintage}") if found.vintage else ""
    return msg(
        "draft.baseline_from_store",
        year=found.year,
        value=_figure(value),
        unit=unit,
        vintage=vintage,
        where=_where(found),
    )
