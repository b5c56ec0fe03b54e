"""Small pieces every view uses: status symbols, mood shading, percentages, dates."""

from __future__ import annotations

import datetime as dt

from rich.console import Console, ConsoleOptions, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from reconcile_cli.kinds import STATUS_SYMBOLS
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


class Safe:
    """Any renderable, with the control characters of its text removed as it is drawn: whatever
    a view forgot, no stored escape sequence reaches the terminal (Rich's own styling, which it
    adds after this, is untouched)."""

    def __init__(self, inner: RenderableType):
        self.inner = inner

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.inner, options):
            if segment.control or printable(segment.text) == segment.text:
                yield segment
            else:
                yield Segment(printable(segment.text), segment.style)


def safe(renderable: RenderableType) -> Safe:
    return Safe(renderable)
