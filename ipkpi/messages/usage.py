"""Messages of the command line itself: its usage errors and the words of its help."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # the words of --help
    "usage.prefix": ("用法：", "Usage: "),
    "usage.line": ("用法：{command} {pieces}", "Usage: {command} {pieces}"),
    "usage.try": ("查看帮助：{command} --help", "Try '{command} --help' for help."),
    "usage.options": ("[选项]", "[OPTIONS]"),
    "usage.command": ("命令 [参数]...", "COMMAND [ARGS]..."),
    "usage.section.options": ("选项", "Options"),
    "usage.section.commands": ("命令", "Commands"),
    "usage.section.arguments": ("参数", "Arguments"),
    "usage.default": ("默认：", "default: "),
    "usage.required": ("必填", "required"),
    "usage.possible": ("（可用的选项：{options}）", " (Possible options: {options})"),
    # mistakes on the command line
    "E-USAGE": ("{text}", "{text}"),
    "E-USAGE-NO-OPTION": ("没有选项 {option}{possible}", "No such option: {option}{possible}"),
    "E-USAGE-MISSING": ("缺少选项 {option}，它是必填的", "Missing option {option}."),
    "E-USAGE-VALUE": ("选项 {option} 的值无效：{reason}", "Invalid value for {option}: {reason}"),
    "E-USAGE-NEEDS-VALUE": (
        "选项 {option} 后面需要一个值",
        "Option '{option}' requires an argument.",
    ),
    "E-USAGE-NO-COMMAND": ("没有命令“{name}”", "No such command '{name}'."),
    "E-USAGE-NO-COMMAND-CLOSE": (
        "没有命令“{name}”；是否指 {close}？",
        "No such command '{name}'. Did you mean {close}?",
    ),
    "E-USAGE-NO-COMMAND-GIVEN": ("缺少命令", "Missing command."),
    "E-USAGE-EXTRA": ("多余的参数：{args}", "Got unexpected extra arguments ({args})"),
    "E-USAGE-NOT-INTEGER": ("{value} 不是整数", "{value} is not a valid integer."),
    "E-USAGE-NOT-NUMBER": ("{value} 不是数字", "{value} is not a valid number."),
    "E-USAGE-RANGE": ("{value} 不在 {range} 的范围内", "{value} is not in the range {range}."),
    "E-USAGE-CHOICE": ("{value} 不是可选的值，可选：{choices}", "{value} is not one of {choices}."),
    "E-USAGE-NOT-BOOLEAN": ("{value} 不是是/否的值", "{value} is not a valid boolean."),
}
