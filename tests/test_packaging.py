"""Start-up stays light, `python -m ipkpi` works, and a built wheel carries the catalogue."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile

from conftest import REPO


def python(*args: str, **kwargs) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1"}
    env.pop("IPKPI_TARGETS", None)
    return subprocess.run(
        [sys.executable, *args], capture_output=True, text=True, env=env, check=False, **kwargs
    )


def test_help_imports_neither_pandas_nor_openpyxl():
    code = (
        "import sys\n"
        "from ipkpi.cli import app\n"
        "try:\n"
        "    app(['--help'], prog_name='ipkpi')\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in ('pandas', 'openpyxl', 'numpy') if m in sys.modules)\n"
        "print('HEAVY', heavy)\n"
    )
    result = python("-c", code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == "HEAVY []"


def test_targets_show_imports_neither_pandas_nor_openpyxl():
    code = (
        "import sys\n"
        "from ipkpi.cli import app\n"
        "try:\n"
        "    app(['targets', 'show', '--city', 'nanjing', '-f', 'json'], prog_name='ipkpi')\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('HEAVY', sorted(m for m in ('pandas', 'openpyxl') if m in sys.modules))\n"
    )
    result = python("-c", code)
    assert result.stdout.splitlines()[-1] == "HEAVY []"


def test_report_imports_neither_pandas_nor_openpyxl(tmp_path):
    from ipkpi.store import Store

    Store(tmp_path / "empty.db").close()
    code = (
        "import sys\n"
        "from ipkpi.cli import app\n"
        "try:\n"
        f"    app(['report', '--city', 'nanjing', '--db', {str(tmp_path / 'empty.db')!r}, "
        "'-f', 'json'], prog_name='ipkpi')\n"
        "except SystemExit as exit:\n"
        "    print('EXIT', exit.code)\n"
        "print('HEAVY', sorted(m for m in ('pandas', 'openpyxl') if m in sys.modules))\n"
    )
    result = python("-c", code)
    assert result.stdout.splitlines()[-2:] == ["EXIT 0", "HEAVY []"], result.stderr


def test_python_dash_m_runs_the_cli():
    result = python("-m", "ipkpi", "cities", "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "city,place,plan,window,targets,title"
    assert [line.split(",")[0] for line in result.stdout.splitlines()[1:]] == [
        "guizhou",
        "nanjing",
        "shijiazhuang",
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
    for plan in ("guizhou", "nanjing", "shijiazhuang"):
        assert f"ipkpi/_bundled_targets/{plan}.toml" in names
    # Run the unpacked wheel from elsewhere: it must find its own catalogue, not the checkout's.
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import ipkpi.catalogue as c; print(c.bundled_catalogue_dir()); "
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
    assert count == "3"
