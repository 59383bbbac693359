"""What the command line is given, refused once and clearly: year options out of range,
names with control characters, outputs that must not be replaced, paths that loop."""

from __future__ import annotations

import pytest

from ipkpi.cli.app import app


def run(runner, *args, **kwargs):
    return runner.invoke(app, list(args), **kwargs)


def error_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith(("Error", "错误"))]


def run_en(runner, *args):
    """ipkpi with ``args``, in English."""
    return run(runner, *args, env={"IPKPI_LANG": "en"})


# --- year options: 1900–2100, refused by the parser with exit 2 --------------------------------

YEAR_OPTIONS = [
    ("report", "--city", "nanjing", "--as-of"),
    ("export", "--all", "-o", "out.xlsx", "--as-of"),
    ("compare", "--year"),
    ("template", "--city", "nanjing", "-o", "t.xlsx", "--year"),
    ("missing", "--city", "nanjing", "--year"),
    ("ingest", "nothing.csv", "--year"),
    ("targets", "show", "--city", "nanjing", "--as-of"),
    ("data", "show", "--year"),
]


@pytest.mark.parametrize("command", YEAR_OPTIONS, ids=lambda c: " ".join(c[:2]))
@pytest.mark.parametrize("year", ["99999", "0", "1899", "2101"])
def test_a_year_option_outside_1900_to_2100_is_a_usage_error(runner, in_tmp, command, year):
    result = run(runner, *command, year, "--lang", "en")
    assert result.exit_code == 2
    option = command[-1]
    assert error_lines(result) == [
        f"Error[E-USAGE-VALUE]: Invalid value for {option}: {year} is not in the range "
        "1900<=x<=2100."
    ]
    chinese = run(runner, *command, year)
    assert chinese.stderr.splitlines()[-1] == (
        f"错误[E-USAGE-VALUE]：选项 {option} 的值无效：{year} 不在 1900<=x<=2100 的范围内"
    )
    assert not (in_tmp / "out.xlsx").exists() and not (in_tmp / "t.xlsx").exists()


@pytest.mark.parametrize("year", ["1900", "2100"])
def test_the_years_at_the_ends_of_the_range_are_taken(runner, in_tmp, year):
    result = run(runner, "targets", "show", "--city", "nanjing", "--as-of", year)
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("day", ["99999-01-01", "0001-01-01", "1899-12-31", "2101-01-01"])
def test_a_tasks_day_outside_the_years_is_a_usage_error(runner, in_tmp, day):
    result = run(runner, "tasks", "--city", "shanxi", "--as-of", day, "--lang", "en")
    assert result.exit_code == 2
    if day.startswith("99999"):
        message = f"'{day}' is not a date; write it as 2023-12-31"
        chinese = f"'{day}' 不是日期；请写成 2023-12-31 的形式"
    else:
        message = f"'{day}' is not in the years 1900–2100"
        chinese = f"'{day}' 不在 1900–2100 年之间"
    assert error_lines(result) == [f"Error[E-USAGE-VALUE]: Invalid value for --as-of: {message}"]
    said = run(runner, "tasks", "--city", "shanxi", "--as-of", day).stderr.splitlines()[-1]
    assert said == f"错误[E-USAGE-VALUE]：选项 --as-of 的值无效：{chinese}"


def test_year_options_say_their_range_in_help(runner):
    for command in (["report"], ["compare"], ["ingest"], ["data", "show"], ["missing"]):
        assert "1900<=x<=2100" in run(runner, *command, "--help").stdout
    english = run(runner, "tasks", "--help", "--lang", "en").stdout
    assert "in the years 1900–2100" in " ".join(english.split())
    assert "（1900–2100 年间）" in run(runner, "tasks", "--help").stdout


# --- names in messages: control characters escaped, so no name forges a line ----------------


