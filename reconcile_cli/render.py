"""Rich renderables built from models. Never prints, never queries.

Stored text always goes through ``Text(printable(...))``: no markup is interpreted and no terminal
escape sequence reaches the screen.
"""

from __future__ import annotations

import datetime as dt

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from reconcile_cli.dates import long_date
from reconcile_cli.kinds import KIND_TITLES, STATUS_SYMBOLS
from reconcile_cli.models import Day, Entry, Item, Prompt
from reconcile_cli.text import printable

STATUS_STYLE = {"kept": "green", "missed": "yellow", "skipped": "dim", None: "dim"}


def labelled(*rows: tuple[str, RenderableType | str]) -> Table:
    """Rows of a bold label beside its value: "Mood  6.5"."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for label, value in rows:
        grid.add_row(label, value)
    return grid


def status_symbol(status: str | None) -> Text:
    return Text(STATUS_SYMBOLS[status], style=STATUS_STYLE[status])


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
    return Text(" · ".join(parts))


def checklist(day: Day) -> RenderableType:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=2)
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


def entry_block(entry: Entry) -> RenderableType:
    head = Text(entry.time, style="bold")
    head.append(f"  {entry.kind}", style="cyan")
    if entry.mood is not None:
        head.append(f"  mood {entry.mood}")
    head.append(f"  {entry.short_id}", style="dim")
    parts: list[RenderableType] = [head]
    if entry.prompt:
        from reconcile_cli.prompts import BY_SLUG

        prompt = BY_SLUG.get(entry.prompt)
        parts.append(Padding(Text(prompt.text if prompt else entry.prompt, style="italic dim"),
                             (0, 0, 0, 2), expand=False))
    if entry.body:
        parts.append(Padding(Text(printable(entry.body)), (0, 0, 0, 2), expand=False))
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
    if day.entries:
        parts.append(Text("Entries", style="bold"))
        for entry in day.entries:
            parts.append(Padding(entry_block(entry), (0, 0, 1, 1), expand=False))
    else:
        parts.append(Text("Nothing written on this day.", style="dim"))
    return Group(*parts)


def recap(day: Day) -> RenderableType:
    """The calm close of `reconcile checkin`."""
    written = [e for e in day.entries if e.body]
    summary = labelled(
        ("Mood", mood_text(day)),
        ("Checklist", counts_text(day)),
        ("Written", f"{len(written)} entr{'y' if len(written) == 1 else 'ies'}"),
    )
    closing = Text(closing_line(day), style="italic")
    return Panel(Group(summary, Text(""), closing), title=long_date(day.date),
                 title_align="left", border_style="blue", expand=False)


def closing_line(day: Day) -> str:
    counts = day.counts()
    answered = counts["kept"] + counts["missed"] + counts["skipped"]
    if counts["kept"] and not counts["missed"]:
        return "You kept to what you set out to do today. That is worth noticing."
    if counts["kept"]:
        return "Some of today went the way you hoped. Tomorrow is a fresh page."
    if answered or day.entries:
        return "You showed up and looked honestly at your day. That counts."
    return "Nothing recorded yet, and that is all right. Come back when you are ready."


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
        if not item.active:
            label.append("  (retired)", style="italic")
        table.add_row(number, Text(item.slug), Text(item.kind), label, style=style)
    return table


def prompt_view(prompt: Prompt, day: str) -> RenderableType:
    body = Group(
        Text(prompt.text),
        Text(""),
        Text(f"To answer: reconcile write --prompt {prompt.slug}", style="dim"),
    )
    return Panel(body, title=f"Reflection for {long_date(day)}", title_align="left",
                 border_style="blue", expand=False)


def prompt_list(prompts: tuple[Prompt, ...]) -> RenderableType:
    table = Table(box=None, padding=(0, 1), header_style="bold")
    table.add_column("prompt")
    table.add_column("theme", style="dim")
    table.add_column("question", ratio=1)
    for prompt in prompts:
        table.add_row(prompt.slug, prompt.theme, prompt.text)
    return table


# --- summaries ---------------------------------------------------------------------------------

SPARKS = "▁▂▃▄▅▆▇█"
WEEKDAY_LETTERS = ("M", "T", "W", "T", "F", "S", "S")


def spark(mood: float | None) -> str:
    return " " if mood is None else SPARKS[min(7, max(0, round((mood - 1) / 9 * 7)))]


def mood_style(mood: float | None) -> str:
    if mood is None:
        return "dim"
    return "grey62" if mood < 4 else "light_steel_blue" if mood < 6 else "sky_blue1" if mood < 8 \
        else "green"


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def arrow(change: float | None, gap: str = " ") -> Text:
    if change is None:
        return Text("–", style="dim")
    if change == 0:
        return Text("=")
    symbol, style = ("▲", "green") if change > 0 else ("▼", "yellow")
    return Text(f"{symbol}{gap}{abs(change):g}", style=style)


def short_date(day: str) -> str:
    date = dt.date.fromisoformat(day)
    return f"{date:%a} {date.day} {date:%b}"


def period_title(summary) -> Text:
    period = summary.period
    if period.kind == "week":
        start, end = period.start, period.end
        first = f"{start.day} {start:%B}" if start.month != end.month else str(start.day)
        title = Text(f"Week of {first} – {end.day} {end:%B %Y}", style="bold")
    else:
        title = Text(f"{period.start:%B %Y}", style="bold")
    if summary.week_number:
        title.append(f" · week {summary.week_number} of your journal", style="dim")
    if period.as_of < period.end:
        title.append(f" · as of {short_date(period.as_of.isoformat())}", style="dim")
    return title


def mood_row(summary) -> Table:
    mood = summary.mood
    if mood["mean"] is None:
        return labelled(("Mood", Text("no ratings in this period", style="dim")))
    sparkline = Text()
    for day in summary.days:
        sparkline.append(spark(day["mood"]), style=mood_style(day["mood"]))
    numbers = Text(f"mean {mood['mean']:g} ({mood['min']}–{mood['max']}, "
                   f"{mood['rated_days']} day{'s' if mood['rated_days'] != 1 else ''} rated)  ")
    if mood["change"] is not None:
        numbers.append_text(arrow(mood["change"]))
        numbers.append(f" on last {summary.period.kind}", style="dim")
    if summary.period.kind == "week":
        return labelled(("Mood", sparkline + Text("   ") + numbers))
    return labelled(("Mood", sparkline), ("", numbers))


def checklist_table(summary, columns: list[tuple[str, list[dict]]], cell) -> Table:
    """Item rows with one column per (heading, days) group, then the item's numbers."""
    table = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
    table.add_column("Checklist", no_wrap=True)
    for heading, _ in columns:
        table.add_column(heading, justify="center", no_wrap=True)
    for heading in ("rate", "±pts", "streak", "strength"):
        table.add_column(heading, justify="right", no_wrap=True)
    for kind in ("restraint", "action"):
        rows = [item for item in summary.items if item["kind"] == kind]
        if not rows:
            continue
        table.add_row(Text(KIND_TITLES[kind], style="italic dim"))
        for item in rows:
            change = (round((item["rate"] - item["previous_rate"]) * 100)
                      if item["rate"] is not None and item["previous_rate"] is not None else None)
            table.add_row(
                Text(item["slug"]),
                *[cell(item["slug"], days) for _, days in columns],
                percent(item["rate"]),
                arrow(change, gap=""),
                str(item["current_streak"]),
                percent(item["strength"]),
            )
    return table


