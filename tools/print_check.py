"""Print every workbook and Word brief ipkpi writes to PDF with LibreOffice and count the pages
per sheet, and per brief (`make print-check`; not part of `make test`).

The workbooks are written from the sample data in a temporary folder: the Excel summary in
Chinese and English, the rewards workbook, the fill-in template and the annotated copy of a
rejected file. Each sheet is printed on its own (the others hidden in a copy of the file, so
its charts stay), with ``soffice --headless --convert-to pdf``, and its pages are counted.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
IPKPI = [sys.executable, "-m", "ipkpi"]
CLAIMS = REPO / "sample_data" / "claims" / "漳州市知识产权奖补申报汇总_示例.xlsx"


def ipkpi(*args: str, cwd: Path) -> None:
    subprocess.run([*IPKPI, *args], cwd=cwd, check=True, capture_output=True)


def workbooks(folder: Path) -> list[Path]:
    """Every kind of workbook ipkpi writes, from the sample data."""
    db = str(folder / "sample.db")
    ipkpi("ingest", str(REPO / "sample_data"), "--db", db, cwd=folder)
    out = []
    for lang in ("zh", "en"):
        name = f"summary-{lang}.xlsx"
        ipkpi("export", "--all", "--as-of", "2024", "--lang", lang, "--db", db, "-o", name,
              cwd=folder)  # fmt: skip
        out.append(folder / name)
    ipkpi("rewards", "--city", "zhangzhou", str(CLAIMS), "-o", "rewards.xlsx", cwd=folder)
    ipkpi("template", "--city", "nanjing", "--year", "2025", "--db", db, "-o", "template.xlsx",
          cwd=folder)  # fmt: skip
    out += [folder / "rewards.xlsx", folder / "template.xlsx", annotated(folder)]
    return out


BRIEFS = (("nanjing", "2025", ()), ("guizhou", "2024", ("--annual",)), ("shijiazhuang", "2025", ()))


def briefs(folder: Path) -> list[Path]:
    """The Word brief of each place with targets, from the sample data."""
    db = str(folder / "sample.db")
    out = []
    for city, year, more in BRIEFS:
        name = f"brief-{city}-{year}.docx"
        ipkpi("brief", "--city", city, "--as-of", year, *more, "--db", db, "-o", name, cwd=folder)
        out.append(folder / name)
    return out


def annotated(folder: Path) -> Path:
    sys.path.insert(0, str(REPO))
    import openpyxl

    from ipkpi.errors import InputProblem
    from ipkpi.ingest.rejects import annotate
    from ipkpi.messages import msg

    source = folder / "南京2024.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "2024"
    for row in (["指标", "2023年", "2024年"], ["万人高价值发明专利拥有量", 60.86, "12件左右"]):
        sheet.append(row)
    book.save(source)
    dest = folder / "南京2024.annotated.xlsx"
    name = "万人高价值发明专利拥有量"
    said = msg("E-VALUE-NOT-NUMBER", reason="'12件左右'", name=name, year=2024, fix="")
    annotate(source, [InputProblem(source, said, "2024", "C2")], dest)
    return dest


def sheet_names(path: Path) -> list[str]:
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/workbook.xml").decode("utf-8")
    return [unescape(n) for n in re.findall(r'<sheet [^>]*?name="([^"]*)"', xml)]


def unescape(text: str) -> str:
    return (
        text.replace("&quot;", '"').replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    )


def only_sheet(path: Path, index: int, dest: Path) -> None:
    """A copy of ``path`` with every sheet but the ``index``-th hidden (and it active)."""
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(dest, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/workbook.xml":
                xml = data.decode("utf-8")
                xml = re.sub(r' state="[^"]*"', "", xml)
                parts = xml.split("<sheet ")
                xml = parts[0] + "".join(
                    ("<sheet " if i == index else '<sheet state="hidden" ') + part
                    for i, part in enumerate(parts[1:])
                )
                xml = re.sub(r' (activeTab|firstSheet)="\d+"', "", xml)
                xml = xml.replace("<workbookView ", f'<workbookView activeTab="{index}" ', 1)
                data = xml.encode("utf-8")
            out.writestr(item, data)


def pages(pdf: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf.read_bytes()))


def main() -> int:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print(
            "print-check needs LibreOffice: "
            "apt-get install -y libreoffice-calc-nogui libreoffice-writer-nogui"
        )
        return 2
    with tempfile.TemporaryDirectory(prefix="ipkpi-print-") as tmp:
        folder = Path(tmp)
        profile = folder / "profile"
        print(f"{'workbook':<28} {'sheet':<22} pages")
        for book in workbooks(folder):
            for i, name in enumerate(sheet_names(book)):
                single = folder / "single" / f"{i}.xlsx"
                single.parent.mkdir(exist_ok=True)
                only_sheet(book, i, single)
                subprocess.run(
                    [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                     "--convert-to", "pdf", "--outdir", str(single.parent), str(single)],
                    check=True, capture_output=True, timeout=300,
                )  # fmt: skip
                print(f"{book.name:<28} {name:<22} {pages(single.with_suffix('.pdf')):>5}")
        for brief in briefs(folder):
            subprocess.run(
                [soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                 "--convert-to", "pdf", "--outdir", str(folder), str(brief)],
                check=True, capture_output=True, timeout=300,
            )  # fmt: skip
            print(f"{brief.name:<28} {'(document)':<22} {pages(brief.with_suffix('.pdf')):>5}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
