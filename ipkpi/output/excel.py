"""The Excel summary: a workbook an official can hand to the leadership group as it is.

One more view of the report objects (``ipkpi.assess.report``), so its gap tables hold the same
figures as ``ipkpi report``. Written with xlsxwriter (fast, native charts, full formatting)
to a temporary file in the target folder and renamed into place, so nobody ever sees half
a workbook. Text from statistics workbooks is always written as text, never as a formula.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ipkpi.assess.engine import trend
from ipkpi.assess.report import Report
from ipkpi.assess.results import STATUS_ORDER, Assessment
from ipkpi.files import write_workbook
from ipkpi.labels import Lang, label
from ipkpi.output.textwidth import display_width
from ipkpi.views.catalogue import plan_heading, target_requirement
from ipkpi.views.readings import note_text, rate_unit, reading
from ipkpi.views.report import group_of, ordered, target_name

# Fills an office reader knows: green done or fine, yellow slow, orange late, red wrong way.
STATUS_FILLS = {
    "met": "#C6EFCE",
    "achieved": "#C6EFCE",
    "on_track": "#E2EFDA",
    "moderate": "#FFEB9C",
    "behind": "#F8CBAD",
    "moving_away": "#FFC7CE",
    "missed": "#FFC7CE",
    "no_data": "#D9D9D9",
}

GAP_COLUMNS = (
    "category",
    "name",
    "unit",
    "baseline",
    "baseline_year",
    "actual",
    "actual_year",
    "target",
    "target_year",
    "gap",
    "expected",
    "progress",
    "gap_share_closed",
    "time_share_elapsed",
    "required_rate",
    "status",
    "reading",
    "warnings",
)
DATA_COLUMNS = (
    "place",
    "target_id",
    "name",
    "year",
    "value",
    "unit",
    "vintage",
    "indicator",
    "raw",
    "raw_unit",
    "file",
    "sheet",
    "cell",
    "ingested_at",
    "sha256",
)
HEADER_ROW = 3  # rows 0-2: title, provenance line, blank
TREND_BLOCK = 21  # rows per target on the trends sheet: 4 of data, the chart, a gap


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
    sheets, charts = write_workbook(path, lambda tmp: _write(tmp, reports, lang, made_at))
    return ExportSummary(path, sheets, charts)


class _Formats:
    """xlsxwriter formats, made once each."""

    def __init__(self, workbook):
        self.workbook = workbook
        self.cache: dict[tuple, object] = {}

    def get(self, **props):
        key = tuple(sorted(props.items()))
        if key not in self.cache:
            self.cache[key] = self.workbook.add_format({"font_name": "等线", **props})
        return self.cache[key]


def _sheet_name(text: str, taken: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "_", text).strip("'")[:31] or "sheet"
    base, n = name, 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


def _decimals(value: float) -> int:
    """As many decimals as the figure needs, at most 2 (3 for small shares like 0.93)."""
    for d in range(3):
        if abs(round(value, d) - value) < 1e-9:
            return d
    return 2


def _number_format(value: float, unit: str | None, over: str | None = None) -> str:
    """``#,##0.0"件"``; with ``over`` (a gap), a negative shows as ``超30.5件``."""
    d = _decimals(value)
    base = "#,##0" + ("." + "0" * d if d else "")
    if not unit:
        return base
    negative = f'"{over}"{base}"{unit}"' if over else f'-{base}"{unit}"'
    return f'{base}"{unit}";{negative}'


def _width(text: str) -> int:
    return max(display_width(line) for line in str(text).splitlines() or [""])


class _Sheet:
    """A worksheet with width tracking; every text cell is written as a string."""

    def __init__(self, workbook, name: str, formats: _Formats):
        self.ws = workbook.add_worksheet(name)
        self.name = name
        self.formats = formats
        self.widths: dict[int, int] = {}

    def text(self, row: int, col: int, value: object, fmt=None, measure: bool = True) -> None:
        value = "" if value is None else str(value)
        # write_string: text from workbooks ('=HYPERLINK(…)', '+1', '@x') stays text.
        self.ws.write_string(row, col, value, fmt)
        if measure:
            self.widths[col] = max(self.widths.get(col, 0), _width(value))

    def number(self, row: int, col: int, value: float | None, fmt=None, shown: str = "") -> None:
        if value is None:
            self.ws.write_blank(row, col, None, fmt)
            return
        self.ws.write_number(row, col, value, fmt)
        self.widths[col] = max(self.widths.get(col, 0), len(shown or f"{value:,.2f}"))

    def fit_columns(self, limits: dict[int, int] | None = None) -> None:
        for col, width in self.widths.items():
            cap = (limits or {}).get(col, 40)
            self.ws.set_column(col, col, min(max(width + 2, 6), cap))


