"""Build the sample yearly-statistics files in ``sample_data/`` for ``ipkpi ingest``.

Run from the project root:

    .venv/bin/python tools/build_sample_data.py

It (re)writes three files, one per place, each in a different layout:

* ``石家庄市知识产权统计_2021-2025.csv`` — long layout (城市,指标,年份,数值,单位), GBK encoded;
* ``南京市知识产权主要指标.xlsx`` — one sheet per year (2021 … 2025);
* ``贵州省知识产权主要指标监测表.xlsx`` — a wide, deliberately messy monitoring table.

The output is deterministic: the same bytes on every run (fixed workbook dates and zip
timestamps). The data are the literal tables below, one block per row:

    (target_id, name used in the sheet, unit of the values, {year: value or None}, status, source)

``None`` is a missing figure (written ``—``); a year that is not in any block is not
written at all (or ``/`` in the Guizhou table). ``status`` is ``official`` only for figures
taken from ``../shared/reference/published-figures.csv`` (``source`` is then a key of
``PUBLISHED``, whose entries are copied verbatim from that file) or, for Guizhou's 2020
column, from the plan's own 专栏1 (``source`` = ``PLAN_GZ``). Everything else is
``illustrative``: made up to be plausible, not an official statistic.

``--readme-table`` prints the Markdown table of official figures used in sample_data/README.md.
"""

# The data tables are wide: Chinese names count double towards the line length.
# ruff: noqa: E501

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import sys
import tomllib
import unicodedata
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "sample_data"
TARGETS = ROOT / "targets"
REFERENCE = ROOT.parent / "shared" / "reference" / "published-figures.csv"
FIXED = dt.datetime(2026, 3, 1)

OFF = "official"
ILL = "illustrative"
PLAN_GZ = "贵州省“十四五”知识产权保护和运用规划, 专栏1 “十四五”知识产权发展主要指标表, 2020年实现数"

SJZ_CSV = "石家庄市知识产权统计_2021-2025.csv"
NJ_XLSX = "南京市知识产权主要指标.xlsx"
GZ_XLSX = "贵州省知识产权主要指标监测表.xlsx"

# ---------------------------------------------------------------------------
# Published figures used, copied verbatim from published-figures.csv:
# key -> (place, indicator, year, value, unit, source, published)
# ---------------------------------------------------------------------------

_NJ_2024_04 = "《2024年南京知识产权宣传周启动》 daydaynews.cc/zh-hans/finance/amp/3808957.html"
_NJ_2025_04 = (
    "中国消费者报南京讯 (4月17日) on the release of 《2024年南京市知识产权发展与保护状况》白皮书"
    " — scraped copy at 0eer4.765433.cn/html/2c6199936.html whose sentence order is SCRAMBLED;"
    " figures taken only where number and label are adjacent"
)
_HB_2024_04 = (
    "河北法治报 2024-04-21讯 (记者 任俊颖) 《我省作品著作权登记数量 连续七年出现较大幅度增长》"
    " on 2023年度河北省作品著作权登记情况分析报告,"
    " szbz.hbfzb.com/hbfzbpaper/pc/content/202404/22/content_70677.html"
)
_GZ_2021_WP = (
    "中新网贵阳4月29日电 (瞿宏伦) 《2021年贵州省知识产权保护与发展状况》白皮书发布"
    " (copy at satrik.com/news/guonei/2022-04-29/1320627.html) [quote transcribed from a"
    " traditional-script mirror into simplified characters; wording otherwise unchanged]"
)
_GZ_2022_PC = (
    "贵州省政府新闻办 2022年贵州省知识产权保护与发展状况新闻发布会(5月8日)报道 — excerpt held in"
    " the search 'pages' corpus without a URL (traditional-Chinese mirror, headed 【资料图】)"
    " [quote transcribed from a traditional-script mirror into simplified characters;"
    " wording otherwise unchanged]"
)
_GZ_2023_QX = (
    "黔西南网/贵州新闻 news.qx162.com/gz/2024/0425/387712.shtml"
    " 《贵州知识产权保护工作取得新成效,2023年有效发明专利达22058件》"
    " (2023年贵州省知识产权保护与发展状况 发布会)"
)
_GZ_2023_CMR = (
    "《中国市场监管报》2024年04月26日 A1版 《贵州发布知识产权保护与发展状况白皮书》(蒲锐)"
    " pc.cmrnn.com.cn/shtml/zggsb/20240426/108363.shtml"
)
_GZ_2020_TM = (
    "中国知识产权报 (李嘉) 《贵州推进商标申请注册快速发展 有效注册商标26.69万件"
    " 增速位居全国第四位》 (copy at www.sh1j2.com/zgzlb/content/2021-03/15/content_8672873.htm)"
)
_NCAC_2021 = (
    "国家版权局《关于2021年全国著作权登记情况的通报》(国版发函〔2022〕6号),"
    " copy at cdice.com.cn/newsshow.aspx?mid=24&&id=98"
)

PUBLISHED: dict[str, tuple[str, str, str, float, str, str, str]] = {
    "nj_hvp_2023": ("南京", "万人高价值发明专利拥有量", "2023", 60.86, "件", _NJ_2024_04, "2024-04-22"),
    "nj_hvp_2024": (
        "南京", "万人高价值发明专利拥有量", "2024", 71.21, "件", _NJ_2025_04,
        "2025-04-17 (inferred)",
    ),
    "sjz_copyright_2023": (
        "石家庄", "作品著作权登记量", "2023", 70792, "件", _HB_2024_04, "2024-04-22",
    ),
    "gz_tm_2020": ("贵州省", "有效注册商标", "2020", 26.69, "万件", _GZ_2020_TM, "2021-03-15"),
    "gz_tm_2021": ("贵州省", "有效注册商标", "2021", 36.2645, "万件", _GZ_2021_WP, "2022-04-29"),
    "gz_tm_2022": ("贵州省", "有效注册商标", "2022", 449518, "件", _GZ_2022_PC, "2023-05-08"),
    "gz_tm_2023": ("贵州省", "有效注册商标", "2023", 503821, "件", _GZ_2023_CMR, "2024-04-26"),
    "gz_gi_2021": ("贵州省", "地理标志(累计)", "2021", 408, "个", _GZ_2021_WP, "2022-04-29"),
    "gz_gi_2023": ("贵州省", "地理标志(累计)", "2023", 420, "个", _GZ_2023_QX, "2024-04-25"),
    "gz_works_2021": ("贵州省", "作品著作权登记量", "2021", 200929, "件", _NCAC_2021, "2022-03-23"),
    "gz_works_2023": ("贵州省", "版权作品登记", "2023", 359266, "件", _GZ_2023_CMR, "2024-04-26"),
    "gz_attorneys_2021": (
        "贵州省", "专利代理师人数(累计)", "2021", 305, "人", _GZ_2021_WP, "2022-04-29",
    ),
    "gz_thb_2023": ("贵州省", "“贵州老字号”企业(累计)", "2023", 217, "家", _GZ_2023_QX, "2024-04-25"),
    "gz_thb_new_2022": (
        "贵州省", "“贵州老字号”认定数(第五批)", "2022 (Jan; fifth batch)", 90, "家",
        "中国酱香酒文化网 via rhsjwhyjh.cn/html/news/ywfb/2022/0110/248.html", "2022-01-10",
    ),
    "gz_thb_new_2023": ("贵州省", "新增“贵州老字号”企业", "2023", 25, "家", _GZ_2023_QX, "2024-04-25"),
    "gz_pledge_2023": (
        "贵州省", "知识产权质押融资金额", "2023", 83.68, "亿元", _GZ_2023_CMR, "2024-04-26",
    ),
}  # fmt: skip

