"""`ipkpi run` as cron runs it, in child processes: killed with SIGKILL mid-ingest and at
moments spread over a whole run, and started twice at once. The store must stay
consistent, every output must be the old file or the new one, and a rerun must end
where an uninterrupted run ends.

The pause inside a store transaction comes from tests/pausing_ipkpi.py, so the kill lands
inside a file's transaction every time rather than by luck.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and flock are POSIX")

SAMPLES = {
    "南京市知识产权主要指标.xlsx": 61,
    "石家庄市知识产权统计_2021-2025.csv": 66,
    "贵州省知识产权主要指标监测表.xlsx": 167,
}  # taken in this (name) order
PAUSING = REPO / "tests" / "pausing_ipkpi.py"
CONFIG = 'inbox = "inbox"\noutput = "out"\nsettle_seconds = 0\n'
WAIT = 60  # seconds a child may take before the test gives up on it
# The one line a quiet run prints when it takes Guizhou's file (a footnote mark, kept).
GUIZHOU_WARNING = (
    "WARNING inbox/贵州省知识产权主要指标监测表.xlsx › 监测表 › D8: footnote mark '*' after 0.93, "
    "stored as the 2020 value; see the sheet's notes"
)


def make_site(folder: Path, files=tuple(SAMPLES), config: str = CONFIG) -> Path:
    (folder / "inbox").mkdir(parents=True)
    for name in files:
        shutil.copy(REPO / "sample_data" / name, folder / "inbox" / name)
    (folder / "ipkpi.toml").write_text(config, encoding="utf-8")
    return folder


def ipkpi(folder: Path, *args: str, pause_after: int = 0, **popen) -> subprocess.Popen:
    env = dict(os.environ, NO_COLOR="1", PYTHONPATH=str(REPO), IPKPI_LANG="en")
    env.pop("IPKPI_DEBUG", None)
    if pause_after:
        env.update(
            IPKPI_PAUSE_AFTER=str(pause_after),
            IPKPI_PAUSED=str(folder / "paused"),
            IPKPI_GO=str(folder / "go"),
        )
    return subprocess.Popen(
        [sys.executable, str(PAUSING), *args],
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **popen,
    )


def finish(proc: subprocess.Popen) -> tuple[int, str, str]:
    out, err = proc.communicate(timeout=WAIT)
    return proc.returncode, out, err


def quiet(err: str, guizhou_taken: bool) -> bool:
    """A run with nothing wrong prints nothing, but the warning of Guizhou's file."""
    return [line[20:] for line in err.splitlines()] == ([GUIZHOU_WARNING] if guizhou_taken else [])


def run_ipkpi(folder: Path, *args: str) -> tuple[int, str, str]:
    return finish(ipkpi(folder, "run", *args))


def wait_for(path: Path) -> None:
    deadline = time.monotonic() + WAIT
    while not path.exists():
        assert time.monotonic() < deadline, f"{path.name} never appeared"
        time.sleep(0.02)


def kill(proc: subprocess.Popen, may_have_ended: bool = False) -> bool:
    """SIGKILL ``proc``; whether the signal killed it. With ``may_have_ended``, it may have
    finished on its own between a look at it and the signal (exit status 0)."""
    proc.send_signal(signal.SIGKILL)
    proc.communicate(timeout=WAIT)
    if may_have_ended and proc.returncode == 0:
        return False
    assert proc.returncode == -signal.SIGKILL
    return True


