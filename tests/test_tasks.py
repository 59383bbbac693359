"""Work-plan tasks: the engine's boundaries, progress sheets through `ipkpi ingest`, and the
`ipkpi tasks` and `ipkpi report` commands on them.

Every expected value is worked out by hand from the catalogue (targets/shanxi.toml: 18
tasks, 8 of them dated, 10 持续推进; the three phases closing targets/nanjing.toml) and the
sheets built here; none comes from calling the code under test.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path

import pytest
from conftest import write_workbook

from ipkpi.assess.report import build_report
from ipkpi.assess.tasks import TaskState, assess_task, assess_tasks
from ipkpi.catalogue.loader import load_catalogue
from ipkpi.catalogue.model import Task
from ipkpi.catalogue.select import report_plan, tasks_plan
from ipkpi.catalogue.source import Source
from ipkpi.cli.app import app
from ipkpi.ingest.ingester import parse_file
from ipkpi.ingest.report import FileReport, IngestOptions
from ipkpi.labels import label
from ipkpi.store.records import Progress, TaskProgress
from ipkpi.store.sqlite import SQLiteStore
from ipkpi.views.tasks import reading, rows_by_lead, state_text, summary_line, task_dict, task_row

D = dt.date
DB = "store.db"
DEADLINE = D(2023, 12, 31)
SHEET = "进展"
HEADER = ["任务编号", "任务名称", "进展状态", "完成时间", "备注"]
TITLE = ["山西省2022-2023年工作要点任务进展"]
NANJING_TITLE = "南京市国家知识产权强市建设示范城市工作方案(2022—2025年)"
SHANXI_TITLE = "《省政府和国家知识产权局共建高质量转型发展知识产权强省实施方案》2022-2023年工作要点"
STATUS_HINT = "write 已完成, 推进中, 未启动 or 持续推进"
ONGOING = ["1", "6", "10", "11", "12", "13", "14", "15", "16", "17"]  # 持续推进 in shanxi.toml
SUMMARY_REJECTED = (
    "1 file(s): 0 ingested, 0 already ingested, 1 rejected; 0 new value(s), 0 revised"
)

# The good progress report: a number of each accepted form, dates in each accepted form.
GOOD_ROWS = [
    [1, "强省建设顶层设计", "持续推进", None, None],  # row 3
    ["第3项", "知识产权保护中心建设", "已完成", dt.datetime(2022, 11, 30), "已建成"],  # row 4
    ["task_05", "维权援助体系与行政保护协作", "推进中", None, None],  # row 5
    [4, "海外纠纷应对指导中心分中心申报", "推进中", None, None],  # row 6
    [2, "强市强县和试点园区创建", "已完成", "2023/11/30", None],  # row 7
    [7, "专利转化专项计划", "已完成", "2023年11月30日", None],  # row 8
    ["(十八)", "人才培养评价与高校研究院", "未启动", None, None],  # row 9
]


# --------------------------------------------------------------------------- helpers


def run(runner, *args: str, env: dict[str, str] | None = None):
    """``ipkpi ARGS``; ``ipkpi ingest`` in English unless ``env`` says otherwise (its messages
    in Chinese: ``test_a_defective_progress_sheet_in_chinese``)."""
    if env is None and args[:1] == ("ingest",):
        env = {"IPKPI_LANG": "en"}
    return runner.invoke(app, list(args), env=env)


def progress_sheet(path: Path, rows, title: list[str] | None = TITLE) -> Path:
    """A progress sheet (sheet 进展): the title line (row 1), the header, then ``rows``."""
    return write_workbook(path, ([title] if title else []) + [HEADER, *rows], SHEET)


def ingest_ok(runner, name: str, *options: str):
    result = run(runner, "ingest", name, "--db", DB, *options, env={"IPKPI_LANG": "en"})
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return result


def stored(history: bool = False, db: str = DB) -> list[tuple]:
    """(task id, status, completed, note, file name) of shanxi's stored reports."""
    with SQLiteStore(Path(db), readonly=True) as store:
        rows = store.task_progress("shanxi", history=history)
    return [(p.task_id, p.status, p.completed, p.note, Path(p.path).name) for p in rows]


def make_task(
    deadline: dt.date | None = DEADLINE,
    starts: dt.date | None = None,
) -> Task:
    return Task(
        id="task_x",
        number="9",
        title="测试任务",
        text="测试任务的原文",
        deadline=deadline,
        category="一、测试",
        source=Source("测试文件", "一、测试 / 9", "9. 测试任务的原文。(2023年12月底前完成)"),
        title_en="A test task",
        starts=starts,
        lead=("省知识产权局",),
    )


def reported(status: str, completed: str | None = None) -> TaskProgress:
    return TaskProgress(
        "shanxi", "shanxi-2022-2023", "task_x", status, completed, None, "x", SHEET, "C3"
    )


def body_rows(stdout: str) -> list[list[str]]:
    """The cells of a plain table's rows (below the dashed rule, above the blank line)."""
    lines = stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("---")) + 1
    end = lines.index("", start)
    return [re.split(r" {2,}", line.strip()) for line in lines[start:end]]


