"""``ipkpi brief``: the Word assessment report. Its indicator table holds the figures of
``ipkpi report -f json`` field by field, for every place with targets; its layout is
GB/T 9704-2012's, read from the document's XML; its sections are in the order such reports
use, the next-steps section left to the drafting office."""

from __future__ import annotations

import json
import re
import zipfile

import docx
import pytest

from ipkpi.cli.app import app

PLACES = ("nanjing", "guizhou", "shijiazhuang")


def run(runner, *args):
    return runner.invoke(app, list(args))


def _brief(runner, sample_db, tmp_path, city, *more):
    path = tmp_path / f"{city}.docx"
    result = run(runner, "brief", "--city", city, "--db", str(sample_db), "-o", str(path), *more)
    assert (result.exit_code, result.stderr) == (0, ""), result.output
    return path, result


def _json(runner, sample_db, city, *more):
    result = run(runner, "report", "--city", city, "--db", str(sample_db), "-f", "json", *more)
    return json.loads(result.stdout)


def _figure(value) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.12g}"


@pytest.mark.parametrize("city", PLACES)
@pytest.mark.parametrize("as_of", ["2025", "2024"])
def test_the_table_holds_the_report_figures(runner, sample_db, tmp_path, city, as_of):
    path, _ = _brief(runner, sample_db, tmp_path, city, "--as-of", as_of)
    document = _json(runner, sample_db, city, "--as-of", as_of)
    table = docx.Document(str(path)).tables[0]
    rows = [[c.text for c in row.cells] for row in table.rows]
    assert rows[0] == [
        "序号",
        "指标",
        "单位",
        "基期值",
        "目标值",
        f"{as_of}年",
        "完成情况",
        "牵头单位",
    ]
    assert len(rows) == 1 + len(document["targets"])
    for n, (row, t) in enumerate(zip(rows[1:], document["targets"], strict=True), 1):
        number, name, unit, baseline, target, actual, standing, lead = row
        assert (number, name, unit) == (str(n), t["name"], t["unit"])
        if t["baseline"] is not None and t["kind"] != "rise":
            shown = baseline.split(" (")[0].replace(",", "")
            assert re.match(rf"{re.escape(_figure(t['baseline']['value']))}\D*$", shown)
            assert baseline.endswith(f"({t['baseline']['year']})")
        else:
            assert baseline == ""
        assert target.endswith(f"({t['target_year']})")
        if t["target"] is not None:
            assert _figure(t["target"]) in target.replace(",", "")
        if t["actual"] is not None:
            figure = actual.split(" (")[0].lstrip("+").replace(",", "")
            assert float(figure) == pytest.approx(t["actual"]["value"], abs=0.005)
            assert actual.endswith(f"{t['actual']['year']})")
        else:
            assert actual == ""
        assert standing.startswith(t["status_label"])
        assert lead == ("、".join(t["lead"]) or "未明确牵头单位")


def test_the_sections_of_a_final_evaluation(runner, sample_db, tmp_path):
    path, result = _brief(runner, sample_db, tmp_path, "nanjing", "--as-of", "2025")
    assert result.stdout == (f"已写入 {path}：实施情况总结评估报告，15项指标，其中5项进展滞后\n")
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert texts[:2] == [
        "南京市国家知识产权强市建设示范城市工作方案(2022—2025年)",
        "实施情况总结评估报告",
    ]
    headings = [t for t in texts if re.match(r"^[一二三四五]、|^附：", t)]
    assert headings == [
        "一、总体情况",
        "二、主要指标完成情况",
        "三、进展滞后的指标",
        "四、重点任务推进情况",
        "五、下一步工作建议（由起草单位填写）",
        "附：数据来源",
    ]
    assert texts[texts.index("一、总体情况") + 1] == (
        "截至2025年，《南京市国家知识产权强市建设示范城市工作方案(2022—2025年)》共设主要指标15项，"
        "其中已完成10项、未完成5项。"
    )
    assert "2025年数据为快报数，相关判定待正式数据发布后确认。" in texts
    assert "重点任务3项，其中逾期完成1项、按期完成2项。" in texts
    behind = texts[texts.index("三、进展滞后的指标") + 1 : texts.index("四、重点任务推进情况")]
    assert behind[:2] == [
        "（1）万人版权登记量",
        "2025年为131.5件，未完成目标（>150件），差18.6件。牵头单位：未明确牵头单位。",
    ]
    tasks = texts[
        texts.index("四、重点任务推进情况") + 1 : texts.index(
            "五、下一步工作建议（由起草单位填写）"
        )
    ]
    assert tasks[0] == "1. 整改提高：逾期完成15天（牵头单位：市知识产权强市建设工作领导小组）。"
    blank = texts[texts.index("五、下一步工作建议（由起草单位填写）") + 1]
    assert blank == "（此部分由起草单位根据实际情况填写，ipkpi 不代拟。）"
    sources = texts[texts.index("附：数据来源") + 1 :]
    assert sources == [
        "南京市强市建设时序进度.xlsx",
        "南京市知识产权主要指标.xlsx；工作表：2021、2022、2023、2024、2025；含快报数据",
    ]
    assert not any("/" in s for s in sources)  # no machine path


