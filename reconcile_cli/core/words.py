"""Numbers with their nouns, in one place, so every message reads "1 entry" and "2 entries"."""

from __future__ import annotations

IRREGULAR = {"entry": "entries", "reply": "replies", "copy": "copies", "library": "libraries"}


def plural(noun: str) -> str:
    """The plural of a noun, or of the last word of a few ("conflicting copy")."""
    head, space, last = noun.rpartition(" ")
    return head + space + IRREGULAR.get(last, last + "s")


def count(number: int, noun: str) -> str:
    """``number`` and ``noun``, made plural when it is not 1; thousands grouped (12,345)."""
    return f"{number:,} {noun if number == 1 else plural(noun)}"