@pytest.fixture
def clean_env(in_tmp, monkeypatch):
    monkeypatch.delenv("IPKPI_DB", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    return in_tmp


@pytest.fixture
def shanxi(clean_env, runner):
    """A store holding the good shanxi report (progress.xlsx: no place in the file name)."""
    progress_sheet(clean_env / "progress.xlsx", GOOD_ROWS)
    ingest_ok(runner, "progress.xlsx")
    return clean_env


@pytest.fixture
def empty_store(clean_env):
    """A store with nothing in it: every task unreported."""
    SQLiteStore(clean_env / DB).close()
    return clean_env


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


# --------------------------------------------------------------------------- the engine


def test_not_done_is_open_on_the_deadline_day_and_overdue_from_the_next():
    task = make_task()
    on_the_day = assess_task(task, None, D(2023, 12, 31))
    assert (on_the_day.state, on_the_day.days_left, on_the_day.days_overdue) == (
        TaskState.OPEN,
        0,
        None,
    )
    assert on_the_day.progress is None
    next_day = assess_task(task, None, D(2024, 1, 1))
    assert (next_day.state, next_day.days_overdue, next_day.days_left) == (
        TaskState.OVERDUE,
        1,
        None,
    )
    # 31 days of January, 29 of February (2024 is a leap year), and 1 March
    later = assess_task(task, None, D(2024, 3, 1))
    assert (later.state, later.days_overdue) == (TaskState.OVERDUE, 61)


def test_open_counts_the_days_left():
    a = assess_task(make_task(), reported("in_progress"), D(2023, 12, 1))
    assert (a.state, a.days_left, a.progress) == (TaskState.OPEN, 30, Progress.IN_PROGRESS)


def test_done_on_the_deadline_day_is_on_time_and_the_next_day_late():
    task = make_task()
    on_time = assess_task(task, reported("done", "2023-12-31"), D(2024, 6, 30))
    assert (on_time.state, on_time.completed, on_time.days_late) == (
        TaskState.DONE_ON_TIME,
        D(2023, 12, 31),
        None,
    )
    assert on_time.progress is Progress.DONE
    late = assess_task(task, reported("done", "2024-01-01"), D(2024, 6, 30))
    assert (late.state, late.completed, late.days_late) == (
        TaskState.DONE_LATE,
        D(2024, 1, 1),
        1,
    )


def test_a_completion_after_the_as_of_date_does_not_count_yet():
    a = assess_task(make_task(), reported("done", "2024-02-01"), D(2024, 1, 15))
    assert (a.state, a.days_overdue, a.progress, a.completed) == (
        TaskState.OVERDUE,
        15,
        Progress.IN_PROGRESS,
        None,
    )
    assert reading(a, "zh") == "时限2023-12-31已过15天，尚未完成（报送：推进中）"
    # from the completion day on, it is done (late, by 32 days)
    done = assess_task(make_task(), reported("done", "2024-02-01"), D(2024, 2, 1))
    assert (done.state, done.days_late) == (TaskState.DONE_LATE, 32)


@pytest.mark.parametrize("as_of", [D(2000, 1, 1), D(2023, 12, 31), D(2099, 12, 31)])
@pytest.mark.parametrize("report", [None, "in_progress", "not_started", "ongoing"])
def test_without_a_deadline_a_task_not_done_is_ongoing_at_any_date(as_of, report):
    a = assess_task(make_task(deadline=None), report and reported(report), as_of)
    assert (a.state, a.days_left, a.days_overdue, a.days_late) == (
        TaskState.ONGOING,
        None,
        None,
        None,
    )


def test_without_a_deadline_a_task_done_is_done_on_time():
    a = assess_task(make_task(deadline=None), reported("done", "2023-05-01"), D(2023, 6, 1))
    assert (a.state, a.completed, a.days_late) == (TaskState.DONE_ON_TIME, D(2023, 5, 1), None)
    assert reading(a, "zh") == "已于2023-05-01完成"
    assert reading(a, "en") == "done on 2023-05-01"
    assert task_dict(a)["deadline"] == "ongoing"


def test_a_phase_not_yet_begun_is_open_and_says_when_it_begins():
    phase = make_task(starts=D(2025, 1, 1), deadline=D(2025, 6, 30))
    a = assess_task(phase, None, D(2024, 12, 31))
    # January 31 + February 28 + March 31 + April 30 + May 31 + June 30
    assert (a.state, a.days_left) == (TaskState.OPEN, 181)
    assert reading(a, "zh") == "本阶段自2025-01-01开始（未报送）"
    assert reading(a, "en") == "the phase begins on 2025-01-01 (not reported)"
    row = task_row(a, "zh")
    assert (row["deadline"], row["state"]) == ("2025-01-01 – 2025-06-30", "未到期")
    # once begun, it counts the days to its deadline
    begun = assess_task(phase, reported("in_progress"), D(2025, 6, 1))
    assert reading(begun, "zh") == "距时限2025-06-30还有29天（报送：推进中）"
    assert reading(begun, "en") == "29 days to the deadline 2025-06-30 (reported: in progress)"


def test_readings_overdue():
    a = assess_task(make_task(), reported("in_progress"), D(2024, 3, 1))
    assert reading(a, "zh") == "时限2023-12-31已过61天，尚未完成（报送：推进中）"
    assert (
        reading(a, "en") == "61 days past the deadline 2023-12-31, not done (reported: in progress)"
    )
    assert state_text(a, "zh") == "已逾期61天"
    assert state_text(a, "en") == "overdue 61 days"
    unreported = assess_task(make_task(), None, D(2024, 3, 1))
    assert reading(unreported, "zh") == "时限2023-12-31已过61天，尚未完成（未报送）"
    assert (
        reading(unreported, "en") == "61 days past the deadline 2023-12-31, not done (not reported)"
    )


def test_readings_done_late_and_on_time():
    late = assess_task(make_task(), reported("done", "2024-01-30"), D(2024, 3, 1))
    assert late.days_late == 30
    assert reading(late, "zh") == "于2024-01-30完成，超过时限2023-12-31共30天"
    assert reading(late, "en") == "done on 2024-01-30, 30 days after the deadline 2023-12-31"
    assert state_text(late, "zh") == "逾期完成30天"
    assert state_text(late, "en") == "done late 30 days"
    on_time = assess_task(make_task(), reported("done", "2023-12-20"), D(2024, 3, 1))
    assert reading(on_time, "zh") == "已于2023-12-20完成，未超过时限2023-12-31"
    assert reading(on_time, "en") == "done on 2023-12-20, by the deadline 2023-12-31"
    assert state_text(on_time, "zh") == "按期完成"


def test_readings_due_today():
    a = assess_task(make_task(), None, D(2023, 12, 31))
    assert reading(a, "zh") == "今日到期（未报送）"
    assert reading(a, "en") == "due today (not reported)"
    b = assess_task(make_task(), reported("not_started"), D(2023, 12, 31))
    assert reading(b, "zh") == "今日到期（报送：未启动）"
    assert reading(b, "en") == "due today (reported: not started)"


def test_english_readings_say_one_day_not_one_days():
    a = assess_task(make_task(), None, D(2024, 1, 1))
    assert reading(a, "en") == "1 day past the deadline 2023-12-31, not done (not reported)"
    assert state_text(a, "en") == "overdue 1 day"


def test_task_dict_of_an_overdue_task():
    a = assess_task(make_task(), reported("in_progress"), D(2024, 3, 1))
    d = task_dict(a, "en")
    assert {k: d[k] for k in ("id", "number", "deadline", "starts", "state", "state_label")} == {
        "id": "task_x",
        "number": "9",
        "deadline": "2023-12-31",
        "starts": None,
        "state": "overdue",
        "state_label": "overdue",
    }
    assert (d["progress"], d["completed"], d["days_overdue"], d["days_late"], d["days_left"]) == (
        "in_progress",
        None,
        61,
        None,
        None,
    )
    assert d["source"] == {"path": None, "sheet": SHEET, "cell": "C3", "ingested_at": None}


def test_the_shanxi_plan_with_nothing_reported(catalogue):
    plan = tasks_plan(catalogue, "shanxi", D(2023, 12, 31))
    assert (plan.id, len(plan.tasks)) == ("shanxi-2022-2023", 18)
    at_end = assess_tasks(plan, {}, D(2023, 12, 31))
    assert [a.task.number for a in at_end.results] == [str(n) for n in range(1, 19)]
    assert (
        summary_line(at_end, "zh")
        == "共18项任务（截至2023-12-31）：已逾期2项，未到期6项，持续推进10项"
    )
    assert summary_line(at_end, "en") == (
        "18 tasks (as of 2023-12-31): 2 overdue, 6 open, not yet due, 10 ongoing"
    )
    # tasks 2 and 3 were due at the end of 2022: overdue by 365 days a year later
    assert [(a.task.number, a.days_overdue) for a in at_end.overdue] == [("2", 365), ("3", 365)]
    next_day = assess_tasks(plan, {}, D(2024, 1, 1))
    assert [(a.task.number, a.days_overdue) for a in next_day.overdue] == [
        ("2", 366),
        ("3", 366),
        ("4", 1),
        ("5", 1),
        ("7", 1),
        ("8", 1),
        ("9", 1),
        ("18", 1),
    ]
    assert summary_line(next_day, "zh") == "共18项任务（截至2024-01-01）：已逾期8项，持续推进10项"
    # after its window the latest plan with tasks is still the one
    assert tasks_plan(catalogue, "shanxi", D(2030, 1, 1)).id == "shanxi-2022-2023"


def test_rows_by_lead_lists_a_joint_task_under_each_lead(catalogue):
    plan = tasks_plan(catalogue, "shanxi", D(2023, 12, 31))
    rows = rows_by_lead(assess_tasks(plan, {}, D(2023, 12, 31)).results, "zh")
    assert [(r["lead"], r["number"]) for r in rows] == [
        *(("省知识产权局", str(n)) for n in range(1, 19)),
        ("省法院", "5"),
        ("省检察院", "5"),
        ("省公安厅", "5"),
        ("省司法厅", "5"),
        ("省人社厅", "17"),
    ]


def test_a_task_with_no_lead_is_listed_under_no_lead_named(catalogue):
    plan = tasks_plan(catalogue, "nanjing", D(2023, 12, 31))
    rows = rows_by_lead(assess_tasks(plan, {}, D(2023, 12, 31)).results, "en")
    assert [(r["lead"], r["number"]) for r in rows] == [
        ("(no lead named)", "(一)"),
        ("(no lead named)", "(二)"),
        ("市知识产权强市建设工作领导小组", "(三)"),
    ]
    assert label("lead.none", "zh") == "未明确牵头单位"


# --------------------------------------------------------------------------- ingest: good


def test_a_progress_sheet_is_ingested_with_every_accepted_number_and_date(runner, clean_env):
    progress_sheet(clean_env / "progress.xlsx", GOOD_ROWS)
    result = ingest_ok(runner, "progress.xlsx")
    assert result.stdout.splitlines() == [
        "ingested  progress.xlsx (progress): 0 values and 7 task report(s): "
        "7 new, 0 revised, 0 unchanged",
        "1 file(s): 1 ingested, 0 already ingested, 0 rejected; 7 new value(s), 0 revised",
    ]
    with SQLiteStore(Path(DB), readonly=True) as store:
        rows = store.task_progress("shanxi")
        assert store.observations(history=True) == []
    assert [
        (p.task_id, p.status, p.completed, p.note, p.raw_status, p.sheet, p.cell) for p in rows
    ] == [
        ("task_01", "ongoing", None, None, "持续推进", SHEET, "C3"),
        ("task_02", "done", "2023-11-30", None, "已完成", SHEET, "C7"),
        ("task_03", "done", "2022-11-30", "已建成", "已完成", SHEET, "C4"),
        ("task_04", "in_progress", None, None, "推进中", SHEET, "C6"),
        ("task_05", "in_progress", None, None, "推进中", SHEET, "C5"),
        ("task_07", "done", "2023-11-30", None, "已完成", SHEET, "C8"),
        ("task_18", "not_started", None, None, "未启动", SHEET, "C9"),
    ]
    assert {(p.city, p.plan_id, Path(p.path).name) for p in rows} == {
        ("shanxi", "shanxi-2022-2023", "progress.xlsx")
    }
    # ingested again: the same file, nothing new
    again = ingest_ok(runner, "progress.xlsx")
    assert again.stdout.splitlines()[0] == "already   progress.xlsx: ingested before, nothing new"


def test_the_place_may_come_from_the_file_name(runner, clean_env):
    progress_sheet(clean_env / "山西省任务进展.xlsx", [[4, "", "推进中", None, None]], title=None)
    ingest_ok(runner, "山西省任务进展.xlsx")
    assert stored() == [("task_04", "in_progress", None, None, "山西省任务进展.xlsx")]


def test_nanjing_phases_by_chinese_numeral(runner, clean_env):
    write_workbook(
        clean_env / "南京市时序进度.xlsx",
        [
            ["序号", "阶段", "状态", "完成时间"],
            ["(一)", "宣传发动", "已完成", "2022-12-20"],
            ["二", "整体推进", "推进中", None],
        ],
        "进度",
    )
    result = ingest_ok(runner, "南京市时序进度.xlsx")
    assert "2 task report(s): 2 new" in result.stdout
    with SQLiteStore(Path(DB), readonly=True) as store:
        rows = store.task_progress("nanjing")
    assert [(p.task_id, p.status, p.completed) for p in rows] == [
        ("phase_publicity", "done", "2022-12-20"),
        ("phase_rollout", "in_progress", None),
    ]
    out = run(runner, "tasks", "--city", "nanjing", "--as-of", "2023-12-31", "--db", DB)
    assert out.exit_code == 0, out.output
    assert out.stdout.splitlines()[-1] == "共3项任务（截至2023-12-31）：未到期2项，按期完成1项"


# --------------------------------------------------------------------------- ingest: defects


DEFECTS = {
    # name: (its code; the row after a good one (row 3), so at row 4; the cell; the message)
    "unknown-status": (
        "E-TASK-STATUS-UNKNOWN",
        [1, "强省建设顶层设计", "差不多", None, None],
        "C4",
        f"status '差不多' not understood; {STATUS_HINT}",
    ),
    "no-status": (
        "E-TASK-STATUS-MISSING",
        [1, "强省建设顶层设计", None, None, None],
        "C4",
        f"no status for task 1; {STATUS_HINT}",
    ),
    "done-without-date": (
        "E-TASK-DATE-MISSING",
        [2, "强市强县和试点园区创建", "已完成", None, None],
        "D4",
        "task 2 is 已完成 but has no completion date (完成时间)",
    ),
    "date-while-in-progress": (
        "E-TASK-DATE-NOT-DONE",
        [4, "海外纠纷应对指导中心分中心申报", "推进中", "2023-11-30", None],
        "D4",
        "completion date 2023-11-30 given, but the status is '推进中', not 已完成",
    ),
    "not-a-date": (
        "E-DATE-INVALID",
        [2, "强市强县和试点园区创建", "已完成", "明年", None],
        "D4",
        "'明年' is not a date; write it as 2023-12-15",
    ),
    "no-such-day": (
        "E-DATE-INVALID",
        [2, "强市强县和试点园区创建", "已完成", "2023/2/30", None],
        "D4",
        "'2023/2/30' is not a date; write it as 2023-12-15",
    ),
    "in-the-future": (
        "E-TASK-DATE-FUTURE",
        [2, "强市强县和试点园区创建", "已完成", dt.datetime(2099, 1, 1), None],
        "D4",
        "completion date 2099-01-01 is in the future",
    ),
    "unknown-task": (
        "E-TASK-UNKNOWN",
        [19, "不存在的任务", "推进中", None, None],
        "A4",
        "no task '19' in shanxi-2022-2023 (tasks: 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, "
        "14, 15, 16, 17, 18)",
    ),
    "given-twice": (
        "E-TASK-TWICE",
        ["第3项", "知识产权保护中心建设", "未启动", None, None],
        "A4",
        "task 3 given twice (first at A3)",
    ),
    "before-the-plan": (
        "E-TASK-DATE-EARLY",
        [2, "强市强县和试点园区创建", "已完成", "2021-12-31", None],
        "D4",
        "completion date 2021-12-31 is before the plan began (2022)",
    ),
    "no-number": (
        "E-TASK-NUMBER-MISSING",
        [None, "强市强县和试点园区创建", "推进中", None, None],
        "A4",
        "no task number in this row",
    ),
}


@pytest.mark.parametrize("defect", DEFECTS)
def test_a_defective_progress_sheet_is_rejected_whole(runner, clean_env, defect):
    code, row, cell, message = DEFECTS[defect]
    name = f"{defect}.xlsx"
    progress_sheet(clean_env / name, [[3, "知识产权保护中心建设", "推进中", None, None], row])
    result = run(runner, "ingest", name, "--db", DB)
    assert "Traceback" not in result.output
    assert result.stderr == f"Error[{code}]: {name} › {SHEET} › {cell}: {message}\n"
    assert result.stdout.splitlines() == [
        f"rejected  {name}: 1 problem(s), nothing stored",
        SUMMARY_REJECTED,
    ]
    assert result.exit_code == 1
    assert stored(history=True) == []  # the good row 3 was not taken either


# The same defects as a department reads them, in Chinese (also the cell's comment in the
# annotated copy of the rejected workbook).
DEFECTS_IN_CHINESE = {
    "unknown-status": "看不懂状态“差不多”；请填写已完成、推进中、未启动或持续推进",
    "no-status": "任务1没有填写状态；请填写已完成、推进中、未启动或持续推进",
    "done-without-date": "任务2的状态是“已完成”，但没有填写完成时间",
    "date-while-in-progress": "填写了完成时间2023-11-30，但状态是“推进中”，不是“已完成”",
    "not-a-date": "“明年”不是日期；请写成2023-12-15这样的格式",
    "no-such-day": "“2023/2/30”不是日期；请写成2023-12-15这样的格式",
    "in-the-future": "完成时间2099-01-01晚于今天",
    "unknown-task": "shanxi-2022-2023中没有任务“19”（任务编号：1、2、3、4、5、6、7、8、9、10、11、12、"
    "13、14、15、16、17、18）",
    "given-twice": "任务3填了两次（第一次在A3）",
    "before-the-plan": "完成时间2021-12-31早于规划开始的年份（2022年）",
    "no-number": "这一行没有任务编号",
}


@pytest.mark.parametrize("defect", DEFECTS)
def test_a_defective_progress_sheet_in_chinese(catalogue, clean_env, defect):
    _, row, cell, _ = DEFECTS[defect]
    path = progress_sheet(
        clean_env / "progress.xlsx", [[3, "知识产权保护中心建设", "推进中", None, None], row]
    )
    report = FileReport(path, "rejected")
    parse_file(path, catalogue, IngestOptions(), report, [], today=D(2024, 6, 1))
    assert [p.text("zh") for p in report.problems] == [
        f"progress.xlsx › {SHEET} › {cell}：{DEFECTS_IN_CHINESE[defect]}"
    ]


def test_a_completion_date_is_future_against_the_day_given(catalogue, clean_env):
    path = progress_sheet(
        clean_env / "progress.xlsx",
        [
            [2, "强市强县和试点园区创建", "已完成", "2023-11-29", None],
            [7, "专利转化专项计划", "已完成", "2023-11-30", None],
        ],
    )
    report = FileReport(path, "rejected")
    progress: list[TaskProgress] = []
    parse_file(path, catalogue, IngestOptions(), report, progress, today=D(2023, 11, 29))
    assert [p.text("en") for p in report.problems] == [
        f"progress.xlsx › {SHEET} › D4: completion date 2023-11-30 is in the future"
    ]
    assert [p.text("zh") for p in report.problems] == [
        f"progress.xlsx › {SHEET} › D4：完成时间2023-11-30晚于今天"
    ]
    assert [(p.task_id, p.completed) for p in progress] == [("task_02", "2023-11-29")]
    # a day later both are in the past
    report = FileReport(path, "rejected")
    progress = []
    parse_file(path, catalogue, IngestOptions(), report, progress, today=D(2023, 11, 30))
    assert report.problems == []
    assert [(p.task_id, p.completed) for p in progress] == [
        ("task_02", "2023-11-29"),
        ("task_07", "2023-11-30"),
    ]


def test_a_sheet_naming_no_place_needs_city(runner, clean_env):
    progress_sheet(clean_env / "progress.xlsx", [[4, "", "推进中", None, None]], title=None)
    result = run(runner, "ingest", "progress.xlsx", "--db", DB)
    assert result.stderr == (
        f"Error[E-PROGRESS-PLACE-NOT-NAMED]: progress.xlsx › {SHEET}: cannot tell which place's tasks these are: name the "
        "place in the title or the file name, or pass --city\n"
    )
    assert result.stdout.splitlines() == [
        "rejected  progress.xlsx: 1 problem(s), nothing stored",
        SUMMARY_REJECTED,
    ]
    assert result.exit_code == 1
    assert stored(history=True) == []
    fixed = ingest_ok(runner, "progress.xlsx", "--city", "shanxi")
    assert fixed.stdout.splitlines()[0] == (
        "ingested  progress.xlsx (progress): 0 values and 1 task report(s): "
        "1 new, 0 revised, 0 unchanged"
    )
    assert stored() == [("task_04", "in_progress", None, None, "progress.xlsx")]


def test_a_place_without_tasks_is_rejected(runner, clean_env):
    progress_sheet(clean_env / "progress.xlsx", [[4, "", "推进中", None, None]], title=None)
    result = run(runner, "ingest", "progress.xlsx", "--db", DB, "--city", "guizhou")
    assert result.stderr == (
        f"Error[E-PROGRESS-NO-TASKS]: progress.xlsx › {SHEET}: guizhou has no tasks in the catalogue: this "
        "progress sheet has no plan\n"
    )
    assert result.exit_code == 1


# --------------------------------------------------------------------------- ingest: revisions


def test_a_later_report_revises_a_task_and_the_history_keeps_both(runner, clean_env):
    progress_sheet(
        clean_env / "first.xlsx",
        [[3, "", "推进中", None, None], [4, "", "推进中", None, None]],
    )
    ingest_ok(runner, "first.xlsx")
    progress_sheet(
        clean_env / "second.xlsx",
        [[3, "", "推进中", None, None], [4, "", "已完成", "2023-11-30", None]],
    )
    result = ingest_ok(runner, "second.xlsx")
    assert result.stdout.splitlines() == [
        "ingested  second.xlsx (progress): 0 values and 2 task report(s): "
        "0 new, 1 revised, 1 unchanged",
        "  revised shanxi task_04: in_progress → done 2023-11-30 (was from first.xlsx)",
        "1 file(s): 1 ingested, 0 already ingested, 0 rejected; 0 new value(s), 1 revised",
    ]
    assert stored(history=True) == [
        ("task_03", "in_progress", None, None, "first.xlsx"),
        ("task_04", "in_progress", None, None, "first.xlsx"),
        ("task_04", "done", "2023-11-30", None, "second.xlsx"),
    ]
    assert stored() == [
        ("task_03", "in_progress", None, None, "first.xlsx"),
        ("task_04", "done", "2023-11-30", None, "second.xlsx"),
    ]
    # the same report in another file (another title): unchanged, nothing revised
    progress_sheet(
        clean_env / "third.xlsx",
        [[3, "", "推进中", None, None], [4, "", "已完成", "2023年11月30日", None]],
        title=["山西省任务进展（复核）"],
    )
    again = ingest_ok(runner, "third.xlsx")
    assert again.stdout.splitlines() == [
        "ingested  third.xlsx (progress): 0 values and 2 task report(s): "
        "0 new, 0 revised, 2 unchanged",
        "1 file(s): 1 ingested, 0 already ingested, 0 rejected; 0 new value(s), 0 revised",
    ]
    assert len(stored(history=True)) == 3
    # and the task is done on time as of its deadline
    out = run(
        runner, "tasks", "--city", "shanxi", "--as-of", "2023-12-31", "--db", DB, "-f", "json"
    )
    task_04 = next(t for t in json.loads(out.stdout)["tasks"] if t["id"] == "task_04")
    assert (task_04["state"], task_04["completed"]) == ("done_on_time", "2023-11-30")
    assert task_04["source"]["path"].endswith("second.xlsx")


# --------------------------------------------------------------------------- ipkpi tasks


def test_tasks_plain_lists_all_eighteen(runner, shanxi):
    result = run(runner, "tasks", "--city", "shanxi", "--as-of", "2023-12-31", "--db", DB)
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert lines[:2] == [f"{SHANXI_TITLE} · 工作任务 · 2023-12-31", ""]
    assert re.split(r" {2,}", lines[2]) == [
        "序号",
        "任务",
        "牵头单位",
        "时限",
        "完成情况",
        "报送进展",
        "说明",
    ]
    rows = body_rows(result.stdout)
    assert [r[0] for r in rows] == [str(n) for n in range(1, 19)]
    by_number = {r[0]: r for r in rows}
    assert by_number["2"] == [
        "2",
        "强市强县和试点园区创建",
        "省知识产权局",
        "2022-12-31",
        "逾期完成334天",  # 2022-12-31 → 2023-11-30
        "已完成",
        "于2023-11-30完成，超过时限2022-12-31共334天",
    ]
    assert by_number["3"][3:] == [
        "2022-12-31",
        "按期完成",
        "已完成",
        "已于2022-11-30完成，未超过时限2022-12-31",
    ]
    assert by_number["4"][3:] == ["2023-12-31", "未到期", "推进中", "今日到期（报送：推进中）"]
    assert by_number["5"][2] == "省法院、省检察院、省公安厅、省司法厅、省知识产权局"
    assert by_number["8"][3:] == ["2023-12-31", "未到期", "未报送", "今日到期（未报送）"]
    assert by_number["6"][3:] == [
        "持续推进",
        "持续推进",
        "未报送",
        "持续推进，无完成时限（未报送）",
    ]
    assert lines[-2:] == [
        "",
        "共18项任务（截至2023-12-31）：逾期完成1项，未到期5项，持续推进10项，按期完成2项",
    ]
    assert len(lines) == 4 + 18 + 2


def test_tasks_plain_in_english(runner, shanxi):
    result = run(
        runner, "tasks", "--city", "shanxi", "--as-of", "2024-03-01", "--db", DB, "--lang", "en"
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        "18 tasks (as of 2024-03-01): 5 overdue, 1 done late, 10 ongoing, 2 done on time"
    )
    rows = {r[0]: r for r in body_rows(result.stdout)}
    assert rows["4"][1] == "Branch of the overseas IP dispute guidance centre"
    assert rows["4"][4:] == [
        "overdue 61 days",
        "in progress",
        "61 days past the deadline 2023-12-31, not done (reported: in progress)",
    ]


def test_tasks_json(runner, shanxi):
    result = run(
        runner, "tasks", "--city", "shanxi", "--as-of", "2023-12-31", "--db", DB, "-f", "json"
    )
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert {k: doc[k] for k in ("schema", "city", "place", "plan", "as_of")} == {
        "schema": "ipkpi.tasks/1",
        "city": "shanxi",
        "place": "山西省",
        "plan": "shanxi-2022-2023",
        "as_of": "2023-12-31",
    }
    assert doc["summary"] == {
        "tasks": 18,
        "overdue": 0,
        "done_late": 1,
        "open": 5,
        "ongoing": 10,
        "done_on_time": 2,
    }
    states = {t["number"]: t["state"] for t in doc["tasks"]}
    assert states == {
        **dict.fromkeys(ONGOING, "ongoing"),
        "2": "done_late",
        "3": "done_on_time",
        "7": "done_on_time",
        **dict.fromkeys(["4", "5", "8", "9", "18"], "open"),
    }
    tasks = {t["id"]: t for t in doc["tasks"]}
    assert [t["id"] for t in doc["tasks"]] == [f"task_{n:02d}" for n in range(1, 19)]
    days = ("days_overdue", "days_late", "days_left")
    assert [tasks["task_02"][k] for k in days] == [None, 334, None]
    assert [tasks["task_04"][k] for k in days] == [None, None, 0]
    assert [tasks["task_01"][k] for k in days] == [None, None, None]
    assert tasks["task_01"]["deadline"] == "ongoing"
    assert {k: tasks["task_03"][k] for k in ("progress", "completed", "note", "deadline")} == {
        "progress": "done",
        "completed": "2022-11-30",
        "note": "已建成",
        "deadline": "2022-12-31",
    }
    source = tasks["task_03"]["source"]
    assert (Path(source["path"]).name, source["sheet"], source["cell"]) == (
        "progress.xlsx",
        SHEET,
        "C4",
    )
    assert tasks["task_06"]["source"] is None and tasks["task_06"]["progress"] is None
    assert tasks["task_05"]["lead"] == [
        "省法院",
        "省检察院",
        "省公安厅",
        "省司法厅",
        "省知识产权局",
    ]


def test_tasks_json_days_overdue(runner, shanxi):
    result = run(
        runner, "tasks", "--city", "shanxi", "--as-of", "2024-03-01", "--db", DB, "-f", "json"
    )
    doc = json.loads(result.stdout)
    assert {t["number"]: t["days_overdue"] for t in doc["tasks"] if t["state"] == "overdue"} == {
        "4": 61,
        "5": 61,
        "8": 61,
        "9": 61,
        "18": 61,
    }
    assert doc["summary"]["overdue"] == 5


CSV_HEADER = (
    "city,plan,number,id,title,lead,coordinating,starts,deadline,state,days_overdue,days_late,"
    "progress,completed,note,source,cell"
)


def test_tasks_csv(runner, shanxi):
    result = run(
        runner, "tasks", "--city", "shanxi", "--as-of", "2023-12-31", "--db", DB, "-f", "csv"
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == CSV_HEADER
    assert len(lines) == 19
    path = str((shanxi / "progress.xlsx").resolve())
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(result.stdout))}
    assert rows["task_02"] == {
        "city": "shanxi",
        "plan": "shanxi-2022-2023",
        "number": "2",
        "id": "task_02",
        "title": "强市强县和试点园区创建",
        "lead": "省知识产权局",
        "coordinating": "",
        "starts": "",
        "deadline": "2022-12-31",
        "state": "done_late",
        "days_overdue": "",
        "days_late": "334",
        "progress": "done",
        "completed": "2023-11-30",
        "note": "",
        "source": path,
        "cell": f"{SHEET} › C7",
    }
    assert (rows["task_04"]["coordinating"], rows["task_04"]["progress"]) == (
        "省贸促会",
        "in_progress",
    )
    assert (rows["task_06"]["deadline"], rows["task_06"]["state"], rows["task_06"]["source"]) == (
        "ongoing",
        "ongoing",
        "",
    )


