"""``ipkpi compare``: the places whose plans share a measure, side by side."""

from __future__ import annotations

from typing import Annotated

import typer

from ipkpi.cli import common, options
from ipkpi.cli.emit import Table, emit
from ipkpi.cli.options import (
    MethodChoice,
    Shown,
    answering,
)


@answering(store=True)
def compare(
    measure: Annotated[
        str | None,
        typer.Option(
            "--measure",
            "-m",
            help="help.compare.measure",
            show_default=False,
        ),
    ] = None,
    year: options.CompareYear = None,
    method: options.Method = MethodChoice.linear,
    *,
    shown: Shown,
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
    from ipkpi.assess.compare import compare as comparing
    from ipkpi.assess.results import Method
    from ipkpi.views import compare as views

    catalogue = common.load(shown.targets)
    if measure is None:
        rows = views.measure_rows(catalogue, shown.lang)
        emit(
            shown,
            document=lambda: views.measures_document(catalogue),
            csv=lambda: (rows, views.MEASURE_COLUMNS),
            tables=lambda: [Table(rows, views.MEASURE_COLUMNS)],
        )
        return
    with common.reading(common.store_path(shown.db)) as store:
        result = comparing(
            catalogue, store, measure, as_of=options.this_year(year), method=Method(method.value)
        )
    emit(
        shown,
        document=lambda: views.compare_document(result, shown.lang),
        csv=lambda: (views.compare_csv_rows(result), views.COMPARE_CSV_COLUMNS),
        tables=lambda: [
            Table(
                views.compare_rows(result, shown.lang),
                views.COMPARE_COLUMNS,
                views.compare_title(result, shown.lang),
                notes=views.compare_notes(result, shown.lang),
            )
        ],
    )
