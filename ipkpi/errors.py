"""Named exceptions. Each carries its location as fields; the CLI formats them once.

Exit statuses are a contract (README): 1 bad input data, 2 usage or config error.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

EXIT_DATA = 1
EXIT_USAGE = 2

# The separator between the parts of a location: file › target › key.
SEP = " › "


class IpkpiError(Exception):
    """Base class of every error ipkpi reports to the user."""

    exit_code = EXIT_DATA

    def lines(self) -> list[str]:
        """One line per problem, ready to print after ``Error: ``, its control characters
        escaped (``escape``)."""
        return [escape(str(self))]


@dataclass(frozen=True)
class CatalogueProblem:
    """One thing wrong in a catalogue file, with where it is."""

    file: Path
    message: str
    target: str | None = None  # "targets[3] (id: foo)" or None for plan-level problems
    key: str | None = None  # "comparator", "baseline.year", "line 3, column 7"

    def __str__(self) -> str:
        parts = [display_path(self.file)]
        if self.target:
            parts.append(self.target)
        if self.key:
            parts.append(self.key)
        return SEP.join(parts) + ": " + self.message


class ProblemsError(IpkpiError):
    """An error made of located problems, one line each."""

    def __init__(self, problems: list):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    def lines(self) -> list[str]:
        return [escape(str(p)) for p in self.problems]


class CatalogueError(ProblemsError):
    """A catalogue that cannot be loaded; holds every ``CatalogueProblem`` found."""

    exit_code = EXIT_DATA


class CatalogueNotFound(IpkpiError):
    """The catalogue folder given by --targets / IPKPI_TARGETS does not exist."""

    exit_code = EXIT_USAGE

    def __init__(self, path: Path, origin: str):
        self.path = path
        self.origin = origin
        super().__init__(f"{origin}: no catalogue folder at {display_path(path)}")


class UnknownCity(IpkpiError):
    """A --city that names no place of the catalogue; ``known`` and ``close`` are the
    places as shown (``nanjing (南京市)``), ``close`` the nearest to what was given."""

    exit_code = EXIT_USAGE

    def __init__(self, city: str, known: Sequence[str], close: Sequence[str] = ()):
        self.city = city
        self.known = list(known)
        self.close = list(close)
        super().__init__(f"unknown city {city!r}; {_did_you_mean(close)}known: {_listed(known)}")


class UnknownPlan(IpkpiError):
    exit_code = EXIT_USAGE

    def __init__(
        self, plan: str, known: Sequence[str], city: str | None = None, close: Sequence[str] = ()
    ):
        self.plan = plan
        self.known = list(known)
        self.city = city
        self.close = list(close)
        where = f" for {city}" if city else ""
        super().__init__(
            f"unknown plan {plan!r}{where}; {_did_you_mean(close)}known: {_listed(known)}"
        )


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
            message = f"lead {lead!r} is ambiguous in {plan}: it could be {', '.join(matches)}"
        else:
            message = (
                f"no lead unit {lead!r} in {plan}; {_did_you_mean(close)}"
                f"its leads: {', '.join(known)}"
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
            message = (
                f"measure {measure!r} is ambiguous: it could be {', '.join(matches)}; "
                "give one of them"
            )
        else:
            message = (
                f"unknown measure {measure!r}; {_did_you_mean(close)}"
                f"the catalogue's measures: {_listed(known)}"
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


def _did_you_mean(close: Sequence[str]) -> str:
    """``did you mean a, b or c? `` (ending in a space), or nothing."""
    if not close:
        return ""
    names = list(close)
    said = names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"
    return f"did you mean {said}? "


def _listed(items: Sequence[str]) -> str:
    return ", ".join(items) or "(none)"


def display_path(path: Path) -> str:
    """Paths relative to the working folder when they are below it, else as given; its
    control characters escaped (``escape``), so a name cannot forge a line of output. A
    symbolic link is named, not where it leads (nor a loop followed)."""
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
    message: str
    sheet: str | None = None
    cell: str | None = None  # A1 reference, e.g. "C7"

    def __str__(self) -> str:
        return location(self.file, self.sheet, self.cell) + ": " + self.message


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


class UsageError(IpkpiError):
    """A bad option or argument the parser could not catch (a path that does not exist)."""

    exit_code = EXIT_USAGE


class StoreUnusable(StoreError):
    """A store that cannot be used as it is: not an SQLite database, damaged, missing a
    table or column, or of a version this ipkpi does not know; ``what`` is wrong and
    ``todo`` says what to do (exit status 2)."""

    def __init__(self, path: Path, what: str, todo: str):
        self.path = path
        self.what = what
        self.todo = todo
        super().__init__(f"{display_path(path)}: {what}; {todo}")


class StoreDamaged(StoreError):
    """A store whose files' values were deleted, added or changed behind ipkpi's back:
    one line per damaged file (``ipkpi.store.integrity.Damage``), saying which file to
    re-ingest. A report refuses such a store (exit status 2)."""

    def __init__(self, path: Path, damaged: list):
        self.path = path
        self.damaged = list(damaged)
        super().__init__("\n".join(self.lines()))

    def lines(self) -> list[str]:
        return [f"{display_path(self.path)}: {d}" for d in self.damaged]
