"""``ipkpi run``: the unattended job (cron, a systemd timer) and its log."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ipkpi.cli import common, options
from ipkpi.cli.emit import fail_on_line
from ipkpi.errors import IpkpiError, display_path, error_line
from ipkpi.messages import Message, current_lang, msg

if TYPE_CHECKING:
    from ipkpi.run.result import RunResult


def run_command(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="FILE",
            help="help.run.config",
            show_default=False,
        ),
    ] = None,
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="help.run.verbose")
    ] = 0,
    fail_on: options.FailOnConfigured = None,
    lock_timeout: options.LockTimeoutConfigured = None,
    lang: options.Lang = None,  # the language of the run, chosen before parsing (app.py)
) -> None:
    """Ingest the inbox, write each city's reports and a run summary, as the configuration
    says; its help (``help.run``) is the user's documentation of the job."""
    import logging

    from ipkpi.run.config import load_config, resolve_config_path
    from ipkpi.run.job import check_cities, run
    from ipkpi.run.logs import run_logging
    from ipkpi.store.engines import writer_lock

    failing = options.statuses(fail_on, "--fail-on")
    settings = load_config(resolve_config_path(config))
    if failing is not None:
        settings = dataclasses.replace(settings, fail_on=frozenset(failing))
    if lock_timeout is not None:
        settings = dataclasses.replace(settings, lock_timeout=lock_timeout)
    terminal = sys.stderr.isatty()
    colour = terminal and not os.environ.get("NO_COLOR")
    with run_logging(verbose, settings.log_file, terminal, colour) as log:
        try:
            catalogue = common.load(settings.targets)
            check_cities(settings, catalogue)  # before waiting for the lock, not after
            with writer_lock(
                settings.store,
                settings.lock_timeout,
                "ipkpi run",
                on_wait=lambda holder: log.info(msg("cli.waiting", holder=holder)),
                setting="--lock-timeout" if lock_timeout is not None else "lock_timeout",
            ):
                result = run(settings, catalogue)
        except IpkpiError as exc:
            # Into the log file too: nobody reads the terminal of a cron job.
            if common.debugging(ctx):
                raise
            for code, text in exc.entries(current_lang()):
                log.error("%s", _error_line(code, text))
            raise typer.Exit(exc.exit_code) from None
        for line in _run_lines(result):
            log.log(logging.INFO if result.exit_status == 0 else logging.WARNING, line)
        if result.rejected:
            rejected = _rejected_line(result, settings.rejected)
            log.error("%s", _error_line(rejected.code, rejected.text()))
        hits = [(f"{city}:{target}", status) for city, target, status in result.fail_on_hits]
        if hits:
            log.error("%s", fail_on_line(hits))
    if result.exit_status:
        raise typer.Exit(result.exit_status)


def _error_line(code: str, text: str) -> str:
    """``错误[CODE]：text`` / ``Error[CODE]: text``, as the other commands say an error."""
    return error_line(code, text, current_lang())


def _rejected_line(result: RunResult, folder: Path) -> Message:
    names = [display_path(r.source) for r in result.rejected]
    stuck = sum(1 for r in result.rejected if r.moved_to is None)
    if not stuck:
        where = msg("run.rejected.moved", folder=display_path(folder))
    elif stuck == len(result.rejected):
        where = msg("run.rejected.stuck")
    else:
        where = msg("run.rejected.some_stuck", folder=display_path(folder), n=stuck)
    return msg("E-RUN-REJECTED", n=len(result.rejected), where=where, names=names)


def _run_lines(result: RunResult) -> list[Message]:
    written = [c.city for c in result.cities if c.written]
    unchanged = [c.city for c in result.cities if not c.written]
    lines = [
        msg(
            "log.run.files",
            taken=len(result.taken),
            rejected=len(result.rejected),
            already=len(result.already),
            waiting=len(result.waiting),
            new=sum(f.new for f in result.taken),
            revised=len(result.revisions),
            kept=msg("run.kept", n=len(result.kept)) if result.kept else "",
        ),
        msg(
            "log.run.reports",
            written=len(written),
            written_cities=written or "-",
            unchanged=len(unchanged),
            unchanged_cities=unchanged or "-",
        ),
    ]
    if result.summary_path is not None:
        lines.append(msg("log.run.summary", path=display_path(result.summary_path)))
    return lines
