"""``ipkpi targets draft``: a catalogue plan drafted from the plan's own text."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from ipkpi.cli import common, options
from ipkpi.cli.options import Lang, Targets
from ipkpi.errors import DraftError, UsageError, display_path
from ipkpi.messages import msg, say, speaking


def targets_draft(
    source: Annotated[
        Path,
        typer.Argument(metavar="SOURCE", help="help.targets.draft.source", show_default=False),
    ],
    city: Annotated[str, typer.Option("--city", "-c", help="help.targets.draft.city")],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PLAN.toml",
            help="help.targets.draft.output",
            show_default=False,
        ),
    ] = None,
    place: Annotated[
        str | None,
        typer.Option("--place", help="help.targets.draft.place", show_default=False),
    ] = None,
    place_en: Annotated[
        str | None,
        typer.Option("--place-en", help="help.targets.draft.place_en", show_default=False),
    ] = None,
    baselines_from: Annotated[
        Path | None,
        typer.Option(
            "--baselines-from",
            metavar="DB",
            help="help.targets.draft.baselines_from",
            show_default=False,
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="help.targets.draft.force")] = False,
    targets: Targets = None,
    lang: Lang = None,
) -> None:
    """Draft a plan file from the plan as published (.txt, .html, .docx, a PDF with text):
    its quantified targets from the indicator tables and sentences, each with its quote.

    Example: ipkpi targets draft plan.docx --city nanjing -o targets/nanjing-2030.toml
    """
    from ipkpi.catalogue.schema import CITY
    from ipkpi.draft import draft
    from ipkpi.draft.toml_text import plan_toml
    from ipkpi.files import write_workbook

    language = options.language(lang)
    if not CITY.match(city):
        raise UsageError(msg("E-CITY-SLUG-INVALID", city=city))
    if not source.is_file():
        raise UsageError(msg("E-FILE-MISSING", path=display_path(source)))
    if output is not None and output.exists() and not force:
        raise UsageError(msg("E-DRAFT-EXISTS", file=display_path(output)))
    drafted = draft(source, city, common.load(targets), place=place, place_en=place_en)
    if not drafted.targets:
        raise DraftError(msg("E-DRAFT-NO-TARGETS", file=source.name))
    if baselines_from is not None:
        from ipkpi.draft.baselines import baselines_from as fill

        with common.reading(baselines_from) as store:
            fill(drafted, store)
    with speaking(language):
        text = plan_toml(drafted, language)
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_workbook(output, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    _say_done(drafted, output, language)


def _say_done(drafted, output: Path | None, language: str) -> None:
    """What was drafted and what to do next: on standard output, or beside the plan file
    on standard error when that is on standard output."""
    rows = sum(t.source == "table" for t in drafted.targets)
    left = sum(t.written_out for t in drafted.targets)
    review = len(drafted.review) + sum(len(t.review) for t in drafted.targets)
    err = output is None
    done = say(
        "draft.done",
        language,
        file=display_path(output) if output is not None else "-",
        targets=len(drafted.targets),
        rows=rows,
        said=len(drafted.targets) - rows,
        review=review,
        left=left,
    )
    typer.echo(done, err=err)
    folder = display_path(output.parent) if output is not None else "DIR"
    typer.echo(say("draft.next", language, folder=folder), err=err)
