"""Chinese and English labels for everything ipkpi shows a person."""

from __future__ import annotations

from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[str, ...] = ("zh", "en")

_LABELS: dict[str, tuple[str, str]] = {
    # column headings
    "id": ("编号", "ID"),
    "name": ("指标", "Indicator"),
    "category": ("类别", "Category"),
    "kind": ("类型", "Kind"),
    "target": ("目标", "Target"),
    "target_year": ("目标年", "Year"),
    "unit": ("单位", "Unit"),
    "baseline": ("基期", "Baseline"),
    "lead": ("牵头单位", "Lead"),
    "direction": ("方向", "Direction"),
    "city": ("城市", "City"),
    "place": ("地区", "Place"),
    "plan": ("规划", "Plan"),
    "title": ("文件", "Document"),
    "window": ("规划期", "Window"),
    "targets": ("目标数", "Targets"),
    "file": ("文件", "File"),
    "target_id": ("目标编号", "Target ID"),
    "year": ("年份", "Year"),
    "value": ("数值", "Value"),
    "vintage": ("口径", "Vintage"),
    "sheet": ("工作表", "Sheet"),
    "cell": ("单元格", "Cell"),
    "ingested_at": ("导入时间", "Ingested"),
    "current": ("当前值", "Current"),
    "vintage.preliminary": ("快报/初步", "preliminary"),
    "vintage.final": ("正式", "final"),
    "vintage.revised": ("修订", "revised"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    # kinds
    "kind.level": ("达到水平", "level"),
    "kind.cumulative": ("累计", "cumulative"),
    "kind.increment": ("新增", "increment"),
    "kind.annual": ("每年", "every year"),
    "kind.average": ("年均", "yearly average"),
    "kind.growth": ("年均增长", "annual growth"),
    "kind.rise": ("逐年提高", "rise every year"),
    # comparators, written before the number
    "comparator.>=": ("≥", "≥"),
    "comparator.>": (">", ">"),
    "comparator.<=": ("≤", "≤"),
    "comparator.<": ("<", "<"),
    "comparator.~": ("≈", "≈"),
    # directions and natures
    "direction.higher": ("越高越好", "higher is better"),
    "direction.lower": ("越低越好", "lower is better"),
    "nature.expected": ("预期性", "expected"),
    "nature.binding": ("约束性", "binding"),
    # levels
    "level.city": ("市", "city"),
    "level.province": ("省", "province"),
    # phrases
    "rise.higher": ("逐年提高", "higher every year"),
    "rise.lower": ("逐年下降", "lower every year"),
    "plan_of": ("{title}", "{place_en}: {title}"),
    "n_targets": ("共{n}项目标", "{n} targets"),
}


def label(key: str, lang: Lang = "zh", **fields: object) -> str:
    """The label for ``key`` in ``lang``; unknown keys come back as themselves."""
    zh_en = _LABELS.get(key)
    if zh_en is None:
        return key
    text = zh_en[0] if lang == "zh" else zh_en[1]
    return text.format(**fields) if fields else text
