"""Counts said in words: "1 file", "2 files". A message never says "1 files" or "file(s)"."""

from __future__ import annotations


def count_of(count: int, noun: str, plural: str | None = None) -> str:
    """`count` and the noun in the number it takes; `plural` when it is not noun + "s"."""
    return f"{count} {noun if count == 1 else (plural or noun + 's')}"
