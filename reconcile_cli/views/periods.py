"""What `week` and `month` share: the title, the mood line, the checklist table, milestones."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from reconcile_cli import progress
from reconcile_cli.core.dates import long_date
from reconcile_cli.core.kinds import KIND_TITLES
from reconcile_cli.core.text import printable
from reconcile_cli.core.words import count
from reconcile_cli.views import display as mode
from reconcile_cli.views.common import (
    Hanging,
    WidthOr,
    arrow,
    fixed_widths,
    labelled,
    mood_style,
    more_or_fewer,
    short_date,
    spark,
)

if TYPE_CHECKING:
    from reconcile_cli.progress.periods import PeriodSummary

# Draws one item's cell of a column: (item slug, the column's days) -> the cell.
Cell = Callable[[str, list[dict[str, Any]]], RenderableType]


def period_title(summary: PeriodSummary) -> Text:
    period = summary.period
    if period.kind == "week":
        start, end = period.start, period.end
        first = f"{start.day} {start:%B}" if start.month != end.month else str(start.day)
        dash = "-" if mode.plain() else "–"
        if period.rolling:
            title = Text(f"The seven days to {long_date(end.isoformat())}", style="bold")
        else:
            title = Text(f"Week of {first} {dash} {end.day} {end:%B %Y}", style="bold")
    else:
        title = Text(f"{period.start:%B %Y}", style="bold")
    dot = ", " if mode.plain() else " · "
    if summary.week_number:
        title.append(f"{dot}week {summary.week_number} of your journal", style="dim")
    if period.as_of < period.end:
        title.append(f"{dot}as of {short_date(period.as_of.isoformat())}", style="dim")
    return title


def mood_row(summary: PeriodSummary) -> Table:
    mood = summary.mood
    if mood["mean"] is None:
        return labelled(("Mood", Text("no ratings in this period", style="dim")))
    sparkline = Text()
    for day in summary.days:
        if mode.plain() and sparkline:
            sparkline.append(" ")
        sparkline.append(spark(day["mood"]), style=mood_style(day["mood"]))
    dash = "-" if mode.plain() else "–"
    numbers = Text(f"mean {mood['mean']:g} ({mood['min']}{dash}{mood['max']}, "
                   f"{count(mood['rated_days'], 'day')} rated)  ")
    if mood["change"] is not None:
        numbers.append_text(arrow(mood["change"]))
        numbers.append(f" on {summary.period.before}", style="dim")
    if summary.period.kind == "week":
        return labelled(("Mood", sparkline + Text("   ") + numbers))
    return labelled(("Mood", sparkline), ("", numbers))


def kept_of(item: dict[str, Any]) -> str:
    """ "5 of 6": days kept of the days answered kept or missed (a skipped day is neither)."""
    answered = item["kept"] + item["missed"]
    return f"{item['kept']} of {answered}" if answered else "-"


def kept_change(item: dict[str, Any]) -> int | None:
    return None if item["previous_kept"] is None else item["kept"] - item["previous_kept"]


def checklist_table(
    summary: PeriodSummary, columns: list[tuple[str, list[dict[str, Any]]]], cell: Cell,
    narrow_cell: Callable[[str, str, list[dict[str, Any]]], str],
    wide_after: tuple[RenderableType, ...] = (), narrow_after: tuple[RenderableType, ...] = (),
) -> RenderableType:
    """Item rows with one column per (heading, days) group, then the item's numbers; where the
    width is too small for that, a list that keeps every answer. ``wide_after`` goes under
    the grid (its legend), ``narrow_after`` under the list: each explains what it draws."""
    before = summary.period.before
    table = Table(box=None, padding=(0, 1), header_style="bold", pad_edge=False)
    table.add_column("Checklist", no_wrap=True)
    for heading, _ in columns:
        table.add_column(heading, justify="center", no_wrap=True)
    against = "vs the 7\nbefore" if summary.period.rolling else f"vs last\n{summary.period.kind}"
    for heading in ("kept", against, "in a\nrow"):  # two lines: room for days
        table.add_column(heading, justify="right", no_wrap=True)
    narrow: list[tuple[int, str, str]] = []
    for kind in ("restraint", "action"):
        rows = [item for item in summary.items if item["kind"] == kind]
        if not rows:
            continue
        table.add_row(Text(KIND_TITLES[kind], style="italic dim"))
        narrow.append((0, KIND_TITLES[kind], "italic dim"))
        for item in rows:
            table.add_row(
                Text(item["slug"]),
                *[cell(item["slug"], days) for _, days in columns],
                kept_of(item),
                more_or_fewer(kept_change(item)),
                str(item["current_streak"]),
            )
            narrow += narrow_item(item, columns, narrow_cell, before)
    return WidthOr(Group(fixed_widths(table), *wide_after), Group(Hanging(narrow), *narrow_after),
                   measured=table)  # a legend under the grid wraps: only the grid must fit


def narrow_item(item: dict[str, Any], columns: list[tuple[str, list[dict[str, Any]]]],
                narrow_cell: Callable[[str, str, list[dict[str, Any]]], str],
                before: str) -> list[tuple[int, str, str]]:
    """One item as a few wrapped lines: its words, its numbers, every day's answer."""
    numbers = [f"kept {kept_of(item)}"]
    change = kept_change(item)
    if change:
        numbers.append(f"{abs(change)} {'more' if change > 0 else 'fewer'} than {before} by "
                       "now")
    elif change == 0:
        numbers.append(f"as many as {before} by now")
    if item["current_streak"]:  # "0 in a row" says nothing kind or useful
        numbers.append(f"{item['current_streak']} in a row")
    answers = ", ".join(in_runs([text for heading, days in columns
                                 if (text := narrow_cell(item["slug"], heading, days))]))
    lines = [(2, printable(item["label"]), "bold"), (4, "; ".join(numbers), "")]
    return lines + ([(4, answers, "")] if answers else [])


