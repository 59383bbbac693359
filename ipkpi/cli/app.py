"""The command line: parse, call the library, render. One module per command group
registers its commands here; errors are turned into ``Error: …`` lines and exit statuses
in one place, ``IpkpiGroup.invoke``.

Exit statuses: 0 done · 1 bad input data · 2 usage or config error ·
3 finished, but a --fail-on condition holds.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from ipkpi import __version__
from ipkpi.cli import (
    brief,
    catalogue,
    collect,
    common,
    compare,
    data,
    db,
    draft,
    options,
    report,
    rewards,
    run,
    tasks,
)
from ipkpi.cli.helptext import LocalisedHelp
from ipkpi.cli.usage import UsageProblem, usage_error
from ipkpi.errors import EXIT_USAGE, IpkpiError, error_line
from ipkpi.messages import LANGS, current_lang, speaking


def asked_lang(args: Sequence[str]) -> str | None:
    """The language ``--lang zh|en`` (or ``--lang=en``) asks for among the arguments,
    before ``--``; None when none does (a bad one is the option's own error)."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        value = arg[7:] if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(args):
            value = args[i + 1]
        if value in LANGS:
            return value
    return None


@contextmanager
def reported(ctx: typer.Context | None) -> Iterator[None]:
    """Every ``IpkpiError`` and usage mistake said on stderr as ``Error[code]: …`` lines, in
    the language asked for, and turned into its exit status; ``--debug`` (or
    IPKPI_DEBUG=1) lets an IpkpiError's traceback through instead."""
    lang = current_lang()
    try:
        yield
    except IpkpiError as exc:
        if ctx is not None and common.debugging(ctx):
            raise
        for code, text in exc.entries(lang):
            typer.echo(error_line(code, text, lang), err=True)
        raise typer.Exit(exc.exit_code) from None
    except UsageProblem as exc:
        code, text, before = usage_error(exc, lang)
        for line in before:
            typer.echo(line, err=True)
        typer.echo(error_line(code, text, lang), err=True)
        raise typer.Exit(EXIT_USAGE) from None


class ReportedParsing:
    """Mixed into ipkpi's command and group classes: a mistake met while parsing the
    arguments is said as every other error is (``reported``)."""

    def make_context(self, *args: Any, **kwargs: Any) -> typer.Context:
        with reported(None):
            return super().make_context(*args, **kwargs)  # type: ignore[misc]


class IpkpiCommand(ReportedParsing, LocalisedHelp, TyperCommand):
    """A command whose help comes from the message catalogue and whose parse errors are
    said in the language asked for."""


class IpkpiGroup(ReportedParsing, LocalisedHelp, TyperGroup):
    """The group of commands: the language of the whole run chosen from the arguments
    (``asked_lang``) before anything is parsed, help from the catalogue, and every error
    reported in one place (``reported``)."""

    def main(self, args: Sequence[str] | None = None, *more: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        given = [str(a) for a in (sys.argv[1:] if args is None else args)]  # a Path too
        with speaking(asked_lang(given)):
            return super().main(given, *more, **kwargs)

    def invoke(self, ctx: typer.Context):  # type: ignore[override]
        with reported(ctx):
            return super().invoke(ctx)


app = typer.Typer(
    cls=IpkpiGroup,
    help="help.app",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)
targets_app = typer.Typer(cls=IpkpiGroup, help="help.targets", no_args_is_help=True)
data_app = typer.Typer(cls=IpkpiGroup, help="help.data", no_args_is_help=True)
db_app = typer.Typer(cls=IpkpiGroup, help="help.db", no_args_is_help=True)


# --lang is taken anywhere (``ipkpi --lang en report …``, ``ipkpi data --help --lang en``):
# IpkpiGroup.main reads it from the arguments before parsing; the groups only accept it.
@targets_app.callback()
def targets_options(lang: options.Lang = None) -> None:
    """The catalogue: ``targets show``, ``targets check`` and ``targets draft``."""


@data_app.callback()
def data_options(lang: options.Lang = None) -> None:
    """The store: ``data show`` and ``data check``."""


@db_app.callback()
def db_options(lang: options.Lang = None) -> None:
    """The shared store: ``db init``, ``db grant`` and ``db copy``."""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ipkpi {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="help.opt.debug")] = False,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="help.opt.version")
    ] = False,
    lang: options.Lang = None,  # read before parsing (IpkpiGroup.main)
) -> None:
    """Track intellectual-property (知识产权) plan targets against yearly statistics. Its help,
    ``help.app``, says the exit statuses:

    0 done · 1 bad input data (catalogue, workbook, claims) · 2 usage or config error (bad
    option, unknown city) · 3 finished, but a --fail-on condition holds.
    """


# The commands, in the order `ipkpi --help` lists them; each one's help is a key of the
# message catalogue (ipkpi/messages/help*.py), its docstring the developer's documentation.
def _add(group: typer.Typer, name: str, function: Any, help: str) -> None:
    group.command(name, help=help, cls=IpkpiCommand)(function)


_add(app, "cities", catalogue.cities, "help.cities")
app.add_typer(targets_app, name="targets")
_add(targets_app, "show", catalogue.targets_show, "help.targets.show")
_add(targets_app, "check", catalogue.targets_check, "help.targets.check")
_add(targets_app, "draft", draft.targets_draft, "help.targets.draft")
app.add_typer(data_app, name="data")
_add(app, "ingest", data.ingest, "help.ingest")
_add(data_app, "show", data.data_show, "help.data.show")
_add(data_app, "check", data.data_check, "help.data.check")
_add(app, "report", report.report, "help.report")
_add(app, "tasks", tasks.tasks, "help.tasks")
_add(app, "rewards", rewards.rewards, "help.rewards")
_add(app, "template", collect.template, "help.template")
_add(app, "missing", collect.missing, "help.missing")
_add(app, "compare", compare.compare, "help.compare")
_add(app, "export", report.export, "help.export")
_add(app, "brief", brief.brief, "help.brief")
_add(app, "run", run.run_command, "help.run")
app.add_typer(db_app, name="db")
_add(db_app, "init", db.db_init, "help.db.init")
_add(db_app, "grant", db.db_grant, "help.db.grant")
_add(db_app, "copy", db.db_copy, "help.db.copy")


def main() -> None:
    app(prog_name="ipkpi")


if __name__ == "__main__":
    main()
