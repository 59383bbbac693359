"""The summary sheet (汇总) a leader reads on a printed page: each plan by its title, the count
of each status in its colour, tasks overdue and done late, the three targets furthest behind
with their lead units, the data files by name with local times; no path, SHA-256 or UTC time
(those are on 数据来源)."""

from __future__ import annotations

import datetime as dt
import re
import time
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from ipkpi.assess.report import build_report
from ipkpi.assess.tasks import TaskState
from ipkpi.catalogue.loader import load_catalogue
from ipkpi.catalogue.select import report_plan
from ipkpi.cli.app import app
from ipkpi.output.excel_summary import local_time
from ipkpi.store.sqlite import SQLiteStore

SHANGHAI = ZoneInfo("Asia/Shanghai")
COLUMNS = 19  # place … window, as of, targets, 10 statuses, 3 of tasks, furthest behind
ROWS = {"贵州省": 5, "南京市": 6, "山西省": 7, "石家庄市": 8}
ROWS_EN = {"Guizhou": 5, "Nanjing": 6, "Shanxi": 7, "Shijiazhuang": 8}
NANJING_TITLE = "南京市国家知识产权强市建设示范城市工作方案(2022—2025年)"
SHANXI_TITLE = "《省政府和国家知识产权局共建高质量转型发展知识产权强省实施方案》2022-2023年工作要点"


@pytest.fixture(scope="module")
def books(sample_db, tmp_path_factory):
    """`ipkpi export --all` as of 2024 (zh and en) and 2023 (zh), made in Shanghai's time
    zone (UTC+8) so that a time left in UTC cannot pass for a local one."""
    folder = tmp_path_factory.mktemp("summary")
    made = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("TZ", "Asia/Shanghai")
        time.tzset()
        try:
            for name, year, lang in (
                ("2024", "2024", "zh"),
                ("en", "2024", "en"),
                ("2023", "2023", "zh"),
            ):
                path = folder / f"{name}.xlsx"
                args = ["export", "--all", "-o", str(path), "--as-of", year, "--lang", lang]
                result = CliRunner().invoke(
                    app, [*args, "--db", str(sample_db)], catch_exceptions=False
                )
                assert result.exit_code == 0, result.stderr
                made[name] = load_workbook(path)
        finally:
            mp.undo()
            time.tzset()
    return made


def cells(ws, row: int) -> list[object]:
    return [ws.cell(row, col).value for col in range(1, COLUMNS + 1)]


def test_nanjing_2024_counts_and_the_three_furthest_behind(books):
    ws = books["2024"]["汇总"]
    assert cells(ws, ROWS["南京市"]) == [
        "南京市",
        NANJING_TITLE,
        "2022–2025",
        2024,
        15,
        *(0, 2, 9, 3, 0, 0, 1, 0, 0, 0),  # met … no data, as `ipkpi report` counts them
        3,  # its three phases (时序进度)
        0,
        0,
        # moving away first, then the two moderate ones with the least progress; the plan
        # names no lead unit for its goals
        "版权产业增加值占GDP比重（未明确牵头单位）\n"
        "万人版权登记量（未明确牵头单位）\n"
        "知识产权高层次人才（未明确牵头单位）",
    ]


def test_the_furthest_behind_name_their_lead_units(books):
    ws = books["2024"]["汇总"]
    assert ws.cell(ROWS["贵州省"], COLUMNS).value == (
        "研发经费投入增长（省科技厅）\n"
        "规上工业企业研发经费支出与营业收入之比（省工业和信息化厅）\n"
        "新增认定“贵州老字号”企业（未明确牵头单位）"
    )
    en = books["en"]["Summary"]
    assert en.cell(ROWS_EN["Nanjing"], COLUMNS).value == (
        "Copyright industries' value added as a share of GDP (no lead named)\n"
        "Copyright registrations per 10,000 residents (no lead named)\n"
        "New high-level IP professionals (no lead named)"
    )
    assert en.cell(ROWS_EN["Guizhou"], COLUMNS).value.startswith(
        "Growth of R&D expenditure (省科技厅)\n"
    )


def test_the_furthest_behind_are_the_worst_statuses_least_progress_first(books, sample_db):
    with SQLiteStore(sample_db, readonly=True) as store:
        plan = report_plan(load_catalogue(), "guizhou", None, 2024)
        report = build_report(store, plan, as_of=2024, evidence=False)
    behind = sorted(
        (a for a in report.results if a.status.value == "behind"),
        key=lambda a: a.progress_ratio,
    )
    moderate = [a for a in report.results if a.status.value == "moderate"]
    # Guizhou has three behind, so no moderate or overshooting target is among its three.
    assert (len(behind), len(moderate)) == (3, 3)
    names = [
        line.split("（")[0] for line in books["2024"]["汇总"].cell(5, COLUMNS).value.split("\n")
    ]
    assert names == [a.target.name for a in behind]


