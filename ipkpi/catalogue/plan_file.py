"""Reading one plan file: its TOML, its header, its targets, tasks and reward rules.

Reading collects every problem it finds (file › target › key: what is wrong) instead of
stopping at the first; a file with any problem gives no plan.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from ipkpi.catalogue import units
from ipkpi.catalogue.model import (
    APPLICANT_WORDS,
    COMPARATOR_WORDS,
    DEFAULT_APPROX_TOLERANCE,
    NATURE_WORDS,
    WINDOWED_KINDS,
    Amount,
    AmountKind,
    ApplicantType,
    Baseline,
    Cap,
    CapScope,
    Comparator,
    Condition,
    Direction,
    Kind,
    Nature,
    Once,
    Plan,
    Quantity,
    QuantityType,
    RewardRule,
    Source,
    Target,
    Task,
    Trajectory,
)
from ipkpi.catalogue.schema import (
    AMOUNT_FIELDS,
    AMOUNT_NEEDS,
    BASELINE_FIELDS,
    CAP_FIELDS,
    CITY,
    CONDITION_FIELDS,
    LEVELS,
    MEASURE,
    PLAN_FIELDS,
    PLAN_ID,
    QUANTITY_FIELDS,
    RULE_FIELDS,
    SCHEMA_VERSION,
    TARGET_FIELDS,
    TARGET_ID,
    TASK_FIELDS,
    TOP_FIELDS,
    TYPE_NAMES,
    Field,
    choice,
    describe,
    to_decimal,
    to_fraction,
    type_ok,
)
from ipkpi.errors import CatalogueProblem

_MISSING = object()


class PlanReader:
    """Reads one plan file, collecting problems instead of stopping at the first."""

    def __init__(self, file: Path):
        self.file = file
        self.problems: list[CatalogueProblem] = []
        self.bad_quantities: set[str] = set()  # declared, but with a problem of their own

    def problem(self, message: str, target: str | None = None, key: str | None = None) -> None:
        self.problems.append(CatalogueProblem(self.file, message, target=target, key=key))

    def read(self) -> Plan | None:
        try:
            text = self.file.read_bytes().decode("utf-8")
        except UnicodeDecodeError as exc:
            self.problem(
                f"not UTF-8 text (undecodable byte at offset {exc.start}); save the file as UTF-8"
            )
            return None
        except OSError as exc:
            self.problem(f"cannot read: {exc.strerror}")
            return None
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            self.problem(_toml_message(exc), key=_toml_location(exc))
            return None

        top = self.fields(data, TOP_FIELDS, where=None, prefix="")
        if top is None:
            return None
        if top["schema"] != SCHEMA_VERSION:
            self.problem(
                f"unsupported schema {top['schema']}; this ipkpi reads schema {SCHEMA_VERSION}",
                key="schema",
            )
            return None
        plan_data = self.fields(top["plan"], PLAN_FIELDS, where=None, prefix="plan.")
        if plan_data is None:
            return None
        plan_ok = self.check_plan(plan_data)
        if not any(top.get(key) for key in ("targets", "tasks", "rules")):
            self.problem("the plan has no [[targets]], [[tasks]] or [[rules]]", key="targets")
            return None
        if not plan_ok:
            return None

        targets = []
        for position, raw in enumerate(top.get("targets", []), start=1):
            target = self.read_target(raw, position, plan_data)
            if target is not None:
                targets.append(target)
        self.check_unique(targets, top.get("targets", []))
        tasks = [
            task
            for position, raw in enumerate(top.get("tasks", []), start=1)
            if (task := self.read_task(raw, position, plan_data)) is not None
        ]
        self.check_unique_keys(top.get("tasks", []), "task", ("id", "number"))
        quantities = self.read_quantities(top.get("quantities", {}))
        if top.get("rules") and "quantities" not in top:
            self.problem(
                "rules need a [quantities] table naming what claims give", key="quantities"
            )
        rules = [
            rule
            for position, raw in enumerate(top.get("rules", []), start=1)
            if (rule := self.read_rule(raw, position, plan_data, quantities)) is not None
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
        )

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

    def check_plan(self, plan: dict) -> bool:
        before = len(self.problems)
        if not PLAN_ID.match(plan["id"]):
            self.problem(
                f"{plan['id']!r} is not a valid plan id (lower-case letters, digits, - and _)",
                key="plan.id",
            )
        if not CITY.match(plan["city"]):
            self.problem(
                f"{plan['city']!r} is not a valid city slug (lower-case letters, digits and -)",
                key="plan.city",
            )
        if plan["level"] not in LEVELS:
            self.problem(
                f"unknown level {plan['level']!r}; use one of {', '.join(LEVELS)}",
                key="plan.level",
            )
        if plan["target_year"] < plan["start_year"]:
            self.problem(
                f"target_year {plan['target_year']} is before start_year {plan['start_year']}",
                key="plan.target_year",
            )
        return len(self.problems) == before

    def entry(self, raw: dict, position: int, noun: str, spec: dict[str, Field]):
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

    def read_target(self, raw: dict, position: int, plan: dict) -> Target | None:
        before = len(self.problems)  # an id problem found by entry() counts too
        opened = self.entry(raw, position, "target", TARGET_FIELDS)
        if opened is None:
            return None
        data, where, bad = opened
        kind = choice(data["kind"], Kind, {}, "kind", bad)
        comparator = choice(data["comparator"], Comparator, COMPARATOR_WORDS, "comparator", bad)
        direction = choice(data["direction"], Direction, {}, "direction", bad)
        nature = (
            choice(data["nature"], Nature, NATURE_WORDS, "nature", bad)
            if "nature" in data
            else None
        )
        path = choice(data["path"], Trajectory, {}, "path", bad) if "path" in data else None
        if path is not None and kind is not None and kind not in (Kind.LEVEL, Kind.INCREMENT):
            bad("path", "path applies only to level and increment targets (growth is compound)")
        for key in ("unit", "series_unit"):
            if key in data and not units.is_known(data[key]):
                bad(key, f"unknown unit {data[key]!r}; known units: {', '.join(units.UNITS)}")
        for alias in data.get("unit_aliases", ()):
            if not units.is_known(alias):
                bad(
                    "unit_aliases", f"unknown unit {alias!r}; known units: {', '.join(units.UNITS)}"
                )
            elif alias == data.get("series_unit", data["unit"]):
                bad("unit_aliases", f"{alias!r} is the target's own unit")

        value = data.get("value")
        if kind is Kind.RISE:
            if value is not None:
                bad("value", "a rise target (逐年增加) takes no value")
        elif kind is not None and value is None:
            bad("value", "missing required key")

        if comparator is not None and direction is not None:
            wants = {
                Comparator.GE: Direction.HIGHER,
                Comparator.GT: Direction.HIGHER,
                Comparator.LE: Direction.LOWER,
                Comparator.LT: Direction.LOWER,
            }.get(comparator)
            if wants is not None and wants is not direction:
                bad(
                    "direction",
                    f"comparator {comparator.value} needs direction "
                    f"{wants.value!r}, not {direction.value!r}",
                )
        if kind is Kind.RISE and comparator not in (None, Comparator.GT, Comparator.LT):
            bad(
                "comparator",
                "a rise target compares each year with the one before: use > "
                "(逐年增加) or < (逐年下降)",
            )

        if "measure" in data and not MEASURE.match(data["measure"]):
            bad(
                "measure",
                f"{data['measure']!r} is not a valid measure (lower-case ASCII letters, digits "
                "and _, a narrower definition after a dot: invention_patents_per_10k.high_value)",
            )

        tolerance = data.get("tolerance")
        if tolerance is not None:
            if comparator is not Comparator.APPROX:
                bad("tolerance", "tolerance applies only to the ~ (左右) comparator")
            elif tolerance <= 0:
                bad("tolerance", f"must be positive, got {tolerance}")
        elif comparator is Comparator.APPROX and value is not None:
            tolerance = abs(value) * DEFAULT_APPROX_TOLERANCE

        relative = kind is Kind.GROWTH or (kind is Kind.INCREMENT and data["unit"] == "%")
        if kind is Kind.GROWTH and data["unit"] != "%":
            bad("unit", f"a growth target is a rate: its unit must be %, not {data['unit']!r}")
        if "series_unit" in data:
            if not relative:
                bad("series_unit", "series_unit applies only to growth targets and increments in %")
        elif relative:
            bad(
                "series_unit",
                "missing required key (the unit of the statistic the rate is computed from)",
            )

        target_year = data.get("target_year", plan["target_year"])
        if not plan["start_year"] <= target_year <= plan["target_year"]:
            bad(
                "target_year",
                f"{target_year} is outside the plan window "
                f"{plan['start_year']}–{plan['target_year']}",
            )

        baseline = None
        if "baseline" in data:
            b = self.fields(data["baseline"], BASELINE_FIELDS, where=where, prefix="baseline.")
            if b is not None:
                if b["year"] > target_year:
                    bad(
                        "baseline.year",
                        f"target year {target_year} is before the baseline year {b['year']}",
                    )
                elif b["year"] == target_year:
                    bad(
                        "baseline.year",
                        f"target year {target_year} is the baseline year; the baseline must "
                        "come before it",
                    )
                baseline = Baseline(year=b["year"], value=float(b["value"]), note=b.get("note"))

        window = None
        if "window" in data:
            first, last = data["window"]
            if kind not in WINDOWED_KINDS:
                bad("window", "window applies only to cumulative, annual and average targets")
            elif first > last:
                bad("window", f"first year {first} is after last year {last}")
            elif first < plan["start_year"] or last > target_year:
                bad("window", f"[{first}, {last}] is outside {plan['start_year']}–{target_year}")
            else:
                window = (first, last)
        elif kind in WINDOWED_KINDS:
            window = (plan["start_year"], target_year)

        if len(self.problems) > before or None in (kind, comparator, direction):
            return None
        return Target(
            id=data["id"],
            name=data["name"],
            kind=kind,
            comparator=comparator,
            value=None if value is None else float(value),
            unit=data["unit"],
            target_year=target_year,
            direction=direction,
            category=data["category"],
            source=Source(document=plan["title"], clause=data["clause"], quote=data["quote"]),
            name_en=data.get("name_en"),
            aliases=tuple(data.get("aliases", ())),
            subcategory=data.get("subcategory"),
            lead=tuple(data.get("lead", ())),
            series_unit=data.get("series_unit"),
            window=window,
            baseline=baseline,
            tolerance=None if tolerance is None else float(tolerance),
            nature=nature,
            reading=data.get("reading"),
            measure=data.get("measure"),
            unit_aliases=tuple(data.get("unit_aliases", ())),
            population_basis=data.get("population_basis"),
            path=Trajectory.COMPOUND if kind is Kind.GROWTH else (path or Trajectory.LINEAR),
        )

    # --- tasks -------------------------------------------------------------------------

    def read_task(self, raw: dict, position: int, plan: dict) -> Task | None:
        before = len(self.problems)  # an id problem found by entry() counts too
        opened = self.entry(raw, position, "task", TASK_FIELDS)
        if opened is None:
            return None
        data, _, bad = opened
        deadline = None if data["deadline"] == "ongoing" else data["deadline"]
        starts = data.get("starts")
        window = f"{plan['start_year']}–{plan['target_year']}"
        if deadline is not None and not plan["start_year"] <= deadline.year <= plan["target_year"]:
            bad("deadline", f"{deadline} is outside the plan window {window}")
        if starts is not None:
            if deadline is None:
                bad("starts", "an ongoing task has no start date; give a deadline too")
            elif starts > deadline:
                bad("starts", f"{starts} is after the deadline {deadline}")
        if len(self.problems) > before:
            return None
        return Task(
            id=data["id"],
            number=data["number"].strip(),
            title=data["title"],
            text=data["text"],
            deadline=deadline,
            category=data["category"],
            source=Source(document=plan["title"], clause=data["clause"], quote=data["quote"]),
            title_en=data.get("title_en"),
            starts=starts,
            lead=tuple(data.get("lead", ())),
            coordinating=tuple(data.get("coordinating", ())),
            national=tuple(data.get("national", ())),
            reading=data.get("reading"),
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
                        f"duplicate {noun} {key} {value!r} (first at {noun} #{seen[value]})",
                        target=f"{noun} #{position}",
                        key=key,
                    )
                seen.setdefault(value, position)

    # --- reward rules ---------------------------------------------------------------------

    def read_quantities(self, raw: dict) -> dict[str, Quantity]:
        found = {}
        before = len(self.problems)
        for qid, spec in raw.items():
            where = f"quantities.{qid}"
            if not TARGET_ID.match(qid):
                self.problem(
                    f"{qid!r} is not a valid quantity id (lower-case ASCII letters, digits and _)",
                    key=where,
                )
                continue
            if not isinstance(spec, dict):
                self.problem(f"expected a table, got {describe(spec)}", key=where)
                continue
            data = self.fields(spec, QUANTITY_FIELDS, where=None, prefix=where + ".")
            if data is None:
                continue
            kind = choice(
                data["type"],
                QuantityType,
                {},
                "type",
                lambda k, m, at=where: self.problem(m, key=at + "." + k),
            )
            if kind is None:
                continue
            unit = data.get("unit")
            if unit is not None and not units.is_known(unit):
                self.problem(f"unknown unit {unit!r}", key=where + ".unit")
                continue
            if kind is QuantityType.AMOUNT and unit != "万元":
                self.problem('an amount is in 万元: set unit = "万元"', key=where + ".unit")
                continue
            found[qid] = Quantity(
                qid, data["name"], unit, kind, data.get("name_en"), tuple(data.get("aliases", ()))
            )
        if len(self.problems) > before:
            self.bad_quantities = set(raw) - set(found)
        return found

    def read_rule(
        self, raw: dict, position: int, plan: dict, quantities: dict[str, Quantity]
    ) -> RewardRule | None:
        before = len(self.problems)  # an id problem found by entry() counts too
        opened = self.entry(raw, position, "rule", RULE_FIELDS)
        if opened is None:
            return None
        data, where, bad = opened
        applicants = []
        for word in data["applicants"]:
            kind = choice(word, ApplicantType, APPLICANT_WORDS, "applicants", bad)
            if kind is not None:
                applicants.append(kind)
        unit = data.get("unit", "万元")
        if unit != "万元":
            bad("unit", f"rule amounts are in 万元, not {unit!r}")

        def quantity(key: str, qid: str, wants: QuantityType | tuple[QuantityType, ...]):
            wanted = wants if isinstance(wants, tuple) else (wants,)
            if qid in self.bad_quantities:  # its own problem is reported already
                return
            if qid not in quantities:
                known = ", ".join(quantities) or "(none)"
                bad(key, f"unknown quantity {qid!r}; [quantities] has {known}")
            elif quantities[qid].type not in wanted:
                names = " or ".join(w.value for w in wanted)
                bad(key, f"quantity {qid!r} is a {quantities[qid].type.value}, not a {names}")

        conditions = []
        for n, c in enumerate(data.get("conditions", []), start=1):
            prefix = f"conditions[{n}]."
            c = self.fields(c, CONDITION_FIELDS, where=where, prefix=prefix)
            if c is None:
                continue
            ops = [k for k in ("at_least", "at_most", "is") if k in c]
            if len(ops) != 1:
                bad(prefix + "at_least", "give exactly one of at_least, at_most, is")
                continue
            op = ops[0]
            if op == "is":
                quantity(prefix + "quantity", c["quantity"], QuantityType.FLAG)
                if "of" in c:
                    bad(prefix + "of", "of applies only to at_least and at_most")
                conditions.append(Condition(c["quantity"], "is", c["is"]))
                continue
            quantity(
                prefix + "quantity",
                c["quantity"],
                (QuantityType.COUNT, QuantityType.AMOUNT, QuantityType.GRADE),
            )
            limit = to_fraction(c[op])
            if "of" in c:
                quantity(prefix + "of", c["of"], QuantityType.COUNT)
                if not 0 < limit <= 1:
                    bad(prefix + op, f"a share must lie between 0 and 1, got {c[op]}")
            elif isinstance(c[op], str):
                bad(prefix + op, 'a fraction needs of = "QUANTITY" (the whole it is a share of)')
            conditions.append(
                Condition(c["quantity"], ">=" if op == "at_least" else "<=", limit, c.get("of"))
            )

        amount = None
        a = self.fields(data["amount"], AMOUNT_FIELDS, where=where, prefix="amount.")
        if a is not None:
            kind = choice(a["kind"], AmountKind, {}, "amount.kind", bad)
            if kind is not None:
                needs, qtype = AMOUNT_NEEDS[kind]
                for key in needs:
                    if key not in a:
                        bad(f"amount.{key}", f"missing required key (a {kind.value} amount)")
                for key in set(a) - set(needs) - {"kind"}:
                    bad(f"amount.{key}", f"not used by a {kind.value} amount")
                for key in ("value", "rate", "base"):
                    if key in a and a[key] <= 0:
                        bad(f"amount.{key}", f"must be positive, got {a[key]}")
                if "threshold" in a and a["threshold"] < 1:
                    bad("amount.threshold", f"must be 1 or more, got {a['threshold']}")
                if "grades" in a and any(g <= 0 for g in a["grades"]):
                    bad("amount.grades", "every grade's amount must be positive")
                if qtype is not None and "quantity" in a:
                    quantity("amount.quantity", a["quantity"], qtype)
                amount = Amount(
                    kind,
                    value=to_decimal(a.get("value")),
                    quantity=a.get("quantity"),
                    rate=to_decimal(a.get("rate")),
                    base=to_decimal(a.get("base")),
                    threshold=a.get("threshold"),
                    grades=tuple(to_decimal(g) for g in a.get("grades", ())),
                )

        cap = None
        if "cap" in data:
            c = self.fields(data["cap"], CAP_FIELDS, where=where, prefix="cap.")
            if c is not None:
                per = choice(c["per"], CapScope, {}, "cap.per", bad)
                if c["value"] <= 0:
                    bad("cap.value", f"must be positive, got {c['value']}")
                elif per is not None:
                    cap = Cap(to_decimal(c["value"]), per)
        once = choice(data["once"], Once, {}, "once", bad) if "once" in data else None

        if len(self.problems) > before or amount is None:
            return None
        return RewardRule(
            id=data["id"],
            measure=data["measure"].strip(),
            name=data["name"],
            title=data["title"],
            applicants=tuple(dict.fromkeys(applicants)),
            amount=amount,
            source=Source(document=plan["title"], clause=data["clause"], quote=data["quote"]),
            name_en=data.get("name_en"),
            conditions=tuple(conditions),
            cap=cap,
            once=once,
            lead=tuple(data.get("lead", ())),
            reading=data.get("reading"),
            aliases=tuple(data.get("aliases", ())),
        )

    def check_unique(self, targets: list[Target], raw: list[dict]) -> None:
        positions = {t["id"]: i for i, t in enumerate(raw, start=1) if isinstance(t.get("id"), str)}
        seen: dict[str, int] = {}
        for position, item in enumerate(raw, start=1):
            tid = item.get("id")
            if not isinstance(tid, str):
                continue
            if tid in seen:
                self.problem(
                    f"duplicate target id (first at target #{seen[tid]})",
                    target=f"target #{position} ({tid})",
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
                        f"{name!r} already names target {owner}; a statistic's name "
                        "must match one target only",
                        target=f"target #{positions[target.id]} ({target.id})",
                        key=key,
                    )


def _toml_message(exc: tomllib.TOMLDecodeError) -> str:
    message = getattr(exc, "msg", None) or str(exc).split(" (at ")[0]
    return f"invalid TOML: {message}"


def _toml_location(exc: tomllib.TOMLDecodeError) -> str | None:
    line, col = getattr(exc, "lineno", None), getattr(exc, "colno", None)
    if line is None:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        if not found:
            return None
        line, col = found.groups()
    return f"line {line}, column {col}"
