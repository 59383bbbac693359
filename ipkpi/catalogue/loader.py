"""Load and validate the target catalogue: one TOML file per plan.

Loading is strict and collects every problem it finds (file › target › key:
what is wrong) before raising one ``CatalogueError``; nothing half-valid escapes.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ipkpi.catalogue.cache import PlanCache, cache_dir, file_key
from ipkpi.catalogue.model import Catalogue, Plan, PlanHeader
from ipkpi.errors import CatalogueError, CatalogueNotFound, CatalogueProblem
from ipkpi.messages import msg

ENV_TARGETS = "IPKPI_TARGETS"


# --- where the catalogue is -------------------------------------------------------------


def bundled_catalogue_dir() -> Path:
    """The catalogue shipped with ipkpi: inside the wheel, or ``targets/`` in a checkout."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "_bundled_targets"
    return installed if installed.is_dir() else package.parent / "targets"


def resolve_catalogue_dir(
    option: Path | None, env: Mapping[str, str] = os.environ, origin: str = "--targets"
) -> Path:
    """``--targets DIR`` first, then ``IPKPI_TARGETS``, then the bundled catalogue."""
    if option is not None:
        path = option
    elif env.get(ENV_TARGETS):
        path, origin = Path(env[ENV_TARGETS]), ENV_TARGETS
    else:
        return bundled_catalogue_dir()
    if not path.is_dir():
        raise CatalogueNotFound(path, origin)
    return path


# --- loading -----------------------------------------------------------------------------


_DEFAULT_CACHE: Any = object()


def load_catalogue(folder: Path | None = None, cache: Path | None = _DEFAULT_CACHE) -> Catalogue:
    """Load every ``*.toml`` plan in ``folder`` (default: the bundled catalogue).

    Plans unchanged since they were last validated come from the cache in ``cache``
    (default: ``cache.cache_dir()``; None: no cache) and are read only when
    asked for."""
    folder = bundled_catalogue_dir() if folder is None else Path(folder)
    if not folder.is_dir():
        raise CatalogueNotFound(folder, msg("catalogue.where.folder"))  # type: ignore[arg-type]
    files = sorted(folder.glob("*.toml"))
    if not files:
        raise CatalogueError([CatalogueProblem(folder, msg("E-CATALOGUE-EMPTY"))])
    cached = PlanCache(folder, cache_dir() if cache is _DEFAULT_CACHE else cache)
    problems: list[CatalogueProblem] = []
    headers: list[PlanHeader] = []
    ready: dict[Path, Plan] = {}
    for file in files:
        try:
            key = file_key(file)
        except OSError:
            key = None
        header = cached.header(file, key) if key else None
        if header is None:
            # Only a plan changed since it was cached is read and checked: a command's
            # start-up loads the cache, not the reader.
            from ipkpi.catalogue.plan_file import PlanReader

            reader = PlanReader(file)
            plan = reader.read()
            problems.extend(reader.problems)
            if plan is None:
                continue
            header = PlanHeader.of(plan)
            ready[file] = plan
            if key:
                cached.put(plan, key)
        headers.append(header)
    cached.keep_only({f.name for f in files})
    problems.extend(_cross_plan_problems(headers))
    if problems:
        raise CatalogueError(problems)
    cached.save()
    return Catalogue(
        folder, headers=headers, load=lambda h: ready[h.file] if h.file in ready else cached.plan(h)
    )


def _cross_plan_problems(plans: list[PlanHeader]) -> list[CatalogueProblem]:
    problems = []
    seen_ids: dict[str, PlanHeader] = {}
    place_of_city: dict[str, PlanHeader] = {}
    for plan in plans:
        if plan.id in seen_ids:
            other = seen_ids[plan.id].file.name
            message = msg("E-PLAN-ID-DUPLICATE", id=plan.id, other=other)
            problems.append(CatalogueProblem(plan.file, message, key="plan.id"))
        seen_ids.setdefault(plan.id, plan)
        first = place_of_city.setdefault(plan.city, plan)
        if first.place != plan.place:
            message = msg(
                "E-PLACE-CONFLICT",
                city=plan.city,
                first=first.place,
                other=first.file.name,
                place=plan.place,
            )
            problems.append(CatalogueProblem(plan.file, message, key="plan.place"))
    return problems
