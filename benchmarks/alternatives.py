"""What ipkpi's ingest (issue 22) and export are measured against: the least work that does
the same job, and the script an analyst would write instead. Each runs as its own process:

    python benchmarks/alternatives.py floor BOOK DB
    python benchmarks/alternatives.py floor-each DB BOOK...
    python benchmarks/alternatives.py pandas calamine|openpyxl BOOK DB
    python benchmarks/alternatives.py export-cells BOOK CELLS.pickle   (set-up, not timed)
    python benchmarks/alternatives.py export-floor CELLS.pickle OUT.xlsx

``floor`` — the floor (c): python-calamine reads every sheet; one Python loop turns each
figure into a row of integers and one REAL (place, indicator, year, value, sheet, row,
column, file), the names numbered as they come; one ``executemany`` puts them in an
indexed SQLite table, in one transaction. No checks, no provenance beyond the cell.

``floor-each`` — the same for many files in one process, each file in its own
transaction (``floor`` is it for one file): the floor of a run over an inbox.

``pandas`` — the ten-line script: ``pandas.read_excel(sheet_name=None)`` with the engine
given, a wide sheet melted to one row per figure, ``to_sql`` into SQLite.

``export-floor`` — the floor of ``ipkpi export``: xlsxwriter writing the cells (values and
formats), column widths, row heights, merged ranges and charts of a workbook ipkpi exported,
and nothing else — no store, no assessment, no measuring of text. ``export-cells`` (the
set-up, not timed) reads them back from ipkpi's own workbook (openpyxl for the cells, the
chart and drawing XML for the charts) into a pickle: the floor is what ipkpi wrote, so it
cannot drift from it. The floor makes each distinct format once, writes each cell with
xlsxwriter's typed ``write_string``/``write_number``/``write_blank`` in row order, keeps
the workbook in memory (``in_memory``: no temporary file per part) and, as ipkpi's export
does while it writes, switches Python's cycle collector off.

The ingest alternatives understand the two layouts of ``benchmarks/inputs.py`` (long: 城市,
指标, 年份, 数值; wide: 城市, 指标, 单位, then one column per year) and nothing else.
"""

from __future__ import annotations

import sqlite3
import sys


def floor(book: str, db: str) -> int:
    return floor_each(db, [book])


def floor_each(db: str, books: list[str]) -> int:
    con = sqlite3.connect(db)
    with con:
        _create(con)
    stored = 0
    places: dict[str, int] = {}  # numbered as they come, across the files
    names: dict[str, int] = {}
    for file_id, book in enumerate(books):
        found = _figures(book, file_id, places, names)
        with con:
            con.executemany("INSERT INTO obs VALUES (?, ?, ?, ?, ?, ?, ?, ?)", found)
        stored += len(found)
    con.close()
    return stored


def _create(con: sqlite3.Connection) -> None:
    con.execute(
        "CREATE TABLE obs (place INTEGER, name INTEGER, year INTEGER, value REAL, "
        "sheet INTEGER, row INTEGER, col INTEGER, file INTEGER)"
    )
    con.execute("CREATE INDEX obs_key ON obs (place, name, year)")


def _figures(book: str, file_id: int, places: dict, names: dict) -> list[tuple]:
    """Every figure of ``book`` as a row of integers and one REAL, its places and
    indicators numbered in ``places`` and ``names``."""
    from python_calamine import CalamineWorkbook

    workbook = CalamineWorkbook.from_path(book)
    found = []
    for sheet_id, sheet_name in enumerate(workbook.sheet_names):
        rows = workbook.get_sheet_by_name(sheet_name).to_python()
        if not rows:
            continue
        header = [str(h) for h in rows[0]]
        if "年份" in header:  # long: one figure a row
            for r, row in enumerate(rows[1:], 1):
                place = places.setdefault(row[0], len(places))
                name = names.setdefault(row[1], len(names))
                found.append((place, name, int(row[2]), float(row[3]), sheet_id, r, 3, file_id))
        else:  # wide: one figure a year column
            years = [(c, int(h[:4])) for c, h in enumerate(header) if h[:4].isdigit()]
            for r, row in enumerate(rows[1:], 1):
                place = places.setdefault(row[0], len(places))
                name = names.setdefault(row[1], len(names))
                for c, year in years:
                    value = row[c]
                    if value != "":
                        found.append((place, name, year, float(value), sheet_id, r, c, file_id))
    return found


