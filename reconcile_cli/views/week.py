"""`week`: the mood sparkline, the checklist grid Monday to Sunday, milestones."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.console import RenderableType
from rich.text import Text

from reconcile_cli.views.common import WEEKDAY_LETTERS, status_symbol
from reconcile_cli.views.periods import checklist_table, summary_view

if TYPE_CHECKING:
    from reconcile_cli.summary import PeriodSummary


def week_view(summary: PeriodSummary, sentence: str) -> RenderableType:
    """`reconcile week`: mood sparkline, the checklist grid Mon..Sun, milestones, a sentence."""
    columns = [(letter, [day]) for letter, day in zip(WEEKDAY_LETTERS, summary.days, strict=True)]
    as_of = summary.period.as_of.isoformat()

    def cell(slug: str, days: list[dict[str, Any]]) -> Text:
        day = days[0]
        return Text(" ") if day["date"] > as_of else status_symbol(day["marks"].get(slug))

    return summary_view(summary, sentence, [Text(""), checklist_table(summary, columns, cell)])
