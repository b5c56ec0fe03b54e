"""Summaries over a period: pure functions of rows and "today". No I/O, no clock.

The definitions (what a day's mood is, how a streak walks, the habit-strength score) are a
contract that other tools read through ``--json``; see issue 3 and the README.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from reconcile_cli.core.models import Item
from reconcile_cli.core.records import record
from reconcile_cli.core.words import count

STRENGTH_DECAY = 0.5 ** (1 / 13)  # Loop Habit Tracker's daily multiplier
STREAK_MILESTONES = (7, 14, 30, 60, 90, 180, 365)
# calendar.day_name as Python gives it (in the C locale: reconcile never sets another), without
# loading calendar on every command that summarises
WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# (day, mood or None, body) for one non-deleted entry; (day, item slug, status) for one mark.
EntryRow = tuple[str, "int | None", str]
MarkRow = tuple[str, str, str]


def days_between(start: dt.date, end: dt.date) -> list[dt.date]:
    return [start + dt.timedelta(days=n) for n in range((end - start).days + 1)]


def mean(values: Iterable[float]) -> float | None:
    values = list(values)
    return sum(values) / len(values) if values else None


def rounded(value: float | None, places: int) -> float | None:
    return None if value is None else round(value, places)


# --- periods -----------------------------------------------------------------------------------


@record
class Period:
    kind: str  # "week" | "month"
    start: dt.date
    end: dt.date
    as_of: dt.date

    @property
    def days(self) -> list[dt.date]:
        return days_between(self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start.isoformat(), "end": self.end.isoformat(),
                "as_of": self.as_of.isoformat()}


def _period(kind: str, start: dt.date, end: dt.date, today: dt.date) -> Period:
    return Period(kind, start, end, today if start <= today <= end else end)


def week_of(day: dt.date, today: dt.date) -> Period:
    """The Monday-to-Sunday week holding ``day``."""
    monday = day - dt.timedelta(days=day.weekday())
    return _period("week", monday, monday + dt.timedelta(days=6), today)


def month_of(day: dt.date, today: dt.date) -> Period:
    first = day.replace(day=1)
    last = (first + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(days=1)
    return _period("month", first, last, today)


def previous_period(period: Period, today: dt.date) -> Period:
    before = period.start - dt.timedelta(days=1)
    return week_of(before, today) if period.kind == "week" else month_of(before, today)


def week_number(day: dt.date, journey_start: dt.date | None) -> int | None:
    """Week N of the journal (week 1 holds its first day); None before the journal began."""
    if journey_start is None:
        return None

    def monday(of: dt.date) -> dt.date:  # by subtraction: a Sunday of 9999 has no week after
        return of - dt.timedelta(days=of.weekday())

    number = (monday(day) - monday(journey_start)).days // 7 + 1
    return number if number >= 1 else None


# --- moods and writing ---------------------------------------------------------------------------


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
    """Mean of the days' moods over the days that have one, rounded to 2 decimals."""
    return rounded(mean(rated_day_moods(moods_by_day(entries)).values()), 2)


# --- streaks and strength ------------------------------------------------------------------------


@record
class StreakWalk:
    current: int
    best: int
    milestones: list[tuple[dt.date, str, int]]  # (day, "streak" | "best", days)


@record
class WalkState:
    """Where one item's walk stood at the end of ``through``: enough to walk on from the next
    day exactly as a walk from the first day would. ``started`` is False while no day up to
    ``through`` was marked (the walk begins at the first marked day)."""

    through: dt.date
    started: bool = False
    run: int = 0
    best: int = 0
    best_before_run: int = 0
    score: float = 0.0  # habit strength, not yet rounded


def _walk(history: Mapping[dt.date, str], as_of: dt.date, today: dt.date | None,
          state: WalkState | None) -> tuple[StreakWalk, WalkState]:
    run = best = best_before_run = 0
    if state is not None and state.started:
        run, best, best_before_run = state.run, state.best, state.best_before_run
        first = state.through + dt.timedelta(days=1)
    else:
        after = state.through if state is not None else dt.date.min
        marked = [day for day in history if after < day <= as_of]
        if not marked:
            return StreakWalk(0, 0, []), WalkState(as_of)
        first = min(marked)
    milestones: list[tuple[dt.date, str, int]] = []
    for offset in range((as_of - first).days + 1):  # one day at a time, not a list of them all
        day = first + dt.timedelta(days=offset)
        status = history.get(day)
        if status == "kept":
            if run == 0:
                best_before_run = best
            run += 1
            if run in STREAK_MILESTONES:
                milestones.append((day, "streak", run))
            if best_before_run >= 3 and run == best_before_run + 1:
                milestones.append((day, "best", run))
            best = max(best, run)
        elif status == "skipped" or (status is None and day == as_of == today):
            continue
        else:
            run = 0
    return (StreakWalk(run, best, milestones),
            WalkState(as_of, True, run, best, best_before_run, state.score if state else 0.0))


