"""Ids for drafted targets: the id (and measure, English name and aliases) of a catalogue
target whose name or alias is the drafted name, so ``ipkpi compare`` puts the new plan
beside the old ones; else an id made of the English words of the name's terms (万人 →
per_10k, 高价值 → high_value, 发明专利 → invention_patents …), for a person to check.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ipkpi.draft.model import DraftTarget

# Terms, longest first where one holds another; each word once in an id.
GLOSSARY: tuple[tuple[str, str], ...] = (
    ("知识产权", "ip"),
    ("知识产权师", "ip_professionals"),
    ("公共服务", "public_service"),
    ("纠纷", "disputes"),
    ("调解", "mediation"),
    ("组织", "organisations"),
    ("覆盖率", "coverage"),
    ("网点", "outlets"),
    ("人数", "count"),
    ("每万人口", "per_10k"),
    ("每万人", "per_10k"),
    ("万人", "per_10k"),
    ("高价值", "high_value"),
    ("发明专利", "invention_patents"),
    ("专利", "patents"),
    ("有效注册商标", "registered_trademarks"),
    ("注册商标", "registered_trademarks"),
    ("商标", "trademarks"),
    ("地理标志", "geographical_indications"),
    ("集成电路布图设计", "ic_layout_designs"),
    ("植物新品种", "plant_varieties"),
    ("著作权", "copyright"),
    ("版权", "copyright"),
    ("作品", "works"),
    ("登记", "registrations"),
    ("拥有量", "owned"),
    ("质押", "pledge"),
    ("融资", "financing"),
    ("交易", "trade"),
    ("转让", "transfers"),
    ("许可", "licences"),
    ("运营", "operation"),
    ("转化", "conversion"),
    ("导航", "navigation"),
    ("贯标", "management_standard"),
    ("认证", "certification"),
    ("优势示范企业", "advantage_enterprises"),
    ("示范", "demonstration"),
    ("企业", "enterprises"),
    ("高校", "universities"),
    ("服务机构", "service_agencies"),
    ("机构", "agencies"),
    ("中心", "centres"),
    ("平台", "platforms"),
    ("人才", "talent"),
    ("从业人员", "employees"),
    ("专利代理师", "patent_attorneys"),
    ("培训", "training"),
    ("培育", "cultivated"),
    ("奖", "awards"),
    ("品牌", "brands"),
    ("老字号", "time_honored_brands"),
    ("满意度", "satisfaction"),
    ("结案率", "case_closure_rate"),
    ("密集型产业", "intensive_industries"),
    ("增加值", "value_added"),
    ("比重", "share"),
    ("占比", "share"),
    ("收入", "revenue"),
    ("收益", "income"),
    ("金额", "amount"),
    ("总额", "total"),
    ("研发", "rd"),
    ("经费", "expenditure"),
    ("技术合同", "technology_contracts"),
    ("保护", "protection"),
    ("案件", "cases"),
    ("项目", "projects"),
    ("数字档案", "digital_archives"),
    ("增长", "growth"),
    ("新增", "new"),
)
_WORDS = 5  # at most, in an id
_LEAD = re.compile(r"^(?:新增|累计|每年|年均)")  # the kind's word, not the indicator's name


def _key(text: str) -> str:
    return re.sub(r"[\s“”\"'《》()（）、，,·]", "", text).lower()


def made_id(name: str) -> str:
    """An id from the English words of ``name``'s terms, in the name's order: 万人高价值发明专利
    拥有量 → per_10k_high_value_invention_patents_owned; ``target`` when no term is known."""
    rest = name
    found: list[tuple[int, str]] = []
    for term, word in sorted(GLOSSARY, key=lambda g: -len(g[0])):
        at = rest.find(term)
        while at >= 0:
            found.append((at, word))
            rest = rest[:at] + " " * len(term) + rest[at + len(term) :]
            at = rest.find(term)
    words: list[str] = []
    for _, word in sorted(found):
        for part in word.split("_"):
            if part not in words:
                words.append(part)
    return "_".join(words[: _WORDS * 2]) or "target"


def name_ids(targets: list[DraftTarget], known: Iterable) -> None:
    """Give each target an id, unique in the plan: a catalogue target's (``known``: its
    targets, of any plan) when the drafted name is its name or one of its aliases, with
    its measure, English name and aliases; else a made one."""
    by_name: dict[str, object] = {}
    for t in known:
        for name in (t.name, *t.aliases):
            by_name.setdefault(_key(name), t)
    used: set[str] = set()
    for target in targets:
        same = by_name.get(_key(target.name)) or by_name.get(_key(_LEAD.sub("", target.name)))
        if same is not None:
            target.id = same.id
            target.measure = same.measure
            target.name_en = same.name_en
            target.aliases = [a for a in (same.name, *same.aliases) if a != target.name]
        else:
            target.id = made_id(target.name)
        base, n = target.id, 2
        while target.id in used:
            target.id = f"{base}_{n}"
            n += 1
        used.add(target.id)
