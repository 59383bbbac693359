"""The stored values (``ipkpi data``): each with its source and, with --history, why it
is or is not current; as a JSON document, table rows and CSV rows. No I/O.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ipkpi.errors import display_path
from ipkpi.labels import Lang, label
from ipkpi.store.integrity import Damage
from ipkpi.views.numbers import format_number, number

DATA_SCHEMA = "ipkpi.data/1"
DATA_COLUMNS = (
    "city",
    "target_id",
    "name",
    "year",
    "value",
    "unit",
    "vintage",
    "file",
    "sheet",
    "cell",
    "ingested_at",
)
DATA_CSV_COLUMNS = (
    "city",
    "target_id",
    "name",
    "year",
    "value",
    "unit",
    "vintage",
    "current",
    "indicator",
    "raw",
    "raw_unit",
    "file",
    "sha256",
    "sheet",
    "cell",
    "ingested_at",
)


# With --history: why each figure is or is not current (``ipkpi.store.vintage.standings``).
_AT = DATA_CSV_COLUMNS.index("current") + 1


DATA_HISTORY_CSV_COLUMNS = (
    *DATA_CSV_COLUMNS[:_AT],
    "standing_code",
    "standing",
    *DATA_CSV_COLUMNS[_AT:],
)


def _target_name(o, names, lang: Lang = "zh") -> str:
    target = names.get((o.city, o.target_id))
    if target is None:
        return o.indicator
    return target.name_en if lang == "en" and target.name_en else target.name


def data_dict(o, names, standing=None) -> dict[str, Any]:
    """A stored value with its source; with its ``standing`` (``ipkpi.store.vintage.Standing``),
    also why it is or is not current, as a code and in words."""
    why = {} if standing is None else {"standing_code": standing.code, "standing": standing.text()}
    return {
        "city": o.city,
        "target_id": o.target_id,
        "name": _target_name(o, names),
        "year": o.year,
        "value": number(o.value),
        "unit": o.unit,
        "vintage": o.vintage,
        "current": o.current,
        **why,
        "indicator": o.indicator,
        "raw": o.raw,
        "raw_unit": o.raw_unit,
        "source": {
            "path": o.path,
            "sha256": o.sha256,
            "sheet": o.sheet,
            "cell": o.cell,
            "ingested_at": o.ingested_at,
        },
    }


def data_document(stored, names, standings=None) -> dict[str, Any]:
    """``standings``: one per stored value (``ipkpi.store.vintage.standings``), or None."""
    whys = standings if standings is not None else [None] * len(stored)
    return {
        "schema": DATA_SCHEMA,
        "observations": [data_dict(o, names, s) for o, s in zip(stored, whys, strict=True)],
    }


def data_row(o, names, lang: Lang, standing=None) -> dict[str, str]:
    row = {
        "city": o.city,
        "target_id": o.target_id,
        "name": _target_name(o, names, lang),
        "year": str(o.year),
        "value": format_number(o.value),
        "unit": o.unit,
        "vintage": label(f"vintage.{o.vintage}", lang) if o.vintage else "",
        "file": o.path.rsplit("/", 1)[-1],
        "sheet": o.sheet or "",
        "cell": o.cell or "",
        "ingested_at": o.ingested_at,
        "current": label("yes" if o.current else "no", lang),
    }
    if standing is not None:
        row["standing"] = standing.text(lang)
    return row


def data_csv_row(o, names, standing=None) -> dict[str, Any]:
    d = data_dict(o, names, standing)
    source = d.pop("source")
    return {
        **d,
        "file": source["path"],
        "sha256": source["sha256"],
        "sheet": source["sheet"],
        "cell": source["cell"],
        "ingested_at": source["ingested_at"],
    }


# --- ipkpi data check: every ingested file against what it stored --------------------------

CHECK_SCHEMA = "ipkpi.check/1"
CHECK_COLUMNS = ("file", "values", "task_reports", "damage")
CHECK_CSV_COLUMNS = ("file", "sha256", "values", "task_reports", "damage")


def check_csv_rows(files: Sequence[tuple[str, str, int, int]], damaged: Mapping[str, Damage]):
    """A row per ingested file (path, SHA-256, what it stored, its damage or None)."""
    return [
        {
            "file": path,
            "sha256": sha256,
            "values": values,
            "task_reports": tasks,
            "damage": str(damaged[sha256].what) if sha256 in damaged else None,
        }
        for path, sha256, values, tasks in files
    ]


def check_document(store: Path, files, damaged: Mapping[str, Damage]) -> dict[str, Any]:
    """``data check -f json`` (schema ``ipkpi.check/1``)."""
    return {
        "schema": CHECK_SCHEMA,
        "store": str(store),
        "ok": not damaged,
        "files": check_csv_rows(files, damaged),
    }


def check_rows(files, damaged: Mapping[str, Damage], lang: Lang) -> list[dict[str, str]]:
    """The table: each file as a person reads its name, and intact or what is wrong."""
    return [
        {
            "file": display_path(Path(row["file"])),
            "values": str(row["values"]),
            "task_reports": str(row["task_reports"]),
            "damage": row["damage"] or label("check.intact", lang),
        }
        for row in check_csv_rows(files, damaged)
    ]


def check_summary(files, damaged: Mapping[str, Damage], lang: Lang) -> str:
    """``共5个文件：完好4个，受损1个`` / ``5 file(s): 4 intact, 1 damaged``."""
    return label(
        "check.summary", lang, n=len(files), ok=len(files) - len(damaged), bad=len(damaged)
    )
