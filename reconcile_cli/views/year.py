"""`year`: a cell per day shaded by mood, each item's months, the long trend, then and now."""

from __future__ import annotations

import calendar
import datetime as dt
from typing import Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from reconcile_cli import progress
from reconcile_cli.core.text import printable
from reconcile_cli.views import display as mode
from reconcile_cli.views.common import SPARKS, Hanging, WidthOr, labelled, mood_style, spark

MONTHS = [calendar.month_abbr[n] for n in range(1, 13)]


SHADES = "░▒▓█"  # a day's mood as a shade, lightest for the lowest: readable without colour


def shade(mood: float) -> str:
    return SHADES[0 if mood < 4 else 1 if mood < 6 else 2 if mood < 8 else 3]


def _cell(day: dict[str, Any]) -> Text:
    if day["before_journal"] or day["future"] or day["paused"]:
        return Text(" ")
    if day["mood"] is None:
        return Text("·", style="dim")
    return Text(shade(day["mood"]), style=mood_style(day["mood"]))


def calendar_grid(data: dict[str, Any]) -> RenderableType:
    """Seven rows (Monday to Sunday), a column per week, like a contributions graph."""
    days = data["days"]
    first = dt.date.fromisoformat(days[0]["day"])
    lead = first.weekday()
    rows = [Text(name + " ") for name in ("Mon", "   ", "Wed", "   ", "Fri", "   ", "Sun")]
    for _ in range(lead):
        rows[_].append(" ")
    for day in days:
        rows[dt.date.fromisoformat(day["day"]).weekday()].append_text(_cell(day))
    header = Text("    ")
    week = 0
    for month in range(1, 13):
        start = dt.date(data["year"], month, 1)
        column = (lead + (start - first).days) // 7
        header.append(" " * max(0, column - week) + MONTHS[month - 1][:3])
        week = column + 3
    legend = Text("a day's mood: ░ 1-3  ▒ 4-5  ▓ 6-7  █ 8-10  · no rating", style="dim")
    return Group(header, *rows, legend)


def plain_calendar(data: dict[str, Any]) -> RenderableType:
    lines = []
    for month in range(1, 13):
        prefix = f"{data['year']}-{month:02d}"
        moods = [d for d in data["days"] if d["day"].startswith(prefix)
                 and not d["before_journal"] and not d["future"]]
        if moods:
            shown = " ".join("p" if d["paused"] else "-" if d["mood"] is None
                             else f"{d['mood']:g}" for d in moods)
            lines.append(f"{calendar.month_name[month]}: {shown}")
    if any(d["paused"] for d in data["days"]):
        lines.append("(p: a paused day; -: no rating)")
    return Text("\n".join(lines) if lines else "No days in the journal this year yet.")


def _rate_glyph(rate: float | None) -> str:
    if rate is None:
        return "-" if mode.plain() else "·"
    if mode.plain():
        return f"{rate * 100:.0f}"
    return SPARKS[min(7, round(rate * 7))]


def months_table(data: dict[str, Any]) -> RenderableType:
    table = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
    table.add_column("kept, by month", no_wrap=True)
    for month in MONTHS:
        table.add_column(month[:3], justify="center", no_wrap=True)
    narrow = []
    for item in data["items"]:
        rates = [month["kept_rate"][item["slug"]] for month in data["months"]]
        if all(rate is None for rate in rates):
            continue
        table.add_row(item["slug"], *[_rate_glyph(rate) for rate in rates])
        shown = ", ".join(f"{rate * 100:.0f}% in {MONTHS[n][:3]}" for n, rate
                          in enumerate(rates) if rate is not None)
        narrow += [(0, printable(item["label"]), "bold"),
                   (2, f"kept {shown} (of the days answered)", "")]
    legend = Text("kept, by month: each month's days kept of those answered, "
                  + ("as a number" if mode.plain() else "taller when more (· none answered)"),
                  style="dim")
    return WidthOr(Group(table, legend), Hanging(narrow), measured=table)  # the legend wraps


def trend(data: dict[str, Any]) -> Text:
    """The 30-day moving average, one mark a week."""
    points = data["moving_average"][6::7]
    while points and points[0]["mood"] is None:  # nothing to draw before the first rating
        points = points[1:]
    if not points:
        return Text("not enough days yet", style="dim")
    if mode.plain():
        return Text(" ".join("-" if p["mood"] is None else f"{p['mood']:g}" for p in points))
    text = Text()
    for point in points:
        text.append(spark(point["mood"]), style=mood_style(point["mood"]))
    return text


def year_view(data: dict[str, Any]) -> RenderableType:
    parts: list[RenderableType] = [Text(f"{data['year']}", style="bold"), Text("")]
    parts.append(plain_calendar(data) if mode.plain()
                 else WidthOr(calendar_grid(data), plain_calendar(data)))
    rows: list[tuple[str, RenderableType | str]] = [("Mood, 30 days", trend(data))]
    if data["pauses"]:
        from reconcile_cli.views.periods import pause_words

        rows.append(("Paused", pause_words(data["pauses"])))
    parts += [Text(""), labelled(*rows), Text(""), months_table(data)]
    if data["then_and_now"]:
        then, now = data["then_and_now"]["then"], data["then_and_now"]["now"]
        parts += [Text(""), Text("Then and now", style="bold"),
                  labelled(("First 30 days", progress.window_words(then)),
                           ("Last 30 days", progress.window_words(now)))]
    elif data["then_and_now_from"]:
        parts += [Text(""), Text("Then and now", style="bold"),
                  Text(progress.too_young_words(data["then_and_now_from"]), style="dim")]
    return Group(*parts)