def test_shanxi_shows_its_tasks_not_zeros(books, sample_db):
    ws = books["2023"]["汇总"]
    row = cells(ws, ROWS["山西省"])
    # A plan of tasks only: no target, so no status counts, and its 18 tasks as of
    # 2023-12-31: one overdue, one done late.
    assert row == [
        "山西省",
        SHANXI_TITLE,
        "2022–2023",
        2023,
        0,
        *[None] * 10,
        18,
        1,
        1,
        "",
    ]
    with SQLiteStore(sample_db, readonly=True) as store:
        plan = report_plan(load_catalogue(), "shanxi", None, 2023)
        tasks = build_report(store, plan, as_of=2023, evidence=False).tasks
    assert tasks.as_of == dt.date(2023, 12, 31)  # the end of the as-of year, not today
    counts = tasks.counts()
    assert (counts[TaskState.OVERDUE], counts[TaskState.DONE_LATE]) == (1, 1)
    # As of 2024 more are late.
    assert cells(books["2024"]["汇总"], ROWS["山西省"])[15:18] == [18, 4, 2]


def test_counts_stand_on_their_status_colours(books):
    ws = books["2024"]["汇总"]
    row = ROWS["南京市"]
    fills = {ws.cell(row, col).fill.fgColor.rgb for col in (6, 10, 11, 13, 14, 15)}
    assert fills == {"00000000"}  # a nought stands on no colour
    assert [ws.cell(row, col).fill.fgColor.rgb for col in (7, 8, 9, 12)] == [
        "FFC6EFCE",  # achieved, green
        "FFE2EFDA",  # on track, light green
        "FFFFEB9C",  # moderate, yellow
        "FFFFC7CE",  # moving away, red
    ]
    # Shanxi's overdue tasks in red.
    assert ws.cell(ROWS["山西省"], 17).fill.fgColor.rgb == "FFFFC7CE"


def test_no_path_hash_or_utc_time_on_the_summary(books):
    hexes = re.compile(r"\b[0-9a-f]{64}\b")
    for name, sheet in (("2024", "汇总"), ("en", "Summary"), ("2023", "汇总")):
        ws = books[name][sheet]
        texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
        assert len(texts) > 90  # every cell of the sheet is looked at
        for text in texts:
            # No path: no / at all (but in an English name's standard, GB/T 29490).
            assert "/" not in text.replace("GB/T", "GB-T") and "\\" not in text, text
            assert not hexes.search(text), text
            assert "+00:00" not in text, text
            assert not re.search(r"\d{4}-\d\d-\d\dT\d\d", text), text  # no ISO time


def test_the_data_files_by_name_with_their_local_time(books, sample_db):
    ws = books["2024"]["汇总"]
    assert ws["A10"].value == "数据文件（完整路径、SHA-256见“数据来源”）"
    with SQLiteStore(sample_db, readonly=True) as store:
        plan = report_plan(load_catalogue(), "nanjing", None, 2024)
        sources = build_report(store, plan, as_of=2024, evidence=False).sources
    expected = [
        [
            "南京市",
            source.path.rsplit("/", 1)[-1],
            dt.datetime.fromisoformat(source.ingested_at)
            .astimezone(SHANGHAI)
            .strftime("%Y-%m-%d %H:%M"),
        ]
        for source in sources
    ]
    assert all(source.ingested_at.endswith("+00:00") for source in sources)  # stored in UTC
    assert [[ws.cell(r, c).value for c in (1, 2, 3)] for r in (13, 14)] == expected


def test_the_subtitles_say_when_in_local_time_and_the_plan_and_method_in_words(books):
    summary = books["2024"]["汇总"]["A2"].value
    assert re.fullmatch(r"ipkpi 生成于 \d{4}-\d\d-\d\d \d\d:\d\d", summary)
    gap = books["2024"]["南京市"]["A2"].value
    assert gap == f"{summary} · {NANJING_TITLE} · 评估方法：按直线进度（linear）"
    en = books["en"]["Nanjing"]["A2"].value
    assert en.endswith(f" · Nanjing: {NANJING_TITLE} · method: on a straight-line path (linear)")


def test_local_time():
    utc8 = dt.timezone(dt.timedelta(hours=8))
    assert local_time("2026-12-06T12:24:31+00:00", utc8) == "2026-12-06 20:24"
    assert local_time("2026-12-06T20:24:31+08:00", SHANGHAI) == "2026-12-06 20:24"
    assert local_time("2026-12-06T20:24:31", utc8) == "2026-12-06 20:24"  # no zone: as it is
    assert local_time("yesterday", utc8) == "yesterday"
