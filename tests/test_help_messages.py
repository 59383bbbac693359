"""Help and the command line's own words from the message catalogue (issue 21, item 1):
every help page in Chinese by default with no English sentence, in English when asked
(--lang, IPKPI_LANG, the locale), within 80 columns either way; every help text a key of
the catalogue; usage errors said in Chinese, exactly."""

from __future__ import annotations

import re
import unicodedata

import pytest
import typer.main

from ipkpi.cli.app import app
from ipkpi.messages import known

ROOT = typer.main.get_command(app)


def _walk(command, path=()):
    yield path, command
    for name, sub in getattr(command, "commands", {}).items():
        yield from _walk(sub, (*path, name))


COMMANDS = dict(_walk(ROOT))
PATHS = list(COMMANDS)
IDS = [" ".join(path) or "ipkpi" for path in PATHS]
LEAVES = [path for path, command in COMMANDS.items() if not hasattr(command, "commands")]


def width(text: str) -> int:
    """Columns on a terminal: a wide (Chinese) character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def invoke(runner, *args: str, env: dict | None = None):
    return runner.invoke(app, list(args), env={"COLUMNS": "80", **(env or {})}, prog_name="ipkpi")


def page(runner, path, *more: str, env: dict | None = None) -> str:
    result = invoke(runner, *path, "--help", *more, env=env)
    assert (result.exit_code, result.stderr) == (0, "")
    return result.stdout


# --- no English sentence in Chinese help ---------------------------------------------------

# The words of command names: ``ipkpi data check`` in a sentence is a command, not English.
_COMMAND = re.compile(
    r"ipkpi(?: (?:{}))*".format(
        "|".join(sorted({w for path in PATHS for w in path}, key=len)[::-1])
    )
)
# An English word as it stands in a sentence: letters, maybe an apostrophe, maybe a bracket
# before and a stop or bracket after.
_WORD = re.compile(r"[(`]?[A-Za-z]+(?:'[a-z]+)?[`)]?[,.;:?，。；：]?")


def english_runs(text: str) -> list[str]:
    """Runs of three or more English words in a row. Not words: an example command (a line
    of its own starting ``ipkpi ``), a command named in a sentence (``ipkpi data check``),
    an option (``--city``, ``-f``), a metavar or name in capitals (FILE, TOML, README), and
    anything joined to Chinese, digits or symbols (``behind,moving_away``, ``ipkpi.db``)."""
    runs = []
    for line in text.splitlines():
        if line.strip().startswith("ipkpi "):
            continue
        words: list[str] = []
        for token in [*_COMMAND.sub("§", line).split(), "§"]:
            bare = token.strip("(`),.;:?，。；：")
            if _WORD.fullmatch(token) and not bare.isupper():
                words.append(token)
                continue
            if len(words) >= 3:
                runs.append(" ".join(words))
            words = []
    return runs


def test_the_english_check_finds_a_sentence_and_passes_commands_and_options():
    assert english_runs("查看 the store here。 见 ipkpi data check --db FILE") == [
        "the store here。"
    ]
    assert english_runs("见 ipkpi data check；写 behind,moving_away 或 --fail-on missing") == []
    assert english_runs("  ipkpi report --city nanjing --fail-on behind,moving_away") == []
    assert english_runs("Show only targets (see README)") == ["Show only targets (see"]


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_chinese_help_has_no_english_sentence(runner, path):
    text = page(runner, path)
    assert english_runs(text) == []
    assert text.startswith("用法：ipkpi")


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_english_help_is_english(runner, path):
    text = page(runner, path, "--lang", "en")
    assert text.startswith("Usage: ipkpi")
    assert english_runs(text)  # the check sees English where it is
    assert not re.search(r"[\u4e00-\u9fff]{4,}[，。；]", text)  # no Chinese sentence


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_help_fits_80_columns(runner, path, lang):
    text = page(runner, path, "--lang", lang)
    wide = [line for line in text.splitlines() if width(line) > 80]
    assert wide == []


# --- every help text is a key of the catalogue, in both languages --------------------------


def _has_chinese(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]", text))


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_every_help_is_a_catalogue_key_with_chinese_and_english(path):
    command = COMMANDS[path]
    expected_key = "help." + ".".join(path) if path else "help.app"
    assert command.help == expected_key
    keys = [command.help] + [p.help for p in command.params]
    for key in keys:
        assert key in known(), key
        zh, en = known()[key]
        assert _has_chinese(zh) and en.strip() and zh != en, key
    own = "help." + ".".join(path) + "."
    for param in command.params:
        assert param.help.startswith(("help.opt.", own)), (param.name, param.help)


def test_every_help_key_is_used():
    used = {"help.opt.help"}  # --help itself, given by helptext
    for command in COMMANDS.values():
        used.add(command.help)
        used.update(p.help for p in command.params)
    help_keys = {key for key in known() if key.startswith("help.")}
    assert sorted(help_keys - used) == []


@pytest.mark.parametrize("path", LEAVES, ids=[" ".join(p) for p in LEAVES])
def test_every_command_takes_lang(path):
    assert "--lang" in [name for p in COMMANDS[path].params for name in p.opts]


# --- the pages themselves ------------------------------------------------------------------

MAIN_HELP_ZH = """\
用法：ipkpi [选项] 命令 [参数]...

  对照逐年统计数据，跟踪知识产权规划目标的完成情况。

  退出状态：0 完成 · 1 输入数据有误（目标目录、工作簿、申报表） · 2 用法或
  配置错误（选项有误、地方未知） · 3 已完成，但命中 --fail-on 所列状态。

