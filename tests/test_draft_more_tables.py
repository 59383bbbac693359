"""Two more indicator tables as plans print them: a national-plan style 专栏 on a web page
(units in the names, 〔 〕 for five-year totals), and a Word table of key-task figures
(基期值 and 目标值 with no year, a lead unit per row, a unit the catalogue does not know)."""

from __future__ import annotations

from ipkpi.draft import draft

PAGE = """\
<html><body>
<h1>某省知识产权保护和运用“十五五”规划</h1>
<h2>专栏1 “十五五”时期知识产权发展主要指标</h2>
<table>
<tr><th>指标</th><th>2025年</th><th>2030年</th><th>属性</th></tr>
<tr><td>每万人口高价值发明专利拥有量（件）</td><td>14</td><td>20</td><td>预期性</td></tr>
<tr><td>海外发明专利授权量（万件）</td><td>〔3.5〕</td><td>〔5〕</td><td>预期性</td></tr>
<tr><td>知识产权使用费进出口总额（亿元）</td><td>3700</td><td>4500</td><td>预期性</td></tr>
<tr><td>知识产权质押融资登记金额（亿元）</td><td>—</td><td>〔12000〕</td><td>预期性</td></tr>
<tr><td>专利密集型产业增加值占GDP比重（%）</td><td>13</td><td>15</td><td>预期性</td></tr>
</table>
<p>注：〔 〕内为五年累计数。</p>
</body></html>
"""


def _row(t):
    return (
        t.name,
        t.kind,
        t.comparator,
        t.value,
        t.unit,
        (t.baseline.year, t.baseline.value) if t.baseline else None,
        t.nature,
        t.lead,
        t.direction,
        t.left_out,
        [r.code for r in t.review],
    )


def test_a_national_style_table_on_a_web_page(tmp_path):
    source = tmp_path / "plan.html"
    source.write_text(PAGE, encoding="utf-8")
    plan = draft(source, "mousheng")
    assert (plan.title, plan.start_year, plan.target_year, plan.level) == (
        "某省知识产权保护和运用“十五五”规划",
        2026,
        2030,
        "province",
    )
    assert [_row(t) for t in plan.targets] == [
        (
            "每万人口高价值发明专利拥有量",
            "level",
            ">=",
            20,
            "件",
            (2025, 14),
            "expected",
            [],
            "higher",
            False,
            [],
        ),
        (
            "海外发明专利授权量",
            "cumulative",
            ">=",
            5,
            "万件",
            (2025, 3.5),
            "expected",
            [],
            "higher",
            False,
            [],
        ),
        (
            "知识产权使用费进出口总额",
            "level",
            ">=",
            4500,
            "亿元",
            (2025, 3700),
            "expected",
            [],
            "higher",
            False,
            [],
        ),
        (
            "知识产权质押融资登记金额",
            "cumulative",
            ">=",
            12000,
            "亿元",
            None,
            "expected",
            [],
            "higher",
            False,
            [],
        ),
        (
            "专利密集型产业增加值占GDP比重",
            "level",
            ">=",
            15,
            "%",
            (2025, 13),
            "expected",
            [],
            "higher",
            False,
            [],
        ),
    ]
    assert [t.quote for t in plan.targets][:2] == [
        "每万人口高价值发明专利拥有量（件） | 14 | 20 | 预期性",
        "海外发明专利授权量（万件） | 〔3.5〕 | 〔5〕 | 预期性",
    ]


def _word_table(path):
    import docx

    document = docx.Document()
    document.add_paragraph("某市知识产权强市建设实施方案（2026—2030年）")
    document.add_paragraph("表2 重点任务量化指标")
    rows = [
        ("序号", "指标名称", "计量单位", "基期值", "目标值", "牵头单位"),
        ("1", "知识产权运营中心", "家", "4", "10以上", "市市场监管局"),
        ("2", "知识产权纠纷调解组织", "个", "12", "20", "市司法局、市市场监管局"),
        ("3", "专利侵权纠纷行政裁决案件平均办案周期", "天", "90", "≤60", "市市场监管局"),
    ]
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    document.save(str(path))


def test_a_word_table_of_key_task_figures(tmp_path):
    source = tmp_path / "plan.docx"
    _word_table(source)
    plan = draft(source, "moushi")
    rows = [_row(t) for t in plan.targets]
    assert rows[:2] == [
        (
            "知识产权运营中心",
            "level",
            ">=",
            10,
            "家",
            (2025, 4),
            None,
            ["市市场监管局"],
            "higher",
            False,
            ["draft.review.baseline_year"],
        ),
        (
            "知识产权纠纷调解组织",
            "level",
            ">=",
            20,
            "个",
            (2025, 12),
            None,
            ["市司法局", "市市场监管局"],
            "higher",
            False,
            ["draft.review.baseline_year"],
        ),
    ]
    # 天 is no unit of the catalogue: the target is left out, the catalogue's words saying why
    days = plan.targets[2]
    assert (days.name, days.comparator, days.value, days.direction, days.left_out) == (
        "专利侵权纠纷行政裁决案件平均办案周期",
        "<=",
        60,
        "lower",
        True,
    )
    assert [r.code for r in days.review] == ["draft.review.baseline_year", "draft.review.invalid"]
    assert days.review[1].text("zh").startswith("unit：无法识别的单位“天”")
