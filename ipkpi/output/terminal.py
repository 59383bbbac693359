"""Turn plain rows and documents into text: rich tables on a terminal, plain aligned
tables elsewhere (no colour codes, Chinese aligned by display width), Markdown, CSV and JSON.
"""

from __future__ import annotations

import csv
import io
import logging
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ipkpi.labels import Lang, label
from ipkpi.output.textwidth import display_width, pad


def to_json(document: Any) -> str:
    return to_json_bytes(document).decode()


def to_json_bytes(document: Any) -> bytes:
    """Indented UTF-8 JSON, with a final newline. orjson: the standard library's encoder
    falls back to pure Python when it indents, 20× slower on the report of every place."""
    import orjson

    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS) + b"\n"


def to_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else row[k] for k in columns})
    return out.getvalue()


def to_markdown(rows: list[dict[str, str]], columns: Sequence[str], lang: Lang) -> str:
    return pipe_table(*_cells(rows, columns, lang))


def to_plain(rows: list[dict[str, str]], columns: Sequence[str], lang: Lang) -> str:
    return plain_table(*_cells(rows, columns, lang))


def pipe_table(headers: list[str], body: list[list[str]]) -> str:
    """A pipe table (GitHub Markdown), every column left-aligned."""
    widths = _widths(headers, body)
    rule = (":" + "-" * (w + 1) if body else "-" * (w + 2) for w in widths)
    lines = [_pipe_row(headers, widths), "|" + "|".join(rule) + "|"]
    lines += [_pipe_row(row, widths) for row in body]
    return "\n".join(lines) + "\n"


def plain_table(headers: list[str], body: list[list[str]]) -> str:
    """Columns two spaces apart under a dashed rule, aligned by display width."""
    widths = _widths(headers, body)
    lines = [_plain_row(headers, widths), "  ".join("-" * w for w in widths)]
    lines += [_plain_row(row, widths) for row in body]
    return "\n".join(lines) + "\n"


# The plain and Markdown tables are laid out as tabulate lays out its "simple" and "pipe"
# formats (a header is at least two columns wider than its text), without its import cost.


def _cells(rows, columns, lang) -> tuple[list[str], list[list[str]]]:
    headers = [label(c, lang) for c in columns]
    body = [[_one_line(row.get(c, "")) for c in columns] for row in rows]
    return headers, body


def _one_line(value: object) -> str:
    return " ".join(str("" if value is None else value).split("\n")).strip()


def _widths(headers: list[str], body: list[list[str]]) -> list[int]:
    return [
        max([display_width(h.strip()) + 2] + [display_width(row[i]) for row in body])
        for i, h in enumerate(headers)
    ]


def _plain_row(cells: list[str], widths: list[int]) -> str:
    return "  ".join(pad(c, w) for c, w in zip(cells, widths, strict=True)).rstrip()


def _pipe_row(cells: list[str], widths: list[int]) -> str:
    return "| " + " | ".join(pad(c, w) for c, w in zip(cells, widths, strict=True)) + " |"


def grouped(rows: list[dict[str, str]], key: str) -> list[dict[str, str]]:
    """Blank the group column after a group's first row, so groups read as sections."""
    out, previous = [], None
    for row in rows:
        shown = dict(row)
        if row[key] == previous:
            shown[key] = ""
        previous = row[key]
        out.append(shown)
    return out


def print_rich_table(
    rows: list[dict[str, str]],
    columns: Sequence[str],
    lang: Lang,
    title: str | None = None,
    group_by: str | None = None,
    caption: str | None = None,
    cell_style: Callable[[str, dict[str, str]], str | None] | None = None,
) -> None:
    """A rich table on the terminal, with a section per group; ``cell_style(column, row)``
    may colour a cell."""
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    shown = [c for c in columns if c != group_by]
    table = Table(title=title, caption=caption, show_lines=False, header_style="bold")
    for column in shown:
        table.add_column(label(column, lang), overflow="fold")
    previous = None
    for row in rows:
        if group_by and row[group_by] != previous:
            if previous is not None:
                table.add_section()
            table.add_row(f"[bold cyan]{escape(row[group_by])}[/]", *[""] * (len(shown) - 1))
            previous = row[group_by]
        cells = []
        for c in shown:
            text = escape(row.get(c, ""))
            style = cell_style(c, row) if cell_style else None
            cells.append(f"[{style}]{text}[/]" if style and text else text)
        table.add_row(*cells)
    Console().print(table)


