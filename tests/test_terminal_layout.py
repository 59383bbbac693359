"""The rich tables on a terminal fit its width and never split a word: every line within
the width (Chinese characters count two), every status, date and number, every English
word and every unbreakable run of Chinese of a name whole on one line, at 80, 100 and 160
columns, in Chinese and English; NO_COLOR gives the same layout without escape codes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ipkpi.cli.app import app
from ipkpi.output.layout import Column, fit, pieces, wrap
from ipkpi.output.textwidth import display_width

REPO = Path(__file__).resolve().parents[1]
CLAIMS = REPO / "sample_data" / "claims" / "漳州市知识产权奖补申报汇总_示例.xlsx"
WIDTHS = (80, 100, 160)
LANGS = ("zh", "en")


def commands(db: Path) -> dict[str, list[str]]:
    return {
        "report nanjing": ["report", "--city", "nanjing", "--db", str(db)],
        "report guizhou": ["report", "--city", "guizhou", "--db", str(db)],
        "tasks shanxi": ["tasks", "--city", "shanxi", "--as-of", "2023-12-31", "--db", str(db)],
        "rewards zhangzhou": ["rewards", "--city", "zhangzhou", str(CLAIMS)],
        "compare": [
            "compare",
            "--measure",
            "invention_patents_per_10k",
            "--year",
            "2024",
            "--db",
            str(db),
        ],
    }


def on_terminal(monkeypatch, width: int, *args: str) -> str:
    from ipkpi.cli import emit

    monkeypatch.setattr(emit, "is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", str(width))
    monkeypatch.delenv("NO_COLOR", raising=False)
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    assert result.exit_code in (0, 3), result.stderr
    return result.stdout


# Whole words a table must never split: statuses, dates, numbers (with their year), words.
WHOLE = re.compile(r"\d{4}-\d{2}-\d{2}|-?\d[\d,]*(?:\.\d+)?|[A-Za-z][A-Za-z'-]*")


RULE = re.compile(r"^─+$")


def cell_texts(output: str) -> list[str]:
    """Each table row's cells line by line: the text between │ or ┃ of a table, and in the
    narrow layout the blocks' names (indented by two) and figures (by four, two spaces or
    more apart) between the heading and the closing rule."""
    lines = output.splitlines()
    cells = [
        cell.strip()
        for line in lines
        if line.startswith(("│", "┃"))
        for cell in re.split("[│┃]", line)[1:-1]
    ]
    rules = [i for i, line in enumerate(lines) if RULE.match(line)]
    for line in lines[rules[0] - 1 : rules[-1]] if rules else []:
        if line.startswith("    "):
            cells += re.split(r"\s{2,}", line.strip())
        elif line.startswith("  "):
            cells.append(line.strip())
    return cells


def stacked(output: str) -> bool:
    """Drawn in the narrow layout: one block per row, between rules."""
    return any(RULE.match(line) for line in output.splitlines())


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "name", ["report nanjing", "report guizhou", "tasks shanxi", "rewards zhangzhou", "compare"]
)
def test_every_line_fits_and_no_word_is_split(monkeypatch, sample_db, name, lang, width):
    plain = CliRunner().invoke(app, [*commands(sample_db)[name], "--lang", lang]).stdout
    assert "┏" not in plain  # the plain, unwrapped text: off a terminal
    output = on_terminal(monkeypatch, width, *commands(sample_db)[name], "--lang", lang)
    lines = output.splitlines()
    if name.startswith("report") and width < 100:
        assert stacked(output)  # the targets; Nanjing's tasks follow as a table
    else:
        assert any(line.startswith("┏") for line in lines) and not stacked(output)
    too_wide = [line for line in lines if display_width(line) > width]
    assert too_wide == []
    cells = cell_texts(output)
    # Every date, number and English word in the table's cells is one the plain (unwrapped)
    # text holds whole: never a fragment such as 2022-12-3, registrati or 已完.
    whole = set(WHOLE.findall(plain))
    fragments = [t for t in WHOLE.findall(" ".join(cells)) if t not in whole]
    assert fragments == []
    # Every piece of every cell line (the runs between places a line may break) is a whole
    # piece of a cell of the plain text: never 万人高价 of 万人高价值发明专利 nor registrati.
    plain_pieces = {
        piece.strip()
        for line in plain.splitlines()
        for cell in re.split(r"\s{2,}", line.strip())
        for piece in pieces(cell)
    }
    split = [p.strip() for c in cells for p in pieces(c) if p.strip() not in plain_pieces]
    assert split == []


@pytest.mark.parametrize("width", WIDTHS)
def test_statuses_dates_and_names_read_whole(monkeypatch, sample_db, width):
    report = on_terminal(monkeypatch, width, *commands(sample_db)["report nanjing"])
    cells = cell_texts(report)
    # the plan has ended, on 快报 figures: 10 targets done, 5 not, provisionally; at 160
    # columns the tasks' 进展 column (3 已完成) shows too
    assert (cells.count("已完成（快报）"), cells.count("未完成（快报）")) == (10, 5)
    assert cells.count("已完成") == (3 if width == 160 else 0)
    for name in ("万人高价值发明专利拥有量", "知识产权交易总额", "知识产权运营中心"):
        assert any(cell.startswith(name) for cell in cells) or name in " ".join(cells)
    tasks = on_terminal(monkeypatch, width, *commands(sample_db)["tasks shanxi"])
    task_cells = cell_texts(tasks)
    assert task_cells.count("2022-12-31") == 2
    assert "逾期完成59天" in task_cells and "已逾期365天" in task_cells


def test_english_words_are_never_split(monkeypatch, sample_db):
    output = on_terminal(monkeypatch, 80, *commands(sample_db)["report nanjing"], "--lang", "en")
    words = set(" ".join(cell_texts(output)).split())
    assert "registrations" in words
    assert not any(
        w.endswith(("registration", "registrati")) and w != "registration" for w in words
    )
    assert "missed" in words and "met" in words


def test_narrow_terminal_drops_columns_by_priority(monkeypatch, sample_db):
    tracked = [*commands(sample_db)["report nanjing"], "--as-of", "2024"]  # before its year
    narrow = on_terminal(monkeypatch, 80, *tracked)
    wide = on_terminal(monkeypatch, 160, *tracked)
    # Below 100 columns each target is a block: its name on a line of its own, its figures
    # under one heading line, the least useful columns (进度比, 时序应达值) dropped first.
    lines = narrow.splitlines()
    heading = lines[lines.index("─" * 80) - 1]
    assert re.split(r"\s{2,}", heading.strip()) == [
        "单位",
        "基期",
        "最新值",
        "目标",
        "差距",
        "状态",
    ]
    assert "  万人高价值发明专利拥有量" in lines
    assert "    件      51.9 (2022)  71.21 (2024)       ≥ 50 (2025)    超21.21  已达标" in lines
    at_99 = on_terminal(monkeypatch, 99, *tracked).splitlines()
    heading = at_99[at_99.index("─" * 99) - 1]
    assert re.split(r"\s{2,}", heading.strip()) == [
        "单位",
        "基期",
        "最新值",
        "目标",
        "差距",
        "时序应达值",
        "进度比",
        "状态",
    ]
    at_60 = on_terminal(monkeypatch, 60, *tracked).splitlines()
    heading = at_60[at_60.index("─" * 60) - 1]
    assert re.split(r"\s{2,}", heading.strip()) == ["最新值", "目标", "差距", "状态"]
    wide_header = next(line for line in wide.splitlines() if line.startswith("┃"))
    for heading in ("单位", "基期", "进度比", "状态"):
        assert heading in wide_header


def test_a_plan_that_has_ended_has_no_tracking_columns(monkeypatch, sample_db):
    """Judged, not tracked (issue 23): no 时序应达值 or 进度比 column, at any width."""
    wide = on_terminal(monkeypatch, 160, *commands(sample_db)["report nanjing"])
    header = next(line for line in wide.splitlines() if line.startswith("┃"))
    assert [c.strip() for c in header.split("┃")[1:-1]] == [
        "指标",
        "单位",
        "基期",
        "最新值",
        "目标",
        "差距",
        "状态",
    ]


def test_no_color_on_a_terminal_keeps_the_fitted_layout(monkeypatch, sample_db):
    monkeypatch.setenv("FORCE_COLOR", "1")  # rich draws as on a real terminal
    coloured = on_terminal(monkeypatch, 80, *commands(sample_db)["report nanjing"])
    assert "\x1b[" in coloured
    monkeypatch.setenv("NO_COLOR", "1")
    result = CliRunner().invoke(app, commands(sample_db)["report nanjing"])
    assert "\x1b[" not in result.stdout
    assert result.stdout == re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert stacked(result.stdout)
    assert max(display_width(line) for line in result.stdout.splitlines()) <= 80


def test_no_color_console_has_no_styles(monkeypatch):
    from ipkpi.output.terminal import console

    monkeypatch.setenv("NO_COLOR", "1")
    out = console()
    with out.capture() as captured:
        out.print("[bold red]已完成[/]")
    assert captured.get() == "已完成\n"
    assert out.color_system is None


# --- the fitting rules --------------------------------------------------------------------


def test_pieces_break_only_where_a_line_may_break():
    assert pieces("已完成（缺2023年数据）") == ["已完成", "（缺2023年数据）"]
    assert pieces("专利密集型产业增加值占GDP比重") == ["专利密集型产业增加值", "占GDP", "比重"]
    assert pieces("培训知识产权学科人才和各类各层次知识产权人才") == [
        "培训知识产权学科人才和",
        "各类各层次知识产权人才",
    ]
    assert pieces("Patent registrations per 10,000") == [
        "Patent ",
        "registrations ",
        "per ",
        "10,000",
    ]
    assert pieces("2022-12-31") == ["2022-12-31"]
    assert wrap("131.5 (2022–2025)", 11) == "131.5\n(2022–2025)"
    assert wrap("万人高价值发明专利拥有量", 18) == "万人高价值发明专利\n拥有量"


def test_fit_drops_the_least_useful_columns_first():
    columns = [
        Column("name", "指标", 20, 40),
        Column("baseline", "基期", 6, 11),
        Column("actual", "最新值", 6, 11),
        Column("progress", "进度比", 6, 6),
        Column("status", "状态", 6, 6),
    ]
    assert fit(columns, 200) == {
        "name": 40,
        "baseline": 11,
        "actual": 11,
        "progress": 6,
        "status": 6,
    }
    narrow = fit(columns, 50)
    assert list(narrow) == ["name", "actual", "status"]
    assert sum(narrow.values()) + 3 * len(narrow) + 1 <= 50


# --- counts rounded up to whole units ------------------------------------------------------


def test_whole_count_rounds_up_without_float_noise():
    from ipkpi.views.numbers import whole_count

    assert [whole_count(v) for v in (0.5, 1.0, 322.5, 2.0000000001, 0.0)] == [1, 1, 323, 2, 0]


def test_readings_ask_for_whole_units_of_countable_measures(sample_db):
    def readings(city: str) -> str:
        args = ["report", "--city", city, "--as-of", "2023", "--db", str(sample_db)]
        return CliRunner().invoke(app, args).stdout

    guizhou = readings("guizhou")
    assert (
        "培育知识产权运营服务机构：完成目标进度67%，快于时序进度7个百分点，剩余两年需年均增加1家"
        in guizhou
    )
    assert "剩余两年需年均增加323件" in guizhou and "322.5件" not in guizhou
    shijiazhuang = readings("shijiazhuang")
    assert "剩余两年需年均增加128名" in shijiazhuang
    # per 10,000 people: not whole things, the decimals stay
    assert (
        "每万人有效发明专利拥有量：完成目标进度52%，快于时序进度18个百分点，剩余两年需年均增加0.7件"
        in shijiazhuang
    )
    assert (
        "万人版权登记量：完成目标进度26%，慢于时序进度8个百分点，剩余两年需年均增加23.7件"
        in readings("nanjing")
    )


# --- thousands separators ------------------------------------------------------------------


def test_figures_people_read_group_thousands_from_five_digits():
    from ipkpi.views.numbers import fmt, format_number

    assert [fmt(v) for v in (182406, 10685.5, -12345.678, 2792, 0.5)] == [
        "182,406",
        "10,685.5",
        "-12,345.68",
        "2792",
        "0.5",
    ]
    assert format_number(1e7) == "10,000,000" and format_number(2025.0) == "2025"


def test_thousands_separators_in_readings_not_in_csv(sample_db):
    args = ["report", "--city", "shijiazhuang", "--db", str(sample_db)]
    text = CliRunner().invoke(app, args).stdout
    assert "2022–2025年累计10,685件，完成目标（≥10,000件）" in text
    assert "182,406件 (2021)" in text
    csv = CliRunner().invoke(app, [*args, "-f", "csv"]).stdout
    assert ",10000,件,2025," in csv and ",10685,-685," in csv


# --- the layout documented: README's capture -----------------------------------------------

# `ipkpi report --city nanjing --as-of 2025` on an 80-column terminal, down to the first
# blank line (README, "The gap report", shows the same; lines' trailing spaces left off).
NANJING_80 = """\
南京市国家知识产权强市建设示范城市工作方案(2022—2025年) · 截至2025年
    单位    最新值             目标           差距    状态
