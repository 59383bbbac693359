"""Reading one target of a plan file ([[targets]]).

A target's words (kind, comparator, direction, nature, path) must be known and agree
with each other; its units must be known; its value, tolerance, target year, baseline
and window must fit its kind and the plan's years.
"""

from __future__ import annotations

from ipkpi.catalogue import units
from ipkpi.catalogue.model import (
    COMPARATOR_WORDS,
    DEFAULT_APPROX_TOLERANCE,
    NATURE_WORDS,
    WINDOWED_KINDS,
    Baseline,
    Comparator,
    Direction,
    Kind,
    Nature,
    Target,
    Trajectory,
)
from ipkpi.catalogue.problems import Bad, FileProblems
from ipkpi.catalogue.schema import BASELINE_FIELDS, MEASURE, TARGET_FIELDS, choice
from ipkpi.catalogue.source import Source
from ipkpi.messages import Message, msg


def read_target(p: FileProblems, raw: dict, position: int, plan: dict) -> Target | None:
    """The [[targets]] table at ``position``, or None when it has a problem (recorded in ``p``)."""
    before = len(p.problems)  # an id problem found by entry() counts too
    opened = p.entry(raw, position, "target", TARGET_FIELDS)
    if opened is None:
        return None
    data, where, bad = opened
    kind, comparator, direction, nature, path = _words(data, bad)
    _check_units(data, bad)
    value = _value(data, kind, bad)
    _check_comparator(kind, comparator, direction, bad)
    _check_measure(data, bad)
    tolerance = _tolerance(data, comparator, value, bad)
    _check_rate_units(data, kind, bad)
    target_year = _target_year(data, plan, bad)
    baseline = _baseline(p, data, where, target_year, bad)
    window = _window(data, kind, plan, target_year, bad)

    if len(p.problems) > before or None in (kind, comparator, direction):
        return None
    return Target(
        id=data["id"],
        name=data["name"],
        kind=kind,
        comparator=comparator,
        value=None if value is None else float(value),
        unit=data["unit"],
        target_year=target_year,
        direction=direction,
        category=data["category"],
        source=Source(document=plan["title"], clause=data["clause"], quote=data["quote"]),
        name_en=data.get("name_en"),
        aliases=tuple(data.get("aliases", ())),
        subcategory=data.get("subcategory"),
        lead=tuple(data.get("lead", ())),
        series_unit=data.get("series_unit"),
        window=window,
        baseline=baseline,
        tolerance=None if tolerance is None else float(tolerance),
        nature=nature,
        reading=data.get("reading"),
        measure=data.get("measure"),
        unit_aliases=tuple(data.get("unit_aliases", ())),
        population_basis=data.get("population_basis"),
        path=Trajectory.COMPOUND if kind is Kind.GROWTH else (path or Trajectory.LINEAR),
    )


def _words(
    data: dict, bad: Bad
) -> tuple[Kind | None, Comparator | None, Direction | None, Nature | None, Trajectory | None]:
    """The target's kind, comparator, direction, nature and path (None where unknown)."""
    kind = choice(data["kind"], Kind, {}, "kind", bad)
    comparator = choice(data["comparator"], Comparator, COMPARATOR_WORDS, "comparator", bad)
    direction = choice(data["direction"], Direction, {}, "direction", bad)
    nature = (
        choice(data["nature"], Nature, NATURE_WORDS, "nature", bad) if "nature" in data else None
    )
    path = choice(data["path"], Trajectory, {}, "path", bad) if "path" in data else None
    if path is not None and kind is not None and kind not in (Kind.LEVEL, Kind.INCREMENT):
        bad("path", msg("E-PATH-NOT-APPLICABLE"))
    return kind, comparator, direction, nature, path


def _check_units(data: dict, bad: Bad) -> None:
    """unit, series_unit and unit_aliases are known units; no alias is the unit itself."""
    for key in ("unit", "series_unit"):
        if key in data and not units.is_known(data[key]):
            bad(key, units.unknown(data[key], listed=True))
    for alias in data.get("unit_aliases", ()):
        if not units.is_known(alias):
            bad("unit_aliases", units.unknown(alias, listed=True))
        elif alias == data.get("series_unit", data["unit"]):
            bad("unit_aliases", msg("E-UNIT-ALIAS-SELF", alias=alias))


def _value(data: dict, kind: Kind | None, bad: Bad) -> int | float | None:
    """The target's value: required, except that a rise target takes none."""
    value = data.get("value")
    if kind is Kind.RISE:
        if value is not None:
            bad("value", msg("E-RISE-VALUE"))
    elif kind is not None and value is None:
        bad("value", msg("E-KEY-MISSING"))
    return value


