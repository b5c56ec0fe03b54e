"""A year at a glance: a cell a day, each item month by month, and then and now.

Pure functions of rows and "today": no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from reconcile_cli.core.models import Item
from reconcile_cli.core.words import MOOD_PLACES
from reconcile_cli.progress.numbers import (
    EntryRow,
    MarkRow,
    day_mood,
    mean,
    moods_by_day,
    rate,
    rated_day_moods,
    rounded,
    status_counts,
)


def _window(entries: list[EntryRow], marks: list[MarkRow], restraint: set[str],
            start: dt.date, end: dt.date) -> dict[str, Any]:
    """Mood, kept rate, days written and the spacing of slips over ``start``..``end``."""
    first, last = start.isoformat(), end.isoformat()
    inside = [row for row in entries if first <= row[0] <= last]
    answers = [row for row in marks if first <= row[0] <= last]
    kept = sum(1 for _, _, status in answers if status == "kept")
    missed = sum(1 for _, _, status in answers if status == "missed")
    slip_days = sorted({dt.date.fromisoformat(day) for day, slug, status in answers
                        if status == "missed" and slug in restraint})
    gaps = [(b - a).days for a, b in zip(slip_days, slip_days[1:], strict=False)]
    return {"from": first, "until": last,
            "mood": rounded(mean(rated_day_moods(moods_by_day(inside)).values()), MOOD_PLACES),
            "kept_rate": rate(kept, missed),
            "days_written": len({day for day, _, body in inside if body.strip()}),
            "slips": len(slip_days), "slip_gap": rounded(mean(gaps), 1) if gaps else None}


THEN_AND_NOW = 30  # days on each side of "then and now"


def year_summary(year: int, today: dt.date, journey_start: dt.date | None, items: list[Item],
                 entries: Iterable[EntryRow], marks: list[MarkRow], then_entries: list[EntryRow],
                 then_marks: list[MarkRow], paused: set[str] | None = None,
                 pauses: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    """`year`: a cell per day (mood), each item's kept rate per month, the mood's 30-day moving
    average, and the journal's first 30 days against its last 30 ("then and now")."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    moods = {day: day_mood(values) for day, values in moods_by_day(entries).items()}
    days: list[dict[str, Any]] = []
    for offset in range((end - start).days + 1):
        date = start + dt.timedelta(days=offset)
        key = date.isoformat()
        days.append({"day": key, "mood": rounded(moods.get(key), MOOD_PLACES),
                     "paused": key in (paused or set()),
                     "before_journal": journey_start is None or date < journey_start,
                     "future": date > today})
    slugs = [item.slug for item in items]
    months = []
    for month in range(1, 13):
        prefix = f"{year}-{month:02d}"
        counts = status_counts(row for row in marks if row[0].startswith(prefix))
        months.append({"month": prefix, "kept_rate": {
            slug: rate(counts[slug]["kept"], counts[slug]["missed"]) for slug in slugs}})
    moving = []
    for index, cell in enumerate(days):
        if cell["future"]:
            break
        window = [float(d["mood"]) for d in days[max(0, index - 29):index + 1]
                  if d["mood"] is not None]
        moving.append({"day": cell["day"],
                       "mood": rounded(mean(window), MOOD_PLACES) if window else None})
    restraint = {item.slug for item in items if item.kind == "restraint"}
    then_now = None
    # the first 30 days against the last 30: once they are 30 days apart (60 days in all);
    # before that the two would be the same days, or nearly
    comparable_from = (journey_start + dt.timedelta(days=2 * THEN_AND_NOW - 1)
                       if journey_start is not None else None)
    if journey_start is not None and comparable_from is not None and comparable_from <= today:
        then_now = {
            "then": _window(then_entries, then_marks, restraint, journey_start,
                            journey_start + dt.timedelta(days=29)),
            "now": _window(then_entries, then_marks, restraint,
                           today - dt.timedelta(days=29), today)}
    in_year = [p for p in pauses or () if p["from"] <= end.isoformat()
               and p["until"] >= start.isoformat()]
    return {"year": year, "days": days, "months": months, "moving_average": moving,
            "then_and_now": then_now,
            "then_and_now_from": comparable_from.isoformat() if comparable_from else None,
            "pauses": in_year,
            "items": [{"slug": item.slug, "label": item.label} for item in items]}
