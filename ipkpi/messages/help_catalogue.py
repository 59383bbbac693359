"""Messages of help: the commands that show the catalogue and the store (cities,
targets, ingest, data) and their own options: code → (zh, en)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "help.cities": (
        "列出目标目录中的地方和规划。\n\n示例：\n  ipkpi cities --format json",
        "List the places and plans in the catalogue.\n\nExample: ipkpi cities --format json",
    ),
    "help.targets.show": (
        "按类别显示一个规划的目标。\n\n"
        "示例：\n"
        "  ipkpi targets show --city nanjing\n"
        "  ipkpi targets show --city guizhou --format json",
        "Show a plan's targets, grouped by category.\n\n"
        "Examples: ipkpi targets show --city nanjing;\n"
        "ipkpi targets show --city guizhou --format json",
    ),
    "help.targets.check": (
        "检查目标目录是否有效，并说明其中有什么；发现任何问题即以退出状态 1 结束。\n\n"
        "示例：\n"
        "  ipkpi targets check my-targets/",
        "Validate a catalogue and say what it holds; exit 1 on any problem.\n\n"
        "Example: ipkpi targets check my-targets/",
    ),
    "help.targets.draft": (
        "从规划原文（.txt、.html、.docx 或带文字层的 PDF）起草一个规划文件：主要指标表和正文中的"
        "每个量化目标，连同名称、数值、单位、目标年份、比较方式、类型、基期值和原文引文。"
        "没有把握的地方写成“# 待核实：…”注释并说明原因，绝不猜测；数值无法确定的目标整条注释掉。"
        '文件带有 status = "draft"，核对完毕后删去这一行。\n\n'
        "不联网，不使用大语言模型：按中文规划的写法逐条规则识别。\n\n"
        "示例：\n"
        "  ipkpi targets draft plan.docx --city nanjing -o targets/nanjing-2030.toml",
        "Draft a plan file from a plan as published (.txt, .html, .docx or a PDF with a text "
        "layer): every quantified target of its indicator table and sentences, with its name, "
        "value, unit, target year, comparator, kind, baseline and the quote it came from. What "
        "the rules are not sure of is a '# 待核实: …' comment saying why, never a guess; a "
        "target whose value cannot be told is commented out whole. The file has status = "
        '"draft": delete that line once it is reviewed.\n\n'
        "No network and no language model: rules for the way Chinese plans word targets.\n\n"
        "Example: ipkpi targets draft plan.docx --city nanjing -o targets/nanjing-2030.toml",
    ),
    "help.targets.draft.source": (
        "规划原文：.txt、.html、.docx 或带文字层的 .pdf。",
        "The plan as published: .txt, .html, .docx or a .pdf with a text layer.",
    ),
    "help.targets.draft.city": (
        "地方代码（小写英文，如 nanjing）；目录中已有这个地方时沿用其地名。",
        "The place's slug (nanjing); a place the catalogue has keeps its names.",
    ),
    "help.targets.draft.output": (
        "写入的规划文件。[默认：输出到屏幕]",
        "The plan file to write [default: standard output].",
    ),
    "help.targets.draft.place": (
        "地名（如 南京市），目录中还没有这个地方时使用。[默认：取自标题]",
        "The place's Chinese name, for a place new to the catalogue [default: from the title].",
    ),
    "help.targets.draft.place_en": (
        "英文地名（如 Nanjing）。[默认：由地方代码得出]",
        "The place's English name [default: from the slug].",
    ),
    "help.targets.draft.baselines_from": (
        "从这个数据库取基期值：没有写基期的目标取规划开始前一年的数值（注明出处），"
        "原文写了基期的与数据库核对，不一致的标为待核实。",
        "Take baselines from this store: a target with none takes the figure of the year "
        "before the plan (its source in the note); a stated one is checked against it, and "
        "marked to check where they differ.",
    ),
    "help.targets.draft.force": (
        "覆盖已有的输出文件。",
        "Overwrite the output file if it exists.",
    ),
    "help.targets.check.dir": (
        "目标目录文件夹。[默认：--targets、$IPKPI_TARGETS，都未设置时用内置目录]",
        "Catalogue folder [default: --targets, $IPKPI_TARGETS, else the bundled one].",
    ),
    "help.ingest": (
        "把逐年统计数据导入数据库；每个文件要么整体导入，要么完全不导入。\n\n"
        "表格布局自动识别：长表（按行列出 城市/指标/年份/数值）、宽表（每年一列）、"
        "每个工作表或文件一年、地区向下排列（一列 地区，每个指标一列）或年份向下排列；"
        "一个工作表中的每个表格分别读取。单位取自单位列、表头、表格上方的“单位：…”"
        "行或单元格本身；与同一序列相差 10 的整数次幂的数值会被拒收，直到确认无误（--accept，"
        "或在其 备注 列写“核实无误”）。已导入过的文件会跳过；"
        "新值与数据库中已有的数值不同时，新值成为当前值，旧值保留在历史中；"
        "但已有数值的口径等级更高时（快报 < 未标注 = 正式 < 修订），"
        "新值则作为非当前值记入历史。隐藏或深度隐藏的工作表会跳过并给出警告，除非使用 "
        "--include-hidden（或 --sheet 指定了它）。任一文件被拒收时，退出状态为 "
        "1（其他文件照常导入）。ipkpi run 或另一次导入正在写入同一数据库时，会等待（最多 "
        "--lock-timeout 秒，超时则退出状态为 2）。\n\n"
        "以前导入过、但其数值后来在数据库中被删除或改动的文件（见 ipkpi data check）会被拒收；"
        "--force 重新导入该文件，恢复这些数值。\n\n"
        "示例：\n"
        "  ipkpi ingest sample_data/\n"
        "  ipkpi ingest 2024.xlsx --city nanjing --year 2024\n"
        "  ipkpi ingest 2024.xlsx --accept 数据!D7",
        "Ingest yearly statistics into the store, each file whole or not at all.\n\n"
        "Layouts are detected: long (城市/指标/年份/数值 rows), wide (a column per year), one\n"
        "year per sheet or file, places down (a 地区 column, an indicator a column) or years\n"
        "down; every table of a sheet is read on its own. Units come from a unit column, the\n"
        "header, a 单位：… line above the table or the cell; a value a power of ten away from\n"
        "its series is refused until confirmed (--accept, or 核实无误 in its 备注 column). A "
        "file\n"
        "ingested before is skipped; a value that differs from the stored one becomes current\n"
        "and the old one stays in the history, unless the stored one's vintage ranks above it\n"
        "(快报 < unmarked = 正式 < 修订): then it is kept in the history as not current. A\n"
        "hidden or very hidden sheet is passed over with a warning, unless --include-hidden (or\n"
        "--sheet names it). Exit\n"
        "status 1 when any file is rejected (the others are still ingested). While `ipkpi run`\n"
        "or another ingest writes to the same store, it waits (up to --lock-timeout, then exit\n"
        "status 2).\n\n"
        "A file ingested before whose stored values were deleted or changed since (see ipkpi\n"
        "data check) is refused; --force ingests it again, restoring them.\n\n"
        "Examples: ipkpi ingest sample_data/; ipkpi ingest 2024.xlsx --city nanjing --year 2024;\n"
        "ipkpi ingest 2024.xlsx --accept 数据!D7",
    ),
    "help.ingest.path": (
        "工作簿（.xlsx、.xls）、CSV 文件或文件夹。",
        "Workbooks (.xlsx, .xls), CSV files or folders.",
    ),
    "help.data.show": (
        "列出数据库中的数值及各自的来源（文件、工作表、单元格、导入时间、口径）。\n\n"
        "示例：\n"
        "  ipkpi data show --city nanjing\n"
        "  ipkpi data show --city guizhou --history -f csv",
        "List stored values with where each came from (file, sheet, cell, time, vintage).\n\n"
        "Examples: ipkpi data show --city nanjing; ipkpi data show --city guizhou --history -f "
        "csv",
    ),
    "help.data.show.city": (
        "只看这个城市（代号、中文名或英文名）。",
        "Only this city (slug, Chinese or English name).",
    ),
    "help.data.show.history": (
        "同时列出非当前值（被后来的文件取代，或被搁置：正式数之后才到的快报），"
        "并说明每个值为何是或不是当前值。",
        "Also the values that are not current (replaced by a later file, or kept aside: a 快报 "
        "after the 正式 figure), and why each is or is not current.",
    ),
    "help.data.check": (
        "检查数据库：把每个已导入文件的数值和任务报送，与导入时存入的条数及校验和核对，"
        "以发现绕过 ipkpi 被删除或改动的数值。\n\n"
        "一切正常时退出状态为 0；有文件的数值受损时为 1（每个文件在 stderr 上报一行，说明要用 "
        "ipkpi ingest --force 重新导入哪个文件）；数据库根本无法使用时为 2（不是数据库、"
        "缺少表或列、版本更新）。\n\n"
        "示例：\n"
        "  ipkpi data check\n"
        "  ipkpi data check --db /srv/ipkpi/ipkpi.db -f json",
        "Check the store: every ingested file's values and task reports against how many it\n"
        "stored and their checksum, to find values deleted or changed behind ipkpi's back.\n\n"
        "Exit status 0 when all is well, 1 when a file's values are damaged (one line each on\n"
        "stderr, saying which file to re-ingest with `ipkpi ingest --force`), 2 when the store\n"
        "cannot be used at all (not a store, a table or column missing, a newer version).\n\n"
        "Examples: ipkpi data check; ipkpi data check --db /srv/ipkpi/ipkpi.db -f json",
    ),
}
