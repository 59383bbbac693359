"""`ipkpi missing` (which figures a year still lacks, by lead unit) and `ipkpi compare` (places
whose plans share a `measure`), and the catalogue's `measure` key.

Every expected value is worked out by hand from sample_data/ and targets/*.toml, or from the
small plans and workbooks built here; none comes from calling the code under test.

The sample data's holes (a missing figure written `—`): Nanjing 版权产业增加值占GDP比重 2023,
Guizhou 地理标志数 2022 (led by 省市场监管局(省知识产权局) and 省农业农村厅), Shijiazhuang
知识产权质押融资额 2023; Nanjing's sheet 2021 holds only the two increment stocks, and
Shijiazhuang's 每万人有效发明专利拥有量 and 专家服务团队 start in 2022.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from conftest import one_change, write_plan, write_workbook

from ipkpi.assess.compare import measures
from ipkpi.catalogue.loader import load_catalogue
from ipkpi.cli.app import app
from ipkpi.errors import CatalogueError
from ipkpi.store.sqlite import SQLiteStore

NO_STORE = (
    "Error[E-STORE-NONE]: nope.db: no store here; ingest statistics first "
    "(ipkpi ingest FILES --db FILE) or name the store with --db\n"
)
DIFFER = (
    "各地指标口径不同（见“指标”“单位”列），数值不宜直接比较；进度比与状态按各自目标计算，可以比较。"
)
GUIZHOU_BASIS = (
    "每万人口高价值发明专利拥有量是指每万人口本省居民拥有的经国家知识产权局授权的符合下列任一条件的"
    "有效发明专利数量"
)
MEASURE_HINT = (
    "is not a valid measure (lower-case ASCII letters, digits and _, a narrower definition "
    "after a dot: invention_patents_per_10k.high_value)"
)
FIVE_MEASURES = [
    "invention_patents_per_10k",
    "invention_patents_per_10k.high_value",
    "ip_intensive_industries_gdp_share",
    "ip_intensive_industries_gdp_share.patent",
    "ip_pledge_financing",
]


# --------------------------------------------------------------------------- helpers


def run(runner, *args: str):
    return runner.invoke(app, list(args))


def ok(result) -> list[str]:
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    assert result.stdout.endswith("\n")
    return result.stdout.splitlines()


def missing(runner, db, *args: str):
    return run(runner, "missing", "--db", str(db), *args)


def compare(runner, db, *args: str):
    return run(runner, "compare", "--db", str(db), *args)


def csv_rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def usage_message(stderr: str) -> str:
    """A usage error's words, without the box typer may draw round them."""
    return " ".join(stderr.replace("│", " ").split())


@pytest.fixture
def clean(in_tmp, monkeypatch):
    monkeypatch.delenv("IPKPI_DB", raising=False)
    return in_tmp


# --------------------------------------------------------------------------- a plan built by hand

# Handville: targets led by 甲局, by 甲局 and 乙局 jointly, by no one, by 乙局 (cumulative over
# 2023–2025) and by 丙局 (a catalogue baseline in 2023, so figures from 2024 on). Without a
# baseline a target needs figures from 2021 (the year before the plan) to 2025.
HAND_PLAN = """\
schema = 1

[plan]
id = "handville-2022-2025"
city = "handville"
place = "手工市"
place_en = "Handville"
level = "city"
title = "手工市知识产权工作方案(2022—2025年)"
start_year = 2022
target_year = 2025

[[targets]]
id = "patents"
name = "发明专利拥有量"
name_en = "Invention patents"
category = "创造"
lead = ["甲局"]
kind = "level"
comparator = ">="
value = 500
unit = "件"
direction = "higher"
clause = "一"
quote = "发明专利拥有量达500件"

[[targets]]
id = "brands"
name = "品牌数"
name_en = "Brands"
category = "运用"
lead = BRANDS_LEAD
kind = "level"
comparator = ">="
value = 40
unit = "个"
direction = "higher"
clause = "二"
quote = "品牌数达40个"

[[targets]]
id = "satisfaction"
name = "满意度"
category = "保护"
kind = "level"
comparator = ">="
value = 90
unit = "%"
direction = "higher"
clause = "三"
quote = "满意度达90%"

[[targets]]
id = "financing"
name = "质押融资额"
category = "运用"
lead = ["乙局"]
kind = "cumulative"
comparator = ">="
value = 30
unit = "亿元"
window = [2023, 2025]
direction = "higher"
clause = "四"
quote = "2023—2025年质押融资累计30亿元"

[[targets]]
id = "trademarks"
name = "有效商标量"
category = "创造"
lead = ["丙局"]
kind = "level"
comparator = ">="
value = 9000
unit = "件"
baseline = { year = 2023, value = 8000 }
direction = "higher"
clause = "五"
quote = "有效商标量达9000件"
"""

# What the store holds: 2023 lacks 品牌数 and 质押融资额; 2024 has 有效商标量 only.
HAND_ROWS = [
    ["城市", "指标", "年份", "数值", "单位"],
    ["手工市", "发明专利拥有量", 2022, 410, "件"],
    ["手工市", "发明专利拥有量", 2023, 455, "件"],
    ["手工市", "品牌数", 2022, 31, "个"],
    ["手工市", "满意度", 2023, 88.5, "%"],
    ["手工市", "有效商标量", 2024, 8600, "件"],
]


def build_handville(folder: Path, runner, brands_lead: str = '["甲局", "乙局"]') -> None:
    write_plan(folder / "cat", HAND_PLAN.replace("BRANDS_LEAD", brands_lead), "handville.toml")
    write_workbook(folder / "stats.xlsx", HAND_ROWS, "数据")
    result = runner.invoke(
        app,
        ["ingest", "stats.xlsx", "--db", "store.db", "--targets", "cat"],
        env={"IPKPI_LANG": "en"},  # ingest's summary line, in English
    )
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    assert result.stdout.splitlines()[-1] == (
        "1 file(s): 1 ingested, 0 already ingested, 0 rejected; 5 new value(s), 0 revised"
    )


@pytest.fixture
def handville(clean, runner):
    build_handville(clean, runner)
    return clean


def hand(runner, *args: str):
    return run(
        runner, "missing", "--city", "handville", "--db", "store.db", "--targets", "cat", *args
    )


# --------------------------------------------------------------------------- missing: sample data


def test_nanjing_2023_lacks_the_copyright_industries_share(runner, clean, sample_db):
    result = missing(runner, sample_db, "--city", "nanjing", "--year", "2023")
    # 15 targets need a 2023 figure (none has a window or baseline that leaves 2023 out);
    # sheet 2023 row 7 is `—`, the 2022 figure 8.05 is shown for reference.
    assert ok(result) == [
        "南京市2023年：需填报15项指标，缺1项",
        "",
        "牵头单位        编号                            指标                     单位    填报口径    上年值",
        "--------------  ------------------------------  -----------------------  ------  ----------  -----------",
        "未明确牵头单位  copyright_industries_gdp_share  版权产业增加值占GDP比重  %       2023年数值  8.05 (2022)",
    ]


