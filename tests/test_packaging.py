"""Start-up stays light, `python -m ipkpi` works, and a built wheel carries the catalogue."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

import pytest
from conftest import REPO


def python(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("IPKPI_TARGETS", None)
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, check=False, **kwargs
    )


# Modules that cost tens of milliseconds to import; none may reach these commands.
HEAVY = (
    "pandas",
    "numpy",
    "openpyxl",
    "xlsxwriter",
    "python_calamine",
    "tabulate",
    "wcwidth",
    "pydantic",
)


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["report", "--help"],
        ["targets", "show", "--city", "nanjing", "-f", "json"],
        ["targets", "show", "--city", "nanjing"],
        ["report", "--city", "nanjing", "--db", "{db}"],
        ["report", "--city", "nanjing", "--db", "{db}", "-f", "json"],
        ["report", "--city", "nanjing", "--db", "{db}", "-f", "markdown"],
    ],
    ids=lambda args: " ".join(a for a in args if a != "{db}"),
)
def test_interactive_commands_import_nothing_heavy(tmp_path, args):
    loaded = f"sorted(m for m in {HEAVY!r} if m in sys.modules)"
    assert modules_after(tmp_path, args, loaded) == ["EXIT 0", "[]"]


def modules_after(tmp_path, args: list[str], loaded: str) -> list[str]:
    """Run ``ipkpi ARGS`` (``{db}``: an empty store) in a fresh interpreter; its exit status
    and ``loaded``, an expression over ``sys.modules`` evaluated after it."""
    from ipkpi.store.sqlite import SQLiteStore

    SQLiteStore(tmp_path / "empty.db").close()
    args = [a.replace("{db}", str(tmp_path / "empty.db")) for a in args]
    code = (
        "import sys\n"
        "from ipkpi.cli.app import app\n"
        "try:\n"
        f"    app({args!r}, prog_name='ipkpi')\n"
        "except SystemExit as exit:\n"
        "    print('EXIT', exit.code)\n"
        f"print({loaded})\n"
    )
    result = python("-c", code)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()[-2:]


def test_python_dash_m_runs_the_cli():
    result = python("-m", "ipkpi", "cities", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "city,place,plan,window,targets,title"
    assert [line.split(",")[0] for line in result.stdout.splitlines()[1:]] == [
        "guizhou",
        "nanjing",
        "shanxi",
        "shijiazhuang",
        "zhangzhou",
    ]


def test_wheel_carries_the_bundled_catalogue(tmp_path):
    build = python(
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--quiet",
        "-w",
        str(tmp_path),
        str(REPO),
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = tmp_path.glob("ipkpi-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        zf.extractall(tmp_path / "site")
    for plan in ("guizhou", "nanjing", "shanxi", "shijiazhuang", "zhangzhou"):
        assert f"ipkpi/_bundled_targets/{plan}.toml" in names
    # The source documents (targets/sources/) are for the tests: the sdist has them, not the wheel.
    assert not [name for name in names if name.startswith("ipkpi/_bundled_targets/sources")]
    # Run the unpacked wheel from elsewhere: it must find its own catalogue, not the checkout's.
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import ipkpi.catalogue.loader as c; print(c.bundled_catalogue_dir()); "
            "print(len(c.load_catalogue().plans))",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
    )
    assert result.returncode == 0, result.stderr
    folder, count = result.stdout.splitlines()
    assert folder == str(tmp_path / "site" / "ipkpi" / "_bundled_targets")
    assert count == "5"


@pytest.mark.parametrize("fmt", ["table", "json", "markdown"])
def test_a_report_loads_only_the_layers_it_goes_through(tmp_path, fmt):
    """`ipkpi report` goes down catalogue → store → assess → views → output once: no
    ingest, run, rewards or workbook modules are loaded on the way (start-up)."""
    unneeded = ("ipkpi.ingest", "ipkpi.run.", "ipkpi.assess.rewards", "ipkpi.views.rewards")
    args = ["report", "--city", "nanjing", "--db", "{db}", "-f", fmt]
    loaded = f"sorted(m for m in sys.modules if m.startswith({unneeded!r}))"
    assert modules_after(tmp_path, args, loaded) == ["EXIT 0", "[]"]
