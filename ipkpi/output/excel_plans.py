"""The Excel summary's sheets on targets: each plan's gap table (the figures of ``ipkpi
report``) and its detail sheet; the status fills the summary (``excel_summary``) shares."""

from __future__ import annotations

from ipkpi.assess.report import Report
from ipkpi.assess.results import Assessment
from ipkpi.labels import Lang, label
from ipkpi.output.excel_layout import HEADER_ROW, place_name, write_header, write_title
from ipkpi.output.xlsx import Sheet, clean, sheet_name
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
    "awaiting_final": "#DDEBF7",
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
    method = label(f"method.{pa.method.value}", lang)
    subtitle = label("export.made_plan", lang, when=stamp, plan=title, method=method)
    results = ordered(pa.results, "category", lang)
    place = place_name(report, lang)
    figures = [_gap_cells(a, lang) for a in results]  # both sheets' cells, worked out once
    names = []
    for columns, name, landscape in (
        (GAP_COLUMNS, place, True),
        (DETAIL_COLUMNS, label("xl.sheet.detail", lang, place=place), False),
    ):
        sheet = Sheet(workbook, sheet_name(name, taken), formats)
        write_title(sheet, heading, subtitle)
        write_header(sheet, HEADER_ROW, columns, lang)
        row = HEADER_ROW
        for a, cells in zip(results, figures, strict=True):
            row += 1
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
