"""Numbers as the outputs write them: integral values as ints, no float noise in JSON, at
most a few decimals, no trailing zeros and thousands separators from five digits up
(182,406) for people, shares as percentages. JSON and CSV keep bare numbers.
"""

from __future__ import annotations

import math

# Units that count whole things: an amount still needed of them is rounded up (half an
# enterprise cannot be added), when the measure itself counts whole things.
COUNT_UNITS = frozenset({"家", "件", "人", "项", "个", "次", "名", "人次"})


def number(value: float | None) -> int | float | None:
    """Integral floats as ints, so 50.0 reads 50 in JSON and tables."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def format_number(value: float | None) -> str:
    """Numbers as the documents write them: 2792, 26.69, 0.93, 182,406 (no trailing 0)."""
    if value is None:
        return ""
    return grouped(str(number(value)))


def grouped(text: str) -> str:
    """Thousands separators from five digits up, as people read figures: 182,406 and
    10,685; four digits stay whole (2792, and so every year reads as itself)."""
    sign, digits = ("-", text[1:]) if text.startswith("-") else ("", text)
    whole, dot, decimals = digits.partition(".")
    if len(whole) < 5 or not whole.isdigit():
        return text
    return f"{sign}{int(whole):,}{dot}{decimals}"


def rounded(value: float | None, digits: int = 6) -> int | float | None:
    """For JSON: no float noise (0.30000000000000004), integral values as ints."""
    return None if value is None else number(round(value, digits))


def fmt(value: float | None, digits: int = 2) -> str:
    """For people: at most ``digits`` decimals, no trailing zeros."""
    if value is None:
        return ""
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else grouped(text)


def pct(share: float | None) -> str:
    return "" if share is None else f"{fmt(share * 100, 0)}%"


def whole_count(value: float) -> int:
    """An amount of whole things still needed, rounded up: 0.5家 → 1家 (never 0 for more
    than nothing; float noise such as 2.0000000001 stays 2)."""
    return math.ceil(round(value, 6))
