"""Plausibility: a figure a power of ten from its series is refused, never stored silently."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_workbook
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from ipkpi.catalogue.loader import load_catalogue
from ipkpi.ingest.ingester import parse_file
from ipkpi.ingest.plausibility import power_of_ten
from ipkpi.ingest.report import FileReport, IngestOptions


@pytest.mark.parametrize(
    "value,reference,power",
    [
        (60.86, 71.21, 0),  # a year's change
        (1.0, 2.9, 0),
        (608600, 60.86, 4),  # 件 read as 万件
        (0.186, 18.1, -2),  # a share written as a fraction
        (162.8, 1628000, -4),  # 亿元 beside 万元
        (100, 10, 1),  # ×10, neither below 10
        (10, 1, 0),  # a small count jumps from 1 to 10
        (125, 10, 1),  # ×12.5: still about 10
        (130, 10, 0),  # ×13: between 10 and 32, not judged
        (320, 10, 2),  # ×32 and more: a break
        (0, 50, 0),  # zero is not judged
        (-3, 40, 0),  # nor opposite signs
        (1e308, 0.5, 308),  # a ratio beyond any float: by the logarithms
        (0.5, 1e308, -308),
        (5e-324, 1e10, -333),  # a ratio below any float (10 ** -333.3)
    ],
)
def test_power_of_ten(value, reference, power):
    assert power_of_ten(value, reference) == power


# Nanjing targets of four kinds of unit: a per-10k ratio (件, target 50), a share (%), an
# amount (亿元, cumulative 400 over 2022–2025) and a whole count (家, target 600).
TARGETS = {
    "万人高价值发明专利拥有量": False,
    "专利密集型产业增加值占GDP比重": False,
    "知识产权交易总额": False,
    "市级以上知识产权优势示范企业": True,  # whole
}


@st.composite
def tables(draw):
    """A wide or long table of one target's figures, moving at most ×3 a year."""
    name = draw(st.sampled_from(sorted(TARGETS)))
    first = draw(st.integers(2021, 2025))
    years = list(range(first, draw(st.integers(first, 2025)) + 1))
    level = draw(st.floats(0.5, 5000, allow_nan=False))
    values = []
    for _ in years:
        level *= draw(st.floats(1 / 2.9, 2.9))
        values.append(float(round(level)) if TARGETS[name] else round(level, 2))
    assume(all(v > 0 for v in values))
    layout = draw(st.sampled_from(["wide", "long"]))
    return name, years, values, layout, draw(st.integers(0, len(years) - 1))


def rows_of(name, years, values, layout):
    if layout == "wide":
        return [["指标", *(f"{y}年" for y in years)], [name, *values]]
    return [["指标", "年份", "数值"], *([name, y, v] for y, v in zip(years, values, strict=True))]


def judged(path: Path, catalogue) -> FileReport:
    report = FileReport(path, "rejected")
    parse_file(path, catalogue, IngestOptions(city="nanjing"), report)
    return report


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.filter_too_much])
@given(table=tables())
def test_a_cell_scaled_by_ten_thousand_is_never_stored_silently(tmp_path_factory, table):
    """For any table ipkpi accepts, the same table with one cell ×10⁴ (its unit context
    unchanged) is refused."""
    catalogue = load_catalogue()
    name, years, values, layout, i = table
    folder = tmp_path_factory.mktemp("p")
    good = write_workbook(folder / "good.xlsx", rows_of(name, years, values, layout), "数据")
    report = judged(good, catalogue)
    assume(not report.problems and report.values == len(years))

    scaled = [v * 10_000 if j == i else v for j, v in enumerate(values)]
    bad = write_workbook(folder / "bad.xlsx", rows_of(name, years, scaled, layout), "数据")
    cell = f"{chr(ord('B') + i)}2" if layout == "wide" else f"C{i + 2}"
    report = judged(bad, catalogue)
    # Refused at that cell, or at its neighbour with the scaled figure named beside it
    # (two figures that break with each other: which one is wrong cannot always be told).
    shown = f"{scaled[i]:.10g} "
    assert any(
        p.cell == cell or f"beside {shown}" in p.message.text("en") for p in report.problems
    ), report.problems
