"""Work-plan tasks against their deadlines: pure functions over the catalogue's tasks and
the progress reported for them (no I/O).

A task is done on time when it was reported 已完成 with a completion date on or before
its deadline, done late when after it; not done, it is open until the deadline day
(inclusive) and overdue from the day after; a task without a deadline (持续推进) that is
not done is ongoing. Progress is read as of a date: a completion after that date does
not count yet.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from ipkpi.catalogue.model import Plan, Target, Task
from ipkpi.labels import Lang, label
from ipkpi.store.records import Progress, TaskProgress

TASKS_SCHEMA = "ipkpi.tasks/1"


class TaskState(StrEnum):
    DONE_ON_TIME = "done_on_time"
    DONE_LATE = "done_late"
    OPEN = "open"  # not done, deadline not passed
    OVERDUE = "overdue"  # not done, deadline passed
    ONGOING = "ongoing"  # 持续推进: no deadline


TASK_STATE_ORDER = (
    TaskState.OVERDUE,
    TaskState.DONE_LATE,
    TaskState.OPEN,
    TaskState.ONGOING,
    TaskState.DONE_ON_TIME,
)


@dataclass(frozen=True)
class TaskAssessment:
    task: Task
    state: TaskState
    as_of: dt.date
    progress: Progress | None  # None: no progress reported
    completed: dt.date | None = None  # when done by as_of
    days_overdue: int | None = None
    days_late: int | None = None
    days_left: int | None = None  # open: days from as_of to the deadline
    report: TaskProgress | None = None


@dataclass(frozen=True)
class TasksAssessment:
    plan: Plan
    as_of: dt.date
    results: tuple[TaskAssessment, ...]

    def counts(self) -> Counter:
        return Counter(r.state for r in self.results)

    @property
    def overdue(self) -> tuple[TaskAssessment, ...]:
        return tuple(r for r in self.results if r.state is TaskState.OVERDUE)


def assess_task(task: Task, report: TaskProgress | None, as_of: dt.date) -> TaskAssessment:
    progress = Progress(report.status) if report else None
    completed = None
    if progress is Progress.DONE and report.completed:
        day = dt.date.fromisoformat(report.completed)
        if day <= as_of:
            completed = day
        else:  # finished after the as-of date: then it was still under way
            progress = Progress.IN_PROGRESS
    deadline = task.deadline
    if completed is not None:
        if deadline is None or completed <= deadline:
            return TaskAssessment(
                task, TaskState.DONE_ON_TIME, as_of, progress, completed, report=report
            )
        late = (completed - deadline).days
        return TaskAssessment(
            task, TaskState.DONE_LATE, as_of, progress, completed, days_late=late, report=report
        )
    if deadline is None:
        return TaskAssessment(task, TaskState.ONGOING, as_of, progress, report=report)
    if as_of <= deadline:
        left = (deadline - as_of).days
        return TaskAssessment(task, TaskState.OPEN, as_of, progress, days_left=left, report=report)
    overdue = (as_of - deadline).days
    return TaskAssessment(
        task, TaskState.OVERDUE, as_of, progress, days_overdue=overdue, report=report
    )


def assess_tasks(
    plan: Plan, progress: Mapping[str, TaskProgress], as_of: dt.date
) -> TasksAssessment:
    """Each of the plan's tasks, in the document's order, as of ``as_of``; ``progress``
    maps task id → its current report."""
    return TasksAssessment(
        plan, as_of, tuple(assess_task(t, progress.get(t.id), as_of) for t in plan.tasks)
    )


# --- views: JSON, rows, sentences --------------------------------------------------------------


def leads_of(item: Task | Target, lang: Lang = "zh") -> tuple[str, ...]:
    """A task's or target's lead units, or 未明确牵头单位 when the plan names none."""
    return item.lead or (label("lead.none", lang),)


def task_title(task: Task, lang: Lang) -> str:
    return task.title_en if lang == "en" and task.title_en else task.title


def deadline_text(task: Task, lang: Lang) -> str:
    if task.deadline is None:
        return label("task.no_deadline", lang)
    if task.starts is not None:
        return f"{task.starts.isoformat()} – {task.deadline.isoformat()}"
    return task.deadline.isoformat()


def state_text(a: TaskAssessment, lang: Lang) -> str:
    """The state with its number of days: 已逾期 45 天 / overdue 45 days."""
    name = label(f"task_state.{a.state.value}", lang)
    days = a.days_overdue if a.state is TaskState.OVERDUE else a.days_late
    if days is None:
        return name
    return label("task.days", lang, state=name, n=days, s=_s(days))


def reading(a: TaskAssessment, lang: Lang) -> str:
    """One sentence on where the task stands."""
    task = a.task
    if a.state is TaskState.DONE_ON_TIME:
        if task.deadline is None:
            return label("task.reading.done", lang, date=a.completed)
        return label("task.reading.on_time", lang, date=a.completed, deadline=task.deadline)
    if a.state is TaskState.DONE_LATE:
        return label(
            "task.reading.late",
            lang,
            date=a.completed,
            n=a.days_late,
            s=_s(a.days_late),
            deadline=task.deadline,
        )
    reported = (
        label("task.reported", lang, status=label(f"progress.{a.progress.value}", lang))
        if a.progress
        else label("task.unreported", lang)
    )
    if a.state is TaskState.OVERDUE:
        return label(
            "task.reading.overdue",
            lang,
            n=a.days_overdue,
            s=_s(a.days_overdue),
            deadline=task.deadline,
            reported=reported,
        )
    if a.state is TaskState.OPEN:
        if task.starts is not None and a.as_of < task.starts:
            return label("task.reading.not_begun", lang, starts=task.starts, reported=reported)
        if a.days_left == 0:
            return label("task.reading.due_today", lang, reported=reported)
        return label(
            "task.reading.open",
            lang,
            n=a.days_left,
            s=_s(a.days_left),
            deadline=task.deadline,
            reported=reported,
        )
    return label("task.reading.ongoing", lang, reported=reported)


def catalogue_task_dict(t: Task) -> dict[str, Any]:
    """A task as the catalogue holds it."""
    return {
        "id": t.id,
        "number": t.number,
        "title": t.title,
        "title_en": t.title_en,
        "text": t.text,
        "category": t.category,
        "lead": list(t.lead),
        "coordinating": list(t.coordinating),
        "national": list(t.national),
        "starts": t.starts.isoformat() if t.starts else None,
        "deadline": t.deadline.isoformat() if t.deadline else "ongoing",
        "source": {"clause": t.source.clause, "quote": t.source.quote},
        "reading": t.reading,
    }


def catalogue_task_row(t: Task, lang: Lang) -> dict[str, str]:
    sep = "、" if lang == "zh" else ", "
    return {
        "number": t.number,
        "task": task_title(t, lang),
        "lead": sep.join(leads_of(t, lang)),
        "coordinating": sep.join(t.coordinating),
        "deadline": deadline_text(t, lang),
    }


CATALOGUE_TASK_COLUMNS = ("number", "task", "lead", "coordinating", "deadline")


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def task_dict(a: TaskAssessment, lang: Lang = "zh") -> dict[str, Any]:
    t, r = a.task, a.report
    return {
        "id": t.id,
        "number": t.number,
        "title": t.title,
        "title_en": t.title_en,
        "category": t.category,
        "lead": list(t.lead),
        "coordinating": list(t.coordinating),
        "national": list(t.national),
        "starts": t.starts.isoformat() if t.starts else None,
        "deadline": t.deadline.isoformat() if t.deadline else "ongoing",
        "state": a.state.value,
        "state_label": label(f"task_state.{a.state.value}", lang),
        "progress": a.progress.value if a.progress else None,
        "completed": a.completed.isoformat() if a.completed else None,
        "days_overdue": a.days_overdue,
        "days_late": a.days_late,
        "days_left": a.days_left,
        "note": r.note if r else None,
        "reading": reading(a, lang),
        "source": None
        if r is None
        else {"path": r.path, "sheet": r.sheet, "cell": r.cell, "ingested_at": r.ingested_at},
        "quote": t.source.quote,
    }


def tasks_summary(assessment: TasksAssessment) -> dict[str, int]:
    counts = assessment.counts()
    return {"tasks": len(assessment.results), **{s.value: counts[s] for s in TASK_STATE_ORDER}}


def tasks_document(assessment: TasksAssessment, lang: Lang = "zh") -> dict[str, Any]:
    plan = assessment.plan
    return {
        "schema": TASKS_SCHEMA,
        "city": plan.city,
        "place": plan.place,
        "plan": plan.id,
        "as_of": assessment.as_of.isoformat(),
        "summary": tasks_summary(assessment),
        "tasks": [task_dict(a, lang) for a in assessment.results],
    }


TASK_COLUMNS = ("number", "task", "lead", "deadline", "state", "progress_reported", "reading")
TASK_CSV_COLUMNS = (
    "city",
    "plan",
    "number",
    "id",
    "title",
    "lead",
    "coordinating",
    "starts",
    "deadline",
    "state",
    "days_overdue",
    "days_late",
    "progress",
    "completed",
    "note",
    "source",
    "cell",
)


def task_row(a: TaskAssessment, lang: Lang, lead: str | None = None) -> dict[str, str]:
    """A table row; ``lead``: the lead unit the row is listed under (grouping by lead)."""
    return {
        "number": a.task.number,
        "task": task_title(a.task, lang),
        "lead": lead if lead is not None else "、".join(leads_of(a.task, lang)),
        "deadline": deadline_text(a.task, lang),
        "state": state_text(a, lang),
        "progress_reported": label(f"progress.{a.progress.value}", lang)
        if a.progress
        else label("task.unreported", lang),
        "reading": reading(a, lang),
    }


def task_csv_row(a: TaskAssessment, plan: Plan) -> dict[str, Any]:
    t, r = a.task, a.report
    return {
        "city": plan.city,
        "plan": plan.id,
        "number": t.number,
        "id": t.id,
        "title": t.title,
        "lead": "、".join(t.lead),
        "coordinating": "、".join(t.coordinating),
        "starts": t.starts.isoformat() if t.starts else "",
        "deadline": t.deadline.isoformat() if t.deadline else "ongoing",
        "state": a.state.value,
        "days_overdue": a.days_overdue,
        "days_late": a.days_late,
        "progress": a.progress.value if a.progress else "",
        "completed": a.completed.isoformat() if a.completed else "",
        "note": r.note if r and r.note else "",
        "source": r.path if r else "",
        "cell": f"{r.sheet} › {r.cell}" if r and r.sheet else (r.cell if r else ""),
    }


def rows_by_lead(results: Sequence[TaskAssessment], lang: Lang) -> list[dict[str, str]]:
    """One row per (lead unit, task), lead units in order of first appearance; a task led
    jointly appears under each of its leads."""
    leads: dict[str, list[TaskAssessment]] = {}
    for a in results:
        for lead in leads_of(a.task, lang):
            leads.setdefault(lead, []).append(a)
    return [task_row(a, lang, lead) for lead, tasks in leads.items() for a in tasks]


def summary_line(assessment: TasksAssessment, lang: Lang) -> str:
    counts = assessment.counts()
    parts = [
        label("task.count", lang, state=label(f"task_state.{s.value}", lang), n=counts[s])
        for s in TASK_STATE_ORDER
        if counts[s]
    ]
    return label(
        "task.summary",
        lang,
        n=len(assessment.results),
        as_of=assessment.as_of.isoformat(),
        parts=label("list_sep", lang).join(parts),
    )
