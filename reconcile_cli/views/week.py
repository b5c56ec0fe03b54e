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


def week_view(summary: PeriodSummary, sentence: str) -> RenderableType:
    """`reconcile week`: mood sparkline, the checklist grid Mon..Sun, milestones, a sentence."""
    columns = [(letter, [day]) for letter, day in zip(WEEKDAY_LETTERS, summary.days, strict=True)]
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
        return f"{weekday} {STATUS_WORDS[day['marks'].get(slug)]}"

    grid = checklist_table(summary, columns, cell, narrow_cell)
    return summary_view(summary, sentence, [Text(""), grid, legend()])
