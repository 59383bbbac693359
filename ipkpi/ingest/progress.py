"""Task progress sheets: one row per task with its status, completion date and a note.

A sheet is a progress sheet when a header row (in the first rows) names a task-number
column (任务编号, 序号, 编号, …) and a status column (状态, 进展状态, 完成情况, …). Columns
for the completion date (完成时间), a note (备注, 进展情况) and the task's title are
optional; a title column is for people and is not matched.

The rows are checked strictly: an unknown task number, a status word not understood, a
date that is not a date, a completion date without 已完成 (or 已完成 without a date),
or a task given twice is a located problem and the file is not taken.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ipkpi.catalogue.model import Plan, Task
from ipkpi.errors import InputProblem
from ipkpi.ingest.cells import cell_ref, cell_text, compact
from ipkpi.ingest.reading import Sheet
from ipkpi.messages import Message, msg
from ipkpi.store.records import PROGRESS_WORDS, Progress, TaskProgress

HEADER_SCAN_ROWS = 30

_COLUMN_WORDS = {
    "number": (
        "任务编号",
        "任务序号",
        "序号",
        "编号",
        "任务号",
        "no",
        "no.",
        "task",
        "taskno",
        "tasknumber",
        "number",
    ),
    "status": ("状态", "进展状态", "完成状态", "进度状态", "完成情况", "任务状态", "status"),
    "completed": (
        "完成时间",
        "完成日期",
        "实际完成时间",
        "实际完成日期",
        "completed",
        "completiondate",
        "datecompleted",
    ),
    "note": ("备注", "说明", "进展情况", "工作进展", "进展说明", "note", "notes", "progress"),
    "title": ("任务名称", "任务", "工作任务", "重点任务", "阶段", "title", "tasktitle"),
    "city": ("城市", "地区", "省份", "city", "place"),
}
_WORD_COLUMN = {w: c for c, words in _COLUMN_WORDS.items() for w in words}
_CHINESE_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")


@dataclass
class ProgressRow:
    number: str  # as written
    number_cell: str
    status: Progress
    status_cell: str
    raw_status: str
    completed: dt.date | None
    completed_cell: str | None
    note: str | None
    city: str | None
    city_cell: str | None


@dataclass
class ProgressSheet:
    sheet: str | None
    title: str  # text above the header
    rows: list[ProgressRow]


@lru_cache(maxsize=1 << 12)
def _heading(text: str) -> str:
    return re.sub(r"[(（].*[)）]$", "", compact(text))


def find_header(rows: list[list[object]]) -> tuple[int, dict[str, int]] | None:
    """The header row and its columns (role → index), if this is a progress sheet."""
    for r in range(min(len(rows), HEADER_SCAN_ROWS)):
        columns: dict[str, int] = {}
        for c, value in enumerate(rows[r]):
            if type(value) is not str:
                continue  # a number or a date is no heading
            role = _WORD_COLUMN.get(_heading(value))
            if role and role not in columns:
                columns[role] = c
        if "status" in columns and "number" in columns:
            return r, columns
    return None


def read_progress(
    sheet: Sheet, file: Path, problems: list[InputProblem], today: dt.date
) -> ProgressSheet | None:
    """The sheet's progress rows, or None when it is not a progress sheet. Problems
    (located at their cells) go into ``problems``."""
    rows = sheet.rows
    found = find_header(rows)
    if found is None:
        return None
    header, columns = found

    def problem(message: Message, cell: str | None) -> None:
        problems.append(InputProblem(file, message, sheet=sheet.name, cell=cell))

    title = " ".join(cell_text(v) for row in rows[:header] for v in row if cell_text(v))
    out = []
    for r in range(header + 1, len(rows)):
        row = rows[r]

        def at(role: str, row=row) -> object:
            c = columns.get(role)
            return row[c] if c is not None and c < len(row) else None

        if all(not cell_text(v) for v in row):
            continue
        ref = {role: cell_ref(r, c) for role, c in columns.items()}
        number = cell_text(at("number"))
        if not number:
            if re.match(r"^(注|说明|备注|填报说明|note)", cell_text(row[0]) if row else ""):
                continue  # a notes line under the table
            problem(msg("E-TASK-NUMBER-MISSING"), ref["number"])
            continue
        raw_status = cell_text(at("status"))
        status = PROGRESS_WORDS.get(compact(raw_status))
        if status is None:
            if raw_status:
                problem(msg("E-TASK-STATUS-UNKNOWN", status=raw_status), ref["status"])
            else:
                problem(msg("E-TASK-STATUS-MISSING", number=number), ref["status"])
            continue
        completed = None
        raw_date = at("completed")
        if cell_text(raw_date):
            try:
                completed = parse_date(raw_date)
            except NotADate as exc:
                problem(exc.message, ref["completed"])
                continue
            if status is not Progress.DONE:
                not_done = msg("E-TASK-DATE-NOT-DONE", date=str(completed), status=raw_status)
                problem(not_done, ref["completed"])
                continue
            if completed > today:
                problem(msg("E-TASK-DATE-FUTURE", date=str(completed)), ref["completed"])
                continue
        elif status is Progress.DONE:
            where = ref.get("completed", ref["status"])
            problem(msg("E-TASK-DATE-MISSING", number=number), where)
            continue
        note = cell_text(at("note")) or None
        city = cell_text(at("city")) or None
        out.append(
            ProgressRow(
                number,
                ref["number"],
                status,
                ref["status"],
                raw_status,
                completed,
                ref.get("completed"),
                note,
                city,
                ref.get("city"),
            )
        )
    return ProgressSheet(sheet.name, title, out)


class NotADate(ValueError):
    """A cell that should hold a date and does not; ``message`` says so."""

    def __init__(self, message: Message):
        super().__init__(message.code)
        self.message = message

    def __str__(self) -> str:
        return self.message.text()


def parse_date(raw: object) -> dt.date:
    """A date cell: an Excel date, 2023-12-15, 2023/12/15, 2023.12.15, 2023年12月15日;
    raises ``NotADate`` for anything else."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = cell_text(raw)
    match = _DATE.match(text)
    if match:
        try:
            return dt.date(*(int(g) for g in match.groups()))
        except ValueError:
            pass
    raise NotADate(msg("E-DATE-INVALID", text=text))


