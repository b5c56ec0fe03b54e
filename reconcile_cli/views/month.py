"""`month`: a calendar shaded by mood, then the checklist week by week."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from reconcile_cli import progress
from reconcile_cli.views import display as mode
from reconcile_cli.views.common import mood_style, spark
from reconcile_cli.views.periods import checklist_table, summary_view

if TYPE_CHECKING:
    from reconcile_cli.progress.periods import PeriodSummary


def month_view(summary: PeriodSummary, sentence: str) -> RenderableType:
    """`reconcile month`: a calendar shaded by mood, then the checklist by week of the month."""
    calendar_table = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
    for letter in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"):
        calendar_table.add_column(letter, justify="right")
    first = dt.date.fromisoformat(summary.days[0]["date"])
    cells: list[Text] = [Text("")] * first.weekday()
    for day in summary.days:
        number = dt.date.fromisoformat(day["date"]).day
        if day["before_journal"] or day["paused"]:
            cells.append(Text(f"{number:>2} ", style="dim"))
        elif mode.plain():
            mood = "-" if day["mood"] is None else f"{day['mood']:g}"
            cells.append(Text(f"{number:>2}:{mood:<3}"))
        else:
            cells.append(Text(f"{number:>2}{spark(day['mood'])}", style=mood_style(day["mood"])))
    cells += [Text("")] * (-len(cells) % 7)
    for row in range(0, len(cells), 7):
        calendar_table.add_row(*cells[row:row + 7])

    as_of = summary.period.as_of.isoformat()

    def journal_days(days: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """The days of a week that could be answered: in the journal's time, up to today."""
        return [day for day in days if not day["before_journal"] and not day["paused"]
                and day["date"] <= as_of]

    def cell(slug: str, days: list[dict[str, Any]]) -> Text:
        if not journal_days(days):
            return Text("")
        kept, answered = progress.tally(slug, journal_days(days))
        return Text(f"{kept}/{answered}") if answered else Text("-", style="dim")

    def narrow_cell(slug: str, heading: str, days: list[dict[str, Any]]) -> str:
        if not journal_days(days):
            return ""
        kept, answered = progress.tally(slug, journal_days(days))
        return f"{heading} {kept} of {answered}" if answered else f"{heading} -"

    count = len(progress.month_weeks(summary.days))
    legend = Text(f"W1 to W{count} are the weeks of the month: days kept / days kept or missed.",
                  style="dim")
    # weeks wholly after today have nothing to show yet
    weeks = [(heading, days) for heading, days in progress.month_weeks(summary.days)
             if days[0]["date"] <= as_of]
    weekly = checklist_table(summary, weeks, cell, narrow_cell)
    return summary_view(summary, sentence, [Text(""), calendar_table, Text(""), weekly, legend],
                        most_milestones=3)
