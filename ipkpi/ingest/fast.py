"""The tight loop of ingest: the plain values of rows of one shape taken at once.

Once a shape's series and unit are worked out (``Resolver.prepared``, or
``Resolver.fast_path`` after its first value went through ``Resolver.observation``), a
value that is a finite number in the series' years, not refused (negative, a share over
100, a fraction of what counts whole) and not given before is appended to the file's
values with a few list appends; every other value goes through ``Resolver.observation``,
which says why, one at a time.
"""

from __future__ import annotations

from itertools import repeat
from operator import itemgetter
from typing import NamedTuple

from ipkpi.ingest.given import Given
from ipkpi.ingest.raw import RowValues
from ipkpi.ingest.refusals import may_be_negative
from ipkpi.ingest.resolve import Resolver


def take_rows(
    resolver: Resolver, rows: list[RowValues], title, report, unmatched_rows, given: Given
):
    """The values of rows of one shape, each taken by ``given`` (see ``observation``).
    Once the shape's series and unit are worked out (from the row when they resolve with
    nothing to say, ``Resolver.prepared``; else by its first value, through
    ``observation``), the values that are plain finite numbers in the series' years go
    to ``given`` from one tight loop, a row of many at once (``_take_at_once``); any
    other (text, a blank, a footnote, a year outside the plans, a value refused) goes
    through ``observation``, which says why."""
    shape = rows[0].shape
    fast = resolver.fast.get(shape)
    if fast is None and rows[0].cells:  # from the row, if nothing is to be said
        fast = resolver.prepared(rows[0], rows[0].cells[0], title, given)
    if fast is not None:
        first, last, share, whole, unit, factor, _, labels, plans = fast
        batch, mask, (add_label, add_year, add_value, add_row, add_col) = _opened(fast, given)
    row_vintage = shape.vintage
    if fast is not None and factor is None and mask is not None and len(rows) >= AT_ONCE:
        taken = _take_column_at_once(resolver, shape, fast, rows, batch, mask, given)
        if taken is not None:  # a long table's rows of one series, all at once
            batch.mask = taken
            return
    for row in rows:
        _, number, cells, values = row
        if fast is not None and factor is None and mask is not None and len(cells) >= AT_ONCE:
            taken = _take_at_once(resolver, shape, fast, row, batch, mask, given)
            if taken is not None:
                mask = taken
                continue
        for cell in cells:
            if fast is None:  # through the way that says what is wrong, by this value
                resolver.one(row, cell, title, report, unmatched_rows, given)
                if fast := resolver.fast_path(shape, title, given):
                    first, last, share, whole, unit, factor, _, labels, plans = fast
                    batch, mask, adders = _opened(fast, given)
                    add_label, add_year, add_value, add_row, add_col = adders
                continue
            c, _, year, _, vintage = cell
            raw = values[c]
            if type(raw) is float and first <= year <= last and mask is not None:
                value = raw if factor is None else float(f"{raw * factor:.12g}")
                if (
                    value - value == 0  # finite
                    and (value >= 0 or may_be_negative(unit))
                    and not (share and value > 100)
                    and (not whole or value.is_integer())
                ):
                    vintage = row_vintage or vintage
                    # The value's label (by the plan in force in its year) and the bit of
                    # its key in the series' mask (see Given).
                    found = labels.get((plans.get(year), vintage)) or resolver.label(
                        shape, fast, year, vintage, given
                    )
                    if not mask & (bit := found[1][year]):  # a key not given before
                        mask |= bit
                        if factor is not None:  # converted: the cell as written is kept
                            batch.raws.append((len(batch.values), str(raw)))
                        add_label(found[0])
                        add_year(year)
                        add_value(value)
                        add_row(number)
                        add_col(c + 1)
                        continue
            batch.mask = mask
            resolver.one(row, cell, title, report, unmatched_rows, given)  # after the batch
            batch, mask, (add_label, add_year, add_value, add_row, add_col) = _opened(fast, given)
    if fast is not None:
        batch.mask = mask


def _opened(fast: tuple, given: Given):
    """(the open batch of the series of ``fast``, its mask, its adders)."""
    batch = given.batch(fast[6], fast[0], fast[1])
    return batch, batch.mask, batch.adders


def _take_at_once(resolver, shape, fast, row: RowValues, batch, mask: int, given) -> int | None:
    """A row of many values (a wide table's) taken at once into ``batch``, if each of them
    would pass the tight loop's checks: the series' mask with their keys; else None (and
    nothing taken)."""
    cells = row.cells
    key = ("row", resolver.fast_units[shape][0], shape.vintage, id(cells))
    plan = _planned(resolver, shape, fast, cells, key)
    if plan is None:
        return None
    label, keys = _label_and_keys(resolver, shape, fast, plan, key, given)
    got = plan.getter(row.row)
    if not keys or mask & keys or not _plain(got, fast[4], fast[2], fast[3]):
        return None
    _extend(batch, label, plan, got, repeat(row.number, len(got)))
    return mask | keys


