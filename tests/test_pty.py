"""On a real pseudo-terminal of 80 and 100 columns — the size rich reads from the terminal,
not from COLUMNS — every line fits, no word, date or number is split, and NO_COLOR takes
the colours away and nothing else."""

from __future__ import annotations

import fcntl
import functools
import os
import pty
import re
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from ipkpi.output.textwidth import display_width

REPO = Path(__file__).resolve().parents[1]
CLAIMS = REPO / "sample_data" / "claims" / "漳州市知识产权奖补申报汇总_示例.xlsx"
ESCAPE = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
# What a table must never split: dates, numbers and English words, as in the plain output.
WHOLE = re.compile(r"\d{4}-\d{2}-\d{2}|-?\d[\d,]*(?:\.\d+)?|[A-Za-z][A-Za-z'-]*")


def on_pty(columns: int, args: list[str], no_color: bool) -> str:
    """The output of ``ipkpi ARGS`` run on a pseudo-terminal ``columns`` wide."""
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, columns, 0, 0))
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    env |= {"TERM": "xterm-256color", **({"NO_COLOR": "1"} if no_color else {})}
    child = subprocess.Popen(
        [sys.executable, "-m", "ipkpi", *args],
        stdin=follower,
        stdout=follower,
        stderr=follower,
        env=env,
        close_fds=True,
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(leader)
    assert child.wait(timeout=60) in (0, 3)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


@functools.cache
def plain(args: tuple[str, ...]) -> str:
    """The same command to a pipe: the unwrapped text every cell is a piece of."""
    done = subprocess.run(
        [sys.executable, "-m", "ipkpi", *args], capture_output=True, text=True, check=False
    )
    return done.stdout


@pytest.fixture(scope="module")
def commands(sample_db) -> dict[str, list[str]]:
    db = str(sample_db)
    return {
        "report": ["report", "--city", "nanjing", "--db", db],
        "report-en": ["report", "--city", "guizhou", "--db", db, "--lang", "en"],
        "tasks": ["tasks", "--city", "shanxi", "--as-of", "2023-12-31", "--db", db],
        "rewards": ["rewards", "--city", "zhangzhou", str(CLAIMS)],
        "data": ["data", "show", "--city", "nanjing", "--db", db],
    }


@pytest.mark.parametrize("columns", [80, 100])
@pytest.mark.parametrize("name", ["report", "report-en", "tasks", "rewards", "data"])
def test_on_a_terminal_every_line_fits_and_nothing_is_split(commands, name, columns):
    coloured = on_pty(columns, commands[name], no_color=False)
    uncoloured = on_pty(columns, commands[name], no_color=True)
    assert "\x1b[" in coloured
    assert "\x1b[" not in uncoloured
    assert ESCAPE.sub("", coloured) == uncoloured  # NO_COLOR: the same layout
    lines = uncoloured.splitlines()
    assert [line for line in lines if display_width(line) > columns] == []
    whole = set(WHOLE.findall(plain(tuple(commands[name]))))
    assert [t for t in WHOLE.findall(uncoloured) if t not in whole] == []


def test_on_an_80_column_terminal_the_report_is_one_block_per_target(commands):
    lines = on_pty(80, commands["report"], no_color=True).splitlines()
    assert "  知识产权服务机构从业人员数" in lines
    assert "    人      8460 (2025)        > 8000 (2025)  超460   已完成（快报）" in lines
    assert not any(line.startswith("┏") for line in lines[:5])


def test_on_an_80_column_terminal_data_show_keeps_every_figure(commands):
    lines = on_pty(80, commands["data"], no_color=True).splitlines()
    heading = next(line for line in lines if line.startswith("┃"))
    assert [c.strip() for c in heading.split("┃")[1:-1]] == ["指标", "年份", "数值", "单位", "口径"]
    assert (
        "│ 版权产业增加值占GDP比重                  │ 2022 │ 8.05  │ %      │           │" in lines
    )
