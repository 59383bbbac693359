"""Draft a catalogue plan from a plan's own text (``ipkpi targets draft``).

``draft`` reads the document (``readers``), finds its quantified targets in the indicator
tables (``tables``) and sentences (``sentences``, ``kinds``, ``quantities``), names them
(``naming``: a catalogue target's id and measure where the name is the same), checks each
one as the catalogue would (``validate``) and returns a ``DraftPlan``; ``toml_text`` writes
it as a plan file with ``status = "draft"`` and the points to check as ``# 待核实`` comments.
No network, no language model: rules for the way Chinese plans phrase their targets.
"""

from __future__ import annotations

from pathlib import Path

from ipkpi.draft.drafter import draft_plan
from ipkpi.draft.model import DraftPlan
from ipkpi.draft.validate import validated


def draft(
    source: Path,
    city: str,
    catalogue=None,
    *,
    place: str | None = None,
    place_en: str | None = None,
) -> DraftPlan:
    """The draft of the plan in ``source`` for ``city``; with ``catalogue``, its targets'
    ids and measures where a drafted name is one of theirs, and the place as the catalogue
    knows it when it has plans for ``city``."""
    known: list = []
    level = None
    if catalogue is not None:
        known = [t for p in catalogue.plans for t in p.targets]
        if city in catalogue.cities():
            newest = catalogue.plans_for(city)[-1]
            place = place or newest.place
            place_en = place_en or newest.place_en
            level = newest.level
    plan = draft_plan(source, city, known=known, place=place, place_en=place_en, level=level)
    return validated(plan)
