"""Reading one task of a plan file ([[tasks]]): its deadline and start inside the plan."""

from __future__ import annotations

from ipkpi.catalogue.model import Task
from ipkpi.catalogue.problems import FileProblems
from ipkpi.catalogue.schema import TASK_FIELDS
from ipkpi.catalogue.source import Source


def read_task(p: FileProblems, raw: dict, position: int, plan: dict) -> Task | None:
    """The [[tasks]] table at ``position``, or None when it has a problem (recorded in ``p``)."""
    before = len(p.problems)  # an id problem found by entry() counts too
    opened = p.entry(raw, position, "task", TASK_FIELDS)
    if opened is None:
        return None
    data, _, bad = opened
    deadline = None if data["deadline"] == "ongoing" else data["deadline"]
    starts = data.get("starts")
    window = f"{plan['start_year']}–{plan['target_year']}"
    if deadline is not None and not plan["start_year"] <= deadline.year <= plan["target_year"]:
        bad("deadline", f"{deadline} is outside the plan window {window}")
    if starts is not None:
        if deadline is None:
            bad("starts", "an ongoing task has no start date; give a deadline too")
        elif starts > deadline:
            bad("starts", f"{starts} is after the deadline {deadline}")
    if len(p.problems) > before:
        return None
    return Task(
        id=data["id"],
        number=data["number"].strip(),
        title=data["title"],
        text=data["text"],
        deadline=deadline,
        category=data["category"],
        source=Source(document=plan["title"], clause=data["clause"], quote=data["quote"]),
        title_en=data.get("title_en"),
        starts=starts,
        lead=tuple(data.get("lead", ())),
        coordinating=tuple(data.get("coordinating", ())),
        national=tuple(data.get("national", ())),
        reading=data.get("reading"),
    )
