"""A page for a counsellor or coach: a week or month on one page, as Markdown or HTML. Pure.

Private by default: without entries passed in, no diary text appears, only numbers.
"""

from __future__ import annotations

import html
from typing import Any

from reconcile_cli import progress
from reconcile_cli.core.dates import long_date
from reconcile_cli.core.kinds import KIND_TITLES, STATUS_SYMBOLS
from reconcile_cli.core.models import Entry, Letter, VisionVersion
from reconcile_cli.core.prompts import question_of
from reconcile_cli.core.words import count
from reconcile_cli.progress.periods import PeriodSummary


def title(summary: PeriodSummary) -> str:
    period = summary.period
    if period.kind == "month":
        name = f"{period.start:%B %Y}"
    else:
        name = (f"Week of {long_date(period.start.isoformat())} to "
                f"{long_date(period.end.isoformat())}")
    if period.as_of < period.end:
        name += f" (so far, to {long_date(period.as_of.isoformat())})"
    return name


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def _numbers(summary: PeriodSummary) -> list[tuple[str, str]]:
    mood, journal = summary.mood, summary.journal
    mood_text = ("no ratings" if mood["mean"] is None else
                 f"mean {mood['mean']:g} (lowest {mood['min']}, highest {mood['max']}, "
                 f"{count(mood['rated_days'], 'day')} rated)")
    if mood["change"] is not None:
        mood_text += f"; {mood['change']:+g} on {summary.period.before}"

    slips = progress.slip_line(summary.slips, summary.period.this) if summary.slips else None
    drawer = progress.drawer_line(summary.letters_written)
    return [("Mood", mood_text),
            *([("Slips", slips.removeprefix("Slips: "))] if slips else []),
            *([("Drawer", drawer)] if drawer else []),
            *([("Goals", f"{count(summary.steps_done, 'small step')} done.")]
              if summary.steps_done else []),
            *([("Paused", "; ".join(f"{long_date(p['from'])} to {long_date(p['until'])}"
                                    + (f" ({p['reason']})" if p["reason"] else "")
                                    for p in summary.pauses))] if summary.pauses else []),
            ("Writing", f"{count(journal['days_written'], 'day')}, "
                        f"{count(journal['entries'], 'entry')}, {count(journal['words'], 'word')}")]


def _grid_columns(summary: PeriodSummary) -> list[tuple[str, list[dict[str, Any]]]]:
    """Week: a column per day. Month: a column per Monday-to-Sunday week."""
    if summary.period.kind == "week":
        return [(day["date"][8:], [day]) for day in summary.days]
    return progress.month_weeks(summary.days)


