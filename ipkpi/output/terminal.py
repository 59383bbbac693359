"""Rich drawing on the terminal: tables with a section per group and coloured cells, the
report, tasks and rewards with their summaries, a progress bar over files. rich is imported
inside the functions that draw.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ipkpi.assess.report import Report
from ipkpi.assess.results import Assessment
from ipkpi.assess.tasks import TasksAssessment
from ipkpi.labels import Lang, label
from ipkpi.messages import say as message
from ipkpi.output.layout import BORDER, DROP_ORDER, Column, fit, measure, wrap
from ipkpi.output.textwidth import display_width
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
    from rich.console import Console

    from ipkpi.assess.collect import Collection
    from ipkpi.assess.rewards import RewardsResult


def console(stderr: bool = False) -> Console:
    """A rich console for stdout (or stderr); without colour or styles when NO_COLOR is set."""
    from rich.console import Console

    if os.environ.get("NO_COLOR"):
        return Console(stderr=stderr, color_system=None, no_color=True)
    return Console(stderr=stderr)


def say(out: Console, line: str, style: str | None = None) -> None:
    """A line of text under a table, wrapped to the width only where it may break."""
    from rich.markup import escape

    out.print(escape(wrap(line, out.width)), style=style, highlight=False)


def print_rich_table(
    rows: list[dict[str, str]],
    columns: Sequence[str],
    lang: Lang,
    title: str | None = None,
    group_by: str | None = None,
    caption: str | None = None,
    cell_style: Callable[[str, dict[str, str]], str | None] | None = None,
) -> None:
    """A rich table on the terminal fitted to its width (``output.layout``), with a
    section per group; ``cell_style(column, row)`` may colour a cell."""
    from rich.markup import escape
    from rich.table import Table

    out = console()
    if out.width < NARROW and [c for c in columns if c != group_by][:1] == [STACKED]:
        print_stacked(out, rows, columns, lang, title, group_by, cell_style)
        return
    widths = fitted_widths(rows, [c for c in columns if c != group_by], lang, out.width)
    shown = list(widths)
    table_width = sum(widths.values()) + BORDER * len(widths) + 1
    title = wrap(title, table_width) if title else title
    table = Table(title=title, caption=caption, show_lines=False, header_style="bold")
    for column in shown:
        table.add_column(
            wrap(label(column, lang), widths[column]), width=widths[column], no_wrap=True
        )
    previous = None
    for row in rows:
        if group_by and row[group_by] != previous:
            if previous is not None:
                table.add_section()
            group = escape(wrap(row[group_by], widths[shown[0]]))
            table.add_row(f"[bold cyan]{group}[/]", *[""] * (len(shown) - 1))
            previous = row[group_by]
        cells = []
        for c in shown:
            text = escape(wrap(row.get(c, ""), widths[c]))
            style = cell_style(c, row) if cell_style else None
            cells.append(f"[{style}]{text}[/]" if style and text else text)
        table.add_row(*cells)
    out.print(table)


# Below this width a table that starts with names (the report's, the catalogue's) is drawn
# as one block per row: its name on a line of its own, its figures on the next, under one
# heading line.
NARROW = 100
STACKED = "name"
INDENT = 4


def print_stacked(
    out: Console,
    rows: list[dict[str, str]],
    columns: Sequence[str],
    lang: Lang,
    title: str | None,
    group_by: str | None,
    cell_style: Callable[[str, dict[str, str]], str | None] | None,
) -> None:
    """The narrow layout: a heading line of the figures' columns, then per group its name
    and a rule, per row its name (wrapped to the width) and its figures aligned under the
    headings — so no name is squeezed into a column and more columns fit."""
    from rich.markup import escape

    figures = [c for c in columns if c not in (group_by, STACKED)]
    widths = _unwrapped_widths(rows, figures, lang, out.width)
    if title:
        out.print(escape(wrap(title, out.width)), style="italic", highlight=False)
    heading = _figures_line({c: label(c, lang) for c in widths}, widths)
    out.print(heading, style="bold", highlight=False)
    if not group_by:
        out.print("─" * out.width, highlight=False)
    previous = None
    for row in rows:
        if group_by and row[group_by] != previous:
            out.print("─" * out.width, highlight=False)
            out.print(f"[bold cyan]{escape(wrap(row[group_by], out.width))}[/]", highlight=False)
            previous = row[group_by]
        name = wrap(row.get(STACKED, ""), out.width - 2)
        out.print(escape("\n".join("  " + line for line in name.split("\n"))), highlight=False)
        styles = {c: cell_style(c, row) for c in widths} if cell_style else {}
        out.print(_figures_line(row, widths, styles), highlight=False)
    out.print("─" * out.width, highlight=False)


def _unwrapped_widths(
    rows: list[dict[str, str]], columns: Sequence[str], lang: Lang, width: int
) -> dict[str, int]:
    """The figures' columns each as wide as its widest cell, dropping the least useful
    (``DROP_ORDER``) until they fit on one line; if they never do, fitted as a table's."""
    kept = _measured(rows, columns, lang)
    while INDENT + sum(c.most for c in kept) + 2 * (len(kept) - 1) > width:
        droppable = [c for c in kept if c.key in DROP_ORDER]
        if not droppable:
            # Separated by two spaces where a table has three of border and padding.
            return fit(kept, width - INDENT + len(kept) + 1)
        kept.remove(min(droppable, key=lambda c: DROP_ORDER.index(c.key)))
    return {c.key: c.most for c in kept}


