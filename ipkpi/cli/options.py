"""Every command-line option once, as an ``Annotated`` alias, and the parsing of the
option values typer cannot check itself (status lists, thresholds, days, workbook names).

A command declares ``format: Format = OutputFormat.table``; the option's flags, help text
and metavar live here, so the same option reads the same in every command.
"""

from __future__ import annotations

import datetime as dt
import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from ipkpi.errors import escape
from ipkpi.limits import YEAR_MAX, YEAR_MIN
from ipkpi.messages import say

if TYPE_CHECKING:
    from ipkpi.assess.results import Thresholds as ThresholdsValue


# The choices of options, each value its own name (OutputFormat.table == "table").
OutputFormat = StrEnum("OutputFormat", ["table", "markdown", "csv", "json"])
Language = StrEnum("Language", ["zh", "en"])
Layout = StrEnum("Layout", ["long", "wide", "single", "places", "years"])
MethodChoice = StrEnum("MethodChoice", ["linear", "cagr"])
GroupBy = StrEnum("GroupBy", ["category", "lead"])


def _option(*names: str, help: str, **more: Any) -> Any:
    """An option whose default is said in its help text (``[default: …]``), not by typer."""
    return typer.Option(*names, help=help, show_default=False, **more)


def _year(*names: str, help: str, metavar: str = "YEAR") -> Any:
    """A year option: typer refuses a year outside YEAR_MIN–YEAR_MAX (exit 2) while parsing,
    and the help says the range."""
    return _option(*names, metavar=metavar, min=YEAR_MIN, max=YEAR_MAX, help=help)


# --- where things are ------------------------------------------------------------------------

Targets = Annotated[
    Path | None,
    _option(
        "--targets",
        metavar="DIR",
        help="help.opt.targets",
    ),
]
Db = Annotated[
    str | None,
    _option(
        "--db",
        metavar="FILE|URL",
        help="help.opt.db",
    ),
]
LockTimeout = Annotated[
    float,
    typer.Option(
        "--lock-timeout",
        metavar="SECONDS",
        min=0,
        help="help.opt.lock_timeout",
    ),
]
LockTimeoutConfigured = Annotated[
    float | None,
    _option(
        "--lock-timeout",
        metavar="SECONDS",
        min=0,
        help="help.opt.lock_timeout_configured",
    ),
]

# --- what is shown, and how ------------------------------------------------------------------

Format = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="help.opt.format", case_sensitive=False)
]
# Not given (None): the language of the run, ``current_lang()`` ($IPKPI_LANG, the locale, zh).
Lang = Annotated[Language | None, _option("--lang", help="help.opt.lang")]
Statuses = Annotated[
    str | None,
    _option(
        "--status",
        metavar="STATUS[,STATUS]",
        help="help.opt.statuses",
    ),
]
FailOn = Annotated[
    str | None,
    _option(
        "--fail-on",
        metavar="STATUS[,STATUS]",
        help="help.opt.fail_on",
    ),
]
FailOnConfigured = Annotated[
    str | None,
    _option(
        "--fail-on",
        metavar="STATUS[,STATUS]",
        help="help.opt.fail_on_configured",
    ),
]
FailOnOverdue = Annotated[
    str | None,
    _option(
        "--fail-on",
        metavar="overdue",
        help="help.opt.fail_on_overdue",
    ),
]
FailOnMissing = Annotated[
    str | None,
    _option(
        "--fail-on",
        metavar="missing",
        help="help.opt.fail_on_missing",
    ),
]

# --- which place, plan and year --------------------------------------------------------------

City = Annotated[
    str,
    typer.Option("--city", "-c", help="help.opt.city"),
]
Cities = Annotated[
    list[str] | None,
    _option(
        "--city",
        "-c",
        help="help.opt.cities",
    ),
]
Plan = Annotated[
    str | None,
    _option("--plan", help="help.opt.plan"),
]
PlanForYear = Annotated[
    str | None,
    _option("--plan", help="help.opt.plan_for_year"),
]
AsOfPlan = Annotated[
    int | None,
    _year(
        "--as-of",
        help="help.opt.as_of_plan",
    ),
]
AsOf = Annotated[
    int | None,
    _year("--as-of", help="help.opt.as_of"),
]
PlanYear = Annotated[
    int | None,
    _year("--as-of", help="help.opt.plan_year"),
]
CompareYear = Annotated[
    int | None,
    _year("--year", help="help.opt.compare_year"),
]
StoredYear = Annotated[int | None, _year("--year", help="help.opt.stored_year")]
Day = Annotated[
    str | None,
    _option(
        "--as-of",
        metavar="DATE",
        help="help.opt.day",
    ),
]
FiguresYear = Annotated[
    int | None,
    _year(
        "--year",
        help="help.opt.figures_year",
    ),
]
Lead = Annotated[
    str | None,
    _option(
        "--lead",
        metavar="UNIT",
        help="help.opt.lead",
    ),
]

# --- how targets are assessed ----------------------------------------------------------------

Method = Annotated[MethodChoice, typer.Option("--method", help="help.opt.method")]
MethodExplained = Annotated[
    MethodChoice,
    typer.Option(
        "--method",
        help="help.opt.method_explained",
    ),
]
GroupTargets = Annotated[GroupBy, typer.Option("--group-by", help="help.opt.group_targets")]
Thresholds = Annotated[
    str | None,
    _option(
        "--thresholds",
        metavar="ON_TRACK,MODERATE",
        help="help.opt.thresholds",
    ),
]


# --- what ingest reads, and how ---------------------------------------------------------------

