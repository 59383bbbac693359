"""One place, two plans: 十四五 (2021–2025) then 十五五 (2026–2030), drafted from its text
with baselines from the store. ``--as-of 2025`` judges the first (met / missed / 偏离 on the
final year's figure, provisional on a 快报 one, awaiting a figure not in); ``--as-of 2026``
tracks the second from the 2025 figures the store gave, each baseline's source in its note."""

from __future__ import annotations

import json

from ipkpi.cli.app import app

OLD_PLAN = """\
schema = 1

[plan]
id = "testville-2021-2025"
city = "testville"
place = "测试市"
place_en = "Testville"
level = "city"
title = "测试市知识产权“十四五”规划"
start_year = 2021
target_year = 2025

[[targets]]
id = "invention_patents_per_10k"
name = "每万人发明专利拥有量"
category = "知识产权创造"
kind = "level"
comparator = ">="
value = 30
unit = "件"
direction = "higher"
clause = "二、主要目标"
quote = "每万人发明专利拥有量达到30件"

[[targets]]
id = "registered_trademarks"
name = "有效注册商标量"
category = "知识产权创造"
kind = "level"
comparator = ">="
value = 12
unit = "万件"
direction = "higher"
clause = "二、主要目标"
quote = "有效注册商标量达到12万件"

[[targets]]
id = "protection_satisfaction"
name = "知识产权保护社会满意度"
category = "知识产权保护"
kind = "level"
comparator = "~"
value = 85
tolerance = 2
unit = "%"
direction = "higher"
clause = "二、主要目标"
quote = "知识产权保护社会满意度达到85%左右"
"""

# 2025's figures are 快报; the trademarks' 2025 figure is not in yet.
FIGURES = """\
城市,指标,单位,2020年,2021年,2022年,2023年,2024年,2025年（快报）
测试市,每万人发明专利拥有量,件,20,22,24.5,27,29.5,31.2
测试市,有效注册商标量,万件,8,8.9,9.8,10.6,11.5,
测试市,知识产权保护社会满意度,%,80,81,81.5,81.8,82,81.9
"""
# A year no plan covered until the new one was added.
FIGURES_2026 = """\
城市,指标,单位,2026年
测试市,每万人发明专利拥有量,件,33.6
测试市,有效注册商标量,万件,13.1
测试市,知识产权保护社会满意度,%,84
"""

NEW_PLAN_TEXT = """\
测试市知识产权“十五五”规划（2026—2030年）

二、主要目标
到2030年，每万人发明专利拥有量达到45件，有效注册商标量达到20万件，知识产权保护社会满意度达到90%以上。
"""


def run(runner, *args):
    return runner.invoke(app, list(args))


def _targets(result) -> dict[str, dict]:
    assert result.exit_code == 0, result.stderr
    return {t["id"]: t for t in json.loads(result.stdout)["targets"]}


def test_a_plan_judged_then_its_successor_tracked(runner, in_tmp):
    (in_tmp / "cat").mkdir()
    (in_tmp / "cat" / "testville-2021-2025.toml").write_text(OLD_PLAN, encoding="utf-8")
    (in_tmp / "figures.csv").write_text(FIGURES, encoding="utf-8")
    common = ["--targets", "cat", "--db", "store.db"]
    ingested = run(runner, "ingest", "figures.csv", *common)
    assert ingested.exit_code == 0, ingested.output

    # the new plan, drafted from its text, its baselines the store's 2025 figures
    (in_tmp / "plan.txt").write_text(NEW_PLAN_TEXT, encoding="utf-8")
    drafted = run(
        runner,
        "targets",
        "draft",
        "plan.txt",
        "--city",
        "testville",
        "--baselines-from",
        "store.db",
        "--targets",
        "cat",
        "-o",
        "cat/testville-2026-2030.toml",
    )
    assert drafted.exit_code == 0, drafted.output
    assert run(runner, "targets", "check", "cat").exit_code == 0
    (in_tmp / "figures-2026.csv").write_text(FIGURES_2026, encoding="utf-8")
    later = run(runner, "ingest", "figures-2026.csv", *common)
    assert later.exit_code == 0, later.output

    # --as-of 2025: the 十四五 plan, judged on 2025's figures
    old = run(runner, "report", "--city", "testville", "--as-of", "2025", "-f", "json", *common)
    document = json.loads(old.stdout)
    assert document["plan"]["id"] == "testville-2021-2025"
    judged = _targets(old)
    assert {k: (t["status"], t["status_label"]) for k, t in judged.items()} == {
        "invention_patents_per_10k": ("met", "已完成（快报）"),  # 31.2 ≥ 30, a 快报 figure
        "registered_trademarks": ("awaiting_final", "待最终数据"),  # 2025 not in: 11.5 in 2024
        "protection_satisfaction": ("missed", "偏离（快报）"),  # 81.9 outside 85 ± 2
    }
    assert judged["registered_trademarks"]["reading"] == (
        "2025年数据尚未入库，待最终数据后判定是否完成目标（≥12万件）；最新为2024年为11.5万件"
    )
    for t in judged.values():
        assert (t["expected"], t["progress_ratio"], t["projected"]) == (None, None, None)

    # --as-of 2026: the 十五五 plan, tracked from the store's 2025 figures
    new = run(runner, "report", "--city", "testville", "--as-of", "2026", "-f", "json", *common)
    document = json.loads(new.stdout)
    assert document["plan"]["id"] == "testville-2026-2030"
    assert document["plan"]["status"] == "draft"
    tracked = _targets(new)
    baselines = {
        k: (t["baseline"]["year"], t["baseline"]["value"], t["baseline"]["source"])
        for k, t in tracked.items()
    }
    assert baselines == {
        # taken from the store by the draft: the plan's own baselines now
        "invention_patents_per_10k": (2025, 31.2, "catalogue"),
        "protection_satisfaction": (2025, 81.9, "catalogue"),
        # the store had no 2025 figure to give: the first figure observed, as for any plan
        "registered_trademarks": (2026, 13.1, "observed"),
    }
    patents = tracked["invention_patents_per_10k"]
    # 31.2 → 45 over five years: 2026 expects 33.96; 33.6 is 2.4 of 2.76 the way
    assert (patents["expected"], patents["progress_ratio"], patents["status"]) == (
        33.96,
        0.869565,
        "moderate",
    )
    shown = run(
        runner,
        "targets",
        "show",
        "--city",
        "testville",
        "--plan",
        "testville-2026-2030",
        "-f",
        "json",
        "--targets",
        "cat",
    )
    notes = {
        t["id"]: (t["baseline"] or {}).get("note") for t in json.loads(shown.stdout)["targets"]
    }
    assert notes["invention_patents_per_10k"] == (
        "取自数据库：2025年 31.2件（快报），figures.csv › I2"
    )
