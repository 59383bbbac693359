"""The Excel summary's figures: a chart per target of its series against the path to its
target (the trends sheet), and every figure with its source (the data sheet), then every
data file read with its full path, SHA-256 and time of ingestion."""

from __future__ import annotations

import re

from ipkpi.assess.engine import trend
from ipkpi.labels import label
from ipkpi.output.excel_layout import HEADER_ROW, place_name, write_header, write_title
from ipkpi.output.xlsx import Sheet, sheet_name
from ipkpi.views.report import target_name

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
_YEAR, _VALUE = 3, 4  # write_data writes three text cells, the year, the value, ten more
assert DATA_COLUMNS.index("year") == _YEAR and DATA_COLUMNS.index("value") == _VALUE
TREND_BLOCK = 21  # rows per target on the trends sheet: 4 of data, the chart, a gap
CHARTS_PER_PAGE = 2  # blocks on an A4 portrait page; a page break falls between blocks
DATA_WIDTHS = {  # the widest each column of the data sheet may be; text wraps within it
    "place": 10,
    "target_id": 16,
    "name": 16,
    "value": 12,
    "unit": 8,
    "indicator": 16,
    "raw": 10,
    "raw_unit": 8,
    "file": 22,
    "sheet": 10,
    "ingested_at": 19,
    "sha256": 16,
}
_INTEGRAL_TEXT = re.compile(r"(-?\d+)\.0")  # how a reader writes a whole float


def write_trends(workbook, formats, reports, lang, taken) -> tuple[str, int]:
    """A block per target: its years, actual figures and path, and a line chart of them."""
    sheet = Sheet(workbook, sheet_name(label("xl.sheet.trends", lang), taken), formats)
    bold = formats.get(bold=True)
    year_format = formats.get(num_format="0")
    actual_format, path_format = formats.get(num_format="General"), formats.get(num_format="0.00")
    charts = 0
    row = 0
    breaks = []
    for report in reports:
        for a in report.results:
            unit, years = trend(a, report.plan.start_year)
            name = f"{place_name(report, lang)} · {target_name(a, lang)}"
            sheet.text(row, 0, f"{name} ({unit})", bold, measure=False)
            sheet.text(row + 1, 0, label("xl.year", lang), bold)
            sheet.text(row + 2, 0, label("xl.series.actual", lang), bold)
            sheet.text(row + 3, 0, label("xl.series.path", lang), bold)
            for i, y in enumerate(years, start=1):
                sheet.number(row + 1, i, y.year, year_format, "2025")
                # A year without a figure stays an empty cell: a formatted blank would be
                # cached in the chart as 0, and the line would drop to it.
                if y.actual is not None:
                    sheet.number(row + 2, i, y.actual, actual_format)
                if y.path is not None:
                    sheet.number(row + 3, i, y.path, path_format, decimals=4)
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
            if charts % CHARTS_PER_PAGE == 0:
                breaks.append(row)  # the next block starts a page: no chart is cut
    sheet.fit_columns({0: 14})
    sheet.print_setup(landscape=False)
    breaks = [b for b in breaks if b < row]  # none after the last block
    sheet.ws.set_h_pagebreaks(breaks[:1023])  # Excel's limit of manual breaks
    return sheet.name, charts


def write_data(workbook, formats, reports, lang, taken) -> str:
    """Every figure the reports used, with the file, sheet and cell it was read from."""
    sheet = Sheet(workbook, sheet_name(label("xl.sheet.data", lang), taken), formats)
    write_title(sheet, label("xl.data_title", lang), label("xl.data_subtitle", lang))
    write_header(sheet, HEADER_ROW, DATA_COLUMNS, lang)
    row = HEADER_ROW
    wrap = formats.get(text_wrap=True, valign="top")
    year_format, value_format = formats.get(num_format="0"), formats.get(num_format="General")
    vintages = {}
    for report in reports:
        place = place_name(report, lang)
        names = {
            t.id: t.name_en if lang == "en" and t.name_en else t.name for t in report.plan.targets
        }
        for o in report.observations:
            row += 1
            if o.vintage and o.vintage not in vintages:
                vintages[o.vintage] = label(f"vintage.{o.vintage}", lang)
            # The text cells either side of the year and the value, in DATA_COLUMNS' order.
            sheet.texts(row, 0, (place, o.target_id, names.get(o.target_id, o.indicator)), wrap)
            sheet.number(row, _YEAR, o.year, year_format, "2025")
            sheet.number(row, _VALUE, o.value, value_format)
            after = (
                o.unit,
                vintages[o.vintage] if o.vintage else "",
                o.indicator,
                _raw(o.raw),
                o.raw_unit,
                o.path,
                o.sheet,
                o.cell,
                o.ingested_at,
                o.sha256,
            )
            sheet.texts(row, _VALUE + 1, after, wrap)
    sheet.ws.autofilter(HEADER_ROW, 0, max(row, HEADER_ROW), len(DATA_COLUMNS) - 1)
    _write_sources(sheet, row + 2, reports, lang)
    sheet.ws.freeze_panes(HEADER_ROW + 1, 0)
    sheet.fit_columns({DATA_COLUMNS.index(k): w for k, w in DATA_WIDTHS.items()})
    sheet.fit_rows()
    sheet.print_setup(landscape=True, repeat=HEADER_ROW)
    return sheet.name


SOURCE_COLUMNS = ("place", "file", "ingested_at", "sha256")


def _write_sources(sheet: Sheet, row: int, reports, lang) -> None:
    """Below the figures, every data file the reports read (the statistics and the task
    progress sheets), each in the data table's own columns: place, full path, time of
    ingestion (ISO) and SHA-256, which the summary sheet leaves to this one."""
    formats = sheet.formats
    sheet.text(row, 0, label("xl.sources", lang), formats.get(bold=True), measure=False)
    columns = [DATA_COLUMNS.index(key) for key in SOURCE_COLUMNS]
    heading = formats.get(bold=True, border=1, text_wrap=True)
    for col, key in zip(columns, SOURCE_COLUMNS, strict=True):
        sheet.text(row + 1, col, label(f"xl.{key}", lang), heading, measure=False)
    wrap = formats.get(text_wrap=True, valign="top")
    row += 1
    for report in reports:
        for source in report.sources:
            row += 1
            values = (place_name(report, lang), source.path, source.ingested_at, source.sha256)
            for col, value in zip(columns, values, strict=True):
                sheet.text(row, col, value, wrap)


def _raw(text: str | None) -> str:
    """The text as written; a whole number a reader stored as a float (6.0) reads 6."""
    if text is None:
        return ""
    match = _INTEGRAL_TEXT.fullmatch(text)
    return match.group(1) if match else text
