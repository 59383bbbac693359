"""The problems of one plan file, and the checks every table of it shares.

A reader records each problem (file › target › key: what is wrong) and goes on, so one
load reports them all; ``fields`` checks a table's keys and types against its field
table, ``entry`` opens one [[targets]], [[tasks]] or [[rules]] table and checks its id.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ipkpi.catalogue.schema import TARGET_ID, TYPE_NAMES, Field, describe, type_ok
from ipkpi.errors import CatalogueProblem

_MISSING = object()

# Records a problem with one key of an entry: bad(key, message).
Bad = Callable[[str, str], None]


class FileProblems:
    """The problems found so far in one plan file."""

    def __init__(self, file: Path):
        self.file = file
        self.problems: list[CatalogueProblem] = []

    def problem(self, message: str, target: str | None = None, key: str | None = None) -> None:
        self.problems.append(CatalogueProblem(self.file, message, target=target, key=key))

    def fields(
        self, data: dict, spec: dict[str, Field], where: str | None, prefix: str
    ) -> dict | None:
        """Check keys and types against ``spec``; return the data if all is well."""
        ok = True
        for key in data:
            if key not in spec:
                known = ", ".join(spec)
                self.problem(f"unknown key; known keys: {known}", target=where, key=prefix + key)
                ok = False
        for key, field in spec.items():
            value = data.get(key, _MISSING)
            if value is _MISSING:
                if field.required:
                    self.problem("missing required key", target=where, key=prefix + key)
                    ok = False
                continue
            if not type_ok(field.kind, value):
                self.problem(
                    f"expected {TYPE_NAMES[field.kind]}, got {describe(value)}",
                    target=where,
                    key=prefix + key,
                )
                ok = False
        return data if ok else None

    def entry(
        self, raw: dict, position: int, noun: str, spec: dict[str, Field]
    ) -> tuple[dict, str, Bad] | None:
        """A [[targets]], [[tasks]] or [[rules]] table's keys and types checked, and its id:
        (data, where, bad) with ``bad(key, message)`` recording a problem there; None when
        its keys or types are wrong (already recorded)."""
        rid = raw.get("id")
        where = f"{noun} #{position}" + (f" ({rid})" if isinstance(rid, str) and rid else "")
        data = self.fields(raw, spec, where=where, prefix="")
        if data is None:
            return None

        def bad(key: str, message: str) -> None:
            self.problem(message, target=where, key=key)

        if not TARGET_ID.match(data["id"]):
            bad(
                "id",
                f"{data['id']!r} is not a valid {noun} id (lower-case ASCII letters, "
                "digits and _, starting with a letter)",
            )
        return data, where, bad
