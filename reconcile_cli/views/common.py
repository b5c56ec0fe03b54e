"""Small pieces every view uses: status symbols, mood shading, percentages, dates."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.segment import Segment
from rich.table import Table
from rich.text import Text

from reconcile_cli.core.kinds import STATUS_SYMBOLS
from reconcile_cli.core.text import printable
from reconcile_cli.views import display as mode

if TYPE_CHECKING:
    from rich.measure import Measurement

STATUS_STYLE = {"kept": "green", "missed": "yellow", "skipped": "dim", None: "dim"}


def fixed_widths(table: Table) -> Table:
    """Each no-wrap column of plain words given the width its longest line needs: what Rich
    would measure, without measuring every cell on every render (a grid of a week or a month
    is measured twice, once to see whether it fits)."""
    from rich.cells import cell_len

    for column in table.columns:
        if not column.no_wrap or column.width is not None:
            continue
        widths = []
        for cell in (column.header, *column.cells):
            if not isinstance(cell, (str, Text)):
                break  # something Rich must measure itself
            plain = cell.plain if isinstance(cell, Text) else cell
            widths.append(max(cell_len(line) for line in plain.split("\n")))
        else:
            column.width = max(widths, default=0)
    return table


def labelled(*rows: tuple[str, RenderableType | str]) -> Table:
    """Rows of a bold label beside its value: "Mood  6.5"."""
    grid = Table.grid(padding=(0, 2))
    grid.add_column(style="bold")
    grid.add_column()
    for label, value in rows:
        grid.add_row(label, value)
    return grid


STATUS_WORDS = {"kept": "kept", "missed": "missed", "skipped": "skipped", None: "-"}


def status_symbol(status: str | None) -> Text:
    """A checklist answer as a symbol (a word in plain mode)."""
    shown = STATUS_WORDS[status] if mode.plain() else STATUS_SYMBOLS[status]
    return Text(shown, style=STATUS_STYLE[status])


def legend() -> Text:
    """What the checklist symbols mean, on one line (nothing in plain mode: words need none)."""
    if mode.plain():
        return Text("")
    return Text(f"{STATUS_SYMBOLS['kept']} kept  {STATUS_SYMBOLS['missed']} missed  "
                f"{STATUS_SYMBOLS['skipped']} skipped  {STATUS_SYMBOLS[None]} not answered",
                style="dim")


SPARKS = "▁▂▃▄▅▆▇█"


WEEKDAY_LETTERS = ("M", "T", "W", "T", "F", "S", "S")


def spark(mood: float | None) -> str:
    """A mood as a block of its height; in plain mode, the number itself."""
    if mode.plain():
        return "-" if mood is None else f"{mood:g}"
    return " " if mood is None else SPARKS[min(7, max(0, round((mood - 1) / 9 * 7)))]


def more_or_fewer(change: int | None, unit: str = "day") -> Text:
    """A change in days kept, as a friend would say it: "2 more", "1 fewer", "same"."""
    if change is None:
        return Text("-" if mode.plain() else "–", style="dim")
    if change == 0:
        return Text("same")
    return Text(f"{abs(change)} {'more' if change > 0 else 'fewer'}")


def mood_style(mood: float | None) -> str:
    if mood is None:
        return "dim"
    return "grey62" if mood < 4 else "light_steel_blue" if mood < 6 else "sky_blue1" if mood < 8 \
        else "green"


def percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def arrow(change: float | None, gap: str = " ") -> Text:
    """A change with its direction in words as well as colour: "up 0.5", "down 1"."""
    if change is None:
        return Text("-" if mode.plain() else "–", style="dim")
    if change == 0:
        return Text("same")
    return Text(f"{'up' if change > 0 else 'down'}{gap}{abs(change):g}")


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
        plain = mode.plain()
        for segment in console.render(self.inner, options):
            if segment.control:
                yield segment
                continue
            text = printable(segment.text)
            if plain:  # the last of the typographic marks a screen reader would spell out
                text = text.translate(PLAIN_MARKS)
            yield segment if text == segment.text else Segment(text, segment.style)


PLAIN_MARKS = str.maketrans({"–": "-", "—": "-", "…": "...", "·": "-", "✦": "*"})


def safe(renderable: RenderableType) -> Safe:
    return Safe(renderable)


_PLAIN_ASCII = re.compile("[\x20-\x7e\n]*")
_WORD = re.compile(r"\s*\S+\s*")  # a word and the spaces after it, as Rich divides a line


class Body:
    """An entry's text, drawn exactly as ``Text(text)`` is drawn, and for text of printable ASCII
    without Rich's work on each word (the part of `log` and `today` that grows with what they
    show). Any other text is left to Rich. tests/test_views_body.py compares the two."""

    def __init__(self, text: str):
        self.text = text
        self.plain_ascii = _PLAIN_ASCII.fullmatch(text) is not None

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        from rich.measure import Measurement

        if not self.plain_ascii:
            return Measurement.get(console, options, Text(self.text))
        longest_line = max((len(line) for line in self.text.splitlines()), default=0)
        longest_word = max((len(word) for word in self.text.split()), default=longest_line)
        return Measurement(longest_word, longest_line).with_maximum(options.max_width)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not self.plain_ascii:
            yield Text(self.text)
            return
        width = options.max_width
        for line in self.text.split("\n"):
            for piece in _divided(line, width):
                yield Segment(piece)
                yield Segment.line()


def _divided(line: str, width: int) -> list[str]:
    """rich.text.Text.wrap for one line of printable ASCII (a character is a cell): Rich's
    divide_line, then each piece cropped to the width."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(line):
        start, word = match.start(), match.group()
        length = len(word.rstrip())
        if width - offset >= length:
            offset += len(word)
        elif length > width:  # a word longer than a line is folded across lines
            folded = [word[at:at + width] for at in range(0, len(word), width)]
            for number, part in enumerate(folded, start=1):
                if start:
                    breaks.append(start)
                if number == len(folded):
                    offset = len(part)
                else:
                    start += len(part)
        elif offset and start:
            breaks.append(start)
            offset = len(word)
    # Rich then crops a piece's trailing spaces, and the piece, to the width: together, a cut
    return [line[begin:end][:width]
            for begin, end in zip([0, *breaks], [*breaks, len(line)], strict=True)]