def test_nanjing_2021_has_nine_holes_under_no_lead(runner, clean, sample_db):
    result = missing(runner, sample_db, "--city", "nanjing", "--year", "2021")
    # 2021 is the year before the plan: the 11 targets with neither a window (the four
    # cumulative ones run 2022–2025) nor a baseline need it; sheet 2021 holds only 贯标企业
    # and 知识产权高层次人才, so 9 are missing, none with a 2020 figure to show.
    assert ok(result) == [
        "南京市2021年：需填报11项指标，缺9项",
        "",
        "牵头单位        编号                                    指标                           单位    填报口径    上年值",
        "--------------  --------------------------------------  -----------------------------  ------  ----------  --------",
        "未明确牵头单位  high_value_invention_patents_per_10k    万人高价值发明专利拥有量       件      2021年数值",
        "                copyright_registrations_per_10k         万人版权登记量                 件      2021年数值",
        "                ic_layout_design_registrations_total    集成电路布图设计登记量         件      2021年数值",
        "                patent_intensive_industries_gdp_share   专利密集型产业增加值占GDP比重  %       2021年数值",
        "                copyright_industries_gdp_share          版权产业增加值占GDP比重        %       2021年数值",
        "                ip_protection_satisfaction              知识产权保护社会满意度         %       2021年数值",
        "                ip_advantage_demonstration_enterprises  市级以上知识产权优势示范企业   家      2021年数值",
        "                ip_service_employees                    知识产权服务机构从业人员数     人      2021年数值",
        "                ip_service_revenue                      知识产权服务机构总收入         亿元    2021年数值",
    ]


def test_shijiazhuang_2021_has_two_holes(runner, clean, sample_db):
    result = missing(runner, sample_db, "--city", "shijiazhuang", "--year", "2021")
    # 9 of the 15 targets have no window (6 annual/cumulative ones run 2022–2025); the CSV
    # gives 每万人有效发明专利拥有量 and 知识产权专家服务团队人数 from 2022 only.
    assert ok(result) == [
        "石家庄市2021年：需填报9项指标，缺2项",
        "",
        "牵头单位        编号                         指标                                                      单位    填报口径    上年值",
        "--------------  ---------------------------  --------------------------------------------------------  ------  ----------  --------",
        "未明确牵头单位  invention_patents_per_10k    每万人有效发明专利拥有量                                  件      2021年数值",
        "                ip_expert_service_team_size  涵盖知识产权、法律、财税、投资、技术、管理的专家服务团队  人      2021年数值",
    ]


def test_shijiazhuang_2023_asks_for_the_years_own_financing(runner, clean, sample_db):
    result = missing(runner, sample_db, "--city", "shijiazhuang", "--year", "2023")
    # 知识产权质押融资额 (a rise target: each year's figure) is `—` for 2023; 2022 was 24.3.
    assert ok(result)[0] == "石家庄市2023年：需填报15项指标，缺1项"
    assert ok(result)[-1] == (
        "未明确牵头单位  ip_pledge_financing_amount  知识产权质押融资额  亿元    2023年当年数  24.3 (2022)"
    )


def test_a_joint_target_is_listed_under_each_lead(runner, clean, sample_db):
    result = missing(runner, sample_db, "--city", "guizhou", "--year", "2022")
    # All 30 targets need 2022 (baselines 2019/2020, windows 2021–2025); 地理标志数 2022 is `—`.
    assert ok(result) == [
        "贵州省2022年：需填报30项指标，缺1项",
        "",
        "牵头单位                    编号                      指标        单位    填报口径    上年值",
        "--------------------------  ------------------------  ----------  ------  ----------  ----------",
        "省市场监管局(省知识产权局)  geographical_indications  地理标志数  件      2022年数值  408 (2021)",
        "省农业农村厅                geographical_indications  地理标志数  件      2022年数值  408 (2021)",
    ]


def test_a_year_with_every_figure_in(runner, clean, sample_db):
    assert ok(missing(runner, sample_db, "--city", "nanjing", "--year", "2022")) == [
        "南京市2022年：需填报的15项指标均已有数据"
    ]
    # Guizhou 2020: only 规上工业企业研发经费支出与营业收入之比 (baseline 2019) and 专利质押登记金额
    # (no baseline: from the year before the plan) need it; 0.93* and 12.35 are there.
    assert ok(missing(runner, sample_db, "--city", "guizhou", "--year", "2020")) == [
        "贵州省2020年：需填报的2项指标均已有数据"
    ]


def test_the_default_year_is_last_year_capped_at_the_plans_target_year(runner, clean, sample_db):
    # Last year (2025, or later once the calendar moves on) but no later than 2025.
    assert ok(missing(runner, sample_db, "--city", "nanjing")) == [
        "南京市2025年：需填报的15项指标均已有数据"
    ]


def test_json(runner, clean, sample_db):
    result = missing(runner, sample_db, "--city", "guizhou", "--year", "2022", "-f", "json")
    figure = {
        "id": "geographical_indications",
        "name": "地理标志数",
        "name_en": "Geographical indications",
        "unit": "件",
        "asks": "2022年数值",
        "previous": {"year": 2021, "value": 408, "vintage": None},
    }
    assert result.exit_code == 0
    assert json.loads(result.stdout) == {
        "schema": "ipkpi.missing/1",
        "city": "guizhou",
        "plan": "guizhou-2021-2025",
        "year": 2022,
        "lead": None,
        "needed": 30,
        "missing": 1,
        "summary": "贵州省2022年：需填报30项指标，缺1项",
        "leads": [
            {"lead": "省市场监管局(省知识产权局)", "targets": [figure]},
            {"lead": "省农业农村厅", "targets": [figure]},
        ],
    }


def test_json_in_english_and_with_nothing_missing(runner, clean, sample_db):
    result = missing(runner, sample_db, "--city", "nanjing", "--year", "2023", "-f", "json")
    document = json.loads(result.stdout)
    (group,) = document["leads"]
    assert (group["lead"], [t["id"] for t in group["targets"]]) == (
        "未明确牵头单位",
        ["copyright_industries_gdp_share"],
    )
    assert group["targets"][0]["previous"] == {"year": 2022, "value": 8.05, "vintage": None}
    english = missing(
        runner, sample_db, "-c", "nanjing", "--year", "2023", "-f", "json", "--lang", "en"
    )
    document = json.loads(english.stdout)
    assert document["summary"] == "Nanjing 2023: 1 of 15 figures missing"
    assert document["leads"][0]["lead"] == "(no lead named)"
    assert document["leads"][0]["targets"][0]["asks"] == "the 2023 figure"
    full = missing(runner, sample_db, "--city", "nanjing", "--year", "2022", "-f", "json")
    assert {k: v for k, v in json.loads(full.stdout).items() if k != "summary"} == {
        "schema": "ipkpi.missing/1",
        "city": "nanjing",
        "plan": "nanjing-2022-2025",
        "year": 2022,
        "lead": None,
        "needed": 15,
        "missing": 0,
        "leads": [],
    }


def test_csv(runner, clean, sample_db):
    result = missing(runner, sample_db, "--city", "guizhou", "--year", "2022", "-f", "csv")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "city,plan,year,lead,id,name,unit,previous_year,previous_value"
    )
    rows = csv_rows(result.stdout)
    assert [{k: v for k, v in r.items() if k != "previous_value"} for r in rows] == [
        {
            "city": "guizhou",
            "plan": "guizhou-2021-2025",
            "year": "2022",
            "lead": lead,
            "id": "geographical_indications",
            "name": "地理标志数",
            "unit": "件",
            "previous_year": "2021",
        }
        for lead in ("省市场监管局(省知识产权局)", "省农业农村厅")
    ]
    assert [float(r["previous_value"]) for r in rows] == [408, 408]
    nothing = missing(runner, sample_db, "--city", "nanjing", "--year", "2022", "-f", "csv")
    assert nothing.stdout == "city,plan,year,lead,id,name,unit,previous_year,previous_value\n"


def test_csv_previous_value_is_written_as_the_data_gives_it(runner, clean, sample_db):
    result = missing(runner, sample_db, "--city", "guizhou", "--year", "2022", "-f", "csv")
    assert [r["previous_value"] for r in csv_rows(result.stdout)] == ["408", "408"]


