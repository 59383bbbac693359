"""Units as Chinese statistics write them, grouped by dimension.

A value converts between units of one dimension (件 ↔ 万件, 元 ↔ 亿元, % ↔ ‰), never
across dimensions: a count of 件 is not a count of 项, and a share (%) is not a change
in percentage points (个百分点). Counting words a plan treats as the same (地理标志 个/件,
企业 家/个) are per-target aliases in the catalogue (``unit_aliases``), never a rule here.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ipkpi.hanzi import simplified
from ipkpi.messages import Message, msg


@dataclass(frozen=True)
class Unit:
    symbol: str
    dimension: str
    factor: float  # how many base units one of this unit is
    label_en: str


_UNITS = [
    Unit("件", "items", 1, "items"),
    Unit("万件", "items", 1e4, "10k items"),
    Unit("项", "projects", 1, "projects"),
    Unit("万项", "projects", 1e4, "10k projects"),
    Unit("个", "units", 1, "units"),
    Unit("家", "organisations", 1, "organisations"),
    Unit("万家", "organisations", 1e4, "10k organisations"),
    Unit("人", "people", 1, "people"),
    Unit("名", "people", 1, "people"),
    Unit("万人", "people", 1e4, "10k people"),
    Unit("人次", "person-times", 1, "person-times"),
    Unit("万人次", "person-times", 1e4, "10k person-times"),
    Unit("次", "times", 1, "times"),
    Unit("万次", "times", 1e4, "10k times"),
    Unit("元", "money", 1, "yuan"),
    Unit("千元", "money", 1e3, "1,000 yuan"),
    Unit("万元", "money", 1e4, "10k yuan"),
    Unit("亿元", "money", 1e8, "100m yuan"),
    Unit("%", "share", 1, "%"),
    Unit("‰", "share", 0.1, "‰"),
    Unit("个百分点", "percentage-points", 1, "percentage points"),
    Unit("分", "score", 1, "points"),
    # A ratio per 10,000 people, as tables print the unit of 万人发明专利拥有量.
    Unit("件/万人", "items per 10k people", 1, "per 10k people"),
]

UNITS: dict[str, Unit] = {u.symbol: u for u in _UNITS}

# Other ways tables write a unit → the unit (after NFKC and without spaces).
_SPELLINGS = {
    "件/每万人": "件/万人",
    "件/每万人口": "件/万人",
    "件/万人口": "件/万人",
    "件每万人": "件/万人",
    "件每万人口": "件/万人",
    "件/(万人)": "件/万人",
    "百分比": "%",
    "百分点": "个百分点",
    "pp": "个百分点",
    "人民币元": "元",
    "万元人民币": "万元",
    "亿元人民币": "亿元",
}
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=1024)
def canonical(text: str) -> str:
    """A unit as written (``件 / 每万人``, ``％``, ``萬件``) → its symbol (``件/万人``, ``%``,
    ``万件``), or the cleaned text when it is no unit known here."""
    cleaned = simplified(_SPACE.sub("", unicodedata.normalize("NFKC", text)))
    return _SPELLINGS.get(cleaned, cleaned)


def is_known(symbol: str) -> bool:
    return symbol in UNITS


def unknown(symbol: str, listed: bool = False) -> Message:
    """``unknown unit '打'``, followed by the known units when ``listed``."""
    known = msg("catalogue.known_units", units=list(UNITS)) if listed else ""
    return msg("E-UNIT-UNKNOWN", unit=symbol, known=known)


def dimension(unit: Unit) -> Message:
    """What a unit counts, in words: items, 件数."""
    return msg("catalogue.dimension." + unit.dimension.replace(" ", "_").replace("-", "_"))


def conversion_factor(source: str, target: str) -> float:
    """The number to multiply a value in ``source`` units by to express it in ``target``.
    A ValueError when it cannot; its one argument is the ``Message`` saying why (its str
    is that message in the current language)."""
    a, b = UNITS.get(source), UNITS.get(target)
    if a is None or b is None:
        raise ValueError(unknown(source if a is None else target))
    if a.dimension != b.dimension:
        raise ValueError(
            msg(
                "E-UNIT-CONVERT",
                source=source,
                source_dimension=dimension(a),
                target=target,
                target_dimension=dimension(b),
            )
        )
    return a.factor / b.factor
