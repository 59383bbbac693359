"""ipkpi: track intellectual-property plan targets against yearly statistics.

A library first; the command line (``ipkpi.cli``) is a thin layer over this front door::

    import ipkpi

    catalogue = ipkpi.load_catalogue()                      # the bundled plans
    plan = ipkpi.report_plan(catalogue, "nanjing", None, 2025)
    with ipkpi.open_store("ipkpi.db") as store:
        ipkpi.ingest_paths(ipkpi.expand_paths(["sample_data/"]), catalogue, store)
        report = ipkpi.build_report(store, plan, as_of=2025)
    ipkpi.report_document(report)                           # the documented JSON schema

Nothing here prints. Every error is an ``IpkpiError`` with a stable exit status and its
location. The names are imported when first used, so ``import ipkpi`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name → the module that defines it
_API = {
    # the catalogue of plans
    "load_catalogue": "ipkpi.catalogue.loader",
    "Catalogue": "ipkpi.catalogue.model",
    "Plan": "ipkpi.catalogue.model",
    "Target": "ipkpi.catalogue.model",
    "resolve_city": "ipkpi.catalogue.select",
    "select_plan": "ipkpi.catalogue.select",
    "report_plan": "ipkpi.catalogue.select",
    "tasks_plan": "ipkpi.catalogue.select",
    "rules_plan": "ipkpi.catalogue.select",
    # the store
    "Store": "ipkpi.store.base",
    "open_store": "ipkpi.views.frames",
    # ingest
    "expand_paths": "ipkpi.ingest.ingester",
    "ingest_paths": "ipkpi.ingest.ingester",
    "IngestOptions": "ipkpi.ingest.report",
    "read_claims": "ipkpi.ingest.claims",
    # assessing
    "build_report": "ipkpi.assess.report",
    "build_tasks": "ipkpi.assess.report",
    "Report": "ipkpi.assess.report",
    "Method": "ipkpi.assess.results",
    "Status": "ipkpi.assess.results",
    "Thresholds": "ipkpi.assess.results",
    "assess_tasks": "ipkpi.assess.tasks",
    "apply_rules": "ipkpi.assess.rewards",
    "collect": "ipkpi.assess.collect",
    "compare": "ipkpi.assess.compare",
    "resolve_measure": "ipkpi.assess.compare",
    # the documented JSON
    "report_document": "ipkpi.views.report",
    # errors
    "IpkpiError": "ipkpi.errors",
}

__all__ = [
    "Catalogue",
    "IngestOptions",
    "IpkpiError",
    "Method",
    "Plan",
    "Report",
    "Status",
    "Store",
    "Target",
    "Thresholds",
    "__version__",
    "apply_rules",
    "assess_tasks",
    "build_report",
    "build_tasks",
    "collect",
    "compare",
    "expand_paths",
    "ingest_paths",
    "load_catalogue",
    "open_store",
    "read_claims",
    "report_document",
    "report_plan",
    "resolve_city",
    "resolve_measure",
    "rules_plan",
    "select_plan",
    "tasks_plan",
]


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'ipkpi' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value  # once found, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:
    from ipkpi.assess.collect import collect
    from ipkpi.assess.compare import compare, resolve_measure
    from ipkpi.assess.report import Report, build_report, build_tasks
    from ipkpi.assess.results import Method, Status, Thresholds
    from ipkpi.assess.rewards import apply_rules
    from ipkpi.assess.tasks import assess_tasks
    from ipkpi.catalogue.loader import load_catalogue
    from ipkpi.catalogue.model import Catalogue, Plan, Target
    from ipkpi.catalogue.select import (
        report_plan,
        resolve_city,
        rules_plan,
        select_plan,
        tasks_plan,
    )
    from ipkpi.errors import IpkpiError
    from ipkpi.ingest.claims import read_claims
    from ipkpi.ingest.ingester import expand_paths, ingest_paths
    from ipkpi.ingest.report import IngestOptions
    from ipkpi.store.base import Store
    from ipkpi.views.frames import open_store
    from ipkpi.views.report import report_document
