"""`trash`: what is in the trash, with the id to restore it by."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from reconcile_cli.core.models import Entry
from reconcile_cli.core.text import printable


def trash_view(entries: list[Entry]) -> RenderableType:
    table = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
    # the id is what `restore` needs: it is never the column that gives way
    table.add_column("id", no_wrap=True, min_width=8)
    table.add_column("day", no_wrap=True, min_width=10)
    table.add_column("trashed", no_wrap=True, min_width=10)
    table.add_column("first words", ratio=1, no_wrap=True, overflow="ellipsis", min_width=5)
    for entry in entries:
        first = printable(entry.body.strip().split("\n")[0]) if entry.body else f"mood {entry.mood}"
        trashed = entry.deleted_at[:10] if entry.deleted_at else ""
        table.add_row(entry.short_id, entry.day, trashed, first)
    return Group(table, Text(""), Text("`reconcile restore ID` brings one back.", style="dim"))
