"""The command line: parse, call the library, render. One module per command group
registers its commands here; errors are turned into ``Error: …`` lines and exit statuses
in one place, ``IpkpiGroup.invoke``.

Exit statuses: 0 done · 1 bad input data · 2 usage or config error ·
3 finished, but a --fail-on condition holds.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup

from ipkpi import __version__
from ipkpi.cli import catalogue, collect, common, compare, data, report, rewards, run, tasks
from ipkpi.cli.helptext import LocalisedHelp
from ipkpi.cli.usage import UsageProblem, usage_error
from ipkpi.errors import EXIT_USAGE, IpkpiError, colon
from ipkpi.messages import LANGS, current_lang, say, speaking


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


def error_line(code: str, text: str, lang: str) -> str:
    """``错误[E-CITY-UNKNOWN]：…`` / ``Error[E-CITY-UNKNOWN]: …``."""
    return f"{say('error', lang)}[{code}]{colon(lang)}{text}"


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


class IpkpiCommand(LocalisedHelp, TyperCommand):
    """A command whose help comes from the message catalogue and whose parse errors are
    said in the language asked for."""

    def make_context(self, *args: Any, **kwargs: Any) -> typer.Context:  # type: ignore[override]
        with reported(None):
            return super().make_context(*args, **kwargs)


class IpkpiGroup(LocalisedHelp, TyperGroup):
    """The group of commands: the language of the whole run chosen from the arguments
    (``asked_lang``) before anything is parsed, help from the catalogue, and every error
    reported in one place (``reported``)."""

    def main(self, args: Sequence[str] | None = None, *more: Any, **kwargs: Any) -> Any:  # type: ignore[override]
        import sys

        given = list(sys.argv[1:] if args is None else args)
        with speaking(asked_lang(given)):
            return super().main(given, *more, **kwargs)

    def make_context(self, *args: Any, **kwargs: Any) -> typer.Context:  # type: ignore[override]
        with reported(None):
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: typer.Context):  # type: ignore[override]
        with reported(ctx):
            return super().invoke(ctx)


HELP = """Track intellectual-property (知识产权) plan targets against yearly statistics.

Exit statuses: 0 done · 1 bad input data (catalogue, workbook, claims) ·
2 usage or config error (bad option, unknown city) · 3 finished, but a --fail-on condition holds.
"""

app = typer.Typer(
    cls=IpkpiGroup,
    help=HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
)
targets_app = typer.Typer(
    cls=IpkpiGroup, help="Show and check the target catalogue.", no_args_is_help=True
)
data_app = typer.Typer(
    cls=IpkpiGroup, help="Look at the statistics in the store.", no_args_is_help=True
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"ipkpi {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: Annotated[
        bool, typer.Option("--debug", help="Show the traceback of an error (or IPKPI_DEBUG=1).")
    ] = False,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Track intellectual-property (知识产权) plan targets against yearly statistics."""


# The commands, in the order `ipkpi --help` lists them.
app.command(cls=IpkpiCommand)(catalogue.cities)
app.add_typer(targets_app, name="targets")
targets_app.command("show", cls=IpkpiCommand)(catalogue.targets_show)
targets_app.command("check", cls=IpkpiCommand)(catalogue.targets_check)
app.add_typer(data_app, name="data")
app.command(cls=IpkpiCommand)(data.ingest)
data_app.command("show", cls=IpkpiCommand)(data.data_show)
data_app.command("check", cls=IpkpiCommand)(data.data_check)
app.command(cls=IpkpiCommand)(report.report)
app.command(cls=IpkpiCommand)(tasks.tasks)
app.command(cls=IpkpiCommand)(rewards.rewards)
app.command(cls=IpkpiCommand)(collect.template)
app.command(cls=IpkpiCommand)(collect.missing)
app.command(cls=IpkpiCommand)(compare.compare)
app.command(cls=IpkpiCommand)(report.export)
app.command("run", help=run.RUN_HELP, cls=IpkpiCommand)(run.run_command)


def main() -> None:
    app(prog_name="ipkpi")


if __name__ == "__main__":
    main()
