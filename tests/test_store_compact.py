"""The compact store (schema version 3): a value's row is integers and one REAL, the texts
that repeat stored once; from version 4 a file's values are found by the range of their
ids, with no index by file. A version-2 or version-3 store is upgraded in place by the
first writing open and reads back exactly as before (values, revisions, kept 快报 figures, task progress, a
converted value, a text cell); a failing upgrade leaves it as it was; whatever is written
reads back as it was given (the cell as written, the cell's reference).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
from pathlib import Path

import pytest

from ipkpi.errors import StoreUnusable
from ipkpi.store import migrations
from ipkpi.store.integrity import checksum
from ipkpi.store.records import Observation, StoredObservation, TaskProgress
from ipkpi.store.sqlite import SQLiteStore

# The version-2 DDL, as ipkpi/store/schema.py had it before version 3 (git history).
V2_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE source_files (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    path TEXT NOT NULL,
    size INTEGER NOT NULL,
    ingested_at TEXT NOT NULL,
    value_count INTEGER NOT NULL CHECK (value_count >= 0),
    task_count INTEGER NOT NULL CHECK (task_count >= 0),
    checksum TEXT NOT NULL
) STRICT;
CREATE TABLE observations (
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
    current INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX observations_current
    ON observations (city, target_id, year) WHERE current = 1;
CREATE INDEX observations_key ON observations (city, target_id, year);
CREATE INDEX observations_file ON observations (file_id);
CREATE TABLE task_progress (
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
    current INTEGER NOT NULL DEFAULT 1 CHECK (current IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX task_progress_current
    ON task_progress (city, plan_id, task_id) WHERE current = 1;
"""

PLAN = "nanjing-2022-2025"
HIGH = "high_value_invention_patents_per_10k"
GRANTS = "invention_patent_grants"
SHARE = "pct_share"
A, B = "/data/a.xlsx", "/data/b.xlsx"
SHA_A, SHA_B = "a" * 64, "b" * 64
AT_A, AT_B = "2024-03-01T08:00:00+00:00", "2024-04-02T09:30:00+00:00"

# (id, file, current, the fields of an Observation): what a version-2 ipkpi stored.
V2_VALUES = [
    # a.xlsx: 59.0 in C12, revised by b.xlsx; 36.26万件 as written, converted to 件;
    # the 正式 2024 figure in AB3
    (1, 1, 0, "nanjing", HIGH, 2023, 59.0, "件", PLAN, "万人高价值发明专利拥有量", "59.0", None,
     "Sheet1", "C12", None),
    (2, 1, 1, "nanjing", GRANTS, 2023, 362600.0, "件", PLAN, "发明专利授权量", "36.26万件",
     "万件", "Sheet1", "D7", None),
    (3, 1, 1, "nanjing", HIGH, 2024, 60.5, "件", PLAN, "万人高价值发明专利拥有量", "60.5", None,
     "正式", "AB3", "final"),
    # b.xlsx: the revision; a 快报 after the 正式 figure, written 60.20 (kept, not current);
    # a figure with no cell and no text; 12 written as an integer in a cell that is no
    # plain reference; a share in XFD1048576, the last cell of a sheet
    (4, 2, 1, "nanjing", HIGH, 2023, 60.86, "件", PLAN, "万人高价值发明专利拥有量", "60.86",
     None, "Sheet1", "C12", None),
    (5, 2, 0, "nanjing", HIGH, 2024, 60.2, "件", PLAN, "万人高价值发明专利拥有量", "60.20", None,
     "快报", "C13", "preliminary"),
    (6, 2, 1, "nanjing", GRANTS, 2024, 1.0, "件", PLAN, "发明专利授权量", None, None, None,
     None, None),
    (7, 2, 1, "nanjing", SHARE, 2023, 12.0, "%", PLAN, "占比", "12", None, "Sheet1",
     "$B$3", None),
    (8, 2, 1, "nanjing", SHARE, 2024, 0.1, "%", PLAN, "占比", "0.1", None, "Sheet1",
     "XFD1048576", None),
]  # fmt: skip

# (id, file, current, the first nine fields of a TaskProgress)
V2_TASKS = [
    (1, 1, 0, "nanjing", PLAN, "task-1", "in_progress", None, None, "推进中", "进展", "E5"),
    (2, 2, 1, "nanjing", PLAN, "task-1", "done", "2024-03-20", "验收通过", "已完成", "进展", "E5"),
]

