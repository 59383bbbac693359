"""Write docs/messages.md: every error and warning code ipkpi can show, in Chinese and
English, from the message catalogue (ipkpi/messages/). tests/test_messages.py fails when
the file is not what this writes, so the list in the docs is the catalogue's.

    .venv/bin/python tools/messages_doc.py
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "messages.md"

TITLES = {
    "common": "Choosing a place, plan, lead unit or measure · 选择地区、规划、牵头单位或指标",
    "usage": "The command line · 命令行",
    "cli": "Commands · 各命令",
    "catalogue": "The target catalogue · 目标目录",
    "ingest": "Reading a workbook's values · 读取工作簿中的数据",
    "ingest_files": "Workbook files · 工作簿文件",
    "store": "The store · 数据库",
    "run": "Unattended runs · 定时运行",
}

HEADER = """\
# Error and warning codes · 错误与警告代码

Every error ipkpi reports is one line, `错误[CODE]：…` (with `--lang en`, `Error[CODE]: …`),
and every warning `警告[CODE]：…` / `Warning[CODE]: …`. The codes are stable: scripts and
support notes may refer to them. `{field}` stands for what the message fills in (a file, a
cell, a value). Written by `tools/messages_doc.py` from the catalogue in `ipkpi/messages/`.

Exit statuses: 0 done · 1 bad input data · 2 usage or configuration error · 3 finished, but a
`--fail-on` condition holds.
"""


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render() -> str:
    sys.path.insert(0, str(REPO))
    messages = importlib.import_module("ipkpi.messages")
    out = [HEADER]
    for name in messages.TABLES:
        table = importlib.import_module(f"ipkpi.messages.{name}").MESSAGES
        codes = [c for c in table if c[:2] in ("E-", "W-")]
        if not codes:
            continue
        out += [f"\n## {TITLES.get(name, name)}\n", "| Code | 中文 | English |", "|---|---|---|"]
        for code in sorted(codes):
            zh, en = table[code]
            out.append(f"| `{code}` | {_cell(zh)} | {_cell(en)} |")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    DOC.parent.mkdir(exist_ok=True)
    DOC.write_text(render(), encoding="utf-8")
    print(f"wrote {DOC.relative_to(REPO)}")
