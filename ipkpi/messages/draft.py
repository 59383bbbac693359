"""Messages of ``ipkpi targets draft``: what stops a draft, and what a drafted plan asks a
person to check (``# 待核实：…`` comments in the file it writes)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "E-DRAFT-FORMAT": (
        "{file}：无法读取这种格式；规划原文请用以下格式之一：{suffixes}",
        "{file}: cannot read this format; give the plan as one of {suffixes}",
    ),
    "E-DRAFT-UNREADABLE": (
        "{file}：无法读取（{reason}）；请确认文件完整，或另存为 .txt 后再试",
        "{file}: cannot be read ({reason}); check the file is whole, or save it as .txt",
    ),
    "E-DRAFT-TOO-LARGE": (
        "{file}：文件有 {size}，超过规划原文 {limit} 的上限；请确认选对了文件，"
        "或只保留正文另存为 .txt",
        "{file}: {size}, over the {limit} limit for a plan's text; check it is the right file, "
        "or save its text alone as .txt",
    ),
    "E-DRAFT-ZIP": (
        "{file}：解压后将有 {size} 或压缩比异常，不像一个 Word 文档；请用 Word 或 WPS 重新保存",
        "{file}: would decompress to {size}, or to far more than it holds: no Word document; "
        "save it again from Word or WPS",
    ),
    "E-DRAFT-ENCODING": (
        "{file}：既不是 UTF-8 也不是 GB18030 编码的文字；请另存为 UTF-8 编码",
        "{file}: neither UTF-8 nor GB18030 text; save it as UTF-8",
    ),
    "E-DRAFT-NO-TEXT-PDF": (
        "{file}：PDF 中没有文字层（可能是扫描件）；请先做文字识别（OCR），或另存为 .txt",
        "{file}: the PDF has no text layer (a scan?); run OCR on it first, or save it as .txt",
    ),
    "E-DRAFT-NO-TEXT-EMPTY": (
        "{file}：没有文字",
        "{file}: holds no text",
    ),
    "E-DRAFT-NO-TARGETS": (
        "{file}：没有找到量化目标（带数字和单位的目标句或主要指标表）；未写出草案",
        "{file}: no quantified target found (a goal with a number and a unit, or an "
        "indicator table); no draft written",
    ),
    "E-DRAFT-EXISTS": (
        "{file} 已存在；请换一个输出文件名，或加 --force 覆盖",
        "{file} exists; choose another output file, or add --force to overwrite it",
    ),
    "W-PLAN-DRAFT": (
        '{file}：规划“{plan}”是草案（status = "draft"）：请对照原文核对标有“待核实”的地方，'
        "核对完毕后删去 status 一行",
        '{file}: plan {plan!r} is a draft (status = "draft"): check each point marked '
        "待核实 (to check) against the document, then delete the status line",
    ),
    "draft.done": (
        "已写出草案 {file}：{targets} 个目标（表格 {rows} 个、句子 {said} 个），{review} 处待核实，"
        "{left} 个目标的数值待补",
        "Draft written to {file}: {targets} targets ({rows} from tables, {said} from "
        "sentences), {review} point(s) to check, {left} target(s) whose value is left to you",
    ),
    "draft.next": (
        "下一步：对照原文逐条核对 # 待核实 处，然后运行 ipkpi targets check {folder}",
        "Next: check each # 待核实 (to check) point against the document, then run "
        "ipkpi targets check {folder}",
    ),
    "draft.header": (
        "由 ipkpi targets draft 从 {source} 起草；每个数字都来自 quote 中的原文。"
        '标有“待核实”的地方请对照原文核对；核对完毕后删去 status = "draft"。',
        "Drafted by ipkpi targets draft from {source}; every number comes from the words in "
        "its quote. Check each point marked 待核实 (to check) against the document, then "
        'delete status = "draft".',
    ),
    "draft.to_check": ("待核实", "to check"),
    "draft.left_out": (
        "这个目标的数值无法确定，未写入（删去每行开头的 # 即可启用）",
        "this target's value could not be told, so it is left out (remove the # at the "
        "start of each line to use it)",
    ),
    "draft.review.two_numbers": (
        "这句话中同一单位有两个数字，无法确定哪个是目标值",
        "two numbers of one unit in the sentence: which is the target?",
    ),
    "draft.review.baseline_year": (
        "原文没有写基期年份，暂按规划开始的前一年",
        "the document gives no baseline year; the year before the plan is assumed",
    ),
    "draft.review.cumulative_or_level": (
        "“累计”：是期末的存量（level），还是规划期内逐年数之和（cumulative）？",
        "累计: a running total at the end (level), or the sum of the plan's yearly figures "
        "(cumulative)?",
    ),
    "draft.review.count_over_plan": (
        "规划期内累计完成的数量（cumulative），还是期末的存量（level）？",
        "a count over the plan (cumulative), or a stock at its end (level)?",
    ),
    "draft.review.series_unit": (
        "增长率所依据的统计量的单位（series_unit）是推测的",
        "the unit of the statistic the rate is of (series_unit) is a guess",
    ),
    "draft.review.rise_unit": (
        "原文没有数字，单位是推测的",
        "the document gives no number; the unit is a guess",
    ),
    "draft.review.vague_rise": (
        "原文只说“{words}”，按逐年提高（rise）起草：是否作为目标？",
        "the document only says {words!r}, drafted as a yearly rise: is it a target?",
    ),
    "draft.review.table_cumulative": (
        "表注说除比率指标外均为累计数：是期末的累计总量（level），还是规划期内之和（cumulative）？",
        "the table's note says all but the ratios are 累计数: a running total (level), or "
        "the sum over the plan (cumulative)?",
    ),
    "draft.review.not_a_number": (
        "表中目标一栏是“{text}”，不是数字",
        "the table's target cell is {text!r}, not a number",
    ),
    "draft.review.no_unit": ("表中没有写单位", "the table gives no unit"),
    "draft.review.row_cells": (
        "这一行的单元格与表头的 {width} 列对不上（缺了或多了一格），"
        "数值和基期未读取，请对照原表填写",
        "this row's cells do not line up with the header's {width} columns (one missing or "
        "split), so its value and baseline are not read: fill them in from the table",
    ),
    "draft.review.baseline_differs": (
        "原文的{year}年基期值 {stated} 与数据库中的 {stored}{unit}（{where}）不同："
        "请核对哪个是准确的",
        "the document's {year} baseline {stated} differs from the store's {stored} {unit} "
        "({where}): check which is right",
    ),
    "draft.review.store_unit": (
        "数据库中的数值单位是 {unit}，无法换算成 {wanted}，未用作基期值",
        "the store's figure is in {unit}, which does not convert to {wanted}: not taken as "
        "the baseline",
    ),
    "draft.baseline_from_store": (
        "取自数据库：{year}年 {value}{unit}{vintage}，{where}",
        "from the store: {year} {value} {unit}{vintage}, {where}",
    ),
    "draft.vintage.preliminary": ("（快报）", " (preliminary)"),
    "draft.vintage.final": ("（正式）", " (final)"),
    "draft.vintage.revised": ("（修订）", " (revised)"),
    "draft.reading.baseline_confirmed": (
        "基期值与数据库一致（{where}）",
        "the baseline agrees with the store ({where})",
    ),
    "draft.review.range": (
        "原文给的是一个范围（{range}），不是一个数值",
        "the document gives a range ({range}), not one figure",
    ),
    "draft.review.compared": (
        "这句话还说“{words}”：是否另列为一个目标？",
        "the sentence also says {words!r}: is that a target of its own?",
    ),
    "draft.review.invalid": ("{key}：{problem}", "{key}: {problem}"),
    "draft.review.no_title": (
        "没有找到规划标题，暂用文件名",
        "no title found; the file's name stands in for it",
    ),
    "draft.review.window": (
        "没有找到规划期（如 2026—2030年、“十五五”），按最晚的目标年份往前推五年",
        "no plan window found (2026—2030年, 十五五): five years to the latest target year",
    ),
    "draft.review.place": (
        "地名取自标题；请核对 place、place_en 和 level",
        "the place is taken from the title; check place, place_en and level",
    ),
    "draft.reading.plain_number": (
        "原文只写了数字，没有“以上”“达到”等词；按“不低于”（>=）理解",
        "the document gives a plain number, no 以上 or 达到; read as at least (>=)",
    ),
    "draft.reading.restated": (
        "正文复述了这一目标：{quote}",
        "the text restates it: {quote}",
    ),
}
