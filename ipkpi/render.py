"""Turn plain rows and documents into text: rich tables on a terminal, tabulate
elsewhere (no colour codes, Chinese aligned by display width), CSV and JSON.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from ipkpi.labels import Lang, label


def to_json(document: Any) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def to_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else row[k] for k in columns})
    return out.getvalue()


def to_markdown(rows: list[dict[str, str]], columns: Sequence[str], lang: Lang) -> str:
    return _tabulate(rows, columns, lang, "pipe")


def to_plain(rows: list[dict[str, str]], columns: Sequence[str], lang: Lang) -> str:
    return _tabulate(rows, columns, lang, "simple")


def _tabulate(rows: list[dict[str, str]], columns: Sequence[str], lang: Lang, fmt: str) -> str:
    from tabulate import tabulate

    headers = [label(c, lang) for c in columns]
    body = [[row.get(c, "") for c in columns] for row in rows]
    return tabulate(body, headers=headers, tablefmt=fmt, disable_numparse=True) + "\n"


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
) -> None:
    """A rich table on the terminal, with a section per group."""
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
        table.add_row(*[escape(row.get(c, "")) for c in shown])
    Console().print(table)
