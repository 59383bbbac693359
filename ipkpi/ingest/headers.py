"""The header rows of a statistics sheet: what each header cell names (an indicator
column, years, a value, a unit, a place, a month), where a table's header is, how one
header row splits into tables side by side, and where a table ends (its notes, or the
text above the next header: stacked tables).

Header words are compared in simplified characters (``fold``), so 指標名稱 is 指标名称.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ipkpi.ingest.cells import is_date_cell, parse_year
from ipkpi.ingest.context import VINTAGE_WORDS, fold, period_role
from ipkpi.ingest.matching import split_unit

HEADER_SCAN_ROWS = 30

_ROLE_WORDS = {
    "indicator": ("指标", "指标名称", "项目", "名称", "指标项", "统计指标", "indicator", "name"),
    "id": ("指标代码", "指标编号", "代码", "id", "target_id", "指标id"),
    "unit": ("单位", "计量单位", "unit"),
    "city": (
        "城市",
        "地区",
        "市州",
        "地市",
        "市(州)",
        "市(州)名称",
        "设区市",
        "行政区划",
        "区域",
        "地区名称",
        "城市名称",
        "city",
        "place",
    ),
    "year": ("年份", "年度", "年", "year"),
    "value": (
        "数值",
        "数据",
        "值",
        "完成值",
        "实际值",
        "本年数",
        "统计值",
        "完成数",
        "实现数",
        "value",
    ),
    "seq": ("序号", "编号", "no", "no."),
    "note": ("备注", "说明", "注", "note", "notes"),
}

_WORD_ROLE = {word: role for role, words in _ROLE_WORDS.items() for word in words}

# The roles that key a row: a second one on a header row starts a table beside the first.
KEY_ROLES = frozenset({"seq", "indicator", "id", "city"})

VALUE_ROLES = frozenset({"yearcol", "value", "annual", "running", "item"})

# 注：… / 说明1. … — but not 注册商标, which is an indicator.
NOTE_ROW = re.compile(
    r"^(注|说明|备注|数据来源|资料来源|填表说明|填报说明|note)\s*([:.、]|\d|$)", re.IGNORECASE
)

# A short text ending like a place name (南京市, 黔东南州): not an indicator's header.
_PLACE_LIKE = re.compile(r"^.{1,10}(市|省|州|县|区|盟)$")


def text_of(value: object) -> str:
    if value is None:
        return ""
    if type(value) is str:
        return _clean(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


@lru_cache(maxsize=1 << 16)
def _clean(text: str) -> str:
    # Cached: a column of city, indicator or unit names repeats the same few texts.
    return unicodedata.normalize("NFKC", text).strip()


clean = _clean  # a text as the tables read it (NFKC, stripped), cached


def blank(value: object) -> bool:
    return value is None or (type(value) is str and not _clean(value))


def first_text(cells) -> str:
    """The text of the first of ``cells`` that is not blank, or ""."""
    for value in cells:
        if value is None:
            continue
        if type(value) is str:
            text = _clean(value)
            if text:
                return text
            continue
        text = text_of(value)
        if text:
            return text
    return ""


@lru_cache(maxsize=1 << 14)
@lru_cache(maxsize=1 << 14)
def is_note(text: str) -> bool:
    """Whether a row starting with ``text`` is a note below a table (注：…)."""
    return NOTE_ROW.match(text) is not None


@lru_cache(maxsize=1 << 14)
def may_start_header(text: str) -> bool:
    """Whether a row starting with ``text`` may be a header row (序号, 指标, 城市, 年份 …)."""
    return word_role(text)[0] in _HEADER_START


def role_of(value: object) -> tuple[str, object] | None:
    """What a header cell names: ('yearcol', 2021), ('indicator', None), ('annual', None),
    ('part', '1-9月'), ('date', '2023-06-30'), ('item', name) … or None for an empty cell."""
    year = parse_year(value)
    if year is not None:
        return ("yearcol", year)
    if is_date_cell(value):
        return ("date", text_of(value))
    text = text_of(value)
    if not text:
        return None
    vintage_year = _YEAR_VINTAGE.fullmatch(fold(text))
    if vintage_year is not None:
        return ("yearcol", int(vintage_year.group(1)))
    return word_role(text)


# A year heading with its vintage after it, not in brackets: 2023年快报, 2023快报数,
# 2024年初步核算 (2025年（快报）is parse_year's). The year's column, its vintage read from
# the heading as any heading's is; a year cell of a long table is not a heading: there it
# is refused, as before, rather than stored without its vintage.
_YEAR_VINTAGE = re.compile(
    rf"(19[5-9]\d|20\d\d)年?度?(?:{'|'.join(VINTAGE_WORDS)})(?:数|值|数据|核算|核算数)?"
)


@lru_cache(maxsize=1 << 14)
def word_role(text: str) -> tuple[str, object]:
    base, _unit = split_unit(text)
    key = fold(base)
    role = _WORD_ROLE.get(key)
    if role is None and (key.startswith("指标") or key.endswith("名称")) and len(key) <= 6:
        role = "indicator"
    if role is None and (key.startswith("数值") or key.startswith("实际值")):
        role = "value"
    if role is not None:
        return (role, None)
    period = period_role(base)
    if period is not None:
        return (period, text)
    return ("item", text)


@dataclass
class Block:
    """One table's columns on a header row."""

    first: int  # first column
    last: int  # last column (inclusive)
    roles: dict[int, tuple[str, object]]

    def cols(self, kind: str) -> list[int]:
        return [c for c, (k, _) in self.roles.items() if k == kind]

    def col(self, kind: str) -> int | None:
        found = self.cols(kind)
        return found[0] if found else None

    @property
    def kinds(self) -> set[str]:
        return {k for k, _ in self.roles.values()}