def test_markdown(runner, clean, sample_db):
    result = missing(runner, sample_db, "--city", "guizhou", "--year", "2022", "-f", "markdown")
    assert result.exit_code == 0
    assert result.stdout == (
        "贵州省2022年：需填报30项指标，缺1项\n"
        "\n"
        "| 牵头单位                   | 编号                     | 指标       | 单位   | 填报口径   | 上年值     |\n"
        "|:---------------------------|:-------------------------|:-----------|:-------|:-----------|:-----------|\n"
        "| 省市场监管局(省知识产权局) | geographical_indications | 地理标志数 | 件     | 2022年数值 | 408 (2021) |\n"
        "| 省农业农村厅               | geographical_indications | 地理标志数 | 件     | 2022年数值 | 408 (2021) |\n"
    )
    # A lead named once for its group, as in the plain table
    several = missing(runner, sample_db, "-c", "shijiazhuang", "--year", "2021", "-f", "markdown")
    assert several.stdout.splitlines()[4:] == [
        "| 未明确牵头单位 | invention_patents_per_10k   | 每万人有效发明专利拥有量                                 | 件     | 2021年数值 |          |",
        "|                | ip_expert_service_team_size | 涵盖知识产权、法律、财税、投资、技术、管理的专家服务团队 | 人     | 2021年数值 |          |",
    ]


def test_english(runner, clean, sample_db):
    result = missing(runner, sample_db, "--city", "guizhou", "--year", "2022", "--lang", "en")
    assert ok(result) == [
        "Guizhou 2022: 1 of 30 figures missing",
        "",
        "Lead                        ID                        Indicator                 Unit    What to report    Last year",
        "--------------------------  ------------------------  ------------------------  ------  ----------------  -----------",
        "省市场监管局(省知识产权局)  geographical_indications  Geographical indications  件      the 2022 figure   408 (2021)",
        "省农业农村厅                geographical_indications  Geographical indications  件      the 2022 figure   408 (2021)",
    ]
    everything = missing(runner, sample_db, "-c", "nanjing", "--year", "2022", "--lang", "en")
    assert ok(everything) == ["Nanjing 2022: all 15 figures are in"]


def test_lead_by_part_of_its_name(runner, clean, sample_db):
    result = missing(
        runner, sample_db, "--city", "guizhou", "--year", "2022", "--lead", "省知识产权局"
    )
    # 省市场监管局(省知识产权局) leads 8 of the 30: 专栏1 rows 4, 5, 6, 9, 10, 13, 15, 16.
    assert ok(result) == [
        "贵州省2022年（省市场监管局(省知识产权局)）：需填报8项指标，缺1项",
        "",
        "牵头单位                    编号                      指标        单位    填报口径    上年值",
        "--------------------------  ------------------------  ----------  ------  ----------  ----------",
        "省市场监管局(省知识产权局)  geographical_indications  地理标志数  件      2022年数值  408 (2021)",
    ]
    document = json.loads(
        missing(
            runner,
            sample_db,
            "-c",
            "guizhou",
            "--year",
            "2022",
            "--lead",
            "省知识产权局",
            "-f",
            "json",
        ).stdout
    )
    assert (document["lead"], document["needed"], document["missing"]) == (
        "省市场监管局(省知识产权局)",
        8,
        1,
    )
    assert [g["lead"] for g in document["leads"]] == ["省市场监管局(省知识产权局)"]
    # The other lead of the joint target
    other = missing(runner, sample_db, "-c", "guizhou", "--year", "2022", "--lead", "省农业农村厅")
    # 省农业农村厅 leads 地理标志数 and 获得植物新品种授权数
    assert ok(other)[0] == "贵州省2022年（省农业农村厅）：需填报2项指标，缺1项"
    assert ok(other)[-1].startswith("省农业农村厅  geographical_indications  地理标志数")


@pytest.mark.parametrize("none", ["none", "无", "未明确牵头单位", "(no lead named)"])
def test_lead_none_takes_the_targets_with_no_lead(runner, clean, sample_db, none):
    result = missing(runner, sample_db, "--city", "nanjing", "--year", "2023", "--lead", none)
    # Nanjing: 14 of 15 targets name no lead (知识产权运营中心 is 市市场监管局's).
    assert ok(result)[0] == "南京市2023年（未明确牵头单位）：需填报14项指标，缺1项"
    assert ok(result)[-1].startswith("未明确牵头单位  copyright_industries_gdp_share")


def test_lead_none_with_every_figure_in(runner, clean, sample_db):
    # Guizhou: 13 targets (专栏3, 6, 7 and the 老字号 sentences) name no lead; 2022 all in.
    result = missing(runner, sample_db, "-c", "guizhou", "--year", "2022", "--lead", "none")
    assert ok(result) == ["贵州省2022年（未明确牵头单位）：需填报的13项指标均已有数据"]
    document = json.loads(
        missing(
            runner, sample_db, "-c", "guizhou", "--year", "2022", "--lead", "none", "-f", "json"
        ).stdout
    )
    assert (document["lead"], document["needed"], document["missing"], document["leads"]) == (
        "none",
        13,
        0,
        [],
    )


def test_english_summary_for_no_lead_has_one_pair_of_brackets(runner, clean, sample_db):
    result = missing(
        runner, sample_db, "-c", "nanjing", "--year", "2023", "--lead", "none", "--lang", "en"
    )
    assert result.stdout.splitlines()[0] == "Nanjing 2023 (no lead named): 1 of 14 figures missing"


def test_english_summary_names_the_lead(runner, clean, sample_db):
    result = missing(
        runner,
        sample_db,
        "-c",
        "guizhou",
        "--year",
        "2022",
        "--lead",
        "省知识产权局",
        "--lang",
        "en",
    )
    assert ok(result)[0] == "Guizhou 2022 (省市场监管局(省知识产权局)): 1 of 8 figures missing"


def test_unknown_and_ambiguous_leads_are_usage_errors(runner, clean, sample_db):
    leads = (
        "省科技厅, 省工业和信息化厅, 省市场监管局(省知识产权局), 省农业农村厅, "
        "省委宣传部(省新闻出版局〈省版权局〉), 省林业局, 贵州银保监局, 省商务厅(省政府口岸办), "
        "省民宗委, 省法院, 省人社厅"
    )
    result = missing(
        runner, sample_db, "-c", "guizhou", "--year", "2022", "--lead", "省局", "--lang", "en"
    )
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        f"Error[E-LEAD-UNKNOWN]: no lead unit '省局' in guizhou-2021-2025; its leads: {leads}, none\n"
    )
    result = missing(
        runner, sample_db, "-c", "guizhou", "--year", "2022", "--lead", "厅", "--lang", "en"
    )
    assert result.exit_code == 2
    assert result.stderr == (
        "Error[E-LEAD-AMBIGUOUS]: lead '厅' is ambiguous in guizhou-2021-2025: it could be 省科技厅, "
        "省工业和信息化厅, 省农业农村厅, 省商务厅(省政府口岸办), 省人社厅\n"
    )


def test_fail_on_missing_exits_3_and_names_the_figures(runner, clean, sample_db):
    result = missing(runner, sample_db, "-c", "nanjing", "--year", "2023", "--fail-on", "missing")
    assert result.exit_code == 3
    assert result.stderr == ("--fail-on：2023年缺1个数值：copyright_industries_gdp_share\n")
    assert result.stdout.splitlines()[0] == "南京市2023年：需填报15项指标，缺1项"  # still printed
    # with JSON too, the document is whole
    as_json = missing(
        runner, sample_db, "-c", "nanjing", "--year", "2023", "--fail-on", "missing", "-f", "json"
    )
    assert as_json.exit_code == 3
    assert json.loads(as_json.stdout)["missing"] == 1
    # a joint target is counted once
    guizhou = missing(runner, sample_db, "-c", "guizhou", "--year", "2022", "--fail-on", "missing")
    assert (guizhou.exit_code, guizhou.stderr) == (
        3,
        "--fail-on：2022年缺1个数值：geographical_indications\n",
    )
    several = missing(
        runner, sample_db, "-c", "shijiazhuang", "--year", "2021", "--fail-on", "missing"
    )
    assert (several.exit_code, several.stderr) == (
        3,
        "--fail-on：2021年缺2个数值：invention_patents_per_10k、ip_expert_service_team_size\n",
    )


