"""Messages of ingest_files: code → (zh, en)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {}
