"""Traditional characters read as simplified (萬人版權登記量 → 万人版权登记量), through
OpenCC's character and phrase tables, for matching only: what a cell says is kept as
written."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _converter():
    import opencc  # imported on first use: only ingest needs it

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=1 << 16)
def simplified(text: str) -> str:
    """``text`` in simplified characters (unchanged when it has no traditional ones)."""
    if text.isascii():
        return text
    return _converter().convert(text)
