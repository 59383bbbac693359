"""Every limit ipkpi puts on what it is given, in one table (README, "Limits").

Each is checked before the work it protects, in bounded time and memory, and refused with
a located error: the year options by the command line, the input files by
``ipkpi.ingest.guards`` before any reader runs, the nesting of a catalogue file or a run
configuration by ``too_deep`` (below) before its TOML is parsed (tomllib recurses on it).
"""

from __future__ import annotations

import re

KiB = 1024
MiB = 1024 * KiB
GiB = 1024 * MiB

# --- options: every year an option takes (--as-of, --year, the year of tasks --as-of) ---
YEAR_MIN = 1900
YEAR_MAX = 2100

# --- an .xlsx workbook (a zip of XML parts) ---
MAX_PARTS = 10_000  # zip entries; a workbook has tens, a big one a few hundred
MAX_DIRECTORY_BYTES = 4 * MiB  # the zip central directory, read whole by zipfile
MAX_META_BYTES = 8 * MiB  # xl/workbook.xml and the .rels parts, parsed in memory
MAX_UNCOMPRESSED_BYTES = 256 * MiB  # all parts of a workbook together, as declared
MAX_PART_BYTES = 128 * MiB  # any single part
MAX_COMPRESSION_RATIO = 200  # per part, uncompressed/compressed, for parts over 1 MiB
RATIO_FROM_BYTES = 1 * MiB  # the ratio limit applies to parts bigger than this

# --- a sheet's used range (rows × columns from A1, found by streaming its XML) ---
MAX_ROWS = 1_048_576  # Excel's own limit
MAX_COLUMNS = 1_000  # column ALL
MAX_CELLS = 20_000_000  # one sheet's used-range area
MAX_WORKBOOK_CELLS = 30_000_000  # the used-range areas of all sheets of a workbook together

# --- input files by their size on disk (os.stat), before they are read whole (SHA-256) ---
MAX_XLSX_BYTES = 256 * MiB  # an .xlsx workbook (its parts decompress to no more in all)
MAX_XLS_BYTES = 64 * MiB  # a legacy .xls workbook
MAX_CSV_BYTES = 256 * MiB  # a CSV file

# --- a plan's text for ipkpi targets draft (.txt, .html, .docx, .pdf), by its size on disk ---
MAX_PLAN_SOURCE_BYTES = 64 * MiB  # a plan runs to a few MB even as a PDF with pictures

# --- the catalogue ---
MAX_TOML_DEPTH = 32  # nested [ and { in a catalogue file or ipkpi.toml (arrays, tables)

# The table README's "Limits" section gives, name → value (tests keep the two the same).
TABLE: dict[str, int] = {
    "YEAR_MIN": YEAR_MIN,
    "YEAR_MAX": YEAR_MAX,
    "MAX_PARTS": MAX_PARTS,
    "MAX_DIRECTORY_BYTES": MAX_DIRECTORY_BYTES,
    "MAX_META_BYTES": MAX_META_BYTES,
    "MAX_UNCOMPRESSED_BYTES": MAX_UNCOMPRESSED_BYTES,
    "MAX_PART_BYTES": MAX_PART_BYTES,
    "MAX_COMPRESSION_RATIO": MAX_COMPRESSION_RATIO,
    "MAX_ROWS": MAX_ROWS,
    "MAX_COLUMNS": MAX_COLUMNS,
    "MAX_CELLS": MAX_CELLS,
    "MAX_WORKBOOK_CELLS": MAX_WORKBOOK_CELLS,
    "MAX_XLSX_BYTES": MAX_XLSX_BYTES,
    "MAX_XLS_BYTES": MAX_XLS_BYTES,
    "MAX_CSV_BYTES": MAX_CSV_BYTES,
    "MAX_PLAN_SOURCE_BYTES": MAX_PLAN_SOURCE_BYTES,
    "MAX_TOML_DEPTH": MAX_TOML_DEPTH,
}


# What the depth count must see: brackets, and the strings and comments they may hide in.
_TOKEN = re.compile(r"""\"\"\"|'''|["'#\[\]{}\n]""")
_STRING_END = {
    '"': re.compile(r'(?:[^"\\\n]|\\.)*"'),
    "'": re.compile(r"[^'\n]*'"),
    '"""': re.compile(r'(?s)(?:\\.|[^\\])*?"""'),
    "'''": re.compile(r"(?s).*?'''"),
}


def too_deep(text: str, limit: int = MAX_TOML_DEPTH) -> tuple[int, int] | None:
    """(line, column) of the first [ or { nested more than ``limit`` deep, outside strings
    and comments; None when there is none. In one pass, in bounded memory, before any
    parser recurses into the nesting."""
    depth, pos, line, line_start = 0, 0, 1, 0
    while (token := _TOKEN.search(text, pos)) is not None:
        kind, start, pos = token[0], token.start(), token.end()
        if kind == "\n":
            line, line_start = line + 1, pos
        elif kind in "[{":
            depth += 1
            if depth > limit:
                return line, start - line_start + 1
        elif kind in "]}":
            depth = max(depth - 1, 0)
        elif kind == "#":
            end = text.find("\n", pos)
            pos = len(text) if end < 0 else end
        else:
            end = _STRING_END[kind].match(text, pos)
            if end is None:
                return None  # a string left open: the parser says where
            newlines = text.count("\n", pos, end.end())
            if newlines:
                line, line_start = line + newlines, text.rindex("\n", pos, end.end()) + 1
            pos = end.end()
    return None