def test_an_annual_evaluation_and_english(runner, sample_db, tmp_path):
    path, result = _brief(runner, sample_db, tmp_path, "guizhou", "--as-of", "2024", "--lang", "en")
    assert result.stdout.startswith(f"wrote {path}: Evaluation of implementation in 2024, 30 ")
    texts = [p.text for p in docx.Document(str(path)).paragraphs]
    assert texts[1] == "Evaluation of implementation in 2024"
    assert (
        "1. Overview" in texts and "5. Next steps (to be written by the drafting office)" in texts
    )
    final, _ = _brief(runner, sample_db, tmp_path, "nanjing", "--as-of", "2024", "--final")
    assert docx.Document(str(final)).paragraphs[1].text == "实施情况总结评估报告"


def _xml(path, part="word/document.xml") -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(part).decode("utf-8")


def test_the_layout_is_gb_t_9704(runner, sample_db, tmp_path):
    path, _ = _brief(runner, sample_db, tmp_path, "nanjing", "--as-of", "2025")
    body = _xml(path)
    # A4; margins 37 mm top, 26 mm right, 35 mm bottom, 28 mm left (in twentieths of a point)
    assert '<w:pgSz w:w="11906" w:h="16838"/>' in body
    assert re.search(r'<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"', body)
    runs = re.findall(
        r'<w:rFonts w:ascii="([^"]+)"[^>]*w:eastAsia="([^"]+)"[^>]*/>.*?<w:sz w:val="(\d+)"/>', body
    )
    first = runs[0]
    assert first == ("方正小标宋简体", "方正小标宋简体", "44")  # the title: 2号
    assert ("黑体", "黑体", "32") in runs  # headings: 3号 黑体
    assert ("楷体_GB2312", "楷体_GB2312", "32") in runs  # subheadings: 3号 楷体
    assert ("仿宋_GB2312", "仿宋_GB2312", "32") in runs  # text: 3号 仿宋
    assert ("仿宋_GB2312", "仿宋_GB2312", "24") in runs  # table text: 小4
    styles = _xml(path, "word/styles.xml")
    normal = re.search(
        r'<w:style w:type="paragraph" w:default="1" w:styleId="Normal">.*?</w:style>', styles, re.S
    ).group(0)
    assert (
        '<w:spacing w:lineRule="exact" w:line="560" w:before="0" w:after="0"/>' in normal
    )  # 28 pt
    assert '<w:ind w:firstLine="640"/>' in normal  # two characters of 3号
    assert 'w:eastAsia="仿宋_GB2312"' in normal and '<w:sz w:val="32"/>' in normal
    assert "<w:evenAndOddHeaders/>" in _xml(path, "word/settings.xml")
    footers = [_xml(path, f"word/footer{n}.xml") for n in (1, 2)]
    for footer, side in zip(footers, ("right", "left"), strict=True):
        assert f'<w:jc w:val="{side}"/>' in footer
        assert re.findall(r"<w:t[^>]*>([^<]*)</w:t>", footer) == ["— ", "1", " —"]
        assert '<w:instrText xml:space="preserve"> PAGE </w:instrText>' in footer
        assert set(re.findall(r'<w:sz w:val="(\d+)"/>', footer)) == {"28"}  # 4号
        assert 'w:eastAsia="宋体"' in footer


def test_what_the_brief_refuses(runner, sample_db, tmp_path):
    wrong = run(runner, "brief", "--city", "nanjing", "--db", str(sample_db), "-o", "b.pdf")
    assert wrong.exit_code == 2
    assert "b.pdf：评估报告必须是 .docx 文件" in wrong.stderr
    none = run(
        runner,
        "brief",
        "--city",
        "nanjing",
        "--db",
        str(tmp_path / "none.db"),
        "-o",
        str(tmp_path / "b.docx"),
    )
    assert none.exit_code == 2
    assert not (tmp_path / "b.docx").exists()


def _pictures(path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        return sorted(n for n in z.namelist() if n.startswith("word/media/"))


def test_the_targets_behind_have_their_trend(runner, sample_db, tmp_path):
    from ipkpi.output.charts import cjk_font

    if cjk_font() is None:
        pytest.skip("no Chinese font here: .ci/run installs Debian's fonts-noto-cjk")
    path, result = _brief(runner, sample_db, tmp_path, "nanjing", "--as-of", "2025")
    assert result.stderr == ""
    pictures = _pictures(path)
    assert len(pictures) == 5  # one a target behind
    with zipfile.ZipFile(path) as z:
        assert all(z.read(n).startswith(b"\x89PNG") for n in pictures)


def test_without_a_chinese_font_no_chart_and_one_warning(runner, sample_db, tmp_path, monkeypatch):
    from ipkpi.output import charts

    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    path, _ = tmp_path / "b.docx", None
    result = run(
        runner,
        "brief",
        "--city",
        "nanjing",
        "--as-of",
        "2025",
        "--db",
        str(sample_db),
        "-o",
        str(path),
    )
    assert result.exit_code == 0
    assert result.stderr == (
        "警告[W-BRIEF-NO-CJK-FONT]：这台机器上没有中文字体，评估报告中未附5张趋势图（不会用方框代替汉字）；"
        "安装中文字体（如 Debian 的 fonts-noto-cjk）后重新生成即可附上\n"
    )
    assert _pictures(path) == []
    assert docx.Document(str(path)).tables  # the rest is all there
