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
        # Rank first, then highlight only the entries shown: FTS5's snippet() weighs every
        # window around every hit, which takes minutes on one very long entry full of hits.
        rows = db.execute(
            f"SELECT {columns}, e.seq FROM entries_fts JOIN entries e ON e.seq = entries_fts.rowid "
            f"WHERE {' AND '.join(clauses)} ORDER BY bm25(entries_fts) LIMIT ?",
            [*params, limit],
        ).fetchall()
        hits = []
        for row in rows:
            (marked,) = db.execute(
                "SELECT highlight(entries_fts, 0, char(57344), char(57345)) FROM entries_fts "
                "WHERE entries_fts MATCH ? AND rowid = ?", [match, row[-1]]).fetchone()
            hits.append((Entry(*row[:-1]), snippet(marked)))
    except sqlite3.OperationalError as exc:
        if "fts5" in str(exc) or "syntax" in str(exc):
            hint = ("leave out --raw to search for the words as typed" if raw
                    else "try other words")
            raise errors.InvalidInput(
                f"That search is not valid FTS5 syntax ({exc}); {hint}."
            ) from None
        raise
    return hits


SNIPPET_WORDS = 12
OPEN, CLOSE = "\ue000", "\ue001"


def snippet(marked: str, width: int = SNIPPET_WORDS) -> str:
    """About ``width`` words of ``marked`` (a text whose hits are between OPEN and CLOSE): those
    around the closest cluster of hits, with "…" where text was left out. Linear in the text."""
    words = marked.split()
    hits = [n for n, word in enumerate(words) if OPEN in word]
    start, best = 0, 0
    first = 0
    for last, position in enumerate(hits):  # the window of width words holding most hits
        while position - hits[first] >= width:
            first += 1
        if last - first + 1 > best:
            best, start = last - first + 1, hits[first]
    start = max(0, min(start - 2, len(words) - width))  # a little of what came before
    piece = " ".join(words[start:start + width])
    if piece.count(OPEN) > piece.count(CLOSE):
        piece += CLOSE
    if piece.count(CLOSE) > piece.count(OPEN):
        piece = OPEN + piece
    return ("…" if start > 0 else "") + piece + ("…" if start + width < len(words) else "")
