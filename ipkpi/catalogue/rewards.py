"""The catalogue's reward and subsidy rules: who may claim, on which conditions, what
amount with which cap, and the quantities a claim gives for them (Zhangzhou's 若干措施).

Plain frozen dataclasses, built only by the catalogue loader after validation.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from ipkpi.catalogue.source import Source


class ApplicantType(StrEnum):
    ENTERPRISE = "enterprise"
    UNIVERSITY = "university"
    INSTITUTE = "institute"  # 科研院所
    SERVICE = "service"  # IP service organisations: 公共服务机构, 运营机构, 相关组织
    BANK = "bank"


# Words claims workbooks use for applicant types, simplified and traditional.
APPLICANT_WORDS: dict[str, ApplicantType] = {
    "企业": ApplicantType.ENTERPRISE,
    "企業": ApplicantType.ENTERPRISE,
    "高校": ApplicantType.UNIVERSITY,
    "高等学校": ApplicantType.UNIVERSITY,
    "高等學校": ApplicantType.UNIVERSITY,
    "大学": ApplicantType.UNIVERSITY,
    "大學": ApplicantType.UNIVERSITY,
    "科研院所": ApplicantType.INSTITUTE,
    "科研机构": ApplicantType.INSTITUTE,
    "科研機構": ApplicantType.INSTITUTE,
    "研究院所": ApplicantType.INSTITUTE,
    "服务机构": ApplicantType.SERVICE,
    "服務機構": ApplicantType.SERVICE,
    "知识产权服务机构": ApplicantType.SERVICE,
    "知識產權服務機構": ApplicantType.SERVICE,
    "银行": ApplicantType.BANK,
    "銀行": ApplicantType.BANK,
    "合作银行": ApplicantType.BANK,
    "合作銀行": ApplicantType.BANK,
}


class QuantityType(StrEnum):
    COUNT = "count"  # a whole number of items, 0 or more
    AMOUNT = "amount"  # money in 万元, 0 or more
    GRADE = "grade"  # a grade 1, 2, 3, …
    FLAG = "flag"  # 是 / 否


@dataclass(frozen=True)
class Quantity:
    """A figure a claim gives for its rule to be applied (a column of the claims workbook)."""

    id: str
    name: str
    unit: str | None
    type: QuantityType
    name_en: str | None = None
    aliases: tuple[str, ...] = ()  # other headings claims workbooks use (简体)


@dataclass(frozen=True)
class Condition:
    """``quantity`` ≥ / ≤ ``limit`` (of ``of``, for a share), or a flag that must be 是."""

    quantity: str
    op: str  # ">=", "<=" or "is"
    limit: Fraction | bool
    of: str | None = None  # the limit is a share of this quantity


class AmountKind(StrEnum):
    FIXED = "fixed"  # one amount
    PER_ITEM = "per_item"  # rate × quantity
    GRADES = "grades"  # an amount for each grade 1…n
    BASE_PLUS = "base_plus"  # base at the threshold, plus step for each item beyond it
    SHARE = "share"  # rate × an amount (e.g. 80 % of a loss)
    COST = "cost"  # the amount claimed (a cost), within the cap


@dataclass(frozen=True)
class Amount:
    kind: AmountKind
    value: Decimal | None = None  # fixed
    quantity: str | None = None
    rate: Decimal | None = None  # per_item, share, and base_plus's step
    base: Decimal | None = None  # base_plus
    threshold: int | None = None  # base_plus: the count the base pays for
    grades: tuple[Decimal, ...] = ()


class CapScope(StrEnum):
    CLAIM = "claim"  # each claim on its own
    APPLICANT_YEAR = "applicant_year"  # all of an applicant's claims under the rule in a year


class Once(StrEnum):
    APPLICANT = "applicant"  # 一次性: once per applicant
    APPLICANT_YEAR = "applicant_year"  # 每年: once per applicant and year


@dataclass(frozen=True)
class Cap:
    value: Decimal
    per: CapScope


@dataclass(frozen=True)
class RewardRule:
    """One reward or subsidy rule of a measures document (Zhangzhou's 若干措施)."""

    id: str
    measure: str  # the document's number for the measure: "(七)"
    name: str  # a short name
    title: str  # the measure's heading
    applicants: tuple[ApplicantType, ...]
    amount: Amount
    source: Source
    unit: str = "万元"
    name_en: str | None = None
    conditions: tuple[Condition, ...] = ()
    cap: Cap | None = None
    once: Once | None = None
    lead: tuple[str, ...] = ()
    reading: str | None = None
    aliases: tuple[str, ...] = ()  # other names claims may give for the rule (简体)

    def needs(self) -> tuple[str, ...]:
        """The quantities a claim under this rule must give, in the order they are used."""
        found = [c.quantity for c in self.conditions] + [c.of for c in self.conditions if c.of]
        if self.amount.quantity:
            found.append(self.amount.quantity)
        return tuple(dict.fromkeys(found))
