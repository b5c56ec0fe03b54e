"""Pauses: days the journal could not be kept. Pauses that overlap or meet are shown as one.

Each pause stays a record of its own (so that one made on another computer merges as any record
does, and none comes back from an older copy once removed); they are joined when read: a joined
pause runs from the first day of its pauses to the last, and keeps every reason.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from reconcile_cli.journal.db import Journal
from reconcile_cli.store.lookup import one_by_prefix

DAY = dt.timedelta(days=1)


def _records(db: Journal) -> list[dict[str, Any]]:
    return [{"id": row[0], "from": row[1], "until": row[2], "reason": row[3]}
            for row in db.execute("SELECT id, start, until, reason FROM pauses "
                                  "ORDER BY start, until, id")]


def _joined(records: list[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """The pauses grouped: each group's pauses overlap or meet, one after another."""
    groups: list[list[dict[str, Any]]] = []
    last: dt.date | None = None
    for record in records:  # by first day
        first = dt.date.fromisoformat(record["from"])
        if groups and last is not None and first <= last + DAY:
            groups[-1].append(record)
        else:
            groups.append([record])
            last = None
        until = dt.date.fromisoformat(record["until"])
        last = until if last is None else max(last, until)
    return groups


def all_pauses(db: Journal) -> list[dict[str, Any]]:
    """The pauses as shown: joined where they overlap or meet, each with every reason given."""
    shown = []
    for group in _joined(_records(db)):
        reasons = list(dict.fromkeys(r["reason"] for r in group if r["reason"]))
        shown.append({"id": group[0]["id"], "from": group[0]["from"],
                      "until": max(r["until"] for r in group),
                      "reason": "; ".join(reasons) or None})
    return shown


def add_pause(db: Journal, start: str, until: str, reason: str | None, now: str
              ) -> tuple[str, bool]:
    """The new pause's id, and whether it meets or overlaps another (they are shown joined)."""
    first, last = dt.date.fromisoformat(start), dt.date.fromisoformat(until)
    meets = any(dt.date.fromisoformat(row["from"]) <= last + DAY
                and dt.date.fromisoformat(row["until"]) >= first - DAY for row in _records(db))
    pause_id = str(uuid.uuid4())
    db.execute("INSERT INTO pauses (id, start, until, reason, created_at) VALUES (?, ?, ?, ?, ?)",
               [pause_id, start, until, reason, now])
    return pause_id, meets


def end_pause(db: Journal, today: str) -> dict[str, Any] | None:
    """End the pause that holds ``today``, joined pauses and all: those begun by yesterday end
    yesterday, those begun since go."""
    group = next((group for group in _joined(_records(db))
                  if group[0]["from"] <= today <= max(r["until"] for r in group)), None)
    if group is None or not any(row["from"] <= today <= row["until"] for row in group):
        return None
    yesterday = (dt.date.fromisoformat(today) - DAY).isoformat()
    for row in group:
        if row["from"] > yesterday:
            db.execute("DELETE FROM pauses WHERE id = ?", [row["id"]])
        elif row["until"] > yesterday:
            db.execute("UPDATE pauses SET until = ? WHERE id = ?", [yesterday, row["id"]])
    return {"id": group[0]["id"], "from": group[0]["from"], "until": yesterday}


def remove_pause(db: Journal, prefix: str) -> dict[str, Any]:
    """Remove the pause (joined: all of it) one of whose ids starts with ``prefix``."""
    (found,) = one_by_prefix(db, "pauses", "id", prefix, "pause", "`reconcile pause --list`")
    group = next(group for group in _joined(_records(db))
                 if any(row["id"] == found for row in group))
    for row in group:
        db.execute("DELETE FROM pauses WHERE id = ?", [row["id"]])
    reasons = list(dict.fromkeys(r["reason"] for r in group if r["reason"]))
    return {"id": group[0]["id"], "from": group[0]["from"],
            "until": max(r["until"] for r in group), "reason": "; ".join(reasons) or None}


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
    for row in _records(db):
        day, last = dt.date.fromisoformat(row["from"]), dt.date.fromisoformat(row["until"])
        while day <= last:
            days.add(day.isoformat())
            day += DAY
    return days
