"""Named exceptions. Each carries its location as fields; the CLI formats them once.

Exit statuses are a contract (README): 1 bad input data, 2 usage or config error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ipkpi.messages import Message, OneOf, current_lang, msg, say

EXIT_DATA = 1
EXIT_USAGE = 2

# The separator between the parts of a location: file › target › key.
SEP = " › "


class IpkpiError(Exception):
    """Base class of every error ipkpi reports to the user: a ``Message`` (a stable code
    and its fields), shown in the language asked for when it is shown."""

    exit_code = EXIT_DATA

    def __init__(self, message: Message):
        self.message = _as_message(message)
        super().__init__(self.message.code)

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def entries(self, lang: str | None = None) -> list[tuple[str, str]]:
        """(code, text) per problem, the text one line with its control characters escaped
        (``escape``), ready to print after ``Error[code]: ``."""
        return [(self.message.code, escape(self.message.text(lang)))]

    def lines(self, lang: str | None = None) -> list[str]:
        """The text of each problem (``entries``) without its code."""
        return [text for _, text in self.entries(lang)]


def _as_message(message: Message) -> Message:
    """``message``, refused unless it is a Message: every error is in the catalogue."""
    if not isinstance(message, Message):
        raise TypeError(f"an error's message is a Message of the catalogue, not {message!r}")
    return message


def colon(lang: str | None = None) -> str:
    """What separates a location from what is wrong there: ： in Chinese, ``: `` in English."""
    return "：" if (lang or current_lang()) == "zh" else ": "


def error_line(code: str, text: str, lang: str | None = None, kind: str = "error") -> str:
    """An error as ipkpi says it: ``错误[E-CITY-UNKNOWN]：…`` / ``Error[E-CITY-UNKNOWN]: …``;
    with ``kind="warning"`` a warning: ``警告[W-SHEET-HIDDEN]：…``."""
    return f"{say(kind, lang)}[{code}]{colon(lang)}{text}"


def _part(part: Message | str, lang: str | None) -> str:
    return part.text(lang) if isinstance(part, Message) else part


@dataclass(frozen=True)
class CatalogueProblem:
    """One thing wrong in a catalogue file, with where it is."""

    file: Path
    message: Message
    target: Message | str | None = None  # "targets #3 (foo)"; None for plan-level problems
    key: Message | str | None = None  # "comparator", "baseline.year", "line 3, column 7"

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", _as_message(self.message))

    def text(self, lang: str | None = None) -> str:
        parts = [display_path(self.file)]
        parts += [_part(p, lang) for p in (self.target, self.key) if p]
        return SEP.join(parts) + colon(lang) + self.message.text(lang)

    def __str__(self) -> str:
        return self.text()


class ProblemsError(IpkpiError):
    """An error made of located problems (each with ``message`` and ``text(lang)``), one
    line each."""

    def __init__(self, problems: list):
        self.problems = list(problems)
        first = self.problems[0].message if self.problems else msg("E-NO-PROBLEM")
        super().__init__(first)

    def entries(self, lang: str | None = None) -> list[tuple[str, str]]:
        return [(p.message.code, escape(p.text(lang))) for p in self.problems]


class CatalogueError(ProblemsError):
    """A catalogue that cannot be loaded; holds every ``CatalogueProblem`` found."""

    exit_code = EXIT_DATA


class CatalogueNotFound(IpkpiError):
    """The catalogue folder given by --targets / IPKPI_TARGETS does not exist."""

    exit_code = EXIT_USAGE

    def __init__(self, path: Path, origin: str):
        self.path = path
        self.origin = origin
        super().__init__(msg("E-CATALOGUE-MISSING", origin=origin, path=display_path(path)))


class UnknownCity(IpkpiError):
    """A --city that names no place of the catalogue; ``known`` and ``close`` are the
    places as shown (``nanjing（南京市）``, a Message or text), ``close`` the nearest to what
    was given."""

    exit_code = EXIT_USAGE

    def __init__(
        self, city: str, known: Sequence[Message | str], close: Sequence[Message | str] = ()
    ):
        self.city = city
        self.known = list(known)
        self.close = list(close)
        super().__init__(
            msg(
                "E-CITY-UNKNOWN",
                city=escape(city),
                did_you_mean=did_you_mean(close),
                known=_listed(known),
            )
        )


class UnknownPlan(IpkpiError):
    exit_code = EXIT_USAGE

    def __init__(
        self, plan: str, known: Sequence[str], city: str | None = None, close: Sequence[str] = ()
    ):
        self.plan = plan
        self.known = list(known)
        self.city = city
        self.close = list(close)
        fields = {
            "plan": escape(plan),
            "did_you_mean": did_you_mean(close),
            "known": _listed(known),
        }
        if city:
            super().__init__(msg("E-PLAN-UNKNOWN-FOR", city=city, **fields))
        else:
            super().__init__(msg("E-PLAN-UNKNOWN", **fields))


class UnknownLead(IpkpiError):
    """A --lead that names no lead unit of the plan (or more than one)."""

    exit_code = EXIT_USAGE

    def __init__(
        self,
        lead: str,
        known: list[str],
        plan: str,
        matches: Sequence[str] = (),
        close: Sequence[str] = (),
    ):
        self.lead = lead
        self.known = known
        self.plan = plan
        self.matches = list(matches)
        self.close = list(close)
        if self.matches:
            message = msg("E-LEAD-AMBIGUOUS", lead=escape(lead), plan=plan, matches=self.matches)
        else:
            message = msg(
                "E-LEAD-UNKNOWN",
                lead=escape(lead),
                plan=plan,
                did_you_mean=did_you_mean(close),
                known=list(known),
            )
        super().__init__(message)


class UnknownMeasure(IpkpiError):
    """A --measure no target of the catalogue carries (``close``: the nearest), or a part
    of a name that several measures' targets share (``matches``)."""

    exit_code = EXIT_USAGE

    def __init__(
        self,
        measure: str,
        known: Sequence[str],
        close: Sequence[str] = (),
        matches: Sequence[str] = (),
    ):
        self.measure = measure
        self.known = list(known)
        self.close = list(close)
        self.matches = list(matches)
        if self.matches:
            message = msg("E-MEASURE-AMBIGUOUS", measure=escape(measure), matches=self.matches)
        else:
            message = msg(
                "E-MEASURE-UNKNOWN",
                measure=escape(measure),
                did_you_mean=did_you_mean(close),
                known=_listed(known),
            )
        super().__init__(message)


