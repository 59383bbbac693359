"""`ipkpi run` end to end, in-process, as cron runs it (stderr is not a terminal): what is
taken from the inbox, what is rejected, which reports are written (and which are left alone),
the run summary, the exit statuses, the log lines, and the store's lock.

The run assesses as of this year, so the three sample plans with targets (all ending in 2025)
show final statuses only: met or missed; Shanxi's plan has tasks and no targets, and is reported
too (its tasks, no figures). The counts and the missed targets below were read once from
`ipkpi report --city X --format json` on the sample store.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import time
import types
from pathlib import Path

import openpyxl
import pytest

import ipkpi.run.job
from ipkpi.catalogue.loader import load_catalogue
from ipkpi.cli.app import app
from ipkpi.store.lock import store_lock
from ipkpi.store.sqlite import SQLiteStore
from tests.conftest import REPO

SAMPLE = REPO / "sample_data"
NANJING = "南京市知识产权主要指标.xlsx"
SHIJIAZHUANG = "石家庄市知识产权统计_2021-2025.csv"
GUIZHOU = "贵州省知识产权主要指标监测表.xlsx"
SAMPLE_VALUES = {NANJING: 61, SHIJIAZHUANG: 66, GUIZHOU: 167}
TOTAL_VALUES = 294
# The cities with targets or tasks (not zhangzhou: reward rules only), in the catalogue's
# order, and the run's.
CITIES = ("guizhou", "nanjing", "shanxi", "shijiazhuang")
PLANS = {
    "guizhou": "guizhou-2021-2025",
    "nanjing": "nanjing-2022-2025",
    "shanxi": "shanxi-2022-2023",
    "shijiazhuang": "shijiazhuang-2022-2025",
}
CORRUPT = b"PK\x03\x04garbage"
CORRUPT_PROBLEM = "corrupt.xlsx: truncated or corrupt workbook (not a readable zip archive)"
GUIZHOU_WARNING = (
    f"inbox/{GUIZHOU} › 监测表 › D8: footnote mark '*' after 0.93, stored as the 2020 value; "
    "see the sheet's notes"
)
# A warning of a taken file is logged once, when the file is taken (the footnote mark).
GUIZHOU_WARNING_LINE = f"WARNING {GUIZHOU_WARNING}"
NO_STATUS = dict.fromkeys(
    (
        "met",
        "achieved",
        "on_track",
        "moderate",
        "behind",
        "overshoot",
        "moving_away",
        "missed",
        "awaiting_final",
        "no_data",
    ),
    0,
)
COUNTS = {
    "guizhou": {**NO_STATUS, "met": 24, "missed": 6},
    "nanjing": {**NO_STATUS, "met": 10, "missed": 5},
    "shanxi": NO_STATUS,  # no targets
    "shijiazhuang": {**NO_STATUS, "met": 12, "missed": 3},
}
MISSED = (
    ("guizhou", "rd_expenditure_growth"),
    ("guizhou", "industrial_rd_to_revenue"),
    ("guizhou", "patent_attorneys"),
    ("guizhou", "ip_professionals"),
    ("guizhou", "implemented_high_value_patents_supported"),
    ("guizhou", "new_time_honored_brands_per_year"),
    ("nanjing", "copyright_registrations_per_10k"),
    ("nanjing", "patent_intensive_industries_gdp_share"),
    ("nanjing", "copyright_industries_gdp_share"),
    ("nanjing", "ip_high_level_talent_new"),
    ("nanjing", "ip_operation_centers_built"),
    ("shijiazhuang", "ip_management_standard_certification_annual"),
    ("shijiazhuang", "registered_trademarks_growth"),
    ("shijiazhuang", "ip_intensive_industries_gdp_share"),
)
# the --fail-on line in the language of the run (here English: cli.emit.fail_on_line)
MISSED_LINE = "ERROR   --fail-on: 14 target(s) with status missed: " + ", ".join(
    f"{city}:{target}" for city, target in MISSED
)
REJECTED_LINES = [
    "WARNING rejected inbox/corrupt.xlsx: 1 problem(s), moved to inbox/rejected/corrupt.xlsx; "
    f"first: {CORRUPT_PROBLEM}",
]
REJECTED_ERROR = (
    "ERROR   Error[E-RUN-REJECTED]: 1 file(s) rejected, moved to inbox/rejected: inbox/corrupt.xlsx"
)
STAMP = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d (INFO |WARNING|ERROR |DEBUG) ")
BASE_CONFIG = 'inbox = "inbox"\noutput = "out"\nsettle_seconds = 0\n'
HOUR_AGO = 2 * 3600  # seconds to set an mtime back by, past settle_seconds = 3600


# --- the setting: a folder as an administrator sets it up ------------------------------------


class Site:
    """A working folder with inbox/ (the three sample files), ipkpi.toml and, after a run,
    the store ipkpi.db and out/."""

    def __init__(self, root: Path, runner):
        self.root = root
        self.runner = runner
        self.inbox = root / "inbox"
        self.out = root / "out"
        self.cfg = root / "ipkpi.toml"
        self.store = root / "ipkpi.db"
        self.day = dt.date.today().isoformat()

    def configure(self, extra: str = "", base: str = BASE_CONFIG) -> Path:
        self.cfg.write_text(base + extra, encoding="utf-8")
        return self.cfg

    def run(self, *args: str, expect: int | None = None, lang: str = "en"):
        """`ipkpi run --config ipkpi.toml ARGS`, its messages in English unless ``lang``
        says otherwise; stdout is always empty."""
        result = self.runner.invoke(
            app,
            ["run", "--config", str(self.cfg), *args],
            catch_exceptions=False,
            env={"IPKPI_LANG": lang},
        )
        assert result.stdout == ""
        if expect is not None:
            assert result.exit_code == expect, result.stderr
        return result

    def drop(self, name: str, data: bytes) -> Path:
        path = self.inbox / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return path

    def values(self) -> int:
        """How many current values the store holds."""
        with SQLiteStore(self.store, readonly=True) as store:
            return len(store.observations())

    def outputs(self) -> list[str]:
        """Every file under out/, as sorted relative paths."""
        return sorted(str(p.relative_to(self.out)) for p in self.out.rglob("*") if p.is_file())

    def report_files(self, day: str | None = None) -> list[str]:
        day = day or self.day
        return sorted(
            f"{city}-{stem}.{ext}"
            for city in CITIES
            for stem in (day, "latest")
            for ext in ("xlsx", "json")
        )

    def snapshot(self) -> dict[str, tuple[bytes, int]]:
        """Bytes and mtime of every report (not the run summaries)."""
        return {
            p.name: (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(self.out.glob("*-*.*"))
            if not p.name.startswith("run-")
        }


@pytest.fixture
def site(in_tmp, runner):
    """The three sample files in inbox/ and a configuration taking them at once."""
    s = Site(in_tmp, runner)
    s.inbox.mkdir()
    for name in SAMPLE_VALUES:
        shutil.copy(SAMPLE / name, s.inbox / name)
    s.configure()
    return s


def log_lines(stderr: str) -> list[str]:
    """The log lines without their timestamps; each must have one, and no colour codes."""
    assert "\x1b[" not in stderr
    lines = stderr.splitlines()
    for line in lines:
        assert STAMP.match(line), line
    return [line[20:] for line in lines]


def newest_run(site: Site) -> Path:
    """The newest runs/run-STAMP.json (two runs in one second: run-STAMP-2.json, -3…)."""

    def order(path: Path) -> tuple[str, int]:
        stamp, n = re.fullmatch(r"run-(\d{4}-\d\d-\d\dT\d{6})(?:-(\d+))?", path.stem).groups()
        return stamp, int(n or 1)

    return max((site.out / "runs").glob("run-*.json"), key=order)


def summary(site: Site) -> dict:
    """The newest run summary: out/run-latest.json, which is the newest runs/run-*.json."""
    latest = (site.out / "run-latest.json").read_text(encoding="utf-8")
    assert newest_run(site).read_text(encoding="utf-8") == latest
    return json.loads(latest)


def summary_name(site: Site) -> str:
    """The newest run summary as the log names it."""
    return f"out/runs/{newest_run(site).name}"


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def revised_nanjing(dest: Path, value: float = 82) -> Path:
    """The Nanjing workbook with one figure changed: 2025's 每万人口高价值发明专利拥有量
    (80.5 in the sample)."""
    wb = openpyxl.load_workbook(SAMPLE / NANJING)
    ws = wb["2025"]
    (row,) = [r for r in ws.iter_rows(min_row=4) if r[1].value == "每万人口高价值发明专利拥有量"]
    assert row[3].value == 80.5
    row[3].value = value
    dest.parent.mkdir(parents=True, exist_ok=True)
    wb.save(dest)
    return dest


def latest_value(site: Site, city: str, target: str) -> float:
    doc = json.loads((site.out / f"{city}-latest.json").read_text(encoding="utf-8"))
    (t,) = [t for t in doc["targets"] if t["id"] == target]
    return t["latest"]["value"]


def summary_lines(taken, rejected, already, waiting, new, revised, written, unchanged, name):
    return [
        f"files: {taken} taken, {rejected} rejected, {already} already ingested, {waiting} waiting; "
        f"{new} new value(s), {revised} revised",
        f"reports: {len(written)} written ({', '.join(written) or '-'}), "
        f"{len(unchanged)} unchanged ({', '.join(unchanged) or '-'})",
        f"summary: {name}",
    ]


def at(level: str, lines: list[str]) -> list[str]:
    return [f"{level:<7} {line}" for line in lines]


# --- 1. the acceptance case: three good files and a corrupt one ------------------------------


def test_three_good_files_and_a_corrupt_one(site):
    site.drop("corrupt.xlsx", CORRUPT)
    result = site.run(expect=1)

    assert site.values() == TOTAL_VALUES
    assert sorted(p.name for p in site.inbox.iterdir()) == sorted([*SAMPLE_VALUES, "rejected"])
    assert sorted(p.name for p in (site.inbox / "rejected").iterdir()) == [
        "corrupt.errors.txt",
        "corrupt.xlsx",
    ]
    assert (site.inbox / "rejected" / "corrupt.xlsx").read_bytes() == CORRUPT
    name = summary_name(site)
    assert site.outputs() == sorted([*site.report_files(), "run-latest.json", name[len("out/") :]])
    assert re.fullmatch(r"out/runs/run-\d{4}-\d\d-\d\dT\d{6}\.json", name)
    # Quiet (not a terminal): the rejection, the summary as warnings, and the error.
    assert log_lines(result.stderr) == [
        *REJECTED_LINES,
        GUIZHOU_WARNING_LINE,
        *at("WARNING", summary_lines(3, 1, 0, 0, 294, 0, CITIES, (), name)),
        REJECTED_ERROR,
    ]


def test_second_run_changes_nothing(site):
    site.drop("corrupt.xlsx", CORRUPT)
    site.run(expect=1)
    before = site.snapshot()
    first_summary = summary_name(site)

    result = site.run(expect=0)

    assert result.stderr == ""
    assert site.values() == TOTAL_VALUES
    assert site.snapshot() == before  # same bytes, same mtimes
    second_summary = summary_name(site)
    assert second_summary != first_summary
    assert site.outputs() == sorted(
        [*site.report_files(), "run-latest.json", first_summary[4:], second_summary[4:]]
    )
    doc = summary(site)
    assert doc["exit_status"] == 0
    assert doc["files"]["taken"] == []
    assert doc["files"]["rejected"] == []
    assert doc["files"]["already_ingested"] == [str(site.inbox / n) for n in SAMPLE_VALUES]
    assert [(c["city"], c["written"]) for c in doc["cities"]] == [(c, False) for c in CITIES]
    assert [c["files"] for c in doc["cities"]] == [
        [str(site.out / f"{c}-latest.xlsx"), str(site.out / f"{c}-latest.json")] for c in CITIES
    ]
    assert [c["counts"] for c in doc["cities"]] == [COUNTS[c] for c in CITIES]


# --- 2. renamed copies and revised figures ---------------------------------------------------


def test_a_renamed_copy_is_not_taken_again(site):
    site.run(expect=0)
    before = site.snapshot()
    shutil.copy(SAMPLE / NANJING, site.inbox / "南京-副本.xlsx")

    result = site.run("-v", expect=0)

    assert site.values() == TOTAL_VALUES
    assert site.snapshot() == before
    doc = summary(site)
    assert doc["files"]["taken"] == []
    assert doc["files"]["already_ingested"] == [
        str(site.inbox / n) for n in ("南京-副本.xlsx", *SAMPLE_VALUES)
    ]
    assert log_lines(result.stderr) == at(
        "INFO", summary_lines(0, 0, 4, 0, 0, 0, (), CITIES, summary_name(site))
    )


def test_a_revised_figure_is_taken_and_the_city_rewritten(site):
    site.run(expect=0)
    before = site.snapshot()
    assert latest_value(site, "nanjing", "high_value_invention_patents_per_10k") == 80.5
    revised = revised_nanjing(site.inbox / "南京-修订.xlsx")

    result = site.run("-v", expect=0)

    assert site.values() == TOTAL_VALUES  # one value replaced, none added
    doc = summary(site)
    assert doc["files"]["taken"] == [
        {
            "path": str(revised),
            "sha256": sha256(revised),
            "values": 61,
            "new": 0,
            "unchanged": 60,
            "revised": 1,
            "warnings": [],
            "warning_codes": [],
        }
    ]
    assert doc["revisions"] == [
        {
            "city": "nanjing",
            "target_id": "high_value_invention_patents_per_10k",
            "year": 2025,
            "old": 80.5,
            "new": 82,
            "unit": "件",
            "old_path": str(site.inbox / NANJING),
        }
    ]
    assert [(c["city"], c["written"]) for c in doc["cities"]] == [
        ("guizhou", False),
        ("nanjing", True),
        ("shanxi", False),
        ("shijiazhuang", False),
    ]
    assert log_lines(result.stderr) == at(
        "INFO",
        [
            "taken inbox/南京-修订.xlsx: 61 value(s), 0 new, 1 revised",
            "revised nanjing high_value_invention_patents_per_10k 2025: 80.5 → 82 件",
            f"wrote out/nanjing-{site.day}.xlsx and out/nanjing-{site.day}.json",
            *summary_lines(
                1,
                0,
                3,
                0,
                0,
                1,
                ["nanjing"],
                ["guizhou", "shanxi", "shijiazhuang"],
                summary_name(site),
            ),
        ],
    )
    after = site.snapshot()
    changed = sorted(name for name in after if after[name] != before[name])
    assert changed == [
        f"nanjing-{site.day}.json",
        f"nanjing-{site.day}.xlsx",
        "nanjing-latest.json",
        "nanjing-latest.xlsx",
    ]
    assert latest_value(site, "nanjing", "high_value_invention_patents_per_10k") == 82
    assert (site.out / f"nanjing-{site.day}.json").read_bytes() == after["nanjing-latest.json"][0]


@pytest.fixture
def clock(monkeypatch):
    """Set the run's clock (only ipkpi.run.job's: the reports' own dates are not affected)."""

    def set_to(when: dt.datetime | None) -> None:
        if when is None:
            monkeypatch.setattr(ipkpi.run.job, "dt", dt)
            return

        class Fixed(dt.datetime):
            @classmethod
            def now(cls, tz=None):
                return when

        monkeypatch.setattr(
            ipkpi.run.job, "dt", types.SimpleNamespace(datetime=Fixed, date=dt.date)
        )

    return set_to


