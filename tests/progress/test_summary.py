"""Streaks, strength, periods and milestones on hand-made sequences (pure functions)."""

import datetime as dt

import pytest
from hypothesis import example, given, strategies as st

from reconcile_cli.progress import (
    first_full_week,
    month_of,
    previous_period,
    rate,
    strength,
    walk_state,
    walk_streaks,
    week_number,
    week_of,
)

MON = dt.date(2026, 11, 16)


def days(*statuses: str | None, start: dt.date = MON) -> dict:
    """{date: status} from consecutive statuses starting on ``start`` (None = unanswered)."""
    return {start + dt.timedelta(days=n): s for n, s in enumerate(statuses) if s is not None}


def day(n: int) -> dt.date:
    return MON + dt.timedelta(days=n)


def test_a_skipped_day_neither_adds_nor_breaks():
    walk = walk_streaks(days("kept", "kept", "skipped", "kept"), as_of=day(3), today=day(3))
    assert (walk.current, walk.best) == (3, 3)


def test_today_unanswered_does_not_break_but_an_earlier_unanswered_day_does():
    history = days("kept", "kept")
    assert walk_streaks(history, as_of=day(2), today=day(2)).current == 2
    assert walk_streaks(history, as_of=day(2), today=day(3)).current == 0
    assert walk_streaks(days("kept", None, "kept"), as_of=day(2), today=day(2)).current == 1


def test_a_miss_or_a_gap_ends_the_run_and_best_remembers_the_longest():
    walk = walk_streaks(days("kept", "kept", "kept", "kept", "missed", "kept", "kept"),
                        as_of=day(6), today=day(6))
    assert (walk.current, walk.best) == (2, 4)
    walk = walk_streaks(days("kept", "kept", "kept", None, "kept"), as_of=day(4), today=day(4))
    assert (walk.current, walk.best) == (1, 3)


def test_a_run_starting_with_skips():
    assert walk_streaks(days("skipped", "kept"), as_of=day(1), today=day(1)).current == 1


def test_nothing_marked_is_zero():
    assert walk_streaks({}, as_of=day(0), today=day(0)) == walk_streaks({}, day(3), day(3))
    assert walk_streaks({}, as_of=day(0), today=day(0)).best == 0


def test_streak_milestones_land_on_the_day_the_streak_reaches_them():
    walk = walk_streaks(days(*["kept"] * 15), as_of=day(14), today=day(14))
    assert walk.milestones == [(day(6), "streak", 7), (day(13), "streak", 14)]


def test_a_new_best_counts_only_when_it_beats_a_best_of_at_least_three():
    beats_three = days("kept", "kept", "kept", "missed", "kept", "kept", "kept", "kept", "kept")
    assert walk_streaks(beats_three, day(8), day(8)).milestones == [(day(7), "best", 4)]
    beats_two = days("kept", "kept", "missed", "kept", "kept", "kept")
    assert walk_streaks(beats_two, day(5), day(5)).milestones == []


def test_strength_follows_the_loop_habit_formula():
    assert strength({}, day(0)) == 0.0
    assert strength(days("kept"), day(0)) == 0.0519          # 1 - 0.5 ** (1/13)
    assert strength(days(*["kept"] * 13), day(12)) == 0.5     # thirteen days: half way
    assert strength(days(*["kept"] * 13, "missed"), day(13)) == 0.474  # 0.5 * m: dented
    # skipped and unanswered days leave it where it was: the same as two kept days in a row
    assert strength(days("kept", "skipped", None, None, "kept"), day(4)) == 0.1011
    # marks after as_of are ignored
    assert strength(days("kept", "kept"), day(0)) == 0.0519


def test_rate_is_kept_over_kept_and_missed():
    assert rate(6, 1) == 0.8571
    assert rate(0, 0) is None
    assert rate(0, 3) == 0.0


def test_weeks_run_monday_to_sunday_and_as_of_stops_at_today():
    thursday = dt.date(2026, 11, 19)
    week = week_of(thursday, today=thursday)
    assert (week.start, week.end, week.as_of) == (MON, day(6), thursday)
    sunday = week_of(day(6), today=dt.date(2026, 12, 1))
    assert (sunday.start, sunday.as_of) == (MON, day(6))
    before = previous_period(week, today=thursday)
    assert (before.start, before.end, before.as_of) == (day(-7), day(-1), day(-1))