FILES = {1: (A, SHA_A, AT_A), 2: (B, SHA_B, AT_B)}


def stored(row: tuple) -> StoredObservation:
    _id, file_id, current, *fields = row
    path, sha256, at = FILES[file_id]
    return StoredObservation(*fields, path, sha256, at, bool(current))


# What every read gives, before the upgrade and after: the history, city, target and
# year, oldest first (literal rows, not read back by the code under test).
HISTORY = [
    StoredObservation("nanjing", HIGH, 2023, 59.0, "件", PLAN, "万人高价值发明专利拥有量", "59.0",
                      None, "Sheet1", "C12", None, A, SHA_A, AT_A, False),
    StoredObservation("nanjing", HIGH, 2023, 60.86, "件", PLAN, "万人高价值发明专利拥有量",
                      "60.86", None, "Sheet1", "C12", None, B, SHA_B, AT_B, True),
    StoredObservation("nanjing", HIGH, 2024, 60.5, "件", PLAN, "万人高价值发明专利拥有量", "60.5",
                      None, "正式", "AB3", "final", A, SHA_A, AT_A, True),
    StoredObservation("nanjing", HIGH, 2024, 60.2, "件", PLAN, "万人高价值发明专利拥有量",
                      "60.20", None, "快报", "C13", "preliminary", B, SHA_B, AT_B, False),
    StoredObservation("nanjing", GRANTS, 2023, 362600.0, "件", PLAN, "发明专利授权量",
                      "36.26万件", "万件", "Sheet1", "D7", None, A, SHA_A, AT_A, True),
    StoredObservation("nanjing", GRANTS, 2024, 1.0, "件", PLAN, "发明专利授权量", None, None,
                      None, None, None, B, SHA_B, AT_B, True),
    StoredObservation("nanjing", SHARE, 2023, 12.0, "%", PLAN, "占比", "12", None, "Sheet1",
                      "$B$3", None, B, SHA_B, AT_B, True),
    StoredObservation("nanjing", SHARE, 2024, 0.1, "%", PLAN, "占比", "0.1", None, "Sheet1",
                      "XFD1048576", None, B, SHA_B, AT_B, True),
]  # fmt: skip
CURRENT = (
    [
        (HIGH, 2023, 60.86, None, 2),
        (HIGH, 2024, 60.5, "final", 1),
        (GRANTS, 2023, 362600.0, None, 1),
        (GRANTS, 2024, 1.0, None, 2),
        (SHARE, 2023, 12.0, None, 2),
        (SHARE, 2024, 0.1, None, 2),
    ],
    {1: (A, SHA_A, AT_A), 2: (B, SHA_B, AT_B)},
)
TASKS = [
    TaskProgress("nanjing", PLAN, "task-1", "in_progress", None, None, "推进中", "进展", "E5",
                 A, AT_A, SHA_A),
    TaskProgress("nanjing", PLAN, "task-1", "done", "2024-03-20", "验收通过", "已完成", "进展",
                 "E5", B, AT_B, SHA_B),
]  # fmt: skip


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def v2(tmp_path) -> Path:
    """A version-2 store in WAL mode, as a version-2 ipkpi wrote it: two files, with their
    counts and checksums."""
    path = tmp_path / "s.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.executescript(V2_SCHEMA)
    conn.execute("INSERT INTO meta (key, value) VALUES ('schema', '2')")
    conn.execute("PRAGMA user_version = 2")
    for file_id, (where, sha256, at) in FILES.items():
        values = [row[3:] for row in V2_VALUES if row[1] == file_id]
        tasks = [row[3:9] for row in V2_TASKS if row[1] == file_id]
        conn.execute(
            "INSERT INTO source_files VALUES (?, ?, ?, 100, ?, ?, ?, ?)",
            (file_id, sha256, where, at, len(values), len(tasks), checksum(values, tasks)),
        )
    for id_, file_id, current, *fields in V2_VALUES:
        conn.execute(
            "INSERT INTO observations (id, city, target_id, year, value, unit, plan_id, "
            "indicator, raw, raw_unit, sheet, cell, vintage, file_id, ingested_at, current) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (id_, *fields, file_id, FILES[file_id][2], current),
        )
    for id_, file_id, current, *fields in V2_TASKS:
        conn.execute(
            "INSERT INTO task_progress VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (id_, *fields, file_id, FILES[file_id][2], current),
        )
    conn.close()
    return path


