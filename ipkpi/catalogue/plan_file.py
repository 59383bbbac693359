"""Reading one plan file: its TOML, its header, then its targets, tasks and reward rules.

Reading collects every problem it finds (file › target › key: what is wrong) instead of
stopping at the first; a file with any problem gives no plan. The header is checked
here, and that no two entries share an id, a number or a name; each entry is read by
``targets``, ``tasks`` or ``rules``.
"""

from __future__ import annotations

import errno
import re
import tomllib

from ipkpi.catalogue.model import Plan, Target
from ipkpi.catalogue.problems import FileProblems, entry_at
from ipkpi.catalogue.rules import read_quantities, read_rule
from ipkpi.catalogue.schema import (
    CITY,
    LEVELS,
    PLAN_FIELDS,
    PLAN_ID,
    SCHEMA_VERSION,
    STATUSES,
    TOP_FIELDS,
    unknown_word,
)
from ipkpi.catalogue.targets import read_target
from ipkpi.catalogue.tasks import read_task
from ipkpi.limits import MAX_TOML_DEPTH, too_deep
from ipkpi.messages import Message, known, msg


class PlanReader(FileProblems):
    """Reads one plan file, collecting problems instead of stopping at the first."""

    def read(self) -> Plan | None:
        """The plan, or None when the file has any problem (in ``self.problems``)."""
        data = self.parse()
        if data is None:
            return None
        header = self.header(data)
        if header is None:
            return None
        top, plan_data = header
        return self.entries(top, plan_data)

    def parse(self) -> dict | None:
        """The file's TOML, or None when it cannot be read or parsed (a problem recorded)."""
        try:
            text = self.file.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            self.problem(msg("E-FILE-NOT-UTF8", offset=exc.start))
            return None
        except OSError as exc:
            self.problem(msg("E-PLAN-FILE-UNREADABLE", reason=_os_reason(exc)))
            return None
        deep = too_deep(text)
        if deep is not None:
            self.problem(_too_deep(), key=line_column(*deep))
            return None
        try:
            return tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            self.problem(_toml_message(exc), key=_toml_location(exc))
            return None
        except RecursionError:  # nesting the count above did not see
            self.problem(_too_deep())
            return None

    def header(self, data: dict) -> tuple[dict, dict] | None:
        """The top-level tables and the [plan] table, checked; None if either is wrong."""
        top = self.fields(data, TOP_FIELDS, where=None, prefix="")
        if top is None:
            return None
        if top["schema"] != SCHEMA_VERSION:
            self.problem(
                msg("E-SCHEMA-UNSUPPORTED", schema=top["schema"], version=SCHEMA_VERSION),
                key="schema",
            )
            return None
        plan_data = self.fields(top["plan"], PLAN_FIELDS, where=None, prefix="plan.")
        if plan_data is None:
            return None
        plan_ok = self.check_plan(plan_data)
        if not any(top.get(key) for key in ("targets", "tasks", "rules")):
            self.problem(msg("E-PLAN-EMPTY"), key="targets")
            return None
        if not plan_ok:
            return None
        return top, plan_data

    def entries(self, top: dict, plan_data: dict) -> Plan | None:
        """The plan with its targets, tasks, quantities and rules; None after any problem."""
        targets = []
        for position, raw in enumerate(top.get("targets", []), start=1):
            target = read_target(self, raw, position, plan_data)
            if target is not None:
                targets.append(target)
        self.check_unique(targets, top.get("targets", []))
        tasks = [
            task
            for position, raw in enumerate(top.get("tasks", []), start=1)
            if (task := read_task(self, raw, position, plan_data)) is not None
        ]
        self.check_unique_keys(top.get("tasks", []), "task", ("id", "number"))
        quantities, bad_quantities = read_quantities(self, top.get("quantities", {}))
        if top.get("rules") and "quantities" not in top:
            self.problem(msg("E-QUANTITIES-MISSING"), key="quantities")
        rules = [
            rule
            for position, raw in enumerate(top.get("rules", []), start=1)
            if (rule := read_rule(self, raw, position, plan_data, quantities, bad_quantities))
            is not None
        ]
        self.check_unique_keys(top.get("rules", []), "rule", ("id", "name"))
        if self.problems:
            return None
        return Plan(
            id=plan_data["id"],
            city=plan_data["city"],
            place=plan_data["place"],
            place_en=plan_data["place_en"],
            level=plan_data["level"],
            title=plan_data["title"],
            start_year=plan_data["start_year"],
            target_year=plan_data["target_year"],
            file=self.file,
            targets=tuple(targets),
            tasks=tuple(tasks),
            rules=tuple(rules),
            quantities=tuple(quantities.values()),
            document_number=plan_data.get("document_number"),
            issued=plan_data.get("issued"),
            source=plan_data.get("source"),
            notes=plan_data.get("notes"),
            aliases=tuple(plan_data.get("aliases", ())),
            status=plan_data.get("status"),
        )

    def check_plan(self, plan: dict) -> bool:
        """The [plan] table's id, city slug, level and years; True if all is well."""
        before = len(self.problems)
        if not PLAN_ID.match(plan["id"]):
            self.problem(msg("E-PLAN-ID-INVALID", id=plan["id"]), key="plan.id")
        if not CITY.match(plan["city"]):
            self.problem(msg("E-CITY-SLUG-INVALID", city=plan["city"]), key="plan.city")
        if plan["level"] not in LEVELS:
            self.problem(unknown_word("level", plan["level"], LEVELS), key="plan.level")
        if plan.get("status", "draft") not in STATUSES:
            self.problem(unknown_word("status", plan["status"], STATUSES), key="plan.status")
        if plan["target_year"] < plan["start_year"]:
            self.problem(
                msg(
                    "E-PLAN-YEARS",
                    target_year=plan["target_year"],
                    start_year=plan["start_year"],
                ),
                key="plan.target_year",
            )
        return len(self.problems) == before

    def check_unique(self, targets: list[Target], raw: list[dict]) -> None:
        """No two [[targets]] share an id, and no name or alias names two targets."""
        positions = {t["id"]: i for i, t in enumerate(raw, start=1) if isinstance(t.get("id"), str)}
        seen: dict[str, int] = {}
        for position, item in enumerate(raw, start=1):
            tid = item.get("id")
            if not isinstance(tid, str):
                continue
            if tid in seen:
                self.problem(
                    msg("E-ID-DUPLICATE", first=entry_at("target", seen[tid])),
                    target=entry_at("target", position, tid),
                    key="id",
                )
            else:
                seen[tid] = position
        names: dict[str, str] = {}
        for target in targets:
            for key, name in [("name", target.name)] + [("aliases", a) for a in target.aliases]:
                owner = names.setdefault(name, target.id)
                if owner != target.id:
                    self.problem(
                        msg("E-NAME-DUPLICATE", name=name, owner=owner),
                        target=entry_at("target", positions[target.id], target.id),
                        key=key,
                    )

    def check_unique_keys(self, raw: list[dict], noun: str, keys: tuple[str, ...]) -> None:
        """No two [[tasks]] or [[rules]] share an id (or a number, a name)."""
        for key in keys:
            seen: dict[str, int] = {}
            for position, item in enumerate(raw, start=1):
                value = item.get(key)
                if not isinstance(value, str):
                    continue
                value = value.strip()
                if value in seen:
                    self.problem(
                        msg(
                            "E-ENTRY-DUPLICATE",
                            noun=msg(f"catalogue.noun.{noun}"),
                            key=key,
                            value=value,
                            first=entry_at(noun, seen[value]),
                        ),
                        target=entry_at(noun, position),
                        key=key,
                    )
                seen.setdefault(value, position)


