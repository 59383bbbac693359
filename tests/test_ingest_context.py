"""Ingest reads figures in their context: units from the text around a table, the
plausibility check, places, several tables on a sheet, periods and years, traditional
characters and vintages.

Every input is built here in a temp folder, one defect or feature each. A case asserts
either the exact values stored, computed by hand from the fixture's figures and units
({(target_id, year): value}), or the exact located ``Error:``/``Warning:`` lines of
``ipkpi ingest`` and its exit status (1 on a rejection, and then nothing is stored).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import openpyxl
import pytest
from conftest import GOOD_PLAN, write_plan, write_workbook

from ipkpi.cli.app import app
from ipkpi.store.sqlite import SQLiteStore

DB = "store.db"
SHEET = "数据"
HV = "万人高价值发明专利拥有量"  # nanjing: high_value_invention_patents_per_10k, 件
KNOWN = "guizhou, nanjing, shanxi, shijiazhuang, zhangzhou"


# --------------------------------------------------------------------------- helpers


def xlsx(name: str, rows, merged=()) -> Path:
    """One sheet (数据) holding ``rows`` from A1, in the working folder."""
    return write_workbook(Path(name), rows, SHEET, merged)


def book(name: str, sheets: dict[str, list[list[object]]]) -> Path:
    """A workbook of several sheets, in order."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    for title, rows in sheets.items():
        sheet = workbook.create_sheet(title)
        for row in rows:
            sheet.append(row)
    path = Path(name)
    workbook.save(path)
    return path


def ingest(runner, *args: str, lang: str = "en"):
    """``ipkpi ingest ARGS``, in English unless ``lang`` says otherwise."""
    return runner.invoke(app, ["ingest", *args, "--db", DB], env={"IPKPI_LANG": lang})


def current(city: str) -> dict[tuple[str, int], float]:
    """{(target_id, year): value} of what is stored now for ``city``."""
    with SQLiteStore(Path(DB)) as store:
        return {(o.target_id, o.year): o.value for o in store.observations(city=city)}


def everything() -> list:
    with SQLiteStore(Path(DB)) as store:
        return store.observations(history=True)


def uncoded(stderr: str) -> list[str]:
    """The lines of ``stderr`` without their codes (``Error[E-…]: `` → ``Error: ``): for the
    value-level messages, whose codes are ingest's values' to give."""
    return [re.sub(r"^(Error|Warning)\[[A-Z0-9-]+\]", r"\1", line) for line in stderr.splitlines()]


def ok(result) -> None:
    assert result.exit_code == 0, result.stdout + result.stderr
    assert result.stderr == ""


def rejected(result, name: str, errors: list) -> None:
    """Exit 1, exactly ``errors`` (located) on stderr, nothing stored: each ``(code, text)``,
    ``Error[code]: text``; or a text alone, of a value-level message (converted apart): any
    code."""
    assert result.exit_code == 1, result.stdout + result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == len(errors), lines
    for line, error in zip(lines, errors, strict=True):
        if isinstance(error, tuple):
            assert line == f"Error[{error[0]}]: {error[1]}"
        else:
            assert re.fullmatch(r"Error\[E(-[A-Z0-9]+)+\]: " + re.escape(error), line), line
    assert f"rejected  {name}: {len(errors)} problem(s), nothing stored" in result.stdout
    assert everything() == []


@pytest.fixture
def work(in_tmp):
    return in_tmp


# A small catalogue of its own (Testville, from conftest.GOOD_PLAN's header) whose targets
# take another counting word through unit_aliases.
ALIAS_PLAN = GOOD_PLAN.split("[[targets]]")[0] + (
    """\
[[targets]]
id = "geographical_indications"
name = "地理标志数"
category = "知识产权创造"
kind = "level"
comparator = ">="
value = 60
unit = "件"
{gi_aliases}direction = "higher"
clause = "三、主要目标"
quote = "地理标志数达60件"

[[targets]]
id = "satisfaction"
name = "知识产权保护社会满意度"
category = "知识产权保护"
kind = "level"
comparator = "超过"
value = 85
unit = "%"
unit_aliases = ["分"]
direction = "higher"
clause = "三、主要目标"
quote = "知识产权保护社会满意度超过85%"
"""
)


def alias_catalogue(folder: Path, with_alias: bool) -> Path:
    aliases = 'unit_aliases = ["个"]\n' if with_alias else ""
    write_plan(folder, ALIAS_PLAN.format(gi_aliases=aliases))
    return folder


LONG = ["城市", "指标", "年份", "数值", "单位"]


# =========================================================================== units


def test_01_a_unit_line_above_the_header_converts_wan_yuan_to_yi_yuan(work, runner):
    xlsx(
        "pledge.xlsx",
        [
            ["贵州省知识产权质押融资情况"],
            ["单位：万元"],
            ["指标", "2022年", "2023年"],
            ["知识产权质押融资金额", "1,628,000", "836,800"],
        ],
    )
    ok(ingest(runner, "pledge.xlsx"))
    assert current("guizhou") == {
        ("ip_pledge_financing_amount", 2022): 162.8,
        ("ip_pledge_financing_amount", 2023): 83.68,
    }


def test_02_a_jiliang_danwei_line_in_jian_for_a_wan_jian_target(work, runner):
    xlsx(
        "works.xlsx",
        [
            ["贵州省作品登记情况"],
            ["计量单位：件"],
            ["指标", "2021", "2023"],
            ["作品登记量", "200,929", 359266],
        ],
    )
    ok(ingest(runner, "works.xlsx"))
    assert current("guizhou") == {
        ("works_copyright_registrations", 2021): 20.0929,
        ("works_copyright_registrations", 2023): 35.9266,
    }


