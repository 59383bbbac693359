"""Why a value cannot be its target's: negative where that cannot be, a share over 100 %,
a fraction of what is counted whole, beyond any float once converted, or in a unit of
another kind than the target's. The messages say which, at the value's cell.
"""

from __future__ import annotations

from ipkpi.catalogue import units
from ipkpi.catalogue.model import Target
from ipkpi.ingest.cells import figure_text as _num
from ipkpi.ingest.raw import RawRecord
from ipkpi.messages import Message, msg

_NON_NEGATIVE_EXEMPT = ("share", "percentage-points")


def out_of_range(record: RawRecord, target: Target, given: float, source_unit) -> Message:
    return msg(
        "E-VALUE-OUT-OF-RANGE",
        value=_num(given),
        source_unit=source_unit,
        target=target.name,
        year=record.year,
        unit=target.series_unit or target.unit,
    )


def not_convertible(source_unit: str, unit: str, target: Target) -> Message:
    """A unit of another kind than the target's (件 for 万元), and how to say that the plan
    counts it as the target's unit all the same."""
    return msg(
        "E-UNIT-NOT-CONVERTIBLE",
        unit=source_unit,
        dimension=_dimension(source_unit),
        target_unit=unit,
        target_dimension=_dimension(unit),
        target=target.name,
    )


def _dimension(unit: str) -> Message | str:
    """What a unit counts (items, money …), as a message says it."""
    known = units.UNITS.get(unit)
    if known is None:
        return unit
    key = _DIMENSIONS.get(known.dimension, known.dimension.replace("-", "_"))
    return msg(f"ingest.dimension.{key}")


_DIMENSIONS = {"items per 10k people": "per_10k"}


def may_be_negative(unit: str) -> bool:
    return units.UNITS[unit].dimension in _NON_NEGATIVE_EXEMPT


def refused(record, target, unit, source_unit, given, value, share, whole) -> Message | None:
    """Why a value cannot be the target's, or None: negative where that cannot be, a share
    over 100 %, a fraction of what is counted whole."""
    if value < 0 and not may_be_negative(unit):
        return msg("E-VALUE-NEGATIVE", value=_num(given), target=target.name, unit=unit)
    if value > 100 and share:
        return msg(
            "E-VALUE-SHARE-OVER-100", value=_num(value), target=target.name, year=record.year
        )
    if whole and not value.is_integer():
        return msg(
            "E-VALUE-NOT-WHOLE",
            value=_num(given),
            given_unit=source_unit or unit,
            target=target.name,
            year=record.year,
            unit=unit,
        )
    return None