IngestLayout = Annotated[
    Layout | None,
    _option("--layout", help="help.opt.ingest_layout"),
]
Sheet = Annotated[str | None, _option("--sheet", help="help.opt.sheet")]
SheetYear = Annotated[int | None, _year("--year", help="help.opt.sheet_year")]
IngestCity = Annotated[
    str | None,
    _option(
        "--city",
        "-c",
        help="help.opt.ingest_city",
    ),
]
Strict = Annotated[bool, typer.Option("--strict", help="help.opt.strict")]
Force = Annotated[
    bool,
    typer.Option(
        "--force",
        help="help.opt.force",
    ),
]
Accept = Annotated[
    list[str] | None,
    _option(
        "--accept",
        metavar="CELL",
        help="help.opt.accept",
    ),
]
DryRun = Annotated[bool, typer.Option("--dry-run", help="help.opt.dry_run")]
IncludeHidden = Annotated[
    bool,
    typer.Option(
        "--include-hidden",
        help="help.opt.include_hidden",
    ),
]


# --- the options every answer takes, as one bundle ------------------------------------------


@dataclass(frozen=True)
class Shown:
    """Where an answer comes from and how it is shown: --targets, --format, --lang, and
    --db for the commands that read the store."""

    targets: Path | None
    format: OutputFormat
    lang: str  # zh or en
    db: str | None = None  # a file or a postgresql:// URL (``ipkpi.store.address``)


Command = TypeVar("Command", bound=Callable[..., None])


def answering(*, store: bool) -> Callable[[Command], Command]:
    """Give a command the options every answer takes — --db (with ``store``), --targets,
    --format and --lang, in that order after its own — as one ``shown: Shown`` argument
    (after sqlite-utils' ``output_options``)."""
    added = [
        *([inspect.Parameter("db", _KEYWORD, default=None, annotation=Db)] if store else []),
        inspect.Parameter("targets", _KEYWORD, default=None, annotation=Targets),
        inspect.Parameter("format", _KEYWORD, default=OutputFormat.table, annotation=Format),
        inspect.Parameter("lang", _KEYWORD, default=None, annotation=Lang),
    ]

    def decorate(command: Command) -> Command:
        signature = inspect.signature(command, eval_str=True)
        own = [p for name, p in signature.parameters.items() if name != "shown"]

        @functools.wraps(command)
        def with_options(
            *args: Any,
            targets: Path | None,
            format: OutputFormat,
            lang: Language | None,
            db: str | None = None,
            **kwargs: Any,
        ) -> None:
            command(*args, shown=Shown(targets, format, language(lang), db), **kwargs)

        with_options.__signature__ = signature.replace(parameters=[*own, *added])  # type: ignore[attr-defined]
        return with_options  # type: ignore[return-value]

    return decorate


_KEYWORD = inspect.Parameter.KEYWORD_ONLY


def language(lang: Language | None) -> str:
    """``--lang`` as given, else the language of the run (``current_lang``: $IPKPI_LANG,
    else the locale, else zh)."""
    from ipkpi.messages import current_lang

    return lang.value if lang is not None else current_lang()


# --- option values typer cannot check --------------------------------------------------------


def statuses(value: str | None, option: str) -> set[str] | None:
    """``behind,moving_away`` (or 进度滞后,逆向变化, or the English labels) → {"behind",
    "moving_away"}; an unknown status is a usage error naming the closest. --fail-on also
    takes ``overdue`` (已逾期: a task past its deadline)."""
    from ipkpi.assess.results import FAIL_ON_CODES, STATUS_CODES
    from ipkpi.labels import UnknownCodes, codes_named

    if value is None:
        return None
    try:
        return codes_named(value, FAIL_ON_CODES if option == "--fail-on" else STATUS_CODES)
    except UnknownCodes as exc:
        raise typer.BadParameter(exc.message.text(), param_hint=f"'{option}'") from None


def thresholds(value: str | None) -> ThresholdsValue:
    """``0.95,0.60`` → the progress ratios from which a target is on track, and moderate."""
    from ipkpi.assess.results import DEFAULT_THRESHOLDS
    from ipkpi.assess.results import Thresholds as ThresholdsValue

    if value is None:
        return DEFAULT_THRESHOLDS
    try:
        on_track, moderate = (float(part) for part in value.split(","))
        return ThresholdsValue(on_track=on_track, moderate=moderate)
    except ValueError as exc:
        if "thresholds" in str(exc):
            said = say("E-THRESHOLDS-BAD", value=repr(value), detail=str(exc))
        else:
            said = say("E-THRESHOLDS", value=repr(value))
        raise typer.BadParameter(said, param_hint="'--thresholds'") from None


def day(value: str | None) -> dt.date | None:
    """``--as-of 2023-12-31`` of ``ipkpi tasks``."""
    if value is None:
        return None
    try:
        date = dt.date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(say("E-DATE", value=repr(value)), param_hint="'--as-of'") from None
    if not YEAR_MIN <= date.year <= YEAR_MAX:
        said = say("E-DATE-RANGE", value=repr(value), low=YEAR_MIN, high=YEAR_MAX)
        raise typer.BadParameter(said, param_hint="'--as-of'")
    return date


def xlsx(path: Path) -> Path:
    """``-o FILE.xlsx``: a workbook is written only to an .xlsx name."""
    if path.suffix.lower() != ".xlsx":
        said = say("E-XLSX", name=escape(path.name))
        raise typer.BadParameter(said, param_hint="'--output'")
    return path


def this_year(year: int | None) -> int:
    """``--as-of``/``--year`` as given, else this year."""
    return year if year is not None else dt.date.today().year
