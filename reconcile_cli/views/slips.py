"""`slips`: each slip with its note and the days since the item's last one."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from reconcile_cli.core.dates import long_date
from reconcile_cli.core.text import printable
from reconcile_cli.core.words import count
from reconcile_cli.views.common import Hanging


def slips_view(rows: list[dict[str, Any]], labels: dict[str, str], line: str | None
               ) -> RenderableType:
    if not rows:
        return Text("No slips to show. A missed restraint item shows here, with what you "
                    "wrote about it.", style="dim")
    lines: list[tuple[int, str, str]] = []
    for row in reversed(rows):  # newest first
        since = ("the first one" if row["days_since_previous"] is None
                 else f"{count(row['days_since_previous'], 'day')} after the one before")
        label = printable(labels.get(row["item"], row["item"]))
        lines.append((0, f"{long_date(row['day'])}: a slip on \u201c{label}\u201d ({since})",
                      "bold"))
        if row["note"]:
            lines.append((2, printable(row["note"]), "italic"))
    parts: list[RenderableType] = [Hanging(lines)]
    if line:
        parts += [Text(""), Text(line)]
    parts += [Text(""), Text("A slip is a day, not a verdict: each one noticed is a step.",
                             style="dim")]
    return Group(*parts)