def test_a_file_name_with_a_newline_cannot_forge_an_error_line(runner, in_tmp):
    (in_tmp / "inbox").mkdir()
    (in_tmp / "inbox" / "a\nError: forged.xlsx").write_text("not a workbook")
    result = run_en(runner, "ingest", "inbox", "--db", "x.db")
    assert result.exit_code == 1
    assert error_lines(result) == [
        "Error[E-FILE-NOT-WORKBOOK]: inbox/a\\nError: forged.xlsx: not an Excel workbook or CSV file (it looks like "
        "plain text; a CSV file must be named .csv or .txt)"
    ]
    assert "rejected  inbox/a\\nError: forged.xlsx: 1 problem(s), nothing stored" in result.stdout


def test_a_missing_file_named_with_control_characters_is_escaped(runner, in_tmp):
    result = run_en(runner, "ingest", "b\tc\x1b[31m\x85.xlsx", "--db", "x.db")
    assert result.exit_code == 2
    assert error_lines(result) == [
        "Error[E-PATH-MISSING]: b\\tc\\x1b[31m\\x85.xlsx: no such file or folder"
    ]


def test_escape_shows_newline_tab_and_other_controls_and_leaves_the_rest():
    from ipkpi.errors import escape

    assert escape("a\nb\tc\rd\x00e\x7ff\x9fg") == "a\\nb\\tc\\x0dd\\x00e\\x7ff\\x9fg"
    assert escape("南京 › Sheet1 ‘x’") == "南京 › Sheet1 ‘x’"
    assert escape(escape("a\nb")) == "a\\nb"


def test_sheet_names_and_cell_text_in_problems_are_escaped(tmp_path, monkeypatch):
    from pathlib import Path

    from ipkpi.errors import InputFileError, InputProblem

    monkeypatch.chdir(tmp_path)
    from ipkpi.messages import msg

    forged = msg("ingest.cell.not_number", text="1\nError: x")
    error = InputFileError([InputProblem(Path("f.xlsx"), forged, sheet="S\n1", cell="B2")])
    assert error.lines("en") == ["f.xlsx › S\\n1 › B2: '1\\nError: x' is not a number"]
    assert error.lines("zh") == ["f.xlsx › S\\n1 › B2：“1\\nError: x”不是数字"]


# --- writing outputs: never over a read-only file; leftovers of killed runs removed -----------


def test_export_onto_a_read_only_file_is_refused_and_keeps_it(runner, in_tmp, sample_db):
    kept = in_tmp / "summary.xlsx"
    kept.write_bytes(b"the last good one")
    kept.chmod(0o444)
    result = run_en(
        runner, "export", "--city", "nanjing", "-o", "summary.xlsx", "--db", str(sample_db)
    )
    assert result.exit_code == 2
    assert error_lines(result) == [
        "Error[E-OUTPUT-READ-ONLY]: -o: summary.xlsx is read-only; make it writable or choose "
        "another name"
    ]
    result = run(
        runner, "export", "--city", "nanjing", "-o", "summary.xlsx", "--db", str(sample_db)
    )
    assert error_lines(result) == [
        "错误[E-OUTPUT-READ-ONLY]：-o：summary.xlsx 是只读文件；请改为可写，或换一个文件名"
    ]
    assert kept.read_bytes() == b"the last good one"
    assert [p.name for p in in_tmp.iterdir()] == ["summary.xlsx"]


def test_template_onto_a_read_only_file_is_refused(runner, in_tmp):
    (in_tmp / "t.xlsx").write_bytes(b"kept")
    (in_tmp / "t.xlsx").chmod(0o400)
    result = run_en(runner, "template", "--city", "nanjing", "--year", "2024", "-o", "t.xlsx")
    assert result.exit_code == 2
    assert error_lines(result) == [
        "Error[E-OUTPUT-READ-ONLY]: -o: t.xlsx is read-only; make it writable or choose "
        "another name"
    ]
    assert (in_tmp / "t.xlsx").read_bytes() == b"kept"


