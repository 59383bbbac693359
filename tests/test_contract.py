"""The command-line contract, once for every command (in the style of csvkit's test
mixins): each output format of each command parses and holds the same answer, --fail-on
exits 3, an unknown place exits 2 with the same message, and every command's help has an
example. The figures themselves are tested command by command elsewhere.
"""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from conftest import REPO

from ipkpi.cli.app import app

CLAIMS = str(REPO / "sample_data" / "claims" / "漳州市知识产权奖补申报汇总_示例.xlsx")
DB = "{db}"

# command: (its arguments on the sample data, JSON schema, the JSON list with one item per
# CSV row, how many there are)
FORMATTED = {
    "cities": ([], "ipkpi.cities/1", "plans", 5),
    "targets show": (["--city", "nanjing"], "ipkpi.targets/1", "targets", 15),
    "data show": (["--city", "nanjing", "--db", DB], "ipkpi.data/1", "observations", 61),
    "data check": (["--db", DB], "ipkpi.check/1", "files", 5),
    "report": (
        ["--city", "nanjing", "--as-of", "2025", "--db", DB],
        "ipkpi.report/1",
        "targets",
        15,
    ),
    "tasks": (
        ["--city", "shanxi", "--as-of", "2023-12-31", "--db", DB],
        "ipkpi.tasks/1",
        "tasks",
        18,
    ),
    "rewards": (["--city", "zhangzhou", CLAIMS], "ipkpi.rewards/1", "claims", 31),
    "missing": (["--city", "nanjing", "--year", "2023", "--db", DB], "ipkpi.missing/1", None, 1),
    "compare": (
        ["--measure", "invention_patents_per_10k", "--year", "2024", "--db", DB],
        "ipkpi.compare/1",
        "places",
        3,
    ),
}

# command: arguments naming a place that is in no plan
UNKNOWN_PLACE = {
    "targets show": [],
    "data show": ["--db", DB],
    "report": ["--db", DB],
    "tasks": ["--db", DB],
    "rewards": [CLAIMS],
    "template": ["-o", "t.xlsx", "--db", DB],
    "missing": ["--db", DB],
    "export": ["-o", "e.xlsx", "--db", DB],
    "brief": ["-o", "b.docx", "--db", DB],
}

# command: (arguments, what --fail-on names) on sample data where it holds
FAIL_ON = {
    "report": (["--city", "nanjing", "--as-of", "2025", "--db", DB], "missed"),
    "tasks": (["--city", "shanxi", "--as-of", "2023-12-31", "--db", DB], "overdue"),
    "missing": (["--city", "nanjing", "--year", "2023", "--db", DB], "missing"),
}


def invoke(runner, command: str, args: list[str], db) -> object:
    words = [*command.split(), *(str(db) if a == DB else a for a in args)]
    return runner.invoke(app, words)


@pytest.mark.parametrize("command", FORMATTED)
def test_json_is_the_documented_schema(runner, in_tmp, sample_db, command):
    args, schema, items, n = FORMATTED[command]
    result = invoke(runner, command, [*args, "-f", "json"], sample_db)
    assert (result.exit_code, result.stderr) == (0, "")
    document = json.loads(result.stdout)
    assert document["schema"] == schema
    if items is not None:
        assert len(document[items]) == n


@pytest.mark.parametrize("command", FORMATTED)
def test_csv_has_a_header_and_a_row_per_item(runner, in_tmp, sample_db, command):
    args, _schema, _items, n = FORMATTED[command]
    result = invoke(runner, command, [*args, "-f", "csv"], sample_db)
    assert (result.exit_code, result.stderr) == (0, "")
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert len(rows) == 1 + n
    assert len({len(row) for row in rows}) == 1  # every row as wide as the header


@pytest.mark.parametrize("command", FORMATTED)
def test_markdown_is_a_pipe_table(runner, in_tmp, sample_db, command):
    args = FORMATTED[command][0]
    result = invoke(runner, command, [*args, "-f", "markdown"], sample_db)
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert any(re.fullmatch(r"\|( *:?-+:? *\|)+", line) for line in lines)


@pytest.mark.parametrize("command", FORMATTED)
def test_table_off_a_terminal_is_plain_text(runner, in_tmp, sample_db, command):
    args = FORMATTED[command][0]
    result = invoke(runner, command, [*args, "-f", "table"], sample_db)
    assert (result.exit_code, result.stderr) == (0, "")
    lines = result.stdout.splitlines()
    assert any(re.fullmatch(r"-+( +-+)+", line) for line in lines)  # the rule under a header
    assert not any(line.startswith(("|", "┏", "│")) for line in lines)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("command", FAIL_ON)
