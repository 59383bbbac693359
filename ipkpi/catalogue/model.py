"""The catalogue's data model: plans and the targets they set.

Plain frozen dataclasses, built only by ``ipkpi.catalogue.loader.load_catalogue`` after
validation, so code that receives them can trust every field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from ipkpi.catalogue.source import Source

if TYPE_CHECKING:  # a plan's rules are loaded with it; a report's start-up needs no more
    from ipkpi.catalogue.rewards import Quantity, RewardRule


class Kind(StrEnum):
    LEVEL = "level"  # the value in the target year (a stock, a ratio, that year's figure)
    CUMULATIVE = "cumulative"  # sum of yearly flows over the window
    INCREMENT = "increment"  # stock in the target year minus the stock at the start
    ANNUAL = "annual"  # every year of the window must meet it
    AVERAGE = "average"  # mean of the yearly figures over the window
    GROWTH = "growth"  # compound annual growth rate since the baseline, in %
    RISE = "rise"  # every year above (or below) the year before


class Comparator(StrEnum):
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"
    APPROX = "~"


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Trajectory(StrEnum):
    """The path from the baseline to the target along which progress is expected."""

    LINEAR = "linear"  # equal steps each year (the default)
    COMPOUND = "compound"  # an equal rate each year (always so for growth targets)


class Nature(StrEnum):
    EXPECTED = "expected"  # 预期性
    BINDING = "binding"  # 约束性


# Chinese words accepted for a comparator, with their legal meaning:
# 以上/以下 and 不少于 include the number itself; 超过 does not.
COMPARATOR_WORDS: dict[str, Comparator] = {
    "以上": Comparator.GE,
    "达到": Comparator.GE,
    "达": Comparator.GE,
    "不少于": Comparator.GE,
    "不低于": Comparator.GE,
    "超过": Comparator.GT,
    "超": Comparator.GT,
    "高于": Comparator.GT,
    "多于": Comparator.GT,
    "以下": Comparator.LE,
    "不超过": Comparator.LE,
    "不高于": Comparator.LE,
    "以内": Comparator.LE,
    "低于": Comparator.LT,
    "少于": Comparator.LT,
    "左右": Comparator.APPROX,
    "约": Comparator.APPROX,
}

NATURE_WORDS: dict[str, Nature] = {"预期性": Nature.EXPECTED, "约束性": Nature.BINDING}

# The counting units whose figures are whole numbers (a count of 件 is never 0.5 件).
WHOLE_UNITS = frozenset({"件", "项", "个", "家", "人", "名", "人次", "次"})

# Kinds whose statistic is counted year by year over a window of years.
WINDOWED_KINDS = frozenset({Kind.CUMULATIVE, Kind.ANNUAL, Kind.AVERAGE})

# 左右 without an explicit tolerance: within 5 % of the target value.
DEFAULT_APPROX_TOLERANCE = 0.05


@dataclass(frozen=True)
class Baseline:
    year: int
    value: float
    note: str | None = None


@dataclass(frozen=True)
class Target:
    id: str
    name: str
    kind: Kind
    comparator: Comparator
    value: float | None  # None only for Kind.RISE
    unit: str
    target_year: int
    direction: Direction
    category: str
    source: Source
    name_en: str | None = None
    aliases: tuple[str, ...] = ()
    subcategory: str | None = None
    lead: tuple[str, ...] = ()
    series_unit: str | None = None
    window: tuple[int, int] | None = None  # set for windowed kinds
    baseline: Baseline | None = None
    tolerance: float | None = None  # set for Comparator.APPROX
    nature: Nature | None = None
    reading: str | None = None
    measure: str | None = None  # shared by targets of other plans that measure the same thing
    unit_aliases: tuple[str, ...] = ()  # counting words the plan treats as its unit (个 for 件)
    population_basis: str | None = None  # the plan's words on the population a ratio is per
    path: Trajectory = Trajectory.LINEAR

    @property
    def series_unit_or_unit(self) -> str:
        """The unit the statistic is stored in."""
        return self.series_unit or self.unit

    @property
    def is_share(self) -> bool:
        """A target in % that is a share (a rate, a ratio, 满意度): 0 to 100, never a growth
        rate, which may be negative or pass 100."""
        return self.series_unit_or_unit == "%" and not any(
            w in self.name for w in ("增长", "增速", "增幅", "提高", "下降")
        )

    @property
    def per_10k(self) -> bool:
        """A count per 10,000 people (万人发明专利拥有量 in 件): 件/万人 is its unit."""
        return self.series_unit_or_unit in WHOLE_UNITS and "万人" in self.name

    @property
    def whole(self) -> bool:
        """Counted in whole units (件, 家, 人 …): a figure is never 0.5 of one."""
        return self.series_unit_or_unit in WHOLE_UNITS and not self.per_10k

    def measures(self, measure: str) -> bool:
        """Whether this target measures ``measure``, or a narrower definition of it
        (``invention_patents_per_10k.high_value`` measures ``invention_patents_per_10k``)."""
        return self.measure is not None and (
            self.measure == measure or self.measure.startswith(measure + ".")
        )


@dataclass(frozen=True)
class Task:
    """A work-plan task (Shanxi's 工作要点) or a dated phase (Nanjing's 时序进度)."""

    id: str
    number: str  # as the document numbers it: "1", "(一)"
    title: str  # a short title
    text: str  # the task as the document words it
    deadline: dt.date | None  # the last day to finish it; None: ongoing (持续推进)
    category: str  # the document's section heading
    source: Source
    title_en: str | None = None
    starts: dt.date | None = None  # a phase's first day
    lead: tuple[str, ...] = ()  # 牵头单位 (or the units 按职责分工负责 when none leads)
    coordinating: tuple[str, ...] = ()  # 配合 / 按职责分工负责 units
    national: tuple[str, ...] = ()  # the 国家知识产权局 departments answering for it
    reading: str | None = None

    @property
    def ongoing(self) -> bool:
        return self.deadline is None


@dataclass(frozen=True)
class Plan:
    id: str
    city: str
    place: str
    place_en: str
    level: str
    title: str
    start_year: int
    target_year: int
    file: Path
    targets: tuple[Target, ...] = field(default_factory=tuple)
    tasks: tuple[Task, ...] = ()
    rules: tuple[RewardRule, ...] = ()
    quantities: tuple[Quantity, ...] = ()
    document_number: str | None = None
    issued: dt.date | None = None
    source: str | None = None
    notes: str | None = None
    aliases: tuple[str, ...] = ()  # other names statistics use for the place (江苏省南京市)
    status: str | None = None  # "draft": drafted by ipkpi targets draft, not yet reviewed

    @property
    def draft(self) -> bool:
        return self.status == "draft"

    def covers(self, year: int) -> bool:
        return self.start_year <= year <= self.target_year


@dataclass(frozen=True)
class PlanHeader:
    """What the catalogue knows of a plan before reading its targets."""

    id: str
    city: str
    place: str
    place_en: str
    start_year: int
    target_year: int
    file: Path
    level: str = "city"
    aliases: tuple[str, ...] = ()

    @classmethod
    def of(cls, plan: Plan) -> PlanHeader:
        return cls(
            plan.id,
            plan.city,
            plan.place,
            plan.place_en,
            plan.start_year,
            plan.target_year,
            plan.file,
            plan.level,
            plan.aliases,
        )


class Catalogue:
    """Every plan in a folder. Plans may be given ready or as headers with a loader, so
    a command about one city reads that city's plans only (see ``ipkpi.catalogue.cache``)."""

    def __init__(
        self,
        folder: Path,
        plans: Iterable[Plan] = (),
        headers: Sequence[PlanHeader] = (),
        load: Callable[[PlanHeader], Plan] | None = None,
    ):
        self.folder = folder
        ready = list(plans)
        self.headers: tuple[PlanHeader, ...] = (
            tuple(PlanHeader.of(p) for p in ready) if ready else tuple(headers)
        )
        self._loaded: dict[int, Plan] = dict(enumerate(ready))
        self._load = load
        self._cities: tuple[str, ...] | None = None
        self._of_city: dict[str, list[int]] | None = None  # city → its plans' indexes

    def _plan(self, i: int) -> Plan:
        if i not in self._loaded:
            assert self._load is not None
            self._loaded[i] = self._load(self.headers[i])
        return self._loaded[i]

    @property
    def plans(self) -> tuple[Plan, ...]:
        """All plans, in file-name order (reads every one not yet read)."""
        return tuple(self._plan(i) for i in range(len(self.headers)))

    def cities(self) -> list[str]:
        if self._cities is None:
            self._cities = tuple(sorted({h.city for h in self.headers}))
        return list(self._cities)

    def cities_with(self, what: str) -> list[str]:
        """The cities with a plan holding ``what``: "targets", "tasks" or "rules"."""
        return [c for c in self.cities() if any(getattr(p, what) for p in self.plans_for(c))]

    def plans_for(self, city: str) -> list[Plan]:
        """The city's plans, oldest window first."""
        if self._of_city is None:
            self._of_city = {}
            for i, h in enumerate(self.headers):
                self._of_city.setdefault(h.city, []).append(i)
            for mine in self._of_city.values():
                mine.sort(key=lambda i: (self.headers[i].target_year, self.headers[i].start_year))
        return [self._plan(i) for i in self._of_city.get(city, ())]
