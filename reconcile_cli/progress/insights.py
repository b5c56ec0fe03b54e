"""What goes together: mood on days an item was kept against days it was missed.

Pure functions of rows and "today": no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any

from reconcile_cli.core.models import Item
from reconcile_cli.core.words import MOOD_PLACES
from reconcile_cli.progress.numbers import (
    WEEKDAY_NAMES,
    MarkRow,
    Tally,
    mean,
    rounded,
)

INSIGHT_MIN_DAYS = 3


def mood_insights(
    items: list[Item], day_moods: Mapping[str, float], marks: Iterable[MarkRow],
    step_days: Iterable[str] = (),
) -> dict[str, Any]:
    """Mood on days an item was kept against days it was missed; mood by weekday. ``day_moods``
    is each rated day's mood (as rated_day_moods gives it).

    Only items with at least three rated days on each side are reported: fewer says nothing.
    """
    # running sums in the order the lists were summed before: the same means, in memory that
    # does not grow with the answers
    sides: dict[str, dict[str, Tally]] = defaultdict(lambda: {"kept": Tally(),
                                                              "missed": Tally()})
    for day, slug, status in marks:
        if status in ("kept", "missed") and day in day_moods:
            sides[slug][status].add(day_moods[day])
    rows: list[dict[str, Any]] = []
    for item in items:
        kept, missed = sides[item.slug]["kept"], sides[item.slug]["missed"]
        if kept.count < INSIGHT_MIN_DAYS or missed.count < INSIGHT_MIN_DAYS:
            continue
        kept_mood = rounded(kept.mean(), MOOD_PLACES)
        missed_mood = rounded(missed.mean(), MOOD_PLACES)
        assert kept_mood is not None and missed_mood is not None  # neither side is empty
        rows.append({
            "slug": item.slug, "label": item.label, "kind": item.kind,
            "kept_days": kept.count, "kept_mood": kept_mood,
            "missed_days": missed.count, "missed_mood": missed_mood,
            "difference": round(kept_mood - missed_mood, MOOD_PLACES),
        })
    by_weekday: dict[int, list[float]] = defaultdict(list)
    for day, value in day_moods.items():
        by_weekday[dt.date.fromisoformat(day).weekday()].append(value)
    weekdays = [
        {"weekday": WEEKDAY_NAMES[n], "days": len(by_weekday[n]),
         "mood": rounded(mean(by_weekday[n]), MOOD_PLACES)}
        for n in range(7)
    ]
    stepped = set(step_days)
    with_step = [value for day, value in day_moods.items() if day in stepped]
    without = [value for day, value in day_moods.items() if day not in stepped]
    steps = {"with_step": {"days": len(with_step), "mood": rounded(mean(with_step), MOOD_PLACES)},
             "without_step": {"days": len(without), "mood": rounded(mean(without), MOOD_PLACES)}}
    return {"items": rows, "weekdays": weekdays, "steps": steps}
