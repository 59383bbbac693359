"""Vintages of a figure: preliminary (快报) < unmarked = final (正式) < revised (修订).

The vintage, not the order files arrive in, decides which stored figure is current: a figure
becomes current unless the current one ranks above it; within one rank the later file wins.
A 快报 that arrives after the 正式 figure is kept in the history as not current.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from ipkpi.messages import Message, msg, say

PRELIMINARY = "preliminary"  # 快报 / 初步 / 预计
FINAL = "final"  # 正式 / 年报
REVISED = "revised"  # 修订
VINTAGES: tuple[str, ...] = (PRELIMINARY, FINAL, REVISED)

_RANK = {PRELIMINARY: 0, None: 1, FINAL: 1, REVISED: 2}

# The word for each vintage: in Chinese, and in English (None is an unmarked figure).
_LABELS: dict[str | None, tuple[str, str]] = {
    None: ("未标注", "unmarked"),
    PRELIMINARY: ("快报", "preliminary"),
    FINAL: ("正式", "final"),
    REVISED: ("修订", "revised"),
}


def rank(vintage: str | None) -> int:
    """0 preliminary, 1 unmarked or final, 2 revised (an unknown code ranks as unmarked)."""
    return _RANK.get(vintage, 1)


def label(vintage: str | None, lang: str = "zh") -> str:
    """未标注/快报/正式/修订, or unmarked/preliminary/final/revised in English."""
    zh, en = _LABELS.get(vintage, _LABELS[None])
    return zh if lang == "zh" else en


def word(vintage: str | None) -> str:
    """How English lines name a vintage: the word the sheets use (快报, 正式, 修订), or
    ``unmarked``."""
    return label(vintage, "zh") if vintage in VINTAGES else "unmarked"


# --- why a stored figure is or is not current --------------------------------------------------

CURRENT = "current"
CURRENT_ABOVE_LATER = "current_above_later"  # current; a later file's lower vintage kept aside
CURRENT_ABOVE_SAME_FILE = "current_above_same_file"  # current; its file's lower vintage aside
REPLACED = "replaced"  # a later file replaced it
KEPT_AFTER = "kept_after"  # came after a figure of a higher vintage: kept as not current
KEPT_BESIDE = "kept_beside"  # its file also gave a higher vintage: kept as not current


class Standing(NamedTuple):
    """Why one stored figure is or is not current: a stable ``code``, the figure's
    ``vintage`` and the ``other`` vintage the reason names (for the codes that name one)."""

    code: str
    vintage: str | None
    other: str | None = None

    def text(self, lang: str = "en") -> str:
        """``current: 正式 ranks above the later 快报``, ``not current: a 快报 after the 正式
        figure``, …; in Chinese with ``lang="zh"`` (``store.standing.*``)."""
        own, other = _FORMS.get(self.code, ("word", "word"))
        return say(
            f"store.standing.{self.code}",
            lang,
            own=_named(self.vintage, own),
            other=_named(self.other, other),
        )


# How each reason names the figure's vintage and the other one, in English: the word
# (快报, unmarked), a noun (快报, unmarked figure) or with its article (a 快报, an unmarked
# figure); Chinese names each by its label (快报, 未标注).
_FORMS = {
    CURRENT_ABOVE_LATER: ("word", "noun"),
    CURRENT_ABOVE_SAME_FILE: ("word", "noun"),
    KEPT_AFTER: ("a", "word"),
    KEPT_BESIDE: ("a", "word"),
}


def _named(vintage: str | None, form: str) -> Message:
    return msg(f"store.vintage.{form}.{vintage if vintage in VINTAGES else 'unmarked'}")


def standings(rows: Sequence) -> list[Standing]:
    """Why each stored figure is or is not current, one per row, from the rows of its
    (city, target, year): its vintage's rank, then the order of ingestion.

    ``rows`` are stored observations (``city``, ``target_id``, ``year``, ``vintage``,
    ``sha256``, ``current``) with every row of a key next to each other, oldest first, as
    ``Store.observations(history=True)`` gives them. Which figure is current is read from
    the stored flag, never recomputed; the reason for the others is their rank against the
    figures before them and beside them in their file.
    """
    found: list[Standing] = []
    start = 0
    while start < len(rows):
        first = rows[start]
        end = start + 1
        while end < len(rows) and _key(rows[end]) == _key(first):
            end += 1
        found += _standings(rows[start:end])
        start = end
    return found


def _key(row) -> tuple:
    return row.city, row.target_id, row.year


def _standings(rows: Sequence) -> list[Standing]:
    found = []
    for i, row in enumerate(rows):
        mine = rank(row.vintage)
        earlier = [r for r in rows[:i] if r.sha256 != row.sha256]
        later = [r for r in rows[i + 1 :] if r.sha256 != row.sha256]
        same_file = [r for r in rows if r is not row and r.sha256 == row.sha256]
        if row.current:
            lower_later = [r for r in later if rank(r.vintage) < mine]
            lower_here = [r for r in same_file if rank(r.vintage) < mine]
            if lower_later:
                found.append(Standing(CURRENT_ABOVE_LATER, row.vintage, lower_later[-1].vintage))
            elif lower_here:
                found.append(Standing(CURRENT_ABOVE_SAME_FILE, row.vintage, lower_here[-1].vintage))
            else:
                found.append(Standing(CURRENT, row.vintage))
            continue
        higher_before = [r for r in earlier if rank(r.vintage) > mine]
        higher_here = [r for r in same_file if rank(r.vintage) > mine]
        if higher_before:  # it arrived when a higher vintage was there: kept aside
            found.append(Standing(KEPT_AFTER, row.vintage, higher_before[-1].vintage))
        elif higher_here:
            found.append(Standing(KEPT_BESIDE, row.vintage, higher_here[-1].vintage))
        else:
            found.append(Standing(REPLACED, row.vintage))
    return found