def test_a_revision_on_a_later_day_adds_a_dated_report(site, clock):
    today = dt.date.today()
    # Another day of the same year, so the year assessed is the same.
    other = (
        today - dt.timedelta(days=1)
        if today.timetuple().tm_yday > 1
        else today + dt.timedelta(days=1)
    )
    clock(dt.datetime.combine(other, dt.time(2, 0)).astimezone())
    site.run(expect=0)
    assert [n for n in site.outputs() if n.startswith(CITIES)] == site.report_files(
        other.isoformat()
    )
    before = site.snapshot()

    clock(None)
    revised_nanjing(site.inbox / "南京-修订.xlsx")
    site.run(expect=0)

    reports = [n for n in site.outputs() if "/" not in n and not n.startswith("run-")]
    # Nanjing for its revised figure; Shanxi because its tasks, all overdue with no progress
    # reported, are a day more overdue (the run assesses tasks on its own date).
    assert reports == sorted(
        [
            *site.report_files(other.isoformat()),
            f"nanjing-{site.day}.json",
            f"nanjing-{site.day}.xlsx",
            f"shanxi-{site.day}.json",
            f"shanxi-{site.day}.xlsx",
        ]
    )
    after = site.snapshot()
    changed = sorted(n for n in before if after[n] != before[n])
    assert changed == [  # the old dated pairs stay
        "nanjing-latest.json",
        "nanjing-latest.xlsx",
        "shanxi-latest.json",
        "shanxi-latest.xlsx",
    ]
    assert after["nanjing-latest.json"][0] == after[f"nanjing-{site.day}.json"][0]
    assert latest_value(site, "nanjing", "high_value_invention_patents_per_10k") == 82