@contextmanager
def file_progress(total: int, enabled: bool) -> Iterator[Callable[[object], None]]:
    """A progress bar over files on stderr when it is a terminal; nothing otherwise (cron)."""
    if not enabled or total < 2:
        yield lambda _path: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as progress:
        task = progress.add_task("ingest", total=total)
        started = False

        def advance(path: object) -> None:
            nonlocal started
            if started:
                progress.advance(task)
            started = True
            progress.update(task, description=f"ingest {getattr(path, 'name', path)}")

        yield advance


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def kept_text(k) -> str:
    """A figure kept as not current (``ipkpi.store.sqlite.Kept``), in words: ``nanjing … 2023: 60.5
    (快报) kept in the history; the 正式 figure 60.86 from FILE stays current``."""
    from ipkpi.errors import display_path
    from ipkpi.store.vintage import word

    return (
        f"{k.city} {k.target_id} {k.year}: {_n(k.value)} ({word(k.vintage)}) kept in the "
        f"history; the {word(k.current_vintage)} figure {_n(k.current)} from "
        f"{display_path(Path(k.current_path))} stays current"
    )


def _kept_count(n: int) -> str:
    """``, 2 kept as not current``; nothing when none were, so such output is as before."""
    return f", {n} kept as not current" if n else ""


def ingest_lines(report, dry_run: bool = False) -> list[str]:
    """What an ingest did, a line per file, then revisions, figures kept as not current
    and a summary line."""
    from ipkpi.errors import display_path

    lines = []
    kept_in_all = 0
    for f in report.files:
        kept = f.kept
        kept_in_all += len(kept)
        name = display_path(f.path)
        if f.status == "already":
            lines.append(f"already   {name}: ingested before, nothing new")
        elif f.status == "rejected":
            lines.append(f"rejected  {name}: {len(f.problems)} problem(s), nothing stored")
        elif f.status == "skipped":
            lines.append(f"skipped   {name}: claims for ipkpi rewards, not statistics")
        else:
            verb = "checked " if f.status == "checked" else "ingested"
            read = f"{f.values} values" + (f" and {f.tasks} task report(s)" if f.tasks else "")
            revised = len(f.revisions) + len(f.task_changes)
            detail = f"{read}: {f.new} new, {revised} revised, {f.unchanged} unchanged"
            detail += _kept_count(len(kept))
            if f.missing:
                detail += f"; {f.missing} missing"
            if f.unmatched:
                detail += f"; {len(f.unmatched)} unmatched row(s)"
            lines.append(f"{verb}  {name} ({', '.join(f.layouts)}): {detail}")
        for r in f.revisions:
            lines.append(
                f"  revised {r.city} {r.target_id} {r.year}: {_n(r.old)} → {_n(r.new)} "
                f"{r.unit} (was from {display_path(Path(r.old_path))})"
            )
        for c in f.task_changes:
            old = c.old + (f" {c.old_completed}" if c.old_completed else "")
            new = c.new + (f" {c.new_completed}" if c.new_completed else "")
            lines.append(
                f"  revised {c.city} {c.task_id}: {old} → {new} "
                f"(was from {display_path(Path(c.old_path))})"
            )
        lines += [f"  not current: {kept_text(k)}" for k in kept]
    counts = {
        s: sum(1 for f in report.files if f.status == s)
        for s in ("ingested", "checked", "already", "rejected", "skipped")
    }
    new = sum(f.new for f in report.files)
    revised = len(report.revisions) + sum(len(f.task_changes) for f in report.files)
    summary = (
        f"{len(report.files)} file(s): {counts['ingested']} ingested, "
        f"{counts['already']} already ingested, {counts['rejected']} rejected; "
        f"{new} new value(s), {revised} revised"
    )
    if counts["skipped"]:
        summary = summary.replace(" rejected;", f" rejected, {counts['skipped']} skipped;")
    if dry_run:
        summary = (
            f"dry run, nothing written: {len(report.files)} file(s): "
            f"{counts['checked']} would be ingested, {counts['already']} already "
            f"ingested, {counts['rejected']} rejected; {new} new value(s), {revised} revised"
        )
    lines.append(summary + _kept_count(kept_in_all))
    return lines


def ingest_problem_lines(report) -> list[str]:
    lines = []
    for f in report.files:
        lines += [f"Error: {p}" for p in f.problems]
        lines += [f"Warning: {u}" for u in f.unmatched if f.status != "rejected"]
        lines += [f"Warning: {w}" for w in f.warnings]
    return lines