def pandas_script(engine: str, book: str, db: str) -> int:
    import pandas

    con = sqlite3.connect(db)
    stored = 0
    for frame in pandas.read_excel(book, sheet_name=None, engine=engine).values():
        if "年份" not in frame.columns:
            frame = frame.melt(id_vars=["城市", "指标", "单位"], var_name="年份", value_name="数值")
        frame = frame.dropna(subset=["数值"])
        frame.to_sql("obs", con, if_exists="append", index=False)
        stored += len(frame)
    con.close()
    return stored


_C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_XDR = "{http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


def export_cells(book: str) -> dict:
    """What ``ipkpi export`` wrote to ``book``: per sheet its cells as ``(row, col, value,
    format number)`` in row order, column widths, row heights and merged ranges; the
    distinct formats as xlsxwriter properties; each chart's sheet, anchor, size, type,
    title, axis name, legend and series (their ranges and lines)."""
    from openpyxl import load_workbook

    wb = load_workbook(book)
    formats: dict[tuple, int] = {}
    props_of: dict[tuple, int] = {}
    sheets = []
    for ws in wb.worksheets:
        merged = []
        covered = set()  # the cells a merged range hides (all but its first)
        for rng in ws.merged_cells.ranges:
            merged.append((rng.min_row - 1, rng.min_col - 1, rng.max_row - 1, rng.max_col - 1))
            covered.update(
                (r, c)
                for r in range(rng.min_row, rng.max_row + 1)
                for c in range(rng.min_col, rng.max_col + 1)
                if (r, c) != (rng.min_row, rng.min_col)
            )
        cells = []
        for row in ws.iter_rows():
            for cell in row:
                if (cell.row, cell.column) in covered:
                    continue
                if cell.value is None and not cell.has_style:
                    continue
                style = tuple(cell._style)
                if style not in props_of:
                    key = tuple(sorted(_props(cell).items()))
                    props_of[style] = formats.setdefault(key, len(formats))
                cells.append((cell.row - 1, cell.column - 1, cell.value, props_of[style]))
        widths = [  # in pixels, as Excel stores a width (padding and all)
            (d.min - 1, d.max - 1, round(d.width * 7))
            for d in ws.column_dimensions.values()
            if d.customWidth and d.min
        ]
        heights = [(r - 1, d.height) for r, d in ws.row_dimensions.items() if d.height is not None]
        sheets.append(
            {
                "name": ws.title,
                "cells": cells,
                "widths": sorted(widths),
                "heights": sorted(heights),
                "merged": merged,
            }
        )
    return {
        "formats": [dict(key) for key in formats],
        "sheets": sheets,
        "charts": _charts(book, {ws.title: ws for ws in wb.worksheets}),
    }


def _props(cell) -> dict:
    """A cell's format as xlsxwriter's properties."""
    props = {}
    font, fill, align = cell.font, cell.fill, cell.alignment
    if font.name:
        props["font_name"] = font.name
    if font.b:
        props["bold"] = True
    if font.sz and float(font.sz) != 11:
        props["font_size"] = float(font.sz)
    if font.color is not None and isinstance(font.color.rgb, str):
        props["font_color"] = "#" + font.color.rgb[-6:]
    if fill.fill_type == "solid" and isinstance(fill.fgColor.rgb, str):
        props["bg_color"] = "#" + fill.fgColor.rgb[-6:]
    if cell.border.left.style == "thin":
        props["border"] = 1
    if align.wrap_text:
        props["text_wrap"] = True
    if align.vertical:
        props["valign"] = {"center": "vcenter"}.get(align.vertical, align.vertical)
    if cell.number_format != "General":
        props["num_format"] = cell.number_format
    return props


