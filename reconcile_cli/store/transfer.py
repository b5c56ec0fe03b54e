"""Export (a stream of records) and import (merging records in by the merge rule)."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from reconcile_cli.core.dates import instant
from reconcile_cli.core.errors import BadRecord
from reconcile_cli.core.models import Entry, ExportRecord, Mark, Tombstone
from reconcile_cli.journal import sqlerrors
from reconcile_cli.journal.db import Journal
from reconcile_cli.store.checklist import items
from reconcile_cli.store.checkpoints import clear_checkpoint
from reconcile_cli.store.entries import ENTRY_COLUMNS
from reconcile_cli.store.goals import export_goals
from reconcile_cli.store.letters import all_letters
from reconcile_cli.store.prompts import export_prompts
from reconcile_cli.store.support import export_support
from reconcile_cli.store.tombstones import (
    add as add_tombstone,
    all_tombstones,
    delete_for_good,
    is_tombstoned,
    optimize_search_index,
)
from reconcile_cli.store.vision import versions


def _rows_in(conn: Any, sql: str, values: list[Any]) -> Iterator[tuple[Any, ...]]:
    """The rows of ``sql`` (whose "IN ({})" takes the values) for many values, in chunks within
    SQLite's limit on parameters."""
    for start in range(0, len(values), 500):
        chunk = values[start:start + 500]
        yield from conn.execute(sql.format(", ".join("?" * len(chunk))), chunk)


