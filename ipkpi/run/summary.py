"""The run's machine-readable summary (schema ``ipkpi.run/1``): what was taken, rejected,
left waiting or ignored, the revisions, and each city's outcome, written beside the reports
under ``runs/`` and as ``run-latest.json``.

Its message texts (a taken file's warnings, a rejected file's problems and note) are in the
run's language; beside each, its code in the catalogue (``warning_codes``,
``problem_codes``, ``annotation_note_code``; null for a text that has none yet), for
scripts, whatever the language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ipkpi.files import write_text
from ipkpi.messages import Message
from ipkpi.output.tables import to_json
from ipkpi.run.result import RunResult
from ipkpi.store.address import is_postgres
from ipkpi.store.records import Kept

RUN_SCHEMA = "ipkpi.run/1"
RUNS_FOLDER = "runs"


def summary_document(result: RunResult) -> dict[str, Any]:
    """The run summary (schema ``ipkpi.run/1``), written beside the reports."""
    config = result.config
    return {
        "schema": RUN_SCHEMA,
        "config": str(config.file.resolve()),
        "started_at": result.started_at.isoformat(timespec="seconds"),
        "finished_at": (result.finished_at or result.started_at).isoformat(timespec="seconds"),
        "exit_status": result.exit_status,
        "store": str(config.store if is_postgres(config.store) else config.store.resolve()),
        "inbox": str(config.inbox.resolve()),
        "files": _files(result),
        "revisions": [
            {
                "city": r.city,
                "target_id": r.target_id,
                "year": r.year,
                "old": r.old,
                "new": r.new,
                "unit": r.unit,
                "old_path": r.old_path,
            }
            for r in result.revisions
        ],
        # Only when there are some: a run's summary without any is as it always was.
        **({"kept": [_kept_dict(k) for k in result.kept]} if result.kept else {}),
        "cities": [
            {
                "city": c.city,
                "plan": c.plan_id,
                "as_of": c.as_of,
                "counts": c.counts,
                "written": c.written,
                "files": [str(p) for p in c.files],
            }
            for c in result.cities
        ],
        "fail_on": {
            "statuses": sorted(config.fail_on),
            "hits": [
                {"city": city, "target_id": target, "status": status}
                for city, target, status in result.fail_on_hits
            ],
        },
    }


def _files(result: RunResult) -> dict[str, Any]:
    """The summary's ``files``: what became of each file the run looked at."""
    return {
        "taken": [
            {
                "path": str(f.path),
                "sha256": f.sha256,
                "values": f.values,
                "new": f.new,
                "unchanged": f.unchanged,
                "revised": len(f.revisions),
                **({"kept": len(f.kept)} if f.kept else {}),
                "warnings": [_text(w) for w in f.warnings],
                "warning_codes": [_code(w) for w in f.warnings],
            }
            for f in result.taken
        ],
        "rejected": [
            {
                "path": str(r.source),
                "moved_to": str(r.moved_to) if r.moved_to else None,
                "errors_file": str(r.errors_file) if r.errors_file else None,
                "annotated": str(r.annotated) if r.annotated else None,
                "annotation_note": _text(r.annotation_note),
                "annotation_note_code": _code(r.annotation_note),
                "problems": [_text(p) for p in r.problems],
                "problem_codes": list(result.problem_codes.get(r.source) or map(_code, r.problems)),
            }
            for r in result.rejected
        ],
        "already_ingested": [str(p) for p in result.already],
        "waiting": [str(p) for p in result.waiting],
        "ignored": [str(p) for p in result.ignored],
    }


def _text(said: object) -> str | None:
    """A message's text in the run's language (None stays None)."""
    return None if said is None else str(said)


def _code(said: object) -> str | None:
    """The catalogue code of a message, or of a located problem's message; None for plain
    text and for nothing."""
    for message in (said, getattr(said, "message", None), getattr(said, "warning", None)):
        if isinstance(message, Message):  # a Message, a located problem, an unmatched row
            return message.code
    return None


def _kept_dict(k: Kept) -> dict[str, Any]:
    return {
        "city": k.city,
        "target_id": k.target_id,
        "year": k.year,
        "value": k.value,
        "vintage": k.vintage,
        "current": k.current,
        "current_vintage": k.current_vintage,
        "unit": k.unit,
        "current_path": k.current_path,
    }


def write_summary(result: RunResult) -> Path:
    """Write the run summary under ``runs/`` (a second one in the same second gets its own
    name) and as ``run-latest.json``; returns the dated one."""
    folder = result.config.output / RUNS_FOLDER
    folder.mkdir(exist_ok=True)
    stamp = result.started_at.strftime("%Y-%m-%dT%H%M%S")
    path, n = folder / f"run-{stamp}.json", 2
    while path.exists():  # two runs in one second: keep both
        path, n = folder / f"run-{stamp}-{n}.json", n + 1
    result.summary_path = path
    text = to_json(summary_document(result))
    write_text(path, text)
    write_text(result.config.output / "run-latest.json", text)
    return path
