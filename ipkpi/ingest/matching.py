"""Match the indicator names statistics sheets use to catalogue targets.

Names are compared after normalising: full-width to half-width (NFKC), no
whitespace or quote marks, traditional characters read as simplified, 每万人口/每万人 read
as 万人, and a trailing parenthesised unit dropped (``商标有效注册量(万件)``)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ipkpi.catalogue import units
from ipkpi.catalogue.model import Plan, Target
from ipkpi.hanzi import simplified

_QUOTES = re.compile(r"[\"'“”‘’「」『』《》〈〉]")
_SPACE = re.compile(r"\s+")
_TRAILING_UNIT = re.compile(r"[(（]([^()（）]+)[)）]$")
_NUMBERING = re.compile(
    r"^(\d+[.、．]|[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）])"
)
_VARIANTS = (("每万人口", "万人"), ("每万人", "万人"), ("万人口", "万人"))


def split_unit(name: str) -> tuple[str, str | None]:
    """``'商标有效注册量(万件)'`` → ``('商标有效注册量', '万件')``; a unit only if it is one."""
    text = unicodedata.normalize("NFKC", name).strip()
    match = _TRAILING_UNIT.search(text)
    if match:
        unit = _SPACE.sub("", match.group(1))
        if unit.startswith("单位:"):
            unit = unit[3:]
        if units.is_known(unit):
            return text[: match.start()].strip(), unit
    return text, None


@lru_cache(maxsize=1 << 15)  # places share most target names: each is normalised once
def normalise(name: str) -> str:
    text, _ = split_unit(simplified(name))
    text = _SPACE.sub("", _QUOTES.sub("", text))
    text = _NUMBERING.sub("", text)
    for old, new in _VARIANTS:
        text = text.replace(old, new)
    return text.lower()


@dataclass(frozen=True)
class Match:
    plan: Plan
    target: Target


class TargetIndex:
    """Every name, alias and id of a city's targets, normalised, → the target."""

    def __init__(self, plans: list[Plan]):
        self._by_key: dict[str, Match] = {}
        self._found: dict[str, Match | None] = {}
        for plan in plans:  # oldest first: a later plan's target of the same name wins
            for target in plan.targets:
                for key in (target.id, target.name, *target.aliases):
                    self._by_key[normalise(key)] = Match(plan, target)

    def find(self, name: str) -> Match | None:
        # A wide sheet asks for the same name once per year column: normalise it once.
        if name not in self._found:
            self._found[name] = self._by_key.get(normalise(name))
        return self._found[name]

    def closest(self, name: str, n: int = 3) -> list[str]:
        """The known names most like ``name``, for the 'did you mean' of an unmatched row."""
        names = {}
        for match in self._by_key.values():
            names[normalise(match.target.name)] = match.target.name
        found = difflib.get_close_matches(normalise(name), list(names), n=n, cutoff=0.4)
        return [names[f] for f in found]
