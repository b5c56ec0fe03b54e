"""One day: `today`, the check-in's closing recap, and an entry as every view shows it."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from reconcile_cli.core.dates import long_date
from reconcile_cli.core.kinds import KIND_TITLES
from reconcile_cli.core.models import Day, Entry
from reconcile_cli.core.text import printable
from reconcile_cli.core.words import count
from reconcile_cli.views import display as mode
from reconcile_cli.views.common import Body, framed, labelled, status_symbol


def mood_text(day: Day) -> Text:
    if not day.moods:
        return Text("not rated", style="dim")
    text = Text(f"{day.mood:g}", style="bold")
    if len(day.moods) > 1:
        text.append(f"  (from {len(day.moods)} ratings, {min(day.moods)} to {max(day.moods)})",
                    style="dim")
    return text


def counts_text(day: Day) -> Text:
    counts = day.counts()
    parts = [f"{counts['kept']} kept", f"{counts['missed']} missed", f"{counts['skipped']} skipped"]
    if counts["unanswered"]:
        parts.append(f"{counts['unanswered']} not answered")
    return Text((", " if mode.plain() else " · ").join(parts))


def checklist(day: Day) -> RenderableType:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=7 if mode.plain() else 2)
    grid.add_column()
    for kind in ("restraint", "action"):
        kind_items = [item for item in day.items if item.kind == kind]
        if not kind_items:
            continue
        grid.add_row("", Text(KIND_TITLES[kind], style="bold"))
        for item in kind_items:
            label = Text(printable(item.label))
            mark = day.marks.get(item.slug)
            if mark and mark.note:
                label.append(f"  ({printable(mark.note)})", style="italic dim")
            grid.add_row(status_symbol(day.status_of(item.slug)), label)
    return grid


def kept_copy(original: str) -> str:
    """What a conflicting copy holds, in words."""
    if original.startswith("note "):
        return "a note kept from another computer"
    if original.startswith("prompt "):
        return "a question of yours, kept from another computer"
    if original.startswith("support "):
        return f"how to reach {printable(original[len('support '):])}, kept from another computer"
    return "a conflicting copy"


def entry_block(entry: Entry) -> RenderableType:
    head = Text(entry.when, style="bold")
    if not entry.body.strip() and entry.mood is not None:  # a rating, not an empty entry
        head.append(f"  mood {entry.mood}, no words")
        head.append(f"  {entry.short_id}", style="dim")
        return head
    head.append(f"  {entry.kind}", style="cyan")
    if entry.copy_of:  # words changed on two computers at once: this is the other's
        head.append(f"  {kept_copy(entry.copy_of)}", style="yellow")
    if entry.starred:
        head.append("  starred" if mode.plain() else "  ★", style="yellow")
    if entry.mood is not None:
        head.append(f"  mood {entry.mood}")
    head.append(f"  {entry.short_id}", style="dim")
    parts: list[RenderableType] = [head]
    if entry.prompt:
        from reconcile_cli.core.prompts import find

        prompt = find(entry.prompt)
        parts.append(Padding(Text(prompt.text if prompt else entry.prompt, style="italic dim"),
                             (0, 0, 0, 2), expand=False))
    if entry.body:
        parts.append(Padding(Body(printable(entry.body)), (0, 0, 0, 2), expand=False))
    return Group(*parts)


def day_view(day: Day) -> RenderableType:
    """`reconcile today`: the day's moods, checklist and entries."""
    parts: list[RenderableType] = [
        Text(long_date(day.date), style="bold underline"),
        labelled(("Mood", mood_text(day)), ("Checklist", counts_text(day))),
        Text(""),
        checklist(day),
        Text(""),
    ]
    written = [entry for entry in day.entries if entry.body.strip()]
    if written:
        parts.append(Text("Entries", style="bold"))
        for entry in written:
            parts.append(Padding(entry_block(entry), (0, 0, 1, 1), expand=False))
    else:
        parts.append(Text("Nothing written on this day.", style="dim"))
    return Group(*parts)


def recap(day: Day, is_today: bool = True) -> RenderableType:
    """The calm close of `reconcile checkin`."""
    written = [e for e in day.entries if e.body.strip()]
    summary = labelled(
        ("Mood", mood_text(day)),
        ("Checklist", counts_text(day)),
        ("Written", count(len(written), "entry")),
    )
    closing = Text(closing_line(day, is_today), style="italic")
    return framed(Group(summary, Text(""), closing), long_date(day.date))


def closing_line(day: Day, is_today: bool = True) -> str:
    counts = day.counts()
    answered = counts["kept"] + counts["missed"] + counts["skipped"]
    if counts["kept"] and not counts["missed"]:
        return (f"You kept to what you set out to do {'today' if is_today else 'that day'}. "
                "That is worth noticing.")
    if counts["kept"]:
        return ("Some of today went the way you hoped. Tomorrow is a fresh page." if is_today
                else "Some of that day went the way you hoped.")
    if answered or day.entries:
        return "You showed up and looked honestly at your day. That counts."
    return "Nothing recorded yet, and that is all right. Come back when you are ready."