def milestone_lines(summary) -> list[RenderableType]:
    lines: list[RenderableType] = []
    from reconcile_cli.summary import milestone_text

    for milestone in summary.milestones:
        lines.append(Text.assemble(("  ✦ ", "magenta"), milestone_text(milestone),
                                   (f"  ({short_date(milestone['date'])})", "dim")))
    return lines


def journal_line(summary) -> Table:
    journal = summary.journal
    days = journal["days_written"]
    return labelled(("Journal", f"{days} day{'s' if days != 1 else ''} written · "
                                f"{journal['entries']} entries · {journal['words']:,} words"))


def _summary_view(summary, sentence: str, middle: list[RenderableType]) -> RenderableType:
    parts: list[RenderableType] = [period_title(summary), Text(""), mood_row(summary), *middle,
                                   Text(""), journal_line(summary)]
    if summary.milestones:
        parts += [Text(""), Text("Worth celebrating", style="bold"), *milestone_lines(summary)]
    parts += [Text(""), Text(sentence, style="italic")]
    return Group(*parts)


def week_view(summary, sentence: str) -> RenderableType:
    """`reconcile week`: mood sparkline, the checklist grid Mon..Sun, milestones, a sentence."""
    columns = [(letter, [day]) for letter, day in zip(WEEKDAY_LETTERS, summary.days, strict=True)]
    as_of = summary.period.as_of.isoformat()

    def cell(slug: str, days: list[dict]) -> Text:
        day = days[0]
        return Text(" ") if day["date"] > as_of else status_symbol(day["marks"].get(slug))

    return _summary_view(summary, sentence, [Text(""), checklist_table(summary, columns, cell)])