def test_fail_on_missing_exits_0_when_every_figure_is_in(runner, clean, sample_db):
    result = missing(runner, sample_db, "-c", "nanjing", "--year", "2022", "--fail-on", "missing")
    assert ok(result) == ["南京市2022年：需填报的15项指标均已有数据"]
    # ... and for the lead asked about, even when another lead lacks a figure
    result = missing(
        runner,
        sample_db,
        "-c",
        "guizhou",
        "--year",
        "2022",
        "--lead",
        "省科技厅",
        "--fail-on",
        "missing",
    )
    assert ok(result) == ["贵州省2022年（省科技厅）：需填报的2项指标均已有数据"]


@pytest.mark.parametrize("value", ["behind", "missing,behind", ""])
def test_fail_on_anything_else_is_a_usage_error(runner, clean, sample_db, value):
    result = missing(runner, sample_db, "-c", "nanjing", "--year", "2023", "--fail-on", value)
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        "错误[E-USAGE-VALUE]：选项 --fail-on 的值无效：missing 只在缺报数值时失败：--fail-on missing"
    )
    english = missing(runner, sample_db, "-c", "nanjing", "--fail-on", value, "--lang", "en")
    assert (
        "Invalid value for --fail-on: missing fails on missing figures only: --fail-on missing"
        in usage_message(english.stderr)
    )


def test_no_store_is_a_usage_error(runner, clean):
    result = run(
        runner, "missing", "-c", "nanjing", "--year", "2023", "--db", "nope.db", "--lang", "en"
    )
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", NO_STORE)
    assert not (clean / "nope.db").exists()


def test_unknown_city_is_a_usage_error(runner, clean, sample_db):
    for args in (["--year", "2023"], []):  # with and without a year to default
        result = missing(runner, sample_db, "--city", "nanjin", *args, "--lang", "en")
        assert (result.exit_code, result.stdout, result.stderr) == (
            2,
            "",
            "Error[E-CITY-UNKNOWN]: unknown city 'nanjin'; did you mean nanjing (南京市)? "
            "known: guizhou (贵州省), nanjing (南京市), shanxi (山西省), shijiazhuang (石家庄市), zhangzhou (漳州市)\n",
        )


def test_a_year_no_target_needs_and_a_plan_without_targets(runner, clean, sample_db):
    result = missing(runner, sample_db, "--city", "guizhou", "--year", "2019", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error[E-COLLECT-YEAR]: no target of guizhou-2021-2025 needs a 2019 figure; its "
        "targets need 2020–2025\n",
    )
    result = missing(runner, sample_db, "--city", "shanxi", "--year", "2023", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error[E-COLLECT-NO-TARGETS]: shanxi-2022-2023 has no targets, only tasks or rules: no "
        "figures to collect\n",
    )
    result = missing(runner, sample_db, "--city", "guizhou", "--year", "2019")
    assert (result.exit_code, result.stderr) == (
        2,
        "错误[E-COLLECT-YEAR]：guizhou-2021-2025中没有目标需要2019年的数值；"
        "其目标需要2020–2025年的数值\n",
    )


# --------------------------------------------------------------------------- missing: built by hand


def test_hand_built_holes_2023(runner, handville):
    # 2023 is needed by 发明专利拥有量, 品牌数, 满意度 (2021–2025) and 质押融资额 (2023–2025), not
    # by 有效商标量 (baseline 2023: 2024–2025). The store has 455 and 88.5 for 2023; 品牌数 (31 in
    # 2022) and 质押融资额 (no 2022: outside its window) are missing. 品牌数 is joint.
    assert ok(hand(runner, "--year", "2023")) == [
        "手工市2023年：需填报4项指标，缺2项",
        "",
        "牵头单位    编号       指标        单位    填报口径                  上年值",
        "----------  ---------  ----------  ------  ------------------------  ---------",
        "甲局        brands     品牌数      个      2023年数值                31 (2022)",
        "乙局        brands     品牌数      个      2023年数值                31 (2022)",
        "            financing  质押融资额  亿元    2023年当年数，不填累计数",
    ]
    result = hand(runner, "--year", "2023", "-f", "json")
    brands = {
        "id": "brands",
        "name": "品牌数",
        "name_en": "Brands",
        "unit": "个",
        "asks": "2023年数值",
        "previous": {"year": 2022, "value": 31, "vintage": None},
    }
    financing = {
        "id": "financing",
        "name": "质押融资额",
        "name_en": None,
        "unit": "亿元",
        "asks": "2023年当年数，不填累计数",
        "previous": None,
    }
    document = json.loads(result.stdout)
    assert (document["plan"], document["needed"], document["missing"]) == (
        "handville-2022-2025",
        4,
        2,
    )
    assert document["leads"] == [
        {"lead": "甲局", "targets": [brands]},
        {"lead": "乙局", "targets": [brands, financing]},
    ]
    rows = csv_rows(hand(runner, "--year", "2023", "-f", "csv").stdout)
    assert [(r["lead"], r["id"], r["previous_year"]) for r in rows] == [
        ("甲局", "brands", "2022"),
        ("乙局", "brands", "2022"),
        ("乙局", "financing", ""),
    ]
    failed = hand(runner, "--year", "2023", "--fail-on", "missing")
    assert (failed.exit_code, failed.stderr) == (
        3,
        "--fail-on：2023年缺2个数值：brands、financing\n",
    )


def test_hand_built_holes_2024_every_lead_and_none(runner, handville):
    # 2024: only 有效商标量 is in (8600); the rest are missing, with the 2023 figures the store
    # has as last year's (455, 88.5; none for 品牌数 and 质押融资额).
    assert ok(hand(runner, "--year", "2024")) == [
        "手工市2024年：需填报5项指标，缺4项",
        "",
        "牵头单位        编号          指标            单位    填报口径                  上年值",
        "--------------  ------------  --------------  ------  ------------------------  -----------",
        "甲局            patents       发明专利拥有量  件      2024年数值                455 (2023)",
        "                brands        品牌数          个      2024年数值",
        "乙局            brands        品牌数          个      2024年数值",
        "                financing     质押融资额      亿元    2024年当年数，不填累计数",
        "未明确牵头单位  satisfaction  满意度          %       2024年数值                88.5 (2023)",
    ]
    failed = hand(runner, "--year", "2024", "--fail-on", "missing")
    assert failed.stderr == (
        "--fail-on：2024年缺4个数值：patents、brands、satisfaction、financing\n"
    )


def test_hand_built_one_lead_sees_its_joint_target_once(runner, handville):
    assert ok(hand(runner, "--year", "2023", "--lead", "甲局")) == [
        "手工市2023年（甲局）：需填报2项指标，缺1项",
        "",
        "牵头单位    编号    指标    单位    填报口径    上年值",
        "----------  ------  ------  ------  ----------  ---------",
        "甲局        brands  品牌数  个      2023年数值  31 (2022)",
    ]
    assert ok(hand(runner, "--year", "2023", "--lead", "乙局"))[0] == (
        "手工市2023年（乙局）：需填报2项指标，缺2项"
    )
    assert ok(hand(runner, "--year", "2023", "--lead", "none")) == [
        "手工市2023年（未明确牵头单位）：需填报的1项指标均已有数据"
    ]


