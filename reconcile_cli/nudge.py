"""`reconcile nudge`: one gentle line when the day's check-in is still waiting.

Meant for a shell's start-up file, so it runs on every new terminal: it reads the journal with
the standard library alone (no Click, no Rich, no sqlite-utils), says nothing when it has
nothing to say, and never fails loudly. An encrypted journal is not unlocked for it.
"""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from urllib.parse import quote

LINE = "Tonight's check-in is waiting when you are ready."


def wanted(argv: list[str]) -> str | None | bool:
    """The --db value when ``argv`` is `[--db PATH] nudge` (None without --db); False when it
    is any other command."""
    if argv == ["nudge"]:
        return None
    if len(argv) == 3 and argv[2] == "nudge" and argv[0] == "--db":
        return argv[1]
    if len(argv) == 2 and argv[1] == "nudge" and argv[0].startswith("--db="):
        return argv[0][len("--db="):]
    return False


def run(db_option: str | None) -> int:
    from reconcile_cli.core.dates import journal_day, now_local, parse_moment

    path = default_journal(db_option)
    try:
        with open(path, "rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                return 0  # not there yet, or encrypted: nothing to say
        conn = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=ro", uri=True,
                               timeout=0.5)
        try:
            settings = dict(conn.execute(
                "SELECT key, value FROM settings WHERE key IN ('nudge_after', 'day_starts_at')"))
            after = settings.get("nudge_after")
            if not after:
                return 0
            pinned = os.environ.get("RECONCILE_NOW")
            moment = parse_moment(pinned) if pinned else now_local()
            starts = int(settings.get("day_starts_at", "4"))
            # minutes into the journal day (which begins at day_starts_at): 2 am is late
            # in the evening before, not early
            hour, minute = (int(part) for part in after.split(":"))
            late = (moment.hour * 60 + moment.minute - starts * 60) % 1440
            if late < (hour * 60 + minute - starts * 60) % 1440:
                return 0
            pinned_day = os.environ.get("RECONCILE_TODAY")
            day = (pinned_day.strip() if pinned_day else journal_day(moment, starts).isoformat())
            checked_in = conn.execute(
                "SELECT EXISTS (SELECT 1 FROM entries WHERE day = ? AND deleted_at IS NULL) "
                "OR EXISTS (SELECT 1 FROM marks WHERE day = ?)", [day, day]).fetchone()[0]
        finally:
            conn.close()
    except (OSError, sqlite3.Error, ValueError):
        return 0  # a start-up file must never be interrupted by a journal's trouble
    if not checked_in:
        print(LINE)
    return 0


def default_journal(db_option: str | None) -> Path:
    """The journal's path as paths.journal_path finds it; on Linux without importing
    platformdirs (which costs a start-up file a quarter of its time), by the same XDG rule."""
    chosen = db_option or os.environ.get("RECONCILE_DB")
    if chosen:
        return Path(chosen).expanduser()
    data = os.environ.get("XDG_DATA_HOME", "").strip()
    if sys.platform.startswith("linux"):
        base = Path(data) if data and os.path.isabs(data) else Path.home() / ".local" / "share"
        return base / "reconcile" / "journal.db"
    from reconcile_cli.journal.paths import journal_path

    return journal_path(None)[0]


def main() -> None:
    """The console script: `nudge` here, anything else in the full command line tool."""
    chosen = wanted(sys.argv[1:])
    if chosen is not False:
        raise SystemExit(run(chosen if isinstance(chosen, str) else None))
    from reconcile_cli.cli import main as full

    full()