def test_tasks_csv_names_city_and_plan_on_every_row(runner, shanxi):
    result = run(
        runner, "tasks", "--city", "shanxi", "--as-of", "2023-12-31", "--db", DB, "-f", "csv"
    )
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {(r["city"], r["plan"]) for r in rows} == {("shanxi", "shanxi-2022-2023")}


def test_tasks_by_lead(runner, shanxi):
    result = run(
        runner, "tasks", "--city", "shanxi", "--as-of", "2023-12-31", "--db", DB, "--by", "lead"
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert re.split(r" {2,}", lines[2])[:3] == ["牵头单位", "序号", "任务"]
    start = lines.index(next(line for line in lines if line.startswith("---"))) + 1
    pairs, lead = [], None
    for line in lines[start : lines.index("", start)]:
        cells = re.split(r" {2,}", line.strip())
        if not line.startswith(" "):  # a new group: the lead is written once
            lead, cells = cells[0], cells[1:]
        pairs.append((lead, cells[0]))
    assert pairs == [
        *(("省知识产权局", str(n)) for n in range(1, 19)),
        ("省法院", "5"),
        ("省检察院", "5"),
        ("省公安厅", "5"),
        ("省司法厅", "5"),
        ("省人社厅", "17"),
    ]
    assert [lead for lead, number in pairs if number == "5"] == [
        "省知识产权局",
        "省法院",
        "省检察院",
        "省公安厅",
        "省司法厅",
    ]
    assert (
        lines[-1]
        == "共18项任务（截至2023-12-31）：逾期完成1项，未到期5项，持续推进10项，按期完成2项"
    )


def test_tasks_fail_on_overdue_exits_3_naming_them(runner, shanxi):
    result = run(
        runner,
        "tasks",
        "--city",
        "shanxi",
        "--as-of",
        "2024-01-01",
        "--db",
        DB,
        "--fail-on",
        "overdue",
        "--lang",
        "en",
    )
    assert result.exit_code == 3
    assert (
        result.stderr
        == "--fail-on: 5 task(s) overdue: task_04, task_05, task_08, task_09, task_18\n"
    )
    assert result.stdout.splitlines()[-1] == (
        "18 tasks (as of 2024-01-01): 5 overdue, 1 done late, 10 ongoing, 2 done on time"
    )
    result = run(
        runner,
        "tasks",
        "--city",
        "shanxi",
        "--as-of",
        "2024-01-01",
        "--db",
        DB,
        "--fail-on",
        "overdue",
    )
    assert (
        result.stderr == "--fail-on：5项任务已逾期：task_04、task_05、task_08、task_09、task_18\n"
    )
    assert result.stdout.splitlines()[-1] == (
        "共18项任务（截至2024-01-01）：已逾期5项，逾期完成1项，持续推进10项，按期完成2项"
    )


def test_tasks_fail_on_overdue_with_nothing_overdue_exits_0(runner, shanxi):
    result = run(
        runner,
        "tasks",
        "--city",
        "shanxi",
        "--as-of",
        "2023-12-31",
        "--db",
        DB,
        "--fail-on",
        "overdue",
    )
    assert (result.exit_code, result.stderr) == (0, "")


def test_tasks_fail_on_a_target_status_is_a_usage_error(runner, shanxi):
    result = run(runner, "tasks", "--city", "shanxi", "--db", DB, "--fail-on", "behind")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        "错误[E-USAGE-VALUE]：选项 --fail-on 的值无效：tasks 只在任务逾期时失败：--fail-on overdue"
    )
    english = run(runner, "tasks", "--city", "shanxi", "--fail-on", "behind", "--lang", "en")
    assert "tasks fail on overdue only: --fail-on overdue" in english.stderr


