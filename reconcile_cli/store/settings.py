"""Settings kept in the journal itself."""

from __future__ import annotations

from reconcile_cli.journal.db import Journal
from reconcile_cli.store import rows


def get_setting(db: Journal, key: str) -> str | None:
    row = db.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
    return row[0] if row else None


def set_setting(db: Journal, key: str, value: str | None) -> None:
    if value is None:
        db.execute("DELETE FROM settings WHERE key = ?", [key])
    else:
        rows.upsert(db, "settings", {"key": key, "value": value}, pk=("key",))
