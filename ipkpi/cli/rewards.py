"""``ipkpi rewards``: what each claim is due under a place's reward and subsidy rules."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated

import typer

from ipkpi.cli import common, options
from ipkpi.cli.emit import drawing, emit
from ipkpi.cli.options import Shown, answering
from ipkpi.errors import UsageError, display_path
from ipkpi.messages import msg, say


@answering(store=False)
def rewards(
    claims: Annotated[
        Path,
        typer.Argument(
            metavar="CLAIMS.xlsx",
            help="help.rewards.claims",
            show_default=False,
        ),
    ],
    city: options.City,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.xlsx",
            help="help.rewards.output",
            show_default=False,
        ),
    ] = None,
    plan: options.Plan = None,
    *,
    shown: Shown,
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
    from ipkpi.assess.rewards import apply_rules
    from ipkpi.catalogue.select import rules_plan
    from ipkpi.ingest.claims import read_claims
    from ipkpi.output.text import rewards_text
    from ipkpi.views import rewards as views

    if output is not None:
        options.xlsx(output)
    chosen = rules_plan(common.load(shown.targets), city, plan)
    if not claims.is_file():
        raise UsageError(msg("E-FILE-MISSING", path=display_path(claims)))
    result = apply_rules(chosen, read_claims(claims, chosen))
    if output is not None:
        from ipkpi.output.rewards_excel import write_rewards

        write_rewards(output, result, lang=shown.lang, made_at=dt.datetime.now().astimezone())
    emit(
        shown,
        document=lambda: views.rewards_document(result, shown.lang),
        csv=lambda: (
            [views.claim_csv_row(r, chosen) for r in result.results],
            views.CLAIM_CSV_COLUMNS,
        ),
        text=lambda markdown: rewards_text(result, shown.lang, markdown=markdown),
        draw=lambda: drawing("print_rewards")(result, shown.lang),
    )
    if output is not None:
        typer.echo(say("cli.wrote", shown.lang, path=display_path(output)), err=True)
