"""A file's values column by column (store/values.py), one per key (ingest/given.py), and
judged series by series from their arrays (plausibility.suspects_of): each gives back
exactly what the one-observation-at-a-time path gives."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given as hypothesis_given
from hypothesis import settings
from hypothesis import strategies as st

from ipkpi.catalogue.model import Baseline, Comparator, Direction, Kind, Source, Target
from ipkpi.ingest import plausibility
from ipkpi.ingest.given import Given
from ipkpi.ingest.report import FileReport
from ipkpi.store import guard
from ipkpi.store.records import Observation
from ipkpi.store.values import FileValues, letters, split_cell


def ob(year, value, cell="D7", raw=None, city="nanjing", target="t1", sheet="数据", vintage=None):
    raw = repr(float(value)) if raw is None else raw
    return Observation(
        city, target, year, value, "件", "p1", "指标", raw, "件", sheet, cell, vintage
    )


# --------------------------------------------------------------------------- FileValues


def test_values_read_back_as_given():
    given = [
        ob(2023, 12.0),  # a plain cell holding the number
        ob(2024, 20.0929, cell="AA12", raw="200929.0"),  # converted from 件: raw kept
        ob(2025, 36.26, cell="ZZZ9999999", raw="36.26万件"),  # text in the cell
        ob(2022, 5.0, cell="第3行"),  # no plain reference
        ob(2021, 5.5, cell=None, raw=None)._replace(raw=None),  # no cell, nothing written
        ob(2020, 1.0, cell="A1", sheet=None, vintage="preliminary"),
    ]
    values = FileValues.of(given)
    assert len(values) == 6
    assert list(values) == given
    assert [values.cell(i) for i in range(6)] == ["D7", "AA12", "ZZZ9999999", "第3行", None, "A1"]
    assert values.raws == {1: "200929.0", 2: "36.26万件", 4: None}
    assert values.cells == {3: "第3行", 4: None}
    assert (list(values.rows), list(values.cols)) == (
        [7, 12, 9999999, 0, 0, 1],
        [4, 27, 18278, 0, 0, 1],
    )
    assert values.series == [("nanjing", "t1")]
    assert values.labels == [
        ("件", "p1", "指标", "件", "数据", None),
        ("件", "p1", "指标", "件", None, "preliminary"),
    ]


def test_cells_split_and_letters():
    assert [split_cell(c) for c in ("A1", "Z9", "AA10", "XFD1048576")] == [
        (1, 1),
        (9, 26),
        (10, 27),
        (1048576, 16384),
    ]
    assert [split_cell(c) for c in ("a1", "A01", "AAAA1", "A", "12", "", None)] == [None] * 7
    assert [letters(n) for n in (1, 26, 27, 52, 702, 703, 16384)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "ZZ",
        "AAA",
        "XFD",
    ]


def test_runs_keep_the_values_of_a_series_together():
    values = FileValues.of(
        [ob(2021, 1), ob(2022, 2), ob(2021, 3, target="t2"), ob(2023, 4), ob(2024, 5)]
    )
    assert values.runs() == {0: [(0, 2), (3, 5)], 1: [(2, 3)]}


# --------------------------------------------------------------------------- one per key


def take_all(observations):
    report = FileReport(Path("f.xlsx"), "rejected")
    taken = Given(report, Path("f.xlsx"))
    positions = [taken.take_observation(o) for o in observations]
    return taken, positions, [p.message.text("en") for p in report.problems]


def test_a_value_given_again_the_same_is_passed_over_a_different_one_refused():
    taken, positions, problems = take_all(
        [ob(2023, 1.0), ob(2024, 2.0), ob(2023, 1.0, cell="D9"), ob(2024, 3.0, cell="E9")]
    )
    assert positions == [0, 1, -1, -1]
    assert taken.count == 4
    assert problems == ["指标 2024 given twice with different values: 2 (at 数据 › D7) and 3"]


def test_another_vintage_of_the_same_year_is_no_repeat():
    _, positions, problems = take_all(
        [ob(2023, 1.0, vintage="preliminary"), ob(2023, 1.2, vintage="final")]
    )
    assert (positions, problems) == ([0, 1], [])


def test_a_year_beyond_the_bits_and_every_repeat_after_it_are_found_by_the_index():
    _, positions, problems = take_all(
        [
            ob(2023, 1.0),
            ob(1850, 7.0),  # outside 1900–2199: the index is built here
            ob(2023, 1.5, cell="D8"),
            ob(1850, 7.0, cell="D9"),
            ob(2024, 2.0),
        ]
    )
    assert positions == [0, 1, -1, -1, 2]
    assert problems == ["指标 2023 given twice with different values: 1 (at 数据 › D7) and 1.5"]


# --------------------------------------------------------------------------- plausibility


# A level target of 100 件 with a baseline of 10: a figure alone is judged against it.
TARGET = Target(
    id="t1",
    name="指标",
    kind=Kind.LEVEL,
    comparator=Comparator.GE,
    value=100.0,
    unit="件",
    target_year=2025,
    direction=Direction.HIGHER,
    category="测试",
    source=Source("测试市规划", "二、主要目标", "达到100件"),
    baseline=Baseline(2020, 10.0),
)

FIGURES = [0.0, 1.0, 3.0, 9.0, 10.0, 12.0, 33.0, 100.0, 1000.0, 12345.0]
# A series in order of years, as tables give them; and one in any order, years repeated.
in_order = st.tuples(st.integers(2015, 2022), st.lists(st.sampled_from(FIGURES), max_size=8))
figures = st.lists(
    st.tuples(st.integers(2015, 2030), st.sampled_from(FIGURES)), min_size=1, max_size=8
)


@settings(max_examples=300, deadline=None)
@hypothesis_given(in_order, figures, st.dictionaries(st.integers(2015, 2030), st.floats(1, 1e5)))
def test_judged_from_arrays_as_one_at_a_time(first, second, stored):
    start, levels = first
    first = [(start + i, v) for i, v in enumerate(levels)]
    observations = [ob(y, v, cell=f"D{i + 2}") for i, (y, v) in enumerate(first)]
    observations += [ob(y, v, cell=f"E{i + 2}", target="t2") for i, (y, v) in enumerate(second)]
    targets = {("nanjing", "t1"): TARGET, ("nanjing", "t2"): TARGET}
    before = {("nanjing", "t2"): stored}
    confirmed = {("数据", "D2")}
    assert plausibility.suspects_of(
        FileValues.of(observations), targets, before, confirmed
    ) == plausibility.suspects(observations, targets, before, confirmed)


# --------------------------------------------------------------------------- into the store


MIXED = [
    ob(2023, 12.0),
    ob(2024, 20.0929, cell="AA12", raw="200929.0"),
    ob(2025, 36.26, cell="ZZZ99", raw="36.26万件"),
    ob(2022, 5.0, cell="第3行"),
    ob(2021, 5.5, cell=None, raw=None)._replace(raw=None),
    ob(2020, 1.0, cell="A1", sheet=None, vintage="preliminary", target="t2"),
]


def _checksums(store) -> list[str]:
    return [r[0] for r in store.conn.execute("SELECT checksum FROM source_files ORDER BY id")]


def test_the_checksum_from_arrays_is_the_checksum_of_the_rows_as_stored(tmp_path, new_store):
    def written(name: str, *files) -> list[str]:
        with new_store(name) as store:
            for i, values in enumerate(files):
                store.write_file(tmp_path / f"{i}.xlsx", str(i) * 64, 1, values)
            found = _checksums(store)
            assert [guard.file_checksum(store.conn, i + 1) for i in range(len(files))] == found
        return found

    arrays = written("arrays", FileValues.of(MIXED), FileValues.of([ob(2026, 1.0)]))
    assert written("rows", MIXED, [ob(2026, 1.0)]) == arrays  # the second: sorted out
    assert [c[:2] for c in arrays] == ["2:", "2:"]
    assert written("first", FileValues.of(MIXED[:1])) != written("second", MIXED[1:2])


def test_values_written_from_arrays_read_back_as_the_observations_written(tmp_path, new_store):
    with new_store("a") as arrays, new_store("o") as one_by_one:
        arrays.write_file(tmp_path / "f.xlsx", "a" * 64, 1, FileValues.of(MIXED))
        one_by_one.write_file(tmp_path / "f.xlsx", "a" * 64, 1, MIXED)
        stored = arrays.observations(history=True)
        assert [s[:12] for s in stored] == [tuple(o) for o in sorted(MIXED, key=_key)]
        assert stored == one_by_one.observations(history=True)
        assert arrays.files() == one_by_one.files()
        assert arrays.check() == []


def _key(o):
    return (o.city, o.target_id, o.year)


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE observations SET year = 70000 WHERE id = 1",  # beyond any year ingest writes
        "UPDATE observations SET row = -1 WHERE id = 2",
        "UPDATE observations SET value = 12.5 WHERE id = 1",
        "UPDATE observations SET cell = 'B2' WHERE id = 4",
        "UPDATE observations SET raw = NULL WHERE id = 3",
        "UPDATE observations SET key_id = 2 WHERE id = 1",
        "UPDATE series SET city = 'shanxi' WHERE id = 1",
        "UPDATE labels SET sheet = '其他' WHERE id = 1",
        "DELETE FROM labels WHERE id = 2",
    ],
)
def test_any_change_to_what_a_file_stored_is_found(tmp_path, change, new_store):
    with new_store() as store:
        store.write_file(tmp_path / "f.xlsx", "a" * 64, 1, FileValues.of(MIXED))
        store.conn.execute(change)
        assert [d.what.text("en") for d in store.check()] == [
            "its values were changed outside ipkpi (their checksum differs)"
        ]
