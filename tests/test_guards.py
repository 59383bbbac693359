"""The guards that refuse hostile workbooks before a reader sees them.

Every hostile file is built here, in the test (no binary fixtures): zip bombs from a
repeated raw-deflate block, stray cells with xlsxwriter, OLE2 files by hand.
Each refusal asserts its exact message.
"""

from __future__ import annotations

import functools
import itertools
import os
import re
import struct
import subprocess
import sys
import textwrap
import time
import zipfile
import zlib
from pathlib import Path

import pytest
from conftest import write_cells
from hypothesis import given, settings
from hypothesis import strategies as st

from ipkpi.errors import InputFileError
from ipkpi.ingest import archive, guards, marks, sniff, used_range

MiB = 1024 * 1024
SHEET1 = "xl/worksheets/sheet1.xml"
STRAY = (
    "used range reaches XFD1048576 (16384 columns × 1048576 rows), over the limit of "
    "1000 columns / 20000000 cells; delete the stray cell or save only the table"
)
CONTENT_TYPES = b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'
WORKBOOK = b'<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'


def refusals(path: Path, check=guards.check_workbook, lang: str = "en") -> list[str]:
    """The refusal's lines, in English unless ``lang`` says otherwise."""
    with pytest.raises(InputFileError) as caught:
        check(path)
    return caught.value.lines(lang)


