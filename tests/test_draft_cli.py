"""``ipkpi targets draft`` on the command line: the file it writes, what it says, its exit
statuses; the draft loads (``targets check`` warns it is a draft) and reports say 草案; the
baselines taken from a store with their provenance, a stated one that differs flagged."""

from __future__ import annotations

import tomllib

from conftest import REPO
from draft_fixtures import write_pdf, write_txt

from ipkpi.cli.app import app

SAMPLE_PLAN = REPO / "sample_data" / "plans" / "南京市知识产权发展十五五规划_示例.txt"

WRITTEN = """\
# 由 ipkpi targets draft 从 plan.txt 起草；每个数字都来自 quote 中的原文。标有“待核实”的地方请对照原文核对；核对完毕后删去 status = "draft"。
schema = 1

[plan]
id = "testcity-2026-2030"
status = "draft"
city = "testcity"
place = "测试市"
place_en = "Test City"
level = "city"
title = "测试市知识产权发展“十五五”规划（2026—2030年）"
start_year = 2026
target_year = 2030
source = "plan.txt"
"""

PROTECTION = """\
[[targets]]
id = "ip_protection_satisfaction"
name = "知识产权保护社会满意度"
name_en = "Public satisfaction with IP protection"
aliases = ["知识产权保护满意度", "知识产权保护社会满意度得分"]
category = "知识产权保护"
lead = []
kind = "level"
comparator = ">="
value = 85
unit = "分"
baseline = { year = 2025, value = 82 }
direction = "higher"
nature = "binding"
clause = "表1 测试市“十五五”知识产权发展主要指标, 第5行"
quote = "知识产权保护社会满意度 | 分 | 82 | ≥85 | 约束性"

# 待核实：表中目标一栏是“实现全覆盖”，不是数字
# 这个目标的数值无法确定，未写入（删去每行开头的 # 即可启用）
# [[targets]]
# id = "ip_disputes_mediation_organisations_coverage"
# name = "知识产权纠纷调解组织覆盖率"
# category = "知识产权保护"
# lead = []
# kind = "level"
# comparator = ">="
# value =
# unit = "%"
# baseline = { year = 2025, value = 85 }
# direction = "higher"
# nature = "expected"
# clause = "表1 测试市“十五五”知识产权发展主要指标, 第6行"
# quote = "知识产权纠纷调解组织覆盖率 | % | 85 | 实现全覆盖 | 预期性"
"""


def run(runner, *args):
    return runner.invoke(app, list(args))


def test_a_draft_written_checked_and_shown(runner, in_tmp):
    write_txt(in_tmp)
    (in_tmp / "plans").mkdir()
    args = ["--place", "测试市", "--place-en", "Test City"]
    result = run(
        runner,
        "targets",
        "draft",
        "plan.txt",
        "--city",
        "testcity",
        "-o",
        "plans/testcity.toml",
        *args,
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "已写出草案 plans/testcity.toml：6 个目标（表格 6 个、句子 0 个），1 处待核实，"
        "1 个目标的数值待补\n"
        "下一步：对照原文逐条核对 # 待核实 处，然后运行 ipkpi targets check plans\n"
    )
    text = (in_tmp / "plans" / "testcity.toml").read_text(encoding="utf-8")
    assert text.startswith(WRITTEN)
    assert text.endswith(PROTECTION)
    plan = tomllib.loads(text)
    assert [t["value"] for t in plan["targets"]] == [20, 55, 800, 16, 85]

    check = run(runner, "targets", "check", "plans")
    assert (check.exit_code, check.stderr) == (0, "")
    assert check.stdout == (
        "plans：1个规划，5项目标\n"
        "  testcity-2026-2030         2026–2030  5项目标  testcity.toml\n"
        "警告[W-PLAN-DRAFT]：plans/testcity.toml：规划“testcity-2026-2030”是草案"
        '（status = "draft"）：请对照原文核对标有“待核实”的地方，核对完毕后删去 status 一行\n'
        "目标目录无误\n"
    )
    shown = run(runner, "targets", "show", "--city", "testcity", "--targets", "plans")
    assert shown.stdout.splitlines()[0] == (
        "测试市知识产权发展“十五五”规划（2026—2030年）（草案） · testcity-2026-2030 · 共5项目标"
    )
    english = run(
        runner, "targets", "show", "--city", "testcity", "--targets", "plans", "--lang", "en"
    )
    assert english.stdout.splitlines()[0] == (
        "Test City: 测试市知识产权发展“十五五”规划（2026—2030年） (draft) · testcity-2026-2030 · "
        "5 targets"
    )


