"""A week or a month summarised: the numbers `week`, `month` and the report show.

Pure functions of rows and "today": no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from reconcile_cli.core.models import Item
from reconcile_cli.core.records import record
from reconcile_cli.core.words import MOOD_PLACES
from reconcile_cli.progress.numbers import (
    EntryRow,
    MarkRow,
    day_mood,
    days_between,
    mean,
    moods_by_day,
    period_mood_mean,
    rate,
    rated_day_moods,
    rounded,
    status_counts,
)
from reconcile_cli.progress.slips import slip_trend
from reconcile_cli.progress.streaks import (
    WalkState,
    strength,
    walk_streaks,
)


@record
class Period:
    kind: str  # "week" | "month"
    start: dt.date
    end: dt.date
    as_of: dt.date
    rolling: bool = False  # a week of the seven days up to a day (`week --last`)

    @property
    def days(self) -> list[dt.date]:
        return days_between(self.start, self.end)

    @property
    def this(self) -> str:
        """The period in words: "this week", "this month", "these seven days"."""
        return "these seven days" if self.rolling else f"this {self.kind}"

    @property
    def before(self) -> str:
        """The period before it in words: "last week", "last month", "the seven days before"."""
        return "the seven days before" if self.rolling else f"last {self.kind}"

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "as_of": self.as_of.isoformat(), "rolling": self.rolling}


def _period(kind: str, start: dt.date, end: dt.date, today: dt.date) -> Period:
    return Period(kind, start, end, today if start <= today <= end else end)


def week_of(day: dt.date, today: dt.date) -> Period:
    """The Monday-to-Sunday week holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return _period("week", monday, monday + dt.timedelta(days=6), today)


def last_seven(day: dt.date, today: dt.date) -> Period:
    """The seven days ending ``day`` (a week that need not begin on a Monday)."""
    start = day - dt.timedelta(days=6)
    return Period("week", start, day, today if start <= today <= day else day, True)


def month_of(day: dt.date, today: dt.date) -> Period:
    first = day.replace(day=1)
    last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    return _period("month", first, last, today)


def previous_period(period: Period, today: dt.date) -> Period:
    before = period.start - dt.timedelta(days=1)
    if period.rolling:
        return last_seven(before, today)
    return week_of(before, today) if period.kind == "week" else month_of(before, today)


def week_number(day: dt.date, journey_start: dt.date | None) -> int | None:
    """Week N of the journal (week 1 holds its first day); None before the journal began."""
    if journey_start is None:
        return None

    def monday(of: dt.date) -> dt.date:  # by subtraction: a Sunday of 9999 has no week after
        return of - dt.timedelta(days=of.weekday())

    number = (monday(day) - monday(journey_start)).days // 7 + 1
    return number if number >= 1 else None


@dataclass(frozen=True)
class PeriodSummary:
    period: Period
    week_number: int | None
    days: list[dict[str, Any]]
    mood: dict[str, Any]
    journal: dict[str, int]
    items: list[dict[str, Any]]
    milestones: list[dict[str, Any]]
    slips: dict[str, Any] | None = None
    letters_written: int = 0  # urges written into the drawer instead of sent
    steps_done: int = 0  # small steps towards a goal done in the period
    pauses: list[dict[str, Any]] = field(default_factory=list)  # those touching the period

    def to_dict(self) -> dict[str, Any]:
        return {
            "period": self.period.to_dict(),
            "days": self.days,
            "mood": self.mood,
            "journal": self.journal,
            "items": self.items,
            "milestones": self.milestones,
            "slips": self.slips,
            "letters_written": self.letters_written,
            "steps_done": self.steps_done,
            "pauses": self.pauses,
        }


