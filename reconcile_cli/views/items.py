"""The checklist as `items` lists it."""

from __future__ import annotations

from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from reconcile_cli.core.checklist import ACT_WORDS
from reconcile_cli.core.models import Item
from reconcile_cli.core.text import printable


def items_table(items: list[Item]) -> RenderableType:
    table = Table(box=None, padding=(0, 1), header_style="bold")
    table.add_column("#", justify="right", style="dim")
    table.add_column("item")
    table.add_column("kind")
    table.add_column("statement")
    active_number = 0
    for item in items:
        if item.active:
            active_number += 1
            number, style = str(active_number), None
        else:
            number, style = "", "dim"
        label = Text(printable(item.label))
        if item.kept_by:
            label.append(f"  (kept by {ACT_WORDS[item.kept_by]})", style="dim")
        if not item.active:
            label.append("  (retired)", style="italic")
        table.add_row(number, Text(item.slug), Text(item.kind), label, style=style)
    return table
