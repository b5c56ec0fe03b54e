"""`goals`: by area, each goal with its small steps and how often they were done."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from reconcile_cli.core.text import printable
from reconcile_cli.core.words import count
from reconcile_cli.views.common import Hanging

AREAS = ("spiritual", "physical", "intellectual", "relational", "emotional")


def goals_view(goals: list[dict[str, Any]], monday: str, today: str) -> RenderableType:
    live = [goal for goal in goals if goal["dropped_at"] is None]
    if not live:
        return Text("No goals yet. `reconcile goals add AREA TEXT` adds one, in one of five "
                    "areas: spiritual, physical, intellectual, relational, emotional.",
                    style="dim")
    parts: list[RenderableType] = []
    for area in AREAS:
        in_area = [goal for goal in live if goal["area"] == area]
        if not in_area:
            continue
        lines: list[tuple[int, str, str]] = []
        for goal in in_area:
            lines.append((2, f"{printable(goal['text'])}  ({goal['id'][:8]})", "bold"))
            for step in goal["steps"]:
                if step["dropped_at"] is not None:
                    continue
                week = sum(1 for day in step["done"] if monday <= day <= today)
                daily = ", daily" if step["item"] else ""
                lines.append((4, f"{printable(step['text'])}  ({step['id'][:8]}{daily}): "
                                 f"{count(week, 'time')} this week, {len(step['done'])} in all",
                              ""))
        parts += [Text(area.capitalize(), style="bold underline"), Hanging(lines), Text("")]
    return Group(*parts[:-1])
