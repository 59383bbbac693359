"""The store guards itself (issue 20): a file that is no store, a damaged store, one
missing a table or column, or of an unknown version is one `Error:` line and exit status 2
for every command that opens it, with no table ever recreated and the file left as it
was; a version-1 store is upgraded in place on the first writing open; per-file counts and
checksums find values deleted or changed behind ipkpi's back (`ipkpi data check`, the
reports), and `ipkpi ingest --force` restores them.
"""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import REPO

from ipkpi.cli.app import app

SAMPLE = REPO / "sample_data"
NANJING = SAMPLE / "南京市知识产权主要指标.xlsx"  # 61 values
GUIZHOU = SAMPLE / "贵州省知识产权主要指标监测表.xlsx"  # 167 values
REBUILD = "restore it from a backup, or ingest the files again into a new store (--db NEW.db)"
OTHER_DB = "name the store with --db (or $IPKPI_DB)"

# command: its arguments besides --db s.db
COMMANDS = {
    "ingest": [str(NANJING)],
    "report": ["--city", "nanjing"],
    "tasks": ["--city", "shanxi"],
    "missing": ["--city", "nanjing", "--year", "2023"],
    "template": ["--city", "nanjing", "--year", "2025", "-o", "t.xlsx"],
    "compare": ["--measure", "invention_patents_per_10k", "--year", "2024"],
    "export": ["--all", "-o", "e.xlsx"],
    "data show": [],
    "data check": [],
}


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def execute(db: Path, *statements: str) -> None:
    conn = sqlite3.connect(db)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


@pytest.fixture
def store(in_tmp, sample_db) -> Path:
    """A copy of the sample store (every sample file) in the working folder."""
    path = in_tmp / "s.db"
    shutil.copy(sample_db, path)
    return path


def invoke(runner, command: str, db: Path | str = "s.db", *more: str, lang: str = "en"):
    """``ipkpi COMMAND … --db DB``, in English unless ``lang`` says otherwise."""
    return runner.invoke(
        app,
        [*command.split(), *COMMANDS.get(command, []), *more, "--db", str(db)],
        env={"IPKPI_LANG": lang},
    )


# --- one defect per store: every command says it in one line, exit 2, file untouched ------


def _text(store: Path) -> str:
    store.write_text("city,value\nnanjing,1\n", encoding="utf-8")
    return f"s.db: not an SQLite database, so not an ipkpi store; {OTHER_DB}"