# --- 3. the run summary ----------------------------------------------------------------------


def test_run_summary_document(site):
    site.drop("corrupt.xlsx", CORRUPT)
    shutil.copy(SAMPLE / "README.md", site.inbox / "README.md")
    site.configure('fail_on = ["missed"]\n')

    site.run(expect=1)

    doc = summary(site)
    started = dt.datetime.fromisoformat(doc.pop("started_at"))
    finished = dt.datetime.fromisoformat(doc.pop("finished_at"))
    assert started <= finished and started.tzinfo is not None
    assert started.date() == dt.date.today()
    rejected = site.inbox / "rejected"
    # Beside each message text, its code: ingest's own (checked in its tests), or null for a
    # text that has none yet.
    for entry in doc["files"]["taken"]:
        assert len(entry.pop("warning_codes")) == len(entry["warnings"])
    (bad,) = doc["files"]["rejected"]
    (code,) = bad.pop("problem_codes")
    assert re.fullmatch(r"E-[A-Z0-9-]+", code), code
    note_code = bad.pop("annotation_note_code")
    assert note_code is None or re.fullmatch(r"[EW]-[A-Z0-9-]+", note_code), note_code
    assert doc == {
        "schema": "ipkpi.run/1",
        "config": str(site.cfg),
        "exit_status": 1,
        "store": str(site.store),
        "inbox": str(site.inbox),
        "files": {
            "taken": [
                {
                    "path": str(site.inbox / name),
                    "sha256": sha256(SAMPLE / name),
                    "values": values,
                    "new": values,
                    "unchanged": 0,
                    "revised": 0,
                    "warnings": [GUIZHOU_WARNING] if name == GUIZHOU else [],
                }
                for name, values in SAMPLE_VALUES.items()
            ],
            "rejected": [
                {
                    "path": str(site.inbox / "corrupt.xlsx"),
                    "moved_to": str(rejected / "corrupt.xlsx"),
                    "errors_file": str(rejected / "corrupt.errors.txt"),
                    "annotated": None,
                    "annotation_note": "the problems concern the whole file, not particular cells",
                    "problems": [CORRUPT_PROBLEM],
                }
            ],
            "already_ingested": [],
            "waiting": [],
            "ignored": [str(site.inbox / "README.md")],
        },
        "revisions": [],
        "cities": [
            {
                "city": city,
                "plan": PLANS[city],
                "as_of": dt.date.today().year,
                "counts": COUNTS[city],
                "written": True,
                "files": [
                    str(site.out / f"{city}-{site.day}.xlsx"),
                    str(site.out / f"{city}-{site.day}.json"),
                    str(site.out / f"{city}-latest.xlsx"),
                    str(site.out / f"{city}-latest.json"),
                ],
            }
            for city in CITIES
        ],
        "fail_on": {
            "statuses": ["missed"],
            "hits": [
                {"city": city, "target_id": target, "status": "missed"} for city, target in MISSED
            ],
        },
    }
    # README.md is ignored, not rejected: it stays where it is.
    assert (site.inbox / "README.md").is_file()
    assert not (rejected / "README.md").exists()
    assert len(list((site.out / "runs").glob("run-*.json"))) == 1