def test_a_lead_with_nothing_to_report_that_year(runner, handville):
    # 丙局's target has a 2023 baseline: it needs figures from 2024 on.
    assert ok(hand(runner, "--year", "2023", "--lead", "丙局")) == [
        "手工市2023年（丙局）：没有需要填报的指标"
    ]
    result = run(
        runner,
        "template",
        "--city",
        "handville",
        "--year",
        "2023",
        "--lead",
        "丙局",
        "-o",
        "丙局.xlsx",
        "--targets",
        "cat",
    )
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.splitlines()[-1] == (
        "错误[E-TEMPLATE-EMPTY]：丙局在handville-2022-2025中没有需要2023年数值的目标：无模板可写"
    )
    english = run(
        runner, "template", "--city", "handville", "--year", "2023", "--lead", "丙局",
        "-o", "丙局.xlsx", "--targets", "cat", "--lang", "en",
    )  # fmt: skip
    assert english.stderr.splitlines()[-1] == (
        "Error[E-TEMPLATE-EMPTY]: 丙局 leads no target of handville-2022-2025 needing a 2023 "
        "figure: no template to write"
    )
    assert not (handville / "丙局.xlsx").exists()


def test_hand_built_years_at_the_edges(runner, handville):
    # 2022: 质押融资额's window and 有效商标量's baseline leave them out; 满意度 starts in 2023.
    assert ok(hand(runner, "--year", "2022")) == [
        "手工市2022年：需填报3项指标，缺1项",
        "",
        "牵头单位        编号          指标    单位    填报口径    上年值",
        "--------------  ------------  ------  ------  ----------  --------",
        "未明确牵头单位  satisfaction  满意度  %       2022年数值",
    ]
    # 2025 is the default year (last year, capped at the plan's 2025): nothing in yet;
    # 有效商标量's 2024 figure is shown for reference.
    document = json.loads(hand(runner, "-f", "json").stdout)
    assert (document["year"], document["needed"], document["missing"]) == (2025, 5, 5)
    ids = [(g["lead"], [t["id"] for t in g["targets"]]) for g in document["leads"]]
    assert ids == [
        ("甲局", ["patents", "brands"]),
        ("乙局", ["brands", "financing"]),
        ("丙局", ["trademarks"]),
        ("未明确牵头单位", ["satisfaction"]),  # the targets with no lead come last
    ]
    trademarks = document["leads"][2]["targets"][0]
    assert trademarks["previous"] == {"year": 2024, "value": 8600, "vintage": None}
    result = hand(runner, "--year", "2020", "--lang", "en")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error[E-COLLECT-YEAR]: no target of handville-2022-2025 needs a 2020 figure; its "
        "targets need 2021–2025\n",
    )


def test_leads_come_in_the_order_the_plan_first_names_them(runner, clean):
    # 甲局 is named first (target 1, 发明专利拥有量); the joint 品牌数 names 乙局 before 甲局.
    build_handville(clean, runner, brands_lead='["乙局", "甲局"]')
    rows = csv_rows(hand(runner, "--year", "2023", "-f", "csv").stdout)
    assert [(r["lead"], r["id"]) for r in rows] == [
        ("甲局", "brands"),
        ("乙局", "brands"),
        ("乙局", "financing"),
    ]


# --------------------------------------------------------------------------- compare: sample data

# As of 2024, worked by hand (figures as `ipkpi report --city X --as-of 2024` assesses them):
# - 石家庄市 每万人有效发明专利拥有量 ≥ 15: no baseline, so the first figure from 2021 on,
#   2022's 12.1; 15.2 in 2024 holds (achieved); ratio (15.2-12.1) / (12.1 + 2.9·2/3 - 12.1)
#   = 3.1/1.9333 = 1.603448.
# - 南京市 万人高价值发明专利拥有量 ≥ 50: 2022's 51.9 is the baseline, already over 50, so no
#   ratio; 71.21 in 2024 holds (achieved).
# - 贵州省 每万人口高价值发明专利拥有量增长 ≈ 15 (±0.75) from 11 (2020): 24.3 in 2024 is
#   9.3 off; closed 1 - 9.3/4 = -1.325 over 4/5 of the time: -1.65625 (moving away).
# - 贵州省 知识产权质押融资金额 (cumulative 2021–2025, ≥ 80): 14.52 + 18.65 + 83.68 + 95.2
#   = 212.05 holds (achieved); ratio 212.05 / (80·4/5) = 3.313281.
# - 石家庄市 知识产权质押融资额 (rise): 18.6 (2021) < 24.3 (2022) < 33.8 (2024), 2023 blank:
#   2 rises of 2 steps, ratio 1, on track.
COMPARED_2024 = {
    ("shijiazhuang", "invention_patents_per_10k"): (15.2, 15.2, 1.603448, "achieved"),
    ("nanjing", "high_value_invention_patents_per_10k"): (71.21, 71.21, None, "achieved"),
    ("guizhou", "high_value_invention_patents_per_10k_growth"): (
        24.3,
        24.3,
        -1.65625,
        "overshoot",  # 24.3 past ≈ 15 ± 0.75: its own status since issue 21, not moving away
    ),
    ("guizhou", "ip_pledge_financing_amount"): (95.2, 212.05, 3.313281, "achieved"),
    ("shijiazhuang", "ip_pledge_financing_amount"): (33.8, 33.8, 1, "on_track"),
}


def test_compare_invention_patents_per_10k(runner, clean, sample_db):
    result = compare(runner, sample_db, "--measure", "invention_patents_per_10k", "--year", "2024")
    # Achieved first, the higher ratio (1.6) before none; the narrower .high_value targets of
    # Nanjing and Guizhou are part of the measure.
    assert ok(result) == [
        "invention_patents_per_10k · 各地比较（截至2024年）",
        "",
        "排名    地区      指标                              单位    最新值        目标                   进度比    状态",
        "------  --------  --------------------------------  ------  ------------  ---------------------  --------  ------------",
        "1       石家庄市  每万人有效发明专利拥有量          件      15.2 (2024)   ≥ 15 (2025)            1.6       已达标",
        "2       南京市    万人高价值发明专利拥有量          件      71.21 (2024)  ≥ 50 (2025)                      已达标",
        "3       贵州省    每万人口高价值发明专利拥有量增长  %       24.3 (2024)   ≈ 15 % (±0.75) (2025)  -1.66     超出目标区间",
        "",
        f"贵州省人口口径：{GUIZHOU_BASIS}",
        "石家庄市，南京市：方案未说明人口口径",
        DIFFER,
    ]


def test_compare_a_narrower_measure(runner, clean, sample_db):
    result = compare(
        runner, sample_db, "-m", "invention_patents_per_10k.high_value", "--year", "2024"
    )
    # Shijiazhuang's broader invention_patents_per_10k is not part of .high_value.
    assert ok(result) == [
        "invention_patents_per_10k.high_value · 各地比较（截至2024年）",
        "",
        "排名    地区    指标                              单位    最新值        目标                   进度比    状态",
        "------  ------  --------------------------------  ------  ------------  ---------------------  --------  ------------",
        "1       南京市  万人高价值发明专利拥有量          件      71.21 (2024)  ≥ 50 (2025)                      已达标",
        "2       贵州省  每万人口高价值发明专利拥有量增长  %       24.3 (2024)   ≈ 15 % (±0.75) (2025)  -1.66     超出目标区间",
        "",
        f"贵州省人口口径：{GUIZHOU_BASIS}",
        "南京市：方案未说明人口口径",
        DIFFER,  # 件 and %
    ]


