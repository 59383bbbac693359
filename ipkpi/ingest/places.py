"""Place names as statistics tables write them, matched to the catalogue's places.

南京, 南京市 and 江苏省南京市 are Nanjing; 黔东南, 黔东南州 and 黔东南苗族侗族自治州 are one
prefecture; 貴州省 is 贵州省. A name matches with or without its administrative suffix
and a leading province, in traditional or simplified characters, or through the
``aliases`` of the plan's header. Totals (合计, 全省, 总计) are told apart from places.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from ipkpi.catalogue.model import Catalogue
from ipkpi.hanzi import simplified

# The provincial-level divisions, as a prefix to strip (江苏省南京市 → 南京市).
_PROVINCES = tuple(
    [
        "北京市",
        "天津市",
        "上海市",
        "重庆市",
        "河北省",
        "山西省",
        "辽宁省",
        "吉林省",
        "黑龙江省",
        "江苏省",
        "浙江省",
        "安徽省",
        "福建省",
        "江西省",
        "山东省",
        "河南省",
        "湖北省",
        "湖南省",
        "广东省",
        "海南省",
        "四川省",
        "贵州省",
        "云南省",
        "陕西省",
        "甘肃省",
        "青海省",
        "台湾省",
        "内蒙古自治区",
        "广西壮族自治区",
        "西藏自治区",
        "宁夏回族自治区",
        "新疆维吾尔自治区",
        "香港特别行政区",
        "澳门特别行政区",
    ]
)
# One administrative suffix (…族…族自治州 before 州, so 黔东南苗族侗族自治州 → 黔东南).
_SUFFIX = re.compile(
    r"((?:[\u4e00-\u9fff]{1,3}族)*自治(?:州|县|区|旗)|特别行政区|地区|新区|市|省|州|盟|县|区)$"
)
_TOTAL = re.compile(r"^(合计|总计|小计|全省|全市|全区|全州|全国|总计数|汇总)|(合计|总计)$")


@lru_cache(maxsize=4096)
def place_key(name: str) -> str:
    """A name as compared: NFKC, simplified characters, no whitespace, lower case."""
    return simplified("".join(unicodedata.normalize("NFKC", name).split())).lower()


def forms(name: str) -> list[str]:
    """The keys a place name may be matched under, the full name first."""
    key = place_key(name)
    found = [key]
    for province in _PROVINCES:
        if key.startswith(province) and len(key) > len(province):
            found.append(key[len(province) :])
            break
    for form in list(found):
        short = _SUFFIX.sub("", form)
        if short != form and len(short) >= 2:
            found.append(short)
    return list(dict.fromkeys(found))


def is_total(name: str) -> bool:
    """合计, 全省合计, 总计, 全市: a total row, not a place."""
    return bool(_TOTAL.search(place_key(name)))


class Places:
    """Every way the catalogue's places may be written → the place's slug."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.levels: dict[str, str] = {}
        by_key: dict[str, set[str]] = {}
        for header in catalogue.headers:  # headers only: no plan's targets are read for this
            self.levels[header.city] = header.level
            names = (header.place, header.place_en, header.city, *header.aliases)
            for name in names:
                for key in forms(name):
                    by_key.setdefault(key, set()).add(header.city)
        # A short form two places share (none today) names neither.
        self._by_key = {k: slugs.pop() for k, slugs in by_key.items() if len(slugs) == 1}

    def find(self, name: str) -> str | None:
        """The slug of the place ``name`` writes, or None."""
        for key in forms(name):
            slug = self._by_key.get(key)
            if slug is not None:
                return slug
        return None

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