选项：
  --debug         出错时显示调用栈（也可设 IPKPI_DEBUG=1）。
  --version       显示版本号。
  --lang <zh|en>  标签和提示信息的语言：zh 或 en。[默认：$IPKPI_LANG，
                  其次按系统语言环境，否则为 zh]
  --help          显示本帮助并退出。

命令：
  cities    列出目标目录中的地方和规划
  ingest    把逐年统计数据导入数据库；每个文件要么整体导入，要么完全不导入
  report    一个城市的规划中每项目标的进展：差距、按时序应达值、进度比和状态…
  tasks     工作方案中每项任务相对时限的进展：按期完成、逾期完成、未到期、已…
  rewards   按一个地方的奖补规则，核算每项申报应得多少：适用的规则、是否符合…
  template  生成供牵头单位填报当年数值的模板：每项需要当年数值的目标一行，列…
  missing   哪些目标还缺当年的数值，按牵头单位分组：即要催报的内容
  compare   比较规划中有共同指标（目标目录中的 measure 键）的各个地方：每个地…
  export    生成供领导小组使用的 Excel 汇总：汇总表、各城市的差距表（即 ipkpi…
  brief     把一个地方的规划评估写成 Word 文档（.docx），可直接修改、签发：一…
  run       无人值守运行（由 cron 或 systemd 定时器启动）：导入收件文件夹中的…
  targets   查看、检查目标目录，或从规划原文起草规划文件
  data      查看数据库中的统计数据
  db        共享数据库（PostgreSQL）：建表、授权、复制 SQLite 数据库
