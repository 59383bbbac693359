"""The table rules of ``targets draft``, and its four formats: one 十五五-style indicator
table (tests/draft_fixtures.py) as a web page pasted into a text file, a web page, a Word
file and a PDF, each drafted to the same targets."""

from __future__ import annotations

import pytest
from draft_fixtures import WRITERS

from ipkpi.draft.drafter import draft_plan
from ipkpi.draft.model import Baseline
from ipkpi.draft.quantities import read_cell

CLAUSE = "表1 测试市“十五五”知识产权发展主要指标"
# name, category, kind, comparator, value, unit, baseline, nature, quote, to check, readings
EXPECTED = [
    (
        "每万人口高价值发明专利拥有量",
        "知识产权创造",
        "level",
        ">=",
        20,
        "件",
        (2025, 12.5),
        "expected",
        "每万人口高价值发明专利拥有量 | 件 | 12.5 | 20 | 预期性",
        [],
        ["draft.reading.restated"],
    ),
    (
        "有效注册商标量",
        "知识产权创造",
        "level",
        ">=",
        55,
        "万件",
        (2025, 42.3),
        "expected",
        "有效注册商标量 | 万件 | 42.3 | 55 | 预期性",
        [],
        ["draft.reading.plain_number"],
    ),
    (
        "知识产权质押融资登记金额",
        "知识产权运用",
        "cumulative",
        ">=",
        800,
        "亿元",
        (2025, 150),
        "expected",
        "知识产权质押融资登记金额 | 亿元 | 150 | [800] | 预期性",
        [],
        ["draft.reading.plain_number"],
    ),
    (
        "专利密集型产业增加值占地区生产总值比重",
        "知识产权运用",
        "level",
        "~",
        16,
        "%",
        (2025, 13.2),
        "expected",
        "专利密集型产业增加值占地区生产总值比重 | % | 13.2 | 16左右 | 预期性",
        [],
        [],
    ),
    (
        "知识产权保护社会满意度",
        "知识产权保护",
        "level",
        ">=",
        85,
        "分",
        (2025, 82),
        "binding",
        "知识产权保护社会满意度 | 分 | 82 | ≥85 | 约束性",
        [],
        [],
    ),
    (
        "知识产权纠纷调解组织覆盖率",
        "知识产权保护",
        "level",
        ">=",
        None,
        "%",
        (2025, 85),
        "expected",
        "知识产权纠纷调解组织覆盖率 | % | 85 | 实现全覆盖 | 预期性",
        ["draft.review.not_a_number"],
        [],
    ),
]


def _row(t):
    return (
        t.name,
        t.category,
        t.kind,
        t.comparator,
        t.value,
        t.unit,
        (t.baseline.year, t.baseline.value) if t.baseline else None,
        t.nature,
        t.quote,
        [r.code for r in t.review],
        [r.code for r in t.reading],
    )


@pytest.mark.parametrize("fmt", list(WRITERS))
def test_the_table_in_each_format(fmt, tmp_path):
    plan = draft_plan(WRITERS[fmt](tmp_path), "testcity")
    assert (plan.title, plan.start_year, plan.target_year, plan.place, plan.level) == (
        "测试市知识产权发展“十五五”规划（2026—2030年）",
        2026,
        2030,
        "测试市",
        "city",
    )
    assert [_row(t) for t in plan.targets] == EXPECTED
    assert [t.clause for t in plan.targets] == [f"{CLAUSE}, 第{n}行" for n in range(1, 7)]
    assert {t.target_year for t in plan.targets} == {None}  # 2030: the plan's own


@pytest.mark.parametrize(
    "cell,read",
    [
        ("12以上", (12, ">=", "以上", None, False, False)),
        ("15左右", (15, "~", "左右", None, False, False)),
        ("0.93*", (0.93, ">=", "", None, False, True)),
        ("≥85", (85, ">=", "≥", None, False, False)),
        ("[800]", (800, ">=", "", None, True, False)),
        ("〔3000〕", (3000, ">=", "", None, True, False)),
        ("36万件", (36, ">=", "", "万件", False, False)),
        ("1,200", (1200, ">=", "", None, False, False)),
        ("≤5", (5, "<=", "≤", None, False, False)),
    ],
)
def test_a_value_cell(cell, read):
    found = read_cell(cell)
    assert (
        found.value,
        found.comparator.op,
        found.comparator.word,
        found.unit,
        found.bracketed,
        found.starred,
    ) == read


@pytest.mark.parametrize("cell", ["", "—", "实现全覆盖", "稳步提高", "12-15"])
def test_a_cell_that_is_no_figure(cell):
    assert read_cell(cell) is None


def test_a_starred_baseline_takes_the_year_the_notes_give(tmp_path):
    source = tmp_path / "plan.txt"
    source.write_text(
        "某省知识产权“十五五”规划\n"
        "指标 | 单位 | 2025年 | 2030年\n"
        "研发经费投入强度 | % | 2.1* | 2.8\n"
        "注：带*号为2024年数。\n",
        encoding="utf-8",
    )
    (target,) = draft_plan(source, "mou").targets
    assert (target.baseline.year, target.baseline.value, target.baseline.note) == (
        2024,
        2.1,
        "*号为2024年",
    )


def test_a_table_whose_notes_make_counts_cumulative_asks(tmp_path):
    source = tmp_path / "plan.txt"
    source.write_text(
        "某省知识产权“十五五”规划\n"
        "指标 | 单位 | 2025年 | 2030年\n"
        "地理标志数 | 件 | 420 | 500\n"
        "知识产权案件查办率 | % | 100 | 100\n"
        "注：上述指标均为预期性指标，除比率指标外均为累计数。\n",
        encoding="utf-8",
    )
    found = draft_plan(source, "mou").targets
    assert [(t.name, t.kind, t.nature, [r.code for r in t.review]) for t in found] == [
        ("地理标志数", "level", "expected", ["draft.review.table_cumulative"]),
        ("知识产权案件查办率", "level", "expected", []),
    ]


def test_a_row_that_does_not_line_up_is_not_read(tmp_path):
    """A pasted table with a cell left out, and a PDF row whose name a space split: the
    figures would stand in the wrong columns, so they are left for a person."""
    source = tmp_path / "plan.txt"
    cells = ["表1 主要指标 |", "序号 |", "指标 |", "单位 |", "2025年 |", "2030年 |"]
    cells += ["1 |", "有效注册商标量 |", "万件 |", "55 |"]  # its 2025 cell left out
    cells += ["2 |", "地理标志数 |", "件 |", "420 |", "500 |"]
    source.write_text("某省知识产权“十五五”规划\n" + "\n".join(cells) + "\n", encoding="utf-8")
    found = draft_plan(source, "mou").targets
    assert [(t.name, t.value, t.baseline, [r.code for r in t.review]) for t in found] == [
        ("有效注册商标量", None, None, ["draft.review.row_cells"]),
        ("地理标志数", 500, Baseline(2025, 420), []),
    ]
    split = tmp_path / "split.txt"
    split.write_text(
        "某省知识产权“十五五”规划\n指标 单位 2025年 2030年\n"
        "每万人口 高价值发明专利拥有量 件 14 20\n地理标志数 件 420 500\n",
        encoding="utf-8",
    )
    rows = draft_plan(split, "mou").targets
    assert [(t.name, t.value, [r.code for r in t.review]) for t in rows] == [
        ("每万人口", None, ["draft.review.row_cells"]),
        ("地理标志数", 500, []),
    ]
