"""What an input file is, by its first bytes rather than its name.

``sniff_format`` tells an .xlsx workbook (a zip), a legacy .xls (an OLE2 compound file), a
password-protected workbook (an OLE2 file with an ``EncryptionInfo`` stream) and a CSV file
apart, and names what anything else looks like (a Word document, a PDF, an HTML page…) in
the refusal.
"""

from __future__ import annotations

import struct
import zipfile
from pathlib import Path
from typing import BinaryIO

from ipkpi.errors import InputFileError, InputProblem
from ipkpi.ingest.archive import zip_directory
from ipkpi.limits import MAX_DIRECTORY_BYTES, MAX_PARTS, KiB, MiB
from ipkpi.messages import Message, msg

_OLE_SCAN_BYTES = 8 * MiB  # fallback search for EncryptionInfo when the OLE directory is odd

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")
_CSV_SUFFIXES = {".csv", ".txt"}


def refusal(path: Path, message: Message) -> InputFileError:
    """The error refusing a whole file, with why."""
    return InputFileError([InputProblem(path, message)])


def file_size(path: Path) -> int:
    """The file's size; a refusal when it cannot be read (or is a folder)."""
    try:
        if path.is_dir():
            raise IsADirectoryError(21, "Is a directory")
        return path.stat().st_size
    except OSError as exc:
        raise refusal(path, unreadable(exc)) from exc


def unreadable(exc: OSError) -> Message:
    """``cannot read file (Permission denied)``."""
    return msg("E-FILE-UNREADABLE", reason=exc.strerror or str(exc))


def sniff_format(path: Path) -> str:
    """What the file is, by its content: 'xlsx', 'xls', 'encrypted' or 'csv'.

    'xlsx' is a zip holding ``xl/workbook.xml`` or ``[Content_Types].xml`` (or a
    damaged zip, which ``check_xlsx`` then refuses); 'xls' an OLE2 compound file;
    'encrypted' an OLE2 file with an ``EncryptionInfo`` stream (a password-protected
    xlsx); 'csv' anything else named .csv or .txt. Everything else is refused.
    """
    size = file_size(path)
    if size == 0:
        raise refusal(path, msg("E-FILE-EMPTY"))
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            if head.startswith(b"PK"):
                what = _zip_kind(fh, size)
                if what is None:
                    return "xlsx"
                if what == "xlsb":
                    raise refusal(path, msg("E-FILE-XLSB"))
                raise refusal(path, _not_a_workbook(what))
            if head == _OLE_MAGIC:
                return _ole_kind(path, fh, size)
            fh.seek(0)
            sample = fh.read(4 * KiB)
    except OSError as exc:
        raise refusal(path, unreadable(exc)) from exc
    if path.suffix.lower() in _CSV_SUFFIXES:
        return "csv"
    raise refusal(path, _not_a_workbook(_describe(sample)))


def _not_a_workbook(what: Message) -> Message:
    """``not an Excel workbook or CSV file (it looks like a PDF document)``."""
    return msg("E-FILE-NOT-WORKBOOK", what=what)


def _zip_kind(fh: BinaryIO, size: int) -> Message | str | None:
    """None for a workbook (or a zip too damaged or too big to tell: check_xlsx says
    which); "xlsb" for a binary workbook; else what the zip looks like instead."""
    directory = zip_directory(fh, size)
    if directory is None or directory[0] > MAX_PARTS or directory[1] > MAX_DIRECTORY_BYTES:
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
        return msg("looks.word")
    if "ppt/presentation.xml" in names:
        return msg("looks.powerpoint")
    if "[Content_Types].xml" in names:
        return None
    if "mimetype" in names and "content.xml" in names:
        return msg("looks.opendocument")
    return msg("looks.zip")


def _ole_kind(path: Path, fh: BinaryIO, size: int) -> str:
    names = _ole_names(fh, size)
    if names is None:  # a directory this parser cannot walk: search for the name instead
        fh.seek(0)
        return "encrypted" if _ENCRYPTION_INFO in fh.read(_OLE_SCAN_BYTES) else "xls"
    if "EncryptionInfo" in names:
        return "encrypted"
    if "WordDocument" in names:
        raise refusal(path, _not_a_workbook(msg("looks.word")))
    if "PowerPoint Document" in names:
        raise refusal(path, _not_a_workbook(msg("looks.powerpoint")))
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


def _describe(sample: bytes) -> Message:
    """What a file that is neither a zip nor an OLE2 file looks like, from its start."""
    low = sample.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if low.startswith(b"%pdf"):
        return msg("looks.pdf")
    if b"<html" in low or b"<table" in low or low.startswith(b"<!doctype html"):
        return msg("looks.html")
    if low.startswith(b"<?xml"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in low:
            return msg("looks.xml2003")
        return msg("looks.xml")
    if low.startswith(b"{\\rtf"):
        return msg("looks.rtf")
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_text(sample):
        return msg("looks.text")
    return msg("looks.binary", start=" ".join(f"{b:02X}" for b in sample[:8]))


def _looks_like_text(sample: bytes) -> bool:
    if b"\x00" in sample:
        return False
    controls = sum(1 for b in sample if b < 0x20 and b not in b"\t\n\r\f")
    return controls <= len(sample) // 100
