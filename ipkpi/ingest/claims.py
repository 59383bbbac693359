"""Read a claims workbook for ``ipkpi rewards``: one row per claim.

The header (in the first rows of the first sheet that has one) names the applicant
(申请单位), its type (单位类型: 企业, 高校, 科研院所, 服务机构, 银行), the measure (措施: the
document's number such as (七), or the rule's name or id), the year (年度), and one column
per quantity the rules use, headed by the quantity's name, alias, id or English name.
Columns a claim's rule does not use may be left blank.

Everything a rule needs must be there: a blank quantity the rule uses, a word that is not
a number, a type or measure not understood, is a located problem (file › sheet › cell),
never a zero. All problems are collected and raised together as ``ClaimsError``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from ipkpi.catalogue.model import Plan
from ipkpi.catalogue.rewards import (
    APPLICANT_WORDS,
    ApplicantType,
    Quantity,
    QuantityType,
    RewardRule,
)
from ipkpi.errors import ClaimsError, InputProblem
from ipkpi.ingest.cells import (
    NotANumber,
    cell_ref,
    cell_text,
    compact,
    figure_text,
    parse_number,
)
from ipkpi.ingest.progress import number_key
from ipkpi.ingest.reading import Sheet, read_file, refuse_uncomputed
from ipkpi.messages import Message, OneOf, msg

# A count or amount this large is no claim: refused before the rules multiply it (counts ×
# amounts of 10¹² stay within the 28 digits of exact decimal arithmetic).
_TOO_LARGE = 1e12
Value = int | Decimal | bool  # a count or grade, an amount in 万元, a flag


@dataclass(frozen=True)
class Claim:
    """One row of a claims workbook: who claims under which rule, for which year, with the
    quantities the rule uses."""

    row: int  # the sheet row, from 1
    sheet: str | None
    applicant: str
    applicant_type: ApplicantType
    rule: RewardRule
    year: int
    quantities: dict[str, Value] = field(default_factory=dict)
    note: str | None = None

    @property
    def who(self) -> str:
        """The applicant as compared for once-only rules and caps."""
        return "".join(unicodedata.normalize("NFKC", self.applicant).split()).lower()


HEADER_SCAN_ROWS = 20
_COLUMN_WORDS = {
    "applicant": (
        "申请单位",
        "申请人",
        "单位名称",
        "申报单位",
        "申請單位",
        "申報單位",
        "applicant",
    ),
    "type": ("单位类型", "类型", "主体类型", "單位類型", "類型", "type", "applicanttype"),
    "measure": (
        "措施",
        "条款",
        "措施条款",
        "奖补项目",
        "項目",
        "措施條款",
        "獎補項目",
        "measure",
        "rule",
    ),
    "year": ("年度", "年份", "申报年度", "year"),
    "note": ("备注", "說明", "说明", "備註", "note", "notes"),
}
_FLAG_WORDS = {
    **dict.fromkeys(("是", "yes", "y", "true", "1", "√", "✓", "有"), True),
    **dict.fromkeys(("否", "no", "n", "false", "0", "×", "✗", "无", "無"), False),
}
_FOOTER = re.compile(r"^(合计|总计|小计|合計|總計|注|说明|備註|备注|note|total)([:：\s]|$)", re.I)


def _key(value: object) -> str:
    """A heading or word as compared: no whitespace, lower-case, a trailing (件) dropped."""
    if type(value) is str:
        return _text_key(value)
    return _BRACKETED_END.sub("", compact(value))


_BRACKETED_END = re.compile(r"[(（][^()（）]*[)）]$")


@lru_cache(maxsize=1 << 12)
def _text_key(text: str) -> str:
    """``_key`` of a text (cached: every sheet's first rows are scanned for a header)."""
    return _BRACKETED_END.sub("", compact(text))


@lru_cache(maxsize=1)
def _words() -> dict[str, str]:
    """Each column word of a claims table, as compared → its role."""
    return {_key(w): role for role, ws in _COLUMN_WORDS.items() for w in ws}


def read_claims(path: Path, plan: Plan) -> list[Claim]:
    """The claims in ``path`` for ``plan``'s rules; raises ``ClaimsError`` with every
    problem found."""
    sheets = read_file(path)
    refuse_uncomputed(sheets, path)  # a formula with no value: the claim is not known
    columns_of_quantities = _quantity_headings(plan.quantities)
    for sheet in sheets:
        found = _find_header(sheet.rows, columns_of_quantities)
        if found is not None:
            break
    else:
        raise ClaimsError([InputProblem(path, msg("E-CLAIMS-NO-TABLE"))])
    header, columns, quantity_columns = found
    rows = _ClaimRows(path, sheet, plan, columns, quantity_columns)
    claims = []
    for r in range(header + 1, len(sheet.rows)):
        claim = rows.claim(r)
        if claim is not None:
            claims.append(claim)
    if rows.problems:
        raise ClaimsError(rows.problems)
    if not claims:
        raise ClaimsError([InputProblem(path, msg("E-CLAIMS-EMPTY"), sheet=sheet.name)])
    return claims


class _ClaimRows:
    """The rows under a claims header, one claim each; problems are collected."""

    def __init__(self, path: Path, sheet: Sheet, plan: Plan, columns, quantity_columns):
        self.path = path
        self.sheet = sheet
        self.plan = plan
        self.columns = columns
        self.quantity_columns = quantity_columns
        self.rules = _RuleFinder(plan)
        self.problems: list[InputProblem] = []
        self.missing_reported: set[str] = set()

    def problem(self, message: Message, cell: str | None) -> None:
        self.problems.append(InputProblem(self.path, message, sheet=self.sheet.name, cell=cell))

    def claim(self, r: int) -> Claim | None:
        """The claim in row ``r``; None for a blank, totals or notes row, or with the
        problems recorded."""
        row = self.sheet.rows[r]
        if all(not cell_text(v) for v in row):
            return None
        columns, problem = self.columns, self.problem

        def at(c: int | None, row=row) -> object:
            return row[c] if c is not None and c < len(row) else None

        ref = {role: cell_ref(r, c) for role, c in columns.items()}
        applicant = cell_text(at(columns["applicant"]))
        first = next((cell_text(v) for v in row if cell_text(v)), "")
        if _FOOTER.match(applicant or first):
            return None  # a totals or notes line under the table
        if not applicant:
            problem(msg("E-CLAIM-APPLICANT-MISSING"), ref["applicant"])
            return None
        before = len(self.problems)
        raw_type = cell_text(at(columns["type"]))
        applicant_type = _applicant_type(raw_type)
        if applicant_type is None:
            if raw_type:
                problem(msg("E-CLAIM-TYPE-UNKNOWN", type=raw_type), ref["type"])
            else:
                problem(msg("E-CLAIM-TYPE-MISSING"), ref["type"])
        raw_year = at(columns["year"])
        year = _year(raw_year)
        if year is None:
            written = cell_text(raw_year)
            if written:
                problem(msg("E-CLAIM-YEAR-INVALID", year=written), ref["year"])
            else:
                problem(msg("E-CLAIM-YEAR-MISSING"), ref["year"])
        raw_measure = cell_text(at(columns["measure"]))
        rule, why = self.rules.find(raw_measure, applicant_type)
        if rule is None:
            problem(why, ref["measure"])
            return None
        quantities = self._quantities(r, at, rule, ref["measure"])
        if len(self.problems) > before:
            return None
        return Claim(
            row=r + 1,
            sheet=self.sheet.name,
            applicant=applicant,
            applicant_type=applicant_type,
            rule=rule,
            year=year,
            quantities=quantities,
            note=cell_text(at(columns.get("note"))) or None,
        )

    def _quantities(self, r: int, at, rule: RewardRule, measure_cell: str) -> dict[str, Value]:
        """The quantities the row's rule uses, each from its column."""
        quantities = {}
        for qid in rule.needs():
            q = next(q for q in self.plan.quantities if q.id == qid)
            c = self.quantity_columns.get(qid)
            if c is None:
                if qid not in self.missing_reported:
                    self.missing_reported.add(qid)
                    missing = msg("E-CLAIM-COLUMN-MISSING", quantity=q.name, id=qid, rule=rule.name)
                    self.problem(missing, measure_cell)
                continue
            cell = cell_ref(r, c)
            value, message = _value(at(c), q, rule)
            if message:
                self.problem(message, cell)
            else:
                quantities[qid] = value
        return quantities


def is_claims_sheet(rows: list[list[object]]) -> bool:
    """Whether a sheet holds a claims table (申请单位, 单位类型, 措施, 年度), which
    ``ipkpi ingest`` passes over: claims are worked out by ``ipkpi rewards``, not stored."""
    return _find_header(rows, {}) is not None


def _quantity_headings(quantities: tuple[Quantity, ...]) -> dict[str, str]:
    """Every heading a quantity's column may have → its id."""
    out = {}
    for q in quantities:
        for name in (q.id, q.name, q.name_en, *q.aliases):
            if name:
                out[_key(name)] = q.id
    return out


def _find_header(rows, headings: dict[str, str]):
    words = _words()
    for r in range(min(len(rows), HEADER_SCAN_ROWS)):
        columns: dict[str, int] = {}
        quantity_columns: dict[str, int] = {}
        for c, value in enumerate(rows[r]):
            if type(value) is not str and not headings:
                continue  # a number or a date is none of the words
            key = _key(value)
            if key in headings:
                quantity_columns.setdefault(headings[key], c)
            elif key in words:
                columns.setdefault(words[key], c)
        if {"applicant", "type", "measure", "year"} <= columns.keys():
            return r, columns, quantity_columns
    return None


def _applicant_type(text: str) -> ApplicantType | None:
    key = _key(text)
    try:
        return ApplicantType(key)
    except ValueError:
        return APPLICANT_WORDS.get(key)


def _year(raw: object) -> int | None:
    text = cell_text(raw).removesuffix("年").removesuffix("年度")
    return int(text) if re.fullmatch(r"(19|20)\d\d", text) else None


def _value(raw: object, q: Quantity, rule: RewardRule) -> tuple[Value | None, Message | None]:
    """(value, None) or (None, problem)."""
    name = {"quantity": q.name, "id": q.id}
    text = cell_text(raw)
    if not text:
        return None, msg("E-CLAIM-VALUE-EMPTY", rule=rule.name, **name)
    if q.type is QuantityType.FLAG:
        flag = _FLAG_WORDS.get(text.lower())
        if flag is None:
            return None, msg("E-CLAIM-FLAG-INVALID", text=text, **name)
        return flag, None
    unit = q.unit or ""
    try:
        cell = parse_number(text.removesuffix(unit) if unit else text)
    except NotANumber as exc:
        return None, msg("E-CLAIM-NOT-NUMBER", reason=exc.message, fix=exc.fix_part(), **name)
    if cell.percent:
        counted = unit or msg("ingest.claim.items")
        return None, msg("E-CLAIM-PERCENT", text=text, unit=counted, **name)
    number = cell.value
    if number is None:
        return None, msg("E-CLAIM-VALUE-MISSING", rule=rule.name, text=text, **name)
    if number < 0:
        return None, msg("E-CLAIM-NEGATIVE", text=text, **name)
    if number >= _TOO_LARGE:  # beyond any claim, and beyond exact decimal arithmetic
        return None, msg("E-CLAIM-TOO-LARGE", value=figure_text(number), **name)
    if q.type is QuantityType.AMOUNT:
        try:
            return Decimal(str(number)).quantize(Decimal("0.0001")), None
        except InvalidOperation:
            return None, msg("E-CLAIM-NOT-AMOUNT", text=text, **name)
    if not float(number).is_integer():
        return None, msg("E-CLAIM-NOT-WHOLE", text=text, **name)
    value = int(number)
    if q.type is QuantityType.GRADE:
        grades = len(rule.amount.grades) if rule.amount.quantity == q.id else None
        if value < 1 or (grades and value > grades):
            return None, msg("E-CLAIM-GRADE-UNKNOWN", grade=value, grades=grades, **name)
    return value, None


class _RuleFinder:
    """A claim's rule from its measure cell: a rule's id, name or alias, or the measure's
    number ((七), 七, 7, 第七条) with the applicant's type choosing among its rules."""

    def __init__(self, plan: Plan):
        self.plan = plan
        self.by_name: dict[str, RewardRule] = {}
        self.by_measure: dict[str, list[RewardRule]] = {}
        for rule in plan.rules:
            for name in (rule.id, rule.name, rule.name_en, *rule.aliases):
                if name:
                    self.by_name[_key(name)] = rule
            self.by_measure.setdefault(number_key(rule.measure), []).append(rule)

    def find(
        self, text: str, applicant: ApplicantType | None
    ) -> tuple[RewardRule | None, Message | None]:
        """The rule the measure cell names, or None and why."""
        if not text:
            return None, msg("E-CLAIM-MEASURE-MISSING")
        rule = self.by_name.get(_key(text))
        if rule is not None:
            return rule, None
        rules = self.by_measure.get(number_key(text), [])
        if not rules:
            measures = list(dict.fromkeys(r.measure for r in self.plan.rules))
            return None, msg("E-CLAIM-MEASURE-UNKNOWN", measure=text, measures=measures)
        if len(rules) > 1 and applicant is not None:
            mine = [r for r in rules if applicant in r.applicants]
            rules = mine or rules[:1]  # none fits: the first says why not
        if len(rules) > 1:
            names = OneOf(r.name for r in rules)
            return None, msg("E-CLAIM-MEASURE-AMBIGUOUS", measure=text, n=len(rules), rules=names)
        return rules[0], None
