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
    # the gap report
    "actual": ("最新值", "Latest"),
    "gap": ("差距", "Gap"),
    "expected": ("时序应达值", "Expected by now"),
    "progress": ("进度比", "Progress"),
    "status": ("状态", "Status"),
    "gap.over": ("超{amount}", "over by {amount}"),
    "lead.none": ("未明确牵头单位", "(no lead named)"),
    "status.achieved": ("已达标", "achieved"),
    "status.on_track": ("进度正常", "on track"),
    "status.moderate": ("进度偏慢", "moderate progress"),
    "status.behind": ("进度滞后", "behind"),
    "status.moving_away": ("逆向变化", "moving away"),
    "status.missed": ("未完成", "missed"),
    "status.met": ("已完成", "met"),
    "status.no_data": ("数据不足", "no data"),
    "as_of": ("截至{year}年", "as of {year}"),
    "warning": ("⚠ ", "⚠ "),
    "readings": ("逐项说明", "Target by target"),
    "summary.head": ("共{n}项目标（截至{as_of}年）", "{n} targets (as of {as_of})"),
    "summary.shown": ("；本表列出{shown}项", "; {shown} shown"),
    # one-sentence readings
    "reading.no_data": ("数据不足：{reason}", "Not enough data: {reason}"),
    "reading.no_figures": ("尚无统计数据", "no figures yet"),
    "reading.rise_fell": ("{years}年未实现{req}", "broke '{req}' in {years}"),
    "reading.rise_ok": ("{span}年{req}", "{req} in {span}"),
    "reading.annual_missed": (
        "{years}年未达到每年{req}的要求",
        "below the yearly requirement ({req}) in {years}",
    ),
    "reading.annual_ok": ("{span}年每年均达到{req}", "{req} met every year in {span}"),
    "reading.level_head": ("{year}年为{value}", "{value} in {year}"),
    "reading.increment_head": (
        "{year}年较{since}年增加{value}",
        "{value} more in {year} than in {since}",
    ),
    "reading.sum_head": ("{span}年累计{value}", "{value} in total over {span}"),
    "reading.mean_head": ("{span}年年均{value}", "{value} a year on average over {span}"),
    "reading.growth_head": ("{span}年年均增长{rate}%", "{rate}% a year over {span}"),
    "reading.met": ("{head}，完成目标（{req}）", "{head}: target met ({req})"),
    "reading.missed": (
        "{head}，未完成目标（{req}），差{gap}",
        "{head}: target missed ({req}), {gap} short",
    ),
    "reading.achieved": ("{head}，已提前达到目标（{req}）", "{head}: target reached early ({req})"),
    "reading.against": ("（目标{req}）", " (target {req})"),
    "reading.progress": (
        "完成目标进度{closed}，{pace}",
        "{closed} of the way to the target, {pace}",
    ),
    "reading.even": ("与时序进度持平", "level with the time elapsed"),
    "reading.ahead": (
        "快于时序进度{points}个百分点",
        "{points} point{s} ahead of the time elapsed",
    ),
    "reading.lagging": (
        "慢于时序进度{points}个百分点",
        "{points} point{s} behind the time elapsed",
    ),
    "reading.away": (
        "，较{year}年基期{change}，与目标方向相反",
        ", {change} since the {year} baseline, away from the target",
    ),
    "reading.rose": ("上升", "up"),
    "reading.off": ("，偏离目标（{req}）{amount}", ", {amount} off the target ({req})"),
    "unit.points": ("个百分点", "percentage points"),
    "reading.fell": ("下降", "down"),
    "reading.needs_one": ("剩余一年需{change}", "needs to {change} in the remaining year"),
    "reading.needs": (
        "剩余{years}需年均{change}",
        "needs to {change} a year over the remaining {years}",
    ),
    "reading.grow": ("增长", "grow"),
    "reading.shrink": ("下降", "fall"),
    "reading.add": ("增加", "add"),
    "reading.cut": ("减少", "cut"),
    # notes (warnings) travelling with a result
    "note.baseline_observed": (
        "目录未给出基期值，以{year}年实际值{value}{unit}为基期",
        "no baseline in the catalogue: the {year} figure {value} {unit} is used",
    ),
    "note.baseline_not_used": (
        "目录中的{year}年基期值仅供参考，累计只计规划期内各年",
        "the catalogue's {year} baseline is shown for reference; the total counts the window only",
    ),
    "note.single_point": (
        "仅有一个数据点，无法衡量变化",
        "one data point only: no change to measure",
    ),
    "note.missing_years": ("缺少{years}年数据", "no figure for {years}"),
    "note.sign_change": ("数据序列正负号发生变化", "the series changes sign"),
    "note.cagr_undefined": (
        "复合增长率法只适用于全为正值的序列，改用线性法",
        "the CAGR method needs a strictly positive series; linear used",
    ),
    "note.no_target_year_figure": ("目标年{year}年数据尚未到位", "the {year} figure is not in yet"),
    "note.slipped": ("{year}年曾达到目标，现已回落", "held in {year}, no longer does"),
    "note.preliminary": ("{year}年为快报数，可能修订", "the {year} figure is preliminary (快报)"),
    "note.no_baseline": (
        "规划期起始后无数据可作基期",
        "no figure from the plan start on to measure from",
    ),
    "note.non_positive": (
        "{year}年数值不为正，无法计算增长率",
        "the {year} value is not positive: no growth rate",
    ),
}


def label(key: str, lang: Lang = "zh", **fields: object) -> str:
    """The label for ``key`` in ``lang``; unknown keys come back as themselves."""
    zh_en = _LABELS.get(key)
    if zh_en is None:
        return key
    text = zh_en[0] if lang == "zh" else zh_en[1]
    return text.format(**fields) if fields else text
