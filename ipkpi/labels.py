"""Chinese and English labels for everything ipkpi shows a person."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from typing import Literal

from ipkpi.errors import closest, did_you_mean
from ipkpi.hanzi import simplified
from ipkpi.messages import Message, msg

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
    "standing": ("是否当前及原因", "Standing"),
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
    "plan_draft": ("（草案）", " (draft)"),
    # the dashboard (export --format html)
    "dash.title": ("知识产权规划目标进展", "IP plan targets: where they stand"),
    "dash.made": ("生成于 {when}", "made {when}"),
    "dash.all": ("全部", "all"),
    "dash.status": ("状态", "Status"),
    "dash.lead": ("牵头单位", "Lead"),
    "dash.search": ("搜索指标、单位……", "search indicators, units…"),
    "dash.trend": ("趋势", "Trend"),
    "dash.no_targets": ("该规划没有量化指标。", "This plan has no quantified targets."),
    # ipkpi brief: the assessment report an office hands in
    "brief.final": ("实施情况总结评估报告", "Final evaluation of implementation"),
    "brief.year": ("{year}年度实施情况评估报告", "Evaluation of implementation in {year}"),
    "brief.s1": ("一、总体情况", "1. Overview"),
    "brief.s2": ("二、主要指标完成情况", "2. The main indicators"),
    "brief.s3": ("三、进展滞后的指标", "3. Indicators behind"),
    "brief.s4": ("四、重点任务推进情况", "4. Key tasks"),
    "brief.s5": (
        "五、下一步工作建议（由起草单位填写）",
        "5. Next steps (to be written by the drafting office)",
    ),
    "brief.s5.blank": (
        "（此部分由起草单位根据实际情况填写，ipkpi 不代拟。）",
        "(To be written by the drafting office; ipkpi writes nothing here.)",
    ),
    "brief.sources": ("附：数据来源", "Annex: data sources"),
    "brief.n_items": ("{n}项", "{n}"),
    "brief.count": ("{status}{n}", "{n} {status}"),
    "brief.overview": (
        "截至{year}年，《{plan}》共设主要指标{n}，其中{counts}。",
        "As of {year}, {plan} sets {n} main indicators: {counts}.",
    ),
    "brief.provisional": (
        "{years}年数据为快报数，相关判定待正式数据发布后确认。",
        "The {years} figures are preliminary (快报): the verdicts on them await the final figures.",
    ),
    "brief.tasks_overview": (
        "重点任务{n}，其中{counts}。",
        "Of {n} key tasks: {counts}.",
    ),
    "brief.col.number": ("序号", "No."),
    "brief.col.name": ("指标", "Indicator"),
    "brief.col.unit": ("单位", "Unit"),
    "brief.col.baseline": ("基期值", "Baseline"),
    "brief.col.target": ("目标值", "Target"),
    "brief.col.actual": ("{year}年", "{year}"),
    "brief.col.standing": ("完成情况", "Standing"),
    "brief.col.lead": ("牵头单位", "Lead"),
    "brief.short": ("，差{gap}", ", {gap} short"),
    "brief.none_behind": ("没有进展滞后的指标。", "No indicator is behind."),
    "brief.item": ("（{n}）{name}", "({n}) {name}"),
    "brief.reading": ("{reading}。牵头单位：{leads}。", "{reading}. Lead: {leads}."),
    "brief.no_tasks": ("规划未列重点任务。", "The plan lists no key tasks."),
    "brief.task": (
        "{n}. {title}：{state}（牵头单位：{leads}）。",
        "{n}. {title}: {state} (lead: {leads}).",
    ),
    "brief.sheets": ("工作表：{sheets}", "sheets: {sheets}"),
    "brief.vintages": ("含{vintages}数据", "{vintages} figures"),
    "brief.vintage.preliminary": ("快报", "preliminary"),
    "brief.vintage.final": ("正式", "final"),
    "brief.vintage.revised": ("修订", "revised"),
    "brief.no_sources": ("尚无统计数据。", "No figures yet."),
    "brief.chart.goal": ("{year}年目标", "{year} target"),
    "n_targets": ("共{n}项目标", "{n} targets"),
    "n_tasks": ("共{n}项任务", "{n} tasks"),
    "n_rules": ("共{n}条奖补规则", "{n} reward rules"),
    # the gap report
    "actual": ("最新值", "Latest"),
    "gap": ("差距", "Gap"),
    "expected": ("时序应达值", "Expected by now"),
    "progress": ("进度比", "Progress"),
    "status": ("状态", "Status"),
    # collecting figures: fill-in templates and what is missing
    "asks": ("填报口径", "What to report"),
    "previous": ("上年值", "Last year"),
    "asks.series": (
        "{year}年数值（{unit}），不填增长率（由系统计算）",
        "the {year} figure in {unit}, not the rate (worked out from it)",
    ),
    "asks.stock": (
        "{year}年末总量（存量），不填当年新增数",
        "the total at the end of {year}, not the year's increase",
    ),
    "asks.flow": ("{year}年当年数，不填累计数", "the {year} figure alone, not a running total"),
    "asks.level": ("{year}年数值", "the {year} figure"),
    "asks.each": ("{year}年当年数", "the {year} figure"),
    # comparing places on a shared measure
    "rank": ("排名", "Rank"),
    "shared_measure": ("可比指标", "Measure"),
    "places": ("地区及指标", "Places and targets"),
    "compare.title": (
        "{measure} · 各地比较（截至{as_of}年）",
        "{measure} · places compared (to {as_of})",
    ),
    "compare.basis": ("{place}人口口径：{basis}", "{place}'s population basis: {basis}"),
    "compare.basis_silent": (
        "{places}：方案未说明人口口径",
        "{places}: the plan states no population basis",
    ),
    "compare.differ": (
        "各地指标口径不同（见“指标”“单位”列），数值不宜直接比较；进度比与状态按各自目标计算，"
        "可以比较。",
        "The places define the indicator differently (see Indicator and Unit): compare "
        "progress and status, each against its own target, rather than the values.",
    ),
    # the fill-in template; the data sheet's headings are words ipkpi ingest knows
    "tpl.seq": ("序号", "No."),
    "tpl.place": ("地区", "Place"),
    "tpl.id": ("指标代码", "ID"),
    "tpl.name": ("指标名称", "Indicator"),
    "tpl.unit": ("单位", "Unit"),
    "tpl.target": ("规划目标", "Plan target"),
    "tpl.previous": ("上年值（参考）", "Last year (for reference)"),
    "tpl.year": ("年份", "Year"),
    "tpl.value": ("数值", "Value"),
    "tpl.note": ("备注", "Notes"),
    "tpl.sheet.instructions": ("填报说明", "Instructions"),
    "tpl.sheet.data": ("{year}年数据填报", "{year} figures"),
    "tpl.title": (
        "{place}{year}年知识产权指标数据填报表",
        "{place} {year} IP indicators: figures to fill in",
    ),
    "tpl.instructions.title": (
        "{place}{year}年知识产权指标数据填报说明",
        "{place} {year} IP indicators: how to fill in this workbook",
    ),
    "tpl.all_leads": ("全部牵头单位", "all lead units"),
    "tpl.fact.plan": ("规划", "Plan"),
    "tpl.fact.year": ("填报年度", "Year"),
    "tpl.fact.rows": ("指标数", "Targets"),
    "tpl.fact.made": ("生成时间", "Made"),
    "tpl.steps": ("填报步骤", "How to fill it in"),
    "tpl.step1": (
        "在“{sheet}”工作表的“数值”列（黄色单元格）填写{year}年数据，每行一个数字。",
        "In the sheet “{sheet}”, type each {year} figure in the Value column (the yellow "
        "cells), one number per row.",
    ),
    "tpl.step2": (
        "只填数字：单位以“单位”列为准，不要填写单位、文字或百分号（3.5%填3.5）；Excel会拒绝"
        "非数字的输入。",
        "Numbers only: the unit is the one in the Unit column; no units, words or % signs "
        "(3.5% is typed 3.5). Excel refuses anything else.",
    ),
    "tpl.step3": (
        "“填报口径”列说明应填哪个数：累计类目标填当年数（系统自动累计），增长率目标填总量"
        "（系统计算增长率），“新增”类目标填年末总量。",
        "The What-to-report column says which figure: the year's own figure for running "
        "totals (ipkpi adds them up), the level for growth rates (ipkpi works out the rate), "
        "the year-end total for increases.",
    ),
    "tpl.step4": (
        "暂无数据的留空，并在“备注”列说明原因；快报数、预计数请在备注中注明“快报”或“预计”，"
        "正式数据到位后可再次报送。",
        "Leave the cell empty when there is no figure yet and say why in Notes; write 快报 "
        "(or 预计) in Notes for a provisional figure, and send the final one later.",
    ),
    "tpl.step5": (
        "“上年值（参考）”是已入库的{previous}年数据，仅供核对，不必修改。",
        "“Last year (for reference)” is the stored {previous} figure, for checking; leave it.",
    ),
    "tpl.step6": (
        "指标代码、名称、单位等列已锁定（工作表保护，无密码）。请勿增删行、调整顺序或复制到"
        "新表：系统按每行的“指标代码”识别指标。",
        "The ID, name, unit and other columns are locked (sheet protection, no password). Do "
        "not add, delete or reorder rows or copy them to a new workbook: ipkpi knows each "
        "row by its ID.",
    ),
    "tpl.step7": (
        "在表头上方填写填报单位、填报人、联系电话和填报日期，保存为 .xlsx 文件后报回。",
        "Fill in your unit, name, telephone and the date above the table, save it as .xlsx "
        "and send it back.",
    ),
    "tpl.respondent": ("填报单位：", "Unit:"),
    "tpl.person": ("填报人：", "Name:"),
    "tpl.phone": ("联系电话：", "Telephone:"),
    "tpl.date": ("填报日期：", "Date:"),
    "tpl.prompt": (
        "填写{asks}，单位：{unit}；只填数字。",
        "Enter {asks}, in {unit}; a number only.",
    ),
    "tpl.error.title": ("请填写数字", "A number, please"),
    "tpl.error": (
        "这里只能填数字（单位：{unit}），不要填文字、单位或百分号。",
        "Only a number goes here (in {unit}): no words, units or % signs.",
    ),
    "tpl.error.negative": (
        "这里只能填不小于0的数字（单位：{unit}），不要填文字、单位或百分号。",
        "Only a number of 0 or more goes here (in {unit}): no words, units or % signs.",
    ),
    "tpl.error.share": (
        "这里只能填0到100之间的数字（单位：%），如18.6，不要填0.186或百分号。",
        "Only a number from 0 to 100 goes here (in %), e.g. 18.6: not 0.186, no % sign.",
    ),
    "tpl.error.whole": (
        "这里只能填不小于0的整数（单位：{unit}），不要填小数、文字或单位。",
        "Only a whole number of 0 or more goes here (in {unit}): no fractions, words or units.",
    ),
    "tpl.error.plausible": (
        "与上年值{previous}相差5倍以上，请核对单位（{unit}）和数值；确认无误请保留，并在备注中写“核实无误”。",
        "More than 5 times above or below last year's {previous}: check the unit ({unit}) "
        "and the figure; if it is right, keep it and write 核实无误 in the note.",
    ),
    "missing.nothing": (
        "{place}{year}年{lead}：没有需要填报的指标",
        "{place} {year}{lead}: no figure is needed",
    ),
    "missing.none": (
        "{place}{year}年{lead}：需填报的{n}项指标均已有数据",
        "{place} {year}{lead}: all {n} figures are in",
    ),
    "missing.some": (
        "{place}{year}年{lead}：需填报{n}项指标，缺{gaps}项",
        "{place} {year}{lead}: {gaps} of {n} figures missing",
    ),
    "gap.over": ("超{amount}", "over by {amount}"),
    "lead.none": ("未明确牵头单位", "(no lead named)"),
    "status.achieved": ("已达标", "achieved"),
    "status.on_track": ("进度正常", "on track"),
    "status.moderate": ("进度偏慢", "moderate progress"),
    "status.behind": ("进度滞后", "behind"),
    "status.moving_away": ("逆向变化", "moving away"),
    "status.overshoot": ("超出目标区间", "overshoot"),
    "status.missed": ("未完成", "missed"),
    "status.met": ("已完成", "met"),
    "status.no_data": ("数据不足", "no data"),
    "status.awaiting_final": ("待最终数据", "awaiting final figure"),
    "status.missed_approx": ("偏离", "off target"),
    "status.provisional": ("{status}（快报）", "{status} (preliminary)"),
    # a status that says the target holds, with a year of its window missing
    "status.unchecked": ("{status}（缺{years}年数据）", "{status} ({years} missing)"),
    "as_of": ("截至{year}年", "as of {year}"),
    "warning": ("⚠ ", "⚠ "),
    "readings": ("逐项说明", "Target by target"),
    "summary.head": ("共{n}项目标（截至{as_of}年）", "{n} targets (as of {as_of})"),
    "summary.shown": ("；本表列出{shown}项", "; {shown} shown"),
    # warnings said once for a plan, under its table
    "plan_note.preliminary": (
        "{year}年数据为快报数，可能修订：{targets}",
        "the {year} figures are preliminary (快报) and may be revised: {targets}",
    ),
    "plan_note.all": ("全部{n}项目标", "all {n} targets"),
    "plan_note.baseline_observed": (
        "规划未给出基期值，以“基期”列所列年份的数据为基期：{targets}",
        "the plan gives no baseline: the figure of the year in the Baseline column is used "
        "as the baseline: {targets}",
    ),
    # the Excel summary
    "export.title": ("知识产权规划目标进展汇总", "IP plan targets: progress summary"),
    "export.made": ("ipkpi 生成于 {when}", "made by ipkpi on {when}"),
    "export.made_plan": (
        "ipkpi 生成于 {when} · {plan} · 评估方法：{method}",
        "made by ipkpi on {when} · {plan} · method: {method}",
    ),
    "xl.over": ("超", "over "),
    "xl.sheet.summary": ("汇总", "Summary"),
    "xl.sheet.trends": ("趋势", "Trends"),
    "xl.sheet.data": ("数据来源", "Data"),
    "xl.data_title": ("评估所用数据及其来源", "The figures used and where each came from"),
    "xl.data_subtitle": (
        "每个数值的文件、工作表、单元格和导入时间",
        "file, sheet, cell and time of ingestion of every value",
    ),
    "xl.sources": ("数据文件", "Data files"),
    "xl.place": ("地区", "Place"),
    "xl.plan": ("规划", "Plan"),
    "xl.window": ("规划期", "Window"),
    "xl.as_of": ("截至", "As of"),
    "xl.targets": ("目标数", "Targets"),
    "xl.file": ("文件", "File"),
    "xl.sha256": ("SHA-256", "SHA-256"),
    "xl.ingested_at": ("导入时间", "Ingested"),
    "xl.category": ("类别", "Category"),
    "xl.name": ("指标", "Indicator"),
    "xl.unit": ("单位", "Unit"),
    "xl.baseline": ("基期值", "Baseline"),
    "xl.baseline_year": ("基期年", "Baseline year"),
    "xl.actual": ("实际值", "Actual"),
    "xl.actual_year": ("年份", "Year"),
    "xl.target": ("目标", "Target"),
    "xl.target_year": ("目标年", "Target year"),
    "xl.gap": ("差距", "Gap"),
    "xl.expected": ("时序应达值", "Expected by now"),
    "xl.progress": ("进度比", "Progress ratio"),
    "xl.gap_share_closed": ("完成进度", "Gap closed"),
    "xl.time_share_elapsed": ("时序进度", "Time elapsed"),
    "xl.required_rate": ("剩余年份需年均", "Needed a year"),
    "xl.status": ("状态", "Status"),
    "xl.reading": ("说明", "Reading"),
    "xl.warnings": ("提示", "Warnings"),
    "xl.target_id": ("目标编号", "Target ID"),
    "xl.year": ("年份", "Year"),
    "xl.value": ("数值", "Value"),
    "xl.vintage": ("口径", "Vintage"),
    "xl.indicator": ("原表指标名", "Name in the file"),
    "xl.raw": ("原始值", "As written"),
    "xl.raw_unit": ("原始单位", "Unit as written"),
    "xl.sheet": ("工作表", "Sheet"),
    "xl.cell": ("单元格", "Cell"),
    "xl.task.number": ("序号", "No."),
    "xl.task.task": ("任务", "Task"),
    "xl.task.lead": ("牵头单位", "Lead"),
    "xl.task.coordinating": ("协同单位", "Coordinating"),
    "xl.task.deadline": ("时限", "Deadline"),
    "xl.task.state": ("完成情况", "State"),
    "xl.task.days": ("逾期天数", "Days late"),
    "xl.task.progress_reported": ("报送进展", "Reported"),
    "xl.task.completed": ("完成时间", "Completed"),
    "xl.task.note": ("备注", "Note"),
    "xl.task.reading": ("说明", "Reading"),
    "xl.task.source": ("来源", "Source"),
    "xl.series.actual": ("实际", "Actual"),
    "xl.series.path": ("目标路径", "Path to target"),
    # one-sentence readings
    "reading.no_data": ("数据不足：{reason}", "Not enough data: {reason}"),
    "reading.awaiting": (
        "{year}年数据尚未入库，待最终数据后判定是否完成目标（{req}）；最新为{head}",
        "the {year} figure is not in yet: met or missed once it is ({req}); latest: {head}",
    ),
    "reading.awaiting_none": (
        "{year}年数据尚未入库，待最终数据后判定是否完成目标（{req}）",
        "the {year} figure is not in yet: met or missed once it is ({req})",
    ),
    "reading.no_figures": ("尚无统计数据", "no figures yet"),
    "reading.rise_fell": ("{years}年未实现{req}", "broke '{req}' in {years}"),
    "reading.rise_ok": ("{span}年{req}", "{req} in {span}"),
    "reading.unchecked": (
        "（缺{years}年数据，该年未能核对）",
        " ({years} missing: that year could not be checked)",
    ),
    "reading.annual_missed": (
        "{years}年未达到每年{req}的要求，{year}年为{value}，差{gap}",
        "below the yearly requirement ({req}) in {years}; {value} in {year}, {gap} short",
    ),
    "reading.annual_missed_one": (
        "{year}年为{value}，未达到每年{req}的要求，差{gap}",
        "{value} in {year}, below the yearly requirement ({req}), {gap} short",
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
    "reading.off": ("，超出目标（{req}）{amount}", ", {amount} past the target ({req})"),
    "reading.missed_over": (
        "{head}，未完成目标（{req}），超出{gap}",
        "{head}: target missed ({req}), {gap} past it",
    ),
    "reading.deviated": (
        "{head}，偏离目标（{req}），差{gap}",
        "{head}: off target ({req}), {gap} short",
    ),
    "reading.deviated_over": (
        "{head}，偏离目标（{req}），超出{gap}",
        "{head}: off target ({req}), {gap} past it",
    ),
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
    # tasks
    "number": ("序号", "No."),
    "task": ("任务", "Task"),
    "deadline": ("时限", "Deadline"),
    "state": ("完成情况", "State"),
    "progress_reported": ("报送进展", "Reported"),
    "reading": ("说明", "Reading"),
    "list_sep": ("，", ", "),
    "condition_sep": ("；", "; "),
    "task_state.done_on_time": ("按期完成", "done on time"),
    "task_state.done_late": ("逾期完成", "done late"),
    "task_state.open": ("未到期", "open, not yet due"),
    "task_state.overdue": ("已逾期", "overdue"),
    "task_state.ongoing": ("持续推进", "ongoing"),
    "progress.done": ("已完成", "done"),
    "progress.in_progress": ("推进中", "in progress"),
    "progress.not_started": ("未启动", "not started"),
    "progress.ongoing": ("持续推进", "ongoing"),
    "task.unreported": ("未报送", "not reported"),
    "task.no_deadline": ("持续推进", "ongoing"),
    "task.days": ("{state}{n}天", "{state} {n} day{s}"),
    "task.count": ("{state}{n}项", "{n} {state}"),
    "task.summary": ("共{n}项任务（截至{as_of}）：{parts}", "{n} tasks (as of {as_of}): {parts}"),
    "task.reading.done": ("已于{date}完成", "done on {date}"),
    "task.reading.on_time": (
        "已于{date}完成，未超过时限{deadline}",
        "done on {date}, by the deadline {deadline}",
    ),
    "task.reading.late": (
        "于{date}完成，超过时限{deadline}共{n}天",
        "done on {date}, {n} day{s} after the deadline {deadline}",
    ),
    "task.reading.overdue": (
        "时限{deadline}已过{n}天，尚未完成（{reported}）",
        "{n} day{s} past the deadline {deadline}, not done ({reported})",
    ),
    "task.reading.open": (
        "距时限{deadline}还有{n}天（{reported}）",
        "{n} day{s} to the deadline {deadline} ({reported})",
    ),
    "task.reading.due_today": ("今日到期（{reported}）", "due today ({reported})"),
    "task.reported": ("报送：{status}", "reported: {status}"),
    "task.reading.not_begun": (
        "本阶段自{starts}开始（{reported}）",
        "the phase begins on {starts} ({reported})",
    ),
    "task.reading.ongoing": (
        "持续推进，无完成时限（{reported}）",
        "ongoing, no deadline ({reported})",
    ),
    "tasks.title": ("工作任务", "Tasks"),
    # rewards
    "row": ("行", "Row"),
    "applicant": ("申请单位", "Applicant"),
    "type": ("单位类型", "Type"),
    "measure": ("措施", "Measure"),
    "rule_name": ("奖补项目", "Rule"),
    "eligible": ("符合条件", "Eligible"),
    "why": ("依据", "Why"),
    "arithmetic": ("计算", "Arithmetic"),
    "amount": ("金额（万元）", "Amount (万元)"),
    "claims": ("申请数", "Claims"),
    "eligible_n": ("符合数", "Eligible"),
    "applicant.enterprise": ("企业", "enterprise"),
    "applicant.university": ("高校", "university"),
    "applicant.institute": ("科研院所", "research institute"),
    "applicant.service": ("服务机构", "service organisation"),
    "applicant.bank": ("银行", "bank"),
    "rewards.grade": ("{grade}级 → {amount}", "grade {grade} → {amount}"),
    "rewards.capped": (
        "，超过上限{cap}万元，按{amount}万元",
        "; capped at {cap} 万元: {amount} 万元",
    ),
    "rewards.capped_year": (
        "，本年度已在第{rows}行给予{before}万元，年度上限{cap}万元，按{amount}万元",
        "; {before} 万元 already granted this year (row {rows}), yearly cap {cap} 万元: "
        "{amount} 万元",
    ),
    "rewards.flag": ("{name}：{value}", "{name}: {value}"),
    "rewards.at_least_ok": (
        "{name}{value}{unit}，不少于{limit}{unit}",
        "{name} {value}{unit} ≥ {limit}",
    ),
    "rewards.at_least_fail": (
        "{name}{value}{unit}，不足{limit}{unit}",
        "{name} {value}{unit}, below {limit}",
    ),
    "rewards.at_most_ok": (
        "{name}{value}{unit}，不超过{limit}{unit}",
        "{name} {value}{unit} ≤ {limit}",
    ),
    "rewards.at_most_fail": (
        "{name}{value}{unit}，超过{limit}{unit}",
        "{name} {value}{unit}, above {limit}",
    ),
    "rewards.share_ok": (
        "{name}{value}{unit}，占{whole_name}{whole}{unit}不少于{limit}",
        "{name} {value} of {whole} ({whole_name}), at least {limit}",
    ),
    "rewards.share_short": (
        "{name}{value}{unit}，占{whole_name}{whole}{unit}不足{limit}",
        "{name} {value} of {whole} ({whole_name}), below {limit}",
    ),
    "rewards.why.year": (
        "{year}年不在措施有效期（{start}–{end}年）内",
        "{year} is outside the measures' period {start}–{end}",
    ),
    "rewards.why.type": (
        "本项适用于{types}，申请单位为{type}",
        "for {types} only; the applicant is: {type}",
    ),
    "rewards.why.conditions": ("未达条件：{failed}", "conditions not met: {failed}"),
    "rewards.why.once": ("一次性奖补，已在第{row}行给予", "one-off: already granted in row {row}"),
    "rewards.why.once_year": (
        "每年一次，{year}年已在第{row}行给予",
        "once a year: already granted for {year} in row {row}",
    ),
    "rewards.why.zero": ("应补金额为0", "nothing due"),
    "rewards.why.no_conditions": ("无附加条件", "no conditions"),
    "rewards.total": ("合计", "Total"),
    "quote": ("原文", "Quote"),
    "conditions": ("条件", "Conditions"),
    "quantities": ("申报数据", "Figures claimed"),
    "formula": ("计算方法", "Formula"),
    "coordinating": ("协同单位", "Coordinating"),
    "once.applicant": ("；一次性", "; once per applicant"),
    "once.applicant_year": ("；每年一次", "; once a year"),
    "cap.claim": ("；每项最高{cap}万元", "; at most {cap} 万元 a claim"),
    "cap.year": ("；每单位每年最高{cap}万元", "; at most {cap} 万元 per applicant and year"),
    "rewards.title": ("奖补核算", "Rewards and subsidies"),
    "rewards.summary": (
        "共{n}项申请，符合条件{eligible}项，合计{total}万元",
        "{n} claims, {eligible} eligible, {total} 万元 in total",
    ),
    # notes (warnings) travelling with a result, in plain words
    "note.baseline_observed": (
        "规划未给出基期值，以{year}年数据{value}{unit}为基期",
        "the plan gives no baseline: the {year} figure, {value} {unit}, is used as the baseline",
    ),
    "note.baseline_not_used": (
        "规划中的{year}年数值仅作对照，累计只计规划期内各年",
        "the plan's {year} figure is shown for comparison only; the total counts the plan's "
        "years alone",
    ),
    "note.single_point": (
        "仅有一年数据，无法衡量变化",
        "one year's figure only: no change to measure",
    ),
    "note.missing_years": ("缺少{years}年数据", "no figure for {years}"),
    "note.sign_change": (
        "数据中既有正数也有负数",
        "the figures are partly positive, partly negative",
    ),
    "note.cagr_undefined": (
        "数据中有零或负数，无法按年均复合增长率计算，改按直线进度计算",
        "the figures include zero or a negative number, so there is no compound growth rate: "
        "progress is measured along a straight line instead",
    ),
    "note.no_target_year_figure": (
        "目标年{year}年的数据尚未报送",
        "the {year} figure (the target year's) is not in yet",
    ),
    "note.slipped": ("{year}年曾达到目标，现已回落", "the target was reached in {year}, no longer"),
    "note.preliminary": ("{year}年为快报数，可能修订", "the {year} figure is preliminary (快报)"),
    "note.no_baseline": (
        "规划开始后尚无可作基期的数据",
        "no figure from the plan's start on to measure progress from",
    ),
    "note.non_positive": (
        "{year}年数值为零或负数，无法计算增长率",
        "the {year} figure is zero or negative: no growth rate",
    ),
    "note.baseline_in_target_year": (
        "规划期内最早的数据就是目标年（{year}年）的，没有更早的数据作比较，无法衡量进度",
        "the earliest figure of the plan's years is the target year's ({year}): nothing "
        "earlier to compare it with, so no progress can be measured",
    ),
    # ipkpi data check
    "sha256": ("SHA-256", "SHA-256"),
    "values": ("数值个数", "Values"),
    "task_reports": ("任务进展条数", "Task reports"),
    "damage": ("核对结果", "Check"),
    "check.intact": ("完好", "intact"),
    "check.summary": (
        "共{n}个文件：完好{ok}个，受损{bad}个",
        "{n} file(s): {ok} intact, {bad} damaged",
    ),
    # the Excel summary's detail sheet of a gap table (its technical columns)
    "xl.sheet.detail": ("{place}明细", "{place} detail"),
    "xl.tasks": ("任务数", "Tasks"),
    "xl.tasks_overdue": ("已逾期任务", "Tasks overdue"),
    "xl.tasks_late": ("逾期完成任务", "Tasks done late"),
    "xl.furthest_behind": ("进展最滞后的目标（牵头单位）", "Furthest behind (lead)"),
    "xl.local_files": (
        "数据文件（完整路径、SHA-256见“数据来源”）",
        "Data files (full paths and SHA-256 on the Data sheet)",
    ),
    "method.linear": ("按直线进度（linear）", "on a straight-line path (linear)"),
    "method.cagr": ("按年均增速（CAGR）", "by compound annual growth (CAGR)"),
}


def label(key: str, lang: Lang = "zh", **fields: object) -> str:
    """The label for ``key`` in ``lang``; unknown keys come back as themselves."""
    zh_en = _LABELS.get(key)
    if zh_en is None:
        return key
    text = zh_en[0] if lang == "zh" else zh_en[1]
    return text.format(**fields) if fields else text


# Where the labels of a code given on the command line are (--status behind, --fail-on overdue).
_CODE_PREFIXES = ("status.", "task_state.")


def code_spellings(codes: Iterable[str]) -> dict[str, str]:
    """Every way of writing each of ``codes`` → the code: the code, and its Chinese and
    English labels as the report's 状态 column shows them (进度滞后, "on track"; 已逾期 for
    overdue), each as ``_spelling`` writes it."""
    found: dict[str, str] = {}
    for code in codes:
        for name in (code, *_LABELS.get(_label_key(code), ())):
            found.setdefault(_spelling(name), code)
    return found


class UnknownCodes(ValueError):
    """A status (or other code) list naming what is not known; ``message`` says which, the
    closest and what there is (E-STATUS-UNKNOWN)."""

    def __init__(self, message: Message):
        self.message = message
        super().__init__(message.code)

    def __str__(self) -> str:
        return self.message.text()


def codes_named(value: str, codes: Sequence[str]) -> set[str]:
    """The codes a comma-separated list names (``code_spellings``): behind,进度滞后 →
    {"behind"}. UnknownCodes (a ValueError), saying which are not known, the closest and what
    there is."""
    spellings = code_spellings(codes)
    given = [part.strip() for part in value.replace("，", ",").split(",") if part.strip()]
    named = {part: spellings.get(_spelling(part)) for part in given}
    unknown = [part for part, code in named.items() if code is None]
    if unknown or not named:
        close = closest(_spelling(unknown[0]), spellings) if unknown else []
        named_codes = [
            msg("status.named", name=code, label=label(_label_key(code)))  # as typed: 已达标
            for code in codes
        ]
        raise UnknownCodes(
            msg(
                "E-STATUS-UNKNOWN",
                given=", ".join(repr(p) for p in unknown) or repr(value),
                did_you_mean=did_you_mean(close),
                known=named_codes,
            )
        )
    return {code for code in named.values() if code is not None}


def _label_key(code: str) -> str:
    return next((p + code for p in _CODE_PREFIXES if p + code in _LABELS), code)


def _spelling(text: str) -> str:
    """A code or label as compared: NFKC, simplified characters, lower case, words joined
    by ``_`` ("On track" and on-track are on_track)."""
    words = unicodedata.normalize("NFKC", text).lower().replace("-", " ").split()
    return simplified("_".join(words))
