"""The command line: parse, call the library, render. Errors are turned into
``Error: …`` lines and exit statuses in one place, ``IpkpiGroup.invoke``.

Exit statuses: 0 done · 1 bad input data · 2 usage or config error ·
3 finished, but a --fail-on condition holds.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from typer.core import TyperGroup

from ipkpi import __version__
from ipkpi.errors import IpkpiError, display_path

ENV_DEBUG = "IPKPI_DEBUG"


class IpkpiGroup(TyperGroup):
    """Reports every ``IpkpiError`` as ``Error: …`` lines on stderr with its exit status;
    ``--debug`` (or IPKPI_DEBUG=1) lets the traceback through instead."""

    def invoke(self, ctx: typer.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except IpkpiError as exc:
            if _debug(ctx):
                raise
            for line in exc.lines():
                typer.echo(f"Error: {line}", err=True)
            raise typer.Exit(exc.exit_code) from None


def _debug(ctx: typer.Context) -> bool:
    """``ipkpi --debug …`` or IPKPI_DEBUG=1: let tracebacks through."""
    return bool(ctx.find_root().params.get("debug") or os.environ.get(ENV_DEBUG))


class OutputFormat(StrEnum):
    table = "table"
    markdown = "markdown"
    csv = "csv"
    json = "json"


class Language(StrEnum):
    zh = "zh"
    en = "en"


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
app.add_typer(targets_app, name="targets")

TargetsOption = Annotated[
    Path | None,
    typer.Option(
        "--targets",
        metavar="DIR",
        help="Catalogue folder of plan TOML files [default: $IPKPI_TARGETS, else the bundled one].",
        show_default=False,
    ),
]
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", "-f", help="Output format.", case_sensitive=False)
]
LangOption = Annotated[Language, typer.Option("--lang", help="Label language: zh or en.")]
CityOption = Annotated[
    str, typer.Option("--city", "-c", help="City or province slug, e.g. nanjing.")
]
PlanOption = Annotated[
    str | None,
    typer.Option(
        "--plan",
        help="Plan id [default: the plan whose window holds --as-of, else the latest].",
        show_default=False,
    ),
]


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


def _catalogue(targets: Path | None):
    from ipkpi.catalogue.loader import load_catalogue, resolve_catalogue_dir

    return load_catalogue(resolve_catalogue_dir(targets))


def _is_terminal() -> bool:
    """Rich tables and colour only on a terminal, and not when NO_COLOR is set."""
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@app.command()
def cities(
    targets: TargetsOption = None,
    format: FormatOption = OutputFormat.table,
    lang: LangOption = Language.zh,
) -> None:
    """List the places and plans in the catalogue.

    Example: ipkpi cities --format json
    """
    from ipkpi.output import tables as render
    from ipkpi.views import catalogue as views

    catalogue = _catalogue(targets)
    plans = [p for city in catalogue.cities() for p in catalogue.plans_for(city)]
    if format is OutputFormat.json:
        typer.echo(render.to_json(views.cities_document(plans)), nl=False)
        return
    rows = [views.city_row(p, lang.value) for p in plans]
    if format is OutputFormat.csv:
        typer.echo(render.to_csv(rows, views.CITY_COLUMNS), nl=False)
    else:
        _echo_table(rows, views.CITY_COLUMNS, format, lang.value)


def _echo_table(rows: list[dict[str, str]], columns, format: OutputFormat, lang: str) -> None:
    """A table as Markdown, drawn by rich on a terminal, else plain aligned text."""
    from ipkpi.output import tables as render
    from ipkpi.output import terminal as drawing

    if format is OutputFormat.markdown:
        typer.echo(render.to_markdown(rows, columns, lang), nl=False)
    elif _is_terminal():
        drawing.print_rich_table(rows, columns, lang)
    else:
        typer.echo(render.to_plain(rows, columns, lang), nl=False)


@targets_app.command("show")
def targets_show(
    city: CityOption,
    plan: PlanOption = None,
    as_of: Annotated[
        int | None,
        typer.Option(
            "--as-of",
            metavar="YEAR",
            help="Year used to choose the plan [default: this year].",
            show_default=False,
        ),
    ] = None,
    targets: TargetsOption = None,
    format: FormatOption = OutputFormat.table,
    lang: LangOption = Language.zh,
) -> None:
    """Show a plan's targets, grouped by category.

    Examples: ipkpi targets show --city nanjing;
    ipkpi targets show --city guizhou --format json
    """
    from ipkpi.catalogue.select import select_plan
    from ipkpi.output import tables as render
    from ipkpi.output import terminal as drawing
    from ipkpi.views import catalogue as views

    catalogue = _catalogue(targets)
    chosen = select_plan(
        catalogue, city, plan, as_of if as_of is not None else dt.date.today().year
    )
    if format is OutputFormat.json:
        typer.echo(render.to_json(views.targets_document(chosen)), nl=False)
        return
    if format is OutputFormat.csv:
        rows = [views.target_csv_row(chosen, t) for t in chosen.targets]
        typer.echo(render.to_csv(rows, views.TARGET_CSV_COLUMNS), nl=False)
        return
    lang_code = lang.value
    sections = []  # (title, rows, columns, group)
    if chosen.targets or not (chosen.tasks or chosen.rules):
        rows = [views.target_row(t, lang_code) for t in chosen.targets]
        rows.sort(key=_category_order(rows))
        columns = [c for c in views.TARGET_COLUMNS if c != "id"]
        sections.append((_plan_title(chosen, lang_code), rows, columns, "category"))
    if chosen.tasks:
        from ipkpi.views.tasks import CATALOGUE_TASK_COLUMNS, catalogue_task_row

        rows = [catalogue_task_row(t, lang_code) for t in chosen.tasks]
        title = _plan_title(chosen, lang_code, "tasks")
        sections.append((title, rows, list(CATALOGUE_TASK_COLUMNS), None))
    if chosen.rules:
        from ipkpi.views.rewards import RULE_COLUMNS, rule_row

        rows = [rule_row(r, chosen, lang_code) for r in chosen.rules]
        title = _plan_title(chosen, lang_code, "rules")
        sections.append((title, rows, list(RULE_COLUMNS), None))
    texts = []
    for title, rows, columns, group in sections:
        shown = render.grouped(rows, group) if group else rows
        if format is OutputFormat.markdown:
            texts.append(f"## {title}\n\n{render.to_markdown(shown, columns, lang_code)}")
        elif _is_terminal():
            drawing.print_rich_table(rows, columns, lang_code, title=title, group_by=group)
        else:
            texts.append(f"{title}\n\n{render.to_plain(shown, columns, lang_code)}")
    if texts:
        typer.echo("\n".join(texts), nl=False)


def _category_order(rows: list[dict[str, str]]):
    """Group rows by category, categories in the order the document first names them."""
    first: dict[str, int] = {}
    for i, row in enumerate(rows):
        first.setdefault(row["category"], i)
    return lambda row: first[row["category"]]


def _plan_title(plan, lang: str, what: str = "targets") -> str:
    from ipkpi.labels import label
    from ipkpi.views.catalogue import plan_heading

    n = {"targets": len(plan.targets), "tasks": len(plan.tasks), "rules": len(plan.rules)}[what]
    return f"{plan_heading(plan, lang)} · {plan.id} · {label('n_' + what, lang, n=n)}"


@targets_app.command("check")
def targets_check(
    folder: Annotated[
        Path | None,
        typer.Argument(
            metavar="[DIR]",
            help="Catalogue folder [default: --targets, $IPKPI_TARGETS, else the bundled one].",
            show_default=False,
        ),
    ] = None,
    targets: TargetsOption = None,
) -> None:
    """Validate a catalogue and say what it holds; exit 1 on any problem.

    Example: ipkpi targets check my-targets/
    """
    from ipkpi.catalogue.loader import load_catalogue, resolve_catalogue_dir

    if folder is not None:
        catalogue = load_catalogue(resolve_catalogue_dir(folder, origin="DIR"))
    else:
        catalogue = load_catalogue(resolve_catalogue_dir(targets))
    plans = [p for city in catalogue.cities() for p in catalogue.plans_for(city)]
    total = sum(len(p.targets) for p in plans)
    summary = f"{_count(len(plans), 'plan')}, {_count(total, 'target')}"
    for what in ("tasks", "rules"):
        n = sum(len(getattr(p, what)) for p in plans)
        if n:
            summary += f", {_count(n, what[:-1])}"
    typer.echo(f"{display_path(catalogue.folder)}: {summary}")
    for p in plans:
        held = [
            f"{n:>3} {what}"
            for what, n in (
                ("targets", len(p.targets)),
                ("tasks", len(p.tasks)),
                ("rules", len(p.rules)),
            )
            if n or what == "targets"
        ]
        typer.echo(f"  {p.id:<26} {p.start_year}–{p.target_year}  {', '.join(held)}  {p.file.name}")
    typer.echo("OK")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


data_app = typer.Typer(help="Look at the statistics in the store.", no_args_is_help=True)
app.add_typer(data_app, name="data")

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db",
        metavar="FILE",
        help="The store [default: $IPKPI_DB, else ipkpi.db in the working folder].",
        show_default=False,
    ),
]


LockTimeoutOption = Annotated[
    float,
    typer.Option(
        "--lock-timeout",
        metavar="SECONDS",
        min=0,
        help="How long to wait while another ipkpi run or ingest writes to the store.",
    ),
]


class Layout(StrEnum):
    long = "long"
    wide = "wide"
    single = "single"
    places = "places"
    years = "years"


@app.command()
def ingest(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="PATH",
            help="Workbooks (.xlsx, .xls), CSV files or folders.",
            show_default=False,
        ),
    ],
    db: DbOption = None,
    targets: TargetsOption = None,
    layout: Annotated[
        Layout | None,
        typer.Option(
            "--layout",
            help="Say the layout where detection cannot [default: detect].",
            show_default=False,
        ),
    ] = None,
    sheet: Annotated[
        str | None, typer.Option("--sheet", help="Read only this sheet.", show_default=False)
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="The year of a one-year sheet, where it does not say.",
            show_default=False,
        ),
    ] = None,
    city: Annotated[
        str | None,
        typer.Option(
            "--city",
            "-c",
            help="The city, where the file does not say; with a 地区 column, only its rows.",
            show_default=False,
        ),
    ] = None,
    strict: Annotated[
        bool, typer.Option("--strict", help="A row that matches no target is an error.")
    ] = False,
    accept: Annotated[
        list[str] | None,
        typer.Option(
            "--accept",
            metavar="CELL",
            help="A value checked by a person (D7 or SHEET!D7): stored even if it lies a "
            "power of ten from its series. Repeatable.",
            show_default=False,
        ),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and report, write nothing.")
    ] = False,
    lock_timeout: LockTimeoutOption = 600.0,
) -> None:
    """Ingest yearly statistics into the store, each file whole or not at all.

    Layouts are detected: long (城市/指标/年份/数值 rows), wide (a column per year), one
    year per sheet or file, places down (a 地区 column, an indicator a column) or years
    down; every table of a sheet is read on its own. Units come from a unit column, the
    header, a 单位：… line above the table or the cell; a value a power of ten away from
    its series is refused until confirmed (--accept, or 核实无误 in its 备注 column). A file
    ingested before is skipped; a value that differs from the stored one becomes current
    and the old one stays in the history, unless the stored one's vintage ranks above it
    (快报 < unmarked = 正式 < 修订): then it is kept in the history as not current. Exit
    status 1 when any file is rejected (the others are still ingested). While `ipkpi run`
    or another ingest writes to the same store, it waits (up to --lock-timeout, then exit
    status 2).

    Examples: ipkpi ingest sample_data/; ipkpi ingest 2024.xlsx --city nanjing --year 2024;
    ipkpi ingest 2024.xlsx --accept 数据!D7
    """
    from ipkpi.ingest.ingester import expand_paths, ingest_paths
    from ipkpi.ingest.report import IngestOptions
    from ipkpi.output import terminal as drawing
    from ipkpi.store.base import resolve_db_path
    from ipkpi.store.lock import store_lock
    from ipkpi.store.sqlite import SQLiteStore
    from ipkpi.views import ingest as ingest_views

    catalogue = _catalogue(targets)
    options = IngestOptions(
        layout=layout.value if layout else None,
        sheet=sheet,
        year=year,
        city=city,
        strict=strict,
        dry_run=dry_run,
        accept=tuple(accept or ()),
    )
    files = expand_paths(paths)
    db_path = resolve_db_path(db)
    # A dry run never creates the store: with none yet, it checks against an empty one.
    store_path = Path(":memory:") if dry_run and not db_path.exists() else db_path
    with (
        nullcontext()
        if dry_run
        else store_lock(db_path, lock_timeout, "ipkpi ingest", on_wait=_say_waiting),
        SQLiteStore(store_path) as store,
        drawing.file_progress(len(files), enabled=sys.stderr.isatty()) as advance,
    ):
        report = ingest_paths(files, catalogue, store, options, on_file=advance)
    for line in ingest_views.ingest_lines(report, dry_run=dry_run):
        typer.echo(line)
    for line in ingest_views.ingest_problem_lines(report):
        typer.echo(line, err=True)
    if report.rejected:
        raise typer.Exit(1)


@data_app.command("show")
def data_show(
    city: Annotated[
        str | None, typer.Option("--city", "-c", help="Only this city.", show_default=False)
    ] = None,
    year: Annotated[
        int | None, typer.Option("--year", help="Only this year.", show_default=False)
    ] = None,
    history: Annotated[
        bool,
        typer.Option(
            "--history",
            help="Also the values that are not current (replaced by a later file, or kept "
            "aside: a 快报 after the 正式 figure), and why each is or is not current.",
        ),
    ] = False,
    db: DbOption = None,
    targets: TargetsOption = None,
    format: FormatOption = OutputFormat.table,
    lang: LangOption = Language.zh,
) -> None:
    """List stored values with where each came from (file, sheet, cell, time, vintage).

    Examples: ipkpi data show --city nanjing; ipkpi data show --city guizhou --history -f csv
    """
    from ipkpi.output import tables as render
    from ipkpi.store import vintage
    from ipkpi.store.base import resolve_db_path
    from ipkpi.store.sqlite import SQLiteStore
    from ipkpi.views import data as data_views

    catalogue = _catalogue(targets)
    if city is not None:
        from ipkpi.catalogue.select import select_plan

        select_plan(catalogue, city)  # an unknown city is a usage error
    with SQLiteStore(resolve_db_path(db), readonly=True) as store:
        stored = store.observations(city=city, year=year, history=history)
    plans = catalogue.plans_for(city) if city is not None else catalogue.plans
    names = {(p.city, t.id): t for p in plans for t in p.targets}
    # With the history, why each value is or is not current (its vintage, then its order).
    whys = vintage.standings(stored) if history else [None] * len(stored)
    if format is OutputFormat.json:
        document = data_views.data_document(stored, names, whys if history else None)
        typer.echo(render.to_json(document), nl=False)
        return
    rows = [data_views.data_row(o, names, lang.value, w) for o, w in zip(stored, whys, strict=True)]
    columns = data_views.DATA_COLUMNS + (("current", "standing") if history else ())
    if format is OutputFormat.csv:
        csv_rows = [data_views.data_csv_row(o, names, w) for o, w in zip(stored, whys, strict=True)]
        csv_columns = (
            data_views.DATA_HISTORY_CSV_COLUMNS if history else data_views.DATA_CSV_COLUMNS
        )
        typer.echo(render.to_csv(csv_rows, csv_columns), nl=False)
    else:
        _echo_table(rows, columns, format, lang.value)


def _say_waiting(holder: str) -> None:
    typer.echo(f"waiting for the store: {holder or 'another ipkpi is writing to it'}", err=True)


def _require_store(db_path: Path) -> None:
    """Reports read the store; with none there, say how to make one (a usage error)."""
    from ipkpi.errors import StoreError

    if not db_path.exists():
        raise StoreError(
            f"{display_path(db_path)}: no store here; ingest statistics first "
            "(ipkpi ingest FILES --db FILE) or name the store with --db"
        )


class MethodChoice(StrEnum):
    linear = "linear"
    cagr = "cagr"


class GroupBy(StrEnum):
    category = "category"
    lead = "lead"


def _statuses(value: str | None, option: str) -> set[str] | None:
    """``behind,moving_away`` → {"behind", "moving_away"}; an unknown code is a usage error.
    --fail-on also takes ``overdue`` (a task past its deadline)."""
    from ipkpi.assess.results import FAIL_ON_CODES, STATUS_CODES

    if value is None:
        return None
    known = FAIL_ON_CODES if option == "--fail-on" else STATUS_CODES
    codes = {c.strip() for c in value.split(",") if c.strip()}
    unknown = sorted(codes - set(known))
    if unknown or not codes:
        raise typer.BadParameter(
            f"unknown status {', '.join(repr(c) for c in unknown) or repr(value)}; "
            f"use one or more of {', '.join(known)}, separated by commas",
            param_hint=f"'{option}'",
        )
    return codes


def _thresholds(value: str | None):
    from ipkpi.assess.results import DEFAULT_THRESHOLDS, Thresholds

    if value is None:
        return DEFAULT_THRESHOLDS
    try:
        on_track, moderate = (float(part) for part in value.split(","))
        return Thresholds(on_track=on_track, moderate=moderate)
    except ValueError as exc:
        detail = str(exc) if "thresholds" in str(exc) else "give two numbers, e.g. 0.95,0.60"
        raise typer.BadParameter(f"{value!r}: {detail}", param_hint="'--thresholds'") from None


StatusesOption = Annotated[
    str | None,
    typer.Option(
        "--status",
        metavar="STATUS[,STATUS]",
        help="Show only targets with these statuses, e.g. behind,moving_away.",
        show_default=False,
    ),
]


@app.command()
def report(
    city: CityOption,
    as_of: Annotated[
        int | None,
        typer.Option(
            "--as-of",
            metavar="YEAR",
            help="Assess with the figures up to this year, and choose the plan by it "
            "[default: this year].",
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
    method: Annotated[
        MethodChoice,
        typer.Option(
            "--method",
            help="Progress ratio: linear (actual ÷ expected change on the path) or cagr "
            "(actual ÷ required compound growth rate; positive series only).",
        ),
    ] = MethodChoice.linear,
    group_by: Annotated[
        GroupBy, typer.Option("--group-by", help="Group targets by category or lead department.")
    ] = GroupBy.category,
    status: StatusesOption = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="STATUS[,STATUS]",
            help="Exit with status 3 when any target has one of these statuses (for cron).",
            show_default=False,
        ),
    ] = None,
    thresholds: Annotated[
        str | None,
        typer.Option(
            "--thresholds",
            metavar="ON_TRACK,MODERATE",
            help="Progress ratios from which a target is on track, and moderate "
            "[default: 0.95,0.60].",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    targets: TargetsOption = None,
    format: FormatOption = OutputFormat.table,
    lang: LangOption = Language.zh,
) -> None:
    """Where each target of a city's plan stands: gap, expected value by now, progress ratio
    and status, with a one-sentence reading per target.

    Statuses: achieved, on_track (progress ratio >= 0.95), moderate (0.60-0.95), behind
    (0-0.60), moving_away (< 0), missed, met, no_data. A report exits 0 however far behind
    the city is, unless --fail-on names a status some target has: then 3.

    Examples: ipkpi report --city nanjing; ipkpi report --city guizhou --as-of 2023 -f json;
    ipkpi report --city shijiazhuang --fail-on behind,moving_away
    """
    from ipkpi.assess import report as reports
    from ipkpi.assess.results import Method
    from ipkpi.catalogue import select
    from ipkpi.output import tables as render
    from ipkpi.output import terminal as drawing
    from ipkpi.output import text as texts
    from ipkpi.store.base import resolve_db_path
    from ipkpi.store.sqlite import SQLiteStore
    from ipkpi.views import report as report_views

    shown_statuses = _statuses(status, "--status")
    failing = _statuses(fail_on, "--fail-on")
    limits = _thresholds(thresholds)
    catalogue = _catalogue(targets)
    year = as_of if as_of is not None else dt.date.today().year
    db_path = resolve_db_path(db)
    chosen = select.report_plan(catalogue, city, plan, year)  # unknown city or plan: usage error
    _require_store(db_path)
    with SQLiteStore(db_path, readonly=True) as store:
        result = reports.build_report(
            store,
            chosen,
            as_of=year,
            method=Method(method.value),
            thresholds=limits,
            evidence=False,
        )
    lang_code = lang.value
    shown = [
        a
        for a in report_views.ordered(result.results, group_by.value, lang_code)
        if shown_statuses is None or a.status.value in shown_statuses
    ]
    if format is OutputFormat.json:
        document = report_views.report_document(result, lang_code)
        if shown_statuses is not None:
            ids = {a.target.id for a in shown}
            document["targets"] = [t for t in document["targets"] if t["id"] in ids]
        typer.echo(render.to_json(document), nl=False)
    elif format is OutputFormat.csv:
        rows = [report_views.report_csv_row(result, a, lang_code) for a in shown]
        typer.echo(render.to_csv(rows, report_views.REPORT_CSV_COLUMNS), nl=False)
    else:
        columns = (group_by.value, *report_views.REPORT_COLUMNS[1:])
        summary = report_views.summary_line(result.assessment, lang_code, shown=len(shown))
        args = (result, shown, columns, lang_code, group_by.value, summary)
        by_lead = group_by is GroupBy.lead
        markdown = format is OutputFormat.markdown
        if result.plan.targets:  # a plan of tasks only: no empty targets table
            if markdown:
                typer.echo(texts.report_markdown(*args), nl=False)
            elif _is_terminal():
                drawing.print_report(*args)
            else:
                typer.echo(texts.report_plain(*args), nl=False)
        if result.tasks is not None:
            gap = "\n" if result.plan.targets else ""
            if _is_terminal() and not markdown:
                typer.echo(gap, nl=False)
                drawing.print_tasks(result.tasks, lang_code, by_lead)
            else:
                text = texts.tasks_text(result.tasks, lang_code, by_lead, markdown=markdown)
                typer.echo(gap + text, nl=False)
    if failing:
        hits = [(a.target.id, a.status.value) for a in result.results if a.status.value in failing]
        if result.tasks is not None and "overdue" in failing:
            hits += [(t.task.id, "overdue") for t in result.tasks.overdue]
        if hits:
            typer.echo(_fail_on_line(hits), err=True)
            raise typer.Exit(3)


def _day(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a date; write it as 2023-12-31", param_hint="'--as-of'"
        ) from None


@app.command()
def tasks(
    city: CityOption,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Assess on this day, e.g. 2023-12-31: what was done by then, and how late "
            "[default: today].",
            show_default=False,
        ),
    ] = None,
    by: Annotated[
        GroupBy | None,
        typer.Option(
            "--by",
            help="Group tasks by lead unit (--by lead); a joint task is "
            "listed under each of its leads.",
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="overdue",
            help="Exit with status 3 when a task is overdue (for cron).",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    targets: TargetsOption = None,
    format: FormatOption = OutputFormat.table,
    lang: LangOption = Language.zh,
) -> None:
    """Where each work-plan task stands against its deadline: done on time, done late, open
    (not yet due), overdue (with the days overdue) or ongoing (持续推进, no deadline).

    Progress comes from progress sheets ingested like statistics (ipkpi ingest): a task
    number column, a status column (已完成, 推进中, 未启动, 持续推进) and the completion date.
    A task done on its deadline day is on time; not done, it is overdue from the next day.

    Examples: ipkpi tasks --city shanxi --as-of 2023-12-31; ipkpi tasks --city shanxi
    --by lead; ipkpi tasks --city nanjing -f json; ipkpi tasks --city shanxi --fail-on overdue
    """
    from ipkpi.assess import report as reports
    from ipkpi.catalogue import select
    from ipkpi.output import tables as render
    from ipkpi.output import terminal as drawing
    from ipkpi.output import text as texts
    from ipkpi.store.base import resolve_db_path
    from ipkpi.store.sqlite import SQLiteStore
    from ipkpi.views import tasks as task_views

    if by is GroupBy.category:
        raise typer.BadParameter("tasks are grouped by lead only: --by lead", param_hint="'--by'")
    failing = _statuses(fail_on, "--fail-on")
    if failing and failing != {"overdue"}:
        raise typer.BadParameter(
            "tasks fail on overdue only: --fail-on overdue", param_hint="'--fail-on'"
        )
    day = _day(as_of) or dt.date.today()
    catalogue = _catalogue(targets)
    chosen = select.tasks_plan(catalogue, city, day, plan)
    db_path = resolve_db_path(db)
    _require_store(db_path)
    with SQLiteStore(db_path, readonly=True) as store:
        result = reports.build_tasks(store, chosen, day)
    lang_code = lang.value
    by_lead = by is GroupBy.lead
    if format is OutputFormat.json:
        typer.echo(render.to_json(task_views.tasks_document(result, lang_code)), nl=False)
    elif format is OutputFormat.csv:
        rows = [task_views.task_csv_row(a, result.plan) for a in result.results]
        typer.echo(render.to_csv(rows, task_views.TASK_CSV_COLUMNS), nl=False)
    elif format is OutputFormat.markdown:
        typer.echo(texts.tasks_text(result, lang_code, by_lead, markdown=True), nl=False)
    elif _is_terminal():
        drawing.print_tasks(result, lang_code, by_lead)
    else:
        typer.echo(texts.tasks_text(result, lang_code, by_lead), nl=False)
    if failing and result.overdue:
        typer.echo(_fail_on_line([(t.task.id, "overdue") for t in result.overdue]), err=True)
        raise typer.Exit(3)


@app.command()
def rewards(
    claims: Annotated[
        Path,
        typer.Argument(
            metavar="CLAIMS.xlsx",
            help="The claims workbook: applicant, type, measure, year and the quantities.",
            show_default=False,
        ),
    ],
    city: CityOption,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.xlsx",
            help="Also write the results to this workbook (claims, totals and the rules).",
            show_default=False,
        ),
    ] = None,
    plan: PlanOption = None,
    targets: TargetsOption = None,
    format: FormatOption = OutputFormat.table,
    lang: LangOption = Language.zh,
) -> None:
    """Work out what each claim is due under a place's reward and subsidy rules: the rule
    applied, eligible or not and why, the amount with its arithmetic (3 + 0.5 × 4 = 5.0 万元),
    caps applied, and the totals by measure and overall, in 万元.

    The claims workbook has a header with 申请单位, 单位类型 (企业, 高校, 科研院所, 服务机构,
    银行), 措施 (the measure's number, e.g. (七), or the rule's name), 年度, and a column for
    each quantity the rules use (see `ipkpi targets show --city zhangzhou`). A claim lacking a
    quantity its rule needs is an error at that cell (exit 1), never a zero; nothing is written.

    Examples: ipkpi rewards --city zhangzhou claims.xlsx;
    ipkpi rewards --city zhangzhou claims.xlsx -o rewards.xlsx -f json
    """
    from ipkpi.assess import rewards as rewarding
    from ipkpi.catalogue import select
    from ipkpi.errors import UsageError
    from ipkpi.ingest.claims import read_claims
    from ipkpi.output import tables as render
    from ipkpi.output import terminal as drawing
    from ipkpi.output import text as texts
    from ipkpi.views import rewards as reward_views

    if output is not None and output.suffix.lower() != ".xlsx":
        raise typer.BadParameter(
            f"{output.name}: the workbook must be an .xlsx file", param_hint="'--output'"
        )
    catalogue = _catalogue(targets)
    chosen = select.rules_plan(catalogue, city, plan)
    if not claims.is_file():
        raise UsageError(f"{display_path(claims)}: no such file")
    result = rewarding.apply_rules(chosen, read_claims(claims, chosen))
    lang_code = lang.value
    if output is not None:
        from ipkpi.output.rewards_excel import write_rewards

        write_rewards(output, result, lang=lang_code, made_at=dt.datetime.now().astimezone())
    if format is OutputFormat.json:
        typer.echo(render.to_json(reward_views.rewards_document(result, lang_code)), nl=False)
    elif format is OutputFormat.csv:
        rows = [reward_views.claim_csv_row(r, chosen) for r in result.results]
        typer.echo(render.to_csv(rows, reward_views.CLAIM_CSV_COLUMNS), nl=False)
    elif format is OutputFormat.markdown:
        typer.echo(texts.rewards_text(result, lang_code, markdown=True), nl=False)
    elif _is_terminal():
        drawing.print_rewards(result, lang_code)
    else:
        typer.echo(texts.rewards_text(result, lang_code), nl=False)
    if output is not None:
        typer.echo(f"wrote {display_path(output)}", err=True)


YearOption = Annotated[
    int | None,
    typer.Option(
        "--year",
        help="The year of the figures [default: last year, or the plan's last target year].",
        show_default=False,
    ),
]
PlanForYearOption = Annotated[
    str | None,
    typer.Option(
        "--plan",
        help="Plan id [default: the plan whose window holds --year, else the latest].",
        show_default=False,
    ),
]
LeadOption = Annotated[
    str | None,
    typer.Option(
        "--lead",
        metavar="UNIT",
        help="Only the targets this lead unit (牵头单位) leads: its name or part of it "
        "(省知识产权局); none for the targets whose plan names no lead.",
        show_default=False,
    ),
]


def _collection_year(catalogue, city: str, year: int | None) -> int:
    from ipkpi.assess.collect import default_year

    return year if year is not None else default_year(catalogue, city, dt.date.today())


@app.command()
def template(
    city: CityOption,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.xlsx|DIR",
            help="The workbook to write; with --each-lead, the folder for the workbooks.",
            show_default=False,
        ),
    ],
    year: YearOption = None,
    lead: LeadOption = None,
    each_lead: Annotated[
        bool,
        typer.Option(
            "--each-lead",
            help="One workbook per lead unit, named after it, in the -o folder.",
        ),
    ] = False,
    plan: PlanForYearOption = None,
    db: DbOption = None,
    targets: TargetsOption = None,
    lang: LangOption = Language.zh,
) -> None:
    """Write the fill-in template a lead department (牵头单位) completes with the year's
    figures: one row per target needing a figure for the year, with its id, name, unit,
    what exactly to report, the plan's target and last year's stored figure for reference;
    an empty value column that takes numbers only; a notes column; everything else locked;
    instructions on the first sheet.

    A filled template goes through `ipkpi ingest` with no options: each row's id says which
    target its value is for. Last year's figures come from the store when there is one.

    Examples: ipkpi template --city nanjing --year 2025 -o 南京2025.xlsx;
    ipkpi template --city guizhou --lead 省知识产权局 -o 省知识产权局.xlsx;
    ipkpi template --city guizhou --year 2025 --each-lead -o templates/
    """
    from ipkpi.assess.collect import collect, per_lead
    from ipkpi.catalogue.select import select_plan
    from ipkpi.errors import UsageError
    from ipkpi.output.template import template_file_name, write_template
    from ipkpi.store.base import resolve_db_path
    from ipkpi.store.sqlite import SQLiteStore

    if each_lead and lead is not None:
        raise typer.BadParameter("give --lead or --each-lead, not both", param_hint="'--lead'")
    if not each_lead and output.suffix.lower() != ".xlsx":
        raise typer.BadParameter(
            f"{output.name}: the workbook must be an .xlsx file", param_hint="'--output'"
        )
    if each_lead and not output.is_dir():
        raise UsageError(
            f"-o: {display_path(output)} is not a folder (--each-lead writes one "
            "workbook per lead unit into a folder)"
        )
    catalogue = _catalogue(targets)
    chosen_year = _collection_year(catalogue, city, year)
    db_path = resolve_db_path(db)
    with SQLiteStore(db_path, readonly=True) if db_path.exists() else nullcontext() as store:
        chosen = select_plan(catalogue, city, plan, as_of=chosen_year)
        collection = collect(store, chosen, chosen_year, lead)
    if not collection.wanted:
        raise UsageError(
            f"{collection.lead} leads no target of {collection.plan.id} needing a "
            f"{chosen_year} figure: no template to write"
        )
    if each_lead:
        jobs = [(output / template_file_name(c, lang.value), c) for c in per_lead(collection)]
    else:
        jobs = [(output, collection)]
    made_at = dt.datetime.now().astimezone()
    for path, collection in jobs:
        summary = write_template(path, collection, lang=lang.value, made_at=made_at)
        typer.echo(
            f"wrote {display_path(summary.path)}: {summary.rows} target(s) for "
            f"{collection.year} ({collection.plan.id}), last year's figure for "
            f"{summary.previous}"
        )
    if not db_path.exists():
        typer.echo(f"no store at {display_path(db_path)}: last year's figures left empty", err=True)


@app.command()
def missing(
    city: CityOption,
    year: YearOption = None,
    lead: LeadOption = None,
    plan: PlanForYearOption = None,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="missing",
            help="Exit with status 3 when a figure is missing (for cron).",
            show_default=False,
        ),
    ] = None,
    db: DbOption = None,
    targets: TargetsOption = None,
    format: FormatOption = OutputFormat.table,
    lang: LangOption = Language.zh,
) -> None:
    """Which targets have no figure for the year yet, grouped by lead unit (牵头单位): what to
    chase. A target led jointly is listed under each of its leads.

    A target needs a figure for a year when it is assessed on it: every year of its
    window (累计, 每年, 年均), else every year from its start to its target year.

    Examples: ipkpi missing --city nanjing; ipkpi missing --city guizhou --year 2024
    --lead 省知识产权局; ipkpi missing --city nanjing -f json --fail-on missing
    """
    from ipkpi.assess import collect as collecting
    from ipkpi.catalogue.select import select_plan
    from ipkpi.output import tables as render
    from ipkpi.output import terminal as drawing
    from ipkpi.store.base import resolve_db_path
    from ipkpi.store.sqlite import SQLiteStore
    from ipkpi.views import missing as missing_views

    if fail_on is not None and fail_on.strip() != "missing":
        raise typer.BadParameter(
            "missing fails on missing figures only: --fail-on missing", param_hint="'--fail-on'"
        )
    catalogue = _catalogue(targets)
    chosen_year = _collection_year(catalogue, city, year)
    db_path = resolve_db_path(db)
    _require_store(db_path)
    with SQLiteStore(db_path, readonly=True) as store:
        chosen = select_plan(catalogue, city, plan, as_of=chosen_year)
        result = collecting.collect(store, chosen, chosen_year, lead)
    lang_code = lang.value
    rows = missing_views.missing_rows(result, lang_code)
    columns = missing_views.MISSING_COLUMNS
    summary = missing_views.missing_summary(result, lang_code)
    if format is OutputFormat.json:
        typer.echo(render.to_json(missing_views.missing_document(result, lang_code)), nl=False)
    elif format is OutputFormat.csv:
        typer.echo(
            render.to_csv(
                missing_views.missing_csv_rows(result), missing_views.MISSING_CSV_COLUMNS
            ),
            nl=False,
        )
    elif format is OutputFormat.markdown:
        table = render.to_markdown(render.grouped(rows, "lead"), columns, lang_code) if rows else ""
        typer.echo(f"{summary}\n\n{table}", nl=False)
    elif _is_terminal() and rows:
        drawing.print_rich_table(rows, columns, lang_code, title=summary, group_by="lead")
    else:
        table = render.to_plain(render.grouped(rows, "lead"), columns, lang_code) if rows else ""
        typer.echo(f"{summary}\n" + (f"\n{table}" if table else ""), nl=False)
    if fail_on is not None and result.missing:
        ids = ", ".join(w.target.id for w in result.missing)
        typer.echo(
            f"--fail-on: {len(result.missing)} figure(s) missing for {chosen_year}: {ids}", err=True
        )
        raise typer.Exit(3)


@app.command()
def compare(
    measure: Annotated[
        str | None,
        typer.Option(
            "--measure",
            "-m",
            help="The shared measure, e.g. invention_patents_per_10k [default: list the measures].",
            show_default=False,
        ),
    ] = None,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            help="Assess with the figures up to this year [default: this year].",
            show_default=False,
        ),
    ] = None,
    method: Annotated[
        MethodChoice, typer.Option("--method", help="Progress ratio: linear or cagr.")
    ] = MethodChoice.linear,
    db: DbOption = None,
    targets: TargetsOption = None,
    format: FormatOption = OutputFormat.table,
    lang: LangOption = Language.zh,
) -> None:
    """Compare the places whose plans share a measure (the catalogue's `measure` key): each
    place's latest figure, target, progress and status, exactly as `ipkpi report` gives
    them, sorted by status, then by progress towards its own target; with the population
    basis where the plan states one, and a note when the places define the indicator
    differently.

    A narrower definition is part of its measure: invention_patents_per_10k takes in
    invention_patents_per_10k.high_value. Without --measure, lists the measures.

    Examples: ipkpi compare; ipkpi compare --measure invention_patents_per_10k --year 2024;
    ipkpi compare -m ip_pledge_financing -f json
    """
    from ipkpi.assess import compare as comparing
    from ipkpi.assess.results import Method
    from ipkpi.output import tables as render
    from ipkpi.output import terminal as drawing
    from ipkpi.store.base import resolve_db_path
    from ipkpi.store.sqlite import SQLiteStore
    from ipkpi.views import compare as compare_views

    catalogue = _catalogue(targets)
    lang_code = lang.value
    if measure is None:
        rows = compare_views.measure_rows(catalogue, lang_code)
        columns = compare_views.MEASURE_COLUMNS
        if format is OutputFormat.json:
            typer.echo(render.to_json(compare_views.measures_document(catalogue)), nl=False)
        elif format is OutputFormat.csv:
            typer.echo(render.to_csv(rows, columns), nl=False)
        else:
            _echo_table(rows, columns, format, lang_code)
        return
    db_path = resolve_db_path(db)
    _require_store(db_path)
    with SQLiteStore(db_path, readonly=True) as store:
        result = comparing.compare(
            catalogue,
            store,
            measure,
            as_of=year if year is not None else dt.date.today().year,
            method=Method(method.value),
        )
    if format is OutputFormat.json:
        typer.echo(render.to_json(compare_views.compare_document(result, lang_code)), nl=False)
        return
    if format is OutputFormat.csv:
        rows = compare_views.compare_csv_rows(result)
        typer.echo(render.to_csv(rows, compare_views.COMPARE_CSV_COLUMNS), nl=False)
        return
    rows = compare_views.compare_rows(result, lang_code)
    columns = compare_views.COMPARE_COLUMNS
    title = compare_views.compare_title(result, lang_code)
    notes = compare_views.compare_notes(result, lang_code)
    if format is OutputFormat.markdown:
        text = f"## {title}\n\n{render.to_markdown(rows, columns, lang_code)}"
        text += "".join(f"\n- {n}" for n in notes) + ("\n" if notes else "")
        typer.echo(text, nl=False)
    elif _is_terminal():
        drawing.print_rich_table(rows, columns, lang_code, title=title)
        for note in notes:
            typer.echo(note)
    else:
        text = f"{title}\n\n{render.to_plain(rows, columns, lang_code)}"
        text += "".join(f"\n{n}" for n in notes) + ("\n" if notes else "")
        typer.echo(text, nl=False)


@app.command()
def export(
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="FILE.xlsx", help="The workbook to write.", show_default=False
        ),
    ],
    cities: Annotated[
        list[str] | None,
        typer.Option(
            "--city", "-c", help="A city or province slug; repeat for several.", show_default=False
        ),
    ] = None,
    all_cities: Annotated[bool, typer.Option("--all", help="Every city in the catalogue.")] = False,
    as_of: Annotated[
        int | None,
        typer.Option(
            "--as-of",
            metavar="YEAR",
            help="Assess with the figures up to this year [default: this year].",
            show_default=False,
        ),
    ] = None,
    method: Annotated[
        MethodChoice, typer.Option("--method", help="Progress ratio: linear or cagr.")
    ] = MethodChoice.linear,
    db: DbOption = None,
    targets: TargetsOption = None,
    lang: LangOption = Language.zh,
) -> None:
    """Write the Excel summary for the leadership group: a summary sheet, each city's gap
    table (the figures of `ipkpi report`), a chart per target, and every figure's source.

    The file is written to a temporary file beside it and renamed, so an existing workbook is
    replaced whole or not at all.

    Examples: ipkpi export --city nanjing -o 南京.xlsx;
    ipkpi export --all --as-of 2024 -o summary.xlsx
    """
    from ipkpi.assess import report as reports
    from ipkpi.assess.results import Method
    from ipkpi.catalogue import select
    from ipkpi.output.excel import write_export
    from ipkpi.store.base import resolve_db_path
    from ipkpi.store.sqlite import SQLiteStore

    if output.suffix.lower() != ".xlsx":
        raise typer.BadParameter(
            f"{output.name}: the workbook must be an .xlsx file", param_hint="'--output'"
        )
    if bool(cities) == all_cities:
        raise typer.BadParameter("give --city (one or more) or --all", param_hint="'--city'")
    catalogue = _catalogue(targets)
    year = as_of if as_of is not None else dt.date.today().year
    from ipkpi.run.job import reportable_cities

    chosen = reportable_cities(catalogue) if all_cities else list(dict.fromkeys(cities))
    # an unknown city is a usage error
    plans = [select.report_plan(catalogue, city, None, year) for city in chosen]
    db_path = resolve_db_path(db)
    _require_store(db_path)
    with SQLiteStore(db_path, readonly=True) as store:
        built = [
            reports.build_report(store, p, as_of=year, method=Method(method.value)) for p in plans
        ]
    summary = write_export(output, built, lang=lang.value, made_at=dt.datetime.now().astimezone())
    typer.echo(
        f"wrote {display_path(summary.path)}: {len(summary.sheets)} sheets "
        f"({', '.join(summary.sheets)}), {summary.charts} charts"
    )


RUN_HELP = """Run unattended (from cron or a systemd timer): ingest every new file in the inbox,
then write each city's Excel summary and JSON report, and a run summary.

Everything comes from the configuration file (--config FILE, else $IPKPI_CONFIG, else
ipkpi.toml in the working folder); see the README for its keys. Each file is taken whole
or not at all; a rejected file is moved to the rejected folder beside a note of its
problems and a copy with each bad cell marked red. A city's reports are rewritten only
when its figures changed. Runs and ingests take turns on the store: a run waits for the
lock up to lock_timeout seconds.

Logs go to stderr with timestamps: warnings and errors only when not on a terminal, more
with -v; also to log_file when the configuration names one.

Exit statuses: 0 all done · 1 a file was rejected, or the catalogue is bad · 2 usage or
configuration error, or the store stayed locked · 3 done, but a fail_on status holds.

Examples: ipkpi run; ipkpi run --config /srv/ipkpi/ipkpi.toml -v
"""


@app.command("run", help=RUN_HELP)
def run_command(
    ctx: typer.Context,
    config: Annotated[
        Path | None,
        typer.Option(
            "--config",
            metavar="FILE",
            help="The configuration [default: $IPKPI_CONFIG, else ipkpi.toml here].",
            show_default=False,
        ),
    ] = None,
    verbose: Annotated[
        int, typer.Option("--verbose", "-v", count=True, help="Say more; repeat for more.")
    ] = 0,
    fail_on: Annotated[
        str | None,
        typer.Option(
            "--fail-on",
            metavar="STATUS[,STATUS]",
            help="Exit with status 3 when any target has one of these statuses "
            "[default: the configuration's fail_on].",
            show_default=False,
        ),
    ] = None,
    lock_timeout: Annotated[
        float | None,
        typer.Option(
            "--lock-timeout",
            metavar="SECONDS",
            min=0,
            help="How long to wait for the store [default: the configuration's lock_timeout].",
            show_default=False,
        ),
    ] = None,
) -> None:
    import dataclasses
    import logging

    from ipkpi.run import logs
    from ipkpi.run.config import load_config, resolve_config_path
    from ipkpi.run.job import check_cities, run
    from ipkpi.store.lock import store_lock

    failing = _statuses(fail_on, "--fail-on")
    settings = load_config(resolve_config_path(config))
    if failing is not None:
        settings = dataclasses.replace(settings, fail_on=frozenset(failing))
    if lock_timeout is not None:
        settings = dataclasses.replace(settings, lock_timeout=lock_timeout)
    terminal = sys.stderr.isatty()
    colour = terminal and not os.environ.get("NO_COLOR")
    with logs.run_logging(verbose, settings.log_file, terminal, colour) as log:
        try:
            catalogue = _catalogue(settings.targets)
            check_cities(settings, catalogue)  # before waiting for the lock, not after
            with store_lock(
                settings.store,
                settings.lock_timeout,
                "ipkpi run",
                on_wait=lambda holder: log.info("waiting for the store: %s", holder),
                setting="--lock-timeout" if lock_timeout is not None else "lock_timeout",
            ):
                result = run(settings, catalogue)
        except IpkpiError as exc:
            # Into the log file too: nobody reads the terminal of a cron job.
            if _debug(ctx):
                raise
            for line in exc.lines():
                log.error("Error: %s", line)
            raise typer.Exit(exc.exit_code) from None
        for line in _run_lines(result):
            log.log(logging.INFO if result.exit_status == 0 else logging.WARNING, line)
        if result.rejected:
            log.error("Error: %s", _rejected_line(result, settings.rejected))
        hits = [(f"{city}:{target}", status) for city, target, status in result.fail_on_hits]
        if hits:
            log.error("%s", _fail_on_line(hits))
    if result.exit_status:
        raise typer.Exit(result.exit_status)


def _fail_on_line(hits: list[tuple[str, str]]) -> str:
    """``--fail-on: 2 target(s) with status behind, missed: a, b`` from (target, status);
    tasks (status overdue) are counted apart: ``… and 3 task(s) overdue: …``."""
    targets = [status for _, status in hits if status != "overdue"]
    parts = []
    if targets:
        parts.append(f"{len(targets)} target(s) with status {', '.join(sorted(set(targets)))}")
    if len(targets) < len(hits):
        parts.append(f"{len(hits) - len(targets)} task(s) overdue")
    return f"--fail-on: {' and '.join(parts)}: {', '.join(item for item, _ in hits)}"


def _rejected_line(result, folder: Path) -> str:
    names = ", ".join(display_path(r.source) for r in result.rejected)
    stuck = sum(1 for r in result.rejected if r.moved_to is None)
    if not stuck:
        where = f"moved to {display_path(folder)}"
    elif stuck == len(result.rejected):
        where = "left in the inbox: they could not be moved"
    else:
        where = f"moved to {display_path(folder)}, except {stuck} that could not be moved"
    return f"{len(result.rejected)} file(s) rejected, {where}: {names}"


def _run_lines(result) -> list[str]:
    written = [c.city for c in result.cities if c.written]
    unchanged = [c.city for c in result.cities if not c.written]
    lines = [
        f"files: {len(result.taken)} taken, {len(result.rejected)} rejected, "
        f"{len(result.already)} already ingested, {len(result.waiting)} waiting; "
        f"{sum(f.new for f in result.taken)} new value(s), {len(result.revisions)} revised"
        + (f", {len(result.kept)} kept as not current" if result.kept else ""),
        f"reports: {len(written)} written ({', '.join(written) or '-'}), "
        f"{len(unchanged)} unchanged ({', '.join(unchanged) or '-'})",
    ]
    if result.summary_path is not None:
        lines.append(f"summary: {display_path(result.summary_path)}")
    return lines


def main() -> None:
    app(prog_name="ipkpi")


if __name__ == "__main__":
    main()