# How an official figure was entered where it is not entered as published (key -> note).
ENTRY_NOTES = {
    "gz_tm_2022": "entered as 44.9518 万件 (the target's unit); same quantity",
    "gz_tm_2023": "entered as 50.3821 万件 (the target's unit); same quantity",
    "gz_gi_2021": "entered in the 件 row (the plan counts 地理标志数 in 件); same count",
    "gz_gi_2023": "entered in the 件 row (the plan counts 地理标志数 in 件); same count",
    "gz_works_2023": "the reference reads it as the 2023 annual registrations (most likely)",
    "gz_attorneys_2021": "the reference warns 305−35=270 conflicts with the plan's 301 for 2020",
    "gz_thb_new_2022": "announced Jan 2022; taken as the only batch of 2022 (102+0+90+25=217)",
}

# ---------------------------------------------------------------------------
# 石家庄市 (plan 2022–2025): long layout, years 2021–2025
# ---------------------------------------------------------------------------

SHIJIAZHUANG = [
    ("ip_management_standard_certification_annual", "组织开展《企业知识产权管理规范》贯标认证的企业数",
     "家", {2022: 34, 2023: 38, 2024: 27, 2025: 41}, ILL, ""),
    ("patent_navigation_projects_cumulative", "专利导航项目", "项",
     {2022: 5, 2023: 7, 2024: 6, 2025: 8}, ILL, ""),
    ("ip_finance_innovation_projects", "知识产权金融创新项目数", "项",
     {2022: 12, 2023: 16, 2024: 18, 2025: 21}, ILL, ""),
    ("invention_patents_per_10k", "每万人有效发明专利拥有量", "件",
     {2022: 12.1, 2023: 13.6, 2024: 15.2, 2025: 16.8}, ILL, ""),
    ("registered_trademarks_growth", "有效注册商标量", "件",
     {2021: 182406, 2022: 203517, 2023: 225880, 2024: 246310, 2025: 264905}, ILL, ""),
    ("copyright_registrations_growth", "作品著作权登记量", "件",
     {2021: 21350, 2022: 29304, 2024: 84516, 2025: 91230}, ILL, ""),
    ("copyright_registrations_growth", "作品著作权登记量", "件",
     {2023: 70792}, OFF, "sjz_copyright_2023"),
    ("ip_enforcement_case_closure_rate", "专利、商标、植物新品种保护权、版权行政执法案件年结案率",
     "%", {2022: 96.8, 2023: 97.5, 2024: 95.2, 2025: 98.1}, ILL, ""),
    ("ip_intensive_industries_gdp_share", "知识产权密集型产业增加值占全市生产总值比重", "%",
     {2021: 10.8, 2022: 11.3, 2023: 11.6, 2024: 11.2, 2025: 10.9}, ILL, ""),
    ("ip_operation_income", "知识产权运营收益", "万元",
     {2021: 8650, 2022: 10234, 2023: 12870, 2024: 15120, 2025: 17460}, ILL, ""),
    ("ip_pledge_financing_amount", "知识产权质押融资额", "亿元",
     {2021: 18.6, 2022: 24.3, 2023: None, 2024: 33.8, 2025: 38.2}, ILL, ""),
    ("tech_market_ip_transaction_amount", "技术交易市场知识产权交易额", "亿元",
     {2021: 42.5, 2022: 51.8, 2023: 63.9, 2024: 70.6, 2025: 79.3}, ILL, ""),
    ("sme_patents_received_transfer_license", "中小微企业接受相关主体转让、许可、作价入股的专利数量",
     "件", {2022: 2160, 2023: 2530, 2024: 2890, 2025: 3105}, ILL, ""),
    ("ip_expert_service_team_size", "知识产权专家服务团队人数", "人",
     {2022: 68, 2023: 85, 2024: 102, 2025: 118}, ILL, ""),
    ("ip_management_talent_trained", "企事业知识产权专业管理人才", "名",
     {2022: 110, 2023: 135, 2024: 140, 2025: 150}, ILL, ""),
    ("ip_management_standard_certified_enterprises_new", "通过知识产权管理规范国家标准认证的企业",
     "家", {2021: 265, 2022: 298, 2023: 336, 2024: 370, 2025: 392}, ILL, ""),
]  # fmt: skip

# Written with thousands separators ("10,234") in the CSV.
SJZ_THOUSANDS = {
    "registered_trademarks_growth",
    "copyright_registrations_growth",
    "ip_operation_income",
    "sme_patents_received_transfer_license",
}

# ---------------------------------------------------------------------------
# 南京市 (plan 2022–2025): one sheet per year, 2021–2025; names vary by year
# ---------------------------------------------------------------------------

