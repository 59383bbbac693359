"""The configuration of an unattended run (``ipkpi run``): one small TOML file.

Found as ``--config FILE``, else ``$IPKPI_CONFIG``, else ``ipkpi.toml`` in the working
folder. Relative paths in it are relative to the file's own folder, so a crontab line
works from any working folder. Every problem is reported as ``FILE › key: message``
and is a configuration error (exit status 2); an unknown key is one too, so a typo is
never silently ignored.
"""

from __future__ import annotations

import difflib
import json
import math
import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ipkpi.assess.results import FAIL_ON_CODES
from ipkpi.errors import SEP, ProblemsError, colon, display_path
from ipkpi.limits import MAX_TOML_DEPTH, too_deep
from ipkpi.messages import Message, msg
from ipkpi.store.address import PostgresURL, StoreAddress, parse_address

ENV_CONFIG = "IPKPI_CONFIG"
DEFAULT_CONFIG = "ipkpi.toml"


# key → (what it holds, the default) — the README's table of keys is checked against this.
KEYS = {
    "inbox": "folder of incoming workbooks (required)",
    "output": "folder for the reports and run summaries (required; created if missing)",
    "store": "the store: a file [ipkpi.db] or a postgresql:// URL",
    "targets": "catalogue folder [$IPKPI_TARGETS, else the bundled catalogue]",
    "rejected": "where rejected files go [<inbox>/rejected]",
    "cities": "city slugs to report on [every city in the catalogue]",
    "lang": 'label language of the reports, "zh" or "en" ["zh"]',
    "method": 'progress ratio, "linear" or "cagr" ["linear"]',
    "fail_on": "statuses (or overdue, for tasks) that make the run exit 3 [none]",
    "lock_timeout": "seconds to wait for another run or ingest to finish [600]",
    "settle_seconds": "leave files changed less than this many seconds ago for the next run [60]",
    "log_file": "also append the log to this file [none]",
    "dashboard": "file name of the HTML dashboard written in the output folder [none]",
}


@dataclass(frozen=True)
class ConfigProblem:
    """One thing wrong with the configuration: ``FILE › key: message`` (``FILE: message``
    for the file as a whole; just the message when there is no file to name)."""

    file: Path | None
    message: Message
    key: str | None = None

    def text(self, lang: str | None = None) -> str:
        if self.file is None:
            return self.message.text(lang)
        where = display_path(self.file) + (SEP + self.key if self.key else "")
        return where + colon(lang) + self.message.text(lang)

    def __str__(self) -> str:
        return self.text()


class ConfigError(ProblemsError):
    """A configuration that cannot be used; holds every ``ConfigProblem`` found."""

    exit_code = 2


@dataclass(frozen=True)
class RunConfig:
    file: Path
    inbox: Path
    output: Path
    store: StoreAddress  # a file, or a postgresql:// URL
    targets: Path | None
    rejected: Path
    cities: tuple[str, ...] | None  # None: every city in the catalogue
    lang: str = "zh"
    method: str = "linear"
    fail_on: frozenset[str] = field(default_factory=frozenset)
    lock_timeout: float = 600.0
    settle_seconds: float = 60.0
    log_file: Path | None = None
    dashboard: str | None = None  # the dashboard's file name in the output folder


def resolve_config_path(option: Path | None, env: Mapping[str, str] = os.environ) -> Path:
    """``--config FILE``, else ``$IPKPI_CONFIG``, else ``ipkpi.toml`` here."""
    if option is not None:
        path, origin = option, "--config"
    elif env.get(ENV_CONFIG):
        path, origin = Path(env[ENV_CONFIG]), ENV_CONFIG
    else:
        path, origin = Path(DEFAULT_CONFIG), None
    if not path.is_file():
        if origin is None:
            message = msg("E-CONFIG-NONE", name=DEFAULT_CONFIG, env=ENV_CONFIG)
        else:
            message = msg("E-CONFIG-MISSING", origin=origin, path=display_path(path))
        raise ConfigError([ConfigProblem(None, message)])
    return path


