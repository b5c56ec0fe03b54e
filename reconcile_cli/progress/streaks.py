"""Streaks, habit strength and milestones: how one item's days walk, one at a time.

Pure functions of rows and "today": no I/O, no clock.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from reconcile_cli.core.models import Item
from reconcile_cli.core.records import record
from reconcile_cli.progress.numbers import (
    mean,
    rounded,
)

STRENGTH_DECAY = 0.5 ** (1 / 13)  # Loop Habit Tracker's daily multiplier


STREAK_MILESTONES = (7, 14, 30, 60, 90, 180, 365)


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


STRENGTH_WORDS = ((0.8, "strong"), (0.5, "steady"), (0.2, "growing"), (0.0001, "starting"))


def strength_words(value: float) -> str:
    """Strength in a word, never a grade: how rooted a habit has grown."""
    return next((word for floor, word in STRENGTH_WORDS if value >= floor), "not yet")


def walk_state(history: Mapping[dt.date, str], through: dt.date) -> WalkState:
    """Where an item's walk stands at the end of ``through`` (a day before today), to go on from
    later without reading the history before it again."""
    _, state = _walk(history, through, None, None)
    return WalkState(through, state.started, state.run, state.best, state.best_before_run,
                     _score(history, through, None))


def first_full_week(checkin_days: Iterable[dt.date]) -> dt.date | None:
    """The Sunday ending the first Monday-to-Sunday week with a check-in on every day."""
    days = sorted(set(checkin_days))
    present = set(days)
    for day in days:
        if day.weekday() == 0 and all(day + dt.timedelta(days=n) in present for n in range(7)):
            return day + dt.timedelta(days=6)
    return None


def item_streak(item: Item, history: Mapping[dt.date, str], today: dt.date) -> dict[str, Any]:
    """One item's row of `streaks`, from its whole history."""
    walk = walk_streaks(history, today, today)
    misses = sorted(day for day, status in history.items() if status == "missed" and day <= today)
    last_three = misses[-3:]
    gaps = [(b - a).days for a, b in zip(last_three, last_three[1:], strict=False)]
    return {
        "slug": item.slug, "label": item.label, "kind": item.kind,
        "current_streak": walk.current, "best_streak": walk.best,
        "strength": (rooted := strength(history, today)),
        "strength_words": strength_words(rooted),
        "last_missed": misses[-1].isoformat() if misses else None,
        "days_since_missed": (today - misses[-1]).days if misses else None,
        "mean_gap_between_misses": rounded(mean(gaps), 1),
    }


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