# --- the gap report ----------------------------------------------------------------------------

STATUS_STYLES = {
    "met": "bold green",
    "achieved": "green",
    "on_track": "green",
    "moderate": "yellow",
    "behind": "dark_orange",
    "moving_away": "bold red",
    "missed": "bold red",
    "no_data": "dim",
}


def _status_style(column: str, row: dict[str, str]) -> str | None:
    return STATUS_STYLES.get(row.get("status_code", "")) if column == "status" else None


def report_title(report, lang: Lang) -> str:
    plan = report.plan
    from ipkpi.views.catalogue import plan_heading

    text = plan_heading(plan, lang)
    return f"{text} · {label('as_of', lang, year=report.assessment.as_of)}"


def report_notes(results, lang: Lang) -> list[str]:
    """A line per target: its reading, then its warnings."""
    from ipkpi.assess.report import note_text, reading, target_name

    lines = []
    for a in results:
        lines.append(f"{target_name(a, lang)}{'：' if lang == 'zh' else ': '}{reading(a, lang)}")
        lines += [f"  {label('warning', lang)}{note_text(n, a, lang)}" for n in a.notes]
    return lines


def print_report(report, results, columns, lang: Lang, group_by: str, summary: str) -> None:
    from rich.console import Console
    from rich.markup import escape

    from ipkpi.assess.report import report_row

    rows = [report_row(a, lang, group_by) for a in results]
    print_rich_table(
        rows,
        columns,
        lang,
        title=report_title(report, lang),
        group_by=group_by,
        cell_style=_status_style,
    )
    console = Console()
    console.print(escape(summary), highlight=False)
    console.print()
    for line in report_notes(results, lang):
        console.print(escape(line), style="dim" if line.startswith("  ") else None, highlight=False)


def report_plain(report, results, columns, lang: Lang, group_by: str, summary: str) -> str:
    from ipkpi.assess.report import report_row

    rows = grouped([report_row(a, lang, group_by) for a in results], group_by)
    table = to_plain(rows, columns, lang)
    notes = "\n".join(report_notes(results, lang))
    return f"{report_title(report, lang)}\n\n{table}\n{summary}\n\n{notes}\n"


def report_markdown(report, results, columns, lang: Lang, group_by: str, summary: str) -> str:
    from ipkpi.assess.report import report_row

    rows = grouped([report_row(a, lang, group_by) for a in results], group_by)
    table = to_markdown(rows, columns, lang)
    notes = "\n".join(
        f"- {line}" if not line.startswith("  ") else f"  - {line.strip()}"
        for line in report_notes(results, lang)
    )
    return (
        f"## {report_title(report, lang)}\n\n{table}\n{summary}\n\n"
        f"### {label('readings', lang)}\n\n{notes}\n"
    )


# --- tasks -------------------------------------------------------------------------------------

TASK_STATE_STYLES = {
    "overdue": "bold red",
    "done_late": "yellow",
    "open": "",
    "ongoing": "cyan",
    "done_on_time": "green",
}


def tasks_title(assessment, lang: Lang) -> str:
    from ipkpi.views.catalogue import plan_heading

    heading = plan_heading(assessment.plan, lang)
    return f"{heading} · {label('tasks.title', lang)} · {assessment.as_of.isoformat()}"


def _task_rows(assessment, lang: Lang, by_lead: bool) -> tuple[list[dict], list[str], str | None]:
    from ipkpi.assess.tasks import TASK_COLUMNS, rows_by_lead, task_row

    if by_lead:
        rows = rows_by_lead(assessment.results, lang)
        columns = ["lead", *(c for c in TASK_COLUMNS if c != "lead")]
        return rows, columns, "lead"
    return [task_row(a, lang) for a in assessment.results], list(TASK_COLUMNS), None


def tasks_text(assessment, lang: Lang, by_lead: bool = False, markdown: bool = False) -> str:
    """The tasks as a plain or Markdown table under a title, with the summary line."""
    from ipkpi.assess.tasks import summary_line

    rows, columns, group = _task_rows(assessment, lang, by_lead)
    if group:
        rows = grouped(rows, group)
    title = tasks_title(assessment, lang)
    summary = summary_line(assessment, lang)
    if markdown:
        return f"## {title}\n\n{to_markdown(rows, columns, lang)}\n{summary}\n"
    return f"{title}\n\n{to_plain(rows, columns, lang)}\n{summary}\n"


