"""Reading a plan's reward rules: its [quantities] and each [[rules]] table.

A quantity is what a claim gives (a count, an amount in 万元, a grade, a flag); a rule
names its applicants, its conditions on quantities, its amount, an optional cap and how
often it pays. Every quantity a rule reads must be declared, and of the type it needs.
"""

from __future__ import annotations

from collections.abc import Callable

from ipkpi.catalogue import units
from ipkpi.catalogue.problems import Bad, FileProblems
from ipkpi.catalogue.rewards import (
    APPLICANT_WORDS,
    Amount,
    AmountKind,
    ApplicantType,
    Cap,
    CapScope,
    Condition,
    Once,
    Quantity,
    QuantityType,
    RewardRule,
)
from ipkpi.catalogue.schema import (
    AMOUNT_FIELDS,
    AMOUNT_NEEDS,
    CAP_FIELDS,
    CONDITION_FIELDS,
    QUANTITY_FIELDS,
    RULE_FIELDS,
    TARGET_ID,
    choice,
    to_decimal,
    to_fraction,
    wrong_type,
)
from ipkpi.catalogue.source import Source
from ipkpi.messages import Message, msg

# Checks that a rule's key names a declared quantity of a wanted type:
# quantity(key, qid, wants).
QuantityCheck = Callable[[str, str, QuantityType | tuple[QuantityType, ...]], None]


def read_quantities(p: FileProblems, raw: dict) -> tuple[dict[str, Quantity], set[str]]:
    """The [quantities] table: the valid quantities by id, and the ids declared with a
    problem of their own (recorded in ``p``)."""
    found = {}
    bad_quantities: set[str] = set()
    before = len(p.problems)
    for qid, spec in raw.items():
        where = f"quantities.{qid}"
        if not TARGET_ID.match(qid):
            p.problem(msg("E-QUANTITY-ID-INVALID", id=qid), key=where)
            continue
        if not isinstance(spec, dict):
            p.problem(wrong_type("table", spec), key=where)
            continue
        data = p.fields(spec, QUANTITY_FIELDS, where=None, prefix=where + ".")
        if data is None:
            continue
        kind = choice(
            data["type"],
            QuantityType,
            {},
            "type",
            lambda k, m, at=where: p.problem(m, key=at + "." + k),
        )
        if kind is None:
            continue
        unit = data.get("unit")
        if unit is not None and not units.is_known(unit):
            p.problem(units.unknown(unit), key=where + ".unit")
            continue
        if kind is QuantityType.AMOUNT and unit != "万元":
            p.problem(msg("E-AMOUNT-UNIT"), key=where + ".unit")
            continue
        found[qid] = Quantity(
            qid, data["name"], unit, kind, data.get("name_en"), tuple(data.get("aliases", ()))
        )
    if len(p.problems) > before:
        bad_quantities = set(raw) - set(found)
    return found, bad_quantities


def read_rule(
    p: FileProblems,
    raw: dict,
    position: int,
    plan: dict,
    quantities: dict[str, Quantity],
    bad_quantities: set[str],
) -> RewardRule | None:
    """The [[rules]] table at ``position``, or None when it has a problem (recorded in
    ``p``); ``bad_quantities`` are declared quantities whose problems are reported already."""
    before = len(p.problems)  # an id problem found by entry() counts too
    opened = p.entry(raw, position, "rule", RULE_FIELDS)
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
        bad("unit", msg("E-RULE-UNIT", unit=unit))
    quantity = _quantity_check(quantities, bad_quantities, bad)
    conditions = _conditions(p, data, where, bad, quantity)
    amount = _amount(p, data, where, bad, quantity)
    cap = _cap(p, data, where, bad)
    once = choice(data["once"], Once, {}, "once", bad) if "once" in data else None

    if len(p.problems) > before or amount is None:
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


def _quantity_check(
    quantities: dict[str, Quantity], bad_quantities: set[str], bad: Bad
) -> QuantityCheck:
    """``quantity(key, qid, wants)``: a problem at ``key`` unless ``qid`` is a declared
    quantity of a type in ``wants`` (none for a quantity whose problem is reported)."""

    def quantity(key: str, qid: str, wants: QuantityType | tuple[QuantityType, ...]):
        wanted = wants if isinstance(wants, tuple) else (wants,)
        if qid in bad_quantities:  # its own problem is reported already
            return
        if qid not in quantities:
            known = list(quantities) or msg("none")
            bad(key, msg("E-QUANTITY-UNKNOWN", id=qid, known=known))
        elif quantities[qid].type not in wanted:
            said = quantity_type(quantities[qid].type)
            bad(key, msg("E-QUANTITY-TYPE", id=qid, type=said, wanted=_either(wanted)))

    return quantity