def in_runs(answers: list[str]) -> list[str]:
    """Days with the same answer three or more in a row, said once: ["Mon kept", "Tue kept",
    "Wed kept", "Thu missed"] is ["Mon to Wed kept", "Thu missed"]. Every answer is kept.
    Only days of a week are joined (a month's weeks each have their own count)."""
    runs: list[list[str]] = []  # [answer, day, day...]
    for text in answers:
        day, _, answer = text.partition(" ")
        if day not in WEEKDAY_ABBREVIATIONS:
            return answers
        if runs and runs[-1][0] == answer:
            runs[-1].append(day)
        else:
            runs.append([answer, day])
    shown = []
    for answer, *days in runs:
        if len(days) >= 3:
            shown.append(f"{days[0]} to {days[-1]} {answer}")
        else:
            shown += [f"{day} {answer}" for day in days]
    return shown


WEEKDAY_ABBREVIATIONS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def milestone_lines(summary: PeriodSummary, most: int | None = None) -> list[RenderableType]:
    shown, more = (progress.chosen_milestones(summary.milestones, most) if most
                   else (summary.milestones, 0))
    marker = "  - " if mode.plain() else "  ✦ "
    lines: list[RenderableType] = []
    for milestone in shown:
        words = printable(progress.milestone_text(milestone))
        lines.append(Text.assemble((marker, "magenta"), words,
                                   (f"  ({short_date(milestone['date'])})", "dim")))
    if more:
        lines.append(Text(f"  and {count(more, 'more milestone')} {summary.period.this}"
                          " (`--json` lists them all)", style="dim"))
    return lines


def pause_words(pauses: list[dict[str, Any]]) -> str:
    """ "Mon 16 Nov to Wed 18 Nov (a hospital stay)": counted nowhere, passed over by streaks."""
    return "; ".join(f"{short_date(p['from'])} to {short_date(p['until'])}"
                     + (f" ({printable(p['reason'])})" if p["reason"] else "")
                     for p in pauses) + ": not counted, and no streak is broken."


def journal_line(summary: PeriodSummary) -> Table:
    """What was written, and (when there has been one) how far apart slips have been."""

    journal = summary.journal
    dot = ", " if mode.plain() else " · "
    rows: list[tuple[str, RenderableType | str]] = [
        ("Journal", f"{count(journal['days_written'], 'day')} written{dot}"
                    f"{count(journal['entries'], 'entry')}{dot}{count(journal['words'], 'word')}")]
    line = progress.slip_line(summary.slips, summary.period.this) if summary.slips else None
    if line:
        rows.append(("Slips", line.removeprefix("Slips: ")))
    drawer = progress.drawer_line(summary.letters_written)
    if drawer:
        rows.append(("Drawer", drawer))
    if summary.steps_done:
        rows.append(("Goals", f"{count(summary.steps_done, 'small step')} done."))
    if summary.pauses:
        rows.append(("Paused", pause_words(summary.pauses)))
    return labelled(*rows)


def summary_view(
    summary: PeriodSummary, sentence: str, middle: list[RenderableType],
    most_milestones: int | None = None,
) -> RenderableType:
    parts: list[RenderableType] = [period_title(summary), Text(""), mood_row(summary), *middle,
                                   Text(""), journal_line(summary)]
    if summary.milestones:
        parts += [Text(""), Text("Worth celebrating", style="bold"),
                  *milestone_lines(summary, most_milestones)]
    parts += [Text(""), Text(sentence, style="italic")]
    return Group(*parts)
