"""The shared store: every command gives the same answer on PostgreSQL as on SQLite, and
PostgreSQL's own guarantees — roles, places, one snapshot a read, the run lock, messages
that name the database without its password. A real server (``tests/pg_server.py``)."""

from __future__ import annotations

import json
import re
import shutil
import threading
from pathlib import Path

import openpyxl
from conftest import REPO
from typer.testing import CliRunner

from ipkpi.cli.app import app
from ipkpi.store.address import PostgresURL, parse_address
from ipkpi.store.engines import open_store
from ipkpi.store.postgres.lock import advisory_lock
from ipkpi.store.records import Observation

SAMPLES = REPO / "sample_data"
NANJING = SAMPLES / "南京市知识产权主要指标.xlsx"
GUIZHOU = SAMPLES / "贵州省知识产权主要指标监测表.xlsx"


def ipkpi(*args: str, lang: str = "zh"):
    return CliRunner().invoke(app, [str(a) for a in args], env={"IPKPI_LANG": lang})


def as_role(url: str, role: str) -> str:
    """The store's URL with another user."""
    rest = url.split("@", 1)[1]
    return f"postgresql://{role}@{rest}"


# --- the same answers on both engines -------------------------------------------------------

# Every command that reads the store, as the README shows them.
READS = [
    *(
        ("report", "--city", city, "--as-of", year, "-f", form)
        for city, year in (("nanjing", "2025"), ("guizhou", "2024"), ("shijiazhuang", "2025"))
        for form in ("table", "json", "csv", "markdown")
    ),
    *(("data", "show", "--city", c, "--history", "-f", "csv") for c in ("nanjing", "guizhou")),
    ("data", "show", "--city", "shijiazhuang", "--year", "2023"),
    ("data", "check", "-f", "json"),
    ("data", "check"),
    ("tasks", "--city", "shanxi", "--as-of", "2023-12-31", "-f", "json"),
    ("compare", "--measure", "invention_patents_per_10k", "--year", "2024", "-f", "csv"),
    ("missing", "--city", "nanjing", "--year", "2025"),
]


def test_every_command_answers_the_same_on_both_engines(pg_url, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SAMPLES, "sample_data")
    sqlite_ingest = ipkpi("ingest", "sample_data", "--db", "s.db")
    pg_ingest = ipkpi("ingest", "sample_data", "--db", pg_url)
    assert (pg_ingest.exit_code, sqlite_ingest.exit_code) == (0, 0)
    assert pg_ingest.output == sqlite_ingest.output
    for args in READS:
        on_sqlite = ipkpi(*args, "--db", "s.db")
        on_pg = ipkpi(*args, "--db", pg_url)
        assert on_pg.exit_code == on_sqlite.exit_code == 0, args
        assert same(on_pg.output, pg_url) == same(on_sqlite.output, "s.db"), args
    # the figures themselves, as the SQLite tests have them: five files, 294 values, 21 tasks
    checked = json.loads(ipkpi("data", "check", "-f", "json", "--db", pg_url).output)
    files = checked["files"]
    assert (len(files), sum(f["values"] for f in files), sum(f["task_reports"] for f in files)) == (
        5,
        294,
        21,
    )
    # a template filled in and ingested: the same workbook, then the same report
    for db, name in (("s.db", "s.xlsx"), (pg_url, "p.xlsx")):
        made = ipkpi("template", "--city", "nanjing", "--year", "2025", "-o", name, "--db", db)
        assert made.exit_code == 0, made.output
    assert _cells("s.xlsx") == _cells("p.xlsx")
    # filled in (this year's figure as last year's) and ingested: the same report
    book = openpyxl.load_workbook("s.xlsx")
    sheet = book["2025年数据填报"]
    filled = 0
    for row in range(5, sheet.max_row + 1):
        if isinstance(sheet.cell(row, 9).value, int | float):  # 上年值（参考） → 数值
            sheet.cell(row, 11).value = sheet.cell(row, 9).value
            filled += 1
    assert filled >= 5
    book.save("filled.xlsx")
    answers = []
    for db in ("s.db", pg_url):
        assert ipkpi("ingest", "filled.xlsx", "--db", db).exit_code == 0
        answers.append(ipkpi("report", "--city", "nanjing", "--as-of", "2025", "--db", db).output)
    assert answers[0] == answers[1]
    # the Excel summary: the same cells
    for db, name in (("s.db", "s-export.xlsx"), (pg_url, "p-export.xlsx")):
        exported = ipkpi("export", "--all", "--as-of", "2024", "-o", name, "--db", db)
        assert exported.exit_code == 0, exported.output
    assert same(str(_cells("p-export.xlsx")), pg_url) == same(str(_cells("s-export.xlsx")), "s.db")


