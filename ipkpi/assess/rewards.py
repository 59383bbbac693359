"""Reward and subsidy rules applied to claims: pure functions (no I/O).

Each claim is checked against its rule in the order of the claims workbook: the year
within the measures' period, the applicant's type, every condition, then once-only rules
(一次性 per applicant, 每年 per applicant and year) against the claims before it. The
amount follows the rule's formula and is held to its cap, per claim or per applicant and
year over the claims before it. Amounts are exact decimals in 万元, never floats.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ipkpi.catalogue.model import (
    AmountKind,
    CapScope,
    Condition,
    Once,
    Plan,
    Quantity,
    RewardRule,
)
from ipkpi.ingest.claims import Claim, Value
from ipkpi.labels import Lang, label

REWARDS_SCHEMA = "ipkpi.rewards/1"
ZERO = Decimal(0)


@dataclass(frozen=True)
class Check:
    condition: Condition
    value: Value
    whole: Value | None  # the quantity a share is taken of
    passed: bool


@dataclass(frozen=True)
class CapUse:
    cap: Decimal
    per: CapScope
    before: Decimal  # granted earlier under the same cap (applicant and year)
    rows: tuple[int, ...]  # the rows that were granted it


@dataclass(frozen=True)
class ClaimResult:
    claim: Claim
    eligible: bool
    checks: tuple[Check, ...] = ()
    refusal: str | None = None  # year | type | conditions | once | zero
    earlier_row: int | None = None  # once: the row that was granted
    computed: Decimal = ZERO  # by the formula, before the cap
    amount: Decimal = ZERO  # granted
    cap: CapUse | None = None  # set when the cap cut the amount

    @property
    def capped(self) -> bool:
        return self.cap is not None


@dataclass(frozen=True)
class RuleTotal:
    rule: RewardRule
    claims: int
    eligible: int
    amount: Decimal


@dataclass(frozen=True)
class RewardsResult:
    plan: Plan
    results: tuple[ClaimResult, ...]

    @property
    def total(self) -> Decimal:
        return sum((r.amount for r in self.results), ZERO)

    def by_rule(self) -> list[RuleTotal]:
        """Totals per rule that has claims, in the catalogue's order."""
        out = []
        for rule in self.plan.rules:
            mine = [r for r in self.results if r.claim.rule.id == rule.id]
            if mine:
                out.append(
                    RuleTotal(
                        rule,
                        len(mine),
                        sum(1 for r in mine if r.eligible),
                        sum((r.amount for r in mine), ZERO),
                    )
                )
        return out


def apply_rules(plan: Plan, claims: Sequence[Claim]) -> RewardsResult:
    """Every claim's result, in order (earlier claims come first for once-only rules and
    yearly caps)."""
    granted_once: dict[tuple, int] = {}
    under_cap: dict[tuple, tuple[Decimal, tuple[int, ...]]] = {}
    results = tuple(_apply(plan, claim, granted_once, under_cap) for claim in claims)
    return RewardsResult(plan, results)


def _apply(plan: Plan, claim: Claim, granted_once: dict, under_cap: dict) -> ClaimResult:
    rule = claim.rule
    if not plan.start_year <= claim.year <= plan.target_year:
        return ClaimResult(claim, False, refusal="year")
    if claim.applicant_type not in rule.applicants:
        return ClaimResult(claim, False, refusal="type")
    checks = tuple(_check(c, claim.quantities) for c in rule.conditions)
    if not all(c.passed for c in checks):
        return ClaimResult(claim, False, checks, refusal="conditions")
    once_key = None
    if rule.once is Once.APPLICANT:
        once_key = (rule.id, claim.who)
    elif rule.once is Once.APPLICANT_YEAR:
        once_key = (rule.id, claim.who, claim.year)
    if once_key is not None and once_key in granted_once:
        return ClaimResult(claim, False, checks, refusal="once", earlier_row=granted_once[once_key])
    computed = compute(rule, claim.quantities)
    if computed <= 0:
        return ClaimResult(claim, False, checks, refusal="zero")
    amount, cap = computed, None
    if rule.cap is not None:
        if rule.cap.per is CapScope.CLAIM:
            before, rows = ZERO, ()
        else:
            before, rows = under_cap.get((rule.id, claim.who, claim.year), (ZERO, ()))
        room = max(rule.cap.value - before, ZERO)
        if computed > room:
            amount = room
            cap = CapUse(rule.cap.value, rule.cap.per, before, rows)
        if rule.cap.per is CapScope.APPLICANT_YEAR and amount > 0:
            under_cap[(rule.id, claim.who, claim.year)] = (before + amount, (*rows, claim.row))
    if once_key is not None:
        granted_once[once_key] = claim.row
    return ClaimResult(claim, True, checks, computed=computed, amount=amount, cap=cap)


def _check(condition: Condition, quantities: dict[str, Value]) -> Check:
    value = quantities[condition.quantity]
    if condition.op == "is":
        return Check(condition, value, None, value is condition.limit)
    whole = quantities[condition.of] if condition.of else None
    if whole is not None:
        # a share, compared exactly: 14 of 40 against 1/3 is 14 ≥ 40/3
        passed = whole > 0 and _compare(Fraction(value) / Fraction(whole), condition)
    else:
        passed = _compare(Fraction(value), condition)
    return Check(condition, value, whole, passed)


def _compare(value: Fraction, condition: Condition) -> bool:
    return value >= condition.limit if condition.op == ">=" else value <= condition.limit


def compute(rule: RewardRule, quantities: dict[str, Value]) -> Decimal:
    """The amount by the rule's formula, before any cap."""
    a = rule.amount
    q = quantities.get(a.quantity) if a.quantity else None
    match a.kind:
        case AmountKind.FIXED:
            return a.value
        case AmountKind.PER_ITEM | AmountKind.SHARE:
            return a.rate * Decimal(q)
        case AmountKind.GRADES:
            return a.grades[q - 1]
        case AmountKind.BASE_PLUS:
            return a.base + a.rate * Decimal(max(q - a.threshold, 0))
        case AmountKind.COST:
            return Decimal(q)
    raise AssertionError(a.kind)


# --- views ------------------------------------------------------------------------------------


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
