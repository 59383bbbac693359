"""Checks run on an input file before any reader sees it.

Workbooks are untrusted input. python-calamine aborts the whole process (a Rust
panic, no exception) on a zip bomb or on a sheet whose used range is absurd (one
stray value near XFD1048576), and openpyxl exhausts memory on the same files. So
the file is refused here first, fast and in bounded memory, with a located error:

- ``sniff_format`` says what the file is by its first bytes, not its name;
- ``check_xlsx`` refuses unreadable zips, zip bombs (by the declared sizes first,
  then by counting the bytes actually decompressed, because declared sizes can
  lie) and absurd used ranges, found by streaming each worksheet's XML in chunks
  (the ``<dimension>`` element is not trusted: it can lie or be absent);
- ``check_xls`` and ``check_csv`` refuse files over a size limit;
- ``check_workbook`` does all of it and returns the format.
"""

from __future__ import annotations

import itertools
import operator
import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, NamedTuple

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ipkpi.errors import InputFileError, InputProblem

KiB = 1024
MiB = 1024 * KiB
GiB = 1024 * MiB

MAX_UNCOMPRESSED_BYTES = 256 * MiB  # all parts of a workbook together, as declared
MAX_PART_BYTES = 128 * MiB  # any single part
MAX_COMPRESSION_RATIO = 200  # per part, uncompressed/compressed, for parts over 1 MiB
MAX_ROWS = 1_048_576  # Excel's own limit
MAX_COLUMNS = 1_000  # column ALL
MAX_CELLS = 20_000_000  # used-range area (rows × columns, from A1) per sheet
MAX_XLS_BYTES = 64 * MiB
MAX_CSV_BYTES = 256 * MiB

_RATIO_FROM_BYTES = 1 * MiB  # the ratio limit applies to parts bigger than this
_MAX_PARTS = 10_000  # zip entries; a workbook has tens, a big one a few hundred
_MAX_DIRECTORY_BYTES = 4 * MiB  # the zip central directory, read whole by zipfile
_MAX_META_BYTES = 8 * MiB  # xl/workbook.xml and the .rels parts, parsed in memory
_CHUNK = 64 * KiB  # decompressed bytes handed to the scanner at a time
_OVERLAP = 4 * KiB  # bytes carried between chunks so refs split across them are seen
_OLE_SCAN_BYTES = 8 * MiB  # fallback search for EncryptionInfo when the OLE directory is odd

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_CSV_SUFFIXES = {".csv", ".txt"}

_ZIP_REFUSED = "truncated or corrupt workbook (not a readable zip archive)"
_ENCRYPTED = "encrypted workbook: save it without a password and ingest again"
_XLSB = (
    "workbook refused: a binary workbook (.xlsb) cannot be checked before reading; "
    "save it as .xlsx and ingest again"
)

# An ``r`` attribute: a cell's A1 reference (``<c r="B7">``) or a row's number
# (``<row r="7">``, with whether the row tag closes itself, i.e. holds no cells).
# Matched on the attribute, not the element name, so namespace prefixes cannot hide it.
_REF_RE = re.compile(rb"""\sr\s*=\s*["'](?:([A-Za-z]+)(\d+)["']|(\d+)["'][^<>]*?(/?)>)""")
_LETTERS, _DIGITS, _ROW_TAG, _SLASH = (operator.itemgetter(i) for i in range(4))


def _problem(path: Path, message: str, sheet: str | None = None, cell: str | None = None):
    return InputFileError([InputProblem(path, message, sheet, cell)])


# --------------------------------------------------------------------------- formats


