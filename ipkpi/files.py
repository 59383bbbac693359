"""Files written whole or not at all.

Every output (workbook, JSON report, run summary, rejection note) is written to a
temporary file in the same folder, flushed to disk and renamed over the old one. A run
killed at any moment therefore leaves each file either as it was or complete, plus at
most a hidden ``.NAME.PID-*.ipkpi.tmp`` that the next run removes, and so does the next
write of the same file (``remove_leftovers``: the temporary files of writers no longer
running). ``write_workbook`` (every ``-o``) will not replace a read-only file.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from ipkpi.errors import UsageError, display_path
from ipkpi.messages import Message, msg

TMP_SUFFIX = ".ipkpi.tmp"
T = TypeVar("T")


@contextmanager
def replacing(path: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; when the block ends normally it becomes
    ``path`` (keeping an existing file's permissions), otherwise it is removed."""
    path = Path(path)
    remove_leftovers(path)
    prefix = f".{path.name}.{os.getpid()}-"
    fd, tmp_name = tempfile.mkstemp(prefix=prefix, suffix=TMP_SUFFIX, dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        _fsync(tmp)
        os.chmod(tmp, file_mode(path))
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_workbook(path: Path, write: Callable[[Path], T], option: str = "-o") -> T:
    """Write a workbook to ``path`` with ``write(tmp)``, atomically; a folder that is not
    there, a folder in its place or a file that cannot be written is a usage error."""
    path = Path(path)
    if not path.parent.is_dir():
        raise UsageError(
            msg(
                "E-OUTPUT-NO-FOLDER",
                option=option,
                folder=display_path(path.parent),
                name=path.name,
            )
        )
    if path.is_dir():
        raise UsageError(msg("E-OUTPUT-IS-FOLDER", option=option, path=display_path(path)))
    if read_only(path):
        raise UsageError(msg("E-OUTPUT-READ-ONLY", option=option, path=display_path(path)))
    try:
        with replacing(path) as tmp:
            return write(tmp)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UsageError(
            msg("E-OUTPUT-UNWRITABLE", option=option, path=display_path(path), reason=reason)
        ) from exc


def write_text(path: Path, text: str) -> None:
    with replacing(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def copy_file(source: Path, path: Path) -> None:
    with replacing(path) as tmp:
        shutil.copyfile(source, tmp)


def remove_stale_temps(folder: Path) -> list[Path]:
    """Remove the temporary files a killed run left in ``folder``. Call it only while
    holding the store lock, so no running writer's file is taken for a stale one."""
    if not folder.is_dir():
        return []
    removed = []
    for path in sorted(folder.glob(f".*{TMP_SUFFIX}")):
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def remove_leftovers(path: Path) -> list[Path]:
    """Remove the temporary files that killed writers of ``path`` left beside it: those
    named for a process no longer running (and those from before names carried one),
    never another running writer's."""
    removed = []
    for tmp in path.parent.glob(f".*{TMP_SUFFIX}"):
        rest = tmp.name.removeprefix(f".{path.name}.").removesuffix(TMP_SUFFIX)
        found = _TEMP_REST.fullmatch(rest) if rest != tmp.name else None
        if found is None or (found[1] and _running(int(found[1]))):
            continue
        tmp.unlink(missing_ok=True)
        removed.append(tmp)
    return removed


# What follows ``.NAME.`` in a temporary file's name: PID-random, or random (older names).
_TEMP_REST = re.compile(r"(?:(\d+)-)?\w+")


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):  # another user's process; a number out of range
        return True
    return True


def read_only(path: Path) -> bool:
    """A file whose owner may not write it (``chmod -w``), by its mode bits: root may
    write it anyway, but a user who made a file read-only meant it to be kept."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) and not mode & stat.S_IWUSR


def path_problem(path: Path) -> Message | None:
    """Why ``path``, given to be read, is not a readable file or folder, naming it
    (``E-PATH-LINK-LOOP``, ``E-PATH-MISSING``, ``E-PATH-UNREADABLE`` …); None when it is
    one. By os.stat and opening it, so root is told the same as anyone."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            os.scandir(path).close()
        elif stat.S_ISREG(mode):
            open(path, "rb").close()
        else:
            return msg("E-PATH-NOT-FILE", path=display_path(path))
    except OSError as exc:
        return _why(path, exc)
    return None


def _why(path: Path, exc: OSError) -> Message:
    shown = display_path(path)
    if exc.errno == errno.ELOOP:
        return msg("E-PATH-LINK-LOOP", path=shown)
    if isinstance(exc, FileNotFoundError):
        code = "E-PATH-DANGLING-LINK" if os.path.islink(path) else "E-PATH-MISSING"
        return msg(code, path=shown)
    return msg("E-PATH-UNREADABLE", path=shown, reason=exc.strerror or str(exc))


def walk(folder: Path, seen: Callable[[str], bool]) -> list[Path]:
    """The files and folders below ``folder`` whose names (and their folders' names)
    ``seen`` accepts, in name order; links to folders are not entered. A folder that
    cannot be listed, or a symbolic link loop, is a usage error naming it and why."""
    found = []

    def fail(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else folder
        raise UsageError(_why(where, exc))

    for root, folders, names in os.walk(folder, onerror=fail):
        folders[:] = [name for name in folders if seen(name)]
        found += [Path(root, name) for name in (*folders, *names) if seen(name)]
    found.sort()
    for path in found:
        if path.is_symlink() and (loop := path_problem(path)) and loop.code == "E-PATH-LINK-LOOP":
            raise UsageError(loop)
    return found


def file_mode(path: Path) -> int:
    """The replaced file's permissions, else what the umask gives a new file (mkstemp's
    temporary file is private to its owner)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync(path: Path) -> None:
    # A rename is atomic against a killed process; the fsync makes it so against a power cut.
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())
