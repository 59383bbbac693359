"""What the drafter found: a plan's header and its targets, each field as the document gives
it, and what a person must check (``review``: the reasons, written into the file as
``# 待核实：…`` comments next to the target)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Baseline:
    year: int
    value: float
    note: object = None  # str, or a Message worded when the file is written


@dataclass
class DraftTarget:
    name: str
    kind: str  # level, cumulative, increment, annual, average, growth, rise
    comparator: str  # >=, >, <=, <, ~
    value: float | None  # None for rise
    unit: str
    quote: str  # the document's words, verbatim
    clause: str  # where: the headings above it, the table and row
    category: str
    target_year: int | None = None  # None: the plan's
    subcategory: str | None = None
    lead: list[str] = field(default_factory=list)
    baseline: Baseline | None = None
    nature: str | None = None  # expected (预期性) or binding (约束性)
    direction: str = "higher"
    series_unit: str | None = None
    window: tuple[int, int] | None = None
    comparator_word: str = ""  # the document's word for it; "" for a plain number
    review: list[str] = field(default_factory=list)
    reading: list[str] = field(default_factory=list)
    id: str = ""
    measure: str | None = None
    name_en: str | None = None
    aliases: list[str] = field(default_factory=list)
    left_out: bool = False  # written commented out: no value, or the catalogue refuses it
    source: str = "sentence"  # "sentence" or "table"

    @property
    def written_out(self) -> bool:
        """Written commented out: the catalogue refuses it, or it has no value to stand on."""
        return self.left_out or (self.value is None and self.kind != "rise")


@dataclass
class DraftPlan:
    id: str
    city: str
    place: str
    place_en: str
    level: str
    title: str
    start_year: int
    target_year: int
    source: str
    document_number: str | None = None
    issued: str | None = None  # YYYY-MM-DD
    targets: list[DraftTarget] = field(default_factory=list)
    review: list[str] = field(default_factory=list)  # about the plan's header
