"""``ipkpi db init``, ``db grant`` and ``db copy``: setting up a shared store."""

from __future__ import annotations

import enum
import sys
from typing import Annotated

import typer

from ipkpi.cli import common, options
from ipkpi.cli.options import Db
from ipkpi.errors import UsageError, display_path
from ipkpi.messages import msg, say


class Kind(enum.StrEnum):
    reader = "reader"
    writer = "writer"


def _shared(db: str | None):
    """The PostgreSQL store ``--db`` (or $IPKPI_DB) names: roles are PostgreSQL's."""
    from ipkpi.store.address import PostgresURL

    address = common.store_path(db)
    if not isinstance(address, PostgresURL):
        raise UsageError(msg("E-DB-NOT-SHARED", path=display_path(address)))
    return address


def db_init(db: Db = None, lang: options.Lang = None) -> None:
    """Create the store's tables in a PostgreSQL database, with the roles that may read
    and write it; run again, it checks and changes nothing. (Its help: ``help.db.init``.)"""
    from ipkpi.store.postgres import access
    from ipkpi.store.postgres.connection import connect

    address = _shared(db)
    conn = connect(address)
    try:
        new = access.initialise(conn)
    finally:
        conn.close()
    key = "cli.db.created" if new else "cli.db.checked"
    typer.echo(say(key, path=address.shown, roles=", ".join(access.ROLES)))


def db_grant(
    role: Annotated[str, typer.Argument(metavar="ROLE", help="help.db.grant.role")],
    kind: Annotated[
        Kind, typer.Option("--as", metavar="reader|writer", help="help.db.grant.as")
    ] = Kind.reader,
    place: Annotated[
        list[str] | None, typer.Option("--place", metavar="CITY", help="help.db.grant.place")
    ] = None,
    db: Db = None,
    targets: options.Targets = None,
    lang: options.Lang = None,
) -> None:
    """Make a login role a reader or a writer of the shared store; ``--place`` keeps a
    writer to its places. (Its help: ``help.db.grant``.)"""
    from ipkpi.catalogue.select import resolve_city
    from ipkpi.store.postgres import access
    from ipkpi.store.postgres.connection import connect

    if place and kind is not Kind.writer:
        raise typer.BadParameter(say("E-DB-PLACE-READER"), param_hint="'--place'")
    catalogue = common.load(targets) if place else None
    places = tuple(dict.fromkeys(resolve_city(catalogue, p) for p in place or ()))
    address = _shared(db)
    conn = connect(address)
    try:
        access.grant(conn, role, kind.value, places)
    finally:
        conn.close()
    if places:
        typer.echo(say("cli.db.granted_places", role=role, places="、".join(places)))
    else:
        typer.echo(say(f"cli.db.granted_{kind.value}", role=role))


def db_copy(
    source: Annotated[
        str,
        typer.Option("--from", metavar="FILE|URL", help="help.db.copy.from", show_default=False),
    ],
    target: Annotated[
        str, typer.Option("--to", metavar="URL|FILE", help="help.db.copy.to", show_default=False)
    ],
    lang: options.Lang = None,
) -> None:
    """Copy a store, with its history and provenance, into another (a SQLite file into the
    shared PostgreSQL store), verify it, and say what was copied; safe to run again.
    (Its help: ``help.db.copy``.)"""
    from ipkpi.output.terminal import file_progress
    from ipkpi.store import engines
    from ipkpi.store.transfer import copy_store

    to = common.store_path(target)
    with (
        common.reading(common.store_path(source)) as read,
        engines.writer_lock(to, 600.0, "ipkpi db copy", on_wait=common.say_waiting),
        engines.open_store(to) as written,
        file_progress(len(read.files()), enabled=sys.stderr.isatty()) as advance,
    ):
        result = copy_store(read, written, on_file=advance)
    typer.echo(
        say(
            "cli.db.copied",
            copied=result.copied,
            values=result.values,
            tasks=result.tasks,
            present=result.present,
            path=display_path(to),
        )
    )