def _take_column_at_once(resolver, shape, fast, rows: list[RowValues], batch, mask, given):
    """The values of rows of one value each (a long table's rows of one series) taken at
    once into ``batch``, as ``_take_at_once`` takes a row's: the series' mask with their
    keys, or None (nothing taken)."""
    try:
        (cells,) = zip(*[row.cells for row in rows], strict=True)  # one value a row
    except ValueError:
        return None
    # a long table's rows of a year share their cells
    key = ("column", resolver.fast_units[shape][0], shape.vintage, *map(id, cells))
    plan = _planned(resolver, shape, fast, cells, key)
    if plan is None or len(set(plan.columns)) != 1:
        return None
    label, keys = _label_and_keys(resolver, shape, fast, plan, key, given)
    c = plan.columns[0]
    got = [row[3][c] for row in rows]
    if not keys or mask & keys or not _plain(got, fast[4], fast[2], fast[3]):
        return None
    _extend(batch, label, plan, got, [row[1] for row in rows])
    return mask | keys


AT_ONCE = 4  # a row of this many values or more is checked at once, if it can be
_FLOAT = {float}


class _Plan(NamedTuple):
    """How values standing in some cells are taken at once: their label's key (the plan in
    force, the vintage), years, columns (0-based, and as stored), and a getter of a row's
    values in those columns."""

    label_key: tuple[str, str | None]
    years: list[int]
    columns: list[int]
    cols: list[int]
    getter: itemgetter


def _planned(resolver: Resolver, shape, fast: tuple, cells, key: tuple) -> _Plan | None:
    """The plan of values standing in ``cells`` (see ``_plan``), worked out once per
    ``key`` (the place, the vintage and the cells): each entry keeps its cells, so no id
    in a key is another object's while the file is read."""
    entry = resolver.at_once.get(key)
    if entry is None or (entry[0] is not cells and entry[0] != cells):
        city = resolver.fast_units[shape][0]
        entry = resolver.at_once[key] = (cells, _plan(resolver, city, cells, shape.vintage, fast))
    return entry[1]


def _plan(resolver: Resolver, city: str, cells, row_vintage, fast: tuple) -> _Plan | None:
    """How values standing in ``cells`` are taken at once in ``city``: None when they are
    not all in the series' years, of one plan in force and of one vintage."""
    years = [cell[2] for cell in cells]
    if not (fast[0] <= min(years) and max(years) <= fast[1]):
        return None
    keys = {(resolver.plan_in_force(city, cell[2]), row_vintage or cell[4]) for cell in cells}
    if len(keys) != 1:
        return None
    columns = [cell[0] for cell in cells]
    return _Plan(keys.pop(), years, columns, [c + 1 for c in columns], itemgetter(*columns))


def _label_and_keys(resolver, shape, fast: tuple, plan: _Plan, key: tuple, given):
    """The label of values taken by ``plan``, and the bits of their keys (0: two of one
    key), worked out once per label rank and ``key``."""
    label, bits = fast[7].get(plan.label_key) or resolver.label(
        shape, fast, plan.years[0], plan.label_key[1], given
    )
    masks = resolver.at_once_masks
    keys = masks.get((id(bits), key))
    if keys is None:
        keys = masks[(id(bits), key)] = keys_mask(bits, plan.years)
    return label, keys


def _extend(batch, label: int, plan: _Plan, got, rows) -> None:
    """Add values taken at once, of ``rows``, to ``batch``."""
    batch.labels.extend(repeat(label, len(got)))
    batch.years.extend(plan.years)
    batch.values.extend(got)
    batch.rows.extend(rows)
    batch.cols.extend(plan.cols)


def keys_mask(bits: dict[int, int], years: list[int]) -> int:
    """The bits of the keys of values of ``years`` (``Given.bits``); 0 when two of them
    are of one key (each must then be taken, or refused, one at a time)."""
    found = 0
    for year in years:
        if found & bits[year]:
            return 0
        found |= bits[year]
    return found


def _plain(got: tuple, unit: str, share: bool, whole: bool) -> bool:
    """Whether each of ``got`` would pass the tight loop's checks: a finite float, not
    negative unless the unit may be, not over 100 in a share, whole where counted whole."""
    if set(map(type, got)) != _FLOAT:
        return False
    total = sum(got)
    if total - total != 0:  # an infinity or NaN among them (or a sum past the largest)
        return False
    if min(got) < 0 and not may_be_negative(unit):
        return False
    if share and max(got) > 100:
        return False
    return not whole or all(map(float.is_integer, got))
