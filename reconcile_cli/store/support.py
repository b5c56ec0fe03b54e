"""The user's own support list: people to call on a hard night. And the day's quiet notices."""

from __future__ import annotations

from reconcile_cli.core import errors
from reconcile_cli.journal.db import Journal


def support_people(db: Journal) -> list[tuple[str, str | None]]:
    """(name, contact) in the order they were added."""
    return [(name, contact) for name, contact in db.execute(
        "SELECT name, contact FROM support ORDER BY position, name")]


def add_person(db: Journal, name: str, contact: str | None, now: str) -> None:
    if db.execute("SELECT 1 FROM support WHERE name = ?", [name]).fetchone():
        raise errors.InvalidInput(f"'{name}' is on your support list already; "
                                  "`reconcile support remove` first to change them.")
    position = db.execute("SELECT coalesce(max(position), 0) + 1 FROM support").fetchone()[0]
    db.execute("INSERT INTO support (name, contact, position, created_at) VALUES (?, ?, ?, ?)",
               [name, contact, position, now])


def remove_person(db: Journal, name: str) -> None:
    if not db.execute("DELETE FROM support WHERE name = ?", [name]).rowcount:
        raise errors.InvalidInput(f"'{name}' is not on your support list; `reconcile support` "
                                  "shows it.")


def export_support(db: Journal) -> list[tuple[str, str | None, int, str]]:
    return list(db.execute(
        "SELECT name, contact, position, created_at FROM support ORDER BY position, name"))


def last_notice(db: Journal, kind: str) -> str | None:
    """The last day the notice ``kind`` was shown, if ever."""
    row = db.execute("SELECT max(day) FROM notices WHERE kind = ?", [kind]).fetchone()
    return row[0] if row else None


def notice_days(db: Journal, kind: str) -> set[str]:
    """Every day the notice ``kind`` was recorded for."""
    return {day for (day,) in db.execute("SELECT day FROM notices WHERE kind = ?", [kind])}


def notice_shown(db: Journal, day: str, kind: str) -> bool:
    """Record that the notice ``kind`` was shown on ``day``; False if it had been already."""
    return bool(db.execute("INSERT OR IGNORE INTO notices (day, kind) VALUES (?, ?)",
                           [day, kind]).rowcount)
