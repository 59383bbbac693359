"""The gap report's views: its JSON document, table and CSV rows, summary line, title and
notes; every output of a report is built from these. No I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ipkpi.assess.report import Report
from ipkpi.assess.results import STATUS_ORDER, Assessment, PlanAssessment
from ipkpi.assess.tasks import TasksAssessment
from ipkpi.catalogue.model import Kind
from ipkpi.labels import Lang, label
from ipkpi.views.catalogue import plan_dict, plan_heading, target_requirement
from ipkpi.views.numbers import fmt, rounded
from ipkpi.views.readings import (
    note_text,
    rate_unit,
    reading,
    status_label,
    unchecked_years,
    year_span,
    years_missing,
)
from ipkpi.views.tasks import leads_of, task_dict, tasks_summary

REPORT_SCHEMA = "ipkpi.report/1"


# --- JSON ------------------------------------------------------------------------------------


def summary(assessment: PlanAssessment) -> dict[str, int]:
    counts = assessment.counts()
    return {"targets": len(assessment.results), **{s.value: counts[s] for s in STATUS_ORDER}}


def assessment_dict(
    a: Assessment, lang: Lang = "zh", vintages: dict[tuple[str, int], str] | None = None
) -> dict[str, Any]:
    """One target's result in the stable JSON schema documented in the README; with the
    report's ``vintages``, the latest figure's vintage where its file marked it."""
    t = a.target
    series_unit = t.series_unit_or_unit
    marked = None
    if vintages and a.latest is not None:
        marked = vintages.get((t.id, a.latest.year))
    return {
        "id": t.id,
        "name": t.name,
        "name_en": t.name_en,
        "category": t.category,
        "lead": list(t.lead),
        "kind": t.kind.value,
        "comparator": t.comparator.value,
        "target": rounded(t.value),
        "tolerance": rounded(t.tolerance),
        "unit": t.unit,
        "series_unit": t.series_unit,
        "target_year": t.target_year,
        "window": list(t.window) if t.window else None,
        "direction": t.direction.value,
        "baseline": None
        if a.baseline is None
        else {
            "year": a.baseline.year,
            "value": rounded(a.baseline.value),
            "unit": series_unit,
            "source": a.baseline_source,
        },
        "latest": None
        if a.latest is None
        else {
            "year": a.latest.year,
            "value": rounded(a.latest.value),
            "unit": series_unit,
            "preliminary": a.latest.preliminary,
            **({"vintage": marked} if marked else {}),  # only when marked: as before if not
        },
        "actual": None if a.actual is None else {"year": a.actual_year, "value": rounded(a.actual)},
        "gap": rounded(a.gap),
        "gap_share": rounded(a.gap_share),
        "expected": rounded(a.expected),
        "progress_ratio": rounded(a.progress_ratio),
        "gap_share_closed": rounded(a.gap_share_closed),
        "time_share_elapsed": rounded(a.time_share_elapsed),
        "remaining_years": a.remaining_years,
        "required_rate": rounded(a.required_rate),
        "actual_rate": rounded(a.actual_rate),
        "rate_unit": rate_unit(a),
        "projected": rounded(a.projected),
        "projected_shortfall": rounded(a.projected_shortfall),
        "method": a.method,
        "holds": a.holds,
        "years_counted": list(a.years_counted),
        "years_missed": list(a.years_missed),
        "years_missing": years_missing(a),
        "status": a.status.value,
        "status_label": status_label(a, lang),
        "reading": reading(a, lang),
        "warnings": [{"code": n.code, "message": note_text(n, a, lang)} for n in a.notes],
    }


def report_document(
    report: Report, lang: Lang = "zh", only: Sequence[Assessment] | None = None
) -> dict[str, Any]:
    """The report in the documented JSON schema; with ``only``, those targets alone (the
    summary still counts every target)."""
    pa = report.assessment
    chosen = None if only is None else {id(a) for a in only}
    shown = [a for a in pa.results if chosen is None or id(a) in chosen]
    return {
        "schema": REPORT_SCHEMA,
        "plan": plan_dict(pa.plan),
        "as_of": pa.as_of,
        "method": pa.method.value,
        "thresholds": {"on_track": pa.thresholds.on_track, "moderate": pa.thresholds.moderate},
        "summary": summary(pa),
        "sources": [
            {"path": f.path, "sha256": f.sha256, "ingested_at": f.ingested_at}
            for f in report.sources
        ],
        "targets": [assessment_dict(a, lang, report.vintages) for a in shown],
        "tasks": None if report.tasks is None else tasks_section(report.tasks, lang),
    }


def tasks_section(tasks: TasksAssessment, lang: Lang = "zh") -> dict[str, Any]:
    """The tasks part of a report: the day they are assessed on, counts, each task."""
    return {
        "as_of": tasks.as_of.isoformat(),
        "summary": tasks_summary(tasks),
        "items": [task_dict(a, lang) for a in tasks.results],
    }


# --- table and CSV rows ----------------------------------------------------------------------


# The first column is the group: "category" or "lead".
REPORT_COLUMNS = (
    "category",
    "name",
    "unit",
    "baseline",
    "actual",
    "target",
    "gap",
    "expected",
    "progress",
    "status",
)

# What a target still on its way is measured by: no column when every target shown is judged
# (its year over: met, missed or awaiting its figure) and none has a value there.
_TRACKING_COLUMNS = ("expected", "progress")


def report_columns(shown: Sequence[Assessment], group_by: str) -> tuple[str, ...]:
    """The report table's columns, the first its group (category or lead); without 时序应达值
    and 进度比 when no target shown has one (a plan that has ended is judged, not tracked)."""
    tracked = any(a.expected is not None or a.progress_ratio is not None for a in shown)
    return tuple(
        c for c in (group_by, *REPORT_COLUMNS[1:]) if tracked or c not in _TRACKING_COLUMNS
    )


REPORT_CSV_COLUMNS = (
    "plan",
    "as_of",
    "id",
    "name",
    "category",
    "lead",
    "kind",
    "comparator",
    "target",
    "unit",
    "target_year",
    "baseline_year",
    "baseline_value",
    "latest_year",
    "latest_value",
    "series_unit",
    "actual_year",
    "actual",
    "gap",
    "gap_share",
    "expected",
    "progress_ratio",
    "gap_share_closed",
    "time_share_elapsed",
    "remaining_years",
    "required_rate",
    "actual_rate",
    "rate_unit",
    "projected",
    "projected_shortfall",
    "method",
    "status",
    "status_label",
    "years_missed",
    "reading",
    "warnings",
)


def group_of(a: Assessment, group_by: str, lang: Lang) -> str:
    if group_by == "lead":
        return ("、" if lang == "zh" else ", ").join(leads_of(a.target, lang))
    return a.target.category


def target_name(a: Assessment, lang: Lang) -> str:
    t = a.target
    return t.name_en if lang == "en" and t.name_en else t.name


def actual_cell(a: Assessment) -> str:
    if a.actual is None:
        return ""
    t = a.target
    years = a.years_counted
    if t.kind in (Kind.CUMULATIVE, Kind.AVERAGE) and years:
        when = year_span(years[0], years[-1])
    elif t.kind is Kind.GROWTH and a.baseline:
        when = year_span(a.baseline.year, a.actual_year)
    else:
        when = str(a.actual_year)
    sign = "+" if t.kind is Kind.INCREMENT and a.actual > 0 else ""
    return f"{sign}{fmt(a.actual)} ({when})"


def baseline_cell(a: Assessment) -> str:
    if a.baseline is None or a.target.kind is Kind.RISE:
        return ""
    unit = a.target.series_unit_or_unit
    suffix = unit if unit != a.target.unit else ""
    return f"{fmt(a.baseline.value)}{suffix} ({a.baseline.year})"


def gap_cell(a: Assessment, lang: Lang) -> str:
    if a.gap is None:
        return ""
    if a.gap < 0:
        return label("gap.over", lang, amount=fmt(-a.gap))
    return fmt(a.gap)


def report_row(a: Assessment, lang: Lang, group_by: str = "category") -> dict[str, str]:
    """One target as a table row (strings only), keyed by column."""
    target = target_requirement(a.target, lang).removesuffix(f" {a.target.unit}")
    return {
        group_by: group_of(a, group_by, lang),
        "name": target_name(a, lang),
        "unit": a.target.unit,
        "baseline": baseline_cell(a),
        "actual": actual_cell(a),
        "target": f"{target} ({a.target.target_year})",
        "gap": gap_cell(a, lang),
        "expected": fmt(a.expected),
        "progress": fmt(a.progress_ratio),
        "status": status_label(a, lang),
        "status_code": a.status.value,
    }


def report_csv_row(report: Report, a: Assessment, lang: Lang) -> dict[str, Any]:
    d = assessment_dict(a, lang)
    baseline, latest, actual = d["baseline"] or {}, d["latest"] or {}, d["actual"] or {}
    return {
        "plan": report.plan.id,
        "as_of": report.assessment.as_of,
        **{k: d[k] for k in REPORT_CSV_COLUMNS if k in d and k not in ("actual", "lead")},
        "lead": "、".join(a.target.lead),
        "baseline_year": baseline.get("year"),
        "baseline_value": baseline.get("value"),
        "latest_year": latest.get("year"),
        "latest_value": latest.get("value"),
        "series_unit": a.target.series_unit_or_unit,
        "actual_year": actual.get("year"),
        "actual": actual.get("value"),
        "years_missed": " ".join(str(y) for y in a.years_missed),
        "warnings": "; ".join(w["message"] for w in d["warnings"]),
    }


def ordered(results: Sequence[Assessment], group_by: str, lang: Lang) -> list[Assessment]:
    """Grouped, groups in the order the plan first names them, targets in plan order."""
    first: dict[str, int] = {}
    for i, a in enumerate(results):
        first.setdefault(group_of(a, group_by, lang), i)
    return sorted(results, key=lambda a: first[group_of(a, group_by, lang)])


def summary_line(assessment: PlanAssessment, lang: Lang, shown: int | None = None) -> str:
    counts = assessment.counts()
    parts = [
        f"{label(f'status.{s.value}', lang)} {n}"
        if lang == "zh"
        else f"{n} {label(f'status.{s.value}', lang)}"
        for s, n in counts.items()
        if n
    ]
    total = len(assessment.results)
    head = label("summary.head", lang, n=total, as_of=assessment.as_of)
    line = head + ("：" if lang == "zh" else ": ") + ("，" if lang == "zh" else ", ").join(parts)
    if shown is not None and shown != total:
        line += label("summary.shown", lang, shown=shown)
    return line


# --- title and notes -------------------------------------------------------------------------


def report_title(report: Report, lang: Lang) -> str:
    plan = report.plan
    text = plan_heading(plan, lang)
    return f"{text} · {label('as_of', lang, year=report.assessment.as_of)}"


# Warnings said once for the plan, under the table, not on each target's line: the code
# and the note's field that tells one such warning from another (the year of a 快报).
PLAN_NOTES = {"preliminary": "year", "baseline_observed": None}


def report_notes(results: Sequence[Assessment], lang: Lang) -> list[str]:
    """A line per target: its reading, then its warnings (but those said once for the plan,
    and a missing year its status already names)."""
    lines = []
    for a in results:
        lines.append(f"{target_name(a, lang)}{'：' if lang == 'zh' else ': '}{reading(a, lang)}")
        said = {"missing_years"} if unchecked_years(a) else set()
        lines += [
            f"  {label('warning', lang)}{note_text(n, a, lang)}"
            for n in a.notes
            if n.code not in PLAN_NOTES and n.code not in said
        ]
    return lines


def _plan_note_key(item: tuple[tuple[str, Any], list[Assessment]], order: list[str]) -> tuple:
    (code, value), _ = item
    return order.index(code), value or 0


def plan_notes(results: Sequence[Assessment], lang: Lang) -> list[str]:
    """The warnings that hold for many targets, once each, naming the targets or saying
    all: ``⚠ 2025年数据为快报数，可能修订：全部30项目标``."""
    found: dict[tuple[str, Any], list[Assessment]] = {}
    for a in results:
        for n in a.notes:
            if n.code in PLAN_NOTES:
                field = PLAN_NOTES[n.code]
                found.setdefault((n.code, n.data[field] if field else None), []).append(a)
    lines = []
    order = list(PLAN_NOTES)
    for (code, value), having in sorted(found.items(), key=lambda kv: _plan_note_key(kv, order)):
        if len(having) == len(results):
            which = label("plan_note.all", lang, n=len(results))
        else:
            which = ("、" if lang == "zh" else ", ").join(target_name(a, lang) for a in having)
        text = label(f"plan_note.{code}", lang, year=value, targets=which)
        lines.append(f"{label('warning', lang)}{text}")
    return lines
