"""Rereading: `log`, `show` and `search`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from reconcile_cli.core.dates import long_date
from reconcile_cli.core.models import Day, Entry, Found
from reconcile_cli.core.text import printable
from reconcile_cli.views import display as mode
from reconcile_cli.views.common import legend, status_symbol
from reconcile_cli.views.day import entry_block


def marks_strip(day: Day) -> Text:
    """The day's checklist as one line of symbols, in checklist order."""
    strip = Text()
    for n, item in enumerate(day.items):
        if n and mode.plain():
            strip.append(", ")
        strip.append_text(status_symbol(day.status_of(item.slug)))
    return strip


def day_heading(day: Day) -> Text:
    dot = ", " if mode.plain() else "  ·  "
    heading = Text(long_date(day.date), style="bold")
    if day.mood is not None:
        heading.append(f"{dot}mood {day.mood:g}")
    if day.marks:
        heading.append(dot)
        heading.append_text(marks_strip(day))
    return heading


def log_parts(groups: Iterable[tuple[Day, list[Entry]]]) -> Iterator[RenderableType]:
    """`reconcile log`: days newest first, each with its mood, marks and the entries shown; one
    day at a time, as the days come, so a long log streams."""
    any_day = any_marks = False
    for day, entries in groups:
        any_day = True
        any_marks = any_marks or bool(day.marks)
        parts: list[RenderableType] = [day_heading(day)]
        for entry in entries:
            parts.append(Padding(entry_block(entry), (0, 0, 1, 1), expand=False))
        yield Group(*parts)
    if not any_day:
        yield Text("No entries to show.", style="dim")
    elif any_marks and not mode.plain():
        key = legend()
        key.append(", in checklist order", style="dim")
        yield key


def entry_view(entry: Entry) -> RenderableType:
    """`reconcile show`: one entry in full, with its whole id and when it was last changed."""
    footer = Text(f"id {entry.id}", style="dim")
    if entry.edited_at is not None:  # by `edit`: a star, or a stay in the trash, is no edit
        footer.append(f"  ·  edited {entry.edited_at[:16].replace('T', ' ')}")
    return Group(Text(long_date(entry.day), style="bold"), entry_block(entry), Text(""), footer)


def snippet_text(snippet: str) -> Text:
    """A search snippet with the matched words (between \\ue000 and \\ue001) highlighted."""
    text = Text()
    for n, part in enumerate(printable(snippet.replace("\ue001", "\ue000")).split("\ue000")):
        text.append(part, style="bold reverse" if n % 2 else None)
    return text


SAID_AS = {"journal": "journal", "gratitude": "grateful for", "reflection": "reflection"}


def search_view(hits: list[Found], query: str) -> RenderableType:
    """Each result as what it is: an entry (a journal entry, gratitude lines, a reflection) or
    what was written about a slip, under its day."""
    if not hits:
        return Text(f"Nothing found for \u201c{printable(query)}\u201d.", style="dim")
    parts: list[RenderableType] = []
    for hit in hits:
        head = Text(long_date(hit.day), style="bold")
        if hit.entry is not None:
            entry = hit.entry
            head.append(f"  {entry.when}  {SAID_AS.get(entry.kind, entry.kind)}  "
                        f"{entry.short_id}", style="dim")
        else:
            head.append(f"  a slip note, on \u201c{printable(hit.label or hit.item or '')}"
                        "\u201d", style="dim")
        parts += [head, Padding(snippet_text(hit.snippet), (0, 0, 1, 2), expand=False)]
    return Group(*parts)
