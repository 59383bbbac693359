"""What python-calamine does not report about a workbook's cells, read from its archive:
formula-error cells (``#DIV/0!``, ``#N/A`` …), which python-calamine reads as empty cells
and would make a broken figure look missing, number cells formatted as percentages (Excel
stores 19.6% as 0.196), and formula cells saved with no computed value (python-calamine
reads them as empty), per sheet name as zero-based (row, column).

They are found in the pass of ``guards.check_xlsx`` over the archive, before any reader
(``guards.inspect_workbook``): ``WorkbookMarks`` holds a ``SheetMarks`` per worksheet part,
fed its chunks as they are decompressed, and says the marks once the reader has read the
file.
"""

from __future__ import annotations

import contextlib
import html
import re
import zipfile
from pathlib import Path
from typing import BinaryIO, NamedTuple

from ipkpi.errors import InputFileError
from ipkpi.ingest.archive import local_name, parse_part
from ipkpi.ingest.used_range import column_number

_ERROR_CELL = re.compile(
    rb"""<(?:\w+:)?c\b(?=[^>]*\bt\s*=\s*["']e["'])[^>]*?\br\s*=\s*["']([A-Za-z]+)(\d+)["'][^>]*>"""
    rb"""(?:(?!</(?:\w+:)?c>).)*?<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>""",
    re.DOTALL,
)


# A formula cell with no computed value: <f>…</f> (or a shared <f …/>) and then no <v>, or
# an empty one, before </c>. A string formula (t="str") with an empty <v> computed "", and
# is not one.
_V_EMPTY = rb"""(?:<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"""
_UNCOMPUTED = re.compile(
    rb"""<(?:\w+:)?c\b(?![^>]*\bt\s*=\s*["'](?:str|s|inlineStr|e|b)["'])"""
    rb"""[^>]*?\br\s*=\s*["']([A-Za-z]+)(\d+)["'][^>]*(?<!/)>"""
    rb"""\s*<(?:\w+:)?f\b(?:[^>]*/>|[^>]*>([^<]*)</(?:\w+:)?f>)\s*""" + _V_EMPTY
)
# Where a chunk may hold one: cheap to search, confirmed by _UNCOMPUTED on the whole part.
_UNCOMPUTED_HINT = re.compile(rb"(?:f>|/>)\s*" + _V_EMPTY)


class CellMarks(NamedTuple):
    """What python-calamine does not report about a workbook's cells, per sheet name."""

    errors: dict[str, dict[tuple[int, int], str]]  # (row, col) → "#DIV/0!"
    percents: dict[str, set[tuple[int, int]]]  # number cells shown as percentages
    uncomputed: dict[str, dict[tuple[int, int], str]]  # (row, col) → "=A1*2" (or "")


class SheetMarks:
    """What one worksheet part may hold for CellMarks, found as its bytes stream by (fed
    each chunk, and the region: the chunk after the last bytes of the one before).

    An error-typed cell (``t="e"``) or a formula with no computed value (``<f`` and then
    what ``_UNCOMPUTED_HINT`` matches) is only noted: such a sheet is read again whole by
    ``WorkbookMarks.result``, as few are. Percentage cells are found on the way: the chunks
    are cut at their last ``>``, so no tag is split, and a tag is read by
    ``_STYLED_CELL`` only where ``percent_hint`` finds one of the percentage styles in it.
    """

    def __init__(
        self,
        percent: set[int],
        percent_hint: re.Pattern[bytes] | None,
        plain: re.Pattern[bytes] | None = None,
    ) -> None:
        self.errors = False
        self.formulas = False  # a formula element seen so far
        self.uncomputed = False  # and then what a formula with no value looks like
        self.percent = percent
        self.percent_hint = percent_hint  # a percentage style, however written
        self.plain = plain  # a tag <c r="B7" s="3"> with a percentage style, exactly
        self.percents: set[tuple[int, int]] = set()
        self.whole = False  # a tag too long to carry: percentages from the whole part
        self._carry = b""  # the bytes after the last ">" so far
        self._columns: dict[bytes, int] = {}  # column letters → zero-based number

    def feed(self, region: bytes, chunk: bytes) -> None:
        # The cheap tests first: "'" and "f" are rare bytes in a sheet, found by memchr.
        if not self.errors:
            self.errors = b't="e"' in region or (b"'" in region and b"t='e'" in region)
        if not self.uncomputed:
            if not self.formulas:
                self.formulas = b"f" in region and (b"<f" in region or b":f" in region)
            if self.formulas:
                self.uncomputed = _UNCOMPUTED_HINT.search(region) is not None
        if self.percent_hint is not None and not self.whole:
            self._feed_percents(chunk)

    def _feed_percents(self, chunk: bytes) -> None:
        # The bytes from the last ">" before on (kept so the tag after it is seen to start
        # a tag), up to the last ">" of this chunk.
        data = self._carry + chunk if self._carry else chunk
        begin = 1 if data[:1] == b">" else 0
        cut = data.rfind(b">") + 1
        self._carry = data[cut - 1 :] if cut else data
        if len(self._carry) > _TAG_BYTES:
            self.whole, self._carry = True, b""
            return
        if cut <= begin:
            return
        assert self.percent_hint is not None and self.plain is not None
        # Most writers write <c r="B7" s="3"> right after a ">": when every style found is in
        # such a tag, the tags are read at C speed; else each one holding a style, as
        # _STYLED_CELL reads it.
        plain = self.plain.findall(data, 0, cut)
        if len(plain) == len(self.percent_hint.findall(data, begin, cut)):
            letters, rows = zip(*plain, strict=True) if plain else ((), ())
            for distinct in set(letters):
                self._column(distinct)
            columns = map(self._columns.__getitem__, letters)
            self.percents.update(zip(map((-1).__add__, map(int, rows)), columns, strict=True))
            return
        done = -1
        for hint in self.percent_hint.finditer(data, begin, cut):
            start = data.rfind(b">", 0, hint.start()) + 1  # the tag holding the style
            if start == done:
                continue
            done = start
            end = data.find(b">", hint.end()) + 1
            # A match is one whole tag, from a "<" to the first ">": within these bounds.
            cell = _STYLED_CELL.search(data, start, end)
            if cell is not None and int(cell[1]) in self.percent:
                self.percents.add((int(cell[3]) - 1, self._column(cell[2])))

    def _column(self, letters: bytes) -> int:
        column = self._columns.get(letters)
        if column is None:
            column = self._columns[letters] = column_number(letters.upper()) - 1
        return column