def _truncated(store: Path) -> str:
    data = store.read_bytes()
    store.write_bytes(data[: len(data) // 2 // 4096 * 4096])
    kept = len(data) // 2 // 4096 * 4096
    return f"s.db: the store is damaged (truncated: {kept} bytes, its header says {len(data)}); {REBUILD}"


def _newer(store: Path) -> str:
    execute(store, "PRAGMA user_version = 999")
    return (
        "s.db: store version 999, made by a newer ipkpi (this one knows up to version 4); "
        "upgrade ipkpi"
    )


def _no_table(store: Path) -> str:
    execute(store, "DROP TABLE task_progress")
    return f"s.db: table task_progress is missing from the store; {REBUILD}"


def _no_column(store: Path) -> str:
    execute(store, "ALTER TABLE observations DROP COLUMN cell")
    return f"s.db: column observations.cell is missing from the store; {REBUILD}"


def _not_strict(store: Path) -> str:
    """Someone rebuilt the table without STRICT, to get text into the value column."""
    execute(
        store,
        "CREATE TABLE o2 AS SELECT * FROM observations",
        "DROP TABLE observations",
        "ALTER TABLE o2 RENAME TO observations",
        "UPDATE observations SET value = 'n/a' WHERE id = 1",
    )
    return f"s.db: table observations was changed outside ipkpi (it is not STRICT); {REBUILD}"


def _other_database(store: Path) -> str:
    store.unlink()
    execute(store, "CREATE TABLE people (name TEXT)")
    return f"s.db: an SQLite database, but not an ipkpi store (none of its tables); {OTHER_DB}"


def _no_index(store: Path) -> str:
    """Without it, nothing keeps one current figure per city, target and year."""
    execute(store, "DROP INDEX observations_current")
    return f"s.db: index observations_current is missing from the store; {REBUILD}"


DEFECTS = {
    "text": _text,
    "truncated": _truncated,
    "newer": _newer,
    "no table": _no_table,
    "no column": _no_column,
    "not strict": _not_strict,
    "no index": _no_index,
    "other database": _other_database,
}
# The code each defect is said with: what is wrong, not only that the store is unusable.
CODES = {
    "text": "E-STORE-NOT-SQLITE",
    "truncated": "E-STORE-TRUNCATED",
    "newer": "E-STORE-VERSION-NEW",
    "no table": "E-STORE-TABLE-MISSING",
    "no column": "E-STORE-COLUMN-MISSING",
    "not strict": "E-STORE-TABLE-CHANGED",
    "no index": "E-STORE-INDEX-MISSING",
    "other database": "E-STORE-NOT-IPKPI",
}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("defect", DEFECTS)
def test_a_store_that_cannot_be_used_is_one_line_and_exit_2(runner, store, defect, command):
    message = DEFECTS[defect](store)
    before = digest(store)
    result = invoke(runner, command)
    assert (result.exit_code, result.stderr) == (2, f"Error[{CODES[defect]}]: {message}\n")
    assert result.stdout == ""
    assert digest(store) == before  # nothing recreated, nothing written
    assert not list(store.parent.glob("*.xlsx"))


def test_run_refuses_a_store_that_cannot_be_used(runner, store):
    (store.parent / "inbox").mkdir()
    shutil.copy(NANJING, store.parent / "inbox")
    (store.parent / "ipkpi.toml").write_text(
        'inbox = "inbox"\noutput = "out"\nstore = "s.db"\n', encoding="utf-8"
    )
    message = _no_table(store)
    before = digest(store)
    result = runner.invoke(app, ["run", "--config", "ipkpi.toml"], env={"IPKPI_LANG": "en"})
    assert result.exit_code == 2
    assert [line[20:] for line in result.stderr.splitlines()] == [
        f"ERROR   Error[E-STORE-TABLE-MISSING]: {message}"
    ]
    assert digest(store) == before
    assert (store.parent / "inbox" / NANJING.name).exists()  # not taken


def test_a_store_in_no_folder_says_so_and_blames_no_other_writer(runner, in_tmp):
    given = ["ingest", str(NANJING), "--db", "/no/such/folder/x.db"]
    result = runner.invoke(app, given, env={"IPKPI_LANG": "en"})
    assert (result.exit_code, result.stderr) == (
        2,
        "Error[E-STORE-NO-FOLDER]: --db: no folder /no/such/folder for the store\n",
    )
    result = runner.invoke(app, given)
    assert (result.exit_code, result.stderr) == (
        2,
        "错误[E-STORE-NO-FOLDER]：--db：文件夹 /no/such/folder 不存在，无法在那里存放数据库\n",
    )


def test_an_empty_file_is_no_store_to_read(runner, in_tmp):
    Path("s.db").write_bytes(b"")
    result = invoke(runner, "report")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error[E-STORE-EMPTY]: s.db: an empty file, not an ipkpi store yet; ingest statistics first "
        "(ipkpi ingest FILES --db FILE) or name the store with --db\n",
    )
    assert Path("s.db").read_bytes() == b""


def test_an_empty_file_becomes_a_new_store_on_ingest(runner, in_tmp):
    Path("s.db").write_bytes(b"")
    result = invoke(runner, "ingest")
    assert result.exit_code == 0, result.stderr
    assert "61 new" in result.stdout


# --- typed values ------------------------------------------------------------------------


def test_text_cannot_get_into_a_value_column(store):
    conn = sqlite3.connect(store)
    with pytest.raises(sqlite3.IntegrityError) as caught:
        conn.execute("UPDATE observations SET value = 'abc' WHERE id = 1")
    assert str(caught.value) == "cannot store TEXT value in REAL column observations.value"
    with pytest.raises(sqlite3.IntegrityError) as caught:
        conn.execute("UPDATE observations SET year = '2023年' WHERE id = 1")
    assert str(caught.value) == "cannot store TEXT value in INTEGER column observations.year"
    with pytest.raises(sqlite3.IntegrityError) as caught:
        conn.execute("UPDATE observations SET value = NULL WHERE id = 1")
    assert str(caught.value) == "NOT NULL constraint failed: observations.value"
    conn.close()


# --- damage: data check, the reports, ingest --force -------------------------------------


def _nanjing_id(store: Path) -> int:
    conn = sqlite3.connect(store)
    (file_id,) = conn.execute(
        "SELECT id FROM source_files WHERE path LIKE '%南京市知识产权主要指标.xlsx'"
    ).fetchone()
    conn.close()
    return file_id


def _damaged_line(path: Path, what: str) -> str:
    return (
        f"Error[E-STORE-DAMAGED]: s.db: {path}: {what}; re-ingest it: ipkpi ingest --force {path}\n"
    )


def test_data_check_of_a_sound_store(runner, store):
    result = invoke(runner, "data check", "s.db", "-f", "json")
    assert (result.exit_code, result.stderr) == (0, "")
    assert '"ok": true' in result.stdout


def test_data_check_as_a_table_says_how_many_files_are_intact(runner, store):
    execute(store, "DELETE FROM observations WHERE id = (SELECT max(id) FROM observations)")
    result = invoke(runner, "data check", "s.db", lang="zh")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "共5个文件：完好4个，受损1个"
    assert lines[2].split() == ["文件", "数值个数", "任务进展条数", "核对结果"]
    assert [line.split()[-1] for line in lines[4:]].count("完好") == 4
    english = invoke(runner, "data check", "s.db", "--lang", "en", "-f", "markdown")
    assert english.stdout.splitlines()[0] == "## 5 file(s): 4 intact, 1 damaged"


def test_data_check_finds_a_deleted_row(runner, store):
    file_id = _nanjing_id(store)
    execute(
        store,
        f"DELETE FROM observations WHERE id = (SELECT max(id) FROM observations WHERE file_id = {file_id})",
    )
    before = digest(store)
    result = invoke(runner, "data check", "s.db", "-f", "csv")
    assert result.exit_code == 1
    assert result.stderr == _damaged_line(NANJING, "1 of its 61 values are gone")
    assert f"{NANJING},{digest(NANJING)},61,0,1 of its 61 values are gone" in result.stdout
    assert digest(store) == before


def test_data_check_finds_a_value_no_report_can_use(runner, store):
    """An infinite figure, as a store written before ingest refused 1e308 万件 may hold."""
    file_id = _nanjing_id(store)
    execute(
        store,
        f"UPDATE observations SET value = 9e999 WHERE id = "
        f"(SELECT min(id) FROM observations WHERE file_id = {file_id})",
    )
    result = invoke(runner, "data check", "s.db", "-f", "csv")
    assert result.exit_code == 1
    assert result.stderr == _damaged_line(NANJING, "1 of its values is not a finite number (inf)")


def test_data_check_finds_a_changed_value(runner, store):
    file_id = _nanjing_id(store)
    execute(
        store,
        f"UPDATE observations SET value = value * 10 WHERE id = "
        f"(SELECT min(id) FROM observations WHERE file_id = {file_id})",
    )
    before = digest(store)
    result = invoke(runner, "data check")
    assert result.exit_code == 1
    assert result.stderr == _damaged_line(
        NANJING, "its values were changed outside ipkpi (their checksum differs)"
    )
    assert digest(store) == before
    # the counts still agree: a report does not see a changed value, data check does
    assert invoke(runner, "report").exit_code == 0


def test_data_check_finds_a_dropped_table(runner, store):
    execute(store, "DROP TABLE observations")
    result = invoke(runner, "data check")
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error[E-STORE-TABLE-MISSING]: s.db: table observations is missing from the store; {REBUILD}\n",
    )


