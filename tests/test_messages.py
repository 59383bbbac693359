"""The message catalogue: every message in both languages, with the same fields; the
language chosen by --lang, IPKPI_LANG or the locale, Chinese by default."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from ipkpi import messages
from ipkpi.messages import Message, OneOf, language_of_environment, msg, say, speaking

REPO = Path(__file__).resolve().parents[1]
TABLES = {
    name: importlib.import_module(f"ipkpi.messages.{name}").MESSAGES for name in messages.TABLES
}
ALL = [
    (table, code, zh, en) for table, entries in TABLES.items() for code, (zh, en) in entries.items()
]
HAN = re.compile(r"[\u4e00-\u9fff]")
CODE = re.compile(r"^[EW](-[A-Z0-9]+)+$")
# ipkpi and the words of its commands, as a sentence names them: ipkpi targets show
COMMAND = re.compile(
    r"\bipkpi(?: (?:cities|targets|show|check|ingest|data|report|tasks|rewards|template"
    r"|missing|compare|export|run)\b)*"
)


def test_no_code_is_in_two_tables():
    seen: dict[str, str] = {}
    twice = []
    for table, code, _, _ in ALL:
        if code in seen:
            twice.append(f"{code}: {seen[code]} and {table}")
        seen[code] = table
    assert twice == []


@pytest.mark.parametrize(("table", "code", "zh", "en"), ALL, ids=[c for _, c, _, _ in ALL])
def test_every_message_has_both_languages_with_the_same_fields(table, code, zh, en):
    assert zh.strip() and en.strip()
    assert messages.placeholders(zh) == messages.placeholders(en)
    # Chinese text is Chinese: words, if any besides its fields, with a Han character among
    # them, and no English sentence.
    words = re.sub(r"\{[^}]*\}", "", zh)
    # What is typed as it is: an example command on a line of its own (help), a command named
    # in a sentence (见 ipkpi data check), an option (--fail-on).
    words = re.sub(r"(?m)^\s*ipkpi .*$", "", words)
    words = COMMAND.sub("", words)
    words = re.sub(r"(?<![\w-])--?[a-z][a-z-]*", "", words)
    assert HAN.search(words) or not re.search(r"[A-Za-z]", words), zh
    assert not re.search(r"\b[a-z]{2,} [a-z]{2,} [a-z]{2,}\b", words), zh


def test_codes_of_errors_and_warnings_are_stable_upper_case_names():
    odd = [c for _, c, _, _ in ALL if c[:2] in ("E-", "W-") and not CODE.match(c)]
    assert odd == []


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({}, "zh"),
        ({"IPKPI_LANG": "en"}, "en"),
        ({"IPKPI_LANG": "EN", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"IPKPI_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),
        ({"IPKPI_LANG": "fr", "LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "en_GB"}, "en"),
        ({"LANG": "zh_CN.UTF-8"}, "zh"),
        ({"LANG": "zh_TW.Big5"}, "zh"),
        ({"LANG": "C.UTF-8"}, "zh"),
        ({"LANG": "de_DE.UTF-8"}, "zh"),
        ({"LC_ALL": "zh_CN.UTF-8", "LANG": "en_US.UTF-8"}, "zh"),
        ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "zh_CN.UTF-8"}, "en"),
        ({"LC_ALL": "", "LANG": "en_US.UTF-8"}, "en"),
    ],
)
def test_the_language_comes_from_ipkpi_lang_then_the_locale_else_chinese(environ, lang):
    assert language_of_environment(environ) == lang


def test_speaking_chooses_the_language_inside_its_block_only(monkeypatch):
    monkeypatch.setenv("IPKPI_LANG", "en")
    message = msg("E-CITY-UNKNOWN", city="nanjin", did_you_mean="", known=["nanjing"])
    assert str(message) == "unknown city 'nanjin'; known: nanjing"
    with speaking("zh"):
        assert str(message) == "没有名为“nanjin”的地方；已知地方：nanjing"
        with speaking(None):  # not given: the choice made outside stands
            assert message.text() == "没有名为“nanjin”的地方；已知地方：nanjing"
    assert message.text() == "unknown city 'nanjin'; known: nanjing"


def test_fields_are_shown_in_the_message_language():
    close = msg("did_you_mean", names=OneOf(["nanjing (南京市)", "nantong (南通市)"]))
    fields = {"city": "nanjin", "did_you_mean": close, "known": ["a", "b", "c"]}
    assert say("E-CITY-UNKNOWN", "zh", **fields) == (
        "没有名为“nanjin”的地方；是否指 nanjing (南京市)或nantong (南通市)？已知地方：a、b、c"
    )
    assert say("E-CITY-UNKNOWN", "en", **fields) == (
        "unknown city 'nanjin'; did you mean nanjing (南京市) or nantong (南通市)? known: a, b, c"
    )


def test_a_message_is_a_code_and_fields_and_compares_as_such():
    assert msg("none") == Message("none", {})
    assert Message("none").text("zh") == "（无）"
    assert Message("none").text("en") == "(none)"


def test_the_codes_in_the_docs_are_the_catalogues():
    import runpy

    tool = runpy.run_path(str(REPO / "tools" / "messages_doc.py"))
    written = (REPO / "docs" / "messages.md").read_text(encoding="utf-8")
    assert written == tool["render"](), "run: .venv/bin/python tools/messages_doc.py"


def test_every_code_the_source_names_is_in_the_catalogue():
    """A code written in the source (msg("E-…"), say("help.…"), help="help.…") that the
    catalogue lacks would fail only when that rare message is shown: caught here instead."""
    named = re.compile(r"""(?:msg|say|Message|label)\(\s*["']([A-Za-z][\w.-]*)["']""")
    helps = re.compile(r"""help=["'](help\.[\w.]+)["']""")
    known = messages.known()
    missing = sorted(
        f"{path.relative_to(REPO)}: {code}"
        for path in (REPO / "ipkpi").rglob("*.py")
        for code in {
            *named.findall(path.read_text(encoding="utf-8")),
            *helps.findall(path.read_text(encoding="utf-8")),
        }
        # a code whole, not the start of one a program completes ("n_" + kind)
        if not code.endswith(("_", ".", "-"))
        if code not in known and not _is_label(code)
    )
    assert missing == []


def _is_label(key: str) -> bool:
    from ipkpi.labels import _LABELS

    return key in _LABELS


def test_an_error_is_a_message_of_the_catalogue_never_bare_text():
    from ipkpi.errors import InputProblem, UsageError

    with pytest.raises(TypeError):
        UsageError("some words")
    with pytest.raises(TypeError):
        InputProblem(Path("f.xlsx"), "some words")
    assert UsageError(msg("E-USAGE-NO-COMMAND", name="x")).lines("zh") == ["没有命令“x”"]
