"""Where a target, task or rule of the catalogue comes from: the document, its clause, and
the words it says there, quoted exactly."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Source:
    document: str
    clause: str
    quote: str
