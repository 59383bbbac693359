"""Ingest: every layout, messy cells, matching, units, provenance, revisions, round trips."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from conftest import REPO, write_workbook
from typer.testing import CliRunner

from ipkpi.catalogue.loader import load_catalogue
from ipkpi.cli.app import app
from ipkpi.ingest.ingester import ingest_paths
from ipkpi.ingest.report import IngestOptions
from ipkpi.store.address import parse_address
from ipkpi.store.engines import open_store
from ipkpi.store.sqlite import SQLiteStore

SAMPLE = REPO / "sample_data"


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue()


@pytest.fixture
def store(store_at):
    """A new store, on each engine in turn (``conftest.store_at``)."""
    with open_store(parse_address(store_at)) as s:
        yield s


def current(store, city):
    """{(target_id, year): value} of what is stored now."""
    return {(o.target_id, o.year): o.value for o in store.observations(city=city)}


def xlsx(path, rows, title="Sheet1", merged=()):
    return write_workbook(path, rows, title, merged)


# --- the bundled sample data ---------------------------------------------------------


def test_sample_data_round_trip(tmp_path, catalogue, store):
    report = ingest_paths([SAMPLE], catalogue, store)
    assert [(f.path.name, f.status, f.layouts, f.new) for f in report.files] == [
        ("漳州市知识产权奖补申报汇总_示例.xlsx", "skipped", (), 0),  # claims: for ipkpi rewards
        ("南京市强市建设时序进度.xlsx", "ingested", ("progress",), 3),
        ("南京市知识产权主要指标.xlsx", "ingested", ("single",), 61),
        ("山西省知识产权强省建设工作要点任务进展.xlsx", "ingested", ("progress",), 18),
        ("石家庄市知识产权统计_2021-2025.csv", "ingested", ("long",), 66),
        ("贵州省知识产权主要指标监测表.xlsx", "ingested", ("wide",), 167),
    ]
    assert [f.unmatched for f in report.files] == [[], [], [], [], [], []]
    # Every target of every plan has data.
    for plan in catalogue.plans:
        stored = {o.target_id for o in store.observations(city=plan.city)}
        assert stored == {t.id for t in plan.targets}, plan.id
    nanjing, guizhou = current(store, "nanjing"), current(store, "guizhou")
    sjz = current(store, "shijiazhuang")
    # Published figures (sample_data/README.md) come back exactly.
    assert nanjing[("high_value_invention_patents_per_10k", 2023)] == 60.86
    assert nanjing[("high_value_invention_patents_per_10k", 2024)] == 71.21
    assert guizhou[("valid_registered_trademarks", 2020)] == 26.69
    assert guizhou[("works_copyright_registrations", 2021)] == 20.0929  # '200,929' 件 → 万件
    assert guizhou[("works_copyright_registrations", 2023)] == 35.9266
    assert guizhou[("ip_pledge_financing_amount", 2023)] == 83.68
    assert sjz[("copyright_registrations_growth", 2023)] == 70792
    # Missing markers are missing, never zero.
    assert ("copyright_industries_gdp_share", 2023) not in nanjing
    assert ("geographical_indications", 2022) not in guizhou
    assert ("ip_pledge_financing_amount", 2023) not in sjz


def test_sample_provenance(catalogue, store):
    ingest_paths([SAMPLE], catalogue, store)
    (ob,) = [
        o
        for o in store.observations(city="nanjing", year=2024)
        if o.target_id == "high_value_invention_patents_per_10k"
    ]
    assert (ob.path, ob.sheet, ob.cell, ob.vintage, ob.raw, ob.indicator) == (
        str((SAMPLE / "南京市知识产权主要指标.xlsx").resolve()),
        "2024",
        "D4",
        None,
        "71.21",
        "每万人口高价值发明专利拥有量",
    )
    assert len(ob.sha256) == 64
    (prelim,) = [
        o
        for o in store.observations(city="nanjing", year=2025)
        if o.target_id == "high_value_invention_patents_per_10k"
    ]
    assert prelim.vintage == "preliminary"  # the 2025 sheet's title says （快报）
    (starred,) = [
        o
        for o in store.observations(city="guizhou", year=2020)
        if o.target_id == "industrial_rd_to_revenue"
    ]
    assert (starred.value, starred.raw, starred.cell) == (0.93, "0.93*", "D8")


def test_second_run_and_a_renamed_copy_change_nothing(tmp_path, catalogue, store):
    ingest_paths([SAMPLE], catalogue, store)
    before = store.observations(history=True)
    copy = tmp_path / "copy.xlsx"
    shutil.copy(SAMPLE / "南京市知识产权主要指标.xlsx", copy)
    report = ingest_paths([SAMPLE, copy], catalogue, store)
    assert [f.status for f in report.files] == ["skipped"] + ["already"] * 6
    assert store.observations(history=True) == before


# --- layouts ----------------------------------------------------------------------------


def test_long_layout_xlsx_with_units_converted(tmp_path, catalogue, store):
    path = xlsx(
        tmp_path / "long.xlsx",
        [
            ["城市", "指标", "年份", "数值", "单位"],
            ["南京市", "万人高价值发明专利拥有量", 2023, 60.86, "件"],
            ["南京", "知识产权交易总额", "2023年", "1,500,000", "万元"],  # 万元 → 亿元
            ["Nanjing", "知识产权保护社会满意度", 2024, "86.5%", "%"],
        ],
    )
    report = ingest_paths([path], catalogue, store)
    assert (report.files[0].status, report.files[0].layouts) == ("ingested", ("long",))
    assert current(store, "nanjing") == {
        ("high_value_invention_patents_per_10k", 2023): 60.86,
        ("ip_trade_total", 2023): 150.0,
        ("ip_protection_satisfaction", 2024): 86.5,
    }


def test_wide_layout_with_year_end_headers_and_unit_in_the_value_header(tmp_path, catalogue, store):
    path = xlsx(
        tmp_path / "wide.xlsx",
        [
            ["序号", "指标名称", "2022年末", "2023年底", "2024"],
            [1, "每万人口高价值发明专利拥有量(件)", 55.1, 60.86, "71.21"],
            [2, "集成电路布图设计登记量", "２，４００", "—", 2668],
        ],
    )
    ingest_paths([path], catalogue, store, IngestOptions(city="nanjing"))
    assert current(store, "nanjing") == {
        ("high_value_invention_patents_per_10k", 2022): 55.1,
        ("high_value_invention_patents_per_10k", 2023): 60.86,
        ("high_value_invention_patents_per_10k", 2024): 71.21,
        ("ic_layout_design_registrations_total", 2022): 2400.0,
        ("ic_layout_design_registrations_total", 2024): 2668.0,
    }


def test_two_row_merged_header_title_rows_and_notes(tmp_path, catalogue, store):
    path = xlsx(
        tmp_path / "gz.xlsx",
        [
            ["贵州省知识产权主要指标", None, None, None],
            ["填报单位：省知识产权局", None, None, None],
            ["指标名称", "单位", "年份", None],
            [None, None, "2021年", "2022年（快报）"],
            ["一、知识产权创造", None, None, None],
            ["商标有效注册量(万件)", None, "36.26", 44.95],
            ["专利代理师人数", "人", 305, "/"],
            ["注：1.2022年为快报数。", None, None, None],
            ["专利代理师人数", "人", 999, 999],  # below the notes: not part of the table
        ],
        merged=["A1:D1", "A3:A4", "B3:B4", "C3:D3"],
    )
    report = ingest_paths([path], catalogue, store)
    assert (report.files[0].layouts, report.files[0].missing) == (("wide",), 1)
    rows = {
        (o.target_id, o.year): (o.value, o.vintage, o.cell)
        for o in store.observations(city="guizhou")
    }
    assert rows == {
        ("valid_registered_trademarks", 2021): (36.26, None, "C6"),
        ("valid_registered_trademarks", 2022): (44.95, "preliminary", "D6"),
        ("patent_attorneys", 2021): (305.0, None, "C7"),
    }


@pytest.mark.parametrize(
    ("file_name", "title", "sheet", "option", "year"),
    [
        ("nj.xlsx", "南京市2023年知识产权主要指标", "Sheet1", None, 2023),  # from the title
        ("nj.xlsx", "主要指标", "2022年", None, 2022),  # from the sheet name
        ("南京市2024年统计.xlsx", "主要指标", "Sheet1", None, 2024),  # from the file name
        ("nj.xlsx", "主要指标", "Sheet1", 2025, 2025),  # --year
    ],
)
def test_one_year_per_sheet_or_file(
    tmp_path, catalogue, store, file_name, title, sheet, option, year
):
    path = xlsx(
        tmp_path / file_name,
        [
            [title],
            ["序号", "指标", "单位", "数值", "备注"],
            [1, "万人高价值发明专利拥有量", "件", 60.86, ""],
        ],
        title=sheet,
    )
    ingest_paths([path], catalogue, store, IngestOptions(city="nanjing", year=option))
    assert current(store, "nanjing") == {("high_value_invention_patents_per_10k", year): 60.86}


def test_gbk_csv(tmp_path, catalogue, store):
    path = tmp_path / "sjz.csv"
    path.write_bytes(
        "城市,指标,年份,数值,单位\n石家庄市,每万人有效发明专利拥有量,2023,14.2,件\n".encode("gbk")
    )
    ingest_paths([path], catalogue, store)
    assert current(store, "shijiazhuang") == {("invention_patents_per_10k", 2023): 14.2}


def test_unmatched_rows_are_reported_with_the_closest_names(tmp_path, catalogue, store):
    path = xlsx(
        tmp_path / "nj.xlsx",
        [
            ["指标", "2023"],
            ["万人高价值发明专利拥有量", 60.86],
            ["万人高价值专利数", 61],
        ],
    )
    report = ingest_paths([path], catalogue, store, IngestOptions(city="nanjing"))
    (unmatched,) = report.files[0].unmatched
    assert (unmatched.sheet, unmatched.cell, unmatched.name, unmatched.closest[0]) == (
        "Sheet1",
        "A3",
        "万人高价值专利数",
        "万人高价值发明专利拥有量",
    )
    assert current(store, "nanjing") == {("high_value_invention_patents_per_10k", 2023): 60.86}


# --- revisions --------------------------------------------------------------------------


def test_a_later_file_revises_and_the_history_keeps_both(tmp_path, catalogue, store):
    first = xlsx(
        tmp_path / "2024快报.xlsx",
        [
            ["南京市2024年知识产权主要指标（快报）"],
            ["指标", "数值"],
            ["万人高价值发明专利拥有量", 70.9],
            ["知识产权保护社会满意度", 86],
        ],
    )
    second = xlsx(
        tmp_path / "2024修订.xlsx",
        [
            ["南京市2024年知识产权主要指标（修订）"],
            ["指标", "数值"],
            ["万人高价值发明专利拥有量", 71.21],
            ["知识产权保护社会满意度", 86],
        ],
    )
    ingest_paths([first], catalogue, store)
    report = ingest_paths([second], catalogue, store)
    (revision,) = report.revisions
    assert (revision.target_id, revision.year, revision.old, revision.new) == (
        "high_value_invention_patents_per_10k",
        2024,
        70.9,
        71.21,
    )
    assert (report.files[0].new, report.files[0].unchanged) == (0, 1)
    history = [
        (o.value, o.vintage, o.current, o.path.rsplit("/", 1)[-1])
        for o in store.observations(city="nanjing", history=True)
        if o.target_id == "high_value_invention_patents_per_10k"
    ]
    assert history == [
        (70.9, "preliminary", False, "2024快报.xlsx"),
        (71.21, "revised", True, "2024修订.xlsx"),
    ]


def test_cli_ingest_then_data_show(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    xlsx(
        tmp_path / "a.xlsx",
        [["南京市2024年指标"], ["指标", "数值"], ["万人高价值发明专利拥有量", 70.9]],
    )
    second = xlsx(
        tmp_path / "b.xlsx",
        [["南京市2024年指标"], ["指标", "数值"], ["万人高价值发明专利拥有量", 71.21]],
    )
    english = {"IPKPI_LANG": "en"}
    result = runner.invoke(app, ["ingest", "a.xlsx", "--db", "s.db"], env=english)
    assert (result.exit_code, result.stdout) == (
        0,
        (
            "ingested  a.xlsx (single): 1 values: 1 new, 0 revised, 0 unchanged\n"
            "1 file(s): 1 ingested, 0 already ingested, 0 rejected; 1 new value(s), 0 revised\n"
        ),
    )
    result = runner.invoke(app, ["ingest", str(second), "a.xlsx", "--db", "s.db"], env=english)
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "ingested  b.xlsx (single): 1 values: 0 new, 1 revised, 0 unchanged",
        "  revised nanjing high_value_invention_patents_per_10k 2024: 70.9 → 71.21 件 "
        "(was from a.xlsx)",
        "already   a.xlsx: ingested before, nothing new",
        "2 file(s): 1 ingested, 1 already ingested, 0 rejected; 0 new value(s), 1 revised",
    ]
    result = runner.invoke(app, ["ingest", "a.xlsx", str(second), "--db", "s.db"])  # Chinese
    assert result.stdout.splitlines() == [
        "以前已导入  a.xlsx：以前已导入，没有新内容",
        "以前已导入  b.xlsx：以前已导入，没有新内容",
        "2个文件：导入0个，以前已导入2个，退回0个；新增数值0个，修订0个",
    ]
    shown = runner.invoke(
        app, ["data", "show", "--city", "nanjing", "--history", "--db", "s.db", "-f", "csv"]
    )
    rows = list(csv.DictReader(io.StringIO(shown.stdout)))
    assert [
        (r["year"], r["value"], r["current"], r["file"].rsplit("/", 1)[-1], r["sheet"], r["cell"])
        for r in rows
    ] == [
        ("2024", "70.9", "False", "a.xlsx", "Sheet1", "B3"),
        ("2024", "71.21", "True", "b.xlsx", "Sheet1", "B3"),
    ]
    now = runner.invoke(app, ["data", "show", "--city", "nanjing", "--db", "s.db", "-f", "json"])
    assert [o["value"] for o in __import__("json").loads(now.stdout)["observations"]] == [71.21]


def test_legacy_xls(tmp_path, catalogue, store):
    import xlwt

    workbook = xlwt.Workbook()
    sheet = workbook.add_sheet("2023")
    for r, row in enumerate(
        [["南京市2023年知识产权主要指标"], ["指标", "数值"], ["万人高价值发明专利拥有量", 60.86]]
    ):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    workbook.save(str(tmp_path / "nj.xls"))
    report = ingest_paths([tmp_path / "nj.xls"], catalogue, store)
    assert report.files[0].status == "ingested"
    (ob,) = store.observations(city="nanjing")
    assert (ob.target_id, ob.year, ob.value, ob.sheet, ob.cell) == (
        "high_value_invention_patents_per_10k",
        2023,
        60.86,
        "2023",
        "B3",
    )


def test_an_unreadable_file_is_rejected_not_a_traceback(tmp_path, catalogue, store, monkeypatch):
    path = xlsx(tmp_path / "locked.xlsx", [["指标", "2023"], ["万人高价值发明专利拥有量", 1]])
    real = type(path).read_bytes

    def read_bytes(self):
        if self.name == "locked.xlsx":
            raise PermissionError(13, "Permission denied")
        return real(self)

    monkeypatch.setattr(type(path), "read_bytes", read_bytes)
    report = ingest_paths([path], catalogue, store, IngestOptions(city="nanjing"))
    assert [(f.status, [p.message.text("en") for p in f.problems]) for f in report.files] == [
        ("rejected", ["cannot read: Permission denied"])
    ]
    assert report.files[0].problems[0].message.code == "E-FILE-READ-FAILED"
    assert report.files[0].problems[0].message.text("zh") == "无法读取：Permission denied"
    assert store.observations() == []


def test_a_locked_store_is_a_store_error(tmp_path, catalogue):
    import sqlite3

    from ipkpi.errors import StoreError
    from ipkpi.store.records import Observation

    holder = sqlite3.connect(tmp_path / "s.db", isolation_level=None)
    with SQLiteStore(tmp_path / "s.db") as store:
        store.conn.execute("PRAGMA busy_timeout=50")  # do not wait 30 s in a test
        holder.execute("BEGIN IMMEDIATE")  # another process is writing
        ob = Observation(
            "nanjing",
            "high_value_invention_patents_per_10k",
            2023,
            1.0,
            "件",
            "nanjing-2022-2025",
            "x",
            "1",
            None,
            "S",
            "A1",
            None,
        )
        with pytest.raises(StoreError) as caught:
            store.write_file(tmp_path / "f.xlsx", "0" * 64, 1, [ob])
        assert (caught.value.exit_code, caught.value.message.code) == (2, "E-STORE-WRITE")
        assert caught.value.lines("en") == [
            f"{tmp_path / 's.db'}: cannot write the store (database is locked)"
        ]
        assert caught.value.lines("zh") == [
            f"{tmp_path / 's.db'}：无法写入数据库（database is locked）"
        ]
        holder.execute("ROLLBACK")
        assert store.observations() == []


# --- id columns, notes and instruction sheets -----------------------------------------


def test_a_note_saying_kuaibao_marks_its_row_preliminary(tmp_path, catalogue, store):
    path = xlsx(
        tmp_path / "notes.xlsx",
        [
            ["城市", "指标", "年份", "数值", "备注"],
            ["南京市", "万人高价值发明专利拥有量", 2023, 60.86, "快报数"],
            ["南京市", "知识产权交易总额", 2023, 150, "年报口径"],
            ["南京市", "万人版权登记量", 2023, 120, "修订后"],
            ["南京市", "知识产权保护社会满意度", 2023, 86.5, ""],
        ],
    )
    assert ingest_paths([path], catalogue, store).files[0].status == "ingested"
    assert {o.target_id: o.vintage for o in store.observations(city="nanjing")} == {
        "high_value_invention_patents_per_10k": "preliminary",
        "ip_trade_total": "final",
        "copyright_registrations_per_10k": "revised",
        "ip_protection_satisfaction": None,
    }


def test_an_unknown_id_is_located_at_its_own_cell(tmp_path, catalogue, store):
    path = xlsx(
        tmp_path / "ids.xlsx",
        [
            ["城市", "指标代码", "指标名称", "年份", "数值"],
            [
                "南京市",
                "high_value_invention_patents_per_10k",
                "万人高价值发明专利拥有量",
                2023,
                61,
            ],
            ["南京市", "no_such_target", "知识产权交易总额", 2023, 150],
        ],
    )
    problems = ingest_paths([path], catalogue, store).files[0].problems
    assert [p.text("en") for p in problems] == [
        f"{path} › Sheet1 › B3: unknown target id 'no_such_target' for nanjing"
    ]
    assert current(store, "nanjing") == {}


def test_the_id_decides_and_a_name_naming_another_target_is_an_error(tmp_path, catalogue, store):
    ok = xlsx(
        tmp_path / "short-names.xlsx",
        [
            ["城市", "指标代码", "指标名称", "年份", "数值"],
            # A name that is no target's is fine: the id says which target it is.
            ["南京市", "ip_trade_total", "交易总额(简称)", 2023, 150],
        ],
    )
    assert ingest_paths([ok], catalogue, store).files[0].unmatched == []
    assert current(store, "nanjing") == {("ip_trade_total", 2023): 150.0}
    moved = xlsx(
        tmp_path / "moved.xlsx",
        [
            ["城市", "指标代码", "指标名称", "年份", "数值"],
            ["南京市", "ip_trade_total", "万人版权登记量", 2024, 160],
        ],
    )
    problems = ingest_paths([moved], catalogue, store).files[0].problems
    assert [p.text("en") for p in problems] == [
        f"{moved} › Sheet1 › C2: the id 'ip_trade_total' is 知识产权交易总额, but the row names "
        "'万人版权登记量' (copyright_registrations_per_10k); correct the id or the name"
    ]
    assert current(store, "nanjing") == {("ip_trade_total", 2023): 150.0}


@pytest.mark.parametrize(("name", "warned"), [("填报说明", False), ("封面", True)])
def test_an_instruction_sheet_is_passed_over_without_a_warning(
    tmp_path, catalogue, store, name, warned, monkeypatch
):
    import openpyxl

    monkeypatch.setenv("IPKPI_LANG", "en")

    workbook = openpyxl.Workbook()
    workbook.active.title = name
    workbook.active.append(["请在下一工作表填写数值。"])
    data = workbook.create_sheet("数据")
    data.append(["城市", "指标", "年份", "数值"])
    data.append(["南京市", "知识产权交易总额", 2023, 150])
    path = tmp_path / "with-notes.xlsx"
    workbook.save(path)
    report = ingest_paths([path], catalogue, store).files[0]
    assert report.status == "ingested"
    skipped = [w for w in report.warnings if w.code == "W-SHEET-NO-TABLE"]
    assert len(skipped) == (1 if warned else 0)
    if warned:
        assert skipped[0].text("en").startswith(f"{path} › 封面: no recognisable header")
        assert skipped[0].text("en").endswith(" (sheet skipped)")
        assert skipped[0].text("zh").startswith(f"{path} › 封面：")
        assert skipped[0].text("zh").endswith("（已跳过此工作表）")


def test_numbers_shown_as_percentages_are_read_as_people_see_them(tmp_path, catalogue, store):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["城市", "指标", "年份", "数值"])
    sheet.append(["南京市", "专利密集型产业增加值占GDP比重", 2023, 0.196])  # shown 19.60%
    sheet.append(["南京市", "版权产业增加值占GDP比重", 2023, 0.07])  # shown 7%
    sheet.append(["南京市", "知识产权保护社会满意度", 2023, 86.5])  # 86.5"%": a literal sign
    sheet["D2"].number_format = "0.00%"
    sheet["D3"].number_format = "0%"
    sheet["D4"].number_format = '0.0"%"'
    path = tmp_path / "percent.xlsx"
    workbook.save(path)
    assert ingest_paths([path], catalogue, store).files[0].status == "ingested"
    assert current(store, "nanjing") == {
        ("patent_intensive_industries_gdp_share", 2023): 19.6,
        ("copyright_industries_gdp_share", 2023): 7.0,
        ("ip_protection_satisfaction", 2023): 86.5,
    }
    raw = {o.target_id: o.raw for o in store.observations(city="nanjing")}
    assert raw["patent_intensive_industries_gdp_share"] == "19.6%"


def test_a_count_shown_as_a_percentage_is_refused(tmp_path, catalogue, store):
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["城市", "指标", "年份", "数值"])
    sheet.append(["南京市", "万人高价值发明专利拥有量", 2023, 0.6086])
    sheet["D2"].number_format = "0.00%"
    path = tmp_path / "count-percent.xlsx"
    workbook.save(path)
    problems = ingest_paths([path], catalogue, store).files[0].problems
    assert [p.text("en") for p in problems] == [
        f"{path} › Sheet › D2: a percentage, but 万人高价值发明专利拥有量 is counted in 件"
    ]
    assert current(store, "nanjing") == {}
