"""What an ingest did, in lines for the terminal and the logs: a line per file, the
revisions, the figures kept as not current, a summary; the problems found. No I/O.
"""

from __future__ import annotations

from pathlib import Path

from ipkpi.errors import display_path
from ipkpi.ingest.report import IngestReport
from ipkpi.store.records import Kept
from ipkpi.store.vintage import word


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def kept_text(k: Kept) -> str:
    """A figure kept as not current, in words: ``nanjing … 2023: 60.5 (快报) kept in the
    history; the 正式 figure 60.86 from FILE stays current``."""
    return (
        f"{k.city} {k.target_id} {k.year}: {_n(k.value)} ({word(k.vintage)}) kept in the "
        f"history; the {word(k.current_vintage)} figure {_n(k.current)} from "
        f"{display_path(Path(k.current_path))} stays current"
    )


def _kept_count(n: int) -> str:
    """``, 2 kept as not current``; nothing when none were, so such output is as before."""
    return f", {n} kept as not current" if n else ""


def ingest_lines(report: IngestReport, dry_run: bool = False) -> list[str]:
    """What an ingest did, a line per file, then revisions, figures kept as not current
    and a summary line."""
    lines = []
    kept_in_all = 0
    for f in report.files:
        kept = f.kept
        kept_in_all += len(kept)
        name = display_path(f.path)
        if f.status == "already":
            lines.append(f"already   {name}: ingested before, nothing new")
        elif f.status == "rejected":
            lines.append(f"rejected  {name}: {len(f.problems)} problem(s), nothing stored")
        elif f.status == "skipped":
            lines.append(f"skipped   {name}: claims for ipkpi rewards, not statistics")
        else:
            verb = "checked " if f.status == "checked" else "ingested"
            read = f"{f.values} values" + (f" and {f.tasks} task report(s)" if f.tasks else "")
            revised = len(f.revisions) + len(f.task_changes)
            detail = f"{read}: {f.new} new, {revised} revised, {f.unchanged} unchanged"
            detail += _kept_count(len(kept))
            if f.missing:
                detail += f"; {f.missing} missing"
            if f.unmatched:
                detail += f"; {len(f.unmatched)} unmatched row(s)"
            lines.append(f"{verb}  {name} ({', '.join(f.layouts)}): {detail}")
        for r in f.revisions:
            lines.append(
                f"  revised {r.city} {r.target_id} {r.year}: {_n(r.old)} → {_n(r.new)} "
                f"{r.unit} (was from {display_path(Path(r.old_path))})"
            )
        for c in f.task_changes:
            old = c.old + (f" {c.old_completed}" if c.old_completed else "")
            new = c.new + (f" {c.new_completed}" if c.new_completed else "")
            lines.append(
                f"  revised {c.city} {c.task_id}: {old} → {new} "
                f"(was from {display_path(Path(c.old_path))})"
            )
        lines += [f"  not current: {kept_text(k)}" for k in kept]
    counts = {
        s: sum(1 for f in report.files if f.status == s)
        for s in ("ingested", "checked", "already", "rejected", "skipped")
    }
    new = sum(f.new for f in report.files)
    revised = len(report.revisions) + sum(len(f.task_changes) for f in report.files)
    summary = (
        f"{len(report.files)} file(s): {counts['ingested']} ingested, "
        f"{counts['already']} already ingested, {counts['rejected']} rejected; "
        f"{new} new value(s), {revised} revised"
    )
    if counts["skipped"]:
        summary = summary.replace(" rejected;", f" rejected, {counts['skipped']} skipped;")
    if dry_run:
        summary = (
            f"dry run, nothing written: {len(report.files)} file(s): "
            f"{counts['checked']} would be ingested, {counts['already']} already "
            f"ingested, {counts['rejected']} rejected; {new} new value(s), {revised} revised"
        )
    lines.append(summary + _kept_count(kept_in_all))
    return lines


def ingest_problem_lines(report: IngestReport) -> list[str]:
    lines = []
    for f in report.files:
        lines += [f"Error: {p}" for p in f.problems]
        lines += [f"Warning: {u}" for u in f.unmatched if f.status != "rejected"]
        lines += [f"Warning: {w}" for w in f.warnings]
    return lines