# --- 4. the run's JSON report is `ipkpi report --format json` ---------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_json_report_is_the_report_command(site, runner, lang):
    site.configure(f'lang = "{lang}"\n')
    site.run(expect=0)
    for city in CITIES:
        shown = runner.invoke(
            app,
            ["report", "--city", city, "--format", "json", "--db", str(site.store), "--lang", lang],
            catch_exceptions=False,
        )
        assert shown.exit_code == 0, shown.stderr
        assert (site.out / f"{city}-latest.json").read_text(encoding="utf-8") == shown.stdout
        assert (site.out / f"{city}-{site.day}.json").read_text(encoding="utf-8") == shown.stdout


# --- 5. fail_on ------------------------------------------------------------------------------


def test_fail_on_from_the_config(site):
    site.configure('fail_on = ["missed"]\n')
    result = site.run(expect=3)
    assert log_lines(result.stderr) == [
        GUIZHOU_WARNING_LINE,
        *at("WARNING", summary_lines(3, 0, 0, 0, 294, 0, CITIES, (), summary_name(site))),
        MISSED_LINE,
    ]
    assert summary(site)["exit_status"] == 3


def test_fail_on_option_overrides_the_config(site):
    site.configure('fail_on = ["missed"]\n')
    result = site.run("--fail-on", "met", expect=3)
    *_, line = log_lines(result.stderr)
    met = [
        (plan.city, t.id)
        for plan in load_catalogue().plans
        for t in plan.targets
        if (plan.city, t.id) not in MISSED
    ]
    assert len(met) == 46
    head = "ERROR   --fail-on: 46 target(s) with status met: "
    assert line.startswith(head)
    assert sorted(line[len(head) :].split(", ")) == sorted(f"{c}:{t}" for c, t in met)
    doc = summary(site)
    assert doc["fail_on"]["statuses"] == ["met"]
    assert len(doc["fail_on"]["hits"]) == 46


def test_fail_on_without_hits_is_a_clean_run(site):
    result = site.run("--fail-on", "behind,moving_away", expect=0)
    assert log_lines(result.stderr) == [GUIZHOU_WARNING_LINE]
    assert summary(site)["fail_on"] == {"statuses": ["behind", "moving_away"], "hits": []}


def test_a_rejected_file_wins_over_fail_on(site):
    site.drop("corrupt.xlsx", CORRUPT)
    site.configure('fail_on = ["missed"]\n')
    result = site.run(expect=1)
    assert log_lines(result.stderr) == [
        *REJECTED_LINES,
        GUIZHOU_WARNING_LINE,
        *at("WARNING", summary_lines(3, 1, 0, 0, 294, 0, CITIES, (), summary_name(site))),
        REJECTED_ERROR,
        MISSED_LINE,
    ]


def test_a_bad_fail_on_option_is_a_usage_error(site):
    result = site.run("--fail-on", "missed,bogus", "--lang", "en", expect=2)
    assert result.stderr.splitlines()[-1] == (
        "Error[E-USAGE-VALUE]: Invalid value for --fail-on: unknown status 'bogus'; use one or "
        "more of "
        "achieved (已达标), on_track (进度正常), moderate (进度偏慢), behind (进度滞后), "
        "overshoot (超出目标区间), moving_away (逆向变化), missed (未完成), met (已完成), awaiting_final (待最终数据), no_data (数据不足), "
        "overdue (已逾期), separated by commas"
    )
    assert not site.out.exists()
    assert not site.store.exists()


# --- 6. logging ------------------------------------------------------------------------------


