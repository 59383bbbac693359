"""Which of a file's figures become current: the vintage decides, then the order of arrival.

Engine-neutral: given a file's observations and the current values of their keys, it says
which become current, which are kept aside as not current (a lower vintage), which are
unchanged, and which stored values they replace (revisions).
"""

from __future__ import annotations

from ipkpi.store import vintage
from ipkpi.store.records import Kept, Observation, Revision


def sort_out(observations: list[Observation], current: dict, path: str):
    """Which of a file's observations become current, which are kept aside as not current,
    which are unchanged, and which stored values they replace (see ``Store.write_file``).

    Returns (current rows, rows kept aside, replaced row ids, revisions, kept, new count,
    unchanged count)."""
    rank = vintage.rank
    by_key: dict[tuple[str, str, int], list[Observation]] = {}
    for ob in observations:
        by_key.setdefault((ob.city, ob.target_id, ob.year), []).append(ob)
    rows: list[Observation] = []
    aside: list[Observation] = []
    replaced: list[tuple[int]] = []
    revisions: list[Revision] = []
    kept: list[Kept] = []
    new = unchanged = 0
    for key, given in by_key.items():
        best = given[0]
        for ob in given[1:]:
            if rank(ob.vintage) >= rank(best.vintage):
                best = ob
        now = current.get(key)  # (row id, value, path, vintage)
        if now is not None and rank(best.vintage) < rank(now[3]):
            stays = (now[1], now[3], now[2])
            others = given  # the file's best ranks below the stored figure: all aside
        else:
            others = [ob for ob in given if ob is not best]
            if now is not None and same_value(now[1], best.value):
                unchanged += 1
                if rank(best.vintage) > rank(now[3]):  # confirmed: 正式 after the same 快报
                    replaced.append((now[0],))
                    rows.append(best)
                    stays = (best.value, best.vintage, path)
                else:
                    stays = (now[1], now[3], now[2])
            else:
                if now is None:
                    new += 1
                else:
                    replaced.append((now[0],))
                    revisions.append(
                        Revision(*key, now[1], best.value, best.unit, now[2], best.cell)
                    )
                rows.append(best)
                stays = (best.value, best.vintage, path)
        for ob in others:
            if same_value(stays[0], ob.value):
                unchanged += 1
            elif rank(ob.vintage) < rank(stays[1]):
                aside.append(ob)
                kept.append(
                    Kept(*key, ob.value, ob.vintage, stays[0], stays[1], ob.unit, stays[2], ob.cell)
                )
            else:  # the same vintage earlier in the file: the later one replaced it
                aside.append(ob)
                revisions.append(Revision(*key, ob.value, stays[0], ob.unit, path, ob.cell))
    return rows, aside, replaced, revisions, kept, new, unchanged


def same_value(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
