"""The command line through typer's test runner: exact output, messages and exit codes."""

from __future__ import annotations

import json

import pytest
from conftest import GOOD_PLAN, REPO, one_change, write_plan

from ipkpi.catalogue.loader import CatalogueError
from ipkpi.cli.app import app


@pytest.fixture
def cat(in_tmp):
    write_plan(in_tmp / "cat", GOOD_PLAN)
    return "cat"


def run(runner, *args, **kwargs):
    return runner.invoke(app, list(args), **kwargs)


def test_help_names_every_command_and_the_exit_statuses(runner):
    result = run(runner, "--help", "--lang", "en")
    assert result.exit_code == 0
    for text in ("cities", "targets", "0 done", "1 bad input data", "2", "usage or config error"):
        assert text in result.stdout
    chinese = run(runner, "--help")
    for text in ("cities", "targets", "0 完成", "1 输入数据有误", "2 用法或", "配置错误"):
        assert text in chinese.stdout
    sub = run(runner, "targets", "--help")
    assert sub.exit_code == 0
    assert "show" in sub.stdout and "check" in sub.stdout


def test_version(runner):
    result = run(runner, "--version")
    assert (result.exit_code, result.stdout) == (0, "ipkpi 0.1.0\n")


def test_targets_show_plain_table(runner, cat):
    result = run(runner, "targets", "show", "--city", "testville", "--targets", cat)
    assert result.exit_code == 0
    assert result.stdout == (
        "测试市知识产权工作方案(2022—2025年) · testville-2022-2025 · 共3项目标\n"
        "\n"
        "类别          指标                      类型      目标     目标年    基期         牵头单位\n"
        "------------  ------------------------  --------  -------  --------  -----------  ------------\n"
        "知识产权创造  万人高价值发明专利拥有量  达到水平  ≥ 50 件  2025                   市市场监管局\n"
        "              注册商标                  年均增长  ≥ 10 %   2025      1000 (2021)\n"
        "知识产权保护  知识产权保护社会满意度    达到水平  > 85 %   2025\n"
    )


def test_targets_show_markdown_in_english(runner, cat):
    result = run(
        runner,
        "targets",
        "show",
        "--city",
        "testville",
        "--targets",
        cat,
        "--format",
        "markdown",
        "--lang",
        "en",
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "## Testville: 测试市知识产权工作方案(2022—2025年) · testville-2022-2025 · 3 targets",
        "",
        "| Category     | Indicator                | Kind          | Target   | Year   | Baseline    | Lead         |",
        "|:-------------|:-------------------------|:--------------|:---------|:-------|:------------|:-------------|",
        "| 知识产权创造 | 万人高价值发明专利拥有量 | level         | ≥ 50 件  | 2025   |             | 市市场监管局 |",
        "|              | 注册商标                 | annual growth | ≥ 10 %   | 2025   | 1000 (2021) |              |",
        "| 知识产权保护 | 知识产权保护社会满意度   | level         | > 85 %   | 2025   |             |              |",
    ]


def test_targets_show_csv(runner, cat):
    result = run(runner, "targets", "show", "--city", "testville", "--targets", cat, "-f", "csv")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "plan,id,name,name_en,category,subcategory,kind,comparator,target,unit,series_unit,"
        "tolerance,target_year,window_start,window_end,baseline_year,baseline_value,direction,"
        "nature,lead,clause,quote,reading"
    )
    assert lines[2] == (
        "testville-2022-2025,trademark_growth,注册商标,,知识产权创造,,growth,>=,10,%,件,,2025,"
        ",,2021,1000,higher,,,二、工作目标,注册商标年均增长10%以上,"
    )
    assert len(lines) == 4


def test_targets_show_json_schema(runner, cat):
    result = run(runner, "targets", "show", "--city", "testville", "--targets", cat, "-f", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["schema"] == "ipkpi.targets/1"
    assert doc["plan"] == {
        "id": "testville-2022-2025",
        "city": "testville",
        "place": "测试市",
        "place_en": "Testville",
        "level": "city",
        "title": "测试市知识产权工作方案(2022—2025年)",
        "document_number": None,
        "issued": "2022-11-02",
        "start_year": 2022,
        "target_year": 2025,
        "source": None,
    }
    assert doc["targets"][1] == {
        "id": "trademark_growth",
        "name": "注册商标",
        "name_en": None,
        "aliases": [],
        "category": "知识产权创造",
        "subcategory": None,
        "lead": [],
        "kind": "growth",
        "comparator": ">=",
        "target": 10,
        "unit": "%",
        "series_unit": "件",
        "tolerance": None,
        "target_year": 2025,
        "window": None,
        "baseline": {"year": 2021, "value": 1000, "note": None},
        "direction": "higher",
        "nature": None,
        "measure": None,
        "population_basis": None,
        "source": {
            "document": "测试市知识产权工作方案(2022—2025年)",
            "clause": "二、工作目标",
            "quote": "注册商标年均增长10%以上",
        },
        "reading": None,
    }
    assert [t["comparator"] for t in doc["targets"]] == [">=", ">=", ">"]
    assert doc["targets"][0]["baseline"] is None


def test_cities(runner, cat):
    result = run(runner, "cities", "--targets", cat)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "城市       地区    规划                 规划期     目标数    文件",
        "---------  ------  -------------------  ---------  --------  -----------------------------------",
        "testville  测试市  testville-2022-2025  2022–2025  3         测试市知识产权工作方案(2022—2025年)",
    ]
    doc = json.loads(run(runner, "cities", "--targets", cat, "--format", "json").stdout)
    assert [(p["city"], p["id"], p["targets"]) for p in doc["plans"]] == [
        ("testville", "testville-2022-2025", 3)
    ]


