"""What each phase of ``ipkpi ingest`` costs on one workbook, in one process: the
catalogue, the file's hash, the pre-read checks (one pass over the archive), calamine's
read, finding the tables, resolving the values, judging them, and the write. The README's
performance section records its output for the benchmark's largest workbooks.

    python benchmarks/phases.py BOOK CATALOGUE [--markdown]

Each phase is the library call ingest makes (``ipkpi.ingest.ingester``), timed with the
collector paused as ingest pauses it, into a fresh store beside BOOK; the peak resident
memory is read after each phase.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import hashlib
import resource
import sys
import tempfile
import time
from pathlib import Path


def phases(book: Path, catalogue_dir: Path) -> list[tuple[str, float, float]]:
    """(phase, seconds, peak MB after it) of ingesting ``book``."""
    found: list[tuple[str, float, float]] = []
    started = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal started
        now = time.perf_counter()
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        found.append((name, now - started, peak))
        started = now

    from ipkpi.catalogue.loader import load_catalogue
    from ipkpi.ingest import guards, ingester, reading
    from ipkpi.ingest.report import FileReport, IngestOptions
    from ipkpi.ingest.resolve import Resolver
    from ipkpi.store.sqlite import SQLiteStore

    lap("start-up (imports)")
    catalogue = load_catalogue(catalogue_dir)
    lap("catalogue")
    data = book.read_bytes()
    sha256 = hashlib.sha256(data).hexdigest()
    lap("read and hash the file")
    gc.disable()
    _, marks = guards.inspect_workbook(book)
    lap("pre-read checks and marks")
    sheets = reading._read_workbook(book)
    if marks is not None:
        reading._apply_marks(marks.result(), sheets)
    lap("python-calamine read")
    options = IngestOptions()
    report = FileReport(book, "rejected", sha256)
    tables = ingester._read_sheets(sheets, book, options, report, dt.date.today())
    lap("tables and rows")
    resolver = Resolver(catalogue, options, book)
    values, confirmed = ingester._file_values(tables.tables, resolver, options, report, book)
    lap("values resolved and checked")
    with tempfile.TemporaryDirectory() as folder, SQLiteStore(Path(folder) / "s.db") as store:
        stored = ingester._stored_series(store)
        ingester._judge(values, resolver.targets, confirmed, stored, report, book)
        lap("plausibility")
        store.write_file(book.resolve(), sha256, len(data), values)
        lap("write (one transaction)")
    gc.enable()
    if report.problems:
        raise SystemExit(f"{book}: {len(report.problems)} problems")
    return found


def table(rows: list[tuple[str, float, float]], markdown: bool) -> str:
    total = sum(s for _, s, _ in rows)
    lines = []
    if markdown:
        lines += ["| phase | s | share | peak MB |", "|---|---:|---:|---:|"]
    for name, seconds, peak in rows:
        cells = (name, f"{seconds:.2f}", f"{seconds / total:.0%}", f"{peak:.0f}")
        lines.append("| " + " | ".join(cells) + " |" if markdown else "  ".join(cells))
    lines.append(f"| total | {total:.2f} | | |" if markdown else f"total  {total:.2f}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("book", type=Path)
    parser.add_argument("catalogue", type=Path)
    parser.add_argument("--markdown", action="store_true")
    args = parser.parse_args(argv)
    print(table(phases(args.book.resolve(), args.catalogue.resolve()), args.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())