def test_fail_on_exits_3_and_says_why(runner, in_tmp, sample_db, command, lang):
    args, code = FAIL_ON[command]
    result = invoke(runner, command, [*args, "--fail-on", code, "--lang", lang], sample_db)
    assert result.exit_code == 3
    assert result.stderr.startswith({"zh": "--fail-on：", "en": "--fail-on: "}[lang])
    assert result.stderr.count("\n") == 1
    quiet = invoke(runner, command, args, sample_db)
    assert quiet.exit_code == 0


FAIL_ON_LINES = {
    "report": (
        "--fail-on：5项目标的状态为 missed：copyright_registrations_per_10k、"
        "patent_intensive_industries_gdp_share、copyright_industries_gdp_share、"
        "ip_high_level_talent_new、ip_operation_centers_built\n",
        "--fail-on: 5 target(s) with status missed: copyright_registrations_per_10k, "
        "patent_intensive_industries_gdp_share, copyright_industries_gdp_share, "
        "ip_high_level_talent_new, ip_operation_centers_built\n",
    ),
    "tasks": ("--fail-on：1项任务已逾期：task_03\n", "--fail-on: 1 task(s) overdue: task_03\n"),
    "missing": (
        "--fail-on：2023年缺1个数值：copyright_industries_gdp_share\n",
        "--fail-on: 1 figure(s) missing for 2023: copyright_industries_gdp_share\n",
    ),
}


@pytest.mark.parametrize("command", FAIL_ON)
def test_the_fail_on_line_in_chinese_and_english(runner, in_tmp, sample_db, command):
    args, code = FAIL_ON[command]
    zh, en = FAIL_ON_LINES[command]
    assert invoke(runner, command, [*args, "--fail-on", code], sample_db).stderr == zh
    english = invoke(runner, command, [*args, "--fail-on", code, "--lang", "en"], sample_db)
    assert english.stderr == en


@pytest.mark.parametrize("command", UNKNOWN_PLACE)
def test_an_unknown_place_is_a_usage_error(runner, in_tmp, sample_db, command):
    args = ["--city", "nowhere", *UNKNOWN_PLACE[command]]
    result = invoke(runner, command, [*args, "--lang", "en"], sample_db)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error[E-CITY-UNKNOWN]: unknown city 'nowhere'; "
        "known: guizhou (贵州省), nanjing (南京市), shanxi (山西省), shijiazhuang (石家庄市), zhangzhou (漳州市)\n"
    )
    chinese = invoke(runner, command, args, sample_db)
    assert (chinese.exit_code, chinese.stdout) == (2, "")
    assert chinese.stderr == (
        "错误[E-CITY-UNKNOWN]：没有名为“nowhere”的地方；"
        "已知地方：guizhou（贵州省）、nanjing（南京市）、shanxi（山西省）、shijiazhuang（石家庄市）、zhangzhou（漳州市）\n"
    )
    assert not list(in_tmp.glob("*.xlsx"))  # nothing written


# and the commands that take no place and print no table
EVERY = sorted(
    {*FORMATTED, *UNKNOWN_PLACE, "ingest", "targets check", "targets draft", "run"}
    | {"db init", "db grant", "db copy"}
)


def _commands(group, prefix=()):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from _commands(command, (*prefix, name))
        else:
            yield " ".join((*prefix, name))


def test_every_command_is_in_a_contract_table():
    import typer.main

    commands = set(_commands(typer.main.get_command(app)))
    assert sorted(commands) == EVERY


def examples(runner, command: str, lang: str) -> list[str]:
    """The example commands of a help page: in English after ``Examples:``, separated by
    semicolons; in Chinese one a line under ``示例：``."""
    result = runner.invoke(app, [*command.split(), "--help", "--lang", lang])
    assert result.exit_code == 0
    text = result.stdout
    if lang == "en":
        found = re.search(r"^  Examples?: (.*?)(?:\n\n|\Z)", text, re.S | re.M)
        assert found, text
        return [" ".join(e.split()) for e in found[1].split(";")]
    found = re.search(r"^  示例：\n((?:    ipkpi .*\n)+)", text, re.M)
    assert found, text
    return [line.strip() for line in found[1].splitlines()]


@pytest.mark.parametrize("command", EVERY)
def test_help_gives_an_example(runner, command):
    english = examples(runner, command, "en")
    assert examples(runner, command, "zh") == english  # the same commands in both
    assert english and all(re.match(rf"ipkpi {command}\b", e) for e in english)


@pytest.mark.parametrize("command", EVERY)
def test_the_examples_are_commands_ipkpi_takes(runner, command):
    """Each example parses: its command, options and values are ones ipkpi has."""
    import shlex

    import typer.main

    for example in examples(runner, command, "zh"):
        words = shlex.split(example)[1:]
        group = typer.main.get_command(app)
        path = []
        while hasattr(group, "commands") and words and words[0] in group.commands:
            path.append(words[0])
            group = group.commands[words.pop(0)]
        with group.make_context(" ".join(["ipkpi", *path]), words) as ctx:
            assert ctx.command.name == path[-1]