def test_the_plan_file_on_standard_output(runner, in_tmp):
    write_pdf(in_tmp)
    result = run(runner, "targets", "draft", "plan.pdf", "--city", "testcity", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.startswith("# Drafted by ipkpi targets draft from plan.pdf;")
    assert "# to check: the place is taken from the title; check place, place_en and level\n" in (
        result.stdout
    )
    assert result.stderr == (
        "Draft written to -: 6 targets (6 from tables, 0 from sentences), 2 point(s) to "
        "check, 1 target(s) whose value is left to you\n"
        "Next: check each # 待核实 (to check) point against the document, then run "
        "ipkpi targets check DIR\n"
    )


def test_an_existing_file_is_kept_unless_forced(runner, in_tmp):
    write_txt(in_tmp)
    (in_tmp / "mine.toml").write_text("reviewed = true\n", encoding="utf-8")
    result = run(runner, "targets", "draft", "plan.txt", "--city", "testcity", "-o", "mine.toml")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "错误[E-DRAFT-EXISTS]：mine.toml 已存在；请换一个输出文件名，或加 --force 覆盖\n"
    )
    assert (in_tmp / "mine.toml").read_text(encoding="utf-8") == "reviewed = true\n"
    forced = run(
        runner, "targets", "draft", "plan.txt", "--city", "testcity", "-o", "mine.toml", "--force"
    )
    assert forced.exit_code == 0
    assert 'status = "draft"' in (in_tmp / "mine.toml").read_text(encoding="utf-8")


