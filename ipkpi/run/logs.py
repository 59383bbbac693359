"""The logs of unattended runs: the ``ipkpi`` loggers to stderr (in colour on a terminal)
and to a log file, for the length of a run.
"""

from __future__ import annotations

import logging
import sys
from contextlib import contextmanager
from pathlib import Path

from ipkpi.errors import UsageError
from ipkpi.messages import msg

LOG_FORMAT = "%(asctime)s %(levelname)-7s %(message)s"
LOG_DATE_FORMAT = "%Y-%m-%d %H:%M:%S"
_LEVEL_COLOURS = {"WARNING": "\x1b[33m", "ERROR": "\x1b[31;1m", "DEBUG": "\x1b[2m"}


class _ColourFormatter(logging.Formatter):
    """Whole lines in the level's colour; used only on a terminal without NO_COLOR."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        colour = _LEVEL_COLOURS.get(record.levelname)
        return f"{colour}{text}\x1b[0m" if colour else text


@contextmanager
def run_logging(verbose: int, log_file: Path | None, terminal: bool, colour: bool):
    """Send the ``ipkpi`` loggers to stderr (warnings and errors only when not on a
    terminal, one level more per -v) and, when given, append to ``log_file`` (info and up,
    debug with -v). The handlers are removed afterwards."""
    logger = logging.getLogger("ipkpi")
    quiet = logging.INFO if terminal else logging.WARNING
    stderr_level = max(logging.DEBUG, quiet - 10 * verbose)
    handlers: list[logging.Handler] = []
    stream = logging.StreamHandler(sys.stderr)
    stream.setLevel(stderr_level)
    formatter = _ColourFormatter if colour else logging.Formatter
    stream.setFormatter(formatter(LOG_FORMAT, LOG_DATE_FORMAT))
    handlers.append(stream)
    if log_file is not None:
        try:
            to_file = logging.FileHandler(log_file, encoding="utf-8")
        except OSError as exc:
            cannot = msg("E-RUN-LOG-FILE", path=str(log_file), reason=exc.strerror)
            raise UsageError(cannot) from exc
        to_file.setLevel(min(logging.INFO, stderr_level))
        to_file.setFormatter(logging.Formatter(LOG_FORMAT, LOG_DATE_FORMAT))
        handlers.append(to_file)
    previous = logger.level
    logger.setLevel(min(h.level for h in handlers))
    for handler in handlers:
        logger.addHandler(handler)
    try:
        yield logger
    finally:
        for handler in handlers:
            logger.removeHandler(handler)
            handler.close()
        logger.setLevel(previous)
