"""A regression guard on ingest's memory, not a timing test: ingesting a 200,000-cell
workbook (wide layout, 40 places × 100 indicators × 50 years) in a fresh process stays
under a fixed peak resident size. The bound is where ingest stands now with room to spare
(about 190 MB measured); issue 22's streaming ingest is to bring it down, and this bound
with it."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import REPO

PEAK_MB = 256


def test_ingesting_a_200k_cell_workbook_stays_under_a_fixed_peak(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    import inputs

    catalogue = inputs.write_catalogue(tmp_path / "cat", 40)
    book = inputs.write_workbook(tmp_path / "wide.xlsx", "wide", 40)
    assert inputs.cells("wide", 40) == 212_053
    argv = [sys.executable, "-m", "ipkpi", "ingest", str(book), "--db", str(tmp_path / "s.db")]
    with open(tmp_path / "out", "wb") as out, open(tmp_path / "err", "wb") as err:
        child = subprocess.Popen(
            [*argv, "--targets", str(catalogue), "--lang", "en"],
            stdout=out,
            stderr=err,
            env={**os.environ, "IPKPI_CACHE": "off"},
        )
        _, status, usage = os.wait4(child.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, (tmp_path / "err").read_text()
    summary = (tmp_path / "out").read_text(encoding="utf-8").splitlines()[-1]
    assert summary.startswith("1 file(s): 1 ingested"), summary
    peak_mb = usage.ru_maxrss / 1024  # KiB on Linux
    assert peak_mb < PEAK_MB, f"ingest peaked at {peak_mb:.0f} MB"