def _same_columns(records: Iterable[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Records grouped by the columns they carry (one statement per group)."""
    groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for record in records:
        groups.setdefault(tuple(record), []).append(record)
    return list(groups.values())


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
    for letter in reversed(all_letters(db)):  # oldest first, like entries
        yield "letter", letter
    for saved in versions(db):
        yield "vision", saved
    yield from export_goals(db)
    for row in db.execute("SELECT id, start, until, reason, created_at FROM pauses "
                          "ORDER BY start"):
        yield "pause", dict(zip(("id", "start", "until", "reason", "created_at"), row,
                                strict=True))
    yield from export_prompts(db)


def entry_zones(db: Journal, since: str | None, until: str | None) -> dict[str, str]:
    """{entry id: the IANA time zone it was written in} for the entries that know theirs."""
    return dict(db.conn.execute(
        "SELECT id, zone FROM entries WHERE zone IS NOT NULL AND day >= ? AND day <= ?",
        [since or "0000-00-00", until or "9999-99-99"]))


MERGE_KEYS = {"item": ("items", ("slug",), None), "entry": ("entries", ("id",), "updated_at"),
              "mark": ("marks", ("day", "item"), "updated_at"),
              "setting": ("settings", ("key",), None), "support": ("support", ("name",), None),
              "letter": ("letters", ("id",), "updated_at"), "vision": ("vision", ("id",), None),
              "goal": ("goals", ("id",), None), "step": ("steps", ("id",), None),
              "step_done": ("steps_done", ("step", "day"), None),
              "pause": ("pauses", ("id",), None), "prompt": ("own_prompts", ("slug",), None)}


BATCH = 2000  # entries or marks resolved and written together


class Merger:
    """Merges imported records inside the caller's transaction, and counts what it did.

    Entries and checklist answers, the bulk of a file, are merged a batch at a time: one query
    finds those already here, then the new and the changed are written with one statement each.
    The outcome is what merging them one by one gives, duplicates within the file included
    (a test compares them). Any other record first writes out what is waiting, so records still
    meet the journal in the file's order.

    New entries are indexed for search in one pass at the end rather than by a trigger per row
    (3-4 times faster). The insert trigger is dropped meanwhile and recreated from its own SQL;
    both are DDL inside the transaction, so a failed import leaves everything as it was.
    """

    def __init__(self, db: Journal, now: str):
        self.db = db
        self.now = now
        self.deleted_here = 0  # entries deleted for good because a tombstone came in
        self.counts: dict[str, Counter[str]] = defaultdict(Counter)
        self.waiting: dict[str, list[tuple[int, dict[str, Any]]]] = {"entry": [], "mark": []}
        self.slugs: set[str] | None = None  # the items here, read when first needed

    # Triggers that would fire once per new entry or mark: the search index's and undo's
    # record of each new row, done for the whole batch instead, and the streak checkpoint's,
    # which is cleared once for the whole import.
    BY_THE_BATCH = ("entries_ai", "entries_undo_insert", "marks_undo_insert",
                    "entries_checkpoint_ai", "marks_checkpoint_ai")

    def __enter__(self) -> Merger:
        conn = self.db.conn
        self.triggers = [sql for (sql,) in conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN "
            f"({', '.join('?' * len(self.BY_THE_BATCH))}) ORDER BY name", self.BY_THE_BATCH)]
        self.first_new = conn.execute("SELECT coalesce(max(seq), 0) FROM entries").fetchone()[0]
        for name in self.BY_THE_BATCH:
            conn.execute(f"DROP TRIGGER {name}")
        clear_checkpoint(self.db)  # the next week makes it again from what was imported
        return self

    def __exit__(self, exc_type: type[BaseException] | None, *_: object) -> None:
        if exc_type is None:
            self.write_waiting()
            self.db.conn.execute("INSERT INTO entries_fts (rowid, body) SELECT seq, body "
                                 "FROM entries WHERE seq > ?", [self.first_new])
            for sql in self.triggers:
                self.db.conn.execute(sql)
            if self.deleted_here:
                optimize_search_index(self.db)

    def _record_new_rows(self, table: str, after: int) -> None:
        """What undo's insert trigger records for each row, for every row added after rowid
        ``after``, in one statement (see migrations._undo_triggers)."""
        pk = "json_object('seq', seq)" if table == "entries" else \
            "json_object('day', day, 'item', item)"
        self.db.conn.execute(
            f"INSERT INTO change_rows (change, tbl, pk, before) SELECT (SELECT seq FROM "
            f"change_open), '{table}', {pk}, NULL FROM {table} WHERE rowid > ? "
            "AND EXISTS (SELECT 1 FROM change_open) ORDER BY rowid", [after])

    def merge(self, number: int, kind: str, record: dict[str, Any]) -> None:
        """Merge one record (read at line ``number``) by the merge rule, counting it "added",
        "updated", "unchanged", or "skipped" (an entry deleted for good here, a setting that
        names a program); BadRecord when it cannot be stored."""
        if kind in self.waiting:
            self.waiting[kind].append((number, record))
            if len(self.waiting[kind]) >= BATCH:
                self.write_waiting()
            return
        self.write_waiting()
        try:
            self.counts[kind][self._merge_one(kind, record)] += 1
        except ValueError as exc:
            raise BadRecord(number, f"{kind}: {exc}") from None

    def _merge_one(self, kind: str, record: dict[str, Any]) -> str:
        from reconcile_cli.core.settings import SETTINGS

        if kind == "tombstone":
            return self._tombstone(Tombstone(record["id"], record["deleted_at"]))
        if kind == "setting" and not SETTINGS[record["key"]].importable:
            return "skipped"
        if kind == "letter" and is_tombstoned(self.db, record["id"]):
            return "skipped"
        if kind == "vision":
            record = self._vision_number(record)
        if kind == "item":
            self.slugs = None
        try:
            return self._merge(kind, record)
        except sqlerrors.IntegrityError + (OverflowError,) as exc:
            raise ValueError(f"it cannot be stored ({exc})") from None

    def write_waiting(self) -> None:
        """Merge the entries and answers waiting in batches (BadRecord for a refused one)."""
        for kind in ("entry", "mark"):
            waiting, self.waiting[kind] = self.waiting[kind], []
            if waiting:
                self._merge_batch(kind, waiting)

    def _merge_batch(self, kind: str, waiting: list[tuple[int, dict[str, Any]]]) -> None:
        """Merge many entries or marks as merging them one by one in this order would."""

        conn = self.db.conn
        table, keys, stamp = MERGE_KEYS[kind]
        if kind == "entry":
            ids = [record["id"] for _, record in waiting]
            gone = {row[0] for row in _rows_in(conn, "SELECT id FROM tombstones WHERE id IN ({})",
                                               ids)}
            here = {row[0]: row for row in _rows_in(
                conn, f"SELECT {ENTRY_COLUMNS}, zone, seq FROM entries WHERE id IN ({{}})", ids)}
            columns = [*ENTRY_COLUMNS.split(", "), "zone"]  # other tools' entries carry a zone
        if self.slugs is None:
            self.slugs = {slug for (slug,) in conn.execute("SELECT slug FROM items")}
        slugs = self.slugs
        if kind == "mark":
            days = sorted({record["day"] for _, record in waiting})
            here = {(row[0], row[1]): row for row in _rows_in(
                conn, "SELECT day, item, status, note, updated_at, 0 FROM marks "
                "WHERE day IN ({})", days)}
            columns = ["day", "item", "status", "note", "updated_at"]
            gone = set()
        # what each key holds as the batch goes: the row here, then each record that wins it
        holding: dict[Any, dict[str, Any]] = {}
        new: dict[Any, dict[str, Any]] = {}
        changed: dict[Any, dict[str, Any]] = {}
        for number, record in waiting:
            key = tuple(record[k] for k in keys) if kind == "mark" else record["id"]
            try:
                if kind == "entry" and key in gone:
                    self.counts[kind]["skipped"] += 1
                    continue
                if kind == "mark" and record["item"] not in slugs:
                    raise ValueError(f"mark for '{record['item']}', which is not an item of "
                                     "this journal or of the file")
                if kind == "entry" and (key in new or (
                        key in here and here[key][-1] > self.first_new)):
                    raise ValueError(f"entry {record['id']} appears twice in the file")
                if key not in holding and key in here:
                    holding[key] = dict(zip(columns, here[key], strict=False))
                existing = holding.get(key)
                outcome = resolve({c: existing.get(c) for c in record} if existing else None,
                                  record, stamp)
            except ValueError as exc:
                raise BadRecord(number, f"{kind}: {exc}") from None
            self.counts[kind][outcome] += 1
            if outcome == "unchanged":
                continue
            holding[key] = {**(existing or {}), **record}
            writes = changed if key in here else new  # an UPDATE of a row here, or an INSERT
            writes[key] = {**writes.get(key, {}), **record}
        try:
            (last,) = conn.execute(f"SELECT coalesce(max(rowid), 0) FROM {table}").fetchone()
            for records in _same_columns(new.values()):
                names = list(records[0])
                conn.executemany(f"INSERT INTO {table} ({', '.join(names)}) VALUES "
                                 f"({', '.join('?' * len(names))})",
                                 [[record[name] for name in names] for record in records])
            self._record_new_rows(table, last)
            for records in _same_columns(changed.values()):
                names = [name for name in records[0] if name not in keys]
                conn.executemany(
                    f"UPDATE {table} SET {', '.join(f'{name} = ?' for name in names)} "
                    f"WHERE {' AND '.join(f'{key} = ?' for key in keys)}",
                    [[record[name] for name in names] + [record[key] for key in keys]
                     for record in records])
        except sqlerrors.IntegrityError + (OverflowError,) as exc:
            number = self._culprit(kind, waiting)
            raise BadRecord(number, f"{kind}: it cannot be stored ({exc})") from None

    def _culprit(self, kind: str, waiting: list[tuple[int, dict[str, Any]]]) -> int:
        """The line of the first record of a batch the journal refuses (found one by one in a
        savepoint, so the batch is told apart from the rest; the import is refused anyway)."""
        conn = self.db.conn
        table, _, _ = MERGE_KEYS[kind]
        for number, record in waiting:
            conn.execute("SAVEPOINT culprit")
            try:
                conn.execute(f"INSERT OR REPLACE INTO {table} ({', '.join(record)}) VALUES "
                             f"({', '.join('?' * len(record))})", list(record.values()))
            except sqlerrors.IntegrityError + (OverflowError,):
                return number
            finally:
                conn.execute("ROLLBACK TO culprit")
                conn.execute("RELEASE culprit")
        return waiting[0][0]

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


def resolve(existing: dict[str, Any] | None, incoming: dict[str, Any], stamp: str | None) -> str:
    """What a merge does with one record: "added", "updated" or "unchanged".

    Where both sides have a record, the later ``stamp`` (updated_at) wins; on a tie, or for
    records without one, the incoming side wins, so that importing A into B and then B into A
    leaves both the same.
    """
    if existing is None:
        return "added"
    if all(existing.get(key) == value for key, value in incoming.items()):
        return "unchanged"
    if stamp is not None and instant(existing[stamp]) > instant(incoming[stamp]):
        return "unchanged"
    return "updated"