def quantity_type(kind: QuantityType) -> Message:
    """What a quantity is, in words: count, 件数."""
    return msg(f"catalogue.quantity.{kind.value}")


def _either(kinds: tuple[QuantityType, ...]) -> Message:
    """``count or amount or grade``, ``件数或金额或等级``."""
    said = quantity_type(kinds[-1])
    for kind in reversed(kinds[:-1]):
        said = msg("catalogue.either", first=quantity_type(kind), second=said)
    return said


def _conditions(
    p: FileProblems, data: dict, where: Message, bad: Bad, quantity: QuantityCheck
) -> list[Condition]:
    """A rule's conditions: each at least, at most (a number, or a share of a count) or is."""
    conditions = []
    for n, c in enumerate(data.get("conditions", []), start=1):
        prefix = f"conditions[{n}]."
        c = p.fields(c, CONDITION_FIELDS, where=where, prefix=prefix)
        if c is None:
            continue
        ops = [k for k in ("at_least", "at_most", "is") if k in c]
        if len(ops) != 1:
            bad(prefix + "at_least", msg("E-CONDITION-OPS"))
            continue
        op = ops[0]
        if op == "is":
            quantity(prefix + "quantity", c["quantity"], QuantityType.FLAG)
            if "of" in c:
                bad(prefix + "of", msg("E-CONDITION-OF"))
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
                bad(prefix + op, msg("E-SHARE-RANGE", limit=c[op]))
        elif isinstance(c[op], str):
            bad(prefix + op, msg("E-FRACTION-NEEDS-OF"))
        conditions.append(
            Condition(c["quantity"], ">=" if op == "at_least" else "<=", limit, c.get("of"))
        )
    return conditions


def _amount(
    p: FileProblems, data: dict, where: Message, bad: Bad, quantity: QuantityCheck
) -> Amount | None:
    """A rule's amount: the keys its kind needs, and no others, all positive."""
    a = p.fields(data["amount"], AMOUNT_FIELDS, where=where, prefix="amount.")
    if a is None:
        return None
    kind = choice(a["kind"], AmountKind, {}, "amount.kind", bad)
    if kind is None:
        return None
    needs, qtype = AMOUNT_NEEDS[kind]
    for key in needs:
        if key not in a:
            bad(f"amount.{key}", msg("E-AMOUNT-KEY-MISSING", kind=kind.value))
    for key in set(a) - set(needs) - {"kind"}:
        bad(f"amount.{key}", msg("E-AMOUNT-KEY-UNUSED", kind=kind.value))
    for key in ("value", "rate", "base"):
        if key in a and a[key] <= 0:
            bad(f"amount.{key}", msg("E-NOT-POSITIVE", value=a[key]))
    if "threshold" in a and a["threshold"] < 1:
        bad("amount.threshold", msg("E-THRESHOLD-TOO-SMALL", value=a["threshold"]))
    if "grades" in a and any(g <= 0 for g in a["grades"]):
        bad("amount.grades", msg("E-GRADES-NOT-POSITIVE"))
    if qtype is not None and "quantity" in a:
        quantity("amount.quantity", a["quantity"], qtype)
    return Amount(
        kind,
        value=to_decimal(a.get("value")),
        quantity=a.get("quantity"),
        rate=to_decimal(a.get("rate")),
        base=to_decimal(a.get("base")),
        threshold=a.get("threshold"),
        grades=tuple(to_decimal(g) for g in a.get("grades", ())),
    )


def _cap(p: FileProblems, data: dict, where: Message, bad: Bad) -> Cap | None:
    """A rule's cap: a positive amount per claim, or per applicant and year."""
    cap = None
    if "cap" in data:
        c = p.fields(data["cap"], CAP_FIELDS, where=where, prefix="cap.")
        if c is not None:
            per = choice(c["per"], CapScope, {}, "cap.per", bad)
            if c["value"] <= 0:
                bad("cap.value", msg("E-NOT-POSITIVE", value=c["value"]))
            elif per is not None:
                cap = Cap(to_decimal(c["value"]), per)
    return cap
