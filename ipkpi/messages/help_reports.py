"""Messages of help: the commands that assess and write (report, tasks, rewards,
template, missing, compare, export, run) and their own options: code → (zh, en)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "help.report": (
        "一个城市的规划中每项目标的进展：差距、按时序应达值、进度比和状态，并附一句话解读。\n\n"
        "状态：achieved（已达标）、on_track（进度正常，进度比 >= 0.95）、moderate（进度偏慢，"
        "0.60-0.95）、behind（进度滞后，0-0.60）、overshoot（超出目标区间：≈ 类目标超出允许偏差）"
        "、moving_away（逆向变化，< 0）、missed（未完成）、met（已完成）、"
        "awaiting_final（待最终数据：目标年已过而当年数据未到）、no_data（数据不足）。"
        "目标年已过的目标只判定完成与否，不再计算进度。"
        "无论进度多落后，report 都以退出状态 0 结束；除非有目标处于 --fail-on 所列状态，此时为 "
        "3。\n\n"
        "示例：\n"
        "  ipkpi report --city nanjing\n"
        "  ipkpi report --city guizhou --as-of 2023 -f json\n"
        "  ipkpi report --city shijiazhuang --fail-on behind,moving_away",
        "Where each target of a city's plan stands: gap, expected value by now, progress ratio\n"
        "and status, with a one-sentence reading per target.\n\n"
        "Statuses: achieved, on_track (progress ratio >= 0.95), moderate (0.60-0.95), behind\n"
        "(0-0.60), overshoot (a ≈ target passed beyond its tolerance), moving_away (< 0),\n"
        "missed, met, awaiting_final (the target year is over, its figure not in), no_data; a\n"
        "target whose year is over is judged, not tracked. A report exits 0 however far behind\n"
        "the city is, unless --fail-on names a status some target has: then 3.\n\n"
        "Examples: ipkpi report --city nanjing; ipkpi report --city guizhou --as-of 2023 -f "
        "json;\n"
        "ipkpi report --city shijiazhuang --fail-on behind,moving_away",
    ),
    "help.brief": (
        "把一个地方的规划评估写成 Word 文档（.docx），可直接修改、签发：一、总体情况；"
        "二、主要指标完成情况（一张表，数字与 ipkpi report 完全一致）；三、进展滞后的指标"
        "（逐项解读和牵头单位）；四、重点任务推进情况；五、下一步工作建议（留给起草单位填写，"
        "ipkpi 不代拟）；附：数据来源（文件名、工作表、口径）。版式按 GB/T 9704-2012：A4，"
        "上 37 毫米、左 28 毫米、下 35 毫米、右 26 毫米，标题 2 号方正小标宋简体，正文 3 号"
        "仿宋_GB2312、行距 28 磅，页码 4 号“— 1 —”。规划期已结束时默认写总结评估（--final），"
        "否则写当年的年度评估（--annual）。\n\n"
        "示例：\n"
        "  ipkpi brief --city nanjing --as-of 2025 -o 南京市评估报告.docx\n"
        "  ipkpi brief --city guizhou --as-of 2024 --annual -o guizhou-2024.docx",
        "Write a place's assessment report as a Word document (.docx), ready to edit and sign: "
        "1 overview; 2 the main indicators (one table, the figures of ipkpi report); 3 the "
        "indicators behind (a reading and the lead unit each); 4 key tasks; 5 next steps (left "
        "to the drafting office: ipkpi writes no policy); annex: data sources (file names, "
        "sheets, vintage). Laid out after GB/T 9704-2012: A4, margins 37/28/35/26 mm, title "
        "22 pt 方正小标宋简体, text 16 pt 仿宋_GB2312 on 28 pt lines, page numbers — 1 —. A "
        "final evaluation of the whole plan by default once its window has ended (--final), "
        "else the year's (--annual).\n\n"
        "Examples: ipkpi brief --city nanjing --as-of 2025 -o 南京市评估报告.docx; "
        "ipkpi brief --city guizhou --as-of 2024 --annual -o guizhou-2024.docx",
    ),
    "help.brief.output": ("要写入的 Word 文档（.docx）。", "The Word document to write (.docx)."),
    "help.brief.final": (
        "写整个规划期的总结评估，或当年的年度评估。[默认：规划期已结束时为总结评估]",
        "A final evaluation of the whole plan, or the year's annual one [default: final once "
        "the plan's window has ended].",
    ),
    "help.tasks": (
        "工作方案中每项任务相对时限的进展：按期完成、逾期完成、未到期、已逾期（及逾期天数）"
        "或持续推进（无完成时限）。\n\n"
        "进展来自像统计数据一样导入的进展表（ipkpi ingest）：一列任务序号、一列完成情况（已完成、"
        "推进中、未启动、持续推进）和完成日期。在时限当天完成算按期完成；未完成的，"
        "从时限次日起算逾期。\n\n"
        "示例：\n"
        "  ipkpi tasks --city shanxi --as-of 2023-12-31\n"
        "  ipkpi tasks --city shanxi --by lead\n"
        "  ipkpi tasks --city nanjing -f json\n"
        "  ipkpi tasks --city shanxi --fail-on overdue",
        "Where each work-plan task stands against its deadline: done on time, done late, open\n"
        "(not yet due), overdue (with the days overdue) or ongoing (持续推进, no deadline).\n\n"
        "Progress comes from progress sheets ingested like statistics (ipkpi ingest): a task\n"
        "number column, a status column (已完成, 推进中, 未启动, 持续推进) and the completion "
        "date.\n"
        "A task done on its deadline day is on time; not done, it is overdue from the next day.\n\n"
        "Examples: ipkpi tasks --city shanxi --as-of 2023-12-31; ipkpi tasks --city shanxi\n"
        "--by lead; ipkpi tasks --city nanjing -f json; ipkpi tasks --city shanxi --fail-on "
        "overdue",
    ),
    "help.tasks.by": (
        "按牵头单位分组显示任务（--by lead）；联合牵头的任务列在每个牵头单位下。",
        "Group tasks by lead unit (--by lead); a joint task is listed under each of its leads.",
    ),
    "help.rewards": (
        "按一个地方的奖补规则，核算每项申报应得多少：适用的规则、是否符合条件及原因、"
        "金额及其算式（3 + 0.5 × 4 = 5.0 万元）、封顶情况，以及按措施的合计和总计，单位为万元。\n\n"
        "申报工作簿的表头包括 申请单位、单位类型（企业、高校、科研院所、服务机构、银行）、"
        "措施（措施序号，如（七），或规则名称）、年度，以及规则用到的每个数量各一列（见 ipkpi "
        "targets show --city zhangzhou）。申报缺少其规则所需的数量时，在该单元格处报错（退出状态 "
        "1），绝不按零计算；此时什么也不写入。\n\n"
        "示例：\n"
        "  ipkpi rewards --city zhangzhou claims.xlsx\n"
        "  ipkpi rewards --city zhangzhou claims.xlsx -o rewards.xlsx -f json",
        "Work out what each claim is due under a place's reward and subsidy rules: the rule\n"
        "applied, eligible or not and why, the amount with its arithmetic (3 + 0.5 × 4 = 5.0 "
        "万元),\n"
        "caps applied, and the totals by measure and overall, in 万元.\n\n"
        "The claims workbook has a header with 申请单位, 单位类型 (企业, 高校, 科研院所, "
        "服务机构,\n"
        "银行), 措施 (the measure's number, e.g. (七), or the rule's name), 年度, and a column "
        "for\n"
        "each quantity the rules use (see `ipkpi targets show --city zhangzhou`). A claim "
        "lacking a\n"
        "quantity its rule needs is an error at that cell (exit 1), never a zero; nothing is "
        "written.\n\n"
        "Examples: ipkpi rewards --city zhangzhou claims.xlsx;\n"
        "ipkpi rewards --city zhangzhou claims.xlsx -o rewards.xlsx -f json",
    ),
    "help.rewards.claims": (
        "申报工作簿：申请单位、单位类型、措施、年度和各项数量。",
        "The claims workbook: applicant, type, measure, year and the quantities.",
    ),
    "help.rewards.output": (
        "同时把结果写入这个工作簿（申报明细、合计和规则）。",
        "Also write the results to this workbook (claims, totals and the rules).",
    ),
    "help.template": (
        "生成供牵头单位填报当年数值的模板：每项需要当年数值的目标一行，列出编号、名称、单位、"
        "具体填报口径、规划目标值和数据库中的上年值以供参考；数值列留空且只接受数字；另有备注列；"
        "其余内容均锁定；第一个工作表是填报说明。\n\n"
        "填好的模板直接用 ipkpi ingest 导入，无需任何选项：每行的编号说明该值属于哪项目标。"
        "有数据库时，上年值取自数据库。\n\n"
        "示例：\n"
        "  ipkpi template --city nanjing --year 2025 -o 南京2025.xlsx\n"
        "  ipkpi template --city guizhou --lead 省知识产权局 -o 省知识产权局.xlsx\n"
        "  ipkpi template --city guizhou --year 2025 --each-lead -o templates/",
        "Write the fill-in template a lead department (牵头单位) completes with the year's\n"
        "figures: one row per target needing a figure for the year, with its id, name, unit,\n"
        "what exactly to report, the plan's target and last year's stored figure for reference;\n"
        "an empty value column that takes numbers only; a notes column; everything else locked;\n"
        "instructions on the first sheet.\n\n"
        "A filled template goes through `ipkpi ingest` with no options: each row's id says which\n"
        "target its value is for. Last year's figures come from the store when there is one.\n\n"
        "Examples: ipkpi template --city nanjing --year 2025 -o 南京2025.xlsx;\n"
        "ipkpi template --city guizhou --lead 省知识产权局 -o 省知识产权局.xlsx;\n"
        "ipkpi template --city guizhou --year 2025 --each-lead -o templates/",
    ),
    "help.template.output": (
        "要写入的工作簿；使用 --each-lead 时，为存放各工作簿的文件夹。",
        "The workbook to write; with --each-lead, the folder for the workbooks.",
    ),
    "help.template.each_lead": (
        "每个牵头单位一个工作簿，以单位名称命名，写入 -o 指定的文件夹。",
        "One workbook per lead unit, named after it, in the -o folder.",
    ),
    "help.missing": (
        "哪些目标还缺当年的数值，按牵头单位分组：即要催报的内容。"
        "联合牵头的目标列在每个牵头单位下。\n\n"
        "目标在某年被评估，就需要该年的数值：有规划期的（累计、每年、年均）需要规划期内的每一年，"
        "其余的需要从起始年到目标年的每一年。\n\n"
        "示例：\n"
        "  ipkpi missing --city nanjing\n"
        "  ipkpi missing --city guizhou --year 2024 --lead 省知识产权局\n"
        "  ipkpi missing --city nanjing -f json --fail-on missing",
        "Which targets have no figure for the year yet, grouped by lead unit (牵头单位): what to\n"
        "chase. A target led jointly is listed under each of its leads.\n\n"
        "A target needs a figure for a year when it is assessed on it: every year of its\n"
        "window (累计, 每年, 年均), else every year from its start to its target year.\n\n"
        "Examples: ipkpi missing --city nanjing; ipkpi missing --city guizhou --year 2024\n"
        "--lead 省知识产权局; ipkpi missing --city nanjing -f json --fail-on missing",
    ),
    "help.compare": (
        "比较规划中有共同指标（目标目录中的 measure 键）的各个地方：每个地方的最新值、目标、"
        "进度和状态，与 ipkpi report 给出的完全一致；先按状态排序，再按各自目标的进度排序；"
        "规划写明人口口径的注明口径，各地指标定义不同时加注说明。\n\n"
        "口径更窄的定义也属于其所在的指标：invention_patents_per_10k 包括 "
        "invention_patents_per_10k.high_value。不带 --measure 时，列出所有指标。\n\n"
        "示例：\n"
        "  ipkpi compare\n"
        "  ipkpi compare --measure invention_patents_per_10k --year 2024\n"
        "  ipkpi compare -m ip_pledge_financing -f json",
        "Compare the places whose plans share a measure (the catalogue's `measure` key): each\n"
        "place's latest figure, target, progress and status, exactly as `ipkpi report` gives\n"
        "them, sorted by status, then by progress towards its own target; with the population\n"
        "basis where the plan states one, and a note when the places define the indicator\n"
        "differently.\n\n"
        "A narrower definition is part of its measure: invention_patents_per_10k takes in\n"
        "invention_patents_per_10k.high_value. Without --measure, lists the measures.\n\n"
        "Examples: ipkpi compare; ipkpi compare --measure invention_patents_per_10k --year 2024;\n"
        "ipkpi compare -m ip_pledge_financing -f json",
    ),
    "help.compare.measure": (
        "共同指标：指标编号、目标名称或其中一部分，如 invention_patents_per_10k 或 "
        "发明专利。[默认：列出所有指标]",
        "The shared measure: its id, a target's name or a part of it, e.g. "
        "invention_patents_per_10k or 发明专利 [default: list the measures].",
    ),
    "help.export": (
        "生成供领导小组使用的 Excel 汇总：汇总表、各城市的差距表（即 ipkpi report 的数据）、"
        "每项目标一张图表，以及每个数值的来源。\n\n"
        "先写入旁边的临时文件再改名，因此已有的工作簿要么被整体替换，要么原样保留。\n\n"
        "--format html 则写一个独立的网页（仪表盘）：每个地方的状态统计、每项目标的数值、目标、"
        "差距、状态和趋势线，可按状态、牵头单位筛选和搜索，可按列排序；打开时不需联网，可打印为"
        " A4，手机上也可阅读。\n\n"
        "示例：\n"
        "  ipkpi export --city nanjing -o 南京.xlsx\n"
        "  ipkpi export --all --as-of 2024 -o summary.xlsx\n"
        "  ipkpi export --all --format html -o dashboard.html",
        "Write the Excel summary for the leadership group: a summary sheet, each city's gap\n"
        "table (the figures of `ipkpi report`), a chart per target, and every figure's source.\n\n"
        "The file is written to a temporary file beside it and renamed, so an existing workbook "
        "is\n"
        "replaced whole or not at all.\n\n"
        "With --format html, a self-contained web page (a dashboard) instead: per place the "
        "status counts, each target's figure, target, gap, status and trend line, filtered by "
        "status or lead unit, searched, sorted by any column; it needs no network when opened, "
        "prints on A4 and reads on a phone.\n\n"
        "Examples: ipkpi export --city nanjing -o 南京.xlsx;\n"
        "ipkpi export --all --as-of 2024 -o summary.xlsx;\n"
        "ipkpi export --all --format html -o dashboard.html",
    ),
    "help.export.output": (
        "要写入的工作簿（.xlsx），或 --format html 时的网页（.html）。",
        "The workbook to write (.xlsx), or the page (.html) with --format html.",
    ),
    "help.export.format": (
        "xlsx：Excel 汇总；html：独立的进展网页。[默认：xlsx]",
        "xlsx: the Excel summary; html: a self-contained dashboard page [default: xlsx].",
    ),
    "help.export.all": (
        "目标目录中的所有城市。",
        "Every city in the catalogue.",
    ),
    "help.run": (
        "无人值守运行（由 cron 或 systemd 定时器启动）：导入收件文件夹中的每个新文件，"
        "然后写出每个城市的 Excel 汇总和 JSON 报告，以及本次运行的摘要。\n\n"
        "一切设置来自配置文件（--config FILE，否则 $IPKPI_CONFIG，否则工作文件夹中的 ipkpi.toml）"
        "；配置项见 README。每个文件要么整体导入，要么完全不导入；被拒收的文件移到拒收文件夹，"
        "旁边附上问题说明和一份把每个错误单元格标红的副本。只有数值有变化的城市才重写报告。"
        "运行和导入轮流使用数据库：运行最多等待锁 lock_timeout 秒。\n\n"
        "日志带时间戳写到 stderr：不在终端上时只记警告和错误，加 -v 记得更多；配置了 log_file "
        "时也写入该文件。\n\n"
        "退出状态：0 全部完成 · 1 有文件被拒收，或目标目录有误 · 2 用法或配置错误，"
        "或数据库一直被锁 · 3 已完成，但命中 fail_on 所列状态。\n\n"
        "示例：\n"
        "  ipkpi run\n"
        "  ipkpi run --config /srv/ipkpi/ipkpi.toml -v",
        "Run unattended (from cron or a systemd timer): ingest every new file in the inbox,\n"
        "then write each city's Excel summary and JSON report, and a run summary.\n\n"
        "Everything comes from the configuration file (--config FILE, else $IPKPI_CONFIG, else\n"
        "ipkpi.toml in the working folder); see the README for its keys. Each file is taken "
        "whole\n"
        "or not at all; a rejected file is moved to the rejected folder beside a note of its\n"
        "problems and a copy with each bad cell marked red. A city's reports are rewritten only\n"
        "when its figures changed. Runs and ingests take turns on the store: a run waits for the\n"
        "lock up to lock_timeout seconds.\n\n"
        "Logs go to stderr with timestamps: warnings and errors only when not on a terminal, "
        "more\n"
        "with -v; also to log_file when the configuration names one.\n\n"
        "Exit statuses: 0 all done · 1 a file was rejected, or the catalogue is bad · 2 usage or\n"
        "configuration error, or the store stayed locked · 3 done, but a fail_on status holds.\n\n"
        "Examples: ipkpi run; ipkpi run --config /srv/ipkpi/ipkpi.toml -v",
    ),
    "help.run.config": (
        "配置文件。[默认：$IPKPI_CONFIG，未设置时为当前文件夹中的 ipkpi.toml]",
        "The configuration [default: $IPKPI_CONFIG, else ipkpi.toml here].",
    ),
    "help.run.verbose": (
        "输出更多信息；重复使用可输出更多。",
        "Say more; repeat for more.",
    ),
}