# What the system says when a file cannot be read, for the reasons a catalogue meets.
_OS_REASONS = {errno.EACCES: "eacces", errno.EISDIR: "eisdir", errno.ENOENT: "enoent"}


def _os_reason(exc: OSError) -> Message | str:
    """Why a file cannot be read: in Chinese for the usual reasons, else as the system says it."""
    name = _OS_REASONS.get(exc.errno)
    return msg(f"catalogue.os.{name}") if name else str(exc.strerror)


def line_column(line: int | str, column: int | str) -> Message:
    """Where in a file: ``line 3, column 7``, ``第3行第7列``."""
    return msg("catalogue.where.line", line=line, column=column)


def _toml_message(exc: tomllib.TOMLDecodeError) -> Message:
    """``invalid TOML: Invalid value``, tomllib's reason in Chinese where it is one the
    catalogue knows (``catalogue.toml.*``), else as tomllib says it."""
    reason = getattr(exc, "msg", None) or str(exc).split(" (at ")[0]
    for code, (_, en) in known().items():
        if code.startswith("catalogue.toml.") and en == reason:
            return msg("E-TOML-SYNTAX", reason=msg(code))
    return msg("E-TOML-SYNTAX", reason=reason)


def _toml_location(exc: tomllib.TOMLDecodeError) -> Message | None:
    line, col = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    if line is None:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        if not found:
            return None
        line, col = found.groups()
    return line_column(line, col)


def _too_deep() -> Message:
    return msg("E-TOML-TOO-DEEP", depth=MAX_TOML_DEPTH)
