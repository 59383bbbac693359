"""Printing a command's answer in the format asked for, in one place, and the --fail-on
contract (exit status 3).

``emit`` takes the answer's views lazily (only the chosen one is built): the JSON
document, the CSV rows, and for the table formats either titled tables (``Table``) or the
command's own text and terminal drawing. On a terminal tables are drawn by rich, fitted to
its width (in colour unless NO_COLOR is set); elsewhere they are plain aligned text, so a
pipe or cron gets plain text.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import typer

from ipkpi.cli.options import OutputFormat, Shown

Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Table:
    """Rows under an optional title, grouped by one column, with notes below."""

    rows: Rows
    columns: Sequence[str]
    title: str | None = None
    group: str | None = None
    notes: Sequence[str] = ()


def is_terminal() -> bool:
    """Rich tables fitted to the width on a terminal (without colour when NO_COLOR is set:
    that is ``output.terminal.console``'s concern); plain text in a pipe or cron."""
    return sys.stdout.isatty()


def emit(
    shown: Shown,
    *,
    document: Callable[[], Any],
    csv: Callable[[], tuple[Rows, Sequence[str]]],
    tables: Callable[[], Sequence[Table]] | None = None,
    text: Callable[[bool], str] | None = None,
    draw: Callable[[], None] | None = None,
) -> None:
    """Print the answer: ``document()`` as JSON, ``csv()`` as CSV; for markdown and table,
    ``tables()``, or else ``text(markdown)`` — and ``draw()`` instead on a terminal, all in
    the format and language ``shown`` asks for."""
    from ipkpi.output import tables as out

    format, lang = shown.format, shown.lang
    if format is OutputFormat.json:
        typer.echo(out.to_json(document()), nl=False)
    elif format is OutputFormat.csv:
        rows, columns = csv()
        typer.echo(out.to_csv(rows, columns), nl=False)
    elif tables is not None:
        _echo_tables(tables(), format is OutputFormat.markdown, lang)
    elif format is OutputFormat.markdown or draw is None or not is_terminal():
        assert text is not None
        typer.echo(text(format is OutputFormat.markdown), nl=False)
    else:
        draw()


def _echo_tables(tables: Sequence[Table], markdown: bool, lang: str) -> None:
    from ipkpi.output import tables as out

    if not markdown and is_terminal():
        from ipkpi.output.terminal import console, print_rich_table, say

        for t in tables:
            print_rich_table(t.rows, t.columns, lang, title=t.title, group_by=t.group)
            for note in t.notes:
                say(console(), note)
        return
    texts = []
    for t in tables:
        rows = out.grouped(t.rows, t.group) if t.group else t.rows
        body = (out.to_markdown if markdown else out.to_plain)(rows, t.columns, lang)
        if t.title is None:
            texts.append(body)
            continue
        bullet = "- " if markdown else ""
        notes = "".join(f"\n{bullet}{n}" for n in t.notes) + ("\n" if t.notes else "")
        texts.append(f"{'## ' if markdown else ''}{t.title}\n\n{body}{notes}")
    if texts:
        typer.echo("\n".join(texts), nl=False)


def fail_on_line(hits: Sequence[tuple[str, str]]) -> str:
    """``--fail-on: 2 target(s) with status behind, missed: a, b`` (``--fail-on：2项目标的
    状态为 behind、missed：a、b``) from (item, status); tasks (status overdue) are counted
    apart: ``… and 3 task(s) overdue: …``. In the language of the run."""
    from ipkpi.messages import say

    targets = [status for _, status in hits if status != "overdue"]
    parts = []
    if targets:
        statuses = sorted(set(targets))
        parts.append(say("cli.fail_on.targets", n=len(targets), statuses=statuses))
    if len(targets) < len(hits):
        parts.append(say("cli.fail_on.tasks", n=len(hits) - len(targets)))
    what = say("cli.fail_on.and").join(parts)
    return say("cli.fail_on", what=what, items=[item for item, _ in hits])


def exit_failing(hits: Sequence[tuple[str, str]]) -> None:
    """The --fail-on contract: with any hit, say which on stderr and exit with status 3."""
    if hits:
        typer.echo(fail_on_line(hits), err=True)
        raise typer.Exit(3)


def drawing(name: str) -> Callable[..., None]:
    """``ipkpi.output.terminal``'s drawing ``name``, imported only when a terminal shows
    it: a pipe or cron job gets plain text and never loads the terminal layout."""
    from ipkpi.output import terminal

    return getattr(terminal, name)