def _check_comparator(
    kind: Kind | None, comparator: Comparator | None, direction: Direction | None, bad: Bad
) -> None:
    """The comparator agrees with the direction, and a rise target's compares year on year."""
    if comparator is not None and direction is not None:
        wants = {
            Comparator.GE: Direction.HIGHER,
            Comparator.GT: Direction.HIGHER,
            Comparator.LE: Direction.LOWER,
            Comparator.LT: Direction.LOWER,
        }.get(comparator)
        if wants is not None and wants is not direction:
            bad(
                "direction",
                msg(
                    "E-DIRECTION-CONFLICT",
                    comparator=comparator.value,
                    wants=wants.value,
                    direction=direction.value,
                ),
            )
    if kind is Kind.RISE and comparator not in (None, Comparator.GT, Comparator.LT):
        bad("comparator", msg("E-RISE-COMPARATOR"))


def _check_measure(data: dict, bad: Bad) -> None:
    if "measure" in data and not MEASURE.match(data["measure"]):
        bad("measure", msg("E-MEASURE-INVALID", measure=data["measure"]))


def _tolerance(
    data: dict, comparator: Comparator | None, value: int | float | None, bad: Bad
) -> int | float | None:
    """The tolerance of a ~ (左右) target: as given, or the default share of its value."""
    tolerance = data.get("tolerance")
    if tolerance is not None:
        if comparator is not Comparator.APPROX:
            bad("tolerance", msg("E-TOLERANCE-NOT-APPLICABLE"))
        elif tolerance <= 0:
            bad("tolerance", msg("E-NOT-POSITIVE", value=tolerance))
    elif comparator is Comparator.APPROX and value is not None:
        tolerance = abs(value) * DEFAULT_APPROX_TOLERANCE
    return tolerance


def _check_rate_units(data: dict, kind: Kind | None, bad: Bad) -> None:
    """A growth target is in %; a rate (growth, increment in %) names its series' unit."""
    relative = kind is Kind.GROWTH or (kind is Kind.INCREMENT and data["unit"] == "%")
    if kind is Kind.GROWTH and data["unit"] != "%":
        bad("unit", msg("E-GROWTH-UNIT", unit=data["unit"]))
    if "series_unit" in data:
        if not relative:
            bad("series_unit", msg("E-SERIES-UNIT-NOT-APPLICABLE"))
    elif relative:
        bad("series_unit", msg("E-SERIES-UNIT-MISSING"))


def _target_year(data: dict, plan: dict, bad: Bad) -> int:
    """The target's year (default: the plan's), inside the plan's years."""
    target_year = data.get("target_year", plan["target_year"])
    if not plan["start_year"] <= target_year <= plan["target_year"]:
        bad(
            "target_year",
            msg(
                "E-TARGET-YEAR-OUTSIDE",
                year=target_year,
                start=plan["start_year"],
                end=plan["target_year"],
            ),
        )
    return target_year


def _baseline(
    p: FileProblems, data: dict, where: Message, target_year: int, bad: Bad
) -> Baseline | None:
    """The target's baseline, which must come before its target year."""
    baseline = None
    if "baseline" in data:
        b = p.fields(data["baseline"], BASELINE_FIELDS, where=where, prefix="baseline.")
        if b is not None:
            if b["year"] > target_year:
                bad(
                    "baseline.year",
                    msg(
                        "E-BASELINE-AFTER-TARGET",
                        target_year=target_year,
                        baseline_year=b["year"],
                    ),
                )
            elif b["year"] == target_year:
                bad("baseline.year", msg("E-BASELINE-IS-TARGET", target_year=target_year))
            baseline = Baseline(year=b["year"], value=float(b["value"]), note=b.get("note"))
    return baseline


def _window(
    data: dict, kind: Kind | None, plan: dict, target_year: int, bad: Bad
) -> tuple[int, int] | None:
    """The years a cumulative, annual or average target counts (default: the plan's)."""
    window = None
    if "window" in data:
        first, last = data["window"]
        if kind not in WINDOWED_KINDS:
            bad("window", msg("E-WINDOW-NOT-APPLICABLE"))
        elif first > last:
            bad("window", msg("E-WINDOW-REVERSED", first=first, last=last))
        elif first < plan["start_year"] or last > target_year:
            bad(
                "window",
                msg(
                    "E-WINDOW-OUTSIDE",
                    first=first,
                    last=last,
                    start=plan["start_year"],
                    end=target_year,
                ),
            )
        else:
            window = (first, last)
    elif kind in WINDOWED_KINDS:
        window = (plan["start_year"], target_year)
    return window
