"""Full-text search over entries (FTS5)."""

from __future__ import annotations

from sqlite_utils import Database

from reconcile_cli import errors
from reconcile_cli.models import Entry
from reconcile_cli.store.entries import ENTRY_COLUMNS


def search_entries(
    db: Database, query: str, *, raw: bool = False, since: str | None = None,
    until: str | None = None, limit: int = 20,
) -> list[tuple[Entry, str]]:
    """Best matches first (bm25), each with a snippet whose hits are wrapped in \\ue000/\\ue001."""
    import sqlite3

    match = query if raw else db.quote_fts(query)
    columns = ", ".join(f"e.{c}" for c in ENTRY_COLUMNS.split(", "))
    clauses, params = ["entries_fts MATCH ?", "e.deleted_at IS NULL"], [match]
    if since:
        clauses.append("e.day >= ?")
        params.append(since)
    if until:
        clauses.append("e.day <= ?")
        params.append(until)
    try:
        rows = db.execute(
            f"SELECT {columns}, snippet(entries_fts, 0, char(57344), char(57345), '…', 12) "
            "FROM entries_fts JOIN entries e ON e.seq = entries_fts.rowid "
            f"WHERE {' AND '.join(clauses)} ORDER BY bm25(entries_fts) LIMIT ?",
            [*params, limit],
        ).fetchall()
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc) or "syntax" in str(exc):
            raise errors.InvalidInput(
                f"That search is not valid FTS5 syntax ({exc}); leave out --raw to search for "
                "the words as typed."
            ) from None
        raise
    return [(Entry(*row[:-1]), row[-1]) for row in rows]
