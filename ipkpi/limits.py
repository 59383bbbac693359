"""Every limit ipkpi puts on what it is given, in one table (README, "Limits").

Each is checked before the work it protects, in bounded time and memory, and refused with
a located error: the year options by the command line, the input files by
``ipkpi.ingest.guards`` before any reader runs, the catalogue's nesting by
``ipkpi.catalogue.plan_file`` before its TOML is parsed.
"""

from __future__ import annotations

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

# --- the catalogue ---
MAX_TOML_DEPTH = 32  # nested [ and { in a plan's TOML (tables and arrays)

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
    "MAX_TOML_DEPTH": MAX_TOML_DEPTH,
}