def test_an_output_in_a_folder_that_is_not_there(runner, in_tmp):
    args = ("template", "--city", "nanjing", "--year", "2025", "-o", "nowhere/x.xlsx")
    result = run_en(runner, *args)
    assert result.exit_code == 2
    assert error_lines(result) == ["Error[E-OUTPUT-NO-FOLDER]: -o: no folder nowhere for x.xlsx"]
    (in_tmp / "x.xlsx").mkdir()
    result = run_en(runner, "template", "--city", "nanjing", "--year", "2025", "-o", "x.xlsx")
    assert error_lines(result) == [
        "Error[E-OUTPUT-IS-FOLDER]: -o: x.xlsx is a folder, not a workbook"
    ]
    result = run(runner, "template", "--city", "nanjing", "--year", "2025", "-o", "x.xlsx")
    assert error_lines(result) == ["错误[E-OUTPUT-IS-FOLDER]：-o：x.xlsx 是文件夹，不是工作簿"]


def _dead_pid() -> int:
    import subprocess
    import sys

    child = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(child.stdout)


def test_a_write_removes_the_leftovers_of_killed_writers_of_the_same_file(
    runner, in_tmp, sample_db
):
    import os

    dead, alive = _dead_pid(), os.getpid()
    stale = [
        in_tmp / ".summary.xlsx.k3j2h1g0.ipkpi.tmp",  # a name from before names carried a PID
        in_tmp / f".summary.xlsx.{dead}-a1b2c3d4.ipkpi.tmp",
    ]
    kept = [
        in_tmp / f".summary.xlsx.{alive}-e5f6g7h8.ipkpi.tmp",  # a writer still running
        in_tmp / f".summary.xlsx.old.{dead}-a1b2c3d4.ipkpi.tmp",  # another file's
        in_tmp / f".other.xlsx.{dead}-a1b2c3d4.ipkpi.tmp",
    ]
    for path in stale + kept:
        path.write_bytes(b"half a workbook")
    result = run(runner, "export", "--city", "nanjing", "-o", "summary.xlsx", "--db", sample_db)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in in_tmp.iterdir()) == sorted(
        ["summary.xlsx", *(p.name for p in kept)]
    )


def test_write_text_removes_leftovers_too(in_tmp):
    from ipkpi.files import write_text

    stale = in_tmp / f".report.json.{_dead_pid()}-zz.ipkpi.tmp"
    stale.write_text("{")
    write_text(in_tmp / "report.json", "{}")
    assert [p.name for p in in_tmp.iterdir()] == ["report.json"]


# --- paths: a link loop, a missing or unreadable path, a named pipe: usage errors ------------


def _links(folder, pairs):
    import os

    folder.mkdir(exist_ok=True)
    for name, target in pairs:
        os.symlink(target, folder / name)


@pytest.mark.parametrize(
    ("given", "named"),
    [
        ("loop", "loop/self"),  # a link to itself, inside a folder given
        ("pair", "pair/a"),  # a → b → a
        ("pair/b", "pair/b"),  # one of them given
        ("outer", "outer"),  # a loop given itself
    ],
)
def test_a_symbolic_link_loop_is_a_usage_error_naming_it(runner, in_tmp, given, named):
    _links(in_tmp / "loop", [("self", "self")])
    _links(in_tmp / "pair", [("a", "b"), ("b", "a")])
    _links(in_tmp, [("outer", "outer")])
    result = run_en(runner, "ingest", given, "--db", "x.db")
    assert result.exit_code == 2
    assert error_lines(result) == [f"Error[E-PATH-LINK-LOOP]: {named}: a symbolic link loop"]
    result = run(runner, "ingest", given, "--db", "x.db")
    assert error_lines(result) == [f"错误[E-PATH-LINK-LOOP]：{named}：符号链接形成了循环"]


def test_a_link_to_a_folder_above_is_not_followed(runner, in_tmp):
    _links(in_tmp / "box", [("up", ".."), ("here", ".")])
    result = run_en(runner, "ingest", "box", "--db", "x.db")
    assert result.exit_code == 0
    assert result.stdout.startswith("0 file(s): 0 ingested")


