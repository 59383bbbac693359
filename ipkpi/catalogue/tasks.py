"""Reading one task of a plan file ([[tasks]]): its deadline and start inside the plan."""

from __future__ import annotations

from ipkpi.catalogue.model import Task
from ipkpi.catalogue.problems import FileProblems
from ipkpi.catalogue.schema import TASK_FIELDS
from ipkpi.catalogue.source import Source
from ipkpi.messages import msg


def read_task(p: FileProblems, raw: dict, position: int, plan: dict) -> Task | None:
    """The [[tasks]] table at ``position``, or None when it has a problem (recorded in ``p``)."""
    before = len(p.problems)  # an id problem found by entry() counts too
    opened = p.entry(raw, position, "task", TASK_FIELDS)
    if opened is None:
        return None
    data, _, bad = opened
    deadline = None if data["deadline"] == "ongoing" else data["deadline"]
    starts = data.get("starts")
    start, end = plan["start_year"], plan["target_year"]
    if deadline is not None and not start <= deadline.year <= end:
        bad("deadline", msg("E-DEADLINE-OUTSIDE", deadline=deadline, start=start, end=end))
    if starts is not None:
        if deadline is None:
            bad("starts", msg("E-STARTS-ONGOING"))
        elif starts > deadline:
            bad("starts", msg("E-STARTS-AFTER-DEADLINE", starts=starts, deadline=deadline))
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