def test_data_check_with_no_store_says_how_to_make_one(runner, in_tmp):
    result = invoke(runner, "data check")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error[E-STORE-NONE]: s.db: no store here; ingest statistics first (ipkpi ingest FILES --db FILE) "
        "or name the store with --db\n",
    )
    assert not Path("s.db").exists()


@pytest.mark.parametrize("command", ["report", "export", "compare", "tasks", "missing"])
def test_a_report_refuses_a_store_with_rows_deleted(runner, store, command):
    file_id = _nanjing_id(store)
    execute(store, f"DELETE FROM observations WHERE file_id = {file_id} AND year = 2023")
    before = digest(store)
    result = invoke(runner, command)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == _damaged_line(NANJING, "14 of its 61 values are gone")
    assert digest(store) == before
    assert not list(store.parent.glob("*.xlsx"))


@pytest.mark.parametrize(
    "command, code, count",
    [
        ("report", "E-STORE-ORPHANS", "61 "),
        ("data check", "E-STORE-ORPHANS", "61 "),
        ("data show", "E-STORE-ORPHANS-FOUND", ""),  # found, not counted: data show is quick
    ],
)
def test_values_that_belong_to_no_file_are_refused(runner, store, command, code, count):
    execute(store, f"DELETE FROM source_files WHERE id = {_nanjing_id(store)}")
    result = invoke(runner, command)
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error[{code}]: s.db: {count}stored value(s) or task report(s) belong to no ingested file "
        f"(rows deleted from source_files); {REBUILD}\n",
    )