def test_months_and_their_previous_month_across_a_year_end():
    january = month_of(dt.date(2027, 1, 15), today=dt.date(2027, 1, 20))
    assert (january.start, january.end, january.as_of) == (
        dt.date(2027, 1, 1), dt.date(2027, 1, 31), dt.date(2027, 1, 20))
    december = previous_period(january, today=dt.date(2027, 1, 20))
    assert (december.start, december.end) == (dt.date(2026, 12, 1), dt.date(2026, 12, 31))


@pytest.mark.parametrize(("when", "expected"), [(day(0), 1), (day(6), 1), (day(7), 2),
                                                (day(-1), None)])
def test_week_numbers_count_from_the_journals_first_week(when, expected):
    assert week_number(when, journey_start=day(2)) == expected


def test_first_full_week_needs_all_seven_days_of_one_monday_to_sunday_week():
    assert first_full_week([day(n) for n in range(2, 9)]) is None  # Wed..Tue: no full week
    assert first_full_week([day(n) for n in range(0, 7)]) == day(6)
    assert first_full_week([day(n) for n in range(-7, 14)]) == day(-1)


def _summary(milestones=(), change=None, items=(), days_written=0, kind="week"):
    from reconcile_cli.progress import Period, PeriodSummary

    period = Period(kind, MON, day(6), day(6))
    return PeriodSummary(period, 1, [], {"mean": 6.0, "change": change}, {
        "days_written": days_written}, list(items), list(milestones))


def test_the_closing_sentence_notices_good_things_and_never_scolds():
    from reconcile_cli.progress import encouragement

    streak = {"date": "2026-11-20", "item": "no-begging", "kind": "streak", "days": 30}
    assert encouragement(_summary([streak])) == (
        "30 days in a row of “no-begging”. Small steps, kept, add up.")
    assert encouragement(_summary(change=0.5)) == (
        "Your mood averaged 6, 0.5 higher than the week before.")
    slipping = {"slug": "no-blame", "kept": 1, "missed": 5, "rate": 0.1667}
    steady = {"slug": "self-care", "kept": 4, "missed": 1, "rate": 0.8}
    assert encouragement(_summary(change=-1, items=[slipping, steady])) == (
        "You kept to “self-care” on 4 of the 5 days you answered it.")
    assert encouragement(_summary(days_written=1)) == (
        "You wrote on 1 day this week. Every page counts.")
    assert encouragement(_summary(kind="month")) == (
        "A quiet month on the page. The journal is here whenever you are ready.")


@given(statuses=st.lists(st.sampled_from(["kept", "kept", "kept", "missed", "skipped", None]),
                         max_size=80),
       through=st.integers(0, 79), extra=st.integers(0, 5), answered_today=st.booleans())
@example(statuses=["kept"] * 4 + ["missed"] + ["kept"] * 5, through=7, extra=0,
         answered_today=True)  # a new best reached after the checkpoint, begun before it
def test_walking_on_from_a_state_is_walking_from_the_first_day(statuses, through, extra,
                                                               answered_today):
    # week and month walk on from a checkpoint: it must give the very numbers, and the very
    # milestones after it, that a walk over every day gives
    history = days(*statuses)
    as_of = day(max(through + 1, len(statuses) - 1 + extra))
    today = as_of if answered_today else as_of + dt.timedelta(days=1)
    state = walk_state({d: s for d, s in history.items() if d <= day(through)}, day(through))
    later = {d: s for d, s in history.items() if d > day(through)}
    whole = walk_streaks(history, as_of, today)
    walked_on = walk_streaks(later, as_of, today, state)
    assert (walked_on.current, walked_on.best) == (whole.current, whole.best)
    assert walked_on.milestones == [m for m in whole.milestones if m[0] > day(through)]
    assert strength(later, as_of, state) == strength(history, as_of)


@pytest.mark.parametrize(("day", "last"), [
    (dt.date(2024, 2, 10), dt.date(2024, 2, 29)), (dt.date(2026, 2, 1), dt.date(2026, 2, 28)),
    (dt.date(1900, 2, 28), dt.date(1900, 2, 28)), (dt.date(2000, 2, 3), dt.date(2000, 2, 29)),
    (dt.date(2026, 12, 31), dt.date(2026, 12, 31)), (dt.date(2026, 4, 30), dt.date(2026, 4, 30)),
])
def test_a_month_ends_on_its_last_day(day, last):
    assert (month_of(day, day).start, month_of(day, day).end) == (day.replace(day=1), last)


def test_weekday_names_are_python_own():
    import calendar

    from reconcile_cli.progress import WEEKDAY_NAMES

    assert tuple(calendar.day_name) == WEEKDAY_NAMES