def _answerable(summary: PeriodSummary, days: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The days that could be answered: in the journal's time, not paused, not to come."""
    as_of = summary.period.as_of.isoformat()
    return [day for day in days if not day["before_journal"] and not day["paused"]
            and day["date"] <= as_of]


def _cell(summary: PeriodSummary, slug: str, days: list[dict[str, Any]], weekly: bool) -> str:
    """A day's answer as a symbol (a week), or a week's days kept / kept or missed (a month);
    blank for what could not be answered: a paused day, a day to come, before the journal."""
    answerable = _answerable(summary, days)
    if not answerable:
        return ""
    if not weekly:
        return STATUS_SYMBOLS[answerable[0]["marks"].get(slug)]
    kept, answered = progress.tally(slug, answerable)
    return f"{kept}/{answered}" if answered else "·"


def legend(summary: PeriodSummary) -> str:
    """What the checklist's cells mean."""
    blank = "blank: a paused day, a day still to come, or before the journal began"
    if summary.period.kind == "month":
        return (f"Each week: days kept / days kept or missed; {STATUS_SYMBOLS[None]} none "
                f"answered; {blank}.")
    return (f"{STATUS_SYMBOLS['kept']} kept, {STATUS_SYMBOLS['missed']} missed, "
            f"{STATUS_SYMBOLS['skipped']} skipped, {STATUS_SYMBOLS[None]} not answered; "
            f"{blank}.")


def mood_by_day(summary: PeriodSummary) -> list[str]:
    """A week's moods as a row of seven; a month's as a list, a line a week."""
    moods = [day["mood"] for day in summary.days]
    if summary.period.kind == "week":
        return ["| " + " | ".join(f"{d['date'][5:]} {_weekday(d['date'])}" for d in summary.days)
                + " |", "|" + "---|" * len(summary.days),
                "| " + " | ".join("" if m is None else f"{m:g}" for m in moods) + " |"]
    lines = []
    as_of = summary.period.as_of.isoformat()
    for heading, days in progress.month_weeks(summary.days):
        first, last = days[0]["date"], days[-1]["date"]
        shown = ", ".join(f"{_weekday(day['date'])} {int(day['date'][8:])}: "
                          + ("paused" if day["paused"] else "–" if day["mood"] is None
                             else f"{day['mood']:g}")
                          for day in days if day["date"] <= as_of and not day["before_journal"])
        if shown:  # a week still to come has nothing to say yet
            lines.append(f"- **{heading}** ({int(first[8:])}–{int(last[8:])}): {shown}")
    return lines


def _weekday(day: str) -> str:
    import datetime as dt

    return f"{dt.date.fromisoformat(day):%a}"


def written(entries: list[Entry]) -> list[Entry]:
    """Entries with words: a mood rating alone is in the mood numbers, not an empty entry."""
    return [entry for entry in entries if entry.body.strip()]


def _milestone_text(milestone: dict[str, Any]) -> str:
    return f"{progress.milestone_text(milestone)} ({long_date(milestone['date'])})"


def markdown(summary: PeriodSummary, entries: list[Entry] | None = None,
             letters: list[Letter] | None = None, vision: VisionVersion | None = None) -> str:
    weekly = summary.period.kind == "month"
    columns = _grid_columns(summary)
    lines = [f"# {title(summary)}", ""]
    lines += [f"- **{label}:** {value}" for label, value in _numbers(summary)]
    lines += ["", "## Mood by day", "", *mood_by_day(summary)]
    lines += ["", "## Checklist", "",
              "| item | " + " | ".join(name for name, _ in columns) + " | rate | streak |",
              "|---|" + "---|" * (len(columns) + 2)]
    for item in summary.items:
        cells = " | ".join(_cell(summary, item["slug"], days, weekly) for _, days in columns)
        lines.append(f"| {item['label']} ({KIND_TITLES[item['kind']].lower()}) | {cells} | "
                     f"{_percent(item['rate'])} | {item['current_streak']} |")
    lines += ["", legend(summary)]
    if summary.milestones:
        lines += ["", "## Milestones", ""]
        lines += [f"- {_milestone_text(m)}" for m in summary.milestones]
    if entries is not None:
        lines += ["", "## Entries"]
        for entry in written(entries):
            mood = f" · mood {entry.mood}" if entry.mood is not None else ""
            lines += ["", f"### {long_date(entry.day)} {entry.when} · {entry.kind}{mood}", ""]
            question = question_of(entry.prompt)
            if question:
                lines += [f"> {question}", ""]
            lines.append(entry.body)
    if vision is not None:
        lines += ["", f"## My vision (version {vision.version}, "
                      f"{long_date(vision.saved_at[:10])})", "", vision.text]
    if letters:
        lines += ["", "## Letters in the drawer"]
        for letter in letters:
            to = f" · to {letter.recipient}" if letter.recipient else ""
            lines += ["", f"### {long_date(letter.day)}{to}", "", letter.body]
    return "\n".join(lines) + "\n"


def mood_chart(summary: PeriodSummary, width: int = 560, height: int = 160) -> str:
    """An inline SVG line of the days' moods (1 at the bottom, 10 at the top)."""
    days = summary.days
    step = width / max(len(days) - 1, 1)

    def y(mood: float) -> float:
        return round(height - 10 - (mood - 1) / 9 * (height - 20), 1)

    points = [(round(n * step, 1), y(day["mood"])) for n, day in enumerate(days)
              if day["mood"] is not None]
    line = " ".join(f"{x},{py}" for x, py in points)
    dots = "".join(f'<circle cx="{x}" cy="{py}" r="3"/>' for x, py in points)
    labels = "".join(
        f'<text x="-8" y="{y(mood) + 4}" text-anchor="end">{mood}</text>' for mood in (1, 5, 10))
    dates = (f'<text x="0" y="{height + 14}">{long_date(days[0]["date"])}</text>'
             f'<text x="{width}" y="{height + 14}" text-anchor="end">'
             f'{long_date(days[-1]["date"])}</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-30 0 {width + 40} {height + 20}" '
            f'width="{width + 40}" height="{height + 20}" role="img" '
            'aria-label="Mood by day, 1 to 10" font-size="11" fill="#666">'
            f'<line x1="0" y1="{y(5.5)}" x2="{width}" y2="{y(5.5)}" stroke="#ccc" '
            f'stroke-dasharray="4"/>{labels}{dates}'
            f'<polyline points="{line}" fill="none" stroke="#3a6ea5" stroke-width="2"/>'
            f'<g fill="#3a6ea5">{dots}</g></svg>')


def html_page(summary: PeriodSummary, entries: list[Entry] | None = None,
              letters: list[Letter] | None = None, vision: VisionVersion | None = None) -> str:
    """One self-contained page: no external files, no scripts."""
    esc = html.escape
    weekly = summary.period.kind == "month"
    columns = _grid_columns(summary)
    head = "".join(f"<th>{esc(name)}</th>" for name, _ in columns)
    rows = "".join(
        f"<tr><td>{esc(item['label'])}</td>"
        + "".join(f"<td>{_cell(summary, item['slug'], days, weekly)}</td>"
                  for _, days in columns)
        + f"<td>{_percent(item['rate'])}</td><td>{item['current_streak']}</td></tr>"
        for item in summary.items)
    numbers = "".join(f"<li><b>{esc(label)}:</b> {esc(value)}</li>"
                      for label, value in _numbers(summary))
    milestones = "".join(f"<li>{esc(_milestone_text(m))}</li>" for m in summary.milestones)
    parts = [
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">",
        f"<title>{esc(title(summary))}</title>",
        "<style>body{font-family:Georgia,serif;max-width:44em;margin:2em auto;color:#222}"
        "table{border-collapse:collapse}td,th{padding:.2em .6em;border-bottom:1px solid #ddd;"
        "text-align:center}td:first-child{text-align:left}</style></head><body>",
        f"<h1>{esc(title(summary))}</h1><ul>{numbers}</ul>",
        f"<h2>Mood by day</h2>{mood_chart(summary)}",
        f"<h2>Checklist</h2><table><tr><th>item</th>{head}<th>rate</th><th>streak</th></tr>"
        f"{rows}</table><p><small>{esc(legend(summary))}</small></p>",
    ]
    if milestones:
        parts.append(f"<h2>Milestones</h2><ul>{milestones}</ul>")
    if entries is not None:
        parts.append("<h2>Entries</h2>")
        for entry in written(entries):
            mood = f" · mood {entry.mood}" if entry.mood is not None else ""
            parts.append(f"<h3>{esc(long_date(entry.day))} {esc(entry.when)} · "
                         f"{esc(entry.kind)}{mood}</h3>")
            question = question_of(entry.prompt)
            if question:
                parts.append(f"<blockquote>{esc(question)}</blockquote>")
            parts.append(f"<p style=\"white-space:pre-wrap\">{esc(entry.body)}</p>")
    if vision is not None:
        parts.append(f"<h2>My vision (version {vision.version}, "
                     f"{esc(long_date(vision.saved_at[:10]))})</h2>"
                     f"<p style=\"white-space:pre-wrap\">{esc(vision.text)}</p>")
    if letters:
        parts.append("<h2>Letters in the drawer</h2>")
        for letter in letters:
            to = f" · to {letter.recipient}" if letter.recipient else ""
            parts.append(f"<h3>{esc(long_date(letter.day) + to)}</h3>"
                         f"<p style=\"white-space:pre-wrap\">{esc(letter.body)}</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


# --- the year on one page ------------------------------------------------------------------------


def _year_rows(data: dict[str, Any]) -> list[tuple[str, list[str]]]:
    rows = []
    for item in data["items"]:
        rates = [month["kept_rate"][item["slug"]] for month in data["months"]]
        if any(rate is not None for rate in rates):
            rows.append((item["label"], [_percent(rate) for rate in rates]))
    return rows


def year_markdown(data: dict[str, Any]) -> str:
    months = [m["month"][5:] for m in data["months"]]
    lines = [f"# {data['year']} at a glance", "", "## Mood, month by month", "",
             "| month | " + " | ".join(months) + " |", "|---|" + "---:|" * len(months)]
    means = []
    for month in data["months"]:
        moods = [d["mood"] for d in data["days"]
                 if d["day"].startswith(month["month"]) and d["mood"] is not None]
        means.append(f"{sum(moods) / len(moods):.1f}" if moods else "")
    lines += ["| mood | " + " | ".join(means) + " |", "", "## Kept, month by month", "",
              "| item | " + " | ".join(months) + " |", "|---|" + "---:|" * len(months)]
    lines += [f"| {label} | " + " | ".join(cells) + " |" for label, cells in _year_rows(data)]
    if data["then_and_now"]:
        lines += ["", "## Then and now", "",
                  f"- **First 30 days:** {progress.window_words(data['then_and_now']['then'])}",
                  f"- **Last 30 days:** {progress.window_words(data['then_and_now']['now'])}"]
    elif data["then_and_now_from"]:
        lines += ["", "## Then and now", "", progress.too_young_words(data["then_and_now_from"])]
    return "\n".join(lines) + "\n"


def year_chart(data: dict[str, Any], width: int = 560, height: int = 160) -> str:
    """An inline SVG line of the mood's 30-day moving average over the year."""
    points_data = data["moving_average"]
    step = width / 364

    def y(mood: float) -> float:
        return round(height - 10 - (mood - 1) / 9 * (height - 20), 1)

    points = [(round(n * step, 1), y(point["mood"])) for n, point in enumerate(points_data)
              if point["mood"] is not None]
    line = " ".join(f"{x},{py}" for x, py in points)
    labels = "".join(
        f'<text x="-8" y="{y(mood) + 4}" text-anchor="end">{mood}</text>' for mood in (1, 5, 10))
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="-30 0 {width + 40} {height + 20}" '
            f'width="{width + 40}" height="{height + 20}" role="img" '
            'aria-label="Mood, 30-day average, over the year" font-size="11" fill="#666">'
            f'<line x1="0" y1="{y(5.5)}" x2="{width}" y2="{y(5.5)}" stroke="#ccc" '
            f'stroke-dasharray="4"/>{labels}'
            f'<polyline points="{line}" fill="none" stroke="#3a6ea5" stroke-width="2"/></svg>')


def year_html(data: dict[str, Any]) -> str:
    esc = html.escape
    months = [m["month"][5:] for m in data["months"]]
    head = "".join(f"<th>{m}</th>" for m in months)
    rows = "".join(f"<tr><td>{esc(label)}</td>" + "".join(f"<td>{c}</td>" for c in cells)
                   + "</tr>" for label, cells in _year_rows(data))
    parts = ["<!doctype html><html><head><meta charset=\"utf-8\">",
             f"<title>{data['year']} at a glance</title>",
             "<style>body{font-family:sans-serif;max-width:46em;margin:2em auto;color:#222}"
             "td,th{padding:2px 6px;text-align:right}td:first-child{text-align:left}</style>",
             "</head><body>", f"<h1>{data['year']} at a glance</h1>",
             "<h2>Mood, 30-day average</h2>", year_chart(data),
             f"<h2>Kept, month by month</h2><table><tr><th>item</th>{head}</tr>{rows}</table>"]
    if data["then_and_now"]:
        then, now = (progress.window_words(data["then_and_now"][side]) for side in ("then", "now"))
        parts.append(f"<h2>Then and now</h2><ul><li>First 30 days: {esc(then)}</li>"
                     f"<li>Last 30 days: {esc(now)}</li></ul>")
    elif data["then_and_now_from"]:
        parts.append(f"<h2>Then and now</h2><p>"
                     f"{esc(progress.too_young_words(data['then_and_now_from']))}</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"