@pytest.fixture
def here(tmp_path, monkeypatch):
    """Work in tmp_path, so messages show just the file name."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def rewrite_part(path: Path, part: str, change) -> Path:
    """Rewrite one part of a zip in place with ``change(bytes) -> bytes``."""
    with zipfile.ZipFile(path) as zin:
        parts = [(info.filename, zin.read(info)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts:
            zout.writestr(name, change(data) if name == part else data)
    return path


def write_raw_zip(path: Path, entries: list[tuple[str, bytes, int, int, int]]) -> Path:
    """A zip written by hand: (name, stored bytes, method, crc, declared size) each,
    so the data can be pre-compressed and the declared sizes can lie."""
    body = bytearray()
    directory = bytearray()
    for name, data, method, crc, size in entries:
        encoded = name.encode()
        offset = len(body)
        fields = (20, 0, method, 0, 0x21, crc, len(data), size, len(encoded))
        body += struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields, 0) + encoded + data
        directory += struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, offset)
        directory += encoded
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, len(entries), len(entries), len(directory), len(body), 0
    )
    path.write_bytes(bytes(body + directory + end))
    return path


@functools.cache
def zeros_deflate(mib: int) -> tuple[bytes, int]:
    """A raw deflate stream of ``mib`` MiB of b"0" (about 1 KiB per MiB) and its CRC,
    made by repeating one fully flushed block: fast even for 1 GiB."""
    chunk = b"0" * MiB
    compressor = zlib.compressobj(9, zlib.DEFLATED, -zlib.MAX_WBITS)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(mib):
        crc = zlib.crc32(chunk, crc)
    return block * mib + b"\x03\x00", crc  # 03 00: an empty final block


def write_bomb(path: Path, mib: int, declared: int | None = None, part: str = SHEET1) -> Path:
    data, crc = zeros_deflate(mib)
    size = mib * MiB if declared is None else declared
    return write_raw_zip(
        path,
        [
            (
                "[Content_Types].xml",
                CONTENT_TYPES,
                0,
                zlib.crc32(CONTENT_TYPES),
                len(CONTENT_TYPES),
            ),
            ("xl/workbook.xml", WORKBOOK, 0, zlib.crc32(WORKBOOK), len(WORKBOOK)),
            (part, data, 8, crc, size),
        ],
    )


def write_ole(path: Path, names: list[str], *, shift: int = 9, directory_at: int = 1) -> Path:
    """A minimal OLE2 compound file whose directory lists ``names`` (after the root),
    starting at sector ``directory_at``; the FAT chains the directory sectors."""
    size = 1 << shift
    per_sector, per_fat = size // 128, size // 4
    entries = ["Root Entry", *names]
    sectors = list(range(directory_at, directory_at + -(-len(entries) // per_sector)))
    fat_sectors = -(-(sectors[-1] + 1) // per_fat)
    assert fat_sectors <= min(directory_at, 109)
    fat = [0xFFFFFFFF] * (fat_sectors * per_fat)
    fat[:fat_sectors] = [0xFFFFFFFD] * fat_sectors
    for this, following in zip(sectors, [*sectors[1:], 0xFFFFFFFE], strict=True):
        fat[this] = following
    difat = list(range(fat_sectors)) + [0xFFFFFFFF] * (109 - fat_sectors)
    header = struct.pack(
        "<8s16s5H6s9L109L",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
        b"",
        0x3E,
        3 if shift == 9 else 4,
        0xFFFE,
        shift,
        6,
        b"",
        0 if shift == 9 else len(sectors),  # directory sectors: counted in version 4 only
        fat_sectors,
        sectors[0],
        0,
        4096,
        0xFFFFFFFE,
        0,
        0xFFFFFFFE,
        0,
        *difat,
    )
    directory = b""
    for index, name in enumerate(entries):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        kind = 5 if index == 0 else 2
        directory += struct.pack(
            "<64sHBB3L16sL2QLQ",
            encoded,
            len(encoded),
            kind,
            1,
            0xFFFFFFFF,
            0xFFFFFFFF,
            0xFFFFFFFF,
            b"",
            0,
            0,
            0,
            0xFFFFFFFE,
            0,
        )
    directory = directory.ljust(len(sectors) * size, b"\x00")
    with path.open("wb") as out:
        out.write(header.ljust(size, b"\x00"))
        for index in range(fat_sectors):
            out.seek((index + 1) * size)
            out.write(struct.pack(f"<{per_fat}L", *fat[index * per_fat : (index + 1) * per_fat]))
        for index, sector in enumerate(sectors):
            out.seek((sector + 1) * size)
            out.write(directory[index * size : (index + 1) * size])
    return path


def sparse(path: Path, size: int, head: bytes = b"") -> Path:
    with path.open("wb") as out:
        out.write(head)
        out.truncate(size)
    return path


# --------------------------------------------------------------------------- good files


def test_a_normal_workbook_passes(here):
    path = write_cells(
        here / "good.xlsx", {"说明": {"A1": "年份"}, "数据": {"A1": 2023, "B2": 1.5}}
    )
    assert sniff.sniff_format(path) == "xlsx"
    assert guards.check_workbook(path) == "xlsx"


def test_the_largest_allowed_range_passes(here):
    # 1000 columns × 20000 rows is exactly MAX_CELLS; an empty styled row far down is no cell.
    path = write_cells(here / "wide.xlsx", {"S": {"ALL1": 1, "A20000": 2}})
    rewrite_part(
        path,
        SHEET1,
        lambda xml: xml.replace(
            b"</sheetData>", b'<row r="1048576" ht="20" customHeight="1"/></sheetData>'
        ),
    )
    assert guards.check_workbook(path) == "xlsx"


def test_csv_and_xls_are_told_apart_by_content(here):
    (here / "data.csv").write_text("年份,专利\n2023,5\n", encoding="utf-8")
    assert guards.check_workbook(here / "data.csv") == "csv"
    write_ole(here / "old.xls", ["Workbook", "\x05SummaryInformation"])
    assert guards.check_workbook(here / "old.xls") == "xls"
    # a real workbook with the wrong extension is still a workbook
    write_cells(here / "export.csv", {"S": {"A1": 1}})
    assert guards.check_workbook(here / "export.csv") == "xlsx"


# --------------------------------------------------------------------------- zip bombs


def test_a_zip_bomb_is_refused_at_once(here):
    path = write_bomb(here / "bomb.xlsx", 1024)  # 1 GiB of "0", about 1 MiB on disk
    assert path.stat().st_size < 2 * MiB
    started = time.perf_counter()
    assert refusals(path) == [
        "bomb.xlsx: workbook refused: part xl/worksheets/sheet1.xml would decompress to "
        "1.0 GiB, over the 128 MiB limit (possible zip bomb)"
    ]
    assert time.perf_counter() - started < 1.0


def test_a_part_compressed_beyond_the_ratio_is_refused(here):
    path = write_bomb(here / "ratio.xlsx", 100, part="xl/sharedStrings.xml")
    compressed = zipfile.ZipFile(path).getinfo("xl/sharedStrings.xml").compress_size
    assert refusals(path) == [
        f"ratio.xlsx: workbook refused: part xl/sharedStrings.xml would decompress to 100.0 MiB "
        f"from {compressed / 1024:.1f} KiB ({100 * MiB // compressed}:1), over the 200:1 limit "
        "(possible zip bomb)"
    ]


def test_parts_over_the_total_limit_are_refused(here):
    junk = bytes(range(256)) * 4096  # 1 MiB stored per part, each declaring 100 MiB (100:1)
    entries = [(f"xl/media/image{n}.bin", junk, 8, 0, 100 * MiB) for n in (1, 2, 3)]
    write_raw_zip(
        here / "total.xlsx",
        [("xl/workbook.xml", WORKBOOK, 0, zlib.crc32(WORKBOOK), len(WORKBOOK)), *entries],
    )
    assert refusals(here / "total.xlsx") == [
        "total.xlsx: workbook refused: its parts would decompress to 300.0 MiB in total, "
        "over the 256 MiB limit (possible zip bomb)"
    ]


def test_a_part_that_lies_about_its_size_is_stopped_while_streaming(here):
    # declares 1 MiB (too small for the ratio check) but its stream holds 512 MiB
    write_bomb(here / "liar.xlsx", 512, declared=MiB)
    started = time.perf_counter()
    assert refusals(here / "liar.xlsx") == [
        "liar.xlsx: truncated or corrupt workbook (part xl/worksheets/sheet1.xml decompresses "
        "to more than the 1.0 MiB it declares)"
    ]
    assert time.perf_counter() - started < 1.0
    # a declared size far below the compressed data is refused without decompressing
    write_bomb(here / "liar2.xlsx", 2, declared=100)
    assert refusals(here / "liar2.xlsx") == [
        "liar2.xlsx: truncated or corrupt workbook (part xl/worksheets/sheet1.xml declares "
        "100 bytes but holds 2.0 KiB of compressed data)"
    ]


def test_too_many_parts_are_refused(here):
    with zipfile.ZipFile(here / "many.xlsx", "w") as zf:
        zf.writestr("xl/workbook.xml", WORKBOOK)
        for n in range(10_000):
            zf.writestr(f"p/{n}", b"")
    assert refusals(here / "many.xlsx") == [
        "many.xlsx: workbook refused: 10001 parts, over the limit of 10000 (possible zip bomb)"
    ]


def test_odd_compression_and_dtds_are_refused(here):
    path = write_cells(here / "bz.xlsx", {"S": {"A1": 1}})
    with zipfile.ZipFile(path) as zin:
        parts = [(info.filename, zin.read(info)) for info in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in parts:
            zout.writestr(name, data, zipfile.ZIP_BZIP2 if name == SHEET1 else zipfile.ZIP_DEFLATED)
    assert refusals(path) == [
        "bz.xlsx: workbook refused: part xl/worksheets/sheet1.xml uses compression method 12, "
        "which Excel does not write; save the workbook again from Excel"
    ]
    path = write_cells(here / "dtd.xlsx", {"S": {"A1": 1}})
    rewrite_part(
        path,
        SHEET1,
        lambda xml: xml.replace(b"?>", b'?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]>', 1),
    )
    assert refusals(path) == [
        "dtd.xlsx: workbook refused: part xl/worksheets/sheet1.xml declares a DTD "
        "(<!DOCTYPE …>), which workbooks never contain (possible XML entity attack)"
    ]


# --------------------------------------------------------------------------- used ranges


def test_a_stray_cell_is_refused_with_its_sheet_and_cell(here):
    path = write_cells(
        here / "stray.xlsx", {"说明": {"A1": "x"}, "数据": {"A1": 1, "B2": 2, "XFD1048576": 1}}
    )
    [line] = refusals(path)
    assert line == f"stray.xlsx › 数据 › XFD1048576: {STRAY}"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (rb'<dimension ref="[^"]*"/>', b'<dimension ref="A1:B2"/>'),  # the dimension lies
        (rb'<dimension ref="[^"]*"/>', b""),  # or is absent
        (rb'<c r="XFD1048576">', b"<x:c\n  r = 'XFD1048576' >"),  # a prefix, odd spacing and quotes
    ],
)
def test_a_stray_cell_is_found_however_the_xml_is_written(here, old, new):
    path = write_cells(here / "stray.xlsx", {"数据": {"A1": 1, "XFD1048576": 1}})
    rewrite_part(path, SHEET1, lambda xml: re.sub(old, new, xml))
    assert refusals(path) == [f"stray.xlsx › 数据 › XFD1048576: {STRAY}"]


@pytest.mark.parametrize(("chunk", "overlap"), [(7, 64), (1, 48), (100, 40)])
def test_references_split_between_chunks_are_seen(here, monkeypatch, chunk, overlap):
    monkeypatch.setattr(archive, "_CHUNK", chunk)
    monkeypatch.setattr(used_range, "_OVERLAP", overlap)
    path = write_cells(here / "stray.xlsx", {"数据": {"A1": 1, "B2": 2, "XFD1048576": 1}})
    assert refusals(path) == [f"stray.xlsx › 数据 › XFD1048576: {STRAY}"]
    assert (
        guards.check_workbook(write_cells(here / "ok.xlsx", {"S": {"A1": 1, "ALL20000": 2}}))
        == "xlsx"
    )


def test_the_cell_and_column_limits(here):
    header = {f"{chr(65 + n)}1": n for n in range(26)}  # A1:Z1
    write_cells(here / "tall.xlsx", {"表": {**header, "A1000000": 1}})
    write_cells(here / "wide.xlsx", {"表": {"ALM1": 1}})
    assert refusals(here / "tall.xlsx") == [
        "tall.xlsx › 表 › A1000000: used range reaches Z1000000 (26 columns × 1000000 rows), "
        "over the limit of 1000 columns / 20000000 cells; delete the stray cell or save only the table"
    ]
    assert refusals(here / "wide.xlsx") == [
        "wide.xlsx › 表 › ALM1: used range reaches ALM1 (1001 columns × 1 row), "
        "over the limit of 1000 columns / 20000000 cells; delete the stray cell or save only the table"
    ]


def test_rows_beyond_excel_and_cells_without_references(here):
    path = write_cells(here / "deep.xlsx", {"S": {"A1": 1, "A2": 2}})
    rewrite_part(path, SHEET1, lambda xml: xml.replace(b'"A2"', b'"A2000000"'))
    assert refusals(path) == [
        "deep.xlsx › S › A2000000: used range reaches A2000000 (1 column × 2000000 rows), "
        "over Excel's limit of 1048576 rows; delete the stray cell or save only the table"
    ]
    # a cell without its own r lies in its row: 26 columns × 1048576 rows is too many
    path = write_cells(here / "norefs.xlsx", {"S": {"A1": 1, "Z1": 2}})
    rewrite_part(
        path,
        SHEET1,
        lambda xml: xml.replace(
            b"</sheetData>", b'<row r="1048576"><c><v>1</v></c></row></sheetData>'
        ),
    )
    assert refusals(path) == [
        "norefs.xlsx › S › Z1048576: used range reaches Z1048576 (26 columns × 1048576 rows), "
        "over the limit of 1000 columns / 20000000 cells; delete the stray cell or save only the table"
    ]


# --------------------------------------------------------------------------- not workbooks


def test_a_truncated_workbook_is_refused(here):
    data = write_cells(here / "full.xlsx", {"S": {"A1": 1}}).read_bytes()
    (here / "half.xlsx").write_bytes(data[: len(data) // 2])
    assert sniff.sniff_format(here / "half.xlsx") == "xlsx"
    assert refusals(here / "half.xlsx") == [
        "half.xlsx: truncated or corrupt workbook (not a readable zip archive)"
    ]


@pytest.mark.parametrize(
    ("content", "looks_like"),
    [
        ("年份,专利\n2023,5\n".encode(), "plain text; a CSV file must be named .csv or .txt"),
        (b"%PDF-1.7\n", "a PDF document"),
        (
            b"<html><table><tr><td>1</td></tr></table></html>",
            "an HTML page; open it in Excel and save it as .xlsx",
        ),
        (b"\x00\x01\x02\x03\x04\x05\x06\x07\x08", "binary data starting 00 01 02 03 04 05 06 07"),
    ],
)
def test_other_files_are_not_workbooks(here, content, looks_like):
    (here / "data.xlsx").write_bytes(content)
    assert refusals(here / "data.xlsx") == [
        f"data.xlsx: not an Excel workbook or CSV file (it looks like {looks_like})"
    ]


def test_a_binary_workbook_is_refused(here):
    with zipfile.ZipFile(here / "data.xlsb", "w") as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("xl/workbook.bin", b"\x83\x01\x00")
    assert refusals(here / "data.xlsb") == [
        "data.xlsb: workbook refused: a binary workbook (.xlsb) cannot be checked before "
        "reading; save it as .xlsx and ingest again"
    ]


def test_other_office_files_are_not_workbooks(here):
    with zipfile.ZipFile(here / "report.xlsx", "w") as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES)
        zf.writestr("word/document.xml", "<w:document/>")
    assert refusals(here / "report.xlsx") == [
        "report.xlsx: not an Excel workbook or CSV file (it looks like a Word document)"
    ]
    write_ole(here / "memo.xls", ["WordDocument", "1Table"])
    assert refusals(here / "memo.xls") == [
        "memo.xls: not an Excel workbook or CSV file (it looks like a Word document)"
    ]


def test_an_encrypted_workbook_is_refused(here):
    names = ["\x06DataSpaces", "Version", "DataSpaceMap", "EncryptionInfo", "EncryptedPackage"]
    path = write_ole(here / "secret.xlsx", names)  # two directory sectors
    assert sniff.sniff_format(path) == "encrypted"
    assert refusals(path) == [
        "secret.xlsx: encrypted workbook: save it without a password and ingest again"
    ]
    # a directory beyond the first 8 MiB (4 KiB sectors, sparse file) is still walked
    far = write_ole(here / "far.xlsx", names, shift=12, directory_at=2100)
    assert far.stat().st_size > 8 * MiB
    assert sniff.sniff_format(far) == "encrypted"


def test_empty_files_are_refused(here):
    (here / "empty.xlsx").write_bytes(b"")
    (here / "empty.csv").write_bytes(b"")
    assert refusals(here / "empty.xlsx") == ["empty.xlsx: empty file"]
    assert refusals(here / "empty.xlsx", guards.check_xlsx) == ["empty.xlsx: empty file"]
    assert refusals(here / "empty.csv") == ["empty.csv: empty file"]


def test_size_limits_for_xls_and_csv(here):
    write_ole(here / "big.xls", ["Workbook"])
    with (here / "big.xls").open("r+b") as out:
        out.truncate(70 * MiB)
    assert refusals(here / "big.xls") == [
        "big.xls: workbook refused: 70.0 MiB, over the 64 MiB limit for .xls files"
    ]
    sparse(here / "big.csv", 300 * MiB, b"a,b\n")
    assert refusals(here / "big.csv") == [
        "big.csv: file refused: 300.0 MiB, over the 256 MiB limit for CSV files"
    ]


def test_a_missing_file(here):
    assert refusals(here / "nope.xlsx") == [
        "nope.xlsx: cannot read file (No such file or directory)"
    ]


# --------------------------------------------------------------------------- bounded memory


def test_hostile_files_are_refused_in_bounded_memory(here):
    write_bomb(here / "bomb.xlsx", 1024)
    write_bomb(here / "liar.xlsx", 512, declared=MiB)
    write_cells(here / "stray.xlsx", {"数据": {"A1": 1, "XFD1048576": 1}})
    script = textwrap.dedent(
        """
        import resource
        import sys
        from pathlib import Path
        from ipkpi.errors import InputFileError
        from ipkpi.ingest.guards import check_workbook
        for name in sys.argv[1:]:
            try:
                check_workbook(Path(name))
            except InputFileError as exc:
                print(exc.lines("en")[0])
            else:
                raise SystemExit(f"{name} was not refused")
        # VmHWM: the peak of this process's own memory since it started (ru_maxrss would
        # count the test run's, which a forked child starts from on Linux)
        status = Path("/proc/self/status")
        if status.exists():
            hwm = [l for l in status.read_text().splitlines() if l.startswith("VmHWM:")]
            print(hwm[0].split()[1])
        else:
            print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        """
    )
    child = subprocess.Popen(
        [sys.executable, "-c", script, "bomb.xlsx", "liar.xlsx", "stray.xlsx"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=here,
        env={
            **os.environ,
            "PYTHONPATH": str(Path(guards.__file__).parents[2]),
            "PYTHONIOENCODING": "utf-8",
        },
    )
    stdout, stderr = child.communicate(timeout=60)
    assert child.returncode == 0, stderr
    *refused, own_peak_kib = stdout.splitlines()
    assert [line.split(":")[0] for line in refused] == [
        "bomb.xlsx",
        "liar.xlsx",
        "stray.xlsx › 数据 › XFD1048576",
    ]
    # the child's own peak, as it measured it (KiB); not RUSAGE_CHILDREN, the largest child
    # the test run has waited for (another test's browser)
    assert int(own_peak_kib) < 300 * 1024


# --------------------------------------------------------------------------- in Chinese


def test_refusals_in_chinese(here):
    """The refusals in Chinese, the language shown by default: one per family."""
    write_bomb(here / "bomb.xlsx", 1024)
    assert refusals(here / "bomb.xlsx", lang="zh") == [
        "bomb.xlsx：不予导入：部件 xl/worksheets/sheet1.xml 解压后将有 1.0 GiB，"
        "超过 128 MiB 的上限（可能是 zip 炸弹）"
    ]
    write_bomb(here / "liar2.xlsx", 2, declared=100)
    assert refusals(here / "liar2.xlsx", lang="zh") == [
        "liar2.xlsx：工作簿不完整或已损坏（部件 xl/worksheets/sheet1.xml "
        "声明有 100 字节，但压缩数据有 2.0 KiB）"
    ]
    path = write_cells(here / "stray.xlsx", {"数据": {"A1": 1, "XFD1048576": 1}})
    assert refusals(path, lang="zh") == [
        "stray.xlsx › 数据 › XFD1048576：已用区域延伸到 XFD1048576（16384列 × 1048576行），"
        "超过1000 列 / 20000000 个单元格的上限；请删除多余的单元格，或只保存表格"
    ]
    (here / "data.xlsx").write_bytes(b"%PDF-1.7\n")
    assert refusals(here / "data.xlsx", lang="zh") == [
        "data.xlsx：不是 Excel 工作簿或 CSV 文件（看起来是PDF 文档）"
    ]
    (here / "empty.xlsx").write_bytes(b"")
    assert refusals(here / "empty.xlsx", lang="zh") == ["empty.xlsx：空文件"]
    path = write_ole(here / "secret.xlsx", ["Version", "EncryptionInfo", "EncryptedPackage"])
    assert refusals(path, lang="zh") == ["secret.xlsx：工作簿设有密码：请取消密码保存后重新导入"]
    write_ole(here / "big.xls", ["Workbook"])
    with (here / "big.xls").open("r+b") as out:
        out.truncate(70 * MiB)
    assert refusals(here / "big.xls", lang="zh") == [
        "big.xls：不予导入：工作簿有 70.0 MiB，超过 .xls 文件 64 MiB 的上限"
    ]


# --------------------------------------------------------------------------- one pass
#
# check_workbook streams each part once: a sheet's used range is kept as a bound
# (used_range.RangeBound), exact only where a reference could take it further, and the
# exact scan (used_range.RangeScanner) runs on a sheet only when the bound is over a
# limit. Whatever the XML, it must refuse what the exact scan of every sheet refuses, in
# the same words, and pass what it passes.


def outcome(path: Path) -> list[str]:
    try:
        guards.check_workbook(path)
    except InputFileError as exc:
        return exc.lines("en")
    return ["passed"]


def exact_outcome(path: Path, monkeypatch) -> list[str]:
    """The outcome when every sheet goes through the exact scan, as before the bound."""
    with monkeypatch.context() as patch:
        patch.setattr(used_range.RangeBound, "feed", lambda self, region: True)
        return outcome(path)


ROW3 = b'<row r="3"><c r="C3"><v>3</v></c></row>'
ODD_XML = {
    "a cell in a row not its own": (
        ROW3,
        b'<row r="3"><c r="C3"><v>3</v></c><c r="XFD1048576"><v>1</v></c></row>',
    ),
    "lower-case letters": (ROW3, ROW3 + b'<row r="4"><c r="alm4"><v>1</v></c></row>'),
    "single quotes": (ROW3, ROW3 + b"<row r='4'><c r='ALM4'><v>1</v></c></row>"),
    "spaces around =": (ROW3, ROW3 + b'<row r="4"><c\n r = "ALM4"><v>1</v></c></row>'),
    "a tab before r": (ROW3, ROW3 + b'<row r="4"><c\tr="ALM4"><v>1</v></c></row>'),
    "a line break before r": (ROW3, ROW3 + b'<row\nr="1048577"><c><v>1</v></c></row>'),
    "cells without r beyond Excel": (ROW3, ROW3 + b'<row r="1048577"><c><v>1</v></c></row>'),
    "an empty styled row far down": (ROW3, ROW3 + b'<row r="1048576" ht="20"/>'),
    "an empty open row far down": (ROW3, ROW3 + b'<row r="1048576" ht="20"></row>'),
    "an open row tag beyond Excel": (ROW3, ROW3 + b'<row r="2000000" ht="20"></row>'),
    "leading zeros": (ROW3, ROW3 + b'<row r="4"><c r="A00000004"><v>1</v></c></row>'),
    "a reference in a text": (
        ROW3,
        ROW3 + b'<row r="4"><c r="A4" t="inlineStr"><is><t>a r="ALM9"</t></is></c></row>',
    ),
    "rows out of order": (
        b'<row r="1">',
        b'<row r="900000"><c r="Z900000"><v>1</v></c></row><row r="1">',
    ),
    "rows out of order, within": (
        b'<row r="1">',
        b'<row r="900000"><c r="A900000"><v>1</v></c></row><row r="1">',
    ),
    "the largest range": (ROW3, ROW3 + b'<row r="20000"><c r="ALL20000"><v>1</v></c></row>'),
    "one row too many": (ROW3, ROW3 + b'<row r="1048577"><c r="A1048577"><v>1</v></c></row>'),
    "a DTD after the stray cell": (
        b"</sheetData>",
        b'<row r="9"><c r="XFD9"><v>1</v></c></row></sheetData><!DOCTYPE x>',
    ),
    "a DTD before it": (b"<sheetData>", b'<!DOCTYPE x><sheetData><row r="9"><c r="XFD9"/></row>'),
    "junk references": (
        ROW3,
        ROW3 + b'<row r="4"><c r="AB4C"><v>1</v></c><c r=""/><c r="-5"/></row>',
    ),
    "two r in a row tag": (ROW3, ROW3 + b'<row r="4" x r="XFD9"><c r="A4"><v>1</v></c></row>'),
    "a self-closing cell far out": (ROW3, ROW3 + b'<row r="4"><c r="XFD4"/></row>'),
    "prefixed tags": (ROW3, ROW3 + b'<x:row r="4"><x:c r="ALM4"><x:v>1</x:v></x:c></x:row>'),
    "prefixed tags, within": (ROW3, ROW3 + b'<x:row r="4"><x:c r="AL4"><x:v>1</x:v></x:c></x:row>'),
}


@pytest.mark.parametrize("chunk", [64 * 1024, 7])
@pytest.mark.parametrize("case", list(ODD_XML))
def test_the_one_pass_refuses_what_the_exact_scan_refuses(here, monkeypatch, case, chunk):
    old, new = ODD_XML[case]
    path = write_cells(here / "odd.xlsx", {"数据": {"A1": 1, "B2": 2, "C3": 3}})
    rewrite_part(path, SHEET1, lambda xml: xml.replace(old, new, 1))
    monkeypatch.setattr(archive, "_CHUNK", chunk)
    assert outcome(path) == exact_outcome(path, monkeypatch)


def test_the_cases_above_are_not_all_alike(here, monkeypatch):
    """The comparison above is not vacuous: the cases pass and are refused for each reason."""
    seen = set()
    for old, new in ODD_XML.values():
        path = write_cells(here / "odd.xlsx", {"数据": {"A1": 1, "B2": 2, "C3": 3}})
        rewrite_part(path, SHEET1, lambda xml, old=old, new=new: xml.replace(old, new, 1))
        [line] = outcome(path)[:1]
        seen.add("passed" if line == "passed" else re.sub(r".*?: (\w+).*", r"\1", line))
    assert seen == {"passed", "used", "workbook"}


def test_a_long_sheet_streams_once(here, monkeypatch):
    """A sheet well within the limits is never scanned exactly: one pass."""
    exact = []
    monkeypatch.setattr(guards, "_stream_part", lambda *args: exact.append(args))
    cells = {f"{col}{row}": row for row in range(1, 3000) for col in "ABCDE"}
    assert guards.check_workbook(write_cells(here / "long.xlsx", {"数据": cells})) == "xlsx"
    assert exact == []


@pytest.mark.parametrize(("chunk", "overlap"), [(1, 64), (7, 48), (100, 4096)])
def test_the_bound_sees_references_split_between_chunks(here, monkeypatch, chunk, overlap):
    monkeypatch.setattr(archive, "_CHUNK", chunk)
    monkeypatch.setattr(used_range, "_OVERLAP", overlap)
    exact = []
    stream_part = guards._stream_part
    monkeypatch.setattr(guards, "_stream_part", lambda *a: exact.append(1) or stream_part(*a))
    cells = {"A1": 1, "B2": 2, "Z900": 3}
    assert outcome(write_cells(here / "ok.xlsx", {"数据": cells})) == ["passed"]
    assert exact == []  # within its bound: one pass
    path = write_cells(here / "tall.xlsx", {"数据": {**cells, "AA1000000": 4}})
    [refused] = outcome(path)
    assert exact == [1]  # over its bound: the exact scan names the cell, as it always did
    assert refused.startswith("tall.xlsx › 数据 › ") and "1000000 rows" in refused
    assert [refused] == exact_outcome(path, monkeypatch)


def test_bounds_over_the_workbook_limit_are_counted_exactly(here, monkeypatch):
    # BZ150000 is 11.7 million cells; its bound, BZ × 199999, 15.6 million
    sheet = {"A1": 1, "BZ150000": 2}
    two = write_cells(here / "two.xlsx", {"一": sheet, "二": sheet})  # 23.4 million: passes
    counted = []
    exact_total = guards._exact_total
    monkeypatch.setattr(
        guards, "_exact_total", lambda *args: counted.append(1) or exact_total(*args)
    )
    assert outcome(two) == ["passed"]
    assert counted == [1]  # the bounds (31.2 million) were over: counted exactly
    assert exact_outcome(two, monkeypatch) == ["passed"]
    three = write_cells(here / "three.xlsx", {"一": sheet, "二": sheet, "三": sheet})
    assert (
        outcome(three)
        == exact_outcome(three, monkeypatch)
        == [
            "three.xlsx › 三 › BZ150000: used ranges of the sheets up to this one hold 35100000 "
            "cells together, over the limit of 30000000 cells for a whole workbook; delete the "
            "stray cells or save only the tables"
        ]
    )


# --------------------------------------------------------------------------- marks


def whole_part_marks(path: Path) -> marks.CellMarks:
    """The marks as found by reading every sheet part whole and searching all of it."""
    found = marks.CellMarks({}, {}, {})
    with path.open("rb") as fh, zipfile.ZipFile(fh) as zf:
        infos = zf.infolist()
        styles = archive.parse_part(path, fh, zf.getinfo("xl/styles.xml"))
        percent = marks._percent_styles(styles)
        for part, sheet in archive.worksheet_names(path, fh, infos).items():
            data = zf.read(part)
            if errors := marks._error_cells(data):
                found.errors[sheet] = errors
            if cells := marks._percent_cells(data, percent):
                found.percents[sheet] = cells
            if uncomputed := marks._uncomputed(data):
                found.uncomputed[sheet] = uncomputed
    return found


def write_marked(path: Path, prefixed: bool = False) -> Path:
    """A sheet with a percentage (B2, and B300 far down), an error (C3), a formula with no
    value (D4) and a computed one (D5); with ``prefixed``, every tag of it as ``<x:…>``."""
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet("数据")
    percent = workbook.add_format({"num_format": "0.0%"})
    sheet.write_number("B2", 0.196, percent)
    sheet.write_formula("C3", "=1/0", None, "#DIV/0!")
    sheet.write_formula("D4", "=A1*2")
    sheet.write_formula("D5", "=A1*3", None, 3)
    for row in range(6, 300):
        sheet.write_string(f"A{row}", "测试")
    sheet.write_number("B300", 0.5, percent)
    workbook.close()

    def change(xml: bytes) -> bytes:
        xml = xml.replace(b"<f>A1*2</f><v>0</v>", b"<f>A1*2</f>")
        if prefixed:
            xml = re.sub(rb"<(/?)(?!\?)(\w+)([ >/])", rb"<\1x:\2\3", xml)
            xml = xml.replace(b"<x:worksheet xmlns=", b"<x:worksheet xmlns:x=")
        return xml

    return rewrite_part(path, SHEET1, change)


EXPECTED_MARKS = marks.CellMarks(
    errors={"数据": {(2, 2): "#DIV/0!"}},
    percents={"数据": {(1, 1), (299, 1)}},
    uncomputed={"数据": {(3, 3): "=A1*2"}},
)


@pytest.mark.parametrize("prefixed", [False, True], ids=["plain", "prefixed"])
@pytest.mark.parametrize("chunk", [64 * 1024, 100, 7, 1])
def test_marks_are_found_in_the_same_pass_across_chunks(here, monkeypatch, chunk, prefixed):
    path = write_marked(here / "marked.xlsx", prefixed)
    assert whole_part_marks(path) == EXPECTED_MARKS
    monkeypatch.setattr(archive, "_CHUNK", chunk)
    fmt, found = guards.inspect_workbook(path)
    assert fmt == "xlsx"
    assert found is not None and found.result() == EXPECTED_MARKS


def test_a_percentage_split_between_chunks(here, monkeypatch):
    """Every cut of B2's tag (<c r="B2" s="1">) between two chunks: the cell is found."""
    path = write_marked(here / "marked.xlsx")
    with zipfile.ZipFile(path) as zf:
        xml = zf.read(SHEET1)
    at = xml.index(b'<c r="B2" s="1">')
    for cut in range(at, at + 17):
        chunks = [xml[:cut], xml[cut:]]
        monkeypatch.setattr(
            guards,
            "part_chunks",
            lambda fh, info, chunks=chunks: (
                iter(chunks) if info.filename == SHEET1 else archive.part_chunks(fh, info)
            ),
        )
        found = guards.inspect_workbook(path)[1]
        assert found is not None and found.result().percents == EXPECTED_MARKS.percents, cut