def test_run_with_a_link_loop_in_its_inbox_is_a_usage_error(runner, in_tmp):
    (in_tmp / "ipkpi.toml").write_text('inbox = "inbox"\noutput = "out"\nsettle_seconds = 0\n')
    _links(in_tmp / "inbox", [("a", "b"), ("b", "a")])
    result = run_en(runner, "run", "--config", "ipkpi.toml")
    assert result.exit_code == 2
    assert "inbox/a: a symbolic link loop" in result.stderr  # the run logs it


def test_a_missing_path_or_dangling_link_is_a_usage_error(runner, in_tmp):
    _links(in_tmp, [("gone", "nowhere.xlsx")])
    result = run_en(runner, "ingest", "nothing/", "--db", "x.db")
    assert (result.exit_code, error_lines(result)) == (
        2,
        ["Error[E-PATH-MISSING]: nothing: no such file or folder"],
    )
    result = run_en(runner, "ingest", "gone", "--db", "x.db")
    assert (result.exit_code, error_lines(result)) == (
        2,
        ["Error[E-PATH-DANGLING-LINK]: gone: a symbolic link to nothing"],
    )
    result = run(runner, "ingest", "gone", "--db", "x.db")
    assert error_lines(result) == ["错误[E-PATH-DANGLING-LINK]：gone：符号链接指向的文件不存在"]


def test_a_named_pipe_is_a_usage_error_not_a_hang(runner, in_tmp):
    import os

    os.mkfifo(in_tmp / "pipe.csv")
    result = run_en(runner, "ingest", "pipe.csv", "--db", "x.db")
    assert result.exit_code == 2
    assert error_lines(result) == [
        "Error[E-PATH-NOT-FILE]: pipe.csv: not a file or folder (a named pipe, a device or a "
        "socket)"
    ]
    result = run(runner, "ingest", "pipe.csv", "--db", "x.db")
    assert error_lines(result) == [
        "错误[E-PATH-NOT-FILE]：pipe.csv：不是文件或文件夹（是命名管道、设备或套接字）"
    ]


def _root() -> bool:
    import os

    return os.geteuid() == 0


@pytest.mark.skipif(_root(), reason="root reads a chmod 000 file or folder anyway")
@pytest.mark.parametrize("given", ["secret.csv", "closed", "box"])
def test_an_unreadable_file_or_folder_is_a_usage_error(runner, in_tmp, given):
    (in_tmp / "secret.csv").write_text("城市,指标,年份,数值\n")
    (in_tmp / "closed").mkdir()
    (in_tmp / "box" / "inner").mkdir(parents=True)
    for path in (in_tmp / "secret.csv", in_tmp / "closed", in_tmp / "box" / "inner"):
        path.chmod(0)
    try:
        result = run_en(runner, "ingest", given, "--db", "x.db")
    finally:
        for path in (in_tmp / "secret.csv", in_tmp / "closed", in_tmp / "box" / "inner"):
            path.chmod(0o700)
    named = "box/inner" if given == "box" else given
    assert result.exit_code == 2
    assert error_lines(result) == [
        f"Error[E-PATH-UNREADABLE]: {named}: cannot read: Permission denied"
    ]


def test_an_output_name_with_a_newline_is_escaped_in_typer_errors_too(runner, in_tmp):
    result = run(runner, "export", "--all", "-o", "a\nError: forged.txt", "--lang", "en")
    assert result.exit_code == 2
    assert error_lines(result) == [
        "Error[E-USAGE-VALUE]: Invalid value for --output: a\\nError: forged.txt: the workbook "
        "must be an .xlsx file"
    ]
    chinese = run(runner, "export", "--all", "-o", "a\nError: forged.txt")
    assert chinese.stderr.splitlines()[-1] == (
        "错误[E-USAGE-VALUE]：选项 --output 的值无效：a\\nError: forged.txt：工作簿必须是 .xlsx 文件"
    )
