"""`insights`: mood alongside the checklist, and by weekday."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from reconcile_cli.core.words import count
from reconcile_cli.views.common import arrow


def insights_view(data: dict[str, Any]) -> RenderableType:
    parts: list[RenderableType] = [Text("Mood alongside your checklist", style="bold")]
    if data["items"]:
        table = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
        table.add_column("item", no_wrap=True)
        table.add_column("mood when kept", justify="right")
        table.add_column("mood when missed", justify="right")
        table.add_column("difference", justify="right")
        for row in data["items"]:
            table.add_row(
                row["slug"],
                f"{row['kept_mood']:g} ({count(row['kept_days'], 'day')})",
                f"{row['missed_mood']:g} ({count(row['missed_days'], 'day')})",
                arrow(row["difference"]),
            )
        parts.append(table)
    else:
        parts.append(Text("Not enough days to compare yet: an item needs at least three rated "
                          "days kept and three missed.", style="dim"))
    parts += [Text(""), Text("Mood by weekday", style="bold")]
    weekdays = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
    for row in data["weekdays"]:
        weekdays.add_column(row["weekday"][:3], justify="right")
    weekdays.add_row(*[("–" if row["mood"] is None else f"{row['mood']:g}")
                       for row in data["weekdays"]])
    parts.append(weekdays)
    steps = data.get("steps")
    if steps and steps["with_step"]["days"] >= 3 and steps["without_step"]["days"] >= 3:
        parts += [Text(""), Text("Mood on days with a small step done", style="bold"), Text(
            f"{steps['with_step']['mood']:g} on {count(steps['with_step']['days'], 'day')} "
            f"with a step done; {steps['without_step']['mood']:g} on "
            f"{count(steps['without_step']['days'], 'day')} without")]
    parts += [Text(""), Text(
        "These show what tends to go together in your days, not what causes what.",
        style="italic dim")]
    return Group(*parts)
