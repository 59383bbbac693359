"""The sentence rules of ``targets draft``, one phrasing a case: sentences written the way
十五五 plans (2026–2030) word their goals, each with its exact draft.

A row: (name, kind, comparator, value, unit, target year or None for the plan's, baseline,
quote, what the draft asks a person to check). ``None`` as a value: left for a person."""

from __future__ import annotations

import pytest

from ipkpi.draft.document import Block
from ipkpi.draft.sentences import Context, targets_in

GOALS = Context(("二、主要目标",), 2026, 2030)

CASES = {
    "达到: at least": (
        "到2030年，每万人口高价值发明专利拥有量达到22件。",
        [
            (
                "每万人口高价值发明专利拥有量",
                "level",
                ">=",
                22,
                "件",
                None,
                None,
                "到2030年，每万人口高价值发明专利拥有量达到22件",
                [],
            )
        ],
    ),
    "超过: strictly more": (
        "万人版权登记量超过160件。",
        [("万人版权登记量", "level", ">", 160, "件", None, None, "万人版权登记量超过160件", [])],
    ),
    "年均增长…以上: growth": (
        "注册商标年均增长8%以上。",
        [
            (
                "注册商标",
                "growth",
                ">=",
                8,
                "%",
                None,
                None,
                "注册商标年均增长8%以上",
                ["draft.review.series_unit"],
            )
        ],
    ),
    "年均增长, a plain number": (
        "著作权登记量年均增长10%。",
        [
            (
                "著作权登记量",
                "growth",
                ">=",
                10,
                "%",
                None,
                None,
                "著作权登记量年均增长10%",
                ["draft.review.series_unit"],
            )
        ],
    ),
    "逐年增加: a rise, no number": (
        "知识产权质押融资额逐年增加。",
        [
            (
                "知识产权质押融资额",
                "rise",
                ">",
                None,
                "亿元",
                None,
                None,
                "知识产权质押融资额逐年增加",
                ["draft.review.rise_unit"],
            )
        ],
    ),
    "每年: annual": (
        "每年组织50家企业开展知识产权合规管理体系贯标认证。",
        [
            (
                "组织企业开展知识产权合规管理体系贯标认证",
                "annual",
                ">=",
                50,
                "家",
                None,
                None,
                "每年组织50家企业开展知识产权合规管理体系贯标认证",
                [],
            )
        ],
    ),
    "累计实施: cumulative": (
        "累计实施30项专利导航项目。",
        [
            (
                "实施专利导航项目",
                "cumulative",
                ">=",
                30,
                "项",
                None,
                None,
                "累计实施30项专利导航项目",
                [],
            )
        ],
    ),
    "新增: increment": (
        "新增贯标企业1200家。",
        [("新增贯标企业", "increment", ">=", 1200, "家", None, None, "新增贯标企业1200家", [])],
    ),
    "左右: approximately": (
        "知识产权保护社会满意度达到85%左右。",
        [
            (
                "知识产权保护社会满意度",
                "level",
                "~",
                85,
                "%",
                None,
                None,
                "知识产权保护社会满意度达到85%左右",
                [],
            )
        ],
    ),
    "the plan period, quoted with its goal": (
        "“十五五”期间，力争中国专利奖获奖数量超过40项。",
        [
            (
                "中国专利奖获奖数量",
                "cumulative",
                ">",
                40,
                "项",
                None,
                None,
                "“十五五”期间，力争中国专利奖获奖数量超过40项",
                [],
            )
        ],
    ),
    "a baseline and a target in one sentence": (
        "有效注册商标量由2025年的42.3万件提高到55万件。",
        [
            (
                "有效注册商标量",
                "level",
                ">=",
                55,
                "万件",
                None,
                (2025, 42.3),
                "有效注册商标量由2025年的42.3万件提高到55万件",
                [],
            )
        ],
    ),
    "从…提高到…左右": (
        "专利密集型产业增加值占GDP比重从2025年的14.5%提高到17%左右。",
        [
            (
                "专利密集型产业增加值占GDP比重",
                "level",
                "~",
                17,
                "%",
                None,
                (2025, 14.5),
                "专利密集型产业增加值占GDP比重从2025年的14.5%提高到17%左右",
                [],
            )
        ],
    ),
    "a baseline with no year": (
        "专利代理师人数由320人增加到500人。",
        [
            (
                "专利代理师人数",
                "level",
                ">=",
                500,
                "人",
                None,
                (2025, 320),
                "专利代理师人数由320人增加到500人",
                ["draft.review.baseline_year"],
            )
        ],
    ),
    "控制在…以内: at most, lower is better": (
        "专利商标代理机构投诉率控制在1%以内。",
        [
            (
                "专利商标代理机构投诉率",
                "level",
                "<=",
                1,
                "%",
                None,
                None,
                "专利商标代理机构投诉率控制在1%以内",
                [],
            )
        ],
    ),
    "X年内建成: cumulative": (
        "四年内在全市建成20家知识产权运营中心。",
        [
            (
                "建成知识产权运营中心",
                "cumulative",
                ">=",
                20,
                "家",
                None,
                None,
                "四年内在全市建成20家知识产权运营中心",
                [],
            )
        ],
    ),
    "two figures of two units in one clause": (
        "“十五五”期间，资助50个地理标志产品产业化促进项目共计3000万元。",
        [
            (
                "资助地理标志产品产业化促进项目",
                "cumulative",
                ">=",
                50,
                "个",
                None,
                None,
                "“十五五”期间，资助50个地理标志产品产业化促进项目共计3000万元",
                [],
            ),
            (
                "地理标志产品产业化促进项目共计金额",
                "cumulative",
                ">=",
                3000,
                "万元",
                None,
                None,
                "“十五五”期间，资助50个地理标志产品产业化促进项目共计3000万元",
                [],
            ),
        ],
    ),
    "万 before the unit": (
        "全市知识产权服务机构从业人员数超过1.2万人。",
        [
            (
                "知识产权服务机构从业人员数",
                "level",
                ">",
                1.2,
                "万人",
                None,
                None,
                "全市知识产权服务机构从业人员数超过1.2万人",
                [],
            )
        ],
    ),
    "年…率: annual": (
        "知识产权行政执法案件年结案率达到95%以上。",
        [
            (
                "知识产权行政执法案件年结案率",
                "annual",
                ">=",
                95,
                "%",
                None,
                None,
                "知识产权行政执法案件年结案率达到95%以上",
                [],
            )
        ],
    ),
    "年均达: average": (
        "力争实现专利质押登记年均达80件以上。",
        [
            (
                "专利质押登记",
                "average",
                ">=",
                80,
                "件",
                None,
                None,
                "力争实现专利质押登记年均达80件以上",
                [],
            )
        ],
    ),
    "累计增长 N%: an increment in %": (
        "争取“十五五”末实现专利质押登记金额累计增长30%以上。",
        [
            (
                "专利质押登记金额",
                "increment",
                ">=",
                30,
                "%",
                None,
                None,
                "争取“十五五”末实现专利质押登记金额累计增长30%以上",
                ["draft.review.series_unit"],
            )
        ],
    ),
    "an action and a count: cumulative, to check": (
        "培育知识产权运营服务机构5家以上。",
        [
            (
                "培育知识产权运营服务机构",
                "cumulative",
                ">=",
                5,
                "家",
                None,
                None,
                "培育知识产权运营服务机构5家以上",
                ["draft.review.count_over_plan"],
            )
        ],
    ),
    "一支不少于N人的…: its size": (
        "打造一支不少于200人的知识产权专家服务团队。",
        [
            (
                "知识产权专家服务团队",
                "level",
                ">=",
                200,
                "人",
                None,
                None,
                "打造一支不少于200人的知识产权专家服务团队",
                [],
            )
        ],
    ),
    "进一步扩大 in a goals section: a rise to confirm": (
        "知识产权密集型产业增加值占地区生产总值比重进一步扩大。",
        [
            (
                "知识产权密集型产业增加值占地区生产总值比重",
                "rise",
                ">",
                None,
                "%",
                None,
                None,
                "知识产权密集型产业增加值占地区生产总值比重进一步扩大",
                ["draft.review.rise_unit", "draft.review.vague_rise"],
            )
        ],
    ),
    "a range: no figure": (
        "海外知识产权纠纷应对指导站达到10至15个。",
        [
            (
                "海外知识产权纠纷应对指导站",
                "level",
                ">=",
                None,
                "个",
                None,
                None,
                "海外知识产权纠纷应对指导站达到10至15个",
                ["draft.review.range"],
            )
        ],
    ),
    "two figures of one unit (分别): which is which?": (
        "发明专利授权量和商标注册量分别达到1.2万件和8万件。",
        [
            (
                "发明专利授权量和商标注册量",
                "level",
                ">=",
                None,
                "万件",
                None,
                None,
                "发明专利授权量和商标注册量分别达到1.2万件和8万件",
                ["draft.review.two_numbers"],
            ),
            (
                "发明专利授权量和商标注册量",
                "level",
                ">=",
                None,
                "万件",
                None,
                None,
                "发明专利授权量和商标注册量分别达到1.2万件和8万件",
                ["draft.review.two_numbers"],
            ),
        ],
    ),
    "a change beside a goal": (
        "高价值发明专利占发明专利拥有量比重达到50%，较2025年提高10个百分点。",
        [
            (
                "高价值发明专利占发明专利拥有量比重",
                "level",
                ">=",
                50,
                "%",
                None,
                None,
                "高价值发明专利占发明专利拥有量比重达到50%",
                ["draft.review.compared"],
            )
        ],
    ),
    "two years, the second naming no indicator": (
        "到2028年，商标品牌指导站达到100家；到2030年，达到150家。",
        [
            (
                "商标品牌指导站",
                "level",
                ">=",
                100,
                "家",
                2028,
                None,
                "到2028年，商标品牌指导站达到100家",
                [],
            ),
            ("商标品牌指导站", "level", ">=", 150, "家", None, None, "到2030年，达到150家", []),
        ],
    ),
    "其中: a part of the goal before": (
        "规上工业企业有效发明专利数量达到2万件，其中高价值发明专利1万件。",
        [
            (
                "规上工业企业有效发明专利数量",
                "level",
                ">=",
                2,
                "万件",
                None,
                None,
                "规上工业企业有效发明专利数量达到2万件",
                [],
            ),
            ("高价值发明专利", "level", ">=", 1, "万件", None, None, "其中高价值发明专利1万件", []),
        ],
    ),
    "the plan before, in a 十五五 plan: passed over": (
        "“十四五”期间，全省专利授权量累计达到12.5万件。",
        [],
    ),
    "截至: what was done": ("截至2025年底，全省有效发明专利达到3.2万件。", []),
    "a list's count and a rank: no goal": ("围绕茶叶、蔬菜等12个特色产业，争创全国前10名。", []),
    "a number in a document's title: no goal": (
        "贯彻《知识产权强国建设纲要（2021—2035年）》。",
        [],
    ),
}