def test_ingest_force_restores_deleted_values(runner, store):
    shown = invoke(runner, "data show", "s.db", "-f", "csv").stdout
    file_id = _nanjing_id(store)
    execute(store, f"DELETE FROM observations WHERE file_id = {file_id} AND year = 2024")
    gone = 61 - len(
        [
            line
            for line in invoke(runner, "data show", "s.db", "-f", "csv").stdout.splitlines()
            if "南京市知识产权主要指标" in line
        ]
    )
    assert gone > 0
    # data show still shows what is there: it is how one looks at a damaged store
    again = invoke(runner, "ingest")
    assert again.exit_code == 1
    assert again.stderr == (
        f"Error[E-FILE-DAMAGED-IN-STORE]: {NANJING}: ingested before, but {gone} of its 61 "
        "values are gone; "
        f"re-ingest it: ipkpi ingest --force {NANJING}\n"
    )
    forced = invoke(runner, "ingest", "s.db", "--force")
    assert (forced.exit_code, forced.stderr) == (0, "")
    assert "61 new" in forced.stdout
    assert invoke(runner, "data check").exit_code == 0
    restored = invoke(runner, "data show", "s.db", "-f", "csv").stdout

    def figures(text: str) -> list[list[str]]:
        return sorted(line.split(",")[:5] for line in text.splitlines())

    assert figures(restored) == figures(shown)
    assert invoke(runner, "report").exit_code == 0


def test_ingest_force_of_a_whole_file_takes_nothing_again(runner, store):
    result = invoke(runner, "ingest", "s.db", "--force")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "ingested before, nothing new" in result.stdout


# --- a version-1 store, upgraded in place ---------------------------------------------------