def test_tasks_fail_on_an_unknown_word_is_a_usage_error(runner, shanxi):
    result = run(
        runner, "tasks", "--city", "shanxi", "--db", DB, "--fail-on", "late", "--lang", "en"
    )
    assert (result.exit_code, result.stdout) == (2, "")
    assert "unknown status 'late'" in result.stderr
    chinese = run(runner, "tasks", "--city", "shanxi", "--db", DB, "--fail-on", "late")
    assert "没有状态 'late'" in chinese.stderr


def test_tasks_by_category_is_a_usage_error(runner, shanxi):
    result = run(runner, "tasks", "--city", "shanxi", "--db", DB, "--by", "category")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        "错误[E-USAGE-VALUE]：选项 --by 的值无效：任务只能按牵头单位分组：--by lead"
    )
    english = run(runner, "tasks", "--city", "shanxi", "--by", "category", "--lang", "en")
    assert english.stderr.splitlines()[-1] == (
        "Error[E-USAGE-VALUE]: Invalid value for --by: tasks are grouped by lead only: --by lead"
    )


def test_tasks_as_of_not_a_date_is_a_usage_error(runner, shanxi):
    result = run(runner, "tasks", "--city", "shanxi", "--as-of", "2023-13-01", "--lang", "en")
    assert (result.exit_code, result.stdout) == (2, "")
    assert "'2023-13-01' is not a date; write it as 2023-12-31" in result.stderr
    assert "Traceback" not in result.output


