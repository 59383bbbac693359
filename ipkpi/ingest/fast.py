"""The tight loop of ingest: the plain values of rows of one shape taken at once.

Once a shape's series and unit are worked out (``Resolver.prepared``, or
``Resolver.fast_path`` after its first value went through ``Resolver.observation``), a
value that is a finite number in the series' years, not refused (negative, a share over
100, a fraction of what counts whole) and not given before is appended to the file's
values with a few list appends; every other value goes through ``Resolver.observation``,
which says why, one at a time.
"""

from __future__ import annotations

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
    to ``given`` from one tight loop; any other (text, a blank, a footnote, a year
    outside the plans, a value refused) goes through ``observation``, which says why."""
    shape = rows[0].shape
    fast = resolver.fast.get(shape)
    if fast is not None:
        first, last, share, whole, unit, factor, series, labels, plans = fast
        batch = given.batch(series, first, last)
        mask = batch.mask
        add_label, add_year, add_value, add_row, add_col = batch.adders
    row_vintage = shape.vintage
    for row in rows:
        _, number, cells, values = row
        for cell in cells:
            if fast is None:  # the series and unit: from the row, else by this value
                fast = resolver.prepared(row, cell, title, given)
                taken = fast is None
                if taken:  # through the way that says what is wrong
                    resolver.one(row, cell, title, report, unmatched_rows, given)
                    fast = resolver.fast_path(shape, title, given)
                if fast is not None:
                    first, last, share, whole, unit, factor, series, labels, plans = fast
                    batch = given.batch(series, first, last)
                    mask = batch.mask
                    add_label, add_year, add_value, add_row, add_col = batch.adders
                if taken:
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
            batch = given.batch(series, first, last)
            mask = batch.mask
            add_label, add_year, add_value, add_row, add_col = batch.adders
    if fast is not None:
        batch.mask = mask
