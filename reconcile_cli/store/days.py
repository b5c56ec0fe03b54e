"""Reading days and periods: one day at a glance, and the rows summaries are made from."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterable, Iterator
from operator import attrgetter, itemgetter

from reconcile_cli.core.models import Day, Entry, Item
from reconcile_cli.journal.db import Journal
from reconcile_cli.store.checklist import items, marks_on
from reconcile_cli.store.entries import entries_on
from reconcile_cli.store.settings import get_setting


def load_day(db: Journal, day: str, every_item: list[Item] | None = None) -> Day:
    """Everything about one day: entries, marks, and the items to show (active, plus retired
    items that were answered that day). ``every_item`` saves reading the items again when many
    days are loaded."""
    marks = marks_on(db, day)
    if every_item is None:
        every_item = items(db, include_retired=True)
    shown = [item for item in every_item if item.active or item.slug in marks]
    return Day(date=day, entries=entries_on(db, day), items=shown, marks=marks)


def days_of(db: Journal, entries: Iterable[Entry]) -> Iterator[tuple[Day, list[Entry]]]:
    """Entries that come grouped by day (as ``log_entries`` gives them), each group with its
    day, one day at a time: `log` streams the whole journal through this."""
    every_item = items(db, include_retired=True)
    for day, shown in itertools.groupby(entries, key=attrgetter("day")):
        yield load_day(db, day, every_item), list(shown)


def entries_between(db: Journal, start: str, end: str) -> list[tuple[str, int | None, str]]:
    """(day, mood, body) of the non-deleted entries from start to end, by day."""
    return db.execute(
        "SELECT day, mood, body FROM entries WHERE day BETWEEN ? AND ? AND deleted_at IS NULL "
        "ORDER BY day, seq", [start, end]
    ).fetchall()


def moods_between(db: Journal, start: str | None, end: str) -> Iterator[tuple[str, int, str]]:
    """Like entries_between, for rated entries only and without their text (insights), read
    as they are used."""
    return iter(db.execute(
        "SELECT day, mood, '' FROM entries WHERE day BETWEEN ? AND ? AND mood IS NOT NULL "
        "AND deleted_at IS NULL ORDER BY day", [start or "0000-00-00", end]))


def day_moods(db: Journal, start: str | None, end: str) -> dict[str, float]:
    """{day: the mean of its ratings} from start to end, worked out by SQLite: an integer sum
    over a count, the very float summary.rated_day_moods gives."""
    return dict(db.execute(
        "SELECT day, avg(mood) FROM entries WHERE day BETWEEN ? AND ? AND mood IS NOT NULL "
        "AND deleted_at IS NULL GROUP BY day ORDER BY day", [start or "0000-00-00", end]))


def marks_between(db: Journal, start: str | None, end: str) -> Iterator[tuple[str, str, str]]:
    """(day, item, status) of the answers from start to end, by day, read as they are used."""
    return iter(db.execute(
        "SELECT day, item, status FROM marks WHERE day BETWEEN ? AND ? ORDER BY day",
        [start or "0000-00-00", end]))


def mark_histories(db: Journal, until: str, after: str | None = None
                   ) -> dict[str, dict[dt.date, str]]:
    """Every item's marks up to ``until`` (and after ``after``), as {slug: {date: status}}
    (the streak walk)."""
    histories: dict[str, dict[dt.date, str]] = {}
    dates: dict[str, dt.date] = {}  # each day is parsed once, not once per item
    for day, item, status in db.conn.execute(
        "SELECT day, item, status FROM marks WHERE day <= ? AND day > ? ORDER BY item, day",
        [until, after or "0000-00-00"]
    ):
        date = dates.get(day) or dates.setdefault(day, dt.date.fromisoformat(day))
        histories.setdefault(item, {})[date] = status
    return histories


def item_histories(db: Journal, until: str) -> Iterator[tuple[str, dict[dt.date, str]]]:
    """(slug, {date: status}) of each item with marks up to ``until``, one item at a time: the
    whole journal's answers are never held at once."""
    rows = db.conn.execute("SELECT item, day, status FROM marks WHERE day <= ? ORDER BY item, day",
                           [until])
    for slug, marks in itertools.groupby(rows, key=itemgetter(0)):
        yield slug, {dt.date.fromisoformat(day): status for _, day, status in marks}


def checkin_days(db: Journal, until: str, since: str | None = None) -> list[dt.date]:
    """Days with a checklist answer or an entry, up to ``until`` (and from ``since``)."""
    # Two DISTINCT scans walk their covering indexes in order; a UNION would sort every row.
    start = since or "0000-00-00"
    days = {day for (day,) in db.execute(
        "SELECT DISTINCT day FROM marks WHERE day <= ? AND day >= ?", [until, start])}
    days.update(day for (day,) in db.execute(
        "SELECT DISTINCT day FROM entries WHERE day <= ? AND day >= ? AND deleted_at IS NULL",
        [until, start]))
    return sorted(dt.date.fromisoformat(day) for day in days)


def journey_start(db: Journal) -> dt.date | None:
    """The journey's first day: the journey_start setting, else the earliest entry or answer."""
    chosen = get_setting(db, "journey_start")
    if chosen:
        return dt.date.fromisoformat(chosen)
    day = db.execute(
        "SELECT min(day) FROM (SELECT min(day) AS day FROM entries WHERE deleted_at IS NULL "
        "UNION ALL SELECT min(day) FROM marks)"
    ).fetchone()[0]
    return dt.date.fromisoformat(day) if day else None


def days_without_marks(db: Journal, first: str, before: str) -> list[str]:
    """Days from ``first`` up to (not including) ``before`` with no checklist answer at all."""
    answered = {day for (day,) in db.execute(
        "SELECT DISTINCT day FROM marks WHERE day >= ? AND day < ?", [first, before])}
    start, end = dt.date.fromisoformat(first), dt.date.fromisoformat(before)
    every = [(start + dt.timedelta(days=n)).isoformat() for n in range((end - start).days)]
    return [day for day in every if day not in answered]
