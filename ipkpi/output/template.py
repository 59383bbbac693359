"""The fill-in template a lead department (牵头单位) gets: one row per target needing a
figure for the year, pre-filled, with an empty value column that takes numbers only.

The data sheet is an ordinary long table (地区, 指标代码, 指标名称, 单位, 年份, 数值, 备注
among its columns), so a filled template goes through ``ipkpi ingest`` with no options:
the place, the target and the year are read from each row, and the target by its id,
never by guessing from the name. Everything but the value, the notes and the
respondent's details is locked; the first sheet says how to fill it in. Written
atomically, like every output.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from pathlib import Path

from ipkpi.assess.collect import NO_LEAD, Collection
from ipkpi.catalogue import units
from ipkpi.catalogue.model import Kind
from ipkpi.files import write_workbook
from ipkpi.labels import Lang, label
from ipkpi.output.xlsx import HEAD_FILL, Formats, clean, print_setup, row_height
from ipkpi.textsafe import xlsx_workbook
from ipkpi.views.catalogue import target_requirement
from ipkpi.views.missing import asks, target_name
from ipkpi.views.numbers import number
from ipkpi.views.tasks import leads_of

# The data sheet's columns: (label key, width). Its headings are words `ipkpi ingest`
# knows (地区, 指标代码, 指标名称, 单位, 年份, 数值, 备注); the others it passes over.
# Text wraps within the widths, so the 12 columns print across one A4 landscape page.
COLUMNS = (
    ("tpl.seq", 5),
    ("tpl.place", 8),
    ("tpl.id", 20),
    ("tpl.name", 24),
    ("tpl.unit", 8),
    ("asks", 22),
    ("lead", 14),
    ("tpl.target", 16),
    ("tpl.previous", 12),
    ("tpl.year", 7),
    ("tpl.value", 14),
    ("tpl.note", 20),
)
HEADER_ROW = 3  # 0-based: a title row, the respondent row, a blank row, then the header
_STEP_WIDTH = 90  # the instructions' text column (characters), on an A4 portrait page
VALUE_COL = 10
NOTE_COL = 11
_NEGATIVE_OK = ("share", "percentage-points")  # rates may fall below zero


@dataclass(frozen=True)
class TemplateSummary:
    path: Path
    rows: int
    previous: int  # rows with last year's figure filled in for reference


def template_file_name(collection: Collection, lang: Lang) -> str:
    """``guizhou-2025-省科技厅.xlsx``: the place, the year and the lead unit, if any."""
    plan = collection.plan
    lead = _lead_text(collection, lang)
    safe = "".join("_" if ch in '\\/:*?"<>|' else ch for ch in lead)
    return f"{plan.city}-{collection.year}" + (f"-{safe}" if safe else "") + ".xlsx"


def sheet_names(year: int, lang: Lang) -> tuple[str, str]:
    """(the instructions sheet, the data sheet)."""
    return label("tpl.sheet.instructions", lang), label("tpl.sheet.data", lang, year=year)


def write_template(
    path: Path, collection: Collection, *, lang: Lang = "zh", made_at: dt.datetime
) -> TemplateSummary:
    """Write the template for ``collection`` to ``path``, atomically."""
    write_workbook(Path(path), lambda tmp: _write(tmp, collection, lang, made_at))
    previous = sum(1 for w in collection.wanted if w.previous is not None)
    return TemplateSummary(Path(path), len(collection.wanted), previous)


def _write(tmp: Path, collection: Collection, lang: Lang, made_at: dt.datetime) -> None:
    plan, year = collection.plan, collection.year
    place = plan.place if lang == "zh" else plan.place_en
    lead = _lead_text(collection, lang)
    workbook = xlsx_workbook(tmp)  # every str written as a string, never a formula
    workbook.set_properties(
        {
            "title": label("tpl.title", lang, place=place, year=year),
            "subject": plan.title,
            "author": "ipkpi",
            "comments": f"{plan.id} · {year}" + (f" · {lead}" if lead else ""),
        }
    )
    formats = Formats(workbook, valign="vcenter")
    fmt = {
        "title": formats.get(bold=True, font_size=14),
        "heading": formats.get(bold=True, font_size=12),
        "text": formats.get(text_wrap=True, valign="top"),
        "head": formats.get(bold=True, bg_color=HEAD_FILL, border=1, text_wrap=True),
        "locked": formats.get(border=1, text_wrap=True),
        "number": formats.get(border=1, font_color="#595959"),
        "label": formats.get(bold=True, align="right"),
        "fill": formats.get(locked=False, bottom=1, bg_color="#FFF2CC"),
        "value": formats.get(locked=False, border=1, bg_color="#FFF2CC"),
        "note": formats.get(locked=False, border=1, bg_color="#FFF2CC", text_wrap=True),
    }
    instructions_name, data_name = sheet_names(year, lang)
    _instructions(workbook.add_worksheet(instructions_name), collection, lang, fmt, made_at)
    _data(workbook.add_worksheet(data_name), collection, lang, fmt)
    workbook.worksheets()[1].activate()
    workbook.close()


def _lead_text(collection: Collection, lang: Lang) -> str:
    if collection.lead is None:
        return ""
    return label("lead.none", lang) if collection.lead == NO_LEAD else collection.lead


def _instructions(sheet, collection: Collection, lang: Lang, fmt, made_at: dt.datetime) -> None:
    plan, year = collection.plan, collection.year
    place = plan.place if lang == "zh" else plan.place_en
    document = plan.title + (f"（{plan.document_number}）" if plan.document_number else "")
    lead = _lead_text(collection, lang) or label("tpl.all_leads", lang)
    sheet.set_column(0, 0, 4)
    sheet.set_column(1, 1, _STEP_WIDTH)
    sheet.write(0, 1, label("tpl.instructions.title", lang, place=place, year=year), fmt["title"])
    facts = (
        ("tpl.fact.plan", document),
        ("tpl.fact.year", str(year)),
        ("lead", lead),
        ("tpl.fact.rows", str(len(collection.wanted))),
        ("tpl.fact.made", made_at.strftime("%Y-%m-%d %H:%M")),
    )
    for i, (key, value) in enumerate(facts, start=2):
        colon = "：" if lang == "zh" else ": "
        fact = f"{label(key, lang)}{colon}{value}"
        sheet.write(i, 1, fact, fmt["text"])
        sheet.set_row(i, row_height([(fact, _STEP_WIDTH)]))
    row = 2 + len(facts) + 1
    sheet.write(row, 1, label("tpl.steps", lang), fmt["heading"])
    data_name = sheet_names(year, lang)[1]
    for n in range(1, 8):
        row += 1
        sheet.write(row, 0, f"{n}.", fmt["text"])
        step = label(f"tpl.step{n}", lang, year=year, previous=year - 1, sheet=data_name)
        sheet.write(row, 1, step, fmt["text"])
        sheet.set_row(row, row_height([(step, _STEP_WIDTH)]))
    sheet.protect("", {"format_columns": True, "format_rows": True})
    sheet.hide_gridlines(2)
    print_setup(sheet, landscape=False)


def _data(sheet, collection: Collection, lang: Lang, fmt) -> None:
    plan, year = collection.plan, collection.year
    place = plan.place if lang == "zh" else plan.place_en
    lead = _lead_text(collection, lang)
    title = label("tpl.title", lang, place=place, year=year)
    if lead:
        title += f"（{lead}）" if lang == "zh" else f" ({lead})"
    sheet.write(0, 0, title, fmt["title"])
    # Who filled it in: (label, its columns, the cells to fill in).
    respondent = (
        ("tpl.respondent", (0, 1), (2, 3)),
        ("tpl.person", (4, 4), (5, 5)),
        ("tpl.phone", (6, 6), (7, 8)),
        ("tpl.date", (9, 10), (11, 11)),
    )
    for key, (l1, l2), (f1, f2) in respondent:
        _span(sheet, 1, l1, l2, label(key, lang), fmt["label"])
        _span(sheet, 1, f1, f2, "", fmt["fill"])
    for c, (key, width) in enumerate(COLUMNS):
        sheet.set_column(c, c, width)
        sheet.write(HEADER_ROW, c, label(key, lang), fmt["head"])
    sheet.set_row(HEADER_ROW, max(30, row_height([(label(k, lang), w) for k, w in COLUMNS])))
    for i, w in enumerate(collection.wanted, start=1):
        r = HEADER_ROW + i
        t = w.target
        unit = t.series_unit_or_unit
        requirement = target_requirement(t, lang)
        if t.kind is not Kind.RISE:
            requirement += f" ({t.target_year})"
        leads = label("list_sep", lang).join(leads_of(t, lang))
        texts = (str(i), place, t.id, target_name(t, lang), unit, asks(t, year, lang), leads)
        for c, value in enumerate(texts):
            sheet.write_string(r, c, value, fmt["locked"])
        sheet.write_string(r, 7, requirement, fmt["locked"])
        widths = [width for _, width in COLUMNS]
        sheet.set_row(r, row_height(list(zip([*texts, requirement], widths, strict=False))))
        if w.previous is None:
            sheet.write_blank(r, 8, None, fmt["number"])
        else:
            sheet.write_number(r, 8, clean(w.previous.value), fmt["number"])
        sheet.write_number(r, 9, year, fmt["locked"])
        sheet.write_blank(r, VALUE_COL, None, fmt["value"])
        sheet.write_blank(r, NOTE_COL, None, fmt["note"])
        validation = _validation(t, unit, year, lang, w.previous)
        sheet.data_validation(r, VALUE_COL, r, VALUE_COL, validation)
    sheet.freeze_panes(HEADER_ROW + 1, 4)
    sheet.protect("", {"format_columns": True, "format_rows": True})
    print_setup(sheet, landscape=True, repeat=HEADER_ROW)


def _span(sheet, row: int, first: int, last: int, text: str, cell_format) -> None:
    if first == last:
        sheet.write(row, first, text, cell_format)
    else:
        sheet.merge_range(row, first, row, last, text, cell_format)


def _validation(target, unit: str, year: int, lang: Lang, previous=None) -> dict:
    """Excel data validation for a value cell, with the bounds ingest applies: a number,
    not below zero where the unit cannot be, at most 100 for a share, a whole number for a
    count. With last year's figure, a figure more than five times above or below it asks
    the person to check (a warning they may pass, writing 核实无误 in 备注, as ingest refuses
    a figure a power of ten from its series until so confirmed)."""
    negative_ok = units.UNITS[unit].dimension in _NEGATIVE_OK and not target.is_share
    kind = "integer" if target.whole else "decimal"
    low = None if negative_ok else 0
    high = 100 if target.is_share else None
    style, error = "stop", "tpl.error" if negative_ok else "tpl.error.negative"
    if target.is_share:
        error = "tpl.error.share"
    elif target.whole:
        error = "tpl.error.whole"
    if previous is not None and previous.value > 0:
        # Three significant figures: a band to check against, written without float noise.
        near_low = float(f"{previous.value / _PLAUSIBLE:.3g}")
        near_high = float(f"{previous.value * _PLAUSIBLE:.3g}")
        low = max(low or 0, near_low)
        high = near_high if high is None else min(high, near_high)
        if target.whole:
            low, high = math.floor(low), math.ceil(high)
        low, high = (int(x) if float(x).is_integer() else x for x in (low, high))
        style, error = "warning", "tpl.error.plausible"
    if low is None and high is None:
        rule = {"criteria": "between", "minimum": -1e15, "maximum": 1e15}
    elif high is None:
        rule = {"criteria": ">=", "value": low}
    else:
        rule = {"criteria": "between", "minimum": -1e15 if low is None else low, "maximum": high}
    prompt = label("tpl.prompt", lang, asks=asks(target, year, lang), unit=unit)
    previous_text = "" if previous is None else number(previous.value)
    message = label(error, lang, unit=unit, previous=previous_text)
    return {
        "validate": kind,
        **rule,
        "ignore_blank": True,
        # Excel's limits: a title of 32 characters, a message of 255.
        "input_title": target_name(target, lang)[:32],
        "input_message": prompt[:255],
        "error_title": label("tpl.error.title", lang)[:32],
        "error_message": message[:255],
        "error_type": style,
    }


# A figure more than this many times above or below last year's asks to be checked.
_PLAUSIBLE = 5
