"""The assessment report an office hands in (``ipkpi brief``), as plain data: its title, and
its sections in the order such reports use — 总体情况, 主要指标完成情况 (one table), 进展滞后的
指标, 重点任务推进情况, a section left for the drafting office, and the data sources. Every
figure and sentence is the report's own (``views.report``, ``views.readings``,
``views.tasks``), so the brief never says other than ``ipkpi report``; ``output.brief``
lays it out as a Word document."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import PurePath

from ipkpi.assess.report import Report
from ipkpi.assess.results import STATUS_ORDER, Assessment, Status
from ipkpi.assess.tasks import TASK_STATE_ORDER
from ipkpi.labels import Lang, label
from ipkpi.views.readings import difference, provisional, reading, status_label
from ipkpi.views.report import report_row, target_name
from ipkpi.views.tasks import leads_of, state_text, task_title

# The statuses a brief names one by one under 进展滞后的指标, the worst first.
BEHIND = (Status.MISSED, Status.MOVING_AWAY, Status.BEHIND, Status.OVERSHOOT)


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """A target's figures by year and its target, to draw as a small trend ("chart")."""

    title: str
    points: tuple[tuple[int, float], ...]
    goal: float | None
    goal_label: str


@dataclass(frozen=True)
class Block:
    """A paragraph (``kind`` "text"), a heading within a section ("subheading"), a table,
    a trend ("chart"), or words the drafting office replaces ("placeholder")."""

    kind: str
    text: str = ""
    table: Table | None = None
    chart: Chart | None = None


@dataclass(frozen=True)
class Section:
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Brief:
    title: str  # the plan's title
    subtitle: str  # 实施情况总结评估报告 / 2025年度实施情况评估报告
    sections: tuple[Section, ...]


def brief_of(report: Report, lang: Lang = "zh", final: bool | None = None) -> Brief:
    """The brief of ``report``: a 总结评估 of the whole plan when ``final`` (by default, when
    the plan's window has ended by the report's as-of year), else that year's 年度评估."""
    plan, as_of = report.plan, report.assessment.as_of
    if final is None:
        final = as_of >= plan.target_year
    subtitle = label("brief.final", lang) if final else label("brief.year", lang, year=as_of)
    title = plan.title + (label("plan_draft", lang) if plan.draft else "")
    sections = (
        Section(label("brief.s1", lang), _overview(report, lang)),
        Section(label("brief.s2", lang), (Block("table", table=indicator_table(report, lang)),)),
        Section(label("brief.s3", lang), _behind(report, lang)),
        Section(label("brief.s4", lang), _tasks(report, lang)),
        Section(label("brief.s5", lang), (Block("placeholder", label("brief.s5.blank", lang)),)),
        Section(label("brief.sources", lang), _sources(report, lang)),
    )
    return Brief(title, subtitle, sections)


def _count(n: int, lang: Lang) -> str:
    return label("brief.n_items", lang, n=n)


def _overview(report: Report, lang: Lang) -> tuple[Block, ...]:
    assessment = report.assessment
    counts = assessment.counts()
    parts = [
        label("brief.count", lang, status=label(f"status.{s.value}", lang), n=_count(n, lang))
        for s in STATUS_ORDER
        if (n := counts.get(s, 0))
    ]
    sep = "、" if lang == "zh" else ", "
    blocks = [
        Block(
            "text",
            label(
                "brief.overview",
                lang,
                year=assessment.as_of,
                plan=report.plan.title,
                n=_count(len(assessment.results), lang),
                counts=sep.join(parts),
            ),
        )
    ]
    preliminary_years = sorted({a.latest.year for a in assessment.results if provisional(a)})
    if preliminary_years:
        years = sep.join(str(y) for y in preliminary_years)
        blocks.append(Block("text", label("brief.provisional", lang, years=years)))
    if report.tasks is not None and report.tasks.results:
        states = report.tasks.counts()
        parts = [
            label(
                "brief.count",
                lang,
                status=label(f"task_state.{s.value}", lang),
                n=_count(states[s], lang),
            )
            for s in TASK_STATE_ORDER
            if states.get(s)
        ]
        n = _count(len(report.tasks.results), lang)
        blocks.append(
            Block("text", label("brief.tasks_overview", lang, n=n, counts=sep.join(parts)))
        )
    return tuple(blocks)


INDICATOR_COLUMNS = ("number", "name", "unit", "baseline", "target", "actual", "standing", "lead")