def test_tasks_of_a_place_without_tasks(runner, shanxi):
    result = run(runner, "tasks", "--city", "guizhou", "--db", DB, "--lang", "en")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error[E-CITY-NO-TASKS]: guizhou has no tasks in the catalogue; places with tasks: "
        "nanjing, shanxi\n"
    )
    zh = run(runner, "tasks", "--city", "guizhou", "--db", DB)
    assert (zh.exit_code, zh.stderr) == (
        2,
        "错误[E-CITY-NO-TASKS]：目标目录中guizhou没有任务；有任务的地方：nanjing、shanxi\n",
    )


def test_tasks_of_an_unknown_place(runner, shanxi):
    result = run(runner, "tasks", "--city", "nowhere", "--db", DB, "--lang", "en")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error[E-CITY-UNKNOWN]: unknown city 'nowhere'; "
        "known: guizhou (贵州省), nanjing (南京市), shanxi (山西省), shijiazhuang (石家庄市), zhangzhou (漳州市)\n"
    )


def test_tasks_without_a_store(runner, clean_env):
    result = run(runner, "tasks", "--city", "shanxi", "--db", "missing.db", "--lang", "en")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error[E-STORE-NONE]: missing.db: no store here; ingest statistics first "
        "(ipkpi ingest FILES --db FILE) or name the store with --db\n"
    )
    assert not (clean_env / "missing.db").exists()


