"""`streaks`: each item's streaks, strength and the spacing of slips."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from reconcile_cli.views.common import percent, short_date


def streaks_view(rows: list[dict[str, Any]]) -> RenderableType:
    table = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
    table.add_column("item", no_wrap=True)
    for heading in ("streak", "best", "strength", "last missed", "days since", "usual gap"):
        table.add_column(heading, justify="right", no_wrap=True)
    for row in rows:
        table.add_row(
            row["slug"], str(row["current_streak"]), str(row["best_streak"]),
            percent(row["strength"]),
            short_date(row["last_missed"]) if row["last_missed"] else "never",
            "–" if row["days_since_missed"] is None else str(row["days_since_missed"]),
            "–" if row["mean_gap_between_misses"] is None
            else f"{row['mean_gap_between_misses']:g} days",
        )
    note = Text("Strength grows with each day kept and eases with a slip; it does not reset.",
                style="dim")
    return Group(table, Text(""), note)
