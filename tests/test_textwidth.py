"""The plain and Markdown tables are laid out exactly as tabulate (with wcwidth) lays out
its "simple" and "pipe" formats — checked against tabulate itself, which stays a dev
dependency as the oracle, so the report starts without importing either."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tabulate import tabulate
from wcwidth import wcswidth

from ipkpi.output.tables import pipe_table, plain_table
from ipkpi.output.textwidth import display_width

# What ipkpi's tables hold: ASCII, Chinese, full-width and ambiguous-width punctuation.
ALPHABET = "abcXYZ019 .,%-_()≥≤≈…·—“”（），、：；。％万人件家高价值发明专利拥有量贵州省南京市石家庄"
cell = st.text(alphabet=ALPHABET, max_size=12).map(str.strip)
row = st.lists(cell, min_size=3, max_size=3)


@pytest.mark.parametrize(
    "sample",
    ["", "abc", "万人高价值发明专利拥有量", "≥ 50 件", "（2022—2025年）", "超 3.2 万件", "…", "％"],
)
def test_display_width_is_wcwidths(sample):
    assert display_width(sample) == wcswidth(sample)


@given(st.lists(row, max_size=5), row)
def test_tables_are_tabulates(body, headers):
    def oracle(fmt):
        return tabulate(body, headers=headers, tablefmt=fmt, disable_numparse=True) + "\n"

    assert plain_table(headers, body) == oracle("simple")
    assert pipe_table(headers, body) == oracle("pipe")


def test_a_cell_on_several_lines_is_one_line_in_a_table():
    from ipkpi.output.tables import to_plain

    assert to_plain([{"name": "万人高价值\n发明专利"}], ["name"], "en") == (
        "Indicator\n-------------------\n万人高价值 发明专利\n"
    )
