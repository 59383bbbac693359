"""Reward and subsidy rules applied to claims: pure functions (no I/O).

Each claim is checked against its rule in the order of the claims workbook: the year
within the measures' period, the applicant's type, every condition, then once-only rules
(一次性 per applicant, 每年 per applicant and year) against the claims before it. The
amount follows the rule's formula and is held to its cap, per claim or per applicant and
year over the claims before it. Amounts are exact decimals in 万元, never floats. The
results' views are in ``ipkpi.views.rewards``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from ipkpi.catalogue.model import Plan
from ipkpi.catalogue.rewards import AmountKind, CapScope, Condition, Once, RewardRule

if TYPE_CHECKING:  # for annotations only: a report's start-up reads no claims reader
    from ipkpi.ingest.claims import Claim, Value

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
