"""Messages of the commands themselves (ipkpi/cli): what they wrote, the --fail-on line, and
the option values they refuse: code → (zh, en)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # option values typer cannot check (options.py), said after 选项 X 的值无效：
    "E-STATUS-UNKNOWN": (
        "没有状态 {given}；{did_you_mean}可用（可写多个，用逗号分隔）：{known}",
        "unknown status {given}; {did_you_mean}use one or more of {known}, separated by commas",
    ),
    "status.named": ("{name}（{label}）", "{name} ({label})"),
    "E-THRESHOLDS": (
        "{value}：请写两个数，如 0.95,0.60",
        "{value}: give two numbers, e.g. 0.95,0.60",
    ),
    "E-THRESHOLDS-BAD": ("{value}：{detail}", "{value}: {detail}"),
    "E-DATE": (
        "{value} 不是日期；请写成 2023-12-31 的形式",
        "{value} is not a date; write it as 2023-12-31",
    ),
    "E-DATE-RANGE": (
        "{value} 不在 {low}–{high} 年之间",
        "{value} is not in the years {low}–{high}",
    ),
    "E-XLSX": ("{name}：工作簿必须是 .xlsx 文件", "{name}: the workbook must be an .xlsx file"),
    "E-HTML": (
        "{name}：网页必须是 .html 文件",
        "{name}: the page must be an .html file",
    ),
    "E-DOCX": (
        "{name}：评估报告必须是 .docx 文件",
        "{name}: the report must be a .docx file",
    ),
    # the commands' own checks
    "E-LEAD-OR-EACH": (
        "请给出 --lead 或 --each-lead，不能两者都给",
        "give --lead or --each-lead, not both",
    ),
    "E-EACH-LEAD-FOLDER": (
        "-o：{path} 不是文件夹（--each-lead 为每个牵头单位各写一个工作簿，放在一个文件夹中）",
        "-o: {path} is not a folder (--each-lead writes one workbook per lead unit into a folder)",
    ),
    "E-TEMPLATE-EMPTY": (
        "{lead}在{plan}中没有需要{year}年数值的目标：无模板可写",
        "{lead} leads no target of {plan} needing a {year} figure: no template to write",
    ),
    "E-COLLECT-NO-TARGETS": (
        "{plan}没有目标，只有任务或奖补规则：没有要收集的数值",
        "{plan} has no targets, only tasks or rules: no figures to collect",
    ),
    "E-COLLECT-YEAR": (
        "{plan}中没有目标需要{year}年的数值；其目标需要{first}–{last}年的数值",
        "no target of {plan} needs a {year} figure; its targets need {first}–{last}",
    ),
    "E-MISSING-FAIL-ON": (
        "missing 只在缺报数值时失败：--fail-on missing",
        "missing fails on missing figures only: --fail-on missing",
    ),
    "E-TASKS-BY": (
        "任务只能按牵头单位分组：--by lead",
        "tasks are grouped by lead only: --by lead",
    ),
    "E-TASKS-FAIL-ON": (
        "tasks 只在任务逾期时失败：--fail-on overdue",
        "tasks fail on overdue only: --fail-on overdue",
    ),
    "E-EXPORT-CITIES": (
        "请给出 --city（一个或多个）或 --all",
        "give --city (one or more) or --all",
    ),
    "E-FILE-MISSING": ("{path}：没有这个文件", "{path}: no such file"),
    "E-STORE-NONE": (
        "{path}：这里没有数据库；请先导入统计数据（ipkpi ingest FILES --db FILE），"
        "或用 --db 指定数据库",
        "{path}: no store here; ingest statistics first (ipkpi ingest FILES --db FILE) or "
        "name the store with --db",
    ),
    # what the commands wrote
    "cli.wrote": ("已写入 {path}", "wrote {path}"),
    "cli.template.wrote": (
        "已写入 {path}：{year}年（{plan}）{rows}项目标，其中{previous}项附上年值",
        "wrote {path}: {rows} target(s) for {year} ({plan}), last year's figure for {previous}",
    ),
    "cli.template.no_store": (
        "{path} 处没有数据库：上年值留空",
        "no store at {path}: last year's figures left empty",
    ),
    "W-BRIEF-NO-CJK-FONT": (
        "这台机器上没有中文字体，评估报告中未附{n}张趋势图（不会用方框代替汉字）；"
        "安装中文字体（如 Debian 的 fonts-noto-cjk）后重新生成即可附上",
        "no Chinese font on this machine: the brief goes without its {n} trend chart(s) "
        "(never boxes for characters); install one (Debian's fonts-noto-cjk, say) and write it "
        "again to have them",
    ),
    "cli.brief.wrote": (
        "已写入 {path}：{kind}，{n}项指标，其中{behind}项进展滞后",
        "wrote {path}: {kind}, {n} indicators, {behind} of them behind",
    ),
    "cli.export.wrote_html": (
        "已写入 {path}：{n}个地方的进展网页（一个文件，不需联网）",
        "wrote {path}: the dashboard of {n} places (one file, no network needed)",
    ),
    "cli.export.wrote": (
        "已写入 {path}：{n}个工作表（{sheets}），{charts}张图表",
        "wrote {path}: {n} sheets ({sheets}), {charts} charts",
    ),
    "cli.waiting": ("正在等待数据库：{holder}", "waiting for the store: {holder}"),
    "cli.waiting.someone": ("另一个 ipkpi 正在写入", "another ipkpi is writing to it"),
    # ingest's progress bar on a terminal (output.terminal.file_progress)
    "cli.progress.start": ("导入", "ingest"),
    "cli.progress.file": ("导入 {name}", "ingest {name}"),
    # --fail-on: said on stderr before exit status 3
    "cli.fail_on": ("--fail-on：{what}：{items}", "--fail-on: {what}: {items}"),
    "cli.fail_on.targets": ("{n}项目标的状态为 {statuses}", "{n} target(s) with status {statuses}"),
    "cli.fail_on.tasks": ("{n}项任务已逾期", "{n} task(s) overdue"),
    "cli.fail_on.and": ("，", " and "),
    "cli.fail_on.missing": (
        "--fail-on：{year}年缺{n}个数值：{ids}",
        "--fail-on: {n} figure(s) missing for {year}: {ids}",
    ),
    # ipkpi targets check
    "cli.check.plan": ("{n}个规划", "{n} plan"),
    "cli.check.plans": ("{n}个规划", "{n} plans"),
    "cli.check.target": ("{n}项目标", "{n} target"),
    "cli.check.targets": ("{n}项目标", "{n} targets"),
    "cli.check.task": ("{n}项任务", "{n} task"),
    "cli.check.tasks": ("{n}项任务", "{n} tasks"),
    "cli.check.rule": ("{n}条奖补规则", "{n} rule"),
    "cli.check.rules": ("{n}条奖补规则", "{n} rules"),
    "cli.check.held.targets": ("{n}项目标", "{n:>3} targets"),
    "cli.check.held.tasks": ("{n}项任务", "{n:>3} tasks"),
    "cli.check.held.rules": ("{n}条规则", "{n:>3} rules"),
    "cli.check.ok": ("目标目录无误", "OK"),
}
