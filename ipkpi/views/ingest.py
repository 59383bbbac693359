"""What an ingest did, in lines for the terminal and the logs: a line per file, the
revisions, the figures kept as not current, a summary; the problems found, as
``错误[E-…]：…`` and ``警告[W-…]：…`` lines (``Error[E-…]: …``, ``Warning[W-…]: …`` in
English). In the language asked for (default: the current one). No I/O.
"""

from __future__ import annotations

from pathlib import Path

from ipkpi.errors import display_path, error_line
from ipkpi.ingest.report import FileReport, IngestReport
from ipkpi.messages import current_lang, msg, say
from ipkpi.store.records import Kept
from ipkpi.store.vintage import word


def _n(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


def kept_text(k: Kept, lang: str | None = None) -> str:
    """A figure kept as not current, in words: ``nanjing … 2023: 60.5 (快报) kept in the
    history; the 正式 figure 60.86 from FILE stays current``."""
    return say(
        "ingest.kept_value",
        lang,
        city=k.city,
        target=k.target_id,
        year=k.year,
        value=_n(k.value),
        vintage=word(k.vintage),
        current_vintage=word(k.current_vintage),
        current=_n(k.current),
        file=display_path(Path(k.current_path)),
    )


def _kept_count(n: int, lang: str) -> str:
    """``, 2 kept as not current``; nothing when none were, so such output is as before."""
    return say("ingest.kept", lang, n=n) if n else ""


def ingest_lines(report: IngestReport, dry_run: bool = False, lang: str | None = None) -> list[str]:
    """What an ingest did, a line per file, then revisions, figures kept as not current
    and a summary line."""
    lang = lang or current_lang()
    lines = []
    for f in report.files:
        lines.append(_file_line(f, lang))
        for r in f.revisions:
            lines.append(
                say(
                    "ingest.revised",
                    lang,
                    city=r.city,
                    target=r.target_id,
                    year=r.year,
                    old=_n(r.old),
                    new=_n(r.new),
                    unit=r.unit,
                    file=display_path(Path(r.old_path)),
                )
            )
        for c in f.task_changes:
            old = c.old + (f" {c.old_completed}" if c.old_completed else "")
            new = c.new + (f" {c.new_completed}" if c.new_completed else "")
            file = display_path(Path(c.old_path))
            lines.append(
                say(
                    "ingest.task_revised",
                    lang,
                    city=c.city,
                    task=c.task_id,
                    old=old,
                    new=new,
                    file=file,
                )
            )
        lines += [say("ingest.not_current", lang, kept=kept_text(k, lang)) for k in f.kept]
    lines.append(_summary(report, dry_run, lang))
    return lines


def _file_line(f: FileReport, lang: str) -> str:
    name = display_path(f.path)
    if f.status == "already":
        return say("ingest.already", lang, file=name)
    if f.status == "rejected":
        return say("ingest.rejected", lang, file=name, n=len(f.problems))
    if f.status == "skipped":
        return say("ingest.skipped", lang, file=name)
    verb = say("ingest.verb.checked" if f.status == "checked" else "ingest.verb.ingested", lang)
    detail = say("ingest.values", lang, n=f.values)
    if f.tasks:
        detail += say("ingest.tasks", lang, n=f.tasks)
    revised = len(f.revisions) + len(f.task_changes)
    detail += say("ingest.counts", lang, new=f.new, revised=revised, unchanged=f.unchanged)
    detail += _kept_count(len(f.kept), lang)
    if f.missing:
        detail += say("ingest.missing", lang, n=f.missing)
    if f.unmatched:
        detail += say("ingest.unmatched", lang, n=len(f.unmatched))
    return say("ingest.taken", lang, verb=verb, file=name, layouts=list(f.layouts), detail=detail)


def _summary(report: IngestReport, dry_run: bool, lang: str) -> str:
    counts = {
        s: sum(1 for f in report.files if f.status == s)
        for s in ("ingested", "checked", "already", "rejected", "skipped")
    }
    fields = {
        "files": len(report.files),
        "already": counts["already"],
        "rejected": counts["rejected"],
        "new": sum(f.new for f in report.files),
        "revised": len(report.revisions) + sum(len(f.task_changes) for f in report.files),
    }
    if dry_run:
        summary = say("ingest.summary.dry_run", lang, checked=counts["checked"], **fields)
    else:
        skipped = msg("ingest.summary.skipped", n=counts["skipped"]) if counts["skipped"] else ""
        summary = say(
            "ingest.summary", lang, ingested=counts["ingested"], skipped=skipped, **fields
        )
    return summary + _kept_count(sum(len(f.kept) for f in report.files), lang)


def ingest_problem_lines(report: IngestReport, lang: str | None = None) -> list[str]:
    """Each problem of a rejected file as ``错误[CODE]：…``, then the rows that matched no
    target (of files not rejected) and the warnings as ``警告[CODE]：…``."""
    lang = lang or current_lang()
    lines = []
    for f in report.files:
        lines += [error_line(p.message.code, p.text(lang), lang) for p in f.problems]
        warnings = [u.warning() for u in f.unmatched] if f.status != "rejected" else []
        warnings += list(f.warnings)
        lines += [error_line(w.code, w.text(lang), lang, kind="warning") for w in warnings]
    return lines
