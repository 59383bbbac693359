"""Inputs the benchmark generates for itself: a catalogue of N places × 100 targets, and
statistics workbooks in the long and wide layouts sized by the number of cells."""

from __future__ import annotations

import random
from pathlib import Path

TARGETS = 100
FIRST_YEAR, LAST_YEAR = 1981, 2030  # a 50-year window, so a wide sheet can be wide
LONG_YEARS = range(2021, 2031)  # 10 years a place in the long layout
LONG_COLUMNS = ("城市", "指标", "年份", "数值", "单位")
WIDE_YEARS = range(FIRST_YEAR, LAST_YEAR + 1)


def place(i: int) -> tuple[str, str]:
    """(slug, Chinese name) of the i-th place."""
    return f"p{i:03d}", f"测试{i:03d}市"


def target_name(j: int) -> str:
    return f"测试指标{j:03d}号拥有量"


def write_catalogue(folder: Path, places: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(places):
        slug, name = place(i)
        lines = [
            "schema = 1",
            "",
            "[plan]",
            f'id = "{slug}-bench"',
            f'city = "{slug}"',
            f'place = "{name}"',
            f'place_en = "Place {i}"',
            'level = "city"',
            'title = "基准测试规划"',
            f"start_year = {FIRST_YEAR}",
            f"target_year = {LAST_YEAR}",
        ]
        for j in range(TARGETS):
            lines += [
                "",
                "[[targets]]",
                f'id = "t{j:03d}"',
                f'name = "{target_name(j)}"',
                f'name_en = "Benchmark indicator {j}"',
                'category = "基准"',
                "lead = []",
                'kind = "level"',
                'comparator = ">="',
                "value = 1000",
                'unit = "件"',
                'direction = "higher"',
                'clause = "bench"',
                'quote = "bench"',
            ]
        (folder / f"{slug}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def series(rng: random.Random, years: int) -> list[int]:
    """A count in 件 as statistics give one: a level, growing a few per cent a year."""
    level = rng.uniform(100, 2000)
    found = []
    for _ in range(years):
        level *= rng.uniform(0.97, 1.10)
        found.append(round(level))
    return found


def long_rows(places: int, seed: int = 1):
    rng = random.Random(seed)
    yield list(LONG_COLUMNS)
    for i in range(places):
        name = place(i)[1]
        for j in range(TARGETS):
            for year, value in zip(LONG_YEARS, series(rng, len(LONG_YEARS)), strict=True):
                yield [name, target_name(j), year, value, "件"]


def wide_rows(places: int, seed: int = 1):
    rng = random.Random(seed)
    yield ["城市", "指标", "单位", *(f"{y}年" for y in WIDE_YEARS)]
    for i in range(places):
        name = place(i)[1]
        for j in range(TARGETS):
            yield [name, target_name(j), "件", *series(rng, len(WIDE_YEARS))]


def cells(layout: str, places: int) -> int:
    per_row = len(LONG_COLUMNS) if layout == "long" else 3 + len(WIDE_YEARS)
    rows = places * TARGETS * (len(LONG_YEARS) if layout == "long" else 1)
    return (rows + 1) * per_row


def write_workbook(path: Path, layout: str, places: int) -> Path:
    import xlsxwriter

    rows = long_rows(places) if layout == "long" else wide_rows(places)
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    sheet = workbook.add_worksheet("数据")
    for r, row in enumerate(rows):
        sheet.write_row(r, 0, row)
    workbook.close()
    return path


def inbox_sizes(count: int, seed: int = 2) -> list[int]:
    """The number of indicators of each of ``count`` workbooks a lead department sends: in
    the wide layout (3 + 50 columns) 5 to 56 indicators make 300 to 3,000 cells."""
    rng = random.Random(seed)
    return [rng.randint(5, 56) for _ in range(count)]


def write_place_workbook(path: Path, i: int, indicators: int, seed: int = 3) -> Path:
    """One place's figures for its first ``indicators`` targets, in the wide layout."""
    import xlsxwriter

    rng = random.Random(seed + i)
    name = place(i)[1]
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("数据")
    sheet.write_row(0, 0, ["城市", "指标", "单位", *(f"{y}年" for y in WIDE_YEARS)])
    for j in range(indicators):
        sheet.write_row(j + 1, 0, [name, target_name(j), "件", *series(rng, len(WIDE_YEARS))])
    workbook.close()
    return path