def _charts(book: str, worksheets: dict) -> list[dict]:
    """Each chart of ``book`` as xlsxwriter would be told to draw it."""
    import posixpath
    import zipfile
    from xml.etree import ElementTree

    charts = []
    with zipfile.ZipFile(book) as z:

        def xml(name):
            return ElementTree.fromstring(z.read(name))

        def rels(part):
            folder, name = posixpath.split(part)
            path = posixpath.join(folder, "_rels", name + ".rels")
            if path not in z.namelist():
                return {}
            return {
                r.get("Id"): posixpath.normpath(posixpath.join(folder, r.get("Target")))
                for r in xml(path).iter(f"{_PKG}Relationship")
            }

        workbook_rels = rels("xl/workbook.xml")
        for sheet in xml("xl/workbook.xml").iter(f"{_MAIN}sheet"):
            name = sheet.get("name")
            part = workbook_rels[sheet.get(f"{_R}id")]
            for drawing in rels(part).values():
                if "/drawings/" not in drawing:
                    continue
                drawing_rels = rels(drawing)
                for anchor in xml(drawing).iter(f"{_XDR}twoCellAnchor"):
                    ref = anchor.find(f".//{_C}chart")
                    if ref is None:
                        continue
                    chart = xml(drawing_rels[ref.get(f"{_R}id")])
                    charts.append(_chart(chart, name, anchor, worksheets[name]))
    return charts


def _cell_at(anchor, end: str) -> tuple[int, int, int, int]:
    at = anchor.find(f"{_XDR}{end}")
    return tuple(int(at.find(f"{_XDR}{k}").text) for k in ("row", "col", "rowOff", "colOff"))


def _text(node) -> str | None:
    return None if node is None else "".join(t.text or "" for t in node.iter(f"{_A}t"))


def _chart(chart, sheet: str, anchor, ws) -> dict:
    """One chart: its type, title, axis name, legend, blanks and series; its anchor and its
    size in pixels (as xlsxwriter measures columns and rows)."""
    plot = chart.find(f".//{_C}plotArea")
    kind = next(c for c in plot if c.tag.endswith("Chart"))
    series = []
    for ser in kind.iter(f"{_C}ser"):
        one = {
            part: "=" + ser.find(f"{_C}{tag}//{_C}f").text
            for part, tag in (("name", "tx"), ("categories", "cat"), ("values", "val"))
        }
        ln = ser.find(f"{_C}spPr/{_A}ln")
        if ln is not None:
            line = {"width": int(ln.get("w")) / 12700}
            colour = ln.find(f".//{_A}srgbClr")
            if colour is not None:
                line["color"] = "#" + colour.get("val")
            dash = ln.find(f"{_A}prstDash")
            if dash is not None:
                line["dash_type"] = dash.get("val")
            one["line"] = line
        symbol = ser.find(f"{_C}marker/{_C}symbol")
        if symbol is not None and symbol.get("val") != "none":
            size = ser.find(f"{_C}marker/{_C}size")
            one["marker"] = {"type": symbol.get("val"), "size": int(size.get("val"))}
        series.append(one)
    title = chart.find(f"{_C}chart/{_C}title")
    size = title.find(f".//{_A}defRPr") if title is not None else None
    legend = chart.find(f".//{_C}legendPos")
    blanks = chart.find(f".//{_C}dispBlanksAs")
    row, col, row_off, col_off = _cell_at(anchor, "from")
    to_row, to_col, to_row_off, to_col_off = _cell_at(anchor, "to")

    pixels = {  # a stored width holds its padding: 7 pixels a character
        c: round(d.width * 7)
        for d in ws.column_dimensions.values()
        if d.customWidth and d.min
        for c in range(d.min - 1, d.max)
    }

    def col_px(c):
        return pixels.get(c, 64)

    def row_px(r):
        height = ws.row_dimensions[r + 1].height if r + 1 in ws.row_dimensions else None
        return int(4 / 3 * (15 if height is None else height))

    width = sum(col_px(c) for c in range(col, to_col)) + (to_col_off - col_off) // 9525
    height = sum(row_px(r) for r in range(row, to_row)) + (to_row_off - row_off) // 9525
    return {
        "sheet": sheet,
        "row": row,
        "col": col,
        "size": {"width": width, "height": height},
        "type": kind.tag.removeprefix(_C).removesuffix("Chart"),
        "series": series,
        "title": {"name": _text(title), "name_font": {"size": int(size.get("sz")) / 100}}
        if title is not None and size is not None and size.get("sz")
        else ({"name": _text(title)} if title is not None else None),
        "y_axis": {
            "name": _text(plot.find(f"{_C}valAx/{_C}title")),
            "major_gridlines": {"visible": plot.find(f"{_C}valAx/{_C}majorGridlines") is not None},
        },
        "legend": {"b": "bottom", "t": "top", "l": "left", "r": "right"}.get(
            legend.get("val") if legend is not None else "r", "right"
        ),
        "blanks": blanks.get("val") if blanks is not None else "gap",
    }