def test_03_the_unit_at_the_right_end_of_the_row_under_the_title(work, runner):
    xlsx(
        "trademarks.xlsx",
        [
            ["贵州省知识产权主要指标监测表"],
            [None, None, None, None, None, "单位：件"],  # F2
            ["序号", "指标名称", "2020年", "2021年", "2022年", "2023年"],
            [1, "商标有效注册量", 266900, 312500, 362600, 401200],
        ],
    )
    ok(ingest(runner, "trademarks.xlsx"))
    assert current("guizhou") == {
        ("valid_registered_trademarks", 2020): 26.69,
        ("valid_registered_trademarks", 2021): 31.25,
        ("valid_registered_trademarks", 2022): 36.26,
        ("valid_registered_trademarks", 2023): 40.12,
    }


@pytest.mark.parametrize("ending", ["（单位：亿元）", "（亿元）"])
def test_04_a_title_ending_in_its_unit(work, runner, ending):
    # gi_industrialisation_funding is counted in 万元: 0.045 亿元 = 450 万元.
    xlsx(
        "gi-funding.xlsx",
        [
            [f"贵州省地理标志产品产业化促进项目资助情况{ending}"],
            ["指标", "2022", "2023"],
            ["地理标志产品产业化促进项目资助金额", 0.045, 0.052],
        ],
    )
    ok(ingest(runner, "gi-funding.xlsx"))
    assert current("guizhou") == {
        ("gi_industrialisation_funding", 2022): 450.0,
        ("gi_industrialisation_funding", 2023): 520.0,
    }


def test_05_a_unit_column_that_disagrees_with_the_unit_line(work, runner):
    xlsx(
        "conflict.xlsx",
        [
            ["贵州省作品登记情况"],
            ["单位：万件"],
            [],
            ["序号", "指标", "单位", "2022", "2023"],
            [1, "作品登记量", "件", 268421, 359266],
        ],
    )
    rejected(
        ingest(runner, "conflict.xlsx"),
        "conflict.xlsx",
        [
            "conflict.xlsx › 数据 › D5: unit conflict: the unit column says 件 (C5) but the "
            "unit line above the table says 万件 (A2): make them agree"
        ],
    )


def test_06_the_unit_in_the_value_header(work, runner):
    xlsx(
        "header-unit.xlsx",
        [
            ["贵州省2023年知识产权主要指标"],
            ["指标", "数值(亿元)"],
            ["地理标志产品产业化促进项目资助金额", 0.052],  # 万元 target: 520 万元
            ["知识产权质押融资金额", 83.68],  # 亿元 target: as given
        ],
    )
    ok(ingest(runner, "header-unit.xlsx"))
    assert current("guizhou") == {
        ("gi_industrialisation_funding", 2023): 520.0,
        ("ip_pledge_financing_amount", 2023): 83.68,
    }


def test_07_a_unit_in_the_cells_own_text(work, runner):
    xlsx(
        "cell-units.xlsx",
        [
            ["贵州省2022年知识产权主要指标"],
            ["指标", "数值"],
            ["商标有效注册量", "36.26万件"],
            ["作品登记量", "268,421件"],  # 万件 target
        ],
    )
    ok(ingest(runner, "cell-units.xlsx"))
    assert current("guizhou") == {
        ("valid_registered_trademarks", 2022): 36.26,
        ("works_copyright_registrations", 2022): 26.8421,
    }


def test_08_a_cell_unit_that_disagrees_with_the_unit_column(work, runner):
    xlsx(
        "cell-conflict.xlsx",
        [
            ["贵州省2022年知识产权主要指标"],
            ["指标", "单位", "数值"],
            ["商标有效注册量", "万件", "362,600件"],
        ],
    )
    rejected(
        ingest(runner, "cell-conflict.xlsx"),
        "cell-conflict.xlsx",
        [
            "cell-conflict.xlsx › 数据 › C3: unit conflict: the cell says 件 but the unit "
            "column says 万件 (B3): make them agree"
        ],
    )


def test_09_per_10k_units_written_out(work, runner):
    xlsx(
        "per10k.xlsx",
        [
            LONG,
            ["南京市", HV, 2023, 60.86, "件/万人"],
            ["南京市", HV, 2024, 71.21, "件/每万人"],
        ],
    )
    ok(ingest(runner, "per10k.xlsx"))
    assert current("nanjing") == {
        ("high_value_invention_patents_per_10k", 2023): 60.86,
        ("high_value_invention_patents_per_10k", 2024): 71.21,
    }


def test_10_per_mille_is_converted_to_per_cent(work, runner):
    xlsx("permille.xlsx", [LONG, ["南京市", "版权产业增加值占GDP比重", 2023, 75.2, "‰"]])
    ok(ingest(runner, "permille.xlsx"))
    assert current("nanjing") == {("copyright_industries_gdp_share", 2023): 7.52}


def test_11_a_unit_line_naming_several_units_with_no_unit_column(work, runner):
    xlsx(
        "several.xlsx",
        [
            ["贵州省知识产权主要指标"],
            ["单位：万件、%"],
            ["指标", "2022", "2023"],
            ["商标有效注册量", 36.26, 40.12],
            ["技术合同成交额与地区生产总值之比", 1.9, 2.1],
        ],
    )
    message = (
        "the unit line '万件、%' gives several units (万件、%) (A2): give each row's unit in a "
        "单位 column"
    )
    rejected(
        ingest(runner, "several.xlsx"),
        "several.xlsx",
        [f"several.xlsx › 数据 › B4: {message}", f"several.xlsx › 数据 › B5: {message}"],
    )


