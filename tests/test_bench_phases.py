"""benchmarks/phases.py runs and names every phase of an ingest (its times are for the
README, never asserted here)."""

from __future__ import annotations

import re
import subprocess
import sys

from conftest import REPO


def test_the_phases_of_an_ingest_are_each_measured(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    import inputs

    catalogue = inputs.write_catalogue(tmp_path / "cat", 3)
    book = inputs.write_workbook(tmp_path / "wide.xlsx", "wide", 3)
    result = subprocess.run(
        [sys.executable, str(REPO / "benchmarks" / "phases.py"), str(book), str(catalogue)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [re.split(r"\s{2,}", line)[0] for line in lines] == [
        "start-up (imports)",
        "catalogue",
        "read and hash the file",
        "pre-read checks and marks",
        "python-calamine read",
        "tables and rows",
        "values resolved and checked",
        "plausibility",
        "write (one transaction)",
        "total",
    ]
    assert all(re.fullmatch(r".+  \d+\.\d\d  \d+%  \d+", line) for line in lines[:-1])
