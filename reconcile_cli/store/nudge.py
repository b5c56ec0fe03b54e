"""`reconcile nudge`'s one question of the journal: is tonight's check-in still waiting?

It runs from a shell's start-up file, so it reads with the standard library's sqlite3 alone,
read-only, and any trouble with the journal means "nothing to say": a start-up file must never
be interrupted. An encrypted journal is not unlocked for it.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

LINE = "Tonight's check-in is waiting when you are ready."


def nudge_line(path: Path) -> str | None:
    """The nudge's line when `nudge_after` is set, its time has passed, and the journal day has
    no answer or entry yet; None otherwise."""
    from reconcile_cli.core.dates import journal_day, now_local, parse_moment

    try:
        with open(path, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                return None  # not there yet, or encrypted: nothing to say
        conn = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=ro", uri=True,
                               timeout=0.5)
        try:
            settings = dict(conn.execute(
                "SELECT key, value FROM settings WHERE key IN ('nudge_after', 'day_starts_at')"))
            after = settings.get("nudge_after")
            if not after:
                return None
            pinned = os.environ.get("RECONCILE_NOW")
            moment = parse_moment(pinned) if pinned else now_local()
            starts = int(settings.get("day_starts_at", "4"))
            # minutes into the journal day (which begins at day_starts_at): 2 am is late
            # in the evening before, not early
            hour, minute = (int(part) for part in after.split(":"))
            late = (moment.hour * 60 + moment.minute - starts * 60) % 1440
            if late < (hour * 60 + minute - starts * 60) % 1440:
                return None
            pinned_day = os.environ.get("RECONCILE_TODAY")
            day = (pinned_day.strip() if pinned_day else journal_day(moment, starts).isoformat())
            checked_in = conn.execute(
                "SELECT EXISTS (SELECT 1 FROM entries WHERE day = ? AND deleted_at IS NULL) "
                "OR EXISTS (SELECT 1 FROM marks WHERE day = ?)", [day, day]).fetchone()[0]
        finally:
            conn.close()
    except (OSError, sqlite3.Error, ValueError):
        return None
    return None if checked_in else LINE