def reads(store: SQLiteStore) -> tuple:
    return (
        store.observations(history=True),
        store.observations(city="nanjing", year=2024),
        store.current_values("nanjing"),
        store.task_progress("nanjing", history=True),
        store.task_progress("nanjing"),
        store.files(),
    )


EXPECTED = (
    HISTORY,
    [o for o in HISTORY if o.year == 2024 and o.current],
    CURRENT,
    TASKS,
    TASKS[1:],
    [(A, SHA_A, 3, 1), (B, SHA_B, 5, 1)],
)


def test_the_fixture_is_a_sound_version_2_store(v2):
    assert [stored(row) for row in sorted(V2_VALUES, key=lambda r: (r[4], r[5], r[0]))] == (
        sorted(HISTORY, key=lambda o: (o.target_id, o.year))
    )
    with SQLiteStore(v2, readonly=True) as store:
        assert store.version == 2
        assert store.check() == []


def test_a_version_2_store_is_read_as_it_is(v2):
    before = digest(v2)
    with SQLiteStore(v2, readonly=True) as store:
        assert reads(store) == EXPECTED
    assert digest(v2) == before


def test_the_first_writing_open_upgrades_a_version_2_store_in_place(v2):
    with SQLiteStore(v2) as store:
        assert store.version == 4
        assert reads(store) == EXPECTED
        assert store.check() == []
        assert store.file_damage(SHA_A) is None
    conn = sqlite3.connect(v2)
    assert conn.execute("PRAGMA user_version").fetchone() == (4,)
    assert conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() == ("4",)
    assert conn.execute("SELECT id, city, target_id FROM series ORDER BY id").fetchall() == [
        (1, "nanjing", HIGH),
        (2, "nanjing", GRANTS),
        (3, "nanjing", SHARE),
    ]
    # the integers; the cell's text only for a cell that is no plain reference; the cell
    # as written only where it is not the value's repr ('' for none)
    assert conn.execute(
        "SELECT id, key_id, year, value, row, col, cell, raw, file_id, current "
        "FROM observations ORDER BY id"
    ).fetchall() == [
        (1, 1, 2023, 59.0, 12, 3, None, None, 1, 0),
        (2, 2, 2023, 362600.0, 7, 4, None, "36.26万件", 1, 1),
        (3, 1, 2024, 60.5, 3, 28, None, None, 1, 1),
        (4, 1, 2023, 60.86, 12, 3, None, None, 2, 1),
        (5, 1, 2024, 60.2, 13, 3, None, "60.20", 2, 0),
        (6, 2, 2024, 1.0, None, None, None, "", 2, 1),
        (7, 3, 2023, 12.0, None, None, "$B$3", "12", 2, 1),
        (8, 3, 2024, 0.1, 1048576, 16384, None, None, 2, 1),
    ]
    assert conn.execute(
        "SELECT unit, plan_id, indicator, raw_unit, sheet, vintage FROM labels "
        "ORDER BY unit, indicator, sheet"
    ).fetchall() == [
        ("%", PLAN, "占比", None, "Sheet1", None),
        ("件", PLAN, "万人高价值发明专利拥有量", None, "Sheet1", None),
        ("件", PLAN, "万人高价值发明专利拥有量", None, "快报", "preliminary"),
        ("件", PLAN, "万人高价值发明专利拥有量", None, "正式", "final"),
        ("件", PLAN, "发明专利授权量", None, None, None),
        ("件", PLAN, "发明专利授权量", "万件", "Sheet1", None),
    ]
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "old_observations" not in names and "observations_key" not in names
    conn.close()
    with SQLiteStore(v2, readonly=True) as store:  # and once more, as a report opens it
        assert reads(store) == EXPECTED