# The version-1 DDL, as ipkpi/store/schema.py had it before version 2 (git history).
V1_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS source_files (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS observations (
    id INTEGER PRIMARY KEY,
    city TEXT NOT NULL,
    target_id TEXT NOT NULL,
    year INTEGER NOT NULL,
    value REAL NOT NULL,
    unit TEXT NOT NULL,
    plan_id TEXT NOT NULL,
    indicator TEXT NOT NULL,
    raw TEXT,
    raw_unit TEXT,
    file_id INTEGER NOT NULL REFERENCES source_files(id),
    sheet TEXT,
    cell TEXT,
    vintage TEXT,
    ingested_at TEXT NOT NULL,
    current INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX IF NOT EXISTS observations_current
    ON observations (city, target_id, year) WHERE current = 1;
CREATE INDEX IF NOT EXISTS observations_key ON observations (city, target_id, year);
CREATE TABLE IF NOT EXISTS task_progress (
    id INTEGER PRIMARY KEY,
    city TEXT NOT NULL,
    plan_id TEXT NOT NULL,
    task_id TEXT NOT NULL,
    status TEXT NOT NULL,
    completed TEXT,
    note TEXT,
    raw_status TEXT,
    sheet TEXT,
    cell TEXT,
    file_id INTEGER NOT NULL REFERENCES source_files(id),
    ingested_at TEXT NOT NULL,
    current INTEGER NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX IF NOT EXISTS task_progress_current
    ON task_progress (city, plan_id, task_id) WHERE current = 1;
"""


def logical_rows(conn: sqlite3.Connection, schema: str = "s") -> list[tuple]:
    """The rows of ``observations`` as versions 1 and 2 have them, read from the (version 3)
    store attached as ``schema``: the texts, the cell as written (NULL there: the value's
    repr) and the time of ingestion (the file's) put back."""
    rows = conn.execute(
        "SELECT o.id, s.city, s.target_id, o.year, o.value, l.unit, l.plan_id, l.indicator, "
        "o.raw, l.raw_unit, o.file_id, l.sheet, o.row, o.col, o.cell, l.vintage, "
        "f.ingested_at, o.current "
        f"FROM {schema}.observations o JOIN {schema}.series s ON s.id = o.key_id "
        f"JOIN {schema}.labels l ON l.id = o.label_id "
        f"JOIN {schema}.source_files f ON f.id = o.file_id ORDER BY o.id"
    ).fetchall()

    def cell(row: int | None, col: int | None, text: str | None) -> str | None:
        if row is None:
            return text
        letters = ""
        while col:
            col, letter = divmod(col - 1, 26)
            letters = chr(65 + letter) + letters
        return f"{letters}{row}"

    return [
        (*r[:8], repr(r[4]) if r[8] is None else (r[8] or None), *r[9:12], cell(*r[12:15]), *r[15:])
        for r in rows
    ]


@pytest.fixture
def v1(in_tmp, sample_db) -> Path:
    """A version-1 store in WAL mode holding the sample store's rows."""
    path = in_tmp / "s.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.executescript(V1_SCHEMA)
    conn.execute("INSERT INTO meta (key, value) VALUES ('schema', '1')")
    conn.execute("ATTACH DATABASE ? AS s", (str(sample_db),))
    conn.execute(
        "INSERT INTO source_files SELECT id, sha256, path, size, ingested_at FROM s.source_files"
    )
    conn.executemany(f"INSERT INTO observations VALUES ({', '.join('?' * 16)})", logical_rows(conn))
    conn.execute("INSERT INTO task_progress SELECT * FROM s.task_progress")
    conn.execute("DETACH DATABASE s")
    conn.close()
    return path


def test_a_version_1_store_is_read_as_it_is(runner, v1, sample_db):
    before = digest(v1)
    for command in ("data show", "report", "tasks", "compare"):
        old = invoke(runner, command, v1, "-f", "json")
        new = invoke(runner, command, sample_db, "-f", "json")
        assert (old.exit_code, old.stderr) == (0, ""), command
        assert old.stdout == new.stdout, command
    assert digest(v1) == before


def test_a_version_1_store_has_no_checksums_to_check(runner, v1):
    result = invoke(runner, "data check")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error[E-STORE-NO-CHECKSUMS]: s.db: store version 1 keeps no per-file counts or checksums; the next ipkpi "
        "ingest or ipkpi run upgrades it; check it then\n",
    )


def test_a_dry_run_does_not_upgrade_a_version_1_store(runner, v1):
    before = digest(v1)
    result = invoke(runner, "ingest", v1, "--dry-run")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error[E-STORE-VERSION-OLD]: s.db: store version 1, made by an older ipkpi; a dry run writes nothing, so "
        "it cannot upgrade it; run ipkpi ingest once without --dry-run (it upgrades the store "
        "in place)\n",
    )
    assert digest(v1) == before


def test_the_first_ingest_upgrades_a_version_1_store_in_place(runner, v1, sample_db):
    shown = invoke(runner, "data show", v1, "--history", "-f", "json").stdout
    result = invoke(runner, "ingest")
    assert (result.exit_code, result.stderr) == (0, "")
    assert "ingested before, nothing new" in result.stdout
    conn = sqlite3.connect(v1)
    assert conn.execute("PRAGMA user_version").fetchone() == (4,)
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == ("4",)
    assert {r[1]: r[5] for r in conn.execute("PRAGMA table_list") if r[0] == "main"} == {
        "meta": 1,
        "source_files": 1,
        "series": 1,
        "labels": 1,
        "observations": 1,
        "task_progress": 1,
        "sqlite_schema": 0,
    }
    upgraded = conn.execute(
        "SELECT sha256, value_count, task_count, checksum FROM source_files ORDER BY id"
    ).fetchall()
    conn.close()
    conn = sqlite3.connect(sample_db)
    made = conn.execute(
        "SELECT sha256, value_count, task_count, checksum FROM source_files ORDER BY id"
    ).fetchall()
    conn.close()
    assert upgraded == made  # the same counts and checksums as a version-2 ingest wrote
    assert invoke(runner, "data show", v1, "--history", "-f", "json").stdout == shown
    assert invoke(runner, "data check").exit_code == 0


def test_a_version_1_store_that_cannot_be_upgraded_is_left_as_it_was(runner, v1):
    execute(v1, "UPDATE observations SET value = 'n/a' WHERE id = 1")  # version 1: untyped
    before = digest(v1)
    result = invoke(runner, "ingest")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error[E-STORE-UPGRADE-FAILED]: s.db: cannot upgrade the store from version 1 (cannot store TEXT value in REAL "
        f"column observations.value); nothing changed; {REBUILD}\n",
    )
    assert digest(v1) == before
    conn = sqlite3.connect(v1)
    assert conn.execute("PRAGMA user_version").fetchone() == (0,)
    conn.close()


def test_a_version_1_store_missing_a_table_is_never_completed(runner, v1):
    execute(v1, "DROP TABLE task_progress")
    before = digest(v1)
    for command in ("ingest", "report"):
        result = invoke(runner, command)
        assert (result.exit_code, result.stderr) == (
            2,
            f"Error[E-STORE-TABLE-MISSING]: s.db: table task_progress is missing from the store; {REBUILD}\n",
        )
    assert digest(v1) == before


def test_run_refuses_a_store_with_rows_deleted(runner, store):
    (store.parent / "inbox").mkdir()
    shutil.copy(GUIZHOU, store.parent / "inbox")
    (store.parent / "ipkpi.toml").write_text(
        'inbox = "inbox"\noutput = "out"\nstore = "s.db"\n', encoding="utf-8"
    )
    execute(store, f"DELETE FROM observations WHERE file_id = {_nanjing_id(store)} AND year = 2023")
    before = digest(store)
    result = runner.invoke(app, ["run", "--config", "ipkpi.toml"], env={"IPKPI_LANG": "en"})
    assert result.exit_code == 2
    assert [line[20:] for line in result.stderr.splitlines()] == [
        "ERROR   " + _damaged_line(NANJING, "14 of its 61 values are gone").rstrip("\n")
    ]
    assert digest(store) == before
    assert list((store.parent / "out").glob("*.xlsx")) == []  # no report from it
    assert (store.parent / "inbox" / GUIZHOU.name).exists()  # nothing taken into it


def test_counts_are_read_in_one_transaction(store):
    """A writer committing between the two counts must not look like damage."""
    from ipkpi.store import guard

    conn = sqlite3.connect(store)
    statements = []
    conn.set_trace_callback(statements.append)
    guard.check_counts(conn, store)
    assert statements[0] == "BEGIN" and statements[-1] == "ROLLBACK"
    conn.close()


def test_a_malformed_store_is_one_line(runner, store):
    data = bytearray(store.read_bytes())
    data[4096 : 4096 + 8] = b"\x0d" + b"\xff" * 7  # page 2's b-tree header scribbled over
    store.write_bytes(bytes(data))
    result = invoke(runner, "report")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error[E-STORE-BROKEN]: s.db: the store is damaged (Page 2: btreeInitPage() returns error code 11); "
        f"{REBUILD}\n",
    )


def test_a_page_found_damaged_while_reading_is_one_line(runner, store, monkeypatch):
    """A store too large for the check on opening: the damage is found while reading."""
    from ipkpi.store import guard

    monkeypatch.setattr(guard, "QUICK_CHECK_BYTES", 0)
    conn = sqlite3.connect(store)
    (root,) = conn.execute(
        "SELECT rootpage FROM sqlite_master WHERE name = 'observations'"
    ).fetchone()
    conn.close()
    data = bytearray(store.read_bytes())
    data[(root - 1) * 4096 : (root - 1) * 4096 + 8] = b"\x0d" + b"\xff" * 7
    store.write_bytes(bytes(data))
    result = invoke(runner, "data show")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error[E-STORE-BROKEN]: s.db: the store is damaged (database disk image is malformed); {REBUILD}\n"
    )