@dataclass
class Header:
    row: int  # the last header row
    top: int  # the first header row (a two-row header starts a row above)
    blocks: list[Block]


def header_at(rows: list[list[object]], r: int, weak: bool = False) -> Header | None:
    """The header starting at row ``r``, or None when the row is not one. A weak header
    (an indicator column beside other texts, no years) is only looked for when no sheet
    row makes a real one, to say why the sheet cannot be read."""
    roles = {c: role for c, v in enumerate(rows[r]) if (role := role_of(v))}
    kinds = {k for k, _ in roles.values()}
    if not kinds & {"indicator", "id", "city", "year"}:
        return None
    top = r
    # 年份 merged above the year columns: the years sit on the row below.
    keyed = kinds & {"indicator", "id"}
    if keyed and not kinds & {"yearcol", "value", "annual", "running"} and r + 1 < len(rows):
        below = {c: x for c, v in enumerate(rows[r + 1]) if (x := role_of(v))}
        # Never under the indicator (or id) column: years there run down a transposed table.
        keys = {c for c, (k, _) in roles.items() if k in ("indicator", "id")}
        year_cols = {
            c: x for c, x in below.items() if x[0] in ("yearcol", "part", "date") and c not in keys
        }
        if any(x[0] == "yearcol" for x in year_cols.values()):
            roles = {c: x for c, x in roles.items() if c not in year_cols} | year_cols
            kinds = {k for k, _ in roles.values()}
            r += 1
    if kinds & {"indicator", "id"}:
        valued = kinds & {"yearcol", "value", "annual", "running", "part", "date"}
        if not valued and not (weak and "item" in kinds):
            return None
    elif "city" in kinds:
        # Indicators across (not a form's 城市 | 南京市 line above the table).
        items = [text for k, text in roles.values() if k == "item"]
        if not any(not _PLACE_LIKE.match(t) for t in items) and "yearcol" not in kinds:
            return None
    elif "item" not in kinds:  # 年份 with the indicators across
        return None
    return Header(r, top, _blocks(roles))


def _blocks(roles: dict[int, tuple[str, object]]) -> list[Block]:
    """The header's columns split into tables: a key role (序号, 指标, 城市) seen again after
    a value column starts the next table."""
    blocks: list[Block] = []
    current: dict[int, tuple[str, object]] = {}
    seen: set[str] = set()
    for c in sorted(roles):
        kind = roles[c][0]
        if kind in KEY_ROLES and kind in seen and seen & VALUE_ROLES:
            blocks.append(Block(min(current), max(current), current))
            current, seen = {}, set()
        current[c] = roles[c]
        seen.add(kind)
    if current:
        blocks.append(Block(min(current), max(current), current))
    for i in range(len(blocks) - 1):
        blocks[i].last = blocks[i + 1].first - 1
    return blocks


def find_header(rows: list[list[object]]) -> Header | None:
    """The first header in the first rows of the sheet (a weak one only if no real one)."""
    for weak in (False, True):
        for r in range(min(len(rows), HEADER_SCAN_ROWS)):
            header = header_at(rows, r, weak)
            if header is not None:
                return header
    return None


def table_end(rows, header: Header) -> tuple[int, Header | None, int]:
    """Where the table under ``header`` ends (exclusive), the next header below it, and the
    first row of the text above that header (its title and unit line). A table ends at
    its notes (注：…) or at the text above the next header."""
    notes_at = None
    for r in range(header.row + 1, len(rows)):
        row = rows[r]
        value = row[0] if row else None  # most rows start with a text: sooner
        first = (type(value) is str and _clean(value)) or first_text(row)
        if not first:
            continue
        if may_start_header(first):
            found = header_at(rows, r)
            if found is not None:
                title_from = _text_above(rows, found.top, header.row)
                end = title_from if notes_at is None else min(notes_at, title_from)
                return end, found, title_from
        if notes_at is None and is_note(first):
            notes_at = r
    return (len(rows) if notes_at is None else notes_at), None, len(rows)


_HEADER_START = KEY_ROLES | {"year"}


def _text_above(rows, top: int, floor: int) -> int:
    """The first of the rows of text only (titles, unit lines: no numbers, no notes)
    right above row ``top``, no higher than the row after ``floor``."""
    r = top
    while r - 1 > floor:
        cells = [v for v in rows[r - 1] if not blank(v)]
        if cells and (NOTE_ROW.match(text_of(cells[0])) or any(_numeric(v) for v in cells)):
            break
        r -= 1
    return r


def _numeric(value: object) -> bool:
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    text = text_of(value).replace(",", "").rstrip("%")
    try:
        float(text)
    except ValueError:
        return False
    return True
