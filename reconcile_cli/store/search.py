"""Full-text search over entries (FTS5)."""

from __future__ import annotations

import re

from reconcile_cli.core import errors
from reconcile_cli.core.models import Entry
from reconcile_cli.journal import sqlerrors
from reconcile_cli.journal.db import Journal
from reconcile_cli.store.entries import ENTRY_COLUMNS

_FTS_TOKEN = re.compile(r'\s+|(".*?")')


def quote_fts(query: str) -> str:
    """Each word of ``query`` as a quoted FTS5 string, so words like NOT and OR mean themselves
    (as sqlite-utils' ``quote_fts`` does); an unbalanced quote is closed."""
    if query.count('"') % 2:
        query += '"'
    bits = [bit for bit in _FTS_TOKEN.split(query) if bit and bit != '""']
    return " ".join(bit if bit.startswith('"') else f'"{bit}"' for bit in bits)


CANDIDATES = 2000  # matches ranked, the newest first: search takes as long in any journal


def search_entries(
    db: Journal, query: str, *, raw: bool = False, since: str | None = None,
    until: str | None = None, limit: int = 20,
) -> list[tuple[Entry, str]]:
    """Best matches first (bm25) among the newest CANDIDATES that match, each with a snippet
    whose hits are wrapped in \\ue000/\\ue001."""
    if not raw and not any(character.isalnum() for character in query):
        raise errors.InvalidInput(
            f"There is nothing to search for in “{query}”: search for a word or two.")
    match = query if raw else quote_fts(query)
    try:
        # Rank in the index alone, then read only the entries shown: reading every matching
        # entry's row (to see whether it is in the trash) costs a page each, and on an
        # encrypted journal each page is decrypted. Trashed entries are few (a partial index),
        # and a date range is read from the covering index on (day, deleted_at).
        trashed = {seq for (seq,) in db.execute(
            "SELECT seq FROM entries WHERE deleted_at IS NOT NULL")}
        in_range = None
        if since or until:
            in_range = {seq for (seq,) in db.execute(
                "SELECT seq FROM entries WHERE day >= ? AND day <= ? AND deleted_at IS NULL",
                [since or "0000-00-00", until or "9999-99-99"])}
        # bm25 weighs every match it ranks: a word in every entry of a long journal would be
        # weighed 100,000 times. Only the newest CANDIDATES matches (of the range) are ranked.
        oldest, newest, only = _newest_matches(db, match, trashed, in_range, since, until)
        ranked = db.execute("SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? "
                            "AND rowid BETWEEN ? AND ? ORDER BY bm25(entries_fts)",
                            [match, oldest, newest])
        shown: list[int] = []
        for (seq,) in ranked:
            if len(shown) >= limit:
                break
            if seq not in trashed and (in_range is None or seq in in_range) and (
                    only is None or seq in only):
                shown.append(seq)
        ranked.close()
        columns = ", ".join(f"e.{c}" for c in ENTRY_COLUMNS.split(", "))
        found = {}
        for start in range(0, len(shown), 500):  # within SQLite's limit on parameters
            chunk = shown[start:start + 500]
            found.update({row[-1]: row[:-1] for row in db.execute(
                f"SELECT {columns}, e.seq FROM entries e WHERE e.seq IN "
                f"({', '.join('?' * len(chunk))})", chunk)})
        hits = []
        for seq in shown:
            # highlighted here, one entry at a time: FTS5's snippet() weighs every window around
            # every hit, which takes minutes on one very long entry full of hits
            (marked,) = db.execute(
                "SELECT highlight(entries_fts, 0, char(57344), char(57345)) FROM entries_fts "
                "WHERE entries_fts MATCH ? AND rowid = ?", [match, seq]).fetchone()
            hits.append((Entry(*found[seq]), snippet(marked)))
    except sqlerrors.OperationalError as exc:
        if "fts5" in str(exc) or "syntax" in str(exc):
            hint = ("leave out --raw to search for the words as typed" if raw
                    else "try other words")
            raise errors.InvalidInput(
                f"That search is not valid FTS5 syntax ({exc}); {hint}."
            ) from None
        raise
    return hits


def _newest_matches(db: Journal, match: str, trashed: set[int], in_range: set[int] | None,
                    since: str | None, until: str | None) -> tuple[int, int, set[int] | None]:
    """The newest CANDIDATES matches, newest by day: as (oldest, newest) of their ids, and the
    set of them when other ids lie between those two (None when every match between is one).

    Entries are numbered as they are written, so the highest numbers are nearly always the
    newest days, and the matches are read in that order from the index alone. An import of
    older history is the exception; then, and only then, the days are read to choose them."""
    window: list[int] = []
    for (seq,) in db.execute("SELECT rowid FROM entries_fts WHERE entries_fts MATCH ? "
                             "ORDER BY rowid DESC", [match]):
        if seq not in trashed and (in_range is None or seq in in_range):
            window.append(seq)
            if len(window) == CANDIDATES:
                break
    if len(window) < CANDIDATES:
        return 0, window[0] if window else -1, None  # every match is ranked
    low = window[-1]
    days = [since or "0000-00-00", until or "9999-99-99"]
    (first_day,) = db.execute("SELECT min(day) FROM entries INDEXED BY entries_seq_day "
                              "WHERE seq >= ?", [low]).fetchone()
    # an entry of a later day written before them (a day before is older, and so is one of the
    # same day written before)
    written_before = db.execute(
        "SELECT 1 FROM entries WHERE deleted_at IS NULL AND day > ? AND day <= ? AND seq < ? "
        "LIMIT 1", [max(first_day, days[0]), days[1], low]).fetchone()
    if written_before is None:  # none: the window holds the newest matches
        return low, window[0], None
    matching = {seq for (seq,) in db.execute(
        "SELECT rowid FROM entries_fts WHERE entries_fts MATCH ?", [match])}
    chosen: set[int] = set()
    for (seq,) in db.execute("SELECT seq FROM entries WHERE deleted_at IS NULL AND day BETWEEN "
                             "? AND ? ORDER BY day DESC, seq DESC", days):
        if seq in matching:
            chosen.add(seq)
            if len(chosen) == CANDIDATES:
                break
    return min(chosen), max(chosen), chosen


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