def test_tasks_markdown(runner, shanxi):
    result = run(
        runner, "tasks", "--city", "shanxi", "--as-of", "2023-12-31", "--db", DB, "-f", "markdown"
    )
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"## {SHANXI_TITLE} · 工作任务 · 2023-12-31"
    assert sum(1 for line in lines if line.startswith("| ")) == 1 + 18
    assert (
        lines[-1]
        == "共18项任务（截至2023-12-31）：逾期完成1项，未到期5项，持续推进10项，按期完成2项"
    )


# --------------------------------------------------------------------------- ipkpi report


def test_report_plain_has_the_tasks(runner, shanxi):
    result = run(runner, "report", "--city", "shanxi", "--as-of", "2023", "--db", DB)
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    start = lines.index(f"{SHANXI_TITLE} · 工作任务 · 2023-12-31")
    tasks = "\n".join(lines[start:]) + "\n"
    assert [r[0] for r in body_rows(tasks)] == [str(n) for n in range(1, 19)]
    assert (
        lines[-1]
        == "共18项任务（截至2023-12-31）：逾期完成1项，未到期5项，持续推进10项，按期完成2项"
    )


def test_report_plain_puts_the_tasks_after_the_targets(runner, empty_store):
    result = run(runner, "report", "--city", "nanjing", "--as-of", "2023", "--db", DB)
    assert (result.exit_code, result.stderr) == (0, "")
    out = result.stdout
    heading = f"\n\n{NANJING_TITLE} · 工作任务 · 2023-12-31\n\n"
    assert heading in out
    assert out.index(heading) > out.index("共15项目标（截至2023年）")
    assert [r[:2] for r in body_rows(out[out.index(heading) + 2 :])] == [
        ["(一)", "宣传发动"],
        ["(二)", "整体推进"],
        ["(三)", "整改提高"],
    ]
    assert out.endswith("\n共3项任务（截至2023-12-31）：已逾期1项，未到期2项\n")


