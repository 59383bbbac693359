"""The gap report: the engine's results for one city's plan, read from the store, and the
views of them every output is built from (JSON document, table rows, CSV rows, one-sentence
readings). Only ``build_report`` touches the store; the rest is pure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ipkpi.assess.engine import (
    DEFAULT_THRESHOLDS,
    STATUS_ORDER,
    Assessment,
    Method,
    Note,
    PlanAssessment,
    Point,
    Status,
    Thresholds,
    assess_plan,
)
from ipkpi.assess.tasks import TasksAssessment, assess_tasks, leads_of, task_dict, tasks_summary
from ipkpi.catalogue.model import Catalogue, Comparator, Kind, Plan
from ipkpi.catalogue.select import report_plan
from ipkpi.labels import Lang, label
from ipkpi.views.catalogue import format_number, number, plan_dict, target_requirement

REPORT_SCHEMA = "ipkpi.report/1"


@dataclass(frozen=True)
class SourceFile:
    path: str
    sha256: str
    ingested_at: str


@dataclass(frozen=True)
class Report:
    """A plan's assessment and the data files its figures came from, and where its tasks
    stand (None when the plan has none)."""

    assessment: PlanAssessment
    sources: tuple[SourceFile, ...]
    observations: tuple[Any, ...] = ()  # the stored observations the figures came from
    tasks: TasksAssessment | None = None
    # (target id, year) → vintage of the stored figures used that their file marked
    # (preliminary, final, revised); an unmarked figure is not in it.
    vintages: dict[tuple[str, int], str] = field(default_factory=dict)

    @property
    def plan(self):
        return self.assessment.plan

    @property
    def results(self) -> tuple[Assessment, ...]:
        return self.assessment.results


def build_report(
    catalogue: Catalogue,
    store,
    city: str,
    *,
    as_of: int,
    plan_id: str | None = None,
    method: Method = Method.LINEAR,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    evidence: bool = True,
    today: dt.date | None = None,
) -> Report:
    """Assess the city's plan (the one for ``as_of`` unless ``plan_id``) on the store's
    current figures up to ``as_of``, and its tasks on the progress reported by the end of
    ``as_of`` or ``today``, whichever is earlier. ``evidence``: keep every stored value
    used, with its provenance (the Excel summary's data sheet needs them; the report and
    JSON do not, and skipping them makes a report several times faster)."""

    plan = report_plan(catalogue, city, plan_id, as_of)
    tasks = None
    if plan.tasks:
        tasks = build_tasks(store, plan, min(dt.date(as_of, 12, 31), today or dt.date.today()))
    ids = {t.id for t in plan.targets}
    rows, files = store.current_values(city)
    series: dict[str, list[Point]] = {}
    file_of: dict[tuple[str, int], int] = {}
    vintages: dict[tuple[str, int], str] = {}
    for target_id, year, value, vintage, file_id in rows:
        if target_id in ids and year <= as_of:
            series.setdefault(target_id, []).append(Point(year, value, vintage == "preliminary"))
            file_of[(target_id, year)] = file_id
            if vintage is not None:
                vintages[(target_id, year)] = vintage
    assessment = assess_plan(plan, series, as_of=as_of, method=method, thresholds=thresholds)
    used = {(r.target.id, y) for r in assessment.results for y in r.years_counted}
    used |= {(r.target.id, r.baseline.year) for r in assessment.results if r.baseline}
    used &= file_of.keys()  # a catalogue baseline is not a stored value
    found = {SourceFile(*files[file_of[key]]) for key in used}
    if tasks is not None:  # the progress sheets the tasks' states came from
        found |= {
            SourceFile(a.report.path, a.report.sha256, a.report.ingested_at)
            for a in tasks.results
            if a.report is not None
        }
    sources = sorted(found, key=lambda f: (f.path, f.sha256))
    kept: tuple[Any, ...] = ()
    if evidence:
        kept = tuple(o for o in store.observations(city=city) if (o.target_id, o.year) in used)
    marked = {key: vintages[key] for key in used if key in vintages}
    return Report(assessment, tuple(sources), kept, tasks, marked)


def build_tasks(store, plan: Plan, as_of: dt.date) -> TasksAssessment:
    """The plan's tasks as of a day, on the progress in the store."""
    progress = {p.task_id: p for p in store.task_progress(plan.city, plan.id)}
    return assess_tasks(plan, progress, as_of)


