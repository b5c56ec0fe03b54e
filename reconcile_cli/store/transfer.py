"""Export (a stream of records) and import (merging records in by the merge rule)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reconcile_cli import sqlerrors
from reconcile_cli.db import Journal
from reconcile_cli.models import Entry, ExportRecord, Mark, Tombstone
from reconcile_cli.store.checklist import items
from reconcile_cli.store.entries import ENTRY_COLUMNS
from reconcile_cli.store.goals import export_goals
from reconcile_cli.store.letters import letters
from reconcile_cli.store.support import export_support
from reconcile_cli.store.tombstones import add as add_tombstone
from reconcile_cli.store.tombstones import (
    all_tombstones,
    delete_for_good,
    is_tombstoned,
    optimize_search_index,
)
from reconcile_cli.store.vision import versions


def export_records(db: Journal, since: str | None, until: str | None) -> Iterator[ExportRecord]:
    """("item" | "tombstone" | "entry" | "mark" | "setting", model or (key, value)) in export
    order, streamed: items, tombstones, then entries and marks day by day, then settings. Trashed
    entries are included; tombstones, which have no day, are always all included."""
    import heapq

    for item in items(db, include_retired=True):
        yield "item", item
    for tombstone in all_tombstones(db):  # before entries: an importer meets them first
        yield "tombstone", tombstone
    clauses, params = ["day >= ?", "day <= ?"], [since or "0000-00-00", until or "9999-99-99"]
    where = " AND ".join(clauses)
    entries: Iterator[tuple[str, Entry | Mark]]
    marks: Iterator[tuple[str, Entry | Mark]]
    entries = (("entry", Entry(*row[:-1])) for row in db.conn.execute(
        f"SELECT {ENTRY_COLUMNS}, 0 FROM entries WHERE {where} ORDER BY day, created_at, id",
        params))
    marks = (("mark", Mark(*row)) for row in db.conn.execute(
        f"SELECT day, item, status, note, updated_at FROM marks WHERE {where} ORDER BY day, item",
        params))
    # Entries before marks within a day; both cursors stream, so memory stays flat.
    yield from heapq.merge(entries, marks, key=lambda pair: (pair[1].day, pair[0] == "mark"))
    for key, value in db.execute("SELECT key, value FROM settings ORDER BY key"):
        yield "setting", (key, value)
    for person in export_support(db):
        yield "support", person
    for letter in reversed(letters(db)):  # oldest first, like entries
        yield "letter", letter
    for saved in versions(db):
        yield "vision", saved
    yield from export_goals(db)
    for row in db.execute("SELECT id, start, until, reason, created_at FROM pauses "
                          "ORDER BY start"):
        yield "pause", dict(zip(("id", "start", "until", "reason", "created_at"), row,
                                strict=True))


MERGE_KEYS = {"item": ("items", ("slug",), None), "entry": ("entries", ("id",), "updated_at"),
              "mark": ("marks", ("day", "item"), "updated_at"),
              "setting": ("settings", ("key",), None), "support": ("support", ("name",), None),
              "letter": ("letters", ("id",), "updated_at"), "vision": ("vision", ("id",), None),
              "goal": ("goals", ("id",), None), "step": ("steps", ("id",), None),
              "step_done": ("steps_done", ("step", "day"), None),
              "pause": ("pauses", ("id",), None)}


class Merger:
    """Merges imported records inside the caller's transaction.

    New entries are indexed for search in one pass at the end rather than by a trigger per row
    (3-4 times faster). The insert trigger is dropped meanwhile and recreated from its own SQL;
    both are DDL inside the transaction, so a failed import leaves everything as it was.
    """

    def __init__(self, db: Journal, now: str):
        self.db = db
        self.now = now
        self.deleted_here = 0  # entries deleted for good because a tombstone came in

    def __enter__(self) -> Merger:
        conn = self.db.conn
        (self.trigger_sql,) = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'entries_ai'"
        ).fetchone()
        self.first_new = conn.execute("SELECT coalesce(max(seq), 0) FROM entries").fetchone()[0]
        conn.execute("DROP TRIGGER entries_ai")
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        if exc_type is None:
            self.db.conn.execute("INSERT INTO entries_fts (rowid, body) SELECT seq, body "
                                 "FROM entries WHERE seq > ?", [self.first_new])
            self.db.conn.execute(self.trigger_sql)
            if self.deleted_here:
                optimize_search_index(self.db)

    def merge(self, kind: str, record: dict[str, Any]) -> str:
        """Add or update one record by the merge rule: "added", "updated", "unchanged", or
        "skipped" (an entry deleted for good here, a setting that names a program)."""
        from reconcile_cli.settings import SETTINGS

        if kind == "tombstone":
            return self._tombstone(Tombstone(record["id"], record["deleted_at"]))
        if kind == "setting" and not SETTINGS[record["key"]].importable:
            return "skipped"
        if kind in ("entry", "letter") and is_tombstoned(self.db, record["id"]):
            return "skipped"
        if kind == "vision":
            record = self._vision_number(record)
        try:
            return self._merge(kind, record)
        except sqlerrors.IntegrityError + (OverflowError,) as exc:
            raise ValueError(f"it cannot be stored ({exc})") from None

    def _vision_number(self, record: dict[str, Any]) -> dict[str, Any]:
        """Versions are merged by id; one saved on another computer under a number taken here
        goes after the last one here (the text is kept whole, only its number moves)."""
        conn = self.db.conn
        if conn.execute("SELECT 1 FROM vision WHERE id = ?", [record["id"]]).fetchone():
            row = conn.execute("SELECT version FROM vision WHERE id = ?", [record["id"]]
                               ).fetchone()
            return {**record, "version": row[0]}
        if conn.execute("SELECT 1 FROM vision WHERE version = ?", [record["version"]]).fetchone():
            last = conn.execute("SELECT max(version) FROM vision").fetchone()[0]
            return {**record, "version": last + 1}
        return record

    def _tombstone(self, tombstone: Tombstone) -> str:
        row = self.db.execute("SELECT seq FROM entries WHERE id = ?", [tombstone.id]).fetchone()
        if row and row[0] > self.first_new:
            raise ValueError(f"entry {tombstone.id} is in the file together with its tombstone")
        outcome = add_tombstone(self.db, tombstone)
        letter = self.db.execute("SELECT id, body FROM letters WHERE id = ?",
                                 [tombstone.id]).fetchone()
        if letter:  # a letter let go on the other computer: let go here too
            from reconcile_cli.store.letters import find_letter, let_go

            let_go(self.db, find_letter(self.db, tombstone.id), self.now)
        if row:
            self.deleted_here += delete_for_good(self.db, [tombstone.id], self.now,
                                                 only_trashed=False, optimize=False)
        return outcome

    def _merge(self, kind: str, record: dict[str, Any]) -> str:
        from reconcile_cli.interchange import resolve

        conn = self.db.conn
        table, keys, stamp = MERGE_KEYS[kind]
        if kind == "mark" and not conn.execute(
                "SELECT 1 FROM items WHERE slug = ?", [record["item"]]).fetchone():
            raise ValueError(f"mark for '{record['item']}', which is not an item of this journal "
                             "or of the file")
        where = " AND ".join(f"{key} = ?" for key in keys)
        columns = ", ".join(record)
        extra = ", seq" if kind == "entry" else ""
        row = conn.execute(f"SELECT {columns}{extra} FROM {table} WHERE {where}",
                           [record[key] for key in keys]).fetchone()
        if row and kind == "entry" and row[-1] > self.first_new:
            raise ValueError(f"entry {record['id']} appears twice in the file")
        existing = dict(zip(record, row, strict=False)) if row else None
        outcome = resolve(existing, record, stamp)
        if outcome == "added":
            # A plain INSERT: sqlite-utils' insert() introspects the table on every call.
            conn.execute(f"INSERT INTO {table} ({columns}) VALUES "
                         f"({', '.join('?' * len(record))})", list(record.values()))
        elif outcome == "updated":
            assignments = ", ".join(f"{column} = ?" for column in record if column not in keys)
            conn.execute(f"UPDATE {table} SET {assignments} WHERE {where}",
                         [value for column, value in record.items() if column not in keys]
                         + [record[key] for key in keys])
        return outcome
