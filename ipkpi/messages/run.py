"""Messages of the unattended run (``ipkpi run``): the problems of its configuration file
(``FILE › key: …``), its own errors, and the lines of its log, which an administrator reads.
"""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # finding the configuration file
    "E-CONFIG-NONE": (
        "当前文件夹中没有 {name}；请用 --config FILE 指定配置文件，或设置 {env}",
        "no {name} in the working folder; pass --config FILE or set {env}",
    ),
    "E-CONFIG-MISSING": (
        "{origin}：{path} 处没有配置文件",
        "{origin}: no configuration file at {path}",
    ),
    # reading it
    "E-CONFIG-NOT-UTF8": (
        "不是 UTF-8 文本；请另存为 UTF-8 编码",
        "not UTF-8 text; save it as UTF-8",
    ),
    "E-CONFIG-TOML": ("不是有效的 TOML（{detail}）", "not valid TOML ({detail})"),
    "E-CONFIG-TOO-DEEP": (
        "不是有效的 TOML（嵌套超过 {depth} 层）",
        "not valid TOML (nested more than {depth} levels deep)",
    ),
    "E-CONFIG-UNREADABLE": ("无法读取：{reason}", "cannot read: {reason}"),
    # its keys: FILE › key: …
    "E-CONFIG-KEY-UNKNOWN": ("未知的配置项；{hint}", "unknown key; {hint}"),
    "config.hint.did_you_mean": ("是否指“{key}”？", "did you mean {key!r}?"),
    "config.hint.known": ("可用的配置项：{keys}", "known: {keys}"),
    "E-CONFIG-KEY-MISSING": ("缺少此项；请填写{what}", "missing; give the {what}"),
    "config.what.inbox": ("收件文件夹（存放收到的工作簿）", "folder of incoming workbooks"),
    "config.what.output": (
        "存放报告和运行摘要的文件夹",
        "folder for the reports and run summaries",
    ),
    "E-CONFIG-TYPE": ("应为{kind}，而不是 {value}", "must be {kind}, not {value}"),
    "config.kind.path": ("加引号的路径", "a path in quotes"),
    "config.kind.text": ("加引号的文本", "text in quotes"),
    "config.kind.list": ('方括号中的列表，例如 ["a", "b"]', 'a list in brackets, e.g. ["a", "b"]'),
    "E-CONFIG-EMPTY": ("不能为空", "must not be empty"),
    "E-CONFIG-NO-FOLDER": ("文件夹 {folder} 不存在", "no folder {folder}"),
    "E-CONFIG-NOT-FOLDER": ("{path} 是文件，不是文件夹", "{path} is a file, not a folder"),
    "E-CONFIG-IS-FOLDER": ("{path} 是文件夹，不是文件", "{path} is a folder, not a file"),
    "E-CONFIG-STORE-NO-FOLDER": (
        "文件夹 {folder} 不存在，无法在那里存放数据库",
        "no folder {folder} for the store",
    ),
    "E-CONFIG-STORE-IS-FOLDER": (
        "{path} 是文件夹，不是数据库文件",
        "{path} is a folder, not a store file",
    ),
    "E-CONFIG-CHOICE": ("{value}：请使用 {allowed} 之一", "{value}: use one of {allowed}"),
    "E-CONFIG-DASHBOARD": (
        '{value}：请写一个以 .html 结尾的文件名（写在 output 文件夹中），如 "index.html"',
        "{value}: give a file name ending in .html (written in the output folder), such as "
        '"index.html"',
    ),
    "E-CONFIG-NOT-TEXT-LIST": (
        "应为由加引号的文本组成的列表，而不是 {value}",
        "must be a list of text in quotes, not {value}",
    ),
    "E-CONFIG-CITIES-EMPTY": (
        "列表为空；如要报告所有城市，请删去此项",
        "an empty list; leave the key out to report on every city",
    ),
    "E-CONFIG-FAIL-ON-UNKNOWN": (
        "未知的状态 {unknown}；可用的状态：{known}",
        "unknown status {unknown}; use any of {known}",
    ),
    "E-CONFIG-SECONDS": (
        "应为秒数（0 或更大），而不是 {value}",
        "must be a number of seconds, 0 or more, not {value}",
    ),
    "E-CONFIG-CITY-UNKNOWN": (
        "没有城市 {cities}；已知城市：{known}",
        "unknown city {cities}; known: {known}",
    ),
    "E-CONFIG-OUTPUT-UNWRITABLE": (
        "无法在 {path} 中写入：{reason}",
        "cannot write in {path}: {reason}",
    ),
    "run.permission_denied": ("没有写入权限", "permission denied"),
    # the run's own errors
    "E-RUN-WRITE": ("{path}：无法写入：{reason}", "{path}: cannot write: {reason}"),
    "E-RUN-LOG-FILE": (
        "log_file：无法写入 {path}：{reason}",
        "log_file: cannot write {path}: {reason}",
    ),
    "E-RUN-REJECTED": (
        "退回了 {n} 个文件，{where}：{names}",
        "{n} file(s) rejected, {where}: {names}",
    ),
    "run.rejected.moved": ("已移到 {folder}", "moved to {folder}"),
    "run.rejected.stuck": (
        "仍留在收件文件夹中：无法移走",
        "left in the inbox: they could not be moved",
    ),
    "run.rejected.some_stuck": (
        "已移到 {folder}，但其中 {n} 个无法移走",
        "moved to {folder}, except {n} that could not be moved",
    ),
    # the log: what an administrator reads of each run
    "log.run.removed": (
        "已删除 {path}（上次运行中断时留下的临时文件）",
        "removed {path}, left by an interrupted run",
    ),
    "log.run.ignored": (
        "跳过 {path}：不是工作簿或 CSV 文件",
        "ignored {path}: not a workbook or CSV file",
    ),
    "log.run.ignored_claims": (
        "跳过 {path}：这是奖励申报工作簿",
        "ignored {path}: a claims workbook",
    ),
    "log.run.waiting": (
        "暂不导入 {path}：最近 {seconds:g} 秒内有改动，留待下次运行",
        "waiting {path}: changed in the last {seconds:g} s",
    ),
    "log.run.already": ("跳过 {path}：之前已导入过", "already {path}: ingested before"),
    "log.run.rejected": (
        "退回 {path}：{n} 个问题，{where}；第一个问题：{first}",
        "rejected {path}: {n} problem(s), {where}; first: {first}",
    ),
    "run.moved": ("已移到 {path}", "moved to {path}"),
    "W-RUN-NOT-MOVED": ("未能移走：{reason}", "not moved: {reason}"),
    "log.run.taken": (
        "已导入 {path}：{values} 个数值，新增 {new} 个，修订 {revised} 个{kept}",
        "taken {path}: {values} value(s), {new} new, {revised} revised{kept}",
    ),
    "run.kept": ("，{n} 个作为非当前值保留", ", {n} kept as not current"),
    "log.run.revised": (
        "修订 {city} {target} {year}：{old} → {new} {unit}",
        "revised {city} {target} {year}: {old} → {new} {unit}",
    ),
    "log.run.not_current": ("非当前值：{kept}", "not current: {kept}"),
    "log.run.unchanged": ("未改写 {city}：没有新数据", "unchanged {city}: no new figures"),
    "log.run.wrote": ("已写出 {xlsx} 和 {json}", "wrote {xlsx} and {json}"),
    "log.run.dashboard": ("已写出进展网页 {path}", "wrote the dashboard {path}"),
    "log.run.files": (
        "文件：导入 {taken} 个，退回 {rejected} 个，之前已导入 {already} 个，"
        "暂不导入 {waiting} 个；新增数值 {new} 个，修订 {revised} 个{kept}",
        "files: {taken} taken, {rejected} rejected, {already} already ingested, "
        "{waiting} waiting; {new} new value(s), {revised} revised{kept}",
    ),
    "log.run.reports": (
        "报告：写出 {written} 个（{written_cities}），未改写 {unchanged} 个（{unchanged_cities}）",
        "reports: {written} written ({written_cities}), {unchanged} unchanged ({unchanged_cities})",
    ),
    "log.run.summary": ("运行摘要：{path}", "summary: {path}"),
}