def walk_streaks(history: Mapping[dt.date, str], as_of: dt.date, today: dt.date,
                 state: WalkState | None = None) -> StreakWalk:
    """Streaks of one item from its first marked day to ``as_of``.

    A kept day adds one; a skipped day is passed over; a missed or unanswered day ends the run,
    except ``as_of`` itself when it is today and not yet answered. With ``state`` the walk goes
    on from where it stood (``history`` need only hold the days after ``state.through``).
    """
    return _walk(history, as_of, today, state)[0]


def _score(history: Mapping[dt.date, str], as_of: dt.date, state: WalkState | None) -> float:
    score = state.score if state is not None else 0.0
    after = state.through if state is not None else dt.date.min
    for day in sorted(history):
        if day > as_of:
            break
        if day > after and history[day] in ("kept", "missed"):
            value = 1.0 if history[day] == "kept" else 0.0
            score = score * STRENGTH_DECAY + value * (1 - STRENGTH_DECAY)
    return score


def strength(history: Mapping[dt.date, str], as_of: dt.date,
             state: WalkState | None = None) -> float:
    """Loop Habit Tracker's habit strength: kept pulls towards 1, missed towards 0."""
    return round(_score(history, as_of, state), 4)


def walk_state(history: Mapping[dt.date, str], through: dt.date) -> WalkState:
    """Where an item's walk stands at the end of ``through`` (a day before today), to go on from
    later without reading the history before it again."""
    _, state = _walk(history, through, None, None)
    return WalkState(through, state.started, state.run, state.best, state.best_before_run,
                     _score(history, through, None))


def rate(kept: int, missed: int) -> float | None:
    return round(kept / (kept + missed), 4) if kept + missed else None


def first_full_week(checkin_days: Iterable[dt.date]) -> dt.date | None:
    """The Sunday ending the first Monday-to-Sunday week with a check-in on every day."""
    days = sorted(set(checkin_days))
    present = set(days)
    for day in days:
        if day.weekday() == 0 and all(day + dt.timedelta(days=n) in present for n in range(7)):
            return day + dt.timedelta(days=6)
    return None


# --- the period summary --------------------------------------------------------------------------


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
            "mood": rounded(day_mood(day_moods), 2),
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
    mean_now = rounded(mean(rated_day_moods(moods).values()), 2)
    mean_before = period_mood_mean(previous_entries)
    mood: dict[str, Any] = {
        "mean": mean_now,
        "min": min(ratings) if ratings else None,
        "max": max(ratings) if ratings else None,
        "rated_days": len(moods),
        "previous_mean": mean_before,
        "change": (round(mean_now - mean_before, 2)
                   if mean_now is not None and mean_before is not None else None),
    }
    journal = {
        "days_written": len({day for day, _, body in entries if body.strip()}),
        "entries": sum(1 for _, _, body in entries if body.strip()),  # a rating alone is a mood
        "words": sum(day["words"] for day in days),
    }

    previous_counts = _status_counts(previous_marks)
    # days kept are compared over the same stretch of the last period (Monday to Wednesday
    # against Monday to Wednesday), so a week in progress is never behind a finished one
    elapsed = (period.as_of - period.start).days
    earlier = previous_period(period, today).start
    # ...and a day paused now is left out of then too: a week with a flu in it is not behind
    paused_offsets = {(dt.date.fromisoformat(day["date"]) - period.start).days
                      for day in days if day["paused"]}
    same_stretch = _status_counts(
        mark for mark in previous_marks
        if (offset := (dt.date.fromisoformat(mark[0]) - earlier).days) <= elapsed
        and offset not in paused_offsets)
    item_rows: list[dict[str, Any]] = []
    milestones: list[dict[str, Any]] = []
    for item in listed:
        counts = _status_counts((d, s, st) for (d, s), st in in_period.items() if s == item.slug)
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
                              if before["kept"] + before["missed"] else None),
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

    return PeriodSummary(period, week_number(period.as_of, journey_start), days, mood, journal,
                         item_rows, milestones, slip_trend(slip_days, period), letters_written,
                         steps_done, [p for p in pauses or () if p["from"] <= period.end.isoformat()
                                      and p["until"] >= period.start.isoformat()])


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


