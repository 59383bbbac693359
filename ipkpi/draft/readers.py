"""Read a plan as published — .txt (UTF-8 or GB18030), .html (``ipkpi.draft.web``), .docx or
a PDF with a text layer — into a ``Document``, its lines sorted into headings, paragraphs and
tables by ``ipkpi.draft.lines`` whatever the format. The file is held to the limits first
(``MAX_PLAN_SOURCE_BYTES``; a .docx's parts to the workbook limits). python-docx and pypdf are
imported only here, and only for their format.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ipkpi.draft.document import Block, Document
from ipkpi.draft.lines import Lines, clean, text_blocks
from ipkpi.draft.web import html_blocks
from ipkpi.errors import DraftError
from ipkpi.ingest.archive import declared_size_problems
from ipkpi.limits import MAX_PLAN_SOURCE_BYTES, MiB
from ipkpi.messages import msg

SUFFIXES = (".txt", ".html", ".htm", ".docx", ".pdf")


def read_document(path: Path) -> Document:
    """The blocks of ``path``; a ``DraftError`` when it cannot be read or holds no text."""
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DraftError(msg("E-DRAFT-FORMAT", file=path.name, suffixes=" ".join(SUFFIXES)))
    size = path.stat().st_size
    if size > MAX_PLAN_SOURCE_BYTES:
        too_large = msg(
            "E-DRAFT-TOO-LARGE", file=path.name, size=_mib(size), limit=_mib(MAX_PLAN_SOURCE_BYTES)
        )
        raise DraftError(too_large)
    if suffix == ".docx":
        _check_zip(path)  # a zip: its parts' declared sizes before python-docx reads them
        blocks = _docx_blocks(path)
    elif suffix == ".pdf":
        blocks = _pdf_blocks(path)
    else:
        try:
            data = path.read_bytes()
        except OSError as exc:
            why = msg("E-DRAFT-UNREADABLE", file=path.name, reason=exc.strerror)
            raise DraftError(why) from exc
        text = decode(data, path)
        blocks = text_blocks(text.splitlines()) if suffix == ".txt" else html_blocks(text)
    if not any(b.text.strip() or b.rows for b in blocks):
        reason = "pdf" if suffix == ".pdf" else "empty"
        raise DraftError(msg(f"E-DRAFT-NO-TEXT-{reason.upper()}", file=path.name))
    return Document(path.name, blocks)


def _mib(n: int) -> str:
    """4 MiB, 64.3 MiB (never rounded down to the limit it is over), 2048 bytes."""
    if n < MiB:
        return f"{n} bytes"
    return f"{n / MiB:.1f}".removesuffix(".0") + " MiB"


def _check_zip(path: Path) -> None:
    """A .docx whose parts declare more than a workbook's may (``archive``'s check, the same
    limits) is refused before it is decompressed: a zip bomb costs nothing."""
    try:
        with zipfile.ZipFile(path) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise DraftError(msg("E-DRAFT-UNREADABLE", file=path.name, reason=str(exc))) from exc
    if declared_size_problems(path, infos):
        total = sum(i.file_size for i in infos)
        raise DraftError(msg("E-DRAFT-ZIP", file=path.name, size=_mib(total)))


def decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without a BOM), else GB18030 (what Chinese Windows saves text as)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise DraftError(msg("E-DRAFT-ENCODING", file=path.name)) from exc


# --- Word ---------------------------------------------------------------------------------


def _docx_blocks(path: Path) -> list[Block]:
    import docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(str(path))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, XMLSyntaxError) as exc:
        raise DraftError(msg("E-DRAFT-UNREADABLE", file=path.name, reason=str(exc))) from exc
    sink = Lines()
    n = 0
    body = document.element.body
    for child in body.iterchildren():
        n += 1
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            text = paragraph.text
            style = (paragraph.style.name if paragraph.style is not None else "") or ""
            if style.lower().startswith(("heading", "title")) and text.strip():
                digits = "".join(ch for ch in style if ch.isdigit())
                sink.heading(text, n, int(digits) if digits else 1)
            else:
                for line in text.splitlines():
                    sink.add(line, n)
        elif tag == "tbl":
            table = Table(child, document)
            rows = [[clean(cell.text) for cell in row.cells] for row in table.rows]
            sink.table(rows, n)
    return sink.finish(n + 1)


# --- PDF ----------------------------------------------------------------------------------


def _pdf_blocks(path: Path) -> list[Block]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise DraftError(msg("E-DRAFT-UNREADABLE", file=path.name, reason=str(exc))) from exc
    return text_blocks("\n".join(pages).splitlines())