def load_config(path: Path) -> RunConfig:
    """Read and check a run configuration; every problem found is in the one ``ConfigError``."""
    path = Path(path)
    deep = msg("E-CONFIG-TOO-DEEP", depth=MAX_TOML_DEPTH)
    try:
        text = path.read_text(encoding="utf-8")
        data = None if too_deep(text) else tomllib.loads(text)
    except UnicodeDecodeError:
        raise ConfigError([ConfigProblem(path, msg("E-CONFIG-NOT-UTF8"))]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([ConfigProblem(path, msg("E-CONFIG-TOML", detail=str(exc)))]) from None
    except OSError as exc:
        unreadable = msg("E-CONFIG-UNREADABLE", reason=exc.strerror)
        raise ConfigError([ConfigProblem(path, unreadable)]) from None
    except RecursionError:  # nesting the count did not see
        data = None
    if data is None:
        raise ConfigError([ConfigProblem(path, deep)])
    return _Checker(path, data).config()


class _Checker:
    def __init__(self, file: Path, data: dict):
        self.file = file
        self.data = data
        self.base = file.resolve().parent
        self.problems: list[ConfigProblem] = []

    def problem(self, key: str | None, code: str, **fields: object) -> None:
        self.problems.append(ConfigProblem(self.file, msg(code, **fields), key))

    def config(self) -> RunConfig:
        for key in self.data:
            if key not in KEYS:
                close = difflib.get_close_matches(key, KEYS, n=1)
                if close:
                    hint = msg("config.hint.did_you_mean", key=close[0])
                else:
                    hint = msg("config.hint.known", keys=list(KEYS))
                self.problem(key, "E-CONFIG-KEY-UNKNOWN", hint=hint)
        inbox = self.folder("inbox", required=True, must_exist=True)
        output = self.folder("output", required=True, must_exist=False)
        store = self.store()
        if isinstance(store, PostgresURL):  # a database: the server says if it is there
            pass
        elif not store.parent.is_dir():
            folder = display_path(store.parent)
            self.problem("store", "E-CONFIG-STORE-NO-FOLDER", folder=folder)
        elif store.is_dir():
            self.problem("store", "E-CONFIG-STORE-IS-FOLDER", path=display_path(store))
        targets = self.folder("targets", required=False, must_exist=True)
        rejected = self.folder("rejected", required=False, must_exist=False)
        if rejected is None and inbox is not None:
            rejected = inbox / "rejected"
        config = RunConfig(
            file=self.file,
            inbox=inbox or self.base,
            output=output or self.base,
            store=store,
            targets=targets,
            rejected=rejected or self.base,
            cities=self.cities(),
            lang=self.choice("lang", ("zh", "en"), "zh"),
            method=self.choice("method", ("linear", "cagr"), "linear"),
            fail_on=self.fail_on(),
            lock_timeout=self.seconds("lock_timeout", 600.0),
            settle_seconds=self.seconds("settle_seconds", 60.0),
            log_file=self.path("log_file"),
            dashboard=self.dashboard(),
        )
        if config.log_file is not None:
            if not config.log_file.parent.is_dir():
                folder = display_path(config.log_file.parent)
                self.problem("log_file", "E-CONFIG-NO-FOLDER", folder=folder)
            elif config.log_file.is_dir():
                self.problem("log_file", "E-CONFIG-IS-FOLDER", path=display_path(config.log_file))
        if self.problems:
            raise ConfigError(self.problems)
        return config

    def typed(self, key: str, kind: type, noun: str):
        """The value of ``key`` when it is of ``kind`` (``noun``: config.kind.*), else None."""
        value = self.data.get(key)
        if value is None:
            return None
        # TOML booleans are not numbers, whatever Python's bool says.
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            self.problem(key, "E-CONFIG-TYPE", kind=msg(f"config.kind.{noun}"), value=_toml(value))
            return None
        return value

    def store(self) -> StoreAddress:
        """The store: a file (relative to the configuration's folder) or a database URL."""
        text = self.data.get("store")
        address = parse_address(text) if isinstance(text, str) else None
        if isinstance(address, PostgresURL):
            return address
        if address is not None and text.lower().startswith("sqlite:"):
            return self.base / address.expanduser()
        return self.path("store") or self.base / "ipkpi.db"

    def path(self, key: str) -> Path | None:
        text = self.typed(key, str, "path")
        if text is None:
            return None
        if not text.strip():
            self.problem(key, "E-CONFIG-EMPTY")
            return None
        return self.base / Path(text).expanduser()

    def folder(self, key: str, *, required: bool, must_exist: bool) -> Path | None:
        if required and key not in self.data:
            self.problem(key, "E-CONFIG-KEY-MISSING", what=msg(f"config.what.{key}"))
            return None
        path = self.path(key)
        if path is None:
            return None
        if path.exists() and not path.is_dir():
            self.problem(key, "E-CONFIG-NOT-FOLDER", path=display_path(path))
            return None
        if must_exist and not path.is_dir():
            self.problem(key, "E-CONFIG-NO-FOLDER", folder=display_path(path))
            return None
        return path

    def choice(self, key: str, allowed: tuple[str, ...], default: str) -> str:
        value = self.typed(key, str, "text")
        if value is None:
            return default
        if value not in allowed:
            allowed_values = [_toml(a) for a in allowed]
            self.problem(key, "E-CONFIG-CHOICE", value=_toml(value), allowed=allowed_values)
            return default
        return value

    def strings(self, key: str) -> list[str] | None:
        value = self.typed(key, list, "list")
        if value is None:
            return None
        if not all(isinstance(v, str) for v in value):
            self.problem(key, "E-CONFIG-NOT-TEXT-LIST", value=_toml(value))
            return None
        return value

    def dashboard(self) -> str | None:
        """A file name ending in .html, written in the output folder."""
        name = self.typed("dashboard", str, "text")
        if name is None:
            return None
        if "/" in name or "\\" in name or not name.lower().endswith((".html", ".htm")):
            self.problem("dashboard", "E-CONFIG-DASHBOARD", value=_toml(name))
            return None
        return name

    def cities(self) -> tuple[str, ...] | None:
        value = self.strings("cities")
        if value is None:
            return None
        if not value:
            self.problem("cities", "E-CONFIG-CITIES-EMPTY")
            return None
        return tuple(dict.fromkeys(value))

    def fail_on(self) -> frozenset[str]:
        value = self.strings("fail_on") or []
        unknown = [v for v in value if v not in FAIL_ON_CODES]
        if unknown:
            self.problem(
                "fail_on",
                "E-CONFIG-FAIL-ON-UNKNOWN",
                unknown=[_toml(v) for v in unknown],
                known=list(FAIL_ON_CODES),
            )
            return frozenset()
        return frozenset(value)

    def seconds(self, key: str, default: float) -> float:
        value = self.data.get(key)
        if value is None:
            return default
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not math.isfinite(value)
            or value < 0
        ):
            self.problem(key, "E-CONFIG-SECONDS", value=_toml(value))
            return default
        return float(value)


def _toml(value: object) -> str:
    """A value as it is written in TOML, for messages: true, "text", [1, 2]."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    return str(value)
