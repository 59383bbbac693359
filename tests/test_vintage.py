"""The vintage decides which figure is current, not the order files arrive in:
快报/初步/预计 < unmarked = 正式/年报 < 修订; within one rank the later file wins."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re

import pytest
from conftest import write_workbook
from typer.testing import CliRunner

from ipkpi.cli.app import app
from ipkpi.ingest.report import FileReport
from ipkpi.messages import speaking
from ipkpi.store import vintage
from ipkpi.store.address import parse_address
from ipkpi.store.engines import open_store
from ipkpi.store.records import Kept, Observation, Revision

CITY, TARGET, YEAR = "nanjing", "high_value_invention_patents_per_10k", 2023


def ob(value, vin=None, cell="B3", target=TARGET, year=YEAR) -> Observation:
    return Observation(
        CITY, target, year, value, "件", "nanjing-2022-2025", "万人高价值发明专利拥有量",
        str(value), None, "Sheet1", cell, vin,
    )  # fmt: skip


@pytest.fixture
def store(store_at):
    """A new store, on each engine in turn (``conftest.store_at``)."""
    with open_store(parse_address(store_at)) as s:
        yield s


def write(store, tmp_path, name, *observations):
    path = tmp_path / name
    return store.write_file(path, name.ljust(64, "0"), 1, list(observations))


def history(store):
    """(value, vintage, current, file) of the key, oldest first."""
    return [
        (o.value, o.vintage, o.current, o.path.rsplit("/", 1)[-1])
        for o in store.observations(city=CITY, history=True)
    ]


def now(store):
    return {(o.target_id, o.year): (o.value, o.vintage) for o in store.observations(city=CITY)}


# --- the ranks -----------------------------------------------------------------------------


def test_the_ranks_and_words():
    assert [vintage.rank(v) for v in ("preliminary", None, "final", "revised")] == [0, 1, 1, 2]
    assert [vintage.word(v) for v in (None, "preliminary", "final", "revised")] == [
        "unmarked",
        "快报",
        "正式",
        "修订",
    ]
    assert [vintage.label(v, "zh") for v in (None, "preliminary", "final", "revised")] == [
        "未标注",
        "快报",
        "正式",
        "修订",
    ]
    assert vintage.label(None, "en") == "unmarked"
    assert vintage.label("final", "en") == "final"


# --- through the store ---------------------------------------------------------------------


def test_final_then_preliminary_keeps_the_final_current(store, tmp_path):
    write(store, tmp_path, "正式.xlsx", ob(60.86, "final"))
    result = write(store, tmp_path, "快报.xlsx", ob(60.5, "preliminary", cell="C4"))
    assert (result.new, result.unchanged, result.revisions) == (0, 0, ())
    assert result.kept == (
        Kept(
            CITY,
            TARGET,
            YEAR,
            60.5,
            "preliminary",
            60.86,
            "final",
            "件",
            str(tmp_path / "正式.xlsx"),
            "C4",
        ),
    )
    assert now(store) == {(TARGET, YEAR): (60.86, "final")}
    assert history(store) == [
        (60.86, "final", True, "正式.xlsx"),
        (60.5, "preliminary", False, "快报.xlsx"),
    ]


def test_preliminary_then_final_is_a_revision(store, tmp_path):
    write(store, tmp_path, "快报.xlsx", ob(60.5, "preliminary"))
    result = write(store, tmp_path, "正式.xlsx", ob(60.86, "final"))
    assert result.revisions == (
        Revision(CITY, TARGET, YEAR, 60.5, 60.86, "件", str(tmp_path / "快报.xlsx"), "B3"),
    )
    assert (result.new, result.kept) == (0, ())
    assert history(store) == [
        (60.5, "preliminary", False, "快报.xlsx"),
        (60.86, "final", True, "正式.xlsx"),
    ]


def test_final_then_revised_is_a_revision(store, tmp_path):
    write(store, tmp_path, "正式.xlsx", ob(60.86, "final"))
    result = write(store, tmp_path, "修订.xlsx", ob(61.02, "revised"))
    assert [(r.old, r.new) for r in result.revisions] == [(60.86, 61.02)]
    assert result.kept == ()
    assert now(store) == {(TARGET, YEAR): (61.02, "revised")}


def test_revised_then_unmarked_keeps_the_revised_current(store, tmp_path):
    write(store, tmp_path, "修订.xlsx", ob(61.02, "revised"))
    result = write(store, tmp_path, "later.xlsx", ob(60.86))
    assert result.revisions == ()
    assert [(k.value, k.vintage, k.current, k.current_vintage) for k in result.kept] == [
        (60.86, None, 61.02, "revised")
    ]
    assert history(store) == [
        (61.02, "revised", True, "修订.xlsx"),
        (60.86, None, False, "later.xlsx"),
    ]


def test_unmarked_then_unmarked_the_later_wins(store, tmp_path):
    write(store, tmp_path, "a.xlsx", ob(70.9))
    result = write(store, tmp_path, "b.xlsx", ob(71.21))
    assert [(r.old, r.new) for r in result.revisions] == [(70.9, 71.21)]
    assert result.kept == ()
    assert history(store) == [(70.9, None, False, "a.xlsx"), (71.21, None, True, "b.xlsx")]


def test_unmarked_and_final_rank_alike_the_later_wins(store, tmp_path):
    write(store, tmp_path, "正式.xlsx", ob(60.86, "final"))
    result = write(store, tmp_path, "later.xlsx", ob(60.9))
    assert [(r.old, r.new) for r in result.revisions] == [(60.86, 60.9)]
    assert now(store) == {(TARGET, YEAR): (60.9, None)}


def test_an_equal_value_is_unchanged_whatever_its_vintage(store, tmp_path):
    write(store, tmp_path, "正式.xlsx", ob(60.86, "final"))
    result = write(store, tmp_path, "快报.xlsx", ob(60.86, "preliminary"))
    assert (result.new, result.unchanged, result.revisions, result.kept) == (0, 1, (), ())
    assert history(store) == [(60.86, "final", True, "正式.xlsx")]


def test_an_equal_final_figure_confirms_the_preliminary_one_and_becomes_current(store, tmp_path):
    # Else a later 快报 with another value would replace what the 正式 figure confirmed.
    write(store, tmp_path, "快报.xlsx", ob(60.86, "preliminary"))
    result = write(store, tmp_path, "正式.xlsx", ob(60.86, "final"))
    assert (result.new, result.unchanged, result.revisions, result.kept) == (0, 1, (), ())
    assert history(store) == [
        (60.86, "preliminary", False, "快报.xlsx"),
        (60.86, "final", True, "正式.xlsx"),
    ]
    late = write(store, tmp_path, "快报2.xlsx", ob(61.2, "preliminary"))
    assert (late.revisions, [(k.value, k.current) for k in late.kept]) == ((), [(61.2, 60.86)])
    assert now(store) == {(TARGET, YEAR): (60.86, "final")}


def test_a_preliminary_and_a_final_figure_in_one_file(store, tmp_path):
    # A 快报 sheet before the 正式 sheet, a second target the other way round: both stored,
    # the 正式 one current, the 快报 kept aside; no revision, no IntegrityError.
    other = "valid_invention_patents_per_10k"
    result = write(
        store,
        tmp_path,
        "both.xlsx",
        ob(60.5, "preliminary", cell="B3"),
        ob(60.86, "final", cell="B9"),
        ob(101.0, "final", cell="C9", target=other),
        ob(99.0, "preliminary", cell="C3", target=other),
    )
    assert (result.new, result.unchanged, result.revisions) == (2, 0, ())
    where = str(tmp_path / "both.xlsx")
    assert result.kept == (
        Kept(CITY, TARGET, YEAR, 60.5, "preliminary", 60.86, "final", "件", where, "B3"),
        Kept(CITY, other, YEAR, 99.0, "preliminary", 101.0, "final", "件", where, "C3"),
    )
    assert now(store) == {(TARGET, YEAR): (60.86, "final"), (other, YEAR): (101.0, "final")}
    assert [
        (o.target_id, o.value, o.current, o.cell)
        for o in store.observations(city=CITY, history=True)
    ] == [
        (TARGET, 60.5, False, "B3"),  # kept aside, stored first: the current one is the last
        (TARGET, 60.86, True, "B9"),
        (other, 99.0, False, "C3"),
        (other, 101.0, True, "C9"),
    ]


def test_one_file_with_two_vintages_against_a_stored_figure(store, tmp_path):
    write(store, tmp_path, "快报.xlsx", ob(60.5, "preliminary"))
    result = write(
        store, tmp_path, "年报.xlsx", ob(60.7, "preliminary", cell="B3"), ob(60.86, "final")
    )
    assert [(r.old, r.new, r.old_path) for r in result.revisions] == [
        (60.5, 60.86, str(tmp_path / "快报.xlsx"))
    ]
    assert [(k.value, k.current, k.current_path) for k in result.kept] == [
        (60.7, 60.86, str(tmp_path / "年报.xlsx"))
    ]
    # A revised figure stored: both of the file's figures rank below it, both kept aside.
    write(store, tmp_path, "修订.xlsx", ob(61.02, "revised"))
    result = write(store, tmp_path, "again.xlsx", ob(60.1, "preliminary"), ob(60.9, "final"))
    assert result.revisions == ()
    assert [(k.value, k.current, k.current_vintage) for k in result.kept] == [
        (60.1, 61.02, "revised"),
        (60.9, 61.02, "revised"),
    ]
    assert now(store) == {(TARGET, YEAR): (61.02, "revised")}


def test_a_dry_run_counts_the_kept_and_writes_nothing(store, tmp_path):
    write(store, tmp_path, "正式.xlsx", ob(60.86, "final"))
    before = history(store)
    result = store.write_file(
        tmp_path / "快报.xlsx", "k" * 64, 1, [ob(60.5, "preliminary")], dry_run=True
    )
    assert [k.value for k in result.kept] == [60.5]
    assert history(store) == before


def test_the_store_keeps_one_current_value_per_key(store, tmp_path):
    write(store, tmp_path, "a.xlsx", ob(60.5, "preliminary"), ob(60.86, "final"))
    write(store, tmp_path, "b.xlsx", ob(60.4, "preliminary"), ob(60.9))
    write(store, tmp_path, "c.xlsx", ob(61.0, "revised"), ob(60.2, "preliminary"))
    assert store.conn.execute(
        "SELECT value, vintage FROM observations o JOIN labels l ON l.id = o.label_id "
        "WHERE current = 1"
    ).fetchall() == [(61.0, "revised")]


# --- why each is or is not current ---------------------------------------------------------


def test_standings_say_why_each_figure_is_or_is_not_current(store, tmp_path):
    write(store, tmp_path, "a.xlsx", ob(59.0))
    write(store, tmp_path, "b.xlsx", ob(60.86, "final"))
    write(store, tmp_path, "c.xlsx", ob(60.5, "preliminary"))
    rows = store.observations(city=CITY, history=True)
    found = vintage.standings(rows)
    assert [s.text() for s in found] == [
        "replaced by a later file",
        "current: 正式 ranks above the later 快报",
        "not current: a 快报 after the 正式 figure",
    ]
    assert [s.code for s in found] == ["replaced", "current_above_later", "kept_after"]
    assert [s.text("zh") for s in found] == [
        "已被后来的文件替换",
        "当前值：正式高于后到的快报",
        "非当前值：快报晚于正式数据到达",
    ]


def test_standings_of_one_file_with_two_vintages_and_of_unmarked_figures(store, tmp_path):
    write(store, tmp_path, "a.xlsx", ob(60.5, "preliminary"), ob(60.86, "final"))
    write(store, tmp_path, "b.xlsx", ob(61.0, "revised", year=2024))
    write(store, tmp_path, "c.xlsx", ob(60.0, year=2024))
    write(store, tmp_path, "d.xlsx", ob(12.0, year=2022))
    texts = [s.text() for s in vintage.standings(store.observations(history=True))]
    assert texts == [
        "current",  # 2022
        "not current: a 快报 beside the 正式 figure in the same file",  # 2023
        "current: 正式 ranks above the 快报 in the same file",
        "current: 修订 ranks above the later unmarked figure",  # 2024
        "not current: an unmarked figure after the 修订 figure",
    ]


# --- through the CLI -----------------------------------------------------------------------


def sheet(path, title, value):
    return write_workbook(
        path,
        [
            [f"南京市2023年知识产权主要指标（{title}）"],
            ["指标", "数值"],
            ["万人高价值发明专利拥有量", value],
        ],
    )


@pytest.fixture
def cli(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    # in English: ingest's lines are asserted word for word
    return lambda *args: runner.invoke(app, [*args, "--db", "s.db"], env={"IPKPI_LANG": "en"})


def test_cli_history_says_why_the_final_figure_stays_current(tmp_path, cli):
    sheet(tmp_path / "final.xlsx", "正式", 60.86)
    sheet(tmp_path / "early.xlsx", "快报", 60.5)
    assert cli("ingest", "final.xlsx").exit_code == 0
    assert cli("ingest", "early.xlsx").exit_code == 0
    shown = cli("data", "show", "--city", "nanjing", "--history", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(shown.stdout)))
    assert [
        (r["value"], r["vintage"], r["current"], r["standing_code"], r["standing"]) for r in rows
    ] == [
        (
            "60.86",
            "final",
            "True",
            "current_above_later",
            "current: 正式 ranks above the later 快报",
        ),
        ("60.5", "preliminary", "False", "kept_after", "not current: a 快报 after the 正式 figure"),
    ]
    table = cli("data", "show", "--city", "nanjing", "--history", "--lang", "en")
    cells = [re.split(r"\s{2,}", line)[-2:] for line in table.stdout.splitlines()]
    assert cells[:1] + cells[2:] == [
        ["Current", "Standing"],
        ["yes", "current: 正式 ranks above the later 快报"],
        ["no", "not current: a 快报 after the 正式 figure"],
    ]
    table = cli("data", "show", "--city", "nanjing", "--history", "--lang", "zh")
    cells = [re.split(r"\s{2,}", line)[-2:] for line in table.stdout.splitlines()]
    assert cells[:1] + cells[2:] == [
        ["当前值", "是否当前及原因"],
        ["是", "当前值：正式高于后到的快报"],
        ["否", "非当前值：快报晚于正式数据到达"],
    ]
    document = json.loads(
        cli("data", "show", "--city", "nanjing", "--history", "-f", "json").stdout
    )
    assert [(o["standing_code"], o["standing"]) for o in document["observations"]] == [
        ("current_above_later", "current: 正式 ranks above the later 快报"),
        ("kept_after", "not current: a 快报 after the 正式 figure"),
    ]
    # Without --history: nothing new, the current figure only.
    now = json.loads(cli("data", "show", "--city", "nanjing", "-f", "json").stdout)
    ((current,),) = [now["observations"]]
    assert ("standing" in current, current["value"], current["vintage"]) == (False, 60.86, "final")
    plain = cli("data", "show", "--city", "nanjing", "-f", "csv").stdout
    assert "standing" not in plain.splitlines()[0]


def test_cli_preliminary_then_final_is_a_revision(tmp_path, cli):
    sheet(tmp_path / "early.xlsx", "快报", 60.5)
    sheet(tmp_path / "final.xlsx", "正式", 60.86)
    assert cli("ingest", "early.xlsx").exit_code == 0
    result = cli("ingest", "final.xlsx")
    assert result.stdout.splitlines() == [
        "ingested  final.xlsx (single): 1 values: 0 new, 1 revised, 0 unchanged",
        "  revised nanjing high_value_invention_patents_per_10k 2023: 60.5 → 60.86 件 "
        "(was from early.xlsx)",
        "1 file(s): 1 ingested, 0 already ingested, 0 rejected; 0 new value(s), 1 revised",
    ]
    shown = cli("data", "show", "--city", "nanjing", "--history", "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(shown.stdout)))
    assert [(r["value"], r["current"], r["standing"]) for r in rows] == [
        ("60.5", "False", "replaced by a later file"),
        ("60.86", "True", "current"),
    ]


# --- the ingest summary and the run's log and summary ----------------------------------------


def kept_one(where: str = "/data/2023正式.xlsx") -> Kept:
    return Kept(CITY, TARGET, YEAR, 60.5, "preliminary", 60.86, "final", "件", where, "B3")


def test_the_ingest_summary_names_each_figure_kept_as_not_current(tmp_path, monkeypatch):
    from ipkpi.ingest.report import IngestReport
    from ipkpi.views.ingest import ingest_lines

    monkeypatch.chdir(tmp_path)
    f = FileReport(tmp_path / "2023快报.xlsx", "ingested", layouts=("single",), values=2, new=1)
    f.kept = (kept_one(str(tmp_path / "2023正式.xlsx")),)
    assert ingest_lines(IngestReport([f]), lang="zh") == [
        "已导入  2023快报.xlsx（布局：single）：2个数值：新增1个，修订0个，未变0个，"
        "1个作为非现行数值保留",
        "  非现行：nanjing high_value_invention_patents_per_10k 2023：60.5（快报）保留在历史记录中；"
        "来自 2023正式.xlsx 的正式数值 60.86 仍为现行数值",
        "1个文件：导入1个，以前已导入0个，退回0个；新增数值1个，修订0个，1个作为非现行数值保留",
    ]
    assert ingest_lines(IngestReport([f]), lang="en") == [
        "ingested  2023快报.xlsx (single): 2 values: 1 new, 0 revised, 0 unchanged, "
        "1 kept as not current",
        "  not current: nanjing high_value_invention_patents_per_10k 2023: 60.5 (快报) kept in "
        "the history; the 正式 figure 60.86 from 2023正式.xlsx stays current",
        "1 file(s): 1 ingested, 0 already ingested, 0 rejected; 1 new value(s), 0 revised, "
        "1 kept as not current",
    ]
    f.status = "checked"
    assert ingest_lines(IngestReport([f]), dry_run=True, lang="en")[-1] == (
        "dry run, nothing written: 1 file(s): 1 would be ingested, 0 already ingested, "
        "0 rejected; 1 new value(s), 0 revised, 1 kept as not current"
    )
    f.kept = ()  # none kept: the lines as they always were
    assert ingest_lines(IngestReport([f]), dry_run=True, lang="en") == [
        "checked   2023快报.xlsx (single): 2 values: 1 new, 0 revised, 0 unchanged",
        "dry run, nothing written: 1 file(s): 1 would be ingested, 0 already ingested, "
        "0 rejected; 1 new value(s), 0 revised",
    ]


def test_the_run_logs_and_summarises_the_figures_kept_as_not_current(tmp_path, caplog, monkeypatch):
    monkeypatch.setenv("IPKPI_LANG", "en")
    from types import SimpleNamespace

    from ipkpi.run.config import RunConfig
    from ipkpi.run.job import _taken
    from ipkpi.run.result import RunResult
    from ipkpi.run.summary import summary_document

    report = SimpleNamespace(
        path=tmp_path / "快报.xlsx",
        sha256="f" * 64,
        values=1,
        new=0,
        unchanged=0,
        revisions=(),
        warnings=[],
        unmatched=[],
        kept=(kept_one(str(tmp_path / "正式.xlsx")),),
    )
    with caplog.at_level("INFO", logger="ipkpi.run"):
        taken = _taken(report)
    assert taken.kept == report.kept
    shown = str(tmp_path) + "/"
    with speaking("en"):
        assert [r.getMessage().replace(shown, "") for r in caplog.records] == [
            "taken 快报.xlsx: 1 value(s), 0 new, 0 revised, 1 kept as not current",
            "not current: nanjing high_value_invention_patents_per_10k 2023: 60.5 (快报) kept in "
            "the history; the 正式 figure 60.86 from 正式.xlsx stays current",
        ]
    with speaking("zh"):
        assert caplog.records[0].getMessage().replace(shown, "") == (
            "已导入 快报.xlsx：1 个数值，新增 0 个，修订 0 个，1 个作为非当前值保留"
        )
    config = RunConfig(
        tmp_path / "ipkpi.toml", tmp_path, tmp_path, tmp_path / "s.db", None, tmp_path, None
    )
    result = RunResult(config, dt.datetime(2026, 1, 1, tzinfo=dt.UTC), taken=[taken])
    document = summary_document(result)
    assert document["files"]["taken"][0]["kept"] == 1
    assert document["kept"] == [
        {
            "city": CITY,
            "target_id": TARGET,
            "year": YEAR,
            "value": 60.5,
            "vintage": "preliminary",
            "current": 60.86,
            "current_vintage": "final",
            "unit": "件",
            "current_path": str(tmp_path / "正式.xlsx"),
        }
    ]
    result.taken = [dataclasses.replace(taken, kept=())]  # none kept: no such keys
    document = summary_document(result)
    assert "kept" not in document and "kept" not in document["files"]["taken"][0]


def test_cli_final_then_preliminary_says_the_preliminary_is_kept(tmp_path, cli):
    sheet(tmp_path / "final.xlsx", "正式", 60.86)
    sheet(tmp_path / "early.xlsx", "快报", 60.5)
    assert cli("ingest", "final.xlsx").exit_code == 0
    result = cli("ingest", "early.xlsx")
    assert (result.exit_code, result.stdout.splitlines()) == (
        0,
        [
            "ingested  early.xlsx (single): 1 values: 0 new, 0 revised, 0 unchanged, "
            "1 kept as not current",
            "  not current: nanjing high_value_invention_patents_per_10k 2023: 60.5 (快报) kept "
            "in the history; the 正式 figure 60.86 from final.xlsx stays current",
            "1 file(s): 1 ingested, 0 already ingested, 0 rejected; 0 new value(s), 0 revised, "
            "1 kept as not current",
        ],
    )


# --- the report ------------------------------------------------------------------------------


def test_the_report_names_the_latest_figures_vintage_where_its_file_marked_it(store, tmp_path):
    from ipkpi.assess.report import build_report
    from ipkpi.catalogue.loader import load_catalogue
    from ipkpi.catalogue.select import report_plan
    from ipkpi.views.report import report_document

    catalogue = load_catalogue()
    other = "copyright_registrations_per_10k"
    write(store, tmp_path, "正式.xlsx", ob(60.86, "final"), ob(36.0, target=other))
    write(store, tmp_path, "快报.xlsx", ob(60.5, "preliminary"))  # kept aside
    document = report_document(
        build_report(store, report_plan(catalogue, CITY, None, YEAR), as_of=YEAR)
    )
    latest = {t["id"]: t["latest"] for t in document["targets"]}
    assert latest[TARGET] == {
        "year": YEAR,
        "value": 60.86,
        "unit": "件",
        "preliminary": False,
        "vintage": "final",
    }
    assert latest[other] == {"year": YEAR, "value": 36, "unit": "件", "preliminary": False}