def closest(text: str, spellings: Mapping[str, str], n: int = 3) -> list[str]:
    """What ``text`` may have meant: the values of the ``spellings`` (a way of writing a
    thing → the thing) nearest to it by difflib's ratio — at least 0.7, and within 0.1 of
    the nearest — nearest first, each once, at most ``n``."""
    import difflib  # only when something was not found

    matcher = difflib.SequenceMatcher(None, "", text)
    scored = []
    for spelling, value in spellings.items():
        matcher.set_seq1(spelling)
        if matcher.real_quick_ratio() >= 0.7 and matcher.quick_ratio() >= 0.7:
            ratio = matcher.ratio()
            if ratio >= 0.7:
                scored.append((-ratio, value))
    scored.sort()
    best = -scored[0][0] if scored else 0.0
    found = [value for ratio, value in scored if -ratio >= best - 0.1]
    return list(dict.fromkeys(found))[:n]


def did_you_mean(close: Sequence[str]) -> Message | str:
    """``did you mean a, b or c? `` (ending in a space), or nothing."""
    return msg("did_you_mean", names=OneOf(close)) if close else ""


def _listed(items: Sequence[str]) -> Message | list[str]:
    return list(items) if items else msg("none")


def display_path(path: Path) -> str:
    """Paths relative to the working folder when they are below it, else as given; its
    control characters escaped (``escape``), so a name cannot forge a line of output. A
    symbolic link is named, not where it leads (nor a loop followed)."""
    shown = getattr(path, "shown", None)  # a database's URL, its password masked
    if shown is not None:
        return escape(shown)
    given = Path(path)
    try:
        if given.name in ("", ".", ".."):
            full = given.resolve()
        else:
            full = given.absolute().parent.resolve() / given.name
        return escape(str(full.relative_to(Path.cwd().resolve())))
    except (ValueError, OSError, RuntimeError):  # not below; a loop in a folder's name
        return escape(str(given))


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_NAMED = {"\n": "\\n", "\t": "\\t"}


