"""Plausibility before storage: a value a power of ten away from its own series.

A unit or scale slip multiplies a figure by an exact power of ten (件 read as 万件: 10⁴;
a share written as a fraction, 0.186 for 18.6 %: 100; 元 for 万元: 10⁴), while real
figures move by tens of per cent a year. So a value is refused when it differs from
every neighbour of its series — the years just before and after it, in this file or in
the store, and the stored figure for the same year — by a factor near 10, 100, 10⁴ or
10⁸. With no neighbours, the plan's own baseline or target stands in, for factors of
100 and more only (a plan may well aim at ten times its baseline).

A person confirms a genuine break with ``--accept CELL`` or a note in the row's 备注
column (核实无误): the value is then stored as given, with a warning.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ipkpi.model import Kind, Target

# How near a power of ten a ratio must be to count as one: within a factor of 1.25 of
# 10 (a real year-on-year change of ×10 is rare but not unknown: a small count), within
# a factor of 3 of 100 and more (no real series moves by ×33 to ×300 in a year).
_NEAR_TEN = math.log10(1.25)
_NEAR_HIGHER = math.log10(3)
_SMALL = 10  # below this, counts jump ×10 for real (1 → 10): not judged at factor 10


@dataclass(frozen=True)
class Point:
    """A value as judged: its series, year, value and where it was read."""

    city: str
    target: Target
    year: int
    value: float
    sheet: str | None
    cell: str | None
    confirmed: bool  # a note in its row says it was checked


@dataclass(frozen=True)
class Suspect:
    point: Point
    power: int  # the value is about 10**power times its neighbours
    beside: str  # the figures it was compared to, as text
    share_as_fraction: bool


def power_of_ten(value: float, reference: float, higher_only: bool = False) -> int:
    """k when ``value`` is about 10**k × ``reference`` (k ≠ 0), else 0."""
    if value == 0 or reference == 0 or (value < 0) != (reference < 0):
        return 0
    ratio = value / reference
    if 1 / 3 < ratio < 3:  # the usual case, without a logarithm
        return 0
    exponent = math.log10(abs(ratio))
    k = round(exponent)
    off = abs(exponent - k)
    if abs(k) == 1:
        if higher_only or off > _NEAR_TEN or min(abs(value), abs(reference)) < _SMALL:
            return 0
        return k
    return k if k and off <= _NEAR_HIGHER else 0


def suspects(
    points: Iterable[Point], stored: Mapping[tuple[str, str], Mapping[int, float]]
) -> list[Suspect]:
    """The points a power of ten away from every neighbour of their series.

    ``stored`` holds the current values of each (city, target id) series in the store."""
    series: dict[tuple[str, str], list[Point]] = {}
    for p in points:
        series.setdefault((p.city, p.target.id), []).append(p)
    found = []
    for key, mine in series.items():
        before = stored.get(key, {})
        merged = dict(before)
        for p in mine:
            merged[p.year] = p.value
        years = sorted(merged)
        for p in mine:
            suspect = _judge(p, years, merged, before)
            if suspect is not None:
                found.append(suspect)
    return found


def _judge(p: Point, years: list[int], merged: Mapping[int, float], before) -> Suspect | None:
    unit = p.target.series_unit_or_unit
    neighbours = []
    i = years.index(p.year)
    if i > 0:
        neighbours.append((years[i - 1], merged[years[i - 1]]))
    if i + 1 < len(years):
        neighbours.append((years[i + 1], merged[years[i + 1]]))
    if p.year in before and before[p.year] != p.value:
        neighbours.append((p.year, before[p.year]))
    if neighbours:
        powers = {power_of_ten(p.value, v) for _, v in neighbours}
        if 0 in powers or len(powers) != 1:
            return None
        beside = " and ".join(
            f"{_num(v)} {unit} ({y}{', stored' if y == p.year else ''})" for y, v in neighbours
        )
    else:
        reference = _plan_reference(p.target)
        if reference is None:
            return None
        what, value = reference
        powers = {power_of_ten(p.value, value, higher_only=True)}
        if 0 in powers:
            return None
        beside = f"the plan's {what} {_num(value)} {unit}"
    k = powers.pop()
    return Suspect(p, k, beside, share_as_fraction=k == -2 and p.target.is_share)


def _plan_reference(target: Target) -> tuple[str, float] | None:
    """The plan's own figure on the series' scale: its baseline, else its target value
    where the target is on the same scale as the yearly figures."""
    if target.baseline is not None and target.baseline.value:
        return "baseline", target.baseline.value
    if target.value is None or target.series_unit:
        return None
    if target.kind in (Kind.LEVEL, Kind.ANNUAL, Kind.AVERAGE):
        return "target", target.value
    if target.kind is Kind.CUMULATIVE and target.window:
        years = target.window[1] - target.window[0] + 1
        return "target per year", target.value / years
    return None


def message(s: Suspect) -> str:
    p = s.point
    unit = p.target.series_unit_or_unit
    head = f"{_num(p.value)} {unit} for {p.year} beside {s.beside}"
    if s.share_as_fraction:
        return f"{head}: a share written as a fraction? write {_num(p.value * 100)} or " + (
            f"{_num(p.value * 100)}%"
        )
    times = f"10{_SUPERSCRIPT[abs(s.power)]}" if abs(s.power) > 2 else str(10 ** abs(s.power))
    bigger = "larger" if s.power > 0 else "smaller"
    return (
        f"{head}: {times} times {bigger}, a unit or scale error? check the sheet's unit "
        "(单位); if the figure is right, confirm it with --accept "
        f"{_cell_name(p)} or 核实无误 in the row's 备注 column"
    )


def _cell_name(p: Point) -> str:
    return f"{p.sheet}!{p.cell}" if p.sheet else str(p.cell)


_SUPERSCRIPT = {k: "".join("⁰¹²³⁴⁵⁶⁷⁸⁹"[int(d)] for d in str(k)) for k in range(1, 20)}


def _num(value: float) -> str:
    return f"{value:.10g}" if not float(value).is_integer() else str(int(value))
