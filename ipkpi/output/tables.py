"""Rows and documents as text: JSON, CSV, plain aligned tables (no colour codes, Chinese
aligned by display width) and Markdown pipe tables.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from ipkpi.labels import Lang, label
from ipkpi.output.textwidth import display_width, pad
from ipkpi.textsafe import csv_cell


def to_json(document: Any) -> str:
    return to_json_bytes(document).decode()


def to_json_bytes(document: Any) -> bytes:
    """Indented UTF-8 JSON, with a final newline. orjson: the standard library's encoder
    falls back to pure Python when it indents, 20× slower on the report of every place."""
    import orjson

    return orjson.dumps(document, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS) + b"\n"


def to_csv(rows: Iterable[dict[str, Any]], columns: Sequence[str]) -> str:
    """Rows as CSV; text that a spreadsheet could take for a formula gets a leading ``'``
    (ipkpi.textsafe.csv_cell), numbers are written as they are."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if row.get(k) is None else csv_cell(row[k]) for k in columns})
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