# --- numbers ---------------------------------------------------------------------------------


def rounded(value: float | None, digits: int = 6) -> int | float | None:
    """For JSON: no float noise (0.30000000000000004), integral values as ints."""
    return None if value is None else number(round(value, digits))


def fmt(value: float | None, digits: int = 2) -> str:
    """For people: at most ``digits`` decimals, no trailing zeros."""
    if value is None:
        return ""
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def pct(share: float | None) -> str:
    return "" if share is None else f"{fmt(share * 100, 0)}%"


def rate_unit(a: Assessment) -> str | None:
    """The unit of ``required_rate`` and ``actual_rate``."""
    if a.rate_kind is None:
        return None
    if a.rate_kind == "growth":
        return "%"
    unit = a.target.series_unit_or_unit if a.target.kind is Kind.RISE else a.target.unit
    return f"{'个百分点' if unit == '%' else unit}/年"


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
        "status": a.status.value,
        "status_label": label(f"status.{a.status.value}", lang),
        "reading": reading(a, lang),
        "warnings": [{"code": n.code, "message": note_text(n, a, lang)} for n in a.notes],
    }


def report_document(report: Report, lang: Lang = "zh") -> dict[str, Any]:
    pa = report.assessment
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
        "targets": [assessment_dict(a, lang, report.vintages) for a in pa.results],
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


def _years(first: int, last: int) -> str:
    return str(last) if first == last else f"{first}–{last}"


def actual_cell(a: Assessment) -> str:
    if a.actual is None:
        return ""
    t = a.target
    years = a.years_counted
    if t.kind in (Kind.CUMULATIVE, Kind.AVERAGE) and years:
        when = _years(years[0], years[-1])
    elif t.kind is Kind.GROWTH and a.baseline:
        when = _years(a.baseline.year, a.actual_year)
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
        "status": label(f"status.{a.status.value}", lang),
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


# --- readings: one sentence per target, in the words officials write --------------------------

_ZH_COUNT = {
    1: "一",
    2: "两",
    3: "三",
    4: "四",
    5: "五",
    6: "六",
    7: "七",
    8: "八",
    9: "九",
    10: "十",
}


def with_unit(value: float | None, unit: str, lang: Lang) -> str:
    """``71.21件`` in Chinese, ``71.21 件`` in English; ``85.7%`` in both."""
    sep = "" if lang == "zh" or unit == "%" else " "
    return f"{fmt(value)}{sep}{unit}"


def difference(value: float | None, unit: str, lang: Lang) -> str:
    """A difference: of shares in percentage points (个百分点), else as ``with_unit``."""
    if unit == "%":
        return with_unit(value, label("unit.points", lang), lang)
    return with_unit(value, unit, lang)


def _n_years(n: int, lang: Lang) -> str:
    if lang == "zh":
        return f"{_ZH_COUNT.get(n, n)}年"
    return f"{n} year" + ("" if n == 1 else "s")


def _points(share_diff: float) -> str:
    return fmt(abs(share_diff) * 100, 0)


def _requirement(a: Assessment, lang: Lang) -> str:
    text = target_requirement(a.target, lang)
    return text.replace(" ", "") if lang == "zh" else text


def path_start(a: Assessment) -> float:
    """The measure at the baseline: the level itself, or nothing yet for an increment."""
    return a.baseline.value if a.target.kind is Kind.LEVEL else 0.0


def _change_words(value: float, unit: str, lang: Lang) -> str:
    """``上升0.13个百分点`` / ``down 0.13 percentage points``."""
    word = label("reading.rose" if value >= 0 else "reading.fell", lang)
    unit = label("unit.points", lang) if unit == "%" else unit
    sep = "" if lang == "zh" else " "
    return f"{word}{sep}{fmt(abs(value))}{sep}{unit}"


def _change(a: Assessment, value: float, lang: Lang) -> str:
    """``增加3.1件`` / ``add 3.1 件``, ``增长10.6%`` / ``grow 10.6%``."""
    unit = (rate_unit(a) or "").removesuffix("/年")
    if unit == "个百分点":
        unit = label("unit.points", lang)
    if a.rate_kind == "growth":
        word = label("reading.grow" if value >= 0 else "reading.shrink", lang)
        return f"{word}{fmt(abs(value), 1)}%" if lang == "zh" else f"{word} {fmt(abs(value), 1)}%"
    word = label("reading.add" if value >= 0 else "reading.cut", lang)
    amount = fmt(abs(value))
    return f"{word}{amount}{unit}" if lang == "zh" else f"{word} {amount} {unit}"


