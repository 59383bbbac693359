"""A drafted plan as a catalogue plan file (targets/README.md), for a person to review:
``status = "draft"``; each target with what to check above it (``# 待核实：…``); a target
whose value the drafter could not tell written commented out, so the file loads and the
rest can be reported on while it waits for its number."""

from __future__ import annotations

import json

from ipkpi.draft.model import DraftPlan, DraftTarget
from ipkpi.messages import Message, say
from ipkpi.views.numbers import number


def _s(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's)."""
    return json.dumps(text, ensure_ascii=False)


def _n(value: float) -> str:
    found = number(value)
    return str(found) if isinstance(found, int) else repr(float(f"{found:.12g}"))


def _list(items) -> str:
    return "[" + ", ".join(_s(i) for i in items) + "]"


def plan_toml(plan: DraftPlan, lang: str = "zh") -> str:
    check = say("draft.to_check", lang)
    lines = [f"# {say('draft.header', lang, source=plan.source)}", "schema = 1", "", "[plan]"]
    lines += [f"# {check}{_colon(lang)}{r.text(lang)}" for r in plan.review]
    lines += [
        f"id = {_s(plan.id)}",
        'status = "draft"',
        f"city = {_s(plan.city)}",
        f"place = {_s(plan.place)}",
        f"place_en = {_s(plan.place_en)}",
        f"level = {_s(plan.level)}",
        f"title = {_s(plan.title)}",
    ]
    if plan.document_number:
        lines.append(f"document_number = {_s(plan.document_number)}")
    if plan.issued:
        lines.append(f"issued = {plan.issued}")
    lines += [
        f"start_year = {plan.start_year}",
        f"target_year = {plan.target_year}",
        f"source = {_s(plan.source)}",
    ]
    for target in plan.targets:
        lines += ["", *_target(target, lang)]
    return "\n".join(lines) + "\n"


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _target(t: DraftTarget, lang: str) -> list[str]:
    check = say("draft.to_check", lang)
    head = [f"# {check}{_colon(lang)}{r.text(lang)}" for r in t.review]
    body = ["[[targets]]", f"id = {_s(t.id)}", f"name = {_s(t.name)}"]
    if t.name_en:
        body.append(f"name_en = {_s(t.name_en)}")
    if t.aliases:
        body.append(f"aliases = {_list(t.aliases)}")
    if t.measure:
        body.append(f"measure = {_s(t.measure)}")
    body.append(f"category = {_s(t.category or '')}")
    if t.subcategory:
        body.append(f"subcategory = {_s(t.subcategory)}")
    body += [f"lead = {_list(t.lead)}", f"kind = {_s(t.kind)}", f"comparator = {_s(t.comparator)}"]
    if t.value is not None:
        body.append(f"value = {_n(t.value)}")
    elif t.kind != "rise":
        body.append("value =")  # for a person to fill in, from the quote
    body.append(f"unit = {_s(t.unit)}")
    if t.series_unit:
        body.append(f"series_unit = {_s(t.series_unit)}")
    if t.target_year is not None:
        body.append(f"target_year = {t.target_year}")
    if t.baseline is not None:
        said = t.baseline.note
        if isinstance(said, Message):
            said = said.text(lang)
        note = f", note = {_s(said)}" if said else ""
        body.append(
            f"baseline = {{ year = {t.baseline.year}, value = {_n(t.baseline.value)}{note} }}"
        )
    body.append(f"direction = {_s(t.direction)}")
    if t.nature:
        body.append(f"nature = {_s(t.nature)}")
    body += [f"clause = {_s(t.clause)}", f"quote = {_s(t.quote)}"]
    if t.reading:
        joined = ("；" if lang == "zh" else "; ").join(r.text(lang) for r in t.reading)
        body.append(f"reading = {_s(joined)}")
    if t.written_out:  # out until a person fixes it
        head.append(f"# {say('draft.left_out', lang)}")
        body = [f"# {line}" for line in body]
    return head + body
