"""What the commands share once their options are parsed: the catalogue, and the store
opened for reading (a report without a store says how to make one)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from ipkpi.errors import StoreError, display_path
from ipkpi.messages import msg, say

if TYPE_CHECKING:
    from ipkpi.catalogue.model import Catalogue
    from ipkpi.store.address import StoreAddress
    from ipkpi.store.sqlbase import SQLStore


def load(targets: Path | None) -> Catalogue:
    """The catalogue of ``--targets DIR``, else $IPKPI_TARGETS, else the bundled one."""
    from ipkpi.catalogue.loader import load_catalogue, resolve_catalogue_dir

    return load_catalogue(resolve_catalogue_dir(targets))


def store_path(db: str | Path | None) -> StoreAddress:
    """The store of ``--db FILE|URL``, else $IPKPI_DB, else ipkpi.db here."""
    from ipkpi.store.base import resolve_db_path

    return resolve_db_path(db)


def reading(path: StoreAddress, verify: bool = True) -> SQLStore:
    """The store at ``path`` (a file or a database) opened read-only (``verify``: refuse
    one whose files lost values, as reports must); with none there, a usage error saying
    how to make one."""
    from ipkpi.store import engines

    if not engines.exists(path):
        raise StoreError(msg("E-STORE-NONE", path=display_path(path)))
    return engines.open_store(path, readonly=True, verify=verify)


def say_waiting(holder: str) -> None:
    """Told while another ipkpi writes to the store."""
    typer.echo(say("cli.waiting", holder=holder or msg("cli.waiting.someone")), err=True)


ENV_DEBUG = "IPKPI_DEBUG"


def debugging(ctx: typer.Context) -> bool:
    """``ipkpi --debug …`` or IPKPI_DEBUG=1: let tracebacks through."""
    return bool(ctx.find_root().params.get("debug") or os.environ.get(ENV_DEBUG))
