"""Plausibility before storage: a value that breaks its series by a power of ten.

A unit or scale slip multiplies a figure by an exact power of ten (件 read as 万件: 10⁴;
a share written as a fraction, 0.186 for 18.6 %: 100; 元 for 万元: 10⁴), while real
figures move by tens of per cent a year. So each step between neighbouring years of a
series — this file's figures and the store's, in year order — is judged, and so is a
figure against the stored one it would replace: a ratio of about 10 (×7.9 to ×12.6,
when neither figure is below 10), or of 10^1.5 (about 32) and more, is a break. It is
blamed on the figure that breaks with both its neighbours, else on the later one. A
figure with no neighbour at all is judged against its plan's baseline or target, for
a ratio of 32 and more (a plan may well aim at ten times its baseline).

A person confirms a genuine break with ``--accept CELL`` or a note in the row's 备注
column (核实无误): the value is then stored as given, with a warning.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Set
from dataclasses import dataclass
from operator import lt
from typing import NamedTuple

from ipkpi.catalogue.model import Kind, Target
from ipkpi.ingest.cells import figure_text as _num
from ipkpi.messages import Message, msg
from ipkpi.store.values import FileValues

# A ratio of 10^1.5 (about 32) or more between neighbours is a break no real series
# makes in a year; around 10 (10^0.9 to 10^1.1, that is ×7.9 to ×12.6) it is one too,
# except for small counts, which do jump from 1 to 10.
_FAR = 1.5
_NEAR_TEN = (0.9, 1.1)
_SMALL = 10


class Point(NamedTuple):
    """A value as judged: its series, year, value and where it was read (a named tuple:
    ingest makes one per value)."""

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
    power: int  # the value is about 10**power times the figures beside it
    beside: Message  # the figures it was compared to
    share_as_fraction: bool


def power_of_ten(value: float, reference: float, near_ten: bool = True) -> int:
    """k (≠ 0) when ``value`` is about 10**k times ``reference`` — a break no real series
    makes in a year —, else 0. Zeros and opposite signs are not judged."""
    if value == 0 or reference == 0 or (value < 0) != (reference < 0):
        return 0
    ratio = value / reference
    if 1 / 3 < ratio < 3:  # the usual case, without a logarithm
        return 0
    if ratio != 0 and ratio - ratio == 0:
        exponent = math.log10(abs(ratio))
    else:  # beyond a float (1e308 beside 0.5, or the other way round): by the logarithms
        exponent = math.log10(abs(value)) - math.log10(abs(reference))
    if abs(exponent) >= _FAR:
        return round(exponent)
    low, high = _NEAR_TEN
    if near_ten and low <= abs(exponent) <= high and min(abs(value), abs(reference)) >= _SMALL:
        return 1 if exponent > 0 else -1
    return 0


def suspects(
    figures: Iterable,
    targets: Mapping[tuple[str, str], Target],
    stored: Mapping[tuple[str, str], Mapping[int, float]],
    confirmed: Set[tuple[str | None, str | None]] = frozenset(),
) -> list[Suspect]:
    """The figures that break their series by a power of ten.

    ``figures`` are observations (anything with city, target_id, year, value, sheet and
    cell), ``targets`` their targets
    by (city, target id), ``stored`` the store's current values of each series by year, and
    ``confirmed`` the (sheet, cell) of the figures a person confirmed.

    Each series (a city's target) is the file's figures and the store's values, in year
    order. Every step between neighbouring years that touches a figure of the file is
    judged, and so is a figure against the stored one of its own year. A break is blamed on
    the file's figure; when both sides are the file's, on the one that breaks with both its
    neighbours (an outlier), else on the one farther from its plan's figure, else on the
    later year. A figure with no neighbour at all is judged against its plan's baseline or
    target."""
    series: dict[tuple[str, str], list] = {}
    for f in figures:
        key = (f.city, f.target_id)
        mine = series.get(key)
        if mine is None:
            series[key] = [f]
        else:
            mine.append(f)
    found = []
    for key, mine in series.items():
        breaks = _series_suspects(mine, stored.get(key, {}), targets[key])
        found += [
            Suspect(Point(*_fields(f, targets[key]), (f.sheet, f.cell) in confirmed), *rest)
            for f, *rest in breaks
        ]
    return found


class _Figure(NamedTuple):
    """A value of a file's series as judged: its year, value and position."""

    year: int
    value: float
    at: int


def suspects_of(
    values: FileValues,
    targets: Mapping[tuple[str, str], Target],
    stored: Mapping[tuple[str, str], Mapping[int, float]],
    confirmed: Set[tuple[str | None, str | None]] = frozenset(),
) -> list[Suspect]:
    """``suspects`` of a file's values, series by series from their arrays: a series in
    order of years whose every step is within a factor of three, with nothing stored to
    compare with, is passed in one look (most are)."""
    found = []
    years, figures = values.years, values.values
    for series, runs in values.runs().items():
        key = values.series[series]
        before = stored.get(key, {})
        if len(runs) == 1 and not before and _smooth(years, figures, *runs[0]):
            continue
        mine = [
            _Figure(years[i], figures[i], i) for start, stop in runs for i in range(start, stop)
        ]
        target = targets[key]
        for f, *rest in _series_suspects(mine, before, target):
            sheet, cell = values.labels[values.label_of[f.at]][4], values.cell(f.at)
            point = Point(key[0], target, f.year, f.value, sheet, cell, (sheet, cell) in confirmed)
            found.append(Suspect(point, *rest))
    return found


def _smooth(years, figures, start: int, stop: int) -> bool:
    """Whether the values from ``start`` to ``stop`` (two or more) are in order of years,
    each step positive and within a factor of three: nothing ``power_of_ten`` flags."""
    if stop - start < 2:
        return False
    ys, vs = years[start:stop], figures[start:stop]  # each step compared at C speed
    return (
        all(map(lt, ys, ys[1:]))
        and min(vs) > 0
        and all(map(lt, vs, map((3.0).__mul__, vs[1:])))
        and all(map(lt, vs[1:], map((3.0).__mul__, vs)))
    )


def _fields(f, target: Target) -> tuple:
    return (f.city, target, f.year, f.value, f.sheet, f.cell)


def _series_suspects(mine: list, before: Mapping[int, float], target: Target) -> list[tuple]:
    """(figure, power, beside, share as fraction) of the series' suspect figures."""
    values = dict(before)
    at: dict[int, object] = {}  # year → the file's figure
    for f in mine:
        values[f.year] = f.value
        at[f.year] = f
    years = sorted(values)
    breaks = []  # (earlier year, later year, power of the later over the earlier)
    previous = None
    for year in years:
        if previous is not None and (previous in at or year in at):
            k = power_of_ten(values[year], values[previous])
            if k:
                breaks.append((previous, year, k))
        previous = year
    blamed: dict[int, list[tuple[int, int, float, bool]]] = {}
    if breaks:
        touched = Counter(y for a, b, _ in breaks for y in (a, b))
        for a, b, k in breaks:
            fa, fb = at.get(a), at.get(b)
            if fb is not None and (fa is None or _later_to_blame(fa, fb, touched, target)):
                blamed.setdefault(b, []).append((k, a, values[a], False))
            else:
                blamed.setdefault(a, []).append((-k, b, values[b], False))
    if before:
        for f in mine:  # a revision a power of ten from the figure it replaces
            old = before.get(f.year)
            if old is not None and old != f.value and (k := power_of_ten(f.value, old)):
                blamed.setdefault(f.year, []).append((k, f.year, old, True))
    unit = target.series_unit_or_unit
    found = [(at[y], *_beside(beside, unit, target)) for y, beside in blamed.items()]
    if len(years) == 1 and not before:  # no neighbour: the plan's own figure stands in
        f = at[years[0]]
        reference = _plan_reference(target)
        if reference is not None:
            what, value = reference
            k = power_of_ten(f.value, value, near_ten=False)
            if k:
                text = msg(f"ingest.figure.{what}", value=_num(value), unit=unit)
                found.append((f, k, text, k == -2 and target.is_share))
    return found


def _later_to_blame(fa, fb, touched: Counter, target: Target) -> bool:
    """Of two of the file's figures that break with each other, whether the later is to
    blame: the one that breaks with both its neighbours, else the one farther from the
    plan's own figure, else the later (where the scale changes)."""
    if touched[fa.year] != touched[fb.year]:
        return touched[fb.year] > touched[fa.year]
    reference = _plan_reference(target)
    if reference is None:
        return True
    far = [abs(math.log10(abs(f.value / reference[1]))) if f.value else 0 for f in (fa, fb)]
    return far[1] >= far[0]


def _beside(beside: list[tuple[int, int, float, bool]], unit: str, target: Target) -> tuple:
    """(power, the figures compared to as a message, a share written as a fraction)."""
    figures = [
        msg(
            "ingest.figure.stored" if same else "ingest.figure.year",
            value=_num(v),
            unit=unit,
            year=y,
        )
        for _, y, v, same in sorted(beside, key=lambda b: b[1])
    ]
    k = beside[0][0]
    return k, _and(figures), k == -2 and target.is_share


def _and(items: list[Message]) -> Message:
    """a and b, a, b and c (a and b and c in English)."""
    if len(items) == 3:
        return msg("ingest.figure.three", first=items[0], second=items[1], third=items[2])
    joined = items[-1]
    for item in reversed(items[:-1]):
        joined = msg("ingest.figure.and", first=item, second=joined)
    return joined


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
        return "target_per_year", target.value / years
    return None


def figure(s: Suspect) -> Message:
    """The suspect figure and those it was compared to (``50 万件 for 2023 beside 36 万件
    (2022)``): what the warning of a confirmed figure says it stored as given."""
    p = s.point
    unit = p.target.series_unit_or_unit
    return msg("ingest.figure.beside", value=_num(p.value), unit=unit, year=p.year, beside=s.beside)


def message(s: Suspect) -> Message:
    """The problem of a suspect figure: what it breaks with, and how to correct or confirm
    it."""
    p = s.point
    if s.share_as_fraction:
        return msg("E-FIGURE-SHARE-AS-FRACTION", figure=figure(s), percent=_num(p.value * 100))
    times = f"10{_superscript(abs(s.power))}" if abs(s.power) > 2 else str(10 ** abs(s.power))
    code = "E-FIGURE-SCALE-LARGER" if s.power > 0 else "E-FIGURE-SCALE-SMALLER"
    return msg(code, figure=figure(s), times=times, cell=_cell_name(p))


def _cell_name(p: Point) -> str:
    return f"{p.sheet}!{p.cell}" if p.sheet else str(p.cell)


def _superscript(k: int) -> str:
    """4 → ⁴, 306 → ³⁰⁶ (a figure of 1e308 beside one of 150)."""
    return "".join("⁰¹²³⁴⁵⁶⁷⁸⁹"[int(d)] for d in str(k))