def summarize(
    period: Period,
    today: dt.date,
    *,
    items: list[Item],
    entries: list[EntryRow],
    marks: list[MarkRow],
    histories: Mapping[str, Mapping[dt.date, str]],
    previous_entries: list[EntryRow],
    previous_marks: list[MarkRow],
    full_week: dt.date | None,
    journey_start: dt.date | None,
    states: Mapping[str, WalkState] | None = None,
    slip_days: Iterable[str] = (),
    letters_written: int = 0,
    steps_done: int = 0,
    pauses: list[dict[str, Any]] | None = None,
) -> PeriodSummary:
    """Everything `week` and `month` show, from the period's rows and each item's history.

    With ``states`` (each item's walk up to a day before the period) ``histories`` need hold
    only the days after; ``full_week`` is the day ending the first full week checked in."""
    answered_days = [day for day in period.days if day <= period.as_of]
    in_period = {(d, slug): status for d, slug, status in marks
                 if dt.date.fromisoformat(d) <= period.as_of}
    marked_items = {slug for _, slug in in_period}
    listed = sorted((item for item in items if item.active or item.slug in marked_items),
                    key=lambda item: item.position)

    moods = moods_by_day(entries)
    by_day: dict[str, list[EntryRow]] = defaultdict(list)
    for row in entries:
        by_day[row[0]].append(row)
    days: list[dict[str, Any]] = []
    for day in period.days:
        key = day.isoformat()
        day_moods = moods.get(key, [])
        days.append({
            "date": key,
            "mood": rounded(day_mood(day_moods), MOOD_PLACES),
            "mood_min": min(day_moods) if day_moods else None,
            "mood_max": max(day_moods) if day_moods else None,
            "entries": sum(1 for _, _, body in by_day[key] if body.strip()),
            "words": sum(len(body.split()) for _, _, body in by_day[key]),
            "marks": {item.slug: in_period.get((key, item.slug)) for item in listed},
            # drawn blank, not "not answered": there was no journal yet to answer in
            "before_journal": journey_start is not None and day < journey_start,
            "paused": any(p["from"] <= key <= p["until"] for p in pauses or ()),
        })

    ratings = [mood for values in moods.values() for mood in values]
    mean_now = rounded(mean(rated_day_moods(moods).values()), MOOD_PLACES)
    mean_before = period_mood_mean(previous_entries)
    mood: dict[str, Any] = {
        "mean": mean_now,
        "min": min(ratings) if ratings else None,
        "max": max(ratings) if ratings else None,
        "rated_days": len(moods),
        "previous_mean": mean_before,
        "change": (round(mean_now - mean_before, MOOD_PLACES)
                   if mean_now is not None and mean_before is not None else None),
    }
    journal = {
        "days_written": len({day for day, _, body in entries if body.strip()}),
        "entries": sum(1 for _, _, body in entries if body.strip()),  # a rating alone is a mood
        "words": sum(day["words"] for day in days),
    }

    previous_counts = status_counts(previous_marks)
    # days kept are compared over the same stretch of the last period (Monday to Wednesday
    # against Monday to Wednesday), so a week in progress is never behind a finished one
    elapsed = (period.as_of - period.start).days
    earlier = previous_period(period, today).start
    # ...and a day paused now is left out of then too: a week with a flu in it is not behind
    paused_offsets = {(dt.date.fromisoformat(day["date"]) - period.start).days
                      for day in days if day["paused"]}
    # ...and the journal's first days are compared with nothing: the stretch they would be
    # compared with lay (partly) before the journal began, not behind it
    comparable = journey_start is not None and journey_start <= earlier
    same_stretch = status_counts(
        mark for mark in previous_marks
        if (offset := (dt.date.fromisoformat(mark[0]) - earlier).days) <= elapsed
        and offset not in paused_offsets)
    item_rows: list[dict[str, Any]] = []
    milestones: list[dict[str, Any]] = []
    for item in listed:
        counts = status_counts((d, s, st) for (d, s), st in in_period.items() if s == item.slug)
        kept, missed, skipped = (counts[item.slug][k] for k in ("kept", "missed", "skipped"))
        history = histories.get(item.slug, {})
        # an item missing from the states had nothing to walk before them: its walk begins in
        # ``history``, which then holds all of it
        state = states.get(item.slug) if states else None
        walk = walk_streaks(history, period.as_of, today, state)
        before = previous_counts[item.slug]
        item_rows.append({
            "slug": item.slug, "label": item.label, "kind": item.kind,
            "kept": kept, "missed": missed, "skipped": skipped,
            "unanswered": len(answered_days) - kept - missed - skipped,
            "rate": rate(kept, missed),
            "previous_rate": rate(before["kept"], before["missed"]),
            "previous_kept": (same_stretch[item.slug]["kept"]
                              if comparable and before["kept"] + before["missed"] else None),
            "current_streak": walk.current, "best_streak": walk.best,
            "strength": strength(history, period.as_of, state),
        })
        milestones += [
            {"date": day.isoformat(), "item": item.slug, "label": item.label, "kind": kind,
             "days": length}
            for day, kind, length in walk.milestones if period.start <= day <= period.as_of
        ]
    if full_week is not None and period.start <= full_week <= period.as_of:
        milestones.append({"date": full_week.isoformat(), "item": None, "label": None,
                           "kind": "full-week", "days": 7})
    milestones.sort(key=lambda m: m["date"])

    touching = [p for p in pauses or () if p["from"] <= period.end.isoformat()
                and p["until"] >= period.start.isoformat()]
    return PeriodSummary(period, week_number(period.as_of, journey_start), days, mood, journal,
                         item_rows, milestones, slip_trend(slip_days, period.start, period.as_of),
                         letters_written, steps_done, touching)


