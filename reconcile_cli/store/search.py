"""Full-text search (FTS5) over entries and the notes written about slips."""

from __future__ import annotations

import re

from reconcile_cli.core import errors
from reconcile_cli.core.models import Entry, Found
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
) -> list[Found]:
    """Best matches first (bm25) among the newest CANDIDATES entries that match, and among the
    notes written about slips: each with a snippet whose hits are wrapped in \ue000/\ue001."""
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
        ranked = db.execute("SELECT rowid, bm25(entries_fts) FROM entries_fts WHERE entries_fts "
                            "MATCH ? AND rowid BETWEEN ? AND ? ORDER BY bm25(entries_fts)",
                            [match, oldest, newest])
        shown: list[tuple[int, float]] = []
        for seq, score in ranked:
            if len(shown) >= limit:
                break
            if seq not in trashed and (in_range is None or seq in in_range) and (
                    only is None or seq in only):
                shown.append((seq, score))
        ranked.close()
        columns = ", ".join(f"e.{c}" for c in ENTRY_COLUMNS.split(", "))
        found = {}
        seqs = [seq for seq, _ in shown]
        for start in range(0, len(seqs), 500):  # within SQLite's limit on parameters
            chunk = seqs[start:start + 500]
            found.update({row[-1]: row[:-1] for row in db.execute(
                f"SELECT {columns}, e.seq FROM entries e WHERE e.seq IN "
                f"({', '.join('?' * len(chunk))})", chunk)})
        hits = []
        for seq, score in shown:
            entry = Entry(*found[seq])
            marked, cut = _marked(db, match, seq, entry.body)
            hits.append(Found(entry.day, snippet(marked, more_after=cut), score, entry=entry))
        hits += _slip_notes(db, match, since, until, limit)
    except sqlerrors.OperationalError as exc:
        if "fts5" in str(exc) or "syntax" in str(exc):
            hint = ("leave out --raw to search for the words as typed" if raw
                    else "try other words")
            raise errors.InvalidInput(
                f"That search is not valid FTS5 syntax ({exc}); {hint}."
            ) from None
        raise
    hits.sort(key=lambda hit: hit.score)  # slip notes among the entries, by the same measure
    return hits[:limit]


def _slip_notes(db: Journal, match: str, since: str | None, until: str | None,
                limit: int) -> list[Found]:
    """The notes written about slips that match, best first, with the words they are about."""
    labels = dict(db.execute("SELECT slug, label FROM items"))
    return [Found(day, snippet(marked), score, item=item, label=labels.get(item, item))
            for day, item, marked, score in db.execute(
                "SELECT day, item, highlight(notes_fts, 0, char(57344), char(57345)), "
                "bm25(notes_fts) FROM notes_fts WHERE notes_fts MATCH ? AND day >= ? AND day <= ? "
                "ORDER BY bm25(notes_fts) LIMIT ?",
                [match, since or "0000-00-00", until or "9999-99-99", limit])]


WINDOW = 8_000  # characters of a long entry highlighted at first (then 8, 64... times more)


def _marked(db: Journal, match: str, seq: int, body: str) -> tuple[str, bool]:
    """The entry's text with its hits marked, and whether it was cut short.

    FTS5's highlight() reads the whole entry: for one of a megabyte full of hits, most of a
    second. A long entry is marked in a window from its start instead, grown until it holds a
    hit, in a small index of its own made in memory with the same tokenizer: what it costs
    depends on where the first hits are, not on the length of the entry."""
    if len(body) > WINDOW:
        import sqlite3

        scratch = sqlite3.connect(":memory:")
        try:
            scratch.execute("CREATE VIRTUAL TABLE piece USING fts5(body, "
                            "tokenize='porter unicode61')")
            size = WINDOW
            while size < len(body):
                cut = max(body.rfind(space, 0, size) for space in " \n\t")
                piece = body[:cut if cut > 0 else size]
                scratch.execute("DELETE FROM piece")
                scratch.execute("INSERT INTO piece (body) VALUES (?)", [piece])
                row = scratch.execute("SELECT highlight(piece, 0, char(57344), char(57345)) "
                                      "FROM piece WHERE piece MATCH ?", [match]).fetchone()
                if row is not None and OPEN in row[0]:
                    return row[0], True
                size *= 8
        except sqlite3.Error:
            pass  # a query only the whole entry answers: marked whole, below
        finally:
            scratch.close()
    (marked,) = db.execute(
        "SELECT highlight(entries_fts, 0, char(57344), char(57345)) FROM entries_fts "
        "WHERE entries_fts MATCH ? AND rowid = ?", [match, seq]).fetchone()
    return marked, False


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
LINE_BREAK = "\ue002"  # where a line ended: shown as " / "


def snippet(marked: str, width: int = SNIPPET_WORDS, more_after: bool = False) -> str:
    """About ``width`` words of ``marked`` (a text whose hits are between OPEN and CLOSE): those
    around the closest cluster of hits, with "…" where text was left out (``more_after``: the
    text went on after ``marked``) and " / " where a line ended. Linear in the text."""
    words: list[str] = []
    for line in marked.split("\n"):
        parts = line.split()
        if parts and words:
            words.append(LINE_BREAK)
        words += parts
    hits = [n for n, word in enumerate(words) if OPEN in word]
    start, best = 0, 0
    first = 0
    for last, position in enumerate(hits):  # the window of width words holding most hits
        while position - hits[first] >= width:
            first += 1
        if last - first + 1 > best:
            best, start = last - first + 1, hits[first]
    start = max(0, min(start - 2, len(words) - width))  # a little of what came before
    end = start + width
    while start < end and words[start] == LINE_BREAK:
        start += 1
    while end > start and words[min(end, len(words)) - 1] == LINE_BREAK:
        end -= 1
    piece = " ".join(words[start:end]).replace(LINE_BREAK, "/")
    if piece.count(OPEN) > piece.count(CLOSE):
        piece += CLOSE
    if piece.count(CLOSE) > piece.count(OPEN):
        piece = OPEN + piece
    return ("…" if start > 0 else "") + piece + (
        "…" if end < len(words) or more_after else "")
