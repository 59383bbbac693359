"""Messages of the target catalogue: what is wrong in a plan file, and choosing a plan.

Then the words these messages are built from (lower-case codes): where in a plan file,
what kind of entry, the types a key takes and the values found, units' dimensions, and
the reasons TOML gives.
"""

from __future__ import annotations

# "unknown KEY 'x'; use one of a, b (or 甲, 乙)": the same in English for every key.
_ONE_OF = "；请用以下之一：{options}{words}"
_UNKNOWN = "unknown {key} {{value!r}}; use one of {{options}}{{words}}"


def _unknown(zh_what: str, key: str) -> tuple[str, str]:
    return (f"无法识别的{zh_what}“{{value}}”" + _ONE_OF, _UNKNOWN.format(key=key))


MESSAGES: dict[str, tuple[str, str]] = {
    # keys and types of any table
    "E-KEY-UNKNOWN": ("没有这个键；可用的键：{known}", "unknown key; known keys: {known}"),
    "E-KEY-MISSING": ("缺少必填的键", "missing required key"),
    "E-TYPE": ("应为{expected}，实际是{got}", "expected {expected}, got {got}"),
    "E-ID-INVALID": (
        "“{id}”不能作为{noun}的 id（只能用小写英文字母、数字和 _，并以字母开头）",
        "{id!r} is not a valid {noun} id (lower-case ASCII letters, digits and _, "
        "starting with a letter)",
    ),
    "E-NOT-POSITIVE": ("必须大于 0，这里是 {value}", "must be positive, got {value}"),
    # the file and its TOML
    "E-FILE-NOT-UTF8": (
        "文件不是 UTF-8 编码的文字（第 {offset} 个字节之后无法识别）；请把文件另存为 UTF-8 编码",
        "not UTF-8 text (undecodable byte at offset {offset}); save the file as UTF-8",
    ),
    "E-PLAN-FILE-UNREADABLE": ("无法读取这个文件：{reason}", "cannot read: {reason}"),
    "E-TOML-SYNTAX": ("TOML 格式有误：{reason}", "invalid TOML: {reason}"),
    "E-TOML-TOO-DEEP": (
        "TOML 格式有误：数组和内联表（[ 和 {{）嵌套超过 {depth} 层；规划文件只需要几层："
        "请把没有闭合的括号补上",
        "invalid TOML: arrays and inline tables nested more than {depth} levels deep "
        "([ and {{); a plan needs a few: close the brackets left open",
    ),
    # the plan's header
    "E-SCHEMA-UNSUPPORTED": (
        "不支持的格式版本 schema = {schema}；本程序读取的是 schema = {version}",
        "unsupported schema {schema}; this ipkpi reads schema {version}",
    ),
    "E-PLAN-EMPTY": (
        "规划中没有目标、任务或奖补规则（[[targets]]、[[tasks]] 或 [[rules]]）",
        "the plan has no [[targets]], [[tasks]] or [[rules]]",
    ),
    "E-PLAN-ID-INVALID": (
        "“{id}”不能作为规划的 id（只能用小写字母、数字、- 和 _）",
        "{id!r} is not a valid plan id (lower-case letters, digits, - and _)",
    ),
    "E-CITY-SLUG-INVALID": (
        "“{city}”不能作为地方代码 city（只能用小写字母、数字和 -）",
        "{city!r} is not a valid city slug (lower-case letters, digits and -)",
    ),
    "E-LEVEL-UNKNOWN": _unknown("规划级别", "level"),
    "E-PLAN-STATUS-UNKNOWN": _unknown("规划状态", "status"),
    "E-PLAN-YEARS": (
        "目标年份 target_year（{target_year}年）早于起始年份 start_year（{start_year}年）",
        "target_year {target_year} is before start_year {start_year}",
    ),
    # the words of a target
    "E-KIND-UNKNOWN": _unknown("目标类型", "kind"),
    "E-COMPARATOR-UNKNOWN": _unknown("比较符", "comparator"),
    "E-DIRECTION-UNKNOWN": _unknown("方向", "direction"),
    "E-NATURE-UNKNOWN": _unknown("指标属性", "nature"),
    "E-PATH-UNKNOWN": _unknown("进度路径", "path"),
    "E-PATH-NOT-APPLICABLE": (
        "只有 level 和 increment 类目标可以写 path（growth 类目标总是按年均增长计算）",
        "path applies only to level and increment targets (growth is compound)",
    ),
    "E-DIRECTION-CONFLICT": (
        "比较符 {comparator} 要求 direction 为“{wants}”，而不是“{direction}”",
        "comparator {comparator} needs direction {wants!r}, not {direction!r}",
    ),
    "E-RISE-COMPARATOR": (
        "rise 类目标是每年与上一年比较：比较符请用 >（逐年增加）或 <（逐年下降）",
        "a rise target compares each year with the one before: use > (逐年增加) or < (逐年下降)",
    ),
    "E-RISE-VALUE": (
        "rise 类目标（逐年增加）不能写 value",
        "a rise target (逐年增加) takes no value",
    ),
    "E-MEASURE-INVALID": (
        "“{measure}”不能作为 measure（只能用小写英文字母、数字和 _，更窄的口径用点号接在后面，"
        "如 invention_patents_per_10k.high_value）",
        "{measure!r} is not a valid measure (lower-case ASCII letters, digits and _, a "
        "narrower definition after a dot: invention_patents_per_10k.high_value)",
    ),
    "E-TOLERANCE-NOT-APPLICABLE": (
        "只有比较符为 ~（左右）的目标可以写 tolerance",
        "tolerance applies only to the ~ (左右) comparator",
    ),
    # a target's units
    "E-UNIT-UNKNOWN": ("无法识别的单位“{unit}”{known}", "unknown unit {unit!r}{known}"),
    "E-UNIT-ALIAS-SELF": (
        "“{alias}”就是这个目标本身的单位，不必写进 unit_aliases",
        "{alias!r} is the target's own unit",
    ),
    "E-UNIT-CONVERT": (
        "{source}不能换算成{target}（{source_dimension}和{target_dimension}不是同一类数）",
        "cannot convert {source} ({source_dimension}) to {target} ({target_dimension})",
    ),
    "E-GROWTH-UNIT": (
        "growth 类目标是增长率：单位必须是 %，而不是“{unit}”",
        "a growth target is a rate: its unit must be %, not {unit!r}",
    ),
    "E-SERIES-UNIT-NOT-APPLICABLE": (
        "只有 growth 类目标和以 % 计的 increment 类目标可以写 series_unit",
        "series_unit applies only to growth targets and increments in %",
    ),
    "E-SERIES-UNIT-MISSING": (
        "缺少必填的键（计算增长率所依据的统计数据的单位）",
        "missing required key (the unit of the statistic the rate is computed from)",
    ),
    # a target's years
    "E-TARGET-YEAR-OUTSIDE": (
        "{year}年不在规划期{start}—{end}年之内",
        "{year} is outside the plan window {start}–{end}",
    ),
    "E-BASELINE-AFTER-TARGET": (
        "目标年份{target_year}年早于基期{baseline_year}年",
        "target year {target_year} is before the baseline year {baseline_year}",
    ),
    "E-BASELINE-IS-TARGET": (
        "目标年份{target_year}年就是基期；基期必须早于目标年份",
        "target year {target_year} is the baseline year; the baseline must come before it",
    ),
    "E-WINDOW-NOT-APPLICABLE": (
        "只有 cumulative、annual 和 average 类目标可以写 window",
        "window applies only to cumulative, annual and average targets",
    ),
    "E-WINDOW-REVERSED": (
        "起始年份{first}年晚于结束年份{last}年",
        "first year {first} is after last year {last}",
    ),
    "E-WINDOW-OUTSIDE": (
        "[{first}, {last}] 超出了{start}—{end}年的范围",
        "[{first}, {last}] is outside {start}–{end}",
    ),
    # ids and names used twice
    "E-ID-DUPLICATE": (
        "目标 id 重复（{first}已用过这个 id）",
        "duplicate target id (first at {first})",
    ),
    "E-NAME-DUPLICATE": (
        "“{name}”已经用作目标 {owner} 的名称；一个统计名称只能对应一个目标",
        "{name!r} already names target {owner}; a statistic's name must match one target only",
    ),
    "E-ENTRY-DUPLICATE": (
        "{noun}的 {key}“{value}”重复（{first}已用过）",
        "duplicate {noun} {key} {value!r} (first at {first})",
    ),
    "E-PLAN-ID-DUPLICATE": (
        "规划 id“{id}”重复（{other} 中也有）",
        "duplicate plan id {id!r} (also in {other})",
    ),
    "E-PLACE-CONFLICT": (
        "地方代码“{city}”在 {other} 中是{first}，在这里却是{place}",
        "city {city!r} is {first} in {other} but {place} here",
    ),
    "E-CATALOGUE-EMPTY": (
        "这个文件夹里没有规划文件（*.toml）",
        "no plan files (*.toml) in this folder",
    ),
    # tasks
    "E-DEADLINE-OUTSIDE": (
        "截止日期 {deadline} 不在规划期{start}—{end}年之内",
        "{deadline} is outside the plan window {start}–{end}",
    ),
    "E-STARTS-ONGOING": (
        "持续推进（ongoing）的任务没有开始日期；要写 starts，请同时写明截止日期 deadline",
        "an ongoing task has no start date; give a deadline too",
    ),
    "E-STARTS-AFTER-DEADLINE": (
        "开始日期 {starts} 晚于截止日期 {deadline}",
        "{starts} is after the deadline {deadline}",
    ),
    # quantities and reward rules
    "E-QUANTITIES-MISSING": (
        "有奖补规则就需要 [quantities] 表，列明申报材料提供哪些数据",
        "rules need a [quantities] table naming what claims give",
    ),
    "E-QUANTITY-ID-INVALID": (
        "“{id}”不能作为数据项的 id（只能用小写英文字母、数字和 _）",
        "{id!r} is not a valid quantity id (lower-case ASCII letters, digits and _)",
    ),
    "E-QUANTITY-TYPE-UNKNOWN": _unknown("数据类型", "type"),
    "E-AMOUNT-UNIT": (
        '金额以万元计：请写 unit = "万元"',
        'an amount is in 万元: set unit = "万元"',
    ),
    "E-RULE-UNIT": (
        "奖补规则的金额以万元计，不能用“{unit}”",
        "rule amounts are in 万元, not {unit!r}",
    ),
    "E-APPLICANT-UNKNOWN": _unknown("申报主体类型", "applicants"),
    "E-AMOUNT-KIND-UNKNOWN": _unknown("金额计算方式", "amount.kind"),
    "E-CAP-PER-UNKNOWN": _unknown("封顶范围", "cap.per"),
    "E-ONCE-UNKNOWN": _unknown("兑现次数", "once"),
    "E-QUANTITY-UNKNOWN": (
        "[quantities] 中没有数据项“{id}”；其中有：{known}",
        "unknown quantity {id!r}; [quantities] has {known}",
    ),
    "E-QUANTITY-TYPE": (
        "数据项“{id}”是{type}，这里需要{wanted}",
        "quantity {id!r} is a {type}, not a {wanted}",
    ),
    "E-CONDITION-OPS": (
        "at_least、at_most、is 必须写一个，且只能写一个",
        "give exactly one of at_least, at_most, is",
    ),
    "E-CONDITION-OF": (
        "of 只能和 at_least 或 at_most 一起用",
        "of applies only to at_least and at_most",
    ),
    "E-SHARE-RANGE": (
        "比例必须在 0 到 1 之间，这里是 {limit}",
        "a share must lie between 0 and 1, got {limit}",
    ),
    "E-FRACTION-NEEDS-OF": (
        '写成分数时需要 of = "QUANTITY"（说明是哪个数据项的几分之几）',
        'a fraction needs of = "QUANTITY" (the whole it is a share of)',
    ),
    "E-AMOUNT-KEY-MISSING": (
        "缺少必填的键（{kind} 类金额需要）",
        "missing required key (a {kind} amount)",
    ),
    "E-AMOUNT-KEY-UNUSED": ("{kind} 类金额不用这个键", "not used by a {kind} amount"),
    "E-THRESHOLD-TOO-SMALL": ("必须是 1 或更大，这里是 {value}", "must be 1 or more, got {value}"),
    "E-GRADES-NOT-POSITIVE": (
        "每个等级的金额都必须大于 0",
        "every grade's amount must be positive",
    ),
    # choosing a plan
    "E-PLAN-NOTHING-TO-REPORT": (
        "规划 {plan} 没有可报告的目标或任务；它的奖补规则请用 "
        "ipkpi rewards --city {city} CLAIMS.xlsx 计算",
        "plan {plan} has no targets or tasks to report on; its reward rules are applied "
        "with ipkpi rewards --city {city} CLAIMS.xlsx",
    ),
    "E-PLAN-NO-TASKS": ("规划 {plan} 中没有任务", "plan {plan} has no tasks"),
    "E-CITY-NO-TASKS": (
        "目标目录中{city}没有任务；有任务的地方：{places}",
        "{city} has no tasks in the catalogue; places with tasks: {places}",
    ),
    "E-CITY-NO-RULES": (
        "目标目录中{city}没有奖补规则；有奖补规则的地方：{places}",
        "{city} has no reward rules in the catalogue; places with rules: {places}",
    ),
    # --- the words messages are built from
    # where in a plan file
    "catalogue.where.entry": ("第{n}个{noun}（{id}）", "{noun} #{n} ({id})"),
    "catalogue.where.entry_at": ("第{n}个{noun}", "{noun} #{n}"),
    "catalogue.where.folder": ("目标目录", "catalogue"),
    "catalogue.where.line": ("第{line}行第{column}列", "line {line}, column {column}"),
    "catalogue.noun.target": ("目标", "target"),
    "catalogue.noun.task": ("任务", "task"),
    "catalogue.noun.rule": ("奖补规则", "rule"),
    # the parts of a message
    "catalogue.or_words": ("（也可以写：{words}）", " (or {words})"),
    "catalogue.known_units": ("；可用的单位：{units}", "; known units: {units}"),
    "catalogue.either": ("{first}或{second}", "{first} or {second}"),
    # the type a key takes
    "catalogue.type.str": ("非空的文字", "a non-empty string"),
    "catalogue.type.int": ("整数", "an integer"),
    "catalogue.type.number": ("数字", "a number"),
    "catalogue.type.date": ("日期（如 2022-11-02）", "a date (e.g. 2022-11-02)"),
    "catalogue.type.str_list": ("文字列表", "a list of strings"),
    "catalogue.type.table": ("表", "a table"),
    "catalogue.type.table_list": ("表数组（[[targets]]）", "an array of tables ([[targets]])"),
    "catalogue.type.year_pair": ("两个年份，如 [2022, 2025]", "two years, e.g. [2022, 2025]"),
    "catalogue.type.deadline": (
        "日期（如 2022-12-31）或“ongoing”",
        'a date (e.g. 2022-12-31) or "ongoing"',
    ),
    "catalogue.type.limit": ("数字或分数（如“1/3”）", 'a number or a fraction such as "1/3"'),
    "catalogue.type.bool": ("逻辑值 true 或 false", "true or false"),
    "catalogue.type.number_list": ("数字列表", "a list of numbers"),
    # a value as found
    "catalogue.value.bool": ("逻辑值 {value}", "a boolean ({value})"),
    "catalogue.value.str": ("文字“{value}”", "a string ({value!r})"),
    "catalogue.value.int": ("整数 {value}", "an integer ({value})"),
    "catalogue.value.float": ("数字 {value}", "a number ({value})"),
    "catalogue.value.table": ("表", "a table"),
    "catalogue.value.list": ("列表", "a list"),
    "catalogue.value.date": ("日期 {value}", "a date ({value})"),
    "catalogue.value.other": ("{name}", "{name}"),
    # what a quantity of a reward rule is
    "catalogue.quantity.count": ("件数", "count"),
    "catalogue.quantity.amount": ("金额", "amount"),
    "catalogue.quantity.grade": ("等级", "grade"),
    "catalogue.quantity.flag": ("“是/否”项", "flag"),
    # what a unit counts
    "catalogue.dimension.items": ("件数", "items"),
    "catalogue.dimension.projects": ("项数", "projects"),
    "catalogue.dimension.units": ("个数", "units"),
    "catalogue.dimension.organisations": ("家数", "organisations"),
    "catalogue.dimension.people": ("人数", "people"),
    "catalogue.dimension.person_times": ("人次", "person-times"),
    "catalogue.dimension.times": ("次数", "times"),
    "catalogue.dimension.money": ("金额", "money"),
    "catalogue.dimension.share": ("比例", "share"),
    "catalogue.dimension.percentage_points": ("百分点", "percentage-points"),
    "catalogue.dimension.score": ("分数", "score"),
    "catalogue.dimension.items_per_10k_people": ("每万人件数", "items per 10k people"),
    # what the system says when a file cannot be read (as Linux says it in English)
    "catalogue.os.eacces": ("没有读取它的权限", "Permission denied"),
    "catalogue.os.eisdir": ("这是一个文件夹，不是文件", "Is a directory"),
    "catalogue.os.enoent": ("文件不存在", "No such file or directory"),
    # what TOML says is wrong (Python's tomllib, in its words)
    "catalogue.toml.invalid_value": (
        "值的写法不对（文字要加英文双引号，日期写成 2022-11-02）",
        "Invalid value",
    ),
    "catalogue.toml.expected_equals": (
        "键后面缺少 =（应写成 键 = 值）",
        "Expected '=' after a key in a key/value pair",
    ),
    "catalogue.toml.table_end": (
        "表名后面缺少 ]",
        "Expected ']' at the end of a table declaration",
    ),
    "catalogue.toml.array_end": (
        "表名后面缺少 ]]",
        "Expected ']]' at the end of an array declaration",
    ),
    "catalogue.toml.statement": ("这一行不是有效的 TOML 写法", "Invalid statement"),
    "catalogue.toml.unclosed_array": ("列表缺少结尾的 ]", "Unclosed array"),
    "catalogue.toml.unclosed_table": ("内联表缺少结尾的 }}", "Unclosed inline table"),
    "catalogue.toml.unterminated": ("文字缺少结尾的引号", "Unterminated string"),
    "catalogue.toml.overwrite": ("同一个键写了两次", "Cannot overwrite a value"),
    "catalogue.toml.date": ("日期写得不对（应写成 2022-11-02）", "Invalid date or datetime"),
    "catalogue.toml.key_start": (
        "键名的第一个字符不能这样写",
        "Invalid initial character for a key part",
    ),
}
