"""``ipkpi ingest`` and ``ipkpi data show``: statistics into the store, and what it holds."""

from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Annotated

import typer

from ipkpi.cli import common, options
from ipkpi.cli.emit import Table, emit
from ipkpi.cli.options import (
    Db,
    LockTimeout,
    Shown,
    Targets,
    answering,
)
from ipkpi.errors import error_line


def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help="help.ingest.path",
            show_default=False,
        ),
    ],
    db: Db = None,
    targets: Targets = None,
    layout: options.IngestLayout = None,
    sheet: options.Sheet = None,
    year: options.SheetYear = None,
    city: options.IngestCity = None,
    strict: options.Strict = False,
    force: options.Force = False,
    accept: options.Accept = None,
    dry_run: options.DryRun = False,
    lock_timeout: LockTimeout = 600.0,
    include_hidden: options.IncludeHidden = False,
    lang: options.Lang = None,  # the language of the run, chosen before parsing (app.py)
) -> None:
    """Ingest yearly statistics into the store, each file whole or not at all.

    Layouts are detected: long (城市/指标/年份/数值 rows), wide (a column per year), one
    year per sheet or file, places down (a 地区 column, an indicator a column) or years
    down; every table of a sheet is read on its own. Units come from a unit column, the
    header, a 单位：… line above the table or the cell; a value a power of ten away from
    its series is refused until confirmed (--accept, or 核实无误 in its 备注 column). A file
    ingested before is skipped; a value that differs from the stored one becomes current
    and the old one stays in the history, unless the stored one's vintage ranks above it
    (快报 < unmarked = 正式 < 修订): then it is kept in the history as not current. A
    hidden or very hidden sheet is passed over with a warning, unless --include-hidden (or
    --sheet names it). Exit
    status 1 when any file is rejected (the others are still ingested). While `ipkpi run`
    or another ingest writes to the same store, it waits (up to --lock-timeout, then exit
    status 2).

    A file ingested before whose stored values were deleted or changed since (see ipkpi
    data check) is refused; --force ingests it again, restoring them. (Its help, with the
    examples: ``help.ingest``.)
    """
    from ipkpi.ingest.ingester import expand_paths, ingest_paths
    from ipkpi.ingest.report import IngestOptions
    from ipkpi.output.terminal import file_progress
    from ipkpi.store import engines
    from ipkpi.views.ingest import ingest_lines, ingest_problem_lines

    catalogue = common.load(targets)
    chosen = IngestOptions(
        layout=layout.value if layout else None,
        sheet=sheet,
        year=year,
        city=city,
        strict=strict,
        force=force,
        dry_run=dry_run,
        accept=tuple(accept or ()),
        include_hidden=include_hidden,
    )
    files = expand_paths(paths)
    db_path = common.store_path(db)
    # A dry run never creates the store: with none yet, it checks against an empty one.
    opened = Path(":memory:") if dry_run and not engines.exists(db_path) else db_path
    locked = engines.writer_lock(db_path, lock_timeout, "ipkpi ingest", on_wait=common.say_waiting)
    with (
        nullcontext() if dry_run else locked,
        engines.open_store(opened, verify=False, upgrade=not dry_run) as store,
        file_progress(len(files), enabled=sys.stderr.isatty()) as advance,
    ):
        report = ingest_paths(files, catalogue, store, chosen, on_file=advance)
    for line in ingest_lines(report, dry_run=dry_run):
        typer.echo(line)
    for line in ingest_problem_lines(report):
        typer.echo(line, err=True)
    if report.rejected:
        raise typer.Exit(1)


@answering(store=True)
def data_show(
    city: Annotated[
        str | None,
        typer.Option(
            "--city",
            "-c",
            help="help.data.show.city",
            show_default=False,
        ),
    ] = None,
    year: options.StoredYear = None,
    history: Annotated[
        bool,
        typer.Option(
            "--history",
            help="help.data.show.history",
        ),
    ] = False,
    *,
    shown: Shown,
) -> None:
    """List stored values with where each came from (file, sheet, cell, time, vintage).

    Examples: ipkpi data show --city nanjing; ipkpi data show --city guizhou --history -f csv
    """
    from ipkpi.catalogue.select import resolve_city
    from ipkpi.store import engines, vintage
    from ipkpi.views import data as views

    catalogue = common.load(shown.targets)
    if city is not None:
        city = resolve_city(catalogue, city)  # an unknown city is a usage error
    with engines.open_store(common.store_path(shown.db), readonly=True, verify=False) as store:
        stored = store.observations(city=city, year=year, history=history)
    plans = catalogue.plans_for(city) if city is not None else catalogue.plans
    names = {(p.city, t.id): t for p in plans for t in p.targets}
    # With the history, why each value is or is not current (its vintage, then its order).
    whys = vintage.standings(stored) if history else [None] * len(stored)
    pairs = list(zip(stored, whys, strict=True))
    columns = views.DATA_COLUMNS + (("current", "standing") if history else ())
    emit(
        shown,
        document=lambda: views.data_document(stored, names, whys if history else None),
        csv=lambda: (
            [views.data_csv_row(o, names, w) for o, w in pairs],
            views.DATA_HISTORY_CSV_COLUMNS if history else views.DATA_CSV_COLUMNS,
        ),
        tables=lambda: [
            Table([views.data_row(o, names, shown.lang, w) for o, w in pairs], columns)
        ],
    )


@answering(store=True)
def data_check(*, shown: Shown) -> None:
    """Check the store: every ingested file's values and task reports against how many it
    stored and their checksum, to find values deleted or changed behind ipkpi's back.

    Exit status 0 when all is well, 1 when a file's values are damaged (one line each on
    stderr, saying which file to re-ingest with `ipkpi ingest --force`), 2 when the store
    cannot be used at all (not a store, a table or column missing, a newer version).

    Examples: ipkpi data check; ipkpi data check --db /srv/ipkpi/ipkpi.db -f json
    """
    from ipkpi.views import data as views

    db_path = common.store_path(shown.db)
    with common.reading(db_path, verify=False) as store:  # it is here to find the damage
        damaged = {d.sha256: d for d in store.check()}
        files = store.files()
    title = views.check_summary(files, damaged, shown.lang)
    emit(
        shown,
        document=lambda: views.check_document(db_path, files, damaged),
        csv=lambda: (views.check_csv_rows(files, damaged), views.CHECK_CSV_COLUMNS),
        tables=lambda: [
            Table(views.check_rows(files, damaged, shown.lang), views.CHECK_COLUMNS, title)
        ],
    )
    if damaged:
        from ipkpi.errors import StoreDamaged
        from ipkpi.messages import current_lang

        lang = current_lang()
        found = StoreDamaged(db_path, [d.message for d in damaged.values()])
        for code, text in found.entries(lang):  # 错误[E-STORE-DAMAGED]：STORE：FILE：…
            typer.echo(error_line(code, text, lang), err=True)
        raise typer.Exit(1)