def month_view(summary, sentence: str) -> RenderableType:
    """`reconcile month`: a calendar shaded by mood, then the checklist by week of the month."""
    calendar_table = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
    for letter in ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"):
        calendar_table.add_column(letter, justify="right")
    first = dt.date.fromisoformat(summary.days[0]["date"])
    cells: list[Text] = [Text("")] * first.weekday()
    for day in summary.days:
        number = dt.date.fromisoformat(day["date"]).day
        cells.append(Text(f"{number:>2}{spark(day['mood'])}", style=mood_style(day["mood"])))
    cells += [Text("")] * (-len(cells) % 7)
    for row in range(0, len(cells), 7):
        calendar_table.add_row(*cells[row:row + 7])

    from reconcile_cli.summary import month_weeks, tally

    def cell(slug: str, days: list[dict]) -> Text:
        kept, answered = tally(slug, days)
        return Text(f"{kept}/{answered}") if answered else Text("·", style="dim")

    legend = Text("W1… show days kept / days kept or missed; ±pts is the rate against last "
                  "month.", style="dim")
    weekly = checklist_table(summary, month_weeks(summary.days), cell)
    return _summary_view(summary, sentence, [Text(""), calendar_table, Text(""), weekly, legend])


def streaks_view(rows: list[dict]) -> RenderableType:
    table = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
    table.add_column("item", no_wrap=True)
    for heading in ("streak", "best", "strength", "last missed", "days since", "usual gap"):
        table.add_column(heading, justify="right", no_wrap=True)
    for row in rows:
        table.add_row(
            row["slug"], str(row["current_streak"]), str(row["best_streak"]),
            percent(row["strength"]),
            short_date(row["last_missed"]) if row["last_missed"] else "never",
            "–" if row["days_since_missed"] is None else str(row["days_since_missed"]),
            "–" if row["mean_gap_between_misses"] is None
            else f"{row['mean_gap_between_misses']:g} days",
        )
    note = Text("Strength grows with each day kept and eases with a slip; it does not reset.",
                style="dim")
    return Group(table, Text(""), note)


def insights_view(data: dict) -> RenderableType:
    parts: list[RenderableType] = [Text("Mood alongside your checklist", style="bold")]
    if data["items"]:
        table = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
        table.add_column("item", no_wrap=True)
        table.add_column("mood when kept", justify="right")
        table.add_column("mood when missed", justify="right")
        table.add_column("difference", justify="right")
        for row in data["items"]:
            table.add_row(
                row["slug"],
                f"{row['kept_mood']:g} ({row['kept_days']} days)",
                f"{row['missed_mood']:g} ({row['missed_days']} days)",
                arrow(row["difference"]),
            )
        parts.append(table)
    else:
        parts.append(Text("Not enough days to compare yet: an item needs at least three rated "
                          "days kept and three missed.", style="dim"))
    parts += [Text(""), Text("Mood by weekday", style="bold")]
    weekdays = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
    for row in data["weekdays"]:
        weekdays.add_column(row["weekday"][:3], justify="right")
    weekdays.add_row(*[("–" if row["mood"] is None else f"{row['mood']:g}")
                       for row in data["weekdays"]])
    parts += [weekdays, Text(""), Text(
        "These show what tends to go together in your days, not what causes what.",
        style="italic dim")]
    return Group(*parts)


