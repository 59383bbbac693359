"""Reward results as people read them: amounts in 万元, formulas with the claim's figures,
why a claim is eligible or not, the rules as a table; JSON documents, table rows and CSV
rows. No I/O.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from ipkpi.assess.rewards import Check, ClaimResult, RewardsResult
from ipkpi.catalogue.model import Plan
from ipkpi.catalogue.rewards import AmountKind, CapScope, Condition, Once, Quantity, RewardRule
from ipkpi.labels import Lang, label
from ipkpi.views.catalogue import plan_heading

if TYPE_CHECKING:  # for annotations only: a report's start-up reads no claims reader
    from ipkpi.ingest.claims import Value

REWARDS_SCHEMA = "ipkpi.rewards/1"


def money(value: Decimal) -> str:
    """万元 as people write them: 5.0, 30.0, 0.5, 12.35 (at least one decimal)."""
    if value == value.quantize(Decimal("0.1")):
        return f"{value:.1f}"
    return format(value.normalize(), "f")


def plain(value: Value | Decimal | Fraction) -> str:
    """A number in a formula: 3, 0.5, 1/3."""
    if isinstance(value, Fraction):
        return str(value.numerator) if value.denominator == 1 else str(value)
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def quantity_name(q: Quantity, lang: Lang) -> str:
    return q.name_en if lang == "en" and q.name_en else q.name


def rule_name(rule: RewardRule, lang: Lang) -> str:
    return rule.name_en if lang == "en" and rule.name_en else rule.name


def _unit(q: Quantity, lang: Lang) -> str:
    if not q.unit:
        return ""
    return f" {q.unit}" if lang == "en" else q.unit


def arithmetic(result: ClaimResult, lang: Lang = "zh") -> str:
    """The formula with the claim's figures: ``3 + 0.5 × 4 = 5.0 万元``, then the cap."""
    if not result.eligible:
        return ""
    rule, quantities = result.claim.rule, result.claim.quantities
    a = rule.amount
    q = quantities.get(a.quantity) if a.quantity else None
    total = f"{money(result.computed)} 万元"
    match a.kind:
        case AmountKind.FIXED:
            text = total
        case AmountKind.PER_ITEM | AmountKind.SHARE:
            text = f"{plain(a.rate)} × {plain(q)} = {total}"
        case AmountKind.GRADES:
            text = label("rewards.grade", lang, grade=q, amount=total)
        case AmountKind.BASE_PLUS:
            text = f"{plain(a.base)} + {plain(a.rate)} × {max(q - a.threshold, 0)} = {total}"
        case AmountKind.COST:
            text = total
    cap = result.cap
    if cap is None:
        return text
    if cap.per is CapScope.CLAIM or not cap.rows:
        return text + label("rewards.capped", lang, cap=money(cap.cap), amount=money(result.amount))
    rows = "、".join(str(r) for r in cap.rows) if lang == "zh" else ", ".join(map(str, cap.rows))
    return text + label(
        "rewards.capped_year",
        lang,
        cap=money(cap.cap),
        before=money(cap.before),
        rows=rows,
        amount=money(result.amount),
    )


def check_text(check: Check, quantities: dict[str, Quantity], lang: Lang) -> str:
    """One condition as applied: 轉讓發明專利5件，不足6件 / … 10 ≥ 6."""
    c = check.condition
    q = quantities[c.quantity]
    name = quantity_name(q, lang)
    if c.op == "is":
        return label(
            "rewards.flag", lang, name=name, value=label("yes" if check.value else "no", lang)
        )
    unit = _unit(q, lang)
    if c.of is not None:
        whole = quantities[c.of]
        return label(
            "rewards.share_ok" if check.passed else "rewards.share_short",
            lang,
            name=name,
            value=check.value,
            unit=unit,
            whole_name=quantity_name(whole, lang),
            whole=check.whole,
            limit=plain(c.limit),
        )
    key = ("rewards.at_least" if c.op == ">=" else "rewards.at_most") + (
        "_ok" if check.passed else "_fail"
    )
    return label(key, lang, name=name, value=plain(check.value), unit=unit, limit=plain(c.limit))


