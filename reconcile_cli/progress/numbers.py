"""The few measures every summary shares: a day's mood, means, rates and counts.

Pure functions of rows and "today": no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping

from reconcile_cli.core.words import MOOD_PLACES

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


EntryRow = tuple[str, "int | None", str]


MarkRow = tuple[str, str, str]


def days_between(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def rounded(value: float | None, places: int) -> float | None:
    return None if value is None else round(value, places)


def rate(kept: int, missed: int) -> float | None:
    return round(kept / (kept + missed), 4) if kept + missed else None


def moods_by_day(entries: Iterable[EntryRow]) -> dict[str, list[int]]:
    moods: dict[str, list[int]] = defaultdict(list)
    for day, mood, _ in entries:
        if mood is not None:
            moods[day].append(mood)
    return moods


def day_mood(moods: list[int]) -> float | None:
    return mean(moods)


def rated_day_moods(moods: Mapping[str, list[int]]) -> dict[str, float]:
    """{day: its mood} for the days of ``moods_by_day`` (each has at least one rating)."""
    return {day: mood for day, values in moods.items() if (mood := day_mood(values)) is not None}


def period_mood_mean(entries: Iterable[EntryRow]) -> float | None:
    """Mean of the days' moods over the days that have one, rounded as moods are shown."""
    return rounded(mean(rated_day_moods(moods_by_day(entries)).values()), MOOD_PLACES)


def status_counts(marks: Iterable[MarkRow]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"kept": 0, "missed": 0, "skipped": 0})
    for _, slug, status in marks:
        counts[slug][status] += 1
    return counts


class Tally:
    """A sum and a count, added to one value at a time; its mean is mean() of those values."""

    __slots__ = ("count", "total")

    def __init__(self) -> None:
        self.total = 0.0
        self.count = 0

    def add(self, value: float) -> None:
        self.total += value
        self.count += 1

    def mean(self) -> float | None:
        return self.total / self.count if self.count else None
