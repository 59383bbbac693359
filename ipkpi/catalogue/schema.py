"""What a plan file may hold, and how a value is checked.

The field tables (the keys each table of a plan file may have, their types and which
are required), the names of those types for messages, the id patterns, and the small
checks and conversions the readers share: a value's type, an enum word, an exact limit
or amount.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ipkpi.catalogue.rewards import AmountKind, QuantityType

SCHEMA_VERSION = 1

PLAN_ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
CITY = re.compile(r"^[a-z][a-z0-9-]*$")
TARGET_ID = re.compile(r"^[a-z][a-z0-9_]*$")
# invention_patents_per_10k, or a narrower definition of it: invention_patents_per_10k.high_value
MEASURE = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")


@dataclass
class Field:
    """One key of a table: its type (a name in ``TYPE_NAMES``) and whether it must be there."""

    kind: str  # "str", "int", "number", "date", "str_list", "table", "year_pair"
    required: bool


TOP_FIELDS = {
    "schema": Field("int", True),
    "plan": Field("table", True),
    "targets": Field("table_list", False),  # a plan needs targets, tasks or rules
    "tasks": Field("table_list", False),
    "quantities": Field("table", False),
    "rules": Field("table_list", False),
}

PLAN_FIELDS = {
    "id": Field("str", True),
    "city": Field("str", True),
    "place": Field("str", True),
    "place_en": Field("str", True),
    "level": Field("str", True),
    "title": Field("str", True),
    "document_number": Field("str", False),
    "issued": Field("date", False),
    "start_year": Field("int", True),
    "target_year": Field("int", True),
    "source": Field("str", False),
    "notes": Field("str", False),
    "aliases": Field("str_list", False),
}

TARGET_FIELDS = {
    "id": Field("str", True),
    "name": Field("str", True),
    "name_en": Field("str", False),
    "aliases": Field("str_list", False),
    "category": Field("str", True),
    "subcategory": Field("str", False),
    "lead": Field("str_list", False),
    "kind": Field("str", True),
    "comparator": Field("str", True),
    "value": Field("number", False),  # required except for kind "rise": checked below
    "unit": Field("str", True),
    "series_unit": Field("str", False),
    "target_year": Field("int", False),
    "window": Field("year_pair", False),
    "baseline": Field("table", False),
    "tolerance": Field("number", False),
    "direction": Field("str", True),
    "nature": Field("str", False),
    "path": Field("str", False),
    "measure": Field("str", False),
    "unit_aliases": Field("str_list", False),
    "population_basis": Field("str", False),
    "clause": Field("str", True),
    "quote": Field("str", True),
    "reading": Field("str", False),
}

TASK_FIELDS = {
    "id": Field("str", True),
    "number": Field("str", True),
    "title": Field("str", True),
    "title_en": Field("str", False),
    "text": Field("str", True),
    "category": Field("str", True),
    "starts": Field("date", False),
    "deadline": Field("deadline", True),
    "lead": Field("str_list", False),
    "coordinating": Field("str_list", False),
    "national": Field("str_list", False),
    "clause": Field("str", True),
    "quote": Field("str", True),
    "reading": Field("str", False),
}

QUANTITY_FIELDS = {
    "name": Field("str", True),
    "name_en": Field("str", False),
    "aliases": Field("str_list", False),
    "unit": Field("str", False),
    "type": Field("str", True),
}

RULE_FIELDS = {
    "id": Field("str", True),
    "measure": Field("str", True),
    "name": Field("str", True),
    "name_en": Field("str", False),
    "aliases": Field("str_list", False),
    "title": Field("str", True),
    "applicants": Field("str_list", True),
    "conditions": Field("table_list", False),
    "amount": Field("table", True),
    "unit": Field("str", False),
    "cap": Field("table", False),
    "once": Field("str", False),
    "lead": Field("str_list", False),
    "clause": Field("str", True),
    "quote": Field("str", True),
    "reading": Field("str", False),
}

CONDITION_FIELDS = {
    "quantity": Field("str", True),
    "at_least": Field("limit", False),
    "at_most": Field("limit", False),
    "is": Field("bool", False),
    "of": Field("str", False),
}

AMOUNT_FIELDS = {
    "kind": Field("str", True),
    "value": Field("number", False),
    "quantity": Field("str", False),
    "rate": Field("number", False),
    "base": Field("number", False),
    "threshold": Field("int", False),
    "grades": Field("number_list", False),
}

# What each amount kind needs besides its kind, and the quantity type it reads.
AMOUNT_NEEDS: dict[AmountKind, tuple[tuple[str, ...], QuantityType | None]] = {
    AmountKind.FIXED: (("value",), None),
    AmountKind.PER_ITEM: (("quantity", "rate"), QuantityType.COUNT),
    AmountKind.GRADES: (("quantity", "grades"), QuantityType.GRADE),
    AmountKind.BASE_PLUS: (("quantity", "base", "threshold", "rate"), QuantityType.COUNT),
    AmountKind.SHARE: (("quantity", "rate"), QuantityType.AMOUNT),
    AmountKind.COST: (("quantity",), QuantityType.AMOUNT),
}

CAP_FIELDS = {
    "value": Field("number", True),
    "per": Field("str", True),
}

BASELINE_FIELDS = {
    "year": Field("int", True),
    "value": Field("number", True),
    "note": Field("str", False),
}

TYPE_NAMES = {
    "str": "a non-empty string",
    "int": "an integer",
    "number": "a number",
    "date": "a date (e.g. 2022-11-02)",
    "str_list": "a list of strings",
    "table": "a table",
    "table_list": "an array of tables ([[targets]])",
    "year_pair": "two years, e.g. [2022, 2025]",
    "deadline": 'a date (e.g. 2022-12-31) or "ongoing"',
    "limit": 'a number or a fraction such as "1/3"',
    "bool": "true or false",
    "number_list": "a list of numbers",
}

FRACTION = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")

LEVELS = ("city", "province")


def describe(value: Any) -> str:
    """What ``value`` is, for a message: ``a string ('x')``, ``an integer (3)``."""
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, str):
        return f"a string ({value!r})"
    if isinstance(value, int):
        return f"an integer ({value})"
    if isinstance(value, float):
        return f"a number ({value})"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dt.date):
        return f"a date ({value})"
    return type(value).__name__


def type_ok(kind: str, value: Any) -> bool:
    """Whether ``value`` is of the field type ``kind`` (a key of ``TYPE_NAMES``)."""
    if isinstance(value, bool):
        return kind == "bool"
    match kind:
        case "str":
            return isinstance(value, str) and value.strip() != ""
        case "int":
            return isinstance(value, int)
        case "number":
            return isinstance(value, int | float) and math.isfinite(value)
        case "date":
            return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
        case "str_list":
            return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)
        case "table":
            return isinstance(value, dict)
        case "table_list":
            return isinstance(value, list) and all(isinstance(v, dict) for v in value)
        case "deadline":
            return value == "ongoing" or type_ok("date", value)
        case "limit":
            return type_ok("number", value) or (
                isinstance(value, str) and bool(FRACTION.match(value))
            )
        case "bool":
            return isinstance(value, bool)
        case "number_list":
            return (
                isinstance(value, list) and bool(value) and all(type_ok("number", v) for v in value)
            )
        case "year_pair":
            return (
                isinstance(value, list)
                and len(value) == 2
                and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
            )
    raise AssertionError(kind)


def to_fraction(value: int | float | str) -> Fraction:
    """A limit exactly: 40 → 40, 0.5 → 1/2, "1/3" → 1/3 (never 0.333…)."""
    if isinstance(value, str):
        top, bottom = FRACTION.match(value).groups()
        return Fraction(int(top), int(bottom)) if int(bottom) else Fraction(0)
    return Fraction(str(value))


def to_decimal(value: int | float | None) -> Decimal | None:
    """An amount exactly as written in the TOML file (0.5 → Decimal("0.5"))."""
    return None if value is None else Decimal(str(value))


def choice(
    value: str,
    enum: type,
    words: dict[str, Any],
    key: str,
    bad: Callable[[str, str], None],
) -> Any:
    """An enum member from its code or, where allowed, its Chinese word."""
    try:
        return enum(value)
    except ValueError:
        pass
    if value in words:
        return words[value]
    options = ", ".join(m.value for m in enum)
    if words:
        options += " (or " + ", ".join(words) + ")"
    bad(key, f"unknown {key} {value!r}; use one of {options}")
    return None
