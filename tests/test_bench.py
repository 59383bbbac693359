"""The benchmark script runs (smallest sizes, one run each), so it cannot rot. Speed itself
is never asserted here: `make bench` measures it."""

from __future__ import annotations

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
    lines = result.stdout.splitlines()
    assert lines[0].startswith("ipkpi benchmark: ")
    names = [re.split(r"\s{2,}", line.strip())[0] for line in lines[2:]]
    assert names == [
        "start-up",
        "python -c 'import typer'",
        "ipkpi --help",
        "ipkpi report --city nanjing",
        "ingest long 16k (15,005 cells)",
        "python-calamine bare read",
        "ipkpi ingest",
        "ipkpi ingest, context checks off",
        "pandas.read_excel(engine='openpyxl')",
        "ingest wide 16k (15,953 cells)",
        "python-calamine bare read",
        "ipkpi ingest",
        "ipkpi ingest, context checks off",
        "pandas.read_excel(engine='openpyxl')",
        "report (3,000 observations)",
        "ipkpi report, one place",
        "JSON report of every place (library, one process)",
        "export",
        "ipkpi export, 1 place",
        "ipkpi export, 3 places",
    ]
    measured = [line for line in lines[2:] if re.search(r"\d+\.\d{3}\s+\d+", line)]
    assert len(measured) == 15  # a median and a peak on every measurement line