def print_tasks(assessment, lang: Lang, by_lead: bool = False) -> None:
    from rich.console import Console
    from rich.markup import escape

    from ipkpi.assess.tasks import summary_line

    rows, columns, group = _task_rows(assessment, lang, by_lead)
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
    Console().print(escape(summary_line(assessment, lang)), highlight=False)


# --- rewards -----------------------------------------------------------------------------------


def rewards_title(result, lang: Lang) -> str:
    from ipkpi.views.catalogue import plan_heading

    return f"{plan_heading(result.plan, lang)} · {label('rewards.title', lang)}"


def rewards_summary(result, lang: Lang) -> str:
    from ipkpi.assess.rewards import money

    eligible = sum(1 for r in result.results if r.eligible)
    return label(
        "rewards.summary", lang, n=len(result.results), eligible=eligible, total=money(result.total)
    )


def rewards_text(result, lang: Lang, markdown: bool = False) -> str:
    """Each claim, then the totals by rule and overall, as plain or Markdown tables."""
    from ipkpi.assess.rewards import CLAIM_COLUMNS, TOTAL_COLUMNS, claim_row, total_rows

    rows = [claim_row(r, result.plan, lang) for r in result.results]
    table = to_markdown if markdown else to_plain
    claims = table(rows, CLAIM_COLUMNS, lang)
    totals = table(total_rows(result, lang), TOTAL_COLUMNS, lang)
    title = rewards_title(result, lang)
    head = f"## {title}" if markdown else title
    return f"{head}\n\n{claims}\n{totals}\n{rewards_summary(result, lang)}\n"


def print_rewards(result, lang: Lang) -> None:
    from rich.console import Console
    from rich.markup import escape

    from ipkpi.assess.rewards import CLAIM_COLUMNS, TOTAL_COLUMNS, claim_row, total_rows

    no = label("no", lang)

    def style(column: str, row: dict[str, str]) -> str | None:
        if column == "eligible":
            return "red" if row["eligible"] == no else "green"
        return None

    rows = [claim_row(r, result.plan, lang) for r in result.results]
    print_rich_table(rows, CLAIM_COLUMNS, lang, title=rewards_title(result, lang), cell_style=style)
    print_rich_table(total_rows(result, lang), TOTAL_COLUMNS, lang)
    Console().print(escape(rewards_summary(result, lang)), highlight=False)


# --- logs of unattended runs ---------------------------------------------------------------

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(message)s"
LOG_DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
_LEVEL_COLOURS = {"WARNING": "\x1b[33m", "ERROR": "\x1b[31;1m", "DEBUG": "\x1b[2m"}


class _ColourFormatter(logging.Formatter):
    """Whole lines in the level's colour; used only on a terminal without NO_COLOR."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        colour = _LEVEL_COLOURS.get(record.levelname)
        return f"{colour}{text}\x1b[0m" if colour else text


@contextmanager
def run_logging(verbose: int, log_file: Path | None, terminal: bool, colour: bool):
    """Send the ``ipkpi`` loggers to stderr (warnings and errors only when not on a
    terminal, one level more per -v) and, when given, append to ``log_file`` (info and up,
    debug with -v). The handlers are removed afterwards."""
    logger = logging.getLogger("ipkpi")
    quiet = logging.INFO if terminal else logging.WARNING
    stderr_level = max(logging.DEBUG, quiet - 10 * verbose)
    handlers: list[logging.Handler] = []
    stream = logging.StreamHandler(sys.stderr)
    stream.setLevel(stderr_level)
    formatter = _ColourFormatter if colour else logging.Formatter
    stream.setFormatter(formatter(LOG_FORMAT, LOG_DATE_FORMAT))
    handlers.append(stream)
    if log_file is not None:
        try:
            to_file = logging.FileHandler(log_file, encoding="utf-8")
        except OSError as exc:
            from ipkpi.errors import UsageError

            raise UsageError(f"log_file: cannot write {log_file}: {exc.strerror}") from exc
        to_file.setLevel(min(logging.INFO, stderr_level))
        to_file.setFormatter(logging.Formatter(LOG_FORMAT, LOG_DATE_FORMAT))
        handlers.append(to_file)
    previous = logger.level
    logger.setLevel(min(h.level for h in handlers))
    for handler in handlers:
        logger.addHandler(handler)
    try:
        yield logger
    finally:
        for handler in handlers:
            logger.removeHandler(handler)
            handler.close()
        logger.setLevel(previous)