_TAG_BYTES = 1 << 20  # a tag longer than this (no real one is) sends the sheet to a re-read


class WorkbookMarks:
    """The marks of a workbook's sheets, gathered while ``guards.check_xlsx`` streams its
    parts: ``start`` before the first (it reads the percentage styles), ``sheet`` for each
    worksheet part, ``result`` after the reader, which reads again only the sheets where
    an error-typed cell or a formula with no value was seen."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.sheets: dict[str, str] = {}  # worksheet part → sheet name
        self.scans: dict[str, SheetMarks] = {}
        self.percent: set[int] = set()
        self._hint: re.Pattern[bytes] | None = None
        self._plain: re.Pattern[bytes] | None = None
        self._styles_error: InputFileError | None = None

    def start(self, fh: BinaryIO, infos: list[zipfile.ZipInfo], sheets: dict[str, str]) -> None:
        self.sheets = sheets
        info = next((i for i in infos if i.filename == _STYLES), None)
        try:
            styles = parse_part(self.path, fh, info)
        except InputFileError as exc:  # said after the reader, as when marks came last
            self._styles_error, styles = exc, None
        except (OSError, ValueError):  # the streaming pass reports the damage
            styles = None
        self.use_percent_styles(_percent_styles(styles) if styles is not None else set())

    def use_percent_styles(self, percent: set[int]) -> None:
        """The cell formats (indexes into cellXfs) that show a number as a percentage."""
        self.percent = percent
        self._hint = self._plain = None
        if percent:
            styles = "|".join(str(n) for n in sorted(percent)).encode()
            self._hint = re.compile(rb"""s\s*=\s*["']0*(?:""" + styles + rb""")["']""")
            # after a ">" (a "<" earlier in the same tag would make _STYLED_CELL read that);
            # the ">" in the pattern, not in a lookbehind, so the search skips to each "><c r"
            self._plain = re.compile(
                rb'><c r="([A-Z]{1,3})([1-9][0-9]{0,6})" s="(?:' + styles + rb')">'
            )

    def sheet(self, part: str) -> SheetMarks:
        """A fresh scan of a worksheet part (fed again from its start if streamed again)."""
        self.scans[part] = SheetMarks(self.percent, self._hint, self._plain)
        return self.scans[part]

    def result(self) -> CellMarks:
        """The marks, per sheet name; the sheets with an error-typed cell or a formula with
        no computed value read again whole (bounded: check_xlsx refused oversized parts)."""
        if self._styles_error is not None:
            raise self._styles_error
        errors: dict[str, dict[tuple[int, int], str]] = {}
        percents: dict[str, set[tuple[int, int]]] = {}
        uncomputed: dict[str, dict[tuple[int, int], str]] = {}
        again = [
            part
            for part, scan in self.scans.items()
            if scan.errors or scan.uncomputed or scan.whole
        ]
        with contextlib.ExitStack() as stack:
            archive = None
            if again:
                archive = stack.enter_context(zipfile.ZipFile(self.path))
            for part, sheet in self.sheets.items():
                scan = self.scans.get(part)
                if scan is None:
                    continue
                cells = scan.percents
                if part in again:
                    assert archive is not None
                    data = archive.read(part)
                    if scan.uncomputed and (found := _uncomputed(data)):
                        uncomputed[sheet] = found
                    if scan.errors:
                        errors[sheet] = _error_cells(data)
                    if scan.whole:
                        cells = _percent_cells(data, self.percent)
                if cells:
                    percents[sheet] = cells
        return CellMarks(errors, percents, uncomputed)