NANJING = [
    ("high_value_invention_patents_per_10k", "万人高价值发明专利拥有量", "件", {2022: 51.9}, ILL, ""),
    ("high_value_invention_patents_per_10k", "万人高价值发明专利拥有量", "件",
     {2023: 60.86}, OFF, "nj_hvp_2023"),
    ("high_value_invention_patents_per_10k", "每万人口高价值发明专利拥有量", "件",
     {2024: 71.21}, OFF, "nj_hvp_2024"),
    ("high_value_invention_patents_per_10k", "每万人口高价值发明专利拥有量", "件",
     {2025: 80.5}, ILL, ""),
    ("copyright_registrations_per_10k", "万人版权登记量", "件", {2022: 86.4, 2023: 102.7}, ILL, ""),
    ("copyright_registrations_per_10k", "每万人口 版权登记量（件）", "件",
     {2024: 118.3, 2025: 131.5}, ILL, ""),
    ("ic_layout_design_registrations_total", "集成电路布图设计登记量", "件",
     {2022: 2105, 2023: 2390, 2024: 2668, 2025: 2935}, ILL, ""),
    ("ip_trade_total", "知识产权交易总额", "亿元", {2022: 128.6, 2023: 146.2}, ILL, ""),
    ("ip_trade_total", "知识产权交易总额（亿元）", "亿元", {2024: 162.8, 2025: 178.5}, ILL, ""),
    ("ip_financing_total", "知识产权融资总额", "亿元",
     {2022: 34.5, 2023: 42.8, 2024: 51.6, 2025: 58.3}, ILL, ""),
    ("patent_intensive_industries_gdp_share", "专利密集型产业增加值占GDP比重", "%",
     {2022: 17.6, 2023: 18.3}, ILL, ""),
    ("patent_intensive_industries_gdp_share", "专利密集型产业增加值占ＧＤＰ比重", "%",
     {2024: 19.1, 2025: 19.6}, ILL, ""),
    ("copyright_industries_gdp_share", "版权产业增加值占 GDP 比重", "%",
     {2022: 8.05, 2023: None, 2024: 7.92, 2025: 7.85}, ILL, ""),
    ("ip_protection_satisfaction", "知识产权保护社会满意度", "%",
     {2022: 83.6, 2023: 84.9, 2024: 85.7, 2025: 86.2}, ILL, ""),
    ("ip_advantage_demonstration_enterprises", "市级以上知识产权优势示范企业", "家",
     {2022: 412, 2023: 486, 2024: 553, 2025: 618}, ILL, ""),
    ("ip_management_standard_enterprises_new", "贯标企业", "家", {2021: 2350, 2022: 2610}, ILL, ""),
    ("ip_management_standard_enterprises_new", "知识产权贯标企业", "家",
     {2023: 2905, 2024: 3190, 2025: 3420}, ILL, ""),
    ("ip_service_employees", "知识产权服务机构从业人员数", "人",
     {2022: 6850, 2023: 7420, 2024: 7960, 2025: 8460}, ILL, ""),
    ("ip_service_revenue", "知识产权服务机构总收入", "亿元",
     {2022: 31.2, 2023: 34.6, 2024: 37.9, 2025: 41.3}, ILL, ""),
    ("ip_high_level_talent_new", "知识产权高层次人才", "人",
     {2021: 126, 2022: 148, 2023: 171, 2024: 196, 2025: 219}, ILL, ""),
    ("ip_training_person_times", "知识产权人才培训人次", "万人次",
     {2022: 0.86, 2023: 1.12, 2024: 1.25, 2025: 1.31}, ILL, ""),
    ("ip_operation_centers_built", "知识产权运营中心", "家",
     {2022: 4, 2023: 6, 2024: 5, 2025: 4}, ILL, ""),
]  # fmt: skip

# ---------------------------------------------------------------------------
# 贵州省 (plan 2021–2025): wide monitoring table, 2020–2025
# ---------------------------------------------------------------------------

