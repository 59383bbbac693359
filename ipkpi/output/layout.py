"""Fitting a table to the terminal's width: which columns stay, how wide each is, and
where a cell's text may break.

A cell breaks only at a space, after Chinese punctuation (，、；：。）) or before an opening
bracket — never inside a word, a number, a date or a run of Chinese characters, so a
status such as 已完成 or a date such as 2022-12-31 always reads whole on one line. Each
column is at least as wide as its longest unbreakable piece; columns that may go
(``DROP_ORDER``) are dropped, least useful first, until the rest fit; the width left over
goes to the columns whose text is longest (the names).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ipkpi.output.textwidth import display_width

# Columns that may be left out on a narrow terminal, the first to go first. Every other
# column (name, actual, target, status, task, deadline, state, …) always stays.
DROP_ORDER = (
    # the provenance of `data show`: its figures stay, where each came from goes first
    "target_id",
    "ingested_at",
    "city",
    "cell",
    "sheet",
    "file",
    "progress",
    "expected",
    "baseline",
    "unit",
    "progress_reported",
    "coordinating",
    "measure",
    "arithmetic",
    "previous",
    "reading",
    "year",
    "row",
    "gap",
    "lead",
    "why",
)

# Columns whose cells never wrap even when they hold a space (statuses, states).
NEVER_WRAP = frozenset({"status", "state", "eligible", "deadline", "rank", "number"})

# A break is allowed after a space, Chinese closing punctuation or a joining word (和、与、
# 及、或: 培训知识产权学科人才和 / 各类各层次知识产权人才), and before an opening bracket, 占
# or a measure's closing word, 增长、拥有量、登记量、总额、比重 (专利密集型产业增加值 /
# 占GDP / 比重, 每万人口高价值发明专利 / 拥有量 / 增长); the pieces between never split.
_BREAK = re.compile(
    r"(?<=\s)(?=\S)"
    r"|(?<=[，、；：。）》」和与及或])(?=[^\s，、；：。）》」])"
    r"|(?<=[^\s（《「])(?=[（《「占]|增长|拥有量|登记量|总额|比重)"
)

# Each column costs its width plus two spaces of padding and one border; one more border.
BORDER = 3


def pieces(text: str) -> list[str]:
    """``text`` cut where a line may break; the pieces joined give ``text`` back."""
    return [p for p in _BREAK.split(text) if p]


def longest_piece(text: str) -> int:
    return max((display_width(p.rstrip()) for p in pieces(text)), default=0)


def wrap(text: str, width: int) -> str:
    """``text`` in lines of at most ``width`` columns, broken only between pieces."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for piece in pieces(paragraph):
            if line and display_width((line + piece).rstrip()) > width:
                lines.append(line.rstrip())
                line = piece.lstrip()
            else:
                line += piece
            while display_width(line.rstrip()) > width:  # last resort: wider than the screen
                head = _cut(line, width)
                lines.append(head)
                line = line[len(head) :]
        lines.append(line.rstrip())
    return "\n".join(lines)


def _cut(text: str, width: int) -> str:
    """The longest start of ``text`` within ``width`` columns (at least one character)."""
    end = 1
    while end < len(text) and display_width(text[: end + 1]) <= width:
        end += 1
    return text[:end]


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    least: int  # the longest piece that cannot break (or the whole cell if never wrapped)
    most: int  # the longest cell on one line


def measure(key: str, heading: str, cells: Sequence[str]) -> Column:
    texts = [heading, *cells]
    most = max((max(map(display_width, t.split("\n"))) for t in texts), default=0)
    if key in NEVER_WRAP:
        least = max(display_width(heading), *(display_width(c) for c in cells), 1)
    else:
        least = max((longest_piece(t) for t in texts), default=1)
    return Column(key, heading, max(least, 1), max(most, 1))


def fit(columns: Sequence[Column], width: int) -> dict[str, int]:
    """The columns that stay within ``width`` and their widths, in their order."""
    kept = list(columns)
    while True:
        widths = _share(kept, width)
        text = max((c for c in kept if c.key not in NEVER_WRAP), key=lambda c: c.most)
        cramped = widths is None or (
            widths[text.key] < min(text.most, width * 3 // 10) and width < 160
        )
        droppable = [c for c in kept if c.key in DROP_ORDER]
        if not cramped or not droppable:
            return widths if widths is not None else _squeeze(kept, width)
        gone = min(droppable, key=lambda c: DROP_ORDER.index(c.key))
        kept.remove(gone)


def _share(columns: Sequence[Column], width: int) -> dict[str, int] | None:
    """Each column its least width, then the room left to the cheapest to make whole,
    the rest to the widest (the names); None if even the least widths do not fit."""
    room = width - 1 - BORDER * len(columns)
    widths = {c.key: c.least for c in columns}
    room -= sum(widths.values())
    if room < 0:
        return None
    for column in sorted(columns, key=lambda c: c.most - c.least):
        need = column.most - widths[column.key]
        if 0 < need <= room:
            widths[column.key] += need
            room -= need
    growing = [c for c in columns if widths[c.key] < c.most]
    for column in sorted(growing, key=lambda c: c.least - c.most):
        extra = min(room, column.most - widths[column.key])
        widths[column.key] += extra
        room -= extra
    return widths


def _squeeze(columns: Sequence[Column], width: int) -> dict[str, int]:
    """When even the least widths do not fit: the widest column takes what is left."""
    widths = {c.key: c.least for c in columns}
    widest = max(columns, key=lambda c: c.least)
    others = sum(w for k, w in widths.items() if k != widest.key)
    widths[widest.key] = max(width - 1 - BORDER * len(columns) - others, 4)
    return widths
