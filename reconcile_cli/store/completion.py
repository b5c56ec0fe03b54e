"""What shell completion offers from the journal: item slugs, entry ids, tags.

Completion runs on every Tab, so these read the journal directly with the standard library's
sqlite3 (read-only, never creating or unlocking it) and give up quietly on anything unexpected:
an encrypted journal, say, completes nothing rather than asking for a passphrase.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote


def _rows(path: Path, sql: str) -> list[tuple[Any, ...]]:
    try:
        conn = sqlite3.connect(f"file:{quote(str(path.absolute()))}?mode=ro", uri=True,
                               timeout=0.2)
        try:
            return conn.execute(sql).fetchall()
        finally:
            conn.close()
    except (sqlite3.Error, OSError, ValueError):
        return []  # no journal yet, an encrypted one, a busy one: nothing to offer


def item_labels(path: Path) -> list[tuple[str, str]]:
    """(slug, label) of every item, in the checklist's order."""
    return _rows(path, "SELECT slug, label FROM items ORDER BY position")


def active_slugs(path: Path) -> list[str]:
    return [slug for (slug,) in _rows(
        path, "SELECT slug FROM items WHERE retired_at IS NULL ORDER BY position")]


def recent_entries(path: Path, trashed: bool) -> list[tuple[str, str, str]]:
    """(short id, day, the first 40 characters) of the newest 200 entries, or of those in the
    trash."""
    return _rows(path, "SELECT substr(id, 1, 8), day, substr(trim(body), 1, 40) FROM entries "
                       f"WHERE deleted_at IS {'NOT ' if trashed else ''}NULL "
                       "ORDER BY day DESC, created_at DESC LIMIT 200")


def tagged_bodies(path: Path) -> list[str]:
    """The text of up to 5,000 entries that hold an @."""
    return [body for (body,) in _rows(path, "SELECT body FROM entries WHERE deleted_at IS NULL "
                                            "AND instr(body, '@') > 0 LIMIT 5000")]
