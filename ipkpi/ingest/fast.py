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
    at_once = _at_once(resolver, shape, fast, row.cells, given)
    if at_once is None:
        return None
    getter, label, row_mask, years, cols = at_once
    got = getter(row.row)
    if mask & row_mask or not _plain(got, fast[4], fast[2], fast[3]):
        return None
    n = len(got)
    batch.labels.extend(repeat(label, n))
    batch.years.extend(years)
    batch.values.extend(got)
    batch.rows.extend(repeat(row.number, n))
    batch.cols.extend(cols)
    return mask | row_mask


def _take_column_at_once(resolver, shape, fast, rows: list[RowValues], batch, mask, given):
    """The values of rows of one value each (a long table's rows of one series) taken at
    once into ``batch``, as ``_take_at_once`` takes a row's: the series' mask with their
    keys, or None (nothing taken)."""
    try:
        (cells,) = zip(*[row.cells for row in rows], strict=True)  # one value a row
    except ValueError:
        return None
    city = resolver.fast_units[shape][0]
    key = (city, shape.vintage, *map(id, cells))  # a long table's rows of a year share cells
    plan = resolver.at_once.get(key)
    if plan is None or plan[0] != cells:
        found = _column_plan(resolver, city, cells, shape.vintage, fast[0], fast[1])
        plan = resolver.at_once[key] = (cells, found)
    if plan[1] is None:
        return None
    label_key, years, c = plan[1]
    label, bits = fast[7].get(label_key) or resolver.label(
        shape, fast, years[0], label_key[1], given
    )
    keys = resolver.at_once_masks.get((id(bits), key))
    if keys is None:
        keys = resolver.at_once_masks[(id(bits), key)] = keys_mask(bits, years)
    got = [row[3][c] for row in rows]
    if not keys or mask & keys or not _plain(got, fast[4], fast[2], fast[3]):
        return None
    batch.labels.extend(repeat(label, len(got)))
    batch.years.extend(years)
    batch.values.extend(got)
    batch.rows.extend([row[1] for row in rows])
    batch.cols.extend(repeat(c + 1, len(got)))
    return mask | keys


def _column_plan(resolver: Resolver, city, cells: tuple, shape_vintage, first, last):
    """((plan, vintage), years, column) of values standing in ``cells``, one a row, if
    they can be taken at once: one column, all in ``first`` to ``last``, of one plan in
    force and one vintage; else None."""
    years = [cell[2] for cell in cells]
    vintages = {shape_vintage or cell[4] for cell in cells}
    columns = {cell[0] for cell in cells}
    if len(vintages) != 1 or len(columns) != 1 or not (first <= min(years) and max(years) <= last):
        return None
    plans = {resolver.plan_in_force(city, year) for year in set(years)}
    if len(plans) != 1:
        return None
    return (plans.pop(), vintages.pop()), years, columns.pop()


AT_ONCE = 4  # a row of this many values or more is checked at once, if it can be
_FLOAT = {float}


def _at_once(resolver: Resolver, shape, fast: tuple, cells: list, given: Given) -> tuple | None:
    """(the values' getter, their label, the bits of their keys, years, columns) of rows
    of ``shape`` whose values stand in ``cells``, if those can be taken at once: all in
    the series' years, all of one label (one plan in force, one vintage), no two of one
    key; else None. Worked out once per table and place, then per label."""
    first, last, labels, plans = fast[0], fast[1], fast[7], fast[8]
    city = resolver.fast_units[shape][0]
    key = (city, id(cells), shape.vintage)
    plan = resolver.at_once.get(key)
    if plan is None or plan[0] is not cells:
        found = _plan(resolver, city, cells, shape.vintage, first, last)
        plan = resolver.at_once[key] = (cells, found)
    plan = plan[1]
    if plan is None:
        return None
    found = labels.get((plans.get(plan.year), plan.vintage)) or resolver.label(
        shape, fast, plan.year, plan.vintage, given
    )
    label, bits = found
    masks = resolver.at_once_masks
    row_mask = masks.get((id(bits), id(cells)))
    if row_mask is None:
        row_mask = masks[(id(bits), id(cells))] = keys_mask(bits, plan.years)
    if not row_mask:
        return None
    return plan.getter, label, row_mask, plan.years, plan.cols


def keys_mask(bits: dict[int, int], years: list[int]) -> int:
    """The bits of the keys of values of ``years`` (``Given.bits``); 0 when two of them
    are of one key (each must then be taken, or refused, one at a time)."""
    found = 0
    for year in years:
        if found & bits[year]:
            return 0
        found |= bits[year]
    return found


class _Plan:
    __slots__ = ("cols", "getter", "vintage", "year", "years")


def _plan(resolver: Resolver, city: str, cells: list, row_vintage, first, last) -> _Plan | None:
    """How a row of values standing in ``cells`` is taken at once in ``city`` (whose
    years run from ``first`` to ``last``): None when its values are not all in those
    years, of one plan in force and of one vintage."""
    years = [cell[2] for cell in cells]
    if not (first <= min(years) and max(years) <= last):
        return None
    keys = {(resolver.plan_in_force(city, cell[2]), row_vintage or cell[4]) for cell in cells}
    if len(keys) != 1:
        return None
    plan = _Plan()
    plan.getter = itemgetter(*[cell[0] for cell in cells])
    plan.years, plan.cols = years, [cell[0] + 1 for cell in cells]
    plan.year, plan.vintage = years[0], row_vintage or cells[0][4]
    return plan


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
