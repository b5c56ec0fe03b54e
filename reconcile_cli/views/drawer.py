"""`drawer`: the letters written instead of sent; their words hidden while they are sealed."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from reconcile_cli.core.dates import long_date
from reconcile_cli.core.models import Letter
from reconcile_cli.core.text import printable

STATUS_WORDS = {"waiting": "in the drawer", "kept": "kept in the drawer", "sent": "sent"}


def drawer_view(letters: list[Letter], now: str, readable: dict[str, str]) -> RenderableType:
    if not letters:
        return Text("The drawer is empty. When the urge comes to send one more message, "
                    "`reconcile drawer write` keeps it here instead.", style="dim")
    table = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
    table.add_column("id", no_wrap=True, min_width=8)
    table.add_column("day", no_wrap=True, min_width=10)
    table.add_column("to", max_width=16, overflow="ellipsis", no_wrap=True)
    table.add_column("first words", ratio=1, no_wrap=True, overflow="ellipsis", min_width=10)
    for letter in letters:
        if letter.sealed(now):
            first = Text(f"sealed until {readable[letter.id]}  ({STATUS_WORDS[letter.status]})",
                         style="dim")
        else:
            line = printable(letter.body.strip().split("\n")[0])
            first = Text(f"{line}  ({STATUS_WORDS[letter.status]})")
        table.add_row(letter.short_id, letter.day, printable(letter.recipient or ""), first)
    return Group(table, Text(""), Text("`reconcile drawer read ID` rereads one once its "
                                       "cooling-off is over.", style="dim"))


def letter_view(letter: Letter) -> RenderableType:
    head = Text(long_date(letter.day), style="bold")
    if letter.recipient:
        head.append(f"  to {printable(letter.recipient)}")
    head.append(f"  {letter.short_id}", style="dim")
    return Group(head, Padding(Text(printable(letter.body)), (0, 0, 0, 2), expand=False))


def letters_found(letters: list[Letter], query: str) -> RenderableType:
    if not letters:
        return Text(f"No letter in the drawer holds \u201c{printable(query)}\u201d (sealed ones "
                    "are not searched).", style="dim")
    return Group(*[Group(letter_view(letter), Text("")) for letter in letters])
