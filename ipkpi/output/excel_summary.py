"""The Excel summary's first sheet, 汇总: what a leader reads on one printed page. Per place
its plan (by title), the as-of year, the count of each status in its colour, its tasks
overdue and done late, and the three targets furthest behind with their lead units; below,
the data files by name with the local time they were read. Full paths, SHA-256 and ISO times
are on the data sheet (数据来源), where an analyst looks them up."""

from __future__ import annotations

import datetime as dt
from pathlib import PurePath

from ipkpi.assess.report import Report
from ipkpi.assess.results import STATUS_ORDER, Assessment, Status
from ipkpi.assess.tasks import TaskState
from ipkpi.labels import Lang, label
from ipkpi.output.excel_layout import HEADER_ROW, place_name, write_title
from ipkpi.output.excel_plans import STATUS_FILLS
from ipkpi.output.xlsx import HEAD_FILL, Sheet, sheet_name
from ipkpi.views.report import target_name

# The statuses of a target not on track, the worst first: past its year and not met, going
# the wrong way, behind, past the band it should stay in, slow. A leader's three "furthest
# behind" are the first three targets in this order, the least progress first within one.
BEHIND_ORDER = (
    Status.MISSED,
    Status.MOVING_AWAY,
    Status.BEHIND,
    Status.OVERSHOOT,
    Status.MODERATE,
)
WORST_SHOWN = 3
COLUMNS = (
    "place",
    "plan",
    "window",
    "as_of",
    "targets",
    *(s.value for s in STATUS_ORDER),
    "tasks",
    "tasks_overdue",
    "tasks_late",
    "furthest_behind",
)
FIRST_STATUS = COLUMNS.index(STATUS_ORDER[0].value)
WIDTHS = {  # the widest each column may be (characters); text and headings wrap within it
    "place": 10,
    "plan": 26,
    "window": 10,
    "as_of": 6,
    "targets": 6,
    **{s.value: 7 for s in STATUS_ORDER},
    "tasks": 6,
    "tasks_overdue": 7,
    "tasks_late": 7,
    "furthest_behind": 30,
}


def furthest_behind(report: Report) -> list[Assessment]:
    """The (at most) three targets furthest behind: the worst status first (BEHIND_ORDER),
    then the least progress; a target without a progress ratio after those with one."""
    rank = {status: i for i, status in enumerate(BEHIND_ORDER)}
    behind = [a for a in report.results if a.status in rank]

    def key(a: Assessment):
        ratio = a.progress_ratio
        return (rank[a.status], ratio is None, ratio if ratio is not None else 0.0)

    return sorted(behind, key=key)[:WORST_SHOWN]


def behind_text(a: Assessment, lang: Lang) -> str:
    """``知识产权交易总额（市科技局）``: the target's name and its lead units (未明确牵头单位
    when the plan names none)."""
    name = target_name(a, lang)
    lead = a.target.lead
    if lang == "zh":
        return f"{name}（{'、'.join(lead) or label('lead.none', lang)}）"
    return f"{name} ({', '.join(lead)})" if lead else f"{name} {label('lead.none', lang)}"


def local_time(iso: str, zone: dt.tzinfo | None = None) -> str:
    """An ISO time (``2026-12-06T12:24:31+00:00``) as a reader writes it, in local time:
    ``2026-12-06 20:24``; text that is not an ISO time comes back as it is."""
    try:
        when = dt.datetime.fromisoformat(iso)
    except (TypeError, ValueError):
        return iso
    if when.tzinfo is not None:
        when = when.astimezone(zone)
    return when.strftime("%Y-%m-%d %H:%M")


