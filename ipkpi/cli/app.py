"""The command line: parse, call the library, render. One module per command group
registers its commands here; errors are turned into ``Error: …`` lines and exit statuses
in one place, ``IpkpiGroup.invoke``.

Exit statuses: 0 done · 1 bad input data · 2 usage or config error ·
3 finished, but a --fail-on condition holds.
"""

from __future__ import annotations

from typing import Annotated

import typer
from typer.core import TyperGroup

from ipkpi import __version__
from ipkpi.cli import catalogue, collect, common, compare, data, report, rewards, run, tasks
from ipkpi.errors import IpkpiError


class IpkpiGroup(TyperGroup):
    """Reports every ``IpkpiError`` as ``Error: …`` lines on stderr with its exit status;
    ``--debug`` (or IPKPI_DEBUG=1) lets the traceback through instead."""

    def invoke(self, ctx: typer.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except IpkpiError as exc:
            if common.debugging(ctx):
                raise
            for line in exc.lines():
                typer.echo(f"Error: {line}", err=True)
            raise typer.Exit(exc.exit_code) from None


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
targets_app = typer.Typer(help="Show and check the target catalogue.", no_args_is_help=True)
data_app = typer.Typer(help="Look at the statistics in the store.", no_args_is_help=True)


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
app.command()(catalogue.cities)
app.add_typer(targets_app, name="targets")
targets_app.command("show")(catalogue.targets_show)
targets_app.command("check")(catalogue.targets_check)
app.add_typer(data_app, name="data")
app.command()(data.ingest)
data_app.command("show")(data.data_show)
data_app.command("check")(data.data_check)
app.command()(report.report)
app.command()(tasks.tasks)
app.command()(rewards.rewards)
app.command()(collect.template)
app.command()(collect.missing)
app.command()(compare.compare)
app.command()(report.export)
app.command("run", help=run.RUN_HELP)(run.run_command)


def main() -> None:
    app(prog_name="ipkpi")


if __name__ == "__main__":
    main()
