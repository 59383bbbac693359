"""A plan in full, as ``ipkpi targets show -f json`` gives it: its header, targets,
tasks, the quantities its reward rules use, and the rules (schema ``ipkpi.targets/1``).
"""

from __future__ import annotations

from typing import Any

from ipkpi.catalogue.model import Plan
from ipkpi.views.catalogue import plan_dict, target_dict
from ipkpi.views.rewards import rule_dict
from ipkpi.views.tasks import catalogue_task_dict

TARGETS_SCHEMA = "ipkpi.targets/1"


def targets_document(plan: Plan) -> dict[str, Any]:
    """The plan in full, as the catalogue holds it (schema ``ipkpi.targets/1``)."""
    return {
        "schema": TARGETS_SCHEMA,
        "plan": plan_dict(plan),
        "targets": [target_dict(t) for t in plan.targets],
        "tasks": [catalogue_task_dict(t) for t in plan.tasks],
        "quantities": [
            {"id": q.id, "name": q.name, "name_en": q.name_en, "unit": q.unit, "type": q.type.value}
            for q in plan.quantities
        ],
        "rules": [rule_dict(r) for r in plan.rules],
    }