def store_rows(db: Path) -> dict[str, list[tuple]]:
    """What the store holds, without what differs from one site or run to another
    (ingestion times, the folder the files were in)."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        return {
            "files": conn.execute(
                "SELECT sha256, size FROM source_files ORDER BY sha256"
            ).fetchall(),
            "observations": conn.execute(
                "SELECT s.city, s.target_id, o.year, o.value, l.unit, l.plan_id, l.indicator, "
                "o.raw, l.raw_unit, l.sheet, o.row, o.col, o.cell, l.vintage, o.current, f.sha256 "
                "FROM observations o JOIN source_files f ON f.id = o.file_id "
                "JOIN series s ON s.id = o.key_id JOIN labels l ON l.id = o.label_id "
                "ORDER BY s.city, s.target_id, o.year, o.current, f.sha256"
            ).fetchall(),
        }
    finally:
        conn.close()


def assert_whole_files(db: Path) -> None:
    """Every file in the store has all its values, never a part of them."""
    import hashlib

    expected = {
        hashlib.sha256((REPO / "sample_data" / name).read_bytes()).hexdigest(): n
        for name, n in SAMPLES.items()
    }
    conn = sqlite3.connect(db)
    try:
        counts = conn.execute(
            "SELECT f.sha256, count(o.id) FROM source_files f "
            "LEFT JOIN observations o ON o.file_id = f.id GROUP BY f.sha256"
        ).fetchall()
    finally:
        conn.close()
    assert all(expected[sha] == n for sha, n in counts), counts


def report_figures(folder: Path) -> dict[str, object]:
    """Each city's latest JSON report, less its sources (paths and ingestion times)."""
    figures = {}
    for path in sorted((folder / "out").glob("*-latest.json")):
        if path.name == "run-latest.json":
            continue
        document = json.loads(path.read_text(encoding="utf-8"))
        document.pop("sources")
        figures[path.name] = document
    return figures


def outputs(folder: Path) -> dict[str, bytes]:
    """The output files, less the hidden temporary files a kill leaves (the next run
    removes them; nobody opens them)."""
    out = folder / "out"
    return {
        p.name: p.read_bytes()
        for p in sorted(out.iterdir())
        if p.is_file() and not p.name.endswith(".ipkpi.tmp")
    }


def assert_complete(name: str, data: bytes) -> None:
    """An output file that is whole: JSON that parses, a workbook whose zip checks."""
    if name.endswith(".json"):
        json.loads(data)
    else:
        assert name.endswith(".xlsx"), name
        import io

        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert archive.testzip() is None
            assert "xl/workbook.xml" in archive.namelist()


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    """The store and reports of one run that nobody interrupted."""
    site = make_site(tmp_path_factory.mktemp("reference"))
    status, out, err = run_ipkpi(site)
    assert (status, out) == (0, "")
    assert quiet(err, guizhou_taken=True), err
    return store_rows(site / "ipkpi.db"), report_figures(site)


def test_a_run_killed_inside_a_files_transaction_loses_nothing(tmp_path, uninterrupted):
    site = make_site(tmp_path)
    # Row 80 of 294 is the 19th of the second file (石家庄, 66 rows): its transaction is open.
    proc = ipkpi(site, "run", pause_after=80)
    wait_for(site / "paused")
    kill(proc)

    after_kill = store_rows(site / "ipkpi.db")
    assert_whole_files(site / "ipkpi.db")
    assert len(after_kill["files"]) == 1  # 南京's file, committed; 石家庄's rolled back
    assert len(after_kill["observations"]) == 61
    assert {row[0] for row in after_kill["observations"]} == {"nanjing"}
    assert not (site / "out").exists() or outputs(site) == {}
    assert sorted(p.name for p in (site / "inbox").iterdir()) == sorted(SAMPLES)

    status, out, err = run_ipkpi(site)
    assert (status, out) == (0, "")
    assert quiet(err, guizhou_taken=True), err
    assert store_rows(site / "ipkpi.db") == uninterrupted[0]
    assert report_figures(site) == uninterrupted[1]