def test_a_sheet_without_marks_is_not_read_again(here, monkeypatch):
    path = write_cells(here / "plain.xlsx", {"数据": {"A1": 1, "B2": "年份"}})
    found = guards.inspect_workbook(path)[1]
    assert found is not None
    monkeypatch.setattr(zipfile.ZipFile, "read", lambda *args: pytest.fail("read again"))
    assert found.result() == marks.CellMarks({}, {}, {})


ERROR_XML = [
    b'<c r="C3" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
    b"<c r='D3' t='e'><v>#N/A</v></c>",
    b'<c r="E3" t = "e" s="2"><v>#REF!</v></c>',
    b'<c t="e" r="F3"><v>#NAME?</v></c>',
    b'<x:c r="G3" t="e"><x:v>#NUM!</x:v></x:c>',
    b'<c r="H3" t="e"/>',  # no value: not a mark
    b'<c r="I3" t="e"><f>1/0</f></c>',  # nor this
    b'<c r="J3" t="s"><v>0</v></c>',
    b'<c r="K3"><is><t>say "e"</t></is></c>',
    b'<c r="L3" t="e" <c r="M3" t="e"><v>#VALUE!</v></c>',  # malformed: findall decides
    b'<c r="N3" t="e"><v>#N/A</v>',  # no </c>: the next cell's value is not taken
    b'<c r="C3" t="e"><v>#NULL!</v></c>',  # C3 again: the later one wins
]


