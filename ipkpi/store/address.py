"""Where the store is: a SQLite file (the embedded default) or a PostgreSQL database.

``--db``, ``$IPKPI_DB`` and the run configuration's ``store`` take either. A path, or a
path after ``sqlite:`` (``sqlite:/srv/ipkpi.db``, ``sqlite:///srv/ipkpi.db``), is a SQLite
file; ``postgresql://…`` or ``postgres://…`` (any libpq URL: host, port, database, user,
``?sslmode=…&options=…``) is a PostgreSQL database. The password never needs to be in
the URL: libpq reads ``PGPASSWORD``, ``~/.pgpass`` and ``PGSERVICE`` (``postgresql:///?
service=ipkpi``); where it is given in the URL anyway, every message shows it masked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
SQLITE_PREFIX = "sqlite:"
_PASSWORD_PARAM = re.compile(r"(?i)([?&]password=)[^&]*")


@dataclass(frozen=True)
class PostgresURL:
    """A PostgreSQL store's address: the URL as given (``url``, handed to libpq only) and as
    shown (``shown``: its password, if any, masked)."""

    url: str

    @property
    def shown(self) -> str:
        scheme, _, rest = self.url.partition("://")
        authority, slash, path = rest.partition("/")
        user, at, host = authority.rpartition("@")  # the last @: a password may hold one
        if at and ":" in user:
            authority = f"{user.split(':', 1)[0]}:***@{host}"
        masked = f"{scheme}://{authority}{slash}{path}"
        return _PASSWORD_PARAM.sub(r"\1***", masked)

    @property
    def user(self) -> str | None:
        """The user named in the URL, if any (else libpq's default)."""
        name = urlsplit(self.url).username
        return unquote(name) if name else None

    def __str__(self) -> str:
        return self.shown


StoreAddress = Path | PostgresURL


def parse_address(text: str | Path) -> StoreAddress:
    """``--db``'s text as a store's address."""
    if isinstance(text, Path):
        return text
    if text.lower().startswith(POSTGRES_SCHEMES):
        return PostgresURL(text)
    if text.lower().startswith(SQLITE_PREFIX):
        rest = text[len(SQLITE_PREFIX) :]
        if rest.startswith("//"):  # sqlite:///abs/path, sqlite://relative (as SQLAlchemy)
            rest = rest[2:]
        return Path(rest)
    return Path(text)


def is_postgres(address: StoreAddress) -> bool:
    return isinstance(address, PostgresURL)