def number_key(number: str) -> str:
    """第5项 / 5. / (五) / 任务5 / 第七条 → "5", "7": how a task's or a measure's number is
    matched."""
    text = re.sub(r"[\s()（）.、]", "", cell_text(number))
    text = re.sub(r"^(第|任务|阶段|措施)", "", text)
    text = re.sub(r"(项|条|阶段)$", "", text)
    if text and all(ch in _CHINESE_DIGITS or ch == "十" for ch in text):
        text = str(_chinese_number(text))
    return text.lstrip("0") or text


def _chinese_number(text: str) -> int:
    if "十" not in text:
        return (
            _CHINESE_DIGITS[text]
            if len(text) == 1
            else int("".join(str(_CHINESE_DIGITS[ch]) for ch in text))
        )
    tens, _, units = text.partition("十")
    return (_CHINESE_DIGITS.get(tens, 1) if tens else 1) * 10 + (
        _CHINESE_DIGITS[units] if units else 0
    )


def to_progress(
    sheet: ProgressSheet,
    plan: Plan,
    file: Path,
    problems: list[InputProblem],
) -> list[TaskProgress]:
    """Match each row to a task of ``plan``: by number (1, 第1项, (一)) or id."""
    by_key: dict[str, Task] = {}
    for task in plan.tasks:
        by_key[number_key(task.number)] = task
        by_key[task.id.lower()] = task
    first: dict[str, str] = {}
    out = []
    for row in sheet.rows:
        task = by_key.get(number_key(row.number)) or by_key.get(compact(row.number))
        if task is None:
            numbers = [t.number for t in plan.tasks]
            problems.append(
                InputProblem(
                    file,
                    msg("E-TASK-UNKNOWN", number=row.number, plan=plan.id, numbers=numbers),
                    sheet=sheet.sheet,
                    cell=row.number_cell,
                )
            )
            continue
        if task.id in first:
            problems.append(
                InputProblem(
                    file,
                    msg("E-TASK-TWICE", number=task.number, first=first[task.id]),
                    sheet=sheet.sheet,
                    cell=row.number_cell,
                )
            )
            continue
        first[task.id] = row.number_cell
        if row.completed is not None and row.completed.year < plan.start_year:
            problems.append(
                InputProblem(
                    file,
                    msg("E-TASK-DATE-EARLY", date=str(row.completed), year=plan.start_year),
                    sheet=sheet.sheet,
                    cell=row.completed_cell,
                )
            )
            continue
        out.append(
            TaskProgress(
                plan.city,
                plan.id,
                task.id,
                row.status.value,
                row.completed.isoformat() if row.completed else None,
                row.note,
                row.raw_status,
                sheet.sheet,
                row.status_cell,
            )
        )
    return out