def with_pauses(paused: set[str], marks: Iterable[MarkRow],
                histories: Mapping[str, Mapping[dt.date, str]] | None = None,
                slugs: Iterable[str] = (), until: dt.date | None = None,
                ) -> tuple[list[MarkRow], dict[str, dict[dt.date, str]]]:
    """Answers on paused days left out of every count, and paused days passed over by streaks
    (each item's history has them as skipped, as a streak runs on across a skipped day)."""
    kept_marks = [mark for mark in marks if mark[0] not in paused]
    adjusted: dict[str, dict[dt.date, str]] = {slug: dict(history)
                                               for slug, history in (histories or {}).items()}
    dates = [dt.date.fromisoformat(day) for day in paused]
    for slug in set(slugs) | set(adjusted):
        history = adjusted.setdefault(slug, {})
        for date in dates:
            if until is None or date <= until:
                history[date] = "skipped"
    return kept_marks, adjusted


def window_stats(entries: Iterable[EntryRow], marks: Iterable[MarkRow]) -> dict[str, Any]:
    """Mood mean and checklist rate over a short window (the seven days up to a day)."""
    counts = {"kept": 0, "missed": 0}
    for _, _, status in marks:
        if status in counts:
            counts[status] += 1
    return {"mood": period_mood_mean(entries), "rate": rate(counts["kept"], counts["missed"]),
            "kept": counts["kept"], "answered": counts["kept"] + counts["missed"]}


def month_weeks(days: list[dict[str, Any]]) -> list[tuple[str, list[dict[str, Any]]]]:
    """A month's days grouped Monday to Sunday, as [("W1", [day, ...]), ...]."""
    weeks: list[tuple[str, list[dict[str, Any]]]] = []
    for day in days:
        if not weeks or dt.date.fromisoformat(day["date"]).weekday() == 0:
            weeks.append((f"W{len(weeks) + 1}", []))
        weeks[-1][1].append(day)
    return weeks


def tally(slug: str, days: list[dict[str, Any]]) -> tuple[int, int]:
    """(days kept, days kept or missed) of one item over some days of a summary."""
    statuses = [day["marks"].get(slug) for day in days]
    kept = statuses.count("kept")
    return kept, kept + statuses.count("missed")
