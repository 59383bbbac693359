"""Targets stated in sentences: 万人高价值发明专利拥有量达50件, 注册商标年均增长10%以上,
每年组织30家企业开展…贯标认证, 由2020年的26.69万件提高到36万件, 知识产权质押融资额逐年增加.

A paragraph is cut into sentences (。；) and a sentence into clauses (，): a clause holding a
number with a unit (``quantities.QUANTITY``) is a goal, read with what its sentence says
around it — the year it is due (到2025年), the plan period (“十四五”期间, 四年内). What the
plan says it has achieved (a 成就 or 基础 section, 截至…, “十三五”时期…) is passed over.

Nothing is guessed: a clause with two figures of one unit that is not a baseline and a
target (由…提高到…) is drafted with its value left for a person (``DraftTarget.review``);
so is any field a rule is not sure of, with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ipkpi.draft import kinds
from ipkpi.draft.document import Block
from ipkpi.draft.model import Baseline, DraftTarget
from ipkpi.draft.quantities import (
    NUMBER,
    QUANTITY,
    UNIT,
    canonical_unit,
    comparator_around,
    number,
    year_due,
)
from ipkpi.messages import msg

_SENTENCE_END = re.compile(r"(?<=[。；;！？!?])")
# What a plan says it has done, not what it will do.
PAST_SECTION = re.compile(r"成就|基础|回顾|现状|成效|形势|背景|进展")
_PAST = re.compile(r"截至|截止|已经|已达|已建|已有|已形成|已累计|取得了")
_FUTURE = re.compile(r"到\s*20\d\d|至\s*20\d\d|力争|确保|争取|每年|年均|将")
# The five-year plans by name, and the first year of each (十四五: 2021–2025).
FIVE_YEAR_PLANS = {"十三五": 2016, "十四五": 2021, "十五五": 2026, "十六五": 2031}
_PERIOD_NAME = re.compile("|".join(FIVE_YEAR_PLANS))
# Words before an indicator's name that are not part of it.
_LEAD_IN = re.compile(
    r"^(?:\d+[.、．]\s*)?(?:(?:到|至)\s*20\d\d\s*年(?:底|末)?|[“\"]?十[四五六]五[”\"]?(?:期间|时期|末)?|"
    r"[一二三四五六七八九十两\d]+年(?:内|间)|期间|力争|确保|争取|全省|全市|全区|全县|我省|我市|本市|"
    r"其中|实现|使|推动|进一步|积极|努力|基本|在全市|在全省|每年|累计)*"
)
_VERB_TAIL = re.compile(
    r"(?:年均增长|年均增速|累计增长|累计|年均|每年|新增|分别|(?:增长|提高|增加|提升|上升)(?:到|至)|保持在|"
    r"稳定在|控制在|为|达到|达|超过|超|不少于|不低于|不超过|不高于|高于|低于|多于|少于|突破|约)+$"
)
_BASE_AND_GOAL = re.compile(
    rf"[由从]\s*(?:(?P<year>20\d\d)\s*年(?:底|末)?的?)?\s*(?P<base>{NUMBER})\s*(?P<bunit>[^\d\s，,。]{{0,4}}?)"
    rf"\s*(?:提高|增长|增加|提升|上升|扩大|达)(?:到|至)\s*(?P<goal>{NUMBER})"
)
_ONE_OF_A_KIND = re.compile(r"(一支|一个|一批)$")
_RANGE_START = re.compile(rf"{NUMBER}\s*(?:{UNIT}|％)?\s*[至到~～—–-]$")
_RANGE = re.compile(rf"{NUMBER}\s*(?:{UNIT}|％)?\s*[至到~～—–-]\s*{NUMBER}\s*(?:{UNIT}|％)")
# 较2025年提高10个百分点, 比上年增长5%: a change said beside a goal, not a goal of its own
COMPARED = re.compile(
    r"^\s*(?:(?:较|比)\s*(?:20\d\d\s*年(?:底|末)?|上年|去年|基期|[“\"]?十[三四五]五[”\"]?末)"
    r"|同比|与\s*20\d\d\s*年相比)"
)
_MONEY = ("亿元", "万元", "千元", "元")
_RISE_UNITS = (("比重", "%"), ("占比", "%"), ("率", "%"), ("融资", "亿元"), ("交易", "亿元"))


@dataclass(frozen=True)
class Context:
    """Where a paragraph stands: the headings above it, and whether it tells what was done."""

    headings: tuple[str, ...]
    start_year: int
    target_year: int

    @property
    def clause(self) -> str:
        return " / ".join(self.headings)

    @property
    def past(self) -> bool:
        return any(PAST_SECTION.search(h) for h in self.headings)

    @property
    def category(self) -> str:
        return self.headings[-1] if self.headings else ""

    @property
    def goals(self) -> bool:
        return any("目标" in h for h in self.headings)


def sentences(text: str) -> Iterator[str]:
    for sentence in _SENTENCE_END.split(text):
        if sentence.strip():
            yield sentence


def targets_in(block: Block, context: Context) -> list[DraftTarget]:
    """The goals stated in a paragraph."""
    found: list[DraftTarget] = []
    for sentence in sentences(block.text):
        found += _in_sentence(sentence, context, found)
    return found


def _in_sentence(sentence, context: Context, before_it=()) -> list[DraftTarget]:
    """The goals of a sentence; ``before_it``: those of the sentences before it in its
    paragraph (到2028年达到100家；到2030年达到150家: the second names no indicator)."""
    due = year_due(sentence)
    periods = [FIVE_YEAR_PLANS[p] for p in _PERIOD_NAME.findall(sentence)]
    own = any(context.start_year <= p + 4 and p <= context.target_year for p in periods)
    before = any(p + 4 < context.start_year for p in periods)  # “十四五”期间 in a 十五五 plan
    future = (
        own or bool(_FUTURE.search(sentence)) or (due is not None and due >= context.start_year)
    )
    if (context.past or before or _PAST.search(sentence)) and not ((future and not before) or own):
        return []
    if due is not None and due < context.start_year:
        return []  # 到2020年…: a goal of the plan before
    found: list[DraftTarget] = []
    clauses = _clauses(sentence)
    for n, (start, end) in enumerate(clauses):
        clause = sentence[start:end]
        if COMPARED.match(clause) and found:
            found[-1].review.append(msg("draft.review.compared", words=clause.strip()))
            continue
        # The quote starts at the clause that says when (到2025年, “十四五”期间) if that is
        # the one just before: the words a person checks the figure against.
        quote_start = start
        if n and _LEAD_IN.fullmatch(sentence[clauses[n - 1][0] : clauses[n - 1][1]].strip()):
            quote_start = clauses[n - 1][0]
        quote = sentence[quote_start:end].strip()
        quote = re.sub(r"^\d+[.、．]\s*", "", quote)
        said = [*before_it, *found]
        found += _in_clause(clause, quote, sentence, due, context, said[-1:])
    return found


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """(start, end) of each clause, the closing 。 left out; a comma inside 《》, “” or ()
    does not end one."""
    spans, start, depth = [], 0, 0
    for i, ch in enumerate(sentence):
        if ch in "《“(（":
            depth += 1
        elif ch in "》”)）":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in "，,":
            spans.append((start, i))
            start = i + 1
    spans.append((start, len(sentence.rstrip("。；;！？!? "))))
    return [(s, e) for s, e in spans if e > s]


def _in_clause(clause, quote, sentence, due, context, last=()) -> list[DraftTarget]:
    quantities = [m for m in QUANTITY.finditer(clause) if not _inside_title(clause, m.start())]
    if not quantities:
        return _rise(clause, quote, context)
    pair = _BASE_AND_GOAL.search(clause)
    if pair and len(quantities) >= 1:
        goal = next((m for m in quantities if m.start() >= pair.start("goal")), None)
        if goal is not None:
            target = _target(clause, goal, quote, sentence, due, context, previous=None)
            if target is not None:
                year = int(pair.group("year")) if pair.group("year") else None
                target.baseline = Baseline(year or context.start_year - 1, number(pair["base"]))
                if year is None:
                    target.review.append(msg("draft.review.baseline_year"))
                return [target]
    out: list[DraftTarget] = []
    units = [canonical_unit(m.group(2)) for m in quantities]
    previous = None
    for m, unit in zip(quantities, units, strict=True):
        target = _target(clause, m, quote, sentence, due, context, previous, last)
        if target is None:
            continue
        span = _RANGE.search(clause[: m.end()])
        if span is not None and span.end() == m.end():  # 10至15个: a range, not a figure
            target.review.append(msg("draft.review.range", range=span.group(0)))
            target.value = None
        elif units.count(unit) > 1:  # two figures of one unit: which is the goal?
            target.review.append(msg("draft.review.two_numbers"))
            target.value = None
        out.append(target)
        previous = (m, target)
    return out


def _inside_title(clause: str, at: int) -> bool:
    """Whether position ``at`` is inside 《…》 (a document's title)."""
    return clause.rfind("《", 0, at) > clause.rfind("》", 0, at)


def _target(clause, m, quote, sentence, due, context, previous, last=()):
    """The goal a number states (None when it states none: 等12个, 第3名)."""
    unit = canonical_unit(m.group(2))
    value = number(m.group(1))
    before, after = clause[: m.start()], clause[m.end() :]
    if before.rstrip().endswith(("等", "第", "前", "近", "这")):
        return None  # 等12个产业, 第3名, 前10名: a count in a list or a rank, no goal
    if previous is not None:  # 资助40个…共计2000万元: the second's words start after the first
        before = clause[previous[0].end() : m.start()]
    comparator = comparator_around(before, after)
    name, verb_first = _name(before, after, unit, previous)
    if not name and last and not _VERB_TAIL.sub("", _LEAD_IN.sub("", before.strip())).strip():
        name, verb_first = last[0].name, False  # …；到2030年，达到150家: the goal before's
    if not name:
        return None
    kind, why = kinds.kind_of(name, before, sentence, unit, verb_first)
    if _ONE_OF_A_KIND.search(_VERB_TAIL.sub("", before.strip())):
        kind, why = "level", None  # 打造一支不少于100人的…团队: its size
    target = DraftTarget(
        name=name,
        kind=kind,
        comparator=comparator.op,
        value=value,
        unit=unit,
        quote=quote,
        clause=context.clause,
        category=context.category,
        target_year=due if due and due != context.target_year else None,
        comparator_word=comparator.word,
        direction="lower" if comparator.op in ("<=", "<") else "higher",
    )
    if why is not None:
        target.review.append(why)
    if kind == "growth" or (kind == "increment" and unit == "%"):
        target.series_unit = _series_unit(name)
        target.review.append(msg("draft.review.series_unit"))
    if not comparator.word:
        target.reading.append(msg("draft.reading.plain_number"))
    return target


def _name(before: str, after: str, unit: str, previous) -> tuple[str, bool]:
    """The indicator's name, and whether the clause names an action before its number (培育
    N 家…): then the name is the action and what follows the number."""
    head = _LEAD_IN.sub("", before.strip())
    head = re.split(rf"[由从]\s*(?:20\d\d|{NUMBER})", head)[0]  # 由2025年的…提高到: its baseline
    head = _RANGE_START.sub("", head)  # 达到10至(15个): the range is the figure's
    head = _VERB_TAIL.sub("", head).strip(" 　:：")
    tail = re.sub(r"^(?:以上|及以上|左右|以内|以下)", "", after).strip()
    tail = re.split(r"共计|合计|总计|[，,。；;]", tail)[0].strip()
    tail = re.sub(r"^的", "", tail)
    if previous is not None and not re.sub(r"以及|[和及与、并]", "", head):
        head = previous[1].name  # 分别达到1.2万件和8万件: the second is of the same words
    if (
        kinds.ACTION.search(head)
        or kinds.ACTION_FIRST.match(head)
        or not head
        or _ONE_OF_A_KIND.search(head)
    ):
        object_ = tail
        if _ONE_OF_A_KIND.search(head):
            object_ = re.split(r"的", tail)[-1] if "的" in tail else tail
            return object_, False
        return (head + object_).strip(), True
    if previous is not None and unit in _MONEY and not re.search(r"额|金|资金|经费", head):
        head += "金额"
    return head, False


def _series_unit(name: str) -> str:
    """The unit of the statistic a rate is of: money for an amount, else 件."""
    if re.search(r"金额|融资|额$|收入|收益", name):
        return "亿元"
    return "件"


def _rise(clause: str, quote: str, context: Context) -> list[DraftTarget]:
    """逐年增加 / 逐年提高: a rise with no number; in a goals section also the vaguer 进一步扩大,
    实现快速增长 (for a person to confirm)."""
    m = kinds.RISE.search(clause)
    vague = None if m else kinds.VAGUE_RISE.search(clause)
    if m is None and (vague is None or not context.goals):
        return []
    at = (m or vague).start()
    name = _LEAD_IN.sub("", clause[:at].strip()).strip()
    if not name or not re.search(r"比重|占比|额|收益|收入|量|数|率", name):
        return []
    unit = next((u for word, u in _RISE_UNITS if word in name), "万元")
    target = DraftTarget(
        name=name,
        kind="rise",
        comparator=">",
        value=None,
        unit=unit,
        quote=quote,
        clause=context.clause,
        category=context.category,
    )
    target.review.append(msg("draft.review.rise_unit"))
    if m is None:
        target.review.append(msg("draft.review.vague_rise", words=vague.group(0)))
    return [target]
