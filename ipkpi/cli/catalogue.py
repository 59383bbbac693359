"""``ipkpi cities``, ``ipkpi targets show`` and ``ipkpi targets check``: what the
catalogue holds."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ipkpi.cli import common, options
from ipkpi.cli.emit import Table, emit
from ipkpi.cli.options import Lang, Shown, Targets, answering


@answering(store=False)
def cities(*, shown: Shown) -> None:
    """List the places and plans in the catalogue.

    Example: ipkpi cities --format json
    """
    from ipkpi.views import catalogue as views

    catalogue = common.load(shown.targets)
    plans = [p for city in catalogue.cities() for p in catalogue.plans_for(city)]
    rows = [views.city_row(p, shown.lang) for p in plans]
    emit(
        shown,
        document=lambda: views.cities_document(plans),
        csv=lambda: (rows, views.CITY_COLUMNS),
        tables=lambda: [Table(rows, views.CITY_COLUMNS)],
    )


@answering(store=False)
def targets_show(
    city: options.City,
    plan: options.Plan = None,
    as_of: options.PlanYear = None,
    *,
    shown: Shown,
) -> None:
    """Show a plan's targets, grouped by category.

    Examples: ipkpi targets show --city nanjing;
    ipkpi targets show --city guizhou --format json
    """
    from ipkpi.catalogue.select import select_plan
    from ipkpi.views import catalogue as views
    from ipkpi.views.targets import targets_document

    chosen = select_plan(common.load(shown.targets), city, plan, options.this_year(as_of))
    emit(
        shown,
        document=lambda: targets_document(chosen),
        csv=lambda: (
            [views.target_csv_row(chosen, t) for t in chosen.targets],
            views.TARGET_CSV_COLUMNS,
        ),
        tables=lambda: _plan_tables(chosen, shown.lang),
    )


def _plan_tables(plan, lang: str) -> list[Table]:
    """The plan's targets by category, then its tasks, then its reward rules."""
    from ipkpi.views import catalogue as views
    from ipkpi.views.rewards import RULE_COLUMNS, rule_row
    from ipkpi.views.tasks import CATALOGUE_TASK_COLUMNS, catalogue_task_row

    tables = []
    if plan.targets or not (plan.tasks or plan.rules):
        rows = views.by_category([views.target_row(t, lang) for t in plan.targets])
        columns = [c for c in views.TARGET_COLUMNS if c != "id"]
        tables.append(Table(rows, columns, views.plan_title(plan, lang), group="category"))
    if plan.tasks:
        rows = [catalogue_task_row(t, lang) for t in plan.tasks]
        title = views.plan_title(plan, lang, "tasks")
        tables.append(Table(rows, list(CATALOGUE_TASK_COLUMNS), title))
    if plan.rules:
        rows = [rule_row(r, plan, lang) for r in plan.rules]
        tables.append(Table(rows, list(RULE_COLUMNS), views.plan_title(plan, lang, "rules")))
    return tables


def targets_check(
    folder: Annotated[
        Path | None,
        typer.Argument(
            metavar="[DIR]",
            help="help.targets.check.dir",
            show_default=False,
        ),
    ] = None,
    targets: Targets = None,
    lang: Lang = None,  # the language of the run, chosen before parsing (app.IpkpiGroup.main)
) -> None:
    """Validate a catalogue and say what it holds; exit 1 on any problem.

    Example: ipkpi targets check my-targets/
    """
    from ipkpi.catalogue.loader import load_catalogue, resolve_catalogue_dir
    from ipkpi.views.catalogue import check_lines

    if folder is not None:
        catalogue = load_catalogue(resolve_catalogue_dir(folder, origin="DIR"))
    else:
        catalogue = common.load(targets)
    for line in check_lines(catalogue, options.language(lang)):
        typer.echo(line)
