"""Who may do what in a shared store (``ipkpi db init``, ``ipkpi db grant``).

Three group roles (NOLOGIN), made once per server, granted on each store's tables:

* ``ipkpi_reader``: reads everything (``report``, ``export``, ``brief``, the dashboard,
  ``data show``, ``data check``); can write nothing.
* ``ipkpi_writer``: reads, and writes every place's figures (``ingest``, ``run``).
* ``ipkpi_place_writer``: as a writer, but row-level security keeps each of its members
  to the places recorded for it in ``ipkpi_places`` (a city's bureau ingests its own
  departments' workbooks; a workbook that carries another place's figures is refused
  whole). Every role reads every place.

People log in as their own roles, members of one of these (``ipkpi db grant``). The
owner of the tables (who ran ``db init``) is not held by the policies.
"""

from __future__ import annotations

from ipkpi.store.postgres import schema
from ipkpi.store.postgres.store import WRITE_LOCK

READER = "ipkpi_reader"
WRITER = "ipkpi_writer"
PLACE_WRITER = "ipkpi_place_writer"
ROLES = (READER, WRITER, PLACE_WRITER)
PLACES = "ipkpi_places"  # (role, city): the places a place writer may write
WRITTEN = ("source_files", "series", "labels", "observations", "task_progress")

# The place of a row, for the policies: a series' own, a value's through its series, a
# file's through its values (a place writer may remove a file only if all its values are
# of its places).
_PLACE_CHECK = {
    "series": "ipkpi_may_write(city)",
    "task_progress": "ipkpi_may_write(city)",
    "observations": "ipkpi_may_write((SELECT s.city FROM series s WHERE s.id = key_id))",
}
_FUNCTION = f"""CREATE OR REPLACE FUNCTION ipkpi_may_write(place text) RETURNS boolean
    LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM {PLACES} WHERE role_name = current_user AND city = place)
$$"""
_FILE_DELETE = (
    "NOT EXISTS (SELECT 1 FROM observations o JOIN series s ON s.id = o.key_id "
    "WHERE o.file_id = source_files.id AND NOT ipkpi_may_write(s.city))"
)


_POLICIES = ("ipkpi_read", "ipkpi_write", "ipkpi_place")


def initialise(conn) -> bool:
    """Create the store's tables (where there are none), the roles (where the server has
    none of that name), their grants and the policies; whether the tables were new. Run
    again, it changes nothing: an existing store is checked, not recreated."""
    conn.execute("BEGIN")
    try:
        conn.execute("SELECT pg_advisory_xact_lock(?)", (WRITE_LOCK,))
        schema.check_encoding(conn, conn.address)
        new = schema.stored_version(conn) is None
        if new:
            schema.create(conn)
        conn.execute(
            f"CREATE TABLE IF NOT EXISTS {PLACES} (role_name TEXT NOT NULL, city TEXT NOT NULL, "
            "PRIMARY KEY (role_name, city))"
        )
        _roles(conn)
        _grants(conn)
        _policies(conn)
    except BaseException:
        conn.rollback()
        raise
    conn.execute("COMMIT")
    schema.check(conn, conn.address)
    return new


def _roles(conn) -> None:
    there = {r[0] for r in conn.execute("SELECT rolname FROM pg_roles")}
    for role in ROLES:
        if role not in there:
            conn.execute(f"CREATE ROLE {role} NOLOGIN")


def _grants(conn) -> None:
    tables = ", ".join((*schema.TABLES, schema.ROWS_VIEW, PLACES))
    conn.execute(f"GRANT USAGE ON SCHEMA {_schema(conn)} TO {', '.join(ROLES)}")
    conn.execute(f"GRANT SELECT ON {tables} TO {', '.join(ROLES)}")
    written = ", ".join(WRITTEN)
    conn.execute(f"GRANT INSERT, UPDATE, DELETE ON {written} TO {WRITER}, {PLACE_WRITER}")
    conn.execute(f"REVOKE ALL ON {PLACES} FROM PUBLIC")
    conn.execute(f"GRANT SELECT ON {PLACES} TO {', '.join(ROLES)}")


def _schema(conn) -> str:
    name = conn.execute("SELECT quote_ident(current_schema())").fetchone()[0]
    return name


def _policies(conn) -> None:
    conn.execute(_FUNCTION)
    for table in (*_PLACE_CHECK, "source_files"):
        conn.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        for policy in (*_POLICIES, *(f"ipkpi_place_{a}" for a in ("insert", "update", "delete"))):
            conn.execute(f"DROP POLICY IF EXISTS {policy} ON {table}")
        conn.execute(f"CREATE POLICY ipkpi_read ON {table} FOR SELECT USING (true)")
        conn.execute(
            f"CREATE POLICY ipkpi_write ON {table} FOR ALL TO {WRITER} "
            "USING (true) WITH CHECK (true)"
        )
        if table == "source_files":  # a file's record: its values say whose it is
            for action, clause in (("INSERT", "WITH CHECK (true)"), ("UPDATE", "USING (true)")):
                conn.execute(
                    f"CREATE POLICY ipkpi_place_{action.lower()} ON {table} FOR {action} "
                    f"TO {PLACE_WRITER} {clause}"
                )
            conn.execute(
                f"CREATE POLICY ipkpi_place_delete ON {table} FOR DELETE TO {PLACE_WRITER} "
                f"USING ({_FILE_DELETE})"
            )
            continue
        check = _PLACE_CHECK[table]
        conn.execute(
            f"CREATE POLICY ipkpi_place ON {table} FOR ALL TO {PLACE_WRITER} "
            f"USING ({check}) WITH CHECK ({check})"
        )


def grant(conn, role: str, kind: str, places: tuple[str, ...] = ()) -> None:
    """Make login role ``role`` a reader or writer of the store; with ``places``, a writer
    kept to those places (``ipkpi_place_writer``)."""
    ident = conn.execute("SELECT quote_ident(?)", (role,)).fetchone()[0]
    conn.execute("BEGIN")
    try:
        conn.execute(f"DELETE FROM {PLACES} WHERE role_name = ?", (role,))
        for group in ROLES:
            conn.execute(f"REVOKE {group} FROM {ident}")
        if kind == "reader":
            conn.execute(f"GRANT {READER} TO {ident}")
        elif places:
            conn.execute(f"GRANT {PLACE_WRITER} TO {ident}")
            conn.executemany(
                f"INSERT INTO {PLACES} (role_name, city) VALUES (?, ?)",
                [(role, place) for place in places],
            )
        else:
            conn.execute(f"GRANT {WRITER} TO {ident}")
    except BaseException:
        conn.rollback()
        raise
    conn.execute("COMMIT")
