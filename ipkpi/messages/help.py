"""Messages of help: code → (zh, en)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    "help.opt.help": ("显示本帮助并退出。", "Show this message and exit."),
}