def indicator_table(report: Report, lang: Lang) -> Table:
    """序号, 指标, 单位, 基期值, 目标值, the as-of figure, 完成情况, 牵头单位: a row a target, the
    figures as the report gives them (its baseline and latest cells, its requirement)."""
    header = tuple(
        label(f"brief.col.{c}", lang, year=report.assessment.as_of) for c in INDICATOR_COLUMNS
    )
    rows = []
    for n, a in enumerate(report.results, 1):
        row = report_row(a, lang)  # the report's own cells: never other figures
        lead = ("、" if lang == "zh" else ", ").join(leads_of(a.target, lang))
        cells = (row["name"], row["unit"], row["baseline"], row["target"], row["actual"])
        rows.append((str(n), *cells, standing(a, lang), lead))
    return Table(header, tuple(rows))


def standing(a: Assessment, lang: Lang) -> str:
    """完成情况: the status as the report labels it, and what is still short where it falls
    short (in 个百分点 for a share)."""
    text = status_label(a, lang)
    if a.status in (Status.MISSED, Status.BEHIND, Status.MOVING_AWAY, Status.MODERATE) and (
        a.gap is not None and a.gap > 0
    ):
        short = difference(a.gap, a.target.unit, lang)
        text += label("brief.short", lang, gap=short)
    return text


def _behind(report: Report, lang: Lang) -> tuple[Block, ...]:
    order = {s: i for i, s in enumerate(BEHIND)}
    behind = sorted((a for a in report.results if a.status in order), key=lambda a: order[a.status])
    if not behind:
        return (Block("text", label("brief.none_behind", lang)),)
    blocks: list[Block] = []
    for n, a in enumerate(behind, 1):
        leads = ("、" if lang == "zh" else ", ").join(leads_of(a.target, lang))
        blocks.append(
            Block("subheading", label("brief.item", lang, n=n, name=target_name(a, lang)))
        )
        blocks.append(
            Block("text", label("brief.reading", lang, reading=reading(a, lang), leads=leads))
        )
        chart = _chart(a, lang)
        if chart is not None:
            blocks.append(Block("chart", chart=chart))
    return tuple(blocks)


def _chart(a: Assessment, lang: Lang) -> Chart | None:
    """The figures of a target by year (two at least), its target where it is in the same
    unit as they are (a growth rate's is not)."""
    points = tuple((p.year, p.value) for p in a.series)
    if len(points) < 2:
        return None
    t = a.target
    unit = t.series_unit_or_unit
    goal = t.value if unit == t.unit else None
    name = target_name(a, lang)
    title = f"{name}（{unit}）" if lang == "zh" else f"{name} ({unit})"
    return Chart(title, points, goal, label("brief.chart.goal", lang, year=t.target_year))


def _tasks(report: Report, lang: Lang) -> tuple[Block, ...]:
    if report.tasks is None or not report.tasks.results:
        return (Block("text", label("brief.no_tasks", lang)),)
    order = {s: i for i, s in enumerate(TASK_STATE_ORDER)}
    listed = sorted(report.tasks.results, key=lambda t: order[t.state])
    sep = "、" if lang == "zh" else ", "
    return tuple(
        Block(
            "text",
            label(
                "brief.task",
                lang,
                n=n,
                title=task_title(t.task, lang),
                state=state_text(t, lang),
                leads=sep.join(leads_of(t.task, lang)),
            ),
        )
        for n, t in enumerate(listed, 1)
    )


def _sources(report: Report, lang: Lang) -> tuple[Block, ...]:
    """Each data file by its name (no machine path), the sheets its figures came from and
    their vintage where marked."""
    sheets: dict[str, dict[str, None]] = {}
    vintages: dict[str, Counter] = {}
    for o in report.observations:
        name = PurePath(o.path).name
        if o.sheet:
            sheets.setdefault(name, {})[o.sheet] = None
        if o.vintage:
            vintages.setdefault(name, Counter())[o.vintage] += 1
    blocks = []
    sep = "、" if lang == "zh" else ", "
    for f in report.sources:
        name = PurePath(f.path).name
        words = [name]
        if sheets.get(name):
            words.append(label("brief.sheets", lang, sheets=sep.join(sorted(sheets[name]))))
        if vintages.get(name):
            marked = sep.join(label(f"brief.vintage.{v}", lang) for v in vintages[name])
            words.append(label("brief.vintages", lang, vintages=marked))
        blocks.append(Block("text", ("；" if lang == "zh" else "; ").join(words)))
    if not blocks:
        blocks.append(Block("text", label("brief.no_sources", lang)))
    return tuple(blocks)