def _status_counts(marks: Iterable[MarkRow]) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: {"kept": 0, "missed": 0, "skipped": 0})
    for _, slug, status in marks:
        counts[slug][status] += 1
    return counts


# --- streaks view --------------------------------------------------------------------------------


def item_streak(item: Item, history: Mapping[dt.date, str], today: dt.date) -> dict[str, Any]:
    """One item's row of `streaks`, from its whole history."""
    walk = walk_streaks(history, today, today)
    misses = sorted(day for day, status in history.items() if status == "missed" and day <= today)
    last_three = misses[-3:]
    gaps = [(b - a).days for a, b in zip(last_three, last_three[1:], strict=False)]
    return {
        "slug": item.slug, "label": item.label, "kind": item.kind,
        "current_streak": walk.current, "best_streak": walk.best,
        "strength": strength(history, today),
        "last_missed": misses[-1].isoformat() if misses else None,
        "days_since_missed": (today - misses[-1]).days if misses else None,
        "mean_gap_between_misses": rounded(mean(gaps), 2),
    }


# --- insights ------------------------------------------------------------------------------------

INSIGHT_MIN_DAYS = 3


def insights(
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
        kept_mood, missed_mood = rounded(kept.mean(), 2), rounded(missed.mean(), 2)
        assert kept_mood is not None and missed_mood is not None  # neither side is empty
        rows.append({
            "slug": item.slug, "label": item.label, "kind": item.kind,
            "kept_days": kept.count, "kept_mood": kept_mood,
            "missed_days": missed.count, "missed_mood": missed_mood,
            "difference": round(kept_mood - missed_mood, 2),
        })
    by_weekday: dict[int, list[float]] = defaultdict(list)
    for day, value in day_moods.items():
        by_weekday[dt.date.fromisoformat(day).weekday()].append(value)
    weekdays = [
        {"weekday": WEEKDAY_NAMES[n], "days": len(by_weekday[n]),
         "mood": rounded(mean(by_weekday[n]), 2)}
        for n in range(7)
    ]
    stepped = set(step_days)
    with_step = [value for day, value in day_moods.items() if day in stepped]
    without = [value for day, value in day_moods.items() if day not in stepped]
    steps = {"with_step": {"days": len(with_step), "mood": rounded(mean(with_step), 2)},
             "without_step": {"days": len(without), "mood": rounded(mean(without), 2)}}
    return {"items": rows, "weekdays": weekdays, "steps": steps}


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


# --- a sentence for the end of a summary ---------------------------------------------------------


def encouragement(summary: PeriodSummary) -> str:
    """One warm sentence drawn from the numbers. It may notice a good thing; it never scolds."""
    span = "this week" if summary.period.kind == "week" else "this month"
    streaks = [m for m in summary.milestones if m["kind"] in ("streak", "best")]
    if streaks:
        best = max(streaks, key=lambda m: m["days"])
        return (f"{best['days']} days in a row of “{best.get('label') or best['item']}”. "
                "Small steps, kept, add up.")
    if any(m["kind"] == "full-week" for m in summary.milestones):
        return "A check-in on every day of a week, for the first time. That is steadiness."
    change = summary.mood["change"]
    if change is not None and change > 0:
        return (f"Your mood averaged {summary.mood['mean']:g}, {change:g} higher than the "
                f"{span[5:]} before.")
    rated = [item for item in summary.items if item["rate"] is not None and item["kept"]]
    if rated:
        top = max(rated, key=lambda item: (item["rate"], item["kept"]))
        answered = top["kept"] + top["missed"]
        name = top.get("label") or top["slug"]
        return (f"You kept to “{name}” on {top['kept']} of the {count(answered, 'day')} you "
                "answered it.")
    if summary.journal["days_written"]:
        return (f"You wrote on {count(summary.journal['days_written'], 'day')} {span}. "
                "Every page counts.")
    return f"A quiet {span[5:]} on the page. The journal is here whenever you are ready."


# --- look-back -----------------------------------------------------------------------------------


def window_stats(entries: Iterable[EntryRow], marks: Iterable[MarkRow]) -> dict[str, Any]:
    """Mood mean and checklist rate over a short window (the seven days up to a day)."""
    counts = {"kept": 0, "missed": 0}
    for _, _, status in marks:
        if status in counts:
            counts[status] += 1
    return {"mood": period_mood_mean(entries), "rate": rate(counts["kept"], counts["missed"]),
            "kept": counts["kept"], "answered": counts["kept"] + counts["missed"]}


# --- shared by the terminal views and the report ------------------------------------------------


def milestone_text(milestone: dict[str, Any]) -> str:
    """A milestone in the item's own words: "Did not beg or plead: 7 days in a row"."""
    name = milestone.get("label") or milestone["item"]
    if milestone["kind"] == "streak":
        return f"{name}: {milestone['days']} days in a row"
    if milestone["kind"] == "best":
        return f"{name}: {milestone['days']} days in a row, your longest yet"
    return "Your first week with a check-in every day"


def chosen_milestones(milestones: list[dict[str, Any]], most: int = 3
                      ) -> tuple[list[dict[str, Any]], int]:
    """The few milestones that matter most (the longest, then the newest), in date order, and
    how many more there were."""
    if len(milestones) <= most:
        return milestones, 0
    ranked = sorted(milestones, key=lambda m: (m["days"], m["date"]), reverse=True)
    longest = ranked[0]
    newest = sorted((m for m in milestones if m is not longest), key=lambda m: m["date"],
                    reverse=True)[:most - 1]
    return sorted([longest, *newest], key=lambda m: m["date"]), len(milestones) - most


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


# --- slips -------------------------------------------------------------------------------------


def slip_rows(rows: Iterable[tuple[str, str, str | None]]) -> Iterator[dict[str, Any]]:
    """Each slip with the days since the same item's previous one (None for its first), one at
    a time as the slips come, oldest first."""
    last: dict[str, dt.date] = {}
    for day, item, note in rows:
        date = dt.date.fromisoformat(day)
        since = (date - last[item]).days if item in last else None
        last[item] = date
        yield {"day": day, "item": item, "note": note, "days_since_previous": since}


SLIP_WINDOW = 3  # gaps compared: the last three against the three before them


def slip_trend(slip_days: Iterable[str], period: Period) -> dict[str, Any]:
    """How far apart slips have been lately (on any restraint item), for one line of a summary:
    the slips in the period, the mean gap between the last few slip days and between the few
    before, and whether they are getting further apart."""
    days = sorted({dt.date.fromisoformat(day) for day in slip_days
                   if dt.date.fromisoformat(day) <= period.as_of})
    in_period = sum(1 for day in days if period.start <= day)
    gaps = [(later - earlier).days for earlier, later in zip(days, days[1:], strict=False)]
    recent = gaps[-SLIP_WINDOW:]
    earlier = gaps[-2 * SLIP_WINDOW:-SLIP_WINDOW]
    recent_gap = rounded(mean(recent), 1) if recent else None
    earlier_gap = rounded(mean(earlier), 1) if len(earlier) == SLIP_WINDOW else None
    trend = None
    if recent_gap is not None and earlier_gap is not None:
        trend = ("further apart" if recent_gap > earlier_gap * 1.2
                 else "closer together" if recent_gap < earlier_gap / 1.2 else "about the same")
    since_last = (period.as_of - days[-1]).days if days else None
    return {"in_period": in_period, "recent_gap": recent_gap, "earlier_gap": earlier_gap,
            "trend": trend, "days_since_last": since_last}


def drawer_line(letters_written: int) -> str | None:
    """The urges written down instead of sent: a moment of restraint each."""
    if not letters_written:
        return None
    noun = "urge" if letters_written == 1 else "urges"
    return f"{letters_written} {noun} written down instead of sent."


def slip_line(trend: dict[str, Any], kind: str) -> str | None:
    """The slips' spacing in one kind sentence; None when there has never been one."""
    if trend["days_since_last"] is None:
        return None
    parts = [f"{count(trend['in_period'], 'day')} with a slip this {kind}"
             if trend["in_period"] else f"no slips this {kind}"]
    if trend["recent_gap"] is not None:
        parts.append(f"lately about {trend['recent_gap']:g} days apart")
    if trend["trend"] == "further apart":
        parts.append(f"further apart than before ({trend['earlier_gap']:g})")
    elif trend["trend"] == "closer together":
        parts.append("a little closer together than before; what helped then can help again")
    return "Slips: " + ", ".join(parts) + "."


# --- comfort -------------------------------------------------------------------------------------


def rotating(values: list[Any], day: dt.date, most: int) -> list[Any]:
    """``most`` of ``values`` for ``day``: a different window each night, in their own order."""
    if len(values) <= most:
        return list(values)
    start = (day.toordinal() * most) % len(values)
    return [values[(start + n) % len(values)] for n in range(most)]


def milestones_reached(walked: Iterable[tuple[Item, Mapping[dt.date, str]]],
                       checkin_days: Iterable[dt.date], today: dt.date) -> list[dict[str, Any]]:
    """Every milestone reached so far, each with the day it was reached, oldest first, from
    each item with its history (taken one at a time: they need not all be held at once)."""
    reached: list[dict[str, Any]] = []
    for item, history in walked:
        walk = walk_streaks(history, today, today)
        reached += [{"day": day.isoformat(), "item": item.slug, "label": item.label,
                     "kind": kind, "days": length} for day, kind, length in walk.milestones]
    full_week = first_full_week(day for day in checkin_days if day <= today)
    if full_week is not None:
        reached.append({"day": full_week.isoformat(), "item": None, "label": None,
                        "kind": "full-week", "days": 7})
    return sorted(reached, key=lambda m: (m["day"], m["item"] or ""))


def comfort(gratitude: list[tuple[str, str]], starred: list[dict[str, Any]],
            milestones: list[dict[str, Any]], kept_days: int, who: dict[str, Any] | None,
            today: dt.date) -> dict[str, Any]:
    """What `comfort` shows tonight: a few of the user's own good things, chosen with variety."""
    return {
        "gratitude": [{"day": day, "line": line} for day, line in rotating(gratitude, today, 3)],
        "starred": rotating(starred, today, 2),
        "milestones": [{**m, "text": milestone_text(m)} for m in milestones],
        "restraint_days_kept": kept_days,
        "who_i_want_to_be": who,
    }


# --- a year at a glance --------------------------------------------------------------------------


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
            "mood": rounded(mean(rated_day_moods(moods_by_day(inside)).values()), 2),
            "kept_rate": rate(kept, missed),
            "days_written": len({day for day, _, body in inside if body.strip()}),
            "slips": len(slip_days), "slip_gap": rounded(mean(gaps), 1) if gaps else None}


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
        days.append({"day": key, "mood": rounded(moods.get(key), 2),
                     "paused": key in (paused or set()),
                     "before_journal": journey_start is None or date < journey_start,
                     "future": date > today})
    slugs = [item.slug for item in items]
    months = []
    for month in range(1, 13):
        prefix = f"{year}-{month:02d}"
        counts = _status_counts(row for row in marks if row[0].startswith(prefix))
        months.append({"month": prefix, "kept_rate": {
            slug: rate(counts[slug]["kept"], counts[slug]["missed"]) for slug in slugs}})
    moving = []
    for index, cell in enumerate(days):
        if cell["future"]:
            break
        window = [float(d["mood"]) for d in days[max(0, index - 29):index + 1]
                  if d["mood"] is not None]
        moving.append({"day": cell["day"], "mood": rounded(mean(window), 2) if window else None})
    restraint = {item.slug for item in items if item.kind == "restraint"}
    then_now = None
    if journey_start is not None:
        then_now = {
            "then": _window(then_entries, then_marks, restraint, journey_start,
                            journey_start + dt.timedelta(days=29)),
            "now": _window(then_entries, then_marks, restraint,
                           today - dt.timedelta(days=29), today)}
    in_year = [p for p in pauses or () if p["from"] <= end.isoformat()
               and p["until"] >= start.isoformat()]
    return {"year": year, "days": days, "months": months, "moving_average": moving,
            "then_and_now": then_now, "pauses": in_year,
            "items": [{"slug": item.slug, "label": item.label} for item in items]}


def window_words(side: dict[str, Any]) -> str:
    """One side of "then and now" in words, as the year view and its report both say it."""
    mood = "no ratings" if side["mood"] is None else f"mood {side['mood']:g}"
    kept = ("no answers" if side["kept_rate"] is None
            else f"kept {side['kept_rate'] * 100:.0f}% of answers")
    gap = (f"slips {side['slip_gap']:g} days apart" if side["slip_gap"] is not None
           else count(side["slips"], "slip"))
    return f"{mood}, {kept}, {count(side['days_written'], 'day')} written, {gap}"