def first_run_info(site: Site, name: str) -> list[str]:
    taken = at(
        "INFO",
        [f"taken inbox/{n}: {v} value(s), {v} new, 0 revised" for n, v in SAMPLE_VALUES.items()],
    )
    return [
        *taken,  # Guizhou's is the last, and its warning follows it
        GUIZHOU_WARNING_LINE,
        *at(
            "INFO",
            [
                *(f"wrote out/{c}-{site.day}.xlsx and out/{c}-{site.day}.json" for c in CITIES),
                *summary_lines(3, 0, 0, 0, 294, 0, CITIES, (), name),
            ],
        ),
    ]


def test_verbose_shows_what_was_taken_and_written(site):
    result = site.run("-v", expect=0)
    assert log_lines(result.stderr) == first_run_info(site, summary_name(site))


def test_very_verbose_shows_debug_lines(site):
    shutil.copy(SAMPLE / "README.md", site.inbox / "README.md")
    site.run(expect=0)
    result = site.run("-vv", expect=0)
    assert log_lines(result.stderr) == [
        "DEBUG   ignored inbox/README.md: not a workbook or CSV file",
        *(f"DEBUG   already inbox/{n}: ingested before" for n in SAMPLE_VALUES),
        *(f"DEBUG   unchanged {c}: no new figures" for c in CITIES),
        *at("INFO", summary_lines(0, 0, 3, 0, 0, 0, (), CITIES, summary_name(site))),
    ]


def test_log_file_gets_info_lines_and_is_appended_to(site):
    (site.root / "logs").mkdir()
    site.configure('log_file = "logs/ipkpi.log"\n')
    log = site.root / "logs" / "ipkpi.log"

    first = site.run(expect=0)
    # quiet on stderr (the warning only), all of it in the file
    assert log_lines(first.stderr) == [GUIZHOU_WARNING_LINE]
    first_name = summary_name(site)
    assert log_lines(log.read_text(encoding="utf-8")) == first_run_info(site, first_name)

    second = site.run(expect=0)
    assert second.stderr == ""
    assert log_lines(log.read_text(encoding="utf-8")) == [
        *first_run_info(site, first_name),
        *at("INFO", summary_lines(0, 0, 3, 0, 0, 0, (), CITIES, summary_name(site))),
    ]


def test_log_file_gets_errors_too(site):
    (site.root / "logs").mkdir()
    site.configure('log_file = "logs/ipkpi.log"\n')
    site.drop("corrupt.xlsx", CORRUPT)
    result = site.run(expect=1)
    in_file = log_lines((site.root / "logs" / "ipkpi.log").read_text(encoding="utf-8"))
    assert [line for line in in_file if not line.startswith("INFO")] == log_lines(result.stderr)
    assert in_file[-1] == REJECTED_ERROR


def test_warnings_of_a_taken_file_are_logged_once(site):
    assert log_lines(site.run(expect=0).stderr) == [GUIZHOU_WARNING_LINE]
    assert site.run(expect=0).stderr == ""  # the file is not taken again


# --- 7. settle_seconds -----------------------------------------------------------------------


def test_a_file_still_being_copied_waits_for_the_next_run(site):
    site.configure(extra="settle_seconds = 3600\n", base='inbox = "inbox"\noutput = "out"\n')
    past = time.time() - HOUR_AGO
    for name in (NANJING, SHIJIAZHUANG):
        os.utime(site.inbox / name, (past, past))
    os.utime(site.inbox / GUIZHOU)  # just now

    result = site.run("-v", expect=0)

    lines = log_lines(result.stderr)
    assert lines[:3] == [
        f"INFO    taken inbox/{NANJING}: 61 value(s), 61 new, 0 revised",
        f"INFO    taken inbox/{SHIJIAZHUANG}: 66 value(s), 66 new, 0 revised",
        f"INFO    waiting inbox/{GUIZHOU}: changed in the last 3600 s",
    ]
    assert (
        lines[-3]
        == "INFO    files: 2 taken, 0 rejected, 0 already ingested, 1 waiting; 127 new value(s), 0 revised"
    )
    doc = summary(site)
    assert doc["files"]["waiting"] == [str(site.inbox / GUIZHOU)]
    assert [f["path"] for f in doc["files"]["taken"]] == [
        str(site.inbox / NANJING),
        str(site.inbox / SHIJIAZHUANG),
    ]
    assert site.values() == 127
    assert (site.inbox / GUIZHOU).is_file()

    os.utime(site.inbox / GUIZHOU, (past, past))
    site.run(expect=0)

    doc = summary(site)
    assert doc["files"]["waiting"] == []
    assert [f["path"] for f in doc["files"]["taken"]] == [str(site.inbox / GUIZHOU)]
    assert doc["files"]["already_ingested"] == [
        str(site.inbox / NANJING),
        str(site.inbox / SHIJIAZHUANG),
    ]
    assert site.values() == TOTAL_VALUES
    assert [(c["city"], c["written"]) for c in doc["cities"]] == [
        ("guizhou", True),
        ("nanjing", False),
        ("shanxi", False),
        ("shijiazhuang", False),
    ]


# --- 8. what in the inbox is looked at -------------------------------------------------------


def test_hidden_lock_rejected_and_output_files_are_passed_over(site):
    site.configure(base='inbox = "inbox"\noutput = "inbox/out"\nsettle_seconds = 0\n')
    site.out = site.inbox / "out"
    (site.inbox / "dept").mkdir()
    shutil.move(site.inbox / NANJING, site.inbox / "dept" / NANJING)
    passed_over = [
        site.drop(".hidden.xlsx", CORRUPT),
        site.drop(".cache/old.xlsx", CORRUPT),
        site.drop("~$南京.xlsx", CORRUPT),
        site.drop("dept/~$南京.xlsx", CORRUPT),
        site.drop("rejected/old.xlsx", CORRUPT),
        site.drop("out/stray.xlsx", CORRUPT),
    ]

    first = site.run(expect=0)

    assert log_lines(first.stderr) == [GUIZHOU_WARNING_LINE]
    doc = summary(site)
    assert [f["path"] for f in doc["files"]["taken"]] == [
        str(site.inbox / "dept" / NANJING),
        str(site.inbox / SHIJIAZHUANG),
        str(site.inbox / GUIZHOU),
    ]
    assert doc["files"]["rejected"] == doc["files"]["ignored"] == []
    assert all(p.read_bytes() == CORRUPT for p in passed_over)
    assert site.values() == TOTAL_VALUES
    # The next run passes over the workbooks the first one wrote into inbox/out.
    second = site.run(expect=0)
    assert second.stderr == ""
    doc = summary(site)
    assert doc["files"]["taken"] == doc["files"]["rejected"] == doc["files"]["ignored"] == []
    assert len(doc["files"]["already_ingested"]) == 3