def write_summary(workbook, formats, reports, lang, stamp, taken) -> str:
    """The first sheet: a row per place, then the data files read."""
    sheet = Sheet(workbook, sheet_name(label("xl.sheet.summary", lang), taken), formats)
    write_title(sheet, label("export.title", lang), label("export.made", lang, when=stamp))
    for col, key in enumerate(COLUMNS):
        # Status columns are headed by their label on their own colour.
        text = label(f"status.{key}", lang) if key in STATUS_FILLS else label(f"xl.{key}", lang)
        fill = STATUS_FILLS.get(key, HEAD_FILL)
        fmt = formats.get(bold=True, border=1, text_wrap=True, valign="vcenter", bg_color=fill)
        sheet.text(HEADER_ROW, col, text, fmt, measure=False)
    row = HEADER_ROW
    for report in reports:
        row += 1
        _write_place(sheet, row, report, lang)
    row = _write_files(sheet, row + 2, reports, lang)
    sheet.ws.freeze_panes(HEADER_ROW + 1, 1)
    for col in range(len(COLUMNS)):  # every column at least as wide as a count
        sheet.widths[col] = max(sheet.widths.get(col, 0), 4)
    sheet.fit_columns({i: WIDTHS[key] for i, key in enumerate(COLUMNS)})
    sheet.fit_rows()
    sheet.print_setup(landscape=True, repeat=HEADER_ROW)
    sheet.ws.activate()
    return sheet.name


def _write_place(sheet: Sheet, row: int, report: Report, lang: Lang) -> None:
    """One place's row: its plan, status counts (in their colours), tasks and worst three."""
    formats = sheet.formats
    cell = formats.get(border=1, text_wrap=True, valign="top")
    count = formats.get(border=1, num_format="0", valign="top")
    pa = report.assessment
    plan = report.plan
    sheet.text(row, 0, place_name(report, lang), cell)
    sheet.text(row, 1, plan.title + (label("plan_draft", lang) if plan.draft else ""), cell)
    sheet.text(row, 2, f"{plan.start_year}–{plan.target_year}", cell)
    sheet.number(row, 3, pa.as_of, count, "2025")
    sheet.number(row, 4, len(pa.results), count, "99")
    counts = pa.counts()
    for i, status in enumerate(STATUS_ORDER):
        n = counts[status]
        # A count above nought stands on its status colour; a plan with no targets (tasks
        # only) leaves its status cells empty rather than a row of zeros.
        fill = {"bg_color": STATUS_FILLS[status.value], "bold": True} if n else {}
        fmt = formats.get(border=1, num_format="0", valign="top", **fill)
        sheet.number(row, FIRST_STATUS + i, n if pa.results else None, fmt, "99")
    col = COLUMNS.index("tasks")
    if report.tasks is None:
        for i in range(3):
            sheet.number(row, col + i, None, count)
    else:
        states = report.tasks.counts()
        sheet.number(row, col, len(report.tasks.results), count, "99")
        overdue = states[TaskState.OVERDUE]
        fmt = formats.get(border=1, num_format="0", valign="top", bold=True, bg_color="#FFC7CE")
        sheet.number(row, col + 1, overdue, fmt if overdue else count, "99")
        sheet.number(row, col + 2, states[TaskState.DONE_LATE], count, "99")
    worst = "\n".join(behind_text(a, lang) for a in furthest_behind(report))
    sheet.text(row, COLUMNS.index("furthest_behind"), worst, cell)


def _write_files(sheet: Sheet, row: int, reports, lang: Lang) -> int:
    """The data files each place's figures came from, by name, and when each was read
    (local time); the last row written."""
    formats = sheet.formats
    bold = formats.get(bold=True, border=1, bg_color=HEAD_FILL)
    cell = formats.get(border=1, text_wrap=True, valign="top")
    sheet.text(row, 0, label("xl.local_files", lang), formats.get(bold=True), measure=False)
    row += 1
    sheet.text(row, 0, label("xl.place", lang), bold, measure=False)
    sheet.text(row, 1, label("xl.file", lang), bold, measure=False)
    sheet.ws.merge_range(row, 2, row, 4, "", bold)
    sheet.text(row, 2, label("xl.ingested_at", lang), bold, measure=False)
    plain = formats.get(border=1, valign="top")
    for report in reports:
        for source in report.sources:
            row += 1
            sheet.text(row, 0, place_name(report, lang), cell)
            sheet.text(row, 1, PurePath(source.path).name, cell)
            sheet.ws.merge_range(row, 2, row, 4, "", plain)
            sheet.text(row, 2, local_time(source.ingested_at), plain, measure=False)
    return row