def findall_errors(data: bytes) -> dict[tuple[int, int], str]:
    return {
        (int(row) - 1, used_range.column_number(letters.upper()) - 1): text.decode()
        for letters, row, text in marks._ERROR_CELL.findall(data)
    }


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ERROR_XML), max_size=8))
def test_error_cells_are_what_findall_finds(cells):
    data = b"<sheetData><row>" + b"".join(cells) + b"</row></sheetData>"
    assert marks._error_cells(data) == findall_errors(data)


def test_error_cells_of_every_kind_are_found():
    data = b"".join(ERROR_XML)
    assert (
        marks._error_cells(data)
        == findall_errors(data)
        == {
            (2, 2): "#NULL!",
            (2, 3): "#N/A",
            (2, 4): "#REF!",
            (2, 5): "#NAME?",
            (2, 6): "#NUM!",
            (2, 11): "#VALUE!",
            (2, 13): "#N/A",
        }
    )


PERCENT_XML = [
    b'<c r="B2" s="1"><v>0.5</v></c>',
    b"<c r='C2' s = '1'><v>0.5</v></c>",
    b'<c r="D2" s="01"><v>0.5</v></c>',
    b'<c r="E2" s="2"><v>0.5</v></c>',
    b'<c r="F2" s="1" t="s"><v>0</v></c>',
    b'<x:c r="G2" s="1"><x:v>0.5</x:v></x:c>',
    b'<c s="1" r="H2"><v>0.5</v></c>',
    b'<c r="I2"><is><t>keys="1"</t></is></c>',
    b'<c r="J2" s="1"/>',
    b'<c r="K2" s="1" t="n"><v>0.5</v></c>',
    b'<c r="L2" <c r="M2" s="1"><v>0.5</v></c>',  # malformed: findall decides (L2)
    b'\n <c r="N2" s="1"><v>0.5</v></c>',
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(PERCENT_XML), max_size=8), st.lists(st.integers(0, 400)))
def test_percentage_cells_are_what_findall_finds_however_cut(cells, cuts):
    data = b"<sheetData><row>" + b"".join(cells) + b"</row></sheetData>"
    workbook = marks.WorkbookMarks(Path("x.xlsx"))
    workbook.use_percent_styles({1})
    scan = workbook.sheet("xl/worksheets/sheet1.xml")
    bounds = sorted({0, len(data), *(c for c in cuts if c < len(data))})
    for start, end in itertools.pairwise(bounds):
        scan.feed(data[max(0, start - 64) : end], data[start:end])
    assert scan.percents == marks._percent_cells(data, {1})