def test_12_tianbao_danwei_names_an_office_not_a_unit(work, runner):
    xlsx(
        "office.xlsx",
        [
            ["南京市2023年知识产权主要指标"],
            ["填报单位：南京市知识产权局"],
            ["指标", "数值"],
            [HV, 60.86],
            ["知识产权交易总额", 152.3],
        ],
    )
    ok(ingest(runner, "office.xlsx"))
    assert current("nanjing") == {
        ("high_value_invention_patents_per_10k", 2023): 60.86,
        ("ip_trade_total", 2023): 152.3,
    }


def test_13a_a_unit_alias_lets_ge_stand_for_jian(work, runner):
    alias_catalogue(work / "plans", with_alias=True)
    xlsx("gi.xlsx", [LONG, ["测试市", "地理标志数", 2023, 52, "个"]])
    ok(ingest(runner, "gi.xlsx", "--targets", "plans"))
    assert current("testville") == {("geographical_indications", 2023): 52.0}


def test_13b_without_the_alias_ge_for_jian_is_an_error_naming_unit_aliases(work, runner):
    alias_catalogue(work / "plans", with_alias=False)
    xlsx("gi.xlsx", [LONG, ["测试市", "地理标志数", 2023, 52, "个"]])
    rejected(
        ingest(runner, "gi.xlsx", "--targets", "plans"),
        "gi.xlsx",
        [
            "gi.xlsx › 数据 › E2: cannot convert 个 (units) to 件 (items): 地理标志数 is counted "
            'in 件; if the plan counts 个 as 件, add unit_aliases = ["个"] to its target in the '
            "catalogue"
        ],
    )


def test_14_fen_for_a_per_cent_target_with_the_alias(work, runner):
    alias_catalogue(work / "plans", with_alias=True)
    xlsx("survey.xlsx", [LONG, ["测试市", "知识产权保护社会满意度", 2023, 86.5, "分"]])
    ok(ingest(runner, "survey.xlsx", "--targets", "plans"))
    assert current("testville") == {("satisfaction", 2023): 86.5}


# =========================================================================== plausibility

SHARE = "专利密集型产业增加值占GDP比重"  # nanjing: patent_intensive_industries_gdp_share, %
WORKS = "作品登记量"  # guizhou: works_copyright_registrations, 万件


def test_15_a_share_written_as_a_fraction_beside_the_stored_figure(work, runner):
    xlsx("2022.xlsx", [LONG, ["南京市", SHARE, 2022, 18.1, "%"]])
    ok(ingest(runner, "2022.xlsx"))
    xlsx("2023.xlsx", [LONG, ["南京市", SHARE, 2023, 0.186, "%"]])
    result = ingest(runner, "2023.xlsx")
    assert result.exit_code == 1
    assert uncoded(result.stderr) == [
        "Error: 2023.xlsx › 数据 › D2: 0.186 % for 2023 beside 18.1 % (2022): a share written "
        "as a fraction? write 18.6 or 18.6%"
    ]
    assert current("nanjing") == {("patent_intensive_industries_gdp_share", 2022): 18.1}


def slip_rows(note: str | None = None) -> list[list[object]]:
    """作品登记量 in 万件, 2020–2024, with the 2022 figure (D3) written in 件."""
    header = ["指标", "2020", "2021", "2022", "2023", "2024"]
    row = [WORKS, 17.53, 20.0929, 268421, 35.9266, 40.2]
    if note is not None:
        header, row = [*header, "备注"], [*row, note]
    return [["贵州省作品登记情况"], header, row]


SLIP = "268421 万件 for 2022 beside 20.0929 万件 (2021) and 35.9266 万件 (2023)"  # the head
SLIP_STORED = {
    ("works_copyright_registrations", 2020): 17.53,
    ("works_copyright_registrations", 2021): 20.0929,
    ("works_copyright_registrations", 2022): 268421.0,
    ("works_copyright_registrations", 2023): 35.9266,
    ("works_copyright_registrations", 2024): 40.2,
}


def test_16_a_value_ten_thousand_times_its_row_is_refused_alone(work, runner):
    xlsx("slip.xlsx", slip_rows())
    rejected(
        ingest(runner, "slip.xlsx"),
        "slip.xlsx",
        [
            f"slip.xlsx › 数据 › D3: {SLIP}: 10⁴ times larger, a unit or scale error? check "
            "the sheet's unit (单位); if the figure is right, confirm it with --accept 数据!D3 "
            "or 核实无误 in the row's 备注 column"
        ],
    )


def test_16b_a_slip_in_the_second_year_refuses_only_the_slip(work, runner):
    xlsx(
        "slip2.xlsx",
        [
            ["贵州省作品登记情况"],
            ["指标", "2020", "2021", "2022", "2023"],
            [WORKS, 17.53, 200929, 26.8421, 35.9266],
        ],
    )
    rejected(
        ingest(runner, "slip2.xlsx"),
        "slip2.xlsx",
        [
            "slip2.xlsx › 数据 › C3: 200929 万件 for 2021 beside 17.53 万件 (2020) and 26.8421 "
            "万件 (2022): 10⁴ times larger, a unit or scale error? check the sheet's unit (单位); "
            "if the figure is right, confirm it with --accept 数据!C3 or 核实无误 in the row's "
            "备注 column"
        ],
    )


