"""The problems of one plan file, and the checks every table of it shares.

A reader records each problem (file › target › key: what is wrong) and goes on, so one
load reports them all; ``fields`` checks a table's keys and types against its field
table, ``entry`` opens one [[targets]], [[tasks]] or [[rules]] table and checks its id.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ipkpi.catalogue.schema import TARGET_ID, Field, type_ok, wrong_type
from ipkpi.errors import CatalogueProblem
from ipkpi.messages import Message, msg

_MISSING = object()

# Records a problem with one key of an entry: bad(key, message).
Bad = Callable[[str, Message], None]


class FileProblems:
    """The problems found so far in one plan file."""

    def __init__(self, file: Path):
        self.file = file
        self.problems: list[CatalogueProblem] = []

    def problem(
        self, message: Message, target: Message | None = None, key: Message | str | None = None
    ) -> None:
        self.problems.append(CatalogueProblem(self.file, message, target=target, key=key))

    def fields(
        self, data: dict, spec: dict[str, Field], where: Message | None, prefix: str
    ) -> dict | None:
        """Check keys and types against ``spec``; return the data if all is well."""
        ok = True
        for key in data:
            if key not in spec:
                self.problem(msg("E-KEY-UNKNOWN", known=list(spec)), target=where, key=prefix + key)
                ok = False
        for key, field in spec.items():
            value = data.get(key, _MISSING)
            if value is _MISSING:
                if field.required:
                    self.problem(msg("E-KEY-MISSING"), target=where, key=prefix + key)
                    ok = False
                continue
            if not type_ok(field.kind, value):
                self.problem(wrong_type(field.kind, value), target=where, key=prefix + key)
                ok = False
        return data if ok else None

    def entry(
        self, raw: dict, position: int, noun: str, spec: dict[str, Field]
    ) -> tuple[dict, Message, Bad] | None:
        """A [[targets]], [[tasks]] or [[rules]] table's keys and types checked, and its id:
        (data, where, bad) with ``bad(key, message)`` recording a problem there; None when
        its keys or types are wrong (already recorded)."""
        rid = raw.get("id")
        where = entry_at(noun, position, rid if isinstance(rid, str) and rid else None)
        data = self.fields(raw, spec, where=where, prefix="")
        if data is None:
            return None

        def bad(key: str, message: Message) -> None:
            self.problem(message, target=where, key=key)

        if not TARGET_ID.match(data["id"]):
            bad("id", msg("E-ID-INVALID", id=data["id"], noun=msg(f"catalogue.noun.{noun}")))
        return data, where, bad


def entry_at(noun: str, position: int, rid: str | None = None) -> Message:
    """Where an entry is: ``target #3 (foo)``, ``第3个目标（foo）``; ``task #2`` without an id.
    ``noun`` is target, task or rule."""
    said = msg(f"catalogue.noun.{noun}")
    if rid is None:
        return msg("catalogue.where.entry_at", noun=said, n=position)
    return msg("catalogue.where.entry", noun=said, n=position, id=rid)
