"""Targets in a plan's indicator table (主要指标表, 专栏1, 表1): one a row, its columns found by
their headings —

=================================  ==========================================
heading                            read as
=================================  ==========================================
指标, 指标名称, 名称                the indicator's name (a unit in it: 名称（件）)
单位, 计量单位                      its unit
2025年目标, 2030年, 目标值          the target (the latest year, or 目标)
2020年实现数, 2025年, 基期, 现状     the baseline (an earlier year, or 基期/现状/实现)
类别, 分类, 领域                    its category (a cell merged down a group)
牵头单位, 责任单位                  its lead department(s), split at 、
属性, 性质                          预期性 → expected, 约束性 → binding
序号                               the row's number (for its clause)
=================================  ==========================================

A value cell is read by ``quantities.read_cell``: 12以上 (≥), 15左右 (≈), 0.93* (a starred
figure, of the year the table's notes give: 带*号均为2019年数), [80] (bracketed: a
cumulative figure, as national plans mark them). A table pasted one cell a line is cut into
rows by its header's width and its 序号 (1, 2, 3 …): the cells before a number are the
labels of the group it opens (类别 and its subgroup).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ipkpi.draft import kinds
from ipkpi.draft.document import Block
from ipkpi.draft.model import Baseline, DraftTarget
from ipkpi.draft.quantities import UNITS, canonical_unit, read_cell
from ipkpi.messages import msg

_YEAR = re.compile(r"(20\d\d)\s*年?")
_UNIT_IN = re.compile(r"[(（]\s*(" + "|".join(re.escape(u) for u in UNITS) + r"|％)\s*[)）]")
_STAR_YEAR = re.compile(r"[*＊※]号?[^，。,;；]*?(20\d\d)\s*年")
_NATURE_ALL = re.compile(r"均为(预期性|约束性)")
_MOSTLY_CUMULATIVE = re.compile(r"除[^，。,;；]{0,10}外[^，。,;；]{0,4}均为累计|均为累计数")
_NATURE = {"预期性": "expected", "约束性": "binding"}
_HEADING_WORD = re.compile(
    r"类别|分类|领域|类型|序号|指标|名称|单位|20\d\d\s*年|目标|基期|基数|基准|现状|属性|性质|牵头|责任|备注"
)


@dataclass
class _Columns:
    name: int | None = None
    unit: int | None = None
    target: int | None = None
    target_year: int | None = None
    base: int | None = None
    base_year: int | None = None
    category: int | None = None
    lead: int | None = None
    nature: int | None = None
    serial: int | None = None
    width: int = 0
    header_unit: str | None = None


def columns_of(header: list[str], plan_target_year: int) -> _Columns | None:
    """The roles of a header's cells; None when it is no indicator table (no name or no
    target column)."""
    cols = _Columns(width=len(header))
    years: list[tuple[int, int, str]] = []  # (column, year, heading)
    for c, raw in enumerate(header):
        text = re.sub(r"\s+", "", raw)
        year = _YEAR.search(text)
        if "序号" in text:
            cols.serial = c
        elif re.search(r"牵头|责任", text):
            cols.lead = c
        elif re.search(r"属性|性质", text):
            cols.nature = c
        elif re.search(r"指标|名称", text) and not year and cols.name is None:
            cols.name = c
        elif re.search(r"类别|分类|领域|类型", text):
            cols.category = c
        elif text in ("单位", "计量单位") or (text.endswith("单位") and len(text) <= 4):
            cols.unit = c
        elif year:
            years.append((c, int(year.group(1)), text))
        elif re.search(r"目标", text):
            cols.target, cols.target_year = c, plan_target_year
        elif re.search(r"基期|基数|基准|现状|现值", text):
            cols.base = c
        unit = _UNIT_IN.search(text)
        if unit and (year or "目标" in text):
            cols.header_unit = canonical_unit(unit.group(1))
    if years:
        goal = [y for y in years if "目标" in y[2]] or [max(years, key=lambda y: y[1])]
        cols.target, cols.target_year = goal[0][0], goal[0][1]
        earlier = [y for y in years if y[1] < cols.target_year]
        if earlier:
            cols.base, cols.base_year = max(earlier, key=lambda y: y[1])[:2]
    if cols.name is None or cols.target is None:
        return None
    return cols


def targets_in(block: Block, clause: str, category: str, plan_target_year: int):
    """The targets of an indicator table (none when it is not one)."""
    rows = _rows(block, plan_target_year)
    if rows is None:
        return []
    cols, body = rows
    notes = " ".join(block.notes)
    star = _STAR_YEAR.search(notes)
    nature_all = _NATURE_ALL.search(notes)
    mostly_cumulative = bool(_MOSTLY_CUMULATIVE.search(notes))
    title = block.text or clause
    found = []
    group, subgroup = category, None
    for n, (labels, row, aligned) in enumerate(body, 1):
        labels = [re.sub(r"\s+", "", x) for x in labels if x.strip()]
        if not block.flat:  # a category column: each row's own (merged cells repeated)
            group = labels[0] if labels else group
        elif len(labels) >= 2:
            group, subgroup = labels[0], labels[1]
        elif labels:
            if labels[0].startswith("知识产权") or (subgroup is None and group == category):
                group, subgroup = labels[0], None
            else:
                subgroup = labels[0]
        row = list(row) + [""] * (cols.width - len(row))
        target = _row_target(row, cols, n, title, group, subgroup)
        if target is None:
            continue
        if not aligned:  # a cell missing or split: which column each figure is in is unsure
            target.value, target.baseline = None, None
            target.review = [msg("draft.review.row_cells", width=cols.width)]
        if star and target.baseline and target.baseline.note == "*":
            target.baseline.year = int(star.group(1))
            target.baseline.note = star.group(0)
        if nature_all and target.nature is None:
            target.nature = _NATURE[nature_all.group(1)]
        if mostly_cumulative and target.unit != "%" and target.kind == "level":
            target.review.append(msg("draft.review.table_cumulative"))
        found.append(target)
    return found


def _rows(block: Block, plan_target_year: int):
    """(columns, [(group labels, cells, whether they line up with the header)]) of a
    table, or None. A row of another width than the header (a name split by a space in a
    PDF's text, a cell left out) does not line up: its figures are not read."""
    if not block.flat:
        for h, header in enumerate(block.rows[:4]):
            cols = columns_of(list(header), plan_target_year)
            if cols is not None:
                body = []
                carried = ""
                for row in block.rows[h + 1 :]:
                    row = list(row)
                    if cols.category == 0 and len(row) == cols.width - 1:
                        row = [carried, *row]  # a merged category cell, written once (a PDF)
                    carried = row[cols.category] if cols.category is not None else ""
                    body.append(([carried] if carried else [], row, len(row) == cols.width))
                return cols, body
        return None
    cells = list(block.rows[0])
    h = next((i for i, c in enumerate(cells) if not _HEADING_WORD.search(c)), len(cells))
    cols = columns_of(cells[:h], plan_target_year)
    if cols is None:
        return None
    body = []
    if cols.serial is None:  # rows of the header's width, no group labels
        for i in range(h, len(cells), cols.width):
            row = cells[i : i + cols.width]
            body.append(([], row, len(row) == cols.width))
        return cols, body
    after = cols.width - cols.serial  # the serial and the cells after it
    shift = cols.serial  # cells before the serial in the header (类别): labels in the body
    expected, labels, i = 1, [], h
    while i < len(cells):
        if cells[i] == str(expected):
            span, following = cells[i : i + after], str(expected + 1)
            # the next row's number inside this one, and not where it should stand: a cell
            # of this row is missing, and the next row starts at that number
            cut = span.index(following, 1) if following in span[1:] else after
            if cut < after and i + after < len(cells) and cells[i + after] == following:
                cut = after  # a figure equal to the next number, in its place
            body.append((labels, [""] * shift + span[:cut], cut == after and len(span) == after))
            labels, i, expected = [], i + cut, expected + 1
        else:
            labels.append(cells[i])
            i += 1
    return cols, body


def _row_target(row, cols: _Columns, n, title, group, subgroup) -> DraftTarget | None:
    name = re.sub(r"\s+", "", row[cols.name]) if cols.name < len(row) else ""
    if not name:
        return None
    unit = None
    m = _UNIT_IN.search(name)
    if m:
        unit, name = canonical_unit(m.group(1)), _UNIT_IN.sub("", name).strip()
    if cols.unit is not None and row[cols.unit].strip():
        unit = canonical_unit(row[cols.unit].strip())
    goal_text = row[cols.target].strip()
    cell = read_cell(goal_text)
    unit = unit or (cell.unit if cell else None) or cols.header_unit
    serial = row[cols.serial].strip() if cols.serial is not None else str(n)
    cells = [c.strip() for i, c in enumerate(row) if i not in (cols.serial, cols.category)]
    quote = " | ".join(c for c in cells if c)
    clause = f"{title}, 第{serial}行"
    target = DraftTarget(
        name=name,
        kind="level",
        comparator=">=",
        value=None,
        unit=unit or "",
        quote=quote,
        clause=clause,
        category=group or title,
        subcategory=subgroup,
        source="table",
    )
    if cols.target_year is not None:
        target.target_year = cols.target_year
    if cols.base is not None:
        base = read_cell(row[cols.base].strip())
        if base is not None:
            year = cols.base_year
            if year is None:
                target.review.append(msg("draft.review.baseline_year"))
                year = (target.target_year or 0) - 5
            target.baseline = Baseline(year, base.value, "*" if base.starred else None)
    if cols.lead is not None and row[cols.lead].strip():
        target.lead = [x.strip() for x in re.split(r"[、，,；;]", row[cols.lead]) if x.strip()]
    if cols.nature is not None:
        target.nature = _NATURE.get(re.sub(r"\s+", "", row[cols.nature]))
    if cell is None:
        target.review.append(msg("draft.review.not_a_number", text=goal_text or "—"))
        return target
    _read_goal(target, cell, name, unit)
    return target


def _read_goal(target: DraftTarget, cell, name: str, unit: str | None) -> None:
    """The target's value, comparator and kind from its cell (12以上, [80], 15左右)."""
    target.value = cell.value
    target.comparator = cell.comparator.op
    target.comparator_word = cell.comparator.word
    if cell.comparator.op in ("<=", "<"):
        target.direction = "lower"
    if not cell.comparator.word:
        target.reading.append(msg("draft.reading.plain_number"))
    if unit is None:
        target.review.append(msg("draft.review.no_unit"))
    target.kind, why = kinds.kind_of(name, "", "", unit or "", False)
    if cell.bracketed:
        target.kind = "cumulative"
    if why is not None:
        target.review.append(why)
    if re.search(r"年均增长|年均增速", name) and unit == "%":
        target.kind = "growth"
