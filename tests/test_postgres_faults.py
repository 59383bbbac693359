"""The shared store under load and faults, on loopback, bounded in time: many ingests at
once, a client killed in the middle of a COPY, the server restarted in the middle of a
run. Each time: every file stored exactly once or not at all, and the next run completes."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import REPO
from test_postgres import same

SAMPLES = REPO / "sample_data"
STATISTICS = sorted(
    p for p in SAMPLES.iterdir() if p.suffix in (".xlsx", ".csv") and "奖补" not in p.name
)
GUIZHOU = SAMPLES / "贵州省知识产权主要指标监测表.xlsx"
PAUSING = REPO / "tests" / "pausing_pg.py"
TIMEOUT = 120


def ipkpi(*args, env=None, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ipkpi", *map(str, args)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env,
        cwd=cwd,
    )


def counts(pg_server, url: str) -> tuple[int, int, int]:
    """(files, values, task reports) committed in the store."""
    database = url.rsplit("/", 1)[1]
    rows = pg_server.sql(
        "SELECT (SELECT count(*) FROM source_files), (SELECT count(*) FROM observations), "
        "(SELECT count(*) FROM task_progress)",
        database,
    )
    return rows[0]


def test_eight_ingests_of_overlapping_files_store_each_file_once(pg_server, pg_url, tmp_path):
    assert len(STATISTICS) == 5
    subsets = [[STATISTICS[(i + k) % 5] for k in range(3)] for i in range(8)]
    started = [
        subprocess.Popen(
            [sys.executable, "-m", "ipkpi", "ingest", *map(str, files), "--db", pg_url],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for files in subsets
    ]
    ended = [p.communicate(timeout=TIMEOUT) for p in started]
    assert [p.returncode for p in started] == [0] * 8, ended
    sqlite = tmp_path / "s.db"
    assert ipkpi("ingest", *STATISTICS, "--db", sqlite).returncode == 0
    assert counts(pg_server, pg_url) == (5, 294, 21)
    on_pg = json.loads(ipkpi("data", "check", "-f", "json", "--db", pg_url).stdout)
    on_sqlite = json.loads(ipkpi("data", "check", "-f", "json", "--db", sqlite).stdout)
    assert on_pg["ok"] is True
    by_file = [(f["sha256"], f["values"], f["task_reports"]) for f in on_pg["files"]]
    assert sorted(by_file) == sorted(
        (f["sha256"], f["values"], f["task_reports"]) for f in on_sqlite["files"]
    )
    for city in ("nanjing", "guizhou", "shijiazhuang"):
        args = ("data", "show", "--city", city, "--history", "-f", "csv")
        shown_pg = ipkpi(*args, "--db", pg_url).stdout
        shown_sqlite = ipkpi(*args, "--db", sqlite).stdout
        assert same(shown_pg, pg_url) == same(shown_sqlite, str(sqlite))


def pause_in_copy(tmp_path: Path, *args) -> tuple[subprocess.Popen, Path]:
    """ipkpi ARGS, paused in the middle of its COPY (``tests/pausing_pg.py``)."""
    env = {
        **os.environ,
        "IPKPI_PAUSED": str(tmp_path / "paused"),
        "IPKPI_GO": str(tmp_path / "go"),
        "PYTHONPATH": str(REPO),
    }
    process = subprocess.Popen(
        [sys.executable, str(PAUSING), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=tmp_path,
    )
    deadline = time.monotonic() + TIMEOUT
    while not (tmp_path / "paused").exists():
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "never paused"
        time.sleep(0.05)
    return process, tmp_path / "go"


def test_a_client_killed_mid_copy_leaves_nothing_and_the_next_ingest_completes(
    pg_server, pg_url, tmp_path
):
    process, _ = pause_in_copy(tmp_path, "ingest", GUIZHOU, "--db", pg_url)
    os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=TIMEOUT)
    assert counts(pg_server, pg_url) == (0, 0, 0)
    again = ipkpi("ingest", GUIZHOU, "--db", pg_url, "--lock-timeout", "30")
    assert again.returncode == 0, again.stderr
    assert counts(pg_server, pg_url) == (1, 167, 0)


def test_the_server_restarted_mid_run_is_a_store_error_and_the_next_run_completes(
    pg_server, pg_url, tmp_path
):
    (tmp_path / "inbox").mkdir()
    shutil.copy(GUIZHOU, tmp_path / "inbox")
    config = tmp_path / "ipkpi-run.toml"
    config.write_text(
        f'inbox = "inbox"\noutput = "out"\nstore = "{pg_url}"\ncities = ["guizhou"]\n'
        "settle_seconds = 0\n",
        encoding="utf-8",
    )
    process, go = pause_in_copy(tmp_path, "run", "--config", config)
    pg_server.restart()
    go.touch()
    _, stderr = process.communicate(timeout=TIMEOUT)
    assert process.returncode == 2
    lost = [line for line in stderr.splitlines() if "E-STORE-LOST" in line]
    assert len(lost) == 1
    assert f"错误[E-STORE-LOST]：{pg_url}：与数据库的连接中断（" in lost[0]
    assert lost[0].endswith("）；正在写入的文件没有写入任何内容，请稍后重新运行")
    assert "Traceback" not in stderr
    assert counts(pg_server, pg_url) == (0, 0, 0)
    assert sorted(p.name for p in (tmp_path / "inbox").iterdir()) == [GUIZHOU.name]
    again = ipkpi("run", "--config", config, cwd=tmp_path)
    assert again.returncode == 0, again.stderr
    assert counts(pg_server, pg_url) == (1, 167, 0)
