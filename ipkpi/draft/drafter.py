"""A plan drafted from its own text: the header (title, 文号, window), then the targets of
its indicator tables and of its sentences, in the document's order; a sentence that restates
a table's row (the same figure, unit and year, the same words in its name) confirms the row
instead of adding a target. No network and no language model: the rules are those of
``sentences``, ``tables``, ``kinds`` and ``quantities``, each tested.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from ipkpi.catalogue import units
from ipkpi.draft import sentences, tables
from ipkpi.draft.document import Document
from ipkpi.draft.lines import HEADING
from ipkpi.draft.model import DraftPlan, DraftTarget
from ipkpi.draft.naming import name_ids
from ipkpi.draft.readers import read_document
from ipkpi.messages import msg

_TITLE_WORDS = re.compile(r"规划|方案|意见|要点|计划|措施|纲要")
_QUOTED_TITLE = re.compile(r"《([^》]{4,80})》\s*(?:已经|已|经)")
_NOTICE_TITLE = re.compile(r"印发\s*(.{4,80}?)\s*的通知")
_WINDOW = re.compile(r"[(（]\s*(20\d\d)\s*[—\-–~至到]+\s*(20\d\d)\s*年?\s*[)）]")
_FIVE_YEAR = {"十四五": (2021, 2025), "十五五": (2026, 2030), "十三五": (2016, 2020)}
_NUMBER = re.compile(
    r"(?:^|的通知\s*[(（])\s*([\u4e00-\u9fa5]{1,10}〔\s*20\d\d\s*〕\s*\d+\s*号)\s*(?:[)）]|$)", re.M
)
_ISSUED = re.compile(r"^\s*(20\d\d)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$", re.M)
_PUBLISHED = re.compile(
    r"(?:发布|印发|成文)(?:时间|日期)\s*[:：]\s*(20\d\d)[-/年.](\d{1,2})[-/月.](\d{1,2})"
)
_PLACE = re.compile(r"^(.{1,8}?(?:自治区|省|市|自治州|州|盟|地区|县|区))")


def draft_plan(
    path: Path,
    city: str,
    *,
    known: Iterable = (),
    place: str | None = None,
    place_en: str | None = None,
    level: str | None = None,
) -> DraftPlan:
    """The draft of the plan in ``path`` for ``city`` (its slug). ``known``: the catalogue's
    targets, whose ids and measures a target with the same name takes; ``place``,
    ``place_en`` and ``level``: the place's, when the catalogue knows it (else worked out
    from the title, for review)."""
    document = read_document(path)
    plan = _header(document, city, place, place_en, level)
    plan.targets = _targets(document, plan)
    name_ids(plan.targets, known)
    return plan


def _header(document: Document, city, place, place_en, level) -> DraftPlan:
    text = document.text()
    head = text[:3000]
    review = []
    title = _title(head) or _title(text)
    if title is None:
        title = Path(document.name).stem
        review.append(msg("draft.review.no_title"))
    window = _WINDOW.search(title) or _WINDOW.search(head)
    if window:
        start, end = int(window.group(1)), int(window.group(2))
    else:
        five = next((y for w, y in _FIVE_YEAR.items() if w in title), None)
        five = five or next((y for w, y in _FIVE_YEAR.items() if w in head and w != "十三五"), None)
        if five is None:
            years = [int(y) for y in re.findall(r"到\s*(20\d\d)\s*年", text)]
            end = max(years) if years else 2030
            start = end - 4
            review.append(msg("draft.review.window"))
        else:
            start, end = five
    if place is None:
        m = _PLACE.match(re.sub(r"^[“\"]?", "", title))
        place = m.group(1) if m else city
        review.append(msg("draft.review.place"))
    if level is None:
        level = "province" if re.search(r"省|自治区$", place) else "city"
    number = _NUMBER.search(head)
    issued = _ISSUED.search(head) or _PUBLISHED.search(head)
    return DraftPlan(
        id=f"{city}-{start}-{end}",
        city=city,
        place=place,
        place_en=place_en or city.replace("_", " ").title(),
        level=level,
        title=title,
        start_year=start,
        target_year=end,
        source=document.name,
        document_number=re.sub(r"\s+", "", number.group(1)) if number else None,
        issued="{}-{:02d}-{:02d}".format(*map(int, issued.groups())) if issued else None,
        review=review,
    )


def _title(text: str) -> str | None:
    for pattern in (_NOTICE_TITLE, _QUOTED_TITLE):
        for m in pattern.finditer(text):
            found = re.sub(r"\s+", "", m.group(1)).strip("《》")
            if _TITLE_WORDS.search(found) and "纲要(2021" not in found:
                return found
    for line in text.splitlines()[:40]:
        line = line.strip()
        if (
            6 <= len(line) <= 60
            and _TITLE_WORDS.search(line)
            and not line.endswith("。")
            and not HEADING.match(line)
        ):
            return line
    return None


def _targets(document: Document, plan: DraftPlan) -> list[DraftTarget]:
    headings: list[tuple[int, str]] = []
    found: list[DraftTarget] = []
    for block in document.blocks:
        if block.kind == "heading":
            headings = [h for h in headings if h[0] < block.level] + [(block.level, block.text)]
            continue
        context = sentences.Context(
            tuple(h for _, h in headings), plan.start_year, plan.target_year
        )
        if block.kind == "table":
            found += tables.targets_in(block, context.clause, context.category, plan.target_year)
        else:
            found += sentences.targets_in(block, context)
    for target in found:
        if target.target_year == plan.target_year:
            target.target_year = None
    return _merged(found)


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[\s“”\"《》()（）、，,]", "", text)
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _same_goal(row: DraftTarget, said: DraftTarget) -> bool:
    """Whether a sentence states a table row's goal: the same figure (1.2万人 is 12000人),
    the same year, two pairs of characters of its name in common."""
    if row.value is None or said.value is None or row.target_year != said.target_year:
        return False
    if len(_bigrams(row.name) & _bigrams(said.name)) < 2:
        return False
    try:
        factor = units.conversion_factor(said.unit, row.unit)
    except (KeyError, ValueError):
        return False
    return abs(said.value * factor - row.value) <= 1e-9 * max(1.0, abs(row.value))


def _merged(found: list[DraftTarget]) -> list[DraftTarget]:
    """The targets, a sentence restating a table row folded into the row (its comparator
    word kept where the table gave a plain number), and a goal said twice in the same words
    kept once."""
    rows = [t for t in found if t.source == "table"]
    out: list[DraftTarget] = []
    seen: set[tuple] = set()
    for target in found:
        if target.source == "sentence":
            row = next((r for r in rows if _same_goal(r, target)), None)
            if row is not None:
                row.reading.append(msg("draft.reading.restated", quote=target.quote))
                if not row.comparator_word and target.comparator_word:
                    row.comparator = target.comparator
                    row.comparator_word = target.comparator_word
                    row.direction = target.direction  # 控制在…以内: lower is better
                    row.reading = [r for r in row.reading if r.code != "draft.reading.plain_number"]
                continue
            key = (target.name, target.value, target.unit, target.kind, target.target_year)
            if key in seen:
                continue
            seen.add(key)
        out.append(target)
    return out