GUIZHOU = [
    # 一、知识产权创造
    ("rd_expenditure_growth", "研发经费投入增长", "%", {2020: 10}, OFF, PLAN_GZ),
    ("rd_expenditure_growth", "研发经费投入增长", "%",
     {2021: 13.2, 2022: 9.8, 2023: 11.5, 2024: 10.6, 2025: 11.3}, ILL, ""),
    ("technology_contract_turnover_to_gdp", "技术合同成交额与地区生产总值之比", "%",
     {2020: 1.4}, OFF, PLAN_GZ),
    ("technology_contract_turnover_to_gdp", "技术合同成交额与地区生产总值之比", "%",
     {2021: 1.58, 2022: 1.79, 2023: 2.03, 2024: 2.31, 2025: 2.52}, ILL, ""),
    # the plan's 2020 column holds the 2019 value 0.93, marked *
    ("industrial_rd_to_revenue", "规上工业企业研发经费支出与营业收入之比", "%",
     {2019: 0.93}, OFF, PLAN_GZ),
    ("industrial_rd_to_revenue", "规上工业企业研发经费支出与营业收入之比", "%",
     {2021: 1.02, 2022: 1.08, 2023: 1.15, 2024: 1.21, 2025: 1.26}, ILL, ""),
    ("high_value_invention_patents_per_10k_growth", "每万人口高价值发明专利拥有量增长", "%",
     {2020: 11}, OFF, PLAN_GZ),
    ("high_value_invention_patents_per_10k_growth", "每万人口高价值发明专利拥有量增长", "%",
     {2021: 19.6, 2022: 22.1, 2023: 29.7, 2024: 24.3, 2025: 15.3}, ILL, ""),
    ("valid_registered_trademarks", "商标有效注册量", "万件", {2020: 26.69}, OFF, "gz_tm_2020"),
    ("valid_registered_trademarks", "商标有效注册量", "万件", {2021: 36.2645}, OFF, "gz_tm_2021"),
    ("valid_registered_trademarks", "商标有效注册量", "万件", {2022: 44.9518}, OFF, "gz_tm_2022"),
    ("valid_registered_trademarks", "商标有效注册量", "万件", {2023: 50.3821}, OFF, "gz_tm_2023"),
    ("valid_registered_trademarks", "商标有效注册量", "万件", {2024: 55.47, 2025: 60.12}, ILL, ""),
    ("geographical_indications", "地理标志数", "件", {2020: 386}, OFF, PLAN_GZ),
    ("geographical_indications", "地理标志数", "件", {2021: 408}, OFF, "gz_gi_2021"),
    ("geographical_indications", "地理标志数", "件", {2022: None}, ILL, ""),
    ("geographical_indications", "地理标志数", "件", {2023: 420}, OFF, "gz_gi_2023"),
    ("geographical_indications", "地理标志数", "件", {2024: 428, 2025: 436}, ILL, ""),
    # The one deliberate unit conversion: the target is in 万件, this row is in 件.
    ("works_copyright_registrations", "作品登记量", "件", {2020: 175300}, OFF, PLAN_GZ),
    ("works_copyright_registrations", "作品登记量", "件", {2021: 200929}, OFF, "gz_works_2021"),
    ("works_copyright_registrations", "作品登记量", "件", {2023: 359266}, OFF, "gz_works_2023"),
    ("works_copyright_registrations", "作品登记量", "件",
     {2022: 268415, 2024: 401870, 2025: 436500}, ILL, ""),
    ("plant_variety_rights_granted", "获得植物新品种授权数", "个", {2020: 182}, OFF, PLAN_GZ),
    # 2023: 270 = the official 257 agricultural + 13 forestry running totals (a derived sum).
    ("plant_variety_rights_granted", "获得植物新品种授权数", "个",
     {2021: 200, 2022: 221, 2023: 270, 2024: 296, 2025: 323}, ILL, "2023 = 257 + 13, see README"),
    # 二、知识产权运用转化
    ("ip_pledge_financing_amount", "知识产权质押融资金额", "亿元",
     {2023: 83.68}, OFF, "gz_pledge_2023"),
    ("ip_pledge_financing_amount", "知识产权质押融资金额", "亿元",
     {2021: 14.52, 2022: 18.65, 2024: 95.2, 2025: 102.6}, ILL, ""),
    ("patent_awards_selected", "评选专利奖项数", "个", {2020: 125}, OFF, PLAN_GZ),
    ("patent_awards_selected", "评选专利奖项数", "个",
     {2021: 138, 2022: 151, 2023: 164, 2024: 176, 2025: 189}, ILL, ""),
    ("guizhou_time_honored_brands", "“贵州老字号”企业数", "家", {2020: 102}, OFF, PLAN_GZ),
    ("guizhou_time_honored_brands", "“贵州老字号”企业数", "家", {2023: 217}, OFF, "gz_thb_2023"),
    ("guizhou_time_honored_brands", "“贵州老字号”企业数", "家",
     {2021: 102, 2022: 192, 2024: 229, 2025: 244}, ILL, ""),
    ("ethnic_cultural_product_brands", "评选民族文化产品品牌数", "个", {2020: 292}, OFF, PLAN_GZ),
    ("ethnic_cultural_product_brands", "评选民族文化产品品牌数", "个",
     {2021: 330, 2022: 371, 2023: 409, 2024: 452, 2025: 496}, ILL, ""),
    # 三、知识产权保护
    ("ip_case_handling_rate", "知识产权案件查办率", "%", {2020: 100}, OFF, PLAN_GZ),
    ("ip_case_handling_rate", "知识产权案件查办率", "%",
     {2021: 100, 2022: 100, 2023: 100, 2024: 100, 2025: 100}, ILL, ""),
    ("ip_civil_first_instance_acceptance_rate", "知识产权案件民事一审服判息诉率", "%",
     {2020: 60}, OFF, PLAN_GZ),
    ("ip_civil_first_instance_acceptance_rate", "知识产权案件民事一审服判息诉率", "%",
     {2021: 61.8, 2022: 63.2, 2023: 62.5, 2024: 64.1, 2025: 65.3}, ILL, ""),
    # 四、知识产权管理服务
    ("ip_public_service_outlets", "知识产权公共服务网点数", "个", {2020: 2}, OFF, PLAN_GZ),
    ("ip_public_service_outlets", "知识产权公共服务网点数", "个",
     {2021: 3, 2022: 5, 2023: 6, 2024: 8, 2025: 9}, ILL, ""),
    ("patent_attorneys", "专利代理师人数", "人", {2020: 301}, OFF, PLAN_GZ),
    ("patent_attorneys", "专利代理师人数", "人", {2021: 305}, OFF, "gz_attorneys_2021"),
    ("patent_attorneys", "专利代理师人数", "人",
     {2022: 318, 2023: 326, 2024: 334, 2025: 341}, ILL, ""),
    ("ip_professionals", "知识产权师人数", "人", {2020: 15}, OFF, PLAN_GZ),
    ("ip_professionals", "知识产权师人数", "人",
     {2021: 23, 2022: 34, 2023: 46, 2024: 59, 2025: 71}, ILL, ""),
    # 五、重点工程(专栏3—7)
    ("china_patent_awards_won", "中国专利奖获奖数量", "项",
     {2021: 6, 2022: 7, 2023: 5, 2024: 8, 2025: 6}, ILL, ""),
    ("high_value_core_patents_cultivated", "培育高价值核心专利", "件",
     {2021: 8, 2022: 11, 2023: 12, 2024: 13, 2025: 10}, ILL, ""),
    ("implemented_high_value_patents_supported", "支持已实际转化实施的高价值发明专利", "件",
     {2021: 260, 2022: 285, 2023: 310, 2024: 298, 2025: 276}, ILL, ""),
    ("patent_transfers_and_licences", "市场主体转让、许可专利", "次",
     {2021: 360, 2022: 395, 2023: 420, 2024: 452, 2025: 488}, ILL, ""),
    ("patent_pledge_registrations_per_year", "专利质押登记", "件",
     {2021: 58, 2022: 71, 2023: 96, 2024: 104, 2025: 112}, ILL, ""),
    ("patent_pledge_amount_growth", "专利质押登记金额", "亿元",
     {2020: 12.35, 2021: 14.8, 2022: 17.62, 2023: 26.45, 2024: 22.1, 2025: 19.75}, ILL, ""),
    ("patent_operation_advantage_units", "培育专利运营优势单位", "家",
     {2021: 2, 2022: 3, 2023: 2, 2024: 3, 2025: 2}, ILL, ""),
    ("ip_operation_service_agencies", "培育知识产权运营服务机构", "家",
     {2021: 0, 2022: 1, 2023: 1, 2024: 0, 2025: 1}, ILL, ""),
    ("ethnic_cultural_product_brands_selected", "评选民族文化产品品牌", "个", {2020: 292}, OFF, PLAN_GZ),
    ("ethnic_cultural_product_brands_selected", "评选民族文化产品品牌", "个",
     {2021: 330, 2022: 371, 2023: 409, 2024: 452, 2025: 496}, ILL, ""),
    ("new_time_honored_brands_per_year", "新增认定“贵州老字号”企业", "家",
     {2022: 90}, OFF, "gz_thb_new_2022"),
    ("new_time_honored_brands_per_year", "新增认定“贵州老字号”企业", "家",
     {2023: 25}, OFF, "gz_thb_new_2023"),
    ("new_time_honored_brands_per_year", "新增认定“贵州老字号”企业", "家",
     {2021: 0, 2024: 12, 2025: 15}, ILL, ""),
    ("time_honored_brand_digital_archives_per_year", "完成“贵州老字号”的数字档案采(编)辑", "家",
     {2021: 10, 2022: 12, 2023: 15, 2024: 18, 2025: 20}, ILL, ""),
    ("gi_industrialisation_projects_funded", "资助地理标志产品产业化促进项目", "个",
     {2021: 8, 2022: 8, 2023: 9, 2024: 7, 2025: 8}, ILL, ""),
    ("gi_industrialisation_funding", "地理标志产品产业化促进项目资助金额", "万元",
     {2021: 400, 2022: 400, 2023: 450, 2024: 350, 2025: 400}, ILL, ""),
]  # fmt: skip

GZ_YEARS = [2020, 2021, 2022, 2023, 2024, 2025]

# Category heading rows: inserted before the first row of the given target.
GZ_HEADINGS = {
    "rd_expenditure_growth": "一、知识产权创造",
    "ip_pledge_financing_amount": "二、知识产权运用转化",
    "ip_case_handling_rate": "三、知识产权保护",
    "ip_public_service_outlets": "四、知识产权管理服务",
    "china_patent_awards_won": "五、重点工程（专栏3—7）",
}