def why(result: ClaimResult, plan: Plan, lang: Lang = "zh") -> str:
    """Why the claim is eligible or not, in one line."""
    claim, rule = result.claim, result.claim.rule
    quantities = {q.id: q for q in plan.quantities}
    sep = label("condition_sep", lang)  # a condition's own words may hold a comma
    match result.refusal:
        case "year":
            return label(
                "rewards.why.year",
                lang,
                year=claim.year,
                start=plan.start_year,
                end=plan.target_year,
            )
        case "type":
            types = label("list_sep", lang).join(
                label(f"applicant.{t.value}", lang) for t in rule.applicants
            )
            return label(
                "rewards.why.type",
                lang,
                types=types,
                type=label(f"applicant.{claim.applicant_type.value}", lang),
            )
        case "conditions":
            failed = [check_text(c, quantities, lang) for c in result.checks if not c.passed]
            return label("rewards.why.conditions", lang, failed=sep.join(failed))
        case "once":
            key = "rewards.why.once" if rule.once is Once.APPLICANT else "rewards.why.once_year"
            return label(key, lang, row=result.earlier_row, year=claim.year)
        case "zero":
            return label("rewards.why.zero", lang)
    met = [check_text(c, quantities, lang) for c in result.checks]
    return sep.join(met) if met else label("rewards.why.no_conditions", lang)


def condition_text(c: Condition, plan: Plan, lang: Lang) -> str:
    """A condition as the rules table shows it: 兩年內新增發明專利 ≥ 40件."""
    quantities = {q.id: q for q in plan.quantities}
    q = quantities[c.quantity]
    if c.op == "is":
        return label("rewards.flag", lang, name=quantity_name(q, lang), value=label("yes", lang))
    limit = plain(c.limit)
    if c.of:
        limit = f"{limit} × {quantity_name(quantities[c.of], lang)}"
    else:
        limit += _unit(q, lang)
    return f"{quantity_name(q, lang)} {'≥' if c.op == '>=' else '≤'} {limit}"


def formula(rule: RewardRule, plan: Plan, lang: Lang) -> str:
    """The rule's amount in words: 3 + 0.5 × (轉讓發明專利 − 6); the cap after it."""
    quantities = {q.id: q for q in plan.quantities}
    a = rule.amount
    name = quantity_name(quantities[a.quantity], lang) if a.quantity else ""
    match a.kind:
        case AmountKind.FIXED:
            text = f"{money(a.value)} 万元"
        case AmountKind.PER_ITEM | AmountKind.SHARE:
            text = f"{plain(a.rate)} × {name}"
        case AmountKind.GRADES:
            text = " / ".join(money(g) for g in a.grades) + " 万元"
        case AmountKind.BASE_PLUS:
            text = f"{plain(a.base)} + {plain(a.rate)} × ({name} − {a.threshold})"
        case _:
            text = name
    if rule.cap is not None:
        per = "cap.claim" if rule.cap.per is CapScope.CLAIM else "cap.year"
        text += label(per, lang, cap=money(rule.cap.value))
    if rule.once is not None:
        text += label(f"once.{rule.once.value}", lang)
    return text


def rule_row(rule: RewardRule, plan: Plan, lang: Lang) -> dict[str, str]:
    sep = label("list_sep", lang)
    return {
        "measure": rule.measure,
        "rule_name": rule_name(rule, lang),
        "applicant": sep.join(label(f"applicant.{a.value}", lang) for a in rule.applicants),
        "conditions": "；".join(condition_text(c, plan, lang) for c in rule.conditions),
        "formula": formula(rule, plan, lang),
    }


RULE_COLUMNS = ("measure", "rule_name", "applicant", "conditions", "formula")


def rule_dict(rule: RewardRule) -> dict[str, Any]:
    a = rule.amount
    return {
        "id": rule.id,
        "measure": rule.measure,
        "name": rule.name,
        "name_en": rule.name_en,
        "title": rule.title,
        "applicants": [t.value for t in rule.applicants],
        "conditions": [
            {
                "quantity": c.quantity,
                "op": c.op,
                "limit": c.limit if isinstance(c.limit, bool) else plain(c.limit),
                "of": c.of,
            }
            for c in rule.conditions
        ],
        "amount": {
            "kind": a.kind.value,
            "value": None if a.value is None else float(a.value),
            "quantity": a.quantity,
            "rate": None if a.rate is None else float(a.rate),
            "base": None if a.base is None else float(a.base),
            "threshold": a.threshold,
            "grades": [float(g) for g in a.grades],
        },
        "cap": None
        if rule.cap is None
        else {"value": float(rule.cap.value), "per": rule.cap.per.value},
        "once": rule.once.value if rule.once else None,
        "unit": rule.unit,
        "lead": list(rule.lead),
        "source": {"clause": rule.source.clause, "quote": rule.source.quote},
        "reading": rule.reading,
    }