def test_compare_pledge_financing_has_no_population_note(runner, clean, sample_db):
    result = compare(runner, sample_db, "-m", "ip_pledge_financing", "--year", "2024")
    # Neither name is per head (no 万人), so no basis note; the kinds differ (cumulative, rise).
    assert ok(result) == [
        "ip_pledge_financing · 各地比较（截至2024年）",
        "",
        "排名    地区      指标                  单位    最新值              目标             进度比    状态",
        "------  --------  --------------------  ------  ------------------  ---------------  --------  ------------------------",
        "1       贵州省    知识产权质押融资金额  亿元    212.05 (2021–2024)  ≥ 80 (2025)      3.31      已达标",
        # on track, but 2023 is missing: the status says so (issue 21)
        "2       石家庄市  知识产权质押融资额    亿元    33.8 (2024)         逐年提高 (2025)  1         进度正常（缺2023年数据）",
        "",
        DIFFER,
    ]


def test_compare_markdown(runner, clean, sample_db):
    result = compare(
        runner, sample_db, "-m", "ip_pledge_financing", "--year", "2024", "-f", "markdown"
    )
    assert result.exit_code == 0
    assert result.stdout == (
        "## ip_pledge_financing · 各地比较（截至2024年）\n"
        "\n"
        "| 排名   | 地区     | 指标                 | 单位   | 最新值             | 目标            | 进度比   | 状态                     |\n"
        "|:-------|:---------|:---------------------|:-------|:-------------------|:----------------|:---------|:-------------------------|\n"
        "| 1      | 贵州省   | 知识产权质押融资金额 | 亿元   | 212.05 (2021–2024) | ≥ 80 (2025)     | 3.31     | 已达标                   |\n"
        "| 2      | 石家庄市 | 知识产权质押融资额   | 亿元   | 33.8 (2024)        | 逐年提高 (2025) | 1        | 进度正常（缺2023年数据） |\n"
        "\n"
        f"- {DIFFER}\n"
    )


def test_compare_in_english(runner, clean, sample_db):
    result = compare(
        runner, sample_db, "-m", "invention_patents_per_10k", "--year", "2024", "--lang", "en"
    )
    assert ok(result) == [
        "invention_patents_per_10k · places compared (to 2024)",
        "",
        "Rank    Place         Indicator                                                    Unit    Latest        Target                 Progress    Status",
        "------  ------------  -----------------------------------------------------------  ------  ------------  ---------------------  ----------  ---------",
        "1       Shijiazhuang  Valid invention patents per 10,000 residents                 件      15.2 (2024)   ≥ 15 (2025)            1.6         achieved",
        "2       Nanjing       High-value invention patents per 10,000 residents            件      71.21 (2024)  ≥ 50 (2025)                        achieved",
        "3       Guizhou       Growth of high-value invention patents per 10,000 residents  %       24.3 (2024)   ≈ 15 % (±0.75) (2025)  -1.66       overshoot",
        "",
        f"Guizhou's population basis: {GUIZHOU_BASIS}",
        "Shijiazhuang, Nanjing: the plan states no population basis",
        "The places define the indicator differently (see Indicator and Unit): compare progress "
        "and status, each against its own target, rather than the values.",
    ]


def test_compare_json(runner, clean, sample_db):
    result = compare(
        runner, sample_db, "-m", "invention_patents_per_10k", "--year", "2024", "-f", "json"
    )
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert {k: document[k] for k in ("schema", "measure", "as_of", "same_definition", "notes")} == {
        "schema": "ipkpi.compare/1",
        "measure": "invention_patents_per_10k",
        "as_of": 2024,
        "same_definition": False,
        "notes": [
            f"贵州省人口口径：{GUIZHOU_BASIS}",
            "石家庄市，南京市：方案未说明人口口径",
            DIFFER,
        ],
    }
    places = [
        (
            p["rank"],
            p["city"],
            p["place"],
            p["place_en"],
            p["plan"],
            p["measure"],
            p["id"],
            p["latest"]["value"],
            p["progress_ratio"],
            p["status"],
            p["population_basis"],
        )
        for p in document["places"]
    ]
    assert places == [
        (
            1,
            "shijiazhuang",
            "石家庄市",
            "Shijiazhuang",
            "shijiazhuang-2022-2025",
            "invention_patents_per_10k",
            "invention_patents_per_10k",
            15.2,
            1.603448,
            "achieved",
            None,
        ),
        (
            2,
            "nanjing",
            "南京市",
            "Nanjing",
            "nanjing-2022-2025",
            "invention_patents_per_10k.high_value",
            "high_value_invention_patents_per_10k",
            71.21,
            None,
            "achieved",
            None,
        ),
        (
            3,
            "guizhou",
            "贵州省",
            "Guizhou",
            "guizhou-2021-2025",
            "invention_patents_per_10k.high_value",
            "high_value_invention_patents_per_10k_growth",
            24.3,
            -1.65625,
            "overshoot",
            GUIZHOU_BASIS,
        ),
    ]
    english = compare(
        runner,
        sample_db,
        "-m",
        "ip_pledge_financing",
        "--year",
        "2024",
        "-f",
        "json",
        "--lang",
        "en",
    )
    document = json.loads(english.stdout)
    assert document["notes"] == [
        "The places define the indicator differently (see Indicator and Unit): compare progress "
        "and status, each against its own target, rather than the values."
    ]
    assert [(p["rank"], p["city"], p["actual"]["value"]) for p in document["places"]] == [
        (1, "guizhou", 212.05),
        (2, "shijiazhuang", 33.8),
    ]


@pytest.mark.parametrize("measure", ["invention_patents_per_10k", "ip_pledge_financing"])
def test_compare_gives_the_reports_figures(runner, clean, sample_db, measure):
    """The same latest figure, progress ratio and status as `ipkpi report --as-of 2024`."""
    document = json.loads(
        compare(runner, sample_db, "-m", measure, "--year", "2024", "-f", "json").stdout
    )
    for place in document["places"]:
        expected = COMPARED_2024[(place["city"], place["id"])]
        got = place["latest"]["value"], place["actual"]["value"]
        assert (*got, place["progress_ratio"], place["status"]) == expected
        report = json.loads(
            run(
                runner,
                "report",
                "--city",
                place["city"],
                "--as-of",
                "2024",
                "-f",
                "json",
                "--db",
                str(sample_db),
            ).stdout
        )
        (target,) = [t for t in report["targets"] if t["id"] == place["id"]]
        got = target["latest"]["value"], target["actual"]["value"]
        assert (*got, target["progress_ratio"], target["status"]) == expected


def test_compare_csv(runner, clean, sample_db):
    result = compare(
        runner, sample_db, "-m", "invention_patents_per_10k", "--year", "2024", "-f", "csv"
    )
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "rank,city,place,plan,measure,id,name,unit,kind,comparator,target,target_year,"
        "latest_year,latest_value,actual,progress_ratio,status,population_basis"
    )
    rows = csv_rows(result.stdout)
    columns = ("rank", "city", "measure", "id", "unit", "kind", "comparator", "target_year")
    assert [tuple(r[c] for c in columns) for r in rows] == [
        (
            "1",
            "shijiazhuang",
            "invention_patents_per_10k",
            "invention_patents_per_10k",
            "件",
            "level",
            ">=",
            "2025",
        ),
        (
            "2",
            "nanjing",
            "invention_patents_per_10k.high_value",
            "high_value_invention_patents_per_10k",
            "件",
            "level",
            ">=",
            "2025",
        ),
        (
            "3",
            "guizhou",
            "invention_patents_per_10k.high_value",
            "high_value_invention_patents_per_10k_growth",
            "%",
            "level",
            "~",
            "2025",
        ),
    ]
    assert [(r["latest_year"], r["status"], r["population_basis"]) for r in rows] == [
        ("2024", "achieved", ""),
        ("2024", "achieved", ""),
        ("2024", "overshoot", GUIZHOU_BASIS),
    ]
    numbers = [
        tuple(
            None if not r[c] else round(float(r[c]), 6)
            for c in ("target", "latest_value", "progress_ratio")
        )
        for r in rows
    ]
    assert numbers == [(15, 15.2, 1.603448), (50, 71.21, None), (15, 24.3, -1.65625)]


