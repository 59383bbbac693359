"""Work-plan tasks as people read them: titles, deadlines, states and one-sentence
readings, the catalogue's tasks and their assessment as JSON, table rows and CSV rows.
No I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ipkpi.assess.tasks import TASK_STATE_ORDER, TaskAssessment, TasksAssessment, TaskState
from ipkpi.catalogue.model import Plan, Target, Task
from ipkpi.labels import Lang, label
from ipkpi.views.catalogue import plan_heading

TASKS_SCHEMA = "ipkpi.tasks/1"


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


def tasks_title(assessment: TasksAssessment, lang: Lang) -> str:
    heading = plan_heading(assessment.plan, lang)
    return f"{heading} · {label('tasks.title', lang)} · {assessment.as_of.isoformat()}"


def tasks_table(
    assessment: TasksAssessment, lang: Lang, by_lead: bool
) -> tuple[list[dict], list[str], str | None]:
    """The tasks' table: its rows, its columns and the column it is grouped by (a row per
    lead unit and task, grouped by lead, when ``by_lead``; else a row per task)."""
    if by_lead:
        rows = rows_by_lead(assessment.results, lang)
        columns = ["lead", *(c for c in TASK_COLUMNS if c != "lead")]
        return rows, columns, "lead"
    return [task_row(a, lang) for a in assessment.results], list(TASK_COLUMNS), None