def test_a_store_upgraded_from_version_2_takes_later_files_as_before(v2, tmp_path):
    later = [
        Observation("nanjing", HIGH, 2023, 61.0, "件", PLAN, "万人高价值发明专利拥有量", "61.0",
                    None, "Sheet1", "C12", None),
        Observation("nanjing", HIGH, 2024, 60.1, "件", PLAN, "万人高价值发明专利拥有量", "60.1",
                    None, "快报", "C13", "preliminary"),
    ]  # fmt: skip
    at = dt.datetime(2024, 5, 1, tzinfo=dt.UTC)
    with SQLiteStore(v2) as store:
        result = store.write_file(tmp_path / "c.xlsx", "c" * 64, 1, later, now=at)
        assert [(r.old, r.new, r.old_path) for r in result.revisions] == [(60.86, 61.0, B)]
        assert [(k.value, k.current, k.current_path) for k in result.kept] == [(60.1, 60.5, A)]
        assert store.current_values("nanjing")[0][:2] == [
            (HIGH, 2023, 61.0, None, 3),
            (HIGH, 2024, 60.5, "final", 1),
        ]
        assert store.check() == []


def test_a_failing_upgrade_leaves_the_version_2_store_as_it_was(v2, monkeypatch):
    def fails(conn):
        conn.execute("INSERT INTO series (city, target_id) VALUES ('nanjing', ?)", (HIGH,))

    # after the step to version 3 has done all its work: a unique key refused
    monkeypatch.setattr(migrations, "STEPS", (*migrations.STEPS, (2, fails)))
    before = digest(v2)
    with pytest.raises(StoreUnusable) as caught:
        SQLiteStore(v2)
    assert caught.value.what.code == "E-STORE-UPGRADE-FAILED"
    assert caught.value.what.text("en") == (
        "cannot upgrade the store from version 2 (UNIQUE constraint failed: series.city, "
        "series.target_id); nothing changed"
    )
    assert digest(v2) == before
    conn = sqlite3.connect(v2)
    assert conn.execute("PRAGMA user_version").fetchone() == (2,)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    assert "series" not in names and "observations_key" in names
    conn.close()
    with SQLiteStore(v2, readonly=True) as store:
        assert reads(store) == EXPECTED
        assert store.check() == []


@pytest.fixture
def v3(v2) -> Path:
    """A version-3 store, as a version-3 ipkpi made it from the version-2 one: the values
    compact, an index of them by file, the checksums of version 1."""
    conn = sqlite3.connect(v2, isolation_level=None)
    conn.execute("BEGIN")
    migrations._v2_to_v3(conn)
    conn.execute("CREATE INDEX observations_file ON observations (file_id)")
    conn.execute("UPDATE meta SET value = '3' WHERE key = 'schema'")
    conn.execute("PRAGMA user_version = 3")
    conn.execute("COMMIT")
    conn.close()
    return v2


def files_as_stored(path: Path) -> list[tuple]:
    conn = sqlite3.connect(path)
    found = conn.execute(
        "SELECT id, first_value_id, last_value_id, substr(checksum, 1, 2) = '2:' "
        "FROM source_files ORDER BY id"
    ).fetchall()
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    conn.close()
    return [*found, "observations_file" in indexes]


def test_a_version_3_store_is_read_as_it_is(v3):
    before = digest(v3)
    with SQLiteStore(v3, readonly=True) as store:
        assert store.version == 3
        assert reads(store) == EXPECTED
        assert store.check() == []
        assert store.file_damage(SHA_B) is None
    assert digest(v3) == before


def test_the_first_writing_open_upgrades_a_version_3_store_in_place(v3, tmp_path):
    with SQLiteStore(v3) as store:
        assert store.version == 4
        assert reads(store) == EXPECTED
        assert store.check() == []
        assert store.file_damage(SHA_A) is None
    # each file's values by their ids (1 to 3, 4 to 8), no index by file, checksums anew
    assert files_as_stored(v3) == [(1, 1, 3, 1), (2, 4, 8, 1), False]
    later = [
        Observation("nanjing", SHARE, 2025, 0.2, "%", PLAN, "占比", "0.2", None, "Sheet1",
                    "C14", None),
    ]  # fmt: skip
    with SQLiteStore(v3) as store:
        store.write_file(tmp_path / "c.xlsx", "c" * 64, 1, later)
        store.write_file(tmp_path / "d.xlsx", "d" * 64, 1, later)  # nothing new
        again = [Observation(*o[:12]) for o in HISTORY if o.path == A]
        store.write_file(Path(A), SHA_A, 100, again, replace=True)  # its values anew
        assert store.check() == []
    assert files_as_stored(v3) == [(2, 4, 8, 1), (3, 9, 9, 1), (4, None, None, 1),
                                   (5, 10, 12, 1), False]  # fmt: skip


