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
    from ipkpi.store.sqlite import SQLiteStore


def load(targets: Path | None) -> Catalogue:
    """The catalogue of ``--targets DIR``, else $IPKPI_TARGETS, else the bundled one."""
    from ipkpi.catalogue.loader import load_catalogue, resolve_catalogue_dir

    return load_catalogue(resolve_catalogue_dir(targets))


def store_path(db: Path | None) -> Path:
    """The store of ``--db FILE``, else $IPKPI_DB, else ipkpi.db here."""
    from ipkpi.store.base import resolve_db_path

    return resolve_db_path(db)


def reading(path: Path, verify: bool = True) -> SQLiteStore:
    """The store at ``path`` opened read-only (``verify``: refuse one whose files lost
    values, as reports must); with none there, a usage error saying how to make one."""
    from ipkpi.store.sqlite import SQLiteStore

    if not path.exists():
        raise StoreError(msg("E-STORE-NONE", path=display_path(path)))
    return SQLiteStore(path, readonly=True, verify=verify)


def say_waiting(holder: str) -> None:
    """Told while another ipkpi writes to the store."""
    typer.echo(say("cli.waiting", holder=holder or msg("cli.waiting.someone")), err=True)


ENV_DEBUG = "IPKPI_DEBUG"


def debugging(ctx: typer.Context) -> bool:
    """``ipkpi --debug …`` or IPKPI_DEBUG=1: let tracebacks through."""
    return bool(ctx.find_root().params.get("debug") or os.environ.get(ENV_DEBUG))