def test_compare_csv_numbers_are_written_as_the_report_writes_them(runner, clean, sample_db):
    result = compare(
        runner, sample_db, "-m", "invention_patents_per_10k", "--year", "2024", "-f", "csv"
    )
    rows = csv_rows(result.stdout)
    assert [(r["target"], r["actual"], r["progress_ratio"]) for r in rows] == [
        ("15", "15.2", "1.603448"),
        ("50", "71.21", ""),
        ("15", "24.3", "-1.65625"),
    ]


def test_the_measures_without_measure(runner, clean, sample_db):
    # Measures sorted; within one, the places in catalogue order (guizhou, nanjing, ...).
    assert ok(compare(runner, sample_db)) == [
        "可比指标                                  地区及指标",
        "----------------------------------------  ------------------------------------------------------------------------",
        "invention_patents_per_10k                 石家庄市 每万人有效发明专利拥有量",
        "invention_patents_per_10k.high_value      贵州省 每万人口高价值发明专利拥有量增长，南京市 万人高价值发明专利拥有量",
        "ip_intensive_industries_gdp_share         石家庄市 知识产权密集型产业增加值占全市生产总值比重",
        "ip_intensive_industries_gdp_share.patent  南京市 专利密集型产业增加值占GDP比重",
        "ip_pledge_financing                       贵州省 知识产权质押融资金额，石家庄市 知识产权质押融资额",
    ]
    english = ok(compare(runner, sample_db, "--lang", "en"))
    assert english[0].split() == ["Measure", "Places", "and", "targets"]
    assert english[3] == (
        "invention_patents_per_10k.high_value      Guizhou Growth of high-value invention patents "
        "per 10,000 residents, Nanjing High-value invention patents per 10,000 residents"
    )
    document = json.loads(compare(runner, sample_db, "-f", "json").stdout)
    assert document == {
        "invention_patents_per_10k": ["shijiazhuang:invention_patents_per_10k"],
        "invention_patents_per_10k.high_value": [
            "guizhou:high_value_invention_patents_per_10k_growth",
            "nanjing:high_value_invention_patents_per_10k",
        ],
        "ip_intensive_industries_gdp_share": ["shijiazhuang:ip_intensive_industries_gdp_share"],
        "ip_intensive_industries_gdp_share.patent": [
            "nanjing:patent_intensive_industries_gdp_share"
        ],
        "ip_pledge_financing": [
            "guizhou:ip_pledge_financing_amount",
            "shijiazhuang:ip_pledge_financing_amount",
        ],
    }
    assert compare(runner, sample_db, "-f", "csv").stdout.splitlines()[:2] == [
        "shared_measure,places",
        "invention_patents_per_10k,石家庄市 每万人有效发明专利拥有量",
    ]


def test_the_measures_need_no_store(runner, clean):
    result = run(runner, "compare", "--db", "nope.db")
    assert (
        ok(result)[2]
        == "invention_patents_per_10k                 石家庄市 每万人有效发明专利拥有量"
    )
    assert not (clean / "nope.db").exists()


def test_unknown_measure_is_a_usage_error(runner, clean, sample_db):
    meant = {
        "x": "",
        "invention_patents": "did you mean invention_patents_per_10k? ",
        "invention_patents_per_10k.high": "did you mean invention_patents_per_10k or "
        "invention_patents_per_10k.high_value? ",
    }
    for measure, did_you_mean in meant.items():
        result = compare(runner, sample_db, "-m", measure, "--year", "2024", "--lang", "en")
        assert (result.exit_code, result.stdout) == (2, "")
        assert result.stderr == (
            f"Error[E-MEASURE-UNKNOWN]: unknown measure {measure!r}; {did_you_mean}the catalogue's measures: "
            + ", ".join(FIVE_MEASURES)
            + "\n"
        )


def test_compare_without_a_store(runner, clean):
    result = run(runner, "compare", "-m", "ip_pledge_financing", "--db", "nope.db", "--lang", "en")
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", NO_STORE)


# --------------------------------------------------------------------------- compare: built by hand


def per_10k_plan(city: str, place: str, target: str, name: str, value: int, measure: str, basis=""):
    lines = f'population_basis = "{basis}"\n' if basis else ""
    return f"""\
schema = 1

[plan]
id = "{city}-2022-2025"
city = "{city}"
place = "{place}"
place_en = "{city.title()}"
level = "city"
title = "{place}知识产权工作方案(2022—2025年)"
start_year = 2022
target_year = 2025

[[targets]]
id = "{target}"
name = "{name}"
category = "创造"
kind = "level"
comparator = ">="
value = {value}
unit = "件"
direction = "higher"
measure = "{measure}"
{lines}clause = "一"
quote = "{name}达{value}件"
"""


@pytest.fixture
def three_places(clean, runner):
    """甲市 (basis stated) and 乙市 share patents_per_10k; 丙市 has the narrower .high_value
    and no figures. cat2 holds 甲市 and 乙市 only."""
    a = per_10k_plan(
        "aville", "甲市", "patents_a", "每万人口发明专利拥有量", 20, "patents_per_10k", "常住人口"
    )
    b = per_10k_plan("bville", "乙市", "patents_b", "万人发明专利拥有量", 30, "patents_per_10k")
    c = per_10k_plan(
        "cville", "丙市", "patents_c", "万人高价值发明专利拥有量", 10, "patents_per_10k.high_value"
    )
    for folder in ("cat", "cat2"):
        write_plan(clean / folder, a, "aville.toml")
        write_plan(clean / folder, b, "bville.toml")
    write_plan(clean / "cat", c, "cville.toml")
    rows = [
        ["城市", "指标", "年份", "数值", "单位"],
        ["甲市", "每万人口发明专利拥有量", 2021, 10, "件"],
        ["甲市", "每万人口发明专利拥有量", 2022, 12, "件"],
        ["甲市", "每万人口发明专利拥有量", 2023, 15, "件"],
        ["乙市", "万人发明专利拥有量", 2021, 20, "件"],
        ["乙市", "万人发明专利拥有量", 2023, 24, "件"],
    ]
    write_workbook(clean / "stats.xlsx", rows)
    result = run(runner, "ingest", "stats.xlsx", "--db", "store.db", "--targets", "cat")
    assert result.exit_code == 0, result.output
    return clean


