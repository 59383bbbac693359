"""Display width of text in a terminal: Chinese characters take two columns.

The standard library's Unicode tables are enough for the text ipkpi prints (Chinese,
ASCII, full-width punctuation), and cost nothing to import — wcwidth's tables cost
more than the rest of a report's start-up.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def char_width(ch: str) -> int:
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    if ch in "\u200b\u00ad" or "\u1160" <= ch <= "\u11ff":  # zero-width space, Hangul jamo
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def display_width(text: str) -> int:
    if text.isascii():
        return len(text)
    return sum(char_width(ch) for ch in text)


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces to ``width`` display columns."""
    return text + " " * (width - display_width(text))
