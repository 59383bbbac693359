"""The catalogue loader on good and bad files: every bad case asserts its message."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import GOOD_PLAN, one_change, write_plan
from test_catalogue_schemes import PLAN as SCHEMES_PLAN

from ipkpi.catalogue import units
from ipkpi.catalogue.loader import load_catalogue, resolve_catalogue_dir
from ipkpi.catalogue.model import Baseline, Comparator, Direction, Kind
from ipkpi.catalogue.select import report_plan, rules_plan, select_plan, tasks_plan
from ipkpi.errors import (
    CatalogueError,
    CatalogueNotFound,
    UnknownCity,
    UnknownPlan,
    UsageError,
)


def load_text(folder, text):
    write_plan(folder, text)
    return load_catalogue(folder)


def problems_of(folder, text, lang: str = "en") -> list[str]:
    write_plan(folder, text)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    return caught.value.lines(lang)


def test_good_plan_loads_with_its_meaning(in_tmp):
    catalogue = load_text(in_tmp / "cat", GOOD_PLAN)
    (plan,) = catalogue.plans
    assert (plan.id, plan.city, plan.place, plan.start_year, plan.target_year) == (
        "testville-2022-2025",
        "testville",
        "测试市",
        2022,
        2025,
    )
    assert plan.issued.isoformat() == "2022-11-02"
    rows = [
        (t.id, t.kind, t.comparator, t.value, t.unit, t.target_year, t.direction, t.baseline)
        for t in plan.targets
    ]
    assert rows == [
        ("patents_per_10k", Kind.LEVEL, Comparator.GE, 50.0, "件", 2025, Direction.HIGHER, None),
        (
            "trademark_growth",
            Kind.GROWTH,
            Comparator.GE,
            10.0,
            "%",
            2025,
            Direction.HIGHER,
            Baseline(2021, 1000.0),
        ),
        ("satisfaction", Kind.LEVEL, Comparator.GT, 85.0, "%", 2025, Direction.HIGHER, None),
    ]
    first = plan.targets[0]
    assert first.lead == ("市市场监管局",)
    assert first.aliases == ("每万人口高价值发明专利拥有量",)
    assert first.source.quote == "万人高价值发明专利拥有量达50件"
    assert first.source.document == "测试市知识产权工作方案(2022—2025年)"
    assert plan.targets[1].series_unit == "件"


def test_approx_gets_the_default_tolerance_of_five_percent(in_tmp):
    text = one_change('comparator = "超过"\nvalue = 85', 'comparator = "左右"\nvalue = 15')
    target = load_text(in_tmp / "cat", text).plans[0].targets[2]
    assert (target.comparator, target.value, target.tolerance) == (Comparator.APPROX, 15.0, 0.75)


def test_explicit_tolerance_is_kept(in_tmp):
    text = one_change(
        'comparator = "超过"\nvalue = 85', 'comparator = "~"\nvalue = 15\ntolerance = 1'
    )
    assert load_text(in_tmp / "cat", text).plans[0].targets[2].tolerance == 1.0


def test_windowed_kinds_default_to_the_plan_window(in_tmp):
    text = one_change(
        'kind = "level"\ncomparator = "超过"', 'kind = "cumulative"\ncomparator = "超过"'
    )
    text = text.replace("value = 85", "value = 85\ntarget_year = 2024")
    target = load_text(in_tmp / "cat", text).plans[0].targets[2]
    assert (target.kind, target.window, target.target_year) == (Kind.CUMULATIVE, (2022, 2024), 2024)


def test_rise_has_no_value(in_tmp):
    text = one_change(
        'kind = "level"\ncomparator = "超过"\nvalue = 85\n', 'kind = "rise"\ncomparator = ">"\n'
    )
    target = load_text(in_tmp / "cat", text).plans[0].targets[2]
    assert (target.kind, target.value, target.comparator) == (Kind.RISE, None, Comparator.GT)


F = "cat/testville.toml"
T1 = f"{F} › target #1 (patents_per_10k)"
T2 = f"{F} › target #2 (trademark_growth)"
T3 = f"{F} › target #3 (satisfaction)"

BAD_CASES = {
    "malformed TOML": (
        ("value = 50\n", "value = = 50\n"),
        f"{F} › line 22, column 9: invalid TOML: Invalid value",
    ),
    "missing key": (
        ('unit = "件"\n', ""),
        f"{T1} › unit: missing required key",
    ),
    "missing direction is never defaulted": (
        (
            'direction = "higher"\nclause = "三、主要目标"\nquote = "万人',
            'clause = "三、主要目标"\nquote = "万人',
        ),
        f"{T1} › direction: missing required key",
    ),
    "unknown key": (
        ("value = 50\n", 'value = 50\ncolour = "red"\n'),
        f"{T1} › colour: unknown key; known keys: id, name, name_en, aliases, category, "
        "subcategory, lead, kind, comparator, value, unit, series_unit, target_year, window, "
        "baseline, tolerance, direction, nature, path, measure, unit_aliases, population_basis, clause, "
        "quote, reading",
    ),
    "unknown path": (
        ("value = 50\n", 'value = 50\npath = "curved"\n'),
        f"{T1} › path: unknown path 'curved'; use one of linear, compound",
    ),
    "path on a cumulative target": (
        ('kind = "level"\n', 'kind = "cumulative"\npath = "compound"\n'),
        f"{T1} › path: path applies only to level and increment targets (growth is compound)",
    ),
    "wrong type": (
        ("value = 50\n", 'value = "50"\n'),
        f"{T1} › value: expected a number, got a string ('50')",
    ),
    "wrong type in a list": (
        ('lead = ["市市场监管局"]', 'lead = "市市场监管局"'),
        f"{T1} › lead: expected a list of strings, got a string ('市市场监管局')",
    ),
    "unknown kind": (
        ('kind = "level"', 'kind = "stock"'),
        f"{T1} › kind: unknown kind 'stock'; use one of level, cumulative, increment, annual, "
        "average, growth, rise",
    ),
    "unknown comparator": (
        ('comparator = ">="', 'comparator = "≥≥"'),
        f"{T1} › comparator: unknown comparator '≥≥'; use one of >=, >, <=, <, ~ (or 以上, 达到, "
        "达, 不少于, 不低于, 超过, 超, 高于, 多于, 以下, 不超过, 不高于, 以内, 低于, 少于, 左右, 约)",
    ),
    "unknown unit": (
        ('unit = "件"', 'unit = "件们"'),
        f"{T1} › unit: unknown unit '件们'; known units: 件, 万件, 项, 万项, 个, 家, 万家, 人, "
        "名, 万人, 人次, 万人次, 次, 万次, 元, 千元, 万元, 亿元, %, ‰, 个百分点, 分, 件/万人",
    ),
    "duplicate target ids": (
        ('id = "satisfaction"', 'id = "patents_per_10k"'),
        f"{F} › target #3 (patents_per_10k) › id: duplicate target id (first at target #1)",
    ),
    "target year before the baseline year": (
        (
            "baseline = { year = 2021, value = 1000 }",
            "target_year = 2024\nbaseline = { year = 2025, value = 1000 }",
        ),
        f"{T2} › baseline.year: target year 2024 is before the baseline year 2025",
    ),
    "target year equal to the baseline year": (
        ("baseline = { year = 2021, value = 1000 }", "baseline = { year = 2025, value = 1000 }"),
        f"{T2} › baseline.year: target year 2025 is the baseline year; the baseline must come "
        "before it",
    ),
    "unknown key in the baseline": (
        (
            "baseline = { year = 2021, value = 1000 }",
            "baseline = { year = 2021, value = 1000, yr = 2020 }",
        ),
        f"{T2} › baseline.yr: unknown key; known keys: year, value, note",
    ),
    "target year outside the plan window": (
        ("value = 50\n", "value = 50\ntarget_year = 2030\n"),
        f"{T1} › target_year: 2030 is outside the plan window 2022–2025",
    ),
    "direction contradicts the comparator": (
        (
            'direction = "higher"\nclause = "三、主要目标"\nquote = "知识',
            'direction = "lower"\nclause = "三、主要目标"\nquote = "知识',
        ),
        f"{T3} › direction: comparator > needs direction 'higher', not 'lower'",
    ),
    "growth target without its series unit": (
        ('series_unit = "件"\n', ""),
        f"{T2} › series_unit: missing required key (the unit of the statistic the rate is "
        "computed from)",
    ),
    "growth target not in percent": (
        ('value = 10\nunit = "%"', 'value = 10\nunit = "件"'),
        f"{T2} › unit: a growth target is a rate: its unit must be %, not '件'",
    ),
    "rise target with a value": (
        ('kind = "level"\ncomparator = "超过"', 'kind = "rise"\ncomparator = "超过"'),
        f"{T3} › value: a rise target (逐年增加) takes no value",
    ),
    "tolerance without approx": (
        ("value = 85\n", "value = 85\ntolerance = 1\n"),
        f"{T3} › tolerance: tolerance applies only to the ~ (左右) comparator",
    ),
    "window on a level target": (
        ("value = 85\n", "value = 85\nwindow = [2022, 2025]\n"),
        f"{T3} › window: window applies only to cumulative, annual and average targets",
    ),
    "a name shared by two targets": (
        ('name = "注册商标"', 'name = "每万人口高价值发明专利拥有量"'),
        f"{T2} › name: '每万人口高价值发明专利拥有量' already names target patents_per_10k; a "
        "statistic's name must match one target only",
    ),
    "missing plan key": (
        ('title = "测试市知识产权工作方案(2022—2025年)"\n', ""),
        f"{F} › plan.title: missing required key",
    ),
    "bad plan year": (
        ("start_year = 2022", "start_year = 2026"),
        f"{F} › plan.target_year: target_year 2025 is before start_year 2026",
    ),
    "unsupported schema": (
        ("schema = 1", "schema = 2"),
        f"{F} › schema: unsupported schema 2; this ipkpi reads schema 1",
    ),
    "unknown level": (
        ('level = "city"', 'level = "county"'),
        f"{F} › plan.level: unknown level 'county'; use one of city, province",
    ),
}


@pytest.mark.parametrize("case", list(BAD_CASES))
def test_bad_catalogue_gives_one_located_line(in_tmp, case):
    (old, new), expected = BAD_CASES[case]
    assert problems_of(in_tmp / "cat", one_change(old, new)) == [expected]


# The same problems as a person reads them by default, in Chinese: one case of each kind.
ZF = "cat/testville.toml"
ZT1 = f"{ZF} › 第1个目标（patents_per_10k）"
ZT2 = f"{ZF} › 第2个目标（trademark_growth）"
ZT3 = f"{ZF} › 第3个目标（satisfaction）"

ZH_CASES = {
    "malformed TOML": f"{ZF} › 第22行第9列：TOML 格式有误：值的写法不对（文字要加英文双引号，日期写成 "
    "2022-11-02）",
    "missing key": f"{ZT1} › unit：缺少必填的键",
    "unknown key in the baseline": f"{ZT2} › baseline.yr：没有这个键；可用的键：year、value、note",
    "wrong type": f"{ZT1} › value：应为数字，实际是文字“50”",
    "unknown path": f"{ZT1} › path：无法识别的进度路径“curved”；请用以下之一：linear、compound",
    "unknown kind": f"{ZT1} › kind：无法识别的目标类型“stock”；请用以下之一：level、cumulative、"
    "increment、annual、average、growth、rise",
    "path on a cumulative target": f"{ZT1} › path：只有 level 和 increment 类目标可以写 path"
    "（growth 类目标总是按年均增长计算）",
    "unknown unit": f"{ZT1} › unit：无法识别的单位“件们”；可用的单位：件、万件、项、万项、个、家、"
    "万家、人、名、万人、人次、万人次、次、万次、元、千元、万元、亿元、%、‰、个百分点、分、件/万人",
    "duplicate target ids": f"{ZF} › 第3个目标（patents_per_10k） › id：目标 id 重复"
    "（第1个目标已用过这个 id）",
    "a name shared by two targets": f"{ZT2} › name：“每万人口高价值发明专利拥有量”已经用作目标 "
    "patents_per_10k 的名称；一个统计名称只能对应一个目标",
    "target year before the baseline year": f"{ZT2} › baseline.year：目标年份2024年早于基期2025年",
    "target year equal to the baseline year": f"{ZT2} › baseline.year：目标年份2025年就是基期；"
    "基期必须早于目标年份",
    "target year outside the plan window": f"{ZT1} › target_year：2030年不在规划期2022—2025年之内",
    "direction contradicts the comparator": f"{ZT3} › direction：比较符 > 要求 direction 为“higher”，"
    "而不是“lower”",
    "growth target without its series unit": f"{ZT2} › series_unit：缺少必填的键（计算增长率所依据的"
    "统计数据的单位）",
    "growth target not in percent": f"{ZT2} › unit：growth 类目标是增长率：单位必须是 %，而不是“件”",
    "rise target with a value": f"{ZT3} › value：rise 类目标（逐年增加）不能写 value",
    "tolerance without approx": f"{ZT3} › tolerance：只有比较符为 ~（左右）的目标可以写 tolerance",
    "window on a level target": f"{ZT3} › window：只有 cumulative、annual 和 average 类目标可以写 "
    "window",
    "bad plan year": f"{ZF} › plan.target_year：目标年份 target_year（2025年）早于起始年份 "
    "start_year（2026年）",
    "unsupported schema": f"{ZF} › schema：不支持的格式版本 schema = 2；本程序读取的是 schema = 1",
    "unknown level": f"{ZF} › plan.level：无法识别的规划级别“county”；请用以下之一：city、province",
}


@pytest.mark.parametrize("case", list(ZH_CASES))
def test_bad_catalogue_in_chinese(in_tmp, case):
    (old, new), _ = BAD_CASES[case]
    assert problems_of(in_tmp / "cat", one_change(old, new), "zh") == [ZH_CASES[case]]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'id = "satisfaction"',
            'id = "Satisfaction"',
            f"{ZF} › 第3个目标（Satisfaction） › id：“Satisfaction”不能作为目标的 id（只能用小写"
            "英文字母、数字和 _，并以字母开头）",
        ),
        (
            'id = "testville-2022-2025"',
            'id = "Testville 2022"',
            f"{ZF} › plan.id：“Testville 2022”不能作为规划的 id（只能用小写字母、数字、- 和 _）",
        ),
        (
            'city = "testville"',
            'city = "Test_ville"',
            f"{ZF} › plan.city：“Test_ville”不能作为地方代码 city（只能用小写字母、数字和 -）",
        ),
        (
            'kind = "level"\ncomparator = "超过"\nvalue = 85\n',
            'kind = "rise"\ncomparator = ">="\n',
            f"{ZF} › 第3个目标（satisfaction） › comparator：rise 类目标是每年与上一年比较："
            "比较符请用 >（逐年增加）或 <（逐年下降）",
        ),
        (
            'unit = "件"\ndirection',
            'unit = "件"\nunit_aliases = ["件"]\ndirection',
            f"{ZF} › 第1个目标（patents_per_10k） › unit_aliases：“件”就是这个目标本身的单位，"
            "不必写进 unit_aliases",
        ),
        (
            "value = 85\n",
            'value = 85\nunit_aliases = ["打"]\n',
            f"{ZF} › 第3个目标（satisfaction） › unit_aliases：无法识别的单位“打”；可用的单位：件、"
            "万件、项、万项、个、家、万家、人、名、万人、人次、万人次、次、万次、元、千元、万元、亿元、"
            "%、‰、个百分点、分、件/万人",
        ),
        (
            'kind = "level"\ncomparator = ">="\nvalue = 50\nunit = "件"',
            'kind = "level"\ncomparator = ">="\nvalue = 50\nunit = "件"\nseries_unit = "件"',
            f"{ZF} › 第1个目标（patents_per_10k） › series_unit：只有 growth 类目标和以 % 计的 "
            "increment 类目标可以写 series_unit",
        ),
        (
            'comparator = "超过"\nvalue = 85\n',
            'comparator = "~"\nvalue = 85\ntolerance = -1\n',
            f"{ZF} › 第3个目标（satisfaction） › tolerance：必须大于 0，这里是 -1",
        ),
        (
            'kind = "level"\ncomparator = "超过"',
            'kind = "cumulative"\ncomparator = "超过"\nwindow = [2025, 2023]',
            f"{ZF} › 第3个目标（satisfaction） › window：起始年份2025年晚于结束年份2023年",
        ),
        (
            'kind = "level"\ncomparator = "超过"',
            'kind = "cumulative"\ncomparator = "超过"\nwindow = [2021, 2023]',
            f"{ZF} › 第3个目标（satisfaction） › window：[2021, 2023] 超出了2022—2025年的范围",
        ),
        (
            "value = 85\n",
            "value = 85\nissued = 2022-11-02T10:00:00\n",
            f"{ZF} › 第3个目标（satisfaction） › issued：没有这个键；可用的键：id、name、name_en、"
            "aliases、category、subcategory、lead、kind、comparator、value、unit、series_unit、"
            "target_year、window、baseline、tolerance、direction、nature、path、measure、"
            "unit_aliases、population_basis、clause、quote、reading",
        ),
        (
            "issued = 2022-11-02",
            "issued = true",
            f"{ZF} › plan.issued：应为日期（如 2022-11-02），实际是逻辑值 true",
        ),
        (
            "start_year = 2022",
            "start_year = 2022.5",
            f"{ZF} › plan.start_year：应为整数，实际是数字 2022.5",
        ),
        (
            'lead = ["市市场监管局"]',
            "lead = [1]",
            f"{ZF} › 第1个目标（patents_per_10k） › lead：应为文字列表，实际是列表",
        ),
    ],
    ids=lambda v: v[:30] if isinstance(v, str) else v,
)
def test_more_problems_in_chinese(in_tmp, old, new, expected):
    assert problems_of(in_tmp / "cat", one_change(old, new), "zh") == [expected]


def test_every_problem_in_a_file_is_reported(in_tmp):
    text = one_change('kind = "level"', 'kind = "stock"').replace('unit = "件"', 'unit = "件们"', 1)
    assert problems_of(in_tmp / "cat", text) == [
        f"{T1} › kind: unknown kind 'stock'; use one of level, cumulative, increment, annual, "
        "average, growth, rise",
        f"{T1} › unit: unknown unit '件们'; known units: 件, 万件, 项, 万项, 个, 家, 万家, "
        "人, 名, 万人, 人次, 万人次, 次, 万次, 元, 千元, 万元, 亿元, %, ‰, 个百分点, 分, 件/万人",
    ]


def test_target_without_an_id_is_named_by_position(in_tmp):
    text = one_change('id = "satisfaction"\n', "")
    assert problems_of(in_tmp / "cat", text) == [f"{F} › target #3 › id: missing required key"]


def test_file_that_is_not_utf8(in_tmp):
    folder = in_tmp / "cat"
    folder.mkdir()
    (folder / "testville.toml").write_bytes(GOOD_PLAN.encode("gbk"))
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    # "schema = 1\n\n[plan]\n" (19) + the id line (27) + the city line (19) + 'place = "' (9)
    assert caught.value.lines("en") == [
        f"{F}: not UTF-8 text (undecodable byte at offset 74); save the file as UTF-8"
    ]


def test_duplicate_plan_ids_across_files(in_tmp):
    folder = in_tmp / "cat"
    write_plan(folder, GOOD_PLAN, "a.toml")
    write_plan(folder, GOOD_PLAN, "b.toml")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    assert caught.value.lines("en") == [
        "cat/b.toml › plan.id: duplicate plan id 'testville-2022-2025' (also in a.toml)"
    ]


def test_empty_folder(in_tmp):
    (in_tmp / "cat").mkdir()
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(in_tmp / "cat")
    assert caught.value.lines("en") == ["cat: no plan files (*.toml) in this folder"]


def test_problems_of_the_files_and_the_folder_in_chinese(in_tmp):
    folder = in_tmp / "cat"
    folder.mkdir()
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    assert caught.value.lines() == ["cat：这个文件夹里没有规划文件（*.toml）"]
    (folder / "testville.toml").write_bytes(GOOD_PLAN.encode("gbk"))
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    assert caught.value.lines() == [
        f"{F}：文件不是 UTF-8 编码的文字（第 74 个字节之后无法识别）；请把文件另存为 UTF-8 编码"
    ]
    (folder / "testville.toml").unlink()
    (folder / "testville.toml").mkdir()  # a folder named like a plan
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    assert caught.value.lines("en") == [f"{F}: cannot read: Is a directory"]
    assert caught.value.lines() == [f"{F}：无法读取这个文件：这是一个文件夹，不是文件"]
    assert [p.message.code for p in caught.value.problems] == ["E-PLAN-FILE-UNREADABLE"]


def test_what_toml_says_is_wrong_in_chinese_or_as_it_says_it(in_tmp):
    text = GOOD_PLAN.replace("[plan]", "[plan]\n[plan]", 1)
    assert problems_of(in_tmp / "cat", text) == [
        f"{F} › line 4, column 6: invalid TOML: Cannot declare ('plan',) twice"
    ]
    assert problems_of(in_tmp / "cat", text, "zh") == [
        f"{F} › 第4行第6列：TOML 格式有误：Cannot declare ('plan',) twice"
    ]
    unclosed = one_change('lead = ["市市场监管局"]', 'lead = ["市市场监管局"')
    assert problems_of(in_tmp / "cat", unclosed, "zh") == [
        f"{F} › 第20行第1列：TOML 格式有误：列表缺少结尾的 ]"
    ]


def test_a_plan_id_or_a_place_two_files_disagree_on(in_tmp):
    folder = in_tmp / "cat"
    write_plan(folder, GOOD_PLAN, "a.toml")
    write_plan(folder, GOOD_PLAN, "b.toml")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    assert caught.value.lines() == [
        "cat/b.toml › plan.id：规划 id“testville-2022-2025”重复（a.toml 中也有）"
    ]
    write_plan(folder, NEXT_PLAN.replace('place = "测试市"', 'place = "考试市"'), "b.toml")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(folder)
    assert caught.value.lines("en") == [
        "cat/b.toml › plan.place: city 'testville' is 测试市 in a.toml but 考试市 here"
    ]
    assert caught.value.lines() == [
        "cat/b.toml › plan.place：地方代码“testville”在 a.toml 中是测试市，在这里却是考试市"
    ]
    assert [p.message.code for p in caught.value.problems] == ["E-PLACE-CONFLICT"]


def test_catalogue_error_is_exit_status_1_and_missing_folder_is_2(in_tmp):
    assert CatalogueError([]).exit_code == 1
    with pytest.raises(CatalogueNotFound) as caught:
        resolve_catalogue_dir(in_tmp / "nowhere")
    assert caught.value.exit_code == 2
    assert caught.value.lines("en") == ["--targets: no catalogue folder at nowhere"]


def test_catalogue_folder_from_option_then_environment(in_tmp):
    (in_tmp / "opt").mkdir()
    (in_tmp / "env").mkdir()
    env = {"IPKPI_TARGETS": str(in_tmp / "env")}
    assert resolve_catalogue_dir(in_tmp / "opt", env) == in_tmp / "opt"
    assert resolve_catalogue_dir(None, env) == in_tmp / "env"
    assert resolve_catalogue_dir(None, {}).name == "targets"  # the bundled one, in a checkout
    with pytest.raises(CatalogueNotFound) as caught:
        resolve_catalogue_dir(None, {"IPKPI_TARGETS": "missing"})
    assert caught.value.lines("en") == ["IPKPI_TARGETS: no catalogue folder at missing"]


NEXT_PLAN = (
    GOOD_PLAN.replace("testville-2022-2025", "testville-2026-2030")
    .replace("start_year = 2022", "start_year = 2026")
    .replace("target_year = 2025", "target_year = 2030")
    .replace("year = 2021", "year = 2025")
)


@pytest.mark.parametrize(
    ("plan_id", "as_of", "expected"),
    [
        (None, 2023, "testville-2022-2025"),  # the window holds 2023
        (None, 2025, "testville-2022-2025"),
        (None, 2026, "testville-2026-2030"),
        (None, 2031, "testville-2026-2030"),  # no window holds it: the latest
        (None, 2019, "testville-2026-2030"),
        (None, None, "testville-2026-2030"),
        ("testville-2022-2025", 2028, "testville-2022-2025"),  # --plan wins
    ],
)
def test_plan_selection(in_tmp, plan_id, as_of, expected):
    folder = in_tmp / "cat"
    write_plan(folder, GOOD_PLAN, "a.toml")
    write_plan(folder, NEXT_PLAN, "b.toml")
    assert select_plan(load_catalogue(folder), "testville", plan_id, as_of).id == expected


def test_unknown_city_and_plan_list_the_known_ones(in_tmp):
    catalogue = load_text(in_tmp / "cat", GOOD_PLAN)
    with pytest.raises(UnknownCity) as city:
        select_plan(catalogue, "nanjin")
    assert (city.value.lines("en")[0], city.value.exit_code) == (
        "unknown city 'nanjin'; known: testville (测试市)",
        2,
    )
    with pytest.raises(UnknownPlan) as plan:
        select_plan(catalogue, "testville", "testville-2030")
    assert plan.value.lines("en")[0] == (
        "unknown plan 'testville-2030' for testville; did you mean testville-2022-2025? "
        "known: testville-2022-2025"
    )


def test_a_plan_with_nothing_to_show_is_a_usage_error(in_tmp):
    catalogue = load_text(in_tmp / "cat", GOOD_PLAN)
    with pytest.raises(UsageError) as caught:
        tasks_plan(catalogue, "testville", dt.date(2024, 1, 1), "testville-2022-2025")
    assert caught.value.exit_code == 2
    assert caught.value.entries("en") == [
        ("E-PLAN-NO-TASKS", "plan testville-2022-2025 has no tasks")
    ]
    assert caught.value.lines() == ["规划 testville-2022-2025 中没有任务"]
    with pytest.raises(UsageError) as caught:
        tasks_plan(catalogue, "testville", dt.date(2024, 1, 1))
    assert caught.value.lines("en") == [
        "testville has no tasks in the catalogue; places with tasks: "
    ]
    with pytest.raises(UsageError) as caught:
        rules_plan(catalogue, "testville")
    assert caught.value.lines() == ["目标目录中testville没有奖补规则；有奖补规则的地方："]


def test_a_plan_of_reward_rules_only_has_nothing_to_report(in_tmp):
    rules_only = (
        SCHEMES_PLAN[: SCHEMES_PLAN.index("[[tasks]]")]
        + SCHEMES_PLAN[SCHEMES_PLAN.index("[quantities]") :]
    )
    catalogue = load_text(in_tmp / "cat", rules_only)
    with pytest.raises(UsageError) as caught:
        report_plan(catalogue, "testville", None, 2024)
    assert caught.value.entries("en") == [
        (
            "E-PLAN-NOTHING-TO-REPORT",
            "plan testville-2024-2025 has no targets or tasks to report on; its reward rules "
            "are applied with ipkpi rewards --city testville CLAIMS.xlsx",
        )
    ]
    assert caught.value.lines() == [
        "规划 testville-2024-2025 没有可报告的目标或任务；它的奖补规则请用 "
        "ipkpi rewards --city testville CLAIMS.xlsx 计算"
    ]


def test_units_that_do_not_convert_say_why():
    with pytest.raises(ValueError) as caught:
        units.conversion_factor("项", "件")
    (message,) = caught.value.args
    assert (message.code, message.text("en")) == (
        "E-UNIT-CONVERT",
        "cannot convert 项 (projects) to 件 (items)",
    )
    assert message.text("zh") == "项不能换算成件（项数和件数不是同一类数）"
    assert str(caught.value) == "项不能换算成件（项数和件数不是同一类数）"
    with pytest.raises(ValueError) as caught:
        units.conversion_factor("件", "打")
    assert caught.value.args[0].text("en") == "unknown unit '打'"
    assert str(caught.value) == "无法识别的单位“打”"


BAD_CODES = {
    "malformed TOML": "E-TOML-SYNTAX",
    "missing key": "E-KEY-MISSING",
    "missing direction is never defaulted": "E-KEY-MISSING",
    "unknown key": "E-KEY-UNKNOWN",
    "unknown path": "E-PATH-UNKNOWN",
    "path on a cumulative target": "E-PATH-NOT-APPLICABLE",
    "wrong type": "E-TYPE",
    "wrong type in a list": "E-TYPE",
    "unknown kind": "E-KIND-UNKNOWN",
    "unknown comparator": "E-COMPARATOR-UNKNOWN",
    "unknown unit": "E-UNIT-UNKNOWN",
    "duplicate target ids": "E-ID-DUPLICATE",
    "target year before the baseline year": "E-BASELINE-AFTER-TARGET",
    "target year equal to the baseline year": "E-BASELINE-IS-TARGET",
    "unknown key in the baseline": "E-KEY-UNKNOWN",
    "target year outside the plan window": "E-TARGET-YEAR-OUTSIDE",
    "direction contradicts the comparator": "E-DIRECTION-CONFLICT",
    "growth target without its series unit": "E-SERIES-UNIT-MISSING",
    "growth target not in percent": "E-GROWTH-UNIT",
    "rise target with a value": "E-RISE-VALUE",
    "tolerance without approx": "E-TOLERANCE-NOT-APPLICABLE",
    "window on a level target": "E-WINDOW-NOT-APPLICABLE",
    "a name shared by two targets": "E-NAME-DUPLICATE",
    "missing plan key": "E-KEY-MISSING",
    "bad plan year": "E-PLAN-YEARS",
    "unsupported schema": "E-SCHEMA-UNSUPPORTED",
    "unknown level": "E-LEVEL-UNKNOWN",
}


def test_every_bad_case_has_its_code():
    assert set(BAD_CODES) == set(BAD_CASES)


@pytest.mark.parametrize("case", list(BAD_CASES))
def test_a_problem_carries_its_code_never_bare_text(in_tmp, case):
    (old, new), _ = BAD_CASES[case]
    write_plan(in_tmp / "cat", one_change(old, new))
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(in_tmp / "cat")
    assert [code for code, _ in caught.value.entries("en")] == [BAD_CODES[case]]


def test_the_catalogue_messages_say_the_same_in_both_languages():
    from ipkpi.messages import catalogue, placeholders

    for code, (zh, en) in catalogue.MESSAGES.items():
        assert zh.strip() and en.strip(), code
        assert placeholders(zh) == placeholders(en), code
        if code.startswith("E-"):
            assert code == code.upper(), code
            assert not any(mark in zh for mark in ("; ", "；;")), code


def test_a_catalogue_folder_that_is_not_there(in_tmp):
    with pytest.raises(CatalogueNotFound) as caught:
        load_catalogue(in_tmp / "nowhere")
    assert caught.value.lines("en") == ["catalogue: no catalogue folder at nowhere"]
    assert caught.value.lines() == [
        "目标目录：找不到目标目录文件夹 nowhere；请指定存放规划 TOML 文件的文件夹"
    ]
