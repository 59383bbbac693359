"""The store for analysts: ``ipkpi.open_store(...)`` readings as pandas DataFrames, equal to
what ``data show -f csv`` and ``report -f csv`` print, for every place; pandas only when a
frame is asked for."""

from __future__ import annotations

import csv
import io
import math
import subprocess
import sys

import pytest
from conftest import REPO

import ipkpi
from ipkpi.cli.app import app

PLACES = ("nanjing", "guizhou", "shijiazhuang")


def _text(value) -> str:
    """A frame's cell as the CSV writes it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv(runner, *args) -> list[dict[str, str]]:
    result = runner.invoke(app, [*args, "-f", "csv"])
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


def _records(frame) -> list[dict[str, str]]:
    return [{k: _text(v) for k, v in row.items()} for row in frame.to_dict("records")]


@pytest.mark.parametrize("city", PLACES)
def test_observations_frame_is_data_show(runner, sample_db, city):
    with ipkpi.open_store(sample_db, readonly=True) as store:
        frame = store.observations(city=city).to_frame()
    printed = _csv(runner, "data", "show", "--city", city, "--db", str(sample_db))
    assert list(frame.columns) == list(printed[0])
    assert _records(frame) == printed


@pytest.mark.parametrize("city", PLACES)
@pytest.mark.parametrize("as_of", [2024, 2025])
def test_report_frame_is_the_report(runner, sample_db, city, as_of):
    with ipkpi.open_store(sample_db, readonly=True) as store:
        frame = store.report(city, as_of=as_of).to_frame()
    args = ["report", "--city", city, "--as-of", str(as_of), "--db", str(sample_db)]
    printed = _csv(runner, *args)
    assert list(frame.columns) == list(printed[0])
    assert _records(frame) == printed


def test_a_place_by_its_chinese_name_and_one_target(sample_db):
    with ipkpi.open_store(sample_db, readonly=True) as store:
        found = store.observations(city="南京", target="ip_trade_total")
        frame = found.to_frame()
    assert [(o.year, o.value) for o in found] == [
        (2022, 128.6),
        (2023, 146.2),
        (2024, 162.8),
        (2025, 178.5),
    ]
    assert frame[["year", "value"]].values.tolist() == [
        [2022, 128.6],
        [2023, 146.2],
        [2024, 162.8],
        [2025, 178.5],
    ]


def test_pandas_only_when_a_frame_is_asked_for(sample_db):
    code = (
        "import sys, ipkpi\n"
        f"store = ipkpi.open_store({str(sample_db)!r}, readonly=True)\n"
        "store.report('nanjing', as_of=2025); store.observations(city='nanjing')\n"
        "print('pandas' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=REPO)
    assert (out.returncode, out.stdout) == (0, "False\n"), out.stderr
