"""``--help`` in the language asked for, wrapped by display width.

Commands and options carry a catalogue key as their help (``help.report``,
``help.opt.city``); ``LocalisedHelp.format_help`` looks each up when help is shown and
lays the page out itself: typer's own layout has English headings and wraps by
characters, so a Chinese line would run to twice the terminal's width.
"""

from __future__ import annotations

import re
import shutil
from typing import Any

from ipkpi.cli.usage import usage_line
from ipkpi.messages import current_lang, lookup, say
from ipkpi.output.layout import wrap
from ipkpi.output.textwidth import display_width

# The widest help page, as click's; the options' column at most this wide.
MAX_WIDTH = 80
OPTIONS_COLUMN = 30
_EXTRA = re.compile(r"\[(env var: [^\]]*|default: [^\]]*|required|[^\]]*; required)\]$")


def help_of(key: str | None, lang: str) -> str:
    """The help text a key names; a text that is not a key is shown as it is."""
    if not key:
        return ""
    return say(key, lang) if lookup(key) is not None else key


def first_sentence(text: str, width: int) -> str:
    """The first sentence of ``text`` (to its 。 or ``. ``), cut to ``width`` columns."""
    text = " ".join(text.split("\n\n")[0].split())
    end = re.search(r"。|\.(\s|$)", text)
    short = text[: end.start() + (1 if end[0] == "。" else 0)] if end else text
    if display_width(short) <= width:
        return short.rstrip("。")
    while display_width(short + "…") > width:
        short = short[:-1]
    return short.rstrip() + "…"


def page(command: Any, ctx: Any) -> str:
    """The whole help page of ``command``."""
    lang = current_lang()
    width = min(shutil.get_terminal_size((MAX_WIDTH, 24)).columns, MAX_WIDTH)
    out = [usage_line(command, ctx, lang), ""]
    text = help_of(command.help, lang)
    if text:
        out += [_paragraphs(text, width), ""]
    rows = [_record(p, ctx, lang) for p in command.get_params(ctx)]
    out += _section(say("usage.section.options", lang), [r for r in rows if r], width)
    if hasattr(command, "list_commands"):
        listed = [(n, command.get_command(ctx, n)) for n in command.list_commands(ctx)]
        names = max((len(n) for n, _ in listed), default=0)
        room = max(width - names - 6, 20)
        rows = [(n, first_sentence(help_of(c.help, lang), room)) for n, c in listed if not c.hidden]
        out += _section(say("usage.section.commands", lang), rows, width)
    return "\n".join(out).rstrip() + "\n"


def _paragraphs(text: str, width: int) -> str:
    """Each paragraph indented by two and wrapped; one whose lines are indented is kept."""
    shown = []
    for paragraph in text.strip("\n").split("\n\n"):
        lines = paragraph.split("\n")
        if all(line.startswith("  ") for line in lines[1:]) and len(lines) > 1:
            shown.append("\n".join("  " + line for line in lines))
        else:
            body = wrap(" ".join(line.strip() for line in lines), width - 2)
            shown.append("\n".join("  " + line for line in body.split("\n")))
    return "\n\n".join(shown)


def _record(param: Any, ctx: Any, lang: str) -> tuple[str, str] | None:
    given = getattr(param, "help", None)
    key = "help.opt.help" if param.name == "help" else given
    if hasattr(param, "help"):
        param.help = help_of(key, lang)
    try:
        record = param.get_help_record(ctx)
    finally:
        if hasattr(param, "help"):
            param.help = given
    if record is None:
        return None
    names, text = record
    text = _EXTRA.sub(lambda m: "[" + _extra(m[1], lang) + "]", text)
    # click puts a space before what it adds ([必填], [默认：…]); none after a Chinese stop.
    return names, re.sub(r"。\s+\[", "。[", text) if lang == "zh" else text


def _extra(text: str, lang: str) -> str:
    text = text.replace("default: ", say("usage.default", lang))
    return text.replace("required", say("usage.required", lang))


def _section(title: str, rows: list[tuple[str, str]], width: int) -> list[str]:
    if not rows:
        return []
    first = min(max(display_width(name) for name, _ in rows), OPTIONS_COLUMN)
    room = max(width - first - 4, 20)
    colon = "：" if title.isascii() is False else ":"
    out = [title + colon]
    for name, text in rows:
        lines = wrap(" ".join(text.split()), room).split("\n") if text else [""]
        if display_width(name) > first:
            out.append("  " + name)
            out += [" " * (first + 4) + line for line in lines if line]
            continue
        pad = " " * (first - display_width(name))
        out.append(f"  {name}{pad}  {lines[0]}".rstrip())
        out += [" " * (first + 4) + line for line in lines[1:]]
    return [*out, ""]


class LocalisedHelp:
    """Mixed into ipkpi's command and group classes: help from the catalogue."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(page(self, ctx))

    def get_short_help_str(self, limit: int = 45) -> str:
        return first_sentence(help_of(getattr(self, "help", None), current_lang()), limit)
