"""progress: the pure maths of summaries and the sentences they make, by subject (periods,
streaks and strength, slips, insights, the year, comfort). Everything here is a pure function
of plain rows and "today", passed in: no I/O, no clock, no SQL, no Rich. It may import core.

The definitions (what a day's mood is, how a streak walks, the habit-strength score) are a
contract other tools read through ``--json``; see the README.

The wing's face: callers write ``progress.summarize(...)``; names load on first use (see
core/lazy.py).
"""

from typing import TYPE_CHECKING

from reconcile_cli.core import lazy

if TYPE_CHECKING:
    from reconcile_cli.progress.comfort import (
        comfort_page as comfort_page,
        rotating as rotating,
        vision_opening as vision_opening,
    )
    from reconcile_cli.progress.insights import (
        INSIGHT_MIN_DAYS as INSIGHT_MIN_DAYS,
        mood_insights as mood_insights,
    )
    from reconcile_cli.progress.numbers import (
        WEEKDAY_NAMES as WEEKDAY_NAMES,
        EntryRow as EntryRow,
        MarkRow as MarkRow,
        Tally as Tally,
        day_mood as day_mood,
        days_between as days_between,
        mean as mean,
        moods_by_day as moods_by_day,
        period_mood_mean as period_mood_mean,
        rate as rate,
        rated_day_moods as rated_day_moods,
        rounded as rounded,
        status_counts as status_counts,
    )
    from reconcile_cli.progress.periods import (
        Period as Period,
        PeriodSummary as PeriodSummary,
        last_seven as last_seven,
        month_of as month_of,
        month_weeks as month_weeks,
        previous_period as previous_period,
        summarize as summarize,
        tally as tally,
        week_number as week_number,
        week_of as week_of,
        window_stats as window_stats,
        with_pauses as with_pauses,
    )
    from reconcile_cli.progress.sentences import (
        chosen_milestones as chosen_milestones,
        drawer_line as drawer_line,
        encouragement as encouragement,
        milestone_text as milestone_text,
        slip_line as slip_line,
        too_young_words as too_young_words,
        window_words as window_words,
    )
    from reconcile_cli.progress.slips import (
        SLIP_WINDOW as SLIP_WINDOW,
        slip_rows as slip_rows,
        slip_trend as slip_trend,
    )
    from reconcile_cli.progress.streaks import (
        STREAK_MILESTONES as STREAK_MILESTONES,
        STRENGTH_DECAY as STRENGTH_DECAY,
        StreakWalk as StreakWalk,
        WalkState as WalkState,
        first_full_week as first_full_week,
        item_streak as item_streak,
        milestones_reached as milestones_reached,
        strength as strength,
        strength_words as strength_words,
        walk_state as walk_state,
        walk_streaks as walk_streaks,
    )
    from reconcile_cli.progress.year import (
        year_summary as year_summary,
    )

# Where each name lives (tests/test_startup.py keeps this in step with the imports above).
HOMES = {
    "rotating": "comfort",
    "comfort_page": "comfort",
    "vision_opening": "comfort",
    "INSIGHT_MIN_DAYS": "insights",
    "mood_insights": "insights",
    "WEEKDAY_NAMES": "numbers",
    "EntryRow": "numbers",
    "MarkRow": "numbers",
    "days_between": "numbers",
    "mean": "numbers",
    "rounded": "numbers",
    "rate": "numbers",
    "moods_by_day": "numbers",
    "day_mood": "numbers",
    "rated_day_moods": "numbers",
    "period_mood_mean": "numbers",
    "status_counts": "numbers",
    "Tally": "numbers",
    "Period": "periods",
    "week_of": "periods",
    "last_seven": "periods",
    "month_of": "periods",
    "previous_period": "periods",
    "week_number": "periods",
    "PeriodSummary": "periods",
    "summarize": "periods",
    "with_pauses": "periods",
    "window_stats": "periods",
    "month_weeks": "periods",
    "tally": "periods",
    "encouragement": "sentences",
    "milestone_text": "sentences",
    "chosen_milestones": "sentences",
    "drawer_line": "sentences",
    "slip_line": "sentences",
    "too_young_words": "sentences",
    "window_words": "sentences",
    "slip_rows": "slips",
    "SLIP_WINDOW": "slips",
    "slip_trend": "slips",
    "STRENGTH_DECAY": "streaks",
    "STREAK_MILESTONES": "streaks",
    "StreakWalk": "streaks",
    "WalkState": "streaks",
    "walk_streaks": "streaks",
    "strength": "streaks",
    "strength_words": "streaks",
    "walk_state": "streaks",
    "first_full_week": "streaks",
    "item_streak": "streaks",
    "milestones_reached": "streaks",
    "year_summary": "year",
}
__getattr__ = lazy.loader(__name__, HOMES)
