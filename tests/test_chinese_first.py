"""Chinese first: with no --lang, IPKPI_LANG or locale, what each command says when
something is wrong — a place, a catalogue file, a workbook, a store, a configuration, an
option — is Chinese from start to end: every line a 错误[CODE]： line (or the usage and
where help is), and no English sentence in any of them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import GOOD_PLAN, write_plan, write_workbook
from typer.testing import CliRunner

from ipkpi.cli.app import app

# Three English words in a row: a sentence, or the start of one. Option names (--city),
# codes, file names and values stay as typed and are never three words apart by spaces.
ENGLISH = re.compile(r"\b[A-Za-z]{2,}(?: [A-Za-z]{2,}){2,}\b")
SAID = re.compile(r"^(错误\[[EW](-[A-Z0-9]+)+\]：|用法：|查看帮助：|$)")


def scenario(name: str, folder: Path) -> list[str]:
    """Set up one thing that is wrong in ``folder``; the arguments that meet it."""
    if name == "unknown place":
        return ["report", "--city", "nanjin"]
    if name == "catalogue file":
        write_plan(folder / "cat", GOOD_PLAN.replace('unit = "件"', 'unit = "件们"', 1))
        return ["targets", "check", "--targets", str(folder / "cat")]
    if name == "workbook":
        write_workbook(
            folder / "南京市2024.xlsx",
            [["指标", "2024年"], ["万人高价值发明专利拥有量", "12件左右"]],
        )
        return ["ingest", str(folder / "南京市2024.xlsx"), "--db", str(folder / "s.db")]
    if name == "store":
        (folder / "s.db").write_text("city,value\n", encoding="utf-8")
        return ["report", "--city", "nanjing", "--db", str(folder / "s.db")]
    if name == "configuration":
        (folder / "ipkpi.toml").write_text('inbox = "in"\ncolour = "red"\n', encoding="utf-8")
        return ["run", "--config", str(folder / "ipkpi.toml")]
    if name == "option":
        return ["report", "--city", "nanjing", "--as-of", "3000"]
    if name == "missing option":
        return ["tasks"]
    raise AssertionError(name)


SCENARIOS = [
    "unknown place",
    "catalogue file",
    "workbook",
    "store",
    "configuration",
    "option",
    "missing option",
]


@pytest.mark.parametrize("name", SCENARIOS)
def test_what_goes_wrong_is_said_in_chinese_by_default(tmp_path, name):
    result = CliRunner().invoke(app, scenario(name, tmp_path))
    assert result.exit_code in (1, 2)
    lines = result.stderr.splitlines()
    assert lines and any(line.startswith("错误[") for line in lines)
    assert [line for line in lines if not SAID.match(line)] == []
    assert [line for line in lines if ENGLISH.search(line)] == []


@pytest.mark.parametrize("name", SCENARIOS)
def test_and_in_english_when_asked(tmp_path, name):
    result = CliRunner().invoke(app, scenario(name, tmp_path), env={"IPKPI_LANG": "en"})
    assert result.exit_code in (1, 2)
    lines = result.stderr.splitlines()
    assert any(line.startswith("Error[") for line in lines)
    assert not any("错误" in line for line in lines)
