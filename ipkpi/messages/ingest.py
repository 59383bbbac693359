"""Messages of reading a workbook's values: its tables and their headers, each value and
its unit, the place and year it is of, a figure that breaks its series, task progress
sheets and reward claims; code → (zh, en). Many are written into the annotated copy of a
rejected workbook, as the comment of the cell they are about."""

from __future__ import annotations

_EACH_ROW_UNIT = "，或在“单位”列中写明每一行的单位"
_CONFIRM = "；如果数字无误，请用 --accept {cell} 确认，或在该行“备注”列中写“核实无误”"
_CONFIRM_EN = (
    "; if the figure is right, confirm it with --accept {cell} or 核实无误 in the row's 备注 column"
)
_STATUSES = "已完成、推进中、未启动或持续推进"
_TYPES = "企业、高校、科研院所、服务机构或银行"

MESSAGES: dict[str, tuple[str, str]] = {
    # --- the header of a table ---------------------------------------------------------
    "E-HEADER-MISSING": (
        "找不到表头：前{rows}行中应有一行写明指标列（指标、指标名称或项目）和年份"
        "（2021、2021年），或写明“年份”和“数值”两列",
        "no recognisable header: expected a row naming the indicator column (指标/指标名称/"
        "项目) and years (2021, 2021年) or 年份+数值, in the first {rows} rows",
    ),
    "E-HEADER-DATE": (
        "表头“{text}”是一个日期，但不是年末：ipkpi 只读取年度数字；如果这一列是全年数字，"
        "请把表头写成年份（如2023）",
        "the header {text!r} is a date that is not a year's end: ipkpi reads yearly figures; "
        "head the column with the year (2023) if it is the year's figure",
    ),
    "E-HEADER-YEAR-TWICE": (
        "{year}年出现在两列的表头中（{first}和{second}）：每个年份只能有一列；"
        "并排的两张表格各需要自己的“指标”列",
        "year {year} heads two columns ({first} and {second}): one column per year; two "
        "tables side by side each need their own 指标 column",
    ),
    "E-HEADER-NO-VALUES": (
        "指标列旁边没有年份列或数值列：请把它们的表头写成年份（2023、2023年）或“数值”",
        "no year or value columns beside the indicator column: head them with years (2023, "
        "2023年) or 数值",
    ),
    "E-COLUMN-NO-ANNUAL": (
        "这是月度或季度工作表，没有“1-12月”或“全年”列：没有哪一列是全年数字；"
        "请导入有全年数字（1-12月）的那张工作表",
        "a monthly or quarterly sheet with no 1-12月 or 全年 column: none of its columns is "
        "the year's figure; ingest the sheet that has it (1-12月)",
    ),
    "E-COLUMN-RUNNING-TOTAL": (
        "“{text}”是{sheet}里的累计数，不是全年数字：请导入12月（1-12月）的工作表，"
        "或在标题中写明“1-12月”",
        "{text!r} is a running total in {sheet}, not the year's figure: ingest the December "
        "(1-12月) sheet, or say 1-12月 in the title",
    ),
    "ingest.period.part": ("只含一年中部分月份的工作表", "a sheet of part of the year"),
    "ingest.period.none": ("没有写明时期的工作表", "a sheet that names no period"),
    "W-COLUMN-PART-OF-YEAR": (
        "{cells}（{names}）已跳过：只是一年中的一部分；只有“1-12月”或“全年”列才是全年数字",
        "{cells} ({names}) passed over: part of a year; only a 1-12月 or 全年 column is the "
        "year's figure",
    ),
    "E-TABLE-TRANSPOSED": (
        "这一列往下是一个个年份（表格的行和列颠倒了）：请把指标放在各行、年份放在各列，"
        "或把这一列的表头写成“年份”",
        "the years run down this column (a transposed table): put the indicators in rows "
        "and the years across, or head the column 年份",
    ),
    "E-TABLE-NO-INDICATOR": (
        "这张按地区和年份排列的表格没有写明指标：请加一列“指标”，或把指标横排（每个指标一列）",
        "a table of places by year that names no indicator: add a 指标 column, or put the "
        "indicators across (one column each)",
    ),
    "E-LAYOUT-MISMATCH": (
        "--layout {layout}：表头中没有{needs}",
        "--layout {layout}: the header has no {needs}",
    ),
    "ingest.needs.wide": ("年份列（2021、2021年）", "year columns (2021, 2021年)"),
    "ingest.needs.long": ("“年份”列和“数值”列", "年份 and 数值 columns"),
    "ingest.needs.single": ("“数值”列", "数值 column"),
    "ingest.needs.places": (
        "“地区/城市”列（指标横排）",
        "地区/城市 column with indicators across",
    ),
    "ingest.needs.years": ("“年份”列（指标横排）", "年份 column with indicators across"),
    # --- the year and the place of a value -------------------------------------------
    "E-YEAR-UNKNOWN": (
        "看不出这张工作表是哪一年的数据：请在工作表名称、标题行（如“南京市2023年…”）"
        "或文件名中写明年份，或用 --year 指定",
        "cannot tell the year of this sheet: name it in the sheet name, a title row "
        "(南京市2023年…) or the file name, or pass --year",
    ),
    "E-YEAR-INVALID": ("“{text}”不是年份", "{text!r} is not a year"),
    "E-YEAR-OUTSIDE": (
        "{year}年不在{place}任何一个规划的年份范围内（{first}–{last}年）",
        "year {year} is outside every plan of {place} ({first}–{last})",
    ),
    "E-PLACE-NOT-NAMED": (
        "看不出这些数据是哪个地方的：请加一列“城市”，或在标题或文件名中写明地方，或用 --city 指定",
        "cannot tell which city this is: give a 城市 column, name the place in the title or "
        "the file name, or pass --city",
    ),
    "E-PLACE-MISSING": (
        "这一行有数值，但“地区/城市”单元格是空的：请填写",
        "a row with values but no place in its 地区/城市 cell: fill it in",
    ),
    # --- the indicator of a value ------------------------------------------------------
    "E-INDICATOR-MISSING": ("这个数值没有指标名称", "a value with no indicator name"),
    "E-TARGET-ID-UNKNOWN": (
        "{city}没有编号为“{id}”的目标",
        "unknown target id {id!r} for {city}",
    ),
    "E-TARGET-ID-MISMATCH": (
        "编号“{id}”是“{target}”，但这一行写的指标是“{name}”（{other}）；请改正编号或指标名称",
        "the id {id!r} is {target}, but the row names {name!r} ({other}); correct the id or "
        "the name",
    ),
    # --- a value -----------------------------------------------------------------------
    "E-VALUE-NOT-NUMBER": ("{reason}（{name}，{year}年）{fix}", "{reason} ({name}, {year}){fix}"),
    "ingest.cell.date": (
        "日期或时间（{value}）不是数字",
        "a date or time ({value}) is not a number",
    ),
    "ingest.cell.not_number": ("“{text}”不是数字", "{text!r} is not a number"),
    "ingest.cell.not_finite": (
        "“{text}”不是一个数字（无穷大或非数字）",
        "{text!r} is not a figure (infinite or not a number)",
    ),
    "ingest.cell.out_of_range": (
        "“{text}”超出了可以计算的范围（超过±1.8e308）",
        "{text!r} is out of range (beyond ±1.8e308)",
    ),
    "ingest.fix": ("；{text}", ": {text}"),
    "ingest.fix.not_finite": (
        "请填写数字，如果缺数据，请填“—”",
        "write the figure, or — if it is missing",
    ),
    "ingest.fix.check": ("请核对数字", "check the figure"),
    "E-VALUE-PERCENT": (
        "单元格里是百分数，但“{target}”的单位是{unit}",
        "a percentage, but {target} is counted in {unit}",
    ),
    "E-VALUE-OUT-OF-RANGE": (
        "“{target}”{year}年的{value} {source_unit}换算成{unit}后超出了可以计算的范围"
        "（超过±1.8e308）：请核对数字和单位",
        "{value} {source_unit} for {target} ({year}) is out of range once converted to "
        "{unit} (beyond ±1.8e308): check the figure and its unit (单位)",
    ),
    "E-VALUE-NEGATIVE": (
        "“{target}”的数值{value}（{unit}）是负数，而它不可能是负数",
        "negative value {value} for {target} ({unit}), which cannot be negative",
    ),
    "E-VALUE-SHARE-OVER-100": (
        "“{target}”{year}年为{value}%：比例不能超过100%；请核对数字和单位"
        "（是不是‰、个百分点或一个数量？）",
        "{value} % for {target} ({year}): a share cannot exceed 100 %; check the figure and "
        "its unit (‰? 个百分点? a count?)",
    ),
    "E-VALUE-NOT-WHOLE": (
        "“{target}”{year}年的{value} {given_unit}不是整数，但它按{unit}计数："
        "请改正数字，或写明表格的单位（单位：…）",
        "{value} {given_unit} for {target} ({year}) is not a whole number, but it counts "
        "{unit}: correct the figure, or say the unit the table counts in (单位：…)",
    ),
    "W-VALUE-FOOTNOTE": (
        "{where}：{value}后面有注释符号“{mark}”，已作为{year}年的数值保存；请看工作表中的注释",
        "{where}: footnote mark {mark!r} after {value}, stored as the {year} value; see the "
        "sheet's notes",
    ),
    # --- the unit of a value -----------------------------------------------------------
    "E-UNIT-CONFLICT": (
        "单位不一致：{source}写的是{unit}（{cell}），{other_source}写的是{other_unit}"
        "（{other_cell}）：请改成一致",
        "unit conflict: {source} says {unit} ({cell}) but {other_source} says {other_unit} "
        "({other_cell}): make them agree",
    ),
    "E-UNIT-CONFLICT-CELL": (
        "单位不一致：单元格里写的是{unit}，{other_source}写的是{other_unit}（{other_cell}）："
        "请改成一致",
        "unit conflict: the cell says {unit} but {other_source} says {other_unit} "
        "({other_cell}): make them agree",
    ),
    "ingest.source.column": ("单位列", "the unit column"),
    "ingest.source.name": ("指标名称", "the indicator's name"),
    "ingest.source.header": ("表头", "the header"),
    "ingest.source.unit_line": ("表格上方的单位行", "the unit line above the table"),
    "ingest.source.table": ("表格", "the table"),
    "E-VALUE-UNIT-UNKNOWN": (
        "“{target}”的单位“{unit}”无法识别：请把单位写成{target_unit}，"
        "或能换算成{target_unit}的单位",
        "unknown unit {unit!r} for {target}: write the unit as {target_unit} or a unit that "
        "converts to it",
    ),
    "E-UNIT-NOT-CONVERTIBLE": (
        "{unit}（{dimension}）无法换算成{target_unit}（{target_dimension}）："
        "“{target}”按{target_unit}计；如果规划把{unit}算作{target_unit}，"
        '请在目标目录中该目标下加上 unit_aliases = ["{unit}"]',
        "cannot convert {unit} ({dimension}) to {target_unit} ({target_dimension}): {target} "
        "is counted in {target_unit}; if the plan counts {unit} as {target_unit}, add "
        'unit_aliases = ["{unit}"] to its target in the catalogue',
    ),
    "ingest.dimension.items": ("件数", "items"),
    "ingest.dimension.projects": ("项数", "projects"),
    "ingest.dimension.units": ("个数", "units"),
    "ingest.dimension.organisations": ("机构数", "organisations"),
    "ingest.dimension.people": ("人数", "people"),
    "ingest.dimension.person_times": ("人次", "person-times"),
    "ingest.dimension.times": ("次数", "times"),
    "ingest.dimension.money": ("金额", "money"),
    "ingest.dimension.share": ("比例", "share"),
    "ingest.dimension.percentage_points": ("百分点", "percentage-points"),
    "ingest.dimension.score": ("分值", "score"),
    "ingest.dimension.per_10k": ("每万人件数", "items per 10k people"),
    "E-UNIT-LINE-UNKNOWN": (
        "单位行中的单位“{unit}”无法识别（{cell}）：请写成件、万件、万元、亿元或%等单位"
        + _EACH_ROW_UNIT,
        "unknown unit {unit!r} in the unit line ({cell}): write a unit such as 件, 万件, "
        "万元, 亿元 or %, or give each row's unit in a 单位 column",
    ),
    "E-UNIT-LINE-SEVERAL": (
        "单位行“{text}”写了几个单位（{units}）（{cell}）：请只写一个单位" + _EACH_ROW_UNIT,
        "the unit line {text!r} gives several units ({units}) ({cell}): give each row's unit "
        "in a 单位 column",
    ),
    "E-UNIT-ABOVE-SEVERAL": (
        "表格上方的文字写了几个单位（{units}）（{cell}）：请只写一个单位" + _EACH_ROW_UNIT,
        "the text above the table gives several units ({units}) ({cell}): give each row's "
        "unit in a 单位 column",
    ),
    "E-UNIT-LINE-BESIDE": (
        "旁边那张表格上方有单位行，这张表格上方却没有（{cell}）：请在这张表格上方也写"
        "“单位：…”" + _EACH_ROW_UNIT,
        "a unit line stands above the table beside this one but none above this one "
        "({cell}): put 单位：… above this table too, or give each row's unit in a 单位 column",
    ),
    # --- a figure that breaks its series by a power of ten ----------------------------
    "ingest.figure.beside": (
        "{year}年的{value} {unit}（相邻的数字：{beside}）",
        "{value} {unit} for {year} beside {beside}",
    ),
    "ingest.figure.year": ("{value} {unit}（{year}年）", "{value} {unit} ({year})"),
    "ingest.figure.stored": (
        "{value} {unit}（{year}年，已保存）",
        "{value} {unit} ({year}, stored)",
    ),
    "ingest.figure.and": ("{first}和{second}", "{first} and {second}"),
    "ingest.figure.three": (
        "{first}、{second}和{third}",
        "{first} and {second} and {third}",
    ),
    "ingest.figure.baseline": ("规划的基期值{value} {unit}", "the plan's baseline {value} {unit}"),
    "ingest.figure.target": ("规划的目标值{value} {unit}", "the plan's target {value} {unit}"),
    "ingest.figure.target_per_year": (
        "规划的年均目标值{value} {unit}",
        "the plan's target per year {value} {unit}",
    ),
    "E-FIGURE-SCALE-LARGER": (
        "{figure}：约是它们的{times}倍，可能是单位或数量级写错了；请核对工作表的单位" + _CONFIRM,
        "{figure}: {times} times larger, a unit or scale error? check the sheet's unit (单位)"
        + _CONFIRM_EN,
    ),
    "E-FIGURE-SCALE-SMALLER": (
        "{figure}：只有它们的{times}分之一左右，可能是单位或数量级写错了；请核对工作表的单位"
        + _CONFIRM,
        "{figure}: {times} times smaller, a unit or scale error? check the sheet's unit (单位)"
        + _CONFIRM_EN,
    ),
    "E-FIGURE-SHARE-AS-FRACTION": (
        "{figure}：是不是把百分比写成了小数？请写成{percent}或{percent}%",
        "{figure}: a share written as a fraction? write {percent} or {percent}%",
    ),
    # --- task progress sheets ----------------------------------------------------------
    "E-PROGRESS-PLACE-UNKNOWN": (
        "没有名为“{name}”的地方；已知地方：{known}",
        "unknown city {name!r}; known: {known}",
    ),
    "E-PROGRESS-PLACES-MIXED": (
        "一张进展表只能填一个地方：{place}之后又出现了“{name}”",
        "one progress sheet per place: {name!r} after {place}",
    ),
    "E-PROGRESS-PLACE-NOT-NAMED": (
        "看不出这些是哪个地方的任务：请在标题或文件名中写明地方，或用 --city 指定",
        "cannot tell which place's tasks these are: name the place in the title or the file "
        "name, or pass --city",
    ),
    "E-PROGRESS-NO-TASKS": (
        "目标目录中{place}没有任务：这张进展表没有对应的规划",
        "{place} has no tasks in the catalogue: this progress sheet has no plan",
    ),
    "E-TASK-NUMBER-MISSING": ("这一行没有任务编号", "no task number in this row"),
    "E-TASK-STATUS-UNKNOWN": (
        "看不懂状态“{status}”；请填写" + _STATUSES,
        "status {status!r} not understood; write 已完成, 推进中, 未启动 or 持续推进",
    ),
    "E-TASK-STATUS-MISSING": (
        "任务{number}没有填写状态；请填写" + _STATUSES,
        "no status for task {number}; write 已完成, 推进中, 未启动 or 持续推进",
    ),
    "E-DATE-INVALID": (
        "“{text}”不是日期；请写成2023-12-15这样的格式",
        "{text!r} is not a date; write it as 2023-12-15",
    ),
    "E-TASK-DATE-NOT-DONE": (
        "填写了完成时间{date}，但状态是“{status}”，不是“已完成”",
        "completion date {date} given, but the status is {status!r}, not 已完成",
    ),
    "E-TASK-DATE-FUTURE": ("完成时间{date}晚于今天", "completion date {date} is in the future"),
    "E-TASK-DATE-MISSING": (
        "任务{number}的状态是“已完成”，但没有填写完成时间",
        "task {number} is 已完成 but has no completion date (完成时间)",
    ),
    "E-TASK-DATE-EARLY": (
        "完成时间{date}早于规划开始的年份（{year}年）",
        "completion date {date} is before the plan began ({year})",
    ),
    "E-TASK-UNKNOWN": (
        "{plan}中没有任务“{number}”（任务编号：{numbers}）",
        "no task {number!r} in {plan} (tasks: {numbers})",
    ),
    "E-TASK-TWICE": (
        "任务{number}填了两次（第一次在{first}）",
        "task {number} given twice (first at {first})",
    ),
}