def test_data_check_finds_a_current_flag_changed_by_hand(runner, store):
    file_id = _nanjing_id(store)
    execute(
        store,
        "UPDATE observations SET current = 0 WHERE id = "
        f"(SELECT min(id) FROM observations WHERE file_id = {file_id})",
    )
    result = invoke(runner, "data check")
    assert result.exit_code == 1
    assert result.stderr == _damaged_line(
        NANJING,
        "1 of its figures are no longer current, and no other figure is in their place (the "
        "current flag was changed outside ipkpi)",
    )
    forced = invoke(runner, "ingest", "s.db", "--force")
    assert (forced.exit_code, forced.stderr) == (0, "")
    assert invoke(runner, "data check").exit_code == 0


def test_an_infinite_figure_in_an_old_store_exports_as_an_excel_error(runner, store, in_tmp):
    """A store written before ingest refused 1e308 万件 may hold inf: the export writes
    #NUM! where it stands (data check names its file), never a crash."""
    import zipfile

    import openpyxl

    execute(
        store,
        "UPDATE observations SET value = 9e999 WHERE year = 2024 AND key_id = (SELECT id "
        "FROM series WHERE city = 'nanjing' AND target_id = 'high_value_invention_patents_per_10k')",
    )
    result = runner.invoke(app, ["export", "--city", "nanjing", "-o", "e.xlsx", "--db", "s.db"])
    assert result.exit_code == 0
    book = openpyxl.load_workbook(in_tmp / "e.xlsx")
    cells = [c.value for sheet in book for row in sheet.iter_rows() for c in row]
    assert cells.count("#NUM!") == 1  # the one figure, as text
    assert float("inf") not in cells
    with zipfile.ZipFile(in_tmp / "e.xlsx") as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert not any(b"<f>" in archive.read(n) for n in sheets)


