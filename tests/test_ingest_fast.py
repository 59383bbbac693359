"""The quick ways of ingest give exactly what the one-value-at-a-time way gives: a wide
row's values checked and taken at once (``fast._take_at_once``), and a row's series and
unit worked out from the row before its first value (``Resolver.prepared``).

A literal table pins what is stored; a property test compares, on wide tables of every
kind of cell (numbers out of bounds, text, blanks, repeats, unknown names and units), the
values and every word of the report with the quick ways switched off.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_workbook
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipkpi.catalogue.loader import load_catalogue
from ipkpi.errors import InputFileError
from ipkpi.ingest import fast
from ipkpi.ingest.ingester import parse_file
from ipkpi.ingest.report import FileReport, IngestOptions
from ipkpi.ingest.resolve import Resolver

TARGETS = Path(__file__).resolve().parents[1] / "targets"
HEADER = ["城市", "指标", "单位", "2021年", "2022年", "2023年", "2024年", "2025年"]
HV = "万人高价值发明专利拥有量"  # nanjing: 件
TRADE = "知识产权交易总额"  # 亿元
FINANCING = "知识产权融资总额"  # 亿元
LAYOUT = "集成电路布图设计登记量"  # 件, counted whole
SHARE = "专利密集型产业增加值占GDP比重"  # %


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(TARGETS)


def parse(path: Path, catalogue) -> tuple[list[tuple] | list[str], FileReport]:
    report = FileReport(path, "rejected", "0" * 64)
    try:
        values = parse_file(path, catalogue, IngestOptions(), report)
    except InputFileError as refused:  # the whole file (no place of the catalogue)
        return [str(p) for p in refused.problems], report
    found = [(o.target_id, o.year, o.value, o.raw, o.unit, o.raw_unit, o.cell) for o in values]
    return found, report


def said(report: FileReport) -> tuple:
    return (
        [str(p) for p in report.problems],
        [str(w) for w in report.warnings],
        [(u.sheet, u.cell, u.name) for u in report.unmatched],
        report.missing,
        dict(report.other_places),
    )


def one_at_a_time(monkeypatch) -> None:
    monkeypatch.setattr(fast, "AT_ONCE", 10**9)
    monkeypatch.setattr(Resolver, "prepared", lambda *args: None)


def assert_same_both_ways(path: Path, catalogue) -> None:
    """The same values and the same words, the quick ways on and off."""
    quick = parse(path, catalogue)
    with pytest.MonkeyPatch.context() as monkeypatch:
        one_at_a_time(monkeypatch)
        slow = parse(path, catalogue)
    assert quick[0] == slow[0]
    assert said(quick[1]) == said(slow[1])


def test_a_wide_table_stores_each_figure_where_it_stands(tmp_path, catalogue):
    rows = [
        HEADER,
        ["南京市", HV, "件", 10.0, 11.5, 12.0, 13.0, 14.0],  # taken at once
        ["南京市", TRADE, "亿元", 1.0, "2.5", 3, None, 5.0],  # text, a blank: one by one
        ["南京市", FINANCING, "万元", 100.0, 200.0, 300.0, 400.0, 500.0],  # converted
    ]
    found, report = parse(write_workbook(tmp_path / "w.xlsx", rows, "数据"), catalogue)
    assert said(report) == ([], [], [], 1, {})
    assert found == [
        ("high_value_invention_patents_per_10k", 2021, 10.0, "10.0", "件", "件", "D2"),
        ("high_value_invention_patents_per_10k", 2022, 11.5, "11.5", "件", "件", "E2"),
        ("high_value_invention_patents_per_10k", 2023, 12.0, "12.0", "件", "件", "F2"),
        ("high_value_invention_patents_per_10k", 2024, 13.0, "13.0", "件", "件", "G2"),
        ("high_value_invention_patents_per_10k", 2025, 14.0, "14.0", "件", "件", "H2"),
        ("ip_trade_total", 2021, 1.0, "1.0", "亿元", "亿元", "D3"),
        ("ip_trade_total", 2022, 2.5, "2.5", "亿元", "亿元", "E3"),
        ("ip_trade_total", 2023, 3.0, "3.0", "亿元", "亿元", "F3"),
        ("ip_trade_total", 2025, 5.0, "5.0", "亿元", "亿元", "H3"),
        ("ip_financing_total", 2021, 0.01, "100.0", "亿元", "万元", "D4"),
        ("ip_financing_total", 2022, 0.02, "200.0", "亿元", "万元", "E4"),
        ("ip_financing_total", 2023, 0.03, "300.0", "亿元", "万元", "F4"),
        ("ip_financing_total", 2024, 0.04, "400.0", "亿元", "万元", "G4"),
        ("ip_financing_total", 2025, 0.05, "500.0", "亿元", "万元", "H4"),
    ]


def test_a_row_with_a_figure_out_of_bounds_says_which_one(tmp_path, catalogue):
    rows = [
        HEADER,
        ["南京市", LAYOUT, "件", 1.0, 2.0, 2.5, 4.0, 5.0],  # counted whole: 2.5
        ["南京市", SHARE, "%", 10.0, 120.0, 11.0, 12.0, 13.0],  # a share over 100
        ["南京市", HV, "件", 10.0, -1.0, 12.0, 13.0, 14.0],  # negative
    ]
    path = write_workbook(tmp_path / "w.xlsx", rows, "数据")
    _, report = parse(path, catalogue)
    assert [(p.sheet, p.cell) for p in report.problems] == [
        ("数据", "F2"),
        ("数据", "E3"),
        ("数据", "E4"),
    ]
    assert_same_both_ways(path, catalogue)


NAMES = [(HV, "件"), (TRADE, "亿元"), (TRADE, "万元"), (LAYOUT, "件"), (SHARE, "%")]
NAMES += [("不是指标", "件"), (HV, "公斤"), (HV, "亿元")]  # unknown name; unknown, wrong unit
CELLS = st.one_of(
    st.floats(min_value=-5, max_value=150, allow_nan=False).map(lambda x: round(x, 1)),
    st.integers(min_value=0, max_value=20).map(float),
    st.sampled_from([None, "", "2.5", "36.26万件", "—", "12%", "3*", 1e308, "x"]),
)
ROWS = st.lists(
    st.tuples(
        st.sampled_from(["南京市", "南京", "苏州市"]),
        st.sampled_from(NAMES),
        st.lists(CELLS, min_size=5, max_size=5),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=ROWS)
def test_the_quick_ways_give_what_one_value_at_a_time_gives(tmp_path_factory, catalogue, rows):
    table = [HEADER, *([city, name, unit, *cells] for city, (name, unit), cells in rows)]
    path = write_workbook(tmp_path_factory.mktemp("w") / "w.xlsx", table, "数据")
    assert_same_both_ways(path, catalogue)


def test_the_keys_of_a_row_are_its_years_bits_unless_two_are_one():
    bits = {2021: 0b1, 2022: 0b10, 2023: 0b100}
    assert fast.keys_mask(bits, [2021, 2022, 2023]) == 0b111
    assert fast.keys_mask(bits, [2023, 2021]) == 0b101
    assert fast.keys_mask(bits, [2021, 2022, 2021]) == 0


LONG = ["城市", "指标", "单位", "年份", "数值"]
LONG_ROWS = st.lists(  # few series, so that several rows are of one
    st.tuples(
        st.sampled_from(["南京市"] * 4 + ["苏州市"]),
        st.sampled_from([(HV, "件")] * 3 + [(LAYOUT, "件"), (SHARE, "%"), *NAMES[5:]]),
        st.sampled_from([2019, 2021, 2022, 2023, 2024, 2025, 2025, "2023年", None]),
        st.one_of(st.floats(min_value=1, max_value=90).map(lambda x: round(x, 1)), CELLS),
    ),
    min_size=1,
    max_size=16,
)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rows=LONG_ROWS)
def test_a_long_tables_rows_give_what_one_value_at_a_time_gives(tmp_path_factory, catalogue, rows):
    table = [LONG, *([city, name, unit, year, value] for city, (name, unit), year, value in rows)]
    path = write_workbook(tmp_path_factory.mktemp("l") / "l.xlsx", sorted_rows(table), "数据")
    assert_same_both_ways(path, catalogue)


def sorted_rows(table: list[list]) -> list[list]:
    """The header, then the rows of one place and indicator together (as a long table has
    them), in the order drawn otherwise."""
    header, *rows = table
    return [header, *sorted(rows, key=lambda r: (r[0], r[1], r[2]))]


def test_a_long_tables_rows_of_one_series_are_stored_in_order(tmp_path, catalogue):
    rows = [LONG, *(["南京市", HV, "件", year, 10.0 + year - 2021] for year in range(2021, 2026))]
    found, report = parse(write_workbook(tmp_path / "l.xlsx", rows, "数据"), catalogue)
    assert said(report) == ([], [], [], 0, {})
    assert [(year, value, cell) for _, year, value, _, _, _, cell in found] == [
        (2021, 10.0, "E2"),
        (2022, 11.0, "E3"),
        (2023, 12.0, "E4"),
        (2024, 13.0, "E5"),
        (2025, 14.0, "E6"),
    ]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    name=st.sampled_from(NAMES),
    years=st.permutations([2019, 2021, 2022, 2023, 2024, 2025]).map(lambda p: p[:5]),
    values=st.lists(CELLS, min_size=5, max_size=5),
)
def test_a_long_series_taken_at_once_gives_what_one_value_at_a_time_gives(
    tmp_path_factory, catalogue, name, years, values
):
    table = [
        LONG,
        *(["南京市", *name, year, value] for year, value in zip(years, values, strict=True)),
    ]
    path = write_workbook(tmp_path_factory.mktemp("s") / "s.xlsx", table, "数据")
    assert_same_both_ways(path, catalogue)


def test_a_row_split_by_a_unit_in_one_heading_keeps_each_value_in_its_column(tmp_path, catalogue):
    """A unit in one year's heading makes each value of a row a record of its own, the
    others of one shape: they are no long table's column and are read where they stand."""
    header = ["城市", "指标", "单位", "2021年（件）", "2022年", "2023年", "2024年", "2025年"]
    rows = [header, ["南京市", HV, "件", 10.0, 11.0, 12.0, 13.0, 14.0]]
    found, report = parse(write_workbook(tmp_path / "w.xlsx", rows, "数据"), catalogue)
    assert said(report) == ([], [], [], 0, {})
    assert [(year, value, cell) for _, year, value, _, _, _, cell in found] == [
        (2021, 10.0, "D2"),
        (2022, 11.0, "E2"),
        (2023, 12.0, "F2"),
        (2024, 13.0, "G2"),
        (2025, 14.0, "H2"),
    ]