def test_a_run_killed_at_any_moment_leaves_each_output_old_or_new(tmp_path, uninterrupted):
    # Old outputs from Nanjing's file alone; then the other two arrive and runs are killed at
    # moments spread over a whole run: ingest, the reports, the summary.
    site = make_site(tmp_path, files=["南京市知识产权主要指标.xlsx"])
    assert run_ipkpi(site)[0] == 0
    for name in list(SAMPLES)[1:]:
        shutil.copy(REPO / "sample_data" / name, site / "inbox" / name)
    old = outputs(site)

    probe = make_site(tmp_path / "probe")
    started = time.monotonic()
    assert run_ipkpi(probe)[0] == 0
    duration = time.monotonic() - started

    kills = 0
    for step in range(1, 11):
        proc = ipkpi(site, "run")
        time.sleep(duration * step / 10)
        if proc.poll() is None:
            kills += kill(proc, may_have_ended=True)  # it may end before the signal
        else:
            proc.communicate()
        store_rows(site / "ipkpi.db")  # consistent: integrity_check inside
        assert_whole_files(site / "ipkpi.db")
        for name, data in outputs(site).items():
            if old.get(name) != data:
                assert_complete(name, data)
        old = outputs(site)  # what the next kill must leave whole or replace whole
    assert kills >= 3

    status, out, err = run_ipkpi(site)
    assert (status, out) == (0, "")
    assert err == "" or quiet(err, guizhou_taken=True), err  # taken by now, or by this run
    assert store_rows(site / "ipkpi.db") == uninterrupted[0]
    assert report_figures(site) == uninterrupted[1]
    assert not list((site / "out").rglob("*.ipkpi.tmp"))


def test_a_second_run_waits_for_the_first_or_gives_up_cleanly(tmp_path, uninterrupted):
    site = make_site(tmp_path)
    first = ipkpi(site, "run", pause_after=80)
    wait_for(site / "paused")

    # One that will not wait long gives up, says why, and touches nothing.
    status, out, err = run_ipkpi(site, "--lock-timeout", "0.5")
    assert status == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0][20:].startswith(
        f"ERROR   Error[E-STORE-LOCKED]: ipkpi.db: another ipkpi run or ingest is writing to the "
        "store "
        f"(pid {first.pid}, ipkpi run, since "
    )
    assert lines[0].endswith("); gave up waiting after 0.5 s (--lock-timeout)")

    # One that waits long enough runs after the first, and finds nothing left to take.
    second = ipkpi(site, "run", "-v")
    time.sleep(0.5)
    assert second.poll() is None  # waiting for the lock
    (site / "go").touch()
    status, out, err = finish(first)
    assert (status, out) == (0, "")
    assert quiet(err, guizhou_taken=True), err
    status, out, err = finish(second)
    assert status == 0
    assert f"INFO    waiting for the store: pid {first.pid}, ipkpi run, since " in err
    assert "files: 0 taken, 0 rejected, 3 already ingested, 0 waiting" in err

    assert store_rows(site / "ipkpi.db") == uninterrupted[0]  # nothing twice
    assert report_figures(site) == uninterrupted[1]


def test_an_ingest_waits_for_a_run_and_gives_up_with_status_2(tmp_path):
    site = make_site(tmp_path, files=["南京市知识产权主要指标.xlsx"])
    run = ipkpi(site, "run", pause_after=10)
    wait_for(site / "paused")
    extra = REPO / "sample_data" / "石家庄市知识产权统计_2021-2025.csv"
    status, out, err = finish(
        ipkpi(site, "ingest", str(extra), "--db", "ipkpi.db", "--lock-timeout", "0.3")
    )
    assert (status, out) == (2, "")
    lines = err.splitlines()
    assert lines[0].startswith(f"waiting for the store: pid {run.pid}, ipkpi run, since ")
    assert lines[1].startswith(
        f"Error[E-STORE-LOCKED]: ipkpi.db: another ipkpi run or ingest is writing to the store "
        f"(pid {run.pid}, ipkpi run, since "
    )
    assert len(lines) == 2
    (site / "go").touch()
    assert finish(run) == (0, "", "")
    rows = store_rows(site / "ipkpi.db")
    assert len(rows["observations"]) == 61  # the ingest took nothing

    status, out, err = finish(ipkpi(site, "ingest", str(extra), "--db", "ipkpi.db"))
    assert status == 0, err
    assert len(store_rows(site / "ipkpi.db")["observations"]) == 61 + 66
