"""`lookback`: the road travelled, gently."""

from __future__ import annotations

from typing import Any

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from reconcile_cli.core.dates import long_date
from reconcile_cli.core.models import Day
from reconcile_cli.core.words import count
from reconcile_cli.views import display as mode
from reconcile_cli.views.common import framed
from reconcile_cli.views.day import entry_block


def _stat(stats: dict[str, Any]) -> str:
    mood = "no mood" if stats["mood"] is None else f"mood {stats['mood']:g}"
    kept = ("no answers" if not stats.get("answered")
            else f"kept {stats['kept']} of {count(stats['answered'], 'answer')}")
    return f"{mood}, {kept}"


def lookback_view(
    found: list[tuple[str, Day, dict[str, Any]]], now: dict[str, Any]
) -> RenderableType:
    """`reconcile lookback`: the road travelled, gently."""
    if not found:
        return Text("Nothing to look back on yet. In a week, this page will begin to fill.",
                    style="dim")
    parts: list[RenderableType] = [
        Text.assemble(("The week up to now: ", "bold"), _stat(now)), Text("")]
    for label, day, then in found:
        body: list[RenderableType] = [
            Text.assemble(("The week up to then: ", "dim"), (_stat(then), "dim"))]
        for entry in day.entries:
            body.append(Padding(entry_block(entry), (1, 0, 0, 0), expand=False))
        dot = ", " if mode.plain() else " · "
        parts.append(framed(Group(*body), f"{label}{dot}{long_date(day.date)}", expand=True))
    return Group(*parts)