# Rows whose unit is written inside the name, the unit cell left empty.
GZ_UNIT_IN_NAME = {
    "valid_registered_trademarks": "商标有效注册量(万件)",
    "ip_pledge_financing_amount": "知识产权质押融资金额（亿元）",
}

# Cells typed as text, the way they arrive from a hand-filled table. Each must parse
# back to the value in GUIZHOU (checked in build_guizhou). (target_id, column year) -> text
GZ_TEXT_CELLS = {
    ("valid_registered_trademarks", 2020): "26.69",
    ("valid_registered_trademarks", 2022): "44.9518",
    ("rd_expenditure_growth", 2023): "11.5",
    ("industrial_rd_to_revenue", 2020): "0.93*",  # the 2019 figure, as the plan prints it
    ("geographical_indications", 2020): "３８６",
    ("works_copyright_registrations", 2020): "175,300",
    ("works_copyright_registrations", 2021): "200,929",
    ("works_copyright_registrations", 2022): "268,415",
    ("works_copyright_registrations", 2023): "359,266",
    ("works_copyright_registrations", 2024): "401,870",
    ("works_copyright_registrations", 2025): "436,500",
    ("patent_attorneys", 2024): "334",
    ("ip_civil_first_instance_acceptance_rate", 2025): "65.3",
}

GZ_REMARKS = {
    "rd_expenditure_growth": "2020年规划表列为“10以上”",
    "industrial_rd_to_revenue": "2020年列为2019年数",
    "valid_registered_trademarks": "2020—2023年为公开发布数",
    "geographical_indications": "2021、2023年为公开发布数；2022年未统计",
    "works_copyright_registrations": "按当年登记量填报；2021、2023年为公开发布数",
    "plant_variety_rights_granted": "农业、林业合计；2023年=农业257+林业13",
    "ip_pledge_financing_amount": "“十三五”累计55.14亿元；2023年为公开发布数",
    "guizhou_time_honored_brands": "2023年为公开发布数",
    "patent_attorneys": "2021年为公开发布数",
    "china_patent_awards_won": "当年获奖数",
    "patent_pledge_amount_growth": "当年登记金额",
    "ethnic_cultural_product_brands_selected": "按累计数填报，同第12项",
    "new_time_honored_brands_per_year": "2022年为第五批认定数，2023年为公开发布数；2021年未认定",
}

GZ_NOTE = (
    "注：1.带*号为2019年数；2.2025年为快报数；3.未注明为公开发布数的数据均为示例数据，非官方统计。"
)

# ---------------------------------------------------------------------------
# Helpers
# ---------------------------------------------------------------------------

_KNOWN_UNITS = {
    "件", "万件", "项", "万项", "个", "家", "人", "名", "万人", "人次", "万人次", "次", "万次",
    "元", "万元", "亿元", "%", "个百分点",
}  # fmt: skip


def normalise_name(name: str) -> str:
    """The indicator-name normalisation the ingester applies (as the brief describes it)."""
    text = unicodedata.normalize("NFKC", name)
    text = re.sub(r"\s+", "", text)
    text = re.sub("[“”\"'‘’《》]", "", text)
    text = text.replace("每万人口", "万人").replace("每万人", "万人")
    match = re.search(r"\(([^()]*)\)$", text)
    if match and match.group(1) in _KNOWN_UNITS:
        text = text[: match.start()]
    return text


def merge_blocks(blocks: list) -> dict[str, dict]:
    """target_id -> {"name", "unit", "values": {year: v}, "prov": {year: (status, source)},
    "names": {year: name}} in first-seen order; a (target, year) given twice is an error."""
    merged: dict[str, dict] = {}
    for target_id, name, unit, values, status, source in blocks:
        assert status in (OFF, ILL), (target_id, status)
        if status == OFF:
            assert source == PLAN_GZ or source in PUBLISHED, (target_id, source)
        entry = merged.setdefault(
            target_id, {"name": name, "unit": unit, "values": {}, "prov": {}, "names": {}}
        )
        assert entry["unit"] == unit, (target_id, unit)
        for year, value in values.items():
            assert year not in entry["values"], (target_id, year)
            entry["values"][year] = value
            entry["prov"][year] = (status, source)
            entry["names"][year] = name
    return merged


def number_text(value: float) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def cell_number(value: float) -> float | int:
    return int(value) if isinstance(value, float) and value.is_integer() else value


def parse_text_number(text: str) -> float:
    text = unicodedata.normalize("NFKC", text).strip().rstrip("*").replace(",", "")
    return float(text)


def save_workbook(wb, path: Path) -> None:
    """Save with fixed dates and zip timestamps, so every run writes the same bytes."""
    from openpyxl.writer.excel import ExcelWriter

    wb.properties.creator = "tools/build_sample_data.py"
    wb.properties.lastModifiedBy = "tools/build_sample_data.py"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            dst.writestr(fixed, src.read(info.filename))
    path.write_bytes(out.getvalue())


def _styles():
    from openpyxl.styles import Alignment, Border, Font, Side

    thin = Side(style="thin")
    return {
        "title": Font(name="宋体", size=14, bold=True),
        "head": Font(name="宋体", size=11, bold=True),
        "body": Font(name="宋体", size=11),
        "center": Alignment(horizontal="center", vertical="center", wrap_text=True),
        "left": Alignment(horizontal="left", vertical="center", wrap_text=True),
        "right": Alignment(horizontal="right", vertical="center"),
        "border": Border(left=thin, right=thin, top=thin, bottom=thin),
    }


# ---------------------------------------------------------------------------
# Builders
# ---------------------------------------------------------------------------


def build_shijiazhuang() -> Path:
    merged = merge_blocks(SHIJIAZHUANG)
    rows = []
    for target_id, entry in merged.items():
        for year in sorted(entry["values"]):
            value = entry["values"][year]
            if value is None:
                text = "—"
            elif target_id in SJZ_THOUSANDS and value >= 1000:
                text = f"{int(value):,}"
            else:
                text = number_text(value)
            rows.append(["石家庄市", entry["names"][year], str(year), text, entry["unit"]])
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["城市", "指标", "年份", "数值", "单位"])
    writer.writerows(rows)
    path = OUT / SJZ_CSV
    path.write_bytes(buffer.getvalue().encode("gbk"))
    return path