@pytest.mark.parametrize(
    "folders",
    ['output = "."\n', 'output = "out"\nrejected = "."\n'],
    ids=["output", "rejected"],
)
def test_an_output_folder_above_the_inbox_does_not_hide_it(site, folders):
    site.configure(base=f'inbox = "inbox"\nsettle_seconds = 0\n{folders}')
    site.run(expect=0)
    assert site.values() == TOTAL_VALUES


# --- 9. what a killed run left -----------------------------------------------------------------


def test_a_full_disk_while_writing_reports_is_one_error_line(site, monkeypatch):
    def full(path, text):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(ipkpi.run.job, "write_text", full)
    result = site.run(expect=2)
    (line,) = [entry for entry in log_lines(result.stderr) if entry.startswith("ERROR")]
    assert line == (
        f"ERROR   Error[E-RUN-WRITE]: out/guizhou-{site.day}.json: cannot write: "
        "No space left on device"
    )
    assert "Traceback" not in result.stderr
    assert site.values() == TOTAL_VALUES  # what was taken stays taken, whole


def test_stale_temporary_files_are_removed(site):
    stale = [
        site.out / ".nanjing-latest.xlsx.abc123.ipkpi.tmp",
        site.out / "runs" / ".run-latest.json.x1y2z3.ipkpi.tmp",
        site.inbox / "rejected" / ".corrupt.errors.txt.q9w8e7.ipkpi.tmp",
    ]
    for path in stale:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half a workbook")
    kept = site.out / ".keep"
    kept.write_text("")

    result = site.run("-v", expect=0)

    assert not any(p.exists() for p in stale)
    assert kept.exists()
    assert log_lines(result.stderr)[:3] == [
        "INFO    removed out/.nanjing-latest.xlsx.abc123.ipkpi.tmp, left by an interrupted run",
        "INFO    removed out/runs/.run-latest.json.x1y2z3.ipkpi.tmp, left by an interrupted run",
        "INFO    removed inbox/rejected/.corrupt.errors.txt.q9w8e7.ipkpi.tmp, left by an interrupted run",
    ]
    assert not [n for n in site.outputs() if n.endswith(".ipkpi.tmp")]


# --- 10. configuration and catalogue errors ----------------------------------------------------


def test_an_unknown_city_is_a_config_error(site):
    site.configure('cities = ["nanjin"]\n')
    result = site.run(expect=2)
    assert log_lines(result.stderr) == [
        "ERROR   Error[E-CONFIG-CITY-UNKNOWN]: ipkpi.toml › cities: unknown city 'nanjin'; "
        "known: guizhou, nanjing, shanxi, shijiazhuang, zhangzhou"
    ]
    assert not site.store.exists()
    assert not site.out.exists()


def test_cities_limits_the_reports(site):
    site.configure('cities = ["nanjing"]\n')
    site.run(expect=0)
    assert site.values() == TOTAL_VALUES  # every file is still taken
    assert site.outputs() == sorted(
        [
            f"nanjing-{site.day}.json",
            f"nanjing-{site.day}.xlsx",
            "nanjing-latest.json",
            "nanjing-latest.xlsx",
            "run-latest.json",
            summary_name(site)[4:],
        ]
    )
    doc = summary(site)
    assert [(c["city"], c["counts"]) for c in doc["cities"]] == [("nanjing", COUNTS["nanjing"])]


def test_a_bad_catalogue_ingests_nothing(site):
    (site.root / "bad").mkdir()
    (site.root / "bad" / "broken.toml").write_text("schema = [\n", encoding="utf-8")
    site.configure('targets = "bad"\n')
    result = site.run(expect=1)
    (line,) = log_lines(result.stderr)  # the catalogue's own code, whichever it is
    assert re.fullmatch(
        r"ERROR   Error\[E-[A-Z-]+\]: bad/broken\.toml: invalid TOML: Invalid value", line
    ), line
    assert not site.store.exists()
    assert not site.out.exists()
    assert sorted(p.name for p in site.inbox.iterdir()) == sorted(SAMPLE_VALUES)


def test_english_labels(site):
    site.configure('lang = "en"\n')
    site.run(expect=0)
    doc = json.loads((site.out / "nanjing-latest.json").read_text(encoding="utf-8"))
    # 2025, the plan's last year, holds 快报 figures: provisional verdicts, said so
    assert {t["status"]: t["status_label"] for t in doc["targets"]} == {
        "met": "met (preliminary)",
        "missed": "missed (preliminary)",
    }
    site.configure('lang = "zh"\n')  # another language is other figures: rewritten
    site.run(expect=0)
    doc = json.loads((site.out / "nanjing-latest.json").read_text(encoding="utf-8"))
    assert {t["status"]: t["status_label"] for t in doc["targets"]}["met"] == "已完成（快报）"
    assert [c["written"] for c in summary(site)["cities"]] == [True, True, True, True]


# --- 11. help --------------------------------------------------------------------------------


