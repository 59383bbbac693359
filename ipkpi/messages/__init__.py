"""One catalogue of what ipkpi says to a person, in Chinese and in English.

Every error, warning and help text is a ``Message``: a stable code (``E-UNIT-UNKNOWN``,
``W-SHEET-HIDDEN``, ``help.report``) and named fields. Its words are looked up when it is
shown, in the language asked for: ``--lang``, else ``IPKPI_LANG``, else the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``: zh_CN.UTF-8 → zh, en_US.UTF-8 → en), else Chinese.

The tables are the ``MESSAGES`` dicts of this package's modules, code → (zh, en); they are
read on the first message shown, so a command that says nothing loads none of them. The
labels of tables and readings live beside them in ``ipkpi.labels``.
"""

from __future__ import annotations

import importlib
import os
import string
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[str, ...] = ("zh", "en")
DEFAULT_LANG: Lang = "zh"

# The modules whose MESSAGES make up the catalogue, read in this order as far as a code
# asks: the words around every message and the help first, so --help reads no others.
TABLES = (
    "common",
    "usage",
    "help",
    "help_catalogue",
    "help_reports",
    "help_store",
    "cli",
    "catalogue",
    "ingest",
    "ingest_claims",
    "ingest_files",
    "store",
    "run",
    "draft",
)

_chosen: ContextVar[str | None] = ContextVar("ipkpi_lang", default=None)
_catalogue: dict[str, tuple[str, str]] = {}
_read: list[str] = []  # the TABLES read so far, in order


def language_of_environment(environ: Mapping[str, str] = os.environ) -> Lang:
    """The language ``IPKPI_LANG`` names, else the locale's (the first of LC_ALL,
    LC_MESSAGES and LANG that is set, as POSIX reads them) when it is Chinese or English,
    else Chinese."""
    chosen = environ.get("IPKPI_LANG", "").strip().lower()
    if chosen in LANGS:
        return chosen  # type: ignore[return-value]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        locale = environ.get(name, "").strip().lower()
        if locale:
            return "en" if locale.startswith("en") else DEFAULT_LANG
    return DEFAULT_LANG


def current_lang() -> Lang:
    """The language messages are shown in now: the one ``speaking`` chose, else the
    environment's (``language_of_environment``)."""
    chosen = _chosen.get()
    return chosen if chosen in LANGS else language_of_environment()  # type: ignore[return-value]


@contextmanager
def speaking(lang: str | None) -> Iterator[None]:
    """Show messages in ``lang`` (zh or en) inside the block; None leaves the choice as it
    is."""
    token = _chosen.set(lang) if lang in LANGS else None
    try:
        yield
    finally:
        if token is not None:
            _chosen.reset(token)


def known() -> dict[str, tuple[str, str]]:
    """Every message: code → (zh, en), every table read."""
    _read_until(None)
    return _catalogue


def lookup(code: str) -> tuple[str, str] | None:
    """(zh, en) of ``code``, the tables read in order only as far as it takes; None when
    no table has it."""
    found = _catalogue.get(code)
    return found if found is not None else _read_until(code)


def _read_until(code: str | None) -> tuple[str, str] | None:
    while len(_read) < len(TABLES):
        name = TABLES[len(_read)]
        _catalogue.update(importlib.import_module(f"{__name__}.{name}").MESSAGES)
        _read.append(name)
        if code is not None and code in _catalogue:
            return _catalogue[code]
    return _catalogue.get(code) if code is not None else None


@dataclass(frozen=True)
class Message:
    """Something to say: a code of the catalogue and its fields. A field may be a Message
    (shown in the same language), a list or tuple (joined with 、 or commas), or anything
    ``format`` takes."""

    code: str
    fields: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: str | None = None) -> str:
        return say(self.code, lang, **self.fields)

    def __str__(self) -> str:
        return self.text()


class OneOf(tuple):
    """Alternatives, shown as ``a、b或c`` in Chinese and ``a, b or c`` in English."""


def msg(code: str, **fields: object) -> Message:
    """A ``Message`` of ``code`` with ``fields``."""
    return Message(code, fields)


def say(code: str, lang: str | None = None, **fields: object) -> str:
    """The text of ``code`` in ``lang`` (default: ``current_lang()``) with ``fields``
    filled in. A code the catalogue lacks is a bug: KeyError."""
    lang = lang if lang in LANGS else current_lang()
    found = lookup(code)
    if found is None:
        raise KeyError(code)
    zh, en = found
    template = zh if lang == "zh" else en
    return template.format_map({k: _shown(v, lang) for k, v in fields.items()})


def _shown(value: object, lang: str) -> object:
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, OneOf):
        names = [str(_shown(v, lang)) for v in value]
        if len(names) < 2:
            return "".join(names)
        joined = ("、" if lang == "zh" else ", ").join(names[:-1])
        return joined + ("或" if lang == "zh" else " or ") + names[-1]
    if isinstance(value, list | tuple):
        return ("、" if lang == "zh" else ", ").join(str(_shown(v, lang)) for v in value)
    return value


def placeholders(template: str) -> set[str]:
    """The field names a template fills in: ``{n}个`` → {"n"}."""
    return {name.split(".")[0] for _, name, _, _ in string.Formatter().parse(template) if name}
