"""What the text around a table says about its figures: the unit line above it
(``单位：万元``, ``计量单位：件``, a title ending ``（亿元）``), the period of a monthly or
quarterly sheet (``2024年1-12月``), the vintage (快报, 正式, 修订) and a person's note that
a figure was checked (核实无误).

Everything is compared in simplified characters, so 單位：萬元 and 快報 are read too.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ipkpi.catalogue import units
from ipkpi.hanzi import simplified
from ipkpi.messages import Message, msg


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Text as compared: NFKC, simplified characters, no whitespace, lower case."""
    return simplified("".join(unicodedata.normalize("NFKC", text).split())).lower()


# ----------------------------------------------------------------------- vintage

_VINTAGES = (
    ("revised", ("修订", "更正", "调整后", "修正")),
    ("preliminary", ("快报", "初步", "初值", "预计", "预估")),
    ("final", ("正式", "终核", "最终", "年报")),
)
VINTAGE_WORDS = tuple(word for _, words in _VINTAGES for word in words)


def vintage_of(*texts: object) -> str | None:
    """初步/快报 → preliminary, 正式 → final, 修订 → revised, from the first text that says."""
    for text in texts:
        if text and (code := _vintage(str(text))):
            return code
    return None


@lru_cache(maxsize=1 << 12)
def _vintage(text: str) -> str | None:
    """``vintage_of`` one text (cached: a wide table asks it of each year heading)."""
    folded = fold(text)
    for code, words in _VINTAGES:
        if any(w in folded for w in words):
            return code
    return None


# A note saying a person checked an unusual figure: it is stored as given.
_CONFIRMED = ("核实无误", "已核实", "确认无误", "经核实", "数据无误", "核对无误", "已确认")


def confirms(note: object) -> bool:
    return bool(note) and any(w in fold(str(note)) for w in _CONFIRMED)


# ----------------------------------------------------------------------- unit lines

# 单位：万元 / 计量单位：件 / （单位：亿元） — but not 填报单位：… (an organisation).
_UNIT_LINE = re.compile(r"(?:^|[(\[【,，;；:：\s])(?:计量)?单位\s*[:：]\s*([^()\[\]【】,，;；\s]*)")
_TRAILING = re.compile(r"[(（]([^()（）]+)[)）]\s*$")
_ORGANISATION = re.compile(r"(局|厅|委|办|院|中心|部|会|所|公司|政府|处|科|室)$")
_UNIT_LIST = re.compile(r"[、/,，和及]")


@dataclass(frozen=True)
class UnitLine:
    """The unit the text above a table gives, where it stands, or why it gives none."""

    unit: str | None  # a known unit, canonical
    cell: str | None
    text: str  # as written
    problem: Message | None = None  # several units, or one not known


def unit_line(cells: list[tuple[str, str]]) -> UnitLine | None:
    """The unit of the ``(cell, text)`` cells above a table, or None when they give none.

    ``单位：`` with nothing after it takes the next cell's text (单位： | 万元)."""
    found: list[UnitLine] = []
    for i, (cell, text) in enumerate(cells):
        plain = unicodedata.normalize("NFKC", text).strip()
        for match in _UNIT_LINE.finditer(simplified(plain)):
            written = match.group(1)
            if not written and i + 1 < len(cells):
                written = unicodedata.normalize("NFKC", cells[i + 1][1]).strip()
            line = _line(written, cell)
            if line is not None:
                found.append(line)
        if not found:
            trailing = _TRAILING.search(plain)
            if trailing and units.is_known(units.canonical(trailing.group(1))):
                found.append(UnitLine(units.canonical(trailing.group(1)), cell, trailing.group(0)))
    distinct = {f.unit for f in found if f.unit}
    problems = [f for f in found if f.problem]
    if problems:
        return problems[0]
    if len(distinct) > 1:
        first = found[0]
        several = "、".join(sorted(distinct))
        return UnitLine(
            None, first.cell, several, msg("E-UNIT-ABOVE-SEVERAL", units=several, cell=first.cell)
        )
    return found[0] if found else None


def _line(written: str, cell: str) -> UnitLine | None:
    if not written:
        return None
    parts = [p for p in _UNIT_LIST.split(written) if p]
    if "/" in written and units.is_known(units.canonical(written)):
        parts = [written]  # 件/万人 is one unit, not two
    known = [units.canonical(p) for p in parts if units.is_known(units.canonical(p))]
    if len(parts) > 1 and len(known) == len(parts) and len(set(known)) > 1:
        several = "、".join(dict.fromkeys(known))
        return UnitLine(
            None,
            cell,
            written,
            msg("E-UNIT-LINE-SEVERAL", text=written, units=several, cell=cell),
        )
    if known and len(known) == len(parts):
        return UnitLine(known[0], cell, written)
    if _ORGANISATION.search(written):
        return None  # 单位：南京市统计局 names who made the table
    return UnitLine(None, cell, written, msg("E-UNIT-LINE-UNKNOWN", unit=written, cell=cell))


# ----------------------------------------------------------------------- periods

_DASH = r"[-—–~～至到]"
# The year's own figure in a monthly or quarterly sheet.
_ANNUAL = re.compile(rf"^(1{_DASH}12月(累计)?|全年(累计|合计)?|年度合计|本年度)$")
# A running total: the year's figure only when the sheet's period is the whole year.
_RUNNING = re.compile(
    rf"^(本年累计(数|值)?|本年止累计|累计(数|值)?|年初至今|自年初累计|本年1{_DASH}本月|1{_DASH}本月)$"
)
# A part of the year: passed over.
_PART = re.compile(
    rf"^((19|20)\d\d年)?(\d{{1,2}}{_DASH}\d{{1,2}}月|\d{{1,2}}月(份)?|本月|当月|本季(度)?|"
    rf"[一二三四1-4]季度|第[一二三四1-4]季度|上半年|下半年|上年同期|去年同期|同期)(累计)?(数|值)?$"
)
_MONTH_IN_TEXT = re.compile(rf"(?:1{_DASH})?(\d{{1,2}})月")


def period_role(text: str) -> str | None:
    """'annual' (1-12月, 全年), 'running' (本年累计) or 'part' (1-9月, 本月, 一季度) for a
    header of a monthly or quarterly sheet; None otherwise."""
    folded = fold(text)
    if _ANNUAL.match(folded):
        return "annual"
    if _RUNNING.match(folded):
        return "running"
    if _PART.match(folded) and not _ANNUAL.match(folded.split("年")[-1]):
        return "part"
    return None


def sheet_period(*texts: str) -> str | None:
    """'year' when the texts say the figures run to December (1-12月, 12月, 全年, 年报),
    'part' when they name an earlier month (1-9月), None when they say neither."""
    for text in texts:
        folded = fold(text or "")
        if any(w in folded for w in ("全年", "年报", "年度")):
            return "year"
        months = [int(m) for m in _MONTH_IN_TEXT.findall(folded)]
        if months:
            return "year" if max(months) == 12 else "part"
    return None
