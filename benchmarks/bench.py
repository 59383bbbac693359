"""ipkpi's benchmark: start-up, ingest, report and export, each against its baseline,
measured in one run on this machine. Run it with ``make bench``.

Every measurement is a fresh child process, timed from spawn to exit (median of
``--repeat`` runs), with its peak resident memory from ``os.wait4``. The inputs are
generated in a temporary folder: a catalogue of N places × 100 targets and workbooks
of about 16,000, 160,000 and 1,600,000 cells in the long and wide layouts.

    python benchmarks/bench.py [--repeat 5] [--quick] [--markdown]

Ingest and report also run on PostgreSQL beside SQLite (a server of the benchmark's own,
as the tests start one), the ratio to SQLite shown.

``--quick`` runs the smallest sizes once (the test suite uses it so the script cannot rot).
Beside each ``ipkpi ingest`` runs the same ingest with its context checks switched off
(``benchmarks/unchecked.py``), so the table shows what the checks cost (goal ≤ 10 %).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import inputs

REPO = Path(__file__).resolve().parents[1]
SIZES = {"16k": 3, "160k": 30, "1.6M": 300}  # cells → places (× 100 targets)
BIN = Path(sys.executable).parent
IPKPI = [str(BIN / "ipkpi")] if (BIN / "ipkpi").exists() else [sys.executable, "-m", "ipkpi"]
CALAMINE_READ = (
    "import sys; from python_calamine import CalamineWorkbook; "
    "wb = CalamineWorkbook.from_path(sys.argv[1]); "
    "[wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names]"
)
# The JSON report of every place, in one process (there is no CLI command for all places).
ALL_REPORTS = (
    "import sys; from pathlib import Path; "
    "from ipkpi.catalogue.loader import load_catalogue; "
    "from ipkpi.catalogue.select import report_plan; "
    "from ipkpi.store.sqlite import SQLiteStore; "
    "from ipkpi.assess.report import build_report; "
    "from ipkpi.views.report import report_document; "
    "from ipkpi.output.tables import to_json_bytes; "
    "c = load_catalogue(Path(sys.argv[2])); s = SQLiteStore(Path(sys.argv[1]), readonly=True); "
    "out = [report_document(build_report(s, report_plan(c, city, None, 2030), as_of=2030, "
    "evidence=False)) for city in c.cities()]; "
    "sys.stdout.buffer.write(to_json_bytes(out))"
)
# ipkpi ingest with the context checks (plausibility, units from context) switched off:
# what they cost, as the share of ingest time they add.
UNCHECKED = Path(__file__).resolve().parent / "unchecked.py"
CHECKS_OFF = "ipkpi ingest, context checks off"


@dataclass
class Measure:
    group: str
    name: str
    seconds: float
    peak_mb: float
    baseline: str | None = None  # the name of the measure this one is compared with
    limit: float | None = None  # the ratio (or, with no baseline, the seconds) to stay under
    runs: int = 1


def run_child(argv: list[str], cwd: Path, setup=None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of one child process; it must exit 0."""
    if setup:
        setup()
    started = time.perf_counter()
    proc = subprocess.Popen(
        argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=_env()
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    error = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        raise SystemExit(f"benchmark step failed ({proc.returncode}): {' '.join(argv)}\n{error}")
    return seconds, usage.ru_maxrss / 1024  # ru_maxrss is in KiB on Linux


def _env() -> dict[str, str]:
    env = dict(os.environ, NO_COLOR="1")
    for key in ("IPKPI_DB", "IPKPI_TARGETS", "IPKPI_CONFIG", "IPKPI_DEBUG"):
        env.pop(key, None)
    return env


def measure(group, name, argv, cwd, repeat, setup=None, **kw) -> Measure:
    runs = [run_child(argv, cwd, setup) for _ in range(repeat)]
    return Measure(
        group,
        name,
        statistics.median(s for s, _ in runs),
        max(m for _, m in runs),
        runs=repeat,
        **kw,
    )


def fresh(*paths: Path):
    def remove() -> None:
        for path in paths:
            for suffix in ("", "-wal", "-shm", ".lock"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)

    return remove


def startup(work: Path, repeat: int) -> list[Measure]:
    store = work / "sample.db"
    run_child([*IPKPI, "ingest", str(REPO / "sample_data"), "--db", str(store)], work)
    base = "python -c 'import typer'"
    return [
        measure("start-up", base, [sys.executable, "-c", "import typer"], work, repeat),
        measure(
            "start-up", "ipkpi --help", [*IPKPI, "--help"], work, repeat, baseline=base, limit=2.0
        ),
        measure(
            "start-up",
            "ipkpi report --city nanjing",
            [*IPKPI, "report", "--city", "nanjing", "--db", str(store)],
            work,
            repeat,
            baseline=base,
            limit=3.0,
        ),
    ]


ALTERNATIVES = Path(__file__).resolve().parent / "alternatives.py"
FLOOR = "floor (c): calamine + one loop + executemany"
PANDAS_CALAMINE = "pandas + calamine: read_excel, melt, to_sql"
PANDAS_OPENPYXL = "pandas + openpyxl: read_excel, melt, to_sql"
EXPORT_FLOOR = "floor: xlsxwriter writes the same cells and charts"


@dataclass
class Step:
    """One command of an interleaved measurement: ``runs`` of it, alternating with the
    others' runs so that a slow moment of the machine falls on all of them alike."""

    name: str
    argv: list[str]
    runs: int
    setup: object = None
    more: dict = field(default_factory=dict)


def interleaved(group: str, steps: list[Step], cwd: Path) -> list[Measure]:
    timings: dict[str, list[tuple[float, float]]] = {s.name: [] for s in steps}
    for round_ in range(max(s.runs for s in steps)):
        for step in steps:
            if round_ < step.runs:
                timings[step.name].append(run_child(step.argv, cwd, step.setup))
    return [
        Measure(
            group,
            s.name,
            statistics.median(t for t, _ in timings[s.name]),
            max(m for _, m in timings[s.name]),
            runs=s.runs,
            **s.more,
        )
        for s in steps
    ]


def ingest(work: Path, sizes: dict[str, int], repeat: int, pandas_repeat: int) -> list[Measure]:
    """Each workbook ingested by ipkpi, beside the floor (c) and the pandas scripts, their
    runs interleaved; each into a fresh store."""
    results = []
    for label, places in sizes.items():
        catalogue = inputs.write_catalogue(work / f"cat{places}", places)
        for layout in ("long", "wide"):
            book = inputs.write_workbook(work / f"{layout}{places}.xlsx", layout, places)
            group = f"ingest {layout} {label} ({inputs.cells(layout, places):,} cells)"
            db = work / f"{layout}{places}.db"
            largest = places == max(sizes.values())
            slow = pandas_repeat if largest else repeat
            ipkpi_args = ["ingest", str(book), "--db", str(db), "--targets", str(catalogue)]
            py = sys.executable
            steps = [
                Step(
                    FLOOR, [py, str(ALTERNATIVES), "floor", str(book), str(db)], repeat, fresh(db)
                ),
                Step(
                    "python-calamine bare read (a)",
                    [py, "-c", CALAMINE_READ, str(book)],
                    repeat,
                    more={"baseline": FLOOR},
                ),
                Step(
                    "ipkpi ingest",
                    [*IPKPI, *ipkpi_args],
                    repeat,
                    fresh(db),
                    {"baseline": FLOOR, "limit": 1.5 if largest else None},
                ),
                Step(
                    CHECKS_OFF,
                    [py, str(UNCHECKED), *ipkpi_args],
                    repeat,
                    fresh(db),
                    {"baseline": "ipkpi ingest", "limit": 1.10},
                ),
                Step(
                    PANDAS_CALAMINE,
                    [py, str(ALTERNATIVES), "pandas", "calamine", str(book), str(db)],
                    slow,
                    fresh(db),
                    {"baseline": FLOOR},
                ),
                Step(
                    PANDAS_OPENPYXL,
                    [py, str(ALTERNATIVES), "pandas", "openpyxl", str(book), str(db)],
                    slow,
                    fresh(db),
                    {"baseline": "ipkpi ingest"},
                ),
            ]
            results += interleaved(group, steps, work)
    return results


def inbox(work: Path, count: int, repeat: int) -> list[Measure]:
    """``ipkpi run`` over an inbox of ``count`` workbooks of 300–3,000 cells, one place
    each (what lead departments send), into a fresh store, against the floor of the same
    files (``floor-each``: one process, a transaction a file). The run reports on one
    place only, so the per-file work (open, guard, hash, transaction) is what is measured."""
    places = count
    catalogue = inputs.write_catalogue(work / f"cat{places}", places)
    files = work / "files"
    files.mkdir(exist_ok=True)
    sizes = inputs.inbox_sizes(count)
    books = [
        inputs.write_place_workbook(files / f"{inputs.place(i)[1]}.xlsx", i, n)
        for i, n in enumerate(sizes)
    ]
    cells = sum((n + 1) * (3 + len(inputs.WIDE_YEARS)) for n in sizes)
    box, db = work / "inbox", work / "inbox.db"
    config = work / "ipkpi.toml"
    config.write_text(
        f'inbox = "{box}"\noutput = "{work / "out"}"\nstore = "{db}"\n'
        f'targets = "{catalogue}"\ncities = ["{inputs.place(0)[0]}"]\nsettle_seconds = 0\n',
        encoding="utf-8",
    )

    def fresh_inbox() -> None:
        fresh(db)()
        shutil.rmtree(box, ignore_errors=True)
        shutil.rmtree(work / "out", ignore_errors=True)
        shutil.copytree(files, box)

    group = f"run over an inbox of {count} workbooks ({cells:,} cells)"
    floor = "floor (c), file by file"
    py = sys.executable
    steps = [
        Step(
            floor,
            [py, str(ALTERNATIVES), "floor-each", str(db), *map(str, books)],
            repeat,
            fresh(db),
        ),
        Step(
            "ipkpi run",
            [*IPKPI, "run", "--config", str(config)],
            repeat,
            fresh_inbox,
            {"baseline": floor, "limit": 1.5 if count >= 300 else None},
        ),
    ]
    return interleaved(group, steps, work)


def reports(work: Path, places: int, repeat: int) -> list[Measure]:
    """A store of ``places`` × 100 targets × 10 years, from the long workbook."""
    catalogue = work / f"cat{places}"
    db = work / f"report{places}.db"  # the ingest stores are the alternatives' last
    if not db.exists():
        run_child(
            [
                *IPKPI,
                "ingest",
                str(work / f"long{places}.xlsx"),
                "--db",
                str(db),
                "--targets",
                str(catalogue),
            ],
            work,
        )
    observations = places * inputs.TARGETS * len(inputs.LONG_YEARS)
    group = f"report ({observations:,} observations)"
    common = ["--db", str(db), "--targets", str(catalogue), "--as-of", "2030"]
    slugs = [inputs.place(i)[0] for i in range(places)]
    export_places = slugs[: min(30, places)]
    one = [*IPKPI, "export", "--city", slugs[0], "-o", str(work / "one.xlsx"), *common]
    results = [
        measure(
            group,
            "ipkpi report, one place",
            [*IPKPI, "report", "--city", slugs[0], *common],
            work,
            repeat,
            limit=0.5,
        ),
        measure(
            group,
            "JSON report of every place (library, one process)",
            [sys.executable, "-c", ALL_REPORTS, str(db), str(catalogue)],
            work,
            repeat,
            limit=3.0,
        ),
        measure("export", "ipkpi export, 1 place", one, work, repeat),
    ]
    # The floor writes what ipkpi's export of the same places wrote (read back from it, not
    # timed): the same cells, formats and charts with xlsxwriter and nothing else.
    many = work / "many.xlsx"
    export_many = [
        *IPKPI,
        "export",
        *(a for s in export_places for a in ("--city", s)),
        "-o",
        str(many),
        *common,
    ]
    run_child(export_many, work)
    cells = work / "export-cells.pickle"
    py = sys.executable
    run_child([py, str(ALTERNATIVES), "export-cells", str(many), str(cells)], work)
    floor_out = work / "floor.xlsx"
    return results + interleaved(
        "export",
        [
            Step(
                EXPORT_FLOOR,
                [py, str(ALTERNATIVES), "export-floor", str(cells), str(floor_out)],
                repeat,
            ),
            Step(
                f"ipkpi export, {len(export_places)} places",
                export_many,
                repeat,
                more={"baseline": EXPORT_FLOOR, "limit": 1.5},
            ),
        ],
        work,
    )


def postgres(work: Path, places: int, repeat: int) -> list[Measure]:
    """Ingest and report on PostgreSQL beside SQLite, their runs interleaved: a server of
    the benchmark's own (``tests/pg_server.py``), each ingest into a fresh database made a
    store by ``db init``'s code. Skipped, saying why, where no server can be started."""
    sys.path.insert(0, str(REPO / "tests"))
    import pg_server

    from ipkpi.store.address import PostgresURL
    from ipkpi.store.postgres import access
    from ipkpi.store.postgres.connection import connect

    try:
        server = pg_server.Server(Path(tempfile.mkdtemp(prefix="ipkpi-bench-pg-")))
    except (RuntimeError, OSError) as exc:
        print(f"PostgreSQL beside SQLite: skipped ({exc})", file=sys.stderr)
        return []
    try:
        url = server.url("bench")

        def fresh_database() -> None:
            server.sql("DROP DATABASE IF EXISTS bench")
            server.sql("CREATE DATABASE bench")
            conn = connect(PostgresURL(url))
            access.initialise(conn)
            conn.close()

        catalogue = work / f"cat{places}"
        results = []
        for layout in ("long", "wide"):
            book = work / f"{layout}{places}.xlsx"
            db = work / f"pg-{layout}.db"
            group = f"ingest {layout} on PostgreSQL ({inputs.cells(layout, places):,} cells)"
            args = ["ingest", str(book), "--targets", str(catalogue), "--db"]
            steps = [
                Step("ipkpi ingest, SQLite", [*IPKPI, *args, str(db)], repeat, fresh(db)),
                Step(
                    "ipkpi ingest, PostgreSQL (COPY)",
                    [*IPKPI, *args, url],
                    repeat,
                    fresh_database,
                    {"baseline": "ipkpi ingest, SQLite"},
                ),
            ]
            results += interleaved(group, steps, work)
        slug = inputs.place(0)[0]
        common = ["--targets", str(catalogue), "--as-of", "2030", "--db"]
        report = [*IPKPI, "report", "--city", slug, *common]
        results += interleaved(
            "report, one place, on PostgreSQL",
            [
                Step("ipkpi report, SQLite", [*report, str(work / "pg-wide.db")], repeat),
                Step(
                    "ipkpi report, PostgreSQL",
                    [*report, url],
                    repeat,
                    more={"baseline": "ipkpi report, SQLite"},
                ),
            ],
            work,
        )
        return results
    finally:
        server.stop("immediate")
        shutil.rmtree(server.folder, ignore_errors=True)


def verdict(m: Measure, by_name: dict[tuple[str, str], Measure]) -> tuple[str, str]:
    """(ratio, pass/fail) for the table."""
    if m.baseline is None:
        if m.limit is None:
            return "", ""
        return "", ("ok" if m.seconds < m.limit else "FAIL") + f" (< {m.limit:g} s)"
    base = by_name[(m.group, m.baseline)]
    ratio = m.seconds / base.seconds
    if m.name == CHECKS_OFF:  # what the checks add to ipkpi ingest
        share = base.seconds / m.seconds - 1
        mark = "ok" if share <= m.limit - 1 else "FAIL"
        return f"checks {share:+.0%}", f"{mark} (≤ {m.limit - 1:.0%})"
    if m.name == PANDAS_CALAMINE:  # the script to beat: ipkpi must be faster
        ipkpi = by_name[(m.group, "ipkpi ingest")]
        mark = "ok" if ipkpi.seconds < m.seconds else "FAIL"
        return f"{ratio:.2f}× floor", f"{mark} (ipkpi {ipkpi.seconds / m.seconds:.2f}× it, < 1)"
    if m.name == PANDAS_OPENPYXL:  # how many times slower than ipkpi
        mark = "ok" if ratio >= 5 else "FAIL"
        return f"{ratio:.1f}× ipkpi", f"{mark} (≥ 5×)" if "1.6M" in m.group else ""
    if m.name in ("ipkpi ingest", "ipkpi run"):  # time and memory against the floor
        memory = m.peak_mb / base.peak_mb
        shown = f"{ratio:.2f}× floor, {memory:.2f}× its memory"
        if m.limit is None:
            return shown, ""
        ok = ratio <= m.limit and memory <= m.limit
        return shown, ("ok" if ok else "FAIL") + f" (≤ {m.limit:g}× both)"
    if m.limit is None:
        return f"{ratio:.2f}×", ""
    return f"{ratio:.2f}×", ("ok" if ratio <= m.limit else "FAIL") + f" (≤ {m.limit:g}×)"


def table(results: list[Measure], markdown: bool) -> str:
    by_name = {(m.group, m.name): m for m in results}
    head = ["", "median s", "peak MB", "ratio", "target"]
    rows, group = [], None
    for m in results:
        if m.group != group:
            group = m.group
            rows.append([f"**{group}**" if markdown else group, "", "", "", ""])
        ratio, mark = verdict(m, by_name)
        rows.append([f"  {m.name}", f"{m.seconds:.3f}", f"{m.peak_mb:.0f}", ratio, mark])
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(r) + " |" for r in rows]
        return "\n".join(lines) + "\n"
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    return (
        "\n".join(
            "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(r, widths, strict=True))
            ).rstrip()
            for r in [head, *rows]
        )
        + "\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per measurement [5]")
    parser.add_argument(
        "--pandas-repeat",
        type=int,
        default=3,
        help="runs of pandas on the largest workbooks (about 15 s each) [3]",
    )
    parser.add_argument("--quick", action="store_true", help="smallest sizes, one run each")
    parser.add_argument("--markdown", action="store_true", help="print a Markdown table")
    args = parser.parse_args(argv)
    sizes = {"16k": SIZES["16k"]} if args.quick else SIZES
    repeat = 1 if args.quick else args.repeat
    work = Path(tempfile.mkdtemp(prefix="ipkpi-bench-"))
    try:
        results = startup(work, repeat)
        results += ingest(work, sizes, repeat, 1 if args.quick else args.pandas_repeat)
        results += inbox(work, 5 if args.quick else 300, repeat)
        results += reports(work, max(sizes.values()), repeat)
        results += postgres(work, max(sizes.values()), repeat)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(
        f"ipkpi benchmark: {os.cpu_count()} cores, Python {sys.version.split()[0]}, "
        f"medians of {repeat} runs"
    )
    print(table(results, args.markdown), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