def same(output: str, store: str) -> str:
    """Output as it is on either engine: the store named alike, and the times of
    ingestion (the two ingests ran a moment apart) alike."""
    output = output.replace(store, "STORE")
    return re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", "TIME", output)


def _cells(path: str) -> list[list]:
    book = openpyxl.load_workbook(path)
    return [[c.value for c in row] for ws in book for row in ws.iter_rows()]


def test_a_run_writes_the_same_reports_on_both_engines(pg_url, tmp_path):
    written = {}
    for name, store in (("sqlite", "ipkpi.db"), ("pg", pg_url)):
        base = tmp_path / name
        (base / "inbox").mkdir(parents=True)
        for sample in (NANJING, GUIZHOU):
            shutil.copy(sample, base / "inbox")
        config = base / "ipkpi-run.toml"
        config.write_text(
            f'inbox = "inbox"\noutput = "out"\nstore = "{store}"\ncities = ["nanjing", "guizhou"]\n',
            encoding="utf-8",
        )
        done = ipkpi("run", "--config", config)
        assert done.exit_code == 0, done.output
        written[name] = {
            p.relative_to(base / "out").as_posix(): p.read_text(encoding="utf-8")
            for p in sorted((base / "out").glob("*.json"))
            if not p.name.startswith("run-")  # the run's own summary names its folders
        }
    assert {"guizhou-latest.json", "nanjing-latest.json"} <= set(written["pg"])
    assert written["pg"] == written["sqlite"]


# --- who may do what ----------------------------------------------------------------------