def sniff_format(path: Path) -> str:
    """What the file is, by its content: 'xlsx', 'xls', 'encrypted' or 'csv'.

    'xlsx' is a zip holding ``xl/workbook.xml`` or ``[Content_Types].xml`` (or a
    damaged zip, which ``check_xlsx`` then refuses); 'xls' an OLE2 compound file;
    'encrypted' an OLE2 file with an ``EncryptionInfo`` stream (a password-protected
    xlsx); 'csv' anything else named .csv or .txt. Everything else is refused.
    """
    size = _file_size(path)
    if size == 0:
        raise _problem(path, "empty file")
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            if head.startswith(b"PK"):
                what = _zip_kind(fh, size)
                if what is None:
                    return "xlsx"
                if what == "xlsb":
                    raise _problem(path, _XLSB)
                raise _problem(path, f"not an Excel workbook or CSV file (it looks like {what})")
            if head == _OLE_MAGIC:
                return _ole_kind(path, fh, size)
            fh.seek(0)
            sample = fh.read(4 * KiB)
    except OSError as exc:
        raise _problem(path, f"cannot read file ({exc.strerror or exc})") from exc
    if path.suffix.lower() in _CSV_SUFFIXES:
        return "csv"
    raise _problem(path, f"not an Excel workbook or CSV file (it looks like {_describe(sample)})")


def _zip_kind(fh: BinaryIO, size: int) -> str | None:
    """None for a workbook (or a zip too damaged or too big to tell: check_xlsx says
    which); else what the zip looks like instead."""
    directory = _zip_directory(fh, size)
    if directory is None or directory[0] > _MAX_PARTS or directory[1] > _MAX_DIRECTORY_BYTES:
        return None
    try:
        with zipfile.ZipFile(fh) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, struct.error):
        return None
    if "xl/workbook.xml" in names:
        return None
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "word/document.xml" in names:
        return "a Word document"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation"
    if "[Content_Types].xml" in names:
        return None
    if "mimetype" in names and "content.xml" in names:
        return "an OpenDocument file; save it as .xlsx"
    return "a zip archive without a workbook in it"


def _ole_kind(path: Path, fh: BinaryIO, size: int) -> str:
    names = _ole_names(fh, size)
    if names is None:  # a directory this parser cannot walk: search for the name instead
        fh.seek(0)
        return "encrypted" if _ENCRYPTION_INFO in fh.read(_OLE_SCAN_BYTES) else "xls"
    if "EncryptionInfo" in names:
        return "encrypted"
    if "WordDocument" in names:
        raise _problem(path, "not an Excel workbook or CSV file (it looks like a Word document)")
    if "PowerPoint Document" in names:
        raise _problem(
            path, "not an Excel workbook or CSV file (it looks like a PowerPoint presentation)"
        )
    return "xls"


def _ole_names(fh: BinaryIO, size: int) -> set[str] | None:
    """The entry names in an OLE2 compound file's directory, or None when its
    directory chain cannot be followed from the header's first 109 FAT sectors."""
    fh.seek(0)
    header = fh.read(512)
    if len(header) < 512:
        return None
    shift = struct.unpack_from("<H", header, 30)[0]
    if shift not in (9, 12):
        return None
    sector_size = 1 << shift
    per_fat_sector = sector_size // 4
    difat = struct.unpack_from("<109L", header, 76)
    sector = struct.unpack_from("<L", header, 48)[0]
    names: set[str] = set()
    for _ in range(4096):  # a directory of 4096 sectors is far beyond any real file
        if sector == 0xFFFFFFFE:  # end of chain
            return names
        offset = (sector + 1) * sector_size
        if sector >= 0xFFFFFFFA or offset + sector_size > size:
            return None
        fh.seek(offset)
        block = fh.read(sector_size)
        for start in range(0, sector_size, 128):
            entry = block[start : start + 128]
            length = struct.unpack_from("<H", entry, 64)[0]
            if entry[66] in (1, 2, 5) and 2 <= length <= 64 and length % 2 == 0:
                names.add(entry[: length - 2].decode("utf-16-le", "replace"))
        index, slot = divmod(sector, per_fat_sector)
        if index >= len(difat) or difat[index] >= 0xFFFFFFFA:
            return None
        fh.seek((difat[index] + 1) * sector_size + slot * 4)
        raw = fh.read(4)
        if len(raw) < 4:
            return None
        sector = struct.unpack("<L", raw)[0]
    return None


