"""The rewards workbook: each claim with its result and arithmetic, the totals by rule and
overall (what the budget needs), and the rules applied with their quotes.

The same result objects as the terminal and JSON views; written atomically (a temporary
file renamed into place), so an existing workbook is replaced whole or not at all.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ipkpi.assess.rewards import RewardsResult
from ipkpi.files import write_workbook
from ipkpi.labels import Lang, label
from ipkpi.output.xlsx import HEAD_FILL, Formats, clean, print_setup, row_height
from ipkpi.textsafe import xlsx_workbook
from ipkpi.views.rewards import arithmetic, formula, plain, quantity_name, rule_name, why

# Text wraps within these widths, so the 11 columns print across one A4 landscape page.
_CLAIM_WIDTHS = (5, 20, 10, 7, 18, 6, 24, 6, 30, 30, 12)
_CLAIM_HEADINGS = (
    "row",
    "applicant",
    "type",
    "measure",
    "rule_name",
    "year",
    "quantities",
    "eligible",
    "why",
    "arithmetic",
    "amount",
)


def write_rewards(path: Path, result: RewardsResult, *, lang: Lang, made_at: dt.datetime) -> None:
    write_workbook(Path(path), lambda tmp: _write(tmp, result, lang, made_at))


def _write(tmp: Path, result: RewardsResult, lang: Lang, made_at: dt.datetime) -> None:
    workbook = xlsx_workbook(tmp)  # every str written as a string, never a formula
    fmt = _formats(workbook)
    stamp = made_at.strftime("%Y-%m-%d %H:%M")
    _claims(
        workbook.add_worksheet("核算结果" if lang == "zh" else "Claims"), result, lang, fmt, stamp
    )
    _totals(workbook.add_worksheet("汇总" if lang == "zh" else "Totals"), result, lang, fmt)
    _rules(workbook.add_worksheet("规则" if lang == "zh" else "Rules"), result, lang, fmt)
    workbook.close()


def _formats(workbook) -> dict:
    """The workbook's cell formats by name."""
    formats = Formats(workbook)
    return {
        "title": formats.get(bold=True, font_size=14),
        "head": formats.get(bold=True, bg_color=HEAD_FILL, border=1, text_wrap=True),
        "text": formats.get(text_wrap=True, valign="top"),
        "amount": formats.get(num_format="0.0###", valign="top"),
        "total": formats.get(bold=True, num_format="0.0###", top=1),
        "bold": formats.get(bold=True, top=1),
        "red": formats.get(font_color="#C00000", valign="top"),
    }


def _claims(sheet, result: RewardsResult, lang: Lang, fmt: dict, stamp: str) -> None:
    """Each claim: its figures, whether it is eligible and why, the arithmetic, the amount."""
    plan = result.plan
    quantities = {q.id: q for q in plan.quantities}
    text = fmt["text"]
    sheet.write(0, 0, f"{plan.place} · {plan.title} · {label('rewards.title', lang)}", fmt["title"])
    sheet.write(1, 0, label("export.made", lang, when=stamp))
    headings = [label(k, lang) for k in _CLAIM_HEADINGS]
    sheet.write_row(3, 0, headings, fmt["head"])
    sheet.set_row(3, row_height([(h, w) for h, w in zip(headings, _CLAIM_WIDTHS, strict=True)]))
    widths = _CLAIM_WIDTHS
    for c, w in enumerate(widths):
        sheet.set_column(c, c, w)
    for i, r in enumerate(result.results, start=4):
        claim = r.claim
        figures = "；".join(
            f"{quantity_name(quantities[k], lang)} {label('yes' if v else 'no', lang)}"
            if isinstance(v, bool)
            else f"{quantity_name(quantities[k], lang)} {plain(v)}{quantities[k].unit or ''}"
            for k, v in claim.quantities.items()
        )
        cells = [
            claim.row,
            claim.applicant,
            label(f"applicant.{claim.applicant_type.value}", lang),
            claim.rule.measure,
            rule_name(claim.rule, lang),
            claim.year,
            figures,
        ]
        sheet.write_row(i, 0, cells, text)
        eligible = label("yes" if r.eligible else "no", lang)
        sheet.write(i, 7, eligible, text if r.eligible else fmt["red"])
        texts = [*(str(c) for c in cells), eligible, why(r, plan, lang), arithmetic(r, lang)]
        sheet.write(i, 8, texts[8], text)
        sheet.write(i, 9, texts[9], text)
        sheet.write_number(i, 10, clean(float(r.amount)), fmt["amount"])
        sheet.set_row(i, row_height(list(zip(texts, widths, strict=False))))
    last = 4 + len(result.results)
    sheet.write(last, 0, label("rewards.total", lang), fmt["bold"])
    sheet.write_number(last, 10, clean(float(result.total)), fmt["total"])
    sheet.freeze_panes(4, 2)
    sheet.autofilter(3, 0, last - 1, len(headings) - 1)
    print_setup(sheet, landscape=True, repeat=3)


def _totals(sheet, result: RewardsResult, lang: Lang, fmt: dict) -> None:
    """The claims and amount by rule, and in all (what the budget needs)."""
    sheet.write(0, 0, label("rewards.title", lang), fmt["title"])
    columns = ("measure", "rule_name", "claims", "eligible_n", "amount")
    sheet.write_row(2, 0, [label(k, lang) for k in columns], fmt["head"])
    widths = (8, 30, 10, 10, 14)
    for c, w in enumerate(widths):
        sheet.set_column(c, c, w)
    headings = [label(k, lang) for k in columns]
    sheet.set_row(2, row_height(list(zip(headings, widths, strict=True))))
    totals = result.by_rule()
    for i, t in enumerate(totals, start=3):
        name = rule_name(t.rule, lang)
        sheet.write_row(i, 0, [t.rule.measure, name, t.claims, t.eligible], fmt["text"])
        sheet.write_number(i, 4, clean(float(t.amount)), fmt["amount"])
        sheet.set_row(i, row_height([(t.rule.measure, widths[0]), (name, widths[1])]))
    row = 3 + len(totals)
    eligible = sum(1 for r in result.results if r.eligible)
    total_row = [label("rewards.total", lang), "", len(result.results), eligible]
    sheet.write_row(row, 0, total_row, fmt["bold"])
    sheet.write_number(row, 4, clean(float(result.total)), fmt["total"])
    print_setup(sheet, landscape=False, repeat=2)


def _rules(sheet, result: RewardsResult, lang: Lang, fmt: dict) -> None:
    """The rules applied: who may claim, the formula and the plan's words."""
    plan = result.plan
    sheet.write(0, 0, plan.title, fmt["title"])
    columns = ("measure", "rule_name", "applicant", "formula", "quote")
    sheet.write_row(2, 0, [label(k, lang) for k in columns], fmt["head"])
    widths = (8, 24, 20, 36, 60)
    for c, w in enumerate(widths):
        sheet.set_column(c, c, w)
    for i, rule in enumerate(plan.rules, start=3):
        who = label("list_sep", lang).join(
            label(f"applicant.{a.value}", lang) for a in rule.applicants
        )
        texts = [
            rule.measure,
            rule_name(rule, lang),
            who,
            formula(rule, result.plan, lang),
            rule.source.quote,
        ]
        sheet.write_row(i, 0, texts, fmt["text"])
        sheet.set_row(i, row_height(list(zip(texts, widths, strict=True))))
    print_setup(sheet, landscape=True, repeat=2)
