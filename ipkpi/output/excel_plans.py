"""The Excel summary's sheets on targets: the summary (each plan's status counts and the
files its figures came from) and each plan's gap table (the figures of ``ipkpi report``)."""

from __future__ import annotations

from ipkpi.assess.report import Report
from ipkpi.assess.results import STATUS_ORDER, Assessment
from ipkpi.labels import Lang, label
from ipkpi.output.excel_layout import HEADER_ROW, place_name, write_header, write_title
from ipkpi.output.xlsx import HEAD_FILL, Sheet, clean, sheet_name
from ipkpi.views.catalogue import plan_heading, target_requirement
from ipkpi.views.readings import note_text, rate_unit, reading, status_label
from ipkpi.views.report import group_of, ordered, target_name

# Fills an office reader knows: green done or fine, yellow slow, orange late, red wrong way.
STATUS_FILLS = {
    "met": "#C6EFCE",
    "achieved": "#C6EFCE",
    "on_track": "#E2EFDA",
    "moderate": "#FFEB9C",
    "behind": "#F8CBAD",
    "overshoot": "#FCE4D6",
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
    "status",
    "reading",
)
# The technical columns, on a detail sheet after the gap table (which then prints at a
# readable size across one A4 landscape page): each target's gap closed and time elapsed,
# what each remaining year needs, and the warnings.
DETAIL_COLUMNS = (
    "category",
    "name",
    "unit",
    "gap_share_closed",
    "time_share_elapsed",
    "required_rate",
    "status",
    "warnings",
)


def write_summary(workbook, formats, reports, lang, stamp, taken) -> str:
    """The first sheet: each plan's window, year and status counts, then the files read."""
    sheet = Sheet(workbook, sheet_name(label("xl.sheet.summary", lang), taken), formats)
    write_title(sheet, label("export.title", lang), label("export.made", lang, when=stamp))
    columns = ["place", "plan", "window", "as_of", "targets", *(s.value for s in STATUS_ORDER)]
    for col, key in enumerate(columns):
        # Status columns are headed by their label on their own colour.
        text = label(f"status.{key}", lang) if key in STATUS_FILLS else label(f"xl.{key}", lang)
        fill = STATUS_FILLS.get(key, HEAD_FILL)
        sheet.text(
            HEADER_ROW, col, text, formats.get(bold=True, border=1, text_wrap=True, bg_color=fill)
        )
    cell = formats.get(border=1, text_wrap=True, valign="top")
    count = formats.get(border=1, num_format="0")
    row = HEADER_ROW + 1
    for report in reports:
        pa = report.assessment
        counts = pa.counts()
        values = [
            place_name(report, lang),
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
                (place_name(report, lang), source.path, source.sha256, source.ingested_at)
            ):
                sheet.text(row, col, value, cell)
    sheet.ws.freeze_panes(HEADER_ROW + 1, 1)
    # Status headings wrap: their counts need no more than a short column each.
    narrow = {5 + i: 9 for i in range(len(STATUS_ORDER))}
    sheet.fit_columns({1: 36, 2: 18, 3: 20, **narrow})
    sheet.fit_rows()
    sheet.print_setup(landscape=True, repeat=HEADER_ROW)
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
        "status": (status_label(a, lang), None),
        "reading": (reading(a, lang), None),
        "warnings": (
            ("；" if lang == "zh" else "; ").join(note_text(n, a, lang) for n in a.notes),
            None,
        ),
    }


def write_gap_table(workbook, formats, report: Report, lang: Lang, stamp: str, taken):
    """One plan's gap table (a row per target with the figures of ``ipkpi report``) and its
    detail sheet; the two sheets' names."""
    pa = report.assessment
    plan = report.plan
    title = plan_heading(plan, lang)
    heading = f"{title} · {label('as_of', lang, year=pa.as_of)}"
    subtitle = label("export.made_plan", lang, when=stamp, plan=plan.id, method=pa.method.value)
    results = ordered(pa.results, "category", lang)
    place = place_name(report, lang)
    names = []
    for columns, name, landscape in (
        (GAP_COLUMNS, place, True),
        (DETAIL_COLUMNS, label("xl.sheet.detail", lang, place=place), False),
    ):
        sheet = Sheet(workbook, sheet_name(name, taken), formats)
        write_title(sheet, heading, subtitle)
        write_header(sheet, HEADER_ROW, columns, lang)
        row = HEADER_ROW
        for a in results:
            row += 1
            cells = _gap_cells(a, lang)
            for col, key in enumerate(columns):
                value, unit = cells[key]
                _gap_cell(sheet, row, col, key, value, unit, a, lang)
        sheet.ws.autofilter(HEADER_ROW, 0, row, len(columns) - 1)
        sheet.ws.freeze_panes(HEADER_ROW + 1, 2)
        sheet.fit_columns({columns.index(k): w for k, w in GAP_WIDTHS.items() if k in columns})
        sheet.fit_rows()
        header = f'&C&"等线,Bold"{title}'
        sheet.print_setup(landscape=landscape, repeat=HEADER_ROW, header=header)
        names.append(sheet.name)
    return names


# The widest a gap table's column may be (characters): text wraps within it, so that the
# 18 columns print across one A4 landscape page at a readable size.
GAP_WIDTHS = {
    "category": 10,
    "name": 20,
    "unit": 8,
    "target": 14,
    "progress": 7,
    "gap_share_closed": 7,
    "time_share_elapsed": 7,
    "status": 8,
    "reading": 30,
    "warnings": 22,
}
WRAPPED = ("category", "name", "target", "reading", "warnings")
DERIVED = 4  # decimals kept of a derived figure (a gap, a ratio, a rate)


def _gap_cell(sheet, row, col, key, value, unit, a: Assessment, lang: Lang) -> None:
    """One cell of the gap table: text, or a number with its unit in the number format."""
    formats = sheet.formats
    base = {"border": 1, "valign": "top"}
    if key in WRAPPED:
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
        fmt = formats.get(num_format="0.00", **base)
        sheet.number(row, col, value, fmt, f"{value:.2f}", decimals=DERIVED)
    elif unit == "share":
        fmt = formats.get(num_format="0%", **base)
        sheet.number(row, col, value, fmt, f"{value:.0%}", decimals=DERIVED)
    else:
        over = label("xl.over", lang) if key == "gap" else None
        if key == "gap" and unit == "%":  # a difference of shares: in percentage points
            unit = ("" if lang == "zh" else " ") + label("unit.points", lang)
        decimals = None if key in ("baseline", "actual") else DERIVED
        value = clean(value, decimals)
        num_format = _number_format(value, unit, over)
        d = _decimals(value)
        shown = f"{over or '-' if value < 0 else ''}{abs(value):,.{d}f}{unit}"
        sheet.number(row, col, value, formats.get(num_format=num_format, **base), shown)


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
