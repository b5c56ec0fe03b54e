"""What `doctor` checks: SQLite's integrity, the search index, the counts."""

from __future__ import annotations

from reconcile_cli.journal import sqlerrors
from reconcile_cli.journal.db import Journal


def integrity_problems(db: Journal) -> list[str]:
    """What SQLite's integrity check finds (empty when the file is sound)."""
    found = [row[0] for row in db.execute("PRAGMA integrity_check(20)")]
    return [] if found == ["ok"] else found


def cipher_problems(db: Journal) -> list[str]:
    """What SQLCipher's page check finds in an encrypted journal (pages whose check fails)."""
    return [" ".join(str(part) for part in row)
            for row in db.execute("PRAGMA cipher_integrity_check").fetchall()][:20]


NOTES = "SELECT note, day, item FROM marks WHERE note IS NOT NULL AND note <> ''"


def search_index_in_step(db: Journal) -> bool | None:
    """Whether the full-text indexes match the entries and the slip notes; None when it cannot
    be checked (FTS5's check is a write, which a read-only journal refuses)."""
    try:
        for index in ("entries_fts", "notes_fts"):
            db.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")
    except sqlerrors.OperationalError as exc:
        if "readonly" in str(exc) or "read-only" in str(exc):
            return None
        return False
    except sqlerrors.DatabaseError:
        return False
    indexed = db.execute("SELECT count(*) FROM notes_fts").fetchone()[0]
    return bool(indexed == db.execute(f"SELECT count(*) FROM ({NOTES})").fetchone()[0])


def rebuild_search_index(db: Journal) -> None:
    db.execute("INSERT INTO entries_fts (entries_fts) VALUES ('rebuild')")
    db.execute("DELETE FROM notes_fts")  # the notes' index keeps its own copy: made again
    db.execute(f"INSERT INTO notes_fts (note, day, item) {NOTES}")


def counts(db: Journal) -> dict[str, int]:
    (entries, trashed, days), = db.execute(
        "SELECT count(*) FILTER (WHERE deleted_at IS NULL), "
        "count(*) FILTER (WHERE deleted_at IS NOT NULL), "
        "count(DISTINCT day) FILTER (WHERE deleted_at IS NULL) FROM entries").fetchall()
    marks = db.execute("SELECT count(*) FROM marks").fetchone()[0]
    active = db.execute("SELECT count(*) FROM items WHERE retired_at IS NULL").fetchone()[0]
    letters = db.execute("SELECT count(*) FROM letters").fetchone()[0]
    long_view = db.execute("SELECT (SELECT count(*) FROM vision), (SELECT count(*) FROM goals), "
                           "(SELECT count(*) FROM pauses)").fetchone()
    return {"entries": entries, "trashed": trashed, "days": days, "marks": marks,
            "items": active, "letters": letters, "vision_versions": long_view[0],
            "goals": long_view[1], "pauses": long_view[2]}


def is_empty(db: Journal) -> bool:
    """Nothing written or answered yet (a first check-in is welcomed)."""
    return not db.execute("SELECT EXISTS (SELECT 1 FROM entries) OR EXISTS (SELECT 1 FROM marks) "
                          "OR EXISTS (SELECT 1 FROM letters)").fetchone()[0]
