"""`streaks`: each item's streaks, strength and the spacing of slips."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from reconcile_cli.core.text import printable
from reconcile_cli.core.words import count
from reconcile_cli.views.common import Hanging, WidthOr, short_date


def streaks_view(rows: list[dict[str, Any]]) -> RenderableType:
    table = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
    table.add_column("item", no_wrap=True)
    for heading in ("in a row", "longest", "last slip", "days since", "usual gap"):
        table.add_column(heading, justify="right", no_wrap=True)
    narrow: list[tuple[int, str, str]] = []
    for row in rows:
        last = short_date(row["last_missed"]) if row["last_missed"] else "never"
        since = "-" if row["days_since_missed"] is None else str(row["days_since_missed"])
        gap = ("-" if row["mean_gap_between_misses"] is None
               else count(int(row["mean_gap_between_misses"]), "day")
               if float(row["mean_gap_between_misses"]).is_integer()
               else f"{row['mean_gap_between_misses']:g} days")
        table.add_row(row["slug"], str(row["current_streak"]), str(row["best_streak"]), last,
                      since, gap)
        words = (f"{count(row['current_streak'], 'day')} in a row; longest "
                 f"{row['best_streak']}; last slip {last}")
        if row["days_since_missed"] is not None:
            words += f", {count(row['days_since_missed'], 'day')} ago"
        if row["mean_gap_between_misses"] is not None:
            words += f"; usually {gap} between slips"
        narrow += [(0, printable(row["label"]), "bold"), (2, words, "")]
    note = Text("A slip ends a run of days, not the progress behind it: every day kept still "
                "counts.", style="dim")
    return Group(WidthOr(table, Hanging(narrow)), Text(""), note)
