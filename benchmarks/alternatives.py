"""What ipkpi's ingest is measured against (issue 22): the least work that does the same
job, and the script an analyst would write instead. Each runs as its own process:

    python benchmarks/alternatives.py floor BOOK DB
    python benchmarks/alternatives.py floor-each DB BOOK...
    python benchmarks/alternatives.py pandas calamine|openpyxl BOOK DB

``floor`` — the floor (c): python-calamine reads every sheet; one Python loop turns each
figure into a row of integers and one REAL (place, indicator, year, value, sheet, row,
column, file), the names numbered as they come; one ``executemany`` puts them in an
indexed SQLite table, in one transaction. No checks, no provenance beyond the cell.

``floor-each`` — the same for many files in one process, each file in its own
transaction (``floor`` is it for one file): the floor of a run over an inbox.

``pandas`` — the ten-line script: ``pandas.read_excel(sheet_name=None)`` with the engine
given, a wide sheet melted to one row per figure, ``to_sql`` into SQLite.

Both understand the two layouts of ``benchmarks/inputs.py`` (long: 城市, 指标, 年份, 数值;
wide: 城市, 指标, 单位, then one column per year) and nothing else.
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


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["floor"] and len(args) == 3:
        floor(args[1], args[2])
    elif args[:1] == ["floor-each"] and len(args) >= 3:
        floor_each(args[1], args[2:])
    elif args[:1] == ["pandas"] and len(args) == 4 and args[1] in ("calamine", "openpyxl"):
        pandas_script(args[1], args[2], args[3])
    else:
        sys.exit(__doc__)
