"""Place names as statistics tables write them, matched to the catalogue's places (the
names' keys are ``ipkpi.catalogue.places``'s). Totals (合计, 全省, 总计) are told apart from
places.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from weakref import WeakKeyDictionary

from ipkpi.catalogue.model import Catalogue
from ipkpi.catalogue.places import find_place, place_index, place_key

_TOTAL = re.compile(r"^(合计|总计|小计|全省|全市|全区|全州|全国|总计数|汇总)|(合计|总计)$")


def is_total(name: str) -> bool:
    """合计, 全省合计, 总计, 全市: a total row, not a place."""
    return bool(_TOTAL.search(place_key(name)))


# catalogue → (its places' levels, its place index)
_INDEXES: WeakKeyDictionary = WeakKeyDictionary()


class Places:
    """Every way the catalogue's places may be written → the place's slug."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        # headers only: no plan's targets are read for this; once per catalogue, not per
        # file (a run over an inbox reads hundreds of files against one catalogue)
        known = _INDEXES.get(catalogue)
        if known is None:
            levels = {h.city: h.level for h in catalogue.headers}
            known = _INDEXES[catalogue] = (levels, place_index(catalogue.headers))
        self.levels, self._by_key = known

    def find(self, name: str) -> str | None:
        """The slug of the place ``name`` writes, or None."""
        return find_place(self._by_key, name)

    def named_in(self, texts: Iterable[str]) -> str | None:
        """The one place named in ``texts`` (a title, a sheet name, a file name), or None."""
        keys = [place_key(t) for t in texts]
        found = {
            slug for name, slug in self._by_key.items() if name and any(name in k for k in keys)
        }
        return found.pop() if len(found) == 1 else None

    def province_in(self, texts: Iterable[str]) -> str | None:
        """The place named in ``texts`` when it is a province: what a 全省 row totals."""
        slug = self.named_in(texts)
        return slug if slug is not None and self.levels.get(slug) == "province" else None