def _figures_line(
    cells: dict[str, str], widths: dict[str, int], styles: dict[str, str | None] | None = None
) -> str:
    """The cells in their columns, each wrapped to its width, two spaces between, as rich
    markup: a cell with a style has it around its text."""
    from rich.markup import escape

    wrapped = {c: wrap(cells.get(c, ""), w).split("\n") for c, w in widths.items()}
    height = max(len(lines) for lines in wrapped.values())
    lines = []
    for i in range(height):
        parts = []
        for column, width in widths.items():
            text = wrapped[column][i] if i < len(wrapped[column]) else ""
            style = (styles or {}).get(column)
            shown = f"[{style}]{escape(text)}[/]" if style and text else escape(text)
            parts.append(shown + " " * (width - display_width(text)))
        lines.append((" " * INDENT + "  ".join(parts)).rstrip())
    return "\n".join(lines)


def fitted_widths(
    rows: list[dict[str, str]], columns: Sequence[str], lang: Lang, width: int
) -> dict[str, int]:
    """The columns that fit in ``width`` and their widths (see ``output.layout``)."""
    return fit(_measured(rows, columns, lang), width)


def _measured(rows: list[dict[str, str]], columns: Sequence[str], lang: Lang) -> list[Column]:
    """Each column's heading and cells measured (``output.layout.measure``)."""
    return [measure(c, label(c, lang), [r.get(c, "") for r in rows]) for c in columns]


@contextmanager
def file_progress(total: int, enabled: bool) -> Iterator[Callable[[object], None]]:
    """A progress bar over files on stderr when it is a terminal; nothing otherwise (cron)."""
    if not enabled or total < 2:
        yield lambda _path: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task(message("cli.progress.start"), total=total)
        started = False

        def advance(path: object) -> None:
            nonlocal started
            if started:
                progress.advance(task)
            started = True
            name = getattr(path, "name", path)
            progress.update(task, description=message("cli.progress.file", name=name))

        yield advance


STATUS_STYLES = {
    "met": "bold green",
    "achieved": "green",
    "on_track": "green",
    "moderate": "yellow",
    "behind": "dark_orange",
    "overshoot": "magenta",
    "moving_away": "bold red",
    "missed": "bold red",
    "awaiting_final": "cyan",
    "no_data": "dim",
}


def _status_style(column: str, row: dict[str, str]) -> str | None:
    return STATUS_STYLES.get(row.get("status_code", "")) if column == "status" else None


def print_report(
    report: Report,
    results: Sequence[Assessment],
    columns: Sequence[str],
    lang: Lang,
    group_by: str,
    summary: str,
) -> None:

    rows = [report_row(a, lang, group_by) for a in results]
    print_rich_table(
        rows,
        columns,
        lang,
        title=report_title(report, lang),
        group_by=group_by,
        cell_style=_status_style,
    )
    out = console()
    say(out, summary)
    for line in plan_notes(results, lang):
        say(out, line)
    out.print()
    for line in report_notes(results, lang):
        say(out, line, "dim" if line.startswith("  ") else None)


TASK_STATE_STYLES = {
    "overdue": "bold red",
    "done_late": "yellow",
    "open": "",
    "ongoing": "cyan",
    "done_on_time": "green",
}


def print_tasks(assessment: TasksAssessment, lang: Lang, by_lead: bool = False) -> None:

    rows, columns, group = tasks_table(assessment, lang, by_lead)
    states = {a.task.number: a.state.value for a in assessment.results}

    def style(column: str, row: dict[str, str]) -> str | None:
        return TASK_STATE_STYLES.get(states[row["number"]]) if column == "state" else None

    print_rich_table(
        rows,
        columns,
        lang,
        title=tasks_title(assessment, lang),
        group_by=group,
        cell_style=style,
    )
    say(console(), summary_line(assessment, lang))


def print_rewards(result: RewardsResult, lang: Lang) -> None:
    """Each claim, then the totals by rule, drawn by rich, under the overall total."""

    # Imported here: a report's start-up needs no rewards views.
    from ipkpi.views.rewards import (
        CLAIM_COLUMNS,
        TOTAL_COLUMNS,
        claim_row,
        rewards_summary,
        rewards_title,
        total_rows,
    )

    no = label("no", lang)

    def style(column: str, row: dict[str, str]) -> str | None:
        if column == "eligible":
            return "red" if row["eligible"] == no else "green"
        return None

    rows = [claim_row(r, result.plan, lang) for r in result.results]
    print_rich_table(rows, CLAIM_COLUMNS, lang, title=rewards_title(result, lang), cell_style=style)
    print_rich_table(total_rows(result, lang), TOTAL_COLUMNS, lang)
    say(console(), rewards_summary(result, lang))


def print_report_page(
    report: Report, shown: Sequence[Assessment], group_by: str, lang: Lang
) -> None:
    """``ipkpi report`` on a terminal: the targets ``shown`` (none for a plan of tasks
    only), then the plan's tasks."""
    # Imported here: a report's start-up needs no rewards or missing-figure views.

    if report.plan.targets:
        columns = report_columns(shown, group_by)
        summary = report_summary_line(report.assessment, lang, shown=len(shown))
        print_report(report, shown, columns, lang, group_by, summary)
    if report.tasks is not None:
        if report.plan.targets:
            sys.stdout.write("\n")
        print_tasks(report.tasks, lang, group_by == "lead")


def print_missing(collection: Collection, lang: Lang) -> None:
    """The figures still missing, by lead unit, under the summary line."""
    # Imported here: a report's start-up needs no missing-figure views.
    from ipkpi.views.missing import MISSING_COLUMNS, missing_rows, missing_summary

    rows = missing_rows(collection, lang)
    title = missing_summary(collection, lang)
    print_rich_table(rows, MISSING_COLUMNS, lang, title=title, group_by="lead")
