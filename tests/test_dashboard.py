"""``ipkpi export --format html``: one self-contained page. Its figures are the JSON
report's, it names no address outside itself, it stays small; and in a real browser
(headless Chromium, which .ci/run installs) it runs without a console message and its
status filter leaves only those rows. A screenshot is saved as an artefact."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from ipkpi.cli.app import app

PLACES = ("guizhou", "nanjing", "shijiazhuang")


def run(runner, *args):
    return runner.invoke(app, list(args))


@pytest.fixture(scope="module")
def page(tmp_path_factory, sample_db):
    from typer.testing import CliRunner

    path = tmp_path_factory.mktemp("dash") / "dashboard.html"
    result = CliRunner().invoke(
        app,
        [
            "export",
            "--all",
            "--format",
            "html",
            "--as-of",
            "2025",
            "-o",
            str(path),
            "--db",
            str(sample_db),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout == f"已写入 {path}：4个地方的进展网页（一个文件，不需联网）\n"
    return path


class _Rows(HTMLParser):
    """Each target row's data- attributes and visibility, by place."""

    def __init__(self):
        super().__init__()
        self.city = None
        self.rows: dict[str, list[dict]] = {}

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "section":
            self.city = a.get("data-city")
            self.rows.setdefault(self.city, [])
        elif tag == "tr" and "data-id" in a:
            self.rows[self.city].append(a)


def _rows(text: str) -> dict[str, list[dict]]:
    parser = _Rows()
    parser.feed(text)
    return parser.rows


def _number(text: str):
    return None if text == "" else float(text)


def _report(runner, sample_db, city: str, *more: str) -> dict[str, dict]:
    """The JSON report's targets by id, as of 2025."""
    args = ["report", "--city", city, "--as-of", "2025", "-f", "json", "--db", str(sample_db)]
    result = run(runner, *args, *more)
    return {t["id"]: t for t in json.loads(result.stdout)["targets"]}


def _same_figures(rows: dict[str, list[dict]], runner, sample_db) -> None:
    """Each place's rows are its report's targets, once each, with the report's figures."""
    for city in PLACES:
        targets = _report(runner, sample_db, city)
        # in the report's order (grouped by category): every target once
        assert sorted(r["data-id"] for r in rows[city]) == sorted(targets)
        for r in rows[city]:
            t = targets[r["data-id"]]
            assert r["data-status"] == t["status"]
            assert _number(r["data-target"]) == t["target"]
            assert _number(r["data-gap"]) == t["gap"]
            actual = t["actual"]["value"] if t["actual"] else None
            if actual is None:
                assert r["data-actual"] == ""
            else:
                assert _number(r["data-actual"]) == pytest.approx(actual, abs=1e-6)
            assert r["data-lead"] == ("|".join(t["lead"]) or "未明确牵头单位")


def test_the_figures_are_the_reports(runner, sample_db, page):
    rows = _rows(page.read_text(encoding="utf-8"))
    assert sorted(rows) == ["guizhou", "nanjing", "shanxi", "shijiazhuang"]
    assert rows["shanxi"] == []  # tasks only: said so, no table
    _same_figures(rows, runner, sample_db)


def test_one_file_nothing_from_outside_and_small(page):
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"https?:|//[a-z]|<link|<img|src=|@import|url\(", text)
    assert page.stat().st_size < 1_000_000
    assert "<script>" in text and "<style>" in text and "<svg" in text


def test_html_needs_an_html_name(runner, sample_db, tmp_path):
    result = run(
        runner,
        "export",
        "--all",
        "--format",
        "html",
        "-o",
        str(tmp_path / "d.xlsx"),
        "--db",
        str(sample_db),
    )
    assert result.exit_code == 2
    assert "d.xlsx：网页必须是 .html 文件" in result.stderr
    assert not (tmp_path / "d.xlsx").exists()


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _chromium(tmp_path, *args) -> subprocess.CompletedProcess:
    profile = tmp_path / f"profile-{len(list(tmp_path.iterdir()))}"
    return subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr", "--v=0", *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium here: .ci/run installs Debian's chromium")
def test_in_a_real_browser(runner, sample_db, page, tmp_path):
    url = page.as_uri()
    loaded = _chromium(tmp_path, "--dump-dom", url)
    assert loaded.returncode == 0, loaded.stderr[-2000:]
    assert [line for line in loaded.stderr.splitlines() if "CONSOLE" in line] == []
    shown = _rows(loaded.stdout)
    assert all("hidden" not in r for city in PLACES for r in shown[city])  # no filter: all
    _same_figures(shown, runner, sample_db)  # as the browser holds the page
    # the status filter, from the address: only the missed targets remain shown
    filtered = _chromium(tmp_path, "--dump-dom", url + "#status=missed")
    assert [line for line in filtered.stderr.splitlines() if "CONSOLE" in line] == []
    rows = _rows(filtered.stdout)
    for city in PLACES:
        missed = list(_report(runner, sample_db, city, "--status", "missed"))
        visible = [r["data-id"] for r in rows[city] if "hidden" not in r]
        assert sorted(visible) == sorted(missed)
        assert all(r["data-status"] == "missed" for r in rows[city] if "hidden" not in r)
    assert sum("hidden" in r for city in PLACES for r in rows[city]) > 0
    # a screenshot, kept as an artefact
    shot = Path(os.environ.get("IPKPI_ARTEFACTS", tmp_path)) / "dashboard.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    taken = _chromium(tmp_path, "--window-size=1280,1400", f"--screenshot={shot}", url)
    assert taken.returncode == 0 and shot.stat().st_size > 10_000