def escape(text: str) -> str:
    """A name or a cell's text fit for one line of a message: a newline shown as ``\\n``,
    a tab as ``\\t``, any other C0 or C1 control character (and DEL) as ``\\xNN``. Text
    without them is returned as it is; escaping twice changes nothing more."""
    if not _CONTROL.search(text):
        return text
    return _CONTROL.sub(lambda m: _NAMED.get(m[0]) or f"\\x{ord(m[0]):02x}", text)


@dataclass(frozen=True)
class InputProblem:
    """One thing wrong in an input file: FILE › SHEET › CELL: what is wrong."""

    file: Path
    message: Message
    sheet: str | None = None
    cell: str | None = None  # A1 reference, e.g. "C7"

    def __post_init__(self) -> None:
        object.__setattr__(self, "message", _as_message(self.message))

    def text(self, lang: str | None = None) -> str:
        return location(self.file, self.sheet, self.cell) + colon(lang) + self.message.text(lang)

    def __str__(self) -> str:
        return self.text()


def location(file: Path, sheet: str | None = None, cell: str | None = None) -> str:
    """FILE › SHEET › CELL, leaving out what is not known."""
    parts = (display_path(file), sheet and escape(sheet), cell and escape(cell))
    return SEP.join(part for part in parts if part)


class InputFileError(ProblemsError):
    """An input file (workbook, CSV) that cannot be ingested; holds every ``InputProblem``."""

    exit_code = EXIT_DATA


class ClaimsError(ProblemsError):
    """A claims workbook that cannot be worked out; holds every ``InputProblem``."""

    exit_code = EXIT_DATA


class StoreError(IpkpiError):
    """The store cannot be opened or written (a usage or configuration problem)."""

    exit_code = EXIT_USAGE


class DraftError(IpkpiError):
    """A plan's source document ``ipkpi targets draft`` cannot read (an unknown format, a
    damaged file, a PDF without a text layer)."""


class UsageError(IpkpiError):
    """A bad option or argument the parser could not catch (a path that does not exist)."""

    exit_code = EXIT_USAGE


class StoreUnusable(StoreError):
    """A store that cannot be used as it is: not an SQLite database, damaged, missing a
    table or column, or of a version this ipkpi does not know; ``what`` is wrong and
    ``todo`` says what to do (exit status 2)."""

    def __init__(self, path: Path, what: Message, todo: Message):
        self.path = path
        self.what = what
        self.todo = todo
        super().__init__(msg("E-STORE-UNUSABLE", path=display_path(path), what=what, todo=todo))

    def entries(self, lang: str | None = None) -> list[tuple[str, str]]:
        """Said with the code of what is wrong (E-STORE-NOT-SQLITE, E-STORE-VERSION-NEW…)."""
        return [(self.what.code, escape(self.message.text(lang)))]


class StoreDamaged(StoreError):
    """A store whose files' values were deleted, added or changed behind ipkpi's back:
    one line per damaged file (``ipkpi.store.integrity.Damage``), saying which file to
    re-ingest. A report refuses such a store (exit status 2)."""

    def __init__(self, path: Path, damaged: list):
        self.path = path
        self.damaged = list(damaged)
        super().__init__(msg("E-STORE-DAMAGED", path=display_path(path), damage=self.damaged[0]))

    def entries(self, lang: str | None = None) -> list[tuple[str, str]]:
        return [
            (
                "E-STORE-DAMAGED",
                escape(say("E-STORE-DAMAGED", lang, path=display_path(self.path), damage=d)),
            )
            for d in self.damaged
        ]