# --- rereading ------------------------------------------------------------------------------------


def marks_strip(day: Day) -> Text:
    """The day's checklist as one line of symbols, in checklist order."""
    strip = Text()
    for item in day.items:
        strip.append_text(status_symbol(day.status_of(item.slug)))
    return strip


def day_heading(day: Day) -> Text:
    heading = Text(long_date(day.date), style="bold")
    if day.mood is not None:
        heading.append(f"  ·  mood {day.mood:g}")
    if day.marks:
        heading.append("  ·  ")
        heading.append_text(marks_strip(day))
    return heading


def log_view(groups: list[tuple[Day, list[Entry]]]) -> RenderableType:
    """`reconcile log`: days newest first, each with its mood, marks and the entries shown."""
    if not groups:
        return Text("No entries to show.", style="dim")
    parts: list[RenderableType] = []
    for day, entries in groups:
        parts.append(day_heading(day))
        for entry in entries:
            parts.append(Padding(entry_block(entry), (0, 0, 1, 1), expand=False))
    return Group(*parts)


def entry_view(entry: Entry) -> RenderableType:
    """`reconcile show`: one entry in full, with its whole id and when it was last changed."""
    footer = Text(f"id {entry.id}", style="dim")
    if entry.updated_at != entry.created_at:
        footer.append(f"  ·  edited {entry.updated_at[:16].replace('T', ' ')}")
    return Group(Text(long_date(entry.day), style="bold"), entry_block(entry), Text(""), footer)


def snippet_text(snippet: str) -> Text:
    """A search snippet with the matched words (between \\ue000 and \\ue001) highlighted."""
    text = Text()
    for n, part in enumerate(printable(snippet.replace("\ue001", "\ue000")).split("\ue000")):
        text.append(part, style="bold reverse" if n % 2 else None)
    return text


def search_view(hits: list[tuple[Entry, str]], query: str) -> RenderableType:
    if not hits:
        return Text(f"Nothing found for \u201c{printable(query)}\u201d.", style="dim")
    parts: list[RenderableType] = []
    for entry, snippet in hits:
        head = Text(long_date(entry.day), style="bold")
        head.append(f"  {entry.time}  {entry.kind}  {entry.short_id}", style="dim")
        parts += [head, Padding(snippet_text(snippet), (0, 0, 1, 2), expand=False)]
    return Group(*parts)


def _stat(stats: dict) -> str:
    mood = "no mood" if stats["mood"] is None else f"mood {stats['mood']:g}"
    kept = "no answers" if stats["rate"] is None else f"kept {percent(stats['rate'])}"
    return f"{mood}, {kept}"


def lookback_view(found: list[tuple[str, Day, dict]], now: dict) -> RenderableType:
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
        parts.append(Panel(Group(*body), title=f"{label} · {long_date(day.date)}",
                           title_align="left", border_style="blue"))
    return Group(*parts)


def trash_view(entries: list[Entry]) -> RenderableType:
    table = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
    table.add_column("id", no_wrap=True)
    table.add_column("day", no_wrap=True)
    table.add_column("trashed", no_wrap=True)
    table.add_column("first words", ratio=1, no_wrap=True, overflow="ellipsis")
    for entry in entries:
        first = printable(entry.body.strip().split("\n")[0]) if entry.body else f"mood {entry.mood}"
        table.add_row(entry.short_id, entry.day, entry.deleted_at[:10], first)
    return Group(table, Text(""), Text("`reconcile restore ID` brings one back.", style="dim"))
