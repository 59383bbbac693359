"""The Excel summary's common layout: a title and a provenance line above the column
headings at ``HEADER_ROW``, and the place a sheet is about."""

from __future__ import annotations

from collections.abc import Sequence

from ipkpi.assess.report import Report
from ipkpi.labels import Lang, label
from ipkpi.output.xlsx import HEAD_FILL, Sheet

HEADER_ROW = 3  # rows 0-2: title, provenance line, blank


def write_title(sheet: Sheet, text: str, subtitle: str) -> None:
    """The title (row 0) and the provenance line under it (row 1)."""
    sheet.text(0, 0, text, sheet.formats.get(bold=True, font_size=14), measure=False)
    sheet.text(1, 0, subtitle, sheet.formats.get(font_color="#595959"), measure=False)


def write_header(sheet: Sheet, row: int, columns: Sequence[str], lang: Lang) -> None:
    """The column headings, each ``xl.<column>`` in ``lang``."""
    fmt = sheet.formats.get(
        bold=True, bg_color=HEAD_FILL, border=1, text_wrap=True, valign="vcenter"
    )
    for col, key in enumerate(columns):
        sheet.text(row, col, label(f"xl.{key}", lang), fmt)


def place_name(report: Report, lang: Lang) -> str:
    """The plan's place in ``lang`` (南京市, or Nanjing)."""
    plan = report.plan
    return plan.place if lang == "zh" else plan.place_en
