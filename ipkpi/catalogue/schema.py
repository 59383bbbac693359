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
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ipkpi.catalogue.rewards import AmountKind, QuantityType
from ipkpi.messages import Message, msg

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
    "status": Field("str", False),  # "draft": written by ipkpi targets draft, not reviewed
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

# The types of ``Field.kind``, each said by the message ``catalogue.type.<kind>``.
TYPE_NAMES = (
    "str",
    "int",
    "number",
    "date",
    "str_list",
    "table",
    "table_list",
    "year_pair",
    "deadline",
    "limit",
    "bool",
    "number_list",
)

FRACTION = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$")

LEVELS = ("city", "province")
STATUSES = ("draft",)  # a reviewed plan has no status


def type_name(kind: str) -> Message:
    """The type ``kind`` (one of ``TYPE_NAMES``) in words: ``a number``, ``数字``."""
    return msg(f"catalogue.type.{kind}")


def describe(value: Any) -> Message:
    """What ``value`` is, for a message: ``a string ('x')``, ``an integer (3)``."""
    if isinstance(value, bool):
        return msg("catalogue.value.bool", value=str(value).lower())
    if isinstance(value, str):
        return msg("catalogue.value.str", value=value)
    if isinstance(value, int):
        return msg("catalogue.value.int", value=value)
    if isinstance(value, float):
        return msg("catalogue.value.float", value=value)
    if isinstance(value, dict):
        return msg("catalogue.value.table")
    if isinstance(value, list):
        return msg("catalogue.value.list")
    if isinstance(value, dt.date):
        return msg("catalogue.value.date", value=value)
    return msg("catalogue.value.other", name=type(value).__name__)


def wrong_type(kind: str, value: Any) -> Message:
    """``expected a number, got a string ('50')``."""
    return msg("E-TYPE", expected=type_name(kind), got=describe(value))


def type_ok(kind: str, value: Any) -> bool:
    """Whether ``value`` is of the field type ``kind`` (one of ``TYPE_NAMES``)."""
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


# The code of the message for a word ``choice`` does not know, by the key it is under.
UNKNOWN_WORD = {
    "kind": "E-KIND-UNKNOWN",
    "comparator": "E-COMPARATOR-UNKNOWN",
    "direction": "E-DIRECTION-UNKNOWN",
    "nature": "E-NATURE-UNKNOWN",
    "path": "E-PATH-UNKNOWN",
    "level": "E-LEVEL-UNKNOWN",
    "status": "E-PLAN-STATUS-UNKNOWN",
    "type": "E-QUANTITY-TYPE-UNKNOWN",
    "applicants": "E-APPLICANT-UNKNOWN",
    "amount.kind": "E-AMOUNT-KIND-UNKNOWN",
    "cap.per": "E-CAP-PER-UNKNOWN",
    "once": "E-ONCE-UNKNOWN",
}


def unknown_word(
    key: str, value: str, options: Sequence[str], words: Sequence[str] = ()
) -> Message:
    """``unknown comparator '≥≥'; use one of >=, … (or 以上, …)``."""
    extra = msg("catalogue.or_words", words=list(words)) if words else ""
    return msg(UNKNOWN_WORD[key], value=value, options=list(options), words=extra)


def choice(
    value: str,
    enum: type,
    words: dict[str, Any],
    key: str,
    bad: Callable[[str, Message], None],
) -> Any:
    """An enum member from its code or, where allowed, its Chinese word."""
    try:
        return enum(value)
    except ValueError:
        pass
    if value in words:
        return words[value]
    bad(key, unknown_word(key, value, [m.value for m in enum], list(words)))
    return None