class WidthOr:
    """``wide`` when it fits the width it is given whole, else ``narrow``: a table that needs
    more columns than the terminal has becomes a list that keeps every answer, never a table
    wrapped mid-word or cut with "…"."""

    def __init__(self, wide: RenderableType, narrow: RenderableType,
                 measured: RenderableType | None = None):
        self.wide = wide
        self.narrow = narrow
        self.measured = measured if measured is not None else wide  # what must fit whole

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        from rich.measure import Measurement

        needed = Measurement.get(console, options.update(width=10_000), self.measured).maximum
        yield self.wide if needed <= options.max_width else self.narrow


class Hanging:
    """Lines wrapped to the width they are given, each continuation indented under its first
    line (Rich wraps a Text flush left): [(indent, text, style), ...]."""

    def __init__(self, lines: list[tuple[int, str, str]]):
        self.lines = lines

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        import textwrap

        for indent, text, style in self.lines:
            width = max(20, options.max_width - indent)
            for number, part in enumerate(textwrap.wrap(text, width - 2) or [""]):
                pad = " " * (indent + (2 if number else 0))
                yield Text(pad + part, style=style, end="\n")


def framed(body: RenderableType, title: str, expand: bool = False) -> RenderableType:
    """A titled box; in plain mode, the title over the body, with no drawing."""
    if mode.plain():
        return Group(Text(title, style="bold"), body)
    from rich.panel import Panel

    return Panel(body, title=title, title_align="left", border_style="blue", expand=expand)
