"""The Excel summary's common layout: a title and a provenance line above the column
headings at ``HEADER_ROW``, and the place a sheet is about."""

from __future__ import annotations

from collections.abc import Sequence

from ipkpi.assess.report import Report
from ipkpi.labels import Lang, label
from ipkpi.output.textwidth import display_width
from ipkpi.output.xlsx import HEAD_FILL, Sheet

HEADER_ROW = 3  # rows 0-2: title, provenance line, blank


def write_title(sheet: Sheet, text: str, subtitle: str) -> None:
    """The title (row 0) and the provenance line under it (row 1)."""
    sheet.text(0, 0, text, sheet.formats.get(bold=True, font_size=14), measure=False)
    sheet.text(1, 0, subtitle, sheet.formats.get(font_color="#595959"), measure=False)


def write_header(sheet: Sheet, row: int, columns: Sequence[str], lang: Lang) -> None:
    """The column headings, each ``xl.<column>`` in ``lang``."""
    write_headings(sheet, row, [label(f"xl.{key}", lang) for key in columns])


def write_headings(sheet: Sheet, row: int, texts: Sequence[str]) -> None:
    """Column headings in bold on the heading fill, wrapped within their columns."""
    fmt = sheet.formats.get(
        bold=True, bg_color=HEAD_FILL, border=1, text_wrap=True, valign="vcenter"
    )
    for col, text in enumerate(texts):
        sheet.text(row, col, text, fmt, measure=False)
        # A heading wraps: its column need only be as wide as its longest word.
        longest = max(display_width(word) for word in text.split())
        sheet.widths[col] = max(sheet.widths.get(col, 0), min(longest, 12))


def place_name(report: Report, lang: Lang) -> str:
    """The plan's place in ``lang`` (南京市, or Nanjing)."""
    plan = report.plan
    return plan.place if lang == "zh" else plan.place_en
