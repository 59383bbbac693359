"""``ipkpi template`` and ``ipkpi missing``: collecting a year's figures from the lead
departments, and chasing what is still missing."""

from __future__ import annotations

import datetime as dt
from contextlib import nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ipkpi.cli import common, options
from ipkpi.cli.emit import drawing, emit
from ipkpi.cli.options import Db, Lang, Shown, Targets, answering
from ipkpi.errors import UsageError, display_path
from ipkpi.messages import msg, say

if TYPE_CHECKING:
    from ipkpi.catalogue.model import Catalogue, Plan


def _plan_and_year(catalogue: Catalogue, city: str, year: int | None, plan: str | None):
    """The year whose figures are collected (--year, else last year within the plans) and
    the plan for it."""
    from ipkpi.assess.collect import default_year
    from ipkpi.catalogue.select import select_plan

    if year is None:
        year = default_year(catalogue, city, dt.date.today())
    chosen: Plan = select_plan(catalogue, city, plan, as_of=year)
    return chosen, year


def template(
    city: options.City,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.xlsx|DIR",
            help="help.template.output",
            show_default=False,
        ),
    ],
    year: options.FiguresYear = None,
    lead: options.Lead = None,
    each_lead: Annotated[bool, typer.Option("--each-lead", help="help.template.each_lead")] = False,
    plan: options.PlanForYear = None,
    db: Db = None,
    targets: Targets = None,
    lang: Lang = None,
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
    from ipkpi.output.template import template_file_name, write_template
    from ipkpi.store import engines

    if each_lead and lead is not None:
        raise typer.BadParameter(say("E-LEAD-OR-EACH"), param_hint="'--lead'")
    if not each_lead:
        options.xlsx(output)
    if each_lead and not output.is_dir():
        raise UsageError(msg("E-EACH-LEAD-FOLDER", path=display_path(output)))
    chosen, chosen_year = _plan_and_year(common.load(targets), city, year, plan)
    db_path = common.store_path(db)
    there = engines.exists(db_path)
    with engines.open_store(db_path, readonly=True) if there else nullcontext() as store:
        collection = collect(store, chosen, chosen_year, lead)
    if not collection.wanted:
        plan_id, led = collection.plan.id, collection.lead
        raise UsageError(msg("E-TEMPLATE-EMPTY", lead=led, plan=plan_id, year=chosen_year))
    chosen_lang = options.language(lang)
    if each_lead:
        jobs = [(output / template_file_name(c, chosen_lang), c) for c in per_lead(collection)]
    else:
        jobs = [(output, collection)]
    made_at = dt.datetime.now().astimezone()
    for path, one in jobs:
        summary = write_template(path, one, lang=chosen_lang, made_at=made_at)
        fields = {"rows": summary.rows, "year": one.year, "plan": one.plan.id}
        fields.update(path=display_path(summary.path), previous=summary.previous)
        typer.echo(say("cli.template.wrote", chosen_lang, **fields))
    if not there:
        typer.echo(say("cli.template.no_store", chosen_lang, path=display_path(db_path)), err=True)


@answering(store=True)
def missing(
    city: options.City,
    year: options.FiguresYear = None,
    lead: options.Lead = None,
    plan: options.PlanForYear = None,
    fail_on: options.FailOnMissing = None,
    *,
    shown: Shown,
) -> None:
    """Which targets have no figure for the year yet, grouped by lead unit (牵头单位): what to
    chase. A target led jointly is listed under each of its leads.

    A target needs a figure for a year when it is assessed on it: every year of its
    window (累计, 每年, 年均), else every year from its start to its target year.

    Examples: ipkpi missing --city nanjing; ipkpi missing --city guizhou --year 2024
    --lead 省知识产权局; ipkpi missing --city nanjing -f json --fail-on missing
    """
    from ipkpi.assess.collect import collect
    from ipkpi.output.text import missing_text
    from ipkpi.views import missing as views

    if fail_on is not None and fail_on.strip() != "missing":
        raise typer.BadParameter(say("E-MISSING-FAIL-ON"), param_hint="'--fail-on'")
    chosen, chosen_year = _plan_and_year(common.load(shown.targets), city, year, plan)
    with common.reading(common.store_path(shown.db)) as store:
        result = collect(store, chosen, chosen_year, lead)
    emit(
        shown,
        document=lambda: views.missing_document(result, shown.lang),
        csv=lambda: (views.missing_csv_rows(result), views.MISSING_CSV_COLUMNS),
        text=lambda markdown: missing_text(result, shown.lang, markdown),
        draw=(lambda: drawing("print_missing")(result, shown.lang)) if result.missing else None,
    )
    if fail_on is not None and result.missing:
        ids = [w.target.id for w in result.missing]
        said = say("cli.fail_on.missing", n=len(ids), year=chosen_year, ids=ids)
        typer.echo(said, err=True)
        raise typer.Exit(3)
