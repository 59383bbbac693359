"""``ipkpi tasks``: where a work plan's tasks stand against their deadlines."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

import typer

from ipkpi.cli import common, options
from ipkpi.cli.emit import drawing, emit, exit_failing
from ipkpi.cli.options import (
    GroupBy,
    Shown,
    answering,
)
from ipkpi.messages import say


@answering(store=True)
def tasks(
    city: options.City,
    as_of: options.Day = None,
    by: Annotated[
        GroupBy | None,
        typer.Option(
            "--by",
            help="help.tasks.by",
            show_default=False,
        ),
    ] = None,
    plan: options.Plan = None,
    fail_on: options.FailOnOverdue = None,
    *,
    shown: Shown,
) -> None:
    """Where each work-plan task stands against its deadline: done on time, done late, open
    (not yet due), overdue (with the days overdue) or ongoing (持续推进, no deadline).

    Progress comes from progress sheets ingested like statistics (ipkpi ingest): a task
    number column, a status column (已完成, 推进中, 未启动, 持续推进) and the completion date.
    A task done on its deadline day is on time; not done, it is overdue from the next day.

    Examples: ipkpi tasks --city shanxi --as-of 2023-12-31; ipkpi tasks --city shanxi
    --by lead; ipkpi tasks --city nanjing -f json; ipkpi tasks --city shanxi --fail-on overdue
    """
    from ipkpi.assess.report import build_tasks
    from ipkpi.catalogue.select import tasks_plan
    from ipkpi.output.text import tasks_text
    from ipkpi.views import tasks as views

    if by is GroupBy.category:
        raise typer.BadParameter(say("E-TASKS-BY"), param_hint="'--by'")
    failing = options.statuses(fail_on, "--fail-on")
    if failing and failing != {"overdue"}:
        raise typer.BadParameter(say("E-TASKS-FAIL-ON"), param_hint="'--fail-on'")
    day = options.day(as_of) or dt.date.today()
    chosen = tasks_plan(common.load(shown.targets), city, day, plan)
    with common.reading(common.store_path(shown.db)) as store:
        result = build_tasks(store, chosen, day)
    by_lead = by is GroupBy.lead
    emit(
        shown,
        document=lambda: views.tasks_document(result, shown.lang),
        csv=lambda: (
            [views.task_csv_row(a, result.plan) for a in result.results],
            views.TASK_CSV_COLUMNS,
        ),
        text=lambda markdown: tasks_text(result, shown.lang, by_lead, markdown=markdown),
        draw=lambda: drawing("print_tasks")(result, shown.lang, by_lead),
    )
    if failing:
        exit_failing([(t.task.id, "overdue") for t in result.overdue])
