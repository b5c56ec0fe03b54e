"""Numbers with their nouns, in one place, so every message reads "1 entry" and "2 entries"."""

from __future__ import annotations

# Moods, and every mean made of them, are shown (and given in --json) with one decimal, the same
# everywhere: "mean 3.8" in `month` is "mean 3.8" in `week` and in the report.
MOOD_PLACES = 1

IRREGULAR = {"entry": "entries", "reply": "replies", "copy": "copies", "library": "libraries"}


def plural(noun: str) -> str:
    """The plural of a noun, or of the last word of a few ("conflicting copy")."""
    head, space, last = noun.rpartition(" ")
    return head + space + IRREGULAR.get(last, last + "s")


def count(number: int, noun: str) -> str:
    """``number`` and ``noun``, made plural when it is not 1; thousands grouped (12,345)."""
    return f"{number:,} {noun if number == 1 else plural(noun)}"


def listed(names: list[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def about(number: float, noun: str) -> str:
    """A number that may have a decimal, with its noun: "1 day", "4.7 days", "2 days"."""
    shown = f"{number:,.1f}".removesuffix(".0")
    return f"{shown} {noun if shown == '1' else plural(noun)}"
