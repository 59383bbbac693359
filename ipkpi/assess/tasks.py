"""Work-plan tasks against their deadlines: pure functions over the catalogue's tasks and
the progress reported for them (no I/O; their views are in ``ipkpi.views.tasks``).

A task is done on time when it was reported 已完成 with a completion date on or before
its deadline, done late when after it; not done, it is open until the deadline day
(inclusive) and overdue from the day after; a task without a deadline (持续推进) that is
not done is ongoing. Progress is read as of a date: a completion after that date does
not count yet.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from ipkpi.catalogue.model import Plan, Task
from ipkpi.store.records import Progress, TaskProgress


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