def result_dict(result: ClaimResult, plan: Plan, lang: Lang = "zh") -> dict[str, Any]:
    claim = result.claim
    return {
        "row": claim.row,
        "sheet": claim.sheet,
        "applicant": claim.applicant,
        "type": claim.applicant_type.value,
        "rule": claim.rule.id,
        "measure": claim.rule.measure,
        "rule_name": rule_name(claim.rule, lang),
        "year": claim.year,
        "quantities": {
            k: (float(v) if isinstance(v, Decimal) else v) for k, v in claim.quantities.items()
        },
        "eligible": result.eligible,
        "refusal": result.refusal,
        "why": why(result, plan, lang),
        "computed": float(result.computed),
        "amount": float(result.amount),
        "capped": result.capped,
        "arithmetic": arithmetic(result, lang),
        "note": claim.note,
    }


def rewards_document(result: RewardsResult, lang: Lang = "zh") -> dict[str, Any]:
    plan = result.plan
    return {
        "schema": REWARDS_SCHEMA,
        "city": plan.city,
        "place": plan.place,
        "plan": plan.id,
        "unit": "万元",
        "claims": [result_dict(r, plan, lang) for r in result.results],
        "totals": [
            {
                "rule": t.rule.id,
                "measure": t.rule.measure,
                "rule_name": rule_name(t.rule, lang),
                "claims": t.claims,
                "eligible": t.eligible,
                "amount": float(t.amount),
            }
            for t in result.by_rule()
        ],
        "total": float(result.total),
        "eligible": sum(1 for r in result.results if r.eligible),
        "claims_count": len(result.results),
    }


CLAIM_COLUMNS = (
    "row",
    "applicant",
    "measure",
    "rule_name",
    "year",
    "eligible",
    "why",
    "arithmetic",
    "amount",
)
TOTAL_COLUMNS = ("measure", "rule_name", "claims", "eligible_n", "amount")


def claim_row(result: ClaimResult, plan: Plan, lang: Lang) -> dict[str, str]:
    claim = result.claim
    return {
        "row": str(claim.row),
        "applicant": claim.applicant,
        "type": label(f"applicant.{claim.applicant_type.value}", lang),
        "measure": claim.rule.measure,
        "rule_name": rule_name(claim.rule, lang),
        "year": str(claim.year),
        "eligible": label("yes" if result.eligible else "no", lang),
        "why": why(result, plan, lang),
        "arithmetic": arithmetic(result, lang),
        "amount": money(result.amount),
    }


def total_rows(result: RewardsResult, lang: Lang) -> list[dict[str, str]]:
    rows = [
        {
            "measure": t.rule.measure,
            "rule_name": rule_name(t.rule, lang),
            "claims": str(t.claims),
            "eligible_n": str(t.eligible),
            "amount": money(t.amount),
        }
        for t in result.by_rule()
    ]
    rows.append(
        {
            "measure": label("rewards.total", lang),
            "rule_name": "",
            "claims": str(len(result.results)),
            "eligible_n": str(sum(1 for r in result.results if r.eligible)),
            "amount": money(result.total),
        }
    )
    return rows


def claim_csv_row(result: ClaimResult, plan: Plan) -> dict[str, Any]:
    d = result_dict(result, plan, "zh")
    return {k: d[k] for k in CLAIM_CSV_COLUMNS if k in d} | {
        "amount": money(result.amount),
        "computed": money(result.computed),
    }


CLAIM_CSV_COLUMNS = (
    "row",
    "applicant",
    "type",
    "measure",
    "rule",
    "year",
    "eligible",
    "refusal",
    "why",
    "arithmetic",
    "computed",
    "amount",
    "capped",
)


def rewards_title(result: RewardsResult, lang: Lang) -> str:
    return f"{plan_heading(result.plan, lang)} · {label('rewards.title', lang)}"


def rewards_summary(result: RewardsResult, lang: Lang) -> str:
    eligible = sum(1 for r in result.results if r.eligible)
    return label(
        "rewards.summary", lang, n=len(result.results), eligible=eligible, total=money(result.total)
    )