────────────────────────────────────────────────────────────────────────────────
知识产权创造
  万人高价值发明专利拥有量
    件      80.5 (2025)        ≥ 50 (2025)    超30.5  已完成（快报）
  万人版权登记量
    件      131.5 (2025)       > 150 (2025)   18.6    未完成（快报）
  集成电路布图设计登记量
    件      2935 (2025)        ≥ 2792 (2025)  超143   已完成（快报）
────────────────────────────────────────────────────────────────────────────────
知识产权运用
  知识产权交易总额
    亿元    616.1 (2022–2025)  ≥ 600 (2025)   超16.1  已完成（快报）
  知识产权融资总额
    亿元    187.2 (2022–2025)  > 160 (2025)   超27.2  已完成（快报）
  专利密集型产业增加值占GDP比重
    %       19.6 (2025)        ≥ 20 (2025)    0.4     未完成（快报）
  版权产业增加值占GDP比重
    %       7.85 (2025)        ≥ 8.6 (2025)   0.75    未完成（快报）
  知识产权运营中心
    家      19 (2022–2025)     ≥ 20 (2025)    1       未完成（快报）
────────────────────────────────────────────────────────────────────────────────
知识产权保护
  知识产权保护社会满意度
    %       86.2 (2025)        > 85 (2025)    超1.2   已完成（快报）