"""


def test_ipkpi_help_in_chinese(runner):
    assert page(runner, ()) == MAIN_HELP_ZH


REPORT_HELP_ZH = [
    "用法：ipkpi report [选项]\n\n  一个城市的规划中每项目标的进展：差距、按时序应达值、进度比和状态，\n"
    "  并附一句话解读。\n",
    "  示例：\n"
    "    ipkpi report --city nanjing\n"
    "    ipkpi report --city guizhou --as-of 2023 -f json\n"
    "    ipkpi report --city shijiazhuang --fail-on behind,moving_away\n"
    "\n选项：\n",
    "  -c, --city <str>                城市或省份：代号、中文名或英文名，如 nanjing、\n"
    "                                  南京。[必填]\n",
    "  --as-of YEAR                    截至年份：用截至该年的数值评估，\n"
    "                                  并按该年选择规划。[默认：今年] [1900<=x<=2100]\n",
    "  --lang <zh|en>                  标签和提示信息的语言：zh 或 en。[默认：\n"
    "                                  $IPKPI_LANG，其次按系统语言环境，否则为 zh]\n"
    "  --help                          显示本帮助并退出。\n",
]


def test_report_help_in_chinese(runner):
    text = page(runner, ("report",))
    for snippet in REPORT_HELP_ZH:
        assert snippet in text


def test_report_help_in_english(runner):
    text = page(runner, ("report",), "--lang", "en")
    assert text.startswith(
        "Usage: ipkpi report [OPTIONS]\n\n"
        "  Where each target of a city's plan stands: gap, expected value by now,\n"
        "  progress ratio and status, with a one-sentence reading per target.\n"
    )
    assert (
        "  Examples: ipkpi report --city nanjing; ipkpi report --city guizhou --as-of\n"
        "  2023 -f json; ipkpi report --city shijiazhuang --fail-on behind,moving_away\n"
    ) in text
    assert (
        "  --lang <zh|en>                  Language of labels and messages: zh or en\n"
        "                                  [default: $IPKPI_LANG, else the locale's, else\n"
        "                                  zh].\n"
    ) in text


# --- which language -------------------------------------------------------------------------

ZH_START = "用法：ipkpi report [选项]"
EN_START = "Usage: ipkpi report [OPTIONS]"


@pytest.mark.parametrize(
    ("env", "args", "start"),
    [
        ({}, [], ZH_START),  # conftest: LANG=C.UTF-8, no IPKPI_LANG
        ({"LANG": None}, [], ZH_START),  # no locale at all
        ({"LANG": "zh_CN.UTF-8"}, [], ZH_START),
        ({"LANG": "en_US.UTF-8"}, [], EN_START),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, [], EN_START),
        ({"IPKPI_LANG": "en"}, [], EN_START),
        ({"IPKPI_LANG": "en", "LANG": "zh_CN.UTF-8"}, [], EN_START),
        ({"IPKPI_LANG": "zh", "LANG": "en_US.UTF-8"}, [], ZH_START),
        ({}, ["--lang", "en"], EN_START),  # after --help: chosen before parsing
        ({}, ["--lang=en"], EN_START),
        ({"IPKPI_LANG": "en"}, ["--lang", "zh"], ZH_START),  # --lang wins
    ],
    ids=[
        "default",
        "no-locale",
        "LANG-zh",
        "LANG-en",
        "LC_ALL-en",
        "IPKPI_LANG-en",
        "IPKPI_LANG-over-LANG",
        "IPKPI_LANG-zh",
        "lang-en",
        "lang=en",
        "lang-over-IPKPI_LANG",
    ],
)
def test_the_language_of_help(runner, env, args, start):
    assert page(runner, ("report",), *args, env=env).startswith(start + "\n")


def test_lang_before_help_gives_english(runner):
    result = invoke(runner, "report", "--lang", "en", "--help")
    assert result.stdout.startswith(EN_START + "\n")


@pytest.mark.parametrize(
    ("env", "args", "last"),
    [
        ({}, [], "目标目录无误"),
        ({"IPKPI_LANG": "en"}, [], "OK"),
        ({"LANG": "en_US.UTF-8"}, [], "OK"),
        ({}, ["--lang", "en"], "OK"),
        ({"IPKPI_LANG": "en"}, ["--lang", "zh"], "目标目录无误"),
    ],
)
def test_lang_not_given_is_the_language_of_the_run(runner, env, args, last):
    result = invoke(runner, "targets", "check", *args, env=env)
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == last


# --- usage errors, in Chinese ---------------------------------------------------------------

USAGE_REPORT = "用法：ipkpi report [选项]\n查看帮助：ipkpi report --help\n\n"
USAGE_MAIN = "用法：ipkpi [选项] 命令 [参数]...\n查看帮助：ipkpi --help\n\n"


@pytest.mark.parametrize(
    ("args", "stderr"),
    [
        (["report", "--bogus"], USAGE_REPORT + "错误[E-USAGE-NO-OPTION]：没有选项 --bogus\n"),
        (["report"], USAGE_REPORT + "错误[E-USAGE-MISSING]：缺少选项 --city / -c，它是必填的\n"),
        (
            ["report", "--city", "nanjing", "--as-of", "3000"],
            USAGE_REPORT
            + "错误[E-USAGE-VALUE]：选项 --as-of 的值无效：3000 不在 1900<=x<=2100 的范围内\n",
        ),
        (
            ["report", "--city", "nanjing", "--format", "x"],
            USAGE_REPORT + "错误[E-USAGE-VALUE]：选项 --format / -f 的值无效："
            "'x' 不是可选的值，可选：table、markdown、csv、json\n",
        ),
        (
            ["report", "--city", "nanjing", "--lang", "fr"],
            USAGE_REPORT
            + "错误[E-USAGE-VALUE]：选项 --lang 的值无效：'fr' 不是可选的值，可选：zh、en\n",
        ),
        (["bogus"], USAGE_MAIN + "错误[E-USAGE-NO-COMMAND]：没有命令“bogus”\n"),
        (
            ["reprot"],
            USAGE_MAIN + "错误[E-USAGE-NO-COMMAND]：没有命令“reprot”；是否指 report或export？\n",
        ),
    ],
    ids=["no-option", "missing-city", "as-of-3000", "format-x", "lang-fr", "bogus", "reprot"],
)
def test_usage_errors_in_chinese(runner, in_tmp, args, stderr):
    result = invoke(runner, *args)
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", stderr)


@pytest.mark.parametrize(
    ("args", "line"),
    [
        (["report", "--bogus"], "Error[E-USAGE-NO-OPTION]: No such option: --bogus"),
        (["report"], "Error[E-USAGE-MISSING]: Missing option --city / -c."),
        (
            ["report", "--city", "nanjing", "--format", "x"],
            "Error[E-USAGE-VALUE]: Invalid value for --format / -f: 'x' is not one of 'table', "
            "'markdown', 'csv', 'json'.",
        ),
        (
            ["reprot"],
            "Error[E-USAGE-NO-COMMAND]: No such command 'reprot'. Did you mean 'report', 'export'?",
        ),
    ],
)
def test_usage_errors_in_english(runner, in_tmp, args, line):
    result = invoke(runner, *args, "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == line