def test_help_gives_exit_statuses_and_config_lookup(runner):
    result = runner.invoke(app, ["run", "--help", "--lang", "en"], catch_exceptions=False)
    assert result.exit_code == 0
    text = " ".join(result.stdout.split())
    assert (
        "Exit statuses: 0 all done · 1 a file was rejected, or the catalogue is bad · 2 usage or "
        "configuration error, or the store stayed locked · 3 done, but a fail_on status holds."
    ) in text
    assert "(--config FILE, else $IPKPI_CONFIG, else ipkpi.toml in the working folder)" in text
    chinese = runner.invoke(app, ["run", "--help"], env={"COLUMNS": "80"}).stdout
    assert (
        "  退出状态：0 全部完成 · 1 有文件被拒收，或目标目录有误 · 2 用法或配置错误，或\n"
        "  数据库一直被锁 · 3 已完成，但命中 fail_on 所列状态。\n"
    ) in chinese


# --- 12. the store's lock --------------------------------------------------------------------

HOLDER = r"pid (\d+), ipkpi, since \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d"
BUSY = (
    r"Error\[E-STORE-LOCKED\]: ipkpi\.db: another ipkpi run or ingest is writing to the store \("
    + HOLDER
    + r"\); "
    r"gave up waiting after 0\.3 s \(--lock-timeout\)"
)


def test_a_locked_store_stops_run_and_ingest(site, runner):
    with store_lock(site.store, 10):
        result = site.run("--lock-timeout", "0.3", expect=2)
        (line,) = log_lines(result.stderr)
        match = re.fullmatch("ERROR   " + BUSY, line)
        assert match, line
        assert int(match[1]) == os.getpid()
        # Nothing was touched.
        assert sorted(p.name for p in site.inbox.iterdir()) == sorted(SAMPLE_VALUES)
        assert not site.store.exists()
        assert not site.out.exists()

        ingest = runner.invoke(
            app,
            ["ingest", str(SAMPLE), "--db", str(site.store), "--lock-timeout", "0.3"],
            catch_exceptions=False,
            env={"IPKPI_LANG": "en"},
        )
        assert (ingest.exit_code, ingest.stdout) == (2, "")
        waiting, error = ingest.stderr.splitlines()
        assert re.fullmatch("waiting for the store: " + HOLDER, waiting), waiting
        assert re.fullmatch(BUSY, error), error
        assert not site.store.exists()

    site.run(expect=0)
    assert site.values() == TOTAL_VALUES
    again = runner.invoke(
        app,
        ["ingest", str(SAMPLE), "--db", str(site.store), "--lock-timeout", "0.3"],
        env={"IPKPI_LANG": "en"},
    )
    claims = SAMPLE / "claims" / "漳州市知识产权奖补申报汇总_示例.xlsx"
    assert (again.exit_code, again.stderr) == (
        0,
        f"Warning[W-FILE-CLAIMS]: {claims}: a claims workbook (申请单位, 单位类型, 措施, 年度), "
        "not statistics: "
        "passed over; work it out with ipkpi rewards --city CITY FILE\n",
    )
    assert site.values() == TOTAL_VALUES


def test_waiting_for_the_lock_is_logged_with_verbose(site):
    with store_lock(site.store, 10):
        result = site.run("-v", "--lock-timeout", "0.3", expect=2)
    lines = log_lines(result.stderr)
    assert len(lines) == 2
    assert re.fullmatch("INFO    waiting for the store: " + HOLDER, lines[0]), lines[0]
    assert re.fullmatch("ERROR   " + BUSY, lines[1]), lines[1]


def test_a_locked_store_names_the_config_key(site):
    site.configure("lock_timeout = 0.3\n")
    with store_lock(site.store, 10):
        result = site.run(expect=2)
    (line,) = log_lines(result.stderr)
    assert re.fullmatch(
        r"ERROR   Error\[E-STORE-LOCKED\]: ipkpi\.db: another ipkpi run or ingest is writing "
        r"to the store "
        rf"\(pid {os.getpid()}, ipkpi, since [^)]+\); gave up waiting after 0\.3 s "
        r"\(lock_timeout\)",
        line,
    ), line


# --- a rejected file that cannot be moved ------------------------------------------------------


def test_a_rejected_file_that_cannot_be_moved_is_not_said_to_be_moved(site, monkeypatch):
    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ipkpi.run.job, "reject", read_only)
    site.drop("corrupt.xlsx", CORRUPT)
    result = site.run(expect=1)
    lines = log_lines(result.stderr)
    assert lines[0] == (
        "WARNING rejected inbox/corrupt.xlsx: 1 problem(s), not moved: Permission denied; "
        "first: inbox/corrupt.xlsx: truncated or corrupt workbook (not a readable zip archive)"
    )
    assert (site.inbox / "corrupt.xlsx").read_bytes() == CORRUPT
    assert lines[-1] == (
        "ERROR   Error[E-RUN-REJECTED]: 1 file(s) rejected, left in the inbox: they could not be "
        "moved: "
        "inbox/corrupt.xlsx"
    )


# --- the log in Chinese: the default language ------------------------------------------------


def test_the_log_is_in_chinese_by_default(site):
    result = site.run("-v", expect=0, lang="zh")
    name = summary_name(site)
    lines = [line for line in log_lines(result.stderr) if not line.startswith("WARNING")]
    assert lines == [
        f"INFO    已导入 inbox/{NANJING}：61 个数值，新增 61 个，修订 0 个",
        f"INFO    已导入 inbox/{SHIJIAZHUANG}：66 个数值，新增 66 个，修订 0 个",
        f"INFO    已导入 inbox/{GUIZHOU}：167 个数值，新增 167 个，修订 0 个",
        *(f"INFO    已写出 out/{c}-{site.day}.xlsx 和 out/{c}-{site.day}.json" for c in CITIES),
        "INFO    文件：导入 3 个，退回 0 个，之前已导入 0 个，暂不导入 0 个；新增数值 294 个，修订 0 个",
        "INFO    报告：写出 4 个（guizhou、nanjing、shanxi、shijiazhuang），未改写 0 个（-）",
        f"INFO    运行摘要：{name}",
    ]
    again = site.run("-vv", expect=0, lang="zh")
    assert log_lines(again.stderr)[:1] == [f"DEBUG   跳过 inbox/{NANJING}：之前已导入过"]
    assert log_lines(again.stderr)[-3:-1] == [
        "INFO    文件：导入 0 个，退回 0 个，之前已导入 3 个，暂不导入 0 个；新增数值 0 个，修订 0 个",
        "INFO    报告：写出 0 个（-），未改写 4 个（guizhou、nanjing、shanxi、shijiazhuang）",
    ]


