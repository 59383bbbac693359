"""The records the store holds and gives back: values with their provenance, the
changes a write made (revisions, figures kept as not current, task progress replaced),
and the progress reported for a work-plan task. Plain data, shared by ingest (which makes
them), the store (which keeps them) and the assessment (which reads them).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple


class Observation(NamedTuple):
    """A value ready to store: in the target's series unit, with where it came from.

    A named tuple, not a dataclass: ingest makes one per cell and a report reads one per
    stored value, hundreds of thousands at a time, and a tuple is built several times faster.
    """

    city: str
    target_id: str
    year: int
    value: float
    unit: str
    plan_id: str
    indicator: str
    raw: str | None
    raw_unit: str | None
    sheet: str | None
    cell: str | None
    vintage: str | None


# An observation as stored: Observation's fields, then its source file and whether it is
# the current value (named tuples cannot extend one another: the fields are copied).
StoredObservation = NamedTuple(
    "StoredObservation",
    [
        *Observation.__annotations__.items(),
        ("path", str),
        ("sha256", str),
        ("ingested_at", str),
        ("current", bool),
    ],
)


@dataclass(frozen=True)
class Revision:
    city: str
    target_id: str
    year: int
    old: float
    new: float
    unit: str
    old_path: str
    cell: str | None


@dataclass(frozen=True)
class Kept:
    """A figure stored as not current because the current one's vintage ranks above it
    (a 快报 after, or beside, the 正式 figure): it is in the history, it is no revision."""

    city: str
    target_id: str
    year: int
    value: float  # the figure kept aside
    vintage: str | None  # its vintage
    current: float  # the figure that stays current
    current_vintage: str | None
    unit: str
    current_path: str  # the file the current figure came from
    cell: str | None  # the kept figure's cell


@dataclass(frozen=True)
class TaskChange:
    """A task's reported progress replaced by a later file's."""

    city: str
    task_id: str
    old: str  # status code
    new: str
    old_completed: str | None
    new_completed: str | None
    old_path: str
    cell: str | None


@dataclass(frozen=True)
class WriteResult:
    already_ingested: bool
    new: int
    unchanged: int
    revisions: tuple[Revision, ...]
    task_changes: tuple[TaskChange, ...] = ()
    kept: tuple[Kept, ...] = ()  # stored as not current: a lower vintage than the current


class Progress(StrEnum):
    """The status a progress sheet reports for a task."""

    DONE = "done"  # 已完成
    IN_PROGRESS = "in_progress"  # 推进中
    NOT_STARTED = "not_started"  # 未启动
    ONGOING = "ongoing"  # 持续推进


# Words a progress sheet may use for each status (after removing spaces), both scripts.
PROGRESS_WORDS: dict[str, Progress] = {
    **dict.fromkeys(
        ("已完成", "完成", "已办结", "办结", "done", "completed", "complete"), Progress.DONE
    ),
    **dict.fromkeys(
        ("推进中", "进行中", "正在推进", "在推进", "推進中", "進行中", "inprogress", "started"),
        Progress.IN_PROGRESS,
    ),
    **dict.fromkeys(
        ("未启动", "未开始", "尚未启动", "未啟動", "未開始", "notstarted"), Progress.NOT_STARTED
    ),
    **dict.fromkeys(("持续推进", "持續推進", "ongoing", "continuing"), Progress.ONGOING),
}


class TaskProgress(NamedTuple):
    """A task's reported progress as stored, with where it came from."""

    city: str
    plan_id: str
    task_id: str
    status: str  # a Progress code
    completed: str | None  # ISO date, only with status done
    note: str | None
    raw_status: str | None
    sheet: str | None
    cell: str | None
    path: str | None = None
    ingested_at: str | None = None
    sha256: str | None = None