def test_17_confirmed_by_a_note_it_is_stored_with_a_warning(work, runner):
    xlsx("slip.xlsx", slip_rows(note="核实无误"))
    result = ingest(runner, "slip.xlsx")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"Warning[W-VALUE-CONFIRMED]: slip.xlsx › 数据 › D3: {SLIP}: stored as given (confirmed)"
    ]
    assert current("guizhou") == SLIP_STORED


def test_18_confirmed_by_accept_it_is_stored_with_a_warning(work, runner):
    xlsx("slip.xlsx", slip_rows())
    result = ingest(runner, "slip.xlsx", "--accept", "数据!D3")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"Warning[W-VALUE-CONFIRMED]: slip.xlsx › 数据 › D3: {SLIP}: stored as given (confirmed)"
    ]
    assert current("guizhou") == SLIP_STORED


def test_19_a_share_above_100_is_refused(work, runner):
    xlsx("share.xlsx", [LONG, ["南京市", SHARE, 2023, 186, "%"]])
    rejected(
        ingest(runner, "share.xlsx"),
        "share.xlsx",
        [
            f"share.xlsx › 数据 › D2: 186 % for {SHARE} (2023): a share cannot exceed 100 %; "
            "check the figure and its unit (‰? 个百分点? a count?)"
        ],
    )


def test_20_a_fractional_count_is_refused(work, runner):
    xlsx("centres.xlsx", [LONG, ["南京市", "知识产权运营中心", 2023, 12.5, "家"]])
    rejected(
        ingest(runner, "centres.xlsx"),
        "centres.xlsx",
        [
            "centres.xlsx › 数据 › D2: 12.5 家 for 知识产权运营中心 (2023) is not a whole "
            "number, but it counts 家: correct the figure, or say the unit the table counts in "
            "(单位：…)"
        ],
    )


def test_21_a_slip_against_the_stores_earlier_file(work, runner):
    xlsx("a.xlsx", [["贵州省作品登记情况"], ["指标", "2021", "2022"], [WORKS, 20.0929, 26.8421]])
    ok(ingest(runner, "a.xlsx"))
    before = everything()
    xlsx("b.xlsx", [["贵州省2023年知识产权主要指标"], ["指标", "数值"], [WORKS, 359266]])
    result = ingest(runner, "b.xlsx")
    assert result.exit_code == 1
    assert uncoded(result.stderr) == [
        "Error: b.xlsx › 数据 › B3: 359266 万件 for 2023 beside 26.8421 万件 (2022): 10⁴ times "
        "larger, a unit or scale error? check the sheet's unit (单位); if the figure is right, "
        "confirm it with --accept 数据!B3 or 核实无误 in the row's 备注 column"
    ]
    assert everything() == before
    assert current("guizhou") == {
        ("works_copyright_registrations", 2021): 20.0929,
        ("works_copyright_registrations", 2022): 26.8421,
    }


# =========================================================================== places


def test_22_a_provincial_sheet_keeps_its_city_and_passes_over_the_rest(work, runner):
    xlsx(
        "jiangsu.xlsx",
        [
            ["江苏省设区市万人高价值发明专利拥有量"],
            ["地区", "指标", "年份", "数值"],
            ["南京市", HV, 2023, 60.86],
            ["无锡市", HV, 2023, 45.32],
            ["苏州市", HV, 2023, 41.05],
            ["全省合计", HV, 2023, 31.8],
        ],
    )
    result = ingest(runner, "jiangsu.xlsx")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "ingested  jiangsu.xlsx (long): 1 values: 1 new, 0 revised, 0 unchanged"
    )
    assert result.stderr.splitlines() == [
        "Warning[W-VALUES-OTHER-PLACES]: jiangsu.xlsx: 3 value(s) passed over for 3 place(s) or total(s) with no plan "
        "here: 无锡市、苏州市、全省合计"
    ]
    assert current("nanjing") == {("high_value_invention_patents_per_10k", 2023): 60.86}


def test_23_a_place_with_its_province_or_without_its_suffix(work, runner):
    xlsx(
        "names.xlsx",
        [
            ["城市", "指标", "年份", "数值"],
            ["江苏省南京市", HV, 2023, 60.86],
            ["南京", HV, 2024, 71.21],
        ],
    )
    ok(ingest(runner, "names.xlsx"))
    assert current("nanjing") == {
        ("high_value_invention_patents_per_10k", 2023): 60.86,
        ("high_value_invention_patents_per_10k", 2024): 71.21,
    }


def test_24_a_quansheng_row_under_a_guizhou_title_is_guizhou(work, runner):
    xlsx(
        "prefectures.xlsx",
        [
            ["贵州省分市州知识产权主要指标"],
            ["地区", "指标", "年份", "数值", "单位"],
            ["贵阳市", "商标有效注册量", 2023, 15.62, "万件"],
            ["遵义市", "商标有效注册量", 2023, 5.13, "万件"],
            ["全省", "商标有效注册量", 2023, 40.12, "万件"],
        ],
    )
    result = ingest(runner, "prefectures.xlsx")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "Warning[W-VALUES-OTHER-PLACES]: prefectures.xlsx: 2 value(s) passed over for 2 place(s) or total(s) with no "
        "plan here: 贵阳市、遵义市"
    ]
    assert current("guizhou") == {("valid_registered_trademarks", 2023): 40.12}


