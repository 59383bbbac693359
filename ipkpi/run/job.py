"""The unattended run (``ipkpi run``): take what arrived in the inbox, refresh every city's
reports, and say what happened in a machine-readable summary.

Nothing is lost, whatever goes wrong:

* the run holds the store's lock (``ipkpi.store.lock``), so two runs never interleave;
* each file is ingested in its own transaction: a bad file is rejected whole and moved to
  the rejected folder with its reasons, and the files after it are still taken;
* every output is written to a temporary file and renamed, so a killed run leaves each
  file either the old one or the new one;
* a city's reports are rewritten only when its figures changed, so a run with nothing new
  leaves the output folder as it was (apart from the run summary).

Progress is logged to the ``ipkpi.run`` logger; the caller decides where it goes.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import time
from pathlib import Path

from ipkpi.assess.report import build_report, failing
from ipkpi.assess.results import Method
from ipkpi.catalogue.model import Catalogue
from ipkpi.catalogue.select import report_plan, reportable_cities
from ipkpi.errors import UsageError, display_path
from ipkpi.files import copy_file, remove_stale_temps, write_text
from ipkpi.ingest.ingester import ingest_file, scan_folder
from ipkpi.ingest.rejects import Rejection, reject
from ipkpi.ingest.report import IngestOptions
from ipkpi.messages import msg
from ipkpi.output.dashboard import write_dashboard
from ipkpi.output.excel import write_export
from ipkpi.output.tables import to_json
from ipkpi.run.config import ConfigError, ConfigProblem, RunConfig
from ipkpi.run.result import CityOutcome, RunResult, TakenFile
from ipkpi.run.summary import RUNS_FOLDER, write_summary
from ipkpi.store.base import Store
from ipkpi.store.engines import open_store
from ipkpi.views.ingest import kept_text
from ipkpi.views.numbers import format_number
from ipkpi.views.report import report_document

log = logging.getLogger("ipkpi.run")


def check_cities(config: RunConfig, catalogue: Catalogue) -> list[str]:
    """The configured cities (by default every city with targets or tasks to report on:
    not one with reward rules only); unknown ones are configuration errors located at the
    ``cities`` key."""
    known = catalogue.cities()
    if config.cities is None:
        return reportable_cities(catalogue)
    unknown = [c for c in config.cities if c not in known]
    if unknown:
        cities = [repr(c) for c in unknown]
        problem = msg("E-CONFIG-CITY-UNKNOWN", cities=cities, known=list(known))
        raise ConfigError([ConfigProblem(config.file, problem, "cities")])
    return list(config.cities)


def run(
    config: RunConfig,
    catalogue: Catalogue,
    *,
    now: dt.datetime | None = None,
    as_of: int | None = None,
) -> RunResult:
    """One unattended run. The caller holds the store lock (``ipkpi.store.lock.store_lock``)."""
    started = now or dt.datetime.now().astimezone()
    cities = check_cities(config, catalogue)
    result = RunResult(config, started)
    _writable_output(config)
    for folder in (config.output, config.output / RUNS_FOLDER, config.rejected):
        result.removed_temps += remove_stale_temps(folder)
    for path in result.removed_temps:
        log.info(msg("log.run.removed", path=display_path(path)))
    with open_store(config.store) as store:
        _take_inbox(config, catalogue, store, result, started)
        year = as_of if as_of is not None else started.year
        try:
            built = []
            for city in cities:
                outcome, report = _refresh_city(config, catalogue, store, city, year, started)
                result.cities.append(outcome)
                built.append(report)
            if config.dashboard is not None:
                _write_dashboard(config, built, started)
            result.finished_at = dt.datetime.now().astimezone()
            result.summary_path = write_summary(result)
        except OSError as exc:  # a full disk: what was taken stays taken; say so, no traceback
            where = display_path(Path(exc.filename or config.output))
            cannot = msg("E-RUN-WRITE", path=where, reason=exc.strerror or str(exc))
            raise UsageError(cannot) from exc
    return result


def _writable_output(config: RunConfig) -> None:
    """The output folder exists (made if need be) and can be written: a configuration
    error before anything is taken, rather than a half-done run."""
    try:
        config.output.mkdir(parents=True, exist_ok=True)
        writable = os.access(config.output, os.W_OK | os.X_OK)
        reason: object = msg("run.permission_denied")
    except OSError as exc:
        writable, reason = False, exc.strerror or str(exc)
    if not writable:
        cannot = msg("E-CONFIG-OUTPUT-UNWRITABLE", path=display_path(config.output), reason=reason)
        raise ConfigError([ConfigProblem(config.file, cannot, "output")])


def inbox_files(config: RunConfig) -> tuple[list[Path], list[Path]]:
    """Files in the inbox (and its subfolders) to look at, and the ones that are not
    workbooks; hidden files, Excel's ``~$`` lock files and the rejected and output
    folders (when inside the inbox) are passed over."""
    return scan_folder(config.inbox, skip=(config.rejected, config.output))


def _take_inbox(
    config: RunConfig, catalogue: Catalogue, store: Store, result: RunResult, started: dt.datetime
) -> None:
    files, result.ignored = inbox_files(config)
    for path in result.ignored:
        log.debug(msg("log.run.ignored", path=display_path(path)))
    settled_before = time.time() - config.settle_seconds
    for path in files:
        try:
            if path.stat().st_mtime > settled_before:
                result.waiting.append(path)
                waiting = msg(
                    "log.run.waiting", path=display_path(path), seconds=config.settle_seconds
                )
                log.info(waiting)
                continue
        except FileNotFoundError:  # taken away while we looked
            continue
        report = ingest_file(path, catalogue, store, IngestOptions())
        if report.status == "already":
            result.already.append(path)
            log.debug(msg("log.run.already", path=display_path(path)))
        elif report.status == "rejected":
            result.rejected.append(_reject(config, report, started))
            result.problem_codes[path] = tuple(p.message.code for p in report.problems)
        elif report.status == "skipped":  # claims for ipkpi rewards: left where they are
            result.ignored.append(path)
            log.debug(msg("log.run.ignored_claims", path=display_path(path)))
        else:
            result.taken.append(_taken(report))


def _reject(config: RunConfig, report, started: dt.datetime) -> Rejection:
    """Move a rejected file away with its note and annotated copy; if it cannot be moved
    (a read-only inbox, a full disk), say so and go on with the next file."""
    path = report.path
    try:
        rejection = reject(path, report.problems, config.rejected, report.sha256, started)
        where = msg("run.moved", path=display_path(rejection.moved_to))
    except OSError as exc:
        where = msg("W-RUN-NOT-MOVED", reason=exc.strerror or str(exc))
        problems = tuple(str(p) for p in report.problems)
        rejection = Rejection(path, None, None, None, where, problems)  # type: ignore[arg-type]
    first = rejection.problems[0] if rejection.problems else ""
    log.warning(
        msg(
            "log.run.rejected",
            path=display_path(path),
            n=len(rejection.problems),
            where=where,
            first=first,
        )
    )
    return rejection


def _taken(report) -> TakenFile:
    warnings = (*report.warnings, *report.unmatched)  # shown when logged and summed up
    kept = report.kept
    log.info(
        msg(
            "log.run.taken",
            path=display_path(report.path),
            values=report.values,
            new=report.new,
            revised=len(report.revisions),
            kept=msg("run.kept", n=len(kept)) if kept else "",
        )
    )
    for warning in warnings:
        log.warning("%s", warning)  # located already: file › sheet › cell
    for r in report.revisions:
        revised = msg(
            "log.run.revised",
            city=r.city,
            target=r.target_id,
            year=r.year,
            old=format_number(r.old),
            new=format_number(r.new),
            unit=r.unit,
        )
        log.info(revised)
    for k in kept:
        log.info(msg("log.run.not_current", kept=kept_text(k)))
    return TakenFile(
        report.path,
        report.sha256 or "",
        report.values,
        report.new,
        report.unchanged,
        report.revisions,
        warnings,
        kept,
    )


def _refresh_city(config, catalogue, store, city: str, year: int, started):
    """Write the city's workbook and JSON report under dated and ``latest`` names, unless
    the latest JSON already holds exactly these figures: (what was done, the report)."""
    plan = report_plan(catalogue, city, None, year)
    built = build_report(
        store, plan, as_of=year, method=Method(config.method), today=started.date()
    )
    document = to_json(report_document(built, config.lang))
    out = config.output
    latest_json, latest_xlsx = out / f"{city}-latest.json", out / f"{city}-latest.xlsx"
    pa = built.assessment
    outcome = dict(
        city=city,
        plan_id=pa.plan.id,
        as_of=pa.as_of,
        counts={status.value: n for status, n in pa.counts().items()},
        failing=tuple(failing(built, config.fail_on)),
    )
    if latest_xlsx.is_file() and _read(latest_json) == document:
        log.debug(msg("log.run.unchanged", city=city))
        return CityOutcome(**outcome, written=False, files=(latest_xlsx, latest_json)), built
    day = started.date().isoformat()
    dated_xlsx, dated_json = out / f"{city}-{day}.xlsx", out / f"{city}-{day}.json"
    write_export(dated_xlsx, [built], lang=config.lang, made_at=started)
    write_text(dated_json, document)
    copy_file(dated_xlsx, latest_xlsx)
    write_text(latest_json, document)  # last: it marks the pair as complete
    log.info(msg("log.run.wrote", xlsx=display_path(dated_xlsx), json=display_path(dated_json)))
    done = CityOutcome(
        **outcome, written=True, files=(dated_xlsx, dated_json, latest_xlsx, latest_json)
    )
    return done, built


def _write_dashboard(config, built, started) -> None:
    """The dashboard of every city reported on (their reports as just built), in the output
    folder (a web folder cron keeps fresh), rewritten each run: it says when it was made."""
    path = write_dashboard(config.output / config.dashboard, built, config.lang, made_at=started)
    log.info(msg("log.run.dashboard", path=display_path(path)))


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except (FileNotFoundError, UnicodeDecodeError):
        return None
