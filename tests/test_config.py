"""The run configuration (ipkpi.toml): defaults, paths relative to the file, every key read
back, one exact ``FILE › key: message`` per defect, and where the file is looked for.

Every configuration is written here as literal TOML text, one defect each, in a temp folder
that also holds an ``inbox`` folder and a plain file ``notes.txt`` (for "a file, not a
folder" cases).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ipkpi.cli.app import app
from ipkpi.messages import msg, speaking
from ipkpi.run.config import ConfigError, ConfigProblem, RunConfig, load_config, resolve_config_path

CONFIG = "ipkpi.toml"
MINIMAL = 'inbox = "inbox"\noutput = "out"\n'
KNOWN = (
    "inbox, output, store, targets, rejected, cities, lang, method, fail_on, "
    "lock_timeout, settle_seconds, log_file, dashboard"
)


def write_config(folder: Path, text: str, name: str = CONFIG) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def here(in_tmp):
    """The working folder, with an ``inbox`` folder and a file ``notes.txt``."""
    (in_tmp / "inbox").mkdir()
    (in_tmp / "notes.txt").write_text("not a folder\n", encoding="utf-8")
    return in_tmp


def problems_of(text: str, lang: str = "en") -> list[str]:
    """The lines of the ConfigError that loading ``text`` as ./ipkpi.toml raises, in
    English unless ``lang`` says otherwise."""
    write_config(Path.cwd(), text)
    with pytest.raises(ConfigError) as caught:
        load_config(Path(CONFIG))
    assert all(isinstance(p, ConfigProblem) for p in caught.value.problems)
    return [p.text(lang) for p in caught.value.problems]


# --------------------------------------------------------------------------- good files


def test_a_minimal_config_gets_the_documented_defaults(here):
    write_config(here, MINIMAL)
    config = load_config(Path(CONFIG))
    assert config == RunConfig(
        file=Path("ipkpi.toml"),
        inbox=here / "inbox",
        output=here / "out",
        store=here / "ipkpi.db",
        targets=None,
        rejected=here / "inbox" / "rejected",
        cities=None,
        lang="zh",
        method="linear",
        fail_on=frozenset(),
        lock_timeout=600.0,
        settle_seconds=60.0,
        log_file=None,
    )
    assert type(config.lock_timeout) is float
    assert type(config.settle_seconds) is float
    assert not (here / "out").exists()  # checking a configuration creates nothing


def test_relative_paths_are_relative_to_the_config_file_not_the_working_folder(
    tmp_path, monkeypatch
):
    conf = tmp_path / "srv" / "ipkpi"
    (conf / "inbox").mkdir(parents=True)
    (conf / "logs").mkdir()
    write_config(conf, MINIMAL + 'log_file = "logs/run.log"\n')
    elsewhere = tmp_path / "home" / "clerk"
    elsewhere.mkdir(parents=True)
    (elsewhere / "inbox").mkdir()  # a decoy: the working folder's inbox is not the one
    monkeypatch.chdir(elsewhere)
    config = load_config(Path("../../srv/ipkpi/ipkpi.toml"))
    assert config.file == Path("../../srv/ipkpi/ipkpi.toml")
    assert config.inbox == tmp_path / "srv" / "ipkpi" / "inbox"
    assert config.output == tmp_path / "srv" / "ipkpi" / "out"
    assert config.store == tmp_path / "srv" / "ipkpi" / "ipkpi.db"
    assert config.rejected == tmp_path / "srv" / "ipkpi" / "inbox" / "rejected"
    assert config.log_file == tmp_path / "srv" / "ipkpi" / "logs" / "run.log"


def test_a_tilde_is_the_home_folder(tmp_path, monkeypatch):
    home = tmp_path / "home"
    (home / "post").mkdir(parents=True)
    (home / "logs").mkdir()
    monkeypatch.setenv("HOME", str(home))
    conf = write_config(
        tmp_path / "conf",
        'inbox = "~/post"\noutput = "~/reports"\nstore = "~/kpi.db"\n'
        'rejected = "~/bounced"\nlog_file = "~/logs/ipkpi.log"\n',
    )
    monkeypatch.chdir(tmp_path)
    config = load_config(conf)
    assert config.inbox == tmp_path / "home" / "post"
    assert config.output == tmp_path / "home" / "reports"
    assert config.store == tmp_path / "home" / "kpi.db"
    assert config.rejected == tmp_path / "home" / "bounced"
    assert config.log_file == tmp_path / "home" / "logs" / "ipkpi.log"


EVERY_KEY = """\
inbox = "in"
output = "reports"
store = "data/kpi.db"
targets = "plans"
rejected = "bounced"
cities = ["nanjing", "guizhou", "nanjing", "shijiazhuang"]
lang = "en"
method = "cagr"
fail_on = ["behind", "missed", "behind"]
lock_timeout = 30
settle_seconds = 0.5
log_file = "logs/ipkpi.log"
"""


def test_every_key_set_is_read_back_exactly(in_tmp):
    for folder in ("in", "data", "plans", "logs"):
        (in_tmp / folder).mkdir()
    write_config(in_tmp, EVERY_KEY)
    config = load_config(Path(CONFIG))
    assert config == RunConfig(
        file=Path("ipkpi.toml"),
        inbox=in_tmp / "in",
        output=in_tmp / "reports",
        store=in_tmp / "data" / "kpi.db",
        targets=in_tmp / "plans",
        rejected=in_tmp / "bounced",
        cities=("nanjing", "guizhou", "shijiazhuang"),
        lang="en",
        method="cagr",
        fail_on=frozenset({"behind", "missed"}),
        lock_timeout=30.0,
        settle_seconds=0.5,
        log_file=in_tmp / "logs" / "ipkpi.log",
    )
    assert type(config.fail_on) is frozenset
    assert type(config.lock_timeout) is float


def test_zero_seconds_and_an_empty_fail_on_are_allowed(here):
    write_config(here, MINIMAL + "lock_timeout = 0\nsettle_seconds = 0.0\nfail_on = []\n")
    config = load_config(Path(CONFIG))
    assert (config.lock_timeout, config.settle_seconds, config.fail_on) == (0.0, 0.0, frozenset())


# --------------------------------------------------------------------------- one defect each

# (TOML text, the one problem line). The working folder holds inbox/ and notes.txt.
BAD_CONFIGS = {
    "unknown-key-close": (
        MINIMAL + 'inbx = "inbox"\n',
        "ipkpi.toml › inbx: unknown key; did you mean 'inbox'?",
    ),
    "unknown-key-far": (
        MINIMAL + 'colour = "red"\n',
        f"ipkpi.toml › colour: unknown key; known: {KNOWN}",
    ),
    "missing-inbox": (
        'output = "out"\n',
        "ipkpi.toml › inbox: missing; give the folder of incoming workbooks",
    ),
    "missing-output": (
        'inbox = "inbox"\n',
        "ipkpi.toml › output: missing; give the folder for the reports and run summaries",
    ),
    "inbox-not-there": ('inbox = "post"\noutput = "out"\n', "ipkpi.toml › inbox: no folder post"),
    "inbox-not-text": (
        'inbox = 3\noutput = "out"\n',
        "ipkpi.toml › inbox: must be a path in quotes, not 3",
    ),
    "inbox-empty": ('inbox = ""\noutput = "out"\n', "ipkpi.toml › inbox: must not be empty"),
    "output-is-a-file": (
        'inbox = "inbox"\noutput = "notes.txt"\n',
        "ipkpi.toml › output: notes.txt is a file, not a folder",
    ),
    "targets-not-there": (MINIMAL + 'targets = "plans"\n', "ipkpi.toml › targets: no folder plans"),
    "rejected-is-a-file": (
        MINIMAL + 'rejected = "notes.txt"\n',
        "ipkpi.toml › rejected: notes.txt is a file, not a folder",
    ),
    "lang": (MINIMAL + 'lang = "fr"\n', 'ipkpi.toml › lang: "fr": use one of "zh", "en"'),
    "lang-not-text": (MINIMAL + "lang = 1\n", "ipkpi.toml › lang: must be text in quotes, not 1"),
    "method": (
        MINIMAL + 'method = "mean"\n',
        'ipkpi.toml › method: "mean": use one of "linear", "cagr"',
    ),
    "cities-not-a-list": (
        MINIMAL + 'cities = "nanjing"\n',
        'ipkpi.toml › cities: must be a list in brackets, e.g. ["a", "b"], not "nanjing"',
    ),
    "cities-empty": (
        MINIMAL + "cities = []\n",
        "ipkpi.toml › cities: an empty list; leave the key out to report on every city",
    ),
    "cities-not-text": (
        MINIMAL + "cities = [1]\n",
        "ipkpi.toml › cities: must be a list of text in quotes, not [1]",
    ),
    "fail_on-unknown-status": (
        MINIMAL + 'fail_on = ["late"]\n',
        'ipkpi.toml › fail_on: unknown status "late"; use any of achieved, on_track, '
        "moderate, behind, overshoot, moving_away, missed, met, awaiting_final, no_data, overdue",
    ),
    "fail_on-not-a-list": (
        MINIMAL + 'fail_on = "behind"\n',
        'ipkpi.toml › fail_on: must be a list in brackets, e.g. ["a", "b"], not "behind"',
    ),
    "lock_timeout-negative": (
        MINIMAL + "lock_timeout = -1\n",
        "ipkpi.toml › lock_timeout: must be a number of seconds, 0 or more, not -1",
    ),
    "lock_timeout-boolean": (
        MINIMAL + "lock_timeout = true\n",
        "ipkpi.toml › lock_timeout: must be a number of seconds, 0 or more, not true",
    ),
    "settle_seconds-text": (
        MINIMAL + 'settle_seconds = "60"\n',
        'ipkpi.toml › settle_seconds: must be a number of seconds, 0 or more, not "60"',
    ),
    "store-folder-missing": (
        MINIMAL + 'store = "data/kpi.db"\n',
        "ipkpi.toml › store: no folder data for the store",
    ),
    "log_file-folder-missing": (
        MINIMAL + 'log_file = "logs/run.log"\n',
        "ipkpi.toml › log_file: no folder logs",
    ),
}


@pytest.mark.parametrize("case", list(BAD_CONFIGS))
def test_one_defect_one_problem(here, case):
    text, expected = BAD_CONFIGS[case]
    assert problems_of(text) == [expected]


@pytest.mark.parametrize("key", ["inbox", "targets"])
def test_a_file_given_as_an_existing_folder(here, key):
    text = (
        'inbox = "notes.txt"\noutput = "out"\n'
        if key == "inbox"
        else MINIMAL + 'targets = "notes.txt"\n'
    )
    assert problems_of(text) == [f"ipkpi.toml › {key}: notes.txt is a file, not a folder"]


@pytest.mark.parametrize("key", ["lock_timeout", "settle_seconds"])
def test_nan_seconds(here, key):
    assert problems_of(MINIMAL + f"{key} = nan\n") == [
        f"ipkpi.toml › {key}: must be a number of seconds, 0 or more, not nan"
    ]


def test_a_folder_given_as_the_log_file(here):
    write_config(here, MINIMAL + 'log_file = "inbox"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(Path(CONFIG))
    assert [p.key for p in caught.value.problems] == ["log_file"]


def test_malformed_toml(here):
    (message,) = problems_of('inbox = "inbox\noutput = "out"\n')
    assert message.startswith("ipkpi.toml: not valid TOML (")
    assert "line 1" in message


def test_a_key_given_twice_is_malformed_toml(here):
    (message,) = problems_of(MINIMAL + 'inbox = "post"\n')
    assert message.startswith("ipkpi.toml: not valid TOML (")


def test_not_utf8(here):
    (here / CONFIG).write_bytes('inbox = "收件"\noutput = "out"\n'.encode("gb18030"))
    with pytest.raises(ConfigError) as caught:
        load_config(Path(CONFIG))
    assert caught.value.lines("en") == ["ipkpi.toml: not UTF-8 text; save it as UTF-8"]
    assert caught.value.lines("zh") == ["ipkpi.toml：不是 UTF-8 文本；请另存为 UTF-8 编码"]


def test_a_config_file_that_is_not_there(in_tmp):
    with pytest.raises(ConfigError) as caught:
        load_config(Path("gone.toml"))
    assert caught.value.lines("en") == ["gone.toml: cannot read: No such file or directory"]


def test_the_file_is_shown_relative_to_the_working_folder(in_tmp):
    (in_tmp / "conf" / "inbox").mkdir(parents=True)
    path = write_config(in_tmp / "conf", MINIMAL + 'lang = "fr"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(path)  # an absolute path, shown relative to the working folder
    assert caught.value.lines("en") == ['conf/ipkpi.toml › lang: "fr": use one of "zh", "en"']


# --------------------------------------------------------------------------- several defects


def test_every_problem_of_a_file_is_reported_in_one_error(here):
    text = (
        'inbx = "inbox"\n'
        "output = 3\n"
        'store = "data/kpi.db"\n'
        'cities = "nanjing"\n'
        'lang = "fr"\n'
        "lock_timeout = -1\n"
        'log_file = "logs/run.log"\n'
    )
    assert problems_of(text) == [
        "ipkpi.toml › inbx: unknown key; did you mean 'inbox'?",
        "ipkpi.toml › inbox: missing; give the folder of incoming workbooks",
        "ipkpi.toml › output: must be a path in quotes, not 3",
        "ipkpi.toml › store: no folder data for the store",
        'ipkpi.toml › cities: must be a list in brackets, e.g. ["a", "b"], not "nanjing"',
        'ipkpi.toml › lang: "fr": use one of "zh", "en"',
        "ipkpi.toml › lock_timeout: must be a number of seconds, 0 or more, not -1",
        "ipkpi.toml › log_file: no folder logs",
    ]


def test_a_config_error_is_exit_status_2(here):
    assert ConfigError.exit_code == 2
    write_config(here, 'output = "out"\n')
    with pytest.raises(ConfigError) as caught:
        load_config(Path(CONFIG))
    assert caught.value.exit_code == 2
    missing = msg("E-CONFIG-KEY-MISSING", what=msg("config.what.inbox"))
    assert caught.value.problems == [ConfigProblem(Path("ipkpi.toml"), missing, "inbox")]
    with speaking("en"):
        assert str(caught.value) == (
            "ipkpi.toml › inbox: missing; give the folder of incoming workbooks"
        )
    assert str(caught.value) == "ipkpi.toml › inbox：缺少此项；请填写收件文件夹（存放收到的工作簿）"


# --------------------------------------------------------------------------- finding the file


@pytest.fixture
def three_configs(in_tmp):
    for name in ("option.toml", "env.toml", "ipkpi.toml"):
        write_config(in_tmp, MINIMAL, name)
    return in_tmp


def test_the_option_comes_first(three_configs):
    env = {"IPKPI_CONFIG": "env.toml"}
    assert resolve_config_path(Path("option.toml"), env) == Path("option.toml")


def test_then_the_environment(three_configs):
    assert resolve_config_path(None, {"IPKPI_CONFIG": "env.toml"}) == Path("env.toml")


def test_then_ipkpi_toml_in_the_working_folder(three_configs):
    assert resolve_config_path(None, {}) == Path("ipkpi.toml")
    assert resolve_config_path(None, {"IPKPI_CONFIG": ""}) == Path("ipkpi.toml")


def resolve_error(option: Path | None, env: dict[str, str]) -> list[str]:
    with pytest.raises(ConfigError) as caught:
        resolve_config_path(option, env)
    assert caught.value.exit_code == 2
    return caught.value.lines("en")


def test_a_missing_option_file_is_an_error_even_with_others_there(three_configs):
    assert resolve_error(Path("typo.toml"), {"IPKPI_CONFIG": "env.toml"}) == [
        "--config: no configuration file at typo.toml"
    ]


def test_an_option_naming_a_folder_is_an_error(three_configs):
    (three_configs / "conf").mkdir()
    assert resolve_error(Path("conf"), {}) == ["--config: no configuration file at conf"]


def test_a_missing_environment_file_is_an_error_even_with_ipkpi_toml_there(three_configs):
    assert resolve_error(None, {"IPKPI_CONFIG": "typo.toml"}) == [
        "IPKPI_CONFIG: no configuration file at typo.toml"
    ]


def test_no_config_anywhere(in_tmp):
    assert resolve_error(None, {}) == [
        "no ipkpi.toml in the working folder; pass --config FILE or set IPKPI_CONFIG"
    ]


# --------------------------------------------------------------------------- through the CLI


def test_run_with_an_unknown_key_stops_before_doing_anything(here, runner, monkeypatch):
    monkeypatch.delenv("IPKPI_CONFIG", raising=False)
    write_config(here, MINIMAL + 'inbx = "inbox"\n')
    result = runner.invoke(app, ["run", "--config", "ipkpi.toml"], env={"IPKPI_LANG": "en"})
    assert result.exit_code == 2
    assert result.stderr == (
        "Error[E-CONFIG-KEY-UNKNOWN]: ipkpi.toml › inbx: unknown key; did you mean 'inbox'?\n"
    )
    assert result.stdout == ""
    assert sorted(p.name for p in here.iterdir()) == ["inbox", "ipkpi.toml", "notes.txt"]
    assert list((here / "inbox").iterdir()) == []


def test_run_with_no_config_at_all(in_tmp, runner, monkeypatch):
    monkeypatch.delenv("IPKPI_CONFIG", raising=False)
    result = runner.invoke(app, ["run"], env={"IPKPI_LANG": "en"})
    assert result.exit_code == 2
    assert result.stderr == (
        "Error[E-CONFIG-NONE]: no ipkpi.toml in the working folder; pass --config FILE or set "
        "IPKPI_CONFIG\n"
    )
    assert list(in_tmp.iterdir()) == []


def test_run_with_ipkpi_config_naming_a_missing_file(in_tmp, runner, monkeypatch):
    monkeypatch.setenv("IPKPI_CONFIG", "typo.toml")
    result = runner.invoke(app, ["run"], env={"IPKPI_LANG": "en"})
    assert result.exit_code == 2
    assert result.stderr == (
        "Error[E-CONFIG-MISSING]: IPKPI_CONFIG: no configuration file at typo.toml\n"
    )
    assert list(in_tmp.iterdir()) == []


# --------------------------------------------------------------------------- in Chinese


def test_every_problem_in_chinese(here):
    text = (
        'inbx = "inbox"\n'
        "output = 3\n"
        'store = "data/kpi.db"\n'
        'cities = "nanjing"\n'
        'lang = "fr"\n'
        "lock_timeout = -1\n"
        'log_file = "logs/run.log"\n'
        'fail_on = ["bogus"]\n'
    )
    assert problems_of(text, "zh") == [
        "ipkpi.toml › inbx：未知的配置项；是否指“inbox”？",
        "ipkpi.toml › inbox：缺少此项；请填写收件文件夹（存放收到的工作簿）",
        "ipkpi.toml › output：应为加引号的路径，而不是 3",
        "ipkpi.toml › store：文件夹 data 不存在，无法在那里存放数据库",
        'ipkpi.toml › cities：应为方括号中的列表，例如 ["a", "b"]，而不是 "nanjing"',
        'ipkpi.toml › lang："fr"：请使用 "zh"、"en" 之一',
        'ipkpi.toml › fail_on：未知的状态 "bogus"；可用的状态：achieved、on_track、moderate、'
        "behind、overshoot、moving_away、missed、met、awaiting_final、no_data、overdue",
        "ipkpi.toml › lock_timeout：应为秒数（0 或更大），而不是 -1",
        "ipkpi.toml › log_file：文件夹 logs 不存在",
    ]


def test_an_unknown_key_in_chinese_names_the_known_ones(here):
    assert problems_of(MINIMAL + 'colour = "red"\n', "zh") == [
        "ipkpi.toml › colour：未知的配置项；可用的配置项：inbox、output、store、targets、rejected、"
        "cities、lang、method、fail_on、lock_timeout、settle_seconds、log_file、dashboard"
    ]


def test_run_says_a_config_error_in_chinese_by_default(here, runner, monkeypatch):
    monkeypatch.delenv("IPKPI_CONFIG", raising=False)
    write_config(here, MINIMAL + "settle_seconds = true\n")
    result = runner.invoke(app, ["run", "--config", "ipkpi.toml"])
    assert result.exit_code == 2
    assert result.stderr == (
        "错误[E-CONFIG-SECONDS]：ipkpi.toml › settle_seconds：应为秒数（0 或更大），而不是 true\n"
    )


def test_no_config_anywhere_in_chinese(in_tmp, runner, monkeypatch):
    monkeypatch.delenv("IPKPI_CONFIG", raising=False)
    result = runner.invoke(app, ["run"])
    assert result.exit_code == 2
    assert result.stderr == (
        "错误[E-CONFIG-NONE]：当前文件夹中没有 ipkpi.toml；请用 --config FILE 指定配置文件，"
        "或设置 IPKPI_CONFIG\n"
    )