def test_25_city_option_takes_only_its_rows(work, runner, monkeypatch):
    from ipkpi.catalogue.loader import load_catalogue
    from ipkpi.ingest.ingester import ingest_paths
    from ipkpi.ingest.report import IngestOptions

    path = xlsx(
        "two.xlsx",
        [
            ["城市", "指标", "年份", "数值"],
            ["南京市", HV, 2023, 60.86],
            ["石家庄市", "每万人有效发明专利拥有量", 2023, 14.2],
        ],
    )
    with SQLiteStore(Path(DB)) as store:
        report = ingest_paths([path], load_catalogue(), store, IngestOptions(city="nanjing"))
    (file,) = report.files
    assert (file.status, file.other_places, file.not_chosen, file.problems) == (
        "ingested",
        {},
        {"石家庄市": 1},
        [],
    )
    assert [w.text("en") for w in file.warnings] == [
        "two.xlsx: 1 value(s) passed over for 1 place(s) other than --city: 石家庄市"
    ]
    assert [w.text("zh") for w in file.warnings] == [
        "two.xlsx：跳过了1个数值，属于1个 --city 以外的地方：石家庄市"
    ]
    assert current("nanjing") == {("high_value_invention_patents_per_10k", 2023): 60.86}
    assert current("shijiazhuang") == {}


def test_26_a_places_down_table_for_the_year_in_its_title(work, runner):
    xlsx(
        "places.xlsx",
        [
            ["江苏省2023年设区市知识产权主要指标"],
            ["地区", HV, "知识产权保护社会满意度(%)"],
            ["南京市", 60.86, 87.2],
            ["无锡市", 45.32, 86.1],
        ],
    )
    result = ingest(runner, "places.xlsx")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[0] == (
        "ingested  places.xlsx (places): 2 values: 2 new, 0 revised, 0 unchanged"
    )
    assert current("nanjing") == {
        ("high_value_invention_patents_per_10k", 2023): 60.86,
        ("ip_protection_satisfaction", 2023): 87.2,
    }


def test_27_no_row_names_a_catalogue_place(work, runner):
    xlsx(
        "none.xlsx",
        [
            ["城市", "指标", "年份", "数值"],
            ["无锡市", HV, 2023, 45.32],
            ["苏州市", HV, 2023, 41.05],
        ],
    )
    result = ingest(runner, "none.xlsx")
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"Error[E-FILE-NO-PLACE]: none.xlsx: no row names a place in the catalogue (无锡市、苏州市); known: {KNOWN}: "
        "correct the place names, or add the place's name to its plan's aliases",
    ]
    assert "rejected  none.xlsx: 1 problem(s), nothing stored" in result.stdout
    assert everything() == []


# =========================================================================== tables


def cells(city: str) -> dict[tuple[str, int], tuple[float, str]]:
    with SQLiteStore(Path(DB)) as store:
        return {(o.target_id, o.year): (o.value, o.cell) for o in store.observations(city=city)}


def test_28_two_tables_side_by_side(work, runner):
    xlsx(
        "side.xlsx",
        [
            ["南京市知识产权主要指标"],
            ["指标", "2022", "2023", "指标", "2022", "2023"],
            [HV, 52.4, 60.86, "知识产权保护社会满意度", 85.6, 86.5],
            ["集成电路布图设计登记量", 2400, 2550, "知识产权交易总额", 128.6, 150.2],
        ],
    )
    ok(ingest(runner, "side.xlsx"))
    assert cells("nanjing") == {
        ("high_value_invention_patents_per_10k", 2022): (52.4, "B3"),
        ("high_value_invention_patents_per_10k", 2023): (60.86, "C3"),
        ("ic_layout_design_registrations_total", 2022): (2400.0, "B4"),
        ("ic_layout_design_registrations_total", 2023): (2550.0, "C4"),
        ("ip_protection_satisfaction", 2022): (85.6, "E3"),
        ("ip_protection_satisfaction", 2023): (86.5, "F3"),
        ("ip_trade_total", 2022): (128.6, "E4"),
        ("ip_trade_total", 2023): (150.2, "F4"),
    }


def stacked_rows() -> list[list[object]]:
    return [
        ["贵州省知识产权主要指标"],
        ["单位：万件"],
        ["指标", "2022", "2023"],
        ["商标有效注册量", 36.26, 40.12],
        [],
        ["单位：件"],
        ["指标", "2022", "2023"],
        [WORKS, "268,421", "359,266"],  # 万件 target: converted
        ["地理标志数", 398, 405],  # 件 target: as given
    ]


STACKED = {
    ("valid_registered_trademarks", 2022): 36.26,
    ("valid_registered_trademarks", 2023): 40.12,
    ("works_copyright_registrations", 2022): 26.8421,
    ("works_copyright_registrations", 2023): 35.9266,
    ("geographical_indications", 2022): 398.0,
    ("geographical_indications", 2023): 405.0,
}


def test_29_stacked_tables_each_with_its_own_unit_line(work, runner):
    xlsx("贵州省知识产权指标.xlsx", stacked_rows())  # the place from the file name
    ok(ingest(runner, "贵州省知识产权指标.xlsx"))
    assert current("guizhou") == STACKED


def test_29b_the_sheet_title_names_the_place_of_a_stacked_table_too(work, runner):
    xlsx("stacked.xlsx", stacked_rows())
    ok(ingest(runner, "stacked.xlsx"))
    assert current("guizhou") == STACKED


def test_30_a_year_heading_two_columns(work, runner):
    xlsx(
        "twice.xlsx",
        [["南京市知识产权主要指标"], ["指标", "2022", "2023", "2023"], [HV, 52.4, 60.86, 60.86]],
    )
    rejected(
        ingest(runner, "twice.xlsx"),
        "twice.xlsx",
        [
            "twice.xlsx › 数据 › D2: year 2023 heads two columns (C2 and D2): one column per "
            "year; two tables side by side each need their own 指标 column"
        ],
    )