def reading(a: Assessment, lang: Lang = "zh") -> str:
    """One sentence on where the target stands, e.g.
    ``完成目标进度72%，慢于时序进度8个百分点，剩余两年需年均增加3.1件``."""
    t, status = a.target, a.status
    if status is Status.NO_DATA:
        why = next((n for n in a.notes if n.code != "preliminary"), None)
        reason = note_text(why, a, lang) if why else label("reading.no_figures", lang)
        return label("reading.no_data", lang, reason=reason)
    req = _requirement(a, lang)
    if t.kind in (Kind.ANNUAL, Kind.RISE):
        years = ("、" if lang == "zh" else ", ").join(str(y) for y in a.years_missed)
        first, last = a.years_counted[0], a.years_counted[-1]
        if t.kind is Kind.RISE:
            first = a.years_counted[1] if len(a.years_counted) > 1 else first
            key = "reading.rise_fell" if a.years_missed else "reading.rise_ok"
        else:
            key = "reading.annual_missed" if a.years_missed else "reading.annual_ok"
        return label(key, lang, years=years, span=_years(first, last), req=req)

    value = with_unit(a.actual, t.unit, lang)
    if t.kind is Kind.GROWTH and a.baseline:
        head = label(
            "reading.growth_head",
            lang,
            span=_years(a.baseline.year, a.actual_year),
            rate=fmt(a.actual, 1),
        )
    elif t.kind is Kind.CUMULATIVE:
        head = label(
            "reading.sum_head", lang, span=_years(a.years_counted[0], a.actual_year), value=value
        )
    elif t.kind is Kind.AVERAGE:
        head = label(
            "reading.mean_head", lang, span=_years(a.years_counted[0], a.actual_year), value=value
        )
    elif t.kind is Kind.INCREMENT and a.baseline:
        head = label(
            "reading.increment_head", lang, year=a.actual_year, since=a.baseline.year, value=value
        )
    else:
        head = label("reading.level_head", lang, year=a.actual_year, value=value)

    if status is Status.MET:
        return label("reading.met", lang, head=head, req=req)
    if status is Status.MISSED:
        gap = difference(a.gap, t.unit, lang)
        return label("reading.missed", lang, head=head, req=req, gap=gap)
    if status is Status.ACHIEVED:
        return label("reading.achieved", lang, head=head, req=req)

    parts = []
    if t.comparator is Comparator.APPROX and a.gap is not None and a.gap < 0:
        # 左右 overshot: past the target by more than the tolerance
        off = difference(-a.gap, t.unit, lang)
        parts.append(head + label("reading.off", lang, req=req, amount=off))
    elif status is Status.MOVING_AWAY and a.baseline is not None and t.kind is not Kind.GROWTH:
        moved = _change_words(a.actual - path_start(a), a.target.unit, lang)
        parts.append(head + label("reading.away", lang, year=a.baseline.year, change=moved))
    elif t.kind is Kind.GROWTH or a.gap_share_closed is None or a.time_share_elapsed is None:
        parts.append(head + label("reading.against", lang, req=req))
    else:
        diff = a.gap_share_closed - a.time_share_elapsed
        points = _points(diff)
        pace = (
            label("reading.even", lang)
            if points == "0"
            else label(
                "reading.ahead" if diff > 0 else "reading.lagging",
                lang,
                points=points,
                s="" if points == "1" else "s",
            )
        )
        parts.append(label("reading.progress", lang, closed=pct(a.gap_share_closed), pace=pace))
    if a.required_rate is not None and a.remaining_years:
        key = "reading.needs_one" if a.remaining_years == 1 else "reading.needs"
        parts.append(
            label(
                key,
                lang,
                years=_n_years(a.remaining_years, lang),
                change=_change(a, a.required_rate, lang),
            )
        )
    return ("，" if lang == "zh" else "; ").join(parts)


def note_text(note: Note, a: Assessment, lang: Lang = "zh") -> str:
    """A note as a sentence in ``lang``."""
    data = dict(note.data)
    if "years" in data:
        data["years"] = ("、" if lang == "zh" else ", ").join(str(y) for y in data["years"])
    if "value" in data:
        data["value"] = format_number(round(data["value"], 6))
        data["unit"] = a.target.series_unit_or_unit
    return label(f"note.{note.code}", lang, **data)
