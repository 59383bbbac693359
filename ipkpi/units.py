"""Units as Chinese statistics write them, grouped by dimension.

A value converts between units of one dimension (件 ↔ 万件, 元 ↔ 亿元), never
across dimensions: a count of 件 is not a count of 项.
"""

from __future__ import annotations

from dataclasses import dataclass


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
    Unit("人", "people", 1, "people"),
    Unit("名", "people", 1, "people"),
    Unit("万人", "people", 1e4, "10k people"),
    Unit("人次", "person-times", 1, "person-times"),
    Unit("万人次", "person-times", 1e4, "10k person-times"),
    Unit("次", "times", 1, "times"),
    Unit("万次", "times", 1e4, "10k times"),
    Unit("元", "money", 1, "yuan"),
    Unit("万元", "money", 1e4, "10k yuan"),
    Unit("亿元", "money", 1e8, "100m yuan"),
    Unit("%", "share", 1, "%"),
    Unit("个百分点", "percentage-points", 1, "percentage points"),
]

UNITS: dict[str, Unit] = {u.symbol: u for u in _UNITS}


def is_known(symbol: str) -> bool:
    return symbol in UNITS


def conversion_factor(source: str, target: str) -> float:
    """The number to multiply a value in ``source`` units by to express it in ``target``."""
    a, b = UNITS.get(source), UNITS.get(target)
    if a is None or b is None:
        unknown = source if a is None else target
        raise ValueError(f"unknown unit {unknown!r}")
    if a.dimension != b.dimension:
        raise ValueError(f"cannot convert {source} ({a.dimension}) to {target} ({b.dimension})")
    return a.factor / b.factor
