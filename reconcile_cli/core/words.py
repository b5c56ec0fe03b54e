"""Numbers with their nouns, in one place, so every message reads "1 entry" and "2 entries"."""

from __future__ import annotations

IRREGULAR = {"entry": "entries", "reply": "replies", "copy": "copies", "library": "libraries"}


def plural(noun: str) -> str:
    return IRREGULAR.get(noun, noun + "s")


def count(number: int, noun: str) -> str:
    """``number`` and ``noun``, made plural when it is not 1; thousands grouped (12,345)."""
    return f"{number:,} {noun if number == 1 else plural(noun)}"