def test_hand_built_comparison(runner, three_places):
    # As of 2023, from the 2021 figures (no catalogue baselines), k = 2 of n = 4 years:
    # 甲市 10 → 15 against 20: expected 10 + 10·2/4 = 15, ratio 5/5 = 1 (on track);
    # 乙市 20 → 24 against 30: expected 25, ratio 4/5 = 0.8 (moderate); 丙市 no figures, unranked.
    result = compare(
        runner, "store.db", "-m", "patents_per_10k", "--year", "2023", "--targets", "cat"
    )
    assert ok(result) == [
        "patents_per_10k · 各地比较（截至2023年）",
        "",
        "排名    地区    指标                      单位    最新值     目标         进度比    状态",
        "------  ------  ------------------------  ------  ---------  -----------  --------  --------",
        "1       甲市    每万人口发明专利拥有量    件      15 (2023)  ≥ 20 (2025)  1         进度正常",
        "2       乙市    万人发明专利拥有量        件      24 (2023)  ≥ 30 (2025)  0.8       进度偏慢",
        "        丙市    万人高价值发明专利拥有量  件                 ≥ 10 (2025)            数据不足",
        "",
        "甲市人口口径：常住人口",
        "乙市，丙市：方案未说明人口口径",
        DIFFER,  # patents_per_10k and patents_per_10k.high_value
    ]
    document = json.loads(
        compare(
            runner,
            "store.db",
            "-m",
            "patents_per_10k",
            "--year",
            "2023",
            "--targets",
            "cat",
            "-f",
            "json",
        ).stdout
    )
    assert [
        (p["rank"], p["city"], p["progress_ratio"], p["status"]) for p in document["places"]
    ] == [
        (1, "aville", 1, "on_track"),
        (2, "bville", 0.8, "moderate"),
        (None, "cville", None, "no_data"),
    ]
    rows = csv_rows(
        compare(
            runner,
            "store.db",
            "-m",
            "patents_per_10k",
            "--year",
            "2023",
            "--targets",
            "cat",
            "-f",
            "csv",
        ).stdout
    )
    assert [(r["rank"], r["city"], r["status"]) for r in rows] == [
        ("1", "aville", "on_track"),
        ("2", "bville", "moderate"),
        ("", "cville", "no_data"),
    ]


def test_hand_built_same_definition_has_no_differ_note(runner, three_places):
    result = compare(
        runner, "store.db", "-m", "patents_per_10k", "--year", "2023", "--targets", "cat2"
    )
    lines = ok(result)
    assert lines[-3:] == ["", "甲市人口口径：常住人口", "乙市：方案未说明人口口径"]
    document = json.loads(
        compare(
            runner,
            "store.db",
            "-m",
            "patents_per_10k",
            "--year",
            "2023",
            "--targets",
            "cat2",
            "-f",
            "json",
        ).stdout
    )
    assert document["same_definition"] is True
    # One place alone is defined alike too
    alone = compare(
        runner, "store.db", "-m", "patents_per_10k.high_value", "--year", "2023", "--targets", "cat"
    )
    assert ok(alone)[-2:] == ["", "丙市：方案未说明人口口径"]


def test_a_measure_two_dots_deep_is_part_of_the_one_above(runner, clean):
    write_plan(clean / "cat", one_change("value = 50\n", 'value = 50\nmeasure = "a.b.c"\n'))
    SQLiteStore(clean / "store.db").close()
    result = compare(runner, "store.db", "-m", "a.b", "--year", "2023", "--targets", "cat")
    assert result.exit_code == 0, result.stderr
    assert ok(result)[4].split()[:2] == ["测试市", "万人高价值发明专利拥有量"]


# --------------------------------------------------------------------------- the catalogue


def test_a_bad_measure_is_a_catalogue_error(runner, clean):
    write_plan(clean / "cat", one_change("value = 50\n", 'value = 50\nmeasure = "Bad Measure"\n'))
    result = runner.invoke(app, ["targets", "check", "cat"], env={"IPKPI_LANG": "en"})
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        "Error[E-MEASURE-INVALID]: cat/testville.toml › target #1 (patents_per_10k) › measure: "
        f"'Bad Measure' {MEASURE_HINT}\n"
    )
    zh = run(runner, "targets", "check", "cat")
    assert zh.stderr == (
        "错误[E-MEASURE-INVALID]：cat/testville.toml › 第1个目标（patents_per_10k） › measure："
        "“Bad Measure”不能作为 measure（只能用小写英文字母、数字和 _，更窄的口径用点号接在后面，"
        "如 invention_patents_per_10k.high_value）\n"
    )


@pytest.mark.parametrize("measure", ["a..b", "a.", ".a", "1abc", "a.B", "a-b", "a.1b"])
def test_measures_that_are_not_dotted_lower_case_names(clean, measure):
    write_plan(clean / "cat", one_change("value = 50\n", f'value = 50\nmeasure = "{measure}"\n'))
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(clean / "cat")
    assert caught.value.lines("en") == [
        f"cat/testville.toml › target #1 (patents_per_10k) › measure: {measure!r} {MEASURE_HINT}"
    ]


def test_an_empty_measure_is_refused(clean):
    write_plan(clean / "cat", one_change("value = 50\n", 'value = 50\nmeasure = ""\n'))
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(clean / "cat")
    assert caught.value.lines("en") == [
        "cat/testville.toml › target #1 (patents_per_10k) › measure: expected a non-empty string, "
        "got a string ('')"
    ]


def test_a_dotted_measure_and_a_population_basis_are_accepted(runner, clean):
    text = one_change(
        "value = 50\n", 'value = 50\nmeasure = "a.b"\npopulation_basis = "常住人口"\n'
    ).replace("value = 85\n", 'value = 85\nmeasure = "a_1.b_2.c3"\n')
    write_plan(clean / "cat", text)
    result = run(runner, "targets", "check", "cat")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout.splitlines()[-1] == "目标目录无误"
    targets = load_catalogue(clean / "cat").plans[0].targets
    assert [(t.measure, t.population_basis) for t in targets] == [
        ("a.b", "常住人口"),
        (None, None),
        ("a_1.b_2.c3", None),
    ]


def test_target_measures_a_measure_or_a_narrower_definition_of_it():
    plans = {p.city: p for p in load_catalogue().plans}
    nanjing = next(
        t for t in plans["nanjing"].targets if t.id == "high_value_invention_patents_per_10k"
    )
    assert nanjing.measure == "invention_patents_per_10k.high_value"
    assert nanjing.measures("invention_patents_per_10k.high_value")
    assert nanjing.measures("invention_patents_per_10k")
    assert not nanjing.measures("invention_patents")  # a prefix, but not at a dot
    assert not nanjing.measures("invention_patents_per_10k.high")
    assert not nanjing.measures("high_value")
    shijiazhuang = next(
        t for t in plans["shijiazhuang"].targets if t.id == "invention_patents_per_10k"
    )
    assert shijiazhuang.measures("invention_patents_per_10k")
    assert not shijiazhuang.measures("invention_patents_per_10k.high_value")  # broader
    no_measure = next(t for t in plans["nanjing"].targets if t.id == "ip_service_revenue")
    assert (no_measure.measure, no_measure.measures("invention_patents_per_10k")) == (None, False)


def test_the_bundled_catalogues_measures():
    found = measures(load_catalogue())
    assert list(found) == FIVE_MEASURES
    assert {m: [(p.city, t.id) for p, t in pairs] for m, pairs in found.items()} == {
        "invention_patents_per_10k": [("shijiazhuang", "invention_patents_per_10k")],
        "invention_patents_per_10k.high_value": [
            ("guizhou", "high_value_invention_patents_per_10k_growth"),
            ("nanjing", "high_value_invention_patents_per_10k"),
        ],
        "ip_intensive_industries_gdp_share": [
            ("shijiazhuang", "ip_intensive_industries_gdp_share")
        ],
        "ip_intensive_industries_gdp_share.patent": [
            ("nanjing", "patent_intensive_industries_gdp_share")
        ],
        "ip_pledge_financing": [
            ("guizhou", "ip_pledge_financing_amount"),
            ("shijiazhuang", "ip_pledge_financing_amount"),
        ],
    }
    # Only Guizhou's target states a population basis
    basis = {(p.city, t.id) for pairs in found.values() for p, t in pairs if t.population_basis}
    assert basis == {("guizhou", "high_value_invention_patents_per_10k_growth")}
