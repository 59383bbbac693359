"""Cells as people type them."""

from __future__ import annotations

import datetime as dt

import pytest

from ipkpi.ingest.cells import NotANumber, cell_ref, parse_number, parse_year
from ipkpi.ingest.matching import normalise, split_unit


@pytest.mark.parametrize(
    ("raw", "value", "percent", "footnote"),
    [
        (26.69, 26.69, False, None),
        (386, 386.0, False, None),
        ("26.69", 26.69, False, None),  # a number stored as text
        (" 1,234 ", 1234.0, False, None),  # thousands separator
        ("1,234,567.5", 1234567.5, False, None),
        ("３８６", 386.0, False, None),  # full-width digits
        ("１，２３４．５", 1234.5, False, None),  # full-width separator and point
        ("95%", 95.0, True, None),
        ("95 ％", 95.0, True, None),  # full-width percent sign
        ("0.93*", 0.93, False, "*"),  # footnote mark
        ("12①", 12.0, False, "①"),
        ("-3.5", -3.5, False, None),
    ],
)
def test_numbers(raw, value, percent, footnote):
    cell = parse_number(raw)
    assert (cell.value, cell.percent, cell.footnote) == (value, percent, footnote)


@pytest.mark.parametrize("raw", [None, "", "  ", "—", "——", "-", "－", "/", "…", "...", "N/A"])
def test_missing_markers_are_missing_never_zero(raw):
    assert parse_number(raw).value is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("12件左右", "'12件左右' is not a number"),
        ("1,23", "'1,23' is not a number"),
        ("abc", "'abc' is not a number"),
        (True, "True is not a number"),
        (dt.datetime(2024, 1, 1), "a date or time (2024-01-01 00:00:00) is not a number"),
        ("1e999", "'1e999' is out of range (beyond ±1.8e308)"),  # would be infinity
        ("inf", "'inf' is not a figure (infinite or not a number)"),
        ("-Infinity", "'-Infinity' is not a figure (infinite or not a number)"),
        ("NaN", "'NaN' is not a figure (infinite or not a number)"),
        (float("nan"), "nan is not a figure (infinite or not a number)"),
        (float("-inf"), "-inf is not a figure (infinite or not a number)"),
    ],
)
def test_not_numbers(raw, message):
    with pytest.raises(NotANumber) as caught:
        parse_number(raw)
    assert caught.value.message.text("en") == message


@pytest.mark.parametrize(
    ("raw", "message", "fix"),
    [
        ("12件左右", "“12件左右”不是数字", None),
        (dt.datetime(2024, 1, 1), "日期或时间（2024-01-01 00:00:00）不是数字", None),
        ("1e999", "“1e999”超出了可以计算的范围（超过±1.8e308）", "请核对数字"),
        ("NaN", "“NaN”不是一个数字（无穷大或非数字）", "请填写数字，如果缺数据，请填“—”"),
    ],
)
def test_not_numbers_in_chinese(raw, message, fix):
    with pytest.raises(NotANumber) as caught:
        parse_number(raw)
    assert str(caught.value) == message  # the default language: Chinese
    assert (caught.value.fix and caught.value.fix.text("zh")) == fix


@pytest.mark.parametrize(
    ("raw", "year"),
    [
        (2021, 2021),
        (2021.0, 2021),
        ("2021", 2021),
        ("2021年", 2021),
        ("2021年末", 2021),
        ("2021年底", 2021),
        ("２０２２年", 2022),
        ("2025年（快报）", 2025),
        ("2024年度", 2024),
        ("指标", None),
        (21, None),
        ("2021-2025", None),
        (None, None),
    ],
)
def test_years(raw, year):
    assert parse_year(raw) == year


def test_cell_refs():
    assert [cell_ref(0, 0), cell_ref(6, 2), cell_ref(0, 26), cell_ref(1048575, 16383)] == [
        "A1",
        "C7",
        "AA1",
        "XFD1048576",
    ]


@pytest.mark.parametrize(
    ("sheet_name", "catalogue_name"),
    [
        ("每万人口高价值发明专利拥有量", "万人高价值发明专利拥有量"),
        ("每万人 高价值发明专利拥有量", "万人高价值发明专利拥有量"),
        ("“贵州老字号”企业数", '"贵州老字号"企业数'),
        ("商标有效注册量（万件）", "商标有效注册量"),
        ("１．商标有效注册量", "商标有效注册量"),
        ("一、知识产权创造", "知识产权创造"),
    ],
)
def test_names_match_after_normalising(sheet_name, catalogue_name):
    assert normalise(sheet_name) == normalise(catalogue_name)


def test_unit_in_a_name():
    assert split_unit("商标有效注册量(万件)") == ("商标有效注册量", "万件")
    assert split_unit("商标有效注册量（万件）") == ("商标有效注册量", "万件")
    assert split_unit("研发经费投入增长(%)") == ("研发经费投入增长", "%")
    assert split_unit("规上工业企业(含高新技术企业)") == ("规上工业企业(含高新技术企业)", None)
