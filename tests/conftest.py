"""Shared fixtures: a small valid catalogue written into a temp folder.

Bad-catalogue tests start from ``GOOD_PLAN`` and change one thing each.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent
# The source documents the catalogue was transcribed from, shipped with it (targets/sources/);
# SHARED_SEEDS is where they came from, present beside a developer's checkout only.
SEEDS = REPO / "targets" / "sources"
SHARED_SEEDS = REPO.parent / "shared" / "seeds"

GOOD_PLAN = """\
schema = 1

[plan]
id = "testville-2022-2025"
city = "testville"
place = "测试市"
place_en = "Testville"
level = "city"
title = "测试市知识产权工作方案(2022—2025年)"
issued = 2022-11-02
start_year = 2022
target_year = 2025

[[targets]]
id = "patents_per_10k"
name = "万人高价值发明专利拥有量"
aliases = ["每万人口高价值发明专利拥有量"]
category = "知识产权创造"
lead = ["市市场监管局"]
kind = "level"
comparator = ">="
value = 50
unit = "件"
direction = "higher"
clause = "三、主要目标"
quote = "万人高价值发明专利拥有量达50件"

[[targets]]
id = "trademark_growth"
name = "注册商标"
category = "知识产权创造"
kind = "growth"
comparator = "以上"
value = 10
unit = "%"
series_unit = "件"
direction = "higher"
baseline = { year = 2021, value = 1000 }
clause = "二、工作目标"
quote = "注册商标年均增长10%以上"

[[targets]]
id = "satisfaction"
name = "知识产权保护社会满意度"
category = "知识产权保护"
kind = "level"
comparator = "超过"
value = 85
unit = "%"
direction = "higher"
clause = "三、主要目标"
quote = "知识产权保护社会满意度超过85%"
"""


def write_plan(folder: Path, text: str, name: str = "testville.toml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def write_workbook(path: Path, rows, title: str = "Sheet1", merged=()) -> Path:
    """An .xlsx of one sheet holding ``rows`` from A1 (openpyxl, imported only here)."""
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for cells in merged:
        sheet.merge_cells(cells)
    workbook.save(path)
    return path


def write_cells(path: Path, sheets: dict[str, dict[str, object]]) -> Path:
    """An .xlsx whose sheets hold just these cells (``{"Sheet1": {"ALL20000": 1}}``), written
    by xlsxwriter in constant memory: a stray cell far out costs nothing to write."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    for name, cells in sheets.items():
        sheet = workbook.add_worksheet(name)
        for ref, value in cells.items():
            sheet.write(ref, value)
    workbook.close()
    return path


def one_change(old: str, new: str, count: int = 1) -> str:
    """GOOD_PLAN with exactly one defect: ``old`` (which must be there) replaced."""
    assert old in GOOD_PLAN, old
    return GOOD_PLAN.replace(old, new, count)


@pytest.fixture
def in_tmp(tmp_path, monkeypatch):
    """Work in a temp folder, so error messages show short relative paths."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("IPKPI_TARGETS", raising=False)
    monkeypatch.delenv("IPKPI_DEBUG", raising=False)
    return tmp_path


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory):
    """A store holding every sample file, as `make demo` builds it (read-only in tests)."""
    from ipkpi.catalogue.loader import load_catalogue
    from ipkpi.ingest.ingester import expand_paths, ingest_paths
    from ipkpi.store.sqlite import SQLiteStore

    path = tmp_path_factory.mktemp("store") / "sample.db"
    with SQLiteStore(path) as store:
        report = ingest_paths(expand_paths([REPO / "sample_data"]), load_catalogue(), store)
    assert [f.status for f in report.files] == ["skipped"] + ["ingested"] * 5  # claims: skipped
    return path


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture(autouse=True)
def _private_plan_cache(tmp_path_factory, monkeypatch):
    """Every test gets an empty catalogue cache of its own, never the user's."""
    monkeypatch.setenv("IPKPI_CACHE", str(tmp_path_factory.mktemp("cache")))


# Session fixtures and child processes too: never the user's cache.
os.environ["IPKPI_CACHE"] = tempfile.mkdtemp(prefix="ipkpi-test-cache-")

# Nor the user's language: without --lang, every test sees the default, Chinese. A test of
# the choice sets IPKPI_LANG or the locale itself.
for _name in ("IPKPI_LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"


@pytest.fixture(autouse=True)
def _no_traceback(monkeypatch):
    """No command run in a test may end in a traceback: an exception that escapes a
    command (which a person would see as a traceback) or a 'Traceback' in its output fails
    the test, unless the test asked for one with --debug."""
    invoke = CliRunner.invoke

    def checked(self, app, args=None, *more, **kwargs):
        result = invoke(self, app, args, *more, **kwargs)
        words = [str(a) for a in (args or [])] if not isinstance(args, str) else args.split()
        if "--debug" in words or os.environ.get("IPKPI_DEBUG"):
            return result
        escaped = result.exception is not None and not isinstance(result.exception, SystemExit)
        shown = "Traceback" in result.output
        if escaped or shown:
            pytest.fail(
                f"ipkpi {' '.join(words)} ended in a traceback: {result.exception!r}",
                pytrace=False,
            )
        return result

    monkeypatch.setattr(CliRunner, "invoke", checked)


# --- PostgreSQL: a server of the session's own (tests/pg_server.py) -----------------------


@pytest.fixture(scope="session")
def pg_server():
    import pg_server as server_module

    try:
        # Not under pytest's temporary folder: only root may enter that one.
        server = server_module.Server(Path(tempfile.mkdtemp(prefix="ipkpi-pg-")))
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        if os.environ.get(server_module.REQUIRE):
            pytest.fail(f"PostgreSQL is required here ({server_module.REQUIRE}=1): {exc}")
        pytest.skip(f"no PostgreSQL server could be started: {exc}")
    yield server
    server.stop("immediate")
    shutil.rmtree(server.folder, ignore_errors=True)


def initialised(server) -> str:
    """A new database on ``server``, made a store by ``ipkpi db init``'s code: its URL."""
    from ipkpi.store.address import PostgresURL
    from ipkpi.store.postgres import access
    from ipkpi.store.postgres.connection import connect

    url = server.url(server.new_database())
    conn = connect(PostgresURL(url))
    try:
        access.initialise(conn)
    finally:
        conn.close()
    return url


@pytest.fixture
def pg_url(pg_server) -> str:
    """A new store on the session's server."""
    return initialised(pg_server)


ENGINES = ("sqlite", "postgresql")


@pytest.fixture(params=ENGINES)
def store_at(request, tmp_path) -> str:
    """A new store's address on each engine in turn: a file, or an initialised database."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture(params=ENGINES)
def new_store(request, tmp_path):
    """Open a new store, on each engine in turn: ``new_store(name)`` makes another."""
    from ipkpi.store.address import PostgresURL
    from ipkpi.store.engines import open_store

    def make(name: str = "s"):
        if request.param == "sqlite":
            return open_store(tmp_path / f"{name}.db")
        return open_store(PostgresURL(initialised(request.getfixturevalue("pg_server"))))

    return make
