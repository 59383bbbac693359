"""One value per place, target, year and vintage in a file: which keys a file has given so
far, and the first value of a key given again.

A bit per (year, vintage rank) in one integer per (place, target): a file of a million
values keeps a few thousand integers, not a million keys. Keys given twice are rare (a
table repeated on a second sheet); at the first, an index of the values so far is built,
and kept from then on, so finding the first of each repeat costs no scan.
"""

from __future__ import annotations

from ipkpi.store import vintage
from ipkpi.store.records import Observation

_FIRST_YEAR = 1800  # bits count from here; a year outside the bits goes to the index
_LAST_YEAR = 2399
_RANKS = 3  # vintage.rank: 0 preliminary, 1 unmarked or final, 2 revised


class Given:
    """The values a file gives, in order, at most one per (city, target, year, vintage
    rank): ``add`` an observation, and get None, or the earlier one with its key."""

    def __init__(self) -> None:
        self.values: list[Observation] = []
        self._masks: dict[tuple[str, str], int] = {}
        self._index: dict[tuple[str, str, int, int], int] | None = None

    def add(self, ob: Observation) -> Observation | None:
        """Keep ``ob`` when its key is new (None); else the value given first for it."""
        rank = vintage.rank(ob.vintage)
        year = ob.year
        if self._index is None and _FIRST_YEAR <= year <= _LAST_YEAR:
            series = (ob.city, ob.target_id)
            bit = 1 << ((year - _FIRST_YEAR) * _RANKS + rank)
            mask = self._masks.get(series, 0)
            if not mask & bit:
                self._masks[series] = mask | bit
                self.values.append(ob)
                return None
        index = self._indexed()
        key = (ob.city, ob.target_id, year, rank)
        first = index.get(key)
        if first is not None:
            return self.values[first]
        index[key] = len(self.values)
        self.values.append(ob)
        return None

    def _indexed(self) -> dict[tuple[str, str, int, int], int]:
        if self._index is None:
            rank = vintage.rank
            self._index = {
                (ob.city, ob.target_id, ob.year, rank(ob.vintage)): i
                for i, ob in enumerate(self.values)
            }
        return self._index
