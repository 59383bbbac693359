"""A worksheet's used range, found by streaming its XML: the cell references it holds.

The ``<dimension>`` element is not trusted (it can lie or be absent). Two scanners are fed
the sheet part's decompressed bytes chunk by chunk:

- ``RangeBound``, the fast one, keeps an upper bound of the used range and looks only for
  the references that could take it further (or are written oddly): one regular-expression
  search a chunk that matches none of the ordinary references, so the bytes go by at
  C speed. While the bound is within the limits, so is the used range;
- ``RangeScanner``, the exact one, reads every reference and stops at the first beyond
  MAX_COLUMNS / MAX_CELLS / MAX_ROWS, naming that cell. ``ipkpi.ingest.guards`` runs it
  on a sheet only when the bound is over a limit, to refuse it or to find the bound was loose.

``WorkbookCells`` adds up the used ranges of all a workbook's sheets, against
MAX_WORKBOOK_CELLS (the limits are ``ipkpi.limits``').
"""

from __future__ import annotations

import functools
import itertools
import operator
import re
from pathlib import Path

from ipkpi.errors import InputProblem
from ipkpi.limits import MAX_CELLS, MAX_COLUMNS, MAX_ROWS, MAX_WORKBOOK_CELLS, KiB
from ipkpi.messages import Message, msg

_OVERLAP = 4 * KiB  # bytes carried between chunks so refs split across them are seen


# An ``r`` attribute: a cell's A1 reference (``<c r="B7">``) or a row's number
# (``<row r="7">``, with whether the row tag closes itself, i.e. holds no cells).
# Matched on the attribute, not the element name, so namespace prefixes cannot hide it.
_REF_RE = re.compile(rb"""\sr\s*=\s*["'](?:([A-Za-z]+)(\d+)["']|(\d+)["'][^<>]*?(/?)>)""")
_LETTERS, _DIGITS, _ROW_TAG, _SLASH = (operator.itemgetter(i) for i in range(4))


class RangeScanner:
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
        top_col = max(self.max_col, max(map(column_number, cols), default=0))
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
                self.max_col = max(self.max_col, column_number(col_letters))
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

    def area(self) -> int:
        """The used range's cells, rows × columns from A1 (0 for an empty sheet)."""
        return self.max_row * max(self.max_col, 1)

    def problem(self, path: Path, sheet: str) -> InputProblem:
        cols = max(self.max_col, 1)
        rows = self.max_row
        if rows > MAX_ROWS:
            limit = msg("limit.rows", rows=MAX_ROWS)
        else:
            limit = msg("limit.cells", columns=MAX_COLUMNS, cells=MAX_CELLS)
        return InputProblem(
            path,
            msg(
                "E-SHEET-TOO-LARGE",
                corner=self.corner(),
                columns=_plural(cols, "column"),
                rows=_plural(rows, "row"),
                limit=limit,
            ),
            sheet=sheet,
            cell=self.cell,
        )


