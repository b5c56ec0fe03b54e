"""Pauses: days the journal could not be kept. Overlapping pauses are merged into one."""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from reconcile_cli.journal.db import Journal
from reconcile_cli.store.lookup import one_by_prefix


def all_pauses(db: Journal) -> list[dict[str, Any]]:
    return [{"id": row[0], "from": row[1], "until": row[2], "reason": row[3]}
            for row in db.execute("SELECT id, start, until, reason FROM pauses ORDER BY start")]


def add_pause(db: Journal, start: str, until: str, reason: str | None, now: str
              ) -> tuple[str, bool]:
    """The pause's id, and whether it was merged with pauses it overlapped or touched."""
    day = dt.timedelta(days=1)
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(until)
    touching = [row for row in all_pauses(db)
                if dt.date.fromisoformat(row["from"]) <= last + day
                and dt.date.fromisoformat(row["until"]) >= first - day]
    for row in touching:
        first = min(first, dt.date.fromisoformat(row["from"]))
        last = max(last, dt.date.fromisoformat(row["until"]))
        reason = reason or row["reason"]
        db.execute("DELETE FROM pauses WHERE id = ?", [row["id"]])
    pause_id = str(uuid.uuid4())
    db.execute("INSERT INTO pauses (id, start, until, reason, created_at) VALUES (?, ?, ?, ?, ?)",
               [pause_id, first.isoformat(), last.isoformat(), reason, now])
    return pause_id, bool(touching)


def end_pause(db: Journal, today: str) -> dict[str, Any] | None:
    """End the pause that holds ``today`` (it ends yesterday; one begun today goes)."""
    row = db.execute("SELECT id, start FROM pauses WHERE start <= ? AND until >= ?",
                     [today, today]).fetchone()
    if row is None:
        return None
    yesterday = (dt.date.fromisoformat(today) - dt.timedelta(days=1)).isoformat()
    if row[1] > yesterday:
        db.execute("DELETE FROM pauses WHERE id = ?", [row[0]])
    else:
        db.execute("UPDATE pauses SET until = ? WHERE id = ?", [yesterday, row[0]])
    return {"id": row[0], "from": row[1], "until": yesterday}


def remove_pause(db: Journal, prefix: str) -> dict[str, Any]:
    found = one_by_prefix(db, "pauses", "id, start, until, reason", prefix, "pause",
                          "`reconcile pause --list`")
    db.execute("DELETE FROM pauses WHERE id = ?", [found[0]])
    return {"id": found[0], "from": found[1], "until": found[2], "reason": found[3]}


def days_holding(db: Journal, first: str, last: str) -> list[str]:
    """The days from ``first`` to ``last`` that hold a checklist answer or an entry (a mood
    alone is an entry): what a pause over them would leave uncounted."""
    days = {day for (day,) in db.execute(
        "SELECT DISTINCT day FROM marks WHERE day BETWEEN ? AND ?", [first, last])}
    days.update(day for (day,) in db.execute(
        "SELECT DISTINCT day FROM entries WHERE day BETWEEN ? AND ? AND deleted_at IS NULL",
        [first, last]))
    return sorted(days)


def paused_days(db: Journal) -> set[str]:
    """Every paused day, as YYYY-MM-DD."""
    days: set[str] = set()
    for row in all_pauses(db):
        day, last = dt.date.fromisoformat(row["from"]), dt.date.fromisoformat(row["until"])
        while day <= last:
            days.add(day.isoformat())
            day += dt.timedelta(days=1)
    return days
