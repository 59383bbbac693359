"""The plain and Markdown texts of a report, of tasks and of reward results: titled
tables with their summary lines and notes, as written to a file or a pipe.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ipkpi.assess.report import Report
from ipkpi.assess.results import Assessment
from ipkpi.assess.tasks import TasksAssessment
from ipkpi.labels import Lang, label
from ipkpi.output.tables import grouped, to_markdown, to_plain
from ipkpi.views.report import (
    plan_notes,
    report_columns,
    report_notes,
    report_row,
    report_title,
)
from ipkpi.views.report import summary_line as report_summary_line
from ipkpi.views.tasks import summary_line, tasks_table, tasks_title

if TYPE_CHECKING:
    from ipkpi.assess.collect import Collection
    from ipkpi.assess.rewards import RewardsResult


def report_plain(
    report: Report,
    results: Sequence[Assessment],
    columns: Sequence[str],
    lang: Lang,
    group_by: str,
    summary: str,
) -> str:
    """The report as plain text: its title, the targets' table grouped by ``group_by``, the
    summary line and the warnings that hold for the plan, then a reading per target with
    its own warnings."""
    rows = grouped([report_row(a, lang, group_by) for a in results], group_by)
    table = to_plain(rows, columns, lang)
    under = "".join(f"{line}\n" for line in plan_notes(results, lang))
    notes = "\n".join(report_notes(results, lang))
    return f"{report_title(report, lang)}\n\n{table}\n{summary}\n{under}\n{notes}\n"


def report_markdown(
    report: Report,
    results: Sequence[Assessment],
    columns: Sequence[str],
    lang: Lang,
    group_by: str,
    summary: str,
) -> str:
    """The report in Markdown: as ``report_plain``, the readings as a list under a heading."""
    rows = grouped([report_row(a, lang, group_by) for a in results], group_by)
    table = to_markdown(rows, columns, lang)
    notes = "\n".join(
        f"- {line}" if not line.startswith("  ") else f"  - {line.strip()}"
        for line in report_notes(results, lang)
    )
    under = "".join(f"\n{line}\n" for line in plan_notes(results, lang))
    return (
        f"## {report_title(report, lang)}\n\n{table}\n{summary}\n{under}\n"
        f"### {label('readings', lang)}\n\n{notes}\n"
    )


def tasks_text(
    assessment: TasksAssessment, lang: Lang, by_lead: bool = False, markdown: bool = False
) -> str:
    """The tasks as a plain or Markdown table under a title, with the summary line."""
    rows, columns, group = tasks_table(assessment, lang, by_lead)
    if group:
        rows = grouped(rows, group)
    title = tasks_title(assessment, lang)
    summary = summary_line(assessment, lang)
    if markdown:
        return f"## {title}\n\n{to_markdown(rows, columns, lang)}\n{summary}\n"
    return f"{title}\n\n{to_plain(rows, columns, lang)}\n{summary}\n"


def rewards_text(result: RewardsResult, lang: Lang, markdown: bool = False) -> str:
    """Each claim, then the totals by rule and overall, as plain or Markdown tables."""
    # Imported here: a report's start-up needs no rewards views.
    from ipkpi.views.rewards import (
        CLAIM_COLUMNS,
        TOTAL_COLUMNS,
        claim_row,
        rewards_summary,
        rewards_title,
        total_rows,
    )

    rows = [claim_row(r, result.plan, lang) for r in result.results]
    table = to_markdown if markdown else to_plain
    claims = table(rows, CLAIM_COLUMNS, lang)
    totals = table(total_rows(result, lang), TOTAL_COLUMNS, lang)
    title = rewards_title(result, lang)
    head = f"## {title}" if markdown else title
    return f"{head}\n\n{claims}\n{totals}\n{rewards_summary(result, lang)}\n"


def report_text(
    report: Report, shown: Sequence[Assessment], group_by: str, lang: Lang, markdown: bool = False
) -> str:
    """``ipkpi report`` as plain or Markdown text: the targets ``shown`` (no table for a plan
    of tasks only), then the plan's tasks."""
    text = ""
    if report.plan.targets:
        columns = report_columns(shown, group_by)
        summary = report_summary_line(report.assessment, lang, shown=len(shown))
        write = report_markdown if markdown else report_plain
        text = write(report, shown, columns, lang, group_by, summary)
    if report.tasks is not None:
        gap = "\n" if report.plan.targets else ""
        text += gap + tasks_text(report.tasks, lang, group_by == "lead", markdown=markdown)
    return text


def missing_text(collection: Collection, lang: Lang, markdown: bool = False) -> str:
    """The figures still missing: the summary line, then a table by lead unit, if any."""
    # Imported here: a report's start-up needs no missing-figure views.
    from ipkpi.views.missing import MISSING_COLUMNS, missing_rows, missing_summary

    rows = missing_rows(collection, lang)
    summary = missing_summary(collection, lang)
    if not rows:
        return f"{summary}\n" if not markdown else f"{summary}\n\n"
    write = to_markdown if markdown else to_plain
    table = write(grouped(rows, "lead"), MISSING_COLUMNS, lang)
    return f"{summary}\n\n{table}"
