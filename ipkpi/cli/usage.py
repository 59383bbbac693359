"""A mistake on the command line, said in the language asked for.

typer's parser words its errors in English (``No such option: --bogus``, ``'x' is not one
of 'zh', 'en'.``); ``usage_error`` reads what the exception holds — its kind, option and
the value refused — and says it from the message catalogue instead, with the usage line
and where help is. A reason it does not know is shown as typer wrote it.
"""

from __future__ import annotations

import re
from typing import Any

import typer

from ipkpi.errors import escape
from ipkpi.messages import OneOf, msg, say

# typer names BadParameter only; its base is the parse error every usage mistake is.
UsageProblem: type[Exception] = typer.BadParameter.__mro__[1]

# The reasons typer's value types give, and what they are in the catalogue.
_REASONS = (
    (re.compile(r"^(?P<value>.*) is not a valid integer\.$"), "E-USAGE-NOT-INTEGER"),
    (re.compile(r"^(?P<value>.*) is not a valid float\.$"), "E-USAGE-NOT-NUMBER"),
    (re.compile(r"^(?P<value>.*) is not in the range (?P<range>.*)\.$"), "E-USAGE-RANGE"),
    (re.compile(r"^(?P<value>.*) is not one of (?P<choices>.*)\.$"), "E-USAGE-CHOICE"),
    (re.compile(r"^(?P<value>.*) is not a valid boolean\..*$"), "E-USAGE-NOT-BOOLEAN"),
)


def usage_line(command: Any, ctx: Any, lang: str) -> str:
    """``用法：ipkpi report [选项]`` / ``Usage: ipkpi report [OPTIONS]``: the first line of
    a help page and of a usage error."""
    pieces = " ".join(command.collect_usage_pieces(ctx))
    pieces = pieces.replace("[OPTIONS]", say("usage.options", lang))
    pieces = pieces.replace("COMMAND [ARGS]...", say("usage.command", lang))
    return say("usage.line", lang, command=ctx.command_path, pieces=pieces)


def usage_error(exc: Exception, lang: str) -> tuple[str, str, list[str]]:
    """(code, text, lines before it: the usage and where help is) for a usage error."""
    code, text = _said(exc, lang)
    ctx = getattr(exc, "ctx", None)
    before = []
    if ctx is not None:
        before.append(usage_line(ctx.command, ctx, lang))
        before.append(say("usage.try", lang, command=ctx.command_path) + "\n")
    return code, escape(text), before


def _said(exc: Exception, lang: str) -> tuple[str, str]:
    kind = type(exc).__name__
    message = str(getattr(exc, "message", "") or "")
    if kind == "NoSuchOption":
        option = getattr(exc, "option_name", "")
        if not message.startswith("No such option"):
            return "E-USAGE", message
        possible = sorted(getattr(exc, "possibilities", None) or ())
        extra = msg("usage.possible", options=possible) if possible else ""
        return "E-USAGE-NO-OPTION", say("E-USAGE-NO-OPTION", lang, option=option, possible=extra)
    if kind == "MissingParameter":
        hint = _hint(exc)
        return "E-USAGE-MISSING", say("E-USAGE-MISSING", lang, option=hint)
    if kind == "BadParameter":
        return "E-USAGE-VALUE", say(
            "E-USAGE-VALUE", lang, option=_hint(exc), reason=_reason(message, lang)
        )
    if kind == "BadOptionUsage" and "requires" in message:
        option = getattr(exc, "option_name", "")
        return "E-USAGE-NEEDS-VALUE", say("E-USAGE-NEEDS-VALUE", lang, option=option)
    found = re.match(
        r"^No such command '(?P<name>.*?)'\.(?: Did you mean (?P<close>.*)\?)?$", message
    )
    if found and found["close"]:
        names = OneOf(re.findall(r"'([^']*)'", found["close"]))
        close = names if lang == "zh" else found["close"]  # en: as click says them
        said = say("E-USAGE-NO-COMMAND-CLOSE", lang, name=found["name"], close=close)
        return "E-USAGE-NO-COMMAND", said
    if found:
        return "E-USAGE-NO-COMMAND", say("E-USAGE-NO-COMMAND", lang, name=found["name"])
    found = re.match(r"^Got unexpected extra arguments? \((?P<args>.*)\)$", message)
    if found:
        return "E-USAGE-EXTRA", say("E-USAGE-EXTRA", lang, args=found["args"])
    if message == "Missing command.":
        return "E-USAGE-NO-COMMAND-GIVEN", say("E-USAGE-NO-COMMAND-GIVEN", lang)
    return "E-USAGE", message


def _hint(exc: Exception) -> str:
    hint = getattr(exc, "param_hint", None)
    param = getattr(exc, "param", None)
    if hint is None and param is not None:
        hint = param.get_error_hint(getattr(exc, "ctx", None))
    if isinstance(hint, list | tuple):
        hint = " / ".join(hint)
    return str(hint or "").replace("'", "")


def _reason(message: str, lang: str) -> str:
    for pattern, code in _REASONS:
        found = pattern.match(message)
        if found:
            fields: dict[str, object] = dict(found.groupdict())
            if code == "E-USAGE-CHOICE" and lang == "zh":  # 'x' 不是可选的值，可选：zh、en
                fields["choices"] = re.findall(r"'([^']*)'", str(fields["choices"]))
            return say(code, lang, **fields)
    return message
