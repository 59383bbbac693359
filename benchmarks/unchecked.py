"""``ipkpi ingest`` with the context checks switched off, for the benchmark only: the
plausibility judgement and the units from context (unit lines, headers, conflicts) are
replaced by what ingest did without them, so ``make bench`` can show what they cost."""

from __future__ import annotations

import sys

from ipkpi.cli.app import main
from ipkpi.ingest import ingester, layouts, rows


def _row_unit(self, sources, c):
    return (sources[0][1], sources[0][0]) if sources else (None, None)


ingester._judge = lambda *args, **kwargs: None
layouts.unit_line = lambda cells: None
rows.RowReader.unit_of = _row_unit

if __name__ == "__main__":
    sys.argv = ["ipkpi", *sys.argv[1:]]
    main()