def test_a_reader_reports_and_may_not_ingest(pg_url, pg_server, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert ipkpi("ingest", NANJING, "--db", pg_url).exit_code == 0
    pg_server.sql("CREATE ROLE leader LOGIN")
    granted = ipkpi("db", "grant", "leader", "--as", "reader", "--db", pg_url)
    assert (granted.exit_code, granted.output) == (0, "leader 现在可以读取数据库\n")
    reader = as_role(pg_url, "leader")
    for args in [
        *READS,
        ("template", "--city", "nanjing", "--year", "2025", "-o", "t.xlsx"),
        ("export", "--city", "nanjing", "--as-of", "2025", "-o", "e.xlsx"),
        ("export", "--all", "--as-of", "2025", "-f", "html", "-o", "d.html"),
        ("brief", "--city", "nanjing", "--as-of", "2025", "-o", "b.docx"),
    ]:
        read = ipkpi(*args, "--db", reader)
        assert read.exit_code == 0, (args, read.output)
    by_env = CliRunner().invoke(app, ["report", "--city", "nanjing"], env={"IPKPI_DB": reader})
    assert by_env.exit_code == 0
    refused = ipkpi("ingest", GUIZHOU, "--db", reader)
    assert refused.exit_code == 2
    line = refused.output.strip().splitlines()[-1]
    assert line.startswith(f"错误[E-STORE-DENIED]：{reader}：数据库角色 leader 无权执行此操作（")
    assert "只读角色只能查看和出报告" in line
    assert "Traceback" not in refused.output
    with open_store(PostgresURL(pg_url), readonly=True) as store:
        assert [f[0] for f in store.files()] == [str(NANJING)]


def test_a_place_writer_writes_its_own_place_only(pg_url, pg_server, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pg_server.sql("CREATE ROLE nanjing_ipo LOGIN")
    granted = ipkpi(
        "db", "grant", "nanjing_ipo", "--as", "writer", "--place", "南京", "--db", pg_url
    )
    assert granted.output == "nanjing_ipo 现在可以读取数据库，并只能写入：nanjing\n"
    writer = as_role(pg_url, "nanjing_ipo")
    assert ipkpi("ingest", NANJING, "--db", writer).exit_code == 0
    refused = ipkpi("ingest", GUIZHOU, "--db", writer, lang="en")
    assert refused.exit_code == 2
    assert refused.output.strip().splitlines()[-1] == (
        f"Error[E-STORE-DENIED]: {writer}: role nanjing_ipo may not do this (new row violates "
        'row-level security policy for table "series"); a reader role can report but not '
        "ingest, and a writer kept to a place can write only that place's figures"
    )
    with open_store(PostgresURL(pg_url), readonly=True) as store:
        assert [f[0] for f in store.files()] == [str(NANJING)]
        assert {o.city for o in store.observations()} == {"nanjing"}
    # the province's writer writes every place
    pg_server.sql("CREATE ROLE province LOGIN")
    assert ipkpi("db", "grant", "province", "--as", "writer", "--db", pg_url).exit_code == 0
    assert ipkpi("ingest", GUIZHOU, "--db", as_role(pg_url, "province")).exit_code == 0


def test_db_init_twice_changes_nothing_and_says_so(pg_url):
    again = ipkpi("db", "init", "--db", pg_url, lang="en")
    assert (again.exit_code, again.output) == (
        0,
        f"ipkpi's tables in {pg_url} are there and checked; roles and grants set "
        "(ipkpi_reader, ipkpi_writer, ipkpi_place_writer)\n",
    )


def test_db_init_is_for_a_shared_store(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    done = ipkpi("db", "init", "--db", "ipkpi.db", lang="en")
    assert done.exit_code == 2
    assert done.output.splitlines()[-1] == (
        "Error[E-DB-NOT-SHARED]: --db: ipkpi.db is no PostgreSQL database; ipkpi db init and db "
        "grant are for a shared store (postgresql://…): a SQLite store is made by its first ingest"
    )


def test_a_database_without_tables_says_to_run_db_init(pg_server):
    url = pg_server.url(pg_server.new_database())
    done = ipkpi("report", "--city", "nanjing", "--db", url, lang="en")
    assert done.exit_code == 2
    assert done.output.splitlines()[-1] == (
        f"Error[E-STORE-PG-EMPTY]: {url}: this database has no ipkpi tables yet; create its "
        "tables first: ipkpi db init --db URL (README: A shared store)"
    )


def test_a_password_in_the_url_is_never_shown(pg_server):
    url = f"postgresql://someone:s3cret@127.0.0.1:{pg_server.port}/nowhere"
    done = ipkpi("report", "--city", "nanjing", "--db", url, lang="en")
    assert done.exit_code == 2
    assert "s3cret" not in done.output
    shown = f"postgresql://someone:***@127.0.0.1:{pg_server.port}/nowhere"
    assert done.output.startswith(f"Error[E-STORE-OPEN]: {shown}: cannot open the store (")


def test_the_address_forms():
    assert parse_address("sqlite:///srv/ipkpi.db") == Path("/srv/ipkpi.db")
    assert parse_address("sqlite:ipkpi.db") == Path("ipkpi.db")
    assert parse_address("ipkpi.db") == Path("ipkpi.db")
    url = parse_address("postgres://u:p@w@db:5433/ipkpi?sslmode=require&password=x")
    assert url.shown == "postgres://u:***@db:5433/ipkpi?sslmode=require&password=***"
    assert url.user == "u"
    assert parse_address("postgresql:///ipkpi?service=prov").shown == (
        "postgresql:///ipkpi?service=prov"
    )


# --- one snapshot a read, one write at a time ----------------------------------------------


def ob(value: float, target: str = "invention_patents_per_10k") -> Observation:
    return Observation(
        "nanjing", target, 2024, value, "件", "nanjing-2022-2025", "每万人口发明专利拥有量",
        None, None, "Sheet1", "B3", None,
    )  # fmt: skip


def test_a_read_sees_the_store_before_or_after_a_write_never_half(pg_url):
    address = PostgresURL(pg_url)
    with open_store(address) as writer:
        writer.write_file(Path("a.xlsx"), "a" * 64, 1, [ob(60.0)])
        with open_store(address, readonly=True) as reading:
            before = reading.current_values("nanjing")
            writer.write_file(Path("b.xlsx"), "b" * 64, 1, [ob(61.0), ob(5.0, "x")])
            assert reading.current_values("nanjing") == before
            assert len(reading.observations(history=True)) == 1
        with open_store(address, readonly=True) as later:
            assert [r[2] for r in later.current_values("nanjing")[0]] == [61.0, 5.0]


def test_eight_writers_of_one_file_store_it_once(pg_url):
    address = PostgresURL(pg_url)
    results = []

    def write() -> None:
        with open_store(address, verify=False) as store:
            results.append(store.write_file(Path("same.xlsx"), "c" * 64, 1, [ob(60.0)]))

    threads = [threading.Thread(target=write) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(r.already_ingested for r in results) == [False] + [True] * 7
    with open_store(address, readonly=True) as store:
        assert len(store.files()) == 1
        assert len(store.observations(history=True)) == 1
        assert store.check() == []


def test_a_run_elsewhere_holds_the_store_and_this_one_gives_up(pg_url, tmp_path):
    (tmp_path / "inbox").mkdir()
    config = tmp_path / "ipkpi-run.toml"
    config.write_text(
        f'inbox = "inbox"\noutput = "out"\nstore = "{pg_url}"\nlock_timeout = 0.3\n',
        encoding="utf-8",
    )
    with advisory_lock(PostgresURL(pg_url), 1, "ipkpi run on host-b"):
        done = ipkpi("run", "--config", config, lang="en")
    assert done.exit_code == 2
    line = next(x for x in done.output.splitlines() if "E-STORE-LOCKED" in x)
    assert (
        f"{pg_url}: another ipkpi run or ingest is writing to the store (ipkpi run on host-b, "
        in line
    )
    assert line.endswith("gave up waiting after 0.3 s (lock_timeout)")
    assert ipkpi("run", "--config", config).exit_code == 0  # the lock went with its holder


def test_damage_is_found_and_mended_as_on_sqlite(pg_url, pg_server, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copy(NANJING, "nanjing.xlsx")
    assert ipkpi("ingest", "nanjing.xlsx", "--db", pg_url).exit_code == 0
    database = pg_url.rsplit("/", 1)[1]
    pg_server.sql("DELETE FROM observations WHERE id IN (1, 2)", database)
    pg_server.sql("UPDATE observations SET value = 99 WHERE id = 3", database)  # same file
    checked = ipkpi("data", "check", "--db", pg_url, lang="en")
    assert checked.exit_code == 1
    assert checked.output.splitlines()[-1] == (
        f"Error[E-STORE-DAMAGED]: {pg_url}: nanjing.xlsx: 2 of its 61 values are gone; "
        "re-ingest it: ipkpi ingest --force nanjing.xlsx"
    )
    refused = ipkpi("report", "--city", "nanjing", "--as-of", "2025", "--db", pg_url, lang="en")
    assert refused.exit_code == 2
    mended = ipkpi("ingest", "--force", "nanjing.xlsx", "--db", pg_url)
    assert mended.exit_code == 0, mended.output
    assert ipkpi("data", "check", "--db", pg_url).exit_code == 0
    pg_server.sql("UPDATE observations SET value = value + 1 WHERE id = 61", database)
    changed = ipkpi("data", "check", "--db", pg_url, lang="en")
    assert (changed.exit_code, changed.output.splitlines()[-1]) == (
        1,
        f"Error[E-STORE-DAMAGED]: {pg_url}: nanjing.xlsx: its values were changed outside "
        "ipkpi (their checksum differs); re-ingest it: ipkpi ingest --force nanjing.xlsx",
    )


def test_the_analysts_store_reads_a_shared_store_alike(pg_url, sample_db):
    import ipkpi
    from ipkpi.store.postgres.store import PostgresStore
    from ipkpi.store.transfer import copy_store

    with open_store(sample_db, readonly=True) as source, open_store(PostgresURL(pg_url)) as to:
        copied = copy_store(source, to)
    assert (copied.copied, copied.present, copied.values, copied.tasks) == (5, 0, 294, 21)
    shared = ipkpi.open_store(pg_url, readonly=True)
    local = ipkpi.open_store(sample_db, readonly=True)
    assert isinstance(shared, PostgresStore)
    for store in (shared, local):
        store.frame = store.report("nanjing", as_of=2025).to_frame()
    assert shared.frame.equals(local.frame)
    assert (
        shared.observations(city="南京")
        .to_frame()
        .equals(local.observations(city="南京").to_frame())
    )
    shared.close()
    local.close()


def test_db_grant_says_what_is_wrong(pg_url):
    missing = ipkpi("db", "grant", "nobody", "--as", "writer", "--db", pg_url, lang="en")
    assert (missing.exit_code, missing.output.splitlines()[-1]) == (
        2,
        f'Error[E-STORE-REFUSED]: {pg_url}: the database refused this (role "nobody" does not '
        "exist)",
    )
    reader = ipkpi("db", "grant", "x", "--as", "reader", "--place", "南京", "--db", pg_url)
    assert reader.exit_code == 2
    assert "--place 只用于写入者（--as writer）：读者可以读所有地区" in reader.output
    unknown = ipkpi("db", "grant", "x", "--as", "writer", "--place", "nowhere", "--db", pg_url)
    assert unknown.exit_code == 2
    assert unknown.output.startswith("错误[E-CITY-UNKNOWN]：没有名为“nowhere”的地方")


def test_db_copy_finds_a_copy_that_differs(pg_url, pg_server, sample_db, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = ipkpi("db", "copy", "--from", sample_db, "--to", pg_url, lang="en")
    assert (first.exit_code, first.output) == (
        0,
        f"copied 5 files into {pg_url} (294 values, 21 task reports), 0 were there already; "
        "the copy checks out\n",
    )
    pg_server.sql("UPDATE observations SET value = value * 10 WHERE id = 7", pg_url.rsplit("/")[-1])
    again = ipkpi("db", "copy", "--from", sample_db, "--to", pg_url, lang="en")
    assert again.exit_code == 1
    line = again.output.splitlines()[-1]
    assert line.startswith("Error[E-COPY-MISMATCH]: ")
    assert line.endswith(
        "the copy's values or task reports differ from the source's; check both with ipkpi "
        "data check, then copy again"
    )


def test_the_order_is_sqlites_whatever_the_databases_collation(pg_server, tmp_path):
    """A province's database may sort text by a locale (ICU en-US here): the store's own
    columns compare by their bytes, as SQLite's do, so every listing comes out alike."""
    name = "icu_" + tmp_path.name[-8:].lower().replace("-", "_")
    pg_server.sql(
        f"CREATE DATABASE {name} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US' "
        "LOCALE 'C'"
    )
    url = pg_server.url(name)
    assert ipkpi("db", "init", "--db", url).exit_code == 0
    targets = ["ab", "Ab", "aB", "a_b", "Z", "南京"]
    with open_store(PostgresURL(url)) as store, open_store(tmp_path / "s.db") as local:
        for each in (store, local):
            each.write_file(Path("f.xlsx"), "f" * 64, 1, [ob(1.0, t) for t in targets])
        listed = [o.target_id for o in store.observations()]
        assert listed == ["Ab", "Z", "aB", "a_b", "ab", "南京"]  # by bytes, not by en-US
        assert listed == [o.target_id for o in local.observations()]


def test_a_database_not_in_utf8_is_refused(pg_server, tmp_path):
    name = "latin_" + tmp_path.name[-8:].lower().replace("-", "_")
    pg_server.sql(f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'LATIN1' LOCALE 'C'")
    url = pg_server.url(name)
    done = ipkpi("db", "init", "--db", url, lang="en")
    assert (done.exit_code, done.output.splitlines()[-1]) == (
        2,
        f"Error[E-STORE-PG-ENCODING]: {url}: the database's encoding is LATIN1, not UTF8; "
        "make a UTF8 database (createdb -E UTF8 -T template0 …) and run ipkpi db init on it",
    )
    assert pg_server.sql("SELECT count(*) FROM pg_tables WHERE tablename = 'meta'", name) == [(0,)]