def build_nanjing() -> Path:
    from openpyxl import Workbook

    st = _styles()
    merged = merge_blocks(NANJING)
    wb = Workbook()
    wb.remove(wb.active)
    for year in (2021, 2022, 2023, 2024, 2025):
        ws = wb.create_sheet(str(year))
        title = f"南京市{year}年知识产权主要指标" + ("（快报）" if year == 2025 else "")
        ws["A1"] = title
        ws["A1"].font = st["title"]
        ws["A1"].alignment = st["center"]
        ws.merge_cells("A1:E1")
        ws["A2"] = "单位：见各行"
        ws["A2"].font = st["body"]
        for col, head in enumerate(["序号", "指标", "单位", "数值", "备注"], start=1):
            cell = ws.cell(row=3, column=col, value=head)
            cell.font, cell.alignment, cell.border = st["head"], st["center"], st["border"]
        row = 4
        number = 0
        for entry in merged.values():
            if year not in entry["values"]:
                continue
            number += 1
            value = entry["values"][year]
            status = entry["prov"][year][0]
            if status == OFF:
                remark = "公开发布数"
            elif value is None:
                remark = "暂无数据"
            else:
                remark = "示例数据" + ("（快报）" if year == 2025 else "")
            cells = [
                number,
                entry["names"][year],
                entry["unit"],
                "—" if value is None else cell_number(value),
                remark,
            ]
            for col, content in enumerate(cells, start=1):
                cell = ws.cell(row=row, column=col, value=content)
                cell.font, cell.border = st["body"], st["border"]
                cell.alignment = st["left"] if col in (2, 5) else st["center"]
                if col == 4 and value is not None:
                    cell.alignment = st["right"]
            row += 1
        for letter, width in zip("ABCDE", (6, 40, 10, 12, 24), strict=True):
            ws.column_dimensions[letter].width = width
        ws.row_dimensions[1].height = 28
    wb.properties.title = "南京市知识产权主要指标"
    wb.properties.description = (
        "示例数据：备注为“公开发布数”者来自公开报道，其余均为示例数据，非官方统计。"
    )
    path = OUT / NJ_XLSX
    save_workbook(wb, path)
    return path


def _gz_cell(target_id: str, entry: dict, column_year: int):
    """What goes in a year column of the Guizhou table for one target."""
    data_year = column_year
    if target_id == "industrial_rd_to_revenue" and column_year == 2020:
        data_year = 2019  # the plan prints the 2019 value, marked *, in its 2020 column
    if data_year not in entry["values"]:
        return "/"
    value = entry["values"][data_year]
    if value is None:
        return "—"
    text = GZ_TEXT_CELLS.get((target_id, column_year))
    if text is not None:
        assert abs(parse_text_number(text) - value) < 1e-9, (target_id, column_year, text)
        return text
    return cell_number(value)


def build_guizhou() -> Path:
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter

    st = _styles()
    merged = merge_blocks(GUIZHOU)
    for target_id, column_year in GZ_TEXT_CELLS:
        assert target_id in merged, target_id
        assert column_year in merged[target_id]["values"] or column_year == 2020, target_id
    wb = Workbook()
    ws = wb.active
    ws.title = "监测表"
    last_col = 3 + len(GZ_YEARS) + 1  # 序号, 指标名称, 单位, years…, 备注
    last = get_column_letter(last_col)

    ws["A1"] = "贵州省“十四五”知识产权主要指标监测表"
    ws["A1"].font, ws["A1"].alignment = st["title"], st["center"]
    ws.merge_cells(f"A1:{last}1")
    ws["A2"] = "填报单位：省市场监管局(省知识产权局)　　填报日期：2026年3月"
    ws["A2"].font, ws["A2"].alignment = st["body"], st["left"]
    ws.merge_cells(f"A2:{last}2")

    year_first = get_column_letter(4)
    year_last = get_column_letter(3 + len(GZ_YEARS))
    ws["A3"], ws["B3"], ws["C3"] = "序号", "指标名称", "单位"
    ws[f"{year_first}3"] = "年份"
    ws[f"{last}3"] = "备注"
    for col, year in enumerate(GZ_YEARS, start=4):
        ws.cell(row=4, column=col, value=f"{year}年" + ("（快报）" if year == 2025 else ""))
    for col in range(1, last_col + 1):
        for row in (3, 4):
            cell = ws.cell(row=row, column=col)
            cell.font, cell.alignment, cell.border = st["head"], st["center"], st["border"]
    for letter in ("A", "B", "C", last):
        ws.merge_cells(f"{letter}3:{letter}4")
    ws.merge_cells(f"{year_first}3:{year_last}3")

    row = 5
    for number, (target_id, entry) in enumerate(merged.items(), start=1):
        if target_id in GZ_HEADINGS:
            cell = ws.cell(row=row, column=2, value=GZ_HEADINGS[target_id])
            cell.font = st["head"]
            for col in range(1, last_col + 1):
                ws.cell(row=row, column=col).border = st["border"]
            row += 1
        name = GZ_UNIT_IN_NAME.get(target_id, entry["name"])
        unit = None if target_id in GZ_UNIT_IN_NAME else entry["unit"]
        cells = [number, name, unit]
        cells += [_gz_cell(target_id, entry, year) for year in GZ_YEARS]
        cells.append(GZ_REMARKS.get(target_id))
        for col, content in enumerate(cells, start=1):
            cell = ws.cell(row=row, column=col, value=content)
            cell.font, cell.border = st["body"], st["border"]
            cell.alignment = st["left"] if col in (2, last_col) else st["center"]
        row += 1
    ws.cell(row=row + 1, column=1, value=GZ_NOTE).font = st["body"]

    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 42
    ws.column_dimensions["C"].width = 8
    for col in range(4, 4 + len(GZ_YEARS)):
        ws.column_dimensions[get_column_letter(col)].width = 12
    ws.column_dimensions[last].width = 40
    ws.row_dimensions[1].height = 30
    ws.freeze_panes = "D5"
    wb.properties.title = "贵州省“十四五”知识产权主要指标监测表"
    wb.properties.description = (
        "示例数据：备注注明“公开发布数”者及2020年规划数来自公开资料，其余均为示例数据。"
    )
    path = OUT / GZ_XLSX
    save_workbook(wb, path)
    return path


# ---------------------------------------------------------------------------
# Checks
# ---------------------------------------------------------------------------

PLANS = {"shijiazhuang": SHIJIAZHUANG, "nanjing": NANJING, "guizhou": GUIZHOU}


