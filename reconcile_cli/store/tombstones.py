"""Deleting entries for good: no word left behind, and a tombstone (id and time, never text) so
that an older copy of the entry, imported later from another computer, is not brought back."""

from __future__ import annotations

import json
from collections.abc import Iterable

from reconcile_cli.core.models import Tombstone
from reconcile_cli.journal import sqlerrors
from reconcile_cli.journal.db import Journal


def delete_for_good(db: Journal, entry_ids: Iterable[str], now: str, *,
                    only_trashed: bool = True, optimize: bool = True) -> int:
    """Delete these entries, their undo history and their search-index words; leave tombstones.

    With ``only_trashed``, entries that are not (or no longer) in the trash are left alone. Runs
    inside the caller's transaction; nothing of these entries is recorded for undo. Without
    ``optimize`` the caller must run optimize_search_index before the transaction ends.
    """
    db.execute("CREATE TEMP TABLE IF NOT EXISTS doomed (seq INTEGER PRIMARY KEY, id TEXT)")
    db.execute("DELETE FROM temp.doomed")
    trashed = "AND deleted_at IS NOT NULL" if only_trashed else ""
    for entry_id in entry_ids:
        db.execute(f"INSERT INTO temp.doomed SELECT seq, id FROM entries WHERE id = ? {trashed}",
                   [entry_id])
    count: int = db.execute("SELECT count(*) FROM temp.doomed").fetchone()[0]
    if count:
        recording = db.execute("SELECT seq FROM change_open").fetchall()
        db.execute("DELETE FROM change_open")  # so the deletes below keep no before-image
        db.execute("DELETE FROM change_rows WHERE tbl = 'entries' AND "
                   "json_extract(pk, '$.seq') IN (SELECT seq FROM temp.doomed)")
        # changes left with nothing to undo go too (but not one being recorded now)
        db.execute("DELETE FROM changes WHERE seq NOT IN (SELECT change FROM change_rows) "
                   "AND seq NOT IN (SELECT value FROM json_each(?))",
                   [json.dumps([seq for (seq,) in recording])])
        db.execute("DELETE FROM entries WHERE seq IN (SELECT seq FROM temp.doomed)")
        db.execute("INSERT OR IGNORE INTO tombstones (id, deleted_at) "
                   "SELECT id, ? FROM temp.doomed", [now])
        if optimize:
            optimize_search_index(db)
        db.conn.executemany("INSERT INTO change_open (seq) VALUES (?)", recording)
    db.execute("DELETE FROM temp.doomed")
    return count


def optimize_search_index(db: Journal) -> None:
    """FTS5 keeps a deleted row's words in old index segments until they are merged: merge them
    all now (secure_delete then zeroes the pages they leave)."""
    db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('optimize')")


def add(db: Journal, tombstone: Tombstone) -> str:
    """Record a tombstone from another computer: "added" or "unchanged"."""
    cursor = db.execute("INSERT OR IGNORE INTO tombstones (id, deleted_at) VALUES (?, ?)",
                        [tombstone.id, tombstone.deleted_at])
    return "added" if cursor.rowcount else "unchanged"


def is_tombstoned(db: Journal, entry_id: str) -> bool:
    return db.execute("SELECT 1 FROM tombstones WHERE id = ?", [entry_id]).fetchone() is not None


def all_tombstones(db: Journal) -> list[Tombstone]:
    return [Tombstone(*row) for row in
            db.execute("SELECT id, deleted_at FROM tombstones ORDER BY deleted_at, id")]


def compact(db: Journal) -> None:
    """Rebuild the file without free space, where older versions of deleted text could linger
    (secure_delete zeroes what is freed from now on; this also clears what was freed before).
    Outside any transaction; skipped quietly if another reconcile is busy with the journal."""
    import contextlib

    with contextlib.suppress(*sqlerrors.OperationalError):
        db.conn.execute("VACUUM")
