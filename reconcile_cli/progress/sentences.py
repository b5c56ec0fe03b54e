"""The sentences the numbers make: warm, plain, never a grade.

Pure functions of rows and "today": no I/O, no clock.
"""

from __future__ import annotations

from typing import Any

from reconcile_cli.core.words import about, count
from reconcile_cli.progress.periods import (
    PeriodSummary,
)


def encouragement(summary: PeriodSummary) -> str:
    """One warm sentence drawn from the numbers. It may notice a good thing; it never scolds."""
    span = summary.period.this
    streaks = [m for m in summary.milestones if m["kind"] in ("streak", "best")]
    if streaks:
        best = max(streaks, key=lambda m: m["days"])
        return (f"{best['days']} days in a row of “{best.get('label') or best['item']}”. "
                "Small steps, kept, add up.")
    if any(m["kind"] == "full-week" for m in summary.milestones):
        return "A check-in on every day of a week, for the first time. That is steadiness."
    change = summary.mood["change"]
    if change is not None and change > 0:
        before = ("the seven days before" if summary.period.rolling
                  else f"the {summary.period.kind} before")
        return f"Your mood averaged {summary.mood['mean']:g}, {change:g} higher than {before}."
    rated = [item for item in summary.items if item["rate"] is not None and item["kept"]]
    if rated:
        top = max(rated, key=lambda item: (item["rate"], item["kept"]))
        answered = top["kept"] + top["missed"]
        name = top.get("label") or top["slug"]
        if answered == 1:
            return f"You kept to “{name}” on the day you answered it."
        if top["kept"] == answered:
            return f"You kept to “{name}” on all {answered} days you answered it."
        return f"You kept to “{name}” on {top['kept']} of the {answered} days you answered it."
    if summary.journal["days_written"]:
        return (f"You wrote on {count(summary.journal['days_written'], 'day')} {span}. "
                "Every page counts.")
    quiet = "A quiet few days" if summary.period.rolling else f"A quiet {summary.period.kind}"
    return f"{quiet} on the page. The journal is here whenever you are ready."


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


def drawer_line(letters_written: int) -> str | None:
    """The urges written down instead of sent: a moment of restraint each."""
    if not letters_written:
        return None
    noun = "urge" if letters_written == 1 else "urges"
    return f"{letters_written} {noun} written down instead of sent."


def slip_line(trend: dict[str, Any], this: str = "this week") -> str | None:
    """The slips' spacing in one kind sentence; None when there has never been one. ``this``
    is the period in words: "this week", "this month", "these seven days"."""
    if trend["days_since_last"] is None:
        return None
    parts = [f"{count(trend['in_period'], 'day')} with a slip {this}"
             if trend["in_period"] else f"no slips {this}"]
    if trend["recent_gap"] is not None:
        parts.append(f"lately about {about(trend['recent_gap'], 'day')} apart")
    if trend["trend"] == "further apart":
        parts.append(f"further apart than before ({about(trend['earlier_gap'], 'day')})")
    elif trend["trend"] == "closer together":
        parts.append("a little closer together than before; what helped then can help again")
    return "Slips: " + ", ".join(parts) + "."


def too_young_words(comparable_from: str) -> str:
    """Why "then and now" is not there yet, and when it will be."""
    from reconcile_cli.core.dates import long_date

    return (f"Your journal is still too young to compare its first 30 days with its last 30; "
            f"from {long_date(comparable_from)} they are far enough apart.")


def window_words(side: dict[str, Any]) -> str:
    """One side of "then and now" in words, as the year view and its report both say it."""
    mood = "no ratings" if side["mood"] is None else f"mood {side['mood']:g}"
    kept = ("no answers" if side["kept_rate"] is None
            else f"kept {side['kept_rate'] * 100:.0f}% of answers")
    gap = (f"slips {about(side['slip_gap'], 'day')} apart" if side["slip_gap"] is not None
           else count(side["slips"], "slip"))
    return f"{mood}, {kept}, {count(side['days_written'], 'day')} written, {gap}"