def _row(t):
    return (
        t.name,
        t.kind,
        t.comparator,
        t.value,
        t.unit,
        t.target_year,
        (t.baseline.year, t.baseline.value) if t.baseline else None,
        t.quote,
        [r.code for r in t.review],
    )


@pytest.mark.parametrize("case", list(CASES))
def test_sentence(case):
    sentence, expected = CASES[case]
    found = targets_in(Block("text", sentence, 1), GOALS)
    for t in found:
        if t.target_year == GOALS.target_year:
            t.target_year = None  # the plan's own: the drafter leaves it out
    assert [_row(t) for t in found] == expected


def test_there_are_enough_cases():
    assert len(CASES) >= 25


def test_a_goal_outside_a_goals_section_is_still_read():
    found = targets_in(
        Block("text", "累计实施30项专利导航项目。", 1), Context(("三、重点任务",), 2026, 2030)
    )
    assert [(t.name, t.value) for t in found] == [("实施专利导航项目", 30)]


def test_a_vague_rise_outside_a_goals_section_is_not_a_target():
    sentence = "知识产权密集型产业增加值占地区生产总值比重进一步扩大。"
    assert targets_in(Block("text", sentence, 1), Context(("三、重点任务",), 2026, 2030)) == []


def test_what_a_past_section_says_is_passed_over():
    sentence = "全省有效发明专利达到3.2万件。"
    found = targets_in(Block("text", sentence, 1), Context(("第一章 发展基础",), 2026, 2030))
    assert found == []


def test_less_is_better_for_at_most():
    (found,) = targets_in(Block("text", "专利商标代理机构投诉率控制在1%以内。", 1), GOALS)
    assert found.direction == "lower"