def test_a_file_changed_before_the_upgrade_is_still_found_after_it(v3):
    conn = sqlite3.connect(v3)
    conn.execute("UPDATE observations SET value = 59.5 WHERE id = 1")  # file A's
    conn.commit()
    conn.close()
    with SQLiteStore(v3) as store:
        assert [(d.sha256, d.what.text("en")) for d in store.check()] == [
            (SHA_A, "its values were changed outside ipkpi (their checksum differs)")
        ]
        assert store.file_damage(SHA_B) is None
    assert files_as_stored(v3) == [(1, 1, 3, 0), (2, 4, 8, 1), False]  # A's kept


# --- whatever is written reads back as it was given ---------------------------------------

CELLS = [
    *("A1", "Z1", "AA2", "ZZ3", "AAA4", "ZZZ5", "XFD1048576", "C12"),
    *("AAAA1", "A01", "c12", "$B$3", "A1:B2", "12", "", "Ａ1", "A１", "A١", "A1234567890"),
]
RAWS = [
    ("60.86", 60.86),  # the value's repr: kept as NULL
    ("60.860", 60.86),  # as written, not the repr
    ("36.26万件", 362600.0),  # a text cell, converted
    (None, 1.0),  # no text at all
    ("60", 60),  # an integer: read back as 60.0, written 60
    ("60.0", 60),  # the repr of what is read back: NULL
    ("", 2.0),  # never from ingest (an empty cell is no value): read back as None
    ("1e+20", 1e20),
    ("0", 0.0),
]


def test_values_read_back_as_they_were_written(tmp_path):
    given = [
        Observation("nanjing", f"t{i}", 2023, value, "件", PLAN, "指标", raw, None, "Sheet1",
                    cell, None)
        for i, (cell, (raw, value)) in enumerate(zip(CELLS, RAWS * 3, strict=False))
    ]  # fmt: skip
    with SQLiteStore(tmp_path / "s.db") as store:
        store.write_file(tmp_path / "x.xlsx", "x" * 64, 1, given)
        back = store.observations(history=True)
        assert store.check() == []
    expected = [o._replace(value=float(o.value), raw=None if o.raw == "" else o.raw) for o in given]
    assert sorted(tuple(o)[:12] for o in back) == sorted(tuple(o) for o in expected)
    conn = sqlite3.connect(tmp_path / "s.db")
    stored = dict(
        conn.execute(
            "SELECT s.target_id, o.raw FROM observations o JOIN series s ON s.id = o.key_id"
        ).fetchall()
    )
    places = conn.execute("SELECT row, col, cell FROM observations ORDER BY id").fetchall()
    conn.close()
    assert places == [
        *((1, 1, None), (1, 26, None), (2, 27, None), (3, 702, None), (4, 703, None)),
        *((5, 18278, None), (1048576, 16384, None), (12, 3, None)),
        *((None, None, cell) for cell in CELLS[8:]),
    ]
    assert [stored[f"t{i}"] for i in range(len(RAWS))] == [
        *(None, "60.860", "36.26万件", "", "60", None, "", None, "0")
    ]


def test_data_check_finds_a_label_or_series_deleted_by_hand(v2):
    """A value whose series or label is gone reads as gone: its file's checksum says so."""
    with SQLiteStore(v2):
        pass  # upgraded
    conn = sqlite3.connect(v2)
    conn.execute("DELETE FROM labels WHERE indicator = '发明专利授权量' AND raw_unit = '万件'")
    conn.execute(f"DELETE FROM series WHERE target_id = '{SHARE}'")
    conn.commit()
    conn.close()
    with SQLiteStore(v2, readonly=True) as store:
        damaged = store.check()
    assert [(d.sha256, d.what.text("en")) for d in damaged] == [
        (SHA_A, "its values were changed outside ipkpi (their checksum differs)"),
        (SHA_B, "its values were changed outside ipkpi (their checksum differs)"),
    ]