────────────────────────────────────────────────────────────────────────────────
知识产权管理
  市级以上知识产权优势示范企业
    家      618 (2025)         ≥ 600 (2025)   超18    已完成（快报）
  贯标企业
    家      +1070 (2025)       ≥ 1000 (2025)  超70    已完成（快报）
────────────────────────────────────────────────────────────────────────────────
知识产权服务
  知识产权服务机构从业人员数
    人      8460 (2025)        > 8000 (2025)  超460   已完成（快报）
  知识产权服务机构总收入
    亿元    41.3 (2025)        > 40 (2025)    超1.3   已完成（快报）
────────────────────────────────────────────────────────────────────────────────
知识产权人才
  知识产权高层次人才
    人      +93 (2025)         > 100 (2025)   8       未完成（快报）
  培训知识产权学科人才和各类各层次知识产权人才
    万人次  4.54 (2022–2025)   > 4 (2025)     超0.54  已完成（快报）
────────────────────────────────────────────────────────────────────────────────
共15项目标（截至2025年）：已完成 10，未完成 5
⚠ 2025年数据为快报数，可能修订：全部15项目标
⚠ 规划未给出基期值，以“基期”列所列年份的数据为基期：万人高价值发明专利拥有量、
万人版权登记量、集成电路布图设计登记量、专利密集型产业增加值占GDP比重、
版权产业增加值占GDP比重、知识产权保护社会满意度、市级以上知识产权优势示范企业、
贯标企业、知识产权服务机构从业人员数、知识产权服务机构总收入、知识产权高层次人才
"""


def test_the_80_column_report_as_readme_shows_it(monkeypatch, sample_db):
    args = [*commands(sample_db)["report nanjing"], "--as-of", "2025"]
    output = on_terminal(monkeypatch, 80, *args)
    shown = output.split("\n\n")[0]
    assert "\n".join(line.rstrip() for line in shown.splitlines()) + "\n" == NANJING_80
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert NANJING_80 in readme
