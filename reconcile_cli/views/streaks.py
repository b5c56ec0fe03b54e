"""`streaks`: each item's streaks, strength and the spacing of its slips (or misses)."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from reconcile_cli.core.text import printable
from reconcile_cli.core.words import about, count
from reconcile_cli.views import display as mode
from reconcile_cli.views.common import Hanging, WidthOr, percent, short_date


def strength_shown(row: dict[str, Any]) -> str:
    """ "steady"; in plain mode with its number too: "steady (62%)"."""
    words = str(row["strength_words"])
    return f"{words} ({percent(row['strength'])})" if mode.plain() else words


def streaks_view(rows: list[dict[str, Any]]) -> RenderableType:
    table = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
    table.add_column("item", no_wrap=True)
    for heading in ("in a\nrow", "longest", "strength", "last\nmissed", "days\nsince",
                    "usual\ngap"):  # two lines a heading: room for the item's name at 80
        table.add_column(heading, justify="left" if heading == "strength" else "right",
                         no_wrap=True)
    narrow: list[tuple[int, str, str]] = []
    for row in rows:
        slip = row["kind"] == "restraint"  # a slip is a restraint missed; an action is missed
        last = short_date(row["last_missed"]) if row["last_missed"] else "never"
        since = "-" if row["days_since_missed"] is None else str(row["days_since_missed"])
        gap = ("-" if row["mean_gap_between_misses"] is None
               else about(row["mean_gap_between_misses"], "day"))
        table.add_row(row["slug"], str(row["current_streak"]), str(row["best_streak"]),
                      strength_shown(row), last, since, gap)
        words = (f"{count(row['current_streak'], 'day')} in a row; longest "
                 f"{row['best_streak']}; {strength_shown(row)}; ")
        if row["last_missed"] is None:
            words += "no slips so far" if slip else "not missed so far"
        else:
            words += (f"last {'slip' if slip else 'missed'} {last}, "
                      f"{count(row['days_since_missed'], 'day')} ago")
        if row["mean_gap_between_misses"] is not None:
            words += f"; usually {gap} between {'slips' if slip else 'misses'}"
        narrow += [(0, printable(row["label"]), "bold"), (2, words, "")]
    note = Text("A slip ends a run of days, not the progress behind it: every day kept still "
                "counts. Strength grows with each day kept and eases a little on a day missed: "
                "starting, growing, steady, strong.", style="dim")
    return Group(WidthOr(table, Hanging(narrow)), Text(""), note)
