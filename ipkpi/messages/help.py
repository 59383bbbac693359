"""Messages of help: the help of ipkpi itself, of its groups, and the options that
several commands share (``help.opt.<name>``, one per alias in ``ipkpi.cli.options``): code →
(zh, en)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "help.opt.help": (
        "显示本帮助并退出。",
        "Show this message and exit.",
    ),
    "help.app": (
        "对照逐年统计数据，跟踪知识产权规划目标的完成情况。\n\n"
        "退出状态：0 完成 · 1 输入数据有误（目标目录、工作簿、申报表） · 2 "
        "用法或配置错误（选项有误、地方未知） · 3 已完成，但命中 --fail-on 所列状态。",
        "Track intellectual-property (知识产权) plan targets against yearly statistics.\n\n"
        "Exit statuses: 0 done · 1 bad input data (catalogue, workbook, claims) ·\n"
        "2 usage or config error (bad option, unknown city) · 3 finished, but a --fail-on "
        "condition holds.",
    ),
    "help.opt.debug": (
        "出错时显示调用栈（也可设 IPKPI_DEBUG=1）。",
        "Show the traceback of an error (or IPKPI_DEBUG=1).",
    ),
    "help.opt.version": (
        "显示版本号。",
        "Print the version.",
    ),
    "help.targets": (
        "查看、检查目标目录，或从规划原文起草规划文件。",
        "Show and check the target catalogue, or draft a plan file from a plan's text.",
    ),
    "help.data": (
        "查看数据库中的统计数据。",
        "Look at the statistics in the store.",
    ),
    "help.opt.targets": (
        "目标目录：存放规划 TOML 文件的文件夹。[默认：$IPKPI_TARGETS，未设置时用内置目录]",
        "Catalogue folder of plan TOML files [default: $IPKPI_TARGETS, else the bundled one].",
    ),
    "help.opt.db": (
        "数据库：文件，或共享的 PostgreSQL 数据库（postgresql://用户@主机/库名）。"
        "[默认：$IPKPI_DB，未设置时为工作文件夹中的 ipkpi.db]",
        "The store: a file, or a shared PostgreSQL database (postgresql://user@host/db) "
        "[default: $IPKPI_DB, else ipkpi.db in the working folder].",
    ),
    "help.opt.lock_timeout": (
        "另一个 ipkpi run 或导入正在写入数据库时，最多等待多少秒。",
        "How long to wait while another ipkpi run or ingest writes to the store.",
    ),
    "help.opt.lock_timeout_configured": (
        "最多等待数据库多少秒。[默认：配置文件中的 lock_timeout]",
        "How long to wait for the store [default: the configuration's lock_timeout].",
    ),
    "help.opt.format": (
        "输出格式。",
        "Output format.",
    ),
    "help.opt.lang": (
        "标签和提示信息的语言：zh 或 en。[默认：$IPKPI_LANG，其次按系统语言环境，否则为 zh]",
        "Language of labels and messages: zh or en [default: $IPKPI_LANG, else the locale's, "
        "else zh].",
    ),
    "help.opt.statuses": (
        "只显示这些状态的目标：写状态代码或名称，如 behind,moving_away 或 进度滞后,逆向变化。",
        "Show only targets with these statuses: codes or labels, e.g. behind,moving_away or "
        "进度滞后,逆向变化.",
    ),
    "help.opt.fail_on": (
        "任一目标处于所列状态之一时，以退出状态 3 结束；可写状态代码或名称（behind 或 进度滞后；"
        "供 cron 定时任务使用）。",
        "Exit with status 3 when any target has one of these statuses, codes or labels (behind "
        "or 进度滞后; for cron).",
    ),
    "help.opt.fail_on_configured": (
        "任一目标处于所列状态之一时，以退出状态 3 结束。[默认：配置文件中的 fail_on]",
        "Exit with status 3 when any target has one of these statuses [default: the "
        "configuration's fail_on].",
    ),
    "help.opt.fail_on_overdue": (
        "有任务逾期时以退出状态 3 结束（写 overdue 或 已逾期；供 cron 定时任务使用）。",
        "Exit with status 3 when a task is overdue (overdue or 已逾期; for cron).",
    ),
    "help.opt.fail_on_missing": (
        "有数值缺报时以退出状态 3 结束（供 cron 定时任务使用）。",
        "Exit with status 3 when a figure is missing (for cron).",
    ),
    "help.opt.city": (
        "城市或省份：代号、中文名或英文名，如 nanjing、南京。",
        "City or province: slug, Chinese or English name, e.g. nanjing, 南京.",
    ),
    "help.opt.cities": (
        "城市或省份：代号、中文名或英文名（nanjing、南京）；可重复指定多个。",
        "A city or province: slug, Chinese or English name (nanjing, 南京); repeat for several.",
    ),
    "help.opt.plan": (
        "规划编号。[默认：规划期包含 --as-of 年份的规划，否则为最新的规划]",
        "Plan id [default: the plan whose window holds --as-of, else the latest].",
    ),
    "help.opt.plan_for_year": (
        "规划编号。[默认：规划期包含 --year 年份的规划，否则为最新的规划]",
        "Plan id [default: the plan whose window holds --year, else the latest].",
    ),
    "help.opt.as_of_plan": (
        "截至年份：用截至该年的数值评估，并按该年选择规划。[默认：今年]",
        "Assess with the figures up to this year, and choose the plan by it [default: this year].",
    ),
    "help.opt.as_of": (
        "截至年份：用截至该年的数值评估。[默认：今年]",
        "Assess with the figures up to this year [default: this year].",
    ),
    "help.opt.plan_year": (
        "用于选择规划的年份。[默认：今年]",
        "Year used to choose the plan [default: this year].",
    ),
    "help.opt.compare_year": (
        "截至年份：用截至该年的数值评估。[默认：今年]",
        "Assess with the figures up to this year [default: this year].",
    ),
    "help.opt.stored_year": (
        "只看这一年。",
        "Only this year.",
    ),
    "help.opt.day": (
        "评估日期，如 2023-12-31（1900–2100 年间）：截至当天完成了哪些、逾期多久。[默认：今天]",
        "Assess on this day, e.g. 2023-12-31 (in the years 1900–2100): what was done by then, "
        "and how late [default: today].",
    ),
    "help.opt.figures_year": (
        "数值所属的年份。[默认：去年，或规划的最后一个目标年]",
        "The year of the figures [default: last year, or the plan's last target year].",
    ),
    "help.opt.lead": (
        "只看该牵头单位牵头的目标：写单位名称或其中一部分（省知识产权局）；写 none "
        "则只看规划未指明牵头单位的目标。",
        "Only the targets this lead unit (牵头单位) leads: its name or part of it "
        "(省知识产权局); none for the targets whose plan names no lead.",
    ),
    "help.opt.method": (
        "进度比的算法：linear 或 cagr。",
        "Progress ratio: linear or cagr.",
    ),
    "help.opt.method_explained": (
        "进度比的算法：linear（实际变化 ÷ 按时序应有的变化）或 cagr（实际增速 ÷ "
        "所需的年均复合增长率；仅适用于全为正数的序列）。",
        "Progress ratio: linear (actual ÷ expected change on the path) or cagr (actual ÷ "
        "required compound growth rate; positive series only).",
    ),
    "help.opt.group_targets": (
        "按类别（category）或牵头单位（lead）分组显示目标。",
        "Group targets by category or lead department.",
    ),
    "help.opt.thresholds": (
        "进度比达到多少算进度正常、达到多少算进度偏慢。[默认：0.95,0.60]",
        "Progress ratios from which a target is on track, and moderate [default: 0.95,0.60].",
    ),
    "help.opt.ingest_layout": (
        "无法自动识别时，指定表格布局。[默认：自动识别]",
        "Say the layout where detection cannot [default: detect].",
    ),
    "help.opt.sheet": (
        "只读取这个工作表。",
        "Read only this sheet.",
    ),
    "help.opt.sheet_year": (
        "单年工作表未写明年份时，指定其年份。",
        "The year of a one-year sheet, where it does not say.",
    ),
    "help.opt.ingest_city": (
        "文件未写明城市时，指定城市（代号、中文名或英文名）；文件有 地区 列时，只读取该城市的行。",
        "The city (slug, Chinese or English name), where the file does not say; with a 地区 "
        "column, only its rows.",
    ),
    "help.opt.strict": (
        "有一行对不上任何目标即视为错误。",
        "A row that matches no target is an error.",
    ),
    "help.opt.force": (
        "重新导入以前导入过、但其数值后来在数据库中被删除或改动的文件（见 ipkpi data check），"
        "恢复这些数值。",
        "Ingest again a file ingested before whose values in the store were deleted or changed "
        "(see ipkpi data check), restoring them.",
    ),
    "help.opt.accept": (
        "经人工核实的数值（D7 或 工作表!D7）：即使与同一序列相差 10 的整数次幂，也照常存入。"
        "可重复指定。",
        "A value checked by a person (D7 or SHEET!D7): stored even if it lies a power of ten "
        "from its series. Repeatable.",
    ),
    "help.opt.dry_run": (
        "只检查并报告，不写入任何内容。",
        "Check and report, write nothing.",
    ),
    "help.opt.include_hidden": (
        "也读取隐藏和深度隐藏的工作表（否则逐个跳过并给出警告）。",
        "Read hidden and very hidden sheets too (else each is passed over with a warning).",
    ),
}