class RangeBound:
    """An upper bound of a sheet's used range, from its XML fed in regions (each the chunk
    just decompressed after the last ``keep`` bytes of the one before).

    The bound has a shape: references of at most ``n`` letters, those of ``n`` letters
    starting with a letter up to ``first_letter``; row numbers of at most ``m`` digits, those
    of ``m`` digits starting with a digit up to ``first_digit`` (so a bound of BZ × 39999
    for a sheet reaching BA30001). ``_beyond`` compiles a search for an ``r`` attribute
    whose value has another shape, or that is not written ``r="…"`` after a space; each one
    found is read by ``_REF_RE`` as ``RangeScanner`` reads it and widens the bound. An
    ``r`` after another kind of white space (a tab, a line break) is looked for only in the
    regions holding one. Every reference ``RangeScanner`` sees whole in its regions (the
    chunk and the _OVERLAP bytes before) is seen here whole too, so this bound is never
    below its range; it may be above (a reference in a row tag's attributes, a self-closing
    row tag cut between two chunks), which costs only the exact scan.
    """

    def __init__(self) -> None:
        self.n, self.first_letter = 0, ""
        self.m, self.first_digit = 0, ""
        self.rows = 0  # the bound: the largest row number of this shape
        self.cols = 0
        self.keep = _TAIL  # the bytes of this region the next one must start with
        self._search = _beyond(0, "", 0, "").search

    def feed(self, region: bytes) -> bool:
        """True once the bound is over a limit, or the region holds so many references
        of another shape that the exact scan, all at C speed, is the cheaper (stop
        feeding: the exact scan decides)."""
        keep = len(region) - _TAIL
        pos = flagged = 0
        while (found := self._search(region, pos)) is not None:
            flagged += 1
            if flagged > _MAX_FLAGGED:
                return True
            at = found.start()
            stop = self._take(region, at)
            if stop is None:  # not a whole reference: maybe one cut at the region's end
                if len(region) - _OVERLAP <= at < keep:
                    keep = at
                pos = at + 1
            elif stop:
                return True
            else:
                pos = at + 1
        if any(space in region for space in _OTHER_SPACES):
            for found in _OTHER_SPACE_REF.finditer(region):
                flagged += 1
                if flagged > _MAX_FLAGGED:
                    return True
                at = found.start()
                stop = self._take(region, at)
                if stop is None and len(region) - _OVERLAP <= at < keep:
                    keep = at
                elif stop:
                    return True
        self.keep = max(len(region) - keep, _TAIL)
        return False

    def _take(self, region: bytes, at: int) -> bool | None:
        """Widen the bound to the reference at ``at``, read as RangeScanner reads it: None
        when there is none, else whether the bound is now over a limit."""
        ref = _REF_RE.match(region, at)
        if ref is None:
            return None
        letters, digits, row_tag, slash = ref.groups()
        if letters:
            self._widen_cols(letters.upper().decode())
            row = int(digits)
        elif slash:
            return False  # a self-closing row tag holds no cells
        else:
            row = int(row_tag)
        if row > 0:
            self._widen_rows(str(row))
        if _over(self.rows, self.cols):
            return True
        self._search = _beyond(self.n, self.first_letter, self.m, self.first_digit).search
        return False

    def _widen_cols(self, letters: str) -> None:
        if len(letters) > self.n:
            self.n, self.first_letter = len(letters), letters[0]
        elif len(letters) == self.n and letters[0] > self.first_letter:
            self.first_letter = letters[0]
        self.cols = column_number((self.first_letter + "Z" * (self.n - 1)).encode())

    def _widen_rows(self, digits: str) -> None:
        if len(digits) > self.m:
            self.m, self.first_digit = len(digits), digits[0]
        elif len(digits) == self.m and digits[0] > self.first_digit:
            self.first_digit = digits[0]
        self.rows = int(self.first_digit + "9" * (self.m - 1))

    def area(self) -> int:
        """The bound's cells, rows × columns from A1."""
        return self.rows * max(self.cols, 1)


_MAX_FLAGGED = 1000  # references of another shape read one by one in a region, at most
_TAIL = 64  # bytes a region starts with from the one before: any reference's telling start
# White space other than a space before an ``r`` attribute: looked for only where present.
_OTHER_SPACES = (b"\t", b"\n", b"\r", b"\f", b"\v")
_OTHER_SPACE_REF = re.compile(rb"[\t\n\r\f\v]r[\s=]")


@functools.lru_cache(maxsize=512)
def _beyond(n: int, first_letter: str, m: int, first_digit: str) -> re.Pattern[bytes]:
    """A search for an ``r`` attribute after a space whose value is not of the bound's
    shape, or that is not written ``r="``: each part of the shape is taken possessively, so
    an ordinary reference fails at its closing quote without backtracking."""
    shape = ""
    if n:
        low = first_letter.lower()
        shape += f"[A-{first_letter}a-{low}]?+" + (f"[A-Za-z]{{0,{n - 1}}}+" if n > 1 else "")
    if m:
        shape += f"[1-{first_digit}]?+" + (f"\\d{{0,{m - 1}}}+" if m > 1 else "")
    return re.compile(rb' r[\s=]"?+' + shape.encode() + rb'[^"]')


class WorkbookCells:
    """The used ranges of a workbook's sheets added up, sheet by sheet, so that many
    sheets each under MAX_CELLS cannot together make a reader build billions of cells."""

    def __init__(self) -> None:
        self.total = 0

    def add(self, path: Path, sheet: str, scanner: RangeScanner) -> InputProblem | None:
        """Count one scanned sheet; the problem when that takes the total over the limit."""
        self.total += scanner.area()
        if self.total <= MAX_WORKBOOK_CELLS:
            return None
        return InputProblem(
            path,
            msg("E-WORKBOOK-TOO-LARGE", cells=self.total, limit=MAX_WORKBOOK_CELLS),
            sheet=sheet,
            cell=scanner.corner(),
        )


def _over(rows: int, cols: int) -> bool:
    if rows and not cols:
        cols = 1  # cells without references start in column A
    return rows > MAX_ROWS or cols > MAX_COLUMNS or rows * cols > MAX_CELLS


def column_number(letters: bytes) -> int:
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


def _plural(n: int, word: str) -> Message:
    """``1 column``, ``3 rows`` (``3行`` in Chinese)."""
    return msg(f"count.{word}" if n == 1 else f"count.{word}s", n=n)
