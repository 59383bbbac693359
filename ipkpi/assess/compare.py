"""Comparing places on an indicator their plans share.

Targets of different plans say they measure the same thing with a shared ``measure`` key
in the catalogue (a narrower definition after a dot: ``invention_patents_per_10k.high_value``
is part of ``invention_patents_per_10k``). Each place is assessed exactly as
``ipkpi report`` assesses it, so the figures, progress and status here are the report's;
places are sorted by status and then by progress towards their own target, since their
definitions, units and target years may differ, and their values then cannot be ranked.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from ipkpi.assess.report import build_report
from ipkpi.assess.results import (
    DEFAULT_THRESHOLDS,
    STATUS_ORDER,
    Assessment,
    Method,
    Status,
    Thresholds,
)
from ipkpi.catalogue.model import Catalogue, Plan, Target
from ipkpi.catalogue.select import report_plan
from ipkpi.errors import UnknownMeasure, closest
from ipkpi.store.base import Store


@dataclass(frozen=True)
class Compared:
    plan: Plan
    assessment: Assessment

    @property
    def target(self) -> Target:
        return self.assessment.target


@dataclass(frozen=True)
class Comparison:
    measure: str
    as_of: int
    rows: tuple[Compared, ...]  # best progress first; no figures last

    @property
    def same_definition(self) -> bool:
        """Whether every place words, counts and measures the indicator alike."""
        keys = {(r.target.measure, r.target.kind, r.target.unit) for r in self.rows}
        return len(keys) <= 1


def measures(catalogue: Catalogue) -> dict[str, list[tuple[Plan, Target]]]:
    """Every measure the catalogue's targets carry → (plan, target), measures sorted."""
    found: dict[str, list[tuple[Plan, Target]]] = {}
    for plan in catalogue.plans:
        for target in plan.targets:
            if target.measure:
                found.setdefault(target.measure, []).append((plan, target))
    return dict(sorted(found.items()))


def resolve_measure(catalogue: Catalogue, text: str) -> str:
    """The measure ``text`` names: a measure (or a broader one its dotted name starts
    with); the Chinese or English name, or an alias, of a target carrying one (每万人口有效
    发明专利拥有量 → invention_patents_per_10k); or a part of such names that one family of
    measures shares (发明专利 → invention_patents_per_10k). Else ``UnknownMeasure``, with
    the closest measures, or the measures a part is shared by."""
    known = measures(catalogue)
    # a measure, and every broader one its dotted name starts with (a, a.b for a.b.c)
    parts = [m.split(".") for m in known]
    families = sorted({".".join(p[:n]) for p in parts for n in range(1, len(p) + 1)})
    if text in families:
        return text
    named = {
        _key(name): measure
        for measure, carriers in known.items()
        for _plan, target in carriers
        for name in (target.name, target.name_en or "", *target.aliases)
        if name
    }
    key = _key(text)
    if key in named:
        return named[key]
    shared = sorted({m for name, m in named.items() if key and key in name})
    family = _family(shared)
    if family:
        return family
    if shared:  # each family once: invention_patents_per_10k takes in its .high_value
        tops = [m for m in shared if not any(m.startswith(o + ".") for o in shared)]
        raise UnknownMeasure(text, families, matches=[_shown(m, known) for m in tops])
    close = closest(key, {**{m.lower(): m for m in families}, **named})
    raise UnknownMeasure(text, families, close=close)


def _key(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).lower()


def _family(found: list[str]) -> str | None:
    """The narrowest measure every one of ``found`` is part of, if any."""
    if not found:
        return None
    common = found[0].split(".")
    for measure in found[1:]:
        parts = measure.split(".")
        n = 0
        while n < min(len(common), len(parts)) and common[n] == parts[n]:
            n += 1
        common = common[:n]
    return ".".join(common) or None


def _shown(measure: str, known: dict[str, list[tuple[Plan, Target]]]) -> str:
    """``invention_patents_per_10k (每万人有效发明专利拥有量)``: a measure and a name of it."""
    return f"{measure} ({known[measure][0][1].name})"


def compare(
    catalogue: Catalogue,
    store: Store,
    measure: str,
    *,
    as_of: int,
    method: Method = Method.LINEAR,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> Comparison:
    """Each place whose plan for ``as_of`` has a target measuring ``measure`` (or a
    narrower definition of it), assessed on the store's figures up to ``as_of``."""
    measure = resolve_measure(catalogue, measure)
    rows = []
    for city in catalogue.cities_with("targets"):
        plan = report_plan(catalogue, city, None, as_of)
        if not any(t.measures(measure) for t in plan.targets):
            continue  # no store reads for a place that does not measure it
        report = build_report(
            store,
            plan,
            as_of=as_of,
            method=method,
            thresholds=thresholds,
            evidence=False,
        )
        rows += [Compared(report.plan, a) for a in report.results if a.target.measures(measure)]
    rows.sort(key=_order)
    return Comparison(measure, as_of, tuple(rows))


def _order(row: Compared) -> tuple:
    """Best status first (met, achieved, on track, … no data), then the most progress."""
    ratio = row.assessment.progress_ratio
    rank = STATUS_ORDER.index(row.assessment.status)
    return (rank, ratio is None, -(ratio or 0.0), row.plan.city, row.target.id)


def ranked(row: Compared) -> bool:
    return row.assessment.status is not Status.NO_DATA