def export_floor(cells_path: str, out: str) -> int:
    """Write what ``export_cells`` read with xlsxwriter and nothing else; the cells written."""
    import gc

    was_on = gc.isenabled()
    gc.disable()  # as ipkpi's export writes: no cycle collection over xlsxwriter's cells
    try:
        return _write_floor(cells_path, out)
    finally:
        if was_on:
            gc.enable()


def _write_floor(cells_path: str, out: str) -> int:
    import pickle

    import xlsxwriter

    with open(cells_path, "rb") as f:
        book = pickle.load(f)
    workbook = xlsxwriter.Workbook(out, {"in_memory": True})
    formats = [workbook.add_format(props) for props in book["formats"]]
    written = 0
    sheets = {}
    for sheet in book["sheets"]:
        ws = sheets[sheet["name"]] = workbook.add_worksheet(sheet["name"])
        for first, last, width in sheet["widths"]:
            ws.set_column_pixels(first, last, width)
        for row, height in sheet["heights"]:
            ws.set_row(row, height)
        merged = {(r, c): (r2, c2) for r, c, r2, c2 in sheet["merged"]}
        write_string, write_number, write_blank = ws.write_string, ws.write_number, ws.write_blank
        for row, col, value, fmt in sheet["cells"]:
            if (row, col) in merged:
                ws.merge_range(row, col, *merged[row, col], value, formats[fmt])
            elif value.__class__ is str:
                write_string(row, col, value, formats[fmt])
            elif value is None:
                write_blank(row, col, None, formats[fmt])
            else:
                write_number(row, col, value, formats[fmt])
        written += len(sheet["cells"])
    for c in book["charts"]:
        chart = workbook.add_chart({"type": c["type"]})
        for series in c["series"]:
            chart.add_series(series)
        if c["title"]:
            chart.set_title(c["title"])
        chart.set_y_axis(c["y_axis"])
        chart.set_legend({"position": c["legend"]})
        chart.show_blanks_as(c["blanks"])
        chart.set_size(c["size"])
        sheets[c["sheet"]].insert_chart(c["row"], c["col"], chart)
    workbook.close()
    return written


def _save_export_cells(book: str, cells_path: str) -> None:
    import pickle

    with open(cells_path, "wb") as f:
        pickle.dump(export_cells(book), f, protocol=pickle.HIGHEST_PROTOCOL)


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["floor"] and len(args) == 3:
        floor(args[1], args[2])
    elif args[:1] == ["floor-each"] and len(args) >= 3:
        floor_each(args[1], args[2:])
    elif args[:1] == ["pandas"] and len(args) == 4 and args[1] in ("calamine", "openpyxl"):
        pandas_script(args[1], args[2], args[3])
    elif args[:1] == ["export-cells"] and len(args) == 3:
        _save_export_cells(args[1], args[2])
    elif args[:1] == ["export-floor"] and len(args) == 3:
        export_floor(args[1], args[2])
    else:
        sys.exit(__doc__)