def test_what_cannot_be_drafted(runner, in_tmp):
    (in_tmp / "scan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (in_tmp / "notes.txt").write_text("会议纪要：请各部门按时报送材料。\n", encoding="utf-8")
    (in_tmp / "plan.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (in_tmp / "broken.docx").write_bytes(b"PK\x03\x04 not a whole zip")
    cases = [
        (["scan.pdf"], 1, "错误[E-DRAFT-UNREADABLE]：scan.pdf：无法读取（startxref not found）"),
        (["notes.txt"], 1, "错误[E-DRAFT-NO-TARGETS]：notes.txt：没有找到量化目标"),
        (
            ["plan.doc"],
            1,
            "错误[E-DRAFT-FORMAT]：plan.doc：无法读取这种格式；规划原文请用以下格式之一："
            ".txt .html .htm .docx .pdf",
        ),
        (["broken.docx"], 1, "错误[E-DRAFT-UNREADABLE]：broken.docx：无法读取"),
        (["gone.txt"], 2, "错误[E-FILE-MISSING]：gone.txt：没有这个文件"),
    ]
    for args, status, said in cases:
        result = run(runner, "targets", "draft", *args, "--city", "testcity", "-o", "out.toml")
        assert (result.exit_code, result.stdout) == (status, ""), args
        assert result.stderr.startswith(said), result.stderr
        assert len(result.stderr.splitlines()) == 1
        assert not (in_tmp / "out.toml").exists()
    slug = run(runner, "targets", "draft", "notes.txt", "--city", "Nanjing City")
    assert (slug.exit_code, slug.stderr) == (
        2,
        "错误[E-CITY-SLUG-INVALID]：“Nanjing City”不能作为地方代码 city（只能用小写字母、数字和 -）\n",
    )


def test_a_pdf_without_a_text_layer(runner, in_tmp):
    from draft_fixtures import pdf_with_text

    (in_tmp / "scan.pdf").write_bytes(pdf_with_text([]))
    result = run(runner, "targets", "draft", "scan.pdf", "--city", "testcity")
    assert (result.exit_code, result.stderr) == (
        1,
        "错误[E-DRAFT-NO-TEXT-PDF]：scan.pdf：PDF 中没有文字层（可能是扫描件）；"
        "请先做文字识别（OCR），或另存为 .txt\n",
    )


def test_baselines_from_the_store(runner, in_tmp, sample_db):
    result = run(
        runner,
        "targets",
        "draft",
        str(SAMPLE_PLAN),
        "--city",
        "nanjing",
        "--baselines-from",
        str(sample_db),
        "-o",
        "nanjing-2026-2030.toml",
    )
    assert result.exit_code == 0
    plan = tomllib.loads((in_tmp / "nanjing-2026-2030.toml").read_text(encoding="utf-8"))
    baselines = {t["id"]: t.get("baseline") for t in plan["targets"]}
    # not in the document: the store's 2025 figure, and where it came from
    assert baselines["ip_protection_satisfaction"] == {
        "year": 2025,
        "value": 86.2,
        "note": "取自数据库：2025年 86.2%（快报），南京市知识产权主要指标.xlsx › 2025 › D11",
    }
    # in the document and the same in the store: kept, said to agree
    assert baselines["high_value_invention_patents_per_10k"] == {"year": 2025, "value": 80.5}
    # in the document and not the same: the document's kept, and a person asked
    assert baselines["patent_intensive_industries_gdp_share"] == {"year": 2025, "value": 19.5}
    text = (in_tmp / "nanjing-2026-2030.toml").read_text(encoding="utf-8")
    assert (
        "# 待核实：原文的2025年基期值 19.5 与数据库中的 19.6%（南京市知识产权主要指标.xlsx › 2025 › "
        "D9）不同：请核对哪个是准确的\n"
    ) in text
    assert (
        'reading = "正文复述了这一目标：万人高价值发明专利拥有量达到110件；'
        '基期值与数据库一致（南京市知识产权主要指标.xlsx › 2025 › D4）"\n'
    ) in text
    # a cumulative target's baseline is no start of its sum: none is taken
    assert baselines["ip_trade_total"] is None


def test_baselines_from_a_store_that_is_not_there(runner, in_tmp):
    write_txt(in_tmp)
    result = run(
        runner,
        "targets",
        "draft",
        "plan.txt",
        "--city",
        "testcity",
        "--baselines-from",
        "none.db",
        "-o",
        "out.toml",
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("错误[E-STORE-NONE]：none.db：这里没有数据库")
    assert not (in_tmp / "out.toml").exists()


def test_a_plan_saved_by_chinese_windows(runner, in_tmp):
    """Text and web pages saved as GB18030 (GBK) are read as such; bytes that are neither
    UTF-8 nor GB18030 are refused, saying how to save the file."""
    sentence = "到2030年，每万人口高价值发明专利拥有量达到22件。\n"
    (in_tmp / "plan.txt").write_bytes(
        ("某市“十五五”规划\n二、主要目标\n" + sentence).encode("gb18030")
    )
    page = (
        '<html><head><meta charset="gb2312"></head><body><h1>某市“十五五”规划</h1>'
        f"<p>二、主要目标</p><p>{sentence}</p></body></html>"
    )
    (in_tmp / "plan.htm").write_bytes(page.encode("gb18030"))
    for name in ("plan.txt", "plan.htm"):
        result = run(runner, "targets", "draft", name, "--city", "moushi", "-o", f"{name}.toml")
        assert result.exit_code == 0, result.output
        text = (in_tmp / f"{name}.toml").read_text(encoding="utf-8")
        assert 'quote = "到2030年，每万人口高价值发明专利拥有量达到22件"' in text
    (in_tmp / "broken.txt").write_bytes(b"\xff\xfe\x00\x81")
    refused = run(runner, "targets", "draft", "broken.txt", "--city", "moushi")
    assert (refused.exit_code, refused.stderr) == (
        1,
        "错误[E-DRAFT-ENCODING]：broken.txt：既不是 UTF-8 也不是 GB18030 编码的文字；请另存为 UTF-8 编码\n",
    )


def test_a_source_too_large_or_a_word_file_that_is_a_zip_bomb(runner, in_tmp, monkeypatch):
    import zipfile

    from ipkpi.draft import readers

    (in_tmp / "big.txt").write_bytes(b"x" * 2048)
    monkeypatch.setattr(readers, "MAX_PLAN_SOURCE_BYTES", 1024)
    big = run(runner, "targets", "draft", "big.txt", "--city", "moushi", "--lang", "en")
    assert (big.exit_code, big.stderr) == (
        1,
        "Error[E-DRAFT-TOO-LARGE]: big.txt: 2048 bytes, over the 1024 bytes limit for a plan's "
        "text; check it is the right file, or save its text alone as .txt\n",
    )
    monkeypatch.setattr(readers, "MAX_PLAN_SOURCE_BYTES", 64 * 1024 * 1024)  # the limit again
    with zipfile.ZipFile(in_tmp / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", b"\0" * (4 * 1024 * 1024))  # 4 MiB of nothing
    bomb = run(runner, "targets", "draft", "bomb.docx", "--city", "moushi", "--lang", "en")
    assert (bomb.exit_code, bomb.stderr) == (
        1,
        "Error[E-DRAFT-ZIP]: bomb.docx: would decompress to 4 MiB, or to far more than it "
        "holds: no Word document; save it again from Word or WPS\n",
    )
