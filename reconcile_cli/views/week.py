"""`week`: the mood sparkline, the checklist grid Monday to Sunday, milestones."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from rich.text import Text

from reconcile_cli.views.common import STATUS_WORDS, WEEKDAY_LETTERS, legend, status_symbol
from reconcile_cli.views.periods import checklist_table, summary_view

if TYPE_CHECKING:
    from reconcile_cli.progress.periods import PeriodSummary


def week_view(summary: PeriodSummary, sentence: str, early: bool = False) -> RenderableType:
    """`reconcile week`: mood sparkline, the checklist grid Mon..Sun (or the seven days up to a
    day, `week --last`), milestones, a sentence. ``early``: the week has barely begun, and
    `week --last` is offered."""
    columns = [(WEEKDAY_LETTERS[dt.date.fromisoformat(day["date"]).weekday()], [day])
               for day in summary.days]
    as_of = summary.period.as_of.isoformat()

    def cell(slug: str, days: list[dict[str, Any]]) -> Text:
        day = days[0]
        if day["date"] > as_of or day["before_journal"] or day["paused"]:
            return Text(" ")
        return status_symbol(day["marks"].get(slug))

    def narrow_cell(slug: str, _heading: str, days: list[dict[str, Any]]) -> str:
        day = days[0]
        if day["date"] > as_of or day["before_journal"]:
            return ""
        weekday = dt.date.fromisoformat(day["date"]).strftime("%a")
        if day["paused"]:
            return f"{weekday} paused"
        status = day["marks"].get(slug)
        return f"{weekday} {STATUS_WORDS[status] if status else 'not answered'}"

    # the legend explains the symbols of the grid; the list spells its answers out
    grid = checklist_table(summary, columns, cell, narrow_cell, wide_after=(legend(),))
    middle: list[RenderableType] = [Text(""), grid]
    if early:
        middle[:0] = [Text(""), Text("This week has only just begun; reconcile week --last shows "
                                     "the seven days up to today.", style="dim")]
    return summary_view(summary, sentence, middle)
