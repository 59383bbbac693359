"""A cache of validated plans, so a command need not parse every TOML file every time.

Parsing and validating a plan file costs a few milliseconds; a provincial catalogue
of hundreds of places costs seconds, and ``ipkpi report --city X`` needs one of them.
The cache keeps each valid plan, pickled, keyed by its file's size, modification
time, inode and change time; a plan is unpickled only when it is asked for. A file
whose key differs is read again; a file with problems is never cached, so its
problems are reported every time. The whole cache is dropped when ipkpi's catalogue
code changes (a fingerprint of its source) or the cache cannot be read.

Where: ``$IPKPI_CACHE`` if set (``off`` or empty turns the cache off), else
``$XDG_CACHE_HOME/ipkpi``, else ``~/.cache/ipkpi``; one file per catalogue folder.
The cache is private to its user (folder 0700, file 0600) and is not read when
anyone else could have written it. Failing to write it is never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

from ipkpi.catalogue.model import Plan, PlanHeader

ENV_CACHE = "IPKPI_CACHE"
FORMAT = 1


def cache_dir(env: Mapping[str, str] = os.environ) -> Path | None:
    """Where caches live; None when turned off."""
    if ENV_CACHE in env:
        value = env[ENV_CACHE].strip()
        return None if value in ("", "off") else Path(value)
    base = env.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ipkpi"


def file_key(path: Path) -> tuple[int, int, int, int]:
    st = path.stat()
    return (st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns)


class PlanCache:
    """The cached plans of one catalogue folder."""

    def __init__(self, folder: Path, where: Path | None):
        self.path = None
        self.entries: dict[str, tuple[tuple, PlanHeader, bytes]] = {}
        self.dirty = False
        if where is None:
            return
        name = hashlib.sha256(str(folder.resolve()).encode()).hexdigest()[:16]
        self.path = where / f"catalogue-{name}.pickle"
        self.entries = self._read()

    def _read(self) -> dict:
        try:
            st = self.path.stat()
            # Unpickling runs code: only a file nobody else could have written.
            if st.st_uid != os.getuid() or st.st_mode & 0o022:
                return {}
            data = pickle.loads(self.path.read_bytes())
            if data.get("fingerprint") != fingerprint():
                return {}
            return data["entries"]
        except Exception:  # no cache yet, or a torn or foreign file: start again
            return {}

    def header(self, file: Path, key: tuple) -> PlanHeader | None:
        """The cached plan's header if ``file`` is unchanged since it was cached; named as
        ``file`` names it (the folder given relative one time, absolute the next)."""
        entry = self.entries.get(file.name)
        if entry is None or entry[0] != key:
            return None
        header = entry[1]
        return header if header.file == file else replace(header, file=file)

    def plan(self, header: PlanHeader) -> Plan:
        plan = pickle.loads(self.entries[header.file.name][2])
        return plan if plan.file == header.file else replace(plan, file=header.file)

    def put(self, plan: Plan, key: tuple) -> None:
        if self.path is not None:
            self.entries[plan.file.name] = (key, PlanHeader.of(plan), pickle.dumps(plan, 5))
            self.dirty = True

    def keep_only(self, names: set[str]) -> None:
        """Forget plans whose files are gone."""
        for name in set(self.entries) - names:
            del self.entries[name]
            self.dirty = True

    def save(self) -> None:
        if self.path is None or not self.dirty:
            return
        data = pickle.dumps({"fingerprint": fingerprint(), "entries": self.entries}, 5)
        try:
            self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".catalogue.", dir=self.path.parent)  # 0600
            try:
                with os.fdopen(fd, "wb") as fh:
                    fh.write(data)
                os.replace(tmp, self.path)
            except BaseException:
                Path(tmp).unlink(missing_ok=True)
                raise
        except OSError:
            pass  # a read-only home or a full disk: the next run parses again
        self.dirty = False


_fingerprint: str | None = None


def fingerprint() -> str:
    """Changes whenever the code that builds or defines plans changes."""
    global _fingerprint
    if _fingerprint is None:
        digest = hashlib.sha256(f"{FORMAT}".encode())
        for source in sorted(Path(__file__).resolve().parent.glob("*.py")):
            digest.update(source.read_bytes())  # the whole catalogue package
        _fingerprint = digest.hexdigest()
    return _fingerprint