def _error_cells(data: bytes) -> dict[tuple[int, int], str]:
    """The error cells of a sheet part, (row, col) → "#DIV/0!": what ``_ERROR_CELL.findall``
    finds, in order, but searched for only in the tags holding a quoted ``e`` (a match's
    start tag holds its ``t="e"``, with no ">" before it), so a big sheet with one error
    costs a substring search, not a regular expression tried at every "<"."""
    found = {}
    pos = 0  # the end of the match before: findall goes on from there
    for quote in _quoted_e(data):
        if quote < pos:
            continue
        start = max(pos, data.rfind(b">", 0, quote) + 1)
        at = data.find(b"<", start, quote)
        while at != -1:
            if cell := _ERROR_CELL.match(data, at):
                letters, row, text = cell.groups()
                key = (int(row) - 1, column_number(letters.upper()) - 1)
                found[key] = text.decode("utf-8", "replace")
                pos = cell.end()
                break
            at = data.find(b"<", at + 1, quote)
    return found


def _quoted_e(data: bytes) -> list[int]:
    """Where an ``e`` between quotes starts (its first quote), in order."""
    needles = (b'"e"', b"'e'", b"\"e'", b"'e\"") if b"'" in data else (b'"e"',)
    found = []
    for needle in needles:
        at = data.find(needle)
        while at != -1:
            found.append(at)
            at = data.find(needle, at + 1)
    return sorted(found)


def _percent_cells(data: bytes, percent: set[int]) -> set[tuple[int, int]]:
    return {
        (int(row) - 1, column_number(letters.upper()) - 1)
        for style, letters, row in _STYLED_CELL.findall(data)
        if int(style) in percent
    }


def _uncomputed(data: bytes) -> dict[tuple[int, int], str]:
    """The formula cells of a sheet part saved with no computed value: (row, col) → the
    formula as Excel shows it (=A1*2), or "" for a shared formula's other cells."""
    found = {}
    for letters, row, formula in _uncomputed_cells(data):
        text = html.unescape(formula.decode("utf-8", "replace")).strip()
        shown = f"={text[:40]}{'…' if len(text) > 40 else ''}" if text else ""
        found[(int(row) - 1, column_number(letters.upper()) - 1)] = shown
    return found


def _uncomputed_cells(data: bytes) -> list[tuple[bytes, bytes, bytes]]:
    """What ``_UNCOMPUTED.findall`` finds, in order, tried only at the cell tags just before
    a formula element (a match is a cell's start tag, white space, ``<f``…): a sheet with
    few formulas costs a substring search, not a regular expression tried at every "<"."""
    found = []
    pos = 0  # the end of the match before: findall goes on from there
    for formula in _formula_starts(data):
        if formula < pos:
            continue
        tag_end = formula - 1
        while tag_end >= 0 and data[tag_end] in _SPACE:
            tag_end -= 1
        if tag_end < 0 or data[tag_end] != ord(">"):
            continue  # a match's <f follows its start tag and white space only
        at = data.find(b"<", max(pos, data.rfind(b">", 0, tag_end) + 1), tag_end)
        while at != -1:
            if cell := _UNCOMPUTED.match(data, at):
                found.append(cell.groups(b""))  # as findall gives an unmatched group
                pos = cell.end()
                break
            at = data.find(b"<", at + 1, tag_end)
    return found


def _formula_starts(data: bytes) -> list[int]:
    """Where a formula element may start: each "<f", and each "<x:f" (any prefix)."""
    found = []
    at = data.find(b"<f")
    while at != -1:
        found.append(at)
        at = data.find(b"<f", at + 1)
    at = data.find(b":f")
    while at != -1:
        start = at - 1
        while start >= 0 and data[start] in _WORD:
            start -= 1
        if start < at - 1 and start >= 0 and data[start] == ord("<"):
            found.append(start)
        at = data.find(b":f", at + 1)
    return sorted(found)


_SPACE = frozenset(b" \t\n\r\f\v")  # what \s matches in bytes
_WORD = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")  # \w


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
        if local_name(element.tag) == "numFmt":
            code = _FORMAT_LITERALS.sub("", element.get("formatCode", ""))
            custom[element.get("numFmtId")] = "%" in code
    found = set()
    for element in styles.iter():
        if local_name(element.tag) != "cellXfs":
            continue
        for index, xf in enumerate(e for e in element if local_name(e.tag) == "xf"):
            fmt = xf.get("numFmtId", "0")
            if custom.get(fmt) or (fmt.isdigit() and int(fmt) in _PERCENT_BUILTIN):
                found.add(index)
    return found
