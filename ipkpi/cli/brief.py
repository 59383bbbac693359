"""``ipkpi brief``: the assessment report an office hands in, as a Word document."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ipkpi.cli import common, options
from ipkpi.cli.options import Db, Lang, Targets
from ipkpi.errors import display_path, error_line, escape
from ipkpi.messages import msg, say


def brief(
    city: options.City,
    output: Annotated[
        Path,
        typer.Option(
            "--output", "-o", metavar="FILE.docx", help="help.brief.output", show_default=False
        ),
    ],
    as_of: options.AsOfPlan = None,
    plan: options.Plan = None,
    final: Annotated[
        bool | None,
        typer.Option("--final/--annual", help="help.brief.final", show_default=False),
    ] = None,
    db: Db = None,
    targets: Targets = None,
    lang: Lang = None,
) -> None:
    """Write a place's assessment report as a Word document: overview, the indicator table,
    the indicators behind with their readings, the tasks, the data sources.

    Examples: ipkpi brief --city nanjing --as-of 2025 -o 南京市评估报告.docx;
    ipkpi brief --city guizhou --as-of 2024 --annual -o guizhou-2024.docx
    """
    from ipkpi.assess.report import build_report
    from ipkpi.catalogue.select import report_plan
    from ipkpi.output.brief import write_brief
    from ipkpi.views.brief import BEHIND, brief_of

    if output.suffix.lower() != ".docx":
        said = say("E-DOCX", name=escape(output.name))
        raise typer.BadParameter(said, param_hint="'--output'")
    chosen_lang = options.language(lang)
    year = options.this_year(as_of)
    chosen = report_plan(common.load(targets), city, plan, year)
    with common.reading(common.store_path(db)) as store:
        report = build_report(store, chosen, as_of=year)  # with its evidence: the sheets
    written = brief_of(report, chosen_lang, final)
    result = write_brief(output, written)
    behind = sum(a.status in BEHIND for a in report.results)
    said = msg(
        "cli.brief.wrote",
        path=display_path(output),
        kind=written.subtitle,
        n=len(report.results),
        behind=behind,
    )
    typer.echo(said.text(chosen_lang))
    if result.without_charts:
        warning = say("W-BRIEF-NO-CJK-FONT", chosen_lang, n=result.without_charts)
        typer.echo(
            error_line("W-BRIEF-NO-CJK-FONT", warning, chosen_lang, kind="warning"), err=True
        )
