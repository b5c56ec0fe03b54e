"""Deleting entries for good: no word left behind. The row's grave (see journal/clock.py), dug by
a trigger, keeps its id and what it had seen, never its text, so that an older copy of the entry,
imported later or from another computer, is not brought back."""

from __future__ import annotations

import json
from collections.abc import Iterable

from reconcile_cli.journal import sqlerrors
from reconcile_cli.journal.db import Journal


def delete_for_good(db: Journal, entry_ids: Iterable[str], *, only_trashed: bool = True) -> int:
    """Delete these entries, their undo history and their search-index words; each leaves a
    grave. With ``only_trashed``, entries that are not (or no longer) in the trash are left
    alone. Runs inside the caller's transaction; nothing of them is recorded for undo."""
    trashed = "AND deleted_at IS NOT NULL" if only_trashed else ""
    doomed = [entry_id for entry_id in entry_ids if db.execute(
        f"SELECT 1 FROM entries WHERE id = ? {trashed}", [entry_id]).fetchone()]
    return wipe(db, doomed)


def wipe(db: Journal, entry_ids: list[str]) -> int:
    """Delete these entries with their undo history, and merge the search index so that their
    words leave the file (secure_delete zeroes the pages freed)."""
    if not entry_ids:
        return 0
    db.execute("CREATE TEMP TABLE IF NOT EXISTS doomed (seq INTEGER PRIMARY KEY, id TEXT)")
    db.execute("DELETE FROM temp.doomed")
    db.conn.executemany("INSERT INTO temp.doomed SELECT seq, id FROM entries WHERE id = ?",
                        [[entry_id] for entry_id in entry_ids])
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
        optimize_search_index(db)
        db.conn.executemany("INSERT INTO change_open (seq) VALUES (?)", recording)
    db.execute("DELETE FROM temp.doomed")
    return count


def optimize_search_index(db: Journal) -> None:
    """FTS5 keeps a deleted row's words in old index segments until they are merged: merge them
    all now (secure_delete then zeroes the pages they leave)."""
    db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('optimize')")


def is_gone(db: Journal, table: str, key: dict[str, str]) -> bool:
    """Whether a record was deleted here (it has a grave) and is not back since."""
    key_json = json.dumps(key, ensure_ascii=False, separators=(",", ":"))
    where = " AND ".join(f"{column} = ?" for column in key)
    return (db.execute("SELECT 1 FROM graves WHERE tbl = ? AND key = ?",
                       [table, key_json]).fetchone() is not None
            and db.execute(f"SELECT 1 FROM {table} WHERE {where}",
                           list(key.values())).fetchone() is None)


def compact(db: Journal) -> None:
    """Rebuild the file without free space, where older versions of deleted text could linger
    (secure_delete zeroes what is freed from now on; this also clears what was freed before).
    Outside any transaction; skipped quietly if another reconcile is busy with the journal."""
    import contextlib

    with contextlib.suppress(*sqlerrors.OperationalError):
        db.conn.execute("VACUUM")