# --- in Chinese: the default language ----------------------------------------------------


ZH_DEFECTS = {
    "text": "s.db：不是 SQLite 数据库文件，因此不是 ipkpi 数据库；请用 --db（或 $IPKPI_DB）指定数据库",
    "newer": "s.db：数据库版本为 999，由较新的 ipkpi 创建（当前的 ipkpi 最高只认识版本 4）；"
    "请升级 ipkpi",
    "no table": "s.db：数据库中缺少表 task_progress；请从备份恢复，或把文件重新导入一个新的数据库"
    "（--db NEW.db）",
    "no column": "s.db：数据库中缺少列 observations.cell；请从备份恢复，或把文件重新导入一个新的"
    "数据库（--db NEW.db）",
    "not strict": "s.db：表 observations 在 ipkpi 之外被改动过（它不是 STRICT 表）；请从备份恢复，"
    "或把文件重新导入一个新的数据库（--db NEW.db）",
    "no index": "s.db：数据库中缺少索引 observations_current；请从备份恢复，或把文件重新导入一个新的"
    "数据库（--db NEW.db）",
    "other database": "s.db：是 SQLite 数据库，但不是 ipkpi 数据库（没有 ipkpi 的任何一张表）；"
    "请用 --db（或 $IPKPI_DB）指定数据库",
}


@pytest.mark.parametrize("defect", ZH_DEFECTS)
def test_a_store_that_cannot_be_used_in_chinese(runner, store, defect):
    DEFECTS[defect](store)
    result = invoke(runner, "report", lang="zh")
    assert (result.exit_code, result.stderr) == (
        2,
        f"错误[{CODES[defect]}]：{ZH_DEFECTS[defect]}\n",
    )


