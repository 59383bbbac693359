"""The Excel summary's tasks sheet: each task of a plan against its deadline (overdue in
red), with the progress reported for it and where that was read."""

from __future__ import annotations

from pathlib import Path

from ipkpi.assess.report import Report
from ipkpi.assess.tasks import TaskState
from ipkpi.labels import Lang, label
from ipkpi.output.excel_layout import HEADER_ROW, place_name, write_headings, write_title
from ipkpi.output.xlsx import Sheet, sheet_name
from ipkpi.views.tasks import deadline_text, leads_of, reading, task_title

TASK_FILLS = {
    "overdue": "#F8CBAD",
    "done_late": "#FFE699",
    "done_on_time": "#C6EFCE",
    "ongoing": "#DDEBF7",
}
TASK_SHEET_COLUMNS = (
    "number",
    "task",
    "lead",
    "coordinating",
    "deadline",
    "state",
    "days",
    "progress_reported",
    "completed",
    "note",
    "reading",
    "source",
)


def write_tasks(workbook, formats, report: Report, lang: Lang, stamp: str, taken) -> str:
    """The plan's tasks: deadline, state (overdue in red), days, progress and its source."""
    tasks = report.tasks
    place = place_name(report, lang)
    name = f"{place}{label('tasks.title', lang)}" if lang == "zh" else f"{place} tasks"
    sheet = Sheet(workbook, sheet_name(name, taken), formats)
    subtitle = f"{label('export.made', lang, when=stamp)} · {report.plan.id}"
    write_title(sheet, f"{name} · {label('xl.as_of', lang)} {tasks.as_of.isoformat()}", subtitle)
    write_headings(sheet, HEADER_ROW, [label(f"xl.task.{k}", lang) for k in TASK_SHEET_COLUMNS])
    sep = "、" if lang == "zh" else ", "
    wrap = formats.get(text_wrap=True, valign="top")
    for row, a in enumerate(tasks.results, start=HEADER_ROW + 1):
        r = a.report
        days = a.days_overdue if a.state is TaskState.OVERDUE else a.days_late
        fill = TASK_FILLS.get(a.state.value)
        state_fmt = formats.get(bg_color=fill, valign="top") if fill else wrap
        cells = [
            a.task.number,
            task_title(a.task, lang),
            sep.join(leads_of(a.task, lang)),
            sep.join(a.task.coordinating),
            deadline_text(a.task, lang),
        ]
        for col, value in enumerate(cells):
            sheet.text(row, col, value, wrap)
        sheet.text(row, 5, label(f"task_state.{a.state.value}", lang), state_fmt)
        sheet.number(row, 6, days, wrap)
        progress = label(f"progress.{a.progress.value}", lang) if a.progress else ""
        sheet.text(row, 7, progress or label("task.unreported", lang), wrap)
        sheet.text(row, 8, a.completed.isoformat() if a.completed else "", wrap)
        sheet.text(row, 9, r.note if r and r.note else "", wrap)
        sheet.text(row, 10, reading(a, lang), wrap)
        source = f"{Path(r.path).name} › {r.sheet} › {r.cell}" if r and r.path else ""
        sheet.text(row, 11, source, wrap)
    # Text wraps within these widths, so the 12 columns print across one A4 landscape page.
    sheet.fit_columns({1: 24, 2: 16, 3: 16, 4: 14, 7: 10, 9: 20, 10: 25, 11: 20})
    sheet.fit_rows()
    sheet.print_setup(landscape=True, repeat=HEADER_ROW)
    sheet.ws.freeze_panes(HEADER_ROW + 1, 2)
    last = HEADER_ROW + len(tasks.results)
    sheet.ws.autofilter(HEADER_ROW, 0, max(last, HEADER_ROW), len(TASK_SHEET_COLUMNS) - 1)
    return sheet.name
