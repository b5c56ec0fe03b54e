"""The change log behind `reconcile undo`: before-images recorded by triggers (m002)."""

from __future__ import annotations

from reconcile_cli.core import errors
from reconcile_cli.journal import sqlerrors
from reconcile_cli.journal.db import Journal
from reconcile_cli.store import rows

KEEP_CHANGES = 200


def begin_change(db: Journal, now: str) -> None:
    """Start recording before-images (the triggers of migration m002 fill change_rows)."""
    seq = rows.insert(db, "changes", {"at": now, "description": ""})
    db.execute("DELETE FROM change_open")
    db.execute("INSERT INTO change_open (seq) VALUES (?)", [seq])


def end_change(db: Journal, description: str) -> None:
    """Name the change, or drop it if it touched nothing; keep only the latest ones."""
    (seq,) = db.execute("SELECT seq FROM change_open").fetchone()
    db.execute("DELETE FROM change_open")
    touched = db.execute("SELECT 1 FROM change_rows WHERE change = ? LIMIT 1", [seq]).fetchone()
    if touched:
        db.execute("UPDATE changes SET description = ? WHERE seq = ?", [description, seq])
    else:
        db.execute("DELETE FROM changes WHERE seq = ?", [seq])
    db.execute("DELETE FROM changes WHERE seq <= (SELECT max(seq) FROM changes) - ?",
               [KEEP_CHANGES])


def recent_changes(db: Journal, limit: int = 20) -> list[tuple[str, str]]:
    """(at, description) of the latest changes, newest first."""
    return db.execute(
        "SELECT at, description FROM changes ORDER BY seq DESC LIMIT ?", [limit]
    ).fetchall()


def undo_last_change(db: Journal) -> str | None:
    """Put every row the latest change touched back as it was; its description, or None."""
    import json

    from reconcile_cli.journal.schema import UNDOABLE

    latest = db.execute("SELECT seq, description FROM changes ORDER BY seq DESC LIMIT 1").fetchone()
    if latest is None:
        return None
    seq: int
    description: str
    seq, description = latest
    touched = db.execute(
        "SELECT tbl, pk, before FROM change_rows WHERE change = ? ORDER BY seq DESC", [seq]
    ).fetchall()
    try:
        for table, pk_json, before in touched:
            pk_columns = UNDOABLE[table][0]
            if before is None:
                key = json.loads(pk_json)
                if _depended_on(db, table, key):
                    raise errors.UndoBlocked(seq, description)
                where = " AND ".join(f"{column} = ?" for column in pk_columns)
                db.execute(f"DELETE FROM {table} WHERE {where}", [key[c] for c in pk_columns])
            else:
                rows.upsert(db, table, json.loads(before), pk=pk_columns)
    except sqlerrors.IntegrityError:
        # Something outside the undo history (an older version's import, a hand edit) now
        # depends on a row this change made: it cannot be taken back whole.
        raise errors.UndoBlocked(seq, description) from None
    db.execute("DELETE FROM changes WHERE seq = ?", [seq])
    return description


# What depends on a row of each table (the journal keeps no foreign keys, so that records from
# other computers merge one by one: see journal/migrations_sync.py).
DEPENDENTS = {"items": (("marks", "item", "slug"), ("steps", "item", "slug")),
              "goals": (("steps", "goal", "id"),), "steps": (("steps_done", "step", "id"),)}


def _depended_on(db: Journal, table: str, key: dict[str, object]) -> bool:
    """Whether removing this row would leave rows that name it (a mark of an item, a step of a
    goal) without it."""
    return any(db.execute(f"SELECT 1 FROM {child} WHERE {column} = ? LIMIT 1",
                          [key[own]]).fetchone() is not None
               for child, column, own in DEPENDENTS.get(table, ()))


def drop_change(db: Journal, seq: int) -> None:
    """Take one change off the undo list (it can no longer be undone)."""
    db.execute("DELETE FROM changes WHERE seq = ?", [seq])
