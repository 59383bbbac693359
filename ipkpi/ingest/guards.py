"""Checks run on an input file before any reader sees it.

Workbooks are untrusted input. python-calamine aborts the whole process (a Rust
panic, no exception) on a zip bomb or on a sheet whose used range is absurd (one
stray value near XFD1048576), and openpyxl exhausts memory on the same files. So
the file is refused here first, fast and in bounded memory, with a located error:

- ``sniff_format`` (``ipkpi.ingest.sniff``) says what the file is by its first bytes,
  not its name;
- ``check_xlsx`` refuses unreadable zips, zip bombs (by the declared sizes first,
  then by counting the bytes actually decompressed, because declared sizes can
  lie) and absurd used ranges, found by streaming each worksheet's XML in chunks
  (``ipkpi.ingest.used_range``; the ``<dimension>`` element is not trusted: it can lie
  or be absent);
- ``check_xls`` and ``check_csv`` refuse files over a size limit;
- ``check_workbook`` does all of it and returns the format; ``inspect_workbook`` also
  what an .xlsx's sheets hold that python-calamine does not report (``ipkpi.ingest.marks``);
- ``check_size`` refuses a file too big to be read whole (as ingest does for its SHA-256),
  by its size on disk, before any more than its first bytes are read.

One pass: each part of an .xlsx is decompressed once before calamine, in chunks, and each
chunk of a worksheet answers every question on the way: a ``<!DOCTYPE`` (searched for only
where memchr finds a "!"), the bytes really decompressed against the size declared, the
used range's bound (``used_range.RangeBound``: one regular-expression search a chunk that
no ordinary reference matches), and the marks (``marks.SheetMarks``: substring tests for
an error cell or a formula with no value, percentage cells tag by tag). A sheet is
streamed again only when it must be: by the exact ``used_range.RangeScanner`` when its
bound is over a limit (it then refuses, in the words it always did, or passes), and whole,
after calamine, when it holds an error cell or a formula with no value. On the
benchmark's 1.6-million-cell workbooks (8 MB; 50 and 80 MB of sheet XML) the pass, marks
included, takes 0.26–0.46 s, of which zlib's decompression alone is 0.06–0.12 s: about a
fifth (14–21 %) of calamine's read of the same file (1.2–2.5 s). The guard and the marks
took 1.3–2.5 s in two passes before (a regular expression listing every reference).

The limits are ``ipkpi.limits``'.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path
from typing import BinaryIO

from ipkpi.errors import InputFileError, InputProblem
from ipkpi.ingest.archive import (
    DamagedPart,
    declared_size_problems,
    limit_text,
    part_chunks,
    size_text,
    worksheet_names,
    zip_directory,
)
from ipkpi.ingest.marks import SheetMarks, WorkbookMarks
from ipkpi.ingest.sniff import file_size, refusal, sniff_format, unreadable
from ipkpi.ingest.used_range import RangeBound, RangeScanner, WorkbookCells
from ipkpi.limits import (
    MAX_CSV_BYTES,
    MAX_DIRECTORY_BYTES,
    MAX_PARTS,
    MAX_WORKBOOK_CELLS,
    MAX_XLS_BYTES,
    MAX_XLSX_BYTES,
    KiB,
)
from ipkpi.messages import Message, msg

# --------------------------------------------------------------------------- entry point


def check_workbook(path: Path) -> str:
    """Sniff the format, run its check, and return it: 'xlsx', 'xls' or 'csv'."""
    return inspect_workbook(path, marks=False)[0]


def inspect_workbook(path: Path, *, marks: bool = True) -> tuple[str, WorkbookMarks | None]:
    """``check_workbook``, and for an .xlsx what its sheets hold that python-calamine does
    not report, found in the same pass (``WorkbookMarks.result`` says it once the reader
    has read the file): (the format, the marks or None)."""
    fmt = sniff_format(path)
    if fmt == "encrypted":
        raise refusal(path, msg("E-FILE-ENCRYPTED"))
    found = None
    if fmt == "xlsx":
        found = check_xlsx(path, marks=marks)
    elif fmt == "xls":
        check_xls(path)
    else:
        check_csv(path)
    return fmt, found


def check_size(path: Path) -> None:
    """Refuse, by its size on disk (os.stat), a file over its format's limit: a CSV over
    MAX_CSV_BYTES, an .xls over MAX_XLS_BYTES, an .xlsx over MAX_XLSX_BYTES."""
    fmt = sniff_format(path)
    if fmt == "csv":
        check_csv(path)
    elif fmt == "xls":
        check_xls(path)
    elif fmt == "xlsx":
        size = file_size(path)
        if size > MAX_XLSX_BYTES:
            raise refusal(path, _too_large("E-XLSX-TOO-LARGE", size, MAX_XLSX_BYTES))


def check_xls(path: Path) -> None:
    """Refuse a legacy .xls file over MAX_XLS_BYTES."""
    size = file_size(path)
    if size > MAX_XLS_BYTES:
        raise refusal(path, _too_large("E-XLS-TOO-LARGE", size, MAX_XLS_BYTES))


def check_csv(path: Path) -> None:
    """Refuse a CSV file over MAX_CSV_BYTES."""
    size = file_size(path)
    if size > MAX_CSV_BYTES:
        raise refusal(path, _too_large("E-CSV-TOO-LARGE", size, MAX_CSV_BYTES))


def _too_large(code: str, size: int, limit: int) -> Message:
    return msg(code, size=size_text(size), limit=limit_text(limit))


# --------------------------------------------------------------------------- xlsx


def check_xlsx(path: Path, *, marks: bool = False) -> WorkbookMarks | None:
    """Refuse a workbook that is not a readable zip, a zip bomb, or a sheet whose used
    range is absurd; one problem per violation. With ``marks``, also return what its sheets
    hold that python-calamine does not report (``ipkpi.ingest.marks``), from the same pass.

    In order, each step only when the ones before found nothing:
    1. the zip directory: readable, at most 10 000 parts;
    2. the sizes each part declares: MAX_PART_BYTES, MAX_COMPRESSION_RATIO, and the
       total MAX_UNCOMPRESSED_BYTES (reported only when no single part is too big);
    3. every part is decompressed as a stream, counting the bytes it really yields and
       stopping past its declared size; worksheets are scanned for cell references on
       the way, stopping at the first beyond MAX_COLUMNS / MAX_CELLS / MAX_ROWS.
    Memory stays bounded by the chunk size whatever the file holds.
    """
    size = file_size(path)
    if size == 0:
        raise refusal(path, msg("E-FILE-EMPTY"))
    found = WorkbookMarks(path) if marks else None
    try:
        with path.open("rb") as fh:
            _check_zip(path, fh, size, found)
    except OSError as exc:
        raise refusal(path, unreadable(exc)) from exc
    return found


def _check_zip(path: Path, fh: BinaryIO, size: int, marks: WorkbookMarks | None) -> None:
    directory = zip_directory(fh, size)
    if directory is None:
        raise refusal(path, msg("E-ZIP-UNREADABLE"))
    parts, directory_bytes = directory
    if parts > MAX_PARTS:
        raise refusal(path, msg("E-ZIP-TOO-MANY-PARTS", parts=parts, limit=MAX_PARTS))
    if directory_bytes > MAX_DIRECTORY_BYTES:
        raise refusal(
            path, _too_large("E-ZIP-DIRECTORY-TOO-LARGE", directory_bytes, MAX_DIRECTORY_BYTES)
        )
    try:
        zf = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, EOFError, ValueError, struct.error) as exc:
        raise refusal(path, msg("E-ZIP-UNREADABLE")) from exc
    with zf:
        infos = zf.infolist()
        problems = declared_size_problems(path, infos)
        if problems:
            raise InputFileError(problems)
        sheets = worksheet_names(path, fh, infos)
        if marks is not None:
            marks.start(fh, infos, sheets)
        problems = _stream_parts(path, fh, infos, sheets, marks)
        if problems:
            raise InputFileError(problems)


def _stream_parts(
    path: Path,
    fh: BinaryIO,
    infos: list[zipfile.ZipInfo],
    sheets: dict[str, str],
    marks: WorkbookMarks | None,
) -> list[InputProblem]:
    """Every part streamed once, in the archive's order: the problems, one a part at most,
    as the exact scan of every sheet would find them. A sheet's used range is bounded by
    RangeBound; a sheet whose bound is over a limit is scanned again by RangeScanner, and
    when the bounds together are over MAX_WORKBOOK_CELLS the sheets so far are, to add up
    their exact ranges (WorkbookCells stops at the sheet that takes the total over)."""
    found: list[tuple[int, InputProblem]] = []  # (index of the part, its problem)
    scanned: list[tuple[int, str, RangeBound | RangeScanner]] = []  # sheets without problem
    total = 0  # of the ranges in scanned: bounds, or exact areas once counted exactly
    for index, info in enumerate(infos):
        sheet = sheets.get(info.filename)
        problem, scanner = _check_part(path, fh, info, sheet, marks)
        if problem is None and scanner is not None:
            scanned.append((index, sheet or info.filename, scanner))
            total += scanner.area()
            if total > MAX_WORKBOOK_CELLS:
                total, over = _exact_total(path, fh, infos, scanned)
                if over is not None:  # the whole workbook is over: no need to read more
                    at, problem = over
                    return [*(p for i, p in found if i < at), problem]
        if problem is not None and all(problem != p for _, p in found):
            found.append((index, problem))
    return [p for _, p in found]


def _exact_total(
    path: Path,
    fh: BinaryIO,
    infos: list[zipfile.ZipInfo],
    scanned: list[tuple[int, str, RangeBound | RangeScanner]],
) -> tuple[int, tuple[int, InputProblem] | None]:
    """The sheets' exact used ranges added up in order, each bound replaced in ``scanned``
    by its sheet's exact scan: (the total, None), or (…, (index, problem)) at the first
    sheet that takes it over MAX_WORKBOOK_CELLS."""
    cells = WorkbookCells()
    for n, (index, sheet, scanner) in enumerate(scanned):
        exact = scanner
        if isinstance(scanner, RangeBound):
            exact = RangeScanner()
            _stream_part(path, fh, infos[index], sheet, exact)  # within its bound: no problem
            scanned[n] = (index, sheet, exact)
        assert isinstance(exact, RangeScanner)
        problem = cells.add(path, sheet, exact)
        if problem is not None:
            return cells.total, (index, problem)
    return cells.total, None


_OVER = object()  # a sheet's bound went over a limit: the exact scan decides


def _check_part(
    path: Path,
    fh: BinaryIO,
    info: zipfile.ZipInfo,
    sheet: str | None,
    marks: WorkbookMarks | None,
) -> tuple[InputProblem | None, RangeBound | RangeScanner | None]:
    """One part checked (and, for a sheet, its used range found): its problem, if any, and
    the sheet's scanner. A sheet whose bound goes over a limit is streamed again with the
    exact scanner, which finds the same problems as it would have alone, and its marks
    (a sheet that large is rare)."""
    if sheet is None:
        return _scan_part(path, fh, info, None, None, None), None
    bound = RangeBound()
    sheet_marks = marks.sheet(info.filename) if marks is not None else None
    problem = _scan_part(path, fh, info, sheet, bound, sheet_marks)
    if problem is not _OVER:
        return problem, bound
    scanner = RangeScanner()
    sheet_marks = marks.sheet(info.filename) if marks is not None else None
    return _stream_part(path, fh, info, sheet, scanner, sheet_marks), scanner


def _scan_part(
    path: Path,
    fh: BinaryIO,
    info: zipfile.ZipInfo,
    sheet: str | None,
    bound: RangeBound | None,
    marks: SheetMarks | None,
    scanner: RangeScanner | None = None,
):
    """Decompress one part as a stream, in bounded memory, checking that it yields what
    it declares; a worksheet's regions are fed to ``bound`` and to ``marks``, its chunks
    to the exact ``scanner`` (``sheet`` is then its name). Returns the problem found, if
    any, or _OVER."""
    name = info.filename
    problem = _header_problem(path, info)
    if problem is not None:
        return problem
    is_xml = name.endswith((".xml", ".rels", ".vml"))
    if sheet is None and not is_xml and info.compress_type == zipfile.ZIP_STORED:
        return None  # stored media: the sizes are checked, nothing to decompress
    produced = 0
    tail = b""  # the end of the chunks before: a DOCTYPE or a reference split between two
    try:
        for chunk in part_chunks(fh, info):
            region = tail + chunk if tail else chunk
            # "!" first: memchr is far cheaper than a search for the whole word
            if is_xml and b"!" in region and b"<!DOCTYPE" in region:
                return InputProblem(path, msg("E-XML-DTD", part=name))
            produced += len(chunk)
            if produced > info.file_size:
                return _corrupt(
                    path, name, msg("corrupt.longer", declared=size_text(info.file_size))
                )
            if scanner is not None and scanner.feed(chunk):
                return scanner.problem(path, sheet or name)
            keep = _TAIL
            if bound is not None:
                if bound.feed(region):
                    return _OVER
                keep = bound.keep
            if marks is not None:
                marks.feed(region, chunk)
            tail = region[-keep:]
    except DamagedPart as exc:
        return _corrupt(path, name, exc.why)
    except (OSError, ValueError) as exc:  # offsets pointing outside the file
        return _corrupt(path, name, msg("corrupt.unreadable", reason=str(exc)))
    if scanner is not None and scanner.finish():
        return scanner.problem(path, sheet or name)
    if produced != info.file_size:
        why = msg("corrupt.shorter", produced=produced, declared=info.file_size)
        return _corrupt(path, name, why)
    return None


_TAIL = 64  # bytes carried from a chunk to the next, at the least


def _stream_part(
    path: Path,
    fh: BinaryIO,
    info: zipfile.ZipInfo,
    sheet: str,
    scanner: RangeScanner,
    marks: SheetMarks | None = None,
) -> InputProblem | None:
    """The exact scan of a worksheet (``_scan_part`` with ``scanner``): every reference read,
    stopping at the first beyond a limit; its marks found on the way."""
    return _scan_part(path, fh, info, sheet, None, marks, scanner)


def _header_problem(path: Path, info: zipfile.ZipInfo) -> InputProblem | None:
    """What the part's entry in the directory says that refuses it before any byte of it
    is read: encryption, a method Excel does not write, sizes no deflate stream can have."""
    name = info.filename
    declared, stored = size_text(info.file_size), size_text(info.compress_size)
    if info.flag_bits & 0x1:
        return InputProblem(path, msg("E-FILE-ENCRYPTED"))
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return InputProblem(path, msg("E-ZIP-METHOD", part=name, method=info.compress_type))
    if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
        return _corrupt(path, name, msg("corrupt.stores", declared=declared, stored=stored))
    # Deflate never grows data by more than a few bytes per 16 KiB block.
    if info.compress_size > info.file_size + info.file_size // 100 + KiB:
        return _corrupt(path, name, msg("corrupt.holds", declared=declared, stored=stored))
    return None


def _corrupt(path: Path, part: str, why: Message) -> InputProblem:
    return InputProblem(path, msg("E-ZIP-PART-CORRUPT", part=part, why=why))
