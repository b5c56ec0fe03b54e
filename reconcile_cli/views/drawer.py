"""`drawer`: the letters written instead of sent; their words hidden while they are sealed."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from reconcile_cli.core.dates import long_date
from reconcile_cli.core.models import Letter
from reconcile_cli.core.text import printable
from reconcile_cli.views.common import Hanging, WidthOr, short_date

STATUS_WORDS = {"waiting": "in the drawer", "kept": "kept in the drawer", "sent": "sent"}


def until_short(letter: Letter) -> str:
    """When a sealed letter opens, in few words: "Mon 23 Nov, 21:40" (local time)."""
    from reconcile_cli.core.dates import instant, long_date

    try:
        moment = instant(letter.sealed_until).astimezone()
    except (ValueError, OverflowError):  # a stored value no clock can show: its day, if any
        try:
            return long_date(letter.sealed_until[:10])
        except ValueError:
            return letter.sealed_until[:16]
    return f"{short_date(moment.date().isoformat())}, {moment:%H:%M}"


def drawer_view(letters: list[Letter], now: str, readable: dict[str, str]) -> RenderableType:
    """Each letter: its id, day and who it is to, then its whole status (and first words, once
    it can be reread). A table where it fits; else two lines a letter, never a name or a
    status cut short."""
    if not letters:
        return Text("The drawer is empty. When the urge comes to send one more message, "
                    "`reconcile drawer write` keeps it here instead.", style="dim")
    table = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
    for heading in ("id", "day", "to", "status"):
        table.add_column(heading, no_wrap=True)
    table.add_column("first words", no_wrap=True, overflow="ellipsis", max_width=40)
    lines: list[tuple[int, str, str]] = []
    for letter in letters:
        to = printable(letter.recipient or "")
        if letter.sealed(now):
            status, first = f"sealed until {until_short(letter)}", ""
            words = f"sealed until {readable[letter.id]} ({STATUS_WORDS[letter.status]})"
        else:
            status, first = STATUS_WORDS[letter.status], printable(
                letter.body.strip().split("\n")[0])
            words = f"{status}: \u201c{first}\u201d"
        table.add_row(letter.short_id, short_date(letter.day), to,
                      Text(status, style="dim" if letter.sealed(now) else ""), first)
        lines += [(0, f"{letter.short_id}  {short_date(letter.day)}" + (f", to {to}" if to
                                                                          else ""), "bold"),
                  (2, words, "dim" if letter.sealed(now) else "")]
    return Group(WidthOr(table, Hanging(lines)), Text(""), Text(
        "`reconcile drawer read ID` rereads one once its cooling-off is over.", style="dim"))


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
