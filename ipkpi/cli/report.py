"""``ipkpi report`` and ``ipkpi export``: where a place's targets stand, on the terminal
and as the Excel summary for the leadership."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from ipkpi.cli import common, options
from ipkpi.cli.emit import drawing, emit, exit_failing
from ipkpi.cli.options import (
    Db,
    FailOn,
    GroupBy,
    Lang,
    MethodChoice,
    Shown,
    Targets,
    answering,
)
from ipkpi.errors import display_path, escape
from ipkpi.messages import msg, say


@answering(store=True)
def report(
    city: options.City,
    as_of: options.AsOfPlan = None,
    plan: options.Plan = None,
    method: options.MethodExplained = MethodChoice.linear,
    group_by: options.GroupTargets = GroupBy.category,
    status: options.Statuses = None,
    fail_on: FailOn = None,
    thresholds: options.Thresholds = None,
    *,
    shown: Shown,
) -> None:
    """Where each target of a city's plan stands: gap, expected value by now, progress ratio
    and status, with a one-sentence reading per target.

    Statuses: achieved, on_track (progress ratio >= 0.95), moderate (0.60-0.95), behind
    (0-0.60), overshoot (a ≈ target passed beyond its tolerance), moving_away (< 0),
    missed, met, awaiting_final (the target year is over, its figure not in), no_data; a
    target whose year is over is judged, not tracked. A report exits 0 however far behind
    the city is, unless --fail-on names a status some target has: then 3.

    Examples: ipkpi report --city nanjing; ipkpi report --city guizhou --as-of 2023 -f json;
    ipkpi report --city shijiazhuang --fail-on behind,moving_away
    """
    from ipkpi.assess.report import build_report, failing
    from ipkpi.assess.results import Method
    from ipkpi.catalogue.select import report_plan
    from ipkpi.output.text import report_text
    from ipkpi.views import report as views

    shown_statuses = options.statuses(status, "--status")
    failing_on = options.statuses(fail_on, "--fail-on")
    limits = options.thresholds(thresholds)
    year = options.this_year(as_of)
    chosen = report_plan(common.load(shown.targets), city, plan, year)
    with common.reading(common.store_path(shown.db)) as store:
        result = build_report(
            store,
            chosen,
            as_of=year,
            method=Method(method.value),
            thresholds=limits,
            evidence=False,
        )
    listed = [
        a
        for a in views.ordered(result.results, group_by.value, shown.lang)
        if shown_statuses is None or a.status.value in shown_statuses
    ]
    emit(
        shown,
        document=lambda: views.report_document(
            result, shown.lang, only=None if shown_statuses is None else listed
        ),
        csv=lambda: (
            [views.report_csv_row(result, a, shown.lang) for a in listed],
            views.REPORT_CSV_COLUMNS,
        ),
        text=lambda markdown: report_text(result, listed, group_by.value, shown.lang, markdown),
        draw=lambda: drawing("print_report_page")(result, listed, group_by.value, shown.lang),
    )
    if failing_on:
        exit_failing(failing(result, failing_on))


ExportFormat = StrEnum("ExportFormat", ["xlsx", "html"])


def export(
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.xlsx|FILE.html",
            help="help.export.output",
            show_default=False,
        ),
    ],
    cities: options.Cities = None,
    all_cities: Annotated[bool, typer.Option("--all", help="help.export.all")] = False,
    file_format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="help.export.format")
    ] = ExportFormat.xlsx,
    as_of: options.AsOf = None,
    method: options.Method = MethodChoice.linear,
    db: Db = None,
    targets: Targets = None,
    lang: Lang = None,
) -> None:
    """Write the Excel summary for the leadership group: a summary sheet, each city's gap
    table (the figures of `ipkpi report`), a chart per target, and every figure's source.

    The file is written to a temporary file beside it and renamed, so an existing workbook is
    replaced whole or not at all.

    Examples: ipkpi export --city nanjing -o 南京.xlsx;
    ipkpi export --all --as-of 2024 -o summary.xlsx;
    ipkpi export --all --format html -o dashboard.html
    """
    from ipkpi.assess.report import build_report
    from ipkpi.assess.results import Method
    from ipkpi.catalogue.select import report_plan, reportable_cities, resolve_city
    from ipkpi.output.excel import write_export

    html = file_format is ExportFormat.html
    if html and output.suffix.lower() not in (".html", ".htm"):
        said = say("E-HTML", name=escape(output.name))
        raise typer.BadParameter(said, param_hint="'--output'")
    if not html:
        options.xlsx(output)
    if bool(cities) == all_cities:
        raise typer.BadParameter(say("E-EXPORT-CITIES"), param_hint="'--city'")
    catalogue = common.load(targets)
    year = options.this_year(as_of)
    given = [resolve_city(catalogue, city) for city in cities or ()]
    chosen = reportable_cities(catalogue) if all_cities else list(dict.fromkeys(given))
    plans = [report_plan(catalogue, city, None, year) for city in chosen]
    with common.reading(common.store_path(db)) as store:
        built = [
            build_report(store, p, as_of=year, method=Method(method.value), evidence=not html)
            for p in plans
        ]
    made_at = dt.datetime.now().astimezone()
    chosen_lang = options.language(lang)
    if html:
        from ipkpi.output.dashboard import write_dashboard

        write_dashboard(output, built, lang=chosen_lang, made_at=made_at)
        wrote = msg("cli.export.wrote_html", path=display_path(output), n=len(built))
        typer.echo(wrote.text(chosen_lang))
        return
    summary = write_export(output, built, lang=chosen_lang, made_at=made_at)
    wrote = msg(
        "cli.export.wrote",
        path=display_path(summary.path),
        n=len(summary.sheets),
        sheets=list(summary.sheets),
        charts=summary.charts,
    )
    typer.echo(wrote.text(chosen_lang))
