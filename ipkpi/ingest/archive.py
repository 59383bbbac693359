"""Reading a workbook's zip archive in bounded memory, for the checks before any reader.

An .xlsx file is a zip of XML parts. Nothing here trusts what the archive declares:
``zip_directory`` reads the end record (zip64 included) without zipfile, ``part_chunks``
yields a part's decompressed bytes as they really come out of the deflate stream, and
``worksheet_names`` maps worksheet parts to their sheets' names from the workbook's small
XML parts (``parse_part``, which refuses XML entities), and ``declared_size_problems``
refuses parts by the sizes they declare.
"""

from __future__ import annotations

import posixpath
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from ipkpi.errors import InputFileError, InputProblem
from ipkpi.limits import (
    MAX_COMPRESSION_RATIO,
    MAX_PART_BYTES,
    MAX_UNCOMPRESSED_BYTES,
    KiB,
)
from ipkpi.limits import MAX_META_BYTES as _MAX_META_BYTES
from ipkpi.limits import RATIO_FROM_BYTES as _RATIO_FROM_BYTES
from ipkpi.messages import Message, msg

_CHUNK = 64 * KiB  # decompressed bytes handed to the scanner at a time


def zip_directory(fh: BinaryIO, size: int) -> tuple[int, int] | None:
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


class DamagedPart(Exception):
    """A part that cannot be read whole; ``why`` says how (``is cut short``)."""

    def __init__(self, why: Message):
        self.why = why
        super().__init__(why.code)


def part_chunks(fh: BinaryIO, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A part's decompressed bytes, _CHUNK at a time, read straight from the file: the
    whole deflate stream, however much it yields, so the caller can count it (zipfile
    itself would silently stop at the declared size)."""
    fh.seek(info.header_offset)
    local = fh.read(30)
    if len(local) < 30 or local[:4] != b"PK\x03\x04":
        raise DamagedPart(msg("corrupt.no_header"))
    name_length, extra_length = struct.unpack_from("<HH", local, 26)
    fh.seek(info.header_offset + 30 + name_length + extra_length)
    left = info.compress_size
    if info.compress_type == zipfile.ZIP_STORED:
        while left > 0:
            data = fh.read(min(_CHUNK, left))
            if not data:
                raise DamagedPart(msg("corrupt.cut_short"))
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
                    raise DamagedPart(msg("corrupt.cut_short"))
                left -= len(data)
            else:
                data = b""  # no input left: drain what zlib still holds
            out = inflater.decompress(data, _CHUNK)
            if out:
                yield out
            elif not data:
                raise DamagedPart(msg("corrupt.cut_short"))
    except zlib.error as exc:
        raise DamagedPart(msg("corrupt.damaged", reason=str(exc))) from exc


def worksheet_names(path: Path, fh: BinaryIO, infos: list[zipfile.ZipInfo]) -> dict[str, str]:
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
    root = parse_part(path, fh, by_name.get(workbook))
    if root is None:
        return names
    for element in root.iter():
        if local_name(element.tag) != "sheet":
            continue
        rel_id = next(
            (v for k, v in element.attrib.items() if k.startswith("{") and local_name(k) == "id"),
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
    root = parse_part(path, fh, by_name.get(part))
    if root is None:
        return []
    found = []
    for element in root.iter():
        if local_name(element.tag) != "Relationship" or element.get("TargetMode") == "External":
            continue
        target = element.get("Target", "")
        if target.startswith("/"):
            target = target.lstrip("/")
        else:
            target = posixpath.normpath(posixpath.join(folder, target))
        found.append((element.get("Type", ""), target, element.get("Id", "")))
    return found


def parse_part(path: Path, fh: BinaryIO, info: zipfile.ZipInfo | None):
    """A small XML part parsed safely, or None when it is missing, big or unreadable
    (the streaming pass reports real damage)."""
    if info is None or info.file_size > _MAX_META_BYTES:
        return None
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        return None
    data = bytearray()
    try:
        for chunk in part_chunks(fh, info):
            data += chunk
            if len(data) > _MAX_META_BYTES:
                return None
        return SafeET.fromstring(bytes(data))
    except DefusedXmlException as exc:
        message = msg("E-XML-ENTITIES", part=info.filename)
        raise InputFileError([InputProblem(path, message)]) from exc
    except (DamagedPart, SafeET.ParseError):
        return None


def local_name(tag: str) -> str:
    """An XML tag without its namespace."""
    return tag.rsplit("}", 1)[-1]


def declared_size_problems(path: Path, infos: list[zipfile.ZipInfo]) -> list[InputProblem]:
    """The parts whose declared sizes are too big: over MAX_PART_BYTES, compressed beyond
    MAX_COMPRESSION_RATIO, or all together over MAX_UNCOMPRESSED_BYTES (said only when no
    single part is too big)."""
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
                    msg(
                        "E-ZIP-PART-TOO-LARGE",
                        part=name,
                        size=size_text(usize),
                        limit=limit_text(MAX_PART_BYTES),
                    ),
                )
            )
        elif usize > _RATIO_FROM_BYTES and usize > csize * MAX_COMPRESSION_RATIO:
            ratio = msg("zip.ratio", n=usize // csize) if csize else ""
            problems.append(
                InputProblem(
                    path,
                    msg(
                        "E-ZIP-BOMB",
                        part=name,
                        size=size_text(usize),
                        compressed=size_text(csize),
                        ratio=ratio,
                        limit=MAX_COMPRESSION_RATIO,
                    ),
                )
            )
    if total > MAX_UNCOMPRESSED_BYTES and not too_big:
        problems.append(
            InputProblem(
                path,
                msg(
                    "E-ZIP-TOO-LARGE",
                    size=size_text(total),
                    limit=limit_text(MAX_UNCOMPRESSED_BYTES),
                ),
            )
        )
    return problems


def size_text(n: int) -> Message | str:
    """A byte count for people: 512 bytes (a message: 512 字节 in Chinese), 1.5 KiB,
    70.0 MiB, 1.0 GiB."""
    if n < KiB:
        return msg("size.bytes", n=n)
    value = float(n)
    for unit in ("KiB", "MiB", "GiB", "TiB"):
        value /= 1024
        if value < 1024 or unit == "TiB":
            return f"{value:.1f} {unit}"
    raise AssertionError("unreachable")  # pragma: no cover


def limit_text(n: int) -> Message | str:
    """A limit for people, without a needless decimal: 128 MiB."""
    text = size_text(n)
    return text.replace(".0 ", " ") if isinstance(text, str) else text