def _write(tmp: Path, reports: Sequence[Report], lang: Lang, made_at: dt.datetime):
    import xlsxwriter

    workbook = xlsxwriter.Workbook(
        str(tmp),
        {
            # Never turn text into formulas, links or numbers: it is evidence, kept as read.
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    workbook.set_properties(
        {
            "title": label("export.title", lang),
            "author": "ipkpi",
            "created": made_at.replace(tzinfo=None),
        }
    )
    formats = _Formats(workbook)
    taken: set[str] = set()
    stamp = made_at.strftime("%Y-%m-%d %H:%M")
    names = [_write_summary(workbook, formats, reports, lang, stamp, taken)]
    for report in reports:
        if report.plan.targets or report.tasks is None:
            names.append(_write_gap_table(workbook, formats, report, lang, stamp, taken))
        if report.tasks is not None:
            names.append(_write_tasks(workbook, formats, report, lang, stamp, taken))
    trend_name, charts = _write_trends(workbook, formats, reports, lang, taken)
    names.append(trend_name)
    names.append(_write_data(workbook, formats, reports, lang, taken))
    workbook.close()
    return tuple(names), charts


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


def _write_tasks(workbook, formats, report: Report, lang: Lang, stamp: str, taken) -> str:
    """The plan's tasks: deadline, state (overdue in red), days, progress and its source."""
    from ipkpi.assess.tasks import TaskState
    from ipkpi.views.tasks import deadline_text, leads_of, reading, task_title

    tasks = report.tasks
    place = _place(report, lang)
    name = f"{place}{label('tasks.title', lang)}" if lang == "zh" else f"{place} tasks"
    sheet = _Sheet(workbook, _sheet_name(name, taken), formats)
    subtitle = f"{label('export.made', lang, when=stamp)} · {report.plan.id}"
    _title(sheet, f"{name} · {label('xl.as_of', lang)} {tasks.as_of.isoformat()}", subtitle)
    head = formats.get(bold=True, bg_color="#DDEBF7", border=1, text_wrap=True, valign="vcenter")
    for col, key in enumerate(TASK_SHEET_COLUMNS):
        sheet.text(HEADER_ROW, col, label(f"xl.task.{key}", lang), head)
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
    sheet.fit_columns({1: 30, 2: 30, 3: 30, 9: 40, 10: 50, 11: 40})
    sheet.ws.freeze_panes(HEADER_ROW + 1, 2)
    last = HEADER_ROW + len(tasks.results)
    sheet.ws.autofilter(HEADER_ROW, 0, max(last, HEADER_ROW), len(TASK_SHEET_COLUMNS) - 1)
    return sheet.name


def _title(sheet: _Sheet, text: str, subtitle: str) -> None:
    sheet.text(0, 0, text, sheet.formats.get(bold=True, font_size=14), measure=False)
    sheet.text(1, 0, subtitle, sheet.formats.get(font_color="#595959"), measure=False)


def _header(sheet: _Sheet, row: int, columns: Sequence[str], lang: Lang) -> None:
    fmt = sheet.formats.get(
        bold=True, bg_color="#DDEBF7", border=1, text_wrap=True, valign="vcenter"
    )
    for col, key in enumerate(columns):
        sheet.text(row, col, label(f"xl.{key}", lang), fmt)


def _place(report: Report, lang: Lang) -> str:
    plan = report.plan
    return plan.place if lang == "zh" else plan.place_en


def _write_summary(workbook, formats, reports, lang, stamp, taken) -> str:
    sheet = _Sheet(workbook, _sheet_name(label("xl.sheet.summary", lang), taken), formats)
    _title(sheet, label("export.title", lang), label("export.made", lang, when=stamp))
    columns = ["place", "plan", "window", "as_of", "targets", *(s.value for s in STATUS_ORDER)]
    for col, key in enumerate(columns):
        # Status columns are headed by their label on their own colour.
        text = label(f"status.{key}", lang) if key in STATUS_FILLS else label(f"xl.{key}", lang)
        fill = STATUS_FILLS.get(key, "#DDEBF7")
        sheet.text(
            HEADER_ROW, col, text, formats.get(bold=True, border=1, text_wrap=True, bg_color=fill)
        )
    cell = formats.get(border=1)
    count = formats.get(border=1, num_format="0")
    row = HEADER_ROW + 1
    for report in reports:
        pa = report.assessment
        counts = pa.counts()
        values = [
            _place(report, lang),
            report.plan.title,
            f"{report.plan.start_year}–{report.plan.target_year}",
        ]
        for col, value in enumerate(values):
            sheet.text(row, col, value, cell)
        sheet.number(row, 3, pa.as_of, count)
        sheet.number(row, 4, len(pa.results), count)
        for i, status in enumerate(STATUS_ORDER):
            sheet.number(row, 5 + i, counts[status], count)
        row += 1
    # Where the figures came from
    row += 1
    sheet.text(row, 0, label("xl.sources", lang), formats.get(bold=True), measure=False)
    row += 1
    for col, key in enumerate(("place", "file", "sha256", "ingested_at")):
        sheet.text(row, col, label(f"xl.{key}", lang), formats.get(bold=True, border=1))
    for report in reports:
        for source in report.sources:
            row += 1
            for col, value in enumerate(
                (_place(report, lang), source.path, source.sha256, source.ingested_at)
            ):
                sheet.text(row, col, value, cell)
    sheet.ws.freeze_panes(HEADER_ROW + 1, 1)
    sheet.fit_columns({1: 60, 2: 24})
    sheet.ws.set_landscape()
    sheet.ws.fit_to_pages(1, 0)
    sheet.ws.activate()
    return sheet.name


def _gap_cells(a: Assessment, lang: Lang) -> dict[str, tuple[object, str | None]]:
    """Each column's value and number-format unit (None for text)."""
    t = a.target
    series_unit = t.series_unit_or_unit
    rate = rate_unit(a)
    return {
        "category": (group_of(a, "category", lang), None),
        "name": (target_name(a, lang), None),
        "unit": (t.unit, None),
        "baseline": (a.baseline.value if a.baseline else None, series_unit),
        "baseline_year": (a.baseline.year if a.baseline else None, ""),
        "actual": (a.actual, t.unit),
        "actual_year": (a.actual_year, ""),
        "target": (target_requirement(t, lang), None),
        "target_year": (t.target_year, ""),
        "gap": (a.gap, t.unit),
        "expected": (a.expected, t.unit),
        "progress": (a.progress_ratio, "ratio"),
        "gap_share_closed": (a.gap_share_closed, "share"),
        "time_share_elapsed": (a.time_share_elapsed, "share"),
        "required_rate": (a.required_rate, rate),
        "status": (label(f"status.{a.status.value}", lang), None),
        "reading": (reading(a, lang), None),
        "warnings": (
            ("；" if lang == "zh" else "; ").join(note_text(n, a, lang) for n in a.notes),
            None,
        ),
    }


def _write_gap_table(workbook, formats, report: Report, lang: Lang, stamp: str, taken) -> str:
    pa = report.assessment
    sheet = _Sheet(workbook, _sheet_name(_place(report, lang), taken), formats)
    plan = report.plan
    title = plan_heading(plan, lang)
    _title(
        sheet,
        f"{title} · {label('as_of', lang, year=pa.as_of)}",
        label("export.made_plan", lang, when=stamp, plan=plan.id, method=pa.method.value),
    )
    _header(sheet, HEADER_ROW, GAP_COLUMNS, lang)
    results = ordered(pa.results, "category", lang)
    row = HEADER_ROW
    for a in results:
        row += 1
        cells = _gap_cells(a, lang)
        for col, key in enumerate(GAP_COLUMNS):
            value, unit = cells[key]
            base = {"border": 1, "valign": "top"}
            if key in ("reading", "warnings"):
                base["text_wrap"] = True
            if key == "status":
                base["bg_color"] = STATUS_FILLS[a.status.value]
                base["bold"] = True
            if unit is None:
                sheet.text(row, col, value, formats.get(**base))
            elif value is None:
                sheet.number(row, col, None, formats.get(**base))
            elif unit == "":
                sheet.number(row, col, value, formats.get(num_format="0", **base), str(value))
            elif unit == "ratio":
                sheet.number(row, col, value, formats.get(num_format="0.00", **base), "0.00")
            elif unit == "share":
                sheet.number(row, col, value, formats.get(num_format="0%", **base), "100%")
            else:
                over = label("xl.over", lang) if key == "gap" else None
                num_format = _number_format(value, unit, over)
                sheet.number(
                    row,
                    col,
                    value,
                    formats.get(num_format=num_format, **base),
                    f"{value:,.2f}{unit}",
                )
    last = row
    sheet.ws.autofilter(HEADER_ROW, 0, last, len(GAP_COLUMNS) - 1)
    sheet.ws.freeze_panes(HEADER_ROW + 1, 2)
    sheet.ws.set_row(HEADER_ROW, 32)
    sheet.fit_columns({1: 36, GAP_COLUMNS.index("reading"): 60, GAP_COLUMNS.index("warnings"): 40})
    sheet.ws.set_landscape()
    sheet.ws.set_paper(9)  # A4
    sheet.ws.fit_to_pages(1, 0)
    sheet.ws.repeat_rows(HEADER_ROW)
    sheet.ws.set_header(f'&C&"等线,Bold"{title}')
    sheet.ws.set_footer("&C&P / &N")
    return sheet.name


def _write_trends(workbook, formats, reports, lang, taken) -> tuple[str, int]:
    sheet = _Sheet(workbook, _sheet_name(label("xl.sheet.trends", lang), taken), formats)
    bold = formats.get(bold=True)
    charts = 0
    row = 0
    for report in reports:
        for a in report.results:
            unit, years = trend(a, report.plan.start_year)
            name = f"{_place(report, lang)} · {target_name(a, lang)}"
            sheet.text(row, 0, f"{name} ({unit})", bold, measure=False)
            sheet.text(row + 1, 0, label("xl.year", lang), bold)
            sheet.text(row + 2, 0, label("xl.series.actual", lang), bold)
            sheet.text(row + 3, 0, label("xl.series.path", lang), bold)
            for i, y in enumerate(years, start=1):
                sheet.number(row + 1, i, y.year, formats.get(num_format="0"), "2025")
                # A year without a figure stays an empty cell: a formatted blank would be
                # cached in the chart as 0, and the line would drop to it.
                if y.actual is not None:
                    sheet.number(row + 2, i, y.actual, formats.get(num_format="General"))
                if y.path is not None:
                    sheet.number(row + 3, i, y.path, formats.get(num_format="0.00"))
            n = len(years)
            chart = workbook.add_chart({"type": "line"})
            chart.add_series(
                {
                    "name": [sheet.name, row + 2, 0],
                    "categories": [sheet.name, row + 1, 1, row + 1, n],
                    "values": [sheet.name, row + 2, 1, row + 2, n],
                    "marker": {"type": "circle", "size": 6},
                    "line": {"color": "#2F5597", "width": 2.25},
                }
            )
            if any(y.path is not None for y in years):
                chart.add_series(
                    {
                        "name": [sheet.name, row + 3, 0],
                        "categories": [sheet.name, row + 1, 1, row + 1, n],
                        "values": [sheet.name, row + 3, 1, row + 3, n],
                        "line": {"color": "#C00000", "width": 1.5, "dash_type": "dash"},
                    }
                )
            chart.set_title({"name": target_name(a, lang), "name_font": {"size": 11}})
            chart.set_y_axis({"name": unit, "major_gridlines": {"visible": True}})
            chart.set_legend({"position": "bottom"})
            chart.show_blanks_as("gap")
            chart.set_size({"width": 640, "height": 300})
            sheet.ws.insert_chart(row + 4, 1, chart)
            charts += 1
            row += TREND_BLOCK
    sheet.fit_columns({0: 14})
    return sheet.name, charts


def _write_data(workbook, formats, reports, lang, taken) -> str:
    sheet = _Sheet(workbook, _sheet_name(label("xl.sheet.data", lang), taken), formats)
    _title(sheet, label("xl.data_title", lang), label("xl.data_subtitle", lang))
    _header(sheet, HEADER_ROW, DATA_COLUMNS, lang)
    row = HEADER_ROW
    for report in reports:
        names = {t.id: t for t in report.plan.targets}
        for o in report.observations:
            row += 1
            target = names.get(o.target_id)
            name = (
                o.indicator
                if target is None
                else (target.name_en if lang == "en" and target.name_en else target.name)
            )
            values = {
                "place": _place(report, lang),
                "target_id": o.target_id,
                "name": name,
                "unit": o.unit,
                "vintage": label(f"vintage.{o.vintage}", lang) if o.vintage else "",
                "indicator": o.indicator,
                "raw": o.raw,
                "raw_unit": o.raw_unit,
                "file": o.path,
                "sheet": o.sheet,
                "cell": o.cell,
                "ingested_at": o.ingested_at,
                "sha256": o.sha256,
            }
            for col, key in enumerate(DATA_COLUMNS):
                if key == "year":
                    sheet.number(row, col, o.year, formats.get(num_format="0"), "2025")
                elif key == "value":
                    sheet.number(row, col, o.value, formats.get(num_format="General"))
                else:
                    sheet.text(row, col, values[key])
    sheet.ws.autofilter(HEADER_ROW, 0, max(row, HEADER_ROW), len(DATA_COLUMNS) - 1)
    sheet.ws.freeze_panes(HEADER_ROW + 1, 0)
    sheet.fit_columns({DATA_COLUMNS.index("file"): 60, DATA_COLUMNS.index("sha256"): 20})
    sheet.ws.set_landscape()
    sheet.ws.fit_to_pages(1, 0)
    sheet.ws.repeat_rows(HEADER_ROW)
    return sheet.name
