"""The benchmark script runs (smallest sizes, one run each), so it cannot rot. Speed itself
is never asserted here: `make bench` measures it."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import REPO


def test_the_benchmark_runs_and_prints_every_measurement():
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "bench.py"), "--quick"],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    postgres = "PostgreSQL beside SQLite: skipped" not in result.stderr
    assert postgres or not os.environ.get("IPKPI_REQUIRE_POSTGRES"), result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("ipkpi benchmark: ")
    names = [re.split(r"\s{2,}", line.strip())[0] for line in lines[2:]]
    assert (
        names
        == [
            "start-up",
            "python -c 'import typer'",
            "ipkpi --help",
            "ipkpi report --city nanjing",
            "ingest long 16k (15,005 cells)",
            "floor (c): calamine + one loop + executemany",
            "python-calamine bare read (a)",
            "ipkpi ingest",
            "ipkpi ingest, context checks off",
            "pandas + calamine: read_excel, melt, to_sql",
            "pandas + openpyxl: read_excel, melt, to_sql",
            "ingest wide 16k (15,953 cells)",
            "floor (c): calamine + one loop + executemany",
            "python-calamine bare read (a)",
            "ipkpi ingest",
            "ipkpi ingest, context checks off",
            "pandas + calamine: read_excel, melt, to_sql",
            "pandas + openpyxl: read_excel, melt, to_sql",
            "run over an inbox of 5 workbooks (4,028 cells)",
            "floor (c), file by file",
            "ipkpi run",
            "report (3,000 observations)",
            "ipkpi report, one place",
            "JSON report of every place (library, one process)",
            "export",
            "ipkpi export, 1 place",
            "floor: xlsxwriter writes the same cells and charts",
            "ipkpi export, 3 places",
            *POSTGRES_LINES,
        ][: None if postgres else -len(POSTGRES_LINES)]
    )
    measured = [line for line in lines[2:] if re.search(r"\d+\.\d{3}\s+\d+", line)]
    assert len(measured) == (28 if postgres else 22)  # a median and a peak on every line


# Beside SQLite where a PostgreSQL server can be started (always in CI: IPKPI_REQUIRE_POSTGRES).
POSTGRES_LINES = [
    "ingest long on PostgreSQL (15,005 cells)",
    "ipkpi ingest, SQLite",
    "ipkpi ingest, PostgreSQL (COPY)",
    "ingest wide on PostgreSQL (15,953 cells)",
    "ipkpi ingest, SQLite",
    "ipkpi ingest, PostgreSQL (COPY)",
    "report, one place, on PostgreSQL",
    "ipkpi report, SQLite",
    "ipkpi report, PostgreSQL",
]


def test_the_alternatives_store_every_figure_ipkpi_stores(tmp_path):
    """The floor (c) and the pandas script do the same job as ipkpi ingest: every figure
    of the benchmark's workbooks, 3 places × 100 indicators × 10 years (long) or × 50 years
    (wide), stored once — so a ratio to them compares like with like."""
    import sqlite3

    sys.path.insert(0, str(REPO / "benchmarks"))
    import alternatives
    import inputs

    from ipkpi.catalogue.loader import load_catalogue
    from ipkpi.ingest.ingester import ingest_paths
    from ipkpi.store.sqlite import SQLiteStore

    catalogue = load_catalogue(inputs.write_catalogue(tmp_path / "cat", 3))
    for layout, figures in (("long", 3_000), ("wide", 15_000)):
        book = inputs.write_workbook(tmp_path / f"{layout}.xlsx", layout, 3)
        assert alternatives.floor(str(book), str(tmp_path / f"{layout}-floor.db")) == figures
        for engine in ("calamine", "openpyxl"):
            db = tmp_path / f"{layout}-{engine}.db"
            assert alternatives.pandas_script(engine, str(book), str(db)) == figures
            with sqlite3.connect(db) as con:
                assert con.execute("SELECT count(*) FROM obs").fetchone() == (figures,)
        with SQLiteStore(tmp_path / f"{layout}-ipkpi.db") as store:
            report = ingest_paths([book], catalogue, store)
        assert [f.status for f in report.files] == ["ingested"]
        assert report.files[0].new == figures
