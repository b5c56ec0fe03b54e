"""Entries: adding, finding, listing, changing, the trash."""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator

from reconcile_cli.core import errors
from reconcile_cli.core.models import Entry
from reconcile_cli.journal.db import Journal
from reconcile_cli.store import rows

ENTRY_COLUMNS = ("id, day, created_at, updated_at, kind, prompt, body, mood, deleted_at, starred, "
                 "copy_of, edited_at")


def add_entry(
    db: Journal,
    *,
    day: str,
    now: str,
    zone: str | None = None,
    kind: str = "journal",
    body: str = "",
    mood: int | None = None,
    prompt: str | None = None,
) -> Entry:
    entry = Entry(
        id=str(uuid.uuid4()),
        day=day,
        created_at=now,
        updated_at=now,
        kind=kind,
        prompt=prompt,
        body=body,
        mood=mood,
    )
    rows.insert(db, "entries", {**entry.to_dict(), "zone": zone})
    return entry


def get_entry(db: Journal, entry_id: str) -> Entry:
    row = db.execute(f"SELECT {ENTRY_COLUMNS} FROM entries WHERE id = ?", [entry_id]).fetchone()
    if row is None:
        raise errors.InvalidInput(f"There is no entry {entry_id[:8]}.")
    return Entry(*row)


def entries_on(db: Journal, day: str) -> list[Entry]:
    rows = db.execute(
        f"SELECT {ENTRY_COLUMNS} FROM entries WHERE day = ? AND deleted_at IS NULL ORDER BY seq",
        [day],
    ).fetchall()
    return [Entry(*row) for row in rows]


MIN_ID_PREFIX = 4
LOG_PAGE = 200  # entries read at once by log_entries


def find_entry(db: Journal, prefix: str, *, trashed: bool = False) -> Entry:
    """The one entry whose id starts with ``prefix`` (dashes optional), in or out of the trash."""
    typed = prefix.strip().lower()
    hexits = typed.replace("-", "")
    if any(c not in "0123456789abcdef" for c in hexits):
        raise errors.InvalidInput(
            f"There is no entry '{prefix}': entry ids are made of the digits 0-9 and the "
            "letters a-f, as `reconcile log` shows them."
        )
    if len(hexits) < MIN_ID_PREFIX:
        raise errors.InvalidInput(
            f"'{prefix}' is too short to find an entry: give at least {MIN_ID_PREFIX} of its "
            "characters, as `reconcile log` shows them."
        )
    dashed = "-".join(filter(None, (hexits[:8], hexits[8:12], hexits[12:16], hexits[16:20],
                                    hexits[20:])))
    where = "deleted_at IS NOT NULL" if trashed else "deleted_at IS NULL"
    rows = db.execute(
        f"SELECT {ENTRY_COLUMNS} FROM entries WHERE id >= ? AND id < ? AND {where} LIMIT 2",
        [dashed, dashed + "\uffff"],
    ).fetchall()
    if len(rows) > 1:
        raise errors.InvalidInput(f"More than one entry starts with '{prefix}'; give more of it.")
    if not rows:
        elsewhere = db.execute(
            f"SELECT 1 FROM entries WHERE id >= ? AND id < ? AND NOT ({where}) LIMIT 1",
            [dashed, dashed + "\uffff"],
        ).fetchone()
        if elsewhere and not trashed:
            raise errors.InvalidInput(
                f"Entry {prefix} is in the trash; `reconcile restore {prefix}` brings it back.")
        where_not = "in the trash" if trashed else "in your journal"
        raise errors.InvalidInput(f"There is no entry {prefix} {where_not}.")
    return Entry(*rows[0])


def log_entries(
    db: Journal,
    *,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    kind: str | None = None,
    mood_below: int | None = None,
    mood_above: int | None = None,
    starred: bool = False,
) -> Iterator[Entry]:
    """Entries newest first, filtered (index on day, LIMIT), read a page at a time as they are
    used: the whole journal can be streamed through this without holding it in memory, and no
    statement stays open between pages, so a log left open in the pager never holds the read
    lock that would keep another command from saving."""
    clauses, params = ["deleted_at IS NULL"] + (["starred = 1"] if starred else []), []
    for clause, value in (("day >= ?", since), ("day <= ?", until), ("kind = ?", kind),
                          ("mood < ?", mood_below), ("mood > ?", mood_above)):
        if value is not None:
            clauses.append(clause)
            params.append(value)
    where = " AND ".join(clauses)
    left = limit
    after: tuple[str, int] | None = None  # (day, seq) of the last entry given
    while left is None or left > 0:
        page = LOG_PAGE if left is None else min(LOG_PAGE, left)
        before = " AND (day, seq) < (?, ?)" if after else ""
        rows = db.execute(f"SELECT {ENTRY_COLUMNS}, seq FROM entries WHERE {where}{before} "
                          "ORDER BY day DESC, seq DESC LIMIT ?",
                          [*params, *(after or ()), page]).fetchall()
        yield from (Entry(*row[:-1]) for row in rows)
        if len(rows) < page:
            return
        after = (rows[-1][1], rows[-1][-1])
        if left is not None:
            left -= len(rows)


def update_entry(db: Journal, entry: Entry, now: str, **fields: str | int | None) -> Entry:
    """Change some fields of an entry; the others stay exactly as they were."""
    assignments = ", ".join(f"{name} = ?" for name in fields)
    db.execute(f"UPDATE entries SET {assignments}, updated_at = ? WHERE id = ?",
               [*fields.values(), now, entry.id])
    return get_entry(db, entry.id)


def trashed_entries(db: Journal) -> list[Entry]:
    rows = db.execute(
        f"SELECT {ENTRY_COLUMNS} FROM entries WHERE deleted_at IS NOT NULL "
        "ORDER BY deleted_at DESC"
    ).fetchall()
    return [Entry(*row) for row in rows]


def days_with_entries(db: Journal, start: str, end: str) -> list[dt.date]:
    rows = db.execute(
        "SELECT DISTINCT day FROM entries WHERE day BETWEEN ? AND ? AND deleted_at IS NULL",
        [start, end],
    )
    return [dt.date.fromisoformat(day) for (day,) in rows]


def set_starred(db: Journal, entry: Entry, starred: bool, now: str) -> None:
    """Star or unstar. updated_at moves, so an older copy of the entry imported later does
    not take the star away (or give it back)."""
    db.execute("UPDATE entries SET starred = ?, updated_at = ? WHERE id = ?",
               [int(starred), now, entry.id])


def starred_lines(db: Journal) -> list[Entry]:
    return [Entry(*row) for row in db.execute(
        f"SELECT {ENTRY_COLUMNS} FROM entries WHERE starred = 1 AND deleted_at IS NULL "
        "ORDER BY day, seq")]


def gratitude_lines(db: Journal) -> list[tuple[str, str]]:
    """(day, line) of every line of every gratitude entry, oldest first."""
    return [(day, line.strip()) for day, body in db.execute(
        "SELECT day, body FROM entries WHERE kind = 'gratitude' AND deleted_at IS NULL "
        "ORDER BY day, seq") for line in body.splitlines() if line.strip()]


def latest_answer(db: Journal, prompt: str) -> Entry | None:
    row = db.execute(f"SELECT {ENTRY_COLUMNS} FROM entries WHERE prompt = ? AND "
                     "deleted_at IS NULL AND trim(body) != '' ORDER BY day DESC, seq DESC LIMIT 1",
                     [prompt]).fetchone()
    return Entry(*row) if row else None
