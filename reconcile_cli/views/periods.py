"""What `week` and `month` share: the title, the mood line, the checklist table, milestones."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from reconcile_cli.kinds import KIND_TITLES
from reconcile_cli.views.common import (
    arrow,
    labelled,
    mood_style,
    percent,
    short_date,
    spark,
)

if TYPE_CHECKING:
    from reconcile_cli.summary import PeriodSummary

# Draws one item's cell of a column: (item slug, the column's days) -> the cell.
Cell = Callable[[str, list[dict[str, Any]]], RenderableType]


def period_title(summary: PeriodSummary) -> Text:
    period = summary.period
    if period.kind == "week":
        start, end = period.start, period.end
        first = f"{start.day} {start:%B}" if start.month != end.month else str(start.day)
        title = Text(f"Week of {first} – {end.day} {end:%B %Y}", style="bold")
    else:
        title = Text(f"{period.start:%B %Y}", style="bold")
    if summary.week_number:
        title.append(f" · week {summary.week_number} of your journal", style="dim")
    if period.as_of < period.end:
        title.append(f" · as of {short_date(period.as_of.isoformat())}", style="dim")
    return title


def mood_row(summary: PeriodSummary) -> Table:
    mood = summary.mood
    if mood["mean"] is None:
        return labelled(("Mood", Text("no ratings in this period", style="dim")))
    sparkline = Text()
    for day in summary.days:
        sparkline.append(spark(day["mood"]), style=mood_style(day["mood"]))
    numbers = Text(f"mean {mood['mean']:g} ({mood['min']}–{mood['max']}, "
                   f"{mood['rated_days']} day{'s' if mood['rated_days'] != 1 else ''} rated)  ")
    if mood["change"] is not None:
        numbers.append_text(arrow(mood["change"]))
        numbers.append(f" on last {summary.period.kind}", style="dim")
    if summary.period.kind == "week":
        return labelled(("Mood", sparkline + Text("   ") + numbers))
    return labelled(("Mood", sparkline), ("", numbers))


def checklist_table(
    summary: PeriodSummary, columns: list[tuple[str, list[dict[str, Any]]]], cell: Cell
) -> Table:
    """Item rows with one column per (heading, days) group, then the item's numbers."""
    table = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
    table.add_column("Checklist", no_wrap=True)
    for heading, _ in columns:
        table.add_column(heading, justify="center", no_wrap=True)
    for heading in ("rate", "±pts", "streak", "strength"):
        table.add_column(heading, justify="right", no_wrap=True)
    for kind in ("restraint", "action"):
        rows = [item for item in summary.items if item["kind"] == kind]
        if not rows:
            continue
        table.add_row(Text(KIND_TITLES[kind], style="italic dim"))
        for item in rows:
            change = (round((item["rate"] - item["previous_rate"]) * 100)
                      if item["rate"] is not None and item["previous_rate"] is not None else None)
            table.add_row(
                Text(item["slug"]),
                *[cell(item["slug"], days) for _, days in columns],
                percent(item["rate"]),
                arrow(change, gap=""),
                str(item["current_streak"]),
                percent(item["strength"]),
            )
    return table


def milestone_lines(summary: PeriodSummary) -> list[RenderableType]:
    lines: list[RenderableType] = []
    from reconcile_cli.summary import milestone_text

    for milestone in summary.milestones:
        lines.append(Text.assemble(("  ✦ ", "magenta"), milestone_text(milestone),
                                   (f"  ({short_date(milestone['date'])})", "dim")))
    return lines


def journal_line(summary: PeriodSummary) -> Table:
    journal = summary.journal
    days = journal["days_written"]
    return labelled(("Journal", f"{days} day{'s' if days != 1 else ''} written · "
                                f"{journal['entries']} entries · {journal['words']:,} words"))


def summary_view(
    summary: PeriodSummary, sentence: str, middle: list[RenderableType]
) -> RenderableType:
    parts: list[RenderableType] = [period_title(summary), Text(""), mood_row(summary), *middle,
                                   Text(""), journal_line(summary)]
    if summary.milestones:
        parts += [Text(""), Text("Worth celebrating", style="bold"), *milestone_lines(summary)]
    parts += [Text(""), Text(sentence, style="italic")]
    return Group(*parts)
