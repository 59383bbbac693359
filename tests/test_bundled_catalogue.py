"""The bundled catalogue: every plan loads, holds the expected targets, and every
quote stands verbatim in its source document, shipped in targets/sources/ (and, where
../shared/seeds/ is beside the project, byte-identical to the documents there)."""

from __future__ import annotations

import pytest
from conftest import SEEDS, SHARED_SEEDS

from ipkpi.catalogue.loader import load_catalogue
from ipkpi.catalogue.model import Kind
from ipkpi.catalogue.select import select_plan


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


def plan_of(catalogue, city):
    return select_plan(catalogue, city, as_of=2024)


@pytest.mark.parametrize(
    ("city", "plan_id", "count"),
    [
        ("nanjing", "nanjing-2022-2025", 15),  # 14 in 主要目标 + 20 运营中心
        ("guizhou", "guizhou-2021-2025", 30),  # 17 in 专栏1 + 13 counts in 专栏3–8
        ("shijiazhuang", "shijiazhuang-2022-2025", 15),  # 14 in 工作目标 + 新增100家
    ],
)
def test_each_city_holds_its_targets(catalogue, city, plan_id, count):
    plan = plan_of(catalogue, city)
    assert (plan.id, len(plan.targets)) == (plan_id, count)


def test_cities(catalogue):
    assert catalogue.cities() == ["guizhou", "nanjing", "shanxi", "shijiazhuang", "zhangzhou"]


def test_every_quote_is_verbatim_in_its_source(catalogue):
    assert SEEDS.is_dir(), f"the source documents are expected at {SEEDS}"
    for plan in catalogue.plans:
        assert plan.source, f"{plan.id}: no source document named"
        # A table row's cells stand on separate lines of the text: quotes fold them onto one.
        text = (SEEDS / plan.source).read_text(encoding="utf-8").replace(" |\n", " | ")
        for item in (*plan.targets, *plan.tasks, *plan.rules):
            assert item.source.quote in text, (plan.id, item.id)


def test_shipped_sources_equal_the_shared_seeds():
    if not SHARED_SEEDS.is_dir():
        pytest.skip(f"{SHARED_SEEDS} is absent: nothing to compare targets/sources/ with")
    seeds = sorted(path.name for path in SHARED_SEEDS.iterdir() if path.is_file())
    assert seeds, f"{SHARED_SEEDS} holds no files"
    shipped = {path.name for path in SEEDS.iterdir() if path.is_file()}
    assert [name for name in seeds if name not in shipped] == [], "not shipped in targets/sources/"
    differ = [n for n in seeds if (SEEDS / n).read_bytes() != (SHARED_SEEDS / n).read_bytes()]
    assert differ == [], "differ from ../shared/seeds/"


# 专栏1 "十四五"知识产权发展主要指标表, read off the document row by row:
# name, category, lead, unit, 2020 column (row 3 is a 2019 value, note 3), comparator, 2025.
GUIZHOU_TABLE_1 = [
    ("研发经费投入增长", "知识产权创造", ["省科技厅"], "%", 2020, 10, ">=", 12),
    ("技术合同成交额与地区生产总值之比", "知识产权创造", ["省科技厅"], "%", 2020, 1.4, ">=", 2.5),
    (
        "规上工业企业研发经费支出与营业收入之比",
        "知识产权创造",
        ["省工业和信息化厅"],
        "%",
        2019,
        0.93,
        ">=",
        1.8,
    ),
    (
        "每万人口高价值发明专利拥有量增长",
        "知识产权创造",
        ["省市场监管局(省知识产权局)"],
        "%",
        2020,
        11,
        "~",
        15,
    ),
    (
        "商标有效注册量",
        "知识产权创造",
        ["省市场监管局(省知识产权局)"],
        "万件",
        2020,
        26.69,
        ">=",
        36,
    ),
    (
        "地理标志数",
        "知识产权创造",
        ["省市场监管局(省知识产权局)", "省农业农村厅"],
        "件",
        2020,
        386,
        ">=",
        410,
    ),
    (
        "作品登记量",
        "知识产权创造",
        ["省委宣传部(省新闻出版局〈省版权局〉)"],
        "万件",
        2020,
        17.53,
        ">=",
        22,
    ),
    (
        "获得植物新品种授权数",
        "知识产权创造",
        ["省农业农村厅", "省林业局"],
        "个",
        2020,
        182,
        ">=",
        210,
    ),
    (
        "知识产权质押融资金额",
        "知识产权运用转化",
        ["贵州银保监局", "省市场监管局(省知识产权局)"],
        "亿元",
        2020,
        55.14,
        ">=",
        80,
    ),
    (
        "评选专利奖项数",
        "知识产权运用转化",
        ["省市场监管局(省知识产权局)"],
        "个",
        2020,
        125,
        ">=",
        180,
    ),
    (
        "“贵州老字号”企业数",
        "知识产权运用转化",
        ["省商务厅(省政府口岸办)"],
        "家",
        2020,
        102,
        ">=",
        200,
    ),
    ("评选民族文化产品品牌数", "知识产权运用转化", ["省民宗委"], "个", 2020, 292, ">=", 492),
    (
        "知识产权案件查办率",
        "知识产权保护",
        ["省市场监管局(省知识产权局)"],
        "%",
        2020,
        100,
        ">=",
        100,
    ),
    ("知识产权案件民事一审服判息诉率", "知识产权保护", ["省法院"], "%", 2020, 60, ">=", 65),
    (
        "知识产权公共服务网点数",
        "知识产权管理服务",
        ["省市场监管局(省知识产权局)"],
        "个",
        2020,
        2,
        ">=",
        9,
    ),
    (
        "专利代理师人数",
        "知识产权管理服务",
        ["省市场监管局(省知识产权局)"],
        "人",
        2020,
        301,
        ">=",
        350,
    ),
    ("知识产权师人数", "知识产权管理服务", ["省人社厅"], "人", 2020, 15, ">=", 80),
]