def check() -> list[str]:
    """Every target of the three plans has data, every name used matches its target's name or
    an alias after normalisation (and no other target's), and the official figures agree with
    the reference file where it is present. Returns a per-target count summary."""
    summary = []
    for city, blocks in PLANS.items():
        plan = tomllib.loads((TARGETS / f"{city}.toml").read_text(encoding="utf-8"))
        names: dict[str, set[str]] = {}
        for target in plan["targets"]:
            for name in [target["name"], *target.get("aliases", [])]:
                names.setdefault(normalise_name(name), set()).add(target["id"])
        units = {t["id"]: t.get("series_unit") or t["unit"] for t in plan["targets"]}
        merged = merge_blocks(blocks)
        missing = set(units) - set(merged)
        unknown = set(merged) - set(units)
        assert not missing and not unknown, (city, missing, unknown)
        for target_id, entry in merged.items():
            used = set(entry["names"].values())
            if city == "guizhou" and target_id in GZ_UNIT_IN_NAME:
                used = {GZ_UNIT_IN_NAME[target_id]}  # the name as the sheet writes it
            for name in sorted(used):
                matches = names.get(normalise_name(name), set())
                assert matches == {target_id}, (city, target_id, name, matches)
            if not (city == "guizhou" and target_id == "works_copyright_registrations"):
                assert entry["unit"] == units[target_id], (city, target_id, entry["unit"])
            years = sorted(entry["values"])
            gaps = [y for y in years if entry["values"][y] is None]
            summary.append(
                f"{city:13} {target_id:48} {len(years)} years {years[0]}–{years[-1]}"
                + (f" (missing {gaps})" if gaps else "")
            )
    if REFERENCE.exists():
        with REFERENCE.open(encoding="utf-8", newline="") as handle:
            reference = {(r["place"], r["indicator"], r["year"]): r for r in csv.DictReader(handle)}
        for key, (place, indicator, year, value, unit, source, published) in PUBLISHED.items():
            row = reference.get((place, indicator, year))
            assert row is not None, key
            assert float(row["value"]) == value and row["unit"] == unit, key
            assert row["source"] == source and row["published"] == published, key
    return summary


