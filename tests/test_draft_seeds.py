"""``targets draft`` run on the source documents the bundled plans were transcribed from
(../shared/seeds/): it must recover the plans' quantified targets. The bundled TOML is the
reviewed reference — read here, never by the drafter (it is given no catalogue).

Per plan the test prints targets found / expected and the fields exact (value, unit, target
year, comparator, kind, baseline), and asserts ≥ 95 % of the fields exact over every expected
target (a target not found counts its six fields wrong) and no drafted value that is not in
its own quote."""

from __future__ import annotations

import re

import pytest
from conftest import REPO, SHARED_SEEDS

from ipkpi.catalogue.loader import load_catalogue
from ipkpi.draft.drafter import draft_plan

FIELDS = ("value", "unit", "year", "comparator", "kind", "baseline")
PLANS = ("guizhou-2021-2025", "nanjing-2022-2025", "shijiazhuang-2022-2025")


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[\s“”\"《》()（）、，,|.\d]", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _expected_fields(t, plan) -> dict:
    return {
        "value": t.value,
        "unit": t.unit,
        "year": t.target_year,
        "comparator": t.comparator.value,
        "kind": t.kind.value,
        "baseline": (t.baseline.year, t.baseline.value) if t.baseline else None,
    }


def _drafted_fields(d, draft) -> dict:
    return {
        "value": d.value,
        "unit": d.unit,
        "year": d.target_year or draft.target_year,
        "comparator": d.comparator,
        "kind": d.kind,
        "baseline": (d.baseline.year, d.baseline.value) if d.baseline else None,
    }


def _match(expected, drafted):
    """Each expected target's drafted one (same value, most words in common, ≥ 3 pairs of
    characters of name and quote), one to one."""
    pairs = []
    for e in expected:
        for d in drafted:
            if d.value != e.value:
                continue
            common = len(_bigrams(e.name + e.source.quote) & _bigrams(d.name + d.quote))
            if common >= 3:
                pairs.append((common, e.id, id(d), e, d))
    pairs.sort(key=lambda p: -p[0])
    found, used = {}, set()
    for _, eid, did, _e, d in pairs:
        if eid not in found and did not in used:
            found[eid] = d
            used.add(did)
    return found


def _score(plan):
    draft = draft_plan(SHARED_SEEDS / plan.source, plan.city)
    found = _match(plan.targets, draft.targets)
    exact = 0
    misses = []
    for t in plan.targets:
        d = found.get(t.id)
        if d is None:
            misses.append(f"{t.id}: not found")
            continue
        want, got = _expected_fields(t, plan), _drafted_fields(d, draft)
        for f in FIELDS:
            if want[f] == got[f]:
                exact += 1
            else:
                misses.append(f"{t.id}.{f}: {got[f]!r}, expected {want[f]!r}")
    return draft, found, exact, misses


def _value_text(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(value)


@pytest.fixture(scope="module")
def bundled():
    if not SHARED_SEEDS.is_dir():
        pytest.skip(f"{SHARED_SEEDS} is absent: the source documents are not beside the project")
    return load_catalogue(REPO / "targets")


def test_draft_recovers_the_bundled_plans(bundled, capsys):
    lines = ["plan | targets found / expected | fields exact"]
    total = exact_all = 0
    every_miss = []
    for plan_id in PLANS:
        plan = next(p for p in bundled.plans if p.id == plan_id)
        draft, found, exact, misses = _score(plan)
        n = len(plan.targets) * len(FIELDS)
        total += n
        exact_all += exact
        every_miss += [f"{plan_id} {m}" for m in misses]
        lines.append(
            f"{plan_id} | {len(found)} / {len(plan.targets)} | {exact} / {n} "
            f"({100 * exact / n:.1f} %)"
        )
        assert (draft.start_year, draft.target_year) == (plan.start_year, plan.target_year)
    lines.append(f"all | | {exact_all} / {total} ({100 * exact_all / total:.1f} %)")
    with capsys.disabled():
        print("\n" + "\n".join([*lines, "misses:", *every_miss]))
    assert exact_all / total >= 0.95, "\n".join(lines + every_miss)


def test_every_drafted_value_is_in_its_quote(bundled):
    outside = []
    for plan_id in PLANS:
        plan = next(p for p in bundled.plans if p.id == plan_id)
        draft = draft_plan(SHARED_SEEDS / plan.source, plan.city)
        for d in draft.targets:
            if d.value is None:
                continue
            quote = d.quote.replace(",", "")
            if not re.search(rf"(?<![\d.]){re.escape(_value_text(d.value))}(?![\d])", quote):
                outside.append((plan_id, d.id, d.value, d.quote))
    assert outside == []
