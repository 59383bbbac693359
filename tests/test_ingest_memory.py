"""A regression guard on ingest's memory, not a timing test: ingesting a 200,000-cell
workbook (wide layout, 40 places × 100 indicators × 50 years) in a fresh process stays
under a fixed peak resident size. The bound is where ingest stands now with room to spare:
about 75 MB, the ingest process's own high-water mark (the 190 MB this test used to read
was partly the pytest process it was forked from, which ``os.wait4`` counts)."""

from __future__ import annotations

import os
import subprocess
import sys

from conftest import REPO

PEAK_MB = 128


def test_ingesting_a_200k_cell_workbook_stays_under_a_fixed_peak(tmp_path):
    sys.path.insert(0, str(REPO / "benchmarks"))
    import inputs

    catalogue = inputs.write_catalogue(tmp_path / "cat", 40)
    book = inputs.write_workbook(tmp_path / "wide.xlsx", "wide", 40)
    assert inputs.cells("wide", 40) == 212_053
    args = ["ingest", str(book), "--db", str(tmp_path / "s.db"), "--targets", str(catalogue)]
    peak = tmp_path / "peak"
    with open(tmp_path / "out", "wb") as out, open(tmp_path / "err", "wb") as err:
        child = subprocess.Popen(
            [sys.executable, "-c", PROBE, str(peak), *args, "--lang", "en"],
            stdout=out,
            stderr=err,
            env={**os.environ, "IPKPI_CACHE": "off"},
        )
        status = child.wait()
    assert status == 0, (tmp_path / "err").read_text()
    summary = (tmp_path / "out").read_text(encoding="utf-8").splitlines()[-1]
    assert summary.startswith("1 file(s): 1 ingested"), summary
    peak_mb = int(peak.read_text()) / 1024  # VmHWM, in kB
    assert peak_mb < PEAK_MB, f"ingest peaked at {peak_mb:.0f} MB"


# ipkpi in a process that writes its own peak resident size (VmHWM) to a file as it exits:
# the ru_maxrss of os.wait4 would count the pytest process it was forked from, which Linux
# keeps across the exec.
PROBE = """
import atexit, re, sys
def peak(path=sys.argv[1]):
    status = open("/proc/self/status").read()
    open(path, "w").write(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1))
atexit.register(peak)
from ipkpi.cli.app import main
sys.argv = ["ipkpi", *sys.argv[2:]]
main()
"""