def test_unknown_city_is_a_usage_error_listing_the_known(runner, cat):
    result = run(runner, "targets", "show", "--city", "nanjin", "--targets", cat, "--lang", "en")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "Error[E-CITY-UNKNOWN]: unknown city 'nanjin'; known: testville (测试市)\n"
    )
    zh = run(runner, "targets", "show", "--city", "nanjin", "--targets", cat)
    assert (zh.exit_code, zh.stderr) == (
        2,
        "错误[E-CITY-UNKNOWN]：没有名为“nanjin”的地方；已知地方：testville（测试市）\n",
    )


def test_unknown_plan_is_a_usage_error(runner, cat):
    args = ["targets", "show", "--city", "testville", "--plan", "x", "--targets", cat]
    result = run(runner, *args, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error[E-PLAN-UNKNOWN-FOR]: unknown plan 'x' for testville; known: testville-2022-2025\n"
    )
    zh = run(runner, *args)
    assert zh.stderr == (
        "错误[E-PLAN-UNKNOWN-FOR]：testville没有编号为“x”的规划；已知规划：testville-2022-2025\n"
    )


def test_bad_option_is_a_usage_error(runner, cat):
    result = run(runner, "targets", "show", "--city", "testville", "--format", "xml")
    assert result.exit_code == 2


def test_missing_catalogue_folder_is_a_usage_error(runner, in_tmp):
    result = run(runner, "cities", "--targets", "nowhere", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error[E-CATALOGUE-MISSING]: --targets: no catalogue folder at nowhere\n",
    )


def test_bad_catalogue_exits_1_with_one_line_and_no_traceback(runner, in_tmp):
    write_plan(in_tmp / "cat", one_change('comparator = ">="', 'comparator = "≥≥"'))
    for args in (
        ["targets", "show", "--city", "testville", "--targets", "cat"],
        ["targets", "check", "cat"],
        ["cities", "--targets", "cat"],
    ):
        result = run(runner, *args, env={"IPKPI_LANG": "en"})
        assert result.exit_code == 1, args
        assert result.stdout == ""
        assert result.stderr == (
            "Error[E-COMPARATOR-UNKNOWN]: cat/testville.toml › target #1 (patents_per_10k) › "
            "comparator: unknown comparator '≥≥'; use one of >=, >, <=, <, ~ (or 以上, 达到, 达, "
            "不少于, 不低于, 超过, 超, 高于, 多于, 以下, 不超过, 不高于, 以内, 低于, 少于, 左右, 约)\n"
        )
        assert "Traceback" not in result.output
        zh = run(runner, *args)
        assert (zh.exit_code, zh.stdout) == (1, "")
        assert zh.stderr == (
            "错误[E-COMPARATOR-UNKNOWN]：cat/testville.toml › 第1个目标（patents_per_10k） › "
            "comparator：无法识别的比较符“≥≥”；请用以下之一：>=、>、<=、<、~（也可以写：以上、达到、"
            "达、不少于、不低于、超过、超、高于、多于、以下、不超过、不高于、以内、低于、少于、左右、约）\n"
        )


def test_debug_lets_the_traceback_through(runner, in_tmp):
    write_plan(in_tmp / "cat", one_change('kind = "level"', 'kind = "stock"'))
    result = run(runner, "--debug", "targets", "check", "cat")
    assert isinstance(result.exception, CatalogueError)


def test_catalogue_from_the_environment(runner, cat, monkeypatch):
    monkeypatch.setenv("IPKPI_TARGETS", cat)
    result = run(runner, "targets", "check", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout == (
        "cat: 1 plan, 3 targets\n"
        "  testville-2022-2025        2022–2025    3 targets  testville.toml\n"
        "OK\n"
    )
    chinese = run(runner, "targets", "check")
    assert chinese.stdout == (
        "cat：1个规划，3项目标\n  testville-2022-2025        2022–2025  3项目标  testville.toml\n"
        "目标目录无误\n"
    )


def test_targets_check_on_a_missing_dir(runner, in_tmp):
    result = run(runner, "targets", "check", "nope", env={"IPKPI_LANG": "en"})
    assert (result.exit_code, result.stderr) == (
        2,
        "Error[E-CATALOGUE-MISSING]: DIR: no catalogue folder at nope\n",
    )
    zh = run(runner, "targets", "check", "nope")
    assert (zh.exit_code, zh.stderr) == (
        2,
        "错误[E-CATALOGUE-MISSING]：DIR：找不到目标目录文件夹 nope；请指定存放规划 TOML "
        "文件的文件夹\n",
    )


def test_every_command_is_documented_in_the_readme():
    import typer.main

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    root = typer.main.get_command(app)
    paths = []
    for name, command in root.commands.items():
        subcommands = getattr(command, "commands", None)
        if subcommands:
            paths += [f"ipkpi {name} {sub}" for sub in subcommands]
        else:
            paths.append(f"ipkpi {name}")
    assert sorted(paths) == [
        "ipkpi brief",
        "ipkpi cities",
        "ipkpi compare",
        "ipkpi data check",
        "ipkpi data show",
        "ipkpi db copy",
        "ipkpi db grant",
        "ipkpi db init",
        "ipkpi export",
        "ipkpi ingest",
        "ipkpi missing",
        "ipkpi report",
        "ipkpi rewards",
        "ipkpi run",
        "ipkpi targets check",
        "ipkpi targets draft",
        "ipkpi targets show",
        "ipkpi tasks",
        "ipkpi template",
    ]
    for path in paths:
        assert path in readme, path
