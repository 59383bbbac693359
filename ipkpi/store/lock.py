"""One writer at a time: ``ipkpi run`` and ``ipkpi ingest`` hold a lock beside the store.

The lock is an advisory ``flock`` on ``STORE.lock``. The kernel drops it when the holder
exits, however it exits (SIGKILL included), so a crashed run never leaves a stale lock
behind. A second writer waits up to a timeout, then gives up with ``LockBusy``. Readers
(``report``, ``export``) need no lock: SQLite's WAL mode gives them a consistent view.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ipkpi.errors import IpkpiError, StoreError, display_path
from ipkpi.messages import msg

POLL_SECONDS = 0.1


class LockBusy(IpkpiError):
    """Another run or ingest held the store past the timeout (exit status 2)."""

    exit_code = 2

    def __init__(self, store: Path, holder: str, waited: float, setting: str = "--lock-timeout"):
        self.store = store
        self.holder = holder
        self.waited = waited
        who = msg("store.lock.holder", holder=holder) if holder else ""
        super().__init__(
            msg(
                "E-STORE-LOCKED",
                path=display_path(store),
                holder=who,
                waited=waited,
                setting=setting,
            )
        )


def lock_path(store: Path) -> Path:
    return store.with_name(store.name + ".lock")


@contextmanager
def store_lock(
    store: Path,
    timeout: float,
    command: str = "ipkpi",
    on_wait: Callable[[str], None] | None = None,
    setting: str = "--lock-timeout",
) -> Iterator[None]:
    """Hold the store's lock for the block; wait up to ``timeout`` seconds for it.

    ``on_wait`` is called once, with who holds it, when the lock is busy at first;
    ``setting`` names where the timeout came from, for the message."""
    path = lock_path(Path(store))
    if not path.parent.is_dir():
        raise StoreError(msg("E-STORE-NO-FOLDER", folder=display_path(path.parent)))
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:  # no permission, a read-only disk: no other writer to blame
        cannot = msg(
            "E-STORE-LOCK-FILE",
            path=display_path(Path(store)),
            name=path.name,
            reason=exc.strerror,
        )
        raise StoreError(cannot) from exc
    try:
        busy = functools.partial(LockBusy, Path(store), waited=timeout, setting=setting)
        wait_for(lambda: _try_lock(fd), lambda: _holder(fd), timeout, on_wait, busy)
        stamp = dt.datetime.now().astimezone().isoformat(timespec="seconds")
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, f"pid {os.getpid()}, {command}, since {stamp}\n".encode())
        try:
            yield
        finally:
            os.ftruncate(fd, 0)
            _unlock(fd)
    finally:
        os.close(fd)


def wait_for(
    try_lock: Callable[[], bool],
    holder: Callable[[], str],
    timeout: float,
    on_wait: Callable[[str], None] | None,
    busy: Callable[[str], Exception],
) -> None:
    """Try ``try_lock`` until it succeeds, every ``POLL_SECONDS``: ``on_wait`` is told once
    who holds the lock; after ``timeout`` seconds, ``busy(holder)`` is raised."""
    deadline = time.monotonic() + timeout
    told = False
    while not try_lock():
        who = holder()
        if time.monotonic() >= deadline:
            raise busy(who)
        if on_wait is not None and not told:
            on_wait(who)
            told = True
        time.sleep(POLL_SECONDS)


def _holder(fd: int) -> str:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        return os.read(fd, 200).decode(errors="replace").strip()
    except OSError:
        return ""


try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: SQLite's own locking still keeps each file whole
    fcntl = None


def _try_lock(fd: int) -> bool:
    if fcntl is None:  # pragma: no cover
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _unlock(fd: int) -> None:
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_UN)