def test_a_revised_figure_in_chinese(site):
    site.run(expect=0)
    revised_nanjing(site.inbox / "南京-修订.xlsx")
    result = site.run("-v", expect=0, lang="zh")
    assert log_lines(result.stderr)[:2] == [
        "INFO    已导入 inbox/南京-修订.xlsx：61 个数值，新增 0 个，修订 1 个",
        "INFO    修订 nanjing high_value_invention_patents_per_10k 2025：80.5 → 82 件",
    ]


def test_a_file_left_waiting_in_chinese(site):
    site.configure("settle_seconds = 3600\n", base='inbox = "inbox"\noutput = "out"\n')
    result = site.run("-v", expect=0, lang="zh")
    assert log_lines(result.stderr)[:3] == [
        f"INFO    暂不导入 inbox/{NANJING}：最近 3600 秒内有改动，留待下次运行",
        f"INFO    暂不导入 inbox/{SHIJIAZHUANG}：最近 3600 秒内有改动，留待下次运行",
        f"INFO    暂不导入 inbox/{GUIZHOU}：最近 3600 秒内有改动，留待下次运行",
    ]


def test_a_rejected_file_that_cannot_be_moved_in_chinese(site, monkeypatch):
    def read_only(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ipkpi.run.job, "reject", read_only)
    site.drop("corrupt.xlsx", CORRUPT)
    result = site.run(expect=1, lang="zh")
    lines = log_lines(result.stderr)
    assert lines[0].startswith(
        "WARNING 退回 inbox/corrupt.xlsx：1 个问题，未能移走：Permission denied；第一个问题："
    )
    assert lines[-1] == (
        "ERROR   错误[E-RUN-REJECTED]：退回了 1 个文件，仍留在收件文件夹中：无法移走："
        "inbox/corrupt.xlsx"
    )
    (bad,) = summary(site)["files"]["rejected"]
    assert (bad["annotation_note"], bad["annotation_note_code"]) == (
        "未能移走：Permission denied",
        "W-RUN-NOT-MOVED",
    )
    (code,) = bad["problem_codes"]
    assert re.fullmatch(r"E-[A-Z0-9-]+", code), code


def test_a_rejected_file_in_chinese(site):
    site.drop("corrupt.xlsx", CORRUPT)
    result = site.run(expect=1, lang="zh")
    assert log_lines(result.stderr)[-1] == (
        "ERROR   错误[E-RUN-REJECTED]：退回了 1 个文件，已移到 inbox/rejected：inbox/corrupt.xlsx"
    )


def test_an_unknown_city_in_chinese(site):
    site.configure('cities = ["nanjin", "suzhou"]\n')
    result = site.run(expect=2, lang="zh")
    assert log_lines(result.stderr) == [
        "ERROR   错误[E-CONFIG-CITY-UNKNOWN]：ipkpi.toml › cities：没有城市 'nanjin'、'suzhou'；"
        "已知城市：guizhou、nanjing、shanxi、shijiazhuang、zhangzhou"
    ]


def test_a_locked_store_in_chinese(site, runner):
    site.configure("lock_timeout = 0.3\n")
    with store_lock(site.store, 10):
        result = site.run("-v", expect=2, lang="zh")
        ingest = runner.invoke(
            app, ["ingest", str(SAMPLE), "--db", str(site.store), "--lock-timeout", "0.3"]
        )
    assert (ingest.exit_code, ingest.stdout) == (2, "")
    waiting, error = ingest.stderr.splitlines()
    assert re.fullmatch("正在等待数据库：" + HOLDER, waiting), waiting
    assert re.fullmatch(
        r"错误\[E-STORE-LOCKED\]：ipkpi\.db：另一个 ipkpi 进程（run 或 ingest）正在写入数据库"
        r"（pid \d+, ipkpi, since [^）]+）；等待 0\.3 秒后放弃（--lock-timeout）",
        error,
    ), error
    waiting, error = log_lines(result.stderr)
    assert re.fullmatch("INFO    正在等待数据库：" + HOLDER, waiting), waiting
    assert re.fullmatch(
        r"ERROR   错误\[E-STORE-LOCKED\]：ipkpi\.db：另一个 ipkpi 进程（run 或 ingest）正在写入数据库"
        rf"（pid {os.getpid()}, ipkpi, since [^）]+）；等待 0\.3 秒后放弃（lock_timeout）",
        error,
    ), error


def test_a_full_disk_in_chinese(site, monkeypatch):
    def full(path, text):
        raise OSError(28, "No space left on device", str(path))

    monkeypatch.setattr(ipkpi.run.job, "write_text", full)
    result = site.run(expect=2, lang="zh")
    (line,) = [entry for entry in log_lines(result.stderr) if entry.startswith("ERROR")]
    assert line == (
        f"ERROR   错误[E-RUN-WRITE]：out/guizhou-{site.day}.json：无法写入：No space left on device"
    )


def test_a_run_writes_the_dashboard_it_is_asked_for(site):
    site.configure('dashboard = "index.html"\n')
    site.run(expect=0)
    page = (site.out / "index.html").read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>")
    assert re.findall(r'<section class="place" data-city="([a-z]+)"', page) == [
        "guizhou",
        "nanjing",
        "shanxi",
        "shijiazhuang",
    ]
    assert not re.search(r"https?:", page)


def test_a_dashboard_that_is_no_html_file_name_is_a_config_error(site):
    site.configure('dashboard = "out/index.txt"\n')
    result = site.run(expect=2)
    assert (
        'dashboard: "out/index.txt": give a file name ending in .html (written in the output '
        'folder), such as "index.html"'
    ) in result.stderr
    assert not site.out.exists() or not (site.out / "out").exists()
