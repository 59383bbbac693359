"""The words plans state a quantity with: numbers with their units, comparators and the
years a goal is due — shared by the sentence rules and the table rules.

The comparators keep their legal meaning, as the catalogue's (targets/README.md): 以上, 达到,
达, 不少于, 不低于 are ≥; 超过, 超, 高于, 多于 are >; 左右, 约 are ≈; 以内, 以下, 不超过,
不高于, 控制在…以内 are ≤; 低于, 少于 are <.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Units a goal is stated in, longest first (so 万人次 is not read as 万人 then 次).
UNITS = (
    "万人次",
    "人次",
    "个百分点",
    "百分点",
    "件/万人",
    "万件",
    "万项",
    "万家",
    "万人",
    "万次",
    "亿元",
    "万元",
    "千元",
    "件",
    "项",
    "家",
    "个",
    "人",
    "名",
    "次",
    "元",
    "%",
    "‰",
    "分",
)
_UNIT = "|".join(re.escape(u) for u in UNITS)
UNIT = _UNIT + "|％"  # a unit, as a regular expression
NUMBER = r"\d+(?:,\d{3})*(?:\.\d+)?"
# A number and its unit; 个 is not a unit in 个百分点's place, nor before 月/年 (3个月).
QUANTITY = re.compile(rf"({NUMBER})\s*({_UNIT})(?![月年工钟之类别局行会支])")
_CANONICAL = {"百分点": "个百分点", "％": "%"}

AFTER = {  # words after the number
    "以上": ">=",
    "及以上": ">=",
    "左右": "~",
    "以内": "<=",
    "以下": "<=",
}
BEFORE = {  # words before it, longest first when matched
    "不少于": ">=",
    "不低于": ">=",
    "不超过": "<=",
    "不高于": "<=",
    "控制在": "<=",
    "达到": ">=",
    "超过": ">",
    "高于": ">",
    "多于": ">",
    "低于": "<",
    "少于": "<",
    "突破": ">",
    "达": ">=",
    "超": ">",
    "约": "~",
}
_BEFORE = sorted(BEFORE, key=len, reverse=True)


def canonical_unit(unit: str) -> str:
    unit = unit.replace("％", "%")
    return _CANONICAL.get(unit, unit)


def number(text: str) -> float:
    return float(text.replace(",", ""))


@dataclass(frozen=True)
class Comparator:
    op: str  # >=, >, <=, <, ~
    word: str  # the document's word ("" when none: a plain number read as ≥)


def comparator_around(before: str, after: str) -> Comparator:
    """The comparator a number's neighbours give: the words just before it (达到50件), then
    just after (50件以上, 15%左右); a plain number is ≥ (``word`` empty)."""
    tail = after.lstrip()
    for word, op in AFTER.items():
        if tail.startswith(word):
            if word == "以内" and "控制在" in before[-12:]:
                return Comparator("<=", "控制在…以内")
            return Comparator(op, word)
    head = before.rstrip()
    for word in _BEFORE:
        if head.endswith(word) or head.endswith(word + "到"):
            return Comparator(BEFORE[word], word)
    return Comparator(">=", "")


_YEAR_DUE = re.compile(
    r"(?:到|至|截至|截止到?)\s*(20\d\d)\s*年|(20\d\d)\s*年(?:底|末)?(?:前|以前)"
    r"|(?:^|[，,。；;])\s*(20\d\d)\s*年(?:底|末)?\s*[，,]"
)


def year_due(text: str) -> int | None:
    """The year a sentence says its goal is due: 到2025年, 至2025年底, 2025年底前, 2030年，…
    (not a year a figure is compared with: 由2025年的…, 较2025年…)."""
    found = [int(a or b or c) for a, b, c in _YEAR_DUE.findall(text)]
    return max(found) if found else None


_CELL = re.compile(
    rf"^\s*(?P<sign>[≥≤><]=?|不少于|不低于|超过|达到)?\s*(?P<open>[\[〔【(（])?\s*"
    rf"(?P<n>{NUMBER})\s*(?P<close>[\]〕】)）])?\s*(?P<unit>{_UNIT})?\s*"
    r"(?P<after>以上|及以上|左右|以内|以下)?\s*(?P<star>[*＊※])?\s*$"
)
_SIGNS = {"≥": ">=", ">=": ">=", "≤": "<=", "<=": "<=", ">": ">", "<": "<"}


@dataclass(frozen=True)
class Cell:
    """A table's value cell: 12以上, 15左右, 0.93*, ≥80, [80] (a cumulative figure, as
    national plans bracket them), 36万件."""

    value: float
    comparator: Comparator
    unit: str | None
    bracketed: bool
    starred: bool


def read_cell(text: str) -> Cell | None:
    """A value cell, or None (blank, —, text)."""
    m = _CELL.match(text.replace("，", ","))
    if m is None:
        return None
    sign, after = m.group("sign"), m.group("after")
    if after:
        comparator = Comparator(AFTER[after], after)
    elif sign:
        comparator = Comparator(_SIGNS.get(sign) or BEFORE[sign], sign)
    else:
        comparator = Comparator(">=", "")
    unit = m.group("unit")
    return Cell(
        number(m.group("n")),
        comparator,
        canonical_unit(unit) if unit else None,
        bool(m.group("open") and m.group("close")),
        bool(m.group("star")),
    )
