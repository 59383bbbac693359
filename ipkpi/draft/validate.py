"""Every drafted target read back as the catalogue reads it (``PlanReader``), alone under
the plan's header: one the catalogue would refuse (a unit it does not know, a comparator
against the direction) is left out of the draft — written commented out — with the
catalogue's own words on what is wrong, so the draft always loads."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from ipkpi.catalogue.plan_file import PlanReader
from ipkpi.draft.model import DraftPlan
from ipkpi.draft.toml_text import plan_toml
from ipkpi.messages import msg


def validated(plan: DraftPlan) -> DraftPlan:
    """``plan`` with each target the catalogue refuses marked ``left_out``, the reasons in
    its ``review``."""
    with tempfile.TemporaryDirectory(prefix="ipkpi-draft-") as folder:
        path = Path(folder) / "draft.toml"
        for target in plan.targets:
            if target.written_out:
                continue
            path.write_text(plan_toml(replace(plan, targets=[target])), encoding="utf-8")
            reader = PlanReader(path)
            if reader.read() is not None:
                continue
            target.left_out = True
            target.review += [
                msg("draft.review.invalid", key=p.key or "plan", problem=p.message)
                for p in reader.problems
            ]
    return plan
