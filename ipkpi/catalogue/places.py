"""Place names as people write them, reduced to the keys they are matched under.

南京, 南京市 and 江苏省南京市 are Nanjing; 黔东南, 黔东南州 and 黔东南苗族侗族自治州 are one
prefecture; 貴州省 is 贵州省. A name matches with or without its administrative suffix
and a leading province, in traditional or simplified characters, in any case, or through
the ``aliases`` of the plan's header. Used for ``--city`` (``ipkpi.catalogue.select``) and
for the places statistics tables name (``ipkpi.ingest.places``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache

from ipkpi.catalogue.model import PlanHeader
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


def names(header: PlanHeader) -> tuple[str, ...]:
    """Every name the catalogue gives a place: its Chinese and English names, slug, aliases."""
    return (header.place, header.place_en, header.city, *header.aliases)


def place_index(headers: Iterable[PlanHeader]) -> dict[str, str]:
    """Every key a place's names are matched under → the place's slug; a short form two
    places share (none today) names neither."""
    by_key: dict[str, set[str]] = {}
    for header in headers:
        for name in names(header):
            for key in forms(name):
                by_key.setdefault(key, set()).add(header.city)
    return {k: slugs.pop() for k, slugs in by_key.items() if len(slugs) == 1}


def find_place(index: dict[str, str], name: str) -> str | None:
    """The slug of the place ``name`` writes (``place_index``), or None."""
    for key in forms(name):
        slug = index.get(key)
        if slug is not None:
            return slug
    return None
