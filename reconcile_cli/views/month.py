"""`month`: a calendar shaded by mood, then the checklist week by week."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from reconcile_cli.views.common import mood_style, spark
from reconcile_cli.views.periods import checklist_table, summary_view

if TYPE_CHECKING:
    from reconcile_cli.summary import PeriodSummary


def month_view(summary: PeriodSummary, sentence: str) -> RenderableType:
    """`reconcile month`: a calendar shaded by mood, then the checklist by week of the month."""
    calendar_table = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
    for letter in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"):
        calendar_table.add_column(letter, justify="right")
    first = dt.date.fromisoformat(summary.days[0]["date"])
    cells: list[Text] = [Text("")] * first.weekday()
    for day in summary.days:
        number = dt.date.fromisoformat(day["date"]).day
        cells.append(Text(f"{number:>2}{spark(day['mood'])}", style=mood_style(day["mood"])))
    cells += [Text("")] * (-len(cells) % 7)
    for row in range(0, len(cells), 7):
        calendar_table.add_row(*cells[row:row + 7])

    from reconcile_cli.summary import month_weeks, tally

    def cell(slug: str, days: list[dict[str, Any]]) -> Text:
        kept, answered = tally(slug, days)
        return Text(f"{kept}/{answered}") if answered else Text("·", style="dim")

    legend = Text("W1… show days kept / days kept or missed; ±pts is the rate against last "
                  "month.", style="dim")
    weekly = checklist_table(summary, month_weeks(summary.days), cell)
    return summary_view(summary, sentence, [Text(""), calendar_table, Text(""), weekly, legend])
