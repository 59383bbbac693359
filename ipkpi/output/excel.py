"""The Excel summary: a workbook an official can hand to the leadership group as it is.

One more view of the report objects (``ipkpi.assess.report``), so its gap tables hold the same
figures as ``ipkpi report``. Written with xlsxwriter (fast, native charts, full formatting)
to a temporary file in the target folder and renamed into place, so nobody ever sees half
a workbook. Text from statistics workbooks is always written as text, never as a formula.

This module is the workbook itself (its options, properties and order of sheets); the sheets
are written by ``excel_summary`` (the summary), ``excel_plans`` (gap tables),
``excel_tasks`` and ``excel_series`` (trends, data).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ipkpi.assess.report import Report
from ipkpi.bulk import collector_paused
from ipkpi.files import write_workbook
from ipkpi.labels import Lang, label
from ipkpi.output.excel_plans import write_gap_table
from ipkpi.output.excel_series import write_data, write_trends
from ipkpi.output.excel_summary import write_summary
from ipkpi.output.excel_tasks import write_tasks
from ipkpi.output.xlsx import Formats
from ipkpi.textsafe import xlsx_workbook


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    sheets: tuple[str, ...]
    charts: int


def write_export(
    path: Path, reports: Sequence[Report], *, lang: Lang = "zh", made_at: dt.datetime
) -> ExportSummary:
    """Write the workbook to ``path`` atomically: an existing file is replaced only by a
    complete new one, and a failure leaves it as it was."""
    path = Path(path)
    with collector_paused():  # xlsxwriter keeps an object per cell: nothing to collect
        sheets, charts = write_workbook(path, lambda tmp: _write(tmp, reports, lang, made_at))
    return ExportSummary(path, sheets, charts)


def _write(tmp: Path, reports: Sequence[Report], lang: Lang, made_at: dt.datetime):
    # Never turn text into formulas, links or numbers: it is evidence, kept as read. Built in
    # memory: a temporary file per sheet and chart (thousands) costs more than writing them.
    workbook = xlsx_workbook(tmp, {"in_memory": True})
    workbook.set_properties(
        {
            "title": label("export.title", lang),
            "author": "ipkpi",
            "created": made_at.replace(tzinfo=None),
        }
    )
    formats = Formats(workbook)
    taken: set[str] = set()
    stamp = made_at.astimezone().strftime("%Y-%m-%d %H:%M")  # local time, as on a wall clock
    names = [write_summary(workbook, formats, reports, lang, stamp, taken)]
    for report in reports:
        if report.plan.targets or report.tasks is None:
            names.extend(write_gap_table(workbook, formats, report, lang, stamp, taken))
        if report.tasks is not None:
            names.append(write_tasks(workbook, formats, report, lang, stamp, taken))
    trend_name, charts = write_trends(workbook, formats, reports, lang, taken)
    names.append(trend_name)
    names.append(write_data(workbook, formats, reports, lang, taken))
    workbook.close()
    return tuple(names), charts