def test_31_years_written_every_way(work, runner):
    xlsx(
        "years.xlsx",
        [
            ["南京市知识产权主要指标"],
            ["指标", dt.datetime(2021, 12, 31), "2022年末", "'2023", "2024.0", "2025年度"],
            [HV, 38.6, 52.4, 60.86, 71.21, 78.3],
        ],
    )
    ok(ingest(runner, "years.xlsx"))
    assert current("nanjing") == {
        ("high_value_invention_patents_per_10k", 2021): 38.6,
        ("high_value_invention_patents_per_10k", 2022): 52.4,
        ("high_value_invention_patents_per_10k", 2023): 60.86,
        ("high_value_invention_patents_per_10k", 2024): 71.21,
        ("high_value_invention_patents_per_10k", 2025): 78.3,
    }


def test_31b_a_year_end_date_and_2023_written_three_ways(work, runner):
    # The same year in three tables (a year twice in one table is an error).
    book(
        "y2023.xlsx",
        {
            name: [["南京市知识产权主要指标"], ["指标", "2022", header], [HV, 52.4, 60.86]]
            for name, header in (
                ("年度", "2023年度"),
                ("年末", "2023年末"),
                ("日期", dt.datetime(2023, 12, 31)),
            )
        },
    )
    ok(ingest(runner, "y2023.xlsx"))
    assert cells("nanjing") == {
        ("high_value_invention_patents_per_10k", 2022): (52.4, "B3"),
        ("high_value_invention_patents_per_10k", 2023): (60.86, "C3"),
    }


def test_32_a_mid_year_date_header_is_refused(work, runner):
    xlsx(
        "midyear.xlsx",
        [
            ["南京市知识产权主要指标"],
            ["指标", dt.datetime(2023, 6, 30), dt.datetime(2023, 12, 31)],
            [HV, 58.1, 60.86],
        ],
    )
    rejected(
        ingest(runner, "midyear.xlsx"),
        "midyear.xlsx",
        [
            "midyear.xlsx › 数据 › B2: the header '2023-06-30' is a date that is not a year's "
            "end: ipkpi reads yearly figures; head the column with the year (2023) if it is the "
            "year's figure"
        ],
    )


def test_33_a_monthly_sheet_keeps_only_its_1_12_column(work, runner):
    xlsx(
        "monthly.xlsx",
        [
            ["南京市2024年知识产权主要指标"],
            ["指标", "1-3月", "1-6月", "1-9月", "1-12月"],
            ["知识产权交易总额", 32.1, 70.4, 112.8, 158.6],
        ],
    )
    result = ingest(runner, "monthly.xlsx")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "Warning[W-TABLE-NOTE]: monthly.xlsx › 数据: B2–D2 (1-3月、1-6月、1-9月) passed over: part of a year; "
        "only a 1-12月 or 全年 column is the year's figure"
    ]
    assert current("nanjing") == {("ip_trade_total", 2024): 158.6}


def running_rows(period: str) -> list[list[object]]:
    return [
        [f"南京市2024年{period}知识产权主要指标"],
        ["指标", "本月", "本年累计"],
        ["知识产权交易总额", 15.2, {"1-9月": 112.8, "1-12月": 158.6}[period]],
    ]


def test_34a_a_running_total_of_part_of_the_year_is_refused(work, runner):
    xlsx("sep.xlsx", running_rows("1-9月"))
    rejected(
        ingest(runner, "sep.xlsx"),
        "sep.xlsx",
        [
            "sep.xlsx › 数据 › C2: '本年累计' is a running total in a sheet of part of the "
            "year, not the year's figure: ingest the December (1-12月) sheet, or say 1-12月 in "
            "the title"
        ],
    )


def test_34b_a_running_total_to_december_is_the_years_figure(work, runner):
    xlsx("dec.xlsx", running_rows("1-12月"))
    result = ingest(runner, "dec.xlsx")
    assert result.exit_code == 0
    assert current("nanjing") == {("ip_trade_total", 2024): 158.6}


def test_35_a_years_down_table(work, runner):
    xlsx(
        "down.xlsx",
        [
            ["南京市知识产权主要指标"],
            ["年份", HV, "知识产权保护社会满意度(%)"],
            [2023, 60.86, 86.5],
            [2024, 71.21, 87.2],
        ],
    )
    result = ingest(runner, "down.xlsx")
    ok(result)
    assert result.stdout.splitlines()[0].startswith("ingested  down.xlsx (years): 4 values")
    assert current("nanjing") == {
        ("high_value_invention_patents_per_10k", 2023): 60.86,
        ("high_value_invention_patents_per_10k", 2024): 71.21,
        ("ip_protection_satisfaction", 2023): 86.5,
        ("ip_protection_satisfaction", 2024): 87.2,
    }


def test_36_years_in_the_indicator_column_is_a_transposed_table(work, runner):
    xlsx(
        "transposed.xlsx",
        [
            ["南京市知识产权主要指标"],
            ["指标", HV, "知识产权保护社会满意度"],
            [2023, 60.86, 86.5],
            [2024, 71.21, 87.2],
        ],
    )
    rejected(
        ingest(runner, "transposed.xlsx"),
        "transposed.xlsx",
        [
            "transposed.xlsx › 数据 › A2: the years run down this column (a transposed table): "
            "put the indicators in rows and the years across, or head the column 年份"
        ],
    )