def _describe(sample: bytes) -> str:
    """What a file that is neither a zip nor an OLE2 file looks like, from its start."""
    low = sample.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if low.startswith(b"%pdf"):
        return "a PDF document"
    if b"<html" in low or b"<table" in low or low.startswith(b"<!doctype html"):
        return "an HTML page; open it in Excel and save it as .xlsx"
    if low.startswith(b"<?xml"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in low:
            return "an Excel 2003 XML spreadsheet; save it as .xlsx"
        return "an XML file"
    if low.startswith(b"{\\rtf"):
        return "an RTF document"
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_text(sample):
        return "plain text; a CSV file must be named .csv or .txt"
    return "binary data starting " + " ".join(f"{b:02X}" for b in sample[:8])


def _looks_like_text(sample: bytes) -> bool:
    if b"\x00" in sample:
        return False
    controls = sum(1 for b in sample if b < 0x20 and b not in b"\t\n\r\f")
    return controls <= len(sample) // 100


# --------------------------------------------------------------------------- entry point


def check_workbook(path: Path) -> str:
    """Sniff the format, run its check, and return it: 'xlsx', 'xls' or 'csv'."""
    fmt = sniff_format(path)
    if fmt == "encrypted":
        raise _problem(path, _ENCRYPTED)
    if fmt == "xlsx":
        check_xlsx(path)
    elif fmt == "xls":
        check_xls(path)
    else:
        check_csv(path)
    return fmt


def check_xls(path: Path) -> None:
    """Refuse a legacy .xls file over MAX_XLS_BYTES."""
    size = _file_size(path)
    if size > MAX_XLS_BYTES:
        raise _problem(
            path,
            f"workbook refused: {_size(size)}, over the {_limit(MAX_XLS_BYTES)} limit "
            "for .xls files",
        )


def check_csv(path: Path) -> None:
    """Refuse a CSV file over MAX_CSV_BYTES."""
    size = _file_size(path)
    if size > MAX_CSV_BYTES:
        raise _problem(
            path,
            f"file refused: {_size(size)}, over the {_limit(MAX_CSV_BYTES)} limit for CSV files",
        )


def _file_size(path: Path) -> int:
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory")
        return path.stat().st_size
    except OSError as exc:
        raise _problem(path, f"cannot read file ({exc.strerror or exc})") from exc


# --------------------------------------------------------------------------- xlsx


def check_xlsx(path: Path) -> None:
    """Refuse a workbook that is not a readable zip, a zip bomb, or a sheet whose used
    range is absurd; one problem per violation.

    In order, each step only when the ones before found nothing:
    1. the zip directory: readable, at most 10 000 parts;
    2. the sizes each part declares: MAX_PART_BYTES, MAX_COMPRESSION_RATIO, and the
       total MAX_UNCOMPRESSED_BYTES (reported only when no single part is too big);
    3. every part is decompressed as a stream, counting the bytes it really yields and
       stopping past its declared size; worksheets are scanned for cell references on
       the way, stopping at the first beyond MAX_COLUMNS / MAX_CELLS / MAX_ROWS.
    Memory stays bounded by the chunk size whatever the file holds.
    """
    size = _file_size(path)
    if size == 0:
        raise _problem(path, "empty file")
    try:
        with path.open("rb") as fh:
            _check_zip(path, fh, size)
    except OSError as exc:
        raise _problem(path, f"cannot read file ({exc.strerror or exc})") from exc


def _check_zip(path: Path, fh: BinaryIO, size: int) -> None:
    directory = _zip_directory(fh, size)
    if directory is None:
        raise _problem(path, _ZIP_REFUSED)
    parts, directory_bytes = directory
    if parts > _MAX_PARTS:
        raise _problem(
            path,
            f"workbook refused: {parts} parts, over the limit of {_MAX_PARTS} (possible zip bomb)",
        )
    if directory_bytes > _MAX_DIRECTORY_BYTES:
        raise _problem(
            path,
            f"workbook refused: its zip directory is {_size(directory_bytes)}, over the "
            f"{_limit(_MAX_DIRECTORY_BYTES)} limit (possible zip bomb)",
        )
    try:
        zf = zipfile.ZipFile(fh)
    except (zipfile.BadZipFile, EOFError, ValueError, struct.error) as exc:
        raise _problem(path, _ZIP_REFUSED) from exc
    with zf:
        infos = zf.infolist()
        problems = _declared_size_problems(path, infos)
        if problems:
            raise InputFileError(problems)
        sheets = _worksheet_names(path, fh, infos)
        problems = []
        for info in infos:
            sheet = sheets.get(info.filename)
            problem = _stream_part(path, fh, info, sheet)
            if problem is not None and problem not in problems:
                problems.append(problem)
        if problems:
            raise InputFileError(problems)


def _zip_directory(fh: BinaryIO, size: int) -> tuple[int, int] | None:
    """(number of entries, central directory size) from the end record, zip64 included;
    None when there is no end record (not a zip, or cut short)."""
    tail_size = min(size, 22 + 65535)
    fh.seek(size - tail_size)
    tail = fh.read(tail_size)
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return None
    entries, directory_bytes, directory_offset = struct.unpack_from("<10xHLL", tail, at)
    if entries != 0xFFFF and directory_bytes != 0xFFFFFFFF and directory_offset != 0xFFFFFFFF:
        return entries, directory_bytes
    locator = at - 20
    if locator < 0 or tail[locator : locator + 4] != b"PK\x06\x07":
        return None
    record_offset = struct.unpack_from("<Q", tail, locator + 8)[0]
    if record_offset + 56 > size:
        return None
    fh.seek(record_offset)
    record = fh.read(56)
    if record[:4] != b"PK\x06\x06":
        return None
    entries, directory_bytes = struct.unpack_from("<QQ", record, 32)
    return entries, directory_bytes


def _declared_size_problems(path: Path, infos: list[zipfile.ZipInfo]) -> list[InputProblem]:
    problems = []
    total = 0
    too_big = False
    for info in infos:
        total += info.file_size
        name, usize, csize = info.filename, info.file_size, info.compress_size
        if usize > MAX_PART_BYTES:
            too_big = True
            problems.append(
                InputProblem(
                    path,
                    f"workbook refused: part {name} would decompress to {_size(usize)}, "
                    f"over the {_limit(MAX_PART_BYTES)} limit (possible zip bomb)",
                )
            )
        elif usize > _RATIO_FROM_BYTES and usize > csize * MAX_COMPRESSION_RATIO:
            ratio = f" ({usize // csize}:1)" if csize else ""
            problems.append(
                InputProblem(
                    path,
                    f"workbook refused: part {name} would decompress to {_size(usize)} from "
                    f"{_size(csize)}{ratio}, over the {MAX_COMPRESSION_RATIO}:1 limit "
                    "(possible zip bomb)",
                )
            )
    if total > MAX_UNCOMPRESSED_BYTES and not too_big:
        problems.append(
            InputProblem(
                path,
                f"workbook refused: its parts would decompress to {_size(total)} in total, "
                f"over the {_limit(MAX_UNCOMPRESSED_BYTES)} limit (possible zip bomb)",
            )
        )
    return problems


def _stream_part(
    path: Path, fh: BinaryIO, info: zipfile.ZipInfo, sheet: str | None
) -> InputProblem | None:
    """Decompress one part as a stream, in bounded memory, checking that it yields what
    it declares; scan it for cell references when it is a worksheet (``sheet`` is then
    its name). Returns the problem found, if any."""
    name = info.filename

    def corrupt(why: str) -> InputProblem:
        return InputProblem(path, f"truncated or corrupt workbook (part {name} {why})")

    if info.flag_bits & 0x1:
        return InputProblem(path, _ENCRYPTED)
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return InputProblem(
            path,
            f"workbook refused: part {name} uses compression method {info.compress_type}, "
            "which Excel does not write; save the workbook again from Excel",
        )
    if info.compress_type == zipfile.ZIP_STORED and info.compress_size != info.file_size:
        return corrupt(f"declares {_size(info.file_size)} but stores {_size(info.compress_size)}")
    # Deflate never grows data by more than a few bytes per 16 KiB block.
    if info.compress_size > info.file_size + info.file_size // 100 + KiB:
        return corrupt(
            f"declares {_size(info.file_size)} but holds {_size(info.compress_size)} "
            "of compressed data"
        )
    is_xml = name.endswith((".xml", ".rels", ".vml"))
    if sheet is None and not is_xml and info.compress_type == zipfile.ZIP_STORED:
        return None  # stored media: the sizes are checked, nothing to decompress
    scanner = _RangeScanner() if sheet is not None else None
    produced = 0
    tail = b""  # the end of the chunk before, so a DOCTYPE split between two is seen
    try:
        for chunk in _part_chunks(fh, info):
            if is_xml and (b"<!DOCTYPE" in tail + chunk[:16] or b"<!DOCTYPE" in chunk):
                return InputProblem(
                    path,
                    f"workbook refused: part {name} declares a DTD (<!DOCTYPE …>), which "
                    "workbooks never contain (possible XML entity attack)",
                )
            tail = (tail + chunk[-16:])[-16:]
            produced += len(chunk)
            if produced > info.file_size:
                return corrupt(f"decompresses to more than the {_size(info.file_size)} it declares")
            if scanner is not None and scanner.feed(chunk):
                return scanner.problem(path, sheet or name)
    except _DamagedPart as exc:
        return corrupt(str(exc))
    except (OSError, ValueError) as exc:  # offsets pointing outside the file
        return corrupt(f"cannot be read ({exc})")
    if scanner is not None and scanner.finish():
        return scanner.problem(path, sheet or name)
    if produced != info.file_size:
        return corrupt(f"is cut short ({produced} of {info.file_size} bytes)")
    return None


class _DamagedPart(Exception):
    pass


def _part_chunks(fh: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A part's decompressed bytes, _CHUNK at a time, read straight from the file: the
    whole deflate stream, however much it yields, so the caller can count it (zipfile
    itself would silently stop at the declared size)."""
    fh.seek(info.header_offset)
    local = fh.read(30)
    if len(local) < 30 or local[:4] != b"PK\x03\x04":
        raise _DamagedPart("has no local header")
    name_length, extra_length = struct.unpack_from("<HH", local, 26)
    fh.seek(info.header_offset + 30 + name_length + extra_length)
    left = info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        while left > 0:
            data = fh.read(min(_CHUNK, left))
            if not data:
                raise _DamagedPart("is cut short")
            left -= len(data)
            yield data
        return
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        while not inflater.eof:
            if inflater.unconsumed_tail:
                data = inflater.unconsumed_tail
            elif left > 0:
                data = fh.read(min(_CHUNK, left))
                if not data:
                    raise _DamagedPart("is cut short")
                left -= len(data)
            else:
                data = b""  # no input left: drain what zlib still holds
            out = inflater.decompress(data, _CHUNK)
            if out:
                yield out
            elif not data:
                raise _DamagedPart("is cut short")
    except zlib.error as exc:
        raise _DamagedPart(f"is damaged ({exc})") from exc


class _RangeScanner:
    """Finds a sheet's used range from the cell references in its XML, fed in chunks.

    Each chunk is scanned together with the last _OVERLAP bytes of the one before, so
    a reference split between two chunks is still seen (seeing one twice is harmless:
    only the maxima count). ``<row r="N">`` counts for rows that hold cells (cells may
    omit their own ``r``); a self-closing ``<row …/>`` holds none and is ignored.
    """

    def __init__(self) -> None:
        self.max_row = 0
        self.max_col = 0
        self.cell = ""  # the reference that took the range over a limit
        self.carry = b""
        self.pending = 0  # a row tag not yet followed by a cell reference in that row

    def feed(self, chunk: bytes) -> bool:
        """True once the range is over a limit (stop feeding then)."""
        region = self.carry + chunk
        self.carry = region[-_OVERLAP:]
        found = _REF_RE.findall(region)
        if not found:
            return False
        # Sets of the distinct values, built at C speed (a chunk holds thousands of refs).
        cols = set(map(_LETTERS, found))
        rows = set(map(_DIGITS, found))
        rows.update(
            itertools.compress(map(_ROW_TAG, found), map(operator.not_, map(_SLASH, found)))
        )
        cols.discard(b"")
        rows.discard(b"")
        top_row = max(self.max_row, self.pending, max(map(int, rows), default=0))
        top_col = max(self.max_col, max(map(_column_number, cols), default=0))
        if not _over(top_row, top_col):
            self.max_row, self.max_col, self.pending = top_row, top_col, 0
            return False
        return self._walk(region)

    def _walk(self, region: bytes) -> bool:
        """Over a limit somewhere in this region: go through it in order to name the
        first culprit. A row tag counts only once it is clear that no cell reference in
        that row follows, so the stray cell itself is named, not its row."""
        for match in _REF_RE.finditer(region):
            col_letters, row_text, row_tag, slash = match.groups()
            if col_letters:
                row = int(row_text)
                if self.pending and self.pending != row and self._settle():
                    return True
                self.pending = 0
                self.max_row = max(self.max_row, row)
                self.max_col = max(self.max_col, _column_number(col_letters))
                if _over(self.max_row, self.max_col):
                    self.cell = f"{col_letters.decode().upper()}{row}"
                    return True
            elif not slash:
                row = int(row_tag)
                if self.pending and self.pending != row and self._settle():
                    return True
                self.pending = row
        return False  # only a row tag at the very end is over: the next chunk decides

    def _settle(self) -> bool:
        """Count the pending row tag; True when that takes the range over a limit."""
        self.max_row = max(self.max_row, self.pending)
        self.pending = 0
        if _over(self.max_row, self.max_col):
            self.cell = self.corner()
            return True
        return False

    def finish(self) -> bool:
        """At the end of the sheet: True when the range is over a limit."""
        return bool(self.pending) and self._settle()

    def corner(self) -> str:
        return f"{_column_letters(max(self.max_col, 1))}{self.max_row}"

    def problem(self, path: Path, sheet: str) -> InputProblem:
        cols = max(self.max_col, 1)
        rows = self.max_row
        if rows > MAX_ROWS:
            limit = f"Excel's limit of {MAX_ROWS} rows"
        else:
            limit = f"the limit of {MAX_COLUMNS} columns / {MAX_CELLS} cells"
        return InputProblem(
            path,
            f"used range reaches {self.corner()} ({_plural(cols, 'column')} × "
            f"{_plural(rows, 'row')}), over {limit}; delete the stray cell or save only the table",
            sheet=sheet,
            cell=self.cell,
        )


def _over(rows: int, cols: int) -> bool:
    if rows and not cols:
        cols = 1  # cells without references start in column A
    return rows > MAX_ROWS or cols > MAX_COLUMNS or rows * cols > MAX_CELLS


def _column_number(letters: bytes) -> int:
    number = 0
    for byte in letters.upper():
        number = number * 26 + byte - 64
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# --------------------------------------------------------------------------- sheet names


def _worksheet_names(path: Path, fh: BinaryIO, infos: list[zipfile.ZipInfo]) -> dict[str, str]:
    """Worksheet part → the sheet's name, from the workbook and its relationships.

    Parts under a ``worksheets/`` folder that the workbook does not name are still
    scanned, under their part name. Unparseable metadata leaves only those.
    """
    by_name = {info.filename: info for info in infos}
    names = {
        info.filename: info.filename
        for info in infos
        if re.search(r"(^|/)worksheets/[^/]+\.xml$", info.filename, re.IGNORECASE)
    }
    workbook = "xl/workbook.xml"
    for rel in _relationships(path, fh, by_name, "_rels/.rels", ""):
        if rel[0].endswith("/officeDocument"):
            workbook = rel[1]
    folder = posixpath.dirname(workbook)
    rels_part = posixpath.join(folder, "_rels", posixpath.basename(workbook) + ".rels")
    targets = {
        rel_id: target
        for kind, target, rel_id in _relationships(path, fh, by_name, rels_part, folder)
        if kind.endswith("/worksheet")
    }
    root = _parse_part(path, fh, by_name.get(workbook))
    if root is None:
        return names
    for element in root.iter():
        if _local(element.tag) != "sheet":
            continue
        rel_id = next(
            (v for k, v in element.attrib.items() if k.startswith("{") and _local(k) == "id"),
            None,
        )
        sheet_name = element.attrib.get("name")
        if rel_id in targets and sheet_name and targets[rel_id] in by_name:
            names[targets[rel_id]] = sheet_name
    return names


def _relationships(
    path: Path, fh: BinaryIO, by_name: dict[str, zipfile.ZipInfo], part: str, folder: str
) -> list[tuple[str, str, str]]:
    """(type, target part, id) of each relationship in a .rels part."""
    root = _parse_part(path, fh, by_name.get(part))
    if root is None:
        return []
    found = []
    for element in root.iter():
        if _local(element.tag) != "Relationship" or element.get("TargetMode") == "External":
            continue
        target = element.get("Target", "")
        if target.startswith("/"):
            target = target.lstrip("/")
        else:
            target = posixpath.normpath(posixpath.join(folder, target))
        found.append((element.get("Type", ""), target, element.get("Id", "")))
    return found


def _parse_part(path: Path, fh: BinaryIO, info: zipfile.ZipInfo | None):
    """A small XML part parsed safely, or None when it is missing, big or unreadable
    (the streaming pass reports real damage)."""
    if info is None or info.file_size > _MAX_META_BYTES:
        return None
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return None
    data = bytearray()
    try:
        for chunk in _part_chunks(fh, info):
            data += chunk
            if len(data) > _MAX_META_BYTES:
                return None
        return SafeET.fromstring(bytes(data))
    except DefusedXmlException as exc:
        raise _problem(
            path,
            f"workbook refused: part {info.filename} declares XML entities, which workbooks "
            "never contain (possible XML entity attack)",
        ) from exc
    except (_DamagedPart, SafeET.ParseError):
        return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


# --------------------------------------------------------------------------- formatting


def _size(n: int) -> str:
    """A byte count for people: 512 bytes, 1.5 KiB, 70.0 MiB, 1.0 GiB."""
    if n < KiB:
        return f"{n} bytes"
    value = float(n)
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        value /= 1024
        if value < 1024 or unit == "TiB":
            return f"{value:.1f} {unit}"
    raise AssertionError("unreachable")  # pragma: no cover


def _limit(n: int) -> str:
    """A limit for people, without a needless decimal: 128 MiB."""
    text = _size(n)
    return text.replace(".0 ", " ")


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


# --------------------------------------------------------------------------- error cells

_ERROR_CELL = re.compile(
    rb"""<(?:\w+:)?c\b(?=[^>]*\bt\s*=\s*["']e["'])[^>]*?\br\s*=\s*["']([A-Za-z]+)(\d+)["'][^>]*>"""
    rb"""(?:(?!</(?:\w+:)?c>).)*?<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>""",
    re.DOTALL,
)


class CellMarks(NamedTuple):
    """What python-calamine does not report about a workbook's cells, per sheet name."""

    errors: dict[str, dict[tuple[int, int], str]]  # (row, col) → "#DIV/0!"
    percents: dict[str, set[tuple[int, int]]]  # number cells shown as percentages


def cell_marks(path: Path) -> CellMarks:
    """Formula-error cells (``#DIV/0!``, ``#N/A`` …), which python-calamine reads as
    empty cells and would make a broken figure look missing, and number cells formatted
    as percentages (Excel stores 19.6% as 0.196), per sheet name as zero-based (row,
    column). One opening of the archive: a sheet part is read whole only when it mentions
    an error or the workbook has a percentage format. Call only after ``check_xlsx``."""
    errors: dict[str, dict[tuple[int, int], str]] = {}
    percents: dict[str, set[tuple[int, int]]] = {}
    with path.open("rb") as fh, zipfile.ZipFile(fh) as archive:
        infos = archive.infolist()
        styles = _parse_part(path, fh, next((i for i in infos if i.filename == _STYLES), None))
        percent = _percent_styles(styles) if styles is not None else set()
        for part, sheet in _worksheet_names(path, fh, infos).items():
            with_errors = _mentions_errors(archive, part)
            if not (with_errors or percent):
                continue
            data = archive.read(part)  # bounded: check_xlsx refused oversized parts
            if with_errors:
                errors[sheet] = {
                    (int(row) - 1, _column_number(letters.upper()) - 1): text.decode(
                        "utf-8", "replace"
                    )
                    for letters, row, text in _ERROR_CELL.findall(data)
                }
            cells = (
                {
                    (int(row) - 1, _column_number(letters.upper()) - 1)
                    for style, letters, row in _STYLED_CELL.findall(data)
                    if int(style) in percent
                }
                if percent
                else set()
            )
            if cells:
                percents[sheet] = cells
    return CellMarks(errors, percents)


def _mentions_errors(archive: zipfile.ZipFile, part: str) -> bool:
    """Whether a sheet part has an error-typed cell, streamed so a clean sheet costs
    one decompression and no more than a chunk of memory."""
    tail = b""
    with archive.open(part) as stream:
        while chunk := stream.read(1 << 20):
            window = tail + chunk
            if b't="e"' in window or b"t='e'" in window:
                return True
            tail = chunk[-16:]
    return False


# --------------------------------------------------------------------------- percent cells

# Built-in number formats 9 (0%) and 10 (0.00%); a custom format is a percentage when a %
# stands outside its quoted text, escapes and [colour] brackets.
_PERCENT_BUILTIN = frozenset({9, 10})
_STYLES = "xl/styles.xml"
_FORMAT_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_STYLED_CELL = re.compile(
    rb"""<(?:\w+:)?c\b(?![^>]*\bt\s*=\s*["'](?:s|str|inlineStr|e|b)["'])"""
    rb"""(?=[^>]*\bs\s*=\s*["'](\d+)["'])[^>]*?\br\s*=\s*["']([A-Za-z]+)(\d+)["'][^>]*>"""
)


def _percent_styles(styles) -> set[int]:
    """The indexes of the cell formats (cellXfs) that show a number as a percentage."""
    custom = {}
    for element in styles.iter():
        if _local(element.tag) == "numFmt":
            code = _FORMAT_LITERALS.sub("", element.get("formatCode", ""))
            custom[element.get("numFmtId")] = "%" in code
    found = set()
    for element in styles.iter():
        if _local(element.tag) != "cellXfs":
            continue
        for index, xf in enumerate(e for e in element if _local(e.tag) == "xf"):
            fmt = xf.get("numFmtId", "0")
            if custom.get(fmt) or (fmt.isdigit() and int(fmt) in _PERCENT_BUILTIN):
                found.add(index)
    return found