def test_an_empty_file_in_chinese(runner, in_tmp):
    Path("s.db").write_bytes(b"")
    result = invoke(runner, "report", lang="zh")
    assert (result.exit_code, result.stderr) == (
        2,
        "错误[E-STORE-EMPTY]：s.db：这是一个空文件，还不是 ipkpi 数据库；请先导入统计数据"
        "（ipkpi ingest FILES --db FILE），或用 --db 指定数据库\n",
    )


def test_no_store_in_chinese(runner, in_tmp):
    result = invoke(runner, "data check", lang="zh")
    assert (result.exit_code, result.stderr) == (
        2,
        "错误[E-STORE-NONE]：s.db：这里没有数据库；请先导入统计数据"
        "（ipkpi ingest FILES --db FILE），或用 --db 指定数据库\n",
    )


def test_data_check_names_damaged_files_in_chinese(runner, store):
    file_id = _nanjing_id(store)
    execute(store, f"DELETE FROM observations WHERE file_id = {file_id} AND year = 2023")
    execute(
        store,
        "UPDATE observations SET value = value + 1 WHERE id = "
        "(SELECT min(id) FROM observations WHERE key_id IN "
        "(SELECT id FROM series WHERE city = 'guizhou'))",
    )
    result = invoke(runner, "data check", lang="zh")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"错误[E-STORE-DAMAGED]：s.db：{NANJING}：原有 61 个数值中有 14 个不见了；"
        f"请重新导入：ipkpi ingest --force {NANJING}",
        f"错误[E-STORE-DAMAGED]：s.db：{GUIZHOU}：其数值在 ipkpi 之外被改动过（校验值不一致）；"
        f"请重新导入：ipkpi ingest --force {GUIZHOU}",
    ]


def test_values_and_task_reports_gone_in_both_languages(store):
    from ipkpi.messages import speaking
    from ipkpi.store.sqlite import SQLiteStore

    execute(
        store,
        "DELETE FROM task_progress WHERE id = (SELECT min(id) FROM task_progress)",
        "INSERT INTO observations (key_id, year, value, label_id, row, col, cell, raw, file_id, "
        "current) SELECT key_id, year - 100, value, label_id, row, col, cell, raw, "
        "(SELECT file_id FROM task_progress LIMIT 1), current FROM observations LIMIT 2",
    )
    with SQLiteStore(store, readonly=True, verify=False) as opened:
        damaged = [d for d in opened.check() if "values" in d.what.text("en")]
    (damage,) = damaged
    assert damage.what.text("en") == (
        "2 values were added to its 0 outside ipkpi, 1 of its 3 task reports are gone"
    )
    assert damage.what.text("zh") == (
        "原有 0 个数值之外，有 2 个是在 ipkpi 之外添加的，原有 3 条任务进展中有 1 条不见了"
    )
    with speaking("en"):
        assert str(damage).endswith(f"; re-ingest it: ipkpi ingest --force {damage.path}")


def test_a_report_refuses_a_damaged_store_in_chinese(runner, store):
    execute(store, f"DELETE FROM source_files WHERE id = {_nanjing_id(store)}")
    result = invoke(runner, "report", lang="zh")
    assert (result.exit_code, result.stderr) == (
        2,
        "错误[E-STORE-ORPHANS]：s.db：有 61 个已存数值或任务进展不属于任何已导入的文件"
        "（source_files 中的记录被删除了）；请从备份恢复，或把文件重新导入一个新的数据库"
        "（--db NEW.db）\n",
    )


def test_a_version_1_store_in_chinese(runner, v1):
    result = invoke(runner, "data check", lang="zh")
    assert (result.exit_code, result.stderr) == (
        2,
        "错误[E-STORE-NO-CHECKSUMS]：s.db：版本 1 的数据库没有记录每个文件的数量和校验值；"
        "下次运行 ipkpi ingest 或 ipkpi run 时会升级它，届时再检查\n",
    )
    result = invoke(runner, "ingest", v1, "--dry-run", lang="zh")
    assert (result.exit_code, result.stderr) == (
        2,
        "错误[E-STORE-VERSION-OLD]：s.db：数据库版本为 1，由较早的 ipkpi 创建；试运行什么也不写入，"
        "因此无法升级它；请不带 --dry-run 运行一次 ipkpi ingest（它会就地升级数据库）\n",
    )