# =========================================================================== other


def test_37a_traditional_characters_in_places_headers_and_units(work, runner):
    xlsx(
        "traditional.xlsx",
        [
            ["城市", "指標", "年份", "數值", "單位"],
            ["貴州省", "商标有效注册量", 2023, "401,200", "件"],
            ["貴州省", "作品登记量", 2023, 35.9266, "萬件"],
        ],
    )
    ok(ingest(runner, "traditional.xlsx"))
    assert current("guizhou") == {
        ("valid_registered_trademarks", 2023): 40.12,
        ("works_copyright_registrations", 2023): 35.9266,
    }


def test_37b_traditional_characters_in_indicator_names(work, runner):
    xlsx(
        "traditional.xlsx",
        [
            ["南京市2023年知識產權主要指標"],
            ["指標", "數值"],
            ["萬人高價值發明專利擁有量", 60.86],
        ],
    )
    ok(ingest(runner, "traditional.xlsx"))
    assert current("nanjing") == {("high_value_invention_patents_per_10k", 2023): 60.86}


KUAIBAO_ZHENGSHI = {
    "2023年快报": [["南京市知识产权主要指标（快报）"], ["指标", "数值"], [HV, 60.5]],
    "2023年正式": [["南京市知识产权主要指标（正式）"], ["指标", "数值"], [HV, 60.86]],
}
KEPT_BOTH = [(60.5, "preliminary", False, "2023年快报"), (60.86, "final", True, "2023年正式")]


def history_of(year: int) -> list[tuple[float, str | None, bool, str]]:
    return sorted(
        (o.value, o.vintage, bool(o.current), o.sheet) for o in everything() if o.year == year
    )


def test_38a_a_kuaibao_and_a_zhengshi_sheet_of_one_year(work, runner):
    book("2023.xlsx", KUAIBAO_ZHENGSHI)
    ok(ingest(runner, "2023.xlsx"))
    assert history_of(2023) == KEPT_BOTH
    assert current("nanjing") == {("high_value_invention_patents_per_10k", 2023): 60.86}


def test_38b_the_same_beside_an_earlier_year_in_the_store(work, runner):
    xlsx("2022.xlsx", [["南京市2022年知识产权主要指标"], ["指标", "数值"], [HV, 52.4]])
    ok(ingest(runner, "2022.xlsx"))
    book("2023.xlsx", KUAIBAO_ZHENGSHI)
    ok(ingest(runner, "2023.xlsx"))
    assert history_of(2023) == KEPT_BOTH
    assert current("nanjing") == {
        ("high_value_invention_patents_per_10k", 2022): 52.4,
        ("high_value_invention_patents_per_10k", 2023): 60.86,
    }


# =========================================================================== more cases


def test_39_a_place_alias_in_the_plan_header(work, runner):
    plan = GOOD_PLAN.replace('place_en = "Testville"', 'place_en = "Testville"\naliases = ["试城"]')
    write_plan(work / "cat", plan)
    xlsx("alias.xlsx", [["城市", "指标", "年份", "数值"], ["试城", HV, 2023, 31.5]])
    ok(ingest(runner, "alias.xlsx", "--targets", "cat"))
    assert current("testville") == {("patents_per_10k", 2023): 31.5}


def test_40_a_total_row_that_names_the_province(work, runner):
    xlsx(
        "totals.xlsx",
        [
            ["各市（州）商标有效注册量"],  # the title names no place
            ["单位：万件"],
            ["地区", "指标", "年份", "数值"],
            ["贵阳市", "商标有效注册量", 2023, 17.9],
            ["贵州省合计", "商标有效注册量", 2023, 40.12],
        ],
    )
    result = ingest(runner, "totals.xlsx")
    assert (result.exit_code, result.stderr.splitlines()) == (
        0,
        ["Warning[W-VALUES-OTHER-PLACES]: totals.xlsx: 1 value(s) passed over for 1 place(s) or total(s) with no plan "
         "here: 贵阳市"],
    )  # fmt: skip
    assert current("guizhou") == {("valid_registered_trademarks", 2023): 40.12}


def test_41_an_unknown_unit_in_the_unit_line(work, runner):
    xlsx(
        "thousand.xlsx",
        [
            ["南京市知识产权主要指标"],
            ["单位：千件"],
            ["指标", "2023"],
            ["集成电路布图设计登记量", 2.55],
        ],
    )
    rejected(
        ingest(runner, "thousand.xlsx"),
        "thousand.xlsx",
        [
            "thousand.xlsx › 数据 › B4: unknown unit '千件' in the unit line (A2): write a unit "
            "such as 件, 万件, 万元, 亿元 or %, or give each row's unit in a 单位 column"
        ],
    )


def test_42_a_unit_line_above_one_of_two_tables_side_by_side(work, runner):
    xlsx(
        "half.xlsx",
        [
            ["南京市知识产权主要指标", None, None, "单位：亿元"],
            ["指标", "2022", "2023", "指标", "2022", "2023"],
            ["集成电路布图设计登记量", 2400, 2550, "知识产权交易总额", 128.6, 150.2],
        ],
    )
    rejected(
        ingest(runner, "half.xlsx"),
        "half.xlsx",
        [
            "half.xlsx › 数据 › B3: a unit line stands above the table beside this one but none "
            "above this one (A2): put 单位：… above this table too, or give each row's unit in a "
            "单位 column"
        ],
    )