def test_report_as_of_an_earlier_year_reads_tasks_at_its_end(runner, shanxi):
    # as of 2022: tasks 2 and 3 were due 2022-12-31; task 3 was done 2022-11-30, task 2's
    # completion (2023-11-30) does not count yet
    result = run(runner, "report", "--city", "shanxi", "--as-of", "2022", "--db", DB, "-f", "json")
    assert result.exit_code == 0
    section = json.loads(result.stdout)["tasks"]
    assert section["as_of"] == "2022-12-31"
    items = {t["id"]: t for t in section["items"]}
    assert (items["task_02"]["state"], items["task_02"]["progress"]) == ("open", "in_progress")
    assert items["task_02"]["days_left"] == 0
    assert items["task_03"]["state"] == "done_on_time"
    assert items["task_04"]["days_left"] == 365


def test_report_json_has_the_nanjing_phases(runner, empty_store):
    result = run(
        runner,
        "report",
        "--city",
        "nanjing",
        "--as-of",
        "2023",
        "--db",
        DB,
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.output
    section = json.loads(result.stdout)["tasks"]
    assert section["as_of"] == "2023-12-31"
    assert section["summary"] == {
        "tasks": 3,
        "overdue": 1,
        "done_late": 0,
        "open": 2,
        "ongoing": 0,
        "done_on_time": 0,
    }
    items = section["items"]
    assert [t["id"] for t in items] == ["phase_publicity", "phase_rollout", "phase_rectification"]
    assert [(t["number"], t["starts"], t["deadline"]) for t in items] == [
        ("(一)", None, "2022-12-31"),
        ("(二)", "2023-01-01", "2024-12-31"),
        ("(三)", "2025-01-01", "2025-06-30"),
    ]
    # 2023 has 365 days; 2024 has 366; then January to June 2025 has 181
    assert [(t["state"], t["days_overdue"], t["days_left"]) for t in items] == [
        ("overdue", 365, None),
        ("open", None, 366),
        ("open", None, 547),
    ]
    assert [t["reading"] for t in items] == [
        "时限2022-12-31已过365天，尚未完成（未报送）",
        "距时限2024-12-31还有366天（未报送）",
        "本阶段自2025-01-01开始（未报送）",
    ]


def test_report_json_without_as_of_reads_tasks_today(runner, empty_store):
    result = run(runner, "report", "--city", "nanjing", "--db", DB, "-f", "json")
    assert result.exit_code == 0, result.output
    section = json.loads(result.stdout)["tasks"]
    assert [t["id"] for t in section["items"]] == [
        "phase_publicity",
        "phase_rollout",
        "phase_rectification",
    ]
    assert section["as_of"] == dt.date.today().isoformat()


def test_report_without_tasks_has_tasks_null(runner, empty_store):
    result = run(
        runner,
        "report",
        "--city",
        "guizhou",
        "--as-of",
        "2023",
        "--db",
        DB,
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["tasks"] is None


def test_report_fail_on_overdue_exits_3_when_a_phase_is_overdue(runner, empty_store):
    args = ["report", "--city", "nanjing", "--db", DB, "--fail-on", "overdue"]
    result = run(runner, *args, "--as-of", "2023")
    assert result.exit_code == 3
    assert result.stderr == "--fail-on：1项任务已逾期：phase_publicity\n"
    english = run(runner, *args, "--as-of", "2023", "--lang", "en")
    assert english.stderr == "--fail-on: 1 task(s) overdue: phase_publicity\n"
    # at the end of 2022 the first phase is due that very day: not overdue
    result = run(runner, *args, "--as-of", "2022")
    assert (result.exit_code, result.stderr) == (0, "")


def test_build_report_reads_tasks_on_the_earlier_of_year_end_and_today(catalogue, empty_store):
    with SQLiteStore(empty_store / DB, readonly=True) as store:
        mid = build_report(
            store, report_plan(catalogue, "nanjing", None, 2023), as_of=2023, today=D(2023, 6, 30)
        )
        after = build_report(
            store, report_plan(catalogue, "nanjing", None, 2023), as_of=2023, today=D(2024, 5, 1)
        )
    assert mid.tasks.as_of == D(2023, 6, 30)
    # 2022-12-31 → 2023-06-30: 31 + 28 + 31 + 30 + 31 + 30 days
    assert [(a.task.id, a.days_overdue) for a in mid.tasks.overdue] == [("phase_publicity", 181)]
    assert after.tasks.as_of == D(2023, 12, 31)
    assert [(a.task.id, a.days_overdue) for a in after.tasks.overdue] == [("phase_publicity", 365)]