def readme_table() -> str:
    used: dict[str, list[str]] = {}
    for city, blocks in PLANS.items():
        for target_id, _name, unit, values, status, source in blocks:
            if status == OFF and source in PUBLISHED:
                shown = ", ".join(f"{y}: {number_text(v)} {unit}" for y, v in values.items())
                used.setdefault(source, []).append(f"`{target_id}` ({city}) {shown}")
    lines = [
        "| place | indicator | year | value | unit | used for (as entered) | source | published |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for key, (place, indicator, year, value, unit, source, published) in PUBLISHED.items():
        entered = "; ".join(used[key])
        if key in ENTRY_NOTES:
            entered += f" — {ENTRY_NOTES[key]}"
        lines.append(
            f"| {place} | {indicator} | {year} | {number_text(value)} | {unit} | {entered} "
            f"| {source.replace('|', '/')} | {published} |"
        )
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Shanxi task progress and Zhangzhou claims: illustrative (示例数据), no official source
# ---------------------------------------------------------------------------

SX_XLSX = "山西省知识产权强省建设工作要点任务进展.xlsx"
ZZ_CLAIMS = "漳州市知识产权奖补申报汇总_示例.xlsx"

# task number, status, completion date, note. Read as of 2023-12-31: 2 done late, 3 overdue,
# 4 done on its deadline day, 5/8/9/18 open (due that day; 18 is finished in 2024),
# 7 and 14 done on time, the rest ongoing.
SHANXI_PROGRESS = [
    (1, "持续推进", None, "示例数据"),
    (2, "已完成", dt.date(2023, 2, 28), "示例数据：试点县申报材料2023年2月报送"),
    (3, "推进中", None, "示例数据：保护中心软件系统仍在建设"),
    (4, "已完成", dt.date(2023, 12, 31), "示例数据"),
    (5, "推进中", None, "示例数据：市县两级援助体系尚未全覆盖"),
    (6, "持续推进", None, "示例数据"),
    (7, "已完成", dt.date(2023, 10, 20), "示例数据"),
    (8, "推进中", None, "示例数据"),
    (9, "未启动", None, "示例数据：风险补偿金方案待财政审核"),
    (10, "持续推进", None, "示例数据"),
    (11, "持续推进", None, "示例数据"),
    (12, "持续推进", None, "示例数据"),
    (13, "持续推进", None, "示例数据"),
    (14, "已完成", dt.date(2023, 6, 30), "示例数据"),
    (15, "持续推进", None, "示例数据"),
    (16, "持续推进", None, "示例数据"),
    (17, "持续推进", None, "示例数据"),
    (18, "已完成", dt.date(2024, 1, 10), "示例数据：研究院2024年1月揭牌"),
]

# The claims columns: the quantities' simplified names (their aliases in zhangzhou.toml).
CLAIM_QUANTITIES = [
    "新引进企业",
    "两年内新增发明专利",
    "其中高价值发明专利",
    "首次通过认证",
    "ISO56005评级",
    "向漳州市企业转让发明专利",
    "认定专利密集型产品",
    "贷款本金损失",
    "属“9+5”千百亿产业",
    "胜诉",
    "维权或应对成本",
    "质押登记惠及企业",
    "专利转让许可数",
    "专利密集型产品备案数",
    "免收服务费",
    "核定补助金额",
    "指导市场主体",
    "参与制定地方标准(排名前二)",
    "知识产权研究中心",
]

# applicant, type, measure, year, {quantity: value}, note (what the row tests).
ZHANGZHOU_CLAIMS = [
    (
        "示例企业甲",
        "企业",
        "(一)",
        2024,
        {"新引进企业": "是", "两年内新增发明专利": 40, "其中高价值发明专利": 14},
        "恰为40件",
    ),
    (
        "示例企业乙",
        "企业",
        "(一)",
        2024,
        {"新引进企业": "是", "两年内新增发明专利": 39, "其中高价值发明专利": 13},
        "差1件",
    ),
    (
        "示例企业丙",
        "企业",
        "(一)",
        2024,
        {"新引进企业": "是", "两年内新增发明专利": 42, "其中高价值发明专利": 13},
        "高价值不足1/3",
    ),
    (
        "示例企业丁",
        "企业",
        "(一)",
        2025,
        {"新引进企业": "是", "两年内新增发明专利": 42, "其中高价值发明专利": 14},
        "恰为1/3",
    ),
    ("示例大学", "高校", "(三)", 2024, {"首次通过认证": "是"}, ""),
    ("示例研究院", "科研院所", "(三)", 2024, {"首次通过认证": "是"}, ""),
    ("示例研究院", "科研院所", "(三)", 2025, {"首次通过认证": "是"}, "一次性，重复申报"),
    ("示例企业甲", "企业", "(六)", 2024, {"ISO56005评级": 1}, ""),
    ("示例企业乙", "企业", "(六)", 2024, {"ISO56005评级": 5}, ""),
    ("示例大学", "高校", "(七)", 2024, {"向漳州市企业转让发明专利": 5}, "差1件"),
    ("示例研究院", "科研院所", "(七)", 2024, {"向漳州市企业转让发明专利": 6}, "恰为6件"),
    ("示例大学", "高校", "(七)", 2025, {"向漳州市企业转让发明专利": 10}, ""),
    ("示例理工学院", "高校", "(七)", 2025, {"向漳州市企业转让发明专利": 61}, "超过30万元上限"),
    ("示例企业丙", "企业", "(九)", 2024, {"认定专利密集型产品": 12}, ""),
    (
        "示例企业丙",
        "企业",
        "(九)",
        2024,
        {"认定专利密集型产品": 12},
        "同年第二批，受10万元年度上限",
    ),
    ("示例企业丁", "企业", "(九)", 2024, {"认定专利密集型产品": 20}, "恰为上限"),
    ("示例银行", "银行", "(十)", 2024, {"贷款本金损失": 50}, ""),
    (
        "示例企业甲",
        "企业",
        "国内维权胜诉补助",
        2024,
        {"属“9+5”千百亿产业": "是", "胜诉": "是", "维权或应对成本": 12.5},
        "",
    ),
    (
        "示例企业乙",
        "企业",
        "国内维权胜诉补助",
        2025,
        {"属“9+5”千百亿产业": "是", "胜诉": "是", "维权或应对成本": 26},
        "超过20万元上限",
    ),
    ("示例企业丙", "企业", "海外维权应对胜诉补助", 2025, {"胜诉": "是", "维权或应对成本": 20}, ""),
    (
        "示例企业丁",
        "企业",
        "国内维权胜诉补助",
        2025,
        {"属“9+5”千百亿产业": "否", "胜诉": "是", "维权或应对成本": 8},
        "非9+5产业",
    ),
    (
        "示例快维中心",
        "服务机构",
        "(十三)",
        2024,
        {
            "质押登记惠及企业": 5,
            "专利转让许可数": 50,
            "专利密集型产品备案数": 50,
            "免收服务费": "是",
        },
        "恰达三项下限",
    ),
    (
        "示例服务中心",
        "服务机构",
        "(十三)",
        2024,
        {
            "质押登记惠及企业": 5,
            "专利转让许可数": 49,
            "专利密集型产品备案数": 50,
            "免收服务费": "是",
        },
        "转让许可差1件",
    ),
    ("示例运营机构", "服务机构", "(十四)", 2024, {"核定补助金额": 150}, ""),
    (
        "示例运营机构",
        "服务机构",
        "(十四)",
        2024,
        {"核定补助金额": 80},
        "同年第二次，受200万元年度上限",
    ),
    ("示例文旅协会", "服务机构", "地标文旅团体标准奖励", 2024, {"指导市场主体": 15}, "恰为15个"),
    ("示例地标协会", "服务机构", "地标文旅团体标准奖励", 2024, {"指导市场主体": 14}, "差1个"),
    ("示例企业甲", "企业", "地标文旅地方标准起草补助", 2025, {"参与制定地方标准(排名前二)": 2}, ""),
    ("示例大学", "高校", "(十七)", 2024, {"知识产权研究中心": "是"}, ""),
    ("示例大学", "高校", "(十七)", 2024, {"知识产权研究中心": "是"}, "每年一次，重复申报"),
    ("示例企业戊", "企业", "(九)", 2023, {"认定专利密集型产品": 4}, "措施施行前"),
]


def _table_workbook(sheet: str, title: str, header: list, rows: list[list], widths=()):
    """A workbook of one sheet: a bold title in A1, the header in row 2, the rows below,
    with borders, dates shown as yyyy-mm-dd."""
    from openpyxl import Workbook

    st = _styles()
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    ws["A1"] = title
    ws["A1"].font = st["title"]
    ws.append(header)
    for row in rows:
        ws.append(row)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.font = st["head"] if cell.row == 2 else st["body"]
            cell.border = st["border"]
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy-mm-dd"
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[chr(64 + col)].width = width
    return wb


def build_shanxi_progress() -> Path:
    titles = {t["number"]: (t["title"], "、".join(t["lead"])) for t in _shanxi_tasks()}
    rows = [
        [number, *titles[str(number)], status, completed, note]
        for number, status, completed, note in SHANXI_PROGRESS
    ]
    wb = _table_workbook(
        "任务进展",
        "山西省知识产权强省建设2022-2023年工作要点任务进展（示例数据，截至2024年1月15日）",
        ["任务编号", "任务名称", "牵头单位", "进展状态", "完成时间", "备注"],
        rows,
        (10, 30, 40, 12, 14, 40),
    )
    wb.active.merge_cells("A1:F1")
    path = OUT / SX_XLSX
    save_workbook(wb, path)
    return path


NJ_PHASES_XLSX = "南京市强市建设时序进度.xlsx"
# phase number, status, completion date, note: the third phase finished 15 days late.
NANJING_PHASES = [
    ("(一)", "宣传发动", "已完成", dt.date(2022, 12, 20), "示例数据"),
    ("(二)", "整体推进", "已完成", dt.date(2024, 12, 31), "示例数据"),
    ("(三)", "整改提高", "已完成", dt.date(2025, 7, 15), "示例数据：验收工作报告7月15日报送"),
]


def build_nanjing_phases() -> Path:
    wb = _table_workbook(
        "时序进度",
        "南京市国家知识产权强市建设示范城市工作方案时序进度（示例数据）",
        ["序号", "阶段", "完成情况", "完成时间", "备注"],
        [list(row) for row in NANJING_PHASES],
    )
    path = OUT / NJ_PHASES_XLSX
    save_workbook(wb, path)
    return path


def _shanxi_tasks() -> list[dict]:
    import tomllib

    return tomllib.loads((ROOT / "targets" / "shanxi.toml").read_text("utf-8"))["tasks"]


def build_zhangzhou_claims() -> Path:
    rows = []
    for applicant, kind, measure, year, figures, note in ZHANGZHOU_CLAIMS:
        unknown = set(figures) - set(CLAIM_QUANTITIES)
        if unknown:
            raise SystemExit(f"claims: unknown column {sorted(unknown)}")
        rows.append([applicant, kind, measure, year, *map(figures.get, CLAIM_QUANTITIES), note])
    wb = _table_workbook(
        "申报汇总",
        "漳州市促进知识产权高质量发展若干措施奖补申报汇总（示例数据）",
        ["申请单位", "单位类型", "措施", "年度", *CLAIM_QUANTITIES, "备注"],
        rows,
    )
    path = OUT / "claims" / ZZ_CLAIMS
    path.parent.mkdir(exist_ok=True)
    save_workbook(wb, path)
    return path


def main() -> None:
    if "--readme-table" in sys.argv[1:]:
        print(readme_table())
        return
    summary = check()
    OUT.mkdir(exist_ok=True)
    built = (
        build_shijiazhuang(),
        build_nanjing(),
        build_guizhou(),
        build_shanxi_progress(),
        build_nanjing_phases(),
        build_zhangzhou_claims(),
    )
    for path in built:
        print(f"wrote {path.relative_to(ROOT)}")
    if "-v" in sys.argv[1:]:
        print("\n".join(summary))


if __name__ == "__main__":
    main()