def test_43_a_monthly_sheet_with_no_annual_column_is_refused(work, runner):
    xlsx(
        "q3.xlsx",
        [
            ["南京市2024年知识产权主要指标"],
            ["指标", "1-3月", "1-6月", "1-9月"],
            ["知识产权交易总额", 32.1, 70.4, 112.8],
        ],
    )
    result = ingest(runner, "q3.xlsx")
    assert (result.exit_code, uncoded(result.stderr)) == (
        1,
        ["Error: q3.xlsx › 数据 › B2: a monthly or quarterly sheet with no 1-12月 or 全年 column: "
         "none of its columns is the year's figure; ingest the sheet that has it (1-12月)"],
    )  # fmt: skip
    assert everything() == []


def test_44_a_traditional_vintage_word_in_the_sheet_name(work, runner):
    book("vintage.xlsx", {"2023年快報": [["南京市"], ["指标", "数值"], [HV, 60.5]]})
    ok(ingest(runner, "vintage.xlsx"))
    assert [(o.value, o.vintage) for o in everything()] == [(60.5, "preliminary")]


def test_45_years_typed_as_text_in_a_long_csv(work, runner):
    Path("years.csv").write_text(
        "城市,指标,年份,数值\n南京市,万人高价值发明专利拥有量,'2023,60.86\n"
        "南京市,万人高价值发明专利拥有量,2024.0,71.21\n",
        encoding="utf-8",
    )
    ok(ingest(runner, "years.csv"))
    assert current("nanjing") == {
        ("high_value_invention_patents_per_10k", 2023): 60.86,
        ("high_value_invention_patents_per_10k", 2024): 71.21,
    }


def test_46_a_row_with_no_place_in_a_table_of_places_is_no_ones(work, runner):
    # The title names 贵州省, but the row is one of its prefectures, not the province.
    xlsx(
        "blank.xlsx",
        [
            ["贵州省各市（州）商标有效注册量"],
            ["单位：万件"],
            ["地区", "指标", "年份", "数值"],
            ["贵州省", "商标有效注册量", 2023, 40.12],
            [None, "商标有效注册量", 2023, 17.9],
        ],
    )
    rejected(
        ingest(runner, "blank.xlsx"),
        "blank.xlsx",
        [
            "blank.xlsx › 数据 › A5: a row with values but no place in its 地区/城市 cell: fill it in"
        ],
    )


def test_47_a_forms_place_line_above_the_table_is_not_a_table_of_places(work, runner):
    xlsx(
        "form.xlsx",
        [["城市", "南京市"], ["年份", 2023], ["指标", "数值"], [HV, 60.86]],
    )
    ok(ingest(runner, "form.xlsx"))
    assert current("nanjing") == {("high_value_invention_patents_per_10k", 2023): 60.86}


# --- in Chinese, the default ------------------------------------------------------------------


def test_places_passed_over_and_no_place_at_all_in_chinese(work, runner):
    xlsx(
        "jiangsu.xlsx",
        [
            ["地区", "指标", "年份", "数值"],
            ["南京市", HV, 2023, 60.86],
            ["无锡市", HV, 2023, 45.32],
            ["全省合计", HV, 2023, 31.8],
        ],
    )
    result = ingest(runner, "jiangsu.xlsx", "--dry-run", lang="zh")
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        "警告[W-VALUES-OTHER-PLACES]：jiangsu.xlsx：跳过了2个数值，属于2个在此没有规划的地方或合计："
        "无锡市、全省合计"
    ]
    xlsx("none.xlsx", [["城市", "指标", "年份", "数值"], ["无锡市", HV, 2023, 45.32]])
    result = ingest(runner, "none.xlsx", lang="zh")
    assert result.stderr.splitlines() == [
        "错误[E-FILE-NO-PLACE]：none.xlsx：没有一行写的是目标目录中的地方（无锡市）；已知地方："
        "guizhou、nanjing、shanxi、shijiazhuang、zhangzhou：请改正地名，或把该地名加入其规划的别名"
    ]


def test_a_confirmed_figure_is_stored_with_a_warning_in_chinese(work, runner):
    xlsx("slip.xlsx", slip_rows(note="核实无误"))
    [line] = ingest(runner, "slip.xlsx", lang="zh").stderr.splitlines()
    assert line.startswith("警告[W-VALUE-CONFIRMED]：slip.xlsx › 数据 › D3：")
    assert line.endswith("：已按所填数值存入（已核实）")


def test_a_year_heading_with_its_vintage_after_it_is_that_years_column(work, runner):
    """2023年快报 heads the 2023 column as 2023年（快报）does; it was passed over, silently."""
    xlsx("wide.xlsx", [["南京市知识产权主要指标"], ["指标", "单位", "2022年", "2023年快报"],
                       [HV, "件", 52.4, 60.5]])  # fmt: skip
    ok(ingest(runner, "wide.xlsx"))
    assert sorted((o.year, o.value, o.vintage, o.cell) for o in everything()) == [
        (2022, 52.4, None, "C3"),
        (2023, 60.5, "preliminary", "D3"),
    ]


def test_a_year_heading_beside_the_same_year_with_its_vintage_is_refused(work, runner):
    xlsx("twice.xlsx", [["南京市知识产权主要指标"], ["指标", "单位", "2023年", "2023年快报"],
                        [HV, "件", 60.86, 60.5]])  # fmt: skip
    rejected(
        ingest(runner, "twice.xlsx"),
        "twice.xlsx",
        [
            (
                "E-HEADER-YEAR-TWICE",
                "twice.xlsx › 数据 › D2: year 2023 heads two columns (C2 and D2): one column per "
                "year; two tables side by side each need their own 指标 column",
            )
        ],
    )