@pytest.mark.parametrize(
    "rows",
    [
        b'<row r="2000000" ht="20"/>' * 3000,  # empty rows beyond the bound, read one by one
        b"<row r=\"4\"><c\nr='B4'><v>1</v></c></row>" * 3000,  # an r after a line break, each
        b'<row r="4"><c r="A4" t="inlineStr"><is><t>a r b r c r</t></is></c></row>' * 3000,
    ],
    ids=["empty rows", "line breaks", "text"],
)
def test_many_references_of_another_shape_go_to_the_exact_scan(here, monkeypatch, rows):
    """Past a thousand in a chunk, they are the exact scan's, at C speed: same outcome."""
    path = write_cells(here / "many.xlsx", {"数据": {"A1": 1, "B2": 2, "C3": 3}})
    rewrite_part(path, SHEET1, lambda xml: xml.replace(ROW3, ROW3 + rows, 1))
    exact = []
    stream_part = guards._stream_part
    monkeypatch.setattr(guards, "_stream_part", lambda *a: exact.append(1) or stream_part(*a))
    assert outcome(path) == ["passed"]
    assert exact == [1]
    assert exact_outcome(path, monkeypatch) == ["passed"]


FORMULA_XML = [
    b'<c r="B4"><f>A1*2</f><v /></c>',
    b'<c r="B5"><f>A1*2</f><v></v></c>',
    b'<c r="B6" s="3"><f>A1*2</f></c>',
    b'<c r="C9"><f t="shared" si="0"/></c>',
    b'<x:c r="B7"><x:f>IF(A1&gt;0,1,2)</x:f></x:c>',
    b'<c r="B8"><f>A1*2</f><v>10</v></c>',
    b'<c r="B9" t="str"><f>IF(A1,"","x")</f><v></v></c>',
    b'<c r="A4"/><c r="B10"><v>5</v></c>',
    b'<c r="D4">\n  <f>SUM(A1:A3)</f>\n</c>',
    b'<c r="D5"/><f>A1</f></c>',  # a self-closing cell: not one
    b'<c r="D6" <c r="D7"><f>A1</f></c>',  # malformed: findall decides
    b'<c r="D8"><is><t>a <f b:f c:fx</t></is></c>',
    b"<x:c r='E4'>\t<xf:f>1+1</xf:f></x:c>",
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FORMULA_XML), max_size=8))
def test_formulas_with_no_value_are_what_findall_finds(cells):
    data = b"<sheetData><row>" + b"".join(cells) + b"</row></sheetData>"
    assert marks._uncomputed_cells(data) == marks._UNCOMPUTED.findall(data)


def test_formulas_with_no_value_of_every_kind_are_found():
    data = b"".join(FORMULA_XML)
    assert marks._uncomputed(data) == {
        (3, 1): "=A1*2",
        (4, 1): "=A1*2",
        (5, 1): "=A1*2",
        (8, 2): "",
        (6, 1): "=IF(A1>0,1,2)",
        (3, 3): "=SUM(A1:A3)",
        (5, 3): "=A1",
        (3, 4): "=1+1",
    }