def test_guizhou_table_1_all_17_rows(catalogue):
    rows = [
        (
            t.name,
            t.category,
            list(t.lead),
            t.unit,
            t.baseline.year,
            t.baseline.value,
            t.comparator.value,
            t.value,
        )
        for t in plan_of(catalogue, "guizhou").targets[:17]
    ]
    assert rows == GUIZHOU_TABLE_1
    # 注2: 上述指标均为预期性指标
    assert {t.nature.value for t in plan_of(catalogue, "guizhou").targets[:17]} == {"expected"}


# (id, kind, comparator, value, unit) as 三、主要目标 and the key tasks word them.
NANJING = [
    ("high_value_invention_patents_per_10k", "level", ">=", 50, "件"),  # 达50件
    ("copyright_registrations_per_10k", "level", ">", 150, "件"),  # 超过150件
    ("ic_layout_design_registrations_total", "level", ">=", 2792, "件"),  # 累计达2792件
    ("ip_trade_total", "cumulative", ">=", 600, "亿元"),  # 累计达600亿元以上
    ("ip_financing_total", "cumulative", ">", 160, "亿元"),  # 超160亿元
    ("patent_intensive_industries_gdp_share", "level", ">=", 20, "%"),  # 达20%
    ("copyright_industries_gdp_share", "level", ">=", 8.6, "%"),  # 达8.6%
    ("ip_protection_satisfaction", "level", ">", 85, "%"),  # 超过85%
    ("ip_advantage_demonstration_enterprises", "level", ">=", 600, "家"),  # 累计达到600家
    ("ip_management_standard_enterprises_new", "increment", ">=", 1000, "家"),  # 新增1000家
    ("ip_service_employees", "level", ">", 8000, "人"),  # 超过8000人
    ("ip_service_revenue", "level", ">", 40, "亿元"),  # 超过40亿元
    ("ip_high_level_talent_new", "increment", ">", 100, "人"),  # 新增…超过100人
    ("ip_training_person_times", "cumulative", ">", 4, "万人次"),  # 超过4万人次
    ("ip_operation_centers_built", "cumulative", ">=", 20, "家"),  # 四年内建成20家
]


def test_nanjing_targets(catalogue):
    rows = [
        (t.id, t.kind.value, t.comparator.value, t.value, t.unit)
        for t in plan_of(catalogue, "nanjing").targets
    ]
    assert rows == NANJING


SHIJIAZHUANG = [
    ("ip_management_standard_certification_annual", "annual", ">=", 30, "家"),  # 每年组织30家
    ("patent_navigation_projects_cumulative", "cumulative", ">=", 25, "项"),  # 累计实施25项
    ("ip_finance_innovation_projects", "cumulative", ">=", 60, "项"),  # 支持60项
    ("invention_patents_per_10k", "level", ">=", 15, "件"),  # 达到15件
    ("registered_trademarks_growth", "growth", ">=", 10, "%"),  # 年均增长10%以上
    ("copyright_registrations_growth", "growth", ">=", 10, "%"),  # 年均增长10%
    ("ip_enforcement_case_closure_rate", "annual", ">=", 95, "%"),  # 年结案率达到95%以上
    ("ip_intensive_industries_gdp_share", "rise", ">", None, "%"),  # 进一步扩大
    ("ip_operation_income", "rise", ">", None, "万元"),  # 实现快速增长
    ("ip_pledge_financing_amount", "rise", ">", None, "亿元"),  # 逐年增加
    ("tech_market_ip_transaction_amount", "rise", ">", None, "亿元"),  # 逐年提高
    ("sme_patents_received_transfer_license", "cumulative", ">=", 10000, "件"),  # 达到10000件
    ("ip_expert_service_team_size", "level", ">=", 100, "人"),  # 不少于100人
    ("ip_management_talent_trained", "cumulative", ">=", 500, "名"),  # 500名以上
    ("ip_management_standard_certified_enterprises_new", "increment", ">=", 100, "家"),  # 新增100家
]


def test_shijiazhuang_targets(catalogue):
    rows = [
        (t.id, t.kind.value, t.comparator.value, t.value, t.unit)
        for t in plan_of(catalogue, "shijiazhuang").targets
    ]
    assert rows == SHIJIAZHUANG


def test_every_target_has_its_source_and_a_direction(catalogue):
    for plan in catalogue.plans:
        for t in plan.targets:
            assert t.source.clause and t.source.quote and t.direction, t.id
            if t.kind is Kind.GROWTH:
                assert t.series_unit, t.id
