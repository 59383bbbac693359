"""The catalogue cache: what it keeps, when it is trusted, and that it never changes a load."""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
from pathlib import Path

import pytest
from conftest import GOOD_PLAN, one_change, write_plan

import ipkpi.catalogue.cache
import ipkpi.catalogue.plan_file
from ipkpi.catalogue.cache import PlanCache, cache_dir, fingerprint
from ipkpi.catalogue.loader import load_catalogue
from ipkpi.cli.app import app
from ipkpi.errors import CatalogueError

CITIES = ("alpha", "bravo", "charlie")


def city_plan(city: str) -> str:
    """GOOD_PLAN moved to another city (its own id and place)."""
    return (
        GOOD_PLAN.replace('id = "testville-2022-2025"', f'id = "{city}-2022-2025"')
        .replace('city = "testville"', f'city = "{city}"')
        .replace('place = "测试市"', f'place = "{city}市"')
    )


def write_three(folder: Path) -> list[Path]:
    return [write_plan(folder, city_plan(city), f"{city}.toml") for city in CITIES]


def cache_name(folder: Path) -> str:
    return (
        "catalogue-" + hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16] + ".pickle"
    )


def bump_mtime(path: Path) -> None:
    """Give ``path`` a modification time one second after its current one."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + 1_000_000_000))


def rewrite(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")
    bump_mtime(path)


@pytest.fixture
def reads(monkeypatch):
    """Count the plan files actually parsed (by name, in order)."""
    seen: list[str] = []
    real = ipkpi.catalogue.plan_file.PlanReader.read

    def counting(self):
        seen.append(self.file.name)
        return real(self)

    monkeypatch.setattr(ipkpi.catalogue.plan_file.PlanReader, "read", counting)
    return seen


def forbid_parsing(monkeypatch) -> None:
    def read(self):
        raise AssertionError(f"parsed {self.file.name} although it is cached")

    monkeypatch.setattr(ipkpi.catalogue.plan_file.PlanReader, "read", read)


def rows(catalogue) -> list[tuple]:
    return [(p.id, [(t.id, t.value) for t in p.targets]) for p in catalogue.plans]


# --- a cached load -----------------------------------------------------------------------


def test_first_load_writes_one_private_cache_file(in_tmp, reads):
    folder = in_tmp / "cat"
    write_plan(folder, GOOD_PLAN)
    where = in_tmp / "new" / "cache"
    load_catalogue(folder, cache=where)
    assert reads == ["testville.toml"]
    assert os.listdir(where) == [cache_name(folder)]
    assert stat.S_IMODE((where / cache_name(folder)).stat().st_mode) == 0o600
    assert stat.S_IMODE(where.stat().st_mode) == 0o700


def test_second_load_comes_from_the_cache_without_parsing(in_tmp, monkeypatch):
    folder = in_tmp / "cat"
    write_three(folder)
    first = load_catalogue(folder, cache=in_tmp / "cache")
    forbid_parsing(monkeypatch)
    second = load_catalogue(folder, cache=in_tmp / "cache")
    assert second.plans == first.plans
    assert rows(second) == rows(first)
    assert rows(second)[0] == (
        "alpha-2022-2025",
        [("patents_per_10k", 50.0), ("trademark_growth", 10.0), ("satisfaction", 85.0)],
    )
    assert [p.id for p in second.plans] == [f"{c}-2022-2025" for c in CITIES]


def test_the_folder_named_another_way_still_comes_from_the_cache(in_tmp, monkeypatch):
    write_three(in_tmp / "cat")
    first = load_catalogue(Path("cat"), cache=in_tmp / "cache")
    forbid_parsing(monkeypatch)
    again = load_catalogue(in_tmp / "cat", cache=in_tmp / "cache")
    assert rows(again) == rows(first)
    assert [p.file for p in again.plans] == [in_tmp / "cat" / f"{c}.toml" for c in CITIES]
    assert [h.file for h in again.headers] == [in_tmp / "cat" / f"{c}.toml" for c in CITIES]
    assert [p.file for p in first.plans] == [Path("cat") / f"{c}.toml" for c in CITIES]


def test_the_default_cache_is_ipkpi_cache(in_tmp, monkeypatch):
    folder = in_tmp / "cat"
    write_plan(folder, GOOD_PLAN)
    monkeypatch.setenv("IPKPI_CACHE", str(in_tmp / "env-cache"))
    load_catalogue(folder)
    assert os.listdir(in_tmp / "env-cache") == [cache_name(folder)]


def test_a_cache_hit_does_not_rewrite_the_cache(in_tmp):
    folder = in_tmp / "cat"
    write_three(folder)
    load_catalogue(folder, cache=in_tmp / "cache")
    before = (in_tmp / "cache" / cache_name(folder)).stat()
    load_catalogue(folder, cache=in_tmp / "cache")
    after = (in_tmp / "cache" / cache_name(folder)).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_cached_plans_are_unpickled_only_when_asked_for(in_tmp, monkeypatch):
    folder = in_tmp / "cat"
    write_three(folder)
    first = load_catalogue(folder, cache=in_tmp / "cache")
    asked: list[str] = []
    real = PlanCache.plan

    def counting(self, header):
        asked.append(header.id)
        return real(self, header)

    monkeypatch.setattr(PlanCache, "plan", counting)
    catalogue = load_catalogue(folder, cache=in_tmp / "cache")
    assert catalogue.cities() == ["alpha", "bravo", "charlie"]
    assert asked == []
    assert catalogue.plans_for("bravo") == [first.plans[1]]
    assert asked == ["bravo-2022-2025"]
    catalogue.plans_for("bravo")
    assert asked == ["bravo-2022-2025"]


# --- when the cache is not used ----------------------------------------------------------


def test_a_changed_file_is_read_again(in_tmp, reads):
    folder = in_tmp / "cat"
    files = write_three(folder)
    load_catalogue(folder, cache=in_tmp / "cache")
    rewrite(files[1], city_plan("bravo").replace("value = 50", "value = 60"))
    reads.clear()
    catalogue = load_catalogue(folder, cache=in_tmp / "cache")
    assert reads == ["bravo.toml"]
    assert [t.value for t in catalogue.plans_for("bravo")[0].targets] == [60.0, 10.0, 85.0]
    assert [t.value for t in catalogue.plans_for("alpha")[0].targets] == [50.0, 10.0, 85.0]


def test_a_file_with_a_problem_is_never_cached(in_tmp, reads):
    folder = in_tmp / "cat"
    path = write_plan(folder, GOOD_PLAN)
    load_catalogue(folder, cache=in_tmp / "cache")
    rewrite(path, one_change("value = 50", 'value = "fifty"'))
    messages = []
    for _ in range(2):
        with pytest.raises(CatalogueError) as caught:
            load_catalogue(folder, cache=in_tmp / "cache")
        messages.append(caught.value.lines("en")[0])
    expected = (
        "cat/testville.toml › target #1 (patents_per_10k) › value: "
        "expected a number, got a string ('fifty')"
    )
    assert messages == [expected, expected]
    rewrite(path, GOOD_PLAN)
    reads.clear()
    catalogue = load_catalogue(folder, cache=in_tmp / "cache")
    assert reads == ["testville.toml"]
    assert [t.value for t in catalogue.plans[0].targets] == [50.0, 10.0, 85.0]


def test_a_removed_file_leaves_no_stale_plan(in_tmp):
    folder = in_tmp / "cat"
    files = write_three(folder)
    load_catalogue(folder, cache=in_tmp / "cache")
    files[0].unlink()
    catalogue = load_catalogue(folder, cache=in_tmp / "cache")
    assert catalogue.cities() == ["bravo", "charlie"]
    assert [p.id for p in catalogue.plans] == ["bravo-2022-2025", "charlie-2022-2025"]
    assert catalogue.plans_for("alpha") == []
    data = pickle.loads((in_tmp / "cache" / cache_name(folder)).read_bytes())
    assert sorted(data["entries"]) == ["bravo.toml", "charlie.toml"]


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_a_corrupt_cache_is_ignored_and_rewritten(in_tmp, reads, monkeypatch, damage):
    folder = in_tmp / "cat"
    write_three(folder)
    load_catalogue(folder, cache=in_tmp / "cache")
    cache_file = in_tmp / "cache" / cache_name(folder)
    good = cache_file.read_bytes()
    cache_file.write_bytes(b"\x00not a pickle\xff" * 10 if damage == "garbage" else good[:200])
    os.chmod(cache_file, 0o600)
    reads.clear()
    catalogue = load_catalogue(folder, cache=in_tmp / "cache")
    assert reads == ["alpha.toml", "bravo.toml", "charlie.toml"]
    assert [p.id for p in catalogue.plans] == [f"{c}-2022-2025" for c in CITIES]
    data = pickle.loads(cache_file.read_bytes())
    assert data["fingerprint"] == fingerprint()
    assert sorted(data["entries"]) == ["alpha.toml", "bravo.toml", "charlie.toml"]
    assert stat.S_IMODE(cache_file.stat().st_mode) == 0o600
    forbid_parsing(monkeypatch)
    assert [p.id for p in load_catalogue(folder, cache=in_tmp / "cache").plans] == [
        f"{c}-2022-2025" for c in CITIES
    ]


def test_a_cache_others_could_write_is_not_trusted(in_tmp, reads):
    folder = in_tmp / "cat"
    write_three(folder)
    load_catalogue(folder, cache=in_tmp / "cache")
    cache_file = in_tmp / "cache" / cache_name(folder)
    os.chmod(cache_file, 0o666)
    reads.clear()
    load_catalogue(folder, cache=in_tmp / "cache")
    assert len(reads) == 3
    assert stat.S_IMODE(cache_file.stat().st_mode) == 0o600


def test_a_new_fingerprint_drops_the_whole_cache(in_tmp, reads, monkeypatch):
    folder = in_tmp / "cat"
    write_three(folder)
    load_catalogue(folder, cache=in_tmp / "cache")
    monkeypatch.setattr(ipkpi.catalogue.cache, "fingerprint", lambda: "another version")
    reads.clear()
    load_catalogue(folder, cache=in_tmp / "cache")
    assert reads == ["alpha.toml", "bravo.toml", "charlie.toml"]
    reads.clear()
    load_catalogue(folder, cache=in_tmp / "cache")
    assert reads == []


def test_cache_none_parses_every_time_and_writes_nothing(in_tmp, reads):
    folder = in_tmp / "cat"
    write_plan(folder, GOOD_PLAN)
    load_catalogue(folder, cache=None)
    load_catalogue(folder, cache=None)
    assert reads == ["testville.toml", "testville.toml"]
    assert os.listdir(in_tmp) == ["cat"]


# --- where the cache is ------------------------------------------------------------------


@pytest.mark.parametrize("value", ["off", "", "  "])
def test_ipkpi_cache_off_or_empty_turns_the_cache_off(value):
    assert cache_dir(env={"IPKPI_CACHE": value, "XDG_CACHE_HOME": "/x"}) is None


def test_ipkpi_cache_names_the_folder():
    assert cache_dir(env={"IPKPI_CACHE": "/c/d", "XDG_CACHE_HOME": "/x"}) == Path("/c/d")


def test_xdg_cache_home_is_next():
    assert cache_dir(env={"XDG_CACHE_HOME": "/x"}) == Path("/x/ipkpi")


def test_home_cache_is_last(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir(env={}) == tmp_path / "home" / ".cache" / "ipkpi"
    assert cache_dir(env={"XDG_CACHE_HOME": ""}) == tmp_path / "home" / ".cache" / "ipkpi"


@pytest.mark.parametrize("value", ["off", ""])
def test_with_the_cache_off_no_file_is_written(in_tmp, monkeypatch, reads, value):
    folder = in_tmp / "cat"
    write_plan(folder, GOOD_PLAN)
    monkeypatch.setenv("IPKPI_CACHE", value)
    monkeypatch.setenv("XDG_CACHE_HOME", str(in_tmp / "xdg"))
    monkeypatch.setenv("HOME", str(in_tmp / "home"))
    assert cache_dir() is None
    load_catalogue(folder)
    load_catalogue(folder)
    assert reads == ["testville.toml", "testville.toml"]
    assert os.listdir(in_tmp) == ["cat"]


def test_an_unwritable_cache_location_is_not_an_error(in_tmp):
    folder = in_tmp / "cat"
    write_plan(folder, GOOD_PLAN)
    blocker = in_tmp / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    for _ in range(2):
        catalogue = load_catalogue(folder, cache=blocker / "cache")
        assert [p.id for p in catalogue.plans] == ["testville-2022-2025"]
    assert blocker.read_text(encoding="utf-8") == "not a folder"
    assert sorted(os.listdir(in_tmp)) == ["a-file", "cat"]


# --- the command line --------------------------------------------------------------------


def test_cities_twice_prints_the_same_from_the_cache(runner, in_tmp, monkeypatch):
    write_plan(in_tmp / "cat", GOOD_PLAN)
    monkeypatch.setenv("IPKPI_CACHE", str(in_tmp / "cache"))
    first = runner.invoke(app, ["cities", "--targets", "cat"])
    assert os.listdir(in_tmp / "cache") == [cache_name(in_tmp / "cat")]
    forbid_parsing(monkeypatch)
    second = runner.invoke(app, ["cities", "--targets", "cat"])
    assert (first.exit_code, second.exit_code) == (0, 0)
    assert second.stdout == first.stdout
    assert first.stdout.splitlines()[2] == (
        "testville  测试市  testville-2022-2025  2022–2025  3         测试市知识产权工作方案(2022—2025年)"
    )
